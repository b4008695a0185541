//! Cluster Auto Scaling (model.md section 4): the desired tasks placed onto the N running instances,
//! what waits (PROVISIONING), M, the CapacityProviderReservation metric, the desired instance count
//! and the decision; then the steps CAS takes until every task runs, the headroom, and CloudWatch's
//! reservation metrics.
//!
//! Assumptions (named in the UI too):
//! - CAS sizes LB on the largest type's nominal specs with no daemons (setting casSizing); a group that
//!   does not fit the smallest type once is left out ("CAS will not scale for these").
//! - CAS evaluates at most once a minute (its metric is published each minute).
//! - Scale-in removes only empty instances (managed termination protection on), the newest first, at
//!   most max(1, floor(N / 2)) a step.
//! - New instances launch as the group's first type.

use serde::Serialize;

use super::capacity::{Limit, Offer, TaskReq};
use super::packing::{self, Inst, Placement, Unplaced};
use super::scenario::{CasSizing, Scenario};

/// What CAS will do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    /// desired > N.
    ScaleOut,
    /// desired = N.
    NoChange,
    /// desired < N.
    ScaleIn,
}

impl Decision {
    /// The API spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::ScaleOut => "scale-out",
            Decision::NoChange => "no-change",
            Decision::ScaleIn => "scale-in",
        }
    }
}

/// Waiting tasks with identical requirements (model.md: "group the waiting tasks").
#[derive(Clone, Debug, PartialEq)]
pub struct WaitGroup {
    /// The requirements.
    pub req: TaskReq,
    /// Services whose tasks are in the group.
    pub services: Vec<usize>,
    /// Tasks that count (after the PROVISIONING quota).
    pub count: u64,
    /// Tasks per instance on the largest type as CAS sizes it.
    pub k: u64,
    /// The resource that gives k.
    pub limited_by: Limit,
    /// ceil(count / k): instances CAS estimates for this group.
    pub lb: u64,
    /// Whether the group fits the smallest type once; if not, CAS will not scale for it.
    pub will_scale: bool,
}

/// One CAS evaluation.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// Instances in the ASG.
    pub n: u64,
    /// Instances CAS thinks are needed.
    pub m: u64,
    /// CapacityProviderReservation, %, unrounded.
    pub reservation: f64,
    /// The ASG's desired count CAS asks for.
    pub desired: u64,
    /// The decision.
    pub decision: Decision,
    /// Instances running at least one non-daemon task.
    pub used: u64,
    /// Waiting tasks per service (all of them, before the quota).
    pub waiting: Vec<(usize, u64)>,
    /// All waiting tasks.
    pub waiting_total: u64,
    /// Waiting tasks that count (the first `provisioningQuota`).
    pub counted: u64,
    /// The groups.
    pub groups: Vec<WaitGroup>,
    /// max LB over the groups CAS scales for.
    pub lb_max: Option<u64>,
    /// Indexes of the empty instances a scale-in removes.
    pub to_remove: Vec<usize>,
    /// The desired tasks placed onto the N instances.
    pub placement: Placement,
}

/// One resource-wise instance size as CAS sizes a group.
#[derive(Clone, Debug, PartialEq)]
struct Cap {
    cpu: u64,
    memory: u64,
    enis: u64,
    ports: Vec<u16>,
}

/// Per resource, the largest and the smallest type of the group, as `casSizing` says.
fn caps(s: &Scenario, offers: &[Offer]) -> (Cap, Cap) {
    let one = |o: &Offer| -> Cap {
        match s.settings.cas_sizing {
            CasSizing::Nominal => Cap {
                cpu: o.cpu.0,
                memory: o.instance.memory_mib,
                enis: o.task_enis,
                ports: Vec::new(),
            },
            CasSizing::Registered => Cap {
                cpu: o.free_cpu,
                memory: o.free_memory,
                enis: o.free_enis,
                ports: o.daemon_ports.clone(),
            },
        }
    };
    let all: Vec<Cap> = offers.iter().map(one).collect();
    let pick = |f: fn(u64, u64) -> u64, start: u64| Cap {
        cpu: all.iter().map(|c| c.cpu).fold(start, f),
        memory: all.iter().map(|c| c.memory).fold(start, f),
        enis: all.iter().map(|c| c.enis).fold(start, f),
        ports: all.first().map(|c| c.ports.clone()).unwrap_or_default(),
    };
    (pick(u64::max, 0), pick(u64::min, u64::MAX))
}

