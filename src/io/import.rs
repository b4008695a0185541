//! Import (issue 6): the JSON the AWS CLI prints, laid over the current scenario.
//!
//! - `aws ecs describe-task-definition` (or a bare task definition): a service named after the
//!   family, with the task's CPU and memory (task level, else the containers' sum), the containers'
//!   memoryReservation, the network mode and the first static host port. An existing service of that
//!   name is updated; else it is added (desired count 1 until `describe-services` says more).
//! - `aws ecs describe-services`: each service's desiredCount (matched by service name, then by its
//!   task definition's family), the placement strategy, its capacityProviderStrategy as given;
//!   `DAEMON` services become daemons.
//! - `aws ecs describe-container-instances`: N per instance type, and the measured registered
//!   memory (the smallest seen per type).
//! - `aws ecs describe-capacity-providers`: each provider, with managed scaling's targetCapacity,
//!   step sizes, warm-up and managed termination protection. One Auto Scaling group provider in a
//!   scenario with none is read as the cluster's one group, as before strategies existed.
//!
//! Nothing is half-applied: any error (each naming its JSON path) leaves the scenario unchanged.
//! What the model does not use (placement constraints) is noted.

use crate::model::text_map::TextMap;

use serde_json::Value;

use super::json;
use crate::model::scenario::{
    CapacityProviderInput, DaemonInput, NumberOrMap, ProviderInput, RangeInput, RequirementsInput,
    ScenarioInput, ServiceInput, StrategyItemInput,
};
use crate::model::validate::{FieldError, MAX_INSTANCES, MAX_PROVIDERS, MAX_SERVICES};

/// What an import did, in words, and the scenario after it.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// The scenario with the import laid over it.
    pub scenario: ScenarioInput,
    /// What was read, and what was left out.
    pub notes: Vec<String>,
}

struct Reader {
    errors: Vec<FieldError>,
    notes: Vec<String>,
}

impl Reader {
    fn err(&mut self, path: &str, message: impl Into<String>) {
        self.errors.push(FieldError::new(path, message));
    }

    /// A number, or a string holding one (task definitions write "256").
    fn number(&mut self, v: Option<&Value>, path: &str) -> Option<f64> {
        match v? {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => match crate::model::units::parse_decimal(s.trim()) {
                Some(x) => Some(x),
                None => {
                    self.err(path, format!("expected a number, got \"{s}\""));
                    None
                }
            },
            Value::Null => None,
            other => {
                self.err(
                    path,
                    format!("expected a number, got {}", json::kind(other)),
                );
                None
            }
        }
    }

    /// A name at `key` of `v`: refused past the scenario's 64 characters, at its path, before
    /// it reaches the page (a long name once made a 5 MB link before the form refused it).
    fn name<'a>(&mut self, v: &'a Value, key: &str, path: &str) -> Option<&'a str> {
        let n = text(v, key)?;
        if n.chars().count() > 64 {
            self.err(
                &super::json::join(path, key),
                format!(
                    "a name of {} characters: the planner takes at most 64",
                    n.chars().count()
                ),
            );
            return None;
        }
        Some(n)
    }

    fn list<'a>(&mut self, v: Option<&'a Value>, path: &str) -> &'a [Value] {
        match v {
            Some(Value::Array(a)) => a,
            None | Some(Value::Null) => &[],
            Some(other) => {
                self.err(path, format!("expected a list, got {}", json::kind(other)));
                &[]
            }
        }
    }
}

fn text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// The family in a task definition ARN or "family:revision".
pub(crate) fn family_of(reference: &str) -> &str {
    let last = reference.rsplit('/').next().unwrap_or(reference);
    last.split(':').next().unwrap_or(last)
}

/// Reads one task definition at `path` into a service (sizes, mode, port).
fn task_definition(r: &mut Reader, td: &Value, path: &str) -> Option<ServiceInput> {
    let Some(family) = r.name(td, "family", path) else {
        if r.errors.last().is_some_and(|e| e.path.ends_with("family")) {
            return None;
        }
        r.err(
            &format!("{path}.family"),
            "a task definition needs its family (the service is named after it)",
        );
        return None;
    };
    let containers = r.list(
        td.get("containerDefinitions"),
        &format!("{path}.containerDefinitions"),
    );
    // Task-level CPU and memory are enough to plan with; without them the containers must say.
    if containers.is_empty() && td.get("memory").is_none_or(Value::is_null) {
        r.err(
            &format!("{path}.containerDefinitions"),
            "a task definition needs its memory, at task level or in its containers",
        );
        return None;
    }
    let (mut cpu_sum, mut mem_sum, mut res_sum, mut any_mem, mut any_res) =
        (0.0, 0.0, 0.0, false, false);
    let mut host_port = None;
    let mode = text(td, "networkMode").unwrap_or("bridge").to_string();
    for (i, c) in containers.iter().enumerate() {
        let cp = format!("{path}.containerDefinitions[{i}]");
        cpu_sum += r.number(c.get("cpu"), &format!("{cp}.cpu")).unwrap_or(0.0);
        let memory = r.number(c.get("memory"), &format!("{cp}.memory"));
        let reservation = r.number(
            c.get("memoryReservation"),
            &format!("{cp}.memoryReservation"),
        );
        any_mem |= memory.is_some();
        any_res |= reservation.is_some();
        // A container with only a reservation reserves that; with only a hard limit, the limit.
        mem_sum += memory.or(reservation).unwrap_or(0.0);
        res_sum += reservation.or(memory).unwrap_or(0.0);
        for (j, m) in r
            .list(c.get("portMappings"), &format!("{cp}.portMappings"))
            .iter()
            .enumerate()
        {
            let pp = format!("{cp}.portMappings[{j}]");
            let port = if mode == "host" {
                r.number(m.get("containerPort"), &format!("{pp}.containerPort"))
            } else {
                r.number(m.get("hostPort"), &format!("{pp}.hostPort"))
            };
            match (port, host_port) {
                (Some(p), None) if p > 0.0 && mode != "awsvpc" => host_port = Some(p),
                (Some(p), Some(_)) if p > 0.0 && mode != "awsvpc" => r.notes.push(format!(
                    "{family}: only the first static host port is modelled ({pp} left out)"
                )),
                _ => {}
            }
        }
    }
    let task_cpu = r.number(td.get("cpu"), &format!("{path}.cpu"));
    let task_mem = r.number(td.get("memory"), &format!("{path}.memory"));
    let memory = task_mem.or(any_mem.then_some(mem_sum));
    let reservation = if task_mem.is_none() && any_res {
        Some(res_sum)
    } else {
        None
    };
    if memory.is_none() && reservation.is_none() {
        r.err(
            &format!("{path}.memory"),
            "no memory at task or container level: ECS needs one",
        );
    }
    if td
        .get("placementConstraints")
        .and_then(Value::as_array)
        .is_some_and(|a| !a.is_empty())
    {
        r.notes
            .push(format!("{family}: placement constraints are not modelled"));
    }
    Some(ServiceInput {
        name: Some(family.to_string()),
        cpu: Some(task_cpu.unwrap_or(cpu_sum)),
        memory: memory.filter(|_| reservation.is_none() || any_mem),
        memory_reservation: reservation.filter(|r| Some(*r) != memory),
        desired_count: None,
        network_mode: Some(mode),
        host_port,
        distinct_instance: None,
        capacity_provider_strategy: None,
    })
}

