//! The plan for one scenario (api.md "Plan result"): tasks per instance, instances needed by
//! placement, the lower bound, the article formula, and the words that explain each number.

use super::text_map::TextMap;

use serde::Serialize;

use super::capacity::{self, Fit, Limit, MemorySource, Offer, TaskReq};
use super::demand::{self, DemandResult};
use super::packing::{self, Inst, Placement, Reason};
use super::scenario::{NetworkMode, Scenario};
use super::validate::{thousands, FieldError, Warning, MAX_INSTANCES};

pub use super::placed::{
    az_letter, placement_out, PlacedOut, PlacementOut, TaskCount, UnplacedOut,
};
pub use super::units::pct;

/// What one instance of the (first) type offers, as api.md shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InstanceOut {
    /// Type name.
    #[serde(rename = "type")]
    pub type_name: String,
    /// "x86_64" or "arm64".
    pub arch: String,
    /// vCPUs.
    pub vcpu: u32,
    /// CPU units (vCPU x 1024).
    pub cpu: u64,
    /// Nominal memory, MiB.
    #[serde(rename = "nominalMemoryMiB")]
    pub nominal_memory_mib: u64,
    /// Memory the plan uses (registered unless the memory model is nominal), MiB.
    #[serde(rename = "memoryMiB")]
    pub memory_mib: u64,
    /// "estimated", "measured" or "nominal".
    pub memory_source: &'static str,
    /// ENIs for awsvpc tasks before daemons.
    pub task_enis: u64,
    /// CPU units after daemons.
    pub free_cpu: u64,
    /// MiB after daemons.
    #[serde(rename = "freeMemoryMiB")]
    pub free_memory_mib: u64,
    /// ENIs after awsvpc daemons.
    pub free_enis: u64,
    /// USD per hour.
    pub price_per_hour: f64,
}

/// One service's answer.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceOut {
    /// Name.
    pub name: String,
    /// Desired tasks.
    pub desired_count: u64,
    /// Tasks of this service alone on one empty instance of the first type.
    pub tasks_per_instance: u64,
    /// "cpu" | "memory" | "eni" | "port" | "distinct-instance".
    pub limited_by: Limit,
    /// CPU units per task.
    pub cpu: u64,
    /// MiB reserved per task (memoryReservation, else memory).
    #[serde(rename = "reservedMemoryMiB")]
    pub reserved_memory_mib: u64,
    /// "bridge" | "awsvpc" | "host".
    pub network_mode: &'static str,
    /// ceil(desired / tasksPerInstance): instances for this service alone.
    pub instances_alone: u64,
}

/// The article's back-of-envelope arithmetic (model.md section 3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ArticleOut {
    /// min(floor(nominal CPU / task CPU), floor(nominal memory / task memory)) for the first service.
    pub tasks_per_instance: u64,
    /// max(cpuInstances, memoryInstances).
    pub instances: u64,
    /// ceil(total CPU / nominal CPU).
    pub cpu_instances: u64,
    /// ceil(total memory / nominal memory).
    pub memory_instances: u64,
}

/// The plan (api.md). `ok` is always true here; errors are `Err(Vec<FieldError>)`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    /// Always true.
    pub ok: bool,
    /// The first type's offer.
    pub instance: InstanceOut,
    /// One entry per service.
    pub services: Vec<ServiceOut>,
    /// Instances opened by placing every desired task on an empty cluster, the services in the
    /// order they are listed (the order they deploy: model.md section 3.1).
    pub instances_needed: u64,
    /// Whether the placement stopped at the instance cap of one plan (10,000) with tasks left: the
    /// real count is then more than `instancesNeeded`.
    pub instances_capped: bool,
    /// The same placement with the services ordered largest task first (model.md section 3.1).
    pub instances_needed_best_order: u64,
    /// The services' names in that order.
    pub best_order: Vec<String>,
    /// The largest per-resource ceil(total / per instance).
    pub lower_bound: u64,
    /// The resource that gives the lower bound.
    pub lower_bound_by: String,
    /// The article's formula.
    pub article_formula: ArticleOut,
    /// The placement behind instancesNeeded.
    pub placement: PlacementOut,
    /// Cluster Auto Scaling now, and the path to capacity.
    pub cas: super::cas_out::CasOut,
    /// Deployment and failure headroom at the steady state.
    pub headroom: super::cas::Headroom,
    /// CloudWatch's reservation metrics and the waiting tasks.
    pub metrics: super::cas_out::MetricsOut,
    /// EC2 and Fargate cost (model.md section 6).
    pub cost: super::cost::CostOut,
    /// The demand estimate, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub demand: Option<DemandResult>,
    /// The derivation of each number, keyed by its name.
    pub explanations: TextMap<String>,
    /// Things worth knowing.
    pub warnings: Vec<Warning>,
    /// With capacity providers: each one (model.md section 8); absent without.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub providers: Vec<super::provider_out::ProviderOut>,
    /// With capacity providers: each Auto Scaling group provider's own plan, by name, for the
    /// page to draw its packing and CAS; None for the first group, whose plan is this one's top
    /// level (not serialised; `providers` holds their figures).
    #[serde(skip)]
    pub provider_plans: Vec<(String, Option<std::rc::Rc<Plan>>)>,
    /// The placement with service indexes, for the charts (not serialised).
    #[serde(skip)]
    pub raw_placement: Placement,
    /// The offers per type (not serialised).
    #[serde(skip)]
    pub offers: Vec<Offer>,
    /// The CAS step with its placement on the N instances, for the charts (not serialised).
    #[serde(skip)]
    pub cas_step: super::cas::Step,
    /// (name, CPU units, MiB) per daemon, for the charts (not serialised).
    #[serde(skip)]
    pub daemons: Vec<(String, u64, u64)>,
}