/// Tasks of `r` per instance on `c` (model.md section 3's k), and the limit.
fn k_on(c: &Cap, r: &TaskReq) -> (u64, Limit) {
    let f = super::capacity::fit_in(
        &super::capacity::Room {
            cpu: c.cpu,
            memory: c.memory,
            enis: c.enis,
            held_ports: &c.ports,
        },
        r,
    );
    (f.k, f.limited_by)
}

/// Evaluates CAS once on a placement of the desired tasks onto the ASG's registered instances;
/// `n` counts every instance in the ASG (registered or not).
pub fn evaluate(s: &Scenario, offers: &[Offer], placement: &Placement, n: u64) -> Step {
    let used = placement.instances.iter().filter(|i| i.is_used()).count() as u64;
    let mut step = evaluate_counts(s, offers, &placement.unplaced, used, n);
    if step.decision == Decision::ScaleIn {
        let most = scale_in_step(n, step.desired) as usize;
        let mut empty: Vec<usize> = placement
            .instances
            .iter()
            .enumerate()
            .filter(|(_, i)| !i.is_used())
            .map(|(ix, _)| ix)
            .collect();
        empty.reverse();
        empty.truncate(most);
        step.to_remove = empty;
    }
    step
}

/// CAS from what it reads of the cluster: the waiting tasks, `used` (instances running at least one
/// non-daemon task) and `n`. The simulator keeps `used` as it goes rather than scanning every
/// instance each minute; `to_remove` is left empty (see `evaluate`).
pub fn evaluate_counts(
    s: &Scenario,
    offers: &[Offer],
    unplaced: &[Unplaced],
    used: u64,
    n: u64,
) -> Step {
    let waiting = waiting_per_service(unplaced);
    let waiting_total: u64 = waiting.iter().map(|&(_, c)| c).sum();
    let groups = wait_groups(s, offers, &waiting);
    let counted: u64 = groups.iter().map(|g| g.count).sum();
    let lb_max = groups.iter().filter(|g| g.will_scale).map(|g| g.lb).max();
    let cp = &s.capacity_provider;
    let m = match (waiting_total, lb_max) {
        (0, _) => used,
        // No group CAS can scale for: it stops, and M = N.
        (_, None) => n,
        (_, Some(lb)) => n + lb.max(u64::from(cp.min_step)).min(u64::from(cp.max_step)),
    };
    let (reservation, desired) = reservation_and_desired(s, n, m);
    let decision = match desired.cmp(&n) {
        std::cmp::Ordering::Greater => Decision::ScaleOut,
        std::cmp::Ordering::Equal => Decision::NoChange,
        std::cmp::Ordering::Less => Decision::ScaleIn,
    };
    Step {
        n,
        m,
        reservation,
        desired,
        decision,
        used,
        waiting,
        waiting_total,
        counted,
        groups,
        lb_max,
        to_remove: Vec::new(),
        // Filled by `now`, which keeps the placement for the charts; the path does not need it.
        placement: Placement::default(),
    }
}

/// The waiting tasks per service, in service order.
fn waiting_per_service(unplaced: &[Unplaced]) -> Vec<(usize, u64)> {
    let mut waiting: Vec<(usize, u64)> = Vec::new();
    for u in unplaced {
        match waiting.iter_mut().find(|(svc, _)| *svc == u.service) {
            Some((_, c)) => *c += u.count,
            None => waiting.push((u.service, u.count)),
        }
    }
    super::order::small(&mut waiting, |a, b| a.cmp(b));
    waiting
}

/// The waiting tasks CAS counts, grouped by identical requirements, each sized on the group's
/// largest type (and scaled for only when its smallest type fits one).
fn wait_groups(s: &Scenario, offers: &[Offer], waiting: &[(usize, u64)]) -> Vec<WaitGroup> {
    let reqs: Vec<TaskReq> = s.services.iter().map(TaskReq::of).collect();
    // Only the first `provisioningQuota` waiting tasks count, in service order.
    let mut quota = u64::from(s.settings.provisioning_quota);
    let (largest, smallest) = caps(s, offers);
    let mut groups: Vec<WaitGroup> = Vec::new();
    for &(svc, c) in waiting {
        let take = c.min(quota);
        quota -= take;
        if take == 0 {
            continue;
        }
        let Some(req) = reqs.get(svc).copied() else {
            continue;
        };
        match groups.iter_mut().find(|g| g.req == req) {
            Some(g) => {
                g.count += take;
                g.services.push(svc);
            }
            None => {
                let (k, limited_by) = k_on(&largest, &req);
                let will_scale = k_on(&smallest, &req).0 > 0 && k > 0;
                groups.push(WaitGroup {
                    req,
                    services: vec![svc],
                    count: take,
                    k,
                    limited_by,
                    lb: 0,
                    will_scale,
                });
            }
        }
    }
    for g in &mut groups {
        g.lb = if g.will_scale {
            g.count.div_ceil(g.k)
        } else {
            0
        };
    }
    groups
}

