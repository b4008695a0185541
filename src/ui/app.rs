//! The page: the reducer forwards edits to the pure [`Form`], the plan is derived with `use_memo`,
//! and the last valid plan stays on screen while inputs have errors.

use std::rc::Rc;

use yew::prelude::*;

use super::anatomy::InstanceAnatomy;
use super::cas::{CasPanel, ClusterSettings};
use super::chart::PackingChart;
use super::daemons::Daemons;
use super::demand::Demand;
use super::examples::Examples;
use super::instance::Instance;
use super::panels::{CostPanel, PanelHost, SharePanel, TimelinePanel};
use super::placement::PlacementSettings;
use super::planning::use_plan;
use super::print_inputs::PrintInputs;
use super::providers::{ProvidersEditor, ProvidersResults};
use super::results::Results;
use super::services::Services;
use super::{Errors, FormRef, InputRef, PlanRef};
use crate::model::catalog::CATALOG_SOURCE;
use crate::state::examples;
use crate::state::form::{Edit, Form};
use crate::state::link::{self, PageMode, PanelNotes};

/// What the page holds: the form, which example it was loaded from, and notes on the link it was
/// opened from.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct State {
    /// The form.
    pub form: Rc<Form>,
    /// The example loaded, until the next edit.
    pub example: Option<&'static str>,
    /// What the link (or the saved scenario) held that could not be used.
    pub notes: Rc<Vec<String>>,
    /// The same, for each panel's own settings (shown inside that panel).
    pub panel_notes: Rc<PanelNotes>,
    /// The last change loaded a whole scenario (an example, an import): it gets its own entry in
    /// the browser's history, so Back returns to the scenario before it, and the page offers
    /// "Back to your scenario" until the next edit.
    pub loaded: bool,
}

/// The key under which the last scenario is kept in localStorage (its query string).
const SAVED: &str = "ecs-capacity:last";

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The page's query string, with its leading "?".
fn query() -> String {
    window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// The opening state: the link's scenario; else, outside an embed, the last one kept in this
/// browser; else the default.
fn opening(mode: &PageMode) -> State {
    let q = query();
    let saved = || {
        window()
            .and_then(|w| w.local_storage().ok().flatten())
            .and_then(|s| s.get_item(SAVED).ok().flatten())
    };
    let source = if link::has_scenario(&q) {
        Some(q)
    } else if mode.embed {
        None
    } else {
        saved()
    };
    match source {
        Some(q) => {
            let (form, notes, panel_notes) = link::decode_all(&q);
            State {
                form: Rc::new(form),
                notes: Rc::new(notes),
                panel_notes: Rc::new(panel_notes),
                ..State::default()
            }
        }
        None => State::default(),
    }
}

/// Puts the form in the address bar and, outside an embed, in localStorage. An edit replaces the
/// entry (no history per keystroke); a loaded scenario (`push`) gets an entry of its own, so Back
/// returns to the one before.
fn remember(form: &Form, mode: &PageMode, push: bool) {
    let Some(w) = window() else { return };
    let q = link::encode(form);
    if let Ok(h) = w.history() {
        let url = format!("?{q}{}", mode.suffix());
        let null = wasm_bindgen::JsValue::NULL;
        let _ = if push {
            h.push_state_with_url(&null, "", Some(&url))
        } else {
            h.replace_state_with_url(&null, "", Some(&url))
        };
    }
    if !mode.embed {
        if let Ok(Some(s)) = w.local_storage() {
            let _ = s.set_item(SAVED, &q);
        }
    }
}

/// The browser's Back: the entry before a loaded example or import.
fn go_back() {
    if let Some(h) = window().and_then(|w| w.history().ok()) {
        let _ = h.back();
    }
}

/// Tells an embedding page how tall this one is (`{ type: "ecs-capacity:height", height }`),
/// checking every 300 ms and posting when it changed. The timer lives as long as the page.
fn watch_height() {
    use std::cell::Cell;
    let last = Cell::new(-1);
    gloo::timers::callback::Interval::new(300, move || {
        let h = window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .map_or(0, |e| e.scroll_height());
        if h != last.get() {
            last.set(h);
            post_height(h);
        }
    })
    .forget();
}

fn post_height(height: i32) {
    let Some(w) = window() else { return };
    let Ok(Some(parent)) = w.parent() else {
        return;
    };
    let msg = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&msg, &"type".into(), &"ecs-capacity:height".into());
    let _ = js_sys::Reflect::set(&msg, &"height".into(), &height.into());
    let _ = parent.post_message(&msg, "*");
}

