//! Validation (model.md section 7): every input has a range; a problem is a [`FieldError`] naming the
//! JSON path of the field ("services[0].memory") and saying what is wrong and what would be valid.

use std::fmt;

use serde::Serialize;

use super::catalog::{self, Arch, InstanceType, Trunking};
use super::cost::FargatePrices;
use super::demand;
use super::scenario::*;

/// The scenario's keys, for the paths errors name.
type S = ScenarioInput;
use super::units::{CpuUnits, MemMib};

/// At most this many services in one scenario.
pub const MAX_SERVICES: usize = 100;
/// At most this many daemons.
pub const MAX_DAEMONS: usize = 20;
/// At most this many desired tasks in one plan, all services together.
pub const MAX_TASKS: u64 = 1_000_000;
/// At most this many instances in one plan (placement stops opening instances there).
pub const MAX_INSTANCES: u64 = 10_000;
/// At most this many types in one ASG (a mixed instances policy takes up to 40 overrides).
pub const MAX_TYPES: usize = 40;
/// Largest task CPU: 192 vCPU, the current ECS limit for a task.
pub const MAX_TASK_CPU: u64 = 192 * 1024;
/// Largest memory value accepted anywhere: 32 TiB.
pub const MAX_MEMORY: u64 = 32 * 1024 * 1024;
/// Ports the ECS agent holds on every Linux instance (ecs-facts.md section 3).
pub const AGENT_PORTS: [u16; 6] = [22, 2375, 2376, 51678, 51679, 51680];

/// A problem with one input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The JSON path: "services[0].memory", "instanceType".
    pub path: String,
    /// What is wrong and what would be valid.
    pub message: String,
}

impl FieldError {
    /// A new error at `path`.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            path: path.into(),
            message: message.into(),
        }
    }

    /// The page's hook id for this path: "services[0].memory" -> "services-0-memory".
    pub fn field_id(&self) -> String {
        field_id(&self.path)
    }
}

/// "services[0].memory" -> "services-0-memory": the `error-<field>` hook of api.md.
pub fn field_id(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            '[' | '.' => out.push('-'),
            ']' => {}
            c => out.push(c),
        }
    }
    out
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Something worth knowing that does not stop the plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// A stable code: "registered-memory", "trunking-unsupported", ...
    pub code: String,
    /// The sentence shown.
    pub message: String,
}

impl Warning {
    /// A new warning.
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Warning {
            code: code.to_string(),
            message: message.into(),
        }
    }
}

// Formatting sits low, in units; kept here too for the many users that name it from validate.
pub use super::units::thousands;

/// Scenario JSON text to the input shape, for the model's tests: they write their scenarios in
/// the API's JSON, read by serde (test builds only) so that src/model imports no layer above it;
/// the app's own reader, io::read, is tested in io.
#[cfg(test)]
pub fn parse_json(text: &str) -> Result<ScenarioInput, Vec<FieldError>> {
    serde_json::from_str(text).map_err(|e| vec![FieldError::new("", e.to_string())])
}

struct V {
    errors: Vec<FieldError>,
    warnings: Vec<Warning>,
}

impl V {
    fn err(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.errors.push(FieldError::new(path, message));
    }

    /// A whole number in [min, max], or `default` when absent.
    fn int(&mut self, path: &str, v: Option<f64>, default: u64, min: u64, max: u64) -> u64 {
        let Some(x) = v else { return default };
        if !x.is_finite() || x.fract() != 0.0 || x < min as f64 || x > max as f64 {
            self.err(
                path,
                format!(
                    "must be a whole number from {} to {}; got {}",
                    thousands(min),
                    thousands(max),
                    num(x)
                ),
            );
            return default.clamp(min, max);
        }
        x as u64
    }

    /// A number (fractions allowed) in [min, max].
    fn real(&mut self, path: &str, v: Option<f64>, default: f64, min: f64, max: f64) -> f64 {
        let Some(x) = v else { return default };
        if !x.is_finite() || x < min || x > max {
            self.err(
                path,
                format!(
                    "must be a number from {} to {}; got {}",
                    num(min),
                    num(max),
                    got(x)
                ),
            );
            return default;
        }
        x
    }

    fn mem(&mut self, path: &str, v: Option<f64>) -> Option<MemMib> {
        v.map(|_| MemMib(self.int(path, v, 6, 6, MAX_MEMORY)))
    }

    fn network_mode(&mut self, path: &str, v: &Option<String>) -> NetworkMode {
        match v.as_deref() {
            None | Some("bridge") => NetworkMode::Bridge,
            Some("awsvpc") => NetworkMode::Awsvpc,
            Some("host") => NetworkMode::Host,
            Some(other) => {
                self.err(
                    path,
                    format!("unknown network mode \"{other}\": use bridge, awsvpc or host"),
                );
                NetworkMode::Bridge
            }
        }
    }

    fn host_port(&mut self, path: &str, v: Option<f64>) -> Option<u16> {
        v?;
        let p = self.int(path, v, 0, 1, 65_535);
        let p = u16::try_from(p).unwrap_or(0);
        if AGENT_PORTS.contains(&p) {
            self.err(path, format!("port {p} is held by the ECS agent on every instance (22, 2375, 2376, 51678-51680); pick another"));
        }
        (p > 0).then_some(p)
    }
}

/// The value a range error quotes: exactly as given when that is short ("0.0001", which `num`
/// rounded to "0"), else rounded.
fn got(x: f64) -> String {
    let e = super::units::exact(x);
    if x.is_finite() && e.len() <= 24 {
        e
    } else {
        num(x)
    }
}

fn num(x: f64) -> String {
    if x.is_nan() {
        "not a number".into()
    } else {
        super::units::trim_float(x)
    }
}

