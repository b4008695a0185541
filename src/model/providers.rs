//! The plan of a cluster with capacity providers (model.md section 8): each service's desired
//! tasks split over its strategy, each ASG provider planned as its own cluster (its types, N,
//! placement, CAS, headroom; providers never share instances and tasks never cross them), each
//! Fargate provider priced per task with the daemons as sidecars, and the cost per provider and
//! in total, with what it would cost all On-Demand beside it.

use super::cost::HOURS_PER_MONTH;
use super::plan::Plan;
pub use super::provider_out::{Counts, ProviderOut};
use super::scenario::{ProviderKind, Scenario, ScenarioInput, Service, StrategyItem};
use super::strategy::{allocate, Share};
use super::validate::{self, FieldError, Warning};

/// Validates and plans an input scenario: with capacity providers each is planned
/// ([`plan_with_providers`]), without them the one Auto Scaling group (`plan::plan`).
pub fn plan_input(input: &ScenarioInput) -> Result<Plan, Vec<FieldError>> {
    let (s, warnings) = validate::validate(input)?;
    plan_scenario(&s, warnings)
}

/// Plans a validated scenario, with or without capacity providers.
pub fn plan_scenario(s: &Scenario, warnings: Vec<Warning>) -> Result<Plan, Vec<FieldError>> {
    if s.providers.is_empty() {
        super::plan::plan(s, warnings)
    } else {
        plan_with_providers(s, warnings)
    }
}

/// `n` tasks split over a strategy's items (model.md section 8).
pub(crate) fn split(n: u64, items: &[StrategyItem]) -> Vec<u64> {
    let shares: Vec<Share> = items
        .iter()
        .map(|i| Share {
            base: i.base,
            weight: i.weight,
        })
        .collect();
    allocate(n, &shares)
}

/// Tasks per service per provider: `out[provider][service]`.
pub fn allocations(s: &Scenario) -> Vec<Vec<u64>> {
    let mut out = vec![vec![0u64; s.services.len()]; s.providers.len()];
    for (svc, (x, items)) in s.services.iter().zip(&s.strategies).enumerate() {
        for (item, n) in items.iter().zip(split(x.desired_count, items)) {
            if let Some(cell) = out.get_mut(item.provider).and_then(|row| row.get_mut(svc)) {
                *cell += n;
            }
        }
    }
    out
}

/// "api: 2 base + 2 on od, 6 on spot (base 2 on od, then weights od 1 : spot 3)".
pub fn explain_allocation(s: &Scenario, svc: usize, items: &[StrategyItem]) -> String {
    let Some(x) = s.services.get(svc) else {
        return String::new();
    };
    let got = split(x.desired_count, items);
    let name = |i: &StrategyItem| s.providers.get(i.provider).map_or("?", |p| p.name.as_str());
    let parts: Vec<String> = items
        .iter()
        .zip(&got)
        .map(|(i, &n)| {
            let b = i.base.min(n);
            if b > 0 && n > b {
                format!("{b} base + {} on {}", n - b, name(i))
            } else if b > 0 {
                format!("{b} base on {}", name(i))
            } else {
                format!("{n} on {}", name(i))
            }
        })
        .collect();
    let rule = if items.len() == 1 {
        "its one provider takes every task".to_string()
    } else {
        let weights: Vec<String> = items
            .iter()
            .map(|i| format!("{} {}", name(i), i.weight))
            .collect();
        let base = items
            .iter()
            .find(|i| i.base > 0)
            .map(|i| format!("base {} on {}, then ", i.base, name(i)))
            .unwrap_or_default();
        format!(
            "{base}weights {}: one task at a time to the largest weight / (its tasks + 1), ties to the earlier item (the app's rounding; AWS documents the base and the ratio)",
            weights.join(" : ")
        )
    };
    format!("{}: {} ({rule})", x.name, parts.join(", "))
}

