//! The timeline: the scenario played out minute by minute with CAS, without it (the group held at its
//! starting size, the article's "before"), and at another targetCapacity. It runs after the inputs
//! settle, shows progress while it computes, and draws what `viz::timeline` lays out. Its run
//! settings live in the page's state; each change goes back as the page's typed edit.

use std::cell::Cell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::model::sim::{versus_plan, Runs, Timeline};
use crate::model::units::trim_float;
use crate::model::validate::{field_id, FieldError};
use crate::state::form::Edit;
use crate::state::run_form::{default_shown, RunField, RunForm};
use crate::ui::field::{Check, SelectField, TextField};
use crate::ui::steps;
use crate::ui::{link_notes, InputRef, PlanRef};
use crate::viz::table::{table, Row};
use crate::viz::timeline::{clock, svg, RunLine};

/// Props of the timeline panel.
#[derive(Properties, PartialEq, Clone)]
pub struct TimelineProps {
    /// The page's last valid scenario.
    pub input: InputRef,
    /// Its plan, as the page computed it (the timeline's last minute is compared with it).
    pub plan: PlanRef,
    /// The run settings, from the page's state.
    pub run: Rc<RunForm>,
    /// What the link held for the timeline that could not be used.
    #[prop_or_default]
    pub notes: Rc<Vec<String>>,
    /// Puts the notes away.
    pub ondismiss: Callback<()>,
    /// The page's edits (the run settings changed).
    pub onedit: Callback<Edit>,
}

type Outcome = Result<Rc<Runs>, Rc<Vec<FieldError>>>;

/// The panel's own state: the last outcome, whether a run is under way and how far it got, the
/// read-out's minute.
#[derive(Clone, Default)]
struct Panel {
    outcome: Option<Outcome>,
    /// The last runs that succeeded: shown while the settings have errors.
    last_good: Option<Rc<Runs>>,
    busy: bool,
    /// The share of the run's ticks done, 0-1, while busy.
    progress: f64,
    /// The user stopped the last run before it ended.
    stopped: bool,
    cursor: u32,
}

enum Act {
    Busy,
    Progress(f64),
    Stopped,
    Done(Outcome),
    Cursor(u32),
}

impl Reducible for Panel {
    type Action = Act;

    fn reduce(self: Rc<Self>, action: Act) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Act::Busy => {
                next.busy = true;
                next.progress = 0.0;
                next.stopped = false;
            }
            Act::Progress(f) => next.progress = f,
            Act::Stopped => {
                next.busy = false;
                next.stopped = true;
            }
            Act::Done(o) => {
                if let Ok(r) = &o {
                    next.last_good = Some(r.clone());
                }
                next.outcome = Some(o);
                next.busy = false;
            }
            Act::Cursor(m) => next.cursor = m,
        }
        Rc::new(next)
    }
}

