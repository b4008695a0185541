//! A capacity provider as the plan shows it (api.md "Additions of 2026-11-29"), apart from the
//! planning in `providers` so that the plan can hold it without importing its planner.

use serde::Serialize;

use super::cas::Headroom;
use super::cas_out::CasOut;
use super::placed::PlacementOut;

/// Tasks of each service by its name, in name order; a map in JSON.
pub type Counts = super::text_map::TextMap<u64>;

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