fn strategy_of(r: &mut Reader, list: &[Value], path: &str) -> Option<String> {
    let first = list.first()?;
    let kind = text(first, "type").unwrap_or("");
    let field = text(first, "field").unwrap_or("").to_ascii_lowercase();
    let s = match (kind, field.as_str()) {
        ("binpack", "cpu") => "binpack-cpu",
        ("binpack", _) => "binpack-memory",
        ("spread", f) if f.contains("availability-zone") => "spread-az",
        ("spread", _) => "spread-instance",
        ("random", _) => "random",
        _ => {
            r.err(
                &format!("{path}[0].type"),
                format!("unknown placement strategy type \"{kind}\": binpack, spread or random"),
            );
            return None;
        }
    };
    // The model's spread over zones binpacks memory within a zone (model.md): the usual pair is
    // modelled whole. Anything else after the first is said, with its path.
    let rest: Vec<String> = list
        .iter()
        .skip(1)
        .map(|x| {
            let field = text(x, "field").unwrap_or("").to_ascii_lowercase();
            format!("{}({field})", text(x, "type").unwrap_or("?"))
        })
        .collect();
    let whole = rest.is_empty() || (s == "spread-az" && rest == ["binpack(memory)"]);
    if !whole {
        r.notes.push(format!(
            "{path}: only the first placement strategy ({s}) is modelled; {} after it is not",
            rest.join(", ")
        ));
    }
    Some(s.to_string())
}

/// The largest text an import reads (what 100 services' worth of CLI output needs, many times over).
pub const MAX_IMPORT_BYTES: usize = 5_000_000;

/// Lays the CLI output in `text` over `current`.
pub fn import(source: &str, current: &ScenarioInput) -> Result<Imported, Vec<FieldError>> {
    import_read(&read_source(source)?, current)
}

/// The JSON of an import's text: past the size cap, or not JSON, an error saying why.
fn read_source(source: &str) -> Result<Value, Vec<FieldError>> {
    // Past the caps nothing could be planned: refuse before reading, saying which cap.
    if source.len() > MAX_IMPORT_BYTES {
        return Err(vec![FieldError::new(
            "",
            format!(
                "the text is {} bytes, over the {} bytes an import reads: a plan holds at most {MAX_SERVICES} services",
                crate::model::units::thousands(source.len() as u64),
                crate::model::units::thousands(MAX_IMPORT_BYTES as u64)
            ),
        )]);
    }
    json::parse(source).map_err(|e| {
        // A template in YAML reads as no JSON at all: say how to get the JSON.
        if source.contains("Resources:") {
            vec![FieldError::new(
                "",
                "this looks like a CloudFormation template in YAML: paste it as JSON (cfn-flip template.yaml, or cdk synth --json)",
            )]
        } else {
            e
        }
    })
}

/// [`import`] of the text's JSON, `v`: laid over `current`, within the plan's caps.
fn import_read(v: &Value, current: &ScenarioInput) -> Result<Imported, Vec<FieldError>> {
    let i = import_value(v, current)?;
    // Laid over what the scenario held, the total may pass a cap the document alone does not:
    // refused, as nothing past it could be planned (the review stacked a 100-service document
    // onto a page of 3, and the answer stopped following the form).
    let s = &i.scenario;
    for (what, n, cap) in [
        (
            "services",
            s.services.as_ref().map_or(0, Vec::len),
            MAX_SERVICES,
        ),
        (
            "daemons",
            s.daemons.as_ref().map_or(0, Vec::len),
            crate::model::validate::MAX_DAEMONS,
        ),
        (
            "capacity providers",
            s.capacity_providers.as_ref().map_or(0, Vec::len),
            MAX_PROVIDERS,
        ),
    ] {
        if n > cap {
            return Err(vec![FieldError::new(
                "",
                format!(
                    "with the scenario's own, this import makes {n} {what}: a plan holds at most {cap}. Remove some from the scenario first, or import onto a new one"
                ),
            )]);
        }
    }
    Ok(i)
}

/// [`import`] of JSON already read: AWS CLI output, Terraform's JSON or a CloudFormation template.
pub(crate) fn import_value(
    v: &Value,
    current: &ScenarioInput,
) -> Result<Imported, Vec<FieldError>> {
    // Terraform and CloudFormation (issue 16), in the page and the command line alike.
    if let Some(r) = super::iac::import_iac(v, current) {
        return r;
    }
    for key in [
        "services",
        "taskDefinitions",
        "containerInstances",
        "capacityProviders",
    ] {
        let n = v.get(key).and_then(Value::as_array).map_or(0, Vec::len);
        let cap = match key {
            "containerInstances" => MAX_INSTANCES as usize,
            "capacityProviders" => MAX_PROVIDERS,
            _ => MAX_SERVICES,
        };
        if n > cap {
            return Err(vec![FieldError::new(
                key,
                format!(
                    "{} entries: a plan holds at most {}; import fewer at a time",
                    crate::model::units::thousands(n as u64),
                    crate::model::units::thousands(cap as u64)
                ),
            )]);
        }
    }
    let mut r = Reader {
        errors: Vec::new(),
        notes: Vec::new(),
    };
    let mut s = current.clone();
    // Every import leaves a list of services, empty when the scenario had none.
    let services = s.services.get_or_insert_with(Vec::new);
    if v.get("taskDefinition").is_some() || v.get("containerDefinitions").is_some() {
        read_task_definition(&mut r, v, services);
    } else if let Some(list) = v.get("taskDefinitions").and_then(Value::as_array) {
        for (i, td) in list.iter().enumerate() {
            if let Some(svc) = task_definition(&mut r, td, &format!("taskDefinitions[{i}]")) {
                upsert(services, svc);
            }
        }
        r.notes
            .push(format!("{} task definition(s) read", list.len()));
    } else if v.get("services").is_some() {
        read_services(&mut r, v, &mut s, current);
    } else if v.get("containerInstances").is_some() {
        read_container_instances(&mut r, v, &mut s);
    } else if v.get("capacityProviders").is_some() {
        read_capacity_providers(&mut r, v, &mut s);
    } else {
        r.err(
            "",
            "not recognised: paste the JSON of aws ecs describe-task-definition, describe-services, describe-container-instances or describe-capacity-providers (or a task definition), terraform show -json, or a CloudFormation template",
        );
    }
    if r.errors.is_empty() {
        Ok(Imported {
            scenario: s,
            notes: r.notes,
        })
    } else {
        Err(r.errors)
    }
}

