//! Where an on-demand panel (the timeline, cost and the recommender) appears in the main app. Those
//! panels are a second wasm module (`ecs-capacity-panels.js`), fetched only when the reader opens
//! one, so the first page load stays small. This component asks the page's loader
//! (`window.ecsCapacityPanels`, set up by `mount()` in `ecs-capacity.js`) to show its panel here,
//! passes it each new valid scenario, and turns the panel's `ecs-edit` events (`detail: { path,
//! value }`: a recommended type applied, prices typed) into form edits.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::model::form::{Edit, Field};
use crate::model::share::PANEL_PREFIXES;

/// Props of the host.
#[derive(Properties, PartialEq, Clone)]
pub struct HostProps {
    /// The panel: "timeline" or "cost".
    pub kind: &'static str,
    /// Heading shown until it is opened.
    pub heading: &'static str,
    /// What it does, shown until it is opened.
    pub note: &'static str,
    /// The button's words.
    pub button: &'static str,
    /// The last valid scenario as api.md's JSON.
    pub scenario: AttrValue,
    /// Receives the panel's edits.
    pub onedit: Callback<Edit>,
    /// Open at once (an embed showing this panel, or a link that had it open).
    #[prop_or_default]
    pub start_open: bool,
    /// The panel's own settings from the link, as a query fragment: the timeline and the
    /// recommender read theirs when they open; the share panel gets the page's whole query.
    #[prop_or_default]
    pub settings: AttrValue,
}

fn get(target: &JsValue, key: &str) -> Option<JsValue> {
    js_sys::Reflect::get(target, &JsValue::from_str(key)).ok()
}

/// Calls `window.ecsCapacityPanels.show(host, scenario, kind, settings)`; false when there is no
/// loader.
fn show(host: &web_sys::Element, scenario: &str, kind: &str, settings: &str) -> bool {
    let Some(loader) = web_sys::window().and_then(|w| get(&w, "ecsCapacityPanels")) else {
        return false;
    };
    let args = js_sys::Array::of4(
        host,
        &JsValue::from_str(scenario),
        &JsValue::from_str(kind),
        &JsValue::from_str(settings),
    );
    match get(&loader, "show").and_then(|f| f.dyn_into::<js_sys::Function>().ok()) {
        Some(f) => f.apply(&loader, &args).is_ok(),
        None => false,
    }
}

/// The edit an `ecs-edit` event asks for: a field the panels may set, (path "query") a whole
/// form in the link format (an import), or (path "view.<prefix>") a panel's own settings.
fn edit_of(event: &web_sys::Event) -> Option<Edit> {
    let detail = get(event, "detail")?;
    let path = get(&detail, "path")?.as_string()?;
    let value = get(&detail, "value")?.as_string()?;
    if path == "query" {
        return Some(Edit::Load(Box::new(crate::model::share::decode(&value).0)));
    }
    if let Some(prefix) = path.strip_prefix("view.") {
        return PANEL_PREFIXES
            .iter()
            .any(|(p, _)| *p == prefix)
            .then(|| Edit::View(prefix.to_string(), value));
    }
    Some(Edit::Set(Field::from_path(&path)?, value))
}

/// An on-demand panel's place on the page: a button until it is opened.
#[component]
pub fn PanelHost(props: &HostProps) -> Html {
    let host = use_node_ref();
    let open = use_state(|| props.start_open);
    let missing = use_state(|| false);
    {
        let (host, missing, kind) = (host.clone(), missing.clone(), props.kind);
        use_effect_with(
            (*open, props.scenario.clone(), props.settings.clone()),
            move |(open, scenario, settings)| {
                if *open {
                    if let Some(el) = host.cast::<web_sys::Element>() {
                        if !show(&el, scenario, kind, settings) {
                            missing.set(true);
                        }
                    }
                }
            },
        );
    }
    let onclick = {
        let (open, onedit, kind) = (open.clone(), props.onedit.clone(), props.kind);
        Callback::from(move |_| {
            open.set(true);
            // Recorded in the form, so the link reopens it.
            onedit.emit(Edit::Open(kind.to_string()));
        })
    };
    {
        // The panel's edits arrive as `ecs-edit` events on the host. A plain DOM listener: the
        // panel is another Yew app, whose events the page's Yew leaves to it.
        let (host, onedit) = (host.clone(), props.onedit.clone());
        use_effect_with((), move |_| {
            let target = host.cast::<web_sys::Element>();
            let listener = Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
                if let Some(edit) = edit_of(&e) {
                    onedit.emit(edit);
                }
            });
            if let Some(t) = &target {
                let _ = t.add_event_listener_with_callback(
                    "ecs-edit",
                    listener.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let Some(t) = target {
                    let _ = t.remove_event_listener_with_callback(
                        "ecs-edit",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    let h = format!("{}-host-h", props.kind);
    html! {
        <section class={classes!("panel", "panel-host", format!("{}-host", props.kind))} aria-labelledby={h.clone()}>
            if !*open {
                <h2 id={h}>{ props.heading }</h2>
                <p class="note">{ props.note }{ " It loads when you open it." }</p>
                <button type="button" data-testid={format!("open-{}", props.kind)} {onclick}>{ props.button }</button>
            }
            if *missing {
                <p class="error">{ "This panel could not be loaded on this page (it needs ecs-capacity-panels.js beside ecs-capacity.js)." }</p>
            }
            <div ref={host} class="panel-root"></div>
        </section>
    }
}