/// A change to the page's state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// An edit of the form.
    Edit(Edit),
    /// Load one of the article's examples.
    Example(&'static str),
    /// Put away the notes on the link.
    Dismiss,
    /// Put away a panel's notes on the link ("timeline" or "cost").
    DismissPanel(&'static str),
    /// The browser went back or forward to another entry: its query.
    Restore(String),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Edit(edit) => {
                let load = matches!(edit, Edit::Load(_));
                let mut form = (*self.form).clone();
                form.apply(edit);
                Rc::new(State {
                    form: Rc::new(form),
                    example: None,
                    loaded: load,
                    ..(*self).clone()
                })
            }
            Action::Example(id) => match examples::form(id) {
                Some(form) => Rc::new(State {
                    form: Rc::new(form.example_over(&self.form)),
                    example: Some(id),
                    loaded: true,
                    ..(*self).clone()
                }),
                None => self,
            },
            Action::Restore(q) => {
                let (form, notes, panel_notes) = link::decode_all(&q);
                Rc::new(State {
                    form: Rc::new(form),
                    notes: Rc::new(notes),
                    panel_notes: Rc::new(panel_notes),
                    ..State::default()
                })
            }
            Action::Dismiss => Rc::new(State {
                notes: Rc::default(),
                ..(*self).clone()
            }),
            Action::DismissPanel(kind) => {
                let mut notes = (*self.panel_notes).clone();
                match kind {
                    "timeline" => notes.timeline.clear(),
                    _ => notes.cost.clear(),
                }
                Rc::new(State {
                    panel_notes: Rc::new(notes),
                    ..(*self).clone()
                })
            }
        }
    }
}

/// The panel of `kind`, drawing the page's plan and its own settings from the page's state.
fn panel(
    kind: &str,
    state: &UseReducerHandle<State>,
    plan: &PlanRef,
    input: &InputRef,
    onedit: &Callback<Edit>,
) -> Html {
    let dismiss = |kind: &'static str| {
        let d = state.dispatcher();
        Callback::from(move |()| d.dispatch(Action::DismissPanel(kind)))
    };
    let form = &state.form;
    match kind {
        "cost" => html! {
            <CostPanel input={input.clone()} plan={plan.clone()} view={form.rec.clone()}
                prices={form.prices.clone()} notes={Rc::new(state.panel_notes.cost.clone())}
                ondismiss={dismiss("cost")} onedit={onedit.clone()} />
        },
        "timeline" => html! {
            <TimelinePanel input={input.clone()} plan={plan.clone()} run={Rc::new(form.run.clone())}
                notes={Rc::new(state.panel_notes.timeline.clone())}
                ondismiss={dismiss("timeline")} onedit={onedit.clone()} />
        },
        _ => html! {
            <SharePanel input={input.clone()} plan={plan.clone()} current={InputRef(Rc::new(form.to_input().0))}
                query={AttrValue::from(link::encode(form))} onedit={onedit.clone()}
                untouched={form.without_view() == Form::default()} />
        },
    }
}

/// The on-demand panels: (kind, heading, what it does, the button's words).
const PANELS: [(&str, &str, &str, &str); 3] = [
    ("cost", "What it costs, and which instance type fits best",
     "EC2 against Fargate for these tasks, where paid CPU and memory go, and every instance type ranked by monthly cost for these services.",
     "Show cost and the recommender"),
    ("timeline", "The timeline: a month-end spike, minute by minute",
     "Plays this scenario out in 15-second ticks with Cluster Auto Scaling, without it, and at another targetCapacity: when tasks wait, and how long users get errors.",
     "Show the timeline"),
    ("share", "Share, embed, export, import",
     "A link to this exact view, the code to embed it, the plan as Markdown, JSON or CSV, the charts as SVG or PNG, and your cluster from a Terraform plan or state, a CloudFormation or CDK template, or the AWS CLI's JSON.",
     "Share, export or import"),
];