/// The reservation M / N x 100 (100 % and 200 % by definition at N = 0), and the desired count it
/// gives, held to the ASG's limits.
fn reservation_and_desired(s: &Scenario, n: u64, m: u64) -> (f64, u64) {
    let reservation = match (n, m) {
        (0, 0) => 100.0,
        (0, _) => 200.0,
        _ => m as f64 * 100.0 / n as f64,
    };
    let t = u64::from(s.capacity_provider.target_capacity.max(1));
    let raw = if n == 0 && m > 0 {
        200u64.div_ceil(t)
    } else {
        (100 * m).div_ceil(t)
    };
    let desired = raw.clamp(u64::from(s.asg_min), u64::from(s.asg_max.max(s.asg_min)));
    (reservation, desired)
}

/// Places the scenario's desired tasks (or `counts`) onto `existing` instances, none opened.
pub fn place_on(s: &Scenario, offers: &[Offer], existing: Vec<Inst>, counts: &[u64]) -> Placement {
    place_on_after(s, offers, existing, counts, 0)
}

/// As [`place_on`], where the first `frozen` instances are known to have no room for any of the
/// tasks (see `PlaceInput::frozen`).
fn place_on_after(
    s: &Scenario,
    offers: &[Offer],
    existing: Vec<Inst>,
    counts: &[u64],
    frozen: usize,
) -> Placement {
    let services: Vec<(TaskReq, u64)> = s
        .services
        .iter()
        .zip(counts)
        .map(|(x, &c)| (TaskReq::of(x), c))
        .collect();
    packing::place_into(
        &packing::PlaceInput {
            offers,
            services: &services,
            strategy: s.strategy,
            zones: s.zones,
            seed: s.seed,
            existing: Vec::new(),
            launch: None,
            cap: super::validate::MAX_INSTANCES,
            frozen,
        },
        existing,
    )
}

/// The desired count of every service.
pub fn desired_counts(s: &Scenario) -> Vec<u64> {
    s.services.iter().map(|x| x.desired_count).collect()
}

/// Types of the running instances, in the group's type order.
pub fn running_types(s: &Scenario) -> Vec<usize> {
    s.running
        .iter()
        .enumerate()
        .flat_map(|(t, &n)| std::iter::repeat_n(t, n as usize))
        .collect()
}

/// CAS now: the desired tasks on the N running instances.
pub fn now(s: &Scenario, offers: &[Offer]) -> Step {
    let types = running_types(s);
    let n = types.len() as u64;
    let placement = place_on(
        s,
        offers,
        packing::fresh(offers, &types, s.zones),
        &desired_counts(s),
    );
    let mut step = evaluate(s, offers, &placement, n);
    step.placement = placement;
    step
}

/// One scale-out CAS makes on the way to capacity.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ScaleStep {
    /// Minutes from now.
    pub minute: f64,
    /// The ASG's desired count from then.
    pub instances: u64,
}

/// The path to capacity.
#[derive(Clone, Debug, PartialEq)]
pub struct Path {
    /// Scale-outs, in time order.
    pub steps: Vec<ScaleStep>,
    /// Minutes until every desired task is placed; None when it never is.
    pub minutes: Option<f64>,
    /// Why capacity is never reached, when it is not.
    pub stuck: Option<String>,
}

/// How many instances one scale-in step may remove from `n` running when CAS wants `desired`:
/// what it wants, but at most half the group, and at least one (ecs-facts: "at most half").
pub fn scale_in_step(n: u64, desired: u64) -> u64 {
    n.saturating_sub(desired).min((n / 2).max(1))
}

