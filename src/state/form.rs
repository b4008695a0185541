//! The page's form: every input as the text the user typed, edits as values ([`Edit`]), and the
//! conversion to a [`ScenarioInput`]. Pure, so the UI's reducer only forwards to [`Form::apply`].

use crate::model::plan::Plan;
use crate::model::scenario::{
    AsgInput, CapacityProviderInput, DaemonInput, DemandInput, NumberOrMap, ScenarioInput,
    ServiceInput, SettingsInput,
};
use crate::model::units::{parse_cpu, parse_mem, parse_number};
use crate::model::validate::{FieldError, MAX_DAEMONS, MAX_PROVIDERS, MAX_SERVICES};

use super::prices::{is_price_path, Prices};
use super::providers::{parse_strategy, ProviderField, ProviderForm};
use super::rec_view::RecView;
use super::run_form::RunForm;

/// One service row.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceForm {
    /// Name.
    pub name: String,
    /// CPU: "256" units or "0.25 vCPU".
    pub cpu: String,
    /// Memory hard limit: "512" MiB or "0.5 GB".
    pub memory: String,
    /// Soft limit, may be empty.
    pub memory_reservation: String,
    /// Desired tasks; empty lets the demand estimate set it (first service only).
    pub desired: String,
    /// "bridge" | "awsvpc" | "host".
    pub network_mode: String,
    /// Static host port, may be empty.
    pub host_port: String,
    /// distinctInstance.
    pub distinct: bool,
    /// Its capacity provider strategy as text ("od base=2 weight=1, spot weight=3"); blank: the
    /// cluster's default strategy, or the one group when there are no providers.
    pub strategy: String,
}

impl ServiceForm {
    /// A new row with the article's small task: 0.25 vCPU / 512 MiB.
    pub fn new(name: &str, cpu: &str, memory: &str, desired: &str) -> Self {
        ServiceForm {
            name: name.into(),
            cpu: cpu.into(),
            memory: memory.into(),
            memory_reservation: String::new(),
            desired: desired.into(),
            network_mode: "bridge".into(),
            host_port: String::new(),
            distinct: false,
            strategy: String::new(),
        }
    }
}

impl ServiceForm {
    /// A text field of the row.
    pub fn slot(&mut self, f: ServiceField) -> &mut String {
        match f {
            ServiceField::Name => &mut self.name,
            ServiceField::Cpu => &mut self.cpu,
            ServiceField::Memory => &mut self.memory,
            ServiceField::MemoryReservation => &mut self.memory_reservation,
            ServiceField::Desired => &mut self.desired,
            ServiceField::NetworkMode => &mut self.network_mode,
            ServiceField::HostPort => &mut self.host_port,
            ServiceField::Strategy => &mut self.strategy,
        }
    }
}

/// One daemon row.
#[derive(Clone, Debug, PartialEq)]
pub struct DaemonForm {
    /// Name.
    pub name: String,
    /// CPU.
    pub cpu: String,
    /// Memory.
    pub memory: String,
    /// Network mode.
    pub network_mode: String,
    /// A static host port (blank: none).
    pub host_port: String,
}

impl DaemonForm {
    /// A text field of the row.
    pub fn slot(&mut self, f: DaemonField) -> &mut String {
        match f {
            DaemonField::Name => &mut self.name,
            DaemonField::Cpu => &mut self.cpu,
            DaemonField::Memory => &mut self.memory,
            DaemonField::NetworkMode => &mut self.network_mode,
            DaemonField::HostPort => &mut self.host_port,
        }
    }
}

/// The demand estimator's inputs.
#[derive(Clone, Debug, PartialEq)]
pub struct DemandForm {
    /// Whether the estimator is in use.
    pub on: bool,
    /// Rate x latency instead of users x calls.
    pub by_rate: bool,
    /// Concurrent users.
    pub users: String,
    /// Calls per user action.
    pub calls_per_user: String,
    /// Requests per second.
    pub rps: String,
    /// Latency, ms.
    pub latency_ms: String,
    /// Concurrent calls per task.
    pub calls_per_task: String,
    /// CPU target, %.
    pub cpu_target: String,
}

/// Every input on the page, as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct Form {
    /// Services.
    pub services: Vec<ServiceForm>,
    /// Daemons.
    pub daemons: Vec<DaemonForm>,
    /// Instance type name.
    pub instance_type: String,
    /// "registered" | "nominal".
    pub memory_model: String,
    /// Measured registered memory, may be empty.
    pub registered: String,
    /// ECS_RESERVED_MEMORY.
    pub ecs_reserved: String,
    /// ENI trunking.
    pub trunking: bool,
    /// Strategy, API spelling.
    pub strategy: String,
    /// Zones.
    pub zones: String,
    /// Random seed.
    pub seed: String,
    /// Demand estimator.
    pub demand: DemandForm,
    /// Cluster Auto Scaling inputs.
    pub cas: CasForm,
    /// Edited prices (issue 5), as typed, by scenario path; none: list prices.
    pub prices: Prices,
    /// The on-demand panels opened, by kind, in the order they were opened ("cost,timeline"), so
    /// that a link reopens them.
    pub open: String,
    /// The timeline's run settings, as typed.
    pub run: RunForm,
    /// The recommender's sort and filters.
    pub rec: RecView,
    /// Capacity providers (issue 14); none: the one On-Demand group of the fields above.
    pub providers: Vec<ProviderForm>,
    /// The cluster's default capacity provider strategy as text; blank: none.
    pub default_strategy: String,
}