/// Puts `svc` in place of the service of its name (keeping that one's desired count and
/// distinctInstance), else adds it with one desired task; true when added.
fn upsert(services: &mut Vec<ServiceInput>, svc: ServiceInput) -> bool {
    match services.iter_mut().find(|x| x.name == svc.name) {
        Some(x) => {
            // What a task definition does not say is the service's own: its count, its
            // constraint and its strategy (the adversarial review lost a FARGATE_SPOT strategy
            // to a task definition's import).
            *x = ServiceInput {
                desired_count: x.desired_count,
                distinct_instance: x.distinct_instance,
                capacity_provider_strategy: x.capacity_provider_strategy.take(),
                ..svc
            };
            false
        }
        None => {
            services.push(ServiceInput {
                desired_count: Some(1.0),
                ..svc
            });
            true
        }
    }
}

/// `aws ecs describe-task-definition` (or a bare task definition): one service, added or sized.
fn read_task_definition(r: &mut Reader, v: &Value, services: &mut Vec<ServiceInput>) {
    let (td, path) = match v.get("taskDefinition") {
        Some(td) => (td, "taskDefinition"),
        None => (v, ""),
    };
    if let Some(svc) = task_definition(r, td, path) {
        let name = svc.name.clone().unwrap_or_default();
        let added = upsert(services, svc);
        r.notes.push(format!(
            "task definition {name}: {} service {name}",
            if added { "added" } else { "sized" }
        ));
    }
}

/// `aws ecs describe-services`: desired counts, daemons, the placement strategy.
fn read_services(r: &mut Reader, v: &Value, s: &mut ScenarioInput, current: &ScenarioInput) {
    let list = r.list(v.get("services"), "services").to_vec();
    let daemons = s.daemons.get_or_insert_with(Vec::new);
    let services = s.services.get_or_insert_with(Vec::new);
    let mut strategies: Vec<(String, String, Vec<StrategyItemInput>)> = Vec::new();
    for (i, sv) in list.iter().enumerate() {
        let path = format!("services[{i}]");
        if let Some(st) = read_service(r, sv, &path, services, daemons) {
            s.placement_strategy = Some(st);
        }
        let at = format!("{path}.capacityProviderStrategy");
        let items = strategy_items(r, sv.get("capacityProviderStrategy"), &at);
        if let (false, Some(name)) = (items.is_empty(), text(sv, "serviceName")) {
            strategies.push((name.to_string(), at, items));
        }
    }
    for (name, at, items) in strategies {
        apply_strategy(r, s, &name, &at, items);
    }
    // A scenario needs a service; the first import may have made them all daemons. The services
    // before stay, but not one this import made a daemon (it would be counted twice: the
    // adversarial review's document whose one service is a DAEMON).
    if s.services.as_ref().is_some_and(Vec::is_empty) {
        let daemons: Vec<&String> = s
            .daemons
            .iter()
            .flatten()
            .filter_map(|d| d.name.as_ref())
            .collect();
        s.services = current.services.as_ref().map(|list| {
            list.iter()
                .filter(|x| !x.name.as_ref().is_some_and(|n| daemons.contains(&n)))
                .cloned()
                .collect()
        });
    }
}

/// One service of `describe-services` at `path`: a `DAEMON` one becomes a daemon, any other gives
/// its service a desired count (or is added, sized by default). Returns its placement strategy.
fn read_service(
    r: &mut Reader,
    sv: &Value,
    path: &str,
    services: &mut Vec<ServiceInput>,
    daemons: &mut Vec<DaemonInput>,
) -> Option<String> {
    let Some(name) = r.name(sv, "serviceName", path) else {
        if r.errors
            .last()
            .is_some_and(|e| e.path.ends_with("serviceName"))
        {
            return None;
        }
        r.err(
            &format!("{path}.serviceName"),
            "expected the service's name",
        );
        return None;
    };
    let family = text(sv, "taskDefinition").map(family_of).unwrap_or(name);
    let at = services
        .iter()
        .position(|x| x.name.as_deref() == Some(name))
        .or_else(|| {
            services
                .iter()
                .position(|x| x.name.as_deref() == Some(family))
        });
    if text(sv, "schedulingStrategy") == Some("DAEMON") {
        let sized = at.map(|i| services.remove(i));
        add_daemon(r, (name, family), sized, daemons);
        return None;
    }
    let desired = r.number(sv.get("desiredCount"), &format!("{path}.desiredCount"));
    match at {
        Some(i) => {
            if let Some(x) = services.get_mut(i) {
                x.name = Some(name.to_string());
                x.desired_count = desired.or(x.desired_count);
            }
        }
        None => {
            services.push(ServiceInput {
                name: Some(name.to_string()),
                cpu: Some(256.0),
                memory: Some(512.0),
                desired_count: desired,
                ..ServiceInput::default()
            });
            r.notes.push(format!(
                "service {name}: sized 256 / 512 until you import its task definition ({family})"
            ));
        }
    }
    let strategies = r
        .list(
            sv.get("placementStrategy"),
            &format!("{path}.placementStrategy"),
        )
        .to_vec();
    strategy_of(r, &strategies, &format!("{path}.placementStrategy"))
}

/// The items of a `capacityProviderStrategy` at `path`, as given.
fn strategy_items(r: &mut Reader, v: Option<&Value>, path: &str) -> Vec<StrategyItemInput> {
    let list = r.list(v, path).to_vec();
    list.iter()
        .enumerate()
        .map(|(j, x)| {
            let at = format!("{path}[{j}]");
            let name = text(x, "capacityProvider");
            if name.is_none() {
                r.err(
                    &format!("{at}.capacityProvider"),
                    "expected the provider's name",
                );
            }
            StrategyItemInput {
                capacity_provider: name.map(str::to_string),
                base: r.number(x.get("base"), &format!("{at}.base")),
                weight: r.number(x.get("weight"), &format!("{at}.weight")),
            }
        })
        .collect()
}

/// AWS's own Fargate providers, which every cluster can use without describing them: (name, kind).
const FARGATE_PROVIDERS: [(&str, &str); 2] =
    [("FARGATE", "fargate"), ("FARGATE_SPOT", "fargate-spot")];

/// AWS's own Fargate provider of this name, as the scenario has it; None for another name.
fn fargate_provider(name: &str) -> Option<ProviderInput> {
    FARGATE_PROVIDERS
        .iter()
        .find(|(f, _)| *f == name)
        .map(|(f, kind)| ProviderInput {
            name: Some((*f).to_string()),
            kind: Some((*kind).to_string()),
            ..ProviderInput::default()
        })
}

