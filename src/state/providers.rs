//! Capacity providers and strategies in the form (issue 14): each provider a row of text as typed,
//! each strategy one line of text ("od base=2 weight=1, spot weight=3"), read into the scenario's
//! `capacityProviders`, `defaultStrategy` and `capacityProviderStrategy` with errors at their paths,
//! and written back from a scenario.

use crate::model::scenario::{
    item, member, AsgInput, NumberOrMap, ProviderInput, RangeInput, RequirementsInput,
    ScenarioInput, StrategyItemInput,
};
use crate::model::units::{exact, parse_number};
use crate::model::validate::FieldError;

/// The provider kinds the form offers, with their labels.
pub const KINDS: [(&str, &str); 4] = [
    ("asg", "EC2 Auto Scaling group"),
    ("fargate", "Fargate"),
    ("fargate-spot", "Fargate Spot"),
    ("managed-instances", "Managed Instances"),
];

/// The Managed Instances kind's spelling.
pub const MI: &str = "managed-instances";

/// One capacity provider as typed. A blank text is "not given": the scenario's value (types, CAS
/// settings, group limits) or the model's default (the Spot discount) applies.
#[derive(Clone, Debug, PartialEq)]
pub struct ProviderForm {
    /// Its name, as strategies name it.
    pub name: String,
    /// "asg" | "fargate" | "fargate-spot".
    pub kind: String,
    /// asg: instance types, comma-separated, in priority order.
    pub types: String,
    /// asg: a Spot group. Only an asg provider carries it into the scenario (a Fargate provider
    /// has no such setting; the box is shown for asg providers only).
    pub spot: bool,
    /// Spot ASG or Fargate Spot: % off the On-Demand price.
    pub discount: String,
    /// asg: N running now ("3", or "m6g.large=2, m6g.xlarge=1").
    pub running: String,
    /// asg: targetCapacity, %.
    pub target_capacity: String,
    /// asg: minimumScalingStepSize.
    pub min_step: String,
    /// asg: maximumScalingStepSize.
    pub max_step: String,
    /// asg: instanceWarmupPeriod, s.
    pub warmup: String,
    /// asg: the group's minimum.
    pub asg_min: String,
    /// asg: the group's maximum.
    pub asg_max: String,
    /// asg: managed termination protection (AWS's default: on). Only an asg provider carries it.
    pub protection: bool,
    /// On-Demand asg, Fargate: % off from a Savings Plan or Reserved Instances.
    pub commitment: String,
    /// Managed Instances: vCPUs "2-8" ("2-" at least, "-8" at most).
    pub vcpu: String,
    /// Managed Instances: memory MiB, as vCPUs are.
    pub memory: String,
    /// Managed Instances: "arm64", "x86_64" or blank.
    pub arch: String,
    /// Managed Instances: subnets.
    pub subnets: String,
    /// Managed Instances: scaleInAfter, s.
    pub scale_in: String,
    /// Managed Instances: the management fee, % of On-Demand.
    pub fee: String,
    /// Managed Instances: fees per type, "c6a.2xlarge=0.037, m7g.large=0.01" (USD per hour).
    pub fees: String,
}

impl ProviderForm {
    /// A new provider of `kind` named `name`, every other setting blank (the scenario's).
    pub fn new(name: &str, kind: &str) -> Self {
        ProviderForm {
            name: name.into(),
            kind: kind.into(),
            types: String::new(),
            spot: false,
            discount: String::new(),
            running: String::new(),
            target_capacity: String::new(),
            min_step: String::new(),
            max_step: String::new(),
            warmup: String::new(),
            asg_min: String::new(),
            asg_max: String::new(),
            protection: true,
            commitment: String::new(),
            vcpu: String::new(),
            memory: String::new(),
            arch: String::new(),
            subnets: String::new(),
            scale_in: String::new(),
            fee: String::new(),
            fees: String::new(),
        }
    }