/// Cluster Auto Scaling inputs: the running group, the capacity provider, the ASG, the settings.
#[derive(Clone, Debug, PartialEq)]
pub struct CasForm {
    /// N: "3", or per type "m6g.large=2, m6g.xlarge=1".
    pub running: String,
    /// More types in the ASG after the first, comma-separated.
    pub more_types: String,
    /// targetCapacity, %.
    pub target_capacity: String,
    /// minimumScalingStepSize.
    pub min_step: String,
    /// maximumScalingStepSize.
    pub max_step: String,
    /// instanceWarmupPeriod, s.
    pub warmup: String,
    /// ASG minimum.
    pub asg_min: String,
    /// ASG maximum.
    pub asg_max: String,
    /// "nominal" | "registered".
    pub cas_sizing: String,
    /// PROVISIONING quota.
    pub quota: String,
    /// Launch to registration, s.
    pub launch_seconds: String,
    /// Deployment maximumPercent.
    pub maximum_percent: String,
}

impl Default for CasForm {
    fn default() -> Self {
        CasForm {
            running: "0".into(),
            more_types: String::new(),
            target_capacity: "100".into(),
            min_step: "1".into(),
            max_step: "10000".into(),
            warmup: "300".into(),
            asg_min: "0".into(),
            asg_max: "10000".into(),
            cas_sizing: "nominal".into(),
            quota: "500".into(),
            launch_seconds: "120".into(),
            maximum_percent: "200".into(),
        }
    }
}

/// Parses "3" or "m6g.large=2, m6g.xlarge: 1" (instances running per type).
pub fn parse_running(text: &str) -> Result<NumberOrMap, String> {
    let t = text.trim();
    if !t.contains(['=', ':']) {
        return parse_number(t).map(NumberOrMap::Number);
    }
    let mut map = crate::model::text_map::TextMap::new();
    for part in t.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (name, n) = part
            .split_once(['=', ':'])
            .ok_or_else(|| format!("\"{part}\": write type=count, e.g. m6g.large=2"))?;
        let name = name.trim().to_string();
        // Named twice: which one was meant is not known, so neither is taken.
        if map.contains_key(&name) {
            return Err(format!("{name} is given twice: give each type once"));
        }
        map.insert(name, parse_number(n)?);
    }
    Ok(NumberOrMap::Map(map))
}

impl Default for Form {
    /// The page's opening scenario: the article's small Flask task, 10 of them, on t4g.medium,
    /// with a small log router daemon.
    fn default() -> Self {
        Form {
            services: vec![ServiceForm::new("api", "0.25 vCPU", "512 MiB", "10")],
            daemons: vec![DaemonForm {
                name: "log-router".into(),
                cpu: "64".into(),
                memory: "128".into(),
                network_mode: "bridge".into(),
                host_port: String::new(),
            }],
            instance_type: "t4g.medium".into(),
            memory_model: "registered".into(),
            registered: String::new(),
            ecs_reserved: "0".into(),
            trunking: false,
            strategy: "binpack-memory".into(),
            zones: "1".into(),
            seed: "1".into(),
            demand: DemandForm {
                on: false,
                by_rate: false,
                users: "100".into(),
                calls_per_user: "10".into(),
                rps: "200".into(),
                latency_ms: "500".into(),
                calls_per_task: "10".into(),
                cpu_target: "50".into(),
            },
            cas: CasForm::default(),
            prices: Prices::default(),
            open: String::new(),
            run: RunForm::default(),
            rec: RecView::default(),
            providers: Vec::new(),
            default_strategy: String::new(),
        }
    }
}

/// A field of a service row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ServiceField {
    /// name
    Name,
    /// cpu
    Cpu,
    /// memory
    Memory,
    /// memoryReservation
    MemoryReservation,
    /// desiredCount
    Desired,
    /// networkMode
    NetworkMode,
    /// hostPort
    HostPort,
    /// capacityProviderStrategy, as text
    Strategy,
}

/// A field of a daemon row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DaemonField {
    /// name
    Name,
    /// cpu
    Cpu,
    /// memory
    Memory,
    /// networkMode
    NetworkMode,
    /// hostPort
    HostPort,
}

/// A top-level text field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// instanceType
    InstanceType,
    /// memoryModel
    MemoryModel,
    /// registeredMemoryMiB
    Registered,
    /// ecsReservedMemoryMiB
    EcsReserved,
    /// placementStrategy
    Strategy,
    /// defaultStrategy, as text
    DefaultStrategy,
    /// availabilityZones
    Zones,
    /// randomSeed
    Seed,
    /// demand.concurrentUsers
    Users,
    /// demand.callsPerUser
    CallsPerUser,
    /// demand.requestsPerSecond
    Rps,
    /// demand.latencyMs
    LatencyMs,
    /// demand.callsPerTask
    CallsPerTask,
    /// demand.cpuTarget
    CpuTarget,
    /// runningInstances
    Running,
    /// instanceTypes after the first
    MoreTypes,
    /// capacityProvider.targetCapacity
    TargetCapacity,
    /// capacityProvider.minimumScalingStepSize
    MinStep,
    /// capacityProvider.maximumScalingStepSize
    MaxStep,
    /// capacityProvider.instanceWarmupPeriod
    Warmup,
    /// asg.minSize
    AsgMin,
    /// asg.maxSize
    AsgMax,
    /// settings.casSizing
    CasSizing,
    /// settings.provisioningQuota
    Quota,
    /// settings.launchSeconds
    LaunchSeconds,
    /// settings.maximumPercent
    MaximumPercent,
}