/// Service `name`'s strategy (read at `at`) onto the scenario. With providers, set as given, AWS's
/// FARGATE and FARGATE_SPOT added when named and missing; a provider the scenario does not have is
/// an error naming it (import describe-capacity-providers first). With none, a strategy of one
/// item means that provider is the cluster's one group (noted); more items are an error.
fn apply_strategy(
    r: &mut Reader,
    s: &mut ScenarioInput,
    name: &str,
    at: &str,
    items: Vec<StrategyItemInput>,
) {
    let names: Vec<String> = items
        .iter()
        .filter_map(|x| x.capacity_provider.clone())
        .collect();
    let fargate_only = names
        .iter()
        .all(|n| FARGATE_PROVIDERS.iter().any(|(f, _)| f == n));
    if s.capacity_providers.is_none() && !fargate_only {
        if let [one] = names.as_slice() {
            r.notes.push(format!(
                "service {name}: its strategy names one provider, {one}: planned as the cluster's one Auto Scaling group"
            ));
        } else {
            r.err(
                at,
                format!(
                    "service {name}'s strategy names {} providers ({}): import aws ecs describe-capacity-providers first, so each is planned",
                    names.len(),
                    names.join(", ")
                ),
            );
        }
        return;
    }
    if s.capacity_providers.is_none() {
        // The scenario planned one EC2 group for every service: that group becomes a provider
        // and the default strategy, so the services with no strategy of their own stay on it.
        let group = "ec2";
        providers_of(r, s).push(ProviderInput {
            name: Some(group.into()),
            kind: Some("asg".into()),
            ..ProviderInput::default()
        });
        s.default_strategy = Some(vec![StrategyItemInput {
            capacity_provider: Some(group.into()),
            base: None,
            weight: Some(1.0),
        }]);
        r.notes.push(format!(
            "the cluster's one Auto Scaling group became capacity provider {group}, the default strategy, so other services stay on it"
        ));
    }
    let providers = providers_of(r, s);
    for (j, n) in names.iter().enumerate() {
        if providers.iter().any(|p| p.name.as_deref() == Some(n)) {
            continue;
        }
        match fargate_provider(n) {
            Some(p) => {
                r.notes.push(format!(
                    "capacity provider {n}: AWS's own, added ({})",
                    p.kind.as_deref().unwrap_or_default()
                ));
                providers.push(p);
            }
            None => r.err(
                &format!("{at}[{j}].capacityProvider"),
                format!("service {name}'s strategy names {n}, which the scenario does not have: import aws ecs describe-capacity-providers first"),
            ),
        }
    }
    if let Some(x) = s
        .services
        .iter_mut()
        .flatten()
        .find(|x| x.name.as_deref() == Some(name))
    {
        x.capacity_provider_strategy = Some(items);
        r.notes
            .push(format!("service {name}: its capacity provider strategy"));
    }
}

/// The `DAEMON` service `names` (its name and task family) as a daemon, sized as its service was
/// (`sized`), else 64 / 128 until its task definition is imported; replaces one of that name.
fn add_daemon(
    r: &mut Reader,
    names: (&str, &str),
    sized: Option<ServiceInput>,
    daemons: &mut Vec<DaemonInput>,
) {
    let (name, family) = names;
    daemons.retain(|d| d.name.as_deref() != Some(name));
    daemons.push(DaemonInput {
        name: Some(name.to_string()),
        cpu: Some(sized.as_ref().and_then(|x| x.cpu).unwrap_or(64.0)),
        memory: Some(
            sized
                .as_ref()
                .and_then(|x| x.memory.or(x.memory_reservation))
                .unwrap_or(128.0),
        ),
        network_mode: sized.as_ref().and_then(|x| x.network_mode.clone()),
        ..DaemonInput::default()
    });
    if sized.is_none() {
        r.notes.push(format!(
            "daemon {name}: sized 64 / 128 until you import its task definition ({family})"
        ));
    }
}

/// `aws ecs describe-container-instances`: N per type and the smallest registered memory seen.
fn read_container_instances(r: &mut Reader, v: &Value, s: &mut ScenarioInput) {
    let list = r
        .list(v.get("containerInstances"), "containerInstances")
        .to_vec();
    let mut running: TextMap<f64> = TextMap::new();
    let mut registered: TextMap<f64> = TextMap::new();
    for (i, ci) in list.iter().enumerate() {
        read_container_instance(r, ci, i, (&mut running, &mut registered));
    }
    let types: Vec<String> = running.keys().cloned().collect();
    r.notes.push(format!(
        "{} container instance(s): {}",
        list.len(),
        running
            .iter()
            .map(|(t, n)| format!("{} x {t}", crate::model::units::trim_float(*n)))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    if !types.is_empty() {
        if types.len() == 1 {
            s.instance_type = types.first().cloned();
            s.instance_types = None;
        } else {
            s.instance_types = Some(types);
            s.instance_type = None;
        }
        s.instance = None;
        s.running_instances = Some(NumberOrMap::Map(running));
        s.registered_memory_mib = Some(NumberOrMap::Map(registered));
        s.memory_model = Some("registered".into());
    }
}

/// Container instance `i`: counted under its type in `tallies`' first map, its registered memory
/// kept in the second when it is the smallest of its type so far.
fn read_container_instance(
    r: &mut Reader,
    ci: &Value,
    i: usize,
    tallies: (&mut TextMap<f64>, &mut TextMap<f64>),
) {
    let (running, registered) = tallies;
    let path = format!("containerInstances[{i}]");
    let attrs = r
        .list(ci.get("attributes"), &format!("{path}.attributes"))
        .to_vec();
    let Some(t) = attrs
        .iter()
        .find(|a| text(a, "name") == Some("ecs.instance-type"))
        .and_then(|a| text(a, "value"))
    else {
        r.err(
            &format!("{path}.attributes"),
            "no ecs.instance-type attribute: which type is it?",
        );
        return;
    };
    running.update(t.to_string(), 0.0, |n| *n += 1.0);
    let res = r
        .list(
            ci.get("registeredResources"),
            &format!("{path}.registeredResources"),
        )
        .to_vec();
    match res.iter().position(|x| text(x, "name") == Some("MEMORY")) {
        Some(j) => {
            let mp = format!("{path}.registeredResources[{j}].integerValue");
            if let Some(m) = r.number(res.get(j).and_then(|x| x.get("integerValue")), &mp) {
                registered.update(t.to_string(), m, |e| *e = e.min(m));
            }
        }
        None => r.err(&format!("{path}.registeredResources"), "no MEMORY resource"),
    }
}

/// `aws ecs describe-capacity-providers`: each provider, or (one Auto Scaling group provider in a
/// scenario with none) the cluster's one group's managed scaling, as before strategies existed.
fn read_capacity_providers(r: &mut Reader, v: &Value, s: &mut ScenarioInput) {
    let list = r
        .list(v.get("capacityProviders"), "capacityProviders")
        .to_vec();
    if list.is_empty() {
        r.err("capacityProviders", "no capacity provider in the list");
        return;
    }
    let read: Vec<ProviderInput> = list
        .iter()
        .enumerate()
        .filter_map(|(i, cp)| provider(r, cp, i))
        .collect();
    for (i, p) in read.iter().enumerate() {
        if read.iter().take(i).any(|x| x.name == p.name) {
            r.err(
                &format!("capacityProviders[{i}].name"),
                format!(
                    "another provider in the list is already named {}",
                    p.name.as_deref().unwrap_or_default()
                ),
            );
        }
    }
    if !r.errors.is_empty() {
        return;
    }
    if let ([one], None) = (read.as_slice(), &s.capacity_providers) {
        if one.kind.as_deref() == Some("asg") {
            s.capacity_provider = Some(CapacityProviderInput {
                target_capacity: one.target_capacity,
                minimum_scaling_step_size: one.minimum_scaling_step_size,
                maximum_scaling_step_size: one.maximum_scaling_step_size,
                instance_warmup_period: one.instance_warmup_period,
            });
            r.notes.push(format!(
                "capacity provider {}: read as the cluster's one Auto Scaling group",
                one.name.as_deref().unwrap_or("?")
            ));
            return;
        }
    }
    let providers = providers_of(r, s);
    for p in read {
        let name = p.name.clone().unwrap_or_default();
        let asg = p.kind.as_deref() == Some("asg");
        // A provider already in the scenario takes what this output says (its kind, managed
        // scaling, termination protection) and keeps what it does not (types, Spot, N, discount).
        match providers.iter_mut().find(|x| x.name == p.name) {
            Some(x) if p.kind.as_deref() == Some("managed-instances") => {
                // What the output says of Managed Instances replaces its settings; the fee, the
                // commitment discount and the Spot discount it does not say stay.
                x.kind = p.kind;
                x.instance_requirements = p.instance_requirements;
                x.subnets = p.subnets;
                x.scale_in_after = p.scale_in_after;
                x.capacity_option_type = p.capacity_option_type;
            }
            Some(x) => {
                x.kind = p.kind;
                x.target_capacity = p.target_capacity;
                x.minimum_scaling_step_size = p.minimum_scaling_step_size;
                x.maximum_scaling_step_size = p.maximum_scaling_step_size;
                x.instance_warmup_period = p.instance_warmup_period;
                x.managed_termination_protection = p.managed_termination_protection;
            }
            None => providers.push(p),
        }
        r.notes.push(format!(
            "capacity provider {name}{}",
            if asg {
                " (its types and Spot are not in this output: set them beside it)"
            } else {
                ""
            }
        ));
    }
}

/// The scenario's providers, a list begun if it has none. With providers N is each provider's:
/// a cluster-wide N of 0 says nothing and goes; any other stays, and a note says to move it.
fn providers_of<'a>(r: &mut Reader, s: &'a mut ScenarioInput) -> &'a mut Vec<ProviderInput> {
    if s.capacity_providers.is_none() {
        match &s.running_instances {
            Some(NumberOrMap::Number(n)) if *n == 0.0 => s.running_instances = None,
            None => {}
            Some(_) => r.notes.push(
                "the cluster's running instances (N) belong to a provider now: set each provider's N and clear the cluster's".into(),
            ),
        }
    }
    s.capacity_providers.get_or_insert_with(Vec::new)
}

