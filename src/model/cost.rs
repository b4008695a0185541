//! Cost (model.md section 6): EC2 on-demand for the plan's instances, Fargate for the same tasks
//! (each rounded up to the cheapest valid Fargate size), monthly = hourly x 730, and the break-even
//! task count at which EC2 becomes the cheaper way to run the first service.
//!
//! Prices are us-east-1 Linux On-Demand list prices (EC2: the catalog, AWS Price List 2026-07-20;
//! Fargate: ecs-facts.md section 7), times a multiplier for other regions or discounts.

use serde::Serialize;

use super::catalog::Arch;
use super::scenario::Service;

/// Hours in a month, as AWS bills them.
pub const HOURS_PER_MONTH: f64 = 730.0;

// The list prices sit in the catalog with the instance prices (scenario.rs reads them too).
pub use super::catalog::FargatePrices;

/// Valid Fargate sizes: (CPU units, smallest MiB, largest MiB, step MiB).
pub const FARGATE_SIZES: [(u64, u64, u64, u64); 7] = [
    (256, 512, 2048, 512),
    (512, 1024, 4096, 1024),
    (1024, 2048, 8192, 1024),
    (2048, 4096, 16384, 1024),
    (4096, 8192, 30720, 1024),
    (8192, 16384, 61440, 4096),
    (16384, 32768, 122880, 8192),
];

/// The cheapest valid Fargate size at least `cpu` units and `mib` MiB; None when larger than
/// 16 vCPU / 120 GB. (256 CPU allows 512 MiB, 1 GB and 2 GB: the 1.5 GB step is not offered.)
pub fn fargate_size(cpu: u64, mib: u64, prices: &FargatePrices) -> Option<(u64, u64)> {
    FARGATE_SIZES
        .iter()
        .filter(|&&(c, _, max, _)| c >= cpu && max >= mib)
        .filter_map(|&(c, min, _, step)| {
            let m = if c == 256 {
                [512, 1024, 2048].into_iter().find(|&x| x >= mib)?
            } else {
                min.max(mib.div_ceil(step) * step)
            };
            Some((c, m))
        })
        .min_by(|a, b| prices.hourly(a.0, a.1).total_cmp(&prices.hourly(b.0, b.1)))
}

/// api.md `cost` (issue 5).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CostOut {
    /// USD per hour for the plan's instances.
    pub ec2_hourly: f64,
    /// x 730.
    pub ec2_monthly: f64,
    /// USD per hour for the same tasks on Fargate; null when a task is too large for Fargate.
    pub fargate_hourly: Option<f64>,
    /// x 730.
    pub fargate_monthly: Option<f64>,
    /// "x86_64" or "arm64": the Fargate prices used (the instance type's architecture).
    pub fargate_arch: &'static str,
    /// Each service's Fargate size, (CPU units, MiB), in service order; null when too large.
    pub fargate_sizes: Vec<Option<(u64, u64)>>,
    /// The first service's task count from which EC2 costs no more than Fargate; null if never.
    pub break_even_tasks: Option<u64>,
    /// The multiplier applied to list prices.
    pub price_multiplier: f64,
    /// % off from a Savings Plan or Reserved Instances, applied after the multiplier.
    pub commitment_discount: f64,
    /// The EC2 price per instance-hour used, before the multiplier.
    pub ec2_price_per_hour: f64,
    /// The Fargate price per vCPU-hour used, before the multiplier.
    pub fargate_vcpu_hour: f64,
    /// The daemons' CPU units, added to every Fargate task as sidecars.
    pub fargate_sidecar_cpu: u64,
    /// The daemons' MiB, added to every Fargate task as sidecars.
    #[serde(rename = "fargateSidecarMemoryMiB")]
    pub fargate_sidecar_memory_mib: u64,
    /// The Fargate price per GB-hour used, before the multiplier.
    pub fargate_gb_hour: f64,
    /// Where paid CPU and memory go at the steady state.
    pub waste: Option<Waste>,
    /// With capacity providers: the cost of all of them (model.md section 8).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub providers_total: Option<ProvidersTotal>,
    /// EC2, Managed Instances and Fargate for the same services (the API's plan(); issue 15).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparison: Option<Comparison>,
}

/// One way to run them.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Way {
    /// "ec2", "ec2-spot", "managed-instances", "managed-instances-spot", "fargate", "fargate-spot".
    pub key: &'static str,
    /// USD per month; null when it cannot run them (a task too large for Fargate).
    pub monthly: Option<f64>,
    /// "15 x t4g.medium", "10 Fargate tasks".
    pub runs_on: String,
    /// What you run yourself.
    pub you_run: &'static str,
}