impl Field {
    /// The field's path in the scenario JSON, as validation errors name it: built from the keys
    /// the scenario's structs declare, so that the form, the link and the validator agree.
    pub fn path(self) -> String {
        use crate::model::scenario::member;
        type S = ScenarioInput;
        type C = CapacityProviderInput;
        type D = DemandInput;
        type T = SettingsInput;
        let cp = |k| member(S::CAPACITY_PROVIDER, k);
        let demand = |k| member(S::DEMAND, k);
        let settings = |k| member(S::SETTINGS, k);
        match self {
            Field::InstanceType => S::INSTANCE_TYPE.into(),
            Field::MemoryModel => S::MEMORY_MODEL.into(),
            Field::Registered => S::REGISTERED_MEMORY.into(),
            Field::EcsReserved => S::ECS_RESERVED_MEMORY.into(),
            Field::Strategy => S::PLACEMENT_STRATEGY.into(),
            Field::DefaultStrategy => S::DEFAULT_STRATEGY.into(),
            Field::Zones => S::AVAILABILITY_ZONES.into(),
            Field::Seed => S::RANDOM_SEED.into(),
            Field::Users => demand(D::CONCURRENT_USERS),
            Field::CallsPerUser => demand(D::CALLS_PER_USER),
            Field::Rps => demand(D::REQUESTS_PER_SECOND),
            Field::LatencyMs => demand(D::LATENCY_MS),
            Field::CallsPerTask => demand(D::CALLS_PER_TASK),
            Field::CpuTarget => demand(D::CPU_TARGET),
            Field::Running => S::RUNNING_INSTANCES.into(),
            Field::MoreTypes => S::INSTANCE_TYPES.into(),
            Field::TargetCapacity => cp(C::TARGET_CAPACITY),
            Field::MinStep => cp(C::MIN_STEP),
            Field::MaxStep => cp(C::MAX_STEP),
            Field::Warmup => cp(C::WARMUP),
            Field::AsgMin => member(S::ASG, AsgInput::MIN_SIZE),
            Field::AsgMax => member(S::ASG, AsgInput::MAX_SIZE),
            Field::CasSizing => settings(T::CAS_SIZING),
            Field::Quota => settings(T::PROVISIONING_QUOTA),
            Field::LaunchSeconds => settings(T::LAUNCH_SECONDS),
            Field::MaximumPercent => settings(T::MAXIMUM_PERCENT),
        }
    }
}

impl ServiceField {
    /// Every text field of a service row.
    pub const ALL: [ServiceField; 8] = [
        ServiceField::Name,
        ServiceField::Cpu,
        ServiceField::Memory,
        ServiceField::MemoryReservation,
        ServiceField::Desired,
        ServiceField::NetworkMode,
        ServiceField::HostPort,
        ServiceField::Strategy,
    ];

    /// The field whose JSON key is `key`.
    pub fn of_key(key: &str) -> Option<ServiceField> {
        Self::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The field's JSON key in a service.
    pub fn key(self) -> &'static str {
        match self {
            ServiceField::Name => ServiceInput::NAME,
            ServiceField::Cpu => ServiceInput::CPU,
            ServiceField::Memory => ServiceInput::MEMORY,
            ServiceField::MemoryReservation => ServiceInput::MEMORY_RESERVATION,
            ServiceField::Desired => ServiceInput::DESIRED_COUNT,
            ServiceField::NetworkMode => ServiceInput::NETWORK_MODE,
            ServiceField::HostPort => ServiceInput::HOST_PORT,
            ServiceField::Strategy => ServiceInput::CAPACITY_PROVIDER_STRATEGY,
        }
    }

    /// The field's path in service `i`: "services[0].cpu".
    pub fn path(self, i: usize) -> String {
        crate::model::scenario::item(ScenarioInput::SERVICES, i, self.key())
    }
}

impl DaemonField {
    /// Every text field of a daemon row.
    pub const ALL: [DaemonField; 5] = [
        DaemonField::Name,
        DaemonField::Cpu,
        DaemonField::Memory,
        DaemonField::NetworkMode,
        DaemonField::HostPort,
    ];

    /// The field whose JSON key is `key`.
    pub fn of_key(key: &str) -> Option<DaemonField> {
        Self::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The field's JSON key in a daemon.
    pub fn key(self) -> &'static str {
        match self {
            DaemonField::Name => DaemonInput::NAME,
            DaemonField::Cpu => DaemonInput::CPU,
            DaemonField::Memory => DaemonInput::MEMORY,
            DaemonField::NetworkMode => DaemonInput::NETWORK_MODE,
            DaemonField::HostPort => DaemonInput::HOST_PORT,
        }
    }