    /// A text field of the row.
    pub fn slot(&mut self, f: ProviderField) -> &mut String {
        match f {
            ProviderField::Name => &mut self.name,
            ProviderField::Kind => &mut self.kind,
            ProviderField::Types => &mut self.types,
            ProviderField::Discount => &mut self.discount,
            ProviderField::Running => &mut self.running,
            ProviderField::TargetCapacity => &mut self.target_capacity,
            ProviderField::MinStep => &mut self.min_step,
            ProviderField::MaxStep => &mut self.max_step,
            ProviderField::Warmup => &mut self.warmup,
            ProviderField::AsgMin => &mut self.asg_min,
            ProviderField::AsgMax => &mut self.asg_max,
            ProviderField::Commitment => &mut self.commitment,
            ProviderField::Vcpu => &mut self.vcpu,
            ProviderField::Memory => &mut self.memory,
            ProviderField::Arch => &mut self.arch,
            ProviderField::Subnets => &mut self.subnets,
            ProviderField::ScaleIn => &mut self.scale_in,
            ProviderField::Fee => &mut self.fee,
            ProviderField::Fees => &mut self.fees,
        }
    }

    /// Whether the row is an Auto Scaling group, or has a setting only a group takes (so that
    /// setting is shown, with the error that says so).
    pub fn shows_group(&self) -> bool {
        let mut row = self.clone();
        // Managed Instances shows its allowed types in its own row.
        self.kind == "asg"
            || ProviderField::ALL.into_iter().any(|f| {
                f.group_only()
                    && !(self.kind == MI && f == ProviderField::Types)
                    && !row.slot(f).trim().is_empty()
            })
    }

    /// The provider as the scenario has it (`i`: its index, for error paths).
    pub fn to_input(&self, i: usize, errors: &mut Vec<FieldError>) -> ProviderInput {
        let asg = self.kind == "asg";
        let path = |f: ProviderField| f.path(i);
        let mut num = |f: ProviderField, text: &str| -> Option<f64> {
            if text.trim().is_empty() {
                return None;
            }
            parse_number(text)
                .map_err(|m| errors.push(FieldError::new(path(f), m)))
                .ok()
        };
        let subnets = num(ProviderField::Subnets, &self.subnets);
        // AWS's own "-1" (never) is the one negative number a field takes.
        let scale_in_after = if self.scale_in.trim() == "-1" {
            Some(-1.0)
        } else {
            num(ProviderField::ScaleIn, &self.scale_in)
        };
        let management_fee_percent = num(ProviderField::Fee, &self.fee);
        let target_capacity = num(ProviderField::TargetCapacity, &self.target_capacity);
        let minimum_scaling_step_size = num(ProviderField::MinStep, &self.min_step);
        let maximum_scaling_step_size = num(ProviderField::MaxStep, &self.max_step);
        let instance_warmup_period = num(ProviderField::Warmup, &self.warmup);
        let spot_discount = num(ProviderField::Discount, &self.discount);
        let commitment_discount = num(ProviderField::Commitment, &self.commitment);
        let min_size = num(ProviderField::AsgMin, &self.asg_min);
        let max_size = num(ProviderField::AsgMax, &self.asg_max);
        let types: Vec<String> = self
            .types
            .split(',')
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect();
        let running_instances = if self.running.trim().is_empty() {
            None
        } else {
            match super::form::parse_running(&self.running) {
                Ok(r) => Some(r),
                Err(m) => {
                    errors.push(FieldError::new(path(ProviderField::Running), m));
                    None
                }
            }
        };
        let mi = self.kind == MI;
        let mut range = |f: ProviderField, text: &str| -> Option<RangeInput> {
            let t = text.trim();
            if t.is_empty() {
                return None;
            }
            let (lo, hi) = t.split_once('-').unwrap_or((t, ""));
            let mut end = |x: &str| -> Option<f64> {
                if x.trim().is_empty() {
                    return None;
                }
                parse_number(x)
                    .map_err(|m| {
                        errors.push(FieldError::new(
                            path(f),
                            format!("{m} (write a range: \"2-8\", \"2-\" or \"-8\")"),
                        ))
                    })
                    .ok()
            };
            Some(RangeInput {
                min: end(lo),
                max: end(hi),
            })
        };
        let vcpu = range(ProviderField::Vcpu, &self.vcpu);
        let memory_mib = range(ProviderField::Memory, &self.memory);
        let management_fees = if self.fees.trim().is_empty() {
            None
        } else {
            match super::form::parse_running(&self.fees) {
                Ok(NumberOrMap::Map(m)) => Some(m),
                Ok(NumberOrMap::Number(_)) => {
                    errors.push(FieldError::new(
                        path(ProviderField::Fees),
                        "write type=fee pairs, e.g. c6a.2xlarge=0.037",
                    ));
                    None
                }
                Err(m) => {
                    errors.push(FieldError::new(path(ProviderField::Fees), m));
                    None
                }
            }
        };
        let arch = self.arch.trim();
        let requirements = RequirementsInput {
            allowed_instance_types: (!types.is_empty()).then(|| types.clone()),
            vcpu,
            memory_mib,
            arch: (!arch.is_empty()).then(|| arch.to_string()),
        };
        ProviderInput {
            name: Some(self.name.clone()),
            kind: Some(self.kind.clone()),
            instance_type: None,
            instance_types: (!types.is_empty() && !mi).then_some(types),
            instance_requirements: (mi && requirements != RequirementsInput::default())
                .then_some(requirements),
            subnets,
            scale_in_after,
            capacity_option_type: (mi && self.spot).then(|| "spot".to_string()),
            management_fee_percent,
            management_fees,
            spot: asg.then_some(self.spot),
            spot_discount,
            running_instances,
            target_capacity,
            minimum_scaling_step_size,
            maximum_scaling_step_size,
            instance_warmup_period,
            asg: (min_size.is_some() || max_size.is_some())
                .then_some(AsgInput { min_size, max_size }),
            managed_termination_protection: asg.then_some(self.protection),
            commitment_discount,
        }
    }

