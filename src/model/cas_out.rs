//! The CAS parts of the plan as the API returns them (api.md `cas`, `headroom`, `metrics`), and the
//! words that explain each number.

use super::text_map::TextMap;

use serde::Serialize;

use super::capacity::{Limit, Offer};
use super::cas::{self, Decision, Headroom, Path, ScaleStep, Step};
use super::packing::Placement;
use super::placed::{placement_out, PlacementOut};
use super::scenario::{CasSizing, Scenario};
use super::units::{count, pct};
use super::validate::thousands;

/// Waiting tasks of one service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WaitingOut {
    /// Service name.
    pub service: String,
    /// Tasks waiting.
    pub count: u64,
    /// Whether CAS scales for them (false: "CAS will not scale for these").
    pub cas_will_scale: bool,
}

/// A group of waiting tasks with identical requirements.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupOut {
    /// The services in the group.
    pub services: Vec<String>,
    /// Tasks that count (after the PROVISIONING quota).
    pub count: u64,
    /// Tasks per instance as CAS sizes them.
    pub tasks_per_instance: u64,
    /// The resource giving that.
    pub limited_by: Limit,
    /// ceil(count / tasksPerInstance), or 0 when CAS will not scale.
    pub instances: u64,
    /// Whether CAS scales for the group.
    pub cas_will_scale: bool,
}

/// api.md `cas`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CasOut {
    /// Instances running in the ASG.
    pub n: u64,
    /// Instances CAS thinks are needed.
    pub m: u64,
    /// CapacityProviderReservation, %, unrounded.
    pub reservation: f64,
    /// The desired instance count CAS asks for.
    pub desired_instances: u64,
    /// "scale-out" | "no-change" | "scale-in".
    pub decision: Decision,
    /// Instances running at least one non-daemon task.
    pub used_instances: u64,
    /// The desired tasks placed onto the N running instances.
    pub placement: PlacementOut,
    /// Waiting tasks per service.
    pub waiting: Vec<WaitingOut>,
    /// All waiting tasks.
    pub waiting_tasks: u64,
    /// Waiting tasks CAS counts (the PROVISIONING quota).
    pub counted_waiting_tasks: u64,
    /// The groups CAS sizes.
    pub groups: Vec<GroupOut>,
    /// Instance indexes a scale-in would remove (empty ones).
    pub to_remove: Vec<usize>,
    /// On a scale-in, the instances one step may remove: min(N - desired, max(1, N / 2)) (only
    /// empty ones go, so `toRemove` may hold fewer); 0 otherwise.
    pub scale_in_step: u64,
    /// Scale-outs until every task runs.
    pub steps: Vec<ScaleStep>,
    /// Minutes until every desired task is placed; null when never.
    pub minutes_to_capacity: Option<f64>,
    /// Why capacity is never reached.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub never_because: Option<String>,
    /// ceil(100 x instancesNeeded / targetCapacity), within the ASG's limits.
    pub steady_state_instances: u64,
}

/// api.md `metrics`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MetricsOut {
    /// CPUReservation, %: reserved CPU (tasks and daemons) / registered CPU.
    pub cpu_reservation: f64,
    /// MemoryReservation, %.
    pub memory_reservation: f64,
    /// Tasks waiting in PROVISIONING (PendingTaskCount does not count them).
    pub waiting_tasks: u64,
    /// Over the N running instances (true) or the from-scratch placement when N = 0 (false).
    pub over_running_instances: bool,
}

/// Everything CAS-related for the plan.
pub struct CasParts {
    /// api.md `cas`.
    pub cas: CasOut,
    /// api.md `headroom`.
    pub headroom: Headroom,
    /// api.md `metrics`.
    pub metrics: MetricsOut,
    /// The CAS step, for the charts.
    pub step: Step,
}