/// The comparison (api.md `cost.comparison`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// EC2 On-Demand, the scenario's group.
    pub ec2_monthly: f64,
    /// The same instances as a Spot group.
    pub spot_asg_monthly: f64,
    /// Managed Instances, On-Demand, the type the app picks.
    pub managed_instances_monthly: Option<f64>,
    /// Managed Instances, Spot.
    pub managed_instances_spot_monthly: Option<f64>,
    /// Fargate.
    pub fargate_monthly: Option<f64>,
    /// Fargate Spot.
    pub fargate_spot_monthly: Option<f64>,
    /// Each way, in that order.
    pub ways: Vec<Way>,
    /// The cheapest way's key.
    pub cheapest: &'static str,
}

/// The cost of every capacity provider together, and of the same capacity all On-Demand.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProvidersTotal {
    /// USD per hour, every provider.
    pub hourly: f64,
    /// x 730.
    pub monthly: f64,
    /// The same instances and tasks at On-Demand and Fargate prices (no Spot discount).
    pub all_on_demand_monthly: f64,
}

/// The derivations of `cost`: ("cost.ec2", ...), ("cost.fargate", ...), ("cost.breakEven", ...).
/// `type_name` is the instance type priced, `per_instance` the first service's tasks per instance.
pub fn explain(
    c: &CostOut,
    services: &[Service],
    instances: u64,
    type_name: &str,
    per_instance: u64,
) -> Vec<(&'static str, String)> {
    use super::units::{trim_float, usd};
    let m = c.price_multiplier;
    let mut times_m = if m == 1.0 {
        String::new()
    } else {
        format!(" x multiplier {}", trim_float(m))
    };
    if c.commitment_discount > 0.0 {
        times_m.push_str(&format!(
            " x (1 - {} % Savings Plans / Reserved discount, as entered)",
            trim_float(c.commitment_discount)
        ));
    }
    let source = format!(
        "us-east-1 Linux On-Demand, AWS Price List {}",
        super::catalog::PRICE_DATE
    );
    let ec2 = format!(
        "{instances} {type_name} x {} per hour{times_m} = {} per hour; x {} hours = {} per month ({source})",
        usd(c.ec2_price_per_hour),
        usd(c.ec2_hourly),
        HOURS_PER_MONTH as u64,
        usd(c.ec2_monthly),
    );
    let prices = FargatePrices {
        vcpu_hour: c.fargate_vcpu_hour,
        gb_hour: c.fargate_gb_hour,
    };
    let per_service: Vec<String> = services
        .iter()
        .zip(&c.fargate_sizes)
        .map(|(s, size)| match size {
            Some((cpu, mib)) => format!(
                "{}: {} x ({} vCPU x {} + {} GB x {}) = {} per hour",
                s.name,
                s.desired_count,
                trim_float(*cpu as f64 / 1024.0),
                usd(prices.vcpu_hour),
                trim_float(*mib as f64 / 1024.0),
                usd(prices.gb_hour),
                usd(s.desired_count as f64 * prices.hourly(*cpu, *mib)),
            ),
            None => format!(
                "{}: larger than Fargate's largest size (16 vCPU, 120 GB)",
                s.name
            ),
        })
        .collect();
    let (side_cpu, side_mem) = (c.fargate_sidecar_cpu, c.fargate_sidecar_memory_mib);
    let sidecars = if side_cpu + side_mem > 0 {
        format!(
            "the daemons become a sidecar in every task (Fargate has no instances to run them on): +{side_cpu} CPU units and +{side_mem} MiB per task, then "
        )
    } else {
        String::new()
    };
    let fargate = match (c.fargate_hourly, c.fargate_monthly) {
        (Some(h), Some(mo)) => format!(
            "{sidecars}each task rounded up to the cheapest valid Fargate size, {} prices; {}{times_m}: {} per hour; x {} hours = {} per month",
            c.fargate_arch,
            per_service.join("; "),
            usd(h),
            HOURS_PER_MONTH as u64,
            usd(mo),
        ),
        _ => format!("not possible on Fargate: {}", per_service.join("; ")),
    };
    let first = services.first();
    let break_even = match (c.break_even_tasks, first, c.fargate_sizes.first().copied().flatten()) {
        (Some(n), Some(s), Some((cpu, mib))) => format!(
            "one {type_name} ({} per hour) holds {per_instance} {} task(s); on Fargate one costs {} per hour;              from {n} task(s), ceil(n / {per_instance}) instances cost no more than n Fargate tasks",
            usd(c.ec2_price_per_hour),
            s.name,
            usd(prices.hourly(cpu, mib)),
        ),
        _ => "never, for the first service alone".into(),
    };
    vec![
        ("cost.ec2", ec2),
        ("cost.fargate", fargate),
        ("cost.breakEven", break_even),
    ]
}

