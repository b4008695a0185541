//! Reads a scenario from JSON (api.md "Scenario") into [`ScenarioInput`], every problem named by its
//! path. An unknown field is an error that names it.

use crate::model::text_map::TextMap;

use serde_json::Value;

use super::json::{self, Obj};
use crate::model::scenario::*;
use crate::model::sim::{Interruption, Load, Preset, Run, Shortage, MAX_MINUTES};
use crate::model::validate::{thousands, FieldError, MAX_INSTANCES, MAX_TASKS};

/// Scenario JSON text to input; errors carry JSON paths.
pub fn scenario_from_text(text: &str) -> Result<ScenarioInput, Vec<FieldError>> {
    scenario_from_value(&json::parse(text)?)
}

/// A scenario JSON value to input.
pub fn scenario_from_value(v: &Value) -> Result<ScenarioInput, Vec<FieldError>> {
    let mut errors = Vec::new();
    let input = read_struct(v, "", &mut errors).unwrap_or_default();
    if errors.is_empty() {
        Ok(input)
    } else {
        Err(errors)
    }
}

/// Reads one input struct at `path`: unknown keys are errors (most often typos), then each field
/// by the key its struct declares ([`Fields`]).
fn read_struct<T: Fields>(v: &Value, path: &str, errors: &mut Vec<FieldError>) -> Option<T> {
    let mut o = Obj::new(v, path, errors)?;
    o.deny_unknown(T::KEYS);
    let mut out = T::default();
    out.visit(&mut Reader(o));
    Some(out)
}

/// Reads each field an input struct hands it from the JSON object, by the field's key.
struct Reader<'a>(Obj<'a>);

impl Visitor for Reader<'_> {
    fn num(&mut self, key: &'static str, slot: &mut Option<f64>) {
        *slot = self.0.num(key);
    }

    fn text(&mut self, key: &'static str, slot: &mut Option<String>) {
        *slot = self.0.string(key);
    }

    fn flag(&mut self, key: &'static str, slot: &mut Option<bool>) {
        *slot = self.0.boolean(key);
    }

    fn texts(&mut self, key: &'static str, slot: &mut Option<Vec<String>>) {
        *slot = self.0.strings(key);
    }

    fn number_or_map(&mut self, key: &'static str, slot: &mut Option<NumberOrMap>) {
        *slot = number_or_map(&mut self.0, key);
    }

    fn prices(&mut self, key: &'static str, slot: &mut Option<TextMap<f64>>) {
        *slot = match number_or_map(&mut self.0, key) {
            Some(NumberOrMap::Map(m)) => Some(m),
            Some(NumberOrMap::Number(_)) => {
                let path = self.0.path(key);
                self.0.errors().push(FieldError::new(
                    path,
                    "expected an object of instance type name to USD per hour, e.g. {\"t4g.medium\": 0.03}",
                ));
                None
            }
            None => None,
        };
    }

    fn object<T: Fields>(&mut self, key: &'static str, slot: &mut Option<T>) {
        let path = self.0.path(key);
        *slot = self
            .0
            .get(key)
            .and_then(|v| read_struct(v, &path, self.0.errors()));
    }

    fn list<T: Fields>(&mut self, key: &'static str, slot: &mut Option<Vec<T>>) {
        let path = self.0.path(key);
        let Some(values) = self.0.list(key) else {
            *slot = None;
            return;
        };
        let mut out = Vec::with_capacity(values.len());
        for (i, v) in values.iter().enumerate() {
            if let Some(x) = read_struct(v, &format!("{path}[{i}]"), self.0.errors()) {
                out.push(x);
            }
        }
        *slot = Some(out);
    }
}