/// The page's title and what it answers (not in an embed).
fn head() -> Html {
    html! {
        <header>
            <h1>{ "ECS Capacity Planner" }</h1>
            <p class="tagline">{ "Will my ECS tasks have somewhere to run? How many fit on an instance, what limits them, how many instances they need, and where the usual back-of-envelope math goes wrong." }</p>
            // On a narrow screen the inputs come first and the answer far below them.
            <a class="jump" href="#answer-h" data-testid="jump-to-answer">{ "Jump to the answer" }</a>
            // The import sits in the last panel, screens below: said where it is, from the top.
            <p class="note">{ "Have a Terraform plan, a CloudFormation or CDK template, or the AWS CLI's output? " }<a href="#share-host" data-testid="jump-to-import">{ "Import it" }</a>{ " (under \"Share, export or import\", at the end of the page)." }</p>
        </header>
    }
}

/// The input forms, the inputs to fix above them; `plan` is the last valid plan (for the demand
/// estimate).
fn inputs(
    form: &FormRef,
    errors: &Errors,
    plan: &Option<PlanRef>,
    onedit: &Callback<Edit>,
) -> Html {
    html! {
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
            <ProvidersEditor form={form.clone()} errors={errors.clone()} onedit={onedit.clone()} />
            <Demand form={form.clone()} plan={plan.clone()} errors={errors.clone()} onedit={onedit.clone()} />
        </div>
    }
}

/// The page's foot: in an embed, the way to the full planner; else the data's source and the
/// version.
fn foot(embed: bool) -> Html {
    html! {
        if embed {
            <p class="note"><a href={format!("./{}", query().replace("embed=1", "embed=0"))} target="_blank" rel="noopener">{ "Open in ECS Capacity Planner" }</a></p>
        } else {
            <footer>
                <p class="note">{ format!("Instance data: {CATALOG_SOURCE}. Registered memory, when not measured, is estimated: nominal minus 8 % below 8 GiB, 5 % to 32 GiB, 4 % above.") }</p>
                <p class="note">{ format!("ECS Capacity Planner {} · runs entirely in your browser; nothing you type leaves it.", env!("CARGO_PKG_VERSION")) }</p>
            </footer>
        }
    }
}