/// Plans a validated scenario. Errors: daemons that do not fit, or a task that fits no type.
pub fn plan(s: &Scenario, mut warnings: Vec<Warning>) -> Result<Plan, Vec<FieldError>> {
    let offers = capacity::offers(s)?;
    let Some(first) = offers.first() else {
        return Err(vec![FieldError::new("instanceType", "no instance type")]);
    };
    let reqs: Vec<TaskReq> = s.services.iter().map(TaskReq::of).collect();
    let fits: Vec<Fit> = reqs.iter().map(|r| capacity::fit(first, r)).collect();
    let errors = unplaceable_errors(s, &offers, first, &reqs, &fits);
    if !errors.is_empty() {
        return Err(errors);
    }

    let services_in: Vec<(TaskReq, u64)> = reqs
        .iter()
        .zip(&s.services)
        .map(|(r, svc)| (*r, svc.desired_count))
        .collect();
    let placement = packing::place_for(s, &offers, &services_in, Vec::new(), Some(0));
    let instances_needed = placement.instances.len() as u64;
    let capped = placement
        .unplaced
        .iter()
        .any(|u| u.reason == Reason::InstanceCap);
    let order = packing::best_order(s.strategy, &reqs);
    let reordered: Vec<(TaskReq, u64)> = order
        .iter()
        .filter_map(|&i| services_in.get(i).copied())
        .collect();
    // The same order places the same way: one placement is enough (it is the slow part when a
    // million tasks fill 10,000 instances).
    let instances_needed_best_order = if order.iter().enumerate().all(|(i, &j)| i == j) {
        instances_needed
    } else {
        packing::place_for(s, &offers, &reordered, Vec::new(), Some(0))
            .instances
            .len() as u64
    };
    let best_order: Vec<String> = order
        .iter()
        .filter_map(|&i| s.services.get(i).map(|x| x.name.clone()))
        .collect();
    let (lower_bound, lower_bound_by, lb_text) = lower_bound(s, first, &reqs);
    let article = article_formula(s, first);
    let demand = s.demand.as_ref().map(demand::estimate);

    let mut ex = TextMap::new();
    explain_fits(first, &reqs, &fits, &mut ex);
    ex.insert(
        "instancesNeeded".to_string(),
        explain_placement(s, first, &placement),
    );
    ex.insert(
        "lowerBound".to_string(),
        explain_lower_bound(&lb_text, instances_needed, lower_bound, capped, &placement),
    );
    ex.insert(
        "articleFormula".to_string(),
        explain_article(s, first, &article),
    );
    ex.insert(
        "articleDifference".to_string(),
        if capped {
            explain_capped(instances_needed, lower_bound, &article)
        } else {
            explain_difference(s, first, &fits, &article, instances_needed, lower_bound)
        },
    );
    ex.insert(
        "instancesNeededBestOrder".to_string(),
        explain_best_order(
            s,
            &best_order,
            instances_needed,
            instances_needed_best_order,
        ),
    );
    let cas_parts = super::cas_out::cas_parts(s, &offers, &placement, instances_needed, &mut ex);
    if let (Some(d), Some(r)) = (&s.demand, &demand) {
        ex.insert("demand".to_string(), demand::explain(d, r));
    }
    unplaced_warnings(s, &offers, first, &placement, &mut warnings);
    let cost = cost_out(
        s,
        first,
        &fits,
        (
            instances_needed,
            cas_parts.cas.steady_state_instances,
            capped,
        ),
        &mut ex,
    );
    Ok(Plan {
        ok: true,
        instance: instance_out(first),
        services: service_outs(s, &fits),
        instances_needed,
        instances_capped: capped,
        instances_needed_best_order,
        best_order,
        lower_bound,
        lower_bound_by,
        article_formula: article,
        placement: placement_out(s, &offers, &placement),
        cost,
        cas: cas_parts.cas,
        headroom: cas_parts.headroom,
        metrics: cas_parts.metrics,
        demand,
        explanations: ex,
        warnings,
        providers: Vec::new(),
        provider_plans: Vec::new(),
        raw_placement: placement,
        cas_step: cas_parts.step,
        offers,
        daemons: s
            .daemons
            .iter()
            .map(|d| (d.name.clone(), d.cpu.0, d.memory.0))
            .collect(),
    })
}

/// Why the best order needs what it needs, against the listed order.
fn explain_best_order(s: &Scenario, best: &[String], listed: u64, best_n: u64) -> String {
    let by = match s.strategy {
        super::scenario::Strategy::BinpackCpu => "CPU, then memory",
        _ => "reserved memory, then CPU",
    };
    let order = best.join(", ");
    let diff = match listed.cmp(&best_n) {
        std::cmp::Ordering::Greater => format!(
            "{} fewer than in the listed order ({}): the smaller tasks fill the gaps the larger ones leave. ECS places tasks as services deploy, so deploying in this order (or listing the services so) needs {}",
            thousands(listed - best_n),
            thousands(listed),
            thousands(best_n)
        ),
        std::cmp::Ordering::Less => format!(
            "{} more than in the listed order ({}): largest first is a rule of thumb, not always the best; keep the listed order",
            thousands(best_n - listed),
            thousands(listed)
        ),
        std::cmp::Ordering::Equal => "the same as in the listed order".to_string(),
    };
    format!(
        "Placed largest task first (by {by}): {order}. That needs {} instance{}, {diff}.",
        thousands(best_n),
        if best_n == 1 { "" } else { "s" }
    )
}

/// A task that fits no type at all can never run: an error beside its field, one per service
/// with tasks to place (with none, nothing waits: a cluster whose services all run on other
/// capacity providers plans the scenario's types with no task).
fn unplaceable_errors(
    s: &Scenario,
    offers: &[Offer],
    first: &Offer,
    reqs: &[TaskReq],
    fits: &[Fit],
) -> Vec<FieldError> {
    s.services
        .iter()
        .zip(reqs.iter().zip(fits))
        .enumerate()
        .filter(|(_, (svc, (_, f)))| f.k == 0 && svc.desired_count > 0)
        .filter_map(|(i, (svc, (r, f)))| {
            let fitting: Vec<(usize, &Offer)> = offers
                .iter()
                .enumerate()
                .filter(|(_, o)| capacity::fit(o, r).k > 0)
                .collect();
            if fitting.is_empty() {
                return Some(capacity::never_placeable(i, svc, first, f, offers.len()));
            }
            // It fits a later type of the group: it runs on running instances of that type, and
            // otherwise waits (new instances launch as the first type); the plan explains it.
            None
        })
        .collect()
}

