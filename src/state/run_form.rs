//! The timeline's inputs as typed, turned into the same `run` JSON that `simulate()` reads (so
//! defaults and error paths are shared), and the three runs the page draws: with CAS, without CAS (the
//! article's "before"), and a variant with another targetCapacity overlaid.

use serde_json::{json, Map, Value};

use super::link::{fallback_note, owns};
use crate::io::read::run_from_value;
use crate::model::capacity;
use crate::model::scenario::ScenarioInput;
use crate::model::sim::{Runs, Simulation};
use crate::model::units::parse_number;
use crate::model::validate::{self, FieldError};

/// The timeline's inputs.
#[derive(Clone, Debug, PartialEq)]
pub struct RunForm {
    /// "steady" | "daily" | "month-end" | "step" | "points".
    pub preset: String,
    /// Minutes.
    pub duration: String,
    /// "minute,calls" lines, for the "points" preset.
    pub points: String,
    /// targetCapacity of the overlaid variant; empty for none.
    pub variant_target: String,
    /// Provisioning timeout, minutes.
    pub timeout: String,
    /// Task start time, s.
    pub task_start: String,
    /// Service minimum tasks; empty: the first service's desired count.
    pub min_tasks: String,
    /// Service maximum tasks; empty: 10 x the minimum.
    pub max_tasks: String,
    /// Concurrent calls per task; empty: the demand estimate's, else 10.
    pub calls_per_task: String,
    /// Service CPU target, %; empty: the demand estimate's, else 50.
    pub cpu_target: String,
    /// Service scaling cooldown, s.
    pub cooldown: String,
    /// Managed termination protection.
    pub protection: bool,
    /// Seconds a Fargate task takes to start (before the task start time).
    pub fargate_start: String,
    /// Spot interruptions: "minute provider share%" items ("60 spot 50%, 200 spot 100%").
    pub spot_interruptions: String,
    /// Spot shortages: "from-to provider" items ("30-90 spot").
    pub spot_shortages: String,
}

impl Default for RunForm {
    fn default() -> Self {
        RunForm {
            preset: "month-end".into(),
            duration: "240".into(),
            points: "0,50\n30,50\n35,500\n155,500\n170,50\n240,50".into(),
            variant_target: "80".into(),
            timeout: "20".into(),
            task_start: "30".into(),
            min_tasks: String::new(),
            max_tasks: String::new(),
            calls_per_task: String::new(),
            cpu_target: String::new(),
            cooldown: "300".into(),
            protection: true,
            fargate_start: "40".into(),
            spot_interruptions: String::new(),
            spot_shortages: String::new(),
        }
    }
}

/// A field of the run form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunField {
    /// preset
    Preset,
    /// durationMinutes
    Duration,
    /// points CSV
    Points,
    /// the variant's targetCapacity
    VariantTarget,
    /// provisioningTimeoutMinutes
    Timeout,
    /// taskStartSeconds
    TaskStart,
    /// minTasks
    MinTasks,
    /// maxTasks
    MaxTasks,
    /// callsPerTask
    CallsPerTask,
    /// cpuTarget
    CpuTarget,
    /// cooldownSeconds
    Cooldown,
    /// fargateStartSeconds
    FargateStart,
    /// spotInterruptions, as text
    SpotInterruptions,
    /// spotShortages, as text
    SpotShortages,
}

/// The timeline's settings in the link (under the page's prefix "t."): (key, field, the path its
/// errors have). Defaults are left out; `protect=0` turns managed termination protection off.
pub const LINK: [(&str, RunField, &str); 14] = [
    ("load", RunField::Preset, "run.load.preset"),
    ("minutes", RunField::Duration, "run.durationMinutes"),
    ("curve", RunField::Points, "run.load.points"),
    ("variant", RunField::VariantTarget, "run.variantTarget"),
    (
        "timeout",
        RunField::Timeout,
        "run.settings.provisioningTimeoutMinutes",
    ),
    (
        "start",
        RunField::TaskStart,
        "run.settings.taskStartSeconds",
    ),
    ("min", RunField::MinTasks, "run.settings.minTasks"),
    ("max", RunField::MaxTasks, "run.settings.maxTasks"),
    ("calls", RunField::CallsPerTask, "run.settings.callsPerTask"),
    ("cpu", RunField::CpuTarget, "run.settings.cpuTarget"),
    (
        "cooldown",
        RunField::Cooldown,
        "run.settings.cooldownSeconds",
    ),
    (
        "fstart",
        RunField::FargateStart,
        "run.settings.fargateStartSeconds",
    ),
    ("spoti", RunField::SpotInterruptions, SPOT_INTERRUPTIONS),
    ("spots", RunField::SpotShortages, SPOT_SHORTAGES),
];