fn number_or_map(o: &mut Obj<'_>, key: &str) -> Option<NumberOrMap> {
    let v = o.get(key)?;
    let path = o.path(key);
    match v {
        Value::Number(n) => n.as_f64().map(NumberOrMap::Number),
        Value::Object(m) => {
            let mut out = TextMap::new();
            for (k, x) in m {
                match x.as_f64() {
                    Some(f) => {
                        out.insert(k.clone(), f);
                    }
                    None => o.errors().push(FieldError::new(
                        json::join(&path, k),
                        format!("expected a number, got {}", json::kind(x)),
                    )),
                }
            }
            Some(NumberOrMap::Map(out))
        }
        other => {
            o.errors().push(FieldError::new(
                path,
                format!(
                    "expected a number, or an object of instance type name to number; got {}",
                    json::kind(other)
                ),
            ));
            None
        }
    }
}

/// Reads `simulate()`'s `run` (api.md / issue 4), with defaults taken from the scenario: calls per
/// task and the CPU target from its `demand` (else 10 and 50 %); the service's minimum tasks = its
/// desired count, maximum 10 x that; the preset's base load = what the minimum serves at the target,
/// its peak = the demand estimate's peak (else base x 5 month-end, 3 step, 2 daily).
pub fn run_from_value(v: &Value, s: &Scenario) -> Result<Run, Vec<FieldError>> {
    let mut errors = Vec::new();
    let run = read_run(v, s, &mut errors);
    match run {
        Some(r) if errors.is_empty() => Ok(r),
        _ => Err(errors),
    }
}

fn read_run(v: &Value, s: &Scenario, errors: &mut Vec<FieldError>) -> Option<Run> {
    let mut o = Obj::new(v, "run", errors)?;
    o.deny_unknown(&[
        "durationMinutes",
        "load",
        "withCas",
        "startInstances",
        "settings",
    ]);
    let minutes = o.num("durationMinutes");
    let start_instances = o.num("startInstances");
    let with_cas = o.boolean("withCas").unwrap_or(true);
    let load_v = o.get("load").cloned();
    let settings_v = o.get("settings").cloned();
    let minutes = whole_in(minutes, 240.0, 1.0, f64::from(MAX_MINUTES)).unwrap_or_else(|m| {
        errors.push(FieldError::new(
            "run.durationMinutes",
            format!("{m} (at most 7 days)"),
        ));
        240.0
    }) as u32;
    let start_instances = match start_instances {
        None => None,
        Some(x) => match whole_in(Some(x), 0.0, 0.0, MAX_INSTANCES as f64) {
            Ok(x) => Some(x as u64),
            Err(m) => {
                errors.push(FieldError::new("run.startInstances", m));
                None
            }
        },
    };
    let st = run_settings(settings_v.as_ref(), s, errors);
    let (spot_interruptions, spot_shortages) = spot_events(settings_v.as_ref(), s, minutes, errors);
    let demand = s.demand.as_ref().map(crate::model::demand::estimate);
    let base = st.min_tasks as f64 * st.calls_per_task * st.cpu_target / 100.0;
    let peak_of =
        |base: f64, factor: f64| demand.map_or(base * factor, |d| d.peak_concurrent_calls);
    let load = match &load_v {
        None => Load::Preset {
            preset: Preset::MonthEnd,
            base,
            peak: peak_of(base, 5.0),
        },
        Some(lv) => read_load(lv, base, &peak_of, errors)?,
    };
    Some(Run {
        minutes,
        start_instances,
        load,
        with_cas,
        calls_per_task: st.calls_per_task,
        cpu_target: st.cpu_target,
        min_tasks: st.min_tasks,
        max_tasks: st.max_tasks,
        task_start_seconds: st.task_start as i64,
        provisioning_timeout_minutes: st.timeout as i64,
        termination_protection: st.protection,
        cooldown_seconds: st.cooldown as i64,
        spot_interruptions,
        spot_shortages,
        fargate_start_seconds: st.fargate_start as i64,
    })
}

/// Spot events at most, of each kind.
pub const MAX_SPOT_EVENTS: usize = 100;