/// The first type's memory and ENIs, and how many tasks of each service fit one instance of it.
fn explain_fits(first: &Offer, reqs: &[TaskReq], fits: &[Fit], ex: &mut TextMap<String>) {
    ex.insert(
        "instance.memoryMiB".to_string(),
        capacity::explain_memory(first),
    );
    ex.insert(
        "instance.taskEnis".to_string(),
        capacity::explain_enis(first),
    );
    for (i, (r, f)) in reqs.iter().zip(fits).enumerate() {
        let text = if f.k == 0 {
            format!(
                "{}; it fits only the group's other types",
                capacity::explain_fit(first, r, f)
            )
        } else {
            capacity::explain_fit(first, r, f)
        };
        if i == 0 {
            ex.insert("tasksPerInstance".to_string(), text.clone());
        }
        ex.insert(format!("services[{i}].tasksPerInstance"), text);
    }
}

/// The lower bound's derivation, and what placement loses to fragmentation beyond it.
fn explain_lower_bound(
    lb_text: &str,
    instances_needed: u64,
    lower_bound: u64,
    capped: bool,
    placement: &Placement,
) -> String {
    if capped {
        return format!(
            "{lb_text}; placement stops at the cap of {} instances with tasks left, so it needs more than that, and at least {}",
            thousands(instances_needed),
            thousands(lower_bound.max(instances_needed + 1))
        );
    }
    let unplaced: u64 = placement.unplaced.iter().map(|u| u.count).sum();
    if unplaced > 0 {
        return format!(
            "{lb_text}; placement opens {} and leaves {} tasks unplaced (they do not fit the type new instances launch as), so the two do not compare",
            thousands(instances_needed),
            thousands(unplaced)
        );
    }
    format!(
        "{lb_text}; placement needs {instances_needed}{}",
        match instances_needed.saturating_sub(lower_bound) {
            0 => ", so no instance is lost to fragmentation".to_string(),
            n => format!(
                ": {n} more, lost to fragmentation (tasks that do not fill instances exactly)"
            ),
        }
    )
}

/// A warning for each group of tasks the placement could not place, saying why.
fn unplaced_warnings(
    s: &Scenario,
    offers: &[Offer],
    first: &Offer,
    placement: &Placement,
    warnings: &mut Vec<Warning>,
) {
    for u in &placement.unplaced {
        let name = s.services.get(u.service).map_or("?", |x| x.name.as_str());
        warnings.push(Warning::new(
            u.reason.as_str(),
            match u.reason {
                Reason::InstanceCap => format!(
                    "{} {name} tasks not placed: the plan stops at {} instances (the cap of one plan)",
                    thousands(u.count),
                    thousands(MAX_INSTANCES)
                ),
                Reason::DoesNotFit => {
                    let fits: Vec<&str> = s
                        .services
                        .get(u.service)
                        .map(|x| {
                            let r = TaskReq::of(x);
                            offers
                                .iter()
                                .filter(|o| capacity::fit(o, &r).k > 0)
                                .map(|o| o.instance.name.as_str())
                                .collect()
                        })
                        .unwrap_or_default();
                    let later = if fits.is_empty() {
                        String::new()
                    } else {
                        format!(
                            "; they fit {}, later in the group: list one of those first, or count running instances of it in runningInstances",
                            fits.join(", ")
                        )
                    };
                    format!(
                        "{} {name} tasks never placed: they do not fit {}, the type new instances launch as{later}",
                        thousands(u.count),
                        first.instance.name
                    )
                }
                Reason::NoCapacity => format!("{} {name} tasks wait: no instance has room", thousands(u.count)),
            },
        ));
    }
}

/// One answer per service: its fit on the first type and the instances it needs alone.
fn service_outs(s: &Scenario, fits: &[Fit]) -> Vec<ServiceOut> {
    s.services
        .iter()
        .zip(fits)
        .map(|(svc, f)| ServiceOut {
            name: svc.name.clone(),
            desired_count: svc.desired_count,
            tasks_per_instance: f.k,
            limited_by: f.limited_by,
            cpu: svc.cpu.0,
            reserved_memory_mib: svc.reserved_memory().0,
            network_mode: svc.network_mode.as_str(),
            instances_alone: if f.k == 0 {
                0
            } else {
                svc.desired_count.div_ceil(f.k)
            },
        })
        .collect()
}

/// EC2 and Fargate cost at the instances needed, and where paid capacity goes at the steady state
/// (`instances` is (needed, steady state)); adds the derivations to `ex`.
fn cost_out(
    s: &Scenario,
    first: &Offer,
    fits: &[Fit],
    (instances_needed, steady, capped): (u64, u64, bool),
    ex: &mut TextMap<String>,
) -> super::cost::CostOut {
    let sidecars = s
        .daemons
        .iter()
        .fold((0, 0), |(c, m), d| (c + d.cpu.0, m + d.memory.0));
    let mut c = super::cost::cost(
        &s.services,
        sidecars,
        instances_needed,
        first.instance.price_per_hour,
        s.fargate.priced(first.instance.arch),
        fits.first().map_or(0, |f| f.k),
        (s.price_multiplier, s.commitment_discount),
    );
    let k = fits.first().map_or(0, |f| f.k);
    for (key, text) in
        super::cost::explain(&c, &s.services, instances_needed, &first.instance.name, k)
    {
        ex.insert(key.to_string(), text);
    }
    if capped {
        // At the instance cap the instances priced hold only part of the tasks: the EC2 cost is
        // a lower bound, and shares of paid capacity would count tasks on no paid instance.
        if let Some(words) = ex.get_mut("cost.ec2") {
            *words = format!(
                "More than this: the plan stops at {} instances with tasks left over, so this prices only those. {words}",
                thousands(MAX_INSTANCES)
            );
        }
        ex.insert("cost.waste".to_string(), "Not shown at the instance cap: the tasks left over run on no paid instance, so no share of paid capacity would be true.".to_string());
        return c;
    }
    let (cpu, memory) = (
        super::cost::waste_split(
            steady,
            instances_needed,
            first.cpu.0,
            first.cpu.0,
            first.daemon_cpu,
            s.total_cpu(),
        ),
        super::cost::waste_split(
            steady,
            instances_needed,
            first.instance.memory_mib,
            first.memory.0,
            first.daemon_memory,
            s.total_memory(),
        ),
    );
    ex.insert("cost.waste".to_string(), waste_words(&cpu, &memory));
    c.waste = Some(super::cost::Waste { cpu, memory });
    c
}