/// A Managed Instances provider of `describe-capacity-providers` (issue 15): its launch
/// template's subnets (counted), instance requirements (vCPU and memory ranges, allowed types)
/// and capacity option, and scaleInAfter; what the model does not take is noted.
fn managed_provider(r: &mut Reader, name: &str, mi: &Value, path: &str) -> Option<ProviderInput> {
    let lt_path = format!("{path}.instanceLaunchTemplate");
    let lt = mi
        .get("instanceLaunchTemplate")
        .cloned()
        .unwrap_or(Value::Null);
    let subnets = lt
        .get("networkConfiguration")
        .and_then(|n| n.get("subnets"))
        .and_then(Value::as_array)
        .map(|a| a.len() as f64);
    let req = lt
        .get("instanceRequirements")
        .cloned()
        .unwrap_or(Value::Null);
    let rp = format!("{lt_path}.instanceRequirements");
    let mut range = |key: &str| -> Option<RangeInput> {
        let v = req.get(key)?;
        let p = format!("{rp}.{key}");
        Some(RangeInput {
            min: r.number(v.get("min"), &format!("{p}.min")),
            max: r.number(v.get("max"), &format!("{p}.max")),
        })
    };
    let vcpu = range("vCpuCount");
    let memory_mib = range("memoryMiB");
    let allowed: Option<Vec<String>> = req
        .get("allowedInstanceTypes")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        });
    for key in [
        "cpuManufacturers",
        "excludedInstanceTypes",
        "acceleratorTypes",
    ] {
        if req.get(key).is_some() {
            r.notes.push(format!("{name}: {rp}.{key} is not modelled"));
        }
    }
    let option = match text(&lt, "capacityOptionType") {
        None | Some("ON_DEMAND") => None,
        Some("SPOT") => Some("spot".to_string()),
        Some(other) => {
            r.err(
                &format!("{lt_path}.capacityOptionType"),
                format!("{other} is not modelled: ON_DEMAND or SPOT"),
            );
            return None;
        }
    };
    let scale_in_after = mi
        .get("infrastructureOptimization")
        .and_then(|o| o.get("scaleInAfter"))
        .and_then(|v| {
            r.number(
                Some(v),
                &format!("{path}.infrastructureOptimization.scaleInAfter"),
            )
        });
    let requirements = RequirementsInput {
        allowed_instance_types: allowed,
        vcpu,
        memory_mib,
        arch: None,
    };
    Some(ProviderInput {
        name: Some(name.to_string()),
        kind: Some("managed-instances".into()),
        instance_requirements: (requirements != RequirementsInput::default())
            .then_some(requirements),
        subnets,
        scale_in_after,
        capacity_option_type: option,
        ..ProviderInput::default()
    })
}

