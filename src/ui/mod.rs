//! The Yew components: they draw what the model and viz compute and wire events to [`Edit`]s.
//! One component per file.
//!
//! A class that depends on state is set as the DOM property (`~className={...}`), never as
//! `class={expr}`: Yew turns every class expression into its `Classes` set, an ordered hash set
//! whose code was about 7 KB of the wasm (2.5 KB of gzip) for a dozen elements. The property is
//! always given (an empty text for no class): a property left out is set to `undefined`. SVG
//! elements, whose className is read-only, are drawn as markup instead. A literal `class="..."`
//! costs nothing and stays.
//!
//! [`Edit`]: crate::state::form::Edit

mod anatomy;
mod app;
mod cas;
mod chart;
mod daemons;
mod demand;
pub mod download;
mod examples;
mod field;
mod instance;
pub mod panels;
mod placement;
mod planning;
mod print_inputs;
mod providers;
mod results;
mod services;
mod steps;

pub use app::App;

use std::rc::Rc;

use crate::model::plan::Plan;
use crate::model::scenario::ScenarioInput;
use crate::model::units::parse_mem;
use crate::model::validate::FieldError;
use crate::state::form::Form;

/// A plan shared by pointer: props compare by identity, so an unchanged plan never re-renders.
#[derive(Clone, Debug)]
pub struct PlanRef(pub Rc<Plan>);

impl PartialEq for PlanRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The page's last valid scenario, shared by pointer like its plan.
#[derive(Clone, Debug)]
pub struct InputRef(pub Rc<ScenarioInput>);

impl PartialEq for InputRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The current field errors, shared by pointer.
#[derive(Clone, Debug, Default)]
pub struct Errors(pub Rc<Vec<FieldError>>);

impl PartialEq for Errors {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Errors {
    /// The message for the field at `path` or anything under it ("runningInstances.m6g.large"
    /// for the N field), the deeper path named first, so that each error sits beside a field.
    pub fn under(&self, path: &str) -> Option<String> {
        self.at(path).or_else(|| {
            self.0
                .iter()
                .find(|e| crate::state::link::owns(path, &e.path))
                .map(|e| format!("{}: {}", e.path, e.message))
        })
    }

    /// The messages for the field at `path` and every path below it (a strategy typed as one
    /// line answers for each of its items), each after its item ("item 2, weight: ...").
    pub fn all_under(&self, path: &str) -> Option<String> {
        let all: Vec<String> = self
            .0
            .iter()
            .filter(|e| crate::state::link::owns(path, &e.path))
            .map(
                |e| match e.path.strip_prefix(path).filter(|r| !r.is_empty()) {
                    Some(rest) => format!("{}: {}", item_words(rest), e.message),
                    None => e.message.clone(),
                },
            )
            .collect();
        (!all.is_empty()).then(|| all.join("; "))
    }

    /// The message for the field at `path`, if any.
    pub fn at(&self, path: &str) -> Option<String> {
        self.0
            .iter()
            .find(|e| e.path == path)
            .map(|e| e.message.clone())
    }
}

/// "[1].weight" as "item 2, weight"; other paths as they are.
fn item_words(rest: &str) -> String {
    let item = rest
        .strip_prefix('[')
        .and_then(|r| r.split_once(']'))
        .and_then(|(i, tail)| Some((i.parse::<usize>().ok()?, tail)));
    match item {
        Some((i, "")) => format!("item {}", i + 1),
        Some((i, tail)) => format!("item {}, {}", i + 1, tail.trim_start_matches('.')),
        None => rest.trim_start_matches('.').to_string(),
    }
}

/// The form shared by pointer.
#[derive(Clone, Debug)]
pub struct FormRef(pub Rc<Form>);

impl PartialEq for FormRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// How a CPU text was understood, shown under the field.
pub fn cpu_hint(text: &str) -> Option<yew::AttrValue> {
    crate::model::units::cpu_reading(text).map(yew::AttrValue::from)
}

/// How a memory text was understood.
pub fn mem_hint(text: &str) -> Option<yew::AttrValue> {
    parse_mem(text)
        .ok()
        .map(|m| yew::AttrValue::from(format!("= {m}")))
}

/// The network modes a select offers.
pub fn network_modes() -> Vec<(yew::AttrValue, yew::AttrValue)> {
    vec![
        ("bridge".into(), "bridge".into()),
        ("awsvpc".into(), "awsvpc (an ENI per task)".into()),
        ("host".into(), "host".into()),
    ]
}

/// Notes on what a link held that could not be used, with an "OK" that puts them away (nothing
/// when there are none).
pub fn link_notes(
    notes: &[String],
    testid: &'static str,
    ondismiss: yew::Callback<()>,
) -> yew::Html {
    use yew::html;
    if notes.is_empty() {
        return yew::Html::default();
    }
    html! {
        <div class="notes" role="status" data-testid={testid}>
            <p>{ "From the link:" }</p>
            <ul>{ for notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }</ul>
            <button type="button" onclick={ondismiss.reform(|_| ())}>{ "OK" }</button>
        </div>
    }
}

/// Installs the panic hook: the panic's message to the console, then [`show_crash`]. Through Yew's
/// `set_custom_panic_hook`, because rendering an app replaces any hook set with std's `set_hook`
/// by Yew's own (console only), which left a dead page.
pub fn install_crash_hook() {
    yew::set_custom_panic_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("ECS Capacity Planner {info}").into());
        show_crash();
    }));
}

/// Shown when the app panics (the panic hook set by `mount`), in `#app` (else the body): the page
/// would otherwise sit dead. It says what happened and offers a reload; the inputs survive it, as
/// they are in the link.
pub fn show_crash() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let host = doc
        .get_element_by_id("app")
        .or_else(|| doc.body().map(Into::into));
    if let Some(host) = host {
        crash_notice(&host);
    }
}

/// Puts the crash notice in `host`, in place of what it held.
pub fn crash_notice(host: &web_sys::Element) {
    host.set_inner_html(
        r#"<div class="fatal" role="alert" data-testid="crash"><h1>ECS Capacity Planner stopped</h1><p>An internal error stopped the app. Your inputs are in this page's link, so reloading brings them back.</p><p><a href="">Reload</a></p></div>"#,
    );
}
