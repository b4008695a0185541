//! The Cluster Auto Scaling panel: N and the desired tasks (sliders with number fields), the capacity
//! provider and ASG settings, and what CAS computes (M, the reservation, the desired count, the
//! decision), each with its derivation; the decision table; the path to capacity; the headroom.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::field::{set_fields, SelectField, TextField};
use super::results::{figures, Fig};
use super::{Errors, FormRef, PlanRef};
use crate::model::cas::{Decision, Disruption};
use crate::model::cas_out::CasOut;
use crate::model::plan::{pct, Plan};
use crate::model::scenario::ScenarioInput;
use crate::model::units::{count, parse_number};
use crate::model::units::{exact, trim_float};
use crate::model::validate::{field_id, thousands};
use crate::state::form::{Edit, Field, ServiceField};
use crate::state::sliders::{desired_max, running_max};

/// Props of the CAS panel.
#[derive(Properties, PartialEq, Clone)]
pub struct CasProps {
    /// The form.
    pub form: FormRef,
    /// The last good plan.
    pub plan: PlanRef,
    /// Current errors.
    pub errors: Errors,
    /// Sends an edit.
    pub onedit: Callback<Edit>,
}

fn disruption(d: &Disruption) -> String {
    if d.waiting == 0 {
        format!("all {} fit", d.tasks)
    } else {
        format!(
            "{} of {} wait; CAS would add {}",
            d.waiting, d.tasks, d.cas_would_add
        )
    }
}

/// The CAS panel: the sliders, the settings, what CAS computes, the decision table, the waiting
/// tasks, the path to capacity, the headroom and the metrics.
#[component]
pub fn CasPanel(props: &CasProps) -> Html {
    let p = &props.plan.0;
    let c = &p.cas;
    html! {
        <section class="panel cas" aria-labelledby="cas-h">
            <h2 id="cas-h">{ "Cluster Auto Scaling: what happens next" }</h2>
            <Sliders ..props.clone() />
            { settings(props, true) }
            { figures(cas_figures(p, props.form.0.cas.target_capacity.trim())) }
            { decision_table(c) }
            <p class="note">{ format!(
                "The article's table calls the desired count M; AWS's M is compared with N through the reservation M / N x 100 against targetCapacity, so at a target below 100 % CAS scales out even when M = N. \
                 Cold start: with N = 0, CAS publishes 200 % and launches ceil(200 / targetCapacity) instances (2 at 100 %, 3 at 80 %) whatever the demand, then sizes the rest.") }</p>
            { waiting(c) }
            { path_and_headroom(p, props.form.0.cas.maximum_percent.trim()) }
            { metrics(p) }
        </section>
    }
}

/// With capacity providers: the cluster's settings, which every EC2 provider takes where its own
/// are blank (its N is its own).
#[component]
pub fn ClusterSettings(props: &CasProps) -> Html {
    html! {
        <section class="panel cas" aria-labelledby="cluster-settings-h" data-testid="cluster-settings">
            <h2 id="cluster-settings-h">{ "Cluster settings: the defaults of every EC2 provider" }</h2>
            <p class="note">{ "EC2 providers take these where theirs are blank; the quota, launch time and deployment apply to the whole cluster." }</p>
            { settings(props, false) }
        </section>
    }
}

