//! Infrastructure as code (issue 16): a Terraform plan or state as JSON (`terraform show -json`)
//! or a CloudFormation template as JSON (CDK's synthesized `*.template.json` too), laid over the
//! scenario.
//!
//! Each resource the model uses is written out in the shape of the AWS CLI output the import
//! already reads (keys in the CLI's camelCase, Terraform's one-item blocks unwrapped), and those
//! are read in order: capacity providers, task definitions, services. So one set of rules reads
//! all three sources, and every error names its path in the document that was pasted. Then the
//! Auto Scaling groups (with their launch templates) give each provider its types, Spot, size
//! limits and N, and the cluster's default strategy is set. The document is read where it lies,
//! never copied into new JSON values (that code cost the page's wasm budget).
//!
//! CloudFormation's `Ref` to a parameter with a default uses the default (noted); `Ref`,
//! `Fn::GetAtt`, `Fn::If` and the other functions anywhere else, and parameters without a default,
//! are "not known from the template" (noted with their path), and the field keeps its current
//! value. Terraform's values not known until apply are noted the same way. A reference to another
//! resource (a service's task definition, a provider's group, a group's launch template) is
//! followed: CloudFormation's by logical ID, Terraform's by value or by the plan's configuration.

use serde_json::Value;

use super::import::{import_value, Imported};
use super::json::quoted;
use crate::model::scenario::{
    AsgInput, NumberOrMap, ProviderInput, ScenarioInput, StrategyItemInput,
};
use crate::model::units::trim_float;
use crate::model::validate::{thousands, FieldError, MAX_PROVIDERS, MAX_SERVICES};

#[derive(Clone, Copy, PartialEq)]
enum Dialect {
    Terraform,
    Cfn,
}

/// The resource types read, as (Terraform, CloudFormation); a resource's kind is its index.
const KINDS: [(&str, &str); 6] = [
    ("aws_ecs_task_definition", "AWS::ECS::TaskDefinition"),
    ("aws_ecs_service", "AWS::ECS::Service"),
    ("aws_ecs_capacity_provider", "AWS::ECS::CapacityProvider"),
    (
        "aws_ecs_cluster_capacity_providers",
        "AWS::ECS::ClusterCapacityProviderAssociations",
    ),
    (
        "aws_autoscaling_group",
        "AWS::AutoScaling::AutoScalingGroup",
    ),
    ("aws_launch_template", "AWS::EC2::LaunchTemplate"),
];
const TASK_DEF: usize = 0;
const SERVICE: usize = 1;
const PROVIDER: usize = 2;
const ASSOCIATION: usize = 3;
const GROUP: usize = 4;
const TEMPLATE: usize = 5;

/// Terraform blocks that hold at most one item: read as the item (`managed_scaling[0]`).
const BLOCKS: [&str; 14] = [
    "auto_scaling_group_provider",
    "managed_scaling",
    "managed_instances_provider",
    "instance_launch_template",
    "network_configuration",
    "instance_requirements",
    "vcpu_count",
    "memory_mib",
    "infrastructure_optimization",
    "launch_template",
    "mixed_instances_policy",
    "instances_distribution",
    "launch_template_specification",
    "runtime_platform",
];

/// Where the CLI's key differs from the rule (snake_case to camelCase, or PascalCase to
/// camelCase): (the rule's, the CLI's).
const RENAMES: [(&str, &str); 4] = [
    ("vcpuCount", "vCpuCount"),
    ("memoryMib", "memoryMiB"),
    ("orderedPlacementStrategy", "placementStrategy"),
    ("placementStrategies", "placementStrategy"),
];

/// The CloudFormation keys the model reads: what the template cannot say of these is noted.
const READ: [&str; 36] = [
    "CapacityProviderStrategy",
    "ContainerDefinitions",
    "Cpu",
    "Memory",
    "MemoryReservation",
    "NetworkMode",
    "Family",
    "ContainerPort",
    "HostPort",
    "DesiredCount",
    "SchedulingStrategy",
    "Type",
    "Field",
    "Base",
    "Weight",
    "CapacityProvider",
    "TargetCapacity",
    "MinimumScalingStepSize",
    "MaximumScalingStepSize",
    "InstanceWarmupPeriod",
    "ManagedTerminationProtection",
    "MinSize",
    "MaxSize",
    "DesiredCapacity",
    "InstanceType",
    "OnDemandBaseCapacity",
    "OnDemandPercentageAboveBaseCapacity",
    "Subnets",
    "Min",
    "Max",
    "AllowedInstanceTypes",
    "ScaleInAfter",
    "CapacityOptionType",
    "Name",
    "ServiceName",
    "LaunchType",
];

/// One resource of the document (cloned by the readers, which then change the document's notes).
#[derive(Clone)]
struct Res<'a> {
    /// Terraform: its address (`module.ecs.aws_ecs_service.api`); CloudFormation: its logical ID.
    id: String,
    /// Its type: an index of [`KINDS`].
    kind: usize,
    /// The JSON path of its attributes (`...resources[2].values`, `Resources.Api.Properties`).
    path: String,
    /// Its attributes, as the document has them.
    v: &'a Value,
}

/// The reading of one document.
struct Doc<'a> {
    d: Dialect,
    raw: &'a Value,
    res: Vec<Res<'a>>,
    notes: Vec<String>,
    errors: Vec<FieldError>,
    /// (a path in the CLI-shaped text read, the path in the document it came from).
    paths: Vec<(String, String)>,
    /// The paths of the values the document does not know (a function, or known on apply).
    unknown: Vec<String>,
}

/// The key as the CLI writes it.
fn cli_key(k: &str, d: Dialect) -> String {
    let mut out = String::new();
    match d {
        Dialect::Terraform => {
            let mut up = false;
            for c in k.chars() {
                if c == '_' {
                    up = true;
                } else if up {
                    out.push(c.to_ascii_uppercase());
                    up = false;
                } else {
                    out.push(c);
                }
            }
        }
        Dialect::Cfn => {
            let mut cs = k.chars();
            if let Some(c) = cs.next() {
                out.push(c.to_ascii_lowercase());
            }
            out.extend(cs);
        }
    }
    match RENAMES.iter().find(|(from, _)| *from == out) {
        Some((_, to)) => (*to).to_string(),
        None => out,
    }
}