/// Events the path may take at most (a guard: real paths take a few).
const MAX_EVENTS: usize = 2_000;

/// From the running instances, repeats CAS until no task waits (model.md section 4): each scale-out's
/// instances register after the launch time; the next scale-out waits until every instance is past
/// the warm-up period.
pub fn path_to_capacity(s: &Scenario, offers: &[Offer]) -> Path {
    let launch = i64::from(s.settings.launch_seconds);
    let warm = i64::from(s.capacity_provider.warmup_seconds).max(60);
    // Registration times of the instances CAS launches (the running ones are registered already).
    let mut pending: Vec<i64> = Vec::new();
    let mut n = s.running.iter().map(|&x| u64::from(x)).sum::<u64>();
    // Running tasks stay where they are: each registration only places the waiting tasks.
    let mut placement = place_on(
        s,
        offers,
        packing::fresh(offers, &running_types(s), s.zones),
        &desired_counts(s),
    );
    let mut steps = Vec::new();
    let (mut t, mut next_cas) = (0i64, 0i64);
    for _ in 0..MAX_EVENTS {
        if packing::paused() {
            // A stepped plan paused: this path is thrown away; stop (see packing::Steps).
            break;
        }
        let arrived = pending.iter().filter(|&&r| r <= t).count();
        if arrived > 0 {
            pending.retain(|&r| r > t);
            let start = placement.instances.len();
            let new = packing::fresh_from(offers, &vec![0; arrived], s.zones, start);
            let waiting = waiting_counts(s, &placement);
            if s.strategy == super::scenario::Strategy::SpreadAz {
                // spread-az picks zones by the service's tasks on every instance: place over all.
                // The running ones have no room for a waiting task (the reason below), so they are
                // only counted, not scanned.
                let mut existing = std::mem::take(&mut placement.instances);
                existing.extend(new);
                placement = place_on_after(s, offers, existing, &waiting, start);
            } else {
                // Running instances only lose room, and a task waits because none had room for it,
                // so only the new instances can take waiting tasks: placing onto them alone is exact.
                let more = place_on(s, offers, new, &waiting);
                placement.instances.extend(more.instances);
                placement.unplaced = more.unplaced;
            }
        }
        if placement.unplaced.is_empty() {
            return Path {
                steps,
                minutes: Some(t as f64 / 60.0),
                stuck: None,
            };
        }
        let next_reg = pending.iter().copied().min();
        if t >= next_cas {
            let step = evaluate(s, offers, &placement, n);
            if step.desired > n {
                pending.extend(std::iter::repeat_n(t + launch, (step.desired - n) as usize));
                n = step.desired;
                steps.push(ScaleStep {
                    minute: t as f64 / 60.0,
                    instances: step.desired,
                });
                next_cas = t + warm;
            } else if next_reg.is_none() {
                let why = if step.lb_max.is_none() {
                    "CAS will not scale for the waiting tasks: they do not fit the group's smallest type".to_string()
                } else if step.desired >= u64::from(s.asg_max) {
                    format!(
                        "the Auto Scaling group's maximum ({}) is reached",
                        s.asg_max
                    )
                } else {
                    "CAS asks for no more instances while tasks wait".to_string()
                };
                return Path {
                    steps,
                    minutes: None,
                    stuck: Some(why),
                };
            } else {
                next_cas = t + 60;
            }
        }
        let next_reg = pending.iter().copied().min();
        t = next_reg.map_or(next_cas, |r| r.min(next_cas)).max(t + 1);
    }
    Path {
        steps,
        minutes: None,
        stuck: Some("the path takes too many steps to follow".into()),
    }
}

/// Waiting tasks per service (index as the scenario's services).
pub fn waiting_counts(s: &Scenario, p: &Placement) -> Vec<u64> {
    let mut out = vec![0u64; s.services.len()];
    for u in &p.unplaced {
        if let Some(c) = out.get_mut(u.service) {
            *c += u.count;
        }
    }
    out
}

/// What a disruption leaves waiting, and what CAS would then add.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Disruption {
    /// Instances before the disruption.
    pub instances: u64,
    /// Tasks that must be placed again (or the deployment's extra tasks).
    pub tasks: u64,
    /// Of those, how many wait for capacity.
    pub waiting: u64,
    /// Instances CAS would add (its desired count minus the instances left).
    pub cas_would_add: u64,
}