fn instance_out(o: &Offer) -> InstanceOut {
    InstanceOut {
        type_name: o.instance.name.clone(),
        arch: o.instance.arch.as_str().to_string(),
        vcpu: o.instance.vcpu,
        cpu: o.cpu.0,
        nominal_memory_mib: o.instance.memory_mib,
        memory_mib: o.memory.0,
        memory_source: match o.memory_source {
            MemorySource::Estimated(_) => "estimated",
            MemorySource::Measured => "measured",
            MemorySource::Nominal => "nominal",
        },
        task_enis: o.task_enis,
        free_cpu: o.free_cpu,
        free_memory_mib: o.free_memory,
        free_enis: o.free_enis,
        price_per_hour: o.instance.price_per_hour,
    }
}

/// model.md section 3's lower bound on the first type: the largest over CPU, memory, ENIs, each static
/// port, and distinctInstance (n tasks need n instances; model.md lists the first four, and leaving
/// this one out would call a binding constraint "fragmentation").
pub(crate) fn lower_bound(s: &Scenario, o: &Offer, reqs: &[TaskReq]) -> (u64, String, String) {
    let mut parts: Vec<(String, u64, String)> = Vec::new();
    let total = |f: &dyn Fn(&TaskReq) -> u64| -> u64 {
        reqs.iter()
            .zip(&s.services)
            .map(|(r, x)| f(r) * x.desired_count)
            .sum()
    };
    let cpu = s.total_cpu();
    if cpu > 0 && o.free_cpu > 0 {
        parts.push((
            "cpu".into(),
            cpu.div_ceil(o.free_cpu),
            format!(
                "CPU ceil({cpu} / {}) = {}",
                o.free_cpu,
                cpu.div_ceil(o.free_cpu)
            ),
        ));
    }
    let mem = s.total_memory();
    if o.free_memory > 0 {
        let n = mem.div_ceil(o.free_memory);
        parts.push((
            "memory".into(),
            n,
            format!("memory ceil({mem} MiB / {} MiB) = {n}", o.free_memory),
        ));
    }
    let enis = total(&|r| u64::from(r.awsvpc));
    if enis > 0 && o.free_enis > 0 {
        let n = enis.div_ceil(o.free_enis);
        parts.push((
            "eni".into(),
            n,
            format!("ENIs ceil({enis} awsvpc tasks / {}) = {n}", o.free_enis),
        ));
    }
    // By port, lowest first (a short list: a map would bring its own code into the wasm).
    let mut ports: Vec<(u16, u64)> = Vec::new();
    for (r, x) in reqs.iter().zip(&s.services) {
        if let Some(p) = r.port {
            match ports.iter_mut().find(|(q, _)| *q == p) {
                Some((_, n)) => *n += x.desired_count,
                None => ports.push((p, x.desired_count)),
            }
        }
    }
    super::order::small(&mut ports, |a, b| a.0.cmp(&b.0));
    for (p, n) in ports {
        parts.push((
            "port".into(),
            n,
            format!("port {p}: {n} tasks, one per instance"),
        ));
    }
    for (r, x) in reqs.iter().zip(&s.services) {
        if r.distinct {
            parts.push((
                "distinct-instance".into(),
                x.desired_count,
                format!(
                    "{}: distinctInstance, {} tasks on {} instances",
                    x.name, x.desired_count, x.desired_count
                ),
            ));
        }
    }
    let (by, n) = parts
        .iter()
        .fold((String::from("memory"), 0u64), |acc, (b, n, _)| {
            if *n > acc.1 {
                (b.clone(), *n)
            } else {
                acc
            }
        });
    let text = format!(
        "lower bound = the largest of {}: {n}",
        parts
            .iter()
            .map(|(_, _, t)| t.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    );
    (n, by, text)
}

fn article_formula(s: &Scenario, o: &Offer) -> ArticleOut {
    let ncpu = o.instance.cpu().0.max(1);
    let nmem = o.instance.memory_mib.max(1);
    let (cpu, mem) = (s.total_cpu(), s.total_memory());
    let cpu_instances = cpu.div_ceil(ncpu);
    let memory_instances = mem.div_ceil(nmem);
    let tasks_per_instance = s.services.first().map_or(0, |x| {
        let by_mem = nmem / x.reserved_memory().0.max(1);
        ncpu.checked_div(x.cpu.0)
            .map_or(by_mem, |by_cpu| by_mem.min(by_cpu))
    });
    ArticleOut {
        tasks_per_instance,
        instances: cpu_instances.max(memory_instances),
        cpu_instances,
        memory_instances,
    }
}

fn explain_article(s: &Scenario, o: &Offer, a: &ArticleOut) -> String {
    let (cpu, mem) = (s.total_cpu(), s.total_memory());
    let first = s.services.first();
    let per = first.map_or(String::new(), |x| {
        let cpu_part = if x.cpu.0 > 0 {
            format!("floor({} / {}) and ", o.instance.cpu().0, x.cpu.0)
        } else {
            String::new()
        };
        format!(
            "; its tasks per instance: the smaller of {cpu_part}floor({} MiB / {} MiB) = {}",
            o.instance.memory_mib,
            x.reserved_memory().0,
            a.tasks_per_instance
        )
    });
    format!(
        "the article's formula: max(ceil({cpu} CPU units / {}), ceil({mem} MiB / {} MiB)) = max({}, {}) = {} {} on nominal \
         specs, with no daemons, ENI limits, ports or fragmentation, at 100 % target capacity{per}",
        o.instance.cpu().0,
        o.instance.memory_mib,
        a.cpu_instances,
        a.memory_instances,
        a.instances,
        o.instance.name
    )
}

/// At the instance cap no comparison holds: the count is only known to be more than the cap.
fn explain_capped(needed: u64, lower: u64, a: &ArticleOut) -> String {
    format!(
        "the plan stops at {} instances (the cap of one plan) with tasks left, so the app only knows it needs more than {} (at least {}); the article's formula gives {}",
        thousands(needed),
        thousands(needed),
        thousands(lower.max(needed + 1)),
        thousands(a.instances)
    )
}

fn explain_difference(
    s: &Scenario,
    o: &Offer,
    fits: &[Fit],
    a: &ArticleOut,
    needed: u64,
    lower: u64,
) -> String {
    let mut why = Vec::new();
    let nominal = o.instance.memory_mib;
    if o.memory.0 < nominal {
        why.push(format!(
            "the instance offers {} MiB, not the nominal {nominal} MiB ({} MiB less: registered memory{})",
            o.memory.0,
            nominal - o.memory.0,
            if o.reserved.0 > 0 { " and ECS_RESERVED_MEMORY" } else { "" }
        ));
    }
    if o.daemon_cpu > 0 || o.daemon_memory > 0 {
        why.push(format!(
            "daemons take {} CPU units and {} MiB on every instance",
            o.daemon_cpu, o.daemon_memory
        ));
    }
    for (svc, f) in s.services.iter().zip(fits) {
        match f.limited_by {
            Limit::Eni => why.push(format!(
                "{} runs in awsvpc mode: {} ENIs for tasks allow only {} per instance",
                svc.name, o.free_enis, f.k
            )),
            Limit::Port => why.push(format!(
                "{} holds a static host port: one task per instance",
                svc.name
            )),
            Limit::DistinctInstance => why.push(format!(
                "{} has distinctInstance: one task per instance",
                svc.name
            )),
            _ => {}
        }
    }
    if s.services
        .iter()
        .any(|x| x.network_mode == NetworkMode::Awsvpc)
        && !fits.iter().any(|f| f.limited_by == Limit::Eni)
    {
        why.push("awsvpc tasks need an ENI each, which does not limit here".into());
    }
    if needed > lower {
        why.push(format!(
            "whole tasks do not fill instances exactly: {} instance(s) of fragmentation",
            needed - lower
        ));
    }
    let verdict = match needed.cmp(&a.instances) {
        std::cmp::Ordering::Greater => format!(
            "the app needs {needed}, {} more than the article's {}",
            needed - a.instances,
            a.instances
        ),
        std::cmp::Ordering::Equal if why.is_empty() => {
            format!("the app and the article agree on {needed}")
        }
        std::cmp::Ordering::Equal => {
            format!("the app and the article agree on {needed} here, though the arithmetic differs")
        }
        std::cmp::Ordering::Less => format!(
            "the app needs {needed}, fewer than the article's {}",
            a.instances
        ),
    };
    if why.is_empty() {
        format!("{verdict}.")
    } else {
        format!("{verdict}: {}.", why.join("; "))
    }
}

fn explain_placement(s: &Scenario, o: &Offer, p: &Placement) -> String {
    let tasks: u64 = p.instances.iter().map(Inst::task_count).sum();
    // Describe the instances by how many tasks they hold: "14 with 7 tasks, 1 with 2".
    // Counts sorted (the one std sort), then runs of equal counts, most tasks first.
    let mut counts: Vec<(u64, usize)> = p.instances.iter().map(|i| (i.task_count(), 0)).collect();
    super::order::keys(&mut counts);
    let mut by_count: Vec<(u64, u64)> = Vec::new();
    for &(t, _) in counts.iter().rev() {
        match by_count.last_mut() {
            Some((u, n)) if *u == t => *n += 1,
            _ => by_count.push((t, 1)),
        }
    }
    let shape: Vec<String> = by_count
        .iter()
        .take(4)
        .map(|(t, n)| format!("{n} with {t} task{}", if *t == 1 { "" } else { "s" }))
        .collect();
    let more = if by_count.len() > 4 { ", ..." } else { "" };
    let zones = if s.zones > 1 {
        format!(" over {} zones", s.zones)
    } else {
        String::new()
    };
    let unplaced: u64 = p.unplaced.iter().map(|u| u.count).sum();
    let left = if unplaced > 0 {
        format!("; {} tasks could not be placed", thousands(unplaced))
    } else {
        String::new()
    };
    format!(
        "placing {} tasks one at a time ({}, service by service) on an empty cluster opens {} {} instance{}{zones} ({}{more}){left}",
        thousands(tasks),
        s.strategy.label(),
        p.instances.len(),
        o.instance.name,
        if p.instances.len() == 1 { "" } else { "s" },
        shape.join(", ")
    )
}

/// "Of the CPU you pay for: 83.3 % reserved by tasks, ..."
fn waste_words(cpu: &super::cost::WasteSplit, mem: &super::cost::WasteSplit) -> String {
    let part = |w: &super::cost::WasteSplit, what: &str| {
        format!(
            "of the {what} you pay for at the steady state, {} % is reserved by tasks, {} % is left free by fragmentation, \
             {} % goes to daemons, {} % is not registered by the instance and {} % is targetCapacity headroom",
            pct(100.0 * w.reserved),
            pct(100.0 * w.fragmentation),
            pct(100.0 * w.daemons),
            pct(100.0 * w.registered_memory),
            pct(100.0 * w.headroom)
        )
    };
    format!("{}; {}", part(cpu, "CPU"), part(mem, "memory"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::providers::plan_input;
    use crate::model::validate;

    fn plan_of(json: &str) -> Plan {
        plan_input(&validate::parse_json(json).unwrap()).unwrap()
    }

    /// api.md's example: 100 x 256/512 with a 64/128 daemon on t4g.medium: 7 per instance (CPU),
    /// 15 instances, lower bound 15, article 8 per instance and 13 instances.
    #[test]
    fn api_example() {
        let p = plan_of(
            r#"{"services":[{"name":"api","cpu":256,"memory":512,"desiredCount":100}],"daemons":[{"name":"log-router","cpu":64,"memory":128}]}"#,
        );
        assert_eq!(
            (
                p.instance.cpu,
                p.instance.memory_mib,
                p.instance.task_enis,
                p.instance.free_cpu,
                p.instance.free_memory_mib
            ),
            (2048, 3768, 2, 1984, 3640)
        );
        assert_eq!(
            (p.services[0].tasks_per_instance, p.services[0].limited_by),
            (7, Limit::Cpu)
        );
        assert_eq!((p.instances_needed, p.lower_bound), (15, 15));
        assert_eq!(
            (
                p.article_formula.tasks_per_instance,
                p.article_formula.instances
            ),
            (8, 13)
        );
        let first = &p.placement.instances[0];
        assert_eq!(
            (first.free_cpu, first.free_memory_mib, first.free_enis),
            (192, 56, 2)
        );
        assert_eq!(first.daemons, vec!["log-router"]);
        assert!(p.explanations["tasksPerInstance"]
            .starts_with("CPU 1984 / 256 = 7.75, so 7; memory 3640 MiB / 512 MiB"));
        // Waste at the steady state (15 instances): tasks reserve 25600 of 30720 CPU units.
        let w = p.cost.waste.unwrap();
        assert!((w.cpu.reserved - 25600.0 / 30720.0).abs() < 1e-12);
        assert!((w.memory.registered_memory - 4920.0 / 61440.0).abs() < 1e-12);
        assert!(p.explanations["cost.waste"].starts_with(
            "of the CPU you pay for at the steady state, 83.3 % is reserved by tasks"
        ));
        assert_eq!(
            p.explanations["cost.ec2"],
            "15 t4g.medium x $0.0336 per hour = $0.5040 per hour; x 730 hours = $367.92 per month \
             (us-east-1 Linux On-Demand, AWS Price List 2026-07-20)"
        );
        // On Fargate the log router rides in every task as a sidecar: 256 + 64 CPU units and
        // 512 + 128 MiB round up to 0.5 vCPU and 1 GB (it was 0.25 vCPU and 0.5 GB without it).
        let f = &p.explanations["cost.fargate"];
        assert!(
            f.starts_with("the daemons become a sidecar in every task (Fargate has no instances to run them on): +64 CPU units and +128 MiB per task"),
            "{f}"
        );
        assert!(
            f.contains(
                "arm64 prices; api: 100 x (0.5 vCPU x $0.0324 + 1 GB x $0.0036) = $1.98 per hour"
            ),
            "{f}"
        );
        assert_eq!(
            (
                p.cost.fargate_sidecar_cpu,
                p.cost.fargate_sidecar_memory_mib
            ),
            (64, 128)
        );
    }

    /// Edited prices: a type's price, the multiplier, and Fargate's architecture and prices all
    /// reach the cost; unknown types and bad values are errors at their paths.
    #[test]
    fn edited_prices_reach_the_cost() {
        let base = r#""services":[{"cpu":256,"memory":512,"desiredCount":100}]"#;
        let p = plan_of(&format!(
            r#"{{{base},"instancePrices":{{"t4g.medium":0.02}},"priceMultiplier":0.5,
               "fargate":{{"arch":"x86_64","x86VcpuHour":0.04,"x86GbHour":0.004}}}}"#
        ));
        let c = &p.cost;
        assert_eq!(p.instances_needed, 15);
        assert!((c.ec2_hourly - 15.0 * 0.02 * 0.5).abs() < 1e-12);
        assert_eq!(c.fargate_arch, "x86_64");
        let task = 0.25 * 0.04 + 0.5 * 0.004;
        assert!((c.fargate_hourly.unwrap() - 100.0 * task * 0.5).abs() < 1e-12);
        assert!(p.explanations["cost.ec2"].contains("x multiplier 0.5"));
        let bad = validate::validate(
            &validate::parse_json(&format!(
                r#"{{{base},"instancePrices":{{"t4g.mediun":0.02,"m6g.large":-1}},"fargate":{{"arch":"mips","armGbHour":-1}}}}"#
            ))
            .unwrap(),
        )
        .unwrap_err();
        let paths: Vec<&str> = bad.iter().map(|e| e.path.as_str()).collect();
        assert!(paths.contains(&"instancePrices.t4g.mediun"), "{paths:?}");
        assert!(paths.contains(&"instancePrices.m6g.large"), "{paths:?}");
        assert!(
            paths.contains(&"fargate.arch") && paths.contains(&"fargate.armGbHour"),
            "{paths:?}"
        );
    }

    /// api.md's CAS example: N = 0, M = 13 on nominal specs, reservation 200, desired 2, scale out;
    /// steps 2, 13, 15 at minutes 0, 5, 10; capacity at minute 12; steady state 15.
    #[test]
    fn api_example_cas() {
        let p = plan_of(
            r#"{"services":[{"name":"api","cpu":256,"memory":512,"desiredCount":100}],"daemons":[{"name":"log-router","cpu":64,"memory":128}]}"#,
        );
        let c = &p.cas;
        assert_eq!(
            (c.n, c.m, c.reservation, c.desired_instances),
            (0, 13, 200.0, 2)
        );
        assert_eq!(c.decision, crate::model::cas::Decision::ScaleOut);
        assert_eq!(c.waiting.len(), 1);
        assert_eq!(
            (c.waiting[0].count, c.waiting[0].cas_will_scale),
            (100, true)
        );
        let steps: Vec<(f64, u64)> = c.steps.iter().map(|x| (x.minute, x.instances)).collect();
        assert_eq!(steps, vec![(0.0, 2), (5.0, 13), (10.0, 15)]);
        assert_eq!(
            (c.minutes_to_capacity, c.steady_state_instances),
            (Some(12.0), 15)
        );
        assert!(p.explanations["cas.reservation"].contains("200 %"));
        assert!(p.explanations["cas.steps"].contains("more than two rounds"));
        // Metrics at N = 0 are over the from-scratch placement: (100 x 256 + 15 x 64) / (15 x 2048).
        assert!((p.metrics.cpu_reservation - 26560.0 * 100.0 / 30720.0).abs() < 1e-9);
        assert_eq!(p.metrics.waiting_tasks, 100);
    }

    /// The issue's derivation line, written out: "M = 3 + min(10000, max(1, 1)) = 4".
    #[test]
    fn cas_derivation_is_written_out() {
        let p = plan_of(
            r#"{"runningInstances":3,"services":[{"cpu":512,"memory":1024,"desiredCount":10}]}"#,
        );
        assert!(
            p.explanations["cas.m"].ends_with(
                "M = N + min(maxStep, max(minStep, LB)) = 3 + min(10000, max(1, 1)) = 4"
            ),
            "{}",
            p.explanations["cas.m"]
        );
        assert_eq!(
            p.explanations["cas.reservation"],
            "reservation = M / N x 100 = 4 / 3 x 100 = 133.3 %"
        );
        assert_eq!(
            p.explanations["cas.desiredInstances"],
            "desired = ceil(100 x 4 / 100) = 4"
        );
        assert_eq!(p.explanations["cas.decision"], "4 > N = 3: scale out by 1");
    }

    /// Article example 1: 4 x 0.5 vCPU / 1 GB on t4g.medium: article 1 instance; registered memory
    /// fits 3 per instance, so 2; awsvpc fits 2 (ENIs), so 2.
    #[test]
    fn article_four_tasks_on_t4g_medium() {
        let p = plan_of(r#"{"services":[{"cpu":512,"memory":1024,"desiredCount":4}]}"#);
        assert_eq!(p.article_formula.instances, 1);
        assert_eq!(
            (
                p.services[0].tasks_per_instance,
                p.services[0].limited_by,
                p.instances_needed
            ),
            (3, Limit::Memory, 2)
        );
        let p = plan_of(
            r#"{"services":[{"cpu":512,"memory":1024,"desiredCount":4,"networkMode":"awsvpc"}]}"#,
        );
        assert_eq!(
            (
                p.services[0].tasks_per_instance,
                p.services[0].limited_by,
                p.instances_needed
            ),
            (2, Limit::Eni, 2)
        );
    }

    /// Article example 2: 100 x 0.25 vCPU / 512 MB on m6g.large: bridge 8 per instance (CPU), 13;
    /// awsvpc 2, 50; awsvpc with trunking 13.
    #[test]
    fn article_hundred_tasks_on_m6g_large() {
        let base =
            r#""instanceType":"m6g.large","services":[{"cpu":256,"memory":512,"desiredCount":100"#;
        let p = plan_of(&format!("{{{base}}}]}}"));
        assert_eq!(
            (
                p.services[0].tasks_per_instance,
                p.services[0].limited_by,
                p.instances_needed
            ),
            (8, Limit::Cpu, 13)
        );
        assert_eq!(p.article_formula.instances, 13);
        let p = plan_of(&format!(r#"{{{base},"networkMode":"awsvpc"}}]}}"#));
        assert_eq!(
            (p.services[0].tasks_per_instance, p.instances_needed),
            (2, 50)
        );
        let p = plan_of(&format!(
            r#"{{"eniTrunking":true,{base},"networkMode":"awsvpc"}}]}}"#
        ));
        assert_eq!(
            (p.services[0].tasks_per_instance, p.instances_needed),
            (8, 13)
        );
    }

    /// Article example 3: 100 users x 10 calls, 10 per task: 1,000 calls, 100 tasks, 200 at 50 %.
    #[test]
    fn article_demand_example() {
        let p = plan_of(
            r#"{"services":[{"cpu":256,"memory":512}],"demand":{"concurrentUsers":100,"callsPerUser":10,"callsPerTask":10,"cpuTarget":50}}"#,
        );
        let d = p.demand.unwrap();
        assert_eq!(
            (d.peak_concurrent_calls, d.tasks_at100, d.tasks_at_target),
            (1000.0, 100, 200)
        );
        assert_eq!(p.services[0].desired_count, 200);
    }

    /// Article example 4: "6-8 small tasks per t4g.medium": 7 with registered memory (memory), 8 by
    /// the article's arithmetic, 2 in awsvpc mode.
    #[test]
    fn article_six_to_eight_small_tasks() {
        let p = plan_of(r#"{"services":[{"cpu":256,"memory":512,"desiredCount":8}]}"#);
        assert_eq!(
            (p.services[0].tasks_per_instance, p.services[0].limited_by),
            (7, Limit::Memory)
        );
        assert_eq!(p.article_formula.tasks_per_instance, 8);
        let p = plan_of(
            r#"{"memoryModel":"nominal","services":[{"cpu":256,"memory":512,"desiredCount":8}]}"#,
        );
        assert_eq!(p.services[0].tasks_per_instance, 8);
        let p = plan_of(
            r#"{"services":[{"cpu":256,"memory":512,"desiredCount":8,"networkMode":"awsvpc"}]}"#,
        );
        assert_eq!(p.services[0].tasks_per_instance, 2);
    }

    /// Fragmentation: the lower bound can be below the placement, never above.
    #[test]
    fn lower_bound_never_exceeds_placement() {
        let p = plan_of(r#"{"services":[{"memory":2000,"desiredCount":5}]}"#);
        assert_eq!((p.lower_bound, p.instances_needed), (3, 5));
        assert!(p.explanations["lowerBound"].contains("2 more, lost to fragmentation"));
    }

    /// A task larger than every instance is an error, not a plan.
    #[test]
    fn task_larger_than_every_instance_is_an_error() {
        let e = plan_input(
            &validate::parse_json(r#"{"services":[{"cpu":4096,"memory":512}]}"#).unwrap(),
        )
        .unwrap_err();
        assert_eq!(e[0].path, "services[0].cpu");
        assert!(e[0].message.contains("never placeable"));
    }

    /// The order services are listed in changes the answer (model.md section 3.1): api, worker,
    /// cron on m6g.large need 27 instances; largest task first (worker, api, cron) needs 21, and the
    /// plan gives both, with the order and why.
    #[test]
    fn listed_order_and_best_order() {
        let cluster = |order: &[&str]| {
            let svc = |n: &str| match n {
                "api" => {
                    r#"{"name":"api","cpu":512,"memory":1024,"desiredCount":30,"networkMode":"awsvpc"}"#
                }
                "worker" => r#"{"name":"worker","cpu":1024,"memory":2048,"desiredCount":12}"#,
                _ => r#"{"name":"cron","cpu":256,"memory":512,"desiredCount":4}"#,
            };
            let list: Vec<&str> = order.iter().map(|n| svc(n)).collect();
            plan_of(&format!(
                r#"{{"instanceType":"m6g.large","services":[{}],"daemons":[{{"name":"a","cpu":64,"memory":128}},{{"name":"b","cpu":128,"memory":256}}]}}"#,
                list.join(",")
            ))
        };
        let listed = cluster(&["api", "worker", "cron"]);
        assert_eq!(listed.instances_needed, 27);
        assert_eq!(listed.instances_needed_best_order, 21);
        assert_eq!(listed.best_order, vec!["worker", "api", "cron"]);
        let why = &listed.explanations["instancesNeededBestOrder"];
        assert!(
            why.contains("worker, api, cron") && why.contains("6 fewer"),
            "{why}"
        );
        // Listing them in the best order gives the best order's answer.
        let best = cluster(&["worker", "api", "cron"]);
        assert_eq!(
            (best.instances_needed, best.instances_needed_best_order),
            (21, 21)
        );
    }

    /// Largest first by the strategy's resource, then the other; ties keep the listed order.
    #[test]
    fn best_order_sorts_by_the_strategys_resource() {
        use crate::model::scenario::Strategy;
        let r = |cpu, memory| TaskReq {
            cpu,
            memory,
            ..TaskReq::default()
        };
        let reqs = [r(256, 512), r(1024, 512), r(128, 2048), r(256, 512)];
        assert_eq!(
            packing::best_order(Strategy::BinpackMemory, &reqs),
            vec![2, 1, 0, 3]
        );
        assert_eq!(
            packing::best_order(Strategy::BinpackCpu, &reqs),
            vec![1, 0, 3, 2]
        );
    }

    /// At the instance cap the plan says it stops there: the count is "more than" the cap, the
    /// lower bound's and the article's words do not compare as if it were the answer.
    #[test]
    fn at_the_cap_no_comparison_pretends() {
        let p = plan_of(r#"{"services":[{"cpu":256,"memory":512,"desiredCount":1000000}]}"#);
        assert!(p.instances_capped);
        assert_eq!(p.instances_needed, 10_000);
        let d = &p.explanations["articleDifference"];
        assert!(
            d.contains("only knows it needs more than 10,000") && !d.contains("fewer"),
            "{d}"
        );
        let lb = &p.explanations["lowerBound"];
        assert!(
            lb.contains("stops at the cap") && !lb.contains("fragmentation"),
            "{lb}"
        );
        assert!(!plan_of(r#"{"services":[{"memory":512,"desiredCount":10}]}"#).instances_capped);
        // The cost at the cap is a lower bound, and no share of paid capacity is given.
        assert!(p.cost.waste.is_none());
        assert!(
            p.explanations["cost.ec2"].starts_with("More than this"),
            "{}",
            p.explanations["cost.ec2"]
        );
        assert!(
            plan_of(r#"{"services":[{"memory":512,"desiredCount":10}]}"#)
                .cost
                .waste
                .is_some()
        );
    }

    /// With several types, a task that fits only a later type is placed on running instances of
    /// it, and otherwise explained: a warning names the type it fits and what to do, and the lower
    /// bound's words do not call the unplaced tasks "no fragmentation".
    #[test]
    fn a_task_only_a_later_type_holds() {
        let big = r#""services":[{"name":"big","cpu":4096,"memory":1024,"desiredCount":10}]"#;
        let p = plan_of(&format!(
            r#"{{"instanceTypes":["t4g.medium","m5.8xlarge"],{big}}}"#
        ));
        let w: Vec<&str> = p.warnings.iter().map(|w| w.message.as_str()).collect();
        assert!(
            w.iter()
                .any(|m| m.contains("10 big tasks never placed")
                    && m.contains("they fit m5.8xlarge")),
            "{w:?}"
        );
        let lb = &p.explanations["lowerBound"];
        assert!(
            lb.contains("leaves 10 tasks unplaced") && !lb.contains("fragmentation"),
            "{lb}"
        );
        let p = plan_of(&format!(
            r#"{{"instanceTypes":["t4g.medium","m5.8xlarge"],"runningInstances":{{"m5.8xlarge":2}},{big}}}"#
        ));
        assert_eq!(p.cas.waiting_tasks, 0, "placed on the running m5.8xlarge");
    }

    /// With several types, new instances launch as the first; the answer describes it.
    #[test]
    fn several_types_launch_the_first() {
        let p = plan_of(
            r#"{"instanceTypes":["m6g.large","m6g.xlarge"],"services":[{"cpu":256,"memory":512,"desiredCount":20}]}"#,
        );
        assert_eq!(p.instance.type_name, "m6g.large");
        assert!(p
            .placement
            .instances
            .iter()
            .all(|i| i.type_name == "m6g.large"));
    }
}