    /// The field's path in daemon `i`: "daemons[0].cpu".
    pub fn path(self, i: usize) -> String {
        crate::model::scenario::item(ScenarioInput::DAEMONS, i, self.key())
    }
}

/// A top-level switch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flag {
    /// eniTrunking
    Trunking,
    /// the demand estimator on
    Demand,
    /// demand by rate x latency
    DemandByRate,
}

/// One change to the form.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Set a service field's text.
    Service(usize, ServiceField, String),
    /// Set a service's distinctInstance.
    ServiceDistinct(usize, bool),
    /// Add a service.
    AddService,
    /// Remove a service (the last one stays).
    RemoveService(usize),
    /// Move a service one place up (true) or down (false) in the list: the order they deploy in.
    MoveService(usize, bool),
    /// Put the services in this order, by name (the plan's best order); ignored unless the names
    /// are exactly the services' own.
    OrderServices(Vec<String>),
    /// Set a daemon field's text.
    Daemon(usize, DaemonField, String),
    /// Add a daemon.
    AddDaemon,
    /// Remove a daemon.
    RemoveDaemon(usize),
    /// Set a provider field's text.
    Provider(usize, ProviderField, String),
    /// Set a provider's Spot switch.
    ProviderSpot(usize, bool),
    /// Set a provider's managed termination protection.
    ProviderProtection(usize, bool),
    /// Add a provider of this kind.
    AddProvider(String),
    /// Remove a provider.
    RemoveProvider(usize),
    /// Set a top-level field.
    Set(Field, String),
    /// Set a switch.
    Toggle(Flag, bool),
    /// Replace the scenario (an example, an import); which panels are open and their settings stay.
    Load(Box<Form>),
    /// A panel was opened (its kind).
    Open(String),
    /// A price typed in the cost panel: (its scenario path, the text; empty: the list price).
    Price(String, String),
    /// The timeline's run settings changed.
    Run(Box<RunForm>),
    /// The recommender's sort or filters changed.
    Rec(RecView),
}

impl Form {
    /// The text of a top-level field.
    pub fn slot(&mut self, f: Field) -> &mut String {
        let d = &mut self.demand;
        let c = &mut self.cas;
        match f {
            Field::InstanceType => &mut self.instance_type,
            Field::MemoryModel => &mut self.memory_model,
            Field::Registered => &mut self.registered,
            Field::EcsReserved => &mut self.ecs_reserved,
            Field::Strategy => &mut self.strategy,
            Field::DefaultStrategy => &mut self.default_strategy,
            Field::Zones => &mut self.zones,
            Field::Seed => &mut self.seed,
            Field::Users => &mut d.users,
            Field::CallsPerUser => &mut d.calls_per_user,
            Field::Rps => &mut d.rps,
            Field::LatencyMs => &mut d.latency_ms,
            Field::CallsPerTask => &mut d.calls_per_task,
            Field::CpuTarget => &mut d.cpu_target,
            Field::Running => &mut c.running,
            Field::MoreTypes => &mut c.more_types,
            Field::TargetCapacity => &mut c.target_capacity,
            Field::MinStep => &mut c.min_step,
            Field::MaxStep => &mut c.max_step,
            Field::Warmup => &mut c.warmup,
            Field::AsgMin => &mut c.asg_min,
            Field::AsgMax => &mut c.asg_max,
            Field::CasSizing => &mut c.cas_sizing,
            Field::Quota => &mut c.quota,
            Field::LaunchSeconds => &mut c.launch_seconds,
            Field::MaximumPercent => &mut c.maximum_percent,
        }
    }