/// Where the Spot events' errors are.
pub const SPOT_INTERRUPTIONS: &str = "run.settings.spotInterruptions";
/// Where the Spot shortages' errors are.
pub const SPOT_SHORTAGES: &str = "run.settings.spotShortages";

/// The presets the form offers.
pub const PRESETS: [&str; 5] = ["month-end", "daily", "step", "steady", "points"];

/// The curve in the link: its lines joined by `~` (readable: "0,50~30,500"), with `%`, `~` and
/// `+` escaped inside a line so that any text comes back exactly.
fn curve_to_link(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            line.replace('%', "%25")
                .replace('~', "%7E")
                .replace('+', "%2B")
        })
        .collect::<Vec<_>>()
        .join("~")
}

fn curve_from_link(value: &str) -> String {
    value
        .split('~')
        .map(crate::io::link::pct_decode)
        .collect::<Vec<_>>()
        .join("\n")
}

impl RunForm {
    /// The settings that differ from the defaults, as the query fragment the page keeps under
    /// "t." ("load=daily&minutes=1440").
    pub fn to_link(&self) -> String {
        let (mut me, mut base) = (self.clone(), RunForm::default());
        let mut pairs: Vec<(&str, String)> = Vec::new();
        for (key, field, _) in LINK {
            let v = me.slot(field).clone();
            if v != *base.slot(field) {
                let v = if field == RunField::Points {
                    curve_to_link(&v)
                } else {
                    v
                };
                pairs.push((key, v));
            }
        }
        if !self.protection {
            pairs.push(("protect", "0".into()));
        }
        let refs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        crate::io::link::fragment(&refs)
    }

    /// The form a link's fragment describes, and notes on what it could not use (unknown
    /// settings, an unknown preset). Values are kept as typed: [`RunForm::checked`] resets those
    /// the model rejects.
    pub fn from_link(fragment: &str) -> (RunForm, Vec<String>) {
        let mut f = RunForm::default();
        let mut notes = Vec::new();
        for (key, value) in crate::io::link::pairs(fragment) {
            if key == "protect" {
                f.protection = value != "0";
                continue;
            }
            match LINK.iter().find(|(k, _, _)| *k == key) {
                Some(&(_, RunField::Points, _)) => f.points = curve_from_link(&value),
                Some(&(_, RunField::Preset, _)) if !PRESETS.contains(&value.as_str()) => notes
                    .push(format!(
                        "the timeline's load \"{}\" is unknown; {} is used",
                        value.chars().take(40).collect::<String>(),
                        f.preset
                    )),
                Some(&(_, field, _)) => *f.slot(field) = value,
                None => notes.push(format!(
                    "the link's timeline setting \"{}\" is unknown and was ignored",
                    key.chars().take(40).collect::<String>()
                )),
            }
        }
        (f, notes)
    }

    /// Every value the model rejects for `scenario` back at its default, each with a note naming
    /// it (for settings from a link).
    pub fn checked(mut self, scenario: &ScenarioInput) -> (RunForm, Vec<String>) {
        let Err(errors) = self.check(scenario) else {
            return (self, Vec::new());
        };
        let mut base = RunForm::default();
        let mut notes = Vec::new();
        for e in errors {
            if let Some(&(_, field, _)) = LINK.iter().find(|(_, _, p)| owns(p, &e.path)) {
                *self.slot(field) = base.slot(field).clone();
                notes.push(fallback_note(&e));
            }
        }
        (self, notes)
    }

