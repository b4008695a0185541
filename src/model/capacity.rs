//! What one instance offers tasks (model.md section 2) and how many tasks of one service fit on it
//! alone, with the limiting resource (section 3).

use serde::Serialize;

use super::catalog::{self, InstanceType, Trunking};
use super::scenario::{MemoryModel, NetworkMode, Scenario, Service};
use super::units::{trim_float, CpuUnits, MemMib};
use super::validate::FieldError;

/// Where an instance's memory figure comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemorySource {
    /// The default estimate: nominal minus this many per mille.
    Estimated(u64),
    /// The user's measured registeredResources MEMORY.
    Measured,
    /// Nominal EC2 memory (the article's arithmetic).
    Nominal,
}

/// What one instance of a type offers tasks, before and after daemons.
#[derive(Clone, Debug, PartialEq)]
pub struct Offer {
    /// The type.
    pub instance: InstanceType,
    /// Registered CPU: vCPU x 1024.
    pub cpu: CpuUnits,
    /// Memory the model uses: registered (estimated or measured) or nominal, ECS_RESERVED_MEMORY off.
    pub memory: MemMib,
    /// Where `memory` comes from.
    pub memory_source: MemorySource,
    /// ECS_RESERVED_MEMORY taken off `memory` (0 for a measured value, which already has it off).
    pub reserved: MemMib,
    /// ENIs awsvpc tasks may use, before daemons: maxEnis - 1, or the trunk task limit.
    pub task_enis: u64,
    /// Whether `task_enis` comes from trunking.
    pub trunked: bool,
    /// CPU left for tasks after daemons.
    pub free_cpu: u64,
    /// Memory left for tasks after daemons.
    pub free_memory: u64,
    /// ENIs left for awsvpc tasks after awsvpc daemons.
    pub free_enis: u64,
    /// Static ports the daemons hold.
    pub daemon_ports: Vec<u16>,
    /// Daemon reservations (cpu, memory, ENIs) taken off.
    pub daemon_cpu: u64,
    /// Daemon memory.
    pub daemon_memory: u64,
    /// awsvpc daemons.
    pub daemon_enis: u64,
}

/// The error when daemons do not fit an instance, beside the field that causes it: the
/// ECS_RESERVED_MEMORY that leaves no memory at all, one daemon's field when that daemon alone is
/// too large, else the daemons together.
fn daemons_do_not_fit(
    s: &Scenario,
    t: &catalog::InstanceType,
    (cpu, memory, enis): (u64, u64, u64),
    (registered, reserved): (MemMib, MemMib),
) -> FieldError {
    use super::scenario::{item, DaemonInput, ScenarioInput};
    let daemon_memory: u64 = s.daemons.iter().map(|d| d.memory.0).sum();
    if memory == 0 && reserved.0 > 0 {
        return FieldError::new(
            ScenarioInput::ECS_RESERVED_MEMORY,
            format!(
                "ECS_RESERVED_MEMORY of {} MiB leaves {} no memory for daemons or tasks (it registers {} MiB); give less than that",
                reserved.0,
                t.name,
                registered.0
            ),
        );
    }
    for (i, d) in s.daemons.iter().enumerate() {
        let alone = if d.cpu.0 > cpu {
            Some((
                DaemonInput::CPU,
                format!("needs {} CPU units; {} has {cpu}", d.cpu.0, t.name),
            ))
        } else if d.memory.0 > memory {
            Some((
                DaemonInput::MEMORY,
                format!("needs {} MiB; {} offers {memory} MiB", d.memory.0, t.name),
            ))
        } else {
            None
        };
        if let Some((key, what)) = alone {
            return FieldError::new(
                item(ScenarioInput::DAEMONS, i, key),
                format!(
                    "{} {what}, so no instance could run it (daemons run on every instance)",
                    d.name
                ),
            );
        }
    }
    let daemon_cpu: u64 = s.daemons.iter().map(|d| d.cpu.0).sum();
    let daemon_enis = s
        .daemons
        .iter()
        .filter(|d| d.network_mode == NetworkMode::Awsvpc)
        .count();
    FieldError::new(
        ScenarioInput::DAEMONS,
        format!(
            "the daemons need {daemon_cpu} CPU units, {daemon_memory} MiB and {daemon_enis} ENIs on every instance, \
             more than {} offers ({cpu} CPU units, {memory} MiB, {enis} ENIs for tasks)",
            t.name
        ),
    )
}

