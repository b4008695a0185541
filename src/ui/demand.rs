//! The demand estimator (model.md section 1): from users or requests to tasks.

use yew::prelude::*;

use super::field::{set_fields, Check};
use super::{Errors, FormRef, PlanRef};
use crate::model::units::{exact, trim_float};
use crate::state::form::{Edit, Field, Flag, ServiceField};

/// Props of the demand panel.
#[derive(Properties, PartialEq, Clone)]
pub struct DemandProps {
    /// The form.
    pub form: FormRef,
    /// The last good plan.
    pub plan: Option<PlanRef>,
    /// Current errors.
    pub errors: Errors,
    /// Sends an edit.
    pub onedit: Callback<Edit>,
}

/// The demand panel.
#[component]
pub fn Demand(props: &DemandProps) -> Html {
    let f = &props.form.0;
    let d = &f.demand;
    let toggle = |flag: Flag| {
        let cb = props.onedit.clone();
        Callback::from(move |on: bool| cb.emit(Edit::Toggle(flag, on)))
    };
    let use_estimate = {
        let cb = props.onedit.clone();
        Callback::from(move |_| cb.emit(Edit::Service(0, ServiceField::Desired, String::new())))
    };
    let err = |p: &str| props.errors.at(p);
    let first = f
        .services
        .first()
        .map(|s| s.name.clone())
        .unwrap_or_default();
    let result = props.plan.as_ref().and_then(|p| {
        p.0.demand.map(|r| {
            (
                r,
                p.0.explanations.get("demand").cloned().unwrap_or_default(),
            )
        })
    });
    html! {
        <section class="panel" aria-labelledby="demand-h">
            <h2 id="demand-h">{ "Demand: how many tasks?" }</h2>
            <Check id="demand-on" label="Estimate tasks from the load" checked={d.on} onchange={toggle(Flag::Demand)} />
            if d.on {
                <Check id="demand-byRate" label="I know requests per second and latency instead" checked={d.by_rate} onchange={toggle(Flag::DemandByRate)} />
                <div class="row">
                    if d.by_rate {
                        { set_fields(&[
                            ("Requests per second", &d.rps, Field::Rps),
                            ("Average latency (ms)", &d.latency_ms, Field::LatencyMs),
                        ], &props.errors, &props.onedit) }
                    } else {
                        { set_fields(&[
                            ("Concurrent users", &d.users, Field::Users),
                            ("Calls per user action", &d.calls_per_user, Field::CallsPerUser),
                        ], &props.errors, &props.onedit) }
                    }
                    { set_fields(&[
                        ("Concurrent calls per task", &d.calls_per_task, Field::CallsPerTask),
                        ("Service CPU target (%)", &d.cpu_target, Field::CpuTarget),
                    ], &props.errors, &props.onedit) }
                </div>
                if let Some(e) = err("demand") { <p class="error" data-testid="error-demand">{ e }</p> }
                if let Some((r, why)) = result {
                    <dl class="figures">
                        <div><dt>{ "Peak concurrent calls" }</dt>
                            <dd data-testid="demand-peak" data-value={exact(r.peak_concurrent_calls)}>{ trim_float(r.peak_concurrent_calls) }</dd></div>
                        <div><dt>{ "Tasks at 100 % CPU" }</dt>
                            <dd data-testid="demand-tasks-at100" data-value={r.tasks_at100.to_string()}>{ r.tasks_at100 }</dd></div>
                        <div><dt>{ format!("Tasks at the {} % target", d.cpu_target.trim()) }</dt>
                            <dd data-testid="demand-tasks-at-target" data-value={r.tasks_at_target.to_string()}>{ r.tasks_at_target }</dd></div>
                    </dl>
                    <p class="explain">{ why }</p>
                }
                if f.services.first().is_some_and(|s| !s.desired.trim().is_empty()) {
                    <button type="button" onclick={use_estimate}>{ format!("Use the estimate as {first}'s desired tasks") }</button>
                } else {
                    <p class="note">{ format!("{first}'s desired tasks follow the estimate at the CPU target.") }</p>
                }
            }
        </section>
    }
}