/// The desired tasks of the first service and N, each a slider (with a number field or read-out).
/// Each range is sized from the scenario and stays put while its slider moves.
#[component]
fn Sliders(props: &CasProps) -> Html {
    let f = &props.form.0;
    let c = &props.plan.0.cas;
    let first = props.plan.0.services.first();
    let first_name = first.map_or(String::new(), |s| s.name.clone());
    let desired_now = first.map_or(0, |s| s.desired_count);
    // The desired slider's top: set from a value that came from elsewhere (typed, an example),
    // kept while the slider itself moves the value.
    let from_slider = use_mut_ref(|| false);
    let top = use_state(|| desired_max(desired_now));
    {
        let (from_slider, top) = (from_slider.clone(), top.clone());
        use_effect_with(desired_now, move |&d| {
            let moved_by_slider = std::mem::take(&mut *from_slider.borrow_mut());
            if !moved_by_slider || d > *top {
                top.set(desired_max(d));
            }
        });
    }
    let on_slide = {
        let (cb, from_slider) = (props.onedit.clone(), from_slider.clone());
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            *from_slider.borrow_mut() = true;
            cb.emit(Edit::Service(0, ServiceField::Desired, input.value()));
        })
    };
    let on_number = {
        let cb = props.onedit.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            cb.emit(Edit::Service(0, ServiceField::Desired, input.value()));
        })
    };
    let on_running = {
        let cb = props.onedit.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            cb.emit(Edit::Set(Field::Running, input.value()));
        })
    };
    let per_type = f.cas.running.contains(['=', ':']);
    let asg_max = parse_number(&f.cas.asg_max).map_or(10_000, |x| x as u64);
    let n_top = running_max(c.steady_state_instances, c.n, asg_max);
    // The number field shows what was typed when it is a number (a number field cannot hold other
    // text), so it and the error beside the desired count stay in step.
    let typed = f
        .services
        .first()
        .and_then(|s| parse_number(&s.desired).ok())
        .filter(|n| n.fract() == 0.0 && (0.0..=1e15).contains(n))
        .map_or_else(|| desired_now.to_string(), |n| (n as u64).to_string());
    html! {
        <div class="sliders">
            <div class="slider">
                <label for="cas-desired">{ format!("Desired tasks of {first_name}") }</label>
                <input id="cas-desired" type="range" min="0" max={top.to_string()}
                    value={desired_now.to_string()} oninput={on_slide} aria-valuetext={format!("{desired_now} tasks")} />
                <input id="cas-desired-number" type="number" min="0" max="1000000" aria-label={format!("Desired tasks of {first_name}")}
                    value={typed} oninput={on_number} />
            </div>
            <div class="slider">
                <label for="cas-running">{ "Instances running now (N)" }</label>
                <input id="cas-running" type="range" min="0" max={n_top.to_string()} disabled={per_type}
                    value={c.n.to_string()} oninput={on_running} aria-valuetext={count(c.n, "instance")} />
                <output for="cas-running">{ c.n }</output>
            </div>
        </div>
    }
}

/// The capacity provider and ASG fields, and under "More" the group's other types and the
/// model's assumptions.
/// With capacity providers N is each provider's, so `with_n` leaves the cluster's out.
fn settings(props: &CasProps, with_n: bool) -> Html {
    let f = &props.form.0;
    let set = |field: Field| {
        let cb = props.onedit.clone();
        Callback::from(move |v: String| cb.emit(Edit::Set(field, v)))
    };
    let sizing_options: Vec<(AttrValue, AttrValue)> = vec![
        // Short enough to show whole on a phone; what each means is written below the select.
        ("nominal".into(), "nominal (assumed)".into()),
        ("registered".into(), "registered".into()),
    ];
    html! {
        <>
            <div class="row">
                if with_n {
                    { set_fields(&[("N (or per type: m6g.large=2, ...)", &f.cas.running, Field::Running)], &props.errors, &props.onedit) }
                }
                { set_fields(&[
                    ("targetCapacity (%)", &f.cas.target_capacity, Field::TargetCapacity),
                    ("Min step", &f.cas.min_step, Field::MinStep),
                    ("Max step", &f.cas.max_step, Field::MaxStep),
                    ("Warm-up (s)", &f.cas.warmup, Field::Warmup),
                    ("ASG min", &f.cas.asg_min, Field::AsgMin),
                    ("ASG max", &f.cas.asg_max, Field::AsgMax),
                ], &props.errors, &props.onedit) }
            </div>
            <details class="more">
                <summary>{ "More: instance types in the group, and the model's assumptions" }</summary>
                <div class="row">
                    <TextField id={field_id(&Field::MoreTypes.path())} label="More types in the group (comma-separated)" value={f.cas.more_types.clone()} inputmode="text"
                        list={Some(AttrValue::from("instance-types"))}
                        error={props.errors.0.iter().find(|e| e.path.starts_with(ScenarioInput::INSTANCE_TYPES)).map(|e| format!("{}: {}", e.path, e.message))}
                        oninput={set(Field::MoreTypes)} />
                    <SelectField id="settings-casSizing" label="CAS sizes M on" value={f.cas.cas_sizing.clone()} options={sizing_options}
                        hint={Some(AttrValue::from("nominal: the largest type's nominal vCPU and memory, no daemons (the model's assumption: AWS does not say); registered: the registered memory, daemons subtracted."))}
                        error={props.errors.at(&Field::CasSizing.path())} onchange={set(Field::CasSizing)} />
                    { set_fields(&[
                        ("PROVISIONING quota", &f.cas.quota, Field::Quota),
                        ("Launch to registration (s)", &f.cas.launch_seconds, Field::LaunchSeconds),
                        ("Deployment maximumPercent", &f.cas.maximum_percent, Field::MaximumPercent),
                    ], &props.errors, &props.onedit) }
                </div>
                <p class="note">{ "New instances launch as the first type. The quota (500 today, 100 in 2020) caps the waiting tasks CAS counts. Whether CAS sizes on nominal or registered memory is not documented by AWS: the default is nominal." }</p>
            </details>
        </>
    }
}

