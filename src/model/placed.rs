//! A placement as the API returns it (api.md `placement`): each instance's type, zone, tasks per
//! service, daemons and what is left, and the tasks not placed. The plan and the CAS step both give
//! one, so it sits below both.

use serde::Serialize;

use super::capacity::Offer;
use super::packing::{Inst, Placement, Reason};
use super::scenario::Scenario;

/// A count of one service's tasks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TaskCount {
    /// Service name, shared: 10,000 instances of 100 services each name every service, and a
    /// String each was a million allocations (a tenth of a million-task plan in the browser).
    pub service: std::rc::Rc<str>,
    /// Tasks.
    pub count: u64,
}

/// One instance of a placement.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlacedOut {
    /// Index, from 0.
    pub index: usize,
    /// Type name.
    #[serde(rename = "type")]
    pub type_name: String,
    /// Zone letter, "a".
    pub az: String,
    /// Tasks per service.
    pub tasks: Vec<TaskCount>,
    /// Daemon names.
    pub daemons: Vec<String>,
    /// CPU units left.
    pub free_cpu: u64,
    /// MiB left.
    #[serde(rename = "freeMemoryMiB")]
    pub free_memory_mib: u64,
    /// ENIs left for awsvpc tasks.
    pub free_enis: u64,
}

/// Tasks not placed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UnplacedOut {
    /// Service name.
    pub service: String,
    /// How many.
    pub count: u64,
    /// "instance-cap" | "no-capacity" | "does-not-fit".
    pub reason: Reason,
}

/// A placement as the API returns it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlacementOut {
    /// Instances in index order.
    pub instances: Vec<PlacedOut>,
    /// What was not placed.
    pub unplaced: Vec<UnplacedOut>,
}

/// The zone letter of a zone index.
pub fn az_letter(az: u32) -> String {
    char::from(b'a' + (az.min(25) as u8)).to_string()
}

/// The API form of a placement.
pub fn placement_out(s: &Scenario, offers: &[Offer], p: &Placement) -> PlacementOut {
    let names: Vec<std::rc::Rc<str>> = s.services.iter().map(|x| x.name.as_str().into()).collect();
    let shared = |i: usize| names.get(i).cloned().unwrap_or_else(|| "".into());
    let name = |i: usize| {
        s.services
            .get(i)
            .map_or_else(String::new, |x| x.name.clone())
    };
    let daemons: Vec<String> = s.daemons.iter().map(|d| d.name.clone()).collect();
    PlacementOut {
        instances: p
            .instances
            .iter()
            .enumerate()
            .map(|(index, i): (usize, &Inst)| PlacedOut {
                index,
                type_name: offers
                    .get(i.type_index)
                    .map_or_else(String::new, |o| o.instance.name.clone()),
                az: az_letter(i.az),
                tasks: i
                    .tasks
                    .iter()
                    .map(|&(svc, count)| TaskCount {
                        service: shared(svc),
                        count,
                    })
                    .collect(),
                daemons: daemons.clone(),
                free_cpu: i.free_cpu,
                free_memory_mib: i.free_memory,
                free_enis: i.free_enis,
            })
            .collect(),
        unplaced: p
            .unplaced
            .iter()
            .map(|u| UnplacedOut {
                service: name(u.service),
                count: u.count,
                reason: u.reason,
            })
            .collect(),
    }
}