/// The app.
#[component]
pub fn App() -> Html {
    let mode = use_memo((), |_| PageMode::of(&query()));
    let state = {
        let mode = mode.clone();
        use_reducer(move || opening(&mode))
    };
    {
        let mode = mode.clone();
        let loaded = state.loaded;
        use_effect_with(state.form.clone(), move |form| {
            remember(form, &mode, loaded)
        });
    }
    {
        // Back and Forward between entries (a loaded example or import, and the scenario before
        // it) bring that entry's scenario back.
        let d = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = window().map(|w| {
                gloo::events::EventListener::new(&w, "popstate", move |_| {
                    d.dispatch(Action::Restore(query()));
                })
            });
            move || drop(listener)
        });
    }
    {
        // The colours: light when embedded unless the link asks otherwise (a dark system must not
        // put a black block in a light page), the system's on the app's own page.
        let theme = mode.theme_used();
        use_effect_with((), move |_| {
            if let Some(root) = window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = root.set_attribute("data-theme", theme);
            }
        });
    }
    {
        // An embedded page reports its height whenever it changes (the panels grow on their own).
        let embed = mode.embed;
        use_effect_with((), move |_| {
            if embed {
                watch_height();
            }
        });
    }
    // The plan and the scenario it was made from, computed once here and shared with every part
    // of the page, in steps when it is large (see planning.rs). Keyed on the scenario part of
    // the form: a panel's settings changing does not re-plan.
    let planned = use_plan(state.form.without_view());
    // The last valid plan and scenario: updated whenever the form plans, kept while it does not
    // (inputs to fix, or a plan under way).
    let last_good = use_mut_ref(|| None::<(PlanRef, InputRef)>);
    if let Some(Ok(p)) = &planned.outcome {
        *last_good.borrow_mut() = Some(p.clone());
    }
    let good = last_good.borrow().clone();
    let shown = good.as_ref().map(|(p, _)| p.clone());
    let (errors, stale) = match &planned.outcome {
        Some(Err(e)) => (e.clone(), true),
        _ => (Errors::default(), false),
    };
    // The last whole plan is not the form's: inputs to fix, or a plan under way or stopped.
    let behind = stale || planned.progress.is_some();
    let form = FormRef(state.form.clone());
    let onedit = {
        let (state, mode) = (state.clone(), mode.clone());
        Callback::from(move |e: Edit| {
            // The link first: should drawing this edit stop the app (the crash notice), Reload
            // brings back the input that caused it. A loaded scenario gets its own entry after it
            // is drawn instead (the effect above), so the one before stays one step back.
            if !matches!(e, Edit::Load(_)) {
                let mut next = (*state.form).clone();
                next.apply(e.clone());
                remember(&next, &mode, false);
            }
            state.dispatch(Action::Edit(e))
        })
    };
    let onload = {
        let state = state.clone();
        Callback::from(move |id: &'static str| state.dispatch(Action::Example(id)))
    };
    // Embedded (?embed=1): results and charts without the input forms; &view= picks one part.
    let embed = mode.embed;
    let show = |v: &str| !embed || mode.view.is_none_or(|x| x == v);
    html! {
        <div ~className={if embed { "app embed" } else { "app" }} data-testid={embed.then_some("embed")}>
            if !embed { { head() } }
            { super::link_notes(&state.notes, "link-notes", { let d = state.dispatcher(); Callback::from(move |()| d.dispatch(Action::Dismiss)) }) }
            if state.loaded && !embed {
                <p class="status back" role="status" data-testid="back-to-scenario">
                    { "A whole scenario was loaded; the one you had is one step back. " }
                    <button type="button" onclick={Callback::from(|_| go_back())}>{ "Back to your scenario" }</button>
                </p>
            }
            if !embed { <Examples active={state.example} plan={shown.clone()} {onload} /> }
            <main ~className={if embed { "" } else { "layout" }}>
                if !embed { { inputs(&form, &errors, &shown, &onedit) } }
                <div ~className={if planned.progress.is_some() { "outputs pending" } else { "outputs" }}>
                    if let Some(p) = &planned.progress {
                        { super::planning::status(p, shown.is_some(), &planned.control) }
                    }
                    if let Some(p) = shown.clone().filter(|p| !p.0.providers.is_empty()) {
                        // With capacity providers the answer is per provider: the top-level plan is
                        // only the first group's, so it is not drawn as the cluster's.
                        if show("packing") || show("cas") {
                            <ProvidersResults plan={p.clone()} form={form.clone()} {stale} />
                        }
                        if !embed { <ClusterSettings form={form.clone()} plan={p} errors={errors.clone()} onedit={onedit.clone()} /> }
                    } else if let Some(p) = shown {
                        if embed && mode.view == Some("packing") {
                            // The packing view shows the chart and what belongs to it, first.
                            <PackingChart plan={p.clone()} />
                        } else if show("packing") {
                            if !embed { <PrintInputs plan={p.clone()} /> }
                            <Results plan={p.clone()} {stale} onedit={onedit.clone()} />
                            <PackingChart plan={p.clone()} />
                            if !embed { <InstanceAnatomy plan={p.clone()} /> }
                        }
                        if show("cas") { <CasPanel form={form.clone()} plan={p} errors={errors.clone()} onedit={onedit.clone()} /> }
                    } else if planned.progress.is_none() {
                        <p class="stale" role="status">{ "Fix the inputs listed under \"inputs to fix\" to see the plan." }</p>
                    }
                </div>
            </main>
            if let Some((plan, input)) = good {
                // The panels draw the last whole plan; while it is not the form's (a plan under
                // way or stopped, or inputs to fix) they say so and are dimmed like the answer.
                <div ~className={if behind { "panels panels-stale" } else { "panels" }}>
                    if behind && PANELS.iter().any(|(k, ..)| state.form.is_open(k)) {
                        <p class="stale" role="status" data-testid="panels-stale">{ "The panels below are for the plan before your last change, until the new one is whole." }</p>
                    }
                    { for PANELS.iter().filter(|(k, ..)| if embed { mode.view == Some(*k) && *k != "share" } else { true }).map(|&(kind, heading, note, button)| html! {
                        <PanelHost {kind} {heading} {note} {button} onedit={onedit.clone()}
                            start_open={embed || state.form.is_open(kind)}>
                            { panel(kind, &state, &plan, &input, &onedit) }
                        </PanelHost>
                    }) }
                </div>
            }
            { foot(embed) }
        </div>
    }
}