    /// The row that shows provider `p` of a scenario.
    pub fn of_input(p: &ProviderInput) -> Self {
        let num = |x: Option<f64>| x.map(exact).unwrap_or_default();
        let types = p
            .instance_types
            .clone()
            .or_else(|| p.instance_type.clone().map(|t| vec![t]))
            .unwrap_or_default()
            .join(", ");
        let asg = p.asg.clone().unwrap_or_default();
        let req = p.instance_requirements.clone().unwrap_or_default();
        let range = |r: Option<RangeInput>| match r {
            None => String::new(),
            Some(r) => format!("{}-{}", num(r.min), num(r.max)),
        };
        let types = match &req.allowed_instance_types {
            Some(a) if types.is_empty() => a.join(", "),
            _ => types,
        };
        ProviderForm {
            vcpu: range(req.vcpu),
            memory: range(req.memory_mib),
            arch: req.arch.unwrap_or_default(),
            subnets: num(p.subnets),
            scale_in: num(p.scale_in_after),
            fee: num(p.management_fee_percent),
            fees: running_text(p.management_fees.clone().map(NumberOrMap::Map).as_ref()),
            name: p.name.clone().unwrap_or_default(),
            kind: p.kind.clone().unwrap_or_default(),
            types,
            spot: p.spot.unwrap_or(false) || p.capacity_option_type.as_deref() == Some("spot"),
            discount: num(p.spot_discount),
            running: running_text(p.running_instances.as_ref()),
            target_capacity: num(p.target_capacity),
            min_step: num(p.minimum_scaling_step_size),
            max_step: num(p.maximum_scaling_step_size),
            warmup: num(p.instance_warmup_period),
            asg_min: num(asg.min_size),
            asg_max: num(asg.max_size),
            protection: p.managed_termination_protection.unwrap_or(true),
            commitment: num(p.commitment_discount),
        }
    }
}

