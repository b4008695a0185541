//! The scenario: what the user describes. [`ScenarioInput`] is the JSON shape of api.md (numbers as
//! they come, every field optional); [`Scenario`] is the validated, typed form the model computes on.
//! `validate::validate` turns the one into the other.

use std::collections::BTreeMap;

use serde::Serialize;

use super::catalog::InstanceType;
use super::units::{CpuUnits, MemMib};

/// A number, or a map from instance-type name to number (`registeredMemoryMiB`, `runningInstances`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum NumberOrMap {
    /// One number for the (first) instance type.
    Number(f64),
    /// One number per instance-type name.
    Map(BTreeMap<String, f64>),
}

/// The scenario as JSON gives it (api.md "Scenario"). Every field is optional but `services`.
/// `read::scenario_from_value` reads it; serialising it gives the same JSON shape back.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScenarioInput {
    /// A catalog name; default "t4g.medium".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance_type: Option<String>,
    /// Several types (an ASG with a mixed instances policy), in priority order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance_types: Option<Vec<String>>,
    /// A custom type instead of a catalog one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance: Option<CustomInstanceInput>,
    /// "registered" (default) or "nominal".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory_model: Option<String>,
    /// Measured registeredResources MEMORY, MiB: one number, or one per type.
    #[serde(
        default,
        rename = "registeredMemoryMiB",
        skip_serializing_if = "Option::is_none"
    )]
    pub registered_memory_mib: Option<NumberOrMap>,
    /// ECS_RESERVED_MEMORY, MiB (default 0).
    #[serde(
        default,
        rename = "ecsReservedMemoryMiB",
        skip_serializing_if = "Option::is_none"
    )]
    pub ecs_reserved_memory_mib: Option<f64>,
    /// The awsvpcTrunking account setting (default false).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eni_trunking: Option<bool>,
    /// The services; at least one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub services: Option<Vec<ServiceInput>>,
    /// Daemon tasks: one per instance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub daemons: Option<Vec<DaemonInput>>,
    /// "binpack-memory" (default) | "binpack-cpu" | "spread-az" | "spread-instance" | "random".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placement_strategy: Option<String>,
    /// Availability zones the ASG spans (1-6, default 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability_zones: Option<f64>,
    /// The seed of the random strategy (default 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub random_seed: Option<f64>,
    /// N, instances running now: a number, or one per type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub running_instances: Option<NumberOrMap>,
    /// Managed scaling settings of the capacity provider.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity_provider: Option<CapacityProviderInput>,
    /// The Auto Scaling group's size limits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub asg: Option<AsgInput>,
    /// Model settings where AWS leaves a gap (model.md).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settings: Option<SettingsInput>,
    /// The demand estimator (model.md section 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub demand: Option<DemandInput>,
    /// Multiplies list prices: another region, Savings Plans, Spot (default 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price_multiplier: Option<f64>,
    /// USD per hour per catalog type, replacing the list price (before the multiplier).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance_prices: Option<BTreeMap<String, f64>>,
    /// Fargate pricing: which architecture, and the prices per vCPU-hour and GB-hour.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fargate: Option<FargateInput>,
}

/// Fargate pricing (issue 5): the architecture (default: the instance type's) and editable prices.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FargateInput {
    /// "x86_64" or "arm64".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arch: Option<String>,
    /// USD per vCPU-hour, Linux/x86.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub x86_vcpu_hour: Option<f64>,
    /// USD per GB-hour, Linux/x86.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub x86_gb_hour: Option<f64>,
    /// USD per vCPU-hour, Linux/ARM.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arm_vcpu_hour: Option<f64>,
    /// USD per GB-hour, Linux/ARM.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arm_gb_hour: Option<f64>,
}