/// The memory Fargate bills a task for: its hard limit when set, else its reservation.
fn fargate_memory(s: &Service) -> u64 {
    s.memory.or(s.memory_reservation).map_or(512, |m| m.0)
}

/// Costs for `instances` instances at `price_per_hour`, and the same services on Fargate at
/// `fargate` (the architecture and its prices). On Fargate there are no instances to run daemons
/// on: each daemon becomes a sidecar container in every task, so `sidecars` (the daemons' CPU
/// units and MiB) is added to each task before it is rounded up to a Fargate size.
/// `per_instance` is the first service's tasks per instance (for the break-even).
pub fn cost(
    services: &[Service],
    sidecars: (u64, u64),
    instances: u64,
    price_per_hour: f64,
    fargate: (Arch, FargatePrices),
    per_instance: u64,
    (list_multiplier, commitment): (f64, f64),
) -> CostOut {
    // What is paid per list dollar: the multiplier, less a Savings Plans / Reserved discount.
    let multiplier = list_multiplier * (1.0 - commitment / 100.0);
    let (arch, prices) = fargate;
    let sizes: Vec<Option<(u64, u64)>> = services
        .iter()
        .map(|s| {
            fargate_size(
                s.cpu.0 + sidecars.0,
                fargate_memory(s) + sidecars.1,
                &prices,
            )
        })
        .collect();
    let fargate_hourly = services
        .iter()
        .zip(&sizes)
        .map(|(s, size)| size.map(|(c, m)| prices.hourly(c, m) * s.desired_count as f64))
        .sum::<Option<f64>>()
        .map(|x| x * multiplier);
    let ec2_hourly = instances as f64 * price_per_hour * multiplier;
    // EC2 for n tasks of the first service alone = ceil(n / k) instances; Fargate = n x its size.
    let break_even_tasks = match (sizes.first().copied().flatten(), per_instance) {
        (Some((c, m)), k) if k > 0 => {
            let per_task = prices.hourly(c, m);
            (1..=k.saturating_mul(1000))
                .find(|&n| n.div_ceil(k) as f64 * price_per_hour <= n as f64 * per_task + 1e-12)
        }
        _ => None,
    };
    CostOut {
        ec2_hourly,
        ec2_monthly: ec2_hourly * HOURS_PER_MONTH,
        fargate_hourly,
        fargate_monthly: fargate_hourly.map(|h| h * HOURS_PER_MONTH),
        fargate_arch: arch.as_str(),
        fargate_sizes: sizes,
        break_even_tasks,
        price_multiplier: list_multiplier,
        commitment_discount: commitment,
        ec2_price_per_hour: price_per_hour,
        fargate_vcpu_hour: prices.vcpu_hour,
        fargate_gb_hour: prices.gb_hour,
        fargate_sidecar_cpu: sidecars.0,
        fargate_sidecar_memory_mib: sidecars.1,
        waste: None,
        providers_total: None,
        comparison: None,
    }
}

/// Where paid capacity of one resource goes, as shares of what is paid (they sum to 1).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WasteSplit {
    /// Reserved by tasks.
    pub reserved: f64,
    /// Left free on the instances the tasks need (whole tasks do not fill them exactly).
    pub fragmentation: f64,
    /// Reserved by daemons on every instance.
    pub daemons: f64,
    /// Nominal memory the instance does not register (and ECS_RESERVED_MEMORY); 0 for CPU.
    pub registered_memory: f64,
    /// Instances the steady state runs beyond those needed, for targetCapacity.
    pub headroom: f64,
}

/// The waste of paid CPU and memory at the steady state.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Waste {
    /// CPU units.
    pub cpu: WasteSplit,
    /// Memory.
    pub memory: WasteSplit,
}