/// Validates an input scenario. On success, also returns the warnings worth showing.
pub fn validate(input: &ScenarioInput) -> Result<(Scenario, Vec<Warning>), Vec<FieldError>> {
    let mut v = V {
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    let mut types = resolve_types(&mut v, input);
    let price_overrides = resolve_prices(&mut v, input);
    apply_prices(&mut types, &price_overrides);
    let fargate = resolve_fargate(&mut v, input);
    let memory_model = resolve_memory_model(&mut v, input);
    let ecs_reserved = MemMib(v.int(
        S::ECS_RESERVED_MEMORY,
        input.ecs_reserved_memory_mib,
        0,
        0,
        MAX_MEMORY,
    ));
    let registered_override = resolve_registered(&mut v, input, &types, memory_model, ecs_reserved);
    let eni_trunking = input.eni_trunking.unwrap_or(false);
    let daemons = resolve_daemons(&mut v, input);
    let demand_in = resolve_demand(&mut v, input);
    let services = resolve_services(&mut v, input, &daemons, demand_in.as_ref());
    let strategy = resolve_strategy(&mut v, input);
    let zones = v.int(S::AVAILABILITY_ZONES, input.availability_zones, 1, 1, 6) as u32;
    let seed = v.int(S::RANDOM_SEED, input.random_seed, 1, 0, (1 << 53) - 1);
    let running = resolve_running(&mut v, input, &types);
    let capacity_provider = resolve_capacity_provider(&mut v, input);
    let (asg_min, asg_max) = resolve_asg(&mut v, input);
    let settings = resolve_settings(&mut v, input);
    let price_multiplier = v.real(S::PRICE_MULTIPLIER, input.price_multiplier, 1.0, 0.01, 10.0);
    // Savings Plans and Reserved Instances: a % off On-Demand, 0-90 (AWS's own plans reach about
    // 72 %); default 0.
    let commitment_discount = v.real(
        S::COMMITMENT_DISCOUNT,
        input.commitment_discount,
        0.0,
        0.0,
        90.0,
    );
    let providers = resolve_providers(
        &mut v,
        input,
        &types,
        &price_overrides,
        capacity_provider,
        (asg_min, asg_max),
        commitment_discount,
    );
    let strategies = resolve_strategies(&mut v, input, &providers);
    trunking_warnings(&mut v, &types, eni_trunking, &services, &daemons);
    if !v.errors.is_empty() {
        return Err(v.errors);
    }
    let scenario = Scenario {
        types,
        memory_model,
        registered_override,
        ecs_reserved,
        eni_trunking,
        services,
        daemons,
        strategy,
        zones,
        seed,
        running,
        capacity_provider,
        asg_min,
        asg_max,
        settings,
        demand: demand_in,
        price_multiplier,
        commitment_discount,
        price_overrides,
        fargate,
        providers,
        strategies,
    };
    Ok((scenario, v.warnings))
}

/// The capacity provider's managed scaling settings (model.md section 4); the minimum step must
/// not exceed the maximum.
fn resolve_capacity_provider(v: &mut V, input: &ScenarioInput) -> CapacityProvider {
    let c = input.capacity_provider.clone().unwrap_or_default();
    managed_scaling(
        v,
        |k| member(S::CAPACITY_PROVIDER, k),
        [
            c.target_capacity,
            c.minimum_scaling_step_size,
            c.maximum_scaling_step_size,
            c.instance_warmup_period,
        ],
        CapacityProvider::default(),
    )
}

/// Managed scaling's targetCapacity, minimum and maximum step and warm-up as `given`, each at
/// `path(key)`, else `defaults`; the minimum step must not exceed the maximum. The scenario's
/// capacity provider and each asg provider (defaulting to the scenario's) read through here.
fn managed_scaling(
    v: &mut V,
    path: impl Fn(&str) -> String,
    given: [Option<f64>; 4],
    defaults: CapacityProvider,
) -> CapacityProvider {
    type C = CapacityProviderInput;
    let [target, min_step, max_step, warmup] = given;
    let mut int = |k: &str, x, d: u32, lo, hi| v.int(&path(k), x, u64::from(d), lo, hi) as u32;
    let cp = CapacityProvider {
        target_capacity: int(C::TARGET_CAPACITY, target, defaults.target_capacity, 1, 100),
        min_step: int(C::MIN_STEP, min_step, defaults.min_step, 1, 10_000),
        max_step: int(C::MAX_STEP, max_step, defaults.max_step, 1, 10_000),
        warmup_seconds: int(C::WARMUP, warmup, defaults.warmup_seconds, 0, 10_000),
    };
    if cp.min_step > cp.max_step {
        v.err(
            path(C::MIN_STEP),
            format!("must not exceed maximumScalingStepSize ({})", cp.max_step),
        );
    }
    cp
}

/// A group's minimum and maximum size as `given`, each at `path(key)`, else `defaults`; the
/// minimum must not exceed the maximum (named `max_name` in the message).
fn group_limits(
    v: &mut V,
    path: impl Fn(&str) -> String,
    given: &AsgInput,
    defaults: (u32, u32),
    max_name: &str,
) -> (u32, u32) {
    let min = v.int(
        &path(AsgInput::MIN_SIZE),
        given.min_size,
        u64::from(defaults.0),
        0,
        MAX_INSTANCES,
    ) as u32;
    let max = v.int(
        &path(AsgInput::MAX_SIZE),
        given.max_size,
        u64::from(defaults.1),
        0,
        MAX_INSTANCES,
    ) as u32;
    if min > max {
        v.err(
            path(AsgInput::MIN_SIZE),
            format!("must not exceed {max_name} ({max})"),
        );
    }
    (min, max)
}

/// At most this many capacity providers in a cluster, and items in a strategy (ecs-facts.md 9.2).
pub const MAX_PROVIDERS: usize = 20;

/// The cluster's capacity providers (model.md section 8): each ASG provider takes the scenario's
/// types, managed scaling and group limits unless it sets its own; Fargate providers take none.
fn resolve_providers(
    v: &mut V,
    input: &ScenarioInput,
    types: &[InstanceType],
    prices: &[(String, f64)],
    cp: CapacityProvider,
    (asg_min, asg_max): (u32, u32),
    commitment: f64,
) -> Vec<Provider> {
    let Some(list) = &input.capacity_providers else {
        return Vec::new();
    };
    if list.is_empty() || list.len() > MAX_PROVIDERS {
        v.err(
            S::CAPACITY_PROVIDERS,
            format!(
                "a cluster has 1 to {MAX_PROVIDERS} capacity providers; got {}",
                list.len()
            ),
        );
    }
    let mut out: Vec<Provider> = Vec::new();
    for (i, p) in list.iter().take(MAX_PROVIDERS).enumerate() {
        let at = |k: &str| item(S::CAPACITY_PROVIDERS, i, k);
        let name = p.name.clone().unwrap_or_default();
        if name.is_empty()
            || name.len() > 255
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            v.err(
                at(ProviderInput::NAME),
                "give a name of 1 to 255 letters, digits, hyphens or underscores (strategies name it)",
            );
        } else if out.iter().any(|x| x.name == name) {
            v.err(
                at(ProviderInput::NAME),
                format!("another provider is already named \"{name}\""),
            );
        }
        let kind = match p.kind.as_deref() {
            Some("asg") => ProviderKind::Asg,
            Some("fargate") => ProviderKind::Fargate,
            Some("fargate-spot") => ProviderKind::FargateSpot,
            Some("managed-instances") => ProviderKind::ManagedInstances,
            Some(other) => {
                v.err(
                    at(ProviderInput::KIND),
                    format!("unknown kind \"{other}\": use asg, fargate, fargate-spot or managed-instances"),
                );
                ProviderKind::Asg
            }
            None => {
                v.err(
                    at(ProviderInput::KIND),
                    "give the provider's kind: asg, fargate, fargate-spot or managed-instances",
                );
                ProviderKind::Asg
            }
        };
        let mi = kind == ProviderKind::ManagedInstances;
        if !mi {
            let given: [(&str, bool); 6] = [
                (
                    ProviderInput::INSTANCE_REQUIREMENTS,
                    p.instance_requirements.is_some(),
                ),
                (ProviderInput::SUBNETS, p.subnets.is_some()),
                (ProviderInput::SCALE_IN_AFTER, p.scale_in_after.is_some()),
                (
                    ProviderInput::CAPACITY_OPTION_TYPE,
                    p.capacity_option_type.is_some(),
                ),
                (
                    ProviderInput::MANAGEMENT_FEE_PERCENT,
                    p.management_fee_percent.is_some(),
                ),
                (ProviderInput::MANAGEMENT_FEES, p.management_fees.is_some()),
            ];
            for (k, _) in given.iter().filter(|(_, g)| *g) {
                v.err(
                    at(k),
                    "this setting applies to managed-instances providers only",
                );
            }
        }
        let prefix = format!("{}[{i}].", S::CAPACITY_PROVIDERS);
        if kind != ProviderKind::Asg {
            // Fargate has no instances: an instance setting here would be ignored, so it is refused.
            let given: [(&str, bool); 9] = [
                (ProviderInput::INSTANCE_TYPE, p.instance_type.is_some()),
                (ProviderInput::INSTANCE_TYPES, p.instance_types.is_some()),
                (ProviderInput::SPOT, p.spot.is_some()),
                (
                    ProviderInput::RUNNING_INSTANCES,
                    p.running_instances.is_some(),
                ),
                (ProviderInput::TARGET_CAPACITY, p.target_capacity.is_some()),
                (
                    ProviderInput::MIN_STEP,
                    p.minimum_scaling_step_size.is_some(),
                ),
                (
                    ProviderInput::MAX_STEP,
                    p.maximum_scaling_step_size.is_some(),
                ),
                (ProviderInput::WARMUP, p.instance_warmup_period.is_some()),
                (ProviderInput::ASG, p.asg.is_some()),
            ];
            for (k, _) in given.iter().filter(|(_, g)| *g) {
                v.err(at(k), if mi {
                    "Managed Instances has no Auto Scaling group: an asg setting (Spot: capacityOptionType)"
                } else {
                    "a Fargate provider has no instances: this setting applies to asg providers only"
                });
            }
            if kind == ProviderKind::Fargate && p.spot_discount.is_some() {
                v.err(
                    at(ProviderInput::SPOT_DISCOUNT),
                    "spotDiscount applies to fargate-spot and Spot asg providers",
                );
            }
        }
        let spot = match kind {
            ProviderKind::Asg => p.spot.unwrap_or(false),
            ProviderKind::ManagedInstances => match p.capacity_option_type.as_deref() {
                None | Some("on-demand") => false,
                Some("spot") => true,
                Some(other) => {
                    v.err(
                        at(ProviderInput::CAPACITY_OPTION_TYPE),
                        format!("unknown capacity option \"{other}\": use on-demand or spot"),
                    );
                    false
                }
            },
            _ => false,
        };
        if kind == ProviderKind::Asg && !spot && p.spot_discount.is_some() {
            // api.md's own example gives one on an On-Demand group: kept, checked, and unused.
            v.real(
                &at(ProviderInput::SPOT_DISCOUNT),
                p.spot_discount,
                60.0,
                0.0,
                90.0,
            );
            v.warnings.push(Warning::new(
                "spot-discount-unused",
                format!("{name}: spotDiscount is kept but not used: the group is On-Demand (\"spot\": false)"),
            ));
        }
        // Spot discounts are inputs, never quoted prices (model.md section 8): 60 % for a Spot
        // ASG and 65 % for Fargate Spot by default (ASSUMPTIONS), 0-90 %.
        let spot_discount = match kind {
            ProviderKind::FargateSpot => v.real(
                &at(ProviderInput::SPOT_DISCOUNT),
                p.spot_discount,
                65.0,
                0.0,
                90.0,
            ),
            ProviderKind::Asg | ProviderKind::ManagedInstances if spot => v.real(
                &at(ProviderInput::SPOT_DISCOUNT),
                p.spot_discount,
                60.0,
                0.0,
                90.0,
            ),
            _ => 0.0,
        };
        // Savings Plans and Reserved Instances cover On-Demand instances and Fargate, not Spot.
        let commitment_discount = if spot || kind == ProviderKind::FargateSpot {
            if p.commitment_discount.is_some_and(|x| x != 0.0) {
                v.err(
                    at(ProviderInput::COMMITMENT_DISCOUNT),
                    "Savings Plans and Reserved Instances do not cover Spot capacity: leave it empty or 0",
                );
            }
            0.0
        } else {
            v.real(
                &at(ProviderInput::COMMITMENT_DISCOUNT),
                p.commitment_discount,
                commitment,
                0.0,
                90.0,
            )
        };
        let mut ptypes = if kind == ProviderKind::Asg {
            catalog_types(
                v,
                &prefix,
                p.instance_types.as_ref(),
                p.instance_type.as_ref(),
                types,
            )
        } else {
            types.to_vec()
        };
        apply_prices(&mut ptypes, prices);
        let running = running_per_type(
            v,
            &at(ProviderInput::RUNNING_INSTANCES),
            p.running_instances.as_ref(),
            &ptypes,
            "this provider's",
        );
        let capacity_provider = managed_scaling(
            v,
            at,
            [
                p.target_capacity,
                p.minimum_scaling_step_size,
                p.maximum_scaling_step_size,
                p.instance_warmup_period,
            ],
            cp,
        );
        let (pmin, pmax) = group_limits(
            v,
            |k| member(&at(ProviderInput::ASG), k),
            &p.asg.clone().unwrap_or_default(),
            (asg_min, asg_max),
            "maxSize",
        );
        let managed = mi.then(|| managed_settings(v, &at, p));
        out.push(Provider {
            managed,
            name,
            kind,
            spot,
            spot_discount,
            types: ptypes,
            running,
            capacity_provider,
            asg_min: pmin,
            asg_max: pmax,
            termination_protection: p.managed_termination_protection.unwrap_or(true),
            commitment_discount,
        });
    }
    if input.running_instances.is_some() {
        v.err(
            S::RUNNING_INSTANCES,
            "with capacityProviders, N is each asg provider's runningInstances",
        );
    }
    out
}

