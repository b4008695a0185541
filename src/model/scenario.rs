//! The scenario: what the user describes. [`ScenarioInput`] is the JSON shape of api.md (numbers as
//! they come, every field optional); [`Scenario`] is the validated, typed form the model computes on.
//! `validate::validate` turns the one into the other.

use super::text_map::TextMap;

use super::catalog::InstanceType;
use super::units::{CpuUnits, MemMib};

/// A number, or a map from instance-type name to number (`registeredMemoryMiB`, `runningInstances`).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(test, derive(serde::Deserialize), serde(untagged))]
pub enum NumberOrMap {
    /// One number for the (first) instance type.
    Number(f64),
    /// One number per instance-type name.
    Map(TextMap<f64>),
}

/// What a field of an input struct holds, so that one reader (io::read) can read any of them by
/// its key: each input struct lists its fields with their JSON keys once ([`input_struct!`]) and
/// hands each field's slot to a [`Visitor`].
pub trait Visitor {
    /// A number.
    fn num(&mut self, key: &'static str, slot: &mut Option<f64>);
    /// A string.
    fn text(&mut self, key: &'static str, slot: &mut Option<String>);
    /// true or false.
    fn flag(&mut self, key: &'static str, slot: &mut Option<bool>);
    /// A list of strings.
    fn texts(&mut self, key: &'static str, slot: &mut Option<Vec<String>>);
    /// A number, or an object of instance-type name to number.
    fn number_or_map(&mut self, key: &'static str, slot: &mut Option<NumberOrMap>);
    /// An object of instance-type name to USD per hour.
    fn prices(&mut self, key: &'static str, slot: &mut Option<TextMap<f64>>);
    /// An object of another input struct.
    fn object<T: Fields>(&mut self, key: &'static str, slot: &mut Option<T>);
    /// A list of objects of another input struct.
    fn list<T: Fields>(&mut self, key: &'static str, slot: &mut Option<Vec<T>>);
}

/// An input struct: its JSON keys, in order, and its fields one by one.
pub trait Fields: Default {
    /// Every JSON key of the struct, in order.
    const KEYS: &'static [&'static str];
    /// Hands each field's slot, under its key, to `v`.
    fn visit<V: Visitor>(&mut self, v: &mut V);
}

/// Declares an input struct (the JSON shape of api.md) whose fields each name their JSON key
/// once: the struct with serde's `rename` for writing, a constant per key for the validator's and
/// the form's paths, and [`Fields`] for the reader.
macro_rules! input_struct {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $(
                $(#[$fmeta:meta])*
                $field:ident: $ty:ty = $KEY:ident $json:literal $read:ident,
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq)]
        // The model's own tests read their JSON scenarios through serde (the app reads through
        // io::read, which src/model must not import); io::json::input_json writes them.
        #[cfg_attr(test, derive(serde::Deserialize), serde(deny_unknown_fields))]
        pub struct $name {
            $(
                $(#[$fmeta])*
                #[cfg_attr(test, serde(rename = $json))]
                pub $field: Option<$ty>,
            )*
        }

        impl $name {
            $(
                #[doc = concat!("The JSON key `", $json, "`.")]
                pub const $KEY: &'static str = $json;
            )*
        }

        impl Fields for $name {
            const KEYS: &'static [&'static str] = &[$($json),*];
            fn visit<V: Visitor>(&mut self, v: &mut V) {
                $( v.$read($json, &mut self.$field); )*
            }
        }
    };
}

/// `parent.key`: the path of a member, as errors name it.
pub fn member(parent: &str, key: &str) -> String {
    format!("{parent}.{key}")
}

/// `list[i].key`: the path of a list item's member.
pub fn item(list: &str, i: usize, key: &str) -> String {
    format!("{list}[{i}].{key}")
}

input_struct! {
    /// The scenario as JSON gives it (api.md "Scenario"). Every field is optional but `services`.
    /// `io::read` reads it; serialising it gives the same JSON shape back.
    pub struct ScenarioInput {
        /// A catalog name; default "t4g.medium".
        instance_type: String = INSTANCE_TYPE "instanceType" text,
        /// Several types (an ASG with a mixed instances policy), in priority order.
        instance_types: Vec<String> = INSTANCE_TYPES "instanceTypes" texts,
        /// A custom type instead of a catalog one.
        instance: CustomInstanceInput = INSTANCE "instance" object,
        /// "registered" (default) or "nominal".
        memory_model: String = MEMORY_MODEL "memoryModel" text,
        /// Measured registeredResources MEMORY, MiB: one number, or one per type.
        registered_memory_mib: NumberOrMap = REGISTERED_MEMORY "registeredMemoryMiB" number_or_map,
        /// ECS_RESERVED_MEMORY, MiB (default 0).
        ecs_reserved_memory_mib: f64 = ECS_RESERVED_MEMORY "ecsReservedMemoryMiB" num,
        /// The awsvpcTrunking account setting (default false).
        eni_trunking: bool = ENI_TRUNKING "eniTrunking" flag,
        /// The services; at least one.
        services: Vec<ServiceInput> = SERVICES "services" list,
        /// Daemon tasks: one per instance.
        daemons: Vec<DaemonInput> = DAEMONS "daemons" list,
        /// "binpack-memory" (default) | "binpack-cpu" | "spread-az" | "spread-instance" | "random".
        placement_strategy: String = PLACEMENT_STRATEGY "placementStrategy" text,
        /// Availability zones the ASG spans (1-6, default 1).
        availability_zones: f64 = AVAILABILITY_ZONES "availabilityZones" num,
        /// The seed of the random strategy (default 1).
        random_seed: f64 = RANDOM_SEED "randomSeed" num,
        /// N, instances running now: a number, or one per type.
        running_instances: NumberOrMap = RUNNING_INSTANCES "runningInstances" number_or_map,
        /// Managed scaling settings of the capacity provider.
        capacity_provider: CapacityProviderInput = CAPACITY_PROVIDER "capacityProvider" object,
        /// The Auto Scaling group's size limits.
        asg: AsgInput = ASG "asg" object,
        /// Model settings where AWS leaves a gap (model.md).
        settings: SettingsInput = SETTINGS "settings" object,
        /// The demand estimator (model.md section 1).
        demand: DemandInput = DEMAND "demand" object,
        /// Multiplies list prices: another region, Savings Plans, Spot (default 1).
        price_multiplier: f64 = PRICE_MULTIPLIER "priceMultiplier" num,
        /// % off On-Demand instances and Fargate from a Savings Plan or Reserved Instances, 0-90
        /// (default 0); the default of every On-Demand provider (issue 15).
        commitment_discount: f64 = COMMITMENT_DISCOUNT "commitmentDiscount" num,
        /// USD per hour per catalog type, replacing the list price (before the multiplier).
        instance_prices: TextMap<f64> = INSTANCE_PRICES "instancePrices" prices,
        /// Fargate pricing: which architecture, and the prices per vCPU-hour and GB-hour.
        fargate: FargateInput = FARGATE "fargate" object,
        /// The cluster's capacity providers (absent: one On-Demand ASG from the fields above).
        capacity_providers: Vec<ProviderInput> = CAPACITY_PROVIDERS "capacityProviders" list,
        /// The cluster's default strategy, for services without their own.
        default_strategy: Vec<StrategyItemInput> = DEFAULT_STRATEGY "defaultStrategy" list,
    }
}

input_struct! {
    /// Fargate pricing (issue 5): the architecture (default: the instance type's) and editable
    /// prices.
    pub struct FargateInput {
        /// "arm64" or "x86_64"; default: the (first) instance type's.
        arch: String = ARCH "arch" text,
        /// USD per vCPU-hour, x86_64.
        x86_vcpu_hour: f64 = X86_VCPU_HOUR "x86VcpuHour" num,
        /// USD per GB-hour, x86_64.
        x86_gb_hour: f64 = X86_GB_HOUR "x86GbHour" num,
        /// USD per vCPU-hour, arm64.
        arm_vcpu_hour: f64 = ARM_VCPU_HOUR "armVcpuHour" num,
        /// USD per GB-hour, arm64.
        arm_gb_hour: f64 = ARM_GB_HOUR "armGbHour" num,
    }
}

input_struct! {
    /// A custom instance type (api.md `instance`).
    pub struct CustomInstanceInput {
        /// vCPUs.
        vcpu: f64 = VCPU "vcpu" num,
        /// Memory, MiB (nominal).
        memory_mib: f64 = MEMORY_MIB "memoryMiB" num,
        /// Maximum ENIs.
        max_enis: f64 = MAX_ENIS "maxEnis" num,
        /// Tasks per instance with ENI trunking; absent: unsupported.
        trunk_task_limit: f64 = TRUNK_TASK_LIMIT "trunkTaskLimit" num,
        /// USD per hour.
        price_per_hour: f64 = PRICE_PER_HOUR "pricePerHour" num,
    }
}

input_struct! {
    /// One service as JSON gives it.
    pub struct ServiceInput {
        /// Name (default "service-N").
        name: String = NAME "name" text,
        /// CPU units.
        cpu: f64 = CPU "cpu" num,
        /// Hard memory limit, MiB.
        memory: f64 = MEMORY "memory" num,
        /// Soft memory limit, MiB.
        memory_reservation: f64 = MEMORY_RESERVATION "memoryReservation" num,
        /// Desired tasks.
        desired_count: f64 = DESIRED_COUNT "desiredCount" num,
        /// "bridge" (default), "awsvpc" or "host".
        network_mode: String = NETWORK_MODE "networkMode" text,
        /// A static host port.
        host_port: f64 = HOST_PORT "hostPort" num,
        /// The distinctInstance placement constraint.
        distinct_instance: bool = DISTINCT_INSTANCE "distinctInstance" flag,
        /// Its capacity provider strategy (else the cluster's default strategy).
        capacity_provider_strategy: Vec<StrategyItemInput> = CAPACITY_PROVIDER_STRATEGY "capacityProviderStrategy" list,
    }
}

input_struct! {
    /// One daemon as JSON gives it.
    pub struct DaemonInput {
        /// Name (default "daemon-N").
        name: String = NAME "name" text,
        /// CPU units.
        cpu: f64 = CPU "cpu" num,
        /// Hard memory limit, MiB.
        memory: f64 = MEMORY "memory" num,
        /// Soft memory limit, MiB.
        memory_reservation: f64 = MEMORY_RESERVATION "memoryReservation" num,
        /// "bridge" (default), "awsvpc" or "host".
        network_mode: String = NETWORK_MODE "networkMode" text,
        /// A static host port.
        host_port: f64 = HOST_PORT "hostPort" num,
    }
}

input_struct! {
    /// The capacity provider's managed scaling settings.
    pub struct CapacityProviderInput {
        /// targetCapacity, % (1-100, default 100).
        target_capacity: f64 = TARGET_CAPACITY "targetCapacity" num,
        /// minimumScalingStepSize (default 1).
        minimum_scaling_step_size: f64 = MIN_STEP "minimumScalingStepSize" num,
        /// maximumScalingStepSize (default 10000).
        maximum_scaling_step_size: f64 = MAX_STEP "maximumScalingStepSize" num,
        /// instanceWarmupPeriod, s (default 300).
        instance_warmup_period: f64 = WARMUP "instanceWarmupPeriod" num,
    }
}

input_struct! {
    /// The Auto Scaling group's size limits.
    pub struct AsgInput {
        /// MinSize (default 0).
        min_size: f64 = MIN_SIZE "minSize" num,
        /// MaxSize (default 10000).
        max_size: f64 = MAX_SIZE "maxSize" num,
    }
}

input_struct! {
    /// One capacity provider of the cluster (model.md section 8, api.md "Additions of 2026-11-29").
    pub struct ProviderInput {
        /// Its name, as strategies name it.
        name: String = NAME "name" text,
        /// "asg" | "fargate" | "fargate-spot" ("managed-instances" comes with issue 15).
        kind: String = KIND "kind" text,
        /// asg: a catalog type (default: the scenario's).
        instance_type: String = INSTANCE_TYPE "instanceType" text,
        /// asg: several types, in priority order (default: the scenario's).
        instance_types: Vec<String> = INSTANCE_TYPES "instanceTypes" texts,
        /// asg: a Spot Auto Scaling group (default false).
        spot: bool = SPOT "spot" flag,
        /// asg with spot, fargate-spot: % off the On-Demand (Fargate) price (defaults 60 and 65).
        spot_discount: f64 = SPOT_DISCOUNT "spotDiscount" num,
        /// asg: N, its instances running now (default 0).
        running_instances: NumberOrMap = RUNNING_INSTANCES "runningInstances" number_or_map,
        /// asg: targetCapacity, % (default: the scenario's).
        target_capacity: f64 = TARGET_CAPACITY "targetCapacity" num,
        /// asg: minimumScalingStepSize (default: the scenario's).
        minimum_scaling_step_size: f64 = MIN_STEP "minimumScalingStepSize" num,
        /// asg: maximumScalingStepSize (default: the scenario's).
        maximum_scaling_step_size: f64 = MAX_STEP "maximumScalingStepSize" num,
        /// asg: instanceWarmupPeriod, s (default: the scenario's).
        instance_warmup_period: f64 = WARMUP "instanceWarmupPeriod" num,
        /// asg: the group's size limits (default: the scenario's).
        asg: AsgInput = ASG "asg" object,
        /// asg: managed termination protection (default true).
        managed_termination_protection: bool = TERMINATION_PROTECTION "managedTerminationProtection" flag,
        /// asg On-Demand, fargate: % off from a Savings Plan or Reserved Instances (default: the
        /// scenario's); not for Spot, which they do not cover.
        commitment_discount: f64 = COMMITMENT_DISCOUNT "commitmentDiscount" num,
        /// managed-instances: which types AWS may launch (default: every catalog type it would).
        instance_requirements: RequirementsInput = INSTANCE_REQUIREMENTS "instanceRequirements" object,
        /// managed-instances: subnets (1: binpack; more: spread over zones first; default 3).
        subnets: f64 = SUBNETS "subnets" num,
        /// managed-instances: seconds before an idle or underused instance goes (-1 off, 0-3600;
        /// default 300, an assumption: AWS does not document it).
        scale_in_after: f64 = SCALE_IN_AFTER "scaleInAfter" num,
        /// managed-instances: "on-demand" (default) or "spot".
        capacity_option_type: String = CAPACITY_OPTION_TYPE "capacityOptionType" text,
        /// managed-instances: the management fee, % of each type's On-Demand price (default 12).
        management_fee_percent: f64 = MANAGEMENT_FEE_PERCENT "managementFeePercent" num,
        /// managed-instances: the fee per type, USD per instance-hour, where it is known.
        management_fees: TextMap<f64> = MANAGEMENT_FEES "managementFees" prices,
    }
}

input_struct! {
    /// A range (Managed Instances' vCPU or memory requirement).
    pub struct RangeInput {
        /// At least.
        min: f64 = MIN "min" num,
        /// At most.
        max: f64 = MAX "max" num,
    }
}

input_struct! {
    /// The instance types a Managed Instances provider may launch (api.md, issue 15).
    pub struct RequirementsInput {
        /// Type names, "*" a wildcard ("m7g.*").
        allowed_instance_types: Vec<String> = ALLOWED_INSTANCE_TYPES "allowedInstanceTypes" texts,
        /// vCPUs.
        vcpu: RangeInput = VCPU "vcpu" object,
        /// Memory, MiB.
        memory_mib: RangeInput = MEMORY_MIB "memoryMiB" object,
        /// "arm64" or "x86_64".
        arch: String = ARCH "arch" text,
    }
}

input_struct! {
    /// One item of a capacity provider strategy.
    pub struct StrategyItemInput {
        /// The provider's name.
        capacity_provider: String = CAPACITY_PROVIDER "capacityProvider" text,
        /// Tasks it takes first, 0-100,000 (default 0; one item at most).
        base: f64 = BASE "base" num,
        /// Its weight, 0-1,000 (default 0).
        weight: f64 = WEIGHT "weight" num,
    }
}

input_struct! {
    /// Model settings where AWS leaves a gap.
    pub struct SettingsInput {
        /// "nominal" (default) or "registered": what CAS sizes M from (model.md section 4).
        cas_sizing: String = CAS_SIZING "casSizing" text,
        /// The cluster's PROVISIONING task quota (default 500).
        provisioning_quota: f64 = PROVISIONING_QUOTA "provisioningQuota" num,
        /// Seconds from launch to registration (default 120).
        launch_seconds: f64 = LAUNCH_SECONDS "launchSeconds" num,
        /// The deployment's maximumPercent (default 200).
        maximum_percent: f64 = MAXIMUM_PERCENT "maximumPercent" num,
    }
}

input_struct! {
    /// The demand estimator's inputs (model.md section 1).
    pub struct DemandInput {
        /// Concurrent users.
        concurrent_users: f64 = CONCURRENT_USERS "concurrentUsers" num,
        /// Calls per user action.
        calls_per_user: f64 = CALLS_PER_USER "callsPerUser" num,
        /// Requests per second.
        requests_per_second: f64 = REQUESTS_PER_SECOND "requestsPerSecond" num,
        /// Latency, ms.
        latency_ms: f64 = LATENCY_MS "latencyMs" num,
        /// Concurrent calls one task serves.
        calls_per_task: f64 = CALLS_PER_TASK "callsPerTask" num,
        /// CPU target, %.
        cpu_target: f64 = CPU_TARGET "cpuTarget" num,
    }
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
    /// % off On-Demand instances and Fargate (Savings Plans, Reserved Instances), 0-90.
    pub commitment_discount: f64,
    /// Prices replacing the catalog's, per type name (the scenario's types already carry theirs).
    pub price_overrides: Vec<(String, f64)>,
    /// Fargate pricing.
    pub fargate: Fargate,
    /// The cluster's capacity providers; empty: one On-Demand ASG from the fields above.
    pub providers: Vec<Provider>,
    /// Each service's strategy (its own, else the default, else the one provider); empty
    /// without providers.
    pub strategies: Vec<Vec<StrategyItem>>,
}

/// What a capacity provider is (model.md section 8).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProviderKind {
    /// An Auto Scaling group, On-Demand or Spot: instances, placement, its own CAS.
    Asg,
    /// Fargate: each task at its Fargate size, no instances.
    Fargate,
    /// Fargate Spot: Fargate at a discount, interruptible.
    FargateSpot,
    /// ECS Managed Instances: AWS picks, launches and retires the instances (no CAS).
    ManagedInstances,
}

impl ProviderKind {
    /// The API spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ProviderKind::Asg => "asg",
            ProviderKind::Fargate => "fargate",
            ProviderKind::FargateSpot => "fargate-spot",
            ProviderKind::ManagedInstances => "managed-instances",
        }
    }

    /// The family a strategy may not mix (ecs-facts.md 9.3): ASG providers, or Fargate ones.
    pub fn family(self) -> &'static str {
        match self {
            ProviderKind::Asg => "Auto Scaling group",
            ProviderKind::Fargate | ProviderKind::FargateSpot => "Fargate",
            ProviderKind::ManagedInstances => "Managed Instances",
        }
    }
}

/// A Managed Instances provider's settings, validated (model.md section 9).
#[derive(Clone, Debug, PartialEq)]
pub struct Managed {
    /// Allowed type patterns ("*" a wildcard); empty: any.
    pub allowed: Vec<String>,
    /// vCPUs, at least and at most.
    pub vcpu: (u32, u32),
    /// Memory MiB, at least and at most.
    pub memory_mib: (u64, u64),
    /// Only this architecture.
    pub arch: Option<super::catalog::Arch>,
    /// Subnets: 1 binpacks on memory, more spread over zones first.
    pub subnets: u32,
    /// Seconds before an idle or underused instance goes; -1: never.
    pub scale_in_after: i64,
    /// The management fee, % of On-Demand, for types without their own.
    pub fee_percent: f64,
    /// Fees per type, USD per instance-hour.
    pub fees: Vec<(String, f64)>,
}

impl Managed {
    /// Whether AWS may launch `t` here: allowed, in range, more than 1 vCPU and not nano or
    /// micro (DOC: Managed Instances only creates such instances).
    pub fn allows(&self, t: &super::catalog::InstanceType) -> bool {
        let size = t.name.split('.').nth(1).unwrap_or("");
        t.vcpu > 1
            && size != "nano"
            && size != "micro"
            && (self.vcpu.0..=self.vcpu.1).contains(&t.vcpu)
            && (self.memory_mib.0..=self.memory_mib.1).contains(&t.memory_mib)
            && self.arch.is_none_or(|a| a == t.arch)
            && (self.allowed.is_empty() || self.allowed.iter().any(|p| glob(p, &t.name)))
    }

    /// The management fee of `t` per instance-hour: its own, else the percentage of its
    /// On-Demand price `price`.
    pub fn fee(&self, t: &str, price: f64) -> f64 {
        self.fees
            .iter()
            .find(|(n, _)| n == t)
            .map_or(price * self.fee_percent / 100.0, |(_, f)| *f)
    }
}

/// Whether `name` matches `pattern`, "*" standing for any run of characters.
pub fn glob(pattern: &str, name: &str) -> bool {
    // The greedy matcher with one backtrack point (the last `*`): linear in practice and at most
    // pattern x name steps, where trying every split at every `*` was exponential in the stars
    // (the adversarial review froze the page with "*************q").
    let (p, n) = (pattern.as_bytes(), name.as_bytes());
    let (mut i, mut j) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while j < n.len() {
        match p.get(i) {
            Some(b'*') => {
                star = Some((i, j));
                i += 1;
            }
            Some(&c) if Some(&c) == n.get(j) => {
                i += 1;
                j += 1;
            }
            _ => match star {
                // Let the last star take one more character, and try again after it.
                Some((si, sj)) => {
                    star = Some((si, sj + 1));
                    i = si + 1;
                    j = sj + 1;
                }
                None => return false,
            },
        }
    }
    p.get(i..)
        .is_some_and(|rest| rest.iter().all(|&c| c == b'*'))
}

/// A capacity provider, validated. ASG fields are those of the scenario unless it set its own;
/// Fargate providers leave them at the scenario's and use none.
#[derive(Clone, Debug, PartialEq)]
pub struct Provider {
    /// Its name.
    pub name: String,
    /// Its kind.
    pub kind: ProviderKind,
    /// A Spot ASG.
    pub spot: bool,
    /// % off the On-Demand (or Fargate) price: Spot ASG and Fargate Spot (0 otherwise).
    pub spot_discount: f64,
    /// ASG: its types in priority order.
    pub types: Vec<InstanceType>,
    /// ASG: instances running now, per type.
    pub running: Vec<u32>,
    /// ASG: managed scaling.
    pub capacity_provider: CapacityProvider,
    /// ASG: minimum size.
    pub asg_min: u32,
    /// ASG: maximum size.
    pub asg_max: u32,
    /// ASG: managed termination protection.
    pub termination_protection: bool,
    /// % off from a Savings Plan or Reserved Instances (0 for Spot, which they do not cover).
    pub commitment_discount: f64,
    /// Managed Instances: its settings.
    pub managed: Option<Managed>,
}

/// One item of a validated strategy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StrategyItem {
    /// Index into the scenario's providers.
    pub provider: usize,
    /// Tasks it takes first.
    pub base: u64,
    /// Its weight.
    pub weight: u64,
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
    /// What is paid per list dollar of On-Demand capacity: the multiplier, less the Savings Plans
    /// or Reserved discount.
    pub fn paid_multiplier(&self) -> f64 {
        self.price_multiplier * (1.0 - self.commitment_discount / 100.0)
    }

    /// The price per hour of a catalog type here: the scenario's override, else the list price.
    pub fn price_of(&self, t: &InstanceType) -> f64 {
        self.price_overrides
            .iter()
            .find(|(n, _)| *n == t.name)
            .map_or(t.price_per_hour, |&(_, p)| p)
    }
}

#[cfg(test)]
mod glob_tests {
    use super::glob;