/// M, the reservation (against target `t` as typed), the desired count and the decision, each
/// with its derivation.
pub(crate) fn cas_figures(p: &Plan, t: &str) -> Vec<Fig> {
    let c = &p.cas;
    let ex = |k: &str| p.explanations.get(k);
    vec![
        Fig::new(
            "M (instances needed, per CAS)",
            "cas-m",
            thousands(c.m),
            c.m.to_string(),
        )
        .explain(ex("cas.m")),
        Fig::new(
            "Reservation (CPR)",
            "cas-reservation",
            format!("{} %", pct(c.reservation)),
            exact(c.reservation),
        )
        .sub(format!("target {t} %"))
        .explain(ex("cas.reservation")),
        Fig::new(
            "Desired instances",
            "desired-instances",
            thousands(c.desired_instances),
            c.desired_instances.to_string(),
        )
        .explain(ex("cas.desiredInstances")),
        Fig::new(
            "Decision",
            "decision",
            decision_words(c),
            c.decision.as_str(),
        )
        .explain(ex("cas.decision")),
    ]
}

/// The decision in words: "scale out by 2", "no change", "scale in by 1".
pub(crate) fn decision_words(c: &CasOut) -> String {
    match c.decision {
        Decision::ScaleOut => format!("scale out by {}", c.desired_instances.saturating_sub(c.n)),
        Decision::NoChange => "no change".to_string(),
        Decision::ScaleIn => format!("scale in by {}", c.scale_in_step),
    }
}

/// The article's decision table, the row CAS is in now marked.
pub(crate) fn decision_table(c: &CasOut) -> Html {
    let row = |d: Decision, condition: &'static str, m: &'static str| {
        let current = c.decision == d;
        html! {
            <tr data-testid={format!("decision-row-{}", d.as_str())} aria-current={current.then_some("true")} ~className={if current { "current" } else { "" }}>
                <td>{ condition }</td><td>{ m }</td><td>{ d.as_str() }</td>
                <td>{ if current { format!("here: M = {}, N = {}, desired {}", c.m, c.n, c.desired_instances) } else { String::new() } }</td>
            </tr>
        }
    };
    html! {
        <table class="decision-table" data-testid="decision-table">
            <caption>{ "The decision table (the article's, with AWS's M)" }</caption>
            <thead><tr><th scope="col">{ "Condition" }</th><th scope="col">{ "M" }</th><th scope="col">{ "Decision" }</th><th scope="col">{ "Now" }</th></tr></thead>
            <tbody>
                { row(Decision::NoChange, "No tasks waiting, every instance runs a task", "M = N") }
                { row(Decision::ScaleOut, "Tasks waiting (PROVISIONING)", "M > N") }
                { row(Decision::ScaleIn, "Instances with only daemon tasks (or none)", "M < N") }
            </tbody>
        </table>
    }
}