/// One strategy at `path` (ecs-facts.md 9.7 step 1): 1 to 20 items naming providers that exist,
/// base 0-100,000 and weight 0-1,000, at most one base above 0, not every weight 0 with several
/// items, and one family of providers.
fn resolve_strategy_items(
    v: &mut V,
    path: &str,
    items: &[StrategyItemInput],
    providers: &[Provider],
) -> Vec<StrategyItem> {
    if items.is_empty() || items.len() > MAX_PROVIDERS {
        v.err(
            path,
            format!(
                "a strategy has 1 to {MAX_PROVIDERS} items; got {}",
                items.len()
            ),
        );
    }
    let mut out: Vec<StrategyItem> = Vec::new();
    for (i, it) in items.iter().take(MAX_PROVIDERS).enumerate() {
        let at = |k: &str| format!("{path}[{i}].{k}");
        let name = it.capacity_provider.clone().unwrap_or_default();
        let Some(provider) = providers.iter().position(|p| p.name == name) else {
            let known: Vec<&str> = providers.iter().map(|p| p.name.as_str()).collect();
            v.err(
                at(StrategyItemInput::CAPACITY_PROVIDER),
                format!(
                    "no capacity provider is named \"{name}\"; the cluster has {}",
                    known.join(", ")
                ),
            );
            continue;
        };
        if out.iter().any(|o| o.provider == provider) {
            v.err(
                at(StrategyItemInput::CAPACITY_PROVIDER),
                format!("{name} is in this strategy twice"),
            );
        }
        let base = v.int(&at(StrategyItemInput::BASE), it.base, 0, 0, 100_000);
        let weight = v.int(&at(StrategyItemInput::WEIGHT), it.weight, 0, 0, 1_000);
        if base > 0 && out.iter().any(|o| o.base > 0) {
            v.err(
                at(StrategyItemInput::BASE),
                "only one item of a strategy can have a base",
            );
        }
        out.push(StrategyItem {
            provider,
            base,
            weight,
        });
    }
    if out.len() > 1 && out.iter().all(|o| o.weight == 0) {
        v.err(path, "with several providers at least one weight must be above 0 (add weight=1 to an item): AWS's CreateService would fail");
    }
    let families: Vec<&str> = out
        .iter()
        .filter_map(|o| providers.get(o.provider))
        .map(|p| p.kind.family())
        .collect();
    if families.iter().any(|f| Some(f) != families.first()) {
        v.err(path, "a strategy holds one kind of provider: Auto Scaling groups, or Fargate and Fargate Spot, not both");
    }
    out
}