/// The scenario one ASG provider plans as its own cluster: its types, N, managed scaling and
/// group, and only the services with tasks on it, at those counts. `index[j]` is the scenario's
/// index of the sub-scenario's service j.
pub fn asg_scenario(s: &Scenario, p: usize, counts: &[u64]) -> (Scenario, Vec<usize>) {
    let mut sub = pool_scenario(s, p, counts);
    sub.price_multiplier = s.price_multiplier;
    let index: Vec<usize> = (0..s.services.len())
        .filter(|&i| counts.get(i).copied().unwrap_or(0) > 0)
        .collect();
    let mut k = index.iter().peekable();
    let mut i = 0;
    sub.services.retain(|_| {
        let keep = k.next_if_eq(&&i).is_some();
        i += 1;
        keep
    });
    (sub, index)
}

/// The scenario one provider runs as in the timeline: every service (so that indices stay the
/// scenario's) at its tasks there, and for an ASG provider its types, N, managed scaling and
/// group, priced less its Spot discount.
pub fn pool_scenario(s: &Scenario, p: usize, counts: &[u64]) -> Scenario {
    let mut sub = s.clone();
    sub.providers = Vec::new();
    sub.strategies = Vec::new();
    for (i, x) in sub.services.iter_mut().enumerate() {
        x.desired_count = counts.get(i).copied().unwrap_or(0);
    }
    if let Some(pr) = s.providers.get(p).filter(|pr| pr.kind == ProviderKind::Asg) {
        sub.registered_override = pr
            .types
            .iter()
            .map(|t| {
                s.types
                    .iter()
                    .position(|x| x.name == t.name)
                    .and_then(|k| s.registered_override.get(k).copied().flatten())
            })
            .collect();
        sub.types = pr.types.clone();
        sub.running = pr.running.clone();
        sub.capacity_provider = pr.capacity_provider;
        sub.asg_min = pr.asg_min;
        sub.asg_max = pr.asg_max;
        sub.commitment_discount = pr.commitment_discount;
        sub.price_multiplier *= 1.0 - pr.spot_discount / 100.0;
    }
    sub
}

/// A service of the scenario whose task fits one of `sub`'s types, at 0 tasks: what an idle
/// group is planned with (None when no task fits, or the daemons do not).
fn idle_service(s: &Scenario, sub: &Scenario) -> Option<Service> {
    let offers = super::capacity::offers(sub).ok()?;
    s.services
        .iter()
        .find(|x| {
            let r = super::capacity::TaskReq::of(x);
            offers.iter().any(|o| super::capacity::fit(o, &r).k > 0)
        })
        .map(|x| Service {
            desired_count: 0,
            ..x.clone()
        })
}

/// Moves errors of a sub-scenario's services to the scenario's paths, naming the provider.
fn lift(errors: Vec<FieldError>, index: &[usize], provider: &str) -> Vec<FieldError> {
    errors
        .into_iter()
        .map(|mut e| {
            for (j, &i) in index.iter().enumerate() {
                let from = format!("services[{j}]");
                if e.path.starts_with(&from) {
                    e.path = format!("services[{i}]{}", &e.path[from.len()..]);
                    break;
                }
            }
            e.message = format!("on capacity provider {provider}: {}", e.message);
            e
        })
        .collect()
}