/// The tasks waiting in PROVISIONING per service, and those CAS will not scale for (nothing when
/// none wait).
pub(crate) fn waiting(c: &CasOut) -> Html {
    html! {
        if !c.waiting.is_empty() {
            <div class="waiting" data-testid="cas-waiting">
                <h3>{ format!("{} task{} waiting in PROVISIONING", thousands(c.waiting_tasks), if c.waiting_tasks == 1 { "" } else { "s" }) }</h3>
                <ul>
                    { for c.waiting.iter().map(|w| html! {
                        <li data-service={w.service.clone()}>{ format!("{} x {}", thousands(w.count), w.service) }
                            if !w.cas_will_scale { <strong class="wont">{ " CAS will not scale for these: they do not fit the group's smallest type" }</strong> }
                        </li>
                    }) }
                </ul>
            </div>
        }
    }
}

/// What CloudWatch would show for plan `p`'s group.
pub(crate) fn metrics(p: &Plan) -> Html {
    html! {
        <>
            <h3>{ "What CloudWatch would show" }</h3>
            { figures(vec![
                Fig::new("CPUReservation", "metric-cpu", format!("{} %", pct(p.metrics.cpu_reservation)), exact(p.metrics.cpu_reservation))
                    .explain(p.explanations.get("metrics")),
                Fig::new("MemoryReservation", "metric-memory", format!("{} %", pct(p.metrics.memory_reservation)), exact(p.metrics.memory_reservation)),
                Fig::new("Tasks in PROVISIONING", "metric-waiting", thousands(p.metrics.waiting_tasks), p.metrics.waiting_tasks.to_string())
                    .sub("not in PendingTaskCount"),
            ]) }
        </>
    }
}

/// The scale-outs until every task runs, the steady state, and the headroom at it (a rolling
/// deployment at `max_pct`, the deployment's maximumPercent as typed).
pub(crate) fn path_and_headroom(p: &Plan, max_pct: &str) -> Html {
    let c = &p.cas;
    let ex = |k: &str| p.explanations.get(k);
    html! {
        <>
            <h3>{ "Until every task runs" }</h3>
            <p data-testid="cas-steps" data-minutes={c.minutes_to_capacity.map(exact)}>{ ex("cas.steps").cloned().unwrap_or_default() }</p>
            if !c.steps.is_empty() {
                <ol class="steps">
                    { for c.steps.iter().map(|s| html! { <li>{ format!("minute {}: desired {}", trim_float(s.minute), count(s.instances, "instance")) }</li> }) }
                </ol>
            }
            <p>{ "Steady state at the target: " }<strong data-testid="steady-state" data-value={c.steady_state_instances.to_string()}>{ count(c.steady_state_instances, "instance") }</strong>
                <span class="note">{ format!(" ({})", ex("cas.steadyStateInstances").cloned().unwrap_or_default()) }</span></p>
            <h3>{ "Headroom at the steady state" }</h3>
            <ul class="headroom" data-testid="headroom">
                <li title={ex("headroom.deployment").cloned().unwrap_or_default()}>{ format!("Rolling deployment at {max_pct} %: ") }
                    <span data-testid="headroom-deployment" data-waiting={p.headroom.deployment.waiting.to_string()}>{ disruption(&p.headroom.deployment) }</span></li>
                <li title={ex("headroom.loseInstance").cloned().unwrap_or_default()}>{ "Losing the busiest instance: " }
                    <span data-testid="headroom-lose-instance" data-waiting={p.headroom.lose_instance.waiting.to_string()}>{ disruption(&p.headroom.lose_instance) }</span></li>
                if let Some(z) = &p.headroom.lose_zone {
                    <li title={ex("headroom.loseZone").cloned().unwrap_or_default()}>{ "Losing zone a: " }
                        <span data-testid="headroom-lose-zone" data-waiting={z.waiting.to_string()}>{ disruption(z) }</span></li>
                }
            </ul>
        </>
    }
}
