//! The timeline: the scenario played out minute by minute with CAS, without it (the group held at its
//! starting size, the article's "before"), and at another targetCapacity. It runs after the inputs
//! settle, shows progress while it computes, and draws what `viz::timeline` lays out.

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::field::{Check, SelectField, TextField};
use super::FormRef;
use crate::model::run_form::{RunField, RunForm, Runs};
use crate::model::sim::{Point, Timeline};
use crate::model::units::trim_float;
use crate::model::validate::{field_id, thousands, FieldError};
use crate::viz::timeline::{clock, path, Scale, HEIGHT, LEFT, PAD, WIDTH};

/// Props of the timeline panel.
#[derive(Properties, PartialEq, Clone)]
pub struct TimelineProps {
    /// The scenario form.
    pub form: FormRef,
}

/// Calls `f` after `ms` milliseconds; returns the timer id (0 if there is no window).
fn after(ms: i32, f: impl FnOnce() + 'static) -> i32 {
    let cb = Closure::once_into_js(f);
    web_sys::window()
        .and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), ms)
                .ok()
        })
        .unwrap_or(0)
}

fn cancel(id: i32) {
    if let Some(w) = web_sys::window() {
        w.clear_timeout_with_handle(id);
    }
}

type Outcome = Result<Rc<Runs>, Rc<Vec<FieldError>>>;

/// The panel's state, in one reducer (one hook instance instead of four).
#[derive(Clone, Default)]
struct Panel {
    form: RunForm,
    outcome: Option<Outcome>,
    busy: bool,
    cursor: u32,
}

enum Act {
    Set(RunField, String),
    Points(String),
    Protect(bool),
    Busy,
    Done(Outcome),
    Cursor(u32),
}

impl Reducible for Panel {
    type Action = Act;

    fn reduce(self: Rc<Self>, action: Act) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Act::Set(f, v) => next.form.set(f, v),
            Act::Points(v) => next.form.points = v,
            Act::Protect(on) => next.form.protection = on,
            Act::Busy => next.busy = true,
            Act::Done(o) => {
                next.outcome = Some(o);
                next.busy = false;
            }
            Act::Cursor(m) => next.cursor = m,
        }
        Rc::new(next)
    }
}