/// A Managed Instances provider's settings (model.md section 9), each checked at its path.
fn managed_settings(v: &mut V, at: &dyn Fn(&str) -> String, p: &ProviderInput) -> Managed {
    let req = p.instance_requirements.clone().unwrap_or_default();
    let rp = at(ProviderInput::INSTANCE_REQUIREMENTS);
    let range = |v: &mut V, key: &str, r: Option<&RangeInput>, max: f64| -> (f64, f64) {
        let r = r.cloned().unwrap_or_default();
        let path = member(&rp, key);
        // Whole vCPUs and MiB: 2.5 vCPUs would otherwise read as 2 and allow 2-vCPU types.
        let lo = v.int(&member(&path, RangeInput::MIN), r.min, 0, 0, max as u64) as f64;
        let hi = v.int(
            &member(&path, RangeInput::MAX),
            r.max,
            max as u64,
            0,
            max as u64,
        ) as f64;
        if lo > hi {
            v.err(
                member(&path, RangeInput::MAX),
                format!(
                    "must be at least min ({})",
                    crate::model::units::trim_float(lo)
                ),
            );
        }
        (lo, hi)
    };
    let (c0, c1) = range(v, RequirementsInput::VCPU, req.vcpu.as_ref(), 1024.0);
    let (m0, m1) = range(
        v,
        RequirementsInput::MEMORY_MIB,
        req.memory_mib.as_ref(),
        16_777_216.0,
    );
    let arch = match req.arch.as_deref() {
        None => None,
        Some("arm64") => Some(crate::model::catalog::Arch::Arm64),
        Some("x86_64") => Some(crate::model::catalog::Arch::X86_64),
        Some(other) => {
            v.err(
                member(&rp, RequirementsInput::ARCH),
                format!("unknown architecture \"{other}\": use arm64 or x86_64"),
            );
            None
        }
    };
    let allowed = req.allowed_instance_types.clone().unwrap_or_default();
    for (i, pat) in allowed.iter().enumerate() {
        if !crate::model::catalog::catalog()
            .iter()
            .any(|t| glob(pat, &t.name))
        {
            v.err(
                format!(
                    "{}[{i}]",
                    member(&rp, RequirementsInput::ALLOWED_INSTANCE_TYPES)
                ),
                format!(
                    "\"{}\" matches no type of the catalog (\"*\" is a wildcard: \"m7g.*\")",
                    pat.chars().take(40).collect::<String>()
                ),
            );
        }
    }
    let subnets = v.int(&at(ProviderInput::SUBNETS), p.subnets, 3, 1, 16) as u32;
    let sp = at(ProviderInput::SCALE_IN_AFTER);
    let scale_in_after = v.real(&sp, p.scale_in_after, 300.0, -1.0, 3600.0);
    if scale_in_after.fract() != 0.0 {
        v.err(&sp, "whole seconds from 0 to 3600, or -1 for never");
    }
    let scale_in_after = scale_in_after as i64;
    // The fee (model.md section 9): 12 % of On-Demand unless given (AWS's one published example,
    // c6a.2xlarge at $0.037 an hour, is 12.1 %).
    let fee_percent = v.real(
        &at(ProviderInput::MANAGEMENT_FEE_PERCENT),
        p.management_fee_percent,
        12.0,
        0.0,
        100.0,
    );
    let mut fees = Vec::new();
    for (t, f) in p.management_fees.iter().flatten() {
        let path = member(&at(ProviderInput::MANAGEMENT_FEES), t);
        if crate::model::catalog::find(t).is_none() {
            v.err(&path, "not a type of the catalog");
        } else if !(f.is_finite() && (0.0..=100.0).contains(f)) {
            v.err(&path, "USD per instance-hour, from 0 to 100");
        } else {
            fees.push((t.clone(), *f));
        }
    }
    let m = Managed {
        allowed,
        vcpu: (c0 as u32, c1 as u32),
        memory_mib: (m0 as u64, m1 as u64),
        arch,
        subnets,
        scale_in_after,
        fee_percent,
        fees,
    };
    // Requirements that together allow no type say so at the requirements, not at a service.
    if v.errors.is_empty() && !crate::model::catalog::catalog().iter().any(|t| m.allows(t)) {
        v.err(
            &rp,
            "no catalog type meets all of these requirements together (types, vCPU, memory, architecture; and more than 1 vCPU, not nano or micro, as AWS launches)",
        );
    }
    m
}

/// Each service's strategy: its own, else the cluster's default, else the only provider.
fn resolve_strategies(
    v: &mut V,
    input: &ScenarioInput,
    providers: &[Provider],
) -> Vec<Vec<StrategyItem>> {
    let services = input.services.as_deref().unwrap_or_default();
    if providers.is_empty() {
        if input.default_strategy.is_some() {
            v.err(
                S::DEFAULT_STRATEGY,
                "name the cluster's capacityProviders first",
            );
        }
        for (i, x) in services.iter().enumerate() {
            if x.capacity_provider_strategy.is_some() {
                v.err(
                    item(S::SERVICES, i, ServiceInput::CAPACITY_PROVIDER_STRATEGY),
                    "name the cluster's capacityProviders first",
                );
            }
        }
        return Vec::new();
    }
    let default = input
        .default_strategy
        .as_ref()
        .map(|d| resolve_strategy_items(v, S::DEFAULT_STRATEGY, d, providers));
    services
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let path = item(S::SERVICES, i, ServiceInput::CAPACITY_PROVIDER_STRATEGY);
            match (&x.capacity_provider_strategy, &default) {
                (Some(own), _) => resolve_strategy_items(v, &path, own, providers),
                (None, Some(d)) => d.clone(),
                (None, None) if providers.len() == 1 => vec![StrategyItem { provider: 0, base: 0, weight: 1 }],
                (None, None) => {
                    v.err(path, "the cluster has several providers: give this service a strategy, or give a defaultStrategy");
                    Vec::new()
                }
            }
        })
        .collect()
}

/// The Auto Scaling group's minimum and maximum size; the minimum must not exceed the maximum.
fn resolve_asg(v: &mut V, input: &ScenarioInput) -> (u32, u32) {
    let given = input.asg.clone().unwrap_or_default();
    group_limits(
        v,
        |k| member(S::ASG, k),
        &given,
        (0, MAX_INSTANCES as u32),
        "asg.maxSize",
    )
}

/// The settings where AWS leaves a gap (model.md): CAS sizing, the PROVISIONING quota, launch
/// time, maximumPercent.
fn resolve_settings(v: &mut V, input: &ScenarioInput) -> Settings {
    let s_in = input.settings.clone().unwrap_or_default();
    Settings {
        cas_sizing: match s_in.cas_sizing.as_deref() {
            None | Some("nominal") => CasSizing::Nominal,
            Some("registered") => CasSizing::Registered,
            Some(other) => {
                v.err(
                    member(S::SETTINGS, SettingsInput::CAS_SIZING),
                    format!("unknown CAS sizing \"{other}\": use nominal or registered"),
                );
                CasSizing::Nominal
            }
        },
        provisioning_quota: v.int(
            &member(S::SETTINGS, SettingsInput::PROVISIONING_QUOTA),
            s_in.provisioning_quota,
            500,
            1,
            10_000,
        ) as u32,
        launch_seconds: v.int(
            &member(S::SETTINGS, SettingsInput::LAUNCH_SECONDS),
            s_in.launch_seconds,
            120,
            0,
            3_600,
        ) as u32,
        maximum_percent: v.int(
            &member(S::SETTINGS, SettingsInput::MAXIMUM_PERCENT),
            s_in.maximum_percent,
            200,
            100,
            1_000,
        ) as u32,
    }
}

/// The memory model: registered (default) or nominal.
fn resolve_memory_model(v: &mut V, input: &ScenarioInput) -> MemoryModel {
    match input.memory_model.as_deref() {
        None | Some("registered") => MemoryModel::Registered,
        Some("nominal") => MemoryModel::Nominal,
        Some(other) => {
            v.err(
                S::MEMORY_MODEL,
                format!("unknown memory model \"{other}\": use registered or nominal"),
            );
            MemoryModel::Registered
        }
    }
}

/// The placement strategy (default binpack by memory).
fn resolve_strategy(v: &mut V, input: &ScenarioInput) -> Strategy {
    match input.placement_strategy.as_deref() {
        None => Strategy::BinpackMemory,
        Some(s) => Strategy::parse(s).unwrap_or_else(|| {
            let all: Vec<&str> = Strategy::ALL.iter().map(|x| x.as_str()).collect();
            v.err(
                S::PLACEMENT_STRATEGY,
                format!("unknown strategy \"{s}\": use one of {}", all.join(", ")),
            );
            Strategy::BinpackMemory
        }),
    }
}

/// `instancePrices`: catalog names only (a custom type has `instance.pricePerHour`).
/// At most this many entries in `instancePrices` (one per catalog type is at most 147): a longer
/// list is refused whole, so that a crafted link cannot make each entry's check a round of work.
pub const MAX_PRICES: usize = 200;

/// Gives each type the scenario's own price for it, where it set one.
fn apply_prices(types: &mut [InstanceType], prices: &[(String, f64)]) {
    for t in types {
        if let Some(&(_, p)) = prices.iter().find(|(n, _)| *n == t.name) {
            t.price_per_hour = p;
        }
    }
}