/// Reads `run.settings.spotInterruptions` and `spotShortages` (model.md section 8.1): each names
/// a Spot provider of the scenario (a Spot ASG or Fargate Spot) and minutes within the run.
fn spot_events(
    v: Option<&Value>,
    s: &Scenario,
    minutes: u32,
    errors: &mut Vec<FieldError>,
) -> (Vec<Interruption>, Vec<Shortage>) {
    let (mut ints, mut shorts) = (Vec::new(), Vec::new());
    let Some(Value::Object(m)) = v else {
        return (ints, shorts);
    };
    let end = f64::from(minutes);
    for key in ["spotInterruptions", "spotShortages"] {
        let base = format!("run.settings.{key}");
        let Some(list) = m.get(key) else { continue };
        let Some(items) = list.as_array().filter(|a| a.len() <= MAX_SPOT_EVENTS) else {
            errors.push(FieldError::new(
                &base,
                format!("a list of at most {MAX_SPOT_EVENTS} events"),
            ));
            continue;
        };
        for (i, item) in items.iter().enumerate() {
            let path = format!("{base}[{i}]");
            let Some(mut o) = Obj::new(item, &path, errors) else {
                continue;
            };
            let interruption = key == "spotInterruptions";
            let keys: &[&str] = if interruption {
                &["minute", "provider", "share"]
            } else {
                &["fromMinute", "toMinute", "provider"]
            };
            o.deny_unknown(keys);
            let minute = |o: &mut Obj<'_>, k: &str, min: f64| -> Option<u32> {
                let x = o.num(k);
                match x
                    .ok_or_else(|| "required".to_string())
                    .and_then(|_| whole_in(x, 0.0, min, end))
                {
                    Ok(x) => Some(x as u32),
                    Err(msg) => {
                        o.errors().push(FieldError::new(
                            json::join(&path, k),
                            format!("{msg} (a minute of the run)"),
                        ));
                        None
                    }
                }
            };
            let provider = o.string("provider");
            let pp = json::join(&path, "provider");
            let at = s
                .providers
                .iter()
                .position(|x| Some(&x.name) == provider.as_ref());
            let spot = at
                .and_then(|i| s.providers.get(i))
                .is_some_and(|x| x.spot || x.kind == ProviderKind::FargateSpot);
            let provider = match (at, spot) {
                (Some(i), true) => Some(i),
                (Some(_), false) => {
                    o.errors().push(FieldError::new(&pp, "not a Spot provider: only Spot capacity (a Spot ASG or FARGATE_SPOT) is interrupted or runs short"));
                    None
                }
                (None, _) => {
                    let names: Vec<&str> = s
                        .providers
                        .iter()
                        .filter(|x| x.spot || x.kind == ProviderKind::FargateSpot)
                        .map(|x| x.name.as_str())
                        .collect();
                    o.errors().push(FieldError::new(
                        &pp,
                        if names.is_empty() {
                            "the scenario has no Spot provider (a Spot ASG or FARGATE_SPOT)"
                                .to_string()
                        } else {
                            format!("name one of the Spot providers: {}", names.join(", "))
                        },
                    ));
                    None
                }
            };
            if interruption {
                let at = minute(&mut o, "minute", 0.0);
                let share = o.num("share");
                let share = match share {
                    Some(x) if x > 0.0 && x <= 1.0 => Some(x),
                    other => {
                        o.errors().push(FieldError::new(
                            json::join(&path, "share"),
                            format!(
                                "the share interrupted, above 0 and at most 1; got {}",
                                other
                                    .map_or("nothing".to_string(), crate::model::units::trim_float)
                            ),
                        ));
                        None
                    }
                };
                if let (Some(minute), Some(provider), Some(share)) = (at, provider, share) {
                    ints.push(Interruption {
                        minute,
                        provider,
                        share,
                    });
                }
            } else {
                let from = minute(&mut o, "fromMinute", 0.0);
                let to = minute(&mut o, "toMinute", 1.0);
                match (from, to, provider) {
                    (Some(from), Some(to), _) if to <= from => o.errors().push(FieldError::new(
                        json::join(&path, "toMinute"),
                        format!("must be after fromMinute ({from})"),
                    )),
                    (Some(from), Some(to), Some(provider)) => {
                        shorts.push(Shortage { from, to, provider })
                    }
                    _ => {}
                }
            }
        }
    }
    (ints, shorts)
}