/// Headroom at the steady state (model.md section 4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Headroom {
    /// The steady-state instances the rest is measured on.
    pub steady_state_instances: u64,
    /// A rolling deployment at maximumPercent: its extra tasks.
    pub deployment: Disruption,
    /// Losing the instance with the most tasks.
    pub lose_instance: Disruption,
    /// Losing zone a (only with spread-az over several zones).
    pub lose_zone: Option<Disruption>,
}

/// The steady state: ceil(100 x instances needed / targetCapacity), within the ASG's limits.
pub fn steady_state(s: &Scenario, instances_needed: u64) -> u64 {
    let t = u64::from(s.capacity_provider.target_capacity.max(1));
    (100 * instances_needed)
        .div_ceil(t)
        .clamp(u64::from(s.asg_min), u64::from(s.asg_max.max(s.asg_min)))
}

fn disruption(
    s: &Scenario,
    offers: &[Offer],
    before: u64,
    placement: Placement,
    tasks: u64,
) -> Disruption {
    let n = placement.instances.len() as u64;
    let waiting = placement.unplaced.iter().map(|u| u.count).sum();
    let step = evaluate(s, offers, &placement, n);
    Disruption {
        instances: before,
        tasks,
        waiting,
        cas_would_add: step.desired.saturating_sub(n),
    }
}

/// Removes the instances `drop` says, and places their tasks again on the rest.
fn lose(
    s: &Scenario,
    offers: &[Offer],
    base: &Placement,
    drop: impl Fn(usize, &Inst) -> bool,
) -> Disruption {
    let mut lost = vec![0u64; s.services.len()];
    let mut kept = Vec::new();
    for (ix, i) in base.instances.iter().enumerate() {
        if drop(ix, i) {
            for &(svc, c) in &i.tasks {
                if let Some(l) = lost.get_mut(svc) {
                    *l += c;
                }
            }
        } else {
            kept.push(i.clone());
        }
    }
    let placement = place_on(s, offers, kept, &lost);
    disruption(
        s,
        offers,
        base.instances.len() as u64,
        placement,
        lost.iter().sum(),
    )
}

/// Deployment, instance-loss and zone-loss headroom at the steady state.
pub fn headroom(s: &Scenario, offers: &[Offer], steady: u64) -> Headroom {
    let types = vec![0usize; steady as usize];
    let counts = desired_counts(s);
    let base = place_on(s, offers, packing::fresh(offers, &types, s.zones), &counts);
    // maximumPercent caps running tasks at floor(desired x max / 100) during a deployment.
    let max_pct = u64::from(s.settings.maximum_percent);
    let with_extra: Vec<u64> = counts.iter().map(|&c| c * max_pct / 100).collect();
    let extra: u64 = with_extra.iter().zip(&counts).map(|(a, c)| a - c).sum();
    let deployment = {
        let p = place_on(
            s,
            offers,
            packing::fresh(offers, &types, s.zones),
            &with_extra,
        );
        disruption(s, offers, steady, p, extra)
    };
    let busiest = base
        .instances
        .iter()
        .enumerate()
        .max_by_key(|&(ix, i)| (i.task_count(), std::cmp::Reverse(ix)))
        .map(|(ix, _)| ix);
    let lose_instance = lose(s, offers, &base, |ix, _| Some(ix) == busiest);
    let lose_zone = (s.strategy == super::scenario::Strategy::SpreadAz && s.zones > 1)
        .then(|| lose(s, offers, &base, |_, i| i.az == 0));
    Headroom {
        steady_state_instances: steady,
        deployment,
        lose_instance,
        lose_zone,
    }
}