    /// The old matcher, every split at every star: the reference, on short strings only.
    fn reference(pattern: &str, name: &str) -> bool {
        match pattern.split_once('*') {
            None => pattern == name,
            Some((head, rest)) => name.strip_prefix(head).is_some_and(|tail| {
                (0..=tail.len()).any(|i| tail.get(i..).is_some_and(|t| reference(rest, t)))
            }),
        }
    }

    /// The same answers as the reference over every short pattern and name of a few letters,
    /// and no blow-up with many stars (the reference takes minutes on the last case).
    #[test]
    fn glob_matches_as_the_reference_without_blowing_up() {
        let alphabet = ["", "a", "b", "*", "."];
        let mut words = vec![String::new()];
        for _ in 0..4 {
            let mut next = Vec::new();
            for w in &words {
                for c in alphabet {
                    next.push(format!("{w}{c}"));
                }
            }
            words = next;
        }
        words.sort();
        words.dedup();
        let names: Vec<&String> = words.iter().filter(|w| !w.contains('*')).collect();
        for p in &words {
            for n in &names {
                assert_eq!(glob(p, n), reference(p, n), "{p:?} on {n:?}");
            }
        }
        assert!(glob("m7g.*", "m7g.large") && !glob("m7g.*", "m7gd.large"));
        assert!(!glob(
            &format!("{}q", "*".repeat(40)),
            "m7g.16xlarge-and-some-more-letters"
        ));
        assert!(glob(&format!("{}e", "*".repeat(40)), "m7g.large"));
    }
}