    /// A field's text.
    pub fn slot(&mut self, field: RunField) -> &mut String {
        match field {
            RunField::Preset => &mut self.preset,
            RunField::Duration => &mut self.duration,
            RunField::Points => &mut self.points,
            RunField::VariantTarget => &mut self.variant_target,
            RunField::Timeout => &mut self.timeout,
            RunField::TaskStart => &mut self.task_start,
            RunField::MinTasks => &mut self.min_tasks,
            RunField::MaxTasks => &mut self.max_tasks,
            RunField::CallsPerTask => &mut self.calls_per_task,
            RunField::CpuTarget => &mut self.cpu_target,
            RunField::Cooldown => &mut self.cooldown,
            RunField::FargateStart => &mut self.fargate_start,
            RunField::SpotInterruptions => &mut self.spot_interruptions,
            RunField::SpotShortages => &mut self.spot_shortages,
        }
    }

    /// Sets a field's text.
    pub fn set(&mut self, field: RunField, text: String) {
        *self.slot(field) = text;
    }

    /// The `run` JSON for `simulate()`, and the errors of text that does not parse.
    pub fn to_value(&self, with_cas: bool) -> (Value, Vec<FieldError>) {
        let mut errors = Vec::new();
        let mut num = |path: &str, text: &str| -> Option<Value> {
            if text.trim().is_empty() {
                return None;
            }
            match parse_number(text) {
                Ok(x) => Some(json!(x)),
                Err(m) => {
                    errors.push(FieldError::new(path, m));
                    None
                }
            }
        };
        let mut settings = Map::new();
        for (key, text) in [
            ("provisioningTimeoutMinutes", &self.timeout),
            ("taskStartSeconds", &self.task_start),
            ("minTasks", &self.min_tasks),
            ("maxTasks", &self.max_tasks),
            ("callsPerTask", &self.calls_per_task),
            ("cpuTarget", &self.cpu_target),
            ("cooldownSeconds", &self.cooldown),
            ("fargateStartSeconds", &self.fargate_start),
        ] {
            if let Some(v) = num(&format!("run.settings.{key}"), text) {
                settings.insert(key.into(), v);
            }
        }
        settings.insert(
            "managedTerminationProtection".into(),
            json!(self.protection),
        );
        let mut run = Map::new();
        if let Some(v) = num("run.durationMinutes", &self.duration) {
            run.insert("durationMinutes".into(), v);
        }
        for (key, text, path, read) in [
            (
                "spotInterruptions",
                &self.spot_interruptions,
                SPOT_INTERRUPTIONS,
                interruption as fn(&[&str]) -> Result<Value, &'static str>,
            ),
            (
                "spotShortages",
                &self.spot_shortages,
                SPOT_SHORTAGES,
                shortage,
            ),
        ] {
            match spot_events(text, read) {
                Ok(v) if v.is_empty() => {}
                Ok(v) => {
                    settings.insert(key.into(), Value::Array(v));
                }
                Err(m) => errors.push(FieldError::new(path, m)),
            }
        }
        run.insert("withCas".into(), json!(with_cas));
        run.insert("settings".into(), Value::Object(settings));
        let load = if self.preset == "points" {
            match parse_points_csv(&self.points) {
                Ok(p) => json!({ "points": p }),
                Err(e) => {
                    errors.push(e);
                    json!({ "preset": "steady" })
                }
            }
        } else {
            json!({ "preset": self.preset })
        };
        run.insert("load".into(), load);
        (Value::Object(run), errors)
    }

    /// The run JSON with and without CAS and the variant's target, checked against `scenario`
    /// (everything [`RunForm::runs`] checks, without running).
    fn check(&self, scenario: &ScenarioInput) -> Result<Checked, Vec<FieldError>> {
        let mut errors = Vec::new();
        let variant = if self.variant_target.trim().is_empty() {
            None
        } else {
            match parse_number(&self.variant_target) {
                Ok(x) if x.fract() == 0.0 && (1.0..=100.0).contains(&x) => Some(x),
                _ => {
                    errors.push(FieldError::new(
                        "run.variantTarget",
                        "a whole targetCapacity from 1 to 100, or empty for no variant",
                    ));
                    None
                }
            }
        };
        let (with_v, mut e1) = self.to_value(true);
        let (without_v, _) = self.to_value(false);
        errors.append(&mut e1);
        if !errors.is_empty() {
            return Err(errors);
        }
        let (s, _) = validate::validate(scenario)?;
        run_from_value(&with_v, &s)?;
        Ok((with_v, without_v, variant))
    }