/// `x` (or `default` when absent) as a whole number from `min` to `max`, or the message saying so.
fn whole_in(x: Option<f64>, default: f64, min: f64, max: f64) -> Result<f64, String> {
    let x = x.unwrap_or(default);
    if x.is_finite() && x.fract() == 0.0 && x >= min && x <= max {
        Ok(x)
    } else {
        Err(format!(
            "must be a whole number from {} to {}; got {}",
            thousands(min as u64),
            thousands(max as u64),
            crate::model::units::trim_float(x)
        ))
    }
}

/// The run's settings, with their defaults from the scenario.
struct RunSettings {
    calls_per_task: f64,
    cpu_target: f64,
    min_tasks: u64,
    max_tasks: u64,
    task_start: f64,
    timeout: f64,
    protection: bool,
    cooldown: f64,
    fargate_start: f64,
}

/// Reads `run.settings`: calls per task and the CPU target default to the scenario's demand (else
/// 10 and 50 %), the minimum tasks to the first service's desired count, the maximum to 10 x that.
fn run_settings(v: Option<&Value>, s: &Scenario, errors: &mut Vec<FieldError>) -> RunSettings {
    let (calls_per_task, cpu_target) = match &s.demand {
        Some(d) => (d.calls_per_task as f64, f64::from(d.cpu_target)),
        None => (10.0, 50.0),
    };
    let first = s.services.first().map_or(1, |x| x.desired_count);
    let mut st = RunSettings {
        calls_per_task,
        cpu_target,
        min_tasks: first,
        max_tasks: (first * 10).clamp(10, MAX_TASKS),
        task_start: 30.0,
        timeout: 20.0,
        protection: true,
        cooldown: 300.0,
        fargate_start: 40.0,
    };
    let mut cfg_errors = Vec::new();
    if let Some(mut so) = v.and_then(|sv| Obj::new(sv, "run.settings", &mut cfg_errors)) {
        so.deny_unknown(&[
            "callsPerTask",
            "cpuTarget",
            "minTasks",
            "maxTasks",
            "taskStartSeconds",
            "provisioningTimeoutMinutes",
            "managedTerminationProtection",
            "cooldownSeconds",
            "fargateStartSeconds",
            "spotInterruptions",
            "spotShortages",
        ]);
        let field = |so: &mut Obj<'_>, key: &str, default: f64, min: f64, max: f64| -> f64 {
            let x = so.num(key);
            whole_in(x, default, min, max).unwrap_or_else(|m| {
                so.errors()
                    .push(FieldError::new(format!("run.settings.{key}"), m));
                default
            })
        };
        st.calls_per_task = field(&mut so, "callsPerTask", st.calls_per_task, 1.0, 1e6);
        st.cpu_target = field(&mut so, "cpuTarget", st.cpu_target, 1.0, 100.0);
        let tasks_max = MAX_TASKS as f64;
        st.min_tasks = field(&mut so, "minTasks", st.min_tasks as f64, 0.0, tasks_max) as u64;
        let max_default = st.max_tasks.max(st.min_tasks) as f64;
        st.max_tasks = field(&mut so, "maxTasks", max_default, 1.0, tasks_max) as u64;
        st.task_start = field(&mut so, "taskStartSeconds", st.task_start, 0.0, 3600.0);
        st.timeout = field(&mut so, "provisioningTimeoutMinutes", st.timeout, 1.0, 60.0);
        st.cooldown = field(&mut so, "cooldownSeconds", st.cooldown, 0.0, 3600.0);
        st.fargate_start = field(
            &mut so,
            "fargateStartSeconds",
            st.fargate_start,
            0.0,
            3600.0,
        );
        st.protection = so.boolean("managedTerminationProtection").unwrap_or(true);
    }
    if st.max_tasks < st.min_tasks {
        cfg_errors.push(FieldError::new(
            "run.settings.maxTasks",
            format!("must be at least minTasks ({})", st.min_tasks),
        ));
    }
    errors.append(&mut cfg_errors);
    st
}