/// Provider `i` of `describe-capacity-providers`: an Auto Scaling group one with its managed
/// scaling, or AWS's FARGATE and FARGATE_SPOT; None (with an error) otherwise.
fn provider(r: &mut Reader, cp: &Value, i: usize) -> Option<ProviderInput> {
    let path = format!("capacityProviders[{i}]");
    let Some(name) = r.name(cp, "name", &path) else {
        if r.errors.last().is_some_and(|e| e.path.ends_with(".name")) {
            return None;
        }
        r.err(&format!("{path}.name"), "expected the provider's name");
        return None;
    };
    if let Some(p) = fargate_provider(name) {
        return Some(p);
    }
    if let Some(mi) = cp.get("managedInstancesProvider") {
        return managed_provider(r, name, mi, &format!("{path}.managedInstancesProvider"));
    }
    let Some(asg) = cp.get("autoScalingGroupProvider") else {
        r.err(
            &path,
            format!("{name}: not an ASG, Managed Instances or Fargate provider"),
        );
        return None;
    };
    let ms_path = format!("{path}.autoScalingGroupProvider.managedScaling");
    let Some(ms) = asg.get("managedScaling") else {
        r.err(&ms_path, "no managed scaling: CAS cannot scale this group");
        return None;
    };
    if text(ms, "status") == Some("DISABLED") {
        r.notes.push(format!(
            "{name}: managed scaling is DISABLED on this provider: CAS will not scale"
        ));
    }
    let mut num = |k: &str| r.number(ms.get(k), &format!("{ms_path}.{k}"));
    let (
        target_capacity,
        minimum_scaling_step_size,
        maximum_scaling_step_size,
        instance_warmup_period,
    ) = (
        num("targetCapacity"),
        num("minimumScalingStepSize"),
        num("maximumScalingStepSize"),
        num("instanceWarmupPeriod"),
    );
    let protection = match text(asg, "managedTerminationProtection") {
        Some("ENABLED") => Some(true),
        Some("DISABLED") => Some(false),
        _ => None,
    };
    Some(ProviderInput {
        name: Some(name.to_string()),
        kind: Some("asg".into()),
        target_capacity,
        minimum_scaling_step_size,
        maximum_scaling_step_size,
        instance_warmup_period,
        managed_termination_protection: protection,
        ..ProviderInput::default()
    })
}