/// CloudWatch's CPUReservation and MemoryReservation over a placement's instances: reserved (tasks and
/// daemons) over registered capacity, %. None for no instances.
pub fn reservations(p: &Placement, offers: &[Offer]) -> Option<(f64, f64)> {
    let (mut cpu_cap, mut cpu_free, mut mem_cap, mut mem_free) = (0u64, 0u64, 0u64, 0u64);
    for i in &p.instances {
        let o = offers.get(i.type_index)?;
        cpu_cap += o.cpu.0;
        mem_cap += o.memory.0;
        cpu_free += i.free_cpu;
        mem_free += i.free_memory;
    }
    (cpu_cap > 0 && mem_cap > 0).then(|| {
        (
            (cpu_cap - cpu_free) as f64 * 100.0 / cpu_cap as f64,
            (mem_cap - mem_free) as f64 * 100.0 / mem_cap as f64,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::capacity::offers;
    use crate::model::validate::{parse_json, validate};

    fn scenario(json: &str) -> Scenario {
        validate(&parse_json(json).unwrap()).unwrap().0
    }

    fn step(json: &str) -> Step {
        let s = scenario(json);
        now(&s, &offers(&s).unwrap())
    }

    /// The path's spread-az shortcut: after a placement with nothing opened, the running
    /// instances have no room for any waiting task, so placing the waiting tasks over them and
    /// new ones gives the same result whether the running ones are scanned or only counted.
    /// 300 random scenarios of 1-6 zones, every constraint, several rounds of new instances.
    #[test]
    fn frozen_instances_change_nothing_after_a_placement() {
        let mut rng = packing::SplitMix64::new(7);
        for case in 0..300 {
            let zones = 1 + rng.below(6);
            let services: Vec<String> = (0..1 + rng.below(5))
                .map(|i| {
                    let extra = match rng.below(5) {
                        0 => r#","distinctInstance":true"#,
                        1 => r#","networkMode":"awsvpc""#,
                        2 => r#","hostPort":80"#,
                        _ => "",
                    };
                    format!(
                        r#"{{"name":"s{i}","cpu":{},"memory":{},"desiredCount":{}{extra}}}"#,
                        rng.below(5) * 128,
                        64 + rng.below(12) * 128,
                        rng.below(300)
                    )
                })
                .collect();
            let s = scenario(&format!(
                r#"{{"placementStrategy":"spread-az","availabilityZones":{zones},"services":[{}]}}"#,
                services.join(",")
            ));
            let offers = offers(&s).unwrap();
            let start = rng.below(5);
            let mut p = place_on(
                &s,
                &offers,
                packing::fresh(&offers, &vec![0; start], s.zones),
                &desired_counts(&s),
            );
            for round in 0..4 {
                let old = p.instances.len();
                let mut insts = p.instances.clone();
                insts.extend(packing::fresh_from(
                    &offers,
                    &vec![0; 1 + rng.below(4)],
                    s.zones,
                    old,
                ));
                let waiting = waiting_counts(&s, &p);
                let scanned = place_on_after(&s, &offers, insts.clone(), &waiting, 0);
                let counted = place_on_after(&s, &offers, insts, &waiting, old);
                assert_eq!(scanned, counted, "case {case} round {round}");
                p = counted;
            }
        }
    }

    /// N = 0 with tasks waiting: reservation 200, and the first step launches ceil(200 / T).
    #[test]
    fn reservation_is_200_at_zero_with_demand() {
        let st = step(r#"{"services":[{"cpu":256,"memory":512,"desiredCount":100}]}"#);
        assert_eq!(
            (st.n, st.m, st.reservation, st.desired, st.decision),
            (0, 13, 200.0, 2, Decision::ScaleOut)
        );
    }

    /// N = 0 with nothing to run: reservation 100, no change.
    #[test]
    fn reservation_is_100_at_zero_without_demand() {
        let st = step(r#"{"services":[{"memory":512,"desiredCount":0}]}"#);
        assert_eq!(
            (st.m, st.reservation, st.desired, st.decision),
            (0, 100.0, 0, Decision::NoChange)
        );
    }

    /// The first step from zero at an 80 % target launches 3 (ceil(200 / 80)).
    #[test]
    fn first_step_from_zero_at_80_launches_3() {
        let st = step(
            r#"{"capacityProvider":{"targetCapacity":80},"services":[{"memory":512,"desiredCount":5}]}"#,
        );
        assert_eq!(st.desired, 3);
    }

    /// The minimum step size raises a small LB: 1 waiting task, minStep 3, so M = N + 3.
    #[test]
    fn min_step_raises_lb() {
        let st = step(
            r#"{"runningInstances":2,"capacityProvider":{"minimumScalingStepSize":3},"services":[{"cpu":1024,"memory":512,"desiredCount":5}]}"#,
        );
        assert_eq!(
            (st.waiting_total, st.lb_max, st.m, st.desired),
            (1, Some(1), 5, 5)
        );
    }

    /// The maximum step size caps a large LB: 100 waiting, maxStep 4, so M = N + 4.
    #[test]
    fn max_step_caps_lb() {
        let st = step(
            r#"{"runningInstances":1,"capacityProvider":{"maximumScalingStepSize":4},"services":[{"cpu":256,"memory":512,"desiredCount":107}]}"#,
        );
        assert_eq!((st.lb_max, st.m), (Some(13), 5));
    }

    /// The issue's worked line: 3 running, 1 task waiting, 3 per instance: M = 3 + 1 = 4,
    /// reservation 133.3 %, desired 4, scale out by 1.
    #[test]
    fn one_waiting_task_adds_one_instance() {
        let st = step(
            r#"{"runningInstances":3,"services":[{"cpu":512,"memory":1024,"desiredCount":10}]}"#,
        );
        assert_eq!(
            (st.waiting_total, st.m, st.desired, st.decision),
            (1, 4, 4, Decision::ScaleOut)
        );
        assert!((st.reservation - 133.333).abs() < 0.01);
    }

    /// targetCapacity 100 with every instance used: no change; targetCapacity 1 asks for 100 x M.
    #[test]
    fn target_capacity_extremes() {
        let base =
            r#""runningInstances":2,"services":[{"cpu":512,"memory":1024,"desiredCount":6}]"#;
        let st = step(&format!("{{{base}}}"));
        assert_eq!(
            (st.m, st.reservation, st.desired, st.decision),
            (2, 100.0, 2, Decision::NoChange)
        );
        let st = step(&format!(
            r#"{{"capacityProvider":{{"targetCapacity":1}},{base}}}"#
        ));
        assert_eq!((st.desired, st.decision), (200, Decision::ScaleOut));
    }

    /// ceil at exact multiples: M = 4 at 80 % is exactly 5; at 50 % exactly 8.
    #[test]
    fn ceil_at_exact_multiples() {
        let base =
            r#""runningInstances":4,"services":[{"cpu":512,"memory":1024,"desiredCount":12}]"#;
        assert_eq!(
            step(&format!(
                r#"{{"capacityProvider":{{"targetCapacity":80}},{base}}}"#
            ))
            .desired,
            5
        );
        assert_eq!(
            step(&format!(
                r#"{{"capacityProvider":{{"targetCapacity":50}},{base}}}"#
            ))
            .desired,
            8
        );
        assert_eq!(
            step(&format!(
                r#"{{"capacityProvider":{{"targetCapacity":75}},{base}}}"#
            ))
            .desired,
            6
        );
    }

    /// Instances with only daemons count as empty: M < N, scale in, removing empty ones only.
    #[test]
    fn daemons_do_not_count_as_use() {
        let st = step(
            r#"{"runningInstances":4,"daemons":[{"memory":64}],"services":[{"cpu":512,"memory":1024,"desiredCount":3}]}"#,
        );
        assert_eq!(
            (st.used, st.m, st.desired, st.decision),
            (1, 1, 1, Decision::ScaleIn)
        );
        // At most half the group a step (2 of 4), the newest empty first.
        assert_eq!(st.to_remove, vec![3, 2]);
    }

    /// Mixed types: LB sized on the largest type; a group that fits no smallest type is left out.
    #[test]
    fn mixed_types_size_on_largest() {
        let s = scenario(
            r#"{"instanceTypes":["m6g.large","m6g.xlarge"],"runningInstances":{"m6g.large":1},
            "services":[{"name":"a","cpu":256,"memory":512,"desiredCount":40},{"name":"big","cpu":3072,"memory":1024,"desiredCount":2}]}"#,
        );
        let st = now(&s, &offers(&s).unwrap());
        // a: 8 fit on the running m6g.large, 32 wait; m6g.xlarge nominal: 16 per instance, LB 2.
        let a = st.groups.iter().find(|g| g.services == vec![0]).unwrap();
        assert_eq!((a.count, a.k, a.lb, a.will_scale), (32, 16, 2, true));
        // big: 3 vCPU fits m6g.xlarge but not m6g.large, the smallest: CAS will not scale for it.
        let big = st.groups.iter().find(|g| g.services == vec![1]).unwrap();
        assert!(!big.will_scale);
        assert_eq!(st.m, 3);
    }

    /// The PROVISIONING quota: only the first 100 waiting tasks count.
    #[test]
    fn provisioning_quota_limits_what_counts() {
        let st = step(
            r#"{"runningInstances":1,"settings":{"provisioningQuota":100},"services":[{"cpu":256,"memory":512,"desiredCount":500}]}"#,
        );
        assert_eq!(
            (st.waiting_total, st.counted, st.lb_max),
            (493, 100, Some(13))
        );
    }

    /// casSizing registered subtracts daemons and uses registered memory.
    #[test]
    fn cas_sizing_registered() {
        let base = r#""runningInstances":1,"daemons":[{"memory":512}],"services":[{"cpu":128,"memory":512,"desiredCount":40}]"#;
        let nominal = step(&format!("{{{base}}}"));
        let registered = step(&format!(
            r#"{{"settings":{{"casSizing":"registered"}},{base}}}"#
        ));
        assert_eq!(nominal.groups[0].k, 8);
        assert_eq!(registered.groups[0].k, 6);
    }

    /// api.md's example path: 2 at minute 0, 13 at 5, 15 at 10; every task placed at minute 12.
    #[test]
    fn path_from_zero_reproduces_api_example() {
        let s = scenario(
            r#"{"services":[{"cpu":256,"memory":512,"desiredCount":100}],"daemons":[{"cpu":64,"memory":128}]}"#,
        );
        let p = path_to_capacity(&s, &offers(&s).unwrap());
        let steps: Vec<(f64, u64)> = p.steps.iter().map(|x| (x.minute, x.instances)).collect();
        assert_eq!(steps, vec![(0.0, 2), (5.0, 13), (10.0, 15)]);
        assert_eq!(p.minutes, Some(12.0));
    }

    /// The ASG's maximum stops the path: capacity is never reached, and it says why.
    #[test]
    fn path_stops_at_asg_max() {
        let s = scenario(
            r#"{"asg":{"maxSize":5},"services":[{"cpu":256,"memory":512,"desiredCount":100}]}"#,
        );
        let p = path_to_capacity(&s, &offers(&s).unwrap());
        assert_eq!(p.minutes, None);
        assert!(p.stuck.unwrap().contains("maximum (5)"));
    }

    /// Nothing waiting: capacity now, no steps.
    #[test]
    fn path_when_nothing_waits() {
        let s = scenario(r#"{"runningInstances":2,"services":[{"memory":512,"desiredCount":3}]}"#);
        let p = path_to_capacity(&s, &offers(&s).unwrap());
        assert_eq!((p.steps.len(), p.minutes), (0, Some(0.0)));
    }

    /// Headroom: at 100 % with full instances a deployment's extra tasks wait; losing an instance
    /// leaves its tasks waiting and CAS adds one back.
    #[test]
    fn headroom_at_full_steady_state() {
        let s = scenario(r#"{"services":[{"cpu":512,"memory":1024,"desiredCount":6}]}"#);
        let o = offers(&s).unwrap();
        let h = headroom(&s, &o, steady_state(&s, 2));
        assert_eq!(h.steady_state_instances, 2);
        assert_eq!((h.deployment.tasks, h.deployment.waiting), (6, 6));
        assert_eq!(
            (
                h.lose_instance.tasks,
                h.lose_instance.waiting,
                h.lose_instance.cas_would_add
            ),
            (3, 3, 1)
        );
        assert!(h.lose_zone.is_none());
    }

    /// Spread over 3 zones: losing zone a leaves its tasks waiting.
    #[test]
    fn headroom_lose_zone() {
        let s = scenario(
            r#"{"placementStrategy":"spread-az","availabilityZones":3,"services":[{"cpu":512,"memory":1024,"desiredCount":9}]}"#,
        );
        let h = headroom(&s, &offers(&s).unwrap(), 3);
        let z = h.lose_zone.unwrap();
        assert_eq!((z.tasks, z.waiting, z.cas_would_add), (3, 3, 1));
    }

    /// CPUReservation and MemoryReservation count daemons, against registered capacity.
    #[test]
    fn reservation_metrics() {
        let s = scenario(
            r#"{"runningInstances":1,"daemons":[{"cpu":64,"memory":128}],"services":[{"cpu":256,"memory":512,"desiredCount":3}]}"#,
        );
        let st = now(&s, &offers(&s).unwrap());
        let (cpu, mem) = reservations(&st.placement, &offers(&s).unwrap()).unwrap();
        assert!((cpu - (832.0 * 100.0 / 2048.0)).abs() < 1e-9);
        assert!((mem - (1664.0 * 100.0 / 3768.0)).abs() < 1e-9);
    }
}