/// The timeline panel: the run settings, progress and errors, then the charts of the last run.
#[component]
pub fn TimelinePanel(props: &TimelineProps) -> Html {
    let state = use_reducer(Panel::default);
    // The run under way's cancel flag, for the Stop button.
    let current = use_mut_ref(|| Rc::new(Cell::new(false)));
    // "Run again" after a Stop: a new run of the same settings.
    let rerun = use_state(|| 0u32);
    // After Stop, the keyboard's focus goes to "Run again" (the Stop button is gone).
    let again = use_node_ref();
    {
        let again = again.clone();
        use_effect_with(state.stopped, move |stopped| {
            if *stopped {
                if let Some(b) = again.cast::<web_sys::HtmlElement>() {
                    let _ = b.focus();
                }
            }
        });
    }
    {
        // Re-run 300 ms after the inputs settle (a newer change drops the pending timer and
        // cancels a run under way); the run goes in steps with its progress shown.
        let dispatch = state.dispatcher();
        let current = current.clone();
        use_effect_with(
            (props.input.clone(), props.run.clone(), *rerun),
            move |(input, rf, _)| {
                let (input, rf) = (input.0.clone(), rf.clone());
                let slot = current.clone();
                let settle = Timeout::new(300, move || match rf.start(&input) {
                    Err(e) => dispatch.dispatch(Act::Done(Err(Rc::new(e)))),
                    Ok(job) => {
                        dispatch.dispatch(Act::Busy);
                        let (d1, d2) = (dispatch.clone(), dispatch);
                        *slot.borrow_mut() = steps::run(
                            job,
                            20,
                            Callback::from(move |f| d1.dispatch(Act::Progress(f))),
                            Callback::from(move |r| d2.dispatch(Act::Done(Ok(Rc::new(r))))),
                        );
                    }
                });
                move || {
                    current.borrow().set(true);
                    drop(settle)
                }
            },
        );
    }
    let stop = {
        let (current, dispatch) = (current.clone(), state.dispatcher());
        Callback::from(move |_: MouseEvent| {
            current.borrow().set(true);
            dispatch.dispatch(Act::Stopped);
        })
    };
    let outcome = &state.outcome;
    let busy = state.busy;
    let errors: Rc<Vec<FieldError>> = match outcome {
        Some(Err(e)) => e.clone(),
        _ => Rc::new(Vec::new()),
    };
    // The last good runs stay on screen while the settings have errors, as the page's answer does.
    let shown: Option<Rc<Runs>> = state.last_good.clone();
    html! {
        <section class="panel timeline" aria-labelledby="timeline-h" data-testid="timeline" data-busy={busy.to_string()}>
            <h2 id="timeline-h">{ "The timeline: minute by minute, with and without Cluster Auto Scaling" }</h2>
            { link_notes(&props.notes, "timeline-link-notes", props.ondismiss.clone()) }
            { run_settings(props, &errors) }
            if !props.plan.0.providers.is_empty() && props.plan.0.providers.iter().all(|o| o.kind != "asg") {
                <p class="note" data-testid="timeline-no-cas">{ "No provider here is an Auto Scaling group: Managed Instances launches for waiting tasks and consolidates on its own, Fargate runs each task, and CAS plays no part, so the runs with and without CAS (and at another targetCapacity) are the same run." }</p>
            }
            if !props.plan.0.providers.is_empty() {
                <p class="note" data-testid="timeline-providers">{ "Each provider runs on its own (its CAS, launches, warm-up), sharing the cluster's PROVISIONING quota; the first service's desired count is split by its strategy at each change; tasks never move to another provider. Assumed: a Spot notice drains its instances for two minutes (their tasks serve till then) and asks for replacements on the same provider; a group relaunches to its desired count once Spot is back; a Fargate task serves after the Fargate start plus the task start." }</p>
            }
            <p class="note">{ "The load drives the first service: service auto scaling tracks average CPU (3 minutes above target to scale out, 15 below 90 % of it to scale in, 5-minute cooldowns); base load = what its desired tasks serve at the CPU target; the spike's peak = the demand estimate's, else 5 x the base. Ticks of 15 s; CAS reads the cluster each minute." }</p>
            if busy {
                <p class="status" role="status" data-testid="timeline-busy">
                    { format!("Simulating… {} %", (state.progress * 100.0).floor() as u32) }
                    { " " }<progress max="1" value={trim_float(state.progress)} aria-label="Simulation progress"></progress>
                    { " " }<button type="button" onclick={stop} data-testid="timeline-stop">{ "Stop" }</button>
                </p>
            }
            if state.stopped {
                <p class="status" role="status" data-testid="timeline-stopped">
                    { if state.last_good.is_some() { "Stopped before the end: the charts show the last complete run. " } else { "Stopped before the end: no run has finished yet. " } }
                    <button type="button" ref={again.clone()} data-testid="timeline-run-again" onclick={ { let rerun = rerun.clone(); Callback::from(move |_: MouseEvent| rerun.set(rerun.wrapping_add(1))) } }>{ "Run again" }</button>
                </p>
            }
            if !errors.is_empty() {
                <div class="error-summary" role="alert">
                    <p>{ "The timeline needs valid inputs:" }</p>
                    <ul>{ for errors.iter().map(|e| html! { <li><code>{ e.path.clone() }</code>{ ": " }{ e.message.clone() }</li> }) }</ul>
                </div>
            }
            if let Some(words) = shown.as_ref().filter(|_| props.plan.0.providers.is_empty()).and_then(|r| {
                let p = &props.plan.0;
                versus_plan(&r.with, p.instances_needed, p.instances_needed_best_order, p.cas.steady_state_instances)
            }) {
                <p class="note" data-testid="timeline-vs-plan">{ words }</p>
            }
            if let Some(r) = shown {
                <TimelineCharts runs={RunsRef(r)} cursor={state.cursor} oncursor={ { let d = state.dispatcher(); Callback::from(move |m: u32| d.dispatch(Act::Cursor(m))) } } />
            }
        </section>
    }
}