/// [`import`] onto the page's scenario: when it is still the page's untouched opening scenario,
/// services the text brings replace its example service instead of joining it (and a note says
/// so), and a whole cluster (Terraform, CloudFormation) replaces the example whole: its daemons,
/// instance type and settings were the example's, not the user's. Otherwise what the text brings
/// is laid over the user's own scenario (each note says "added", and what stays is said).
pub fn import_onto(
    source: &str,
    current: &ScenarioInput,
    untouched: bool,
) -> Result<Imported, Vec<FieldError>> {
    // Read once, laid over the example or the scenario.
    let v = read_source(source)?;
    if untouched {
        let whole = super::iac::recognises(&v);
        let empty = ScenarioInput {
            services: Some(Vec::new()),
            ..if whole {
                ScenarioInput::default()
            } else {
                current.clone()
            }
        };
        let first = import_read(&v, &empty);
        // A whole cluster's errors are its own: not read a second time onto the example (the
        // adversarial review's large documents took twice as long to refuse).
        if whole && first.is_err() {
            return first;
        }
        if let Ok(mut i) = first {
            if whole || i.scenario.services.as_ref().is_some_and(|s| !s.is_empty()) {
                i.notes.insert(
                    0,
                    if whole {
                        "the page held its opening example; this cluster replaces it (its service, daemon, instance type and settings)"
                    } else {
                        "the page held its opening example; the imported services replace its service"
                    }
                    .to_string(),
                );
                return Ok(i);
            }
        }
    }
    import_read(&v, current)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Documents past the caps are refused before they are read, naming the cap.
    #[test]
    fn imports_past_the_caps_are_refused_early() {
        let many: Vec<String> = (0..150)
            .map(|i| format!(r#"{{"serviceName":"s{i}","desiredCount":1}}"#))
            .collect();
        let e = import(
            &format!(r#"{{"services":[{}]}}"#, many.join(",")),
            &ScenarioInput::default(),
        )
        .unwrap_err();
        assert_eq!(e[0].path, "services");
        assert!(e[0].message.contains("at most 100"), "{e:?}");
        let huge = format!(
            r#"{{"services":[],"pad":"{}"}}"#,
            "x".repeat(MAX_IMPORT_BYTES)
        );
        let e = import(&huge, &ScenarioInput::default()).unwrap_err();
        assert!(e[0].message.contains("over the 5,000,000 bytes"), "{e:?}");
    }

    /// A task definition with its CPU and memory at task level and no containers imports, its
    /// values as given (20480 CPU units stays 20480).
    #[test]
    fn task_level_sizes_import_as_given() {
        let i = import(
            r#"{"taskDefinition":{"family":"big","cpu":"20480","memory":"40960","networkMode":"awsvpc"}}"#,
            &ScenarioInput::default(),
        )
        .unwrap();
        let s = &i.scenario.services.as_ref().unwrap()[0];
        assert_eq!((s.cpu, s.memory), (Some(20480.0), Some(40960.0)));
        let e = import(
            r#"{"taskDefinition":{"family":"x","cpu":"256"}}"#,
            &ScenarioInput::default(),
        )
        .unwrap_err();
        assert!(e[0].message.contains("needs its memory"), "{e:?}");
    }

    /// The usual spread over zones then binpack on memory is modelled whole and not noted; any
    /// other strategy after the first is noted with its path (the new-user review read "only the
    /// first is modelled" beside a plan that modelled both).
    #[test]
    fn placement_strategies_after_the_first_are_noted_with_their_path() {
        let svc = |strategies: &str| {
            format!(
                r#"{{"services":[{{"serviceName":"api","desiredCount":2,"placementStrategy":{strategies}}}]}}"#
            )
        };
        let notes = |text: String| import(&text, &empty()).unwrap().notes;
        let usual = notes(svc(
            r#"[{"type":"spread","field":"attribute:ecs.availability-zone"},{"type":"binpack","field":"MEMORY"}]"#,
        ));
        assert!(
            !usual.iter().any(|n| n.contains("placement strategy")),
            "{usual:?}"
        );
        let other = notes(svc(
            r#"[{"type":"binpack","field":"cpu"},{"type":"spread","field":"instanceId"}]"#,
        ));
        assert!(
            other.iter().any(|n| n
                == "services[0].placementStrategy: only the first placement strategy (binpack-cpu) is modelled; spread(instanceid) after it is not"),
            "{other:?}"
        );
    }

    /// Onto the untouched opening scenario an imported service replaces the example; onto an
    /// edited one it is added beside the user's.
    #[test]
    fn import_replaces_only_the_untouched_example() {
        let current = crate::io::read::scenario_from_text(
            r#"{"services":[{"name":"api","cpu":256,"memory":512,"desiredCount":10}]}"#,
        )
        .unwrap();
        let td = r#"{"taskDefinition":{"family":"web","cpu":"512","memory":"1024"}}"#;
        let names = |i: &Imported| -> Vec<String> {
            i.scenario
                .services
                .iter()
                .flatten()
                .filter_map(|s| s.name.clone())
                .collect()
        };
        let fresh = import_onto(td, &current, true).unwrap();
        assert_eq!(names(&fresh), ["web"]);
        assert!(
            fresh.notes[0].contains("replace its service"),
            "{:?}",
            fresh.notes
        );
        let edited = import_onto(td, &current, false).unwrap();
        assert_eq!(names(&edited), ["api", "web"]);
        assert!(
            edited.notes.iter().any(|n| n.contains("added service web")),
            "{:?}",
            edited.notes
        );
    }

    const TASK: &str = include_str!("../../tests/fixtures/aws/describe-task-definition.json");
    const SERVICES: &str = include_str!("../../tests/fixtures/aws/describe-services.json");
    const INSTANCES: &str =
        include_str!("../../tests/fixtures/aws/describe-container-instances.json");
    const PROVIDERS: &str =
        include_str!("../../tests/fixtures/aws/describe-capacity-providers.json");

    fn empty() -> ScenarioInput {
        ScenarioInput::default()
    }

    const PROVIDERS_SPOT: &str =
        include_str!("../../tests/fixtures/aws/describe-capacity-providers-spot.json");
    const SERVICES_STRATEGY: &str =
        include_str!("../../tests/fixtures/aws/describe-services-strategy.json");

    /// Several providers and the services' strategies come in as given: each provider with its
    /// managed scaling and termination protection, AWS's FARGATE and FARGATE_SPOT added when a
    /// strategy names them, and the scenario plans each service's split.
    #[test]
    fn providers_and_strategies_come_in_as_given() {
        let s = import(TASK, &empty()).unwrap().scenario;
        let s = import(PROVIDERS_SPOT, &s).unwrap().scenario;
        let p = s.capacity_providers.as_ref().unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(
            (
                p[1].name.as_deref(),
                p[1].target_capacity,
                p[1].maximum_scaling_step_size
            ),
            (Some("spot"), Some(90.0), Some(20.0))
        );
        assert_eq!(p[1].managed_termination_protection, Some(false));
        assert_eq!(s.capacity_provider, None);
        let i = import(SERVICES_STRATEGY, &s).unwrap();
        let s = i.scenario;
        let names: Vec<&str> = s
            .capacity_providers
            .iter()
            .flatten()
            .filter_map(|x| x.name.as_deref())
            .collect();
        assert_eq!(names, ["od", "spot", "FARGATE", "FARGATE_SPOT"]);
        let svcs = s.services.as_ref().unwrap();
        let api = svcs
            .iter()
            .find(|x| x.name.as_deref() == Some("api"))
            .unwrap();
        let items = api.capacity_provider_strategy.as_ref().unwrap();
        assert_eq!(
            (items[0].base, items[0].weight, items[1].weight),
            (Some(2.0), Some(1.0), Some(3.0))
        );
        let plan = crate::model::providers::plan_input(&s).unwrap();
        let tasks = |n: &str, svc: &str| {
            plan.providers
                .iter()
                .find(|o| o.name == n)
                .and_then(|o| o.tasks.get(svc).copied())
        };
        assert_eq!(
            (tasks("od", "api"), tasks("spot", "api")),
            (Some(4), Some(6))
        );
        assert_eq!(
            (tasks("FARGATE", "jobs"), tasks("FARGATE_SPOT", "jobs")),
            (Some(1), Some(4))
        );
    }

    /// A strategy naming providers the scenario does not have is refused at its path, and the
    /// scenario is unchanged: import the providers first.
    #[test]
    fn a_strategy_of_unknown_providers_is_refused_at_its_path() {
        let e = import(SERVICES_STRATEGY, &empty()).unwrap_err();
        assert_eq!(e[0].path, "services[0].capacityProviderStrategy");
        assert!(
            e[0].message.contains("names 2 providers (od, spot)"),
            "{e:?}"
        );
        let only_od = ScenarioInput {
            capacity_providers: Some(vec![ProviderInput {
                name: Some("od".into()),
                kind: Some("asg".into()),
                ..ProviderInput::default()
            }]),
            ..empty()
        };
        let e = import(SERVICES_STRATEGY, &only_od).unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(
            e[0].path,
            "services[0].capacityProviderStrategy[1].capacityProvider"
        );
        assert!(e[0].message.contains("names spot"), "{e:?}");
    }

    /// A Managed Instances provider of describe-capacity-providers (issue 15): subnets counted,
    /// the instance requirements, Spot, scaleInAfter; what the model does not take noted, and a
    /// capacity option it does not model refused at its path.
    #[test]
    fn managed_instances_providers_import() {
        let text =
            include_str!("../../tests/fixtures/aws/describe-capacity-providers-managed.json");
        let i = import(text, &empty()).unwrap();
        let p = &i.scenario.capacity_providers.as_ref().unwrap()[0];
        assert_eq!(p.kind.as_deref(), Some("managed-instances"));
        assert_eq!(p.subnets, Some(3.0));
        assert_eq!(p.scale_in_after, Some(600.0));
        assert_eq!(p.capacity_option_type.as_deref(), Some("spot"));
        let req = p.instance_requirements.as_ref().unwrap();
        assert_eq!(
            req.allowed_instance_types.as_deref(),
            Some(&["m7g.*".to_string(), "c7g.*".to_string()][..])
        );
        assert_eq!(
            req.vcpu.as_ref().map(|r| (r.min, r.max)),
            Some((Some(2.0), Some(8.0)))
        );
        assert_eq!(
            req.memory_mib.as_ref().map(|r| (r.min, r.max)),
            Some((Some(4096.0), None))
        );
        assert!(
            i.notes
                .iter()
                .any(|n| n.contains("cpuManufacturers is not modelled")),
            "{:?}",
            i.notes
        );
        // A capacity option the model does not take is refused at its path, nothing applied.
        let reserved = text.replace("\"SPOT\"", "\"RESERVED\"");
        let e = import(&reserved, &empty()).unwrap_err();
        assert_eq!(e[0].path, "capacityProviders[0].managedInstancesProvider.instanceLaunchTemplate.capacityOptionType");
    }

    /// The review's cases: a Fargate strategy imported into a one-group scenario keeps the other
    /// services on that group; a re-import keeps what the output does not say; a list with a
    /// name twice, or past 20 providers, is refused at its path before anything is applied.
    #[test]
    fn provider_imports_keep_what_they_do_not_say() {
        let one = r#"{"services":[{"serviceName":"jobs","desiredCount":5,"capacityProviderStrategy":[{"capacityProvider":"FARGATE_SPOT","weight":1}]}]}"#;
        let base = ScenarioInput {
            services: Some(vec![ServiceInput {
                name: Some("web".into()),
                cpu: Some(256.0),
                memory: Some(512.0),
                desired_count: Some(3.0),
                ..ServiceInput::default()
            }]),
            ..empty()
        };
        let i = import(one, &base).unwrap();
        let plan = crate::model::providers::plan_input(&i.scenario).unwrap();
        let tasks: Vec<(String, Vec<(String, u64)>)> = plan
            .providers
            .iter()
            .map(|o| {
                (
                    o.name.clone(),
                    o.tasks.iter().map(|(k, n)| (k.clone(), *n)).collect(),
                )
            })
            .collect();
        assert_eq!(
            tasks,
            [
                ("ec2".to_string(), vec![("web".to_string(), 3)]),
                ("FARGATE_SPOT".to_string(), vec![("jobs".to_string(), 5)])
            ]
        );
        assert!(
            i.notes
                .iter()
                .any(|n| n.contains("became capacity provider ec2")),
            "{:?}",
            i.notes
        );
        // Re-import: Spot, types, N and discount stay; the managed scaling is the output's.
        let mut s = import(PROVIDERS_SPOT, &empty()).unwrap().scenario;
        if let Some(p) = s.capacity_providers.as_mut().and_then(|l| l.get_mut(1)) {
            p.spot = Some(true);
            p.spot_discount = Some(70.0);
            p.instance_types = Some(vec!["m6g.large".into()]);
            p.target_capacity = Some(10.0);
        }
        let again = import(PROVIDERS_SPOT, &s).unwrap().scenario;
        let spot = &again.capacity_providers.as_ref().unwrap()[1];
        assert_eq!(
            (spot.spot, spot.spot_discount, spot.target_capacity),
            (Some(true), Some(70.0), Some(90.0))
        );
        assert_eq!(
            spot.instance_types.as_deref(),
            Some(&["m6g.large".to_string()][..])
        );
        let twice = PROVIDERS_SPOT.replace("\"name\": \"spot\"", "\"name\": \"od\"");
        let e = import(&twice, &empty()).unwrap_err();
        assert_eq!(e[0].path, "capacityProviders[1].name");
        let many: Vec<String> = (0..21)
            .map(|i| {
                format!(r#"{{"name":"p{i}","autoScalingGroupProvider":{{"managedScaling":{{}}}}}}"#)
            })
            .collect();
        let e = import(
            &format!(r#"{{"capacityProviders":[{}]}}"#, many.join(",")),
            &empty(),
        )
        .unwrap_err();
        assert_eq!(e[0].path, "capacityProviders");
        assert!(e[0].message.contains("at most 20"), "{e:?}");
    }

    /// A task definition becomes a service: task CPU as the containers' sum, memory as the hard
    /// limits plus the nginx reservation, bridge mode, no static port (hostPort 0 is dynamic).
    #[test]
    fn task_definition_becomes_a_service() {
        let i = import(TASK, &empty()).unwrap();
        let s = &i.scenario.services.as_ref().unwrap()[0];
        assert_eq!(s.name.as_deref(), Some("flask-api"));
        assert_eq!(s.cpu, Some(256.0));
        assert_eq!(s.memory, Some(512.0));
        assert_eq!(s.network_mode.as_deref(), Some("bridge"));
        assert_eq!(s.host_port, None);
        assert_eq!(s.desired_count, Some(1.0));
    }

    /// The four outputs in turn build a scenario that plans: api sized by its task definition,
    /// 10 desired, spread-az; the DAEMON service a daemon; N = 2 t4g.medium with 3785 MiB measured;
    /// managed scaling at 80 %.
    #[test]
    fn the_four_outputs_build_a_scenario() {
        let mut s = import(TASK, &empty()).unwrap().scenario;
        let svc = import(SERVICES, &s).unwrap();
        assert!(svc.notes.iter().any(|n| n.contains(
            "its strategy names one provider, prod-t4g: planned as the cluster's one Auto Scaling group"
        )));
        assert!(svc.notes.iter().any(
            |n| n.contains("sized 64 / 128 until you import its task definition (fluent-bit)")
        ));
        s = svc.scenario;
        s = import(INSTANCES, &s).unwrap().scenario;
        s = import(PROVIDERS, &s).unwrap().scenario;
        let api = &s.services.as_ref().unwrap()[0];
        assert_eq!(
            (api.name.as_deref(), api.desired_count, api.cpu),
            (Some("api"), Some(10.0), Some(256.0))
        );
        assert_eq!(s.placement_strategy.as_deref(), Some("spread-az"));
        assert_eq!(
            s.daemons.as_ref().unwrap()[0].name.as_deref(),
            Some("log-router")
        );
        assert_eq!(s.instance_type.as_deref(), Some("t4g.medium"));
        assert_eq!(
            s.running_instances,
            Some(NumberOrMap::Map([("t4g.medium".to_string(), 2.0)].into()))
        );
        assert_eq!(
            s.registered_memory_mib,
            Some(NumberOrMap::Map(
                [("t4g.medium".to_string(), 3785.0)].into()
            ))
        );
        let cp = s.capacity_provider.as_ref().unwrap();
        assert_eq!(
            (
                cp.target_capacity,
                cp.maximum_scaling_step_size,
                cp.instance_warmup_period
            ),
            (Some(80.0), Some(10.0), Some(180.0))
        );
        let p = crate::model::providers::plan_input(&s).unwrap();
        assert_eq!(p.instance.memory_mib, 3785);
        assert_eq!(p.cas.n, 2);
    }

    /// Errors name their JSON paths, and nothing is applied.
    #[test]
    fn errors_name_paths() {
        let bad = TASK.replace("\"memory\": 384", "\"memory\": \"lots\"");
        let e = import(&bad, &empty()).unwrap_err();
        assert_eq!(e[0].path, "taskDefinition.containerDefinitions[0].memory");
        let e = import(r#"{"containerInstances":[{"attributes":[]}]}"#, &empty()).unwrap_err();
        assert_eq!(e[0].path, "containerInstances[0].attributes");
        let e = import(r#"{"hello":1}"#, &empty()).unwrap_err();
        assert!(e[0].message.starts_with("not recognised"));
        assert!(import("{", &empty()).is_err());
    }

    /// A name past 64 characters is refused at its path by the import itself.
    #[test]
    fn long_names_are_refused_at_their_path() {
        let long = "x".repeat(65);
        let e = import(
            &format!(r#"{{"services":[{{"serviceName":"{long}","desiredCount":2}}]}}"#),
            &empty(),
        )
        .unwrap_err();
        assert_eq!(e[0].path, "services[0].serviceName");
        assert!(e[0].message.contains("at most 64"), "{e:?}");
        let e = import(
            &format!(r#"{{"taskDefinition":{{"family":"{long}","memory":"512"}}}}"#),
            &empty(),
        )
        .unwrap_err();
        assert_eq!(e[0].path, "taskDefinition.family");
        let ok = "y".repeat(64);
        assert!(import(
            &format!(r#"{{"services":[{{"serviceName":"{ok}","desiredCount":2}}]}}"#),
            &empty()
        )
        .is_ok());
    }

    /// Any text: never a panic (a property test over mutated fixtures and random bytes).
    #[test]
    fn any_text_never_panics() {
        let mut rng = crate::model::packing::SplitMix64::new(5);
        let sources = [TASK, SERVICES, INSTANCES, PROVIDERS];
        for i in 0..100_000usize {
            let base = sources[i % 4].as_bytes();
            let mut b = base.to_vec();
            for _ in 0..rng.below(6) {
                let at = rng.below(b.len().max(1));
                let byte = b"{}[]\",:0123456789-.eEtnulx \\"[rng.below(27)];
                if let Some(x) = b.get_mut(at) {
                    *x = byte;
                }
            }
            let text = String::from_utf8_lossy(&b);
            let _ = import(&text, &empty());
        }
    }
}