/// Works out the offer of one type in a scenario. Daemons that do not fit are an error.
pub fn offer(s: &Scenario, type_index: usize) -> Result<Offer, FieldError> {
    let t = s
        .types
        .get(type_index)
        .ok_or_else(|| FieldError::new("instanceType", "no instance type"))?;
    let measured = s.registered_override.get(type_index).copied().flatten();
    let (memory, memory_source, reserved) = match (s.memory_model, measured) {
        (MemoryModel::Nominal, _) => (t.nominal_memory(), MemorySource::Nominal, s.ecs_reserved),
        (MemoryModel::Registered, Some(m)) => (m, MemorySource::Measured, MemMib(0)),
        (MemoryModel::Registered, None) => (
            catalog::estimated_registered_memory(t.nominal_memory()),
            MemorySource::Estimated(catalog::registered_gap_per_mille(t.nominal_memory())),
            s.ecs_reserved,
        ),
    };
    let registered = memory;
    let memory = MemMib(memory.0.saturating_sub(reserved.0));
    let (task_enis, trunked) = match (s.eni_trunking, t.trunking) {
        (true, Trunking::Supported(n) | Trunking::Inferred(n)) => (u64::from(n), true),
        _ => (u64::from(t.max_enis.saturating_sub(1)), false),
    };
    let daemon_cpu: u64 = s.daemons.iter().map(|d| d.cpu.0).sum();
    let daemon_memory: u64 = s.daemons.iter().map(|d| d.memory.0).sum();
    let daemon_enis = s
        .daemons
        .iter()
        .filter(|d| d.network_mode == NetworkMode::Awsvpc)
        .count() as u64;
    let cpu = t.cpu();
    if daemon_cpu > cpu.0 || daemon_memory > memory.0 || daemon_enis > task_enis {
        return Err(daemons_do_not_fit(
            s,
            t,
            (cpu.0, memory.0, task_enis),
            (registered, reserved),
        ));
    }
    Ok(Offer {
        instance: t.clone(),
        cpu,
        memory,
        memory_source,
        reserved,
        task_enis,
        trunked,
        free_cpu: cpu.0 - daemon_cpu,
        free_memory: memory.0 - daemon_memory,
        free_enis: task_enis - daemon_enis,
        daemon_ports: s.daemons.iter().filter_map(|d| d.host_port).collect(),
        daemon_cpu,
        daemon_memory,
        daemon_enis,
    })
}

/// Offers for every type of the scenario, in its order.
pub fn offers(s: &Scenario) -> Result<Vec<Offer>, Vec<FieldError>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for i in 0..s.types.len() {
        match offer(s, i) {
            Ok(o) => out.push(o),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// One task's requirements, as placement sees them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TaskReq {
    /// CPU units reserved (0 when the task sets none).
    pub cpu: u64,
    /// MiB reserved (memoryReservation, else memory).
    pub memory: u64,
    /// Needs an ENI (awsvpc).
    pub awsvpc: bool,
    /// Static host port.
    pub port: Option<u16>,
    /// distinctInstance.
    pub distinct: bool,
}

impl TaskReq {
    /// The requirements of one task of a service.
    pub fn of(s: &Service) -> Self {
        TaskReq {
            cpu: s.cpu.0,
            memory: s.reserved_memory().0,
            awsvpc: s.network_mode == NetworkMode::Awsvpc,
            port: s.static_port(),
            distinct: s.distinct_instance,
        }
    }
}

/// The resource that limits tasks per instance, in model.md's tie order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Limit {
    /// CPU units.
    Cpu,
    /// Memory.
    Memory,
    /// awsvpc ENIs.
    Eni,
    /// A static host port.
    Port,
    /// The distinctInstance constraint.
    DistinctInstance,
}