/// The run settings: the load, the text fields, termination protection and, for "my own curve",
/// the points; each with the last run's error at its path.
fn run_settings(props: &TimelineProps, errors: &[FieldError]) -> Html {
    let rf = &*props.run;
    // Each change sends the whole run settings, changed, as the page's edit.
    let edit = |change: fn(&mut RunForm, String)| {
        let (onedit, rf) = (props.onedit.clone(), props.run.clone());
        Callback::from(move |v: String| {
            let mut next = (*rf).clone();
            change(&mut next, v);
            onedit.emit(Edit::Run(Box::new(next)));
        })
    };
    let set = |field: RunField| {
        let (onedit, rf) = (props.onedit.clone(), props.run.clone());
        Callback::from(move |v: String| {
            let mut next = (*rf).clone();
            next.set(field, v);
            onedit.emit(Edit::Run(Box::new(next)));
        })
    };
    let on_protect = {
        let (onedit, rf) = (props.onedit.clone(), props.run.clone());
        Callback::from(move |on: bool| {
            let mut next = (*rf).clone();
            next.protection = on;
            onedit.emit(Edit::Run(Box::new(next)));
        })
    };
    let on_points = {
        let set_points = edit(|r, v| r.points = v);
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            set_points.emit(el.value());
        })
    };
    // A blank setting shows the default the simulator uses in its place.
    // The scenario's first service (with providers the plan's top level is one group's share).
    let first_desired = crate::model::validate::validate(&props.input.0)
        .ok()
        .and_then(|(s, _)| s.services.first().map(|x| x.desired_count))
        .unwrap_or(0);
    // A Spot event's error ("...spotInterruptions[1].provider") shows beside its field, naming it.
    let err = |path: &str| {
        errors
            .iter()
            .find(|e| crate::state::link::owns(path, &e.path))
            .map(|e| {
                match e
                    .path
                    .get(path.len() + 1..)
                    .and_then(|r| r.split(']').next()?.parse::<usize>().ok())
                {
                    Some(i) => format!("event {}: {}", i + 1, e.message),
                    None => e.message.clone(),
                }
            })
    };
    let providers = &props.plan.0.providers;
    let spot: Vec<&str> = providers
        .iter()
        .filter(|o| o.spot)
        .map(|o| o.name.as_str())
        .collect();
    let fargate = providers.iter().any(|o| o.kind.starts_with("fargate"));
    // The presets put every Spot provider's events in the fields, on the month-end load.
    let preset = |interruptions: String, shortages: String| {
        let (onedit, rf) = (props.onedit.clone(), props.run.clone());
        Callback::from(move |_: MouseEvent| {
            let mut next = (*rf).clone();
            next.preset = "month-end".into();
            next.spot_interruptions = interruptions.clone();
            next.spot_shortages = shortages.clone();
            onedit.emit(Edit::Run(Box::new(next)));
        })
    };
    let each =
        |f: &dyn Fn(&str) -> String| spot.iter().map(|n| f(n)).collect::<Vec<_>>().join(", ");
    let reclaimed = preset(each(&|n| format!("60 {n} 100%")), String::new());
    let short = preset(String::new(), each(&|n| format!("30-90 {n}")));
    let example = spot.first().copied().unwrap_or("spot");
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
    html! {
        <>
            <div class="row">
                <SelectField id="run-load-preset" label="Load" value={rf.preset.clone()} options={presets} error={err("run.load.preset")} onchange={set(RunField::Preset)} />
                // Settings for capacity the scenario no longer has stay shown while they hold
                // something, so an error in them can be fixed.
                { for text_fields(rf, !(spot.is_empty() && rf.spot_interruptions.is_empty() && rf.spot_shortages.is_empty()), fargate || rf.fargate_start != "40").into_iter().map(|(path, label, value, field)| html! {
                    <TextField id={field_id(path)} label={label} value={value.to_string()} error={err(path)} oninput={set(field)}
                        inputmode={if matches!(field, RunField::SpotInterruptions | RunField::SpotShortages) { "text" } else { "decimal" }}
                        placeholder={match field {
                            RunField::FargateStart => Some(AttrValue::from("40 (assumed)")),
                            RunField::SpotInterruptions => Some(AttrValue::from(format!("e.g. 60 {example} 50%"))),
                            RunField::SpotShortages => Some(AttrValue::from(format!("e.g. 30-90 {example}"))),
                            _ => default_shown(field, first_desired, props.input.0.demand.as_ref()).map(AttrValue::from),
                        }} />
                }) }
                <Check id="run-protection" label="Managed termination protection" checked={rf.protection} onchange={on_protect} />
            </div>
            if !spot.is_empty() {
                <p class="row">
                    <button type="button" data-testid="spot-reclaimed" onclick={reclaimed}>{ "Spot reclaimed at the peak" }</button>
                    <button type="button" data-testid="spot-short" onclick={short}>{ "No Spot for an hour" }</button>
                    <span class="note">{ "Interruptions: minute, provider, share of its instances (Fargate Spot: tasks); shortages: from-to minutes, provider. Each group's own termination protection applies." }</span>
                </p>
            }
            if rf.preset == "points" {
                <div class="field">
                    <label for="run-load-points">{ "Load curve: one \"minute,concurrent calls\" per line (paste CSV)" }</label>
                    <textarea id="run-load-points" rows="6" value={rf.points.clone()} oninput={on_points} />
                    if let Some(e) = err("run.load.points") { <p class="error" data-testid="error-run-load-points">{ e }</p> }
                </div>
            }
        </>
    }
}