fn resolve_prices(v: &mut V, input: &ScenarioInput) -> Vec<(String, f64)> {
    let mut out = Vec::new();
    let given = input.instance_prices.as_ref().map_or(0, |m| m.len());
    if given > MAX_PRICES {
        v.err(
            S::INSTANCE_PRICES,
            format!(
                "at most {MAX_PRICES} prices, one per catalog type; got {}",
                thousands(given as u64)
            ),
        );
        return out;
    }
    for (name, &price) in input.instance_prices.iter().flatten() {
        let path = format!("instancePrices.{name}");
        match catalog::find(name.trim()) {
            Some(t) => {
                let before = v.errors.len();
                let p = v.real(&path, Some(price), t.price_per_hour, 0.0, 10_000.0);
                if v.errors.len() == before {
                    out.push((t.name.clone(), p));
                }
            }
            None => v.err(
                path,
                format!("unknown instance type \"{name}\": prices are set per catalog type"),
            ),
        }
    }
    out
}

/// `fargate`: the architecture priced and the prices per vCPU-hour and GB-hour.
fn resolve_fargate(v: &mut V, input: &ScenarioInput) -> Fargate {
    let f = input.fargate.clone().unwrap_or_default();
    let d = Fargate::default();
    let mut price = |path: &str, x: Option<f64>, default: f64| v.real(path, x, default, 0.0, 100.0);
    let x86 = FargatePrices {
        vcpu_hour: price(
            &member(S::FARGATE, FargateInput::X86_VCPU_HOUR),
            f.x86_vcpu_hour,
            d.x86.vcpu_hour,
        ),
        gb_hour: price(
            &member(S::FARGATE, FargateInput::X86_GB_HOUR),
            f.x86_gb_hour,
            d.x86.gb_hour,
        ),
    };
    let arm = FargatePrices {
        vcpu_hour: price(
            &member(S::FARGATE, FargateInput::ARM_VCPU_HOUR),
            f.arm_vcpu_hour,
            d.arm.vcpu_hour,
        ),
        gb_hour: price(
            &member(S::FARGATE, FargateInput::ARM_GB_HOUR),
            f.arm_gb_hour,
            d.arm.gb_hour,
        ),
    };
    let arch = match f.arch.as_deref() {
        None | Some("") => None,
        Some("x86_64") => Some(Arch::X86_64),
        Some("arm64") => Some(Arch::Arm64),
        Some(other) => {
            v.err(
                member(S::FARGATE, FargateInput::ARCH),
                format!("unknown architecture \"{other}\": use x86_64 or arm64"),
            );
            None
        }
    };
    Fargate { arch, x86, arm }
}

fn resolve_types(v: &mut V, input: &ScenarioInput) -> Vec<InstanceType> {
    if let Some(c) = &input.instance {
        if input.instance_type.is_some() || input.instance_types.is_some() {
            v.err(
                S::INSTANCE,
                "give either a custom instance or instanceType/instanceTypes, not both",
            );
        }
        let vcpu = v.int(
            &member(S::INSTANCE, CustomInstanceInput::VCPU),
            c.vcpu,
            2,
            1,
            448,
        );
        if c.vcpu.is_none() {
            v.err(
                member(S::INSTANCE, CustomInstanceInput::VCPU),
                "a custom instance needs its vCPU count (1 to 448)",
            );
        }
        let memory_mib = v.int(
            &member(S::INSTANCE, CustomInstanceInput::MEMORY_MIB),
            c.memory_mib,
            4096,
            512,
            MAX_MEMORY,
        );
        if c.memory_mib.is_none() {
            v.err(
                member(S::INSTANCE, CustomInstanceInput::MEMORY_MIB),
                "a custom instance needs its memory in MiB (512 to 33,554,432)",
            );
        }
        let max_enis = v.int(
            &member(S::INSTANCE, CustomInstanceInput::MAX_ENIS),
            c.max_enis,
            3,
            1,
            100,
        );
        let trunking = match c.trunk_task_limit {
            Some(_) => Trunking::Supported(v.int(
                &member(S::INSTANCE, CustomInstanceInput::TRUNK_TASK_LIMIT),
                c.trunk_task_limit,
                10,
                1,
                120,
            ) as u32),
            None => Trunking::Unsupported,
        };
        let price_per_hour = v.real(
            &member(S::INSTANCE, CustomInstanceInput::PRICE_PER_HOUR),
            c.price_per_hour,
            0.0,
            0.0,
            10_000.0,
        );
        return vec![InstanceType {
            name: "custom".into(),
            arch: Arch::X86_64,
            vcpu: vcpu as u32,
            memory_mib,
            max_enis: max_enis as u32,
            trunking,
            price_per_hour,
        }];
    }
    catalog_types(
        v,
        "",
        input.instance_types.as_ref(),
        input.instance_type.as_ref(),
        &[],
    )
}

/// Catalog types named by `list` (instanceTypes) or `single` (instanceType), with paths under
/// `prefix` ("" or "capacityProviders[1]."); neither given: `default`, else t4g.medium.
fn catalog_types(
    v: &mut V,
    prefix: &str,
    list: Option<&Vec<String>>,
    single: Option<&String>,
    default: &[InstanceType],
) -> Vec<InstanceType> {
    let names: Vec<(String, String)> = match (list, single) {
        (Some(list), single) => {
            if list.is_empty() {
                v.err(
                    format!("{prefix}{}", S::INSTANCE_TYPES),
                    "list at least one instance type",
                );
            }
            if list.len() > MAX_TYPES {
                v.err(
                    format!("{prefix}{}", S::INSTANCE_TYPES),
                    format!(
                        "at most {MAX_TYPES} types in one Auto Scaling group; got {}",
                        list.len()
                    ),
                );
            }
            if let (Some(s), Some(first)) = (single, list.first()) {
                if s != first {
                    v.err(format!("{prefix}{}", S::INSTANCE_TYPE), format!("\"{s}\" disagrees with instanceTypes[0] \"{first}\": give one of the two"));
                }
            }
            list.iter()
                .take(MAX_TYPES)
                .enumerate()
                .map(|(i, n)| (format!("{prefix}instanceTypes[{i}]"), n.clone()))
                .collect()
        }
        (None, Some(s)) => vec![(format!("{prefix}{}", S::INSTANCE_TYPE), s.clone())],
        (None, None) if !default.is_empty() => return default.to_vec(),
        (None, None) => vec![(S::INSTANCE_TYPE.into(), "t4g.medium".into())],
    };
    // Short lists (types, daemons, services): a Vec each, where a set or map would bring its
    // own code into the wasm.
    let mut seen: Vec<String> = Vec::new();
    let mut types = Vec::new();
    for (path, name) in names {
        match catalog::find(name.trim()) {
            Some(t) => {
                if seen.contains(&t.name) {
                    v.err(path, format!("{} is listed twice", t.name));
                } else {
                    seen.push(t.name.clone());
                    types.push(t.clone());
                }
            }
            None => {
                let sug = catalog::suggestions(&name);
                let hint = if sug.is_empty() {
                    String::new()
                } else {
                    format!(" Did you mean {}?", sug.join(", "))
                };
                v.err(path, format!("unknown instance type \"{name}\".{hint} Or describe a custom type with \"instance\"."));
            }
        }
    }
    if types.is_empty() {
        // Keep going with the default so that later checks still report their own problems.
        types.extend(catalog::find("t4g.medium").cloned());
    }
    types
}

