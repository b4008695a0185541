//! The page: the reducer forwards edits to the pure [`Form`], the plan is derived with `use_memo`,
//! and the last valid plan stays on screen while inputs have errors.

use std::rc::Rc;

use yew::prelude::*;

use super::cas::CasPanel;
use super::chart::PackingChart;
use super::daemons::Daemons;
use super::demand::Demand;
use super::examples::Examples;
use super::instance::Instance;
use super::panel_host::PanelHost;
use super::placement::PlacementSettings;
use super::results::Results;
use super::services::Services;
use super::{Errors, FormRef, PlanRef};
use crate::model::catalog::CATALOG_SOURCE;
use crate::model::examples;
use crate::model::form::{Edit, Form};

/// What the page holds: the form, and which example it was loaded from.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct State {
    /// The form.
    pub form: Rc<Form>,
    /// The example loaded, until the next edit.
    pub example: Option<&'static str>,
}

/// A change to the page's state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// An edit of the form.
    Edit(Edit),
    /// Load one of the article's examples.
    Example(&'static str),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Edit(edit) => {
                let mut form = (*self.form).clone();
                form.apply(edit);
                Rc::new(State {
                    form: Rc::new(form),
                    example: None,
                })
            }
            Action::Example(id) => match examples::form(id) {
                Some(form) => Rc::new(State {
                    form: Rc::new(form),
                    example: Some(id),
                }),
                None => self,
            },
        }
    }
}

/// The app.
#[component]
pub fn App() -> Html {
    let state = use_reducer(State::default);
    // The plan, and the scenario as JSON for the timeline module.
    let result = use_memo(state.form.clone(), |form| match form.plan_with_input() {
        (input, Ok(p)) => Ok((
            PlanRef(Rc::new(p)),
            AttrValue::from(serde_json::to_string(&input).unwrap_or_default()),
        )),
        (_, Err(e)) => Err(Errors(Rc::new(e))),
    });
    // The last valid plan and scenario: updated whenever the form plans, kept while it does not.
    let last_good = use_mut_ref(|| None::<(PlanRef, AttrValue)>);
    if let Ok(p) = &*result {
        *last_good.borrow_mut() = Some(p.clone());
    }
    let shown = last_good.borrow().as_ref().map(|(p, _)| p.clone());
    let scenario_json = last_good.borrow().as_ref().map(|(_, j)| j.clone());
    let errors = match &*result {
        Ok(_) => Errors::default(),
        Err(e) => e.clone(),
    };
    let form = FormRef(state.form.clone());
    let onedit = {
        let state = state.clone();
        Callback::from(move |e: Edit| state.dispatch(Action::Edit(e)))
    };
    let onload = {
        let state = state.clone();
        Callback::from(move |id: &'static str| state.dispatch(Action::Example(id)))
    };
    html! {
        <div class="app">
            <header>
                <h1>{ "ECS Capacity Planner" }</h1>
                <p class="tagline">{ "Will my ECS tasks have somewhere to run? How many fit on an instance, what limits them, how many instances they need, and where the usual back-of-envelope math goes wrong." }</p>
            </header>
            <Examples active={state.example} plan={shown.clone()} {onload} />
            <main class="layout">
                <div class="inputs">
                    if !errors.0.is_empty() {
                        <div class="error-summary" role="alert" data-testid="error-summary">
                            <p>{ format!("{} input{} to fix:", errors.0.len(), if errors.0.len() == 1 { "" } else { "s" }) }</p>
                            <ul>{ for errors.0.iter().map(|e| html! { <li><code>{ e.path.clone() }</code>{ ": " }{ e.message.clone() }</li> }) }</ul>
                        </div>
                    }
                    <Services form={form.clone()} errors={errors.clone()} onedit={onedit.clone()} />
                    <Instance form={form.clone()} errors={errors.clone()} onedit={onedit.clone()} />
                    <Daemons form={form.clone()} errors={errors.clone()} onedit={onedit.clone()} />
                    <PlacementSettings form={form.clone()} errors={errors.clone()} onedit={onedit.clone()} />
                    <Demand form={form.clone()} plan={shown.clone()} errors={errors.clone()} onedit={onedit.clone()} />
                </div>
                <div class="outputs">
                    if let Some(p) = shown {
                        <Results plan={p.clone()} stale={result.is_err()} />
                        <PackingChart plan={p.clone()} />
                        <CasPanel form={form.clone()} plan={p} errors={errors.clone()} onedit={onedit.clone()} />
                    } else {
                        <p class="stale" role="status">{ "Fix the fields marked in red to see the plan." }</p>
                    }
                </div>
            </main>
            if let Some(json) = scenario_json {
                <PanelHost kind="cost" heading="What it costs, and which instance type fits best"
                    note="EC2 against Fargate for these tasks, where paid CPU and memory go, and every instance type ranked by monthly cost for these services. It loads when you open it."
                    button="Show cost and the recommender" scenario={json.clone()} onedit={onedit.clone()} />
                <PanelHost kind="timeline" heading="The timeline: a month-end spike, minute by minute"
                    note="Plays this scenario out in 15-second ticks with Cluster Auto Scaling, without it, and at another targetCapacity: when tasks wait, and how long users get errors. It loads when you open it."
                    button="Show the timeline" scenario={json} {onedit} />
            }
            <footer>
                <p class="note">{ format!("Instance data: {CATALOG_SOURCE}. Registered memory, when not measured, is estimated: nominal minus 8 % below 8 GiB, 5 % to 32 GiB, 4 % above.") }</p>
                <p class="note">{ format!("ECS Capacity Planner {} · runs entirely in your browser; nothing you type leaves it.", env!("CARGO_PKG_VERSION")) }</p>
            </footer>
        </div>
    }
}