/// Computes the CAS parts and adds their explanations to `ex`.
pub fn cas_parts(
    s: &Scenario,
    offers: &[Offer],
    from_scratch: &Placement,
    instances_needed: u64,
    ex: &mut TextMap<String>,
) -> CasParts {
    let step = cas::now(s, offers);
    let path = cas::path_to_capacity(s, offers);
    let steady = cas::steady_state(s, instances_needed);
    let headroom = cas::headroom(s, offers, steady);
    let over_running = step.n > 0;
    let (cpu, mem) = cas::reservations(
        if over_running {
            &step.placement
        } else {
            from_scratch
        },
        offers,
    )
    .unwrap_or((0.0, 0.0));
    let metrics = MetricsOut {
        cpu_reservation: cpu,
        memory_reservation: mem,
        waiting_tasks: step.waiting_total,
        over_running_instances: over_running,
    };
    let name = |i: usize| {
        s.services
            .get(i)
            .map_or_else(String::new, |x| x.name.clone())
    };
    let will = |svc: usize| {
        step.groups
            .iter()
            .any(|g| g.services.contains(&svc) && g.will_scale)
            || step.groups.iter().all(|g| !g.services.contains(&svc))
    };
    explain(
        &Inputs {
            s,
            offers,
            st: &step,
            path: &path,
            steady,
            h: &headroom,
            metrics: &metrics,
            needed: instances_needed,
        },
        ex,
    );
    let cas = CasOut {
        n: step.n,
        m: step.m,
        reservation: step.reservation,
        desired_instances: step.desired,
        decision: step.decision,
        used_instances: step.used,
        placement: placement_out(s, offers, &step.placement),
        waiting: step
            .waiting
            .iter()
            .map(|&(svc, count)| WaitingOut {
                service: name(svc),
                count,
                cas_will_scale: will(svc),
            })
            .collect(),
        waiting_tasks: step.waiting_total,
        counted_waiting_tasks: step.counted,
        groups: step
            .groups
            .iter()
            .map(|g| GroupOut {
                services: g.services.iter().map(|&i| name(i)).collect(),
                count: g.count,
                tasks_per_instance: g.k,
                limited_by: g.limited_by,
                instances: g.lb,
                cas_will_scale: g.will_scale,
            })
            .collect(),
        to_remove: step.to_remove.clone(),
        scale_in_step: if step.decision == Decision::ScaleIn {
            cas::scale_in_step(step.n, step.desired)
        } else {
            0
        },
        steps: path.steps.clone(),
        minutes_to_capacity: path.minutes,
        never_because: path.stuck.clone(),
        steady_state_instances: steady,
    };
    CasParts {
        cas,
        headroom,
        metrics,
        step,
    }
}

/// What [`explain`] reads: the scenario, the CAS step and its path to capacity, and the numbers
/// derived from them. One struct, so each explanation takes only what it needs by name.
struct Inputs<'a> {
    /// The scenario.
    s: &'a Scenario,
    /// The offers per type.
    offers: &'a [Offer],
    /// The CAS step now.
    st: &'a Step,
    /// The scale-outs until every task runs.
    path: &'a Path,
    /// Steady-state instances.
    steady: u64,
    /// Deployment and failure headroom.
    h: &'a Headroom,
    /// CloudWatch's reservation metrics.
    metrics: &'a MetricsOut,
    /// Instances needed by placement from scratch.
    needed: u64,
}

/// Adds the words that explain each CAS number to `ex`, one entry per decision CAS makes.
/// Instances by number, "#4, #3", a long list shortened to its ends: "#100 … #51 (50 instances)".
pub fn instance_list(indexes: &[usize]) -> String {
    let name = |i: &usize| format!("#{}", i + 1);
    match indexes {
        [] => String::new(),
        [_] | [_, _] | [_, _, _] | [_, _, _, _] => {
            indexes.iter().map(name).collect::<Vec<_>>().join(", ")
        }
        [first, .., last] => format!(
            "{} … {} ({})",
            name(first),
            name(last),
            count(indexes.len() as u64, "instance")
        ),
    }
}

fn explain(x: &Inputs<'_>, ex: &mut TextMap<String>) {
    let (t, steady, needed) = (x.s.capacity_provider.target_capacity, x.steady, x.needed);
    ex.insert("cas.m".into(), m_words(x));
    ex.insert("cas.reservation".into(), reservation_words(x.st, t));
    ex.insert("cas.desiredInstances".into(), desired_words(x.s, x.st));
    ex.insert("cas.decision".into(), decision_words(x.st, t));
    ex.insert("cas.steps".into(), steps_words(x.s, x.path));
    ex.insert(
        "cas.steadyStateInstances".into(),
        format!("steady state = ceil(100 x {needed} instances needed / {t}) = {steady}"),
    );
    headroom_words(x.s, x.h, steady, ex);
    ex.insert("metrics".into(), metrics_words(x.metrics));
}