fn resolve_registered(
    v: &mut V,
    input: &ScenarioInput,
    types: &[InstanceType],
    model: MemoryModel,
    reserved: MemMib,
) -> Vec<Option<MemMib>> {
    let mut out = vec![None; types.len()];
    let check = |v: &mut V, path: String, x: f64, t: &InstanceType| -> Option<MemMib> {
        let mib = v.int(&path, Some(x), 0, 128, t.memory_mib);
        (mib >= 128 && mib <= t.memory_mib).then_some(MemMib(mib))
    };
    match &input.registered_memory_mib {
        None => {}
        Some(NumberOrMap::Number(x)) => {
            if let Some(t) = types.first() {
                out[0] = check(v, S::REGISTERED_MEMORY.into(), *x, t);
            }
            if types.len() > 1 {
                v.warnings.push(Warning::new(
                    "registered-memory",
                    format!("the measured registered memory applies to {} only; give an object per type for the others", types[0].name),
                ));
            }
        }
        Some(NumberOrMap::Map(m)) => {
            for (name, x) in m {
                match types.iter().position(|t| &t.name == name) {
                    Some(i) => {
                        out[i] = check(v, format!("registeredMemoryMiB.{name}"), *x, &types[i])
                    }
                    None => v.err(
                        format!("registeredMemoryMiB.{name}"),
                        format!("{name} is not one of this scenario's instance types"),
                    ),
                }
            }
        }
    }
    if model == MemoryModel::Nominal && out.iter().any(Option::is_some) {
        v.warnings.push(Warning::new(
            "measured-memory-ignored",
            "the memory model is nominal, so the measured registered memory is ignored",
        ));
    }
    for t in types {
        if reserved.0 >= t.memory_mib {
            v.err(
                S::ECS_RESERVED_MEMORY,
                format!(
                    "must be below {}'s {} MiB, or the agent cannot register",
                    t.name, t.memory_mib
                ),
            );
        }
    }
    out
}

fn resolve_daemons(v: &mut V, input: &ScenarioInput) -> Vec<Daemon> {
    let list = input.daemons.clone().unwrap_or_default();
    if list.len() > MAX_DAEMONS {
        v.err(
            S::DAEMONS,
            format!("at most {MAX_DAEMONS} daemons; got {}", list.len()),
        );
    }
    let mut ports: Vec<(u16, String)> = Vec::new();
    let mut out = Vec::new();
    for (i, d) in list.iter().take(MAX_DAEMONS).enumerate() {
        let p = |f: &str| item(S::DAEMONS, i, f);
        let name = d
            .name
            .clone()
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .unwrap_or(format!("daemon-{}", i + 1));
        // As a service's name: it is shown in the charts and the derivations.
        if name.chars().count() > 64 {
            v.err(p(DaemonInput::NAME), "at most 64 characters");
        }
        let cpu = CpuUnits(v.int(&p(DaemonInput::CPU), d.cpu, 0, 0, MAX_TASK_CPU));
        let memory = v.mem(&p(DaemonInput::MEMORY), d.memory);
        let reservation = v.mem(&p(DaemonInput::MEMORY_RESERVATION), d.memory_reservation);
        if memory.is_none() && reservation.is_none() {
            v.err(
                p(DaemonInput::MEMORY),
                "give the daemon's memory in MiB (6 or more)",
            );
        }
        if let (Some(m), Some(r)) = (memory, reservation) {
            if r > m {
                v.err(
                    p(DaemonInput::MEMORY_RESERVATION),
                    format!("must not exceed memory ({} MiB)", m.0),
                );
            }
        }
        let network_mode = v.network_mode(&p(DaemonInput::NETWORK_MODE), &d.network_mode);
        let host_port = v.host_port(&p(DaemonInput::HOST_PORT), d.host_port);
        if let (Some(port), NetworkMode::Awsvpc) = (host_port, network_mode) {
            v.warnings.push(Warning::new(
                "awsvpc-host-port",
                format!("{name}: in awsvpc mode each task has its own network interface, so host port {port} holds nothing on the instance"),
            ));
        }
        if let Some(port) = host_port.filter(|_| network_mode != NetworkMode::Awsvpc) {
            if let Some((_, other)) = ports.iter().find(|(p, _)| *p == port) {
                v.err(
                    p(DaemonInput::HOST_PORT),
                    format!("daemon {other} already holds port {port} on every instance"),
                );
            } else {
                ports.push((port, name.clone()));
            }
        }
        out.push(Daemon {
            name,
            cpu,
            memory: reservation.or(memory).unwrap_or(MemMib(6)),
            network_mode,
            host_port: host_port.filter(|_| network_mode != NetworkMode::Awsvpc),
        });
    }
    out
}

fn resolve_demand(v: &mut V, input: &ScenarioInput) -> Option<Demand> {
    let d = input.demand.as_ref()?;
    let by_users = d.concurrent_users.is_some() || d.calls_per_user.is_some();
    let by_rate = d.requests_per_second.is_some();
    let at = |k| member(S::DEMAND, k);
    // Two peaks (users and a request rate) conflict; a latency beside users does not: it describes
    // the service, is kept as given and checked, and is not needed for the peak.
    if by_users && by_rate {
        v.err(S::DEMAND, "give either concurrentUsers (with callsPerUser) or requestsPerSecond (with latencyMs), not both: they are two different peaks");
    }
    let latency_ms = v.int(&at(DemandInput::LATENCY_MS), d.latency_ms, 1, 1, 600_000);
    let load = if by_rate {
        let rps = v.real(
            &at(DemandInput::REQUESTS_PER_SECOND),
            d.requests_per_second,
            0.0,
            0.0,
            10_000_000.0,
        );
        if d.latency_ms.is_none() {
            v.err(
                at(DemandInput::LATENCY_MS),
                "give the average latency in ms (1 to 600,000): with requestsPerSecond it turns the rate into concurrent calls",
            );
        }
        Load::Rate {
            rps_milli: (rps * 1000.0).round() as u64,
            latency_ms,
        }
    } else {
        if !by_users {
            let missing = if d.latency_ms.is_some() {
                "the peak is missing: latencyMs alone gives no peak; give requestsPerSecond (or concurrentUsers with callsPerUser)"
            } else {
                "the peak is missing: give concurrentUsers (with callsPerUser), or requestsPerSecond with latencyMs"
            };
            v.err(at(DemandInput::CONCURRENT_USERS), missing);
        } else if d.concurrent_users.is_none() {
            v.err(
                at(DemandInput::CONCURRENT_USERS),
                "give the concurrent users at the peak (callsPerUser alone gives no peak)",
            );
        }
        Load::Users {
            users: v.int(
                &at(DemandInput::CONCURRENT_USERS),
                d.concurrent_users,
                0,
                0,
                1_000_000_000,
            ),
            calls_per_user: v.int(
                &at(DemandInput::CALLS_PER_USER),
                d.calls_per_user,
                1,
                1,
                10_000,
            ),
        }
    };
    if d.calls_per_task.is_none() {
        v.err(
            member(S::DEMAND, DemandInput::CALLS_PER_TASK),
            "give the concurrent calls one task serves (1 or more)",
        );
    }
    let out = Demand {
        load,
        calls_per_task: v.int(
            &member(S::DEMAND, DemandInput::CALLS_PER_TASK),
            d.calls_per_task,
            1,
            1,
            1_000_000,
        ),
        cpu_target: v.int(
            &member(S::DEMAND, DemandInput::CPU_TARGET),
            d.cpu_target,
            50,
            1,
            100,
        ) as u32,
    };
    let r = demand::estimate(&out);
    if r.tasks_at_target > MAX_TASKS {
        v.err(
            S::DEMAND,
            format!(
                "needs {} tasks, over the cap of {} tasks in one plan",
                thousands(r.tasks_at_target),
                thousands(MAX_TASKS)
            ),
        );
    }
    Some(out)
}