/// The timeline panel.
#[component]
pub fn TimelinePanel(props: &TimelineProps) -> Html {
    let state = use_reducer(Panel::default);
    {
        // Re-run 300 ms after the inputs settle; show progress while it computes.
        let dispatch = state.dispatcher();
        use_effect_with(
            (props.form.clone(), state.form.clone()),
            move |(form, rf)| {
                let (form, rf) = (form.0.clone(), rf.clone());
                let id = after(300, move || {
                    dispatch.dispatch(Act::Busy);
                    after(20, move || {
                        dispatch.dispatch(Act::Done(rf.runs(&form).map(Rc::new).map_err(Rc::new)))
                    });
                });
                move || cancel(id)
            },
        );
    }
    let rf = &state.form;
    let set = |field: RunField| {
        let d = state.dispatcher();
        Callback::from(move |v: String| d.dispatch(Act::Set(field, v)))
    };
    let on_protect = {
        let d = state.dispatcher();
        Callback::from(move |on: bool| d.dispatch(Act::Protect(on)))
    };
    let on_points = {
        let d = state.dispatcher();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            d.dispatch(Act::Points(el.value()));
        })
    };
    let outcome = &state.outcome;
    let busy = state.busy;
    let errors: Rc<Vec<FieldError>> = match outcome {
        Some(Err(e)) => e.clone(),
        _ => Rc::new(Vec::new()),
    };
    let err = |path: &str| {
        errors
            .iter()
            .find(|e| e.path == path)
            .map(|e| e.message.clone())
    };
    let presets: Vec<(AttrValue, AttrValue)> = [
        ("month-end", "month-end spike"),
        ("daily", "daily cycle"),
        ("step", "step up"),
        ("steady", "steady"),
        ("points", "my own curve (CSV)"),
    ]
    .iter()
    .map(|&(v, l)| (AttrValue::from(v), AttrValue::from(l)))
    .collect();
    let fields: [(&str, &str, &str, RunField); 6] = [
        (
            "run.durationMinutes",
            "Minutes (up to 10,080 = 7 days)",
            &rf.duration,
            RunField::Duration,
        ),
        (
            "run.variantTarget",
            "Overlay at targetCapacity (%)",
            &rf.variant_target,
            RunField::VariantTarget,
        ),
        (
            "run.settings.provisioningTimeoutMinutes",
            "Provisioning timeout (min)",
            &rf.timeout,
            RunField::Timeout,
        ),
        (
            "run.settings.taskStartSeconds",
            "Task start time (s)",
            &rf.task_start,
            RunField::TaskStart,
        ),
        (
            "run.settings.minTasks",
            "Service min tasks",
            &rf.min_tasks,
            RunField::MinTasks,
        ),
        (
            "run.settings.maxTasks",
            "Service max tasks",
            &rf.max_tasks,
            RunField::MaxTasks,
        ),
    ];
    let shown: Option<Rc<Runs>> = match outcome {
        Some(Ok(r)) => Some(r.clone()),
        _ => None,
    };
    html! {
        <section class="panel timeline" aria-labelledby="timeline-h" data-testid="timeline" data-busy={busy.to_string()}>
            <h2 id="timeline-h">{ "The timeline: minute by minute, with and without Cluster Auto Scaling" }</h2>
            <div class="row">
                <SelectField id="run-load-preset" label="Load" value={rf.preset.clone()} options={presets} error={err("run.load.preset")} onchange={set(RunField::Preset)} />
                { for fields.iter().map(|&(path, label, value, field)| html! {
                    <TextField id={field_id(path)} label={label} value={value.to_string()} error={err(path)} oninput={set(field)} />
                }) }
                <Check id="run-protection" label="Managed termination protection" checked={rf.protection} onchange={on_protect} />
            </div>
            if rf.preset == "points" {
                <div class="field">
                    <label for="run-load-points">{ "Load curve: one \"minute,concurrent calls\" per line (paste CSV)" }</label>
                    <textarea id="run-load-points" rows="6" value={rf.points.clone()} oninput={on_points} />
                    if let Some(e) = err("run.load.points") { <p class="error" data-testid="error-run-load-points">{ e }</p> }
                </div>
            }
            <p class="note">{ "The load drives the first service: service auto scaling tracks average CPU (3 minutes above target to scale out, 15 below 90 % of it to scale in, 5-minute cooldowns); base load = what its desired tasks serve at the CPU target; the spike's peak = the demand estimate's, else 5 x the base. Ticks of 15 s; CAS reads the cluster each minute." }</p>
            if busy { <p class="status" role="status" data-testid="timeline-busy">{ "Simulating…" }</p> }
            if !errors.is_empty() {
                <div class="error-summary" role="alert">
                    <p>{ "The timeline needs valid inputs:" }</p>
                    <ul>{ for errors.iter().map(|e| html! { <li><code>{ e.path.clone() }</code>{ ": " }{ e.message.clone() }</li> }) }</ul>
                </div>
            }
            if let Some(r) = shown {
                <TimelineCharts runs={RunsRef(r)} cursor={state.cursor} oncursor={ { let d = state.dispatcher(); Callback::from(move |m: u32| d.dispatch(Act::Cursor(m))) } } />
            }
        </section>
    }
}

/// Runs shared by pointer.
#[derive(Clone, Debug)]
pub struct RunsRef(pub Rc<Runs>);

impl PartialEq for RunsRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Props of the charts.
#[derive(Properties, PartialEq, Clone)]
pub struct ChartsProps {
    /// The runs.
    pub runs: RunsRef,
    /// The minute the read-out shows.
    pub cursor: u32,
    /// Moves the cursor.
    pub oncursor: Callback<u32>,
}

/// (run key, class, label, timeline) for each run drawn.
fn runs_of(r: &Runs) -> Vec<(&'static str, &'static str, String, &Timeline)> {
    let mut out = vec![
        ("with", "run-with", "with CAS".to_string(), &r.with),
        (
            "without",
            "run-without",
            "without CAS (fixed group)".to_string(),
            &r.without,
        ),
    ];
    if let Some((t, v)) = &r.variant {
        out.push(("variant", "run-variant", format!("with CAS at {t} %"), v));
    }
    out
}

/// A run's (minute, value) points; minutes without a value (NaN) are left out.
fn series(t: &Timeline, f: fn(&Point) -> f64) -> Vec<(f64, f64)> {
    t.series
        .iter()
        .map(|p| (f64::from(p.minute), f(p)))
        .filter(|p| !p.1.is_nan())
        .collect()
}

