//! One instance's anatomy (issue 9, point 16): for the chosen type, each resource from what AWS
//! sells down to what is left for tasks, every part with its number and where it goes.

use serde::Serialize;

use super::capacity::{MemorySource, Offer};

/// One part of a resource.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Part {
    /// A stable key ("daemons", "free"), also the chart's CSS class suffix.
    pub key: &'static str,
    /// What it is.
    pub label: &'static str,
    /// How much, in the resource's unit.
    pub amount: u64,
    /// Where the number comes from.
    pub how: String,
}

/// One resource of an instance, its parts adding up to `total`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Resource {
    /// "CPU", "Memory" or "ENIs".
    pub name: &'static str,
    /// "CPU units", "MiB" or "ENIs".
    pub unit: &'static str,
    /// What the type offers in all.
    pub total: u64,
    /// From the top: what the instance loses first, then what tasks get.
    pub parts: Vec<Part>,
}

/// The instance of `o`, resource by resource. Every resource's parts sum to its total.
pub fn anatomy(o: &Offer) -> Vec<Resource> {
    let t = &o.instance;
    let cpu = Resource {
        name: "CPU",
        unit: "CPU units",
        total: o.cpu.0,
        parts: vec![
            Part {
                key: "daemons",
                label: "daemons",
                amount: o.daemon_cpu,
                how: "the daemons' CPU, reserved on every instance".into(),
            },
            Part {
                key: "free",
                label: "free for tasks",
                amount: o.free_cpu,
                how: format!(
                    "{} vCPU x 1024 = {} CPU units, less the daemons' {}",
                    t.vcpu, o.cpu.0, o.daemon_cpu
                ),
            },
        ],
    };
    let registered = o.memory.0 + o.reserved.0;
    let unregistered = t.memory_mib.saturating_sub(registered);
    let not_registered_how = match o.memory_source {
        MemorySource::Nominal => "the nominal memory model counts all of it".to_string(),
        MemorySource::Measured => format!("the measured registered memory is {registered} MiB"),
        MemorySource::Estimated(p) => format!(
            "an estimate: {} per mille of the nominal {} MiB is not registered by ECS (the kernel and the agent keep it)",
            p, t.memory_mib
        ),
    };
    let memory = Resource {
        name: "Memory",
        unit: "MiB",
        total: t.memory_mib,
        parts: vec![
            Part {
                key: "unregistered",
                label: "not registered by ECS",
                amount: unregistered,
                how: not_registered_how,
            },
            Part {
                key: "reserved",
                label: "ECS_RESERVED_MEMORY",
                amount: o.reserved.0.min(registered),
                how: "the agent setting ECS_RESERVED_MEMORY, kept from tasks".into(),
            },
            Part {
                key: "daemons",
                label: "daemons",
                amount: o.daemon_memory,
                how: "the daemons' memory, reserved on every instance".into(),
            },
            Part {
                key: "free",
                label: "free for tasks",
                amount: o.free_memory,
                how: format!(
                    "{} MiB nominal, less {unregistered} not registered, {} ECS_RESERVED_MEMORY and {} for daemons",
                    t.memory_mib, o.reserved.0, o.daemon_memory
                ),
            },
        ],
    };
    // With ENI trunking the tasks' ENIs are the trunk's; without it the type's ENIs less the
    // instance's primary. The awsvpc daemons take theirs first either way.
    let (total, free_how) = if o.trunked {
        (
            o.task_enis,
            format!(
                "with ENI trunking the type's trunk limit, {} tasks, less the awsvpc daemons",
                t.trunk_words().unwrap_or_else(|| o.task_enis.to_string())
            ),
        )
    } else {
        (
            u64::from(t.max_enis),
            format!(
                "{} ENIs, less the primary and the awsvpc daemons",
                t.max_enis
            ),
        )
    };
    let mut parts = vec![
        Part {
            key: "daemons",
            label: "awsvpc daemons",
            amount: o.daemon_enis,
            how: "one ENI for each awsvpc daemon".into(),
        },
        Part {
            key: "free",
            label: "for awsvpc tasks",
            amount: o.free_enis,
            how: free_how,
        },
    ];
    if !o.trunked {
        parts.insert(
            0,
            Part {
                key: "primary",
                label: "primary (the instance's own)",
                amount: u64::from(t.max_enis) - o.task_enis,
                how: "the instance keeps its primary network interface".into(),
            },
        );
    }
    let enis = Resource {
        name: "ENIs",
        unit: "ENIs",
        total,
        parts,
    };
    vec![cpu, memory, enis]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::capacity::offer;
    use crate::model::validate::{parse_json, validate};

    fn parts(json: &str) -> Vec<Resource> {
        let s = validate(&parse_json(json).unwrap()).unwrap().0;
        anatomy(&offer(&s, 0).unwrap())
    }

    /// t4g.medium with a 64 / 128 daemon: 2048 CPU units = 64 + 1984; 4096 MiB = 328 not
    /// Each resource's parts add up to its total.
    fn adds_up(r: &[Resource]) {
        for res in r {
            assert_eq!(
                res.parts.iter().map(|p| p.amount).sum::<u64>(),
                res.total,
                "{}",
                res.name
            );
        }
    }

    /// registered + 0 reserved + 128 + 3640; 3 ENIs = 1 primary + 0 + 2. Each adds up.
    #[test]
    fn t4g_medium_part_by_part() {
        let r = parts(r#"{"services":[{"memory":512}],"daemons":[{"cpu":64,"memory":128}]}"#);
        let amounts = |i: usize| r[i].parts.iter().map(|p| p.amount).collect::<Vec<_>>();
        assert_eq!(amounts(0), [64, 1984]);
        assert_eq!(amounts(1), [328, 0, 128, 3640]);
        assert_eq!(amounts(2), [1, 0, 2]);
        adds_up(&r);
    }

    /// ECS_RESERVED_MEMORY and trunking show as their own parts, and still add up.
    #[test]
    fn reserved_memory_and_trunking() {
        let r = parts(
            r#"{"instanceType":"m6g.large","eniTrunking":true,"ecsReservedMemoryMiB":256,"services":[{"memory":512}],"daemons":[{"cpu":64,"memory":128,"networkMode":"awsvpc"}]}"#,
        );
        assert_eq!(r[1].parts[1].amount, 256);
        assert_eq!(r[2].parts[0].key, "daemons");
        assert_eq!(r[2].parts[0].amount, 1);
        adds_up(&r);
    }
}