    /// Runs the scenario with and without CAS, and the variant; every error at its path.
    pub fn runs(&self, scenario: &ScenarioInput) -> Result<Runs, Vec<FieldError>> {
        let mut job = self.start(scenario)?;
        while !job.advance(u64::MAX) {}
        Ok(job.finish())
    }

    /// The three runs, checked and ready to step (`RunsJob`); the errors of any of them.
    pub fn start(&self, scenario: &ScenarioInput) -> Result<RunsJob, Vec<FieldError>> {
        let mut input = scenario.clone();
        let (with_v, without_v, variant) = self.check(scenario)?;
        let one = |input: &ScenarioInput, run: &Value| -> Result<Simulation, Vec<FieldError>> {
            let (s, _) = validate::validate(input)?;
            crate::model::providers::timeline_check(&s)?;
            let offers = capacity::offers(&s)?;
            let run = run_from_value(run, &s)?;
            Ok(Simulation::new(&s, &offers, &run))
        };
        let with = one(&input, &with_v)?;
        let without = one(&input, &without_v)?;
        let variant = match variant {
            Some(t) => {
                let cp = input.capacity_provider.get_or_insert_with(Default::default);
                cp.target_capacity = Some(t);
                // Every ASG provider runs at the variant's target too (Fargate has none).
                for p in input.capacity_providers.iter_mut().flatten() {
                    if p.kind.as_deref().is_none_or(|k| k == "asg") {
                        p.target_capacity = Some(t);
                    }
                }
                Some((t as u32, one(&input, &with_v)?))
            }
            None => None,
        };
        Ok(RunsJob {
            with,
            without,
            variant,
        })
    }
}

/// The three runs under way: stepped in turn, so the page can draw between steps, show progress
/// and drop the job to cancel it.
pub struct RunsJob {
    with: Simulation,
    without: Simulation,
    variant: Option<(u32, Simulation)>,
}

impl RunsJob {
    fn all(&mut self) -> impl Iterator<Item = &mut Simulation> {
        [&mut self.with, &mut self.without]
            .into_iter()
            .chain(self.variant.as_mut().map(|(_, v)| v))
    }

    /// Runs at most `ticks` ticks, the first unfinished run first; true when all are done.
    pub fn advance(&mut self, ticks: u64) -> bool {
        let mut left = ticks;
        for sim in self.all() {
            let (before, _) = sim.progress();
            if !sim.advance(left) {
                return false;
            }
            left = left.saturating_sub(sim.progress().0 - before);
        }
        true
    }

    /// The share of the ticks run, 0-1.
    pub fn fraction(&mut self) -> f64 {
        let (done, all) = self
            .all()
            .map(|s| s.progress())
            .fold((0, 0), |(d, a), (x, y)| (d + x, a + y));
        done as f64 / all.max(1) as f64
    }

    /// The three timelines.
    pub fn finish(self) -> Runs {
        Runs {
            with: self.with.finish(),
            without: self.without.finish(),
            variant: self.variant.map(|(t, v)| (t, v.finish())),
        }
    }
}

/// The run JSON with CAS, without it, and the variant's targetCapacity.
type Checked = (Value, Value, Option<f64>);