/// The four panels, the read-out, the summary, the table and the event log.
#[component]
pub fn TimelineCharts(props: &ChartsProps) -> Html {
    let r = &props.runs.0;
    let runs = runs_of(r);
    let minutes = r.with.series.last().map_or(1, |p| p.minute).max(1);
    let x = Scale {
        max: f64::from(minutes),
        from: LEFT,
        to: WIDTH - PAD,
    };
    type Get = fn(&Point) -> f64;
    // (series label, value, drawn for every run (else only with CAS), CSS class)
    type Line = (&'static str, Get, bool, &'static str);
    let panels: [(&str, Vec<Line>); 4] = [
        (
            "Concurrent calls",
            vec![
                ("load", |p| p.load, false, "s-load"),
                ("served", |p| p.served, true, "s-served"),
            ],
        ),
        (
            "Tasks",
            vec![
                ("desired", |p| p.tasks_desired as f64, false, "s-desired"),
                ("running", |p| p.tasks_running as f64, true, "s-running"),
                ("waiting", |p| p.tasks_waiting as f64, false, "s-waiting"),
            ],
        ),
        (
            "Instances",
            vec![
                (
                    "desired",
                    |p| p.instances_desired as f64,
                    false,
                    "s-desired",
                ),
                ("running", |p| p.instances_running as f64, true, "s-running"),
            ],
        ),
        (
            "Reservation (CPR, %)",
            vec![(
                "reservation",
                |p| p.reservation.unwrap_or(f64::NAN),
                true,
                "s-reservation",
            )],
        ),
    ];
    let panel_h = HEIGHT + 28.0;
    let height = panel_h * panels.len() as f64;
    let cursor_x = x.at(f64::from(props.cursor.min(minutes)));
    let svg_panels = panels.iter().enumerate().map(|(i, (title, lines))| {
        let top = i as f64 * panel_h + 16.0;
        let mut max: f64 = 0.0;
        for &(_, get, all, _) in lines {
            for (k, _, _, t) in &runs {
                if all || *k == "with" {
                    max = t.series.iter().map(get).filter(|v| !v.is_nan()).fold(max, f64::max);
                }
            }
        }
        let y = Scale::nice(max, top + HEIGHT - PAD, top + PAD);
        let paths = lines.iter().flat_map(|&(label, get, all, class)| {
            runs.iter().filter(move |(k, ..)| all || *k == "with").map(move |(_, run_class, run_label, t)| {
                html! { <path class={classes!("line", class, *run_class)} d={path(&series(t, get), &x, &y)}><title>{ format!("{label}, {run_label}") }</title></path> }
            })
        });
        let windows = r.with.summary.error_windows.iter().filter(|_| i == 0).map(|w| {
            let (a, b) = (x.at(f64::from(w.start_minute)), x.at(f64::from(w.start_minute + w.minutes)));
            html! { <rect class="error-window" x={trim_float(a)} y={trim_float(top)} width={trim_float((b - a).max(1.0))} height={trim_float(HEIGHT)}>
                <title>{ format!("with CAS: calls not served from {} for {} min", clock(f64::from(w.start_minute)), w.minutes) }</title></rect> }
        });
        html! {
            <g class="panel-g">
                <text class="panel-title" x={trim_float(LEFT)} y={trim_float(top - 4.0)}>{ *title }</text>
                { for windows }
                { for y.ticks().into_iter().map(|v| html! {
                    <g><line class="grid" x1={trim_float(LEFT)} x2={trim_float(WIDTH - PAD)} y1={trim_float(y.at(v))} y2={trim_float(y.at(v))} />
                    <text class="tick" x={trim_float(LEFT - 4.0)} y={trim_float(y.at(v) + 3.0)} text-anchor="end">{ thousands(v as u64) }</text></g>
                }) }
                if i == 3 {
                    <line class="target" x1={trim_float(LEFT)} x2={trim_float(WIDTH - PAD)} y1={trim_float(y.at(100.0))} y2={trim_float(y.at(100.0))}>
                        <title>{ "the target (100 % unless the capacity provider says otherwise)" }</title></line>
                }
                { for paths }
            </g>
        }
    });
    let x_ticks = (0..=4).map(|i| {
        let m = f64::from(minutes) * f64::from(i) / 4.0;
        html! { <text class="tick" x={trim_float(x.at(m))} y={trim_float(height - 2.0)} text-anchor="middle">{ clock(m) }</text> }
    });
    let oncursor = {
        let cb = props.oncursor.clone();
        Callback::from(move |e: InputEvent| {
            let el: HtmlInputElement = e.target_unchecked_into();
            cb.emit(el.value().parse().unwrap_or(0));
        })
    };
    let at = |t: &Timeline| t.series.get(props.cursor.min(minutes) as usize).copied();
    let step = if minutes > 1440 {
        60
    } else if minutes > 240 {
        30
    } else {
        10
    };
    html! {
        <>
            <ul class="legend">
                <li><span class="key run-with"></span>{ "with CAS (solid)" }</li>
                <li><span class="key run-without"></span>{ "without CAS, group fixed at its starting size (dashed)" }</li>
                if let Some((t, _)) = &r.variant { <li><span class="key run-variant"></span>{ format!("with CAS at targetCapacity {t} % (dotted)") }</li> }
                <li><span class="key error-window"></span>{ "calls not served with CAS (502s)" }</li>
            </ul>
            <div class="chart-scroll">
                <svg class="timeline-svg" data-testid="timeline-chart" viewBox={format!("0 0 {} {}", trim_float(WIDTH), trim_float(height))} role="img"
                    aria-label={format!("Timeline over {minutes} minutes: load and served calls, tasks, instances and the reservation, with and without Cluster Auto Scaling; the table below has the same data")}>
                    { for svg_panels }
                    { for x_ticks }
                    <line class="cursor" x1={trim_float(cursor_x)} x2={trim_float(cursor_x)} y1="0" y2={trim_float(height - 12.0)} />
                </svg>
            </div>
            <div class="slider">
                <label for="timeline-cursor">{ format!("Read-out at {}", clock(f64::from(props.cursor))) }</label>
                <input id="timeline-cursor" type="range" min="0" max={minutes.to_string()} value={props.cursor.to_string()} oninput={oncursor} />
            </div>
            <table class="readout" data-testid="timeline-readout">
                <thead><tr><th scope="col">{ "Run" }</th><th scope="col">{ "Load" }</th><th scope="col">{ "Served" }</th><th scope="col">{ "Tasks running / desired" }</th>
                    <th scope="col">{ "Waiting" }</th><th scope="col">{ "Instances" }</th><th scope="col">{ "Reservation" }</th></tr></thead>
                <tbody>
                    { for runs.iter().filter_map(|(k, _, label, t)| at(t).map(|p| html! {
                        <tr data-run={*k}><th scope="row">{ label.clone() }</th><td>{ trim_float(p.load) }</td><td>{ trim_float(p.served) }</td>
                            <td>{ format!("{} / {}", p.tasks_running, p.tasks_desired) }</td><td>{ p.tasks_waiting }</td><td>{ p.instances_running }</td>
                            <td>{ p.reservation.map_or("-".to_string(), |v| format!("{} %", trim_float(v))) }</td></tr>
                    })) }
                </tbody>
            </table>
            <h3>{ "Summary" }</h3>
            <table class="summary" data-testid="timeline-summary">
                <thead><tr><th scope="col">{ "Run" }</th><th scope="col">{ "Calls not served" }</th><th scope="col">{ "Error windows" }</th>
                    <th scope="col">{ "Longest wait for capacity" }</th><th scope="col">{ "Peak instances" }</th><th scope="col">{ "Instance-hours" }</th></tr></thead>
                <tbody>
                    { for runs.iter().map(|(k, _, label, t)| {
                        let s = &t.summary;
                        let windows: Vec<String> = s.error_windows.iter().take(5).map(|w| format!("{} for {} min ({} % lost)", clock(f64::from(w.start_minute)), w.minutes, trim_float(100.0 * w.unserved_share))).collect();
                        html! { <tr data-run={*k} data-unserved={crate::model::units::exact(s.unserved_share)} data-error-minutes={s.error_minutes.to_string()}>
                            <th scope="row">{ label.clone() }</th>
                            <td>{ format!("{} % ({} min)", trim_float(100.0 * s.unserved_share), s.error_minutes) }</td>
                            <td>{ if windows.is_empty() { "none".to_string() } else { windows.join("; ") } }</td>
                            <td>{ s.minutes_until_all_placed.map_or("tasks still wait at the end".to_string(), |m| format!("{} min", trim_float(m))) }</td>
                            <td>{ s.peak_instances }</td>
                            <td>{ trim_float(s.instance_hours) }</td>
                        </tr> }
                    }) }
                </tbody>
            </table>
            <details class="table-view">
                <summary>{ format!("The timeline as a table (every {step} minutes)") }</summary>
                <table>
                    <thead><tr><th scope="col">{ "Time" }</th>{ for runs.iter().map(|(_, _, l, _)| html! { <th scope="col">{ format!("{l}: served / load, tasks, waiting, instances") }</th> }) }</tr></thead>
                    <tbody>
                        { for (0..=minutes).step_by(step).map(|m| html! { <tr><th scope="row">{ clock(f64::from(m)) }</th>
                            { for runs.iter().map(|(_, _, _, t)| html! { <td>{ t.series.get(m as usize).map_or(String::new(), |p| format!("{} / {}, {}, {}, {}", trim_float(p.served), trim_float(p.load), p.tasks_running, p.tasks_waiting, p.instances_running)) }</td> }) }
                        </tr> }) }
                    </tbody>
                </table>
            </details>
            <h3>{ "What happened, and why (with CAS)" }</h3>
            <ol class="events" data-testid="timeline-events">
                { for r.with.events.iter().take(300).map(|e| html! { <li>{ e.message.clone() }</li> }) }
            </ol>
            if r.with.events.len() > 300 || r.with.summary.events_not_listed > 0 {
                <p class="note">{ format!("{} more events not listed.", (r.with.events.len() as u64).saturating_sub(300) + r.with.summary.events_not_listed) }</p>
            }
        </>
    }
}