/// How CAS arrives at M: the busy instances when no task waits, else the groups of waiting tasks.
fn m_words(x: &Inputs<'_>) -> String {
    let st = x.st;
    if st.waiting_total == 0 {
        return format!(
            "no task waits, so M = the instances running at least one non-daemon task = {} of N = {}{}",
            st.used,
            st.n,
            if st.used < st.n { " (instances with only daemon tasks count as empty)" } else { "" }
        );
    }
    let cp = &x.s.capacity_provider;
    let largest = x
        .offers
        .iter()
        .max_by_key(|o| (o.cpu.0, o.instance.memory_mib))
        .map_or("the largest type", |o| o.instance.name.as_str());
    let sizing = match x.s.settings.cas_sizing {
        CasSizing::Nominal => "nominal specs, no daemons",
        CasSizing::Registered => "registered memory, daemons subtracted",
    };
    let groups = group_words(x.s, st);
    let quota = if st.counted < st.waiting_total {
        format!(
            " (only the first {} count: the PROVISIONING quota)",
            thousands(st.counted)
        )
    } else {
        String::new()
    };
    match st.lb_max {
        Some(lb) => format!(
            "{} tasks wait{quota}; per group of identical tasks, sized on {largest} ({sizing}): {}; LB = {lb}; \
             M = N + min(maxStep, max(minStep, LB)) = {} + min({}, max({}, {lb})) = {}",
            thousands(st.waiting_total),
            groups.join("; "),
            st.n,
            cp.max_step,
            cp.min_step,
            st.m
        ),
        None => format!(
            "{} tasks wait{quota}; {}; with no group to scale for, CAS stops: M = N = {}",
            thousands(st.waiting_total),
            groups.join("; "),
            st.m
        ),
    }
}

/// Each group of identical waiting tasks: the instances CAS sizes for it, or why it sizes none.
fn group_words(s: &Scenario, st: &Step) -> Vec<String> {
    let name = |i: usize| s.services.get(i).map_or("?", |x| x.name.as_str());
    st.groups
        .iter()
        .map(|g| {
            let names: Vec<&str> = g.services.iter().map(|&i| name(i)).collect();
            if g.will_scale {
                format!("{}: ceil({} / {} per instance, {}) = {}", names.join(" + "), g.count, g.k, g.limited_by.label(), g.lb)
            } else {
                format!("{}: {} tasks that do not fit the group's smallest type: CAS will not scale for these", names.join(" + "), g.count)
            }
        })
        .collect()
}

/// The reservation M / N x 100, or the value AWS defines for N = 0.
fn reservation_words(st: &Step, t: u32) -> String {
    match (st.n, st.m) {
        (0, 0) => "N = 0 and M = 0: the reservation is 100 % by definition".to_string(),
        (0, _) => format!(
            "N = 0 and M > 0: the reservation is 200 % by definition (the cold start: from zero, CAS launches ceil(200 / {t}) = {} instances whatever the demand, then sizes the rest)",
            200u32.div_ceil(t.max(1))
        ),
        _ => format!("reservation = M / N x 100 = {} / {} x 100 = {} %", st.m, st.n, pct(st.reservation)),
    }
}

/// The desired count: the formula, and the ASG's limits when they hold it.
fn desired_words(s: &Scenario, st: &Step) -> String {
    let t = s.capacity_provider.target_capacity;
    let raw = if st.n == 0 && st.m > 0 {
        200u64.div_ceil(u64::from(t.max(1)))
    } else {
        (100 * st.m).div_ceil(u64::from(t.max(1)))
    };
    let formula = if st.n == 0 && st.m > 0 {
        format!("ceil(200 / {t}) = {raw} (the first step from zero)")
    } else {
        format!("ceil(100 x {} / {t}) = {raw}", st.m)
    };
    let clamp = if raw != st.desired {
        format!(
            ", held to the ASG's [{}, {}]: {}",
            s.asg_min, s.asg_max, st.desired
        )
    } else {
        String::new()
    };
    format!("desired = {formula}{clamp}")
}

/// Scale out, no change or scale in, and by how many.
fn decision_words(st: &Step, t: u32) -> String {
    match st.decision {
        Decision::ScaleOut => {
            let note = if st.m == st.n && t < 100 {
                format!(" (M = N, but the reservation 100 % is above the {t} % target, so CAS adds headroom)")
            } else {
                String::new()
            };
            format!(
                "{} > N = {}: scale out by {}{note}",
                st.desired,
                st.n,
                st.desired - st.n
            )
        }
        Decision::NoChange => format!("{} = N: no change", st.desired),
        Decision::ScaleIn => {
            let wanted = st.n - st.desired;
            let step = cas::scale_in_step(st.n, st.desired);
            let removed = st.to_remove.len() as u64;
            let which = if removed == 0 {
                "no instance is empty, so with managed termination protection none can go yet"
                    .to_string()
            } else {
                format!(
                    "{} of them {} empty, so this step removes {}",
                    count(step, "instance"),
                    if removed == step {
                        "are"
                    } else {
                        "are not all"
                    },
                    instance_list(&st.to_remove)
                )
            };
            format!(
                "{} < N = {}: CAS wants {} fewer after 15 minutes below the target; one step removes at most half the group, min({wanted}, max(1, {} / 2)) = {step}, and only empty instances: {which}",
                st.desired,
                st.n,
                thousands(wanted),
                st.n
            )
        }
    }
}