fn resolve_services(
    v: &mut V,
    input: &ScenarioInput,
    daemons: &[Daemon],
    demand_in: Option<&Demand>,
) -> Vec<Service> {
    let Some(list) = &input.services else {
        v.err(
            S::SERVICES,
            "describe at least one service (cpu, memory, desiredCount)",
        );
        return Vec::new();
    };
    if list.is_empty() {
        v.err(
            S::SERVICES,
            "describe at least one service (cpu, memory, desiredCount)",
        );
    }
    if list.len() > MAX_SERVICES {
        v.err(
            S::SERVICES,
            format!(
                "at most {MAX_SERVICES} services in one plan; got {}",
                list.len()
            ),
        );
    }
    let daemon_ports: Vec<(u16, &str)> = daemons
        .iter()
        .filter_map(|d| d.host_port.map(|p| (p, d.name.as_str())))
        .collect();
    let mut names: Vec<String> = Vec::new();
    let mut out = Vec::new();
    let mut total: u64 = 0;
    for (i, s) in list.iter().take(MAX_SERVICES).enumerate() {
        let p = |f: &str| item(S::SERVICES, i, f);
        let name = s
            .name
            .clone()
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .unwrap_or(format!("service-{}", i + 1));
        if name.chars().count() > 64 {
            v.err(p(ServiceInput::NAME), "at most 64 characters");
        }
        if names.contains(&name) {
            v.err(
                p(ServiceInput::NAME),
                format!("another service is already named \"{name}\""),
            );
        } else {
            names.push(name.clone());
        }
        let cpu = CpuUnits(v.int(&p(ServiceInput::CPU), s.cpu, 0, 0, MAX_TASK_CPU));
        let memory = v.mem(&p(ServiceInput::MEMORY), s.memory);
        let memory_reservation = v.mem(&p(ServiceInput::MEMORY_RESERVATION), s.memory_reservation);
        if memory.is_none() && memory_reservation.is_none() {
            v.err(
                p(ServiceInput::MEMORY),
                "give the task's memory in MiB (6 or more), or a memoryReservation",
            );
        }
        if let (Some(m), Some(r)) = (memory, memory_reservation) {
            if r > m {
                v.err(
                    p(ServiceInput::MEMORY_RESERVATION),
                    format!("the soft limit must not exceed memory ({} MiB)", m.0),
                );
            }
        }
        let desired_count = match (s.desired_count, demand_in, i) {
            (None, Some(d), 0) => demand::estimate(d).tasks_at_target.min(MAX_TASKS),
            (None, _, _) => {
                v.warnings.push(Warning::new(
                    "desired-count-default",
                    format!("{name}: no desiredCount given, 1 assumed"),
                ));
                1
            }
            (x, _, _) => v.int(&p(ServiceInput::DESIRED_COUNT), x, 1, 0, MAX_TASKS),
        };
        total = total.saturating_add(desired_count);
        let network_mode = v.network_mode(&p(ServiceInput::NETWORK_MODE), &s.network_mode);
        let host_port = v.host_port(&p(ServiceInput::HOST_PORT), s.host_port);
        if host_port.is_some() && network_mode == NetworkMode::Awsvpc {
            v.warnings.push(Warning::new(
                "awsvpc-port",
                format!("{name}: in awsvpc mode each task has its own ENI, so its host port does not limit tasks per instance"),
            ));
        }
        if network_mode == NetworkMode::Host && host_port.is_none() {
            v.warnings.push(Warning::new(
                "host-mode-port",
                format!("{name}: host mode binds container ports on the instance; give hostPort so that one task per instance per port is counted"),
            ));
        }
        if let Some(port) = host_port.filter(|_| network_mode != NetworkMode::Awsvpc) {
            if let Some((_, d)) = daemon_ports.iter().find(|(dp, _)| *dp == port) {
                v.err(p(ServiceInput::HOST_PORT), format!("port {port} is held by daemon {d} on every instance, so no task could ever be placed; pick another"));
            }
        }
        out.push(Service {
            name,
            cpu,
            memory,
            memory_reservation,
            desired_count,
            network_mode,
            host_port,
            distinct_instance: s.distinct_instance.unwrap_or(false),
        });
    }
    if total > MAX_TASKS {
        v.err(
            S::SERVICES,
            format!(
                "{} desired tasks in all, over the cap of {} in one plan",
                thousands(total),
                thousands(MAX_TASKS)
            ),
        );
    }
    out
}

fn resolve_running(v: &mut V, input: &ScenarioInput, types: &[InstanceType]) -> Vec<u32> {
    running_per_type(
        v,
        S::RUNNING_INSTANCES,
        input.running_instances.as_ref(),
        types,
        "this scenario's",
    )
}

/// N per type (index as `types`) from `n` at `path`: a number for the first type, or one per
/// type name (`whose` names the types' owner in the message), at most the cap in all. The
/// scenario's N and each asg provider's read through here.
fn running_per_type(
    v: &mut V,
    path: &str,
    n: Option<&NumberOrMap>,
    types: &[InstanceType],
    whose: &str,
) -> Vec<u32> {
    let mut out = vec![0u32; types.len()];
    match n {
        None => {}
        Some(NumberOrMap::Number(x)) => {
            if let Some(first) = out.first_mut() {
                *first = v.int(path, Some(*x), 0, 0, MAX_INSTANCES) as u32;
            }
        }
        Some(NumberOrMap::Map(m)) => {
            for (name, x) in m {
                let at = format!("{path}.{name}");
                match types.iter().position(|t| &t.name == name) {
                    Some(i) => out[i] = v.int(&at, Some(*x), 0, 0, MAX_INSTANCES) as u32,
                    None => v.err(at, format!("{name} is not one of {whose} instance types")),
                }
            }
        }
    }
    let total: u64 = out.iter().map(|&n| u64::from(n)).sum();
    if total > MAX_INSTANCES {
        v.err(
            path,
            format!(
                "{} in all, over the cap of {}",
                thousands(total),
                thousands(MAX_INSTANCES)
            ),
        );
    }
    out
}

