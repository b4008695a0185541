//! A capacity provider as the plan shows it (api.md "Additions of 2026-11-29"), apart from the
//! planning in `providers` so that the plan can hold it without importing its planner.

use serde::{Serialize, Serializer};

use super::cas::Headroom;
use super::cas_out::CasOut;
use super::placed::PlacementOut;

/// Tasks of each service by its name, in name order; a map in JSON. A sorted list rather than a
/// `BTreeMap`: the page's wasm holds maps of three other value types already, and a fourth was
/// 2 KB of its code.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Counts(Vec<(String, u64)>);

impl Counts {
    /// Sets the count of service `name`.
    pub fn insert(&mut self, name: String, n: u64) {
        match self.0.binary_search_by(|(k, _)| k.as_str().cmp(&name)) {
            Ok(i) => {
                if let Some(x) = self.0.get_mut(i) {
                    x.1 = n;
                }
            }
            Err(i) => self.0.insert(i, (name, n)),
        }
    }

    /// The count of service `name`.
    pub fn get(&self, name: &str) -> Option<&u64> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, n)| n)
    }

    /// (service, count), in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &u64)> {
        self.0.iter().map(|(k, n)| (k, n))
    }

    /// The counts, in name order.
    pub fn values(&self) -> impl Iterator<Item = &u64> {
        self.0.iter().map(|(_, n)| n)
    }

    /// No service has a task here.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Counts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

/// The type Managed Instances picks for one service's tasks, and what a task costs on it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupType {
    /// The service.
    pub service: String,
    /// The catalog type picked for its tasks.
    pub instance_type: String,
    /// USD per task-month on it when the service's tasks are placed alone (instances, fee and
    /// discounts, x 730 / tasks): what the pick compares.
    pub monthly_per_task: f64,
}

/// One provider in the plan (api.md "Additions of 2026-11-29").
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderOut {
    /// Its name.
    pub name: String,
    /// "asg" | "fargate" | "fargate-spot".
    pub kind: &'static str,
    /// A Spot ASG.
    pub spot: bool,
    /// % off the On-Demand (or Fargate) price, for Spot (an input, never a quoted price).
    pub spot_discount: f64,
    /// Tasks of each service allocated to it (services with none left out).
    pub tasks: Counts,
    /// ASG: instances its placement opens.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instances_needed: Option<u64>,
    /// ASG: the type new instances launch as.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance_type: Option<String>,
    /// Managed Instances: the type picked for each service's tasks (each service's waiting
    /// tasks are a group; model.md section 9), in placement order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub instance_types: Vec<GroupType>,
    /// ASG: its placement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placement: Option<PlacementOut>,
    /// ASG: its Cluster Auto Scaling (its own N, M, reservation and decision).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cas: Option<CasOut>,
    /// ASG: its headroom.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headroom: Option<Headroom>,
    /// USD per hour: instances x price (x (1 - Spot discount)), or Fargate tasks x their size's
    /// price (x (1 - Spot discount)), x the price multiplier.
    pub hourly: f64,
    /// x 730.
    pub monthly: f64,
    /// What the same capacity costs a month at On-Demand (Fargate) prices.
    pub on_demand_monthly: f64,
    /// How the number was made.
    pub explanation: String,
    /// ASG: tasks that wait on it with no way to capacity, and that AWS does not move them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_fallback: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts keep name order whatever the order of insertion, a second insert replaces, and
    /// JSON reads them as the map they stand for.
    #[test]
    fn counts_are_a_map_in_name_order() {
        let mut c = Counts::default();
        for (k, n) in [("web", 3), ("api", 1), ("worker", 2), ("api", 4)] {
            c.insert(k.to_string(), n);
        }
        let names: Vec<&String> = c.iter().map(|(k, _)| k).collect();
        assert_eq!(names, ["api", "web", "worker"]);
        assert_eq!((c.get("api"), c.get("nope")), (Some(&4), None));
        assert_eq!(c.values().sum::<u64>(), 9);
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            r#"{"api":4,"web":3,"worker":2}"#
        );
    }
}