/// A custom instance type.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomInstanceInput {
    /// vCPUs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vcpu: Option<f64>,
    /// Nominal memory, MiB.
    #[serde(rename = "memoryMiB")]
    pub memory_mib: Option<f64>,
    /// Network interfaces, the primary one included.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_enis: Option<f64>,
    /// awsvpc tasks with trunking; null when unsupported.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trunk_task_limit: Option<f64>,
    /// USD per hour.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price_per_hour: Option<f64>,
}

/// One service (api.md).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceInput {
    /// Its name, unique in the scenario.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Task CPU units (absent: 0).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cpu: Option<f64>,
    /// Task memory hard limit, MiB.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory: Option<f64>,
    /// Task memory soft limit, MiB: reserved instead of `memory` when set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory_reservation: Option<f64>,
    /// Tasks wanted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub desired_count: Option<f64>,
    /// "bridge" (default), "awsvpc" or "host".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network_mode: Option<String>,
    /// A static host port.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host_port: Option<f64>,
    /// The distinctInstance placement constraint.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distinct_instance: Option<bool>,
}

/// One daemon (one task per instance).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DaemonInput {
    /// Its name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// CPU units.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cpu: Option<f64>,
    /// Memory hard limit, MiB.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory: Option<f64>,
    /// Memory soft limit, MiB (reserved instead of `memory` when set).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory_reservation: Option<f64>,
    /// "bridge" (default), "awsvpc" (uses an ENI on every instance) or "host".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network_mode: Option<String>,
    /// A static host port the daemon holds on every instance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host_port: Option<f64>,
}

/// Managed scaling settings.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CapacityProviderInput {
    /// 1-100, default 100.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_capacity: Option<f64>,
    /// 1-10000, default 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum_scaling_step_size: Option<f64>,
    /// 1-10000, default 10000.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum_scaling_step_size: Option<f64>,
    /// Seconds, 0-10000, default 300.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance_warmup_period: Option<f64>,
}

/// Auto Scaling group limits.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AsgInput {
    /// Default 0.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_size: Option<f64>,
    /// Default 10000.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_size: Option<f64>,
}

/// Settings where the model makes a choice AWS does not document.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SettingsInput {
    /// "nominal" (default) or "registered": how CAS sizes M.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cas_sizing: Option<String>,
    /// Tasks in PROVISIONING that count, per cluster (default 500).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provisioning_quota: Option<f64>,
    /// Seconds from launch to registration (default 120).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub launch_seconds: Option<f64>,
    /// Deployment maximumPercent (default 200).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum_percent: Option<f64>,
}

/// The demand estimator: users x calls, or requests per second x latency.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DemandInput {
    /// Concurrent users at the peak.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub concurrent_users: Option<f64>,
    /// API calls in flight per user action.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calls_per_user: Option<f64>,
    /// Instead of users: requests per second at the peak.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requests_per_second: Option<f64>,
    /// Average latency, ms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latency_ms: Option<f64>,
    /// Concurrent calls one task serves.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calls_per_task: Option<f64>,
    /// Service auto scaling CPU target, % (default 50).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cpu_target: Option<f64>,
}

/// How a task reaches the network.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NetworkMode {
    /// Docker bridge: no ENI per task; static host ports conflict.
    Bridge,
    /// One ENI per task.
    Awsvpc,
    /// The host's network: static ports conflict.
    Host,
}

impl NetworkMode {
    /// The ECS spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            NetworkMode::Bridge => "bridge",
            NetworkMode::Awsvpc => "awsvpc",
            NetworkMode::Host => "host",
        }
    }
}

/// The placement strategy (model.md section 3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strategy {
    /// binpack(memory), the default.
    BinpackMemory,
    /// binpack(cpu).
    BinpackCpu,
    /// spread(availability zone) then binpack(memory).
    SpreadAz,
    /// spread(instanceId).
    SpreadInstance,
    /// random, seeded.
    Random,
}

impl Strategy {
    /// Every strategy, in the order the UI lists them.
    pub const ALL: [Strategy; 5] = [
        Strategy::BinpackMemory,
        Strategy::BinpackCpu,
        Strategy::SpreadAz,
        Strategy::SpreadInstance,
        Strategy::Random,
    ];