/// A number or a per-type map as typed: "3", or "m6g.large=2, m6g.xlarge=1" (N, registered memory).
pub fn running_text(v: Option<&NumberOrMap>) -> String {
    match v {
        None => String::new(),
        Some(NumberOrMap::Number(x)) => exact(*x),
        Some(NumberOrMap::Map(m)) => m
            .iter()
            .map(|(k, x)| format!("{k}={}", exact(*x)))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// A text field of a provider row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProviderField {
    /// name
    Name,
    /// kind
    Kind,
    /// instanceTypes
    Types,
    /// spotDiscount
    Discount,
    /// runningInstances
    Running,
    /// targetCapacity
    TargetCapacity,
    /// minimumScalingStepSize
    MinStep,
    /// maximumScalingStepSize
    MaxStep,
    /// instanceWarmupPeriod
    Warmup,
    /// asg.minSize
    AsgMin,
    /// asg.maxSize
    AsgMax,
    /// commitmentDiscount
    Commitment,
    /// instanceRequirements.vcpu
    Vcpu,
    /// instanceRequirements.memoryMiB
    Memory,
    /// instanceRequirements.arch
    Arch,
    /// subnets
    Subnets,
    /// scaleInAfter
    ScaleIn,
    /// managementFeePercent
    Fee,
    /// managementFees
    Fees,
}

impl ProviderField {
    /// The fields a link writes after the switches, in order: the commitment discount, then
    /// Managed Instances' settings.
    pub const LATER: [ProviderField; 8] = [
        ProviderField::Commitment,
        ProviderField::Vcpu,
        ProviderField::Memory,
        ProviderField::Arch,
        ProviderField::Subnets,
        ProviderField::ScaleIn,
        ProviderField::Fee,
        ProviderField::Fees,
    ];

    /// Every text field: the linked ones, then the later ones.
    pub const ALL: [ProviderField; 19] = {
        let mut all = [ProviderField::Commitment; 19];
        let mut i = 0;
        while i < Self::LINKED.len() {
            all[i] = Self::LINKED[i];
            i += 1;
        }
        while i < 19 {
            all[i] = Self::LATER[i - Self::LINKED.len()];
            i += 1;
        }
        all
    };

    /// The text fields a link writes first, in order (then the two switches, then the
    /// commitment discount, which came later: links made before it still read the same).
    pub const LINKED: [ProviderField; 11] = [
        ProviderField::Name,
        ProviderField::Kind,
        ProviderField::Types,
        ProviderField::Discount,
        ProviderField::Running,
        ProviderField::TargetCapacity,
        ProviderField::MinStep,
        ProviderField::MaxStep,
        ProviderField::Warmup,
        ProviderField::AsgMin,
        ProviderField::AsgMax,
    ];

    /// Whether only an Auto Scaling group takes this setting (all but the name, the kind and
    /// the Spot discount).
    pub fn group_only(self) -> bool {
        !matches!(
            self,
            ProviderField::Name
                | ProviderField::Kind
                | ProviderField::Discount
                | ProviderField::Commitment
                | ProviderField::Vcpu
                | ProviderField::Memory
                | ProviderField::Arch
                | ProviderField::Subnets
                | ProviderField::ScaleIn
                | ProviderField::Fee
                | ProviderField::Fees
        )
    }

    /// The field's path below the provider: "targetCapacity", "asg.maxSize".
    pub fn key(self) -> String {
        type P = ProviderInput;
        match self {
            ProviderField::Name => P::NAME.into(),
            ProviderField::Kind => P::KIND.into(),
            ProviderField::Types => P::INSTANCE_TYPES.into(),
            ProviderField::Discount => P::SPOT_DISCOUNT.into(),
            ProviderField::Running => P::RUNNING_INSTANCES.into(),
            ProviderField::TargetCapacity => P::TARGET_CAPACITY.into(),
            ProviderField::MinStep => P::MIN_STEP.into(),
            ProviderField::MaxStep => P::MAX_STEP.into(),
            ProviderField::Warmup => P::WARMUP.into(),
            ProviderField::AsgMin => member(P::ASG, AsgInput::MIN_SIZE),
            ProviderField::AsgMax => member(P::ASG, AsgInput::MAX_SIZE),
            ProviderField::Commitment => P::COMMITMENT_DISCOUNT.into(),
            ProviderField::Vcpu => member(P::INSTANCE_REQUIREMENTS, RequirementsInput::VCPU),
            ProviderField::Memory => {
                member(P::INSTANCE_REQUIREMENTS, RequirementsInput::MEMORY_MIB)
            }
            ProviderField::Arch => member(P::INSTANCE_REQUIREMENTS, RequirementsInput::ARCH),
            ProviderField::Subnets => P::SUBNETS.into(),
            ProviderField::ScaleIn => P::SCALE_IN_AFTER.into(),
            ProviderField::Fee => P::MANAGEMENT_FEE_PERCENT.into(),
            ProviderField::Fees => P::MANAGEMENT_FEES.into(),
        }
    }

    /// The field's path in provider `i`: "capacityProviders[0].targetCapacity".
    pub fn path(self, i: usize) -> String {
        item(ScenarioInput::CAPACITY_PROVIDERS, i, &self.key())
    }

    /// The field that owns `key` (a path below the provider, "instanceType" and "instanceTypes[1]"
    /// both the types field), if one does.
    pub fn owning(key: &str) -> Option<ProviderField> {
        let allowed = member(
            ProviderInput::INSTANCE_REQUIREMENTS,
            RequirementsInput::ALLOWED_INSTANCE_TYPES,
        );
        if key == ProviderInput::INSTANCE_TYPE
            || key.starts_with(ProviderInput::INSTANCE_TYPES)
            || key.starts_with(&allowed)
        {
            return Some(ProviderField::Types);
        }
        for f in [
            ProviderField::Vcpu,
            ProviderField::Memory,
            ProviderField::Fees,
        ] {
            if key.starts_with(&f.key()) {
                return Some(f);
            }
        }
        if key.starts_with(ProviderInput::RUNNING_INSTANCES) {
            return Some(ProviderField::Running);
        }
        Self::ALL.into_iter().find(|f| f.key() == key)
    }
}

/// A strategy as text: "od base=2 weight=1, spot weight=3" (base and weight left out when not
/// given).
pub fn strategy_text(items: &[StrategyItemInput]) -> String {
    items
        .iter()
        .map(|x| {
            let mut t = x.capacity_provider.clone().unwrap_or_default();
            if let Some(b) = x.base {
                t.push_str(&format!(" base={}", exact(b)));
            }
            if let Some(w) = x.weight {
                t.push_str(&format!(" weight={}", exact(w)));
            }
            t
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads a strategy typed as text at `path` ("services[0].capacityProviderStrategy"): items
/// separated by commas (or semicolons), each a provider's name then `base=N` and `weight=N` in any
/// order, spaces around `=` allowed. Blank is no strategy. Each item's error names the item's
/// path; the model checks the values.
pub fn parse_strategy(
    text: &str,
    path: &str,
    errors: &mut Vec<FieldError>,
) -> Option<Vec<StrategyItemInput>> {
    if text.trim().is_empty() {
        return None;
    }
    let mut out = Vec::new();
    for (j, raw) in text.split([',', ';']).enumerate() {
        let at = format!("{path}[{j}]");
        let joined = tight_equals(raw);
        let mut words = joined.split_whitespace();
        let Some(name) = words.next() else {
            errors.push(FieldError::new(
                at,
                "an empty item: give a provider's name, then base=N and weight=N",
            ));
            continue;
        };
        let mut x = StrategyItemInput {
            capacity_provider: Some(name.to_string()),
            base: None,
            weight: None,
        };
        for w in words {
            let (key, value) = w.split_once('=').unwrap_or((w, ""));
            let slot = match key {
                "base" => &mut x.base,
                "weight" => &mut x.weight,
                _ => {
                    errors.push(FieldError::new(
                        at.clone(),
                        format!("\"{w}\": after the provider's name write base=N or weight=N"),
                    ));
                    continue;
                }
            };
            if slot.is_some() {
                errors.push(FieldError::new(
                    member(&at, key),
                    format!("{key} is given twice in item {}", j + 1),
                ));
                continue;
            }
            match parse_number(value) {
                Ok(n) => *slot = Some(n),
                Err(m) => errors.push(FieldError::new(member(&at, key), m)),
            }
        }
        out.push(x);
    }
    Some(out)
}

/// `raw` with the spaces around each `=` taken out: "base = 2" reads as "base=2".
fn tight_equals(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '=' {
            while out.ends_with(' ') {
                out.pop();
            }
            out.push('=');
            while chars.peek() == Some(&' ') {
                chars.next();
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// An example strategy over the providers named `names` (the first gets a base of 2): the
/// placeholder of a strategy field, so it is one the form would take as it stands.
pub fn example_strategy(names: &[&str]) -> String {
    names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            if i == 0 {
                format!("{n} base=2 weight=1")
            } else {
                format!("{n} weight=3")
            }
        })
        .take(2)
        .collect::<Vec<_>>()
        .join(", ")
}

/// How a strategy text was read, for the hint under its field: "od: base 2, weight 1; spot:
/// weight 3 (not given: 0)".
pub fn strategy_reading(text: &str) -> Option<String> {
    let mut errors = Vec::new();
    let items = parse_strategy(text, "", &mut errors)?;
    if !errors.is_empty() {
        return None;
    }
    Some(
        items
            .iter()
            .map(|x| {
                format!(
                    "{}: base {}, weight {}",
                    x.capacity_provider.as_deref().unwrap_or_default(),
                    exact(x.base.unwrap_or(0.0)),
                    exact(x.weight.unwrap_or(0.0))
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A strategy's text reads back into the same items, and written again gives the same text.
    #[test]
    fn strategy_text_round_trip() {
        let mut e = Vec::new();
        let items = parse_strategy("od base=2 weight=1, spot weight=3", "p", &mut e).unwrap();
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].capacity_provider.as_deref(), Some("od"));
        assert_eq!((items[0].base, items[0].weight), (Some(2.0), Some(1.0)));
        assert_eq!((items[1].base, items[1].weight), (None, Some(3.0)));
        assert_eq!(strategy_text(&items), "od base=2 weight=1, spot weight=3");
        assert_eq!(
            strategy_reading("spot weight=3, od base=2").as_deref(),
            Some("spot: base 0, weight 3; od: base 2, weight 0")
        );
        // Spaces around "=" and semicolons between items read the same.
        assert_eq!(
            strategy_reading("od base = 2 weight= 1; spot weight =3"),
            strategy_reading("od base=2 weight=1, spot weight=3")
        );
        assert_eq!(
            example_strategy(&["ec2", "ec2-2", "x"]),
            "ec2 base=2 weight=1, ec2-2 weight=3"
        );
        assert!(parse_strategy("  ", "p", &mut e).is_none());
    }

    /// Each mistake is named at its item's path, and nothing is read in its place.
    #[test]
    fn strategy_errors_name_their_item() {
        let mut e = Vec::new();
        let items = parse_strategy(
            "od base=x, , spot wieght=3; fs weight = 1 weight=2",
            "s",
            &mut e,
        );
        let paths: Vec<&str> = e.iter().map(|x| x.path.as_str()).collect();
        assert_eq!(paths, ["s[0].base", "s[1]", "s[2]", "s[3].weight"], "{e:?}");
        assert!(e[2].message.contains("wieght=3"));
        let items = items.unwrap();
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].base, None);
        assert_eq!(items[2].weight, Some(1.0));
    }

    /// A provider row reads into the scenario's provider and back unchanged; a Fargate row does
    /// not carry the group's switches.
    #[test]
    fn provider_row_round_trip() {
        let mut row = ProviderForm::new("spot", "asg");
        row.types = "m6g.large, m6g.xlarge".into();
        row.spot = true;
        row.discount = "70".into();
        row.running = "m6g.large=2".into();
        row.target_capacity = "90".into();
        row.asg_max = "40".into();
        row.protection = false;
        let mut e = Vec::new();
        let input = row.to_input(0, &mut e);
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(ProviderForm::of_input(&input), row);
        let fargate = ProviderForm::new("fs", "fargate-spot").to_input(1, &mut e);
        assert_eq!(
            (fargate.spot, fargate.managed_termination_protection),
            (None, None)
        );
        let mut bad = ProviderForm::new("x", "asg");
        bad.target_capacity = "lots".into();
        bad.running = "m6g.large=two".into();
        bad.to_input(3, &mut e);
        let paths: Vec<&str> = e.iter().map(|x| x.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "capacityProviders[3].targetCapacity",
                "capacityProviders[3].runningInstances"
            ]
        );
    }
}