/// Spot events typed as text: items split by commas, semicolons or lines, each read by `read`
/// from its words; the message names the first item it cannot read, and what is wrong with it.
fn spot_events(
    text: &str,
    read: fn(&[&str]) -> Result<Value, &'static str>,
) -> Result<Vec<Value>, String> {
    let mut out = Vec::new();
    for (i, item) in text
        .split([',', ';', '\n'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .enumerate()
    {
        if i >= crate::io::read::MAX_SPOT_EVENTS {
            return Err(format!(
                "at most {} events",
                crate::io::read::MAX_SPOT_EVENTS
            ));
        }
        let words: Vec<&str> = item.split_whitespace().collect();
        match read(&words) {
            Ok(v) => out.push(v),
            Err(why) => {
                return Err(format!(
                    "event {}, \"{}\": {why}",
                    i + 1,
                    item.chars().take(40).collect::<String>()
                ))
            }
        }
    }
    Ok(out)
}

/// "60 spot 50%": at minute 60, half of spot's instances get the notice.
fn interruption(words: &[&str]) -> Result<Value, &'static str> {
    let [minute, provider, share] = words else {
        return Err("write minute, provider and share, e.g. 60 spot 50%");
    };
    let minute =
        parse_number(minute).map_err(|_| "the minute is not a whole number of 0 or more")?;
    // A share is a percent with its sign: "0.5" would read as 0.5 %, so the sign is asked for.
    let share = share
        .strip_suffix('%')
        .ok_or("write the share as a percent, e.g. 50%")
        .and_then(|p| parse_number(p).map_err(|_| "the share is not a number"))?;
    if !(share > 0.0 && share <= 100.0) {
        return Err("the share is a percent above 0 and at most 100%");
    }
    Ok(json!({ "minute": minute, "provider": provider, "share": share / 100.0 }))
}

/// "30-90 spot": from minute 30 to 90, spot launches nothing.
fn shortage(words: &[&str]) -> Result<Value, &'static str> {
    let [span, provider] = words else {
        return Err("write from-to minutes and the provider, e.g. 30-90 spot");
    };
    let (from, to) = span
        .split_once('-')
        .ok_or("write from-to minutes, e.g. 30-90")?;
    let minute = |x: &str| {
        parse_number(x).map_err(|_| "the minutes are whole numbers of 0 or more, e.g. 30-90")
    };
    Ok(json!({ "fromMinute": minute(from)?, "toMinute": minute(to)?, "provider": provider }))
}

/// The value a blank run setting stands for, shown as its placeholder (the simulator's defaults:
/// `io::read::run_settings`): the minimum tasks are the first service's desired count, the maximum
/// 10 x that (10 to 1,000,000), calls per task and the CPU target the demand estimate's, else 10
/// and 50 %.
pub fn default_shown(
    field: RunField,
    first_desired: u64,
    demand: Option<&crate::model::scenario::DemandInput>,
) -> Option<String> {
    use crate::model::units::trim_float;
    let with = |v: f64| Some(format!("{} (default)", trim_float(v)));
    match field {
        RunField::MinTasks => with(first_desired as f64),
        RunField::MaxTasks => with((first_desired * 10).clamp(10, 1_000_000) as f64),
        RunField::CallsPerTask => with(demand.and_then(|d| d.calls_per_task).unwrap_or(10.0)),
        RunField::CpuTarget => with(demand.and_then(|d| d.cpu_target).unwrap_or(50.0)),
        _ => None,
    }
}