fn trunking_warnings(
    v: &mut V,
    types: &[InstanceType],
    trunking: bool,
    services: &[Service],
    daemons: &[Daemon],
) {
    let awsvpc = services
        .iter()
        .any(|s| s.network_mode == NetworkMode::Awsvpc)
        || daemons
            .iter()
            .any(|d| d.network_mode == NetworkMode::Awsvpc);
    if !trunking || !awsvpc {
        return;
    }
    for t in types {
        match t.trunking {
            Trunking::Supported(_) => {}
            Trunking::Inferred(n) => v.warnings.push(Warning::new(
                "trunking-inferred",
                format!("{}'s trunk limit of {n} awsvpc tasks is inferred (AWS's ECS table does not list the family; the EKS branch-interface count maps to it): check it before relying on it", t.name),
            )),
            Trunking::Unsupported => v.warnings.push(Warning::new(
                "trunking-unsupported",
                format!("{} does not support ENI trunking (T families and a few others never do): awsvpc tasks get maxEnis - 1 = {}", t.name, t.max_enis.saturating_sub(1)),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> Result<(Scenario, Vec<Warning>), Vec<FieldError>> {
        validate(&parse_json(text)?)
    }

    fn paths(r: Result<(Scenario, Vec<Warning>), Vec<FieldError>>) -> Vec<String> {
        r.err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.path)
            .collect()
    }

    /// Defaults: t4g.medium, binpack(memory), one zone, N = 0, targetCapacity 100.
    #[test]
    fn a_minimal_scenario_takes_the_defaults() {
        let (s, _) = json(r#"{"services":[{"cpu":256,"memory":512,"desiredCount":3}]}"#).unwrap();
        assert_eq!(s.types[0].name, "t4g.medium");
        assert_eq!(s.strategy, Strategy::BinpackMemory);
        assert_eq!(s.zones, 1);
        assert_eq!(s.running, vec![0]);
        assert_eq!(s.capacity_provider, CapacityProvider::default());
        assert_eq!(s.services[0].name, "service-1");
    }

    /// Out-of-range numbers report the valid range.
    /// A daemon's name has the same cap as a service's.
    #[test]
    fn daemon_names_are_capped() {
        let long = "d".repeat(65);
        let e = json(&format!(
            r#"{{"services":[{{"memory":512}}],"daemons":[{{"name":"{long}","memory":64}}]}}"#
        ))
        .unwrap_err();
        assert_eq!(
            (e[0].path.as_str(), e[0].message.as_str()),
            ("daemons[0].name", "at most 64 characters")
        );
        assert!(json(&format!(
            r#"{{"services":[{{"memory":512}}],"daemons":[{{"name":"{}","memory":64}}]}}"#,
            "d".repeat(64)
        ))
        .is_ok());
    }

    /// A range error quotes the value given, not a rounding of it ("got 0" for 0.0001).
    #[test]
    fn range_errors_quote_the_value_given() {
        let e = json(r#"{"services":[{"memory":512}],"priceMultiplier":0.0001}"#).unwrap_err();
        assert_eq!(e[0].path, "priceMultiplier");
        assert!(e[0].message.ends_with("got 0.0001"), "{}", e[0].message);
    }

    /// A daemon's port taken by another daemon names that daemon; in awsvpc mode a host port
    /// holds nothing, and a warning says so rather than drop it silently.
    #[test]
    fn daemon_ports_name_the_holder_and_awsvpc_is_warned() {
        let e = json(r#"{"services":[{"memory":512}],"daemons":[{"name":"log","memory":64,"hostPort":80},{"name":"metrics","memory":64,"hostPort":80}]}"#).unwrap_err();
        assert_eq!(e[0].path, "daemons[1].hostPort");
        assert_eq!(
            e[0].message,
            "daemon log already holds port 80 on every instance"
        );
        let (s, w) = json(r#"{"services":[{"memory":512}],"daemons":[{"name":"x","memory":64,"networkMode":"awsvpc","hostPort":9000}]}"#).unwrap();
        assert_eq!(s.daemons[0].host_port, None);
        assert!(
            w.iter().any(|x| x.code == "awsvpc-host-port"
                && x.message.contains("host port 9000 holds nothing")),
            "{w:?}"
        );
    }

    #[test]
    fn out_of_range_reports_the_range() {
        let e = json(r#"{"services":[{"cpu":-1,"memory":512,"desiredCount":1.5}]}"#).unwrap_err();
        assert!(e
            .iter()
            .any(|x| x.path == "services[0].cpu" && x.message.contains("0 to 196,608")));
        assert!(e
            .iter()
            .any(|x| x.path == "services[0].desiredCount" && x.message.contains("whole number")));
    }

    /// The caps of model.md section 7 hold and the message states them.
    #[test]
    fn caps_are_stated() {
        let many: Vec<String> = (0..101)
            .map(|i| format!(r#"{{"name":"s{i}","memory":512}}"#))
            .collect();
        let e = json(&format!(r#"{{"services":[{}]}}"#, many.join(","))).unwrap_err();
        assert!(e
            .iter()
            .any(|x| x.path == "services" && x.message.contains("at most 100")));
        let e = json(r#"{"services":[{"memory":512,"desiredCount":600000},{"memory":512,"desiredCount":600000}]}"#).unwrap_err();
        assert!(e.iter().any(|x| x.message.contains("1,000,000")), "{e:?}");
    }

    /// An unknown type suggests close names.
    #[test]
    fn unknown_instance_type_suggests() {
        let e = json(r#"{"instanceType":"t4g.medum","services":[{"memory":512}]}"#).unwrap_err();
        assert_eq!(e[0].path, "instanceType");
        assert!(e[0].message.contains("t4g.medium"));
    }

    /// Agent ports and daemon ports cannot be a service's static port.
    #[test]
    fn reserved_ports_are_rejected() {
        assert_eq!(
            paths(json(r#"{"services":[{"memory":512,"hostPort":51678}]}"#)),
            vec!["services[0].hostPort"]
        );
        let r = json(
            r#"{"daemons":[{"memory":64,"hostPort":24224}],"services":[{"memory":512,"hostPort":24224}]}"#,
        );
        assert_eq!(paths(r), vec!["services[0].hostPort"]);
    }

    /// memoryReservation above memory is an error; either alone is fine.
    #[test]
    fn soft_limit_not_above_hard_limit() {
        assert_eq!(
            paths(json(
                r#"{"services":[{"memory":256,"memoryReservation":512}]}"#
            )),
            vec!["services[0].memoryReservation"]
        );
        let (s, _) = json(r#"{"services":[{"memoryReservation":128}]}"#).unwrap();
        assert_eq!(s.services[0].reserved_memory(), MemMib(128));
    }

    /// With demand and no desiredCount, services[0] runs demand.tasksAtTarget.
    #[test]
    fn demand_sets_the_first_desired_count() {
        let (s, _) = json(
            r#"{"services":[{"cpu":256,"memory":512}],"demand":{"concurrentUsers":100,"callsPerUser":10,"callsPerTask":10,"cpuTarget":50}}"#,
        )
        .unwrap();
        assert_eq!(s.services[0].desired_count, 200);
    }

    /// api.md's own demand block (users, calls per user and a latency) is accepted: the latency is
    /// kept, checked, and not used for the peak; only two peaks (users and a request rate) conflict.
    #[test]
    fn users_with_a_latency_are_one_peak() {
        let base = r#""services":[{"cpu":256,"memory":512}]"#;
        let (s, _) = json(&format!(
            r#"{{{base},"demand":{{"concurrentUsers":100,"callsPerUser":10,"latencyMs":500,"callsPerTask":10,"cpuTarget":50}}}}"#
        ))
        .unwrap();
        assert_eq!(s.services[0].desired_count, 200);
        let e = json(&format!(
            r#"{{{base},"demand":{{"concurrentUsers":100,"callsPerUser":10,"latencyMs":0,"callsPerTask":10}}}}"#
        ))
        .unwrap_err();
        assert_eq!(e[0].path, "demand.latencyMs", "{e:?}");
        let e = json(&format!(
            r#"{{{base},"demand":{{"concurrentUsers":100,"requestsPerSecond":5,"latencyMs":500,"callsPerTask":10}}}}"#
        ))
        .unwrap_err();
        assert!(
            e.iter()
                .any(|x| x.path == "demand" && x.message.contains("two different peaks")),
            "{e:?}"
        );
    }

    /// A missing peak or rate is named: latency alone, a rate without its latency, nothing.
    #[test]
    fn a_missing_peak_names_what_is_missing() {
        let base = r#""services":[{"cpu":256,"memory":512}]"#;
        let msg = |demand: &str| {
            let e = json(&format!(r#"{{{base},"demand":{demand}}}"#)).unwrap_err();
            e.iter()
                .map(|x| format!("{}: {}", x.path, x.message))
                .collect::<Vec<_>>()
                .join(" | ")
        };
        let m = msg(r#"{"latencyMs":500,"callsPerTask":10}"#);
        assert!(m.contains("demand.concurrentUsers: the peak is missing: latencyMs alone gives no peak; give requestsPerSecond"), "{m}");
        let m = msg(r#"{"requestsPerSecond":200,"callsPerTask":10}"#);
        assert!(
            m.contains("demand.latencyMs: give the average latency"),
            "{m}"
        );
        let m = msg(r#"{"callsPerTask":10}"#);
        assert!(
            m.contains("demand.concurrentUsers: the peak is missing: give concurrentUsers"),
            "{m}"
        );
        let m = msg(r#"{"callsPerUser":10,"callsPerTask":10}"#);
        assert!(m.contains("callsPerUser alone gives no peak"), "{m}");
    }

    /// Trunking on a T type is a warning, not an error.
    #[test]
    fn trunking_on_t_family_warns() {
        let (_, w) =
            json(r#"{"eniTrunking":true,"services":[{"memory":512,"networkMode":"awsvpc"}]}"#)
                .unwrap();
        assert!(w.iter().any(|x| x.code == "trunking-unsupported"));
    }

    /// Field ids follow api.md's hook names.
    #[test]
    fn field_ids_match_hooks() {
        assert_eq!(field_id("services[0].memory"), "services-0-memory");
        assert_eq!(
            field_id("capacityProvider.targetCapacity"),
            "capacityProvider-targetCapacity"
        );
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    /// A measured registered memory above nominal is impossible.
    #[test]
    fn measured_memory_not_above_nominal() {
        assert_eq!(
            paths(json(
                r#"{"registeredMemoryMiB":5000,"services":[{"memory":512}]}"#
            )),
            vec!["registeredMemoryMiB"]
        );
    }
}