    /// The API spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Strategy::BinpackMemory => "binpack-memory",
            Strategy::BinpackCpu => "binpack-cpu",
            Strategy::SpreadAz => "spread-az",
            Strategy::SpreadInstance => "spread-instance",
            Strategy::Random => "random",
        }
    }

    /// A reader's label.
    pub fn label(self) -> &'static str {
        match self {
            Strategy::BinpackMemory => "binpack(memory)",
            Strategy::BinpackCpu => "binpack(cpu)",
            Strategy::SpreadAz => "spread(AZ), then binpack(memory)",
            Strategy::SpreadInstance => "spread(instance)",
            Strategy::Random => "random (seeded)",
        }
    }

    /// Parses the API spelling.
    pub fn parse(s: &str) -> Option<Strategy> {
        Strategy::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// Memory an instance offers: registered (the default) or nominal (the article's arithmetic).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemoryModel {
    /// Measured registered memory, or the estimate.
    Registered,
    /// Nominal EC2 memory.
    Nominal,
}

/// How CAS sizes LB (model.md section 4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CasSizing {
    /// The largest type's nominal specs, no daemons (the default assumption).
    Nominal,
    /// Registered memory, daemons subtracted.
    Registered,
}

/// A validated service.
#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    /// Unique name.
    pub name: String,
    /// Task CPU reservation.
    pub cpu: CpuUnits,
    /// Hard limit, when given.
    pub memory: Option<MemMib>,
    /// Soft limit, when given.
    pub memory_reservation: Option<MemMib>,
    /// Tasks wanted.
    pub desired_count: u64,
    /// Network mode.
    pub network_mode: NetworkMode,
    /// Static host port (ignored in awsvpc mode).
    pub host_port: Option<u16>,
    /// distinctInstance constraint.
    pub distinct_instance: bool,
}

impl Service {
    /// What placement subtracts: memoryReservation when set, else memory.
    pub fn reserved_memory(&self) -> MemMib {
        self.memory_reservation.or(self.memory).unwrap_or_default()
    }

    /// The port that binds this task to one per instance (none in awsvpc mode).
    pub fn static_port(&self) -> Option<u16> {
        match self.network_mode {
            NetworkMode::Awsvpc => None,
            _ => self.host_port,
        }
    }
}

/// A validated daemon.
#[derive(Clone, Debug, PartialEq)]
pub struct Daemon {
    /// Name.
    pub name: String,
    /// CPU reservation.
    pub cpu: CpuUnits,
    /// Memory reservation (memoryReservation when set, else memory).
    pub memory: MemMib,
    /// Network mode.
    pub network_mode: NetworkMode,
    /// Static host port held on every instance.
    pub host_port: Option<u16>,
}

/// Managed scaling settings, validated.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CapacityProvider {
    /// targetCapacity, %.
    pub target_capacity: u32,
    /// minimumScalingStepSize.
    pub min_step: u32,
    /// maximumScalingStepSize.
    pub max_step: u32,
    /// instanceWarmupPeriod, s.
    pub warmup_seconds: u32,
}

impl Default for CapacityProvider {
    fn default() -> Self {
        CapacityProvider {
            target_capacity: 100,
            min_step: 1,
            max_step: 10_000,
            warmup_seconds: 300,
        }
    }
}

/// Settings, validated.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    /// How CAS sizes M.
    pub cas_sizing: CasSizing,
    /// PROVISIONING quota.
    pub provisioning_quota: u32,
    /// Launch to registration, s.
    pub launch_seconds: u32,
    /// Deployment maximumPercent.
    pub maximum_percent: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            cas_sizing: CasSizing::Nominal,
            provisioning_quota: 500,
            launch_seconds: 120,
            maximum_percent: 200,
        }
    }
}