impl Limit {
    /// The API spelling ("cpu", "memory", "eni", "port", "distinct-instance").
    pub fn as_str(self) -> &'static str {
        match self {
            Limit::Cpu => "cpu",
            Limit::Memory => "memory",
            Limit::Eni => "eni",
            Limit::Port => "port",
            Limit::DistinctInstance => "distinct-instance",
        }
    }

    /// A reader's word.
    pub fn label(self) -> &'static str {
        match self {
            Limit::Cpu => "CPU",
            Limit::Memory => "memory",
            Limit::Eni => "ENIs",
            Limit::Port => "the host port",
            Limit::DistinctInstance => "distinctInstance",
        }
    }
}

/// Tasks of one service that fit on an empty instance (daemons placed), per resource.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fit {
    /// The minimum: tasks per instance.
    pub k: u64,
    /// The resource giving the minimum (first in order on a tie).
    pub limited_by: Limit,
    /// Each resource that applies and how many tasks it allows.
    pub per_resource: Vec<(Limit, u64)>,
}

/// Tasks per instance for one service alone on an empty instance of `o` (model.md section 3).
pub fn fit(o: &Offer, r: &TaskReq) -> Fit {
    fit_in(
        &Room {
            cpu: o.free_cpu,
            memory: o.free_memory,
            enis: o.free_enis,
            held_ports: &o.daemon_ports,
        },
        r,
    )
}

/// What one empty instance has room for, per resource: after daemons for placement, or as CAS
/// sizes a type (cas.rs).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Room<'a> {
    /// CPU units.
    pub cpu: u64,
    /// MiB.
    pub memory: u64,
    /// ENIs for awsvpc tasks.
    pub enis: u64,
    /// Static ports already held.
    pub held_ports: &'a [u16],
}

/// Tasks per instance for one service alone in `room`, and the limiting resource (model.md section 3).
pub fn fit_in(room: &Room<'_>, r: &TaskReq) -> Fit {
    let mut per = Vec::with_capacity(5);
    // A task with no CPU reserves none, so CPU never limits it.
    if let Some(n) = room.cpu.checked_div(r.cpu) {
        per.push((Limit::Cpu, n));
    }
    per.push((Limit::Memory, room.memory / r.memory.max(1)));
    if r.awsvpc {
        per.push((Limit::Eni, room.enis));
    }
    if let Some(p) = r.port {
        per.push((Limit::Port, u64::from(!room.held_ports.contains(&p))));
    }
    if r.distinct {
        per.push((Limit::DistinctInstance, 1));
    }
    // min_by_key keeps the first minimum, which is model.md's tie order.
    let (limited_by, k) = per
        .iter()
        .copied()
        .min_by_key(|&(_, n)| n)
        .unwrap_or((Limit::Memory, 0));
    Fit {
        k,
        limited_by,
        per_resource: per,
    }
}

/// "CPU 1984 / 256 = 7.75, so 7; memory 3640 MiB / 512 MiB = 7.11, so 7; ...: 7 per instance, CPU is the limit".
pub fn explain_fit(o: &Offer, r: &TaskReq, f: &Fit) -> String {
    let mut parts = Vec::new();
    for &(l, n) in &f.per_resource {
        parts.push(match l {
            Limit::Cpu => format!(
                "CPU {} / {} = {}, so {n}",
                o.free_cpu,
                r.cpu,
                trim_float(o.free_cpu as f64 / r.cpu as f64)
            ),
            Limit::Memory => format!(
                "memory {} MiB / {} MiB = {}, so {n}",
                o.free_memory,
                r.memory,
                trim_float(o.free_memory as f64 / r.memory.max(1) as f64)
            ),
            Limit::Eni => format!(
                "ENIs: {} for awsvpc tasks, one per task, so {n}",
                o.free_enis
            ),
            Limit::Port => format!(
                "static host port {}: one task per instance",
                r.port.unwrap_or(0)
            ),
            Limit::DistinctInstance => "distinctInstance: one task per instance".to_string(),
        });
    }
    if r.cpu == 0 {
        parts.push("no CPU reserved, so CPU never limits".into());
    }
    let tie = f.per_resource.iter().filter(|&&(_, n)| n == f.k).count() > 1;
    format!(
        "{}: {} per instance; {} is the limit{}",
        parts.join("; "),
        f.k,
        f.limited_by.label(),
        if tie {
            " (a tie goes to the first of CPU, memory, ENIs, port, distinctInstance)"
        } else {
            ""
        }
    )
}

