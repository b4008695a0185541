//! The three ways to run the same services (issue 15 point 3): an EC2 Auto Scaling group, ECS
//! Managed Instances and Fargate, each On-Demand and Spot, monthly, with what each needs you to run
//! yourself; the cheapest named with the assumptions that decide it. api.md's
//! `plan().cost.comparison`.

use super::cost::{Comparison, Way, HOURS_PER_MONTH};
use super::plan::Plan;
use super::scenario::{Managed, Provider, ProviderKind, Scenario};
use super::units::{thousands, trim_float, usd};

/// Spot's discount here: the app's assumptions (model.md section 8), as the providers' defaults.
const SPOT_ASG: f64 = 60.0;
const SPOT_FARGATE: f64 = 65.0;
/// Tasks past which Managed Instances is not compared.
pub const MI_COMPARED_TASKS: u64 = 100_000;

/// As `providers::plan_input`, with the three ways to run the same services compared
/// (`cost.comparison`): what the API's plan() gives. The page compares them in its cost panel
/// only, so its answer does not wait for them.
pub fn plan_compared(
    input: &super::scenario::ScenarioInput,
) -> Result<Plan, Vec<super::validate::FieldError>> {
    let (s, warnings) = super::validate::validate(input)?;
    let mut plan = super::providers::plan_scenario(&s, warnings)?;
    let (c, words) = comparison(&s, &plan);
    plan.cost.comparison = Some(c);
    plan.explanations.extend(words);
    Ok(plan)
}