/// Reads `run.load`: a preset (its base and peak defaulting from the run and the demand estimate)
/// or points; None when it cannot be used at all.
fn read_load(
    lv: &Value,
    base: f64,
    peak_of: &dyn Fn(f64, f64) -> f64,
    errors: &mut Vec<FieldError>,
) -> Option<Load> {
    let mut lo = Obj::new(lv, "run.load", errors)?;
    lo.deny_unknown(&["preset", "points", "base", "peak"]);
    let base = lo.num("base").unwrap_or(base);
    match (lo.string("preset"), lo.get("points")) {
        (Some(_), Some(_)) => {
            lo.errors().push(FieldError::new(
                "run.load",
                "give either a preset or points, not both",
            ));
            None
        }
        (Some(name), None) => {
            let Some(preset) = Preset::parse(&name) else {
                lo.errors().push(FieldError::new(
                    "run.load.preset",
                    format!("unknown preset \"{name}\": use steady, daily, month-end or step"),
                ));
                return None;
            };
            let factor = match preset {
                Preset::Steady => 1.0,
                Preset::Daily => 2.0,
                Preset::MonthEnd => 5.0,
                Preset::Step => 3.0,
            };
            let peak = lo.num("peak").unwrap_or(peak_of(base, factor));
            if !((0.0..=1e9).contains(&base) && (0.0..=1e9).contains(&peak)) {
                lo.errors().push(FieldError::new(
                    "run.load",
                    "base and peak must be numbers from 0 to 1,000,000,000",
                ));
            }
            Some(Load::Preset { preset, base, peak })
        }
        (None, Some(pv)) => {
            // Points are the whole curve: a base or peak beside them would be ignored, so it is
            // refused at its path.
            for k in ["base", "peak"] {
                if lo.get(k).is_some() {
                    lo.errors().push(FieldError::new(
                        format!("run.load.{k}"),
                        format!(
                            "{k} goes with a preset; with points, the points are the whole curve"
                        ),
                    ));
                }
            }
            read_points(pv, lo.errors()).map(Load::Points)
        }
        (None, None) => Some(Load::Preset {
            preset: Preset::MonthEnd,
            base,
            peak: peak_of(base, 5.0),
        }),
    }
}