/// The key as the document writes it (the inverse of [`cli_key`]), and whether it is one of
/// Terraform's one-item blocks.
fn doc_key(k: &str, d: Dialect) -> (String, bool) {
    let k = match RENAMES
        .iter()
        .find(|(from, to)| *to == k && (d == Dialect::Terraform) == from.contains("ordered"))
        .or_else(|| {
            RENAMES
                .iter()
                .find(|(_, to)| *to == k && !to.starts_with("placement"))
        }) {
        Some((from, _)) => from,
        None => k,
    };
    let mut out = String::new();
    for (i, c) in k.chars().enumerate() {
        match d {
            Dialect::Terraform if c.is_ascii_uppercase() => {
                out.push('_');
                out.push(c.to_ascii_lowercase());
            }
            Dialect::Cfn if i == 0 => out.push(c.to_ascii_uppercase()),
            _ => out.push(c),
        }
    }
    let block = d == Dialect::Terraform && BLOCKS.contains(&out.as_str());
    (out, block)
}

/// The value at `keys` (the CLI's names) in `v`, as dialect `d` (None: the CLI) writes them;
/// Terraform's one-item blocks read as their item.
fn get<'v>(v: &'v Value, keys: &[&str], d: Option<Dialect>) -> Option<&'v Value> {
    let mut x = v;
    for k in keys {
        x = match d {
            None => x.get(k)?,
            Some(d) => {
                let (key, block) = doc_key(k, d);
                let y = x.get(&key)?;
                if block {
                    y.as_array()?.first()?
                } else {
                    y
                }
            }
        };
    }
    Some(x)
}

fn text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// A number, or text holding one (CloudFormation writes "10").
fn number(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Number(n) => n.as_f64(),
        Value::String(x) => crate::model::units::parse_decimal(x),
        _ => None,
    }
}

/// The resource a value refers to: text (an ARN, a name, an ID), or CloudFormation's `Ref` or
/// `Fn::GetAtt` naming a logical ID.
fn reference(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s),
        Value::Object(m) => match m.get("Ref").or_else(|| m.get("Fn::GetAtt"))? {
            Value::String(s) => s.split('.').next(),
            Value::Array(a) => a.first()?.as_str(),
            _ => None,
        },
        _ => None,
    }
}

/// The CloudFormation function `v` is (`Ref`, `Fn::If`, ...): an object of that one member.
fn function_of(v: &Value) -> Option<&str> {
    let m = v.as_object().filter(|m| m.len() == 1)?;
    m.keys()
        .next()
        .map(String::as_str)
        .filter(|k| *k == "Ref" || k.starts_with("Fn::"))
}

/// The member at `keys` (serde_json's `pointer` parses its path and brought its own code).
fn at<'v>(v: &'v Value, [a, b]: [&str; 2]) -> Option<&'v Value> {
    v.get(a)?.get(b)
}

/// True for a document this module reads: a CloudFormation template, or Terraform's JSON.
pub fn recognises(v: &Value) -> bool {
    v.get("Resources").is_some_and(Value::is_object)
        || v.get("planned_values").is_some()
        || at(v, ["values", "root_module"]).is_some()
}

/// The index in [`KINDS`] of resource type `t`.
fn kind_of(t: &str, d: Dialect) -> Option<usize> {
    KINDS
        .iter()
        .position(|k| t == if d == Dialect::Terraform { k.0 } else { k.1 })
}

impl<'a> Doc<'a> {
    fn note(&mut self, n: String) {
        if !self.notes.contains(&n) {
            self.notes.push(n);
        }
    }

    /// Terraform: every managed resource of `module` (at `path`) and its child modules.
    fn tf_module(&mut self, module: &'a Value, path: &str) {
        let list = module.get("resources").and_then(Value::as_array);
        for (i, r) in list.into_iter().flatten().enumerate() {
            let kind = text(r, "type").and_then(|t| kind_of(t, self.d));
            let (Some(id), Some(kind), Some(v), false) = (
                text(r, "address"),
                kind,
                r.get("values"),
                text(r, "mode") == Some("data"),
            ) else {
                continue;
            };
            self.res.push(Res {
                id: id.to_string(),
                kind,
                path: format!("{path}.resources[{i}].values"),
                v,
            });
        }
        let children = module.get("child_modules").and_then(Value::as_array);
        for (i, m) in children.into_iter().flatten().enumerate() {
            self.tf_module(m, &format!("{path}.child_modules[{i}]"));
        }
    }

    /// Terraform plan: what is not known until apply, among what the model reads, noted.
    fn tf_unknowns(&mut self) {
        const READ: [&str; 10] = [
            "capacity_provider_strategy",
            "desired_count",
            "cpu",
            "memory",
            "container_definitions",
            "min_size",
            "max_size",
            "desired_capacity",
            "instance_type",
            "family",
        ];
        let changes = self.raw.get("resource_changes").and_then(Value::as_array);
        for (i, c) in changes.into_iter().flatten().enumerate() {
            let (Some(address), Some(unknown)) = (
                text(c, "address"),
                at(c, ["change", "after_unknown"]).and_then(Value::as_object),
            ) else {
                continue;
            };
            let Some(at) = self
                .res
                .iter()
                .find(|r| r.id == address)
                .map(|r| r.path.clone())
            else {
                continue;
            };
            for k in READ {
                if unknown.get(k).and_then(Value::as_bool) == Some(true) {
                    self.unknown.push(format!("{at}.{k}"));
                    self.note(format!(
                        "resource_changes[{i}].change.after_unknown.{k}: {address}'s {k} is not known until apply: the field keeps its current value"
                    ));
                }
            }
        }
    }

