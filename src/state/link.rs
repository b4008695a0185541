//! The page's state in a link (issue 6): the form, as typed, in a compact, readable, versioned query
//! string with defaults left out, and back. Decoding is total: any text gives a form and notes;
//! unknown settings are ignored with a note, and values the model rejects fall back to their
//! defaults with a note ([`decode`]).
//!
//! Format, version 1 (every part optional; order free):
//! `v=1&type=m6g.large&svc=api,0.25+vCPU,512+MiB,10&svc=worker,1024,2048,3,awsvpc&dmn=-&tc=80&n=3`
//! - a scalar setting per key (the table [`SCALARS`]), its text as typed;
//! - `svc=name,cpu,memory,desired,networkMode,memoryReservation,hostPort,distinct` once per service
//!   (trailing defaults left out); `dmn=name,cpu,memory,networkMode,hostPort` once per daemon, `dmn=-` for
//!   none; `trunk=1`; `demand=users` or `demand=rate`;
//! - `cp=name,kind,types,spotDiscount,N,targetCapacity,minStep,maxStep,warmup,asgMin,asgMax,spot,protection`
//!   once per capacity provider (issue 14; trailing defaults left out); `ds=` the cluster's default
//!   strategy and a service's 9th field its own, as text (`od base=2 weight=1, spot weight=3`);
//! - `open=cost,timeline`: the on-demand panels open, in the order they were opened;
//! - each panel's own settings under its prefix ([`PANEL_PREFIXES`]), `t.minutes=1440&t.load=daily`
//!   for the timeline and `r.sort=waste&r.arch=arm64` for the recommender, read into the form's
//!   typed settings (what cannot be used is noted in that panel: [`PanelNotes`]);
//! - `pricing={...}`: edited prices as the JSON of the scenario's `priceMultiplier`,
//!   `instancePrices` and `fargate` ([`Prices`]).
//!
//! Percent-encoding keeps letters, digits and `-._~` as they are and writes a space as `+`; inside
//! `svc` and `dmn` each field is encoded on its own, so a comma in a name is `%2C`.

use super::form::{DaemonField, DaemonForm, Field, Form, ServiceField, ServiceForm};
use super::prices::Prices;
use super::providers::{running_text, strategy_text, ProviderField, ProviderForm};
use super::rec_view::RecView;
use super::run_form::RunForm;
use crate::io::link::{fragment, pct_decode, pct_encode, view_value};
use crate::model::packing::Steps;
use crate::model::scenario::{
    DaemonInput, NumberOrMap, ProviderInput, ScenarioInput, ServiceInput,
};
use crate::model::units::exact;
use crate::model::validate::{FieldError, MAX_DAEMONS, MAX_PROVIDERS, MAX_SERVICES};

/// The on-demand panels that keep settings in the link: (key prefix, panel kind).
pub const PANEL_PREFIXES: [(&str, &str); 2] = [("t", "timeline"), ("r", "cost")];

/// The on-demand panels a link can open. Not the share panel: a link opens what was shared, not
/// the tool that shared it.
pub const PANELS: [&str; 2] = ["cost", "timeline"];

/// The format's version.
pub const VERSION: &str = "1";

/// (query key, form field) for every scalar setting; the path each answers for in validation is
/// the field's ([`Field::path`]).
pub const SCALARS: [(&str, Field); 26] = [
    ("type", Field::InstanceType),
    ("more", Field::MoreTypes),
    ("mem", Field::MemoryModel),
    ("reg", Field::Registered),
    ("reserved", Field::EcsReserved),
    ("strategy", Field::Strategy),
    ("az", Field::Zones),
    ("seed", Field::Seed),
    ("n", Field::Running),
    ("tc", Field::TargetCapacity),
    ("minstep", Field::MinStep),
    ("maxstep", Field::MaxStep),
    ("warmup", Field::Warmup),
    ("asgmin", Field::AsgMin),
    ("asgmax", Field::AsgMax),
    ("sizing", Field::CasSizing),
    ("quota", Field::Quota),
    ("launch", Field::LaunchSeconds),
    ("maxpct", Field::MaximumPercent),
    ("users", Field::Users),
    ("calls", Field::CallsPerUser),
    ("rps", Field::Rps),
    ("latency", Field::LatencyMs),
    ("cpt", Field::CallsPerTask),
    ("cputarget", Field::CpuTarget),
    ("ds", Field::DefaultStrategy),
];

/// The settings of the panel with key prefix `prefix` ("t" or "r"), as the fragment it reads
/// ("minutes=60"); empty for another prefix.
pub fn panel_fragment(form: &Form, prefix: &str) -> String {
    match prefix {
        "t" => form.run.to_link(),
        "r" => form.rec.to_link(),
        _ => String::new(),
    }
}

/// Each panel's fragment with its prefix on every key ("t.minutes=60&t.load=daily").
fn prefixed(prefix: &str, fragment_text: &str) -> Vec<String> {
    fragment_text
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| format!("{prefix}.{p}"))
        .collect()
}

/// What a link held for each panel that could not be used, shown inside that panel.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PanelNotes {
    /// The timeline's.
    pub timeline: Vec<String>,
    /// The cost panel's (the recommender's settings).
    pub cost: Vec<String>,
}

fn list(fields: &[&str]) -> String {
    fields
        .iter()
        .map(|f| pct_encode(f))
        .collect::<Vec<_>>()
        .join(",")
}

/// Drops trailing fields equal to their defaults, keeping at least `keep`.
fn trim<'a>(mut fields: Vec<&'a str>, defaults: &[&str], keep: usize) -> Vec<&'a str> {
    while fields.len() > keep && fields.last() == defaults.get(fields.len() - 1) {
        fields.pop();
    }
    fields
}

const SERVICE_DEFAULTS: [&str; 9] = ["", "", "", "", "bridge", "", "", "0", ""];
/// A provider row's fields in a link: [`ProviderField::LINKED`]'s text, then Spot and managed
/// termination protection ("1" or "0"), then [`ProviderField::LATER`]'s (the commitment discount
/// and Managed Instances' settings, which came later: earlier links read the same).
const PROVIDER_DEFAULTS: [&str; 21] = [
    "", "", "", "", "", "", "", "", "", "", "", "0", "1", "", "", "", "", "", "", "", "",
];
const DAEMON_DEFAULTS: [&str; 5] = ["", "", "", "bridge", ""];

/// The form as a query string (without `?`), defaults left out.
pub fn encode(form: &Form) -> String {
    let base = Form::default();
    let mut parts = vec![format!("v={VERSION}")];
    let (mut f, mut d) = (form.clone(), base.clone());
    for (key, field) in SCALARS {
        let (v, dv) = (f.slot(field).clone(), d.slot(field).clone());
        // With providers a link without N means a blank one (see decode): N is always written.
        let always = field == Field::Running && !form.providers.is_empty();
        if v != dv || always {
            parts.push(format!("{key}={}", pct_encode(&v)));
        }
    }
    if form.trunking {
        parts.push("trunk=1".into());
    }
    if form.demand.on {
        parts.push(format!(
            "demand={}",
            if form.demand.by_rate { "rate" } else { "users" }
        ));
    }
    if form.services != base.services {
        for s in &form.services {
            let distinct = if s.distinct { "1" } else { "0" };
            let fields = vec![
                s.name.as_str(),
                &s.cpu,
                &s.memory,
                &s.desired,
                &s.network_mode,
                &s.memory_reservation,
                &s.host_port,
                distinct,
                &s.strategy,
            ];
            parts.push(format!("svc={}", list(&trim(fields, &SERVICE_DEFAULTS, 4))));
        }
    }
    if form.daemons != base.daemons {
        if form.daemons.is_empty() {
            parts.push("dmn=-".into());
        }
        for x in &form.daemons {
            let fields = vec![
                x.name.as_str(),
                &x.cpu,
                &x.memory,
                &x.network_mode,
                &x.host_port,
            ];
            parts.push(format!("dmn={}", list(&trim(fields, &DAEMON_DEFAULTS, 3))));
        }
    }
    for x in &form.providers {
        let mut row = x.clone();
        let mut fields: Vec<String> = ProviderField::LINKED
            .iter()
            .map(|&f| row.slot(f).clone())
            .collect();
        fields.push(if x.spot { "1" } else { "0" }.into());
        fields.push(if x.protection { "1" } else { "0" }.into());
        fields.extend(ProviderField::LATER.iter().map(|&f| row.slot(f).clone()));
        let refs: Vec<&str> = fields.iter().map(String::as_str).collect();
        parts.push(format!("cp={}", list(&trim(refs, &PROVIDER_DEFAULTS, 2))));
    }
    if !form.open.is_empty() {
        parts.push(format!("open={}", view_value(&form.open)));
    }
    let prices = form.prices.to_json();
    if !prices.is_empty() {
        parts.push(format!("pricing={}", pct_encode(&prices)));
    }
    for (prefix, _) in PANEL_PREFIXES {
        parts.extend(prefixed(prefix, &panel_fragment(form, prefix)));
    }
    parts.join("&")
}