/// The demand estimate's inputs, validated.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Load {
    /// Users x calls per user action.
    Users {
        /// Concurrent users.
        users: u64,
        /// Calls per user action.
        calls_per_user: u64,
    },
    /// Requests per second x latency (Little's law); rps in thousandths to stay integer.
    Rate {
        /// Requests per second x 1000.
        rps_milli: u64,
        /// Latency in ms.
        latency_ms: u64,
    },
}

/// The demand estimator, validated.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Demand {
    /// Where the concurrency comes from.
    pub load: Load,
    /// Concurrent calls one task serves.
    pub calls_per_task: u64,
    /// Service CPU target, % (1-100).
    pub cpu_target: u32,
}

impl Scenario {
    /// CPU units all desired tasks reserve.
    pub fn total_cpu(&self) -> u64 {
        self.services
            .iter()
            .map(|x| x.cpu.0 * x.desired_count)
            .sum()
    }

    /// MiB all desired tasks reserve (memoryReservation, else memory).
    pub fn total_memory(&self) -> u64 {
        self.services
            .iter()
            .map(|x| x.reserved_memory().0 * x.desired_count)
            .sum()
    }
}

/// A validated scenario: every number in range, every name known.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// The ASG's types in priority order; new instances launch as the first.
    pub types: Vec<InstanceType>,
    /// Memory model.
    pub memory_model: MemoryModel,
    /// Measured registered memory per type (index as `types`), when given.
    pub registered_override: Vec<Option<MemMib>>,
    /// ECS_RESERVED_MEMORY.
    pub ecs_reserved: MemMib,
    /// awsvpcTrunking on.
    pub eni_trunking: bool,
    /// Services, at least one.
    pub services: Vec<Service>,
    /// Daemons.
    pub daemons: Vec<Daemon>,
    /// Placement strategy.
    pub strategy: Strategy,
    /// Availability zones, 1-6.
    pub zones: u32,
    /// Seed of the random strategy.
    pub seed: u64,
    /// Instances running now, per type (index as `types`).
    pub running: Vec<u32>,
    /// Managed scaling.
    pub capacity_provider: CapacityProvider,
    /// ASG minimum size.
    pub asg_min: u32,
    /// ASG maximum size.
    pub asg_max: u32,
    /// Settings.
    pub settings: Settings,
    /// Demand estimator, when given.
    pub demand: Option<Demand>,
    /// Multiplier on list prices.
    pub price_multiplier: f64,
    /// Prices replacing the catalog's, per type name (the scenario's types already carry theirs).
    pub price_overrides: Vec<(String, f64)>,
    /// Fargate pricing.
    pub fargate: Fargate,
}

/// Fargate pricing, validated.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fargate {
    /// The architecture priced; None: the instance type's.
    pub arch: Option<super::catalog::Arch>,
    /// Linux/x86 prices.
    pub x86: super::catalog::FargatePrices,
    /// Linux/ARM prices.
    pub arm: super::catalog::FargatePrices,
}

impl Default for Fargate {
    fn default() -> Self {
        Fargate {
            arch: None,
            x86: super::catalog::FargatePrices::X86,
            arm: super::catalog::FargatePrices::ARM,
        }
    }
}

impl Fargate {
    /// The architecture and prices used beside instances of `instance_arch`.
    pub fn priced(
        &self,
        instance_arch: super::catalog::Arch,
    ) -> (super::catalog::Arch, super::catalog::FargatePrices) {
        let arch = self.arch.unwrap_or(instance_arch);
        match arch {
            super::catalog::Arch::X86_64 => (arch, self.x86),
            super::catalog::Arch::Arm64 => (arch, self.arm),
        }
    }
}

impl Scenario {
    /// The price per hour of a catalog type here: the scenario's override, else the list price.
    pub fn price_of(&self, t: &InstanceType) -> f64 {
        self.price_overrides
            .iter()
            .find(|(n, _)| *n == t.name)
            .map_or(t.price_per_hour, |&(_, p)| p)
    }
}