/// How the instance's memory figure was reached.
pub fn explain_memory(o: &Offer) -> String {
    let nominal = o.instance.memory_mib;
    let base = match o.memory_source {
        MemorySource::Estimated(p) => format!(
            "{} registers an estimated floor({nominal} x {} / 1000) = {} MiB ({}% below the nominal {nominal} MiB: \
             the kernel and platform keep the rest; type your measured registeredResources MEMORY to replace the estimate)",
            o.instance.name,
            1000 - p,
            o.memory.0 + o.reserved.0,
            trim_float(p as f64 / 10.0)
        ),
        MemorySource::Measured => format!("{} MiB measured registered memory (as typed)", o.memory.0),
        MemorySource::Nominal => format!("nominal {nominal} MiB (the article's arithmetic; real instances register less)"),
    };
    let reserved = if o.reserved.0 > 0 {
        format!(
            "; minus ECS_RESERVED_MEMORY {} MiB = {} MiB",
            o.reserved.0, o.memory.0
        )
    } else {
        String::new()
    };
    let daemons = if o.daemon_memory > 0 || o.daemon_cpu > 0 {
        format!(
            "; daemons take {} CPU units and {} MiB, leaving {} CPU units and {} MiB for tasks",
            o.daemon_cpu, o.daemon_memory, o.free_cpu, o.free_memory
        )
    } else {
        String::new()
    };
    format!("{base}{reserved}{daemons}")
}

/// How many ENIs awsvpc tasks get.
pub fn explain_enis(o: &Offer) -> String {
    let t = &o.instance;
    let base = if o.trunked {
        format!(
            "{}: ENI trunking on, {} awsvpc tasks per instance{}",
            t.name,
            o.task_enis,
            if matches!(t.trunking, Trunking::Inferred(_)) {
                " (inferred: AWS's ECS table does not list this family; the EKS branch-interface count maps to it)"
            } else {
                ""
            }
        )
    } else {
        format!(
            "{}: {} ENIs - 1 primary = {} for awsvpc tasks",
            t.name, t.max_enis, o.task_enis
        )
    };
    if o.daemon_enis > 0 {
        format!(
            "{base}; minus {} awsvpc daemon(s) = {}",
            o.daemon_enis, o.free_enis
        )
    } else {
        base
    }
}

/// The never-placeable error: which resource and what would fit, at the field to change.
pub fn never_placeable(
    index: usize,
    s: &Service,
    o: &Offer,
    f: &Fit,
    types_tried: usize,
) -> FieldError {
    let r = TaskReq::of(s);
    let (field, what) = match f.limited_by {
        Limit::Cpu => (
            "cpu",
            format!(
                "needs {} CPU units but {} offers {} to tasks{}",
                r.cpu,
                o.instance.name,
                o.free_cpu,
                after_daemons(o.cpu.0, o.daemon_cpu, "CPU units")
            ),
        ),
        Limit::Memory => (
            if s.memory_reservation.is_some() {
                "memoryReservation"
            } else {
                "memory"
            },
            format!(
                "needs {} MiB but {} offers {} MiB to tasks{}",
                r.memory,
                o.instance.name,
                o.free_memory,
                after_daemons(o.memory.0, o.daemon_memory, "MiB")
            ),
        ),
        Limit::Eni => (
            "networkMode",
            format!(
                "awsvpc needs an ENI per task but {} has none left for tasks ({})",
                o.instance.name,
                explain_enis(o)
            ),
        ),
        Limit::Port | Limit::DistinctInstance => (
            "hostPort",
            format!("its host port is taken on {}", o.instance.name),
        ),
    };
    let others = if types_tried > 1 {
        format!(" (nor on any of the {types_tried} types in the group)")
    } else {
        String::new()
    };
    let largest = format!(
        "; the largest task that fits is {} CPU units and {} MiB{}",
        o.free_cpu,
        o.free_memory,
        if r.awsvpc && o.free_enis == 0 {
            ", in bridge mode"
        } else {
            ""
        }
    );
    let suggestion = cheapest_type_that_fits(o, &r)
        .map(|n| format!(", or pick a larger type such as {n}"))
        .unwrap_or_default();
    FieldError::new(
        format!("services[{index}].{field}"),
        format!("never placeable: {what}{others}{largest}{suggestion}"),
    )
}