/// The scale-outs until every task runs, or why capacity is never reached.
fn steps_words(s: &Scenario, path: &Path) -> String {
    let cp = &s.capacity_provider;
    let steps: Vec<String> = path
        .steps
        .iter()
        .map(|x| {
            format!(
                "minute {}: {}",
                pct(x.minute),
                count(x.instances, "instance")
            )
        })
        .collect();
    match (&path.minutes, &path.stuck) {
        (Some(m), _) if path.steps.is_empty() => format!("every desired task runs now (after {} minutes)", pct(*m)),
        (Some(m), _) => format!(
            "{}; each step's instances register {} s after launch and the next scale-out waits {} s of warm-up; every task is placed at minute {}{}",
            steps.join("; "),
            s.settings.launch_seconds,
            cp.warmup_seconds.max(60),
            pct(*m),
            if path.steps.len() > 2 && s.settings.cas_sizing == CasSizing::Nominal {
                " (more than two rounds: CAS sizes on nominal specs while tasks land on registered memory and share instances with daemons)"
            } else {
                ""
            }
        ),
        (None, why) => format!(
            "{}{}capacity is never reached: {}",
            steps.join("; "),
            if steps.is_empty() { "" } else { "; " },
            why.as_deref().unwrap_or("tasks keep waiting")
        ),
    }
}

/// A deployment, the busiest instance lost and a zone lost, each at the steady state.
fn headroom_words(s: &Scenario, h: &Headroom, steady: u64, ex: &mut TextMap<String>) {
    ex.insert(
        "headroom.deployment".into(),
        format!(
            "a rolling deployment at maximumPercent {} % starts {} extra tasks on the {} steady-state instances: {}",
            s.settings.maximum_percent,
            h.deployment.tasks,
            steady,
            disruption_words(&h.deployment)
        ),
    );
    ex.insert(
        "headroom.loseInstance".into(),
        format!(
            "losing the busiest instance puts {} tasks back to placement: {}",
            h.lose_instance.tasks,
            disruption_words(&h.lose_instance)
        ),
    );
    if let Some(z) = &h.lose_zone {
        ex.insert(
            "headroom.loseZone".into(),
            format!(
                "losing zone a puts {} tasks back to placement: {}",
                z.tasks,
                disruption_words(z)
            ),
        );
    }
}

/// What CloudWatch's reservation metrics would read, and the tasks they do not count.
fn metrics_words(metrics: &MetricsOut) -> String {
    format!(
        "CloudWatch's CPUReservation {} % and MemoryReservation {} %: tasks' and daemons' reservations over registered capacity, {}; \
         {} tasks wait in PROVISIONING, which Container Insights' PendingTaskCount does not count",
        pct(metrics.cpu_reservation),
        pct(metrics.memory_reservation),
        if metrics.over_running_instances { "over the N running instances" } else { "over the from-scratch placement (N = 0)" },
        thousands(metrics.waiting_tasks)
    )
}

fn disruption_words(d: &cas::Disruption) -> String {
    if d.waiting == 0 {
        "all of them fit".to_string()
    } else {
        format!(
            "{} wait for capacity, and CAS would add {} instance(s)",
            d.waiting, d.cas_would_add
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::providers::plan_input;
    use crate::model::validate::parse_json;

    /// A long list of instances is shortened to its ends and its count.
    #[test]
    fn long_instance_lists_are_shortened() {
        assert_eq!(instance_list(&[3, 2]), "#4, #3");
        let many: Vec<usize> = (50..100).rev().collect();
        assert_eq!(instance_list(&many), "#100 … #51 (50 instances)");
        assert_eq!(instance_list(&[]), "");
    }

    /// The scale-in's step, the "at most half" rule and the list agree: 100 running, 5 needed,
    /// CAS wants 95 fewer, one step removes 50, #100 … #51.
    #[test]
    fn scale_in_step_rule_and_list_agree() {
        let p = plan_input(
            &parse_json(r#"{"runningInstances":100,"services":[{"cpu":256,"memory":512,"desiredCount":30}]}"#)
                .unwrap(),
        )
        .unwrap();
        assert_eq!(p.cas.decision, Decision::ScaleIn);
        assert_eq!(p.cas.scale_in_step, 50);
        assert_eq!(p.cas.to_remove.len(), 50);
        let words = &p.explanations["cas.decision"];
        assert!(words.contains("CAS wants 95 fewer"), "{words}");
        assert!(words.contains("min(95, max(1, 100 / 2)) = 50"), "{words}");
        assert!(
            words.contains("removes #100 … #51 (50 instances)"),
            "{words}"
        );
    }
}