    /// Applies one edit. Out-of-range indexes are ignored: an edit never panics.
    pub fn apply(&mut self, edit: Edit) {
        match edit {
            Edit::Service(i, f, text) => {
                if let Some(s) = self.services.get_mut(i) {
                    *s.slot(f) = text;
                }
            }
            Edit::ServiceDistinct(i, on) => {
                if let Some(s) = self.services.get_mut(i) {
                    s.distinct = on;
                }
            }
            Edit::AddService if self.services.len() >= MAX_SERVICES => {}
            Edit::AddService => {
                let n = self.services.len() + 1;
                let mut name = format!("service-{n}");
                let mut k = n;
                while self.services.iter().any(|s| s.name == name) {
                    k += 1;
                    name = format!("service-{k}");
                }
                self.services
                    .push(ServiceForm::new(&name, "0.25 vCPU", "512 MiB", "2"));
            }
            Edit::MoveService(i, up) => {
                let j = if up {
                    i.checked_sub(1)
                } else {
                    i.checked_add(1)
                };
                if let Some(j) = j.filter(|&j| j < self.services.len() && i < self.services.len()) {
                    self.services.swap(i, j);
                }
            }
            Edit::OrderServices(names) => self.order_services(&names),
            Edit::RemoveService(i) => {
                if self.services.len() > 1 && i < self.services.len() {
                    self.services.remove(i);
                }
            }
            Edit::Daemon(i, f, text) => {
                if let Some(d) = self.daemons.get_mut(i) {
                    *d.slot(f) = text;
                }
            }
            Edit::AddDaemon if self.daemons.len() >= MAX_DAEMONS => {}
            Edit::AddDaemon => self.daemons.push(DaemonForm {
                name: format!("daemon-{}", self.daemons.len() + 1),
                cpu: "32".into(),
                memory: "64".into(),
                network_mode: "bridge".into(),
                host_port: String::new(),
            }),
            Edit::RemoveDaemon(i) => {
                if i < self.daemons.len() {
                    self.daemons.remove(i);
                }
            }
            Edit::Provider(i, f, text) => {
                if let Some(x) = self.providers.get_mut(i) {
                    *x.slot(f) = text;
                }
            }
            Edit::ProviderSpot(i, on) => {
                if let Some(x) = self.providers.get_mut(i) {
                    x.spot = on;
                }
            }
            Edit::ProviderProtection(i, on) => {
                if let Some(x) = self.providers.get_mut(i) {
                    x.protection = on;
                }
            }
            Edit::AddProvider(_) if self.providers.len() >= MAX_PROVIDERS => {}
            Edit::AddProvider(kind) => {
                // Fargate's providers have AWS's own names (every cluster can use them as such).
                let base = match kind.as_str() {
                    "fargate" => "FARGATE",
                    "fargate-spot" => "FARGATE_SPOT",
                    "managed-instances" => "mi",
                    _ => "ec2",
                };
                let mut name = base.to_string();
                let mut k = 1;
                while self.providers.iter().any(|x| x.name == name) {
                    k += 1;
                    name = format!("{base}-{k}");
                }
                // With providers N is each asg provider's: the first one takes over the
                // cluster-wide N when it is the untouched 0 (any other value stays, and the model
                // says beside it why it cannot be used).
                if self.providers.is_empty() && self.cas.running.trim() == "0" {
                    self.cas.running.clear();
                }
                self.providers.push(ProviderForm::new(&name, &kind));
            }
            Edit::RemoveProvider(i) => {
                if i < self.providers.len() {
                    self.providers.remove(i);
                }
            }
            Edit::Set(f, text) => *self.slot(f) = text,
            Edit::Toggle(f, on) => match f {
                Flag::Trunking => self.trunking = on,
                Flag::Demand => self.demand.on = on,
                Flag::DemandByRate => self.demand.by_rate = on,
            },
            Edit::Load(form) => *self = form.with_view_of(self),
            Edit::Open(kind) => {
                if crate::state::link::PANELS.contains(&kind.as_str()) && !self.is_open(&kind) {
                    if !self.open.is_empty() {
                        self.open.push(',');
                    }
                    self.open.push_str(&kind);
                }
            }
            Edit::Price(path, text) => {
                if is_price_path(&path) {
                    self.prices.set(&path, text);
                }
            }
            Edit::Run(run) => self.run = *run,
            Edit::Rec(view) => self.rec = view,
        }
    }

    /// Puts the services in the order `names` gives, when they are exactly the services' names
    /// (each once); anything else changes nothing.
    fn order_services(&mut self, names: &[String]) {
        if names.len() != self.services.len() {
            return;
        }
        let mut used = vec![false; self.services.len()];
        let mut order = Vec::with_capacity(names.len());
        for n in names {
            let found = self
                .services
                .iter()
                .enumerate()
                .position(|(i, s)| s.name == *n && used.get(i) == Some(&false));
            let Some(i) = found else { return };
            if let Some(u) = used.get_mut(i) {
                *u = true;
            }
            order.push(i);
        }
        let mut old: Vec<Option<ServiceForm>> = std::mem::take(&mut self.services)
            .into_iter()
            .map(Some)
            .collect();
        self.services = order
            .iter()
            .filter_map(|&i| old.get_mut(i).and_then(Option::take))
            .collect();
    }

    /// This form's scenario with `other`'s open panels and their settings: loading an example or
    /// an import changes what is planned, not how the page is laid out.
    pub fn with_view_of(mut self, other: &Form) -> Form {
        self.open = other.open.clone();
        self.run = other.run.clone();
        self.rec = other.rec.clone();
        self
    }

    /// An example laid over the page's view: the user's panels and settings stay, except that an
    /// example that brings a view ("Spot taken at the peak": the timeline and its Spot events)
    /// opens its panels beside the user's and brings its run settings.
    pub fn example_over(mut self, other: &Form) -> Form {
        let (mine, run) = (std::mem::take(&mut self.open), self.run.clone());
        let brings = !mine.is_empty();
        let mut f = self.with_view_of(other);
        // Spot events name the old scenario's providers: they do not come along (Back returns
        // to them).
        f.run.spot_interruptions.clear();
        f.run.spot_shortages.clear();
        if brings {
            for k in mine.split(',').filter(|k| !other.is_open(k)) {
                if !f.open.is_empty() {
                    f.open.push(',');
                }
                f.open.push_str(k);
            }
            f.run = run;
        }
        f
    }

    /// The form without the open panels and their settings: what is planned.
    pub fn without_view(&self) -> Form {
        self.clone().with_view_of(&Form::default())
    }

    /// Whether the panel `kind` was opened.
    pub fn is_open(&self, kind: &str) -> bool {
        self.open.split(',').any(|k| k == kind)
    }