/// The run settings typed as text: (path, label, text, field).
fn text_fields(
    rf: &RunForm,
    spot: bool,
    fargate: bool,
) -> Vec<(&'static str, &'static str, &str, RunField)> {
    let mut out: Vec<(&str, &str, &str, RunField)> = vec![
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
        (
            "run.settings.callsPerTask",
            "Concurrent calls per task",
            &rf.calls_per_task,
            RunField::CallsPerTask,
        ),
        (
            "run.settings.cpuTarget",
            "Service CPU target (%)",
            &rf.cpu_target,
            RunField::CpuTarget,
        ),
        (
            "run.settings.cooldownSeconds",
            "Service scaling cooldown (s)",
            &rf.cooldown,
            RunField::Cooldown,
        ),
    ];
    if fargate {
        out.push((
            "run.settings.fargateStartSeconds",
            "Fargate start (s, assumed)",
            &rf.fargate_start,
            RunField::FargateStart,
        ));
    }
    if spot {
        use crate::state::run_form::{SPOT_INTERRUPTIONS, SPOT_SHORTAGES};
        out.push((
            SPOT_INTERRUPTIONS,
            "Spot interruptions",
            &rf.spot_interruptions,
            RunField::SpotInterruptions,
        ));
        out.push((
            SPOT_SHORTAGES,
            "Spot shortages",
            &rf.spot_shortages,
            RunField::SpotShortages,
        ));
    }
    out
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

/// (run key, class, label, timeline) of one run drawn.
type RunOf<'a> = (&'static str, &'static str, String, &'a Timeline);

/// (run key, class, label, timeline) for each run drawn.
fn runs_of(r: &Runs) -> Vec<RunOf<'_>> {
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