/// Reads `run.load.points`: 1 to 10,000 [minute, concurrent calls] pairs, sorted by minute.
fn read_points(pv: &Value, errors: &mut Vec<FieldError>) -> Option<Vec<(f64, f64)>> {
    let Some(list) = pv.as_array() else {
        errors.push(FieldError::new(
            "run.load.points",
            "expected a list of [minute, concurrent calls] pairs",
        ));
        return None;
    };
    if list.is_empty() || list.len() > 10_000 {
        errors.push(FieldError::new(
            "run.load.points",
            "give 1 to 10,000 [minute, concurrent calls] pairs",
        ));
        return None;
    }
    let mut pts: Vec<(f64, f64, usize)> = Vec::with_capacity(list.len());
    for (i, p) in list.iter().enumerate() {
        let pair = p
            .as_array()
            .filter(|a| a.len() == 2)
            .and_then(|a| Some((a.first()?.as_f64()?, a.get(1)?.as_f64()?)));
        match pair {
            Some((m, c)) if m.is_finite() && m >= 0.0 && (0.0..=1e9).contains(&c) => {
                pts.push((m, c, i))
            }
            _ => errors.push(FieldError::new(
                format!("run.load.points[{i}]"),
                "expected [minute, concurrent calls] with both 0 or more (calls at most 1,000,000,000)",
            )),
        }
    }
    // By minute; equal minutes keep their order (a step).
    let mut order: Vec<(u64, usize)> = pts
        .iter()
        .map(|&(m, _, i)| (crate::model::order::float_key(m), i))
        .collect();
    crate::model::order::keys(&mut order);
    let by_index: Vec<Option<(f64, f64)>> = {
        let mut v = vec![None; list.len()];
        for &(m, c, i) in &pts {
            if let Some(slot) = v.get_mut(i) {
                *slot = Some((m, c));
            }
        }
        v
    };
    Some(
        order
            .into_iter()
            .filter_map(|(_, i)| by_index.get(i).copied().flatten())
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An unknown field is an error that names it and its path.
    #[test]
    fn unknown_field_is_named() {
        let e = scenario_from_text(r#"{"services":[{"cpu":256,"memroy":512}]}"#).unwrap_err();
        assert!(e[0].path.starts_with("services[0]"), "{:?}", e);
        assert!(e[0].message.contains("memroy"), "{:?}", e);
    }

    /// A string where a number belongs says so at the field's path.
    #[test]
    fn wrong_type_names_the_path() {
        let e = scenario_from_text(r#"{"services":[{"cpu":"lots","memory":512}]}"#).unwrap_err();
        assert_eq!(e[0].path, "services[0].cpu");
        assert!(
            e[0].message.contains("expected a number"),
            "{}",
            e[0].message
        );
    }

    /// Every field of api.md's scenario example reads.
    #[test]
    fn reads_the_api_example() {
        let s = scenario_from_text(
            r#"{"instanceType":"t4g.medium","memoryModel":"registered","registeredMemoryMiB":{"t4g.medium":3800},
            "ecsReservedMemoryMiB":0,"eniTrunking":false,
            "services":[{"name":"api","cpu":256,"memory":512,"memoryReservation":null,"desiredCount":100,
                "networkMode":"bridge","hostPort":null,"distinctInstance":false}],
            "daemons":[{"name":"log-router","cpu":64,"memory":128,"networkMode":"bridge"}],
            "placementStrategy":"binpack-memory","availabilityZones":1,"randomSeed":1,"runningInstances":0,
            "capacityProvider":{"targetCapacity":100,"minimumScalingStepSize":1,"maximumScalingStepSize":10000,"instanceWarmupPeriod":300},
            "asg":{"minSize":0,"maxSize":10000},
            "settings":{"casSizing":"nominal","provisioningQuota":500,"launchSeconds":120,"maximumPercent":200},
            "demand":{"concurrentUsers":100,"callsPerUser":10,"latencyMs":500,"callsPerTask":10,"cpuTarget":50}}"#,
        )
        .unwrap();
        assert_eq!(s.services.as_ref().unwrap()[0].cpu, Some(256.0));
        assert_eq!(
            s.registered_memory_mib,
            Some(NumberOrMap::Map(
                [("t4g.medium".to_string(), 3800.0)].into()
            ))
        );
        assert_eq!(
            s.capacity_provider.unwrap().instance_warmup_period,
            Some(300.0)
        );
        assert_eq!(s.demand.unwrap().latency_ms, Some(500.0));
    }

    /// A nested unknown field is named with its full path; every problem is reported, not the first.
    #[test]
    fn reports_every_problem_with_its_path() {
        let e = scenario_from_text(
            r#"{"services":[{"cpu":"lots","memroy":1}],"asg":{"max":3},"eniTrunking":"yes"}"#,
        )
        .unwrap_err();
        let paths: Vec<&str> = e.iter().map(|x| x.path.as_str()).collect();
        assert!(paths.contains(&"services[0].cpu"));
        assert!(paths.contains(&"services[0].memroy"));
        assert!(paths.contains(&"asg.max"));
        assert!(paths.contains(&"eniTrunking"));
    }
}