    /// The scenario the form describes, and the errors of text that does not parse (at the same
    /// paths validation uses). A field that does not parse is left out of the input.
    pub fn to_input(&self) -> (ScenarioInput, Vec<FieldError>) {
        let mut errors = Vec::new();
        let mut p = Parser {
            errors: &mut errors,
        };
        let services = self.services_input(&mut p);
        let daemons = self.daemons_input(&mut p);
        let demand = self.demand_input(&mut p);
        let cas = self.cas_input(&mut p);
        let mut input = ScenarioInput {
            instance_type: cas.instance_type,
            instance_types: cas.instance_types,
            running_instances: cas.running_instances,
            capacity_provider: cas.capacity_provider,
            asg: cas.asg,
            settings: cas.settings,
            memory_model: Some(self.memory_model.clone()),
            registered_memory_mib: p
                .opt(&Field::Registered.path(), &self.registered, |t| {
                    parse_mem(t).map(|m| m.0 as f64)
                })
                .map(NumberOrMap::Number),
            ecs_reserved_memory_mib: p.opt(&Field::EcsReserved.path(), &self.ecs_reserved, |t| {
                parse_mem(t).map(|m| m.0 as f64)
            }),
            eni_trunking: Some(self.trunking),
            services: Some(services),
            daemons: Some(daemons),
            placement_strategy: Some(self.strategy.clone()),
            availability_zones: p.opt(&Field::Zones.path(), &self.zones, parse_number),
            random_seed: p.opt(&Field::Seed.path(), &self.seed, parse_number),
            demand,
            capacity_providers: (!self.providers.is_empty()).then(|| {
                self.providers
                    .iter()
                    .enumerate()
                    .map(|(i, x)| x.to_input(i, p.errors))
                    .collect()
            }),
            default_strategy: parse_strategy(
                &self.default_strategy,
                &Field::DefaultStrategy.path(),
                p.errors,
            ),
            ..ScenarioInput::default()
        };
        self.prices.apply_to(&mut input, p.errors);
        (input, errors)
    }