/// A query string (with or without `?`) to the form it describes and notes on what was not used.
/// Never fails: what it cannot read keeps its default.
pub fn decode_form(query: &str) -> (Form, Vec<String>) {
    let (form, notes, _) = decode_parts(query);
    (form, notes)
}

/// [`decode_form`], with the notes on each panel's settings apart.
fn decode_parts(query: &str) -> (Form, Vec<String>, PanelNotes) {
    let mut form = Form::default();
    let mut panel_notes = PanelNotes::default();
    let mut run_pairs: Vec<(String, String)> = Vec::new();
    let mut rec_pairs: Vec<(String, String)> = Vec::new();
    let mut notes = Vec::new();
    let (mut services, mut daemons): (Vec<ServiceForm>, Vec<DaemonForm>) = (Vec::new(), Vec::new());
    let (mut saw_services, mut saw_daemons) = (false, false);
    let query = query.strip_prefix('?').unwrap_or(query);
    for part in query.split('&').filter(|p| !p.is_empty()) {
        let (key, raw) = part.split_once('=').unwrap_or((part, ""));
        let key = pct_decode(key);
        let fields = || -> Vec<String> { raw.split(',').map(pct_decode).collect() };
        let field = |i: usize, f: &[String]| f.get(i).cloned().unwrap_or_default();
        match key.as_str() {
            "v" => {
                if raw != VERSION {
                    notes.push(format!(
                        "the link is version \"{}\"; read as version {VERSION}",
                        pct_decode(raw)
                    ));
                }
            }
            "trunk" => form.trunking = raw == "1",
            "demand" => {
                form.demand.on = true;
                form.demand.by_rate = raw == "rate";
            }
            // Page settings read elsewhere (embedding).
            "embed" | "view" | "theme" => {}
            "open" => form.open = pct_decode(raw),
            "pricing" => {
                let (prices, mut more) = Prices::from_json(&pct_decode(raw));
                form.prices = prices;
                notes.append(&mut more);
            }
            "svc" => {
                saw_services = true;
                let f = fields();
                if services.len() >= MAX_SERVICES {
                    notes.push(format!(
                        "more than {MAX_SERVICES} services in the link; the rest are left out"
                    ));
                    continue;
                }
                let mode = field(4, &f);
                services.push(ServiceForm {
                    name: field(0, &f),
                    cpu: field(1, &f),
                    memory: field(2, &f),
                    desired: field(3, &f),
                    network_mode: if mode.is_empty() {
                        "bridge".into()
                    } else {
                        mode
                    },
                    memory_reservation: field(5, &f),
                    host_port: field(6, &f),
                    distinct: field(7, &f) == "1",
                    strategy: field(8, &f),
                });
            }
            "cp" => {
                if form.providers.len() >= MAX_PROVIDERS {
                    notes.push(format!(
                        "more than {MAX_PROVIDERS} capacity providers in the link; the rest are left out"
                    ));
                    continue;
                }
                let f = fields();
                let mut row = ProviderForm::new("", "");
                for (k, pf) in ProviderField::LINKED.into_iter().enumerate() {
                    *row.slot(pf) = field(k, &f);
                }
                let n = ProviderField::LINKED.len();
                for (k, pf) in ProviderField::LATER.into_iter().enumerate() {
                    *row.slot(pf) = field(n + 2 + k, &f);
                }
                let all = n + 2 + ProviderField::LATER.len();
                // The switches are "1" or "0" (blank: the default); anything else is read as the
                // default, with a note, as are fields past the last.
                let (spot, protection) = (field(n, &f), field(n + 1, &f));
                for (what, v) in [("Spot", &spot), ("termination protection", &protection)] {
                    if !["", "0", "1"].contains(&v.as_str()) {
                        notes.push(format!(
                            "capacity provider {}: its {what} switch \"{}\" is not 1 or 0; its default is used",
                            row.name,
                            v.chars().take(40).collect::<String>()
                        ));
                    }
                }
                if f.len() > all {
                    notes.push(format!(
                        "capacity provider {}: {} fields past the last were ignored",
                        row.name,
                        f.len() - all
                    ));
                }
                row.spot = spot == "1";
                row.protection = protection != "0";
                form.providers.push(row);
            }
            "dmn" => {
                saw_daemons = true;
                if raw == "-" {
                    continue;
                }
                if daemons.len() >= MAX_DAEMONS {
                    notes.push(format!(
                        "more than {MAX_DAEMONS} daemons in the link; the rest are left out"
                    ));
                    continue;
                }
                let f = fields();
                let mode = field(3, &f);
                daemons.push(DaemonForm {
                    name: field(0, &f),
                    cpu: field(1, &f),
                    memory: field(2, &f),
                    network_mode: if mode.is_empty() {
                        "bridge".into()
                    } else {
                        mode
                    },
                    host_port: field(4, &f),
                });
            }
            k => match SCALARS.iter().find(|(name, _)| *name == k) {
                Some(&(_, field)) => *form.slot(field) = pct_decode(raw),
                None if k.starts_with("t.") => {
                    run_pairs.push((k[2..].to_string(), pct_decode(raw)));
                }
                None if k.starts_with("r.") => {
                    rec_pairs.push((k[2..].to_string(), pct_decode(raw)));
                }
                None => notes.push(format!(
                    "the link's setting \"{}\" is unknown and was ignored",
                    k.chars().take(40).collect::<String>()
                )),
            },
        }
    }
    if saw_services && !services.is_empty() {
        form.services = services;
    }
    // With providers N is each provider's: a link that does not give the cluster's N leaves it
    // blank, not the form's 0 (which the model refuses beside providers).
    if !form.providers.is_empty() && !query.split('&').any(|p| p == "n" || p.starts_with("n=")) {
        form.cas.running.clear();
    }
    if saw_daemons {
        form.daemons = daemons;
    }
    let own = |list: &[(String, String)]| {
        let refs: Vec<(&str, &str)> = list.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        fragment(&refs)
    };
    (form.run, panel_notes.timeline) = RunForm::from_link(&own(&run_pairs));
    (form.rec, panel_notes.cost) = RecView::from_link(&own(&rec_pairs));
    (form, notes, panel_notes)
}

/// [`decode_form`], then every value the model rejects goes back to its default, with a note
/// naming it. (Errors that no single field owns are left for the page to show beside the fields.)
pub fn decode(query: &str) -> (Form, Vec<String>) {
    let (form, notes, _) = decode_all(query);
    (form, notes)
}