    /// The resources of `kind`.
    fn of(&self, kind: usize) -> Vec<&Res<'a>> {
        self.res.iter().filter(|r| r.kind == kind).collect()
    }

    /// The resources of `kind`, as copies that do not hold the document.
    fn owned(&self, kind: usize) -> Vec<Res<'a>> {
        self.of(kind).into_iter().cloned().collect()
    }

    /// `v` at `path` as the model may read it: CloudFormation's `Ref` to a parameter gives its
    /// default (noted when key `key` is one the model reads); another function, or a parameter
    /// with none, is not known (None, noted the same way); anything else is itself.
    fn known(&mut self, v: &'a Value, path: &str, key: &str) -> Option<&'a Value> {
        let Some(f) = function_of(v).filter(|_| self.d == Dialect::Cfn) else {
            return Some(v);
        };
        let read = READ.contains(&key);
        let param = v.get("Ref").and_then(Value::as_str);
        let default = param.and_then(|p| self.raw.get("Parameters")?.get(p)?.get("Default"));
        if let (Some(p), Some(d)) = (param, default) {
            if read {
                let shown = super::json::compact(d);
                self.note(format!("{path}: parameter {p}'s default, {shown}, is used"));
            }
            return Some(d);
        }
        if read {
            self.note(format!(
                "{path}: not known from the template ({f}): the field keeps its current value"
            ));
        }
        self.unknown.push(path.to_string());
        None
    }

    /// Writes `v` (at `path`, under the document's key `key`) as the AWS CLI would write it:
    /// keys in its case, Terraform's one-item blocks unwrapped (empty ones and "" left out),
    /// CloudFormation's functions resolved (a provider named by `Ref` as its name). False when
    /// the value is not known: nothing is written.
    fn write(&mut self, out: &mut String, v: &'a Value, path: &str, key: &str) -> bool {
        let tf = self.d == Dialect::Terraform;
        if key == "CapacityProvider" {
            if let Some(r) =
                reference(v).and_then(|id| self.of(PROVIDER).into_iter().find(|r| r.id == id))
            {
                out.push_str(&quoted(&provider_name(r)));
                return true;
            }
        }
        let Some(v) = self.known(v, path, key) else {
            return false;
        };
        match v {
            Value::Object(m) => {
                out.push('{');
                let mut first = true;
                for (k, x) in m {
                    let (_, block) = if tf {
                        doc_key(&cli_key(k, self.d), self.d)
                    } else {
                        (String::new(), false)
                    };
                    let x = match (block, x.as_array()) {
                        (true, Some(a)) => match a.first() {
                            Some(item) => item,
                            None => continue,
                        },
                        _ => x,
                    };
                    let mark = out.len();
                    if !first {
                        out.push(',');
                    }
                    out.push_str(&quoted(&cli_key(k, self.d)));
                    out.push(':');
                    let at = format!("{path}.{k}");
                    let written = match (tf && k == "container_definitions", x) {
                        // Terraform holds the container definitions as JSON text.
                        (true, Value::String(t)) => match super::json::parse(t) {
                            Ok(_) => {
                                out.push_str(t);
                                true
                            }
                            Err(e) => {
                                for x in e {
                                    self.errors.push(FieldError::new(at.clone(), x.message));
                                }
                                false
                            }
                        },
                        _ => self.write(out, x, &at, k),
                    };
                    if written {
                        first = false;
                    } else {
                        out.truncate(mark);
                    }
                }
                out.push('}');
            }
            Value::Array(a) => {
                out.push('[');
                for (i, x) in a.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    // A list keeps its length (a count of subnets is read): an unknown item is null.
                    if !self.write(out, x, &format!("{path}[{i}]"), key) {
                        out.push_str("null");
                    }
                }
                out.push(']');
            }
            // Terraform writes an unset optional text as "": it says nothing.
            Value::String(t) if tf && t.is_empty() => out.push_str("null"),
            x => out.push_str(&super::json::compact(x)),
        }
        true
    }

    /// Resource `r` written as the CLI would, with `extra` members (JSON text) over its own,
    /// recorded as the CLI path `cli`.
    fn written(&mut self, r: &Res<'a>, cli: String, extra: &[(&str, String)]) -> String {
        let mut out = String::new();
        let (v, path) = (r.v, r.path.clone());
        if !self.write(&mut out, v, &path, "") || !out.ends_with('}') {
            out = "{}".into();
        }
        out.pop();
        for (k, x) in extra {
            if out.len() > 1 {
                out.push(',');
            }
            out.push_str(&quoted(k));
            out.push(':');
            out.push_str(x);
        }
        out.push('}');
        self.paths.push((cli, path));
        out
    }

    /// CloudFormation: every resource of a kind the model reads.
    fn cfn_resources(&mut self) {
        let Some(resources) = self.raw.get("Resources").and_then(Value::as_object) else {
            return;
        };
        for (id, r) in resources {
            let kind = text(r, "Type").and_then(|t| kind_of(t, Dialect::Cfn));
            let (Some(kind), Some(v)) = (kind, r.get("Properties")) else {
                continue;
            };
            self.res.push(Res {
                id: id.clone(),
                kind,
                path: format!("Resources.{id}.Properties"),
                v,
            });
        }
    }

    /// The resource of `kind` a reference names: by logical ID or address, or by a value of its
    /// (`keys`, the CLI's names), an ARN's last part included; else, in a Terraform plan, by the
    /// configuration's reference at `expr` of resource `from`.
    fn target(
        &self,
        kind: usize,
        reference: Option<&str>,
        keys: &[&str],
        from: (&str, &[&str]),
    ) -> Option<&Res<'a>> {
        let address = match reference {
            Some(_) => None,
            None => self.tf_reference(from.0, from.1),
        };
        let want = reference.or(address.as_deref())?;
        let tail = want.rsplit(['/', ':']).next().unwrap_or(want);
        // Terraform's count and for_each add an index to the configuration's address: with
        // several, the one of the referring resource's own index (`each.key`), else none (the
        // first would size every service alike: the adversarial review's for_each).
        let index = from
            .0
            .ends_with(']')
            .then(|| from.0.rfind('[').map(|i| &from.0[i..]))
            .flatten();
        let indexed: Vec<&Res<'a>> = self
            .res
            .iter()
            .filter(|r| {
                r.kind == kind
                    && r.id
                        .strip_prefix(want)
                        .is_some_and(|rest| rest.starts_with('['))
            })
            .collect();
        if !indexed.is_empty() {
            return match index {
                Some(i) => indexed.into_iter().find(|r| r.id.ends_with(i)),
                None if indexed.len() == 1 => indexed.first().copied(),
                None => None,
            };
        }
        for r in self.res.iter().filter(|r| r.kind == kind) {
            if r.id == want {
                return Some(r);
            }
            for k in keys {
                let x = get(r.v, &[k], Some(self.d)).and_then(Value::as_str);
                if x.is_some_and(|x| x == want || x == tail) {
                    return Some(r);
                }
            }
        }
        None
    }

    /// Terraform plan: the address of the resource the expression `keys` of resource `address`
    /// refers to, from the plan's `configuration` (for values not known until apply).
    fn tf_reference(&self, address: &str, keys: &[&str]) -> Option<String> {
        let mut module = at(self.raw, ["configuration", "root_module"])?;
        let mut prefix = String::new();
        let mut rest = address;
        while let Some(r) = rest.strip_prefix("module.") {
            let (name, tail) = r.split_once('.')?;
            let call = name.split('[').next().unwrap_or(name);
            module = module.get("module_calls")?.get(call)?.get("module")?;
            prefix.push_str(&format!("module.{name}."));
            rest = tail;
        }
        let local = rest.split('[').next().unwrap_or(rest);
        let r = module
            .get("resources")?
            .as_array()?
            .iter()
            .find(|r| text(r, "address") == Some(local))?;
        let mut e = r.get("expressions")?;
        for k in keys {
            e = e.get(k)?;
            if let Some(first) = e.as_array().and_then(|a| a.first()) {
                e = first;
            }
        }
        e.get("references")?
            .as_array()?
            .iter()
            .filter_map(Value::as_str)
            .filter(|x| x.starts_with("aws_"))
            .map(|x| {
                let mut parts = x.splitn(3, '.');
                let t = parts.next().unwrap_or_default();
                let n = parts.next().unwrap_or_default();
                format!("{prefix}{t}.{}", n.split('[').next().unwrap_or(n))
            })
            .next()
    }

    /// A path in the CLI-shaped text as the path in the document.
    fn doc_path(&self, cli: &str) -> String {
        doc_path(self.d, &self.paths, cli)
    }

    /// Every path in a note of the import, as the document's.
    fn doc_note(&self, note: &str) -> String {
        note.split(' ')
            .map(|w| {
                let core = w.trim_start_matches('(').trim_end_matches([')', ',', ':']);
                if ["capacityProviders[", "taskDefinitions[", "services["]
                    .iter()
                    .any(|p| core.starts_with(p))
                {
                    w.replace(core, &self.doc_path(core))
                } else {
                    w.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Reads the CLI-shaped JSON `text` over `s` (its errors and notes in the document's paths).
    fn read(&mut self, text: &str, s: &mut ScenarioInput) {
        let read = super::json::parse(text).and_then(|v| import_value(&v, s));
        match read {
            Ok(i) => {
                *s = i.scenario;
                for n in &i.notes {
                    let n = self.doc_note(n);
                    self.note(n);
                }
            }
            Err(errors) => {
                for e in errors {
                    let path = self.doc_path(&e.path);
                    self.errors.push(FieldError::new(path, e.message));
                }
            }
        }
    }

    /// The document's path of `sub` (a path in the CLI's shape) inside resource `r`.
    fn sub(&self, r: &Res, sub: &str) -> String {
        doc_path(self.d, &[("x".into(), r.path.clone())], &format!("x.{sub}"))
    }

    /// The value at `keys` (the CLI's names) of resource `r`, as the model may read it.
    fn at(&mut self, r: &Res<'a>, keys: &[&str]) -> Option<&'a Value> {
        let v = get(r.v, keys, Some(self.d))?;
        let last = keys
            .last()
            .map(|k| doc_key(k, self.d).0)
            .unwrap_or_default();
        let path = self.sub(r, &keys.join("."));
        self.known(v, &path, &last)
    }
}

/// A path in the CLI-shaped text as the path in the document, by the longest recorded prefix
/// in `paths` (CLI path, document path).
fn doc_path(d: Dialect, paths: &[(String, String)], cli: &str) -> String {
    let best = paths
        .iter()
        .filter(|(c, _)| {
            cli.strip_prefix(c.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
        })
        .max_by_key(|(c, _)| c.len());
    let Some((c, doc)) = best else {
        return cli.to_string();
    };
    let mut out = doc.clone();
    let mut verbatim = false;
    for seg in cli[c.len()..].split('.').filter(|s| !s.is_empty()) {
        let (key, index) = seg.split_at(seg.find('[').unwrap_or(seg.len()));
        if verbatim || key.is_empty() {
            out.push_str(if key.is_empty() { "" } else { "." });
            out.push_str(seg);
            continue;
        }
        let (mut k, block) = doc_key(key, d);
        if block {
            k.push_str("[0]");
        }
        // Terraform holds the container definitions as JSON text: the path goes on inside it.
        verbatim = d == Dialect::Terraform && key == "containerDefinitions";
        out.push('.');
        out.push_str(&k);
        out.push_str(index);
    }
    out
}

/// The document in `v` laid over `current`, or None when it is neither Terraform's JSON nor a
/// CloudFormation template.
pub fn import_iac(v: &Value, current: &ScenarioInput) -> Option<Result<Imported, Vec<FieldError>>> {
    if !recognises(v) {
        return None;
    }
    let d = if v.get("Resources").is_some() {
        Dialect::Cfn
    } else {
        Dialect::Terraform
    };
    let mut doc = Doc {
        d,
        raw: v,
        res: Vec::new(),
        notes: Vec::new(),
        errors: Vec::new(),
        paths: Vec::new(),
        unknown: Vec::new(),
    };
    let plan = match (
        at(v, ["planned_values", "root_module"]),
        at(v, ["values", "root_module"]),
    ) {
        _ if d == Dialect::Cfn => {
            doc.cfn_resources();
            false
        }
        (Some(m), _) => {
            doc.tf_module(m, "planned_values.root_module");
            true
        }
        (None, Some(m)) => {
            doc.tf_module(m, "values.root_module");
            false
        }
        _ => false,
    };
    // Past the caps nothing could be planned: refused before any resource is matched with
    // another (matching is what grows with the document; the adversarial review's 1,000
    // services took minutes to be refused).
    if let Some(e) = over_caps(&doc) {
        return Some(Err(vec![e]));
    }
    if plan {
        doc.tf_unknowns();
    }
    let mut s = current.clone();
    let before = s.services.as_ref().map_or(0, Vec::len);
    read_providers(&mut doc, &mut s);
    read_task_definitions(&mut doc, &mut s, current);
    read_services(&mut doc, &mut s);
    let read = doc.res.len();
    if read == 0 {
        doc.errors.push(FieldError::new(
            "",
            "no ECS resource in this document: it needs task definitions, services or capacity providers",
        ));
    }
    if !doc.errors.is_empty() {
        return Some(Err(doc.errors));
    }
    let added = s
        .services
        .as_ref()
        .map_or(0, Vec::len)
        .saturating_sub(before);
    // An import lays the document over the scenario: what the scenario held that the document
    // does not name stays in the plan, and is said (two clusters are never merged unseen).
    let mut named: Vec<String> = Vec::new();
    for r in &doc.res {
        match r.kind {
            SERVICE => named.push(service_name(r)),
            TASK_DEF => named.push(family(r)),
            PROVIDER => named.push(provider_name(r)),
            _ => {}
        }
    }
    // Plain loops over the three lists: iterator chains of three item types were 2 KB of wasm.
    let mut lists: [(&str, Vec<&str>); 3] = [
        ("services", Vec::new()),
        ("daemons", Vec::new()),
        ("capacity providers", Vec::new()),
    ];
    let mut updated = 0;
    for x in current.services.iter().flatten() {
        lists[0].1.extend(x.name.as_deref());
    }
    for x in current.daemons.iter().flatten() {
        lists[1].1.extend(x.name.as_deref());
    }
    for x in current.capacity_providers.iter().flatten() {
        // AWS's own Fargate providers are every cluster's.
        lists[2]
            .1
            .extend(x.name.as_deref().filter(|n| !n.starts_with("FARGATE")));
    }
    let mut kept: Vec<String> = Vec::new();
    for (i, (what, list)) in lists.iter_mut().enumerate() {
        let before = list.len();
        list.retain(|n| !named.iter().any(|x| x == n));
        if i == 0 {
            updated = before - list.len();
        }
        // Ten by name, the rest counted.
        let more = list.len().saturating_sub(10);
        list.truncate(10);
        match (list.is_empty(), more) {
            (true, _) => {}
            (false, 0) => kept.push(format!("{what} {}", list.join(", "))),
            (false, n) => kept.push(format!("{what} {} and {n} more", list.join(", "))),
        }
    }
    if !kept.is_empty() {
        doc.notes.insert(
            0,
            format!(
                "kept from the scenario before, not in this document: {}. They stay in the plan: remove them if they are not this cluster's",
                kept.join("; ")
            ),
        );
    }
    doc.notes.insert(
        0,
        format!(
            "{} {read} resource(s) read; {added} service(s) added, {updated} updated",
            if d == Dialect::Cfn {
                "CloudFormation:"
            } else {
                "Terraform:"
            }
        ),
    );
    Some(Ok(Imported {
        scenario: s,
        notes: doc.notes,
    }))
}

/// The most resources of the kinds read that one document may hold: ten times what a plan of
/// [`MAX_SERVICES`] services needs (a service, its task definition, a few groups and providers).
pub const MAX_RESOURCES: usize = 1_000;

/// The first cap the document's resources pass, as an error at the first resource past it.
fn over_caps(doc: &Doc) -> Option<FieldError> {
    if doc.res.len() > MAX_RESOURCES {
        return Some(FieldError::new(
            "",
            format!(
                "{} ECS resources (task definitions, services, capacity providers, groups, launch templates): an import reads at most {}; a plan holds at most {MAX_SERVICES} services",
                thousands(doc.res.len() as u64),
                thousands(MAX_RESOURCES as u64)
            ),
        ));
    }
    let services = doc.of(SERVICE);
    // With no service each task definition is read as one.
    let (what, list) = if services.is_empty() {
        ("task definitions", doc.of(TASK_DEF))
    } else {
        ("services", services)
    };
    [
        (what, list, MAX_SERVICES),
        ("capacity providers", doc.of(PROVIDER), MAX_PROVIDERS),
    ]
        .into_iter()
        .find_map(|(what, list, cap)| {
            list.get(cap).map(|first| {
                FieldError::new(
                    first.path.clone(),
                    format!(
                        "{} {what} in this document: a plan holds at most {cap}; this is the first past it",
                        list.len()
                    ),
                )
            })
        })
}

/// Resource `r`'s own name (Terraform's `key`, CloudFormation's `pascal`), else its logical ID
/// (CloudFormation makes one up from it).
fn named(r: &Res, key: &str, pascal: &str) -> String {
    r.v.get(key)
        .or_else(|| r.v.get(pascal))
        .and_then(Value::as_str)
        .unwrap_or(&r.id)
        .to_string()
}

fn provider_name(r: &Res) -> String {
    named(r, "name", "Name")
}

fn service_name(r: &Res) -> String {
    named(r, "name", "ServiceName")
}

fn family(r: &Res) -> String {
    named(r, "family", "Family")
}

/// Capacity providers (with AWS's Fargate ones that strategies name), their Auto Scaling groups,
/// and the cluster's default strategy.
fn read_providers(doc: &mut Doc, s: &mut ScenarioInput) {
    let d = Some(doc.d);
    let mut list = Vec::new();
    // (provider, its group's resource ID when the document names it, whether it names none, path)
    let mut groups = Vec::new();
    for r in doc.owned(PROVIDER) {
        let name = provider_name(&r);
        if name == r.id {
            doc.note(format!("{}: no Name: planned as {name}", r.path));
        }
        let cli = format!("capacityProviders[{}]", list.len());
        list.push(doc.written(&r, cli, &[("name", quoted(&name))]));
        if get(r.v, &["autoScalingGroupProvider"], d).is_some() {
            let arn = get(r.v, &["autoScalingGroupProvider", "autoScalingGroupArn"], d);
            let reference = arn.and_then(reference);
            let g = doc.target(
                GROUP,
                reference,
                &["arn", "name", "autoScalingGroupName"],
                (
                    &r.id,
                    &["auto_scaling_group_provider", "auto_scaling_group_arn"],
                ),
            );
            groups.push((name, g.map(|g| g.id.clone()), reference.is_none(), r.path));
        }
    }
    // Strategies may name AWS's own Fargate providers, which a document does not declare.
    let mut named: Vec<&str> = Vec::new();
    for r in &doc.res {
        if get(r.v, &["launchType"], d).and_then(Value::as_str) == Some("FARGATE") {
            named.push("FARGATE");
        }
        for key in [
            "capacityProviderStrategy",
            "defaultCapacityProviderStrategy",
        ] {
            let items = get(r.v, &[key], d).and_then(Value::as_array);
            for x in items.into_iter().flatten() {
                named.extend(get(x, &["capacityProvider"], d).and_then(Value::as_str));
            }
        }
    }
    for f in ["FARGATE", "FARGATE_SPOT"] {
        if !list.is_empty() && named.contains(&f) {
            list.push(format!("{{\"name\":\"{f}\"}}"));
        }
    }
    let groups_in_doc: Vec<String> = doc.of(GROUP).iter().map(|g| g.id.clone()).collect();
    if list.is_empty() {
        // No capacity provider: one group is the cluster's (as if CAS managed it).
        if let [one] = groups_in_doc.as_slice() {
            doc.note(format!(
                "{one}: no capacity provider in this document: planned as the cluster's one group, as if CAS managed it"
            ));
            apply_group(doc, s, one, None);
        }
        return;
    }
    doc.read(
        &format!("{{\"capacityProviders\":[{}]}}", list.join(",")),
        s,
    );
    if !doc.errors.is_empty() {
        return;
    }
    // The CLI's output has no group; the document has: each provider's is read below.
    for n in &mut doc.notes {
        if let Some(x) =
            n.strip_suffix(" (its types and Spot are not in this output: set them beside it)")
        {
            *n = x.to_string();
        }
    }
    let lone = s.capacity_providers.is_none();
    for (name, g, unnamed, path) in groups {
        // A provider whose group the document cannot name, in a document with one group: that
        // one.
        let g = match (g, unnamed, groups_in_doc.as_slice()) {
            (Some(g), _, _) => g,
            (None, true, [one]) => one.clone(),
            _ => {
                doc.note(format!(
                    "{path}: provider {name}'s Auto Scaling group is not in this document: its types, size and N stay as they are"
                ));
                continue;
            }
        };
        apply_group(doc, s, &g, (!lone).then_some(name.as_str()));
    }
    if let Some(r) = doc.owned(ASSOCIATION).first() {
        set_default_strategy(doc, s, r);
    }
}

/// The cluster's default strategy (of association `r`), onto the scenario's providers.
fn set_default_strategy(doc: &mut Doc, s: &mut ScenarioInput, r: &Res) {
    let key = "defaultCapacityProviderStrategy";
    let list = get(r.v, &[key], Some(doc.d)).and_then(Value::as_array);
    let mut items = Vec::new();
    for (j, x) in list.into_iter().flatten().enumerate() {
        let named = get(x, &["capacityProvider"], Some(doc.d)).and_then(reference);
        // A provider the template names by a function it cannot resolve: the cluster's default
        // strategy stays as it is (said), not an error.
        if named.is_none() {
            let at = format!("{}.{}[{j}]", r.path, doc_key(key, doc.d).0);
            doc.note(format!(
                "{at}: its capacity provider is not known from the document: the default strategy stays as it is"
            ));
            return;
        }
        // CloudFormation names a provider of the template by its logical ID.
        let n = match doc
            .of(PROVIDER)
            .into_iter()
            .find(|p| Some(p.id.as_str()) == named)
        {
            Some(p) => provider_name(p),
            None => named.unwrap_or_default().to_string(),
        };
        let known = s
            .capacity_providers
            .iter()
            .flatten()
            .any(|p| p.name.as_deref() == Some(&n));
        if s.capacity_providers.is_some() && !known {
            doc.errors.push(FieldError::new(
                format!("{}.{}[{j}]", r.path, doc_key(key, doc.d).0),
                format!("the default strategy names {n}, which this document does not declare"),
            ));
        }
        let num = |k: &str| number(get(x, &[k], Some(doc.d)));
        items.push(StrategyItemInput {
            capacity_provider: Some(n),
            base: num("base"),
            weight: num("weight"),
        });
    }
    if items.is_empty() {
        return;
    }
    let path = &r.path;
    if s.capacity_providers.is_none() {
        doc.note(format!(
            "{path}: the default strategy names the cluster's one Auto Scaling group: every service runs on it"
        ));
        return;
    }
    s.default_strategy = Some(items);
    doc.note(format!(
        "{path}: the cluster's default capacity provider strategy"
    ));
}

/// Auto Scaling group `id` onto provider `to` (None: the scenario's one group): its instance
/// types (its launch template's, or its mixed instances policy's overrides), Spot (a policy with
/// no On-Demand), MinSize and MaxSize, and N from its desired capacity.
fn apply_group(doc: &mut Doc, s: &mut ScenarioInput, id: &str, to: Option<&str>) {
    let Some(g) = doc.res.iter().find(|r| r.id == id).cloned() else {
        return;
    };
    let d = Some(doc.d);
    let policy = get(g.v, &["mixedInstancesPolicy"], d);
    let mut types: Vec<String> = Vec::new();
    // Terraform's block is `override`, CloudFormation's list `Overrides`.
    let okey = ["override", "overrides"]
        .into_iter()
        .find(|k| {
            policy
                .and_then(|p| get(p, &["launchTemplate", k], d))
                .is_some()
        })
        .unwrap_or("overrides");
    let overrides = policy.and_then(|p| get(p, &["launchTemplate", okey], d));
    // An override's type the document does not know: the group's types stay as they are (not
    // the launch template's, which the overrides replace).
    let mut unknown_type = false;
    for (i, o) in overrides
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let Some(t) = get(o, &["instanceType"], d) else {
            continue;
        };
        let at = doc.sub(
            &g,
            &format!("mixedInstancesPolicy.launchTemplate.{okey}[{i}].instanceType"),
        );
        match doc.known(t, &at, "InstanceType").and_then(Value::as_str) {
            Some(t) => types.push(t.to_string()),
            None => unknown_type = true,
        }
    }
    if unknown_type {
        types.clear();
    }
    let spec = policy
        .and_then(|p| get(p, &["launchTemplate", "launchTemplateSpecification"], d))
        .or_else(|| get(g.v, &["launchTemplate"], d));
    let named = spec.and_then(|x| {
        ["launchTemplateId", "id", "launchTemplateName", "name"]
            .iter()
            .find_map(|k| get(x, &[k], d).and_then(reference))
    });
    let expr: &[&str] = if policy.is_some() {
        &[
            "mixed_instances_policy",
            "launch_template",
            "launch_template_specification",
            "launch_template_id",
        ]
    } else {
        &["launch_template", "id"]
    };
    let template = doc
        .target(
            TEMPLATE,
            named,
            &["id", "name", "launchTemplateName"],
            (id, expr),
        )
        .cloned()
        .or_else(|| match doc.of(TEMPLATE).as_slice() {
            // One launch template in the document, and a group that names one: that one.
            [one] if spec.is_some() => Some((*one).clone()),
            _ => None,
        });
    if let (true, false, Some(t)) = (types.is_empty(), unknown_type, &template) {
        // A parameter's default is used, a function is not known (noted either way).
        let x = match get(t.v, &["launchTemplateData"], d) {
            Some(_) => doc.at(t, &["launchTemplateData", "instanceType"]),
            None => doc.at(t, &["instanceType"]),
        };
        types.extend(x.and_then(Value::as_str).map(str::to_string));
    }
    let mut share =
        |k: &str| number(doc.at(&g, &["mixedInstancesPolicy", "instancesDistribution", k]));
    let base = share("onDemandBaseCapacity").unwrap_or(0.0);
    let spot = match share("onDemandPercentageAboveBaseCapacity") {
        Some(p) if p == 0.0 && base == 0.0 => Some(true),
        Some(p) if p >= 100.0 => Some(false),
        Some(p) => {
            doc.note(format!(
                "{}: {} On-Demand, then {}% On-Demand: the app plans a group all On-Demand or all Spot, so Spot stays as it is",
                g.path,
                trim_float(base),
                trim_float(p)
            ));
            None
        }
        None => None,
    };
    // A value that is not a number (a parameter's default of the wrong type) keeps the field's,
    // said (the adversarial review's "three" was noted as used, then dropped unsaid).
    let mut num = |k: &str| {
        let v = doc.at(&g, &[k])?;
        let n = number(Some(v));
        if n.is_none() && !v.is_null() {
            let at = doc.sub(&g, k);
            doc.note(format!(
                "{at}: {} is not a number: the field keeps its current value",
                super::json::compact(v)
            ));
        }
        n
    };
    let (min, max, n) = (num("minSize"), num("maxSize"), num("desiredCapacity"));
    let asg = (min.is_some() || max.is_some()).then_some(AsgInput {
        min_size: min,
        max_size: max,
    });
    let mut p = ProviderInput::default();
    let target = match to {
        None => &mut p,
        Some(name) => match s
            .capacity_providers
            .iter_mut()
            .flatten()
            .find(|p| p.name.as_deref() == Some(name))
        {
            Some(x) => x,
            None => return,
        },
    };
    match types.as_slice() {
        [] => {}
        [one] => (target.instance_type, target.instance_types) = (Some(one.clone()), None),
        many => (target.instance_type, target.instance_types) = (None, Some(many.to_vec())),
    }
    if spot.is_some() {
        target.spot = spot;
    }
    if asg.is_some() {
        target.asg = asg;
    }
    if let Some(x) = n {
        target.running_instances = Some(NumberOrMap::Number(x));
    }
    if to.is_none() {
        // The cluster's one group: the same fields at the top of the scenario.
        if !types.is_empty() {
            (s.instance_type, s.instance_types, s.instance) =
                (p.instance_type, p.instance_types, None);
        }
        if p.asg.is_some() {
            s.asg = p.asg;
        }
        if p.running_instances.is_some() {
            s.running_instances = p.running_instances;
        }
        if spot == Some(true) {
            doc.note(format!(
                "{}: a Spot group: the app plans the one group On-Demand; make it a Spot capacity provider to price it as Spot",
                g.path
            ));
        }
    }
    let mut said = match types.as_slice() {
        [] => "instance type not in this document (it stays as it is)".to_string(),
        t => t.join(", "),
    };
    if let Some(x) = n {
        said.push_str(&format!(
            "; N = desired capacity {} (its size when this was written; CAS changes it)",
            trim_float(x)
        ));
    }
    doc.note(format!(
        "{id}: the Auto Scaling group of {}: {said}",
        to.unwrap_or("the cluster")
    ));
}

/// The task definition service `r` runs: by reference (or the plan's configuration), or by the
/// family in an ARN or "family:revision".
fn service_task<'a, 'b>(doc: &'b Doc<'a>, r: &Res) -> Option<&'b Res<'a>> {
    let named = get(r.v, &["taskDefinition"], Some(doc.d)).and_then(reference);
    doc.target(
        TASK_DEF,
        named,
        &["arn", "family"],
        (&r.id, &["task_definition"]),
    )
    .or_else(|| {
        let f = super::import::family_of(named?);
        doc.res
            .iter()
            .find(|t| t.kind == TASK_DEF && family(t) == f)
    })
}

/// Task definitions, each read under the name of the service that runs it (so the services read
/// next, and a second import, find their own); with no service in the document, all of them
/// under their families.
fn read_task_definitions(doc: &mut Doc, s: &mut ScenarioInput, current: &ScenarioInput) {
    let d = doc.d;
    let services = doc.owned(SERVICE);
    // Each service's task definition, found once (not once for each task definition: that grew
    // with the square of the document).
    let runs: Vec<(String, Option<String>)> = services
        .iter()
        .map(|x| (service_name(x), service_task(doc, x).map(|t| t.id.clone())))
        .collect();
    let mut list = Vec::new();
    // (service, whether its task CPU, its memory, its network mode and its host port are not
    // known): each keeps the scenario's
    let mut unknown: Vec<(String, [bool; 4])> = Vec::new();
    let mut left_out = 0usize;
    for r in doc.owned(TASK_DEF) {
        let f = family(&r);
        let mut names: Vec<String> = runs
            .iter()
            .filter(|(_, t)| t.as_deref() == Some(r.id.as_str()))
            .map(|(n, _)| n.clone())
            .collect();
        if services.is_empty() {
            names.push(f.clone());
        }
        if names.is_empty() {
            left_out += 1;
            // A few by name; the rest counted (a document may hold hundreds).
            if left_out <= 5 {
                doc.note(format!(
                    "{}: task definition {f}: no service here runs it, so it is left out",
                    r.path
                ));
            }
            continue;
        }
        let mut missing = [false; 2];
        // Given at task level (else the containers' sum stands for it).
        let mut given = [false; 2];
        for ((m, g), k) in missing.iter_mut().zip(&mut given).zip(["cpu", "memory"]) {
            *m = match get(r.v, &[k], Some(d)) {
                // A function CloudFormation resolves only when it deploys.
                Some(x) if x.is_object() => {
                    let at = doc.sub(&r, k);
                    doc.known(x, &at, "").is_none()
                }
                Some(x) if !x.is_null() && x.as_str() != Some("") => {
                    *g = true;
                    false
                }
                // Terraform: absent from the plan's values when known only on apply.
                _ => doc
                    .unknown
                    .contains(&format!("{}.{}", r.path, doc_key(k, d).0)),
            };
        }
        // The containers, for what the model does not place by: GPUs, and Windows.
        let text_defs = get(r.v, &["containerDefinitions"], Some(d)).and_then(Value::as_str);
        let parsed = text_defs.and_then(|t| super::json::parse(t).ok());
        let (containers, cd) = match &parsed {
            Some(p) => (Some(p), None),
            None => (get(r.v, &["containerDefinitions"], Some(d)), Some(d)),
        };
        for (i, c) in containers
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let needs = get(c, &["resourceRequirements"], cd).and_then(Value::as_array);
            let gpu = needs
                .into_iter()
                .flatten()
                .any(|x| get(x, &["type"], cd).and_then(Value::as_str) == Some("GPU"));
            if gpu {
                let at = doc.sub(
                    &r,
                    &format!("containerDefinitions[{i}].resourceRequirements"),
                );
                doc.note(format!(
                    "{at}: {f} asks for a GPU: the model places by CPU, memory and ENIs only"
                ));
            }
        }
        let os = get(r.v, &["runtimePlatform", "operatingSystemFamily"], Some(d));
        if os
            .and_then(Value::as_str)
            .is_some_and(|o| o.starts_with("WINDOWS"))
        {
            let at = doc.sub(&r, "runtimePlatform.operatingSystemFamily");
            doc.note(format!(
                "{at}: {f} is a Windows task: the model's instance facts (registered memory, ENIs) are Linux ones"
            ));
        }
        for n in &names {
            let cli = format!("taskDefinitions[{}]", list.len());
            list.push(doc.written(&r, cli, &[("family", quoted(n))]));
        }
        // What the writing found not known (the same for each service that runs it):
        // - a container's size, or a whole container: the sum of the others is another number,
        //   so with no task-level size the service keeps its own (the adversarial review's
        //   template went from 4096 MiB to 512, unsaid);
        // - the network mode, or a container's host port: read as absent they would be bridge
        //   and none; the host port follows from the mode (host mode: the container's port).
        let at = format!("{}.{}", r.path, doc_key("containerDefinitions", d).0);
        let net = format!("{}.{}", r.path, doc_key("networkMode", d).0);
        let mode = doc.unknown.contains(&net);
        let (mut cpu, mut memory, mut port) = (missing[0], missing[1], mode);
        for u in doc
            .unknown
            .iter()
            .filter_map(|u| u.strip_prefix(at.as_str()))
        {
            let whole = !u.contains('.');
            cpu |= !given[0] && (whole || u.ends_with(".Cpu"));
            memory |=
                !given[1] && (whole || u.ends_with(".Memory") || u.ends_with(".MemoryReservation"));
            port |= u.ends_with(".HostPort");
        }
        let flags = [cpu, memory, mode, port];
        if flags.contains(&true) {
            unknown.extend(names.into_iter().map(|n| (n, flags)));
        }
    }
    if left_out > 5 {
        doc.note(format!(
            "and {} more task definitions no service here runs, left out",
            left_out - 5
        ));
    }
    if list.is_empty() || !doc.errors.is_empty() {
        return;
    }
    doc.read(&format!("{{\"taskDefinitions\":[{}]}}", list.join(",")), s);
    for (name, [cpu, memory, mode, port]) in unknown {
        // A value the document does not know keeps the scenario's (a task size never the
        // containers' sum, which is another number): its service's as it was, else none, said.
        let was = current
            .services
            .iter()
            .flatten()
            .find(|x| x.name.as_deref() == Some(&name))
            .cloned()
            .unwrap_or_default();
        if was.name.is_none() && (cpu || memory) {
            // A service's CPU left out is the API's default, none reserved: the plan goes on with
            // it, so the note says which number stands in until it is set.
            doc.note(format!(
                "service {name}: its task-level {} is not known from the document: set it{}",
                if cpu { "CPU" } else { "memory" },
                if cpu {
                    " (until then it is planned with none reserved, 0 CPU units, the API's default for a service with no CPU)"
                } else {
                    ""
                }
            ));
        }
        for x in s.services.iter_mut().flatten() {
            if x.name.as_deref() == Some(&name) {
                if cpu {
                    x.cpu = was.cpu;
                }
                if memory {
                    (x.memory, x.memory_reservation) = (was.memory, was.memory_reservation);
                }
                if mode {
                    x.network_mode = was.network_mode.clone();
                }
                if port {
                    x.host_port = was.host_port;
                }
            }
        }
    }
}

/// Services: desired counts, daemons, strategies (a Fargate launch type as the FARGATE
/// provider), placement strategies and distinctInstance, each with its task definition.
fn read_services(doc: &mut Doc, s: &mut ScenarioInput) {
    let d = Some(doc.d);
    let mut list = Vec::new();
    let mut distinct = Vec::new();
    for r in doc.owned(SERVICE) {
        let name = service_name(&r);
        if name == r.id {
            doc.note(format!("{}: no ServiceName: named {name}", r.path));
        }
        let task = service_task(doc, &r).map(family);
        if task.is_none() {
            let at = doc.sub(&r, "taskDefinition");
            doc.note(format!(
                "{at}: service {name}'s task definition is not in this document: it is sized as the scenario's service {name}, if any"
            ));
        }
        let mut extra = vec![
            ("serviceName", quoted(&name)),
            // null reads as absent: the service keeps its sizes.
            (
                "taskDefinition",
                task.as_deref().map_or("null".into(), quoted),
            ),
        ];
        // A strategy the document does not know (a function for the list, an item, or an item's
        // provider that names no provider of the document): the service keeps its own, said,
        // rather than an error (the adversarial review's Fn::If items).
        let mut unknown_strategy = false;
        if let Some(v) = get(r.v, &["capacityProviderStrategy"], d) {
            unknown_strategy = function_of(v).is_some();
            for item in v.as_array().into_iter().flatten() {
                let p = get(item, &["capacityProvider"], d);
                // `Ref` to a provider of the document is its name, known.
                let ours = p
                    .and_then(reference)
                    .is_some_and(|id| doc.res.iter().any(|x| x.kind == PROVIDER && x.id == id));
                unknown_strategy |=
                    function_of(item).is_some() || (p.and_then(function_of).is_some() && !ours);
            }
        }
        // (Said where the function is, when the document is written below.)
        let strategy = get(r.v, &["capacityProviderStrategy"], d)
            .and_then(Value::as_array)
            .filter(|_| !unknown_strategy);
        // Through `at`: a parameter's default is the launch type (and said so).
        let fargate = doc.at(&r, &["launchType"]).and_then(Value::as_str) == Some("FARGATE");
        if unknown_strategy && !fargate {
            // Written after the document's own members, so it is the one read: absent.
            extra.push(("capacityProviderStrategy", "null".into()));
        } else if strategy.is_none_or(Vec::is_empty) && fargate {
            let at = doc.sub(&r, "launchType");
            doc.note(format!(
                "{at}: service {name} runs on Fargate: planned with the strategy FARGATE"
            ));
            extra.push((
                "capacityProviderStrategy",
                "[{\"capacityProvider\":\"FARGATE\",\"weight\":1}]".into(),
            ));
        }
        let constraints = get(r.v, &["placementConstraints"], d).and_then(Value::as_array);
        for (i, c) in constraints.into_iter().flatten().enumerate() {
            match get(c, &["type"], d).and_then(Value::as_str) {
                Some("distinctInstance") => distinct.push(name.clone()),
                other => {
                    let at = doc.sub(&r, &format!("placementConstraints[{i}]"));
                    doc.note(format!(
                        "{at}: service {name}'s {} constraint is not modelled",
                        other.unwrap_or("placement")
                    ));
                }
            }
        }
        let cli = format!("services[{}]", list.len());
        list.push(doc.written(&r, cli, &extra));
    }
    if list.is_empty() || !doc.errors.is_empty() {
        return;
    }
    doc.read(&format!("{{\"services\":[{}]}}", list.join(",")), s);
    for x in s.services.iter_mut().flatten() {
        if x.name.as_ref().is_some_and(|n| distinct.contains(n)) {
            x.distinct_instance = Some(true);
        }
    }
}