/// Splits paid capacity at the steady state (`steady` instances, `needed` of them needed) of one
/// type into its parts. `nominal`, `offered` (after reserved memory), `daemons` per instance;
/// `reserved` by all tasks.
pub fn waste_split(
    steady: u64,
    needed: u64,
    nominal: u64,
    offered: u64,
    daemons: u64,
    reserved: u64,
) -> WasteSplit {
    let paid = (steady * nominal).max(1) as f64;
    let share = |x: u64| x as f64 / paid;
    let free_needed = needed * offered.saturating_sub(daemons);
    WasteSplit {
        reserved: share(reserved),
        fragmentation: share(free_needed.saturating_sub(reserved)),
        daemons: share(needed * daemons),
        registered_memory: share(needed * nominal.saturating_sub(offered)),
        headroom: share(steady.saturating_sub(needed) * nominal),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate::{parse_json, validate};

    fn near(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    /// Fargate x86, 0.25 vCPU / 0.5 GB: 0.25 x 0.04048 + 0.5 x 0.004445 = 0.0123425 USD per hour.
    #[test]
    fn fargate_quarter_vcpu_half_gb() {
        assert!(near(FargatePrices::X86.hourly(256, 512), 0.0123425));
    }

    /// Sizes round up to the cheapest valid combination, including the gaps in the table.
    #[test]
    fn fargate_size_rounding() {
        let p = FargatePrices::X86;
        assert_eq!(fargate_size(0, 100, &p), Some((256, 512)));
        assert_eq!(fargate_size(256, 513, &p), Some((256, 1024)));
        assert_eq!(fargate_size(256, 1536, &p), Some((256, 2048)));
        // 256 CPU stops at 2 GB: 3 GB needs 512 CPU.
        assert_eq!(fargate_size(256, 3072, &p), Some((512, 3072)));
        // 1 vCPU starts at 2 GB.
        assert_eq!(fargate_size(1024, 512, &p), Some((1024, 2048)));
        // 8 vCPU moves in 4 GB steps, 16 vCPU in 8 GB steps.
        assert_eq!(fargate_size(8192, 17000, &p), Some((8192, 20480)));
        assert_eq!(fargate_size(16384, 33000, &p), Some((16384, 40960)));
        assert_eq!(fargate_size(16385, 1024, &p), None);
        assert_eq!(fargate_size(1024, 123 * 1024, &p), None);
    }

    /// api.md's example (15 t4g.medium, 100 x 256/512, a 64/128 daemon): every paid unit is
    /// accounted for, and the parts are the ones worked out by hand.
    #[test]
    fn waste_parts_sum_to_paid() {
        let cpu = waste_split(15, 15, 2048, 2048, 64, 25600);
        assert!(
            near(cpu.reserved, 25600.0 / 30720.0)
                && near(cpu.daemons, 960.0 / 30720.0)
                && near(cpu.fragmentation, 4160.0 / 30720.0)
        );
        let mem = waste_split(15, 15, 4096, 3768, 128, 51200);
        assert!(
            near(mem.registered_memory, 4920.0 / 61440.0)
                && near(mem.fragmentation, 3400.0 / 61440.0)
        );
        // targetCapacity 80 %: 19 instances for 15 needed; 4 are headroom.
        let h = waste_split(19, 15, 4096, 3768, 128, 51200);
        assert!(near(h.headroom, 4.0 * 4096.0 / (19.0 * 4096.0)));
        for w in [cpu, mem, h] {
            assert!(near(
                w.reserved + w.fragmentation + w.daemons + w.registered_memory + w.headroom,
                1.0
            ));
        }
    }

    /// EC2 and Fargate arithmetic for 100 tasks of 0.25 vCPU / 0.5 GB on 15 t4g.medium (ARM prices).
    #[test]
    fn plan_cost_arithmetic() {
        let (s, _) = validate(
            &parse_json(r#"{"services":[{"cpu":256,"memory":512,"desiredCount":100}]}"#).unwrap(),
        )
        .unwrap();
        let arm = (Arch::Arm64, FargatePrices::ARM);
        let c = cost(&s.services, (0, 0), 15, 0.0336, arm, 7, (1.0, 0.0));
        assert!(near(c.ec2_hourly, 15.0 * 0.0336));
        assert!(near(c.ec2_monthly, 15.0 * 0.0336 * 730.0));
        assert!(near(
            c.fargate_hourly.unwrap(),
            100.0 * (0.25 * 0.03238 + 0.5 * 0.00356)
        ));
        assert_eq!(c.fargate_arch, "arm64");
        // One t4g.medium (0.0336/h) holds 7; Fargate ARM costs 0.009875/h a task: EC2 wins from 4 tasks.
        assert_eq!(c.break_even_tasks, Some(4));
        let half = cost(&s.services, (0, 0), 15, 0.0336, arm, 7, (0.5, 0.0));
        assert!(near(half.ec2_hourly * 2.0, c.ec2_hourly));
        // A 30 % Savings Plan after a 0.5 multiplier: 0.35 of list, on EC2 and Fargate alike.
        let sp = cost(&s.services, (0, 0), 15, 0.0336, arm, 7, (0.5, 30.0));
        assert!(near(sp.ec2_hourly, c.ec2_hourly * 0.35));
        assert!(near(
            sp.fargate_hourly.unwrap(),
            c.fargate_hourly.unwrap() * 0.35
        ));
        assert_eq!((sp.price_multiplier, sp.commitment_discount), (0.5, 30.0));
        // The break-even compares list prices: a discount on both sides does not move it.
        assert_eq!(sp.break_even_tasks, c.break_even_tasks);
    }
}