/// [`decode`], with the notes on each panel's settings apart: the timeline's run settings the
/// model rejects for this scenario also go back to their defaults, noted in the timeline.
pub fn decode_all(query: &str) -> (Form, Vec<String>, PanelNotes) {
    let (mut form, mut notes, mut panel_notes) = decode_parts(query);
    let base = Form::default();
    let (known, unknown): (Vec<&str>, Vec<&str>) = form
        .open
        .split(',')
        .filter(|k| !k.is_empty())
        .partition(|k| PANELS.contains(k));
    // The share panel exists but a link does not open it (it holds this very link).
    let (share, unknown): (Vec<&str>, Vec<&str>) = unknown.into_iter().partition(|k| *k == "share");
    if !share.is_empty() {
        notes.push("a link does not open the share panel: open it with its button".to_string());
    }
    if !unknown.is_empty() {
        notes.push(format!(
            "the link opens panels that do not exist ({}); they were ignored",
            unknown
                .iter()
                .map(|k| format!("\"{}\"", k.chars().take(40).collect::<String>()))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        form.open = known.join(",");
    }
    // A value put back may show another that depends on it (a memory no type holds, once an
    // unknown type is back at t4g.medium): check again until the form plans or nothing changes.
    // One check per round (at most four rounds of putting back, and a last look); the input of
    // the plan that succeeds checks the timeline's run below.
    let mut planned = None;
    for round in 0..=4 {
        // Only the errors are wanted: they come before the placements, which are skipped (a
        // link of a million tasks decodes at once instead of planning them; the page plans
        // them in steps).
        let (input, result) = Steps::check(|| form.plan_with_input());
        let errors = match result {
            Ok(_) => {
                planned = Some(input);
                break;
            }
            Err(errors) => errors,
        };
        if round == 4 {
            break;
        }
        let mut changed = false;
        for e in &errors {
            if reset(&mut form, &base, e) {
                notes.push(fallback_note(e));
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    if let Some(input) = planned {
        let (run, mut more) = form.run.clone().checked(&input);
        form.run = run;
        panel_notes.timeline.append(&mut more);
    }
    (form, tidy(notes), panel_notes.tidy())
}

/// At most this many notes on one link: a crafted link could give thousands.
const MAX_NOTES: usize = 20;

/// Notes once each, at most [`MAX_NOTES`] of them, with a last one saying how many more there were.
fn tidy(notes: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut more = 0usize;
    for n in notes {
        if out.contains(&n) {
            continue;
        }
        if out.len() < MAX_NOTES {
            out.push(n);
        } else {
            more += 1;
        }
    }
    if more > 0 {
        out.push(format!("and {more} more notes like these"));
    }
    out
}

impl PanelNotes {
    /// Each panel's notes once each, at most 20.
    fn tidy(self) -> PanelNotes {
        PanelNotes {
            timeline: tidy(self.timeline),
            cost: tidy(self.cost),
        }
    }
}

/// Whether an error at `path` belongs to the setting at `prefix` (itself, a member or an item).
pub fn owns(prefix: &str, path: &str) -> bool {
    path.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

/// The note for a link's value that the model rejected and that went back to its default.
pub fn fallback_note(e: &FieldError) -> String {
    format!(
        "{} from the link was not valid ({}); its default is used",
        e.path, e.message
    )
}

/// Puts the default back in the field that owns an error; false when no single field owns it.
fn reset(form: &mut Form, base: &Form, e: &FieldError) -> bool {
    type S = ScenarioInput;
    let p = e.path.as_str();
    let owner = |prefix: &str| owns(prefix, p);
    if [
        S::PRICE_MULTIPLIER,
        S::COMMITMENT_DISCOUNT,
        S::INSTANCE_PRICES,
        S::FARGATE,
    ]
    .iter()
    .any(|x| owner(x))
    {
        let before = form.prices.0.len();
        form.prices
            .0
            .retain(|path, _| !(owns(path, p) || owns(p, path)));
        return form.prices.0.len() < before;
    }
    if let Some(&(_, field)) = SCALARS.iter().find(|(_, f)| owner(&f.path())) {
        let mut b = base.clone();
        return put(form.slot(field), b.slot(field).clone());
    }
    let row = |prefix: &str| -> Option<(usize, &str)> {
        let rest = p.strip_prefix(prefix)?.strip_prefix('[')?;
        let (i, rest) = rest.split_once(']')?;
        Some((i.parse().ok()?, rest.strip_prefix('.').unwrap_or(rest)))
    };
    if let Some((i, key)) = row(S::CAPACITY_PROVIDERS) {
        // The group as a whole (its limits on a Fargate provider): both limits go back.
        if key == ProviderInput::ASG {
            let Some(x) = form.providers.get_mut(i) else {
                return false;
            };
            return put(&mut x.asg_min, String::new()) | put(&mut x.asg_max, String::new());
        }
        let (Some(x), Some(f)) = (form.providers.get_mut(i), ProviderField::owning(key)) else {
            return false;
        };
        // A fresh row's value: blank (the scenario's), or the kind an asg.
        let mut fresh = ProviderForm::new(&format!("provider-{}", i + 1), "asg");
        return put(x.slot(f), std::mem::take(fresh.slot(f)));
    }
    if let Some((i, key)) = row(S::SERVICES) {
        let strategy = ServiceInput::CAPACITY_PROVIDER_STRATEGY;
        let key = if owns(strategy, key) { strategy } else { key };
        let (Some(s), Some(f)) = (form.services.get_mut(i), ServiceField::of_key(key)) else {
            return false;
        };
        // A fresh row's value; the name numbered as a new row's.
        let mut fresh =
            ServiceForm::new(&format!("service-{}", i + 1), "0.25 vCPU", "512 MiB", "1");
        return put(s.slot(f), std::mem::take(fresh.slot(f)));
    }
    if let Some((i, key)) = row(S::DAEMONS) {
        let (Some(d), Some(f)) = (form.daemons.get_mut(i), DaemonField::of_key(key)) else {
            return false;
        };
        let value = match f {
            DaemonField::Cpu => "32".into(),
            DaemonField::Memory => "64".into(),
            DaemonField::NetworkMode => "bridge".into(),
            DaemonField::HostPort => String::new(),
            DaemonField::Name => format!("daemon-{}", i + 1),
        };
        return put(d.slot(f), value);
    }
    false
}

/// Puts `value` in a field; whether that changed it (a field already at its default is not "put
/// back", and gets no note saying so: the error stays beside it).
fn put(slot: &mut String, value: String) -> bool {
    let changed = *slot != value;
    *slot = value;
    changed
}

/// The form that shows a scenario (for `encode(scenario)` and imports), and notes on what a form
/// cannot hold (a custom instance type; per-type registered memory keeps the first type's).
pub fn form_from_input(input: &ScenarioInput) -> (Form, Vec<String>) {
    let mut f = Form::default();
    let mut notes = Vec::new();
    let num = |x: Option<f64>| x.map(exact).unwrap_or_default();
    if input.instance.is_some() {
        notes.push(
            "a custom instance type cannot be shown in the form or a link; t4g.medium is used"
                .to_string(),
        );
    }
    f.providers = input
        .capacity_providers
        .iter()
        .flatten()
        .map(ProviderForm::of_input)
        .collect();
    f.default_strategy = input
        .default_strategy
        .as_deref()
        .map(strategy_text)
        .unwrap_or_default();
    let types = input
        .instance_types
        .clone()
        .or_else(|| input.instance_type.clone().map(|t| vec![t]));
    if let Some(types) = types {
        set(&mut f, Field::InstanceType, types.first().cloned());
        set(
            &mut f,
            Field::MoreTypes,
            Some(types.get(1..).unwrap_or(&[]).join(", ")),
        );
    }
    set(&mut f, Field::MemoryModel, input.memory_model.clone());
    if let Some(NumberOrMap::Map(m)) = &input.registered_memory_mib {
        let first = f.instance_type.clone();
        let x = m.get(&first).copied();
        if m.len() > 1 || x.is_none() {
            notes.push("registered memory per type: only the first type's is kept".to_string());
        }
        set(&mut f, Field::Registered, Some(num(x)));
    } else {
        set(
            &mut f,
            Field::Registered,
            Some(running_text(input.registered_memory_mib.as_ref())),
        );
    }
    set(
        &mut f,
        Field::EcsReserved,
        input.ecs_reserved_memory_mib.map(exact),
    );
    f.trunking = input.eni_trunking.unwrap_or(false);
    set(&mut f, Field::Strategy, input.placement_strategy.clone());
    set(&mut f, Field::Zones, input.availability_zones.map(exact));
    set(&mut f, Field::Seed, input.random_seed.map(exact));
    set(
        &mut f,
        Field::Running,
        input
            .running_instances
            .as_ref()
            .map(|_| running_text(input.running_instances.as_ref())),
    );
    // With providers N is each asg provider's: the cluster-wide field is blank, not the form's 0
    // (which the model refuses beside providers).
    if input.capacity_providers.is_some() && input.running_instances.is_none() {
        f.cas.running.clear();
    }
    cas_from_input(&mut f, input);
    rows_from_input(&mut f, input);
    f.prices = Prices::of_input(input);
    (f, notes)
}

/// Sets `field` to `v` when there is one.
fn set(f: &mut Form, field: Field, v: Option<String>) {
    if let Some(v) = v {
        *f.slot(field) = v;
    }
}

/// The capacity provider, the ASG, the settings and the demand estimator of a scenario, as text.
fn cas_from_input(f: &mut Form, input: &ScenarioInput) {
    if let Some(c) = &input.capacity_provider {
        set(f, Field::TargetCapacity, c.target_capacity.map(exact));
        set(f, Field::MinStep, c.minimum_scaling_step_size.map(exact));
        set(f, Field::MaxStep, c.maximum_scaling_step_size.map(exact));
        set(f, Field::Warmup, c.instance_warmup_period.map(exact));
    }
    if let Some(a) = &input.asg {
        set(f, Field::AsgMin, a.min_size.map(exact));
        set(f, Field::AsgMax, a.max_size.map(exact));
    }
    if let Some(s) = &input.settings {
        set(f, Field::CasSizing, s.cas_sizing.clone());
        set(f, Field::Quota, s.provisioning_quota.map(exact));
        set(f, Field::LaunchSeconds, s.launch_seconds.map(exact));
        set(f, Field::MaximumPercent, s.maximum_percent.map(exact));
    }
    if let Some(d) = &input.demand {
        f.demand.on = true;
        f.demand.by_rate = d.requests_per_second.is_some();
        set(f, Field::Users, d.concurrent_users.map(exact));
        // Absent, the planner takes 1 call per user; the form's own default (10) would change it.
        let calls = d
            .calls_per_user
            .or(d.requests_per_second.is_none().then_some(1.0));
        set(f, Field::CallsPerUser, calls.map(exact));
        set(f, Field::Rps, d.requests_per_second.map(exact));
        set(f, Field::LatencyMs, d.latency_ms.map(exact));
        set(f, Field::CallsPerTask, d.calls_per_task.map(exact));
        set(f, Field::CpuTarget, d.cpu_target.map(exact));
    }
}

/// The services and daemons of a scenario, as text (no daemons when it has none).
fn rows_from_input(f: &mut Form, input: &ScenarioInput) {
    let num = |x: Option<f64>| x.map(exact).unwrap_or_default();
    if let Some(list) = &input.services {
        f.services = list
            .iter()
            .enumerate()
            .map(|(i, s)| ServiceForm {
                // The name the planner gives an unnamed service, so the form plans the same.
                name: s
                    .name
                    .clone()
                    .unwrap_or_else(|| format!("service-{}", i + 1)),
                cpu: num(s.cpu.or(Some(0.0))),
                memory: num(s.memory),
                memory_reservation: num(s.memory_reservation),
                // Absent, the planner assumes 1 (the first service with the estimator on: the
                // estimate, which a blank first count means in the form too); a blank elsewhere
                // in the form is 0, so the 1 is written.
                desired: match (s.desired_count, i, input.demand.is_some()) {
                    (None, 0, true) => String::new(),
                    (x, _, _) => num(x.or(Some(1.0))),
                },
                network_mode: s.network_mode.clone().unwrap_or_else(|| "bridge".into()),
                host_port: num(s.host_port),
                distinct: s.distinct_instance.unwrap_or(false),
                strategy: s
                    .capacity_provider_strategy
                    .as_deref()
                    .map(strategy_text)
                    .unwrap_or_default(),
            })
            .collect();
    }
    if let Some(list) = &input.daemons {
        f.daemons = list
            .iter()
            .enumerate()
            .map(|(i, d)| DaemonForm {
                name: d
                    .name
                    .clone()
                    .unwrap_or_else(|| format!("daemon-{}", i + 1)),
                cpu: num(d.cpu.or(Some(0.0))),
                memory: num(d.memory.or(d.memory_reservation)),
                network_mode: d.network_mode.clone().unwrap_or_else(|| "bridge".into()),
                host_port: num(d.host_port),
            })
            .collect();
    } else {
        // A scenario without daemons has none (the page's opening form has a log router).
        f.daemons = Vec::new();
    }
}

/// How the page is shown: `embed=1` (a compact view for an iframe) and `view=` (packing, cas,
/// timeline or cost; anything else shows every result).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageMode {
    /// Embedded: results without the input forms.
    pub embed: bool,
    /// The one view shown when embedded.
    pub view: Option<&'static str>,
    /// `theme=light|dark|auto` as given (none: light when embedded, the system's otherwise).
    pub theme: Option<&'static str>,
}

/// The themes a link can ask for.
pub const THEMES: [&str; 3] = ["light", "dark", "auto"];

/// The views an embed can pick.
pub const VIEWS: [&str; 4] = ["packing", "cas", "timeline", "cost"];

impl PageMode {
    /// Reads `embed` and `view` from a query string.
    pub fn of(query: &str) -> Self {
        let mut m = PageMode::default();
        for part in query.strip_prefix('?').unwrap_or(query).split('&') {
            match part.split_once('=') {
                Some(("embed", v)) => m.embed = v == "1",
                Some(("view", v)) => m.view = VIEWS.iter().find(|x| **x == v).copied(),
                Some(("theme", v)) => m.theme = THEMES.iter().find(|x| **x == v).copied(),
                _ => {}
            }
        }
        m
    }

    /// The query's page part ("&embed=1&view=cas"), empty when not embedded.
    pub fn suffix(&self) -> String {
        let theme = self
            .theme
            .map(|t| format!("&theme={t}"))
            .unwrap_or_default();
        match (self.embed, self.view) {
            (false, _) => theme,
            (true, None) => format!("&embed=1{theme}"),
            (true, Some(v)) => format!("&embed=1&view={v}{theme}"),
        }
    }

    /// The theme the page takes: as asked, else light when embedded (a dark system must not put
    /// a black block in a light page), else the system's ("auto").
    pub fn theme_used(&self) -> &'static str {
        self.theme
            .unwrap_or(if self.embed { "light" } else { "auto" })
    }
}

/// Whether a query names any of the scenario (not only how the page is shown).
pub fn has_scenario(query: &str) -> bool {
    query
        .strip_prefix('?')
        .unwrap_or(query)
        .split('&')
        .any(|p| {
            !p.is_empty()
                && !["embed", "view", "theme", "v"].contains(&p.split('=').next().unwrap_or(""))
        })
}

/// The iframe snippet that embeds the page at `base` (the page's URL without its query) showing
/// `query`'s scenario.
pub fn embed_code(
    base: &str,
    query: &str,
    view: Option<&str>,
    height: u32,
    theme: Option<&str>,
) -> String {
    let view = view.map(|v| format!("&view={v}")).unwrap_or_default();
    let theme = theme
        .filter(|t| *t != "light")
        .map(|t| format!("&theme={t}"))
        .unwrap_or_default();
    format!(
        "<iframe src=\"{base}?{query}&embed=1{view}{theme}\" title=\"ECS Capacity Planner\" width=\"100%\" height=\"{height}\" style=\"border:0\" loading=\"lazy\"></iframe>",
        // The query is percent-encoded already; the base URL cannot close the attribute, and its
        // ampersands are written as the attribute's text requires.
        base = base
            .replace('&', "&amp;")
            .replace('"', "%22")
            .replace('<', "%3C")
            .replace('>', "%3E"),
    )
}

/// Where shared links and embed code point (issue 13 point 13).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareBase {
    /// The page's own address (served over http or https).
    Page(String),
    /// The site address the user set, for a page opened as a file.
    Site(String),
    /// A page opened as a file with no site address set: a link to it opens on this computer only.
    FileOnly,
    /// The site address typed is not one: why.
    BadSite(String),
}

impl ShareBase {
    /// The base to put before `?query`, when links can be shared.
    pub fn url(&self) -> Option<&str> {
        match self {
            ShareBase::Page(u) | ShareBase::Site(u) => Some(u),
            _ => None,
        }
    }
}

/// Where links point: the page's own address (`page`, without its query) unless the page is a
/// file (`protocol` "file:"), then the site address typed (`site`, kept in this browser), an http
/// or https address with no query or fragment; blank leaves links unshareable.
pub fn share_base(protocol: &str, page: &str, site: &str) -> ShareBase {
    if protocol != "file:" {
        return ShareBase::Page(page.to_string());
    }
    let site = site.trim();
    if site.is_empty() {
        return ShareBase::FileOnly;
    }
    let rest = site
        .strip_prefix("https://")
        .or_else(|| site.strip_prefix("http://"));
    match rest {
        None => ShareBase::BadSite(
            "give the address where the planner is published, starting with https:// (or http://)"
                .into(),
        ),
        Some(r) if r.is_empty() || r.starts_with('/') => {
            ShareBase::BadSite("the address needs a host name after https://".into())
        }
        Some(_) if site.contains(['?', '#']) => ShareBase::BadSite(
            "give the page's address alone, without ? or # (the scenario is added after it)".into(),
        ),
        Some(_) if site.len() > 2_000 => {
            ShareBase::BadSite("an address of at most 2,000 characters".into())
        }
        // Plain ASCII of the characters an address needs (RFC 3986 without quotes, brackets or
        // backslashes; other text percent-encoded), so nothing typed here can change the meaning
        // of the link or the embed code it goes into.
        Some(_) if !site.chars().all(|c| c.is_ascii_alphanumeric() || "-._~:/%+,;=!$()*&".contains(c)) => {
            ShareBase::BadSite("an address has letters, digits and - . _ ~ : / % + , ; = ! $ ( ) * & only (no spaces, quotes, angle brackets or other characters: percent-encode them)".into())
        }
        Some(r) if r.split('/').next().is_some_and(|host| host.contains('@')) => {
            ShareBase::BadSite("give the site's own address, with no user name before @".into())
        }
        Some(_) => ShareBase::Site(site.to_string()),
    }
}

/// The optional script for a host page that lets the iframe take the height it reports as it
/// changes (panels opening, the timeline growing).
pub const EMBED_LISTENER: &str = "<script>addEventListener('message', (e) => { if (!e.data || e.data.type !== 'ecs-capacity:height') return; for (const f of document.querySelectorAll('iframe')) if (f.contentWindow === e.source) f.height = Math.ceil(e.data.height); });</script>";
/// The API's `encode(scenario)`: scenario JSON text in; the query string out, or the errors JSON
/// (`{ ok: false, errors }`) when the text is not a scenario. Notes on what a link cannot hold are
/// dropped here: `decode` of the result shows what was kept.
pub fn encode_json(scenario: &str) -> Result<String, String> {
    let input = crate::io::read::scenario_from_text(scenario)
        .map_err(|e| crate::io::face::errors_json(&e))?;
    // A link of a scenario the planner rejects would open on an error, and a field the link cannot
    // hold would be lost: both are errors that name the field, not a link.
    crate::model::providers::plan_input(&input).map_err(|e| crate::io::face::errors_json(&e))?;
    let lost = unrepresentable(&input);
    if !lost.is_empty() {
        return Err(crate::io::face::errors_json(&lost));
    }
    Ok(encode(&form_from_input(&input).0))
}

/// The fields of a scenario a link cannot hold (the form has no place for them).
pub fn unrepresentable(input: &ScenarioInput) -> Vec<FieldError> {
    type S = ScenarioInput;
    let mut out = Vec::new();
    for (i, d) in input.daemons.iter().flatten().enumerate() {
        if d.memory_reservation.is_some() {
            out.push(FieldError::new(
                crate::model::scenario::item(S::DAEMONS, i, DaemonInput::MEMORY_RESERVATION),
                "a link holds a daemon's memory, not a soft limit apart from it; give memory alone",
            ));
        }
    }
    if input.instance.is_some() {
        out.push(FieldError::new(
            S::INSTANCE,
            "a custom instance type cannot be written in a link; name a catalog type in instanceType",
        ));
    }
    if let Some(NumberOrMap::Map(m)) = &input.registered_memory_mib {
        let first = input
            .instance_types
            .as_ref()
            .and_then(|t| t.first())
            .or(input.instance_type.as_ref())
            .map_or("t4g.medium", String::as_str);
        if m.len() > 1 || !m.contains_key(first) {
            out.push(FieldError::new(
                S::REGISTERED_MEMORY,
                format!("a link holds the registered memory of the first type ({first}) only; give one number"),
            ));
        }
    }
    out
}

/// The API's `decode(query)`: `{ ok: true, scenario, notes }`, the scenario as the page would plan
/// it (values the model rejects back at their defaults, each with a note).
pub fn decode_json(query: &str) -> String {
    let (form, notes) = decode(query);
    crate::io::face::with_scenario(&form.to_input().0, &notes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::packing::SplitMix64;

    /// A field the model rejects that is already at its default is not "put back" with a note
    /// (the adversarial review: a Fargate task too large for Fargate, the strategy blank).
    #[test]
    fn a_field_already_at_its_default_gets_no_put_back_note() {
        let (_, notes, _) = decode_all("v=1&n=&svc=a,32768,250000,2&dmn=-&cp=fg,fargate");
        assert!(
            !notes.iter().any(|n| n.contains("capacityProviderStrategy")),
            "{notes:?}"
        );
        // A field that is not at its default still is.
        let (form, notes, _) = decode_all("v=1&type=nope&svc=x,256,512,1");
        assert!(
            notes.iter().any(|n| n.contains("instanceType")),
            "{notes:?}"
        );
        assert_eq!(form.instance_type, Form::default().instance_type);
    }

    trait Below {
        fn b(&mut self, n: u64) -> u64;
    }

    impl Below for SplitMix64 {
        fn b(&mut self, n: u64) -> u64 {
            self.below(n as usize) as u64
        }
    }

    /// A link with thousands of prices is refused whole with one note (each was a round of work:
    /// 30,000 entries took 13.5 s), and the rest of the link still opens.
    #[test]
    fn a_flood_of_prices_is_refused_whole() {
        let entries: Vec<String> = (0..10_000).map(|i| format!("\"x{i}.large\":0.1")).collect();
        let json = format!("{{\"instancePrices\":{{{}}}}}", entries.join(","));
        let q = format!(
            "v=1&svc=api,256,512,3&pricing={}",
            crate::io::link::pct_encode(&json)
        );
        let (form, notes) = decode(&q);
        assert_eq!(form.services[0].desired, "3");
        assert!(
            notes.iter().any(|n| n.contains("at most 200 prices")),
            "{notes:?}"
        );
        assert!(form
            .to_input()
            .0
            .instance_prices
            .is_none_or(|m| m.is_empty()));
    }

    /// A served page shares its own address; a file shares the site address set, or nothing,
    /// and a bad site address is refused with why.
    #[test]
    fn share_base_by_protocol_and_site() {
        let page = "https://plan.example/ecs/";
        assert_eq!(
            share_base("https:", page, "x"),
            ShareBase::Page(page.into())
        );
        assert_eq!(
            share_base("file:", "file:///home/a/index.html", ""),
            ShareBase::FileOnly
        );
        assert_eq!(share_base("file:", "file:///x", "  "), ShareBase::FileOnly);
        assert_eq!(
            share_base("file:", "file:///x", " https://plan.example/ecs/ "),
            ShareBase::Site("https://plan.example/ecs/".into())
        );
        assert_eq!(
            share_base("file:", "", "http://localhost:8080").url(),
            Some("http://localhost:8080")
        );
        let long = format!("https://x.example/{}", "a".repeat(2_100));
        for bad in [
            "plan.example",
            "ftp://x",
            "https://",
            "https:///x",
            "https://x/?a=1",
            "https://x/#y",
            "https://x/a b",
            "https://x/\"\u{3e}",
            // The adversarial review's: an apostrophe, a user name, bidi and invisible characters,
            // a NUL, non-ASCII, and 2,100 characters.
            "https://ex'ample.com/a'onload='alert(1)",
            "https://good.com@evil.com/",
            "https://x.example/\u{202e}a",
            "https://x.example/\u{200b}",
            "https://x.example/\u{0}",
            "https://x.example/é",
            long.as_str(),
        ] {
            assert!(
                matches!(share_base("file:", "", bad), ShareBase::BadSite(_)),
                "{bad}"
            );
            assert_eq!(share_base("file:", "", bad).url(), None, "{bad}");
        }
        // An ampersand in the address is written as &amp; inside the iframe's attribute.
        let code = embed_code("https://x.example/a&b/", "v=1", None, 640, None);
        assert!(
            code.contains("src=\"https://x.example/a&amp;b/?v=1"),
            "{code}"
        );
    }

    /// Providers and strategies ride in the link as typed; a value the model refuses goes back
    /// to its default with a note naming its path, and the rest stays.
    #[test]
    fn providers_and_strategies_in_a_link() {
        let mut f = Form::default();
        f.apply(crate::state::form::Edit::AddProvider("asg".into()));
        f.apply(crate::state::form::Edit::AddProvider("asg".into()));
        f.providers[1].name = "spot".into();
        f.providers[1].spot = true;
        f.providers[1].types = "m6g.large, c6g.large".into();
        f.providers[1].discount = "70".into();
        f.default_strategy = "ec2 base=2 weight=1, spot weight=3".into();
        f.services[0].strategy = "spot weight=1".into();
        // The untouched N of 0 gave way to the providers' own.
        assert_eq!(f.cas.running, "");
        let q = encode(&f);
        assert!(q.contains("&cp=ec2,asg&"), "{q}");
        assert!(
            q.contains("&cp=spot,asg,m6g.large%2C+c6g.large,70,,,,,,,,1"),
            "{q}"
        );
        assert!(
            q.contains("ds=ec2+base%3D2+weight%3D1%2C+spot+weight%3D3"),
            "{q}"
        );
        let (back, notes) = decode(&q);
        assert_eq!(notes, Vec::<String>::new());
        assert_eq!(back, f);
        let plan = back.plan().unwrap();
        assert_eq!(plan.providers.len(), 2, "{:?}", plan.providers);
        // A discount past 90 % and a strategy naming no provider: each back to its default.
        let bad = q
            .replace(",70,", ",95,")
            .replace(",spot+weight%3D1", ",nope+weight%3D1");
        assert_ne!(bad, q.replace(",70,", ",95,"));
        let (back, notes) = decode(&bad);
        assert_eq!(back.providers[1].discount, "");
        assert_eq!(back.services[0].strategy, "");
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(
            notes[0].starts_with("capacityProviders[1].spotDiscount from the link"),
            "{notes:?}"
        );
        assert!(
            notes[1].starts_with(
                "services[0].capacityProviderStrategy[0].capacityProvider from the link"
            ),
            "{notes:?}"
        );
    }

    /// The review's hand-written links: providers with no N open with the cluster's N blank and
    /// plan; switches that are not 1 or 0, and fields past the last, are noted; a Fargate
    /// provider's group limits go back to blank, with a note, so the link plans.
    #[test]
    fn hand_written_provider_links() {
        let (f, notes) = decode("v=1&cp=od,asg");
        assert_eq!((f.cas.running.as_str(), notes.len()), ("", 0), "{notes:?}");
        assert!(f.plan().is_ok());
        // The commitment discount comes after the switches (links made before it read the same).
        let (f, notes) = decode("v=1&cp=od,asg,,,,,,,,,,0,0,30");
        assert_eq!(notes, Vec::<String>::new());
        let p = &f.providers[0];
        assert_eq!(
            (p.spot, p.protection, p.commitment.as_str()),
            (false, false, "30")
        );
        // Savings Plans do not cover Spot: on a Spot group the discount goes, with a note.
        let (f, notes) = decode("v=1&cp=od,asg,,,,,,,,,,1,0,30");
        assert_eq!(f.providers[0].commitment, "");
        assert!(notes[0].contains("do not cover Spot"), "{notes:?}");
        let (f, notes) = decode("v=1&cp=od,asg,,,,,,,,,,yes,no,,,,,,,,,extra");
        assert!(!f.providers[0].spot && f.providers[0].protection);
        assert_eq!(notes.len(), 3, "{notes:?}");
        assert!(notes[0].contains("Spot switch \"yes\""), "{notes:?}");
        assert!(notes[2].contains("1 fields past the last"), "{notes:?}");
        let (f, notes) = decode("v=1&n=&cp=ec2,fargate,,,,,,,,3,7");
        assert_eq!(
            (
                f.providers[0].asg_min.as_str(),
                f.providers[0].asg_max.as_str()
            ),
            ("", "")
        );
        assert!(
            notes
                .iter()
                .any(|n| n.starts_with("capacityProviders[0].asg from the link")),
            "{notes:?}"
        );
        assert!(f.plan().is_ok());
    }

    /// Text drawn from an alphabet full of the format's own separators and escapes.
    fn text(rng: &mut SplitMix64, max: u64) -> String {
        const ALPHABET: [&str; 20] = [
            "a", "Z", "0", "9", " ", ",", "&", "=", "%", "+", "?", "#", "-", ".", "~", "é", "日",
            "\"", "%2C", "=1",
        ];
        (0..rng.b(max + 1))
            .map(|_| ALPHABET[rng.b(ALPHABET.len() as u64) as usize])
            .collect()
    }

    fn random_form(rng: &mut SplitMix64) -> Form {
        let mut f = Form::default();
        for (_, field) in SCALARS {
            if rng.b(3) == 0 {
                *f.slot(field) = text(rng, 12);
            }
        }
        f.trunking = rng.b(2) == 0;
        f.demand.on = rng.b(2) == 0;
        f.demand.by_rate = f.demand.on && rng.b(2) == 0;
        if rng.b(3) > 0 {
            f.services = (0..1 + rng.b(4))
                .map(|_| ServiceForm {
                    name: text(rng, 8),
                    cpu: text(rng, 6),
                    memory: text(rng, 6),
                    memory_reservation: text(rng, 3),
                    desired: text(rng, 4),
                    network_mode: ["bridge", "awsvpc", "host", ""][rng.b(4) as usize].to_string(),
                    host_port: text(rng, 3),
                    distinct: rng.b(2) == 0,
                    strategy: text(rng, 6),
                })
                .collect();
        }
        if rng.b(3) == 0 {
            f.providers = (0..1 + rng.b(3))
                .map(|_| {
                    let mut row = ProviderForm::new("", "");
                    for pf in ProviderField::ALL {
                        if rng.b(2) == 0 {
                            *row.slot(pf) = text(rng, 6);
                        }
                    }
                    row.spot = rng.b(2) == 0;
                    row.protection = rng.b(2) == 0;
                    row
                })
                .collect();
        }
        if rng.b(3) > 0 {
            f.daemons = (0..rng.b(3))
                .map(|_| DaemonForm {
                    name: text(rng, 8),
                    cpu: text(rng, 4),
                    memory: text(rng, 4),
                    network_mode: ["bridge", "awsvpc"][rng.b(2) as usize].to_string(),
                    host_port: text(rng, 4),
                })
                .collect();
        }
        if rng.b(3) == 0 {
            f.open = text(rng, 10);
        }
        if rng.b(2) == 0 {
            f.run.duration = text(rng, 6);
            f.run.points = text(rng, 10);
            f.run.protection = rng.b(2) == 0;
        }
        if rng.b(2) == 0 {
            f.rec.filters.family = text(rng, 6);
            f.rec.sort.1 = rng.b(2) == 0;
        }
        if rng.b(3) == 0 {
            f.prices.set("instancePrices.m6g.large", text(rng, 5));
            f.prices.set("fargate.arch", text(rng, 5));
        }
        f
    }

    /// decode(encode(form)) == form for 20,000 random forms whose text is full of separators,
    /// escapes and non-ASCII (an empty network mode reads back as bridge, the form's default).
    #[test]
    fn decode_inverts_encode() {
        let mut rng = SplitMix64::new(7);
        for i in 0..20_000 {
            let mut f = random_form(&mut rng);
            for s in &mut f.services {
                if s.network_mode.is_empty() {
                    s.network_mode = "bridge".into();
                }
            }
            let q = encode(&f);
            let (back, notes) = decode_form(&q);
            assert_eq!(back, f, "case {i}: {q}");
            assert!(notes.is_empty(), "case {i}: {notes:?}");
        }
    }

    /// Decoding never panics, whatever the text: 100,000 random strings of query-like pieces and
    /// arbitrary characters through the decoder, every tenth also through the fallback (which
    /// plans the form), always giving a form with a service.
    #[test]
    fn decoding_any_text_is_total() {
        let mut rng = SplitMix64::new(11);
        const PIECES: [&str; 18] = [
            "open=",
            "t.x=",
            "svc=",
            "dmn=",
            "&",
            "=",
            ",",
            "%",
            "%4",
            "%ZZ",
            "%FF%FE",
            "v=2",
            "type=",
            "n=",
            "pricing=%7B",
            "?",
            "-",
            "\u{0}",
        ];
        for _ in 0..100_000 {
            let q: String = (0..rng.b(30))
                .map(|_| {
                    if rng.b(4) == 0 {
                        char::from_u32(rng.b(0x11_0000) as u32).map_or(String::new(), String::from)
                    } else {
                        PIECES[rng.b(PIECES.len() as u64) as usize].to_string()
                    }
                })
                .collect();
            let (form, _) = decode_form(&q);
            assert!(!form.services.is_empty());
            if rng.b(10) == 0 {
                let (form, _) = decode(&q);
                assert!(!form.services.is_empty());
            }
        }
    }

    /// Defaults are left out; the format reads as documented.
    #[test]
    fn compact_and_readable() {
        assert_eq!(encode(&Form::default()), "v=1");
        let mut f = Form {
            instance_type: "m6g.large".into(),
            services: vec![ServiceForm::new("api", "0.25 vCPU", "512 MiB", "100")],
            ..Form::default()
        };
        f.services[0].network_mode = "awsvpc".into();
        f.daemons.clear();
        f.cas.target_capacity = "80".into();
        assert_eq!(
            encode(&f),
            "v=1&type=m6g.large&tc=80&svc=api,0.25+vCPU,512+MiB,100,awsvpc&dmn=-"
        );
    }

    /// The panels' settings ride in the link under their prefixes, commas readable; a panel's
    /// edit replaces only its own; loading a scenario keeps them and the open panels; a link
    /// opening panels that do not exist is noted.
    #[test]
    fn panel_settings_in_the_link() {
        let mut f = Form::default();
        f.apply(crate::state::form::Edit::Open("timeline".into()));
        f.apply(crate::state::form::Edit::Open("share".into()));
        f.apply(crate::state::form::Edit::Open("cost".into()));
        f.apply(crate::state::form::Edit::Open("timeline".into()));
        let run = RunForm {
            preset: "points".into(),
            points: "0,50\n30,500".into(),
            ..RunForm::default()
        };
        f.apply(crate::state::form::Edit::Run(Box::new(run)));
        let mut rec = RecView::default();
        rec.sort.0 = crate::state::rec_view::Col::Waste;
        f.apply(crate::state::form::Edit::Rec(rec));
        assert_eq!(
            encode(&f),
            "v=1&open=timeline,cost&t.load=points&t.curve=0,50~30,500&r.sort=waste"
        );
        assert_eq!(panel_fragment(&f, "t"), "load=points&curve=0,50~30,500");
        let run = RunForm {
            duration: "60".into(),
            ..RunForm::default()
        };
        f.apply(crate::state::form::Edit::Run(Box::new(run)));
        assert_eq!(
            encode(&f),
            "v=1&open=timeline,cost&t.minutes=60&r.sort=waste"
        );
        let example = Form {
            instance_type: "m6g.large".into(),
            ..Form::default()
        };
        f.apply(crate::state::form::Edit::Load(Box::new(example)));
        assert_eq!(f.instance_type, "m6g.large");
        assert!(f.is_open("cost") && f.is_open("timeline") && !f.is_open("share"));
        assert_eq!(panel_fragment(&f, "r"), "sort=waste");
        // What is planned leaves them out (the page re-plans only when that changes).
        let planned = f.without_view();
        assert!(planned.open.is_empty());
        assert_eq!(
            (&planned.run, &planned.rec),
            (&RunForm::default(), &RecView::default())
        );
        assert_eq!(planned.instance_type, "m6g.large");
        let (_, share_notes) = decode("?open=share,cost");
        assert_eq!(
            share_notes,
            vec!["a link does not open the share panel: open it with its button".to_string()]
        );
        let (back, notes) = decode("?open=timeline,nope&t.minutes=60&q.x=1");
        assert_eq!(back.open, "timeline");
        assert_eq!(back.run.duration, "60");
        assert_eq!(panel_fragment(&back, "t"), "minutes=60");
        let all = notes.join(" | ");
        assert!(all.contains("panels that do not exist (\"nope\")"), "{all}");
        assert!(all.contains("\"q.x\" is unknown"), "{all}");
    }

    /// A value put back can show another that depended on it: an unknown type goes back to
    /// t4g.medium, and then a memory no t4g.medium holds goes back too, both noted.
    #[test]
    fn fallbacks_repeat_until_the_link_plans() {
        let (f, notes) = decode("v=1&type=nope&svc=x,256,999999,1");
        assert!(f.plan().is_ok(), "{notes:?}");
        assert_eq!(f.instance_type, "t4g.medium");
        assert_eq!(f.services[0].memory, "512 MiB");
        let all = notes.join(" | ");
        assert!(all.contains("instanceType from the link"), "{all}");
        assert!(all.contains("services[0].memory from the link"), "{all}");
    }

    /// A link's prices that are not JSON are noted and the rest of the link opens; decode() says so.
    #[test]
    fn bad_prices_in_a_link_are_noted() {
        let (f, notes) = decode("?v=1&pricing=x&svc=api,256,512,3&open=timeline,cost");
        assert!(f.plan().is_ok());
        assert_eq!(f.services[0].desired, "3");
        assert!(
            notes
                .iter()
                .any(|n| n.contains("prices \"x\" are not a JSON object")),
            "{notes:?}"
        );
        let v: serde_json::Value = serde_json::from_str(&decode_json("?v=1&pricing=x")).unwrap();
        assert!(v["notes"][0]
            .as_str()
            .unwrap()
            .contains("not a JSON object"));
    }

    /// encode() gives a link only for a scenario that plans and that a link can hold whole; else
    /// the errors name the field.
    #[test]
    fn encode_refuses_what_a_link_would_lose() {
        let many: Vec<String> = (0..150)
            .map(|i| format!(r#"{{"name":"s{i}","memory":512}}"#))
            .collect();
        let e = encode_json(&format!(r#"{{"services":[{}]}}"#, many.join(","))).unwrap_err();
        assert!(e.contains(r#""path":"services""#), "{e}");
        let e = encode_json(
            r#"{"instance":{"vcpu":2,"memoryMiB":4096,"maxEnis":3},"services":[{"memory":512}]}"#,
        )
        .unwrap_err();
        assert!(e.contains(r#""path":"instance""#), "{e}");
        let e = encode_json(r#"{"instanceTypes":["m6g.large","m6g.xlarge"],"registeredMemoryMiB":{"m6g.large":7600,"m6g.xlarge":15500},"services":[{"memory":512}]}"#).unwrap_err();
        assert!(e.contains(r#""path":"registeredMemoryMiB""#), "{e}");
        assert!(encode_json(r#"{"services":[{"memory":512}]}"#).is_ok());
    }

    /// A crafted link's notes come once each and at most 20, with how many more there were.
    #[test]
    fn link_notes_are_deduplicated_and_capped() {
        let many = "x=1&".repeat(500);
        let (_, notes) = decode(&format!("?v=1&{many}"));
        assert_eq!(notes.len(), 1, "{notes:?}");
        let unknown: String = (0..50).map(|i| format!("k{i}=1&")).collect();
        let (_, notes) = decode(&format!("?v=1&{unknown}"));
        assert_eq!(notes.len(), 21);
        assert_eq!(notes[20], "and 30 more notes like these");
        let services: String = (0..150).map(|i| format!("svc=s{i},256,512,1&")).collect();
        let (f, notes) = decode(&format!("?v=1&{services}"));
        assert_eq!(f.services.len(), 100);
        assert_eq!(notes.len(), 1, "{notes:?}");
    }

    /// A scenario read into the form keeps the planner's own name for an unnamed service
    /// ("service-1", not "api"), and encode() refuses a daemon's soft limit, which a link cannot
    /// hold apart from its memory.
    #[test]
    fn unnamed_services_and_daemon_soft_limits() {
        let input =
            crate::io::read::scenario_from_text(r#"{"services":[{"memory":512}]}"#).unwrap();
        let (f, _) = form_from_input(&input);
        assert_eq!(f.services[0].name, "service-1");
        assert_eq!(
            f.plan().unwrap().services[0].name,
            crate::model::providers::plan_input(&input)
                .unwrap()
                .services[0]
                .name
        );
        let e = encode_json(
            r#"{"services":[{"memory":512}],"daemons":[{"cpu":64,"memoryReservation":128}]}"#,
        )
        .unwrap_err();
        assert!(
            e.contains(r#""path":"daemons[0].memoryReservation""#),
            "{e}"
        );
    }

    /// Page modes read from the query; the embed snippet escapes its URL.
    #[test]
    fn page_mode_and_embed_code() {
        assert_eq!(
            PageMode::of("?v=1&embed=1&view=cas"),
            PageMode {
                embed: true,
                view: Some("cas"),
                theme: None
            }
        );
        assert_eq!(PageMode::of("embed=1&view=nope").view, None);
        assert!(!has_scenario("?embed=1&view=cas&v=1"));
        assert!(has_scenario("v=1&tc=80"));
        let code = embed_code(
            "https://x.example/app/",
            "v=1&tc=80",
            Some("cost"),
            1250,
            None,
        );
        assert_eq!(code, "<iframe src=\"https://x.example/app/?v=1&tc=80&embed=1&view=cost\" title=\"ECS Capacity Planner\" width=\"100%\" height=\"1250\" style=\"border:0\" loading=\"lazy\"></iframe>");
        let dark = embed_code("https://x.example/", "v=1", None, 700, Some("dark"));
        assert!(dark.contains("embed=1&theme=dark") && dark.contains("height=\"700\""));
        assert!(
            !embed_code("https://x.example/", "v=1", None, 700, Some("light")).contains("theme")
        );
        // The theme: as asked, else light embedded and the system's on the page itself.
        assert_eq!(PageMode::of("?embed=1").theme_used(), "light");
        assert_eq!(PageMode::of("?embed=1&theme=auto").theme_used(), "auto");
        assert_eq!(PageMode::of("?v=1").theme_used(), "auto");
        assert_eq!(PageMode::of("?theme=dark").theme_used(), "dark");
        assert_eq!(
            PageMode::of("?embed=1&view=cas&theme=dark").suffix(),
            "&embed=1&view=cas&theme=dark"
        );
    }

    /// Unknown settings and another version are noted; a value the model rejects falls back to
    /// its default with a note naming it.
    #[test]
    fn bad_links_fall_back_with_notes() {
        let (f, notes) = decode("?v=9&zzz=1&tc=150&svc=api,abc,512,3&az=2");
        assert_eq!(f.cas.target_capacity, "100");
        assert_eq!(f.services[0].cpu, "0.25 vCPU");
        assert_eq!(f.zones, "2");
        assert!(f.plan().is_ok());
        let all = notes.join(" | ");
        assert!(all.contains("version \"9\""), "{all}");
        assert!(all.contains("\"zzz\" is unknown"), "{all}");
        assert!(
            all.contains("capacityProvider.targetCapacity from the link was not valid"),
            "{all}"
        );
        assert!(all.contains("services[0].cpu from the link"), "{all}");
    }

    /// A scenario's form plans to the same plan as the scenario; the API faces round-trip.
    #[test]
    fn scenarios_survive_a_link() {
        let json = r#"{"instanceType":"m6g.large","services":[{"name":"api","cpu":256,"memory":512,"desiredCount":100,"networkMode":"awsvpc"},{"name":"w","cpu":1024,"memory":2048,"memoryReservation":1024,"desiredCount":3,"hostPort":8080}],"daemons":[{"name":"x","cpu":64,"memory":128}],"runningInstances":{"m6g.large":2},"capacityProvider":{"targetCapacity":80},"priceMultiplier":0.5,"demand":{"requestsPerSecond":200,"latencyMs":500,"callsPerTask":10}}"#;
        let direct = crate::io::face::plan_json(json);
        let q = encode_json(json).unwrap();
        let v: serde_json::Value = serde_json::from_str(&decode_json(&q)).unwrap();
        assert_eq!(v["ok"], true);
        assert_eq!(v["notes"].as_array().map(Vec::len), Some(0));
        let again = crate::io::face::plan_json(&v["scenario"].to_string());
        assert!(direct == again, "{q}\n{}", v["scenario"]);
        assert!(encode_json("{\"servics\":1}").is_err());
    }
}