/// The comparison for the scenario's services and daemons (all their tasks, whatever providers
/// the scenario has), and its derivations ("cost.comparison", ...). `plan` is the scenario's plan:
/// without providers its EC2 and Fargate figures are used as they are.
pub fn comparison(s: &Scenario, plan: &Plan) -> (Comparison, Vec<(String, String)>) {
    let mut one = s.clone();
    one.providers = Vec::new();
    one.strategies = Vec::new();
    let own;
    let base = if s.providers.is_empty() {
        plan
    } else {
        match super::plan::plan(&one, Vec::new()) {
            Ok(p) => {
                own = p;
                &own
            }
            Err(_) => plan,
        }
    };
    let ec2 = base.cost.ec2_monthly;
    let ec2_on = format!(
        "{}{} x {}",
        if base.instances_capped {
            "more than "
        } else {
            ""
        },
        thousands(base.instances_needed),
        base.instance.type_name
    ) + if base.instances_capped {
        ": the plan stops there (not compared)"
    } else {
        ""
    };
    let counts: Vec<u64> = one.services.iter().map(|x| x.desired_count).collect();
    let tasks: u64 = counts.iter().sum();
    // Managed Instances as the scenario's own Managed Instances provider runs them (its
    // requirements, subnets and fees), else as AWS's default provider would: its cheapest general
    // purpose types (the app: any allowed catalog type, over 1 vCPU, not nano or micro), 3
    // subnets, the 12 % fee (assumptions, model.md section 9).
    let own = s
        .providers
        .iter()
        .find(|p| p.kind == ProviderKind::ManagedInstances);
    let managed = own.and_then(|p| p.managed.clone()).unwrap_or(Managed {
        allowed: Vec::new(),
        vcpu: (0, u32::MAX),
        memory_mib: (0, u64::MAX),
        arch: None,
        subnets: 3,
        scale_in_after: 300,
        fee_percent: 12.0,
        fees: Vec::new(),
    });
    // Past 100,000 tasks Managed Instances is not compared (its pick places the tasks again on
    // several types: the page would wait for it); the derivation says so. Its Spot figure is
    // the On-Demand pick's instances priced at Spot (below).
    let mi = (tasks <= MI_COMPARED_TASKS)
        .then(|| {
            let p = Provider {
                name: "managed-instances".into(),
                kind: ProviderKind::ManagedInstances,
                spot: false,
                spot_discount: 0.0,
                types: Vec::new(),
                running: Vec::new(),
                capacity_provider: one.capacity_provider,
                asg_min: 0,
                asg_max: super::validate::MAX_INSTANCES as u32,
                termination_protection: true,
                commitment_discount: one.commitment_discount,
                managed: Some(managed.clone()),
            };
            let mut names = super::provider_out::Counts::default();
            for x in &one.services {
                names.insert(x.name.clone(), x.desired_count);
            }
            super::providers::managed_out(&one, usize::MAX, &p, &counts, names).ok()
        })
        .flatten();
    // Spot: the same instances (as for the EC2 group), the instance part at the Spot discount,
    // the fee in full.
    let mi_spot = mi.as_ref().and_then(|o| {
        let mut hourly = 0.0;
        for i in &o.placement.as_ref()?.instances {
            let t = super::catalog::find(&i.type_name)?;
            hourly += (one.price_of(t) * (1.0 - SPOT_ASG / 100.0)
                + managed.fee(&t.name, t.price_per_hour))
                * one.price_multiplier;
        }
        Some(hourly * HOURS_PER_MONTH)
    });
    let fargate = base.cost.fargate_monthly;
    let off = |x: f64, pct: f64| x * (1.0 - pct / 100.0);
    // Spot is never under a Savings Plan: its rows start from the list price, not the
    // discounted one (the adversarial review found the two discounts stacked).
    let list = |x: f64| x / (1.0 - one.commitment_discount.clamp(0.0, 90.0) / 100.0);
    // A group past the plan's cap of instances has tasks it does not count: not compared.
    let ec2_counted = (!base.instances_capped).then_some(ec2);
    let mi_placed = mi
        .as_ref()
        .filter(|o| o.placement.as_ref().is_none_or(|p| p.unplaced.is_empty()));
    let mi_on = mi.as_ref().map_or_else(
        || {
            if tasks > MI_COMPARED_TASKS {
                format!("not compared past {} tasks", thousands(MI_COMPARED_TASKS))
            } else if mi.is_some() {
                format!(
                    "more than {} instances: the plan stops there (not compared)",
                    thousands(super::validate::MAX_INSTANCES)
                )
            } else {
                "no type holds every task".to_string()
            }
        },
        |o| {
            format!(
                "{} x {} (+ fee)",
                thousands(o.instances_needed.unwrap_or(0)),
                o.instance_type.clone().unwrap_or_default()
            )
        },
    );
    let ways = vec![
        Way {
            key: "ec2",
            monthly: ec2_counted,
            runs_on: ec2_on.clone(),
            you_run: "the AMIs and their patching, the group, its CAS settings",
        },
        Way {
            key: "ec2-spot",
            monthly: ec2_counted.map(|x| off(list(x), SPOT_ASG)),
            runs_on: ec2_on,
            you_run: "the same, and Spot interruptions",
        },
        Way {
            key: "managed-instances",
            monthly: mi_placed.map(|o| o.monthly),
            runs_on: mi_on.clone(),
            you_run: "none of the instances: only which types it may use",
        },
        Way {
            key: "managed-instances-spot",
            monthly: mi_spot.filter(|_| mi_placed.is_some()),
            runs_on: mi_on,
            you_run: "the same, and Spot interruptions",
        },
        Way {
            key: "fargate",
            monthly: fargate,
            runs_on: format!("{} tasks", thousands(tasks)),
            you_run: "nothing below the task",
        },
        Way {
            key: "fargate-spot",
            monthly: fargate.map(|f| off(list(f), SPOT_FARGATE)),
            runs_on: format!("{} tasks", thousands(tasks)),
            you_run: "the same, and Spot interruptions",
        },
    ];
    let cheapest = ways
        .iter()
        .filter_map(|w| w.monthly.map(|m| (w.key, m)))
        .fold(None::<(&'static str, f64)>, |b, (k, m)| match b {
            Some((_, bm)) if bm <= m => b,
            _ => Some((k, m)),
        })
        .map_or("ec2", |(k, _)| k);
    let mut ex = vec![(
        "cost.comparison".to_string(),
        format!(
            "The same {} tasks and daemons, {} hours a month each way. EC2: the plan's {} instances{}; Spot: the same at {} % off. Managed Instances: {}; Spot: {} % off the instance part. Fargate: each task at its size, daemons as sidecars; Fargate Spot {} % off. Spot discounts and the fee are assumptions, not quoted prices.",
            thousands(tasks),
            HOURS_PER_MONTH as u64,
            base.instances_needed,
            if s.commitment_discount > 0.0 {
                format!(" less the {} % Savings Plans discount", trim_float(s.commitment_discount))
            } else {
                String::new()
            },
            trim_float(SPOT_ASG),
            match (&mi, tasks > MI_COMPARED_TASKS) {
                (_, true) => format!("not compared past {} tasks", thousands(MI_COMPARED_TASKS)),
                (None, false) => "no type holds every task".to_string(),
                (Some(o), false) => format!(
                    "{} ({})",
                    match own {
                        Some(p) => format!("as your provider {} has it: its requirements, subnets and fees", p.name),
                        None => "as AWS's default provider: any allowed type, 3 subnets, a 12 % fee".to_string(),
                    },
                    o.explanation
                ),
            },
            trim_float(SPOT_ASG),
            trim_float(SPOT_FARGATE),
        ),
    )];
    if let Some(w) = ways.iter().find(|w| w.key == cheapest) {
        ex.push((
            "cost.comparison.cheapest".to_string(),
            format!(
                "Cheapest: {} at {} a month, with the assumptions above{}.",
                way_words(w.key),
                usd(w.monthly.unwrap_or(0.0)),
                if w.key.ends_with("spot") {
                    " (Spot: if it is taken back, its tasks wait; AWS does not fall back to On-Demand)"
                } else {
                    ""
                }
            ),
        ));
    }
    (
        Comparison {
            ec2_monthly: ec2,
            spot_asg_monthly: off(list(ec2), SPOT_ASG),
            managed_instances_monthly: mi.as_ref().map(|o| o.monthly),
            managed_instances_spot_monthly: mi_spot,
            fargate_monthly: fargate,
            fargate_spot_monthly: fargate.map(|f| off(list(f), SPOT_FARGATE)),
            ways,
            cheapest,
        },
        ex,
    )
}

/// A way's name in words.
pub fn way_words(key: &str) -> &'static str {
    match key {
        "ec2" => "EC2 Auto Scaling group, On-Demand",
        "ec2-spot" => "EC2 Auto Scaling group, Spot",
        "managed-instances" => "Managed Instances, On-Demand",
        "managed-instances-spot" => "Managed Instances, Spot",
        "fargate" => "Fargate",
        _ => "Fargate Spot",
    }
}