/// Parses "minute,calls" lines (a header line, blank lines and spaces allowed). The first line is
/// a header when it does not start as a number does (a digit, a sign or a point): "minute,calls",
/// "Время,вызовы" (no Unicode letter table is needed for that, which keeps the wasm smaller).
pub fn parse_points_csv(text: &str) -> Result<Vec<[f64; 2]>, FieldError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        let header = i == 0
            && line
                .chars()
                .next()
                .is_some_and(|c| !(c.is_ascii_digit() || "+-.".contains(c)));
        if line.is_empty() || header {
            continue;
        }
        let parsed = line
            .split_once([',', ';', '\t'])
            .and_then(|(m, c)| Some([parse_number(m).ok()?, parse_number(c).ok()?]));
        match parsed {
            Some(p) => out.push(p),
            None => {
                return Err(FieldError::new(
                    "run.load.points",
                    format!(
                        "line {}: \"{line}\" is not \"minute,concurrent calls\"",
                        i + 1
                    ),
                ))
            }
        }
    }
    if out.is_empty() {
        return Err(FieldError::new(
            "run.load.points",
            "give at least one \"minute,concurrent calls\" line",
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A blank setting's placeholder is the default the simulator uses, and it agrees with the
    /// run the simulator reads from the blank settings.
    #[test]
    fn blank_settings_show_their_defaults() {
        assert_eq!(
            default_shown(RunField::MinTasks, 40, None).as_deref(),
            Some("40 (default)")
        );
        assert_eq!(
            default_shown(RunField::MaxTasks, 40, None).as_deref(),
            Some("400 (default)")
        );
        assert_eq!(
            default_shown(RunField::CpuTarget, 40, None).as_deref(),
            Some("50 (default)")
        );
        assert_eq!(default_shown(RunField::Duration, 40, None), None);
        let input = crate::io::read::scenario_from_text(
            r#"{"services":[{"memory":512,"desiredCount":40}],"demand":{"concurrentUsers":10,"callsPerUser":1,"callsPerTask":4,"cpuTarget":60}}"#,
        )
        .unwrap();
        let d = input.demand.as_ref();
        assert_eq!(
            default_shown(RunField::CallsPerTask, 40, d).as_deref(),
            Some("4 (default)")
        );
        assert_eq!(
            default_shown(RunField::CpuTarget, 40, d).as_deref(),
            Some("60 (default)")
        );
        let (s, _) = crate::model::validate::validate(&input).unwrap();
        let run = crate::io::read::run_from_value(&serde_json::json!({}), &s).unwrap();
        assert_eq!(
            (
                run.min_tasks,
                run.max_tasks,
                run.calls_per_task,
                run.cpu_target
            ),
            (40, 400, 4.0, 60.0)
        );
    }
    use crate::state::form::Form;

    fn scenario() -> ScenarioInput {
        Form::default().to_input().0
    }

    /// CSV with a header and spaces reads; a bad line names its number.
    #[test]
    fn points_csv() {
        assert_eq!(
            parse_points_csv("minute,calls\n0, 10\n\n30,200").unwrap(),
            vec![[0.0, 10.0], [30.0, 200.0]]
        );
        let e = parse_points_csv("0,10\n5;x").unwrap_err();
        assert!(e.message.starts_with("line 2"), "{}", e.message);
        // A header in any script; a first line that starts as a number is data.
        assert_eq!(
            parse_points_csv("Время,вызовы\n0,1").unwrap(),
            vec![[0.0, 1.0]]
        );
        assert_eq!(parse_points_csv(".5,2").unwrap(), vec![[0.5, 2.0]]);
    }

    /// The default form runs all three: with CAS the month-end's waiting tasks clear, without they
    /// do not, and the variant at 80 % runs more instances.
    #[test]
    fn default_runs() {
        let r = RunForm::default().runs(&scenario()).unwrap();
        assert!(r.with.summary.unserved_share < r.without.summary.unserved_share);
        let (t, v) = r.variant.unwrap();
        assert_eq!(t, 80);
        assert!(v.summary.peak_instances >= r.with.summary.peak_instances);
    }

    /// With providers (an EC2 group and Fargate) all three runs play, the variant's target on the
    /// group only; typed Spot events reach the run, and one that cannot be read or names a
    /// provider that is not Spot is an error at its field.
    #[test]
    fn provider_runs_and_typed_spot_events() {
        let mut f = crate::state::examples::form("od-base-spot").unwrap();
        f.providers.push(crate::state::providers::ProviderForm::new(
            "FARGATE", "fargate",
        ));
        let mut rf = RunForm {
            spot_interruptions: "60 spot 100%; 200 spot 50%".into(),
            spot_shortages: "60-75 spot".into(),
            ..RunForm::default()
        };
        let r = rf.runs(&f.to_input().0).unwrap();
        assert!(r.variant.is_some());
        let events: Vec<&str> = r.with.events.iter().map(|e| e.message.as_str()).collect();
        assert!(events
            .iter()
            .any(|e| e.starts_with("01:00 spot: Spot interruption")));
        assert!(events
            .iter()
            .any(|e| e.starts_with("03:20 spot: Spot interruption")));
        assert!(r.with.summary.without_spot_events.is_some());
        for (text, want) in [
            ("60 od 50%", "run.settings.spotInterruptions[0].provider"),
            ("60 spot", SPOT_INTERRUPTIONS),
            ("60 spot 150%", SPOT_INTERRUPTIONS),
            // A share without its % would read as a percent of a percent: asked for.
            ("60 spot 0.5", SPOT_INTERRUPTIONS),
        ] {
            rf.spot_interruptions = text.into();
            let e = rf.runs(&f.to_input().0).unwrap_err();
            assert_eq!(e[0].path, want, "{text}: {e:?}");
        }
        rf.spot_interruptions = "60 spot 0.5".into();
        let e = rf.runs(&f.to_input().0).unwrap_err();
        assert!(
            e[0].message
                .contains("write the share as a percent, e.g. 50%"),
            "{e:?}"
        );
    }

    /// decode(encode(settings)) == settings through the whole link (the page's form, its query
    /// string and back) for 5,000 random settings full of the formats' separators and escapes.
    #[test]
    fn settings_survive_the_link() {
        use crate::model::packing::SplitMix64;
        use crate::state::form::Edit;
        use crate::state::link::{decode_form, encode, panel_fragment};
        const ALPHABET: [&str; 16] = [
            "1", "0", ",", "~", "%", "%7E", "+", "\n", "&", "=", " ", "é", "#", "t.", ";", "a",
        ];
        let mut rng = SplitMix64::new(5);
        for i in 0..5_000 {
            let mut f = RunForm::default();
            for (_, field, _) in LINK {
                if rng.below(2) == 0 {
                    *f.slot(field) = (0..rng.below(8))
                        .map(|_| ALPHABET[rng.below(ALPHABET.len())])
                        .collect();
                }
            }
            f.preset = PRESETS[rng.below(PRESETS.len())].to_string();
            f.protection = rng.below(2) == 0;
            let mut page = Form::default();
            page.apply(Edit::Run(Box::new(f.clone())));
            let q = encode(&page);
            let (back, notes) = RunForm::from_link(&panel_fragment(&decode_form(&q).0, "t"));
            assert_eq!(back, f, "case {i}: {q}");
            assert!(notes.is_empty(), "case {i}: {notes:?}");
        }
        // Readable: a curve's lines are joined by "~".
        let mut f = RunForm::default();
        f.set(RunField::Preset, "points".into());
        f.set(RunField::Points, "0,50\n30,500".into());
        f.protection = false;
        assert_eq!(f.to_link(), "load=points&curve=0,50~30,500&protect=0");
        assert_eq!(RunForm::default().to_link(), "");
    }

    /// From a link: unknown settings and presets are noted; values the model rejects go back
    /// to their defaults, each with a note naming it; good ones stay.
    #[test]
    fn bad_link_settings_fall_back() {
        let (f, notes) =
            RunForm::from_link("load=hourly&minutes=forever&variant=150&cooldown=60&zz=1");
        assert_eq!(f.preset, "month-end");
        assert!(
            notes.iter().any(|n| n.contains("\"hourly\" is unknown")),
            "{notes:?}"
        );
        assert!(
            notes.iter().any(|n| n.contains("\"zz\" is unknown")),
            "{notes:?}"
        );
        let (f, notes) = f.checked(&scenario());
        assert_eq!(
            (f.duration.as_str(), f.variant_target.as_str()),
            ("240", "80")
        );
        assert_eq!(f.cooldown, "60");
        let all = notes.join(" | ");
        assert!(
            all.contains("run.durationMinutes from the link was not valid"),
            "{all}"
        );
        assert!(
            all.contains("run.variantTarget from the link was not valid"),
            "{all}"
        );
        assert!(f.runs(&scenario()).is_ok());
        // Out of range for the model (not only unparsable): 20,000 minutes.
        let (f, notes) = RunForm::from_link("minutes=20000").0.checked(&scenario());
        assert_eq!(f.duration, "240");
        assert_eq!(notes.len(), 1, "{notes:?}");
    }

    /// Bad run inputs come back at their paths.
    #[test]
    fn bad_inputs_have_paths() {
        let mut f = RunForm::default();
        f.set(RunField::Duration, "forever".into());
        f.set(RunField::VariantTarget, "150".into());
        let e = f.runs(&scenario()).unwrap_err();
        let paths: Vec<&str> = e.iter().map(|x| x.path.as_str()).collect();
        assert!(
            paths.contains(&"run.durationMinutes") && paths.contains(&"run.variantTarget"),
            "{paths:?}"
        );
        let mut f = RunForm::default();
        f.set(RunField::Duration, "20000".into());
        assert_eq!(
            f.runs(&scenario()).unwrap_err()[0].path,
            "run.durationMinutes"
        );
    }
}