/// The four panels, the read-out, the summary, the table and the event log.
#[component]
pub fn TimelineCharts(props: &ChartsProps) -> Html {
    let r = &props.runs.0;
    let runs = runs_of(r);
    let minutes = r.with.series.last().map_or(1, |p| p.minute).max(1);
    let chart = {
        let lines: Vec<RunLine<'_>> = runs
            .iter()
            .map(|(_, class, label, t)| RunLine {
                class,
                label,
                timeline: t,
            })
            .collect();
        Html::from_html_unchecked(AttrValue::from(svg(&lines, props.cursor)))
    };
    let oncursor = {
        let cb = props.oncursor.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            cb.emit(el.value().parse().unwrap_or(0));
        })
    };
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
            <ul class="legend" data-testid="timeline-colours">
                { for crate::viz::timeline::legend().into_iter().map(|(class, words)| html! {
                    <li><span ~className={format!("key {class}")}></span>{ words }</li>
                }) }
            </ul>
            if let Some(p) = r.with.series.first().filter(|p| !p.providers.is_empty()) {
                <ul class="legend" data-testid="timeline-provider-colours">
                    { for p.providers.iter().enumerate().map(|(i, v)| html! {
                        <li><span ~className={format!("key pv{}", i % 8)}></span>{ v.name.clone() }</li>
                    }) }
                    <li>{ "last panel, with CAS: instances solid, waiting tasks dashed" }</li>
                </ul>
            }
            <div class="chart-scroll">
                { chart }
            </div>
            <div class="slider">
                <label for="timeline-cursor">{ format!("Read-out at {}", clock(f64::from(props.cursor))) }</label>
                <input id="timeline-cursor" type="range" min="0" max={minutes.to_string()} value={props.cursor.to_string()} oninput={oncursor} />
            </div>
            // Wide tables scroll in their own box, so a phone's page never scrolls sideways.
            <div class="table-scroll">{ readout(&runs, props.cursor.min(minutes)) }</div>
            <h3>{ "Summary" }</h3>
            <div class="table-scroll">{ summary(&runs) }</div>
            { providers(&r.with) }
            <button type="button" data-testid="export-timeline-csv" onclick={ { let r = props.runs.0.clone(); Callback::from(move |_| crate::ui::download::save_text("ecs-capacity-timeline.csv", "text/csv", &crate::io::export::timeline_csv(&r))) } }>
                { "Download the timeline (CSV, every minute of every run)" }</button>
            <details class="table-view">
                <summary>{ format!("The timeline as a table (every {step} minutes)") }</summary>
                <div class="table-scroll">{ hourly(&runs, minutes, step) }</div>
            </details>
            { events(r) }
        </>
    }
}

/// Markup made by `viz`, inserted as it is.
fn raw(t: String) -> Html {
    Html::from_html_unchecked(AttrValue::from(t))
}