/// " (3768 MiB, minus 128 MiB for daemons)" when daemons take some, else "".
fn after_daemons(total: u64, daemons: u64, unit: &str) -> String {
    if daemons == 0 {
        String::new()
    } else {
        format!(" ({total} {unit}, minus {daemons} {unit} for daemons)")
    }
}

/// The cheapest catalog type that could take one such task (same daemons and memory model).
fn cheapest_type_that_fits(o: &Offer, r: &TaskReq) -> Option<String> {
    let ratio = |t: &InstanceType| -> u64 {
        match o.memory_source {
            MemorySource::Nominal => t.memory_mib,
            _ => catalog::estimated_registered_memory(t.nominal_memory()).0,
        }
    };
    catalog::catalog()
        .iter()
        .filter(|t| {
            let cpu_ok = t.cpu().0 >= o.daemon_cpu + r.cpu;
            let mem_ok = ratio(t).saturating_sub(o.reserved.0) >= o.daemon_memory + r.memory;
            let eni_ok = !r.awsvpc || u64::from(t.max_enis.saturating_sub(1)) > o.daemon_enis;
            cpu_ok && mem_ok && eni_ok
        })
        .min_by(|a, b| a.price_per_hour.total_cmp(&b.price_per_hour))
        .map(|t| t.name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate::{parse_json, validate};

    fn scenario(json: &str) -> Scenario {
        validate(&parse_json(json).unwrap()).unwrap().0
    }

    /// Daemons that do not fit are reported beside the field that causes it: an
    /// ECS_RESERVED_MEMORY that leaves no memory, a daemon too large on its own, else the daemons
    /// together.
    #[test]
    fn daemons_that_do_not_fit_name_the_cause() {
        let svc = r#""services":[{"cpu":256,"memory":512,"desiredCount":1}]"#;
        let err = |json: &str| offer(&scenario(json), 0).unwrap_err();
        let e = err(&format!(
            r#"{{"ecsReservedMemoryMiB":4000,{svc},"daemons":[{{"cpu":64,"memory":128}}]}}"#
        ));
        assert_eq!(e.path, "ecsReservedMemoryMiB");
        assert!(e.message.contains("registers 3768 MiB"), "{}", e.message);
        let e = err(&format!(
            r#"{{{svc},"daemons":[{{"cpu":64,"memory":128}},{{"name":"big","cpu":5000,"memory":128}}]}}"#
        ));
        assert_eq!(e.path, "daemons[1].cpu");
        assert!(
            e.message.starts_with("big needs 5000 CPU units"),
            "{}",
            e.message
        );
        let e = err(&format!(
            r#"{{{svc},"daemons":[{{"cpu":1500,"memory":128}},{{"cpu":1500,"memory":128}}]}}"#
        ));
        assert_eq!(e.path, "daemons");
    }

    /// api.md's example: t4g.medium with a 64/128 daemon offers 1984 CPU and 3640 MiB; 7 tasks of
    /// 256/512 fit, CPU first on the tie.
    #[test]
    fn api_example_offer_and_fit() {
        let s = scenario(
            r#"{"services":[{"cpu":256,"memory":512,"desiredCount":100}],"daemons":[{"name":"log-router","cpu":64,"memory":128}]}"#,
        );
        let o = offer(&s, 0).unwrap();
        assert_eq!(
            (o.cpu.0, o.memory.0, o.task_enis, o.free_cpu, o.free_memory),
            (2048, 3768, 2, 1984, 3640)
        );
        let f = fit(&o, &TaskReq::of(&s.services[0]));
        assert_eq!((f.k, f.limited_by), (7, Limit::Cpu));
        let text = explain_fit(&o, &TaskReq::of(&s.services[0]), &f);
        assert!(
            text.starts_with(
                "CPU 1984 / 256 = 7.75, so 7; memory 3640 MiB / 512 MiB = 7.109, so 7"
            ),
            "{text}"
        );
    }

    /// A measured value replaces the estimate and already has ECS_RESERVED_MEMORY off.
    #[test]
    fn measured_memory_is_not_reduced_again() {
        let s = scenario(
            r#"{"registeredMemoryMiB":3809,"ecsReservedMemoryMiB":256,"services":[{"memory":512}]}"#,
        );
        assert_eq!(offer(&s, 0).unwrap().memory, MemMib(3809));
        let s = scenario(r#"{"ecsReservedMemoryMiB":256,"services":[{"memory":512}]}"#);
        assert_eq!(offer(&s, 0).unwrap().memory, MemMib(3768 - 256));
    }

    /// Trunking raises awsvpc tasks only on types that support it.
    #[test]
    fn trunking_only_where_supported() {
        let s = scenario(
            r#"{"instanceType":"m6g.large","eniTrunking":true,"services":[{"memory":512,"networkMode":"awsvpc"}]}"#,
        );
        assert_eq!(offer(&s, 0).unwrap().task_enis, 10);
        let s =
            scenario(r#"{"eniTrunking":true,"services":[{"memory":512,"networkMode":"awsvpc"}]}"#);
        assert_eq!(offer(&s, 0).unwrap().task_enis, 2);
        // An inferred limit counts when trunking is on, and only then.
        let s = scenario(
            r#"{"instanceType":"m7i.large","eniTrunking":true,"services":[{"memory":512}]}"#,
        );
        assert_eq!(offer(&s, 0).unwrap().task_enis, 10);
        let s = scenario(r#"{"instanceType":"m7i.large","services":[{"memory":512}]}"#);
        assert_eq!(offer(&s, 0).unwrap().task_enis, 2);
    }

    /// awsvpc daemons use an ENI on every instance.
    #[test]
    fn awsvpc_daemons_use_enis() {
        let s = scenario(
            r#"{"daemons":[{"memory":64,"networkMode":"awsvpc"}],"services":[{"memory":512,"networkMode":"awsvpc"}]}"#,
        );
        let o = offer(&s, 0).unwrap();
        assert_eq!(o.free_enis, 1);
        assert_eq!(fit(&o, &TaskReq::of(&s.services[0])).limited_by, Limit::Eni);
    }

    /// A task with no CPU reserves none, so CPU never limits it.
    #[test]
    fn task_without_cpu_is_limited_by_memory() {
        let s = scenario(r#"{"services":[{"memory":100}]}"#);
        let f = fit(&offer(&s, 0).unwrap(), &TaskReq::of(&s.services[0]));
        assert_eq!((f.k, f.limited_by), (37, Limit::Memory));
    }

    /// Static ports and distinctInstance cap a service at one task per instance.
    #[test]
    fn port_and_distinct_give_one_per_instance() {
        let s = scenario(
            r#"{"services":[{"memory":64,"hostPort":80},{"name":"b","memory":64,"distinctInstance":true}]}"#,
        );
        let o = offer(&s, 0).unwrap();
        assert_eq!(
            fit(&o, &TaskReq::of(&s.services[0])).limited_by,
            Limit::Port
        );
        assert_eq!(
            fit(&o, &TaskReq::of(&s.services[1])).limited_by,
            Limit::DistinctInstance
        );
    }

    /// A daemon larger than the instance is an error on its own field (it was on `daemons`, at
    /// the top of the section, away from the field that causes it).
    #[test]
    fn daemons_that_do_not_fit_are_an_error() {
        let s = scenario(r#"{"daemons":[{"cpu":4096,"memory":64}],"services":[{"memory":512}]}"#);
        assert_eq!(offer(&s, 0).unwrap_err().path, "daemons[0].cpu");
    }

    /// A task larger than the instance names the resource, the largest fit and a type that fits.
    #[test]
    fn never_placeable_names_resource_and_alternative() {
        let s = scenario(r#"{"services":[{"cpu":256,"memory":5000}]}"#);
        let o = offer(&s, 0).unwrap();
        let f = fit(&o, &TaskReq::of(&s.services[0]));
        assert_eq!(f.k, 0);
        let e = never_placeable(0, &s.services[0], &o, &f, 1);
        assert_eq!(e.path, "services[0].memory");
        assert!(e.message.contains("3768 MiB"), "{}", e.message);
        // The cheapest type that holds it (the refreshed catalog's r7g.medium: 1 vCPU, 8 GiB).
        assert!(e.message.contains("such as r7g.medium"), "{}", e.message);
    }
}