    /// The services as the scenario has them; text that does not parse is an error at its path.
    fn services_input(&self, p: &mut Parser<'_>) -> Vec<ServiceInput> {
        self.services
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let path = |f: ServiceField| f.path(i);
                let desired_blank = s.desired.trim().is_empty();
                ServiceInput {
                    name: Some(s.name.clone()),
                    cpu: p.opt(&path(ServiceField::Cpu), &s.cpu, |t| {
                        parse_cpu(t).map(|c| c.0 as f64)
                    }),
                    memory: p.opt(&path(ServiceField::Memory), &s.memory, |t| {
                        parse_mem(t).map(|m| m.0 as f64)
                    }),
                    memory_reservation: p.opt(
                        &path(ServiceField::MemoryReservation),
                        &s.memory_reservation,
                        |t| parse_mem(t).map(|m| m.0 as f64),
                    ),
                    // A blank first count with the estimator on is the estimate; blank elsewhere is 0.
                    desired_count: if desired_blank && i == 0 && self.demand.on {
                        None
                    } else if desired_blank {
                        Some(0.0)
                    } else {
                        p.opt(&path(ServiceField::Desired), &s.desired, parse_number)
                    },
                    network_mode: Some(s.network_mode.clone()),
                    host_port: p.opt(&path(ServiceField::HostPort), &s.host_port, parse_number),
                    distinct_instance: Some(s.distinct),
                    capacity_provider_strategy: parse_strategy(
                        &s.strategy,
                        &path(ServiceField::Strategy),
                        p.errors,
                    ),
                }
            })
            .collect()
    }

    /// The daemons as the scenario has them.
    fn daemons_input(&self, p: &mut Parser<'_>) -> Vec<DaemonInput> {
        self.daemons
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let path = |f: DaemonField| f.path(i);
                DaemonInput {
                    name: Some(d.name.clone()),
                    cpu: p.opt(&path(DaemonField::Cpu), &d.cpu, |t| {
                        parse_cpu(t).map(|c| c.0 as f64)
                    }),
                    memory: p.opt(&path(DaemonField::Memory), &d.memory, |t| {
                        parse_mem(t).map(|m| m.0 as f64)
                    }),
                    memory_reservation: None,
                    network_mode: Some(d.network_mode.clone()),
                    host_port: p.opt(&path(DaemonField::HostPort), &d.host_port, parse_number),
                }
            })
            .collect()
    }

    /// The demand estimator's inputs, when it is on: users and calls, or a rate and a latency.
    fn demand_input(&self, p: &mut Parser<'_>) -> Option<DemandInput> {
        let d = &self.demand;
        d.on.then(|| DemandInput {
            concurrent_users: if d.by_rate {
                None
            } else {
                p.opt(&Field::Users.path(), &d.users, parse_number)
            },
            calls_per_user: if d.by_rate {
                None
            } else {
                p.opt(&Field::CallsPerUser.path(), &d.calls_per_user, parse_number)
            },
            requests_per_second: if d.by_rate {
                p.opt(&Field::Rps.path(), &d.rps, parse_number)
            } else {
                None
            },
            latency_ms: if d.by_rate {
                p.opt(&Field::LatencyMs.path(), &d.latency_ms, parse_number)
            } else {
                None
            },
            calls_per_task: p.opt(&Field::CallsPerTask.path(), &d.calls_per_task, parse_number),
            cpu_target: p.opt(&Field::CpuTarget.path(), &d.cpu_target, parse_number),
        })
    }

    /// The group, its capacity provider, the ASG and the settings CAS reads.
    fn cas_input(&self, p: &mut Parser<'_>) -> CasInput {
        let c = &self.cas;
        let more: Vec<String> = c
            .more_types
            .split(',')
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect();
        let (instance_type, instance_types) = if more.is_empty() {
            (Some(self.instance_type.trim().to_string()), None)
        } else {
            (
                None,
                Some(
                    std::iter::once(self.instance_type.trim().to_string())
                        .chain(more)
                        .collect(),
                ),
            )
        };
        let capacity_provider = Some(CapacityProviderInput {
            target_capacity: p.opt(
                &Field::TargetCapacity.path(),
                &c.target_capacity,
                parse_number,
            ),
            minimum_scaling_step_size: p.opt(&Field::MinStep.path(), &c.min_step, parse_number),
            maximum_scaling_step_size: p.opt(&Field::MaxStep.path(), &c.max_step, parse_number),
            instance_warmup_period: p.opt(&Field::Warmup.path(), &c.warmup, parse_number),
        });
        let asg = Some(AsgInput {
            min_size: p.opt(&Field::AsgMin.path(), &c.asg_min, parse_number),
            max_size: p.opt(&Field::AsgMax.path(), &c.asg_max, parse_number),
        });
        let settings = Some(SettingsInput {
            cas_sizing: Some(c.cas_sizing.clone()),
            provisioning_quota: p.opt(&Field::Quota.path(), &c.quota, parse_number),
            launch_seconds: p.opt(
                &Field::LaunchSeconds.path(),
                &c.launch_seconds,
                parse_number,
            ),
            maximum_percent: p.opt(
                &Field::MaximumPercent.path(),
                &c.maximum_percent,
                parse_number,
            ),
        });
        let running_instances = if c.running.trim().is_empty() {
            None
        } else {
            match parse_running(&c.running) {
                Ok(r) => Some(r),
                Err(m) => {
                    p.errors.push(FieldError::new(Field::Running.path(), m));
                    None
                }
            }
        };
        CasInput {
            instance_type,
            instance_types,
            capacity_provider,
            asg,
            settings,
            running_instances,
        }
    }

    /// Plans the form: the plan, or every error (parse errors first; one per field).
    pub fn plan(&self) -> Result<Plan, Vec<FieldError>> {
        self.plan_with_input().1
    }

    /// The scenario input and its plan, from one reading of the form (the page needs both).
    pub fn plan_with_input(&self) -> (ScenarioInput, Result<Plan, Vec<FieldError>>) {
        let (input, mut errors) = self.to_input();
        let result = match crate::model::providers::plan_input(&input) {
            Ok(p) if errors.is_empty() => Ok(p),
            Ok(_) => Err(errors),
            Err(more) => {
                for e in more {
                    if !errors.iter().any(|x| x.path == e.path) {
                        errors.push(e);
                    }
                }
                Err(errors)
            }
        };
        (input, result)
    }
}

/// The CAS part of the form, read.
struct CasInput {
    instance_type: Option<String>,
    instance_types: Option<Vec<String>>,
    capacity_provider: Option<CapacityProviderInput>,
    asg: Option<AsgInput>,
    settings: Option<SettingsInput>,
    running_instances: Option<NumberOrMap>,
}

struct Parser<'a> {
    errors: &'a mut Vec<FieldError>,
}