/// The read-out table: each run at `minute`.
fn readout(runs: &[RunOf<'_>], minute: u32) -> Html {
    let rows: Vec<Row> = runs
        .iter()
        .filter_map(|(k, _, label, t)| {
            t.series.get(minute as usize).map(|p| Row {
                attrs: vec![("data-run", k.to_string())],
                cells: vec![
                    label.clone(),
                    crate::model::units::pct(p.load),
                    crate::model::units::pct(p.served),
                    format!("{} / {}", p.tasks_running, p.tasks_desired),
                    p.tasks_waiting.to_string(),
                    p.instances_running.to_string(),
                    crate::viz::timeline::reservation_words(p).unwrap_or_else(|| "-".into()),
                ],
            })
        })
        .collect();
    raw(table(
        "readout",
        Some("timeline-readout"),
        &[
            "Run",
            "Load",
            "Served",
            "Tasks running / desired",
            "Waiting",
            "Instances",
            "Reservation",
        ],
        &rows,
    ))
}

/// The summary table: each run's calls not served, error windows, wait, peak and cost.
fn summary(runs: &[RunOf<'_>]) -> Html {
    let rows: Vec<Row> = runs
        .iter()
        .map(|(k, _, label, t)| summary_row(k, label, t))
        .collect();
    raw(table(
        "summary",
        Some("timeline-summary"),
        &[
            "Run",
            "Calls not served",
            "Error windows",
            "Longest wait for capacity",
            "Peak instances",
            "Instance-hours",
            "Instance cost (USD)",
        ],
        &rows,
    ))
}

/// With capacity providers: each one's share of the run with CAS, and what its Spot events cost
/// the users (the same run without them beside it).
fn providers(t: &Timeline) -> Html {
    use crate::model::units::{pct, usd};
    let s = &t.summary;
    if s.providers.is_empty() {
        return Html::default();
    }
    let hours = |h: f64| trim_float((h * 10.0).round() / 10.0);
    let rows: Vec<Row> = s
        .providers
        .iter()
        .map(|p| Row {
            attrs: vec![("data-cost", crate::model::units::exact(p.cost))],
            cells: vec![
                p.name.clone(),
                match (p.kind, p.spot) {
                    ("asg", false) => "EC2 On-Demand",
                    ("asg", true) => "EC2 Spot",
                    ("fargate", _) => "Fargate",
                    ("fargate-spot", _) => "Fargate Spot",
                    (_, false) => "Managed Instances",
                    (_, true) => "Managed Instances, Spot",
                }
                .to_string(),
                hours(p.instance_hours),
                hours(p.task_hours),
                usd(p.cost),
                p.peak_waiting.to_string(),
            ],
        })
        .collect();
    let spot = s.without_spot_events.map(|w| {
        format!(
            "What the Spot events cost the users: {} % of calls not served ({} min of errors) against {} % ({} min) in the same run without them; compute {} against {}.",
            pct(100.0 * s.unserved_share),
            s.error_minutes,
            pct(100.0 * w.unserved_share),
            w.error_minutes,
            usd(s.instance_cost),
            usd(w.cost)
        )
    });
    html! {
        <>
            <div class="table-scroll">{ raw(table(
                "summary",
                Some("timeline-providers-summary"),
                &["Provider (with CAS)", "Kind", "Instance-hours", "Task-hours", "Cost (USD)", "Most tasks waiting"],
                &rows,
            )) }</div>
            if let Some(words) = spot { <p class="status" data-testid="timeline-spot-cost">{ words }</p> }
        </>
    }
}

/// One run's summary row (key `k`, its label), its exact figures in data attributes.
fn summary_row(k: &str, label: &str, t: &Timeline) -> Row {
    let s = &t.summary;
    let windows: Vec<String> = s
        .error_windows
        .iter()
        .take(5)
        .map(|w| {
            format!(
                "{} for {} min ({} % lost)",
                clock(f64::from(w.start_minute)),
                w.minutes,
                crate::model::units::pct(100.0 * w.unserved_share)
            )
        })
        .collect();
    Row {
        attrs: vec![
            ("data-run", k.to_string()),
            (
                "data-unserved",
                crate::model::units::exact(s.unserved_share),
            ),
            ("data-error-minutes", s.error_minutes.to_string()),
            ("data-cost", crate::model::units::exact(s.instance_cost)),
            // The exact instance-hours (the cell shows them rounded).
            ("data-hours", crate::model::units::exact(s.instance_hours)),
        ],
        cells: vec![
            label.to_string(),
            format!(
                "{} % ({} min)",
                crate::model::units::pct(100.0 * s.unserved_share),
                s.error_minutes
            ),
            if windows.is_empty() {
                "none".to_string()
            } else {
                windows.join("; ")
            },
            s.minutes_until_all_placed
                .map_or("tasks still wait at the end".to_string(), |m| {
                    format!("{} min", trim_float(m))
                }),
            s.peak_instances.to_string(),
            if s.instance_hours >= 1000.0 {
                crate::model::validate::thousands(s.instance_hours.round() as u64)
            } else {
                trim_float((s.instance_hours * 10.0).round() / 10.0)
            },
            crate::model::units::usd(s.instance_cost),
        ],
    }
}

/// The timeline as a table: every `step` minutes up to `minutes`, a column per run.
fn hourly(runs: &[RunOf<'_>], minutes: u32, step: usize) -> Html {
    let rows: Vec<Row> = (0..=minutes)
        .step_by(step)
        .map(|m| Row {
            attrs: Vec::new(),
            cells: std::iter::once(clock(f64::from(m)))
                .chain(runs.iter().map(|(_, _, _, t)| {
                    t.series.get(m as usize).map_or(String::new(), |p| {
                        format!(
                            "{} / {}, {}, {}, {}",
                            crate::model::units::pct(p.served),
                            crate::model::units::pct(p.load),
                            p.tasks_running,
                            p.tasks_waiting,
                            p.instances_running
                        )
                    })
                }))
                .collect(),
        })
        .collect();
    let heads: Vec<String> = std::iter::once("Time".to_string())
        .chain(
            runs.iter()
                .map(|(_, _, l, _)| format!("{l}: served / load, tasks, waiting, instances")),
        )
        .collect();
    let heads: Vec<&str> = heads.iter().map(String::as_str).collect();
    raw(table("hourly", None, &heads, &rows))
}

/// What happened with CAS, and why: the first 300 events, and how many more there were.
fn events(r: &Runs) -> Html {
    html! {
        <>
            <h3>{ "What happened, and why (with CAS)" }</h3>
            <ol class="events" data-testid="timeline-events" tabindex="0" aria-label="What happened, with CAS (scrolls)">
                { for r.with.events.iter().take(300).map(|e| html! { <li>{ e.message.clone() }</li> }) }
            </ol>
            if r.with.events.len() > 300 || r.with.summary.events_not_listed > 0 {
                <p class="note">{ format!("{} more events not listed.", (r.with.events.len() as u64).saturating_sub(300) + r.with.summary.events_not_listed) }</p>
            }
        </>
    }
}