/// The plan of a scenario with providers: the top-level fields are those of the first ASG
/// provider (api.md), `providers` has each one, and the explanations say how each service's
/// tasks were split.
pub fn plan_with_providers(s: &Scenario, warnings: Vec<Warning>) -> Result<Plan, Vec<FieldError>> {
    let alloc = allocations(s);
    let mut outs = Vec::new();
    let mut top: Option<Plan> = None;
    let mut errors = Vec::new();
    let mut provider_warnings: Vec<Warning> = Vec::new();
    let mut sub_plans = Vec::new();
    let sidecars = s
        .daemons
        .iter()
        .fold((0, 0), |(c, m), d| (c + d.cpu.0, m + d.memory.0));
    for (pi, p) in s.providers.iter().enumerate() {
        let counts = alloc.get(pi).cloned().unwrap_or_default();
        // Inserted, not collected: `collect` into a map sorts with a stable sort of its own.
        let mut tasks = Counts::default();
        for (x, &n) in s.services.iter().zip(&counts).filter(|(_, &n)| n > 0) {
            tasks.insert(x.name.clone(), n);
        }
        let off = 1.0 - p.spot_discount / 100.0;
        match p.kind {
            ProviderKind::Asg => {
                let (mut sub, index) = asg_scenario(s, pi, &counts);
                let idle = sub.services.is_empty();
                if idle {
                    // No task here, but instances running: its CAS still decides (it scales them
                    // in), so it is planned with a service of 0 tasks that fits its types.
                    match idle_service(s, &sub) {
                        Some(x) if sub.running.iter().any(|&n| n > 0) => sub.services = vec![x],
                        _ => {
                            outs.push(asg_out(p, tasks, None, off));
                            continue;
                        }
                    }
                }
                match super::plan::plan(&sub, Vec::new()) {
                    Ok(plan) => {
                        // Its own plan's warnings (tasks only a later type holds, ...), naming it.
                        provider_warnings.extend(plan.warnings.iter().map(|w| Warning {
                            code: w.code.clone(),
                            message: format!("on capacity provider {}: {}", p.name, w.message),
                        }));
                        outs.push(asg_out(p, tasks, Some(&plan), off));
                        // The first group's plan becomes the top level (moved, not copied: a
                        // copy of a plan is code the wasm would carry); the others are kept.
                        // An idle group's plan is never the top level (that is the first group
                        // with tasks).
                        if top.is_none() && !idle {
                            top = Some(plan);
                            sub_plans.push((p.name.clone(), None));
                        } else {
                            sub_plans.push((p.name.clone(), Some(std::rc::Rc::new(plan))));
                        }
                    }
                    Err(e) => errors.extend(lift(e, &index, &p.name)),
                }
            }
            ProviderKind::ManagedInstances => match managed_out(s, pi, p, &counts, tasks) {
                Ok(out) => {
                    // Tasks past the plan's cap of instances are not in its cost: said.
                    let unplaced = out.placement.as_ref().map(|x| x.unplaced.as_slice());
                    for u in unplaced.into_iter().flatten() {
                        provider_warnings.push(Warning {
                            code: "not-placed".to_string(),
                            message: format!(
                                "on capacity provider {}: {} {} task(s) not placed ({}): the plan stops at {} instances, and its cost counts only the tasks placed",
                                p.name,
                                super::units::thousands(u.count),
                                u.service,
                                u.reason.as_str(),
                                super::units::thousands(super::validate::MAX_INSTANCES)
                            ),
                        });
                    }
                    outs.push(out);
                }
                Err(e) => errors.extend(e),
            },
            ProviderKind::Fargate | ProviderKind::FargateSpot => {
                // Only the services with tasks here are sized for Fargate: a service too large
                // for it that runs elsewhere says nothing of this provider's cost.
                let index: Vec<usize> = (0..counts.len())
                    .filter(|&i| counts.get(i).is_some_and(|&n| n > 0))
                    .collect();
                let services: Vec<Service> = index
                    .iter()
                    .filter_map(|&i| {
                        let (x, &n) = (s.services.get(i)?, counts.get(i)?);
                        Some(Service {
                            desired_count: n,
                            ..x.clone()
                        })
                    })
                    .collect();
                let arch = s
                    .types
                    .first()
                    .map_or(super::catalog::Arch::Arm64, |t| t.arch);
                let c = super::cost::cost(
                    &services,
                    sidecars,
                    0,
                    0.0,
                    s.fargate.priced(arch),
                    0,
                    (s.price_multiplier, p.commitment_discount),
                );
                let Some(on_demand) = c.fargate_hourly else {
                    // Beside the service's strategy field: the strategy is what puts the task
                    // on Fargate.
                    for (&i, size) in index.iter().zip(&c.fargate_sizes) {
                        if size.is_none() {
                            errors.push(FieldError::new(
                                crate::model::scenario::item(
                                    super::scenario::ScenarioInput::SERVICES,
                                    i,
                                    super::scenario::ServiceInput::CAPACITY_PROVIDER_STRATEGY,
                                ),
                                format!("on capacity provider {}: the task (with the daemons as sidecars) is larger than the largest Fargate size (16 vCPU, 120 GB)", p.name),
                            ));
                        }
                    }
                    continue;
                };
                let hourly = on_demand * off;
                outs.push(ProviderOut {
                    name: p.name.clone(),
                    kind: p.kind.as_str(),
                    spot: p.kind == ProviderKind::FargateSpot,
                    spot_discount: p.spot_discount,
                    tasks,
                    instances_needed: None,
                    instance_type: None,
                    instance_types: Vec::new(),
                    placement: None,
                    cas: None,
                    headroom: None,
                    hourly,
                    monthly: hourly * HOURS_PER_MONTH,
                    on_demand_monthly: on_demand * HOURS_PER_MONTH,
                    no_fallback: None,
                    explanation: if p.kind == ProviderKind::FargateSpot {
                        format!("each task at its Fargate size (daemons as sidecars), x (1 - {} % Spot discount, the app's default assumption unless set: AWS says up to 70 %)", super::units::trim_float(p.spot_discount))
                    } else if p.commitment_discount > 0.0 {
                        format!("each task at its Fargate size, the daemons as sidecars, x (1 - {} % Savings Plans discount, as entered)", super::units::trim_float(p.commitment_discount))
                    } else {
                        "each task at its Fargate size, the daemons as sidecars".to_string()
                    },
                });
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // No ASG provider with tasks: the top level is the scenario's types with no task placed.
    let mut plan = match top {
        Some(p) => p,
        None => {
            let mut sub = s.clone();
            sub.providers = Vec::new();
            sub.strategies = Vec::new();
            for x in &mut sub.services {
                x.desired_count = 0;
            }
            super::plan::plan(&sub, Vec::new())?
        }
    };
    plan.warnings = warnings;
    plan.warnings.extend(provider_warnings);
    for (svc, items) in s.strategies.iter().enumerate() {
        if let Some(x) = s.services.get(svc) {
            plan.explanations.insert(
                format!("allocation.{}", x.name),
                explain_allocation(s, svc, items),
            );
        }
    }
    let hourly: f64 = outs.iter().map(|o| o.hourly).sum();
    let all_on_demand: f64 = outs.iter().map(|o| o.on_demand_monthly).sum();
    plan.cost.providers_total = Some(super::cost::ProvidersTotal {
        hourly,
        monthly: hourly * HOURS_PER_MONTH,
        all_on_demand_monthly: all_on_demand,
    });
    let each: Vec<String> = outs
        .iter()
        .map(|o| format!("{} {}", o.name, super::units::usd(o.monthly)))
        .collect();
    plan.explanations.insert(
        "cost.providers".to_string(),
        format!(
            "{} = {} a month; all On-Demand (no Spot discount) it would be {}",
            each.join(" + "),
            super::units::usd(hourly * HOURS_PER_MONTH),
            super::units::usd(all_on_demand)
        ),
    );
    plan.providers = outs;
    plan.provider_plans = sub_plans;
    Ok(plan)
}

/// Placements a Managed Instances pick tries at most.
const MI_PLACEMENTS: usize = 3;

/// The allowed type with the lowest price for the tasks `counts` (per service) placed alone on
/// `base`: (its hourly cost, its catalog index), planning at most [`MI_PLACEMENTS`] types,
/// cheapest lower bound first; with how many types were allowed and how many were placed.
fn pick(
    s: &Scenario,
    m: &super::scenario::Managed,
    base: &Scenario,
    counts: &[u64],
    per_instance: &dyn Fn(&super::catalog::InstanceType) -> f64,
) -> (Option<(f64, usize)>, usize, usize) {
    let mut base = base.clone();
    for (x, &n) in base.services.iter_mut().zip(counts) {
        x.desired_count = n;
    }
    // Only the group's own tasks decide which types hold them.
    base.services.retain(|x| x.desired_count > 0);
    let mut candidates: Vec<(f64, usize, Scenario, Vec<super::capacity::Offer>)> = Vec::new();
    for (ti, t) in super::catalog::catalog().iter().enumerate() {
        if !m.allows(t) {
            continue;
        }
        let mut sub = base.clone();
        sub.types = vec![super::catalog::InstanceType {
            price_per_hour: s.price_of(t),
            ..t.clone()
        }];
        let Ok(offers) = super::capacity::offers(&sub) else {
            continue;
        };
        let Some(o) = offers.first() else { continue };
        let reqs: Vec<super::capacity::TaskReq> = sub
            .services
            .iter()
            .map(super::capacity::TaskReq::of)
            .collect();
        if reqs.iter().any(|r| super::capacity::fit(o, r).k == 0) {
            continue;
        }
        let (bound, _, _) = super::plan::lower_bound(&sub, o, &reqs);
        // A type that needs more than the instance cap cannot hold them: known without placing.
        if bound > super::validate::MAX_INSTANCES {
            continue;
        }
        let cost = bound as f64 * per_instance(t);
        candidates.push((cost, ti, sub, offers));
    }
    let allowed = candidates.len();
    super::order::small(&mut candidates, |a, b| {
        a.0.total_cmp(&b.0).then(a.1.cmp(&b.1))
    });
    // (cost, instances, type) of the cheapest placed.
    let mut best: Option<(f64, u64, usize)> = None;
    let (mut planned, mut placed_any) = (0, 0);
    for (bound_cost, ti, sub, offers) in candidates {
        // At most 3 placements (the likeliest cheapest, by lower bound): a pick that cannot
        // finish in them names what it placed (ASSUMPTION: a work limit, as the recommender's).
        if best.as_ref().is_some_and(|b| bound_cost >= b.0) || placed_any >= MI_PLACEMENTS {
            break;
        }
        placed_any += 1;
        let services: Vec<(super::capacity::TaskReq, u64)> = sub
            .services
            .iter()
            .map(|x| (super::capacity::TaskReq::of(x), x.desired_count))
            .collect();
        let placed = super::packing::essential(|| {
            super::packing::place_for(&sub, &offers, &services, Vec::new(), Some(0))
        });
        if !placed.unplaced.is_empty() {
            continue;
        }
        planned += 1;
        let Some(t) = super::catalog::catalog().get(ti) else {
            continue;
        };
        let n = placed.instances.len() as u64;
        let cost = n as f64 * per_instance(t);
        if best.as_ref().is_none_or(|b| cost < b.0) {
            best = Some((cost, n, ti));
        }
    }
    (best.map(|(cost, _, ti)| (cost, ti)), allowed, planned)
}

/// A Managed Instances provider (model.md section 9): no Auto Scaling group and no CAS. For its
/// tasks the app picks the allowed catalog type that costs least for them (ASSUMPTION: AWS says
/// it picks "the most cost-optimized" types), each allowed type planned in order of its lower
/// bound's cost until no cheaper one can be left; one subnet binpacks on memory, more spread over
/// their zones first (DOC). Cost: the instances at their price (less the Spot discount, or the
/// Savings Plans discount on the instance part) plus the management fee per instance-hour.
pub(crate) fn managed_out(
    s: &Scenario,
    pi: usize,
    p: &super::scenario::Provider,
    counts: &[u64],
    tasks: Counts,
) -> Result<ProviderOut, Vec<FieldError>> {
    use super::scenario::Strategy;
    let off = 1.0 - p.spot_discount / 100.0;
    let mut out = ProviderOut {
        name: p.name.clone(),
        kind: p.kind.as_str(),
        spot: p.spot,
        spot_discount: p.spot_discount,
        tasks,
        instances_needed: Some(0),
        instance_type: None,
        instance_types: Vec::new(),
        placement: None,
        cas: None,
        headroom: None,
        hourly: 0.0,
        monthly: 0.0,
        on_demand_monthly: 0.0,
        explanation: "no task is allocated to it: no instance is launched".to_string(),
        no_fallback: None,
    };
    let Some(m) = p.managed.as_ref().filter(|_| !out.tasks.is_empty()) else {
        return Ok(out);
    };
    let (mut base, index) = asg_scenario(s, pi, counts);
    base.strategy = if m.subnets > 1 {
        Strategy::SpreadAz
    } else {
        Strategy::BinpackMemory
    };
    base.zones = m.subnets.clamp(1, 6);
    base.running = Vec::new();
    base.registered_override = Vec::new();
    base.asg_min = 0;
    base.asg_max = super::validate::MAX_INSTANCES as u32;
    // USD per instance-hour of type t here: its price (the scenario's, less Spot or the Savings
    // Plans discount) and the fee (neither discount applies to it), x the multiplier.
    let per_instance = |t: &super::catalog::InstanceType| {
        let price = s.price_of(t);
        price * s.price_multiplier * (1.0 - p.commitment_discount / 100.0) * off
            + m.fee(&t.name, t.price_per_hour) * s.price_multiplier
    };
    // Each service's tasks are a group of waiting tasks: each gets the allowed type with the
    // lowest price per task when its tasks are placed alone (model.md section 9).
    let mut picks: Vec<(usize, usize, f64)> = Vec::new();
    let (mut allowed, mut planned) = (0, 0);
    // `base` holds the provider's services only: service k is the scenario's index[k].
    let wanted: Vec<u64> = base.services.iter().map(|x| x.desired_count).collect();
    for (svc, &n) in wanted.iter().enumerate() {
        let alone: Vec<u64> = (0..wanted.len())
            .map(|i| if i == svc { n } else { 0 })
            .collect();
        let (best, a, tried) = pick(s, m, &base, &alone, &per_instance);
        allowed = allowed.max(a);
        planned += tried;
        let Some((cost, ti)) = best else {
            // Either no allowed type holds one task, or every one that does needs more than
            // the plan's cap of instances for them: the message names which.
            let req = base.services.get(svc).map(super::capacity::TaskReq::of);
            let holds_one = super::catalog::catalog()
                .iter()
                .filter(|t| m.allows(t))
                .any(|t| {
                    let mut one = base.clone();
                    one.types = vec![t.clone()];
                    let offers = super::capacity::offers(&one).unwrap_or_default();
                    offers
                        .first()
                        .zip(req.as_ref())
                        .is_some_and(|(o, r)| super::capacity::fit(o, r).k > 0)
                });
            return Err(vec![FieldError::new(
                super::scenario::item(
                    ScenarioInput::SERVICES,
                    index.get(svc).copied().unwrap_or(svc),
                    super::scenario::ServiceInput::CAPACITY_PROVIDER_STRATEGY,
                ),
                if holds_one {
                    format!("on capacity provider {}: this service's {} tasks need more than {} instances on every type its instanceRequirements allow (the plan's cap)", p.name, super::units::thousands(n), super::units::thousands(super::validate::MAX_INSTANCES))
                } else {
                    format!("on capacity provider {}: no type its instanceRequirements allow (more than 1 vCPU, not nano or micro) holds one of this service's tasks", p.name)
                },
            )]);
        };
        picks.push((svc, ti, cost * HOURS_PER_MONTH / n as f64));
    }
    // The groups' instances together: the types picked, each group placed in turn (listed
    // order) onto the instances so far, opening instances of its own type.
    let mut types: Vec<usize> = Vec::new();
    for &(_, ti, _) in &picks {
        if !types.contains(&ti) {
            types.push(ti);
        }
    }
    let mut sub = base.clone();
    sub.types = types
        .iter()
        .filter_map(|&ti| super::catalog::catalog().get(ti))
        .map(|t| super::catalog::InstanceType {
            price_per_hour: s.price_of(t),
            ..t.clone()
        })
        .collect();
    let Ok(offers) = super::capacity::offers(&sub) else {
        return Ok(out);
    };
    let reqs: Vec<super::capacity::TaskReq> = sub
        .services
        .iter()
        .map(super::capacity::TaskReq::of)
        .collect();
    let mut placed = super::packing::Placement::default();
    for &(svc, ti, _) in &picks {
        let group: Vec<(super::capacity::TaskReq, u64)> = reqs
            .iter()
            .enumerate()
            .map(|(i, r)| {
                (
                    *r,
                    if i == svc {
                        wanted.get(i).copied().unwrap_or(0)
                    } else {
                        0
                    },
                )
            })
            .collect();
        let launch = types.iter().position(|&x| x == ti);
        let mut next = super::packing::place_for(&sub, &offers, &group, placed.instances, launch);
        next.unplaced.extend(placed.unplaced);
        placed = next;
    }
    let catalog_type = |i: &super::packing::Inst| {
        types
            .get(i.type_index)
            .and_then(|&ti| super::catalog::catalog().get(ti))
    };
    let mut hourly = 0.0;
    let mut on_demand = 0.0;
    let mut most: Vec<(usize, u64)> = Vec::new();
    for i in &placed.instances {
        let Some(t) = catalog_type(i) else { continue };
        hourly += per_instance(t);
        // Without Spot's discount only (a Savings Plans discount stays, as for the groups).
        on_demand += (s.price_of(t) * (1.0 - p.commitment_discount / 100.0)
            + m.fee(&t.name, t.price_per_hour))
            * s.price_multiplier;
        match most.iter_mut().find(|x| x.0 == i.type_index) {
            Some(x) => x.1 += 1,
            None => most.push((i.type_index, 1)),
        }
    }
    let n = placed.instances.len() as u64;
    let top = most.iter().fold(None::<(usize, u64)>, |b, &x| {
        if b.is_none_or(|b| x.1 > b.1) {
            Some(x)
        } else {
            b
        }
    });
    let ti = top
        .and_then(|(t, _)| types.get(t).copied())
        .unwrap_or_default();
    let placement = super::placed::placement_out(&sub, &offers, &placed);
    out.instance_types = picks
        .iter()
        .filter_map(|&(svc, ti, per_task)| {
            Some(super::provider_out::GroupType {
                service: base.services.get(svc)?.name.clone(),
                instance_type: super::catalog::catalog().get(ti)?.name.clone(),
                monthly_per_task: per_task,
            })
        })
        .collect();
    let Some(t) = super::catalog::catalog().get(ti).cloned() else {
        return Ok(out);
    };
    let fee = m.fee(&t.name, t.price_per_hour) * s.price_multiplier;
    let fee_words = if m.fees.iter().any(|(x, _)| *x == t.name) {
        "as entered".to_string()
    } else {
        format!("{} % of On-Demand, the app's assumption unless set: AWS's one example is c6a.2xlarge at $0.037", super::units::trim_float(m.fee_percent))
    };
    let discount = if p.spot {
        format!(
            " x (1 - {} % Spot discount)",
            super::units::trim_float(p.spot_discount)
        )
    } else if p.commitment_discount > 0.0 {
        format!(
            " x (1 - {} % Savings Plans discount, the instance part only)",
            super::units::trim_float(p.commitment_discount)
        )
    } else {
        String::new()
    };
    let each = if types.len() > 1 {
        let groups: Vec<String> = out
            .instance_types
            .iter()
            .map(|g| {
                format!(
                    "{}: {} ({} a task-month)",
                    g.service,
                    g.instance_type,
                    super::units::usd(g.monthly_per_task)
                )
            })
            .collect();
        format!(
            "each service's tasks get the type cheapest per task for them: {}; each placed in turn onto the instances so far, {n} instances in all ({} of them {}), each at its price{discount} + its management fee",
            groups.join(", "),
            top.map_or(0, |x| x.1),
            t.name
        )
    } else {
        format!(
            "{n} x ({}{discount} + {} management fee, {fee_words}) per hour",
            super::units::usd(s.price_of(&t) * s.price_multiplier),
            super::units::usd(fee)
        )
    };
    out.explanation = format!(
        "{} picked: the cheapest per task of the {allowed} types its requirements allow ({planned} placed, cheapest lower bound first); {each}; {}",
        t.name,
        if m.subnets > 1 {
            format!(
                "{} subnets: tasks spread over {} zones first, then binpacked (AWS){}, no CAS: no Auto Scaling group",
                m.subnets,
                m.subnets.min(6),
                if m.subnets > 6 { "; the app models at most 6 zones" } else { "" }
            )
        } else {
            "one subnet: binpacked on memory (AWS), no CAS: no Auto Scaling group".to_string()
        }
    );
    out.instances_needed = Some(n);
    out.instance_type = Some(t.name.clone());
    out.placement = Some(placement);
    out.hourly = hourly;
    out.monthly = hourly * HOURS_PER_MONTH;
    out.on_demand_monthly = on_demand * HOURS_PER_MONTH;
    Ok(out)
}

fn asg_out(
    p: &super::scenario::Provider,
    tasks: Counts,
    plan: Option<&Plan>,
    off: f64,
) -> ProviderOut {
    let on_demand = plan.map_or(0.0, |x| x.cost.ec2_hourly);
    let hourly = on_demand * off;
    // Tasks that wait with no path to capacity stay on this provider (ecs-facts.md 9.6, 10).
    let stuck = plan.filter(|x| x.cas.waiting_tasks > 0 && x.cas.minutes_to_capacity.is_none());
    let no_fallback = stuck.map(|x| {
        format!(
            "{} tasks wait on {} with no fallback: AWS does not move them to another provider (aws/containers-roadmap #773 and #852){}",
            x.cas.waiting_tasks,
            p.name,
            x.cas.never_because.as_deref().map(|w| format!("; {w}")).unwrap_or_default()
        )
    });
    ProviderOut {
        no_fallback,
        name: p.name.clone(),
        kind: p.kind.as_str(),
        spot: p.spot,
        spot_discount: p.spot_discount,
        tasks,
        instances_needed: Some(plan.map_or(0, |x| x.instances_needed)),
        instance_type: p.types.first().map(|t| t.name.clone()),
        instance_types: Vec::new(),
        placement: plan.map(|x| x.placement.clone()),
        cas: plan.map(|x| x.cas.clone()),
        headroom: plan.map(|x| x.headroom),
        hourly,
        monthly: hourly * HOURS_PER_MONTH,
        on_demand_monthly: on_demand * HOURS_PER_MONTH,
        explanation: match (plan, p.spot) {
            (None, _) => "no task is allocated to it: no instance is needed".to_string(),
            (Some(x), false) if p.commitment_discount > 0.0 => format!("{} x {} at its On-Demand price x (1 - {} % Savings Plans / Reserved discount, as entered)", x.instances_needed, x.instance.type_name, super::units::trim_float(p.commitment_discount)),
            (Some(x), false) => format!("{} x {} at its On-Demand price", x.instances_needed, x.instance.type_name),
            (Some(x), true) => format!("{} x {} at On-Demand x (1 - {} % Spot discount, the app's default assumption unless set: AWS promises only up to 90 %)", x.instances_needed, x.instance.type_name, super::units::trim_float(p.spot_discount)),
        },
    }
}

/// What recommend() says of a scenario with capacity providers: it ranks types for the one
/// group, so it refuses providers by name rather than rank the group the providers replace.
pub fn not_yet(s: &Scenario, what: &str) -> Result<(), Vec<FieldError>> {
    if s.providers.is_empty() {
        Ok(())
    } else {
        Err(vec![FieldError::new(
            super::scenario::ScenarioInput::CAPACITY_PROVIDERS,
            format!("{what} does not take capacity providers yet: plan() plans them; for {what}, leave capacityProviders and the strategies out"),
        )])
    }
}

/// What the timeline needs of a scenario with providers: that plan() takes it (every task has a
/// Fargate size where it runs, every group's daemons fit), with plan()'s errors at their paths.
pub fn timeline_check(s: &Scenario) -> Result<(), Vec<FieldError>> {
    if s.providers.is_empty() {
        return Ok(());
    }
    plan_with_providers(s, Vec::new()).map(|_| ())
}