impl Parser<'_> {
    /// Empty text is "not given"; text that does not parse records an error.
    fn opt(
        &mut self,
        path: &str,
        text: &str,
        f: impl Fn(&str) -> Result<f64, String>,
    ) -> Option<f64> {
        if text.trim().is_empty() {
            return None;
        }
        match f(text) {
            Ok(x) => Some(x),
            Err(m) => {
                self.errors.push(FieldError::new(path, m));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Services move up and down, and into a given order by name; an order that is not exactly
    /// the services' names changes nothing; moves past the ends do nothing.
    #[test]
    fn services_reorder() {
        let mut f = Form::default();
        f.apply(Edit::AddService);
        f.apply(Edit::AddService);
        let names = |f: &Form| {
            f.services
                .iter()
                .map(|s| s.name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&f), ["api", "service-2", "service-3"]);
        f.apply(Edit::MoveService(2, true));
        assert_eq!(names(&f), ["api", "service-3", "service-2"]);
        f.apply(Edit::MoveService(0, true));
        f.apply(Edit::MoveService(2, false));
        assert_eq!(names(&f), ["api", "service-3", "service-2"]);
        let order = |v: &[&str]| Edit::OrderServices(v.iter().map(|s| s.to_string()).collect());
        f.apply(order(&["service-2", "api", "service-3"]));
        assert_eq!(names(&f), ["service-2", "api", "service-3"]);
        for bad in [
            &["api"][..],
            &["api", "api", "service-3"],
            &["x", "api", "service-3"],
        ] {
            f.apply(order(bad));
            assert_eq!(names(&f), ["service-2", "api", "service-3"], "{bad:?}");
        }
    }

    /// Adding stops at the caps (100 services, 20 daemons): the button is disabled there, and the
    /// edit adds nothing past them.
    #[test]
    fn adding_stops_at_the_caps() {
        let mut f = Form::default();
        for _ in 0..120 {
            f.apply(Edit::AddService);
            f.apply(Edit::AddDaemon);
        }
        assert_eq!(
            (f.services.len(), f.daemons.len()),
            (MAX_SERVICES, MAX_DAEMONS)
        );
    }

    /// Typed prices reach the scenario; their errors carry the scenario's paths; only price paths
    /// are kept.
    #[test]
    fn pricing_field() {
        let mut f = Form::default();
        for (path, text) in [
            ("instancePrices.t4g.medium", "0.03"),
            ("priceMultiplier", "0.7"),
            ("fargate.arch", "x86_64"),
            ("fargate.x86VcpuHour", "0.05"),
        ] {
            f.apply(Edit::Price(path.into(), text.into()));
        }
        let p = f.plan().unwrap();
        assert!((p.cost.ec2_price_per_hour - 0.03).abs() < 1e-12);
        assert!((p.cost.price_multiplier - 0.7).abs() < 1e-12);
        assert_eq!(p.cost.fargate_arch, "x86_64");
        assert!((p.cost.fargate_vcpu_hour - 0.05).abs() < 1e-12);
        f.apply(Edit::Price("priceMultiplier".into(), "x".into()));
        assert_eq!(f.plan().unwrap_err()[0].path, "priceMultiplier");
        f.apply(Edit::Price("priceMultiplier".into(), "0".into()));
        assert_eq!(f.plan().unwrap_err()[0].path, "priceMultiplier");
        // A path that is no price is not kept.
        f.apply(Edit::Price("services".into(), "1".into()));
        assert!(!f.prices.0.contains_key("services"));
    }

    /// The opening form plans without errors.
    #[test]
    fn default_form_plans() {
        let p = Form::default().plan().unwrap();
        assert_eq!(p.services[0].desired_count, 10);
        assert_eq!(p.instance.type_name, "t4g.medium");
    }

    /// Text that does not parse is reported at the field's path, once.
    #[test]
    fn unparsable_text_is_reported_at_its_path() {
        let mut f = Form::default();
        f.apply(Edit::Service(0, ServiceField::Memory, "lots".into()));
        let e = f.plan().unwrap_err();
        assert_eq!(
            e.iter().filter(|x| x.path == "services[0].memory").count(),
            1,
            "{e:?}"
        );
    }

    /// Sizes typed as people think of them reach the model as units and MiB.
    #[test]
    fn human_sizes_reach_the_model() {
        let mut f = Form::default();
        f.apply(Edit::Service(0, ServiceField::Cpu, "0.5 vCPU".into()));
        f.apply(Edit::Service(0, ServiceField::Memory, "1 GB".into()));
        let p = f.plan().unwrap();
        assert_eq!(
            (p.services[0].cpu, p.services[0].reserved_memory_mib),
            (512, 1024)
        );
    }

    /// The last service cannot be removed; out-of-range edits are ignored.
    #[test]
    fn edits_never_panic() {
        let mut f = Form::default();
        f.apply(Edit::RemoveService(0));
        f.apply(Edit::RemoveService(9));
        f.apply(Edit::Service(9, ServiceField::Cpu, "1".into()));
        f.apply(Edit::RemoveDaemon(9));
        assert_eq!(f.services.len(), 1);
        f.apply(Edit::AddService);
        f.apply(Edit::AddService);
        assert_eq!(f.services.len(), 3);
        assert_ne!(f.services[1].name, f.services[2].name);
    }

    /// N typed per type reaches the model as a map; a bad entry is reported at runningInstances.
    #[test]
    fn running_instances_per_type() {
        assert_eq!(parse_running("3"), Ok(NumberOrMap::Number(3.0)));
        assert_eq!(
            parse_running("m7g.large=0.1, m7g.large=0.2"),
            Err("m7g.large is given twice: give each type once".to_string())
        );
        let mut f = Form::default();
        f.apply(Edit::Set(Field::InstanceType, "m6g.large".into()));
        f.apply(Edit::Set(Field::MoreTypes, "m6g.xlarge".into()));
        f.apply(Edit::Set(
            Field::Running,
            "m6g.large=1, m6g.xlarge: 2".into(),
        ));
        let p = f.plan().unwrap();
        assert_eq!(p.cas.n, 3);
        f.apply(Edit::Set(Field::Running, "m6g.large=two".into()));
        assert_eq!(f.plan().unwrap_err()[0].path, "runningInstances");
    }

    /// With the estimator on and the first count blank, the estimate sets it.
    #[test]
    fn blank_count_takes_the_estimate() {
        let mut f = Form::default();
        f.apply(Edit::Toggle(Flag::Demand, true));
        f.apply(Edit::Service(0, ServiceField::Desired, String::new()));
        assert_eq!(f.plan().unwrap().services[0].desired_count, 200);
    }
}
