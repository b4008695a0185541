//! The on-demand panels module's wasm-bindgen face (built with `--features panels-module`): mounts
//! the timeline or the cost panel in an element and updates its scenario. The main module
//! (`api.rs`) loads this one when the reader first opens a panel, so the first page load stays small.

use wasm_bindgen::prelude::*;

use crate::ui::cost::{CostPanel, CostProps};
use crate::ui::share::{SharePanel, ShareProps};
use crate::ui::timeline::{TimelinePanel, TimelineProps};

enum Mounted {
    Timeline(yew::AppHandle<TimelinePanel>),
    Cost(yew::AppHandle<CostPanel>),
    Share(yew::AppHandle<SharePanel>),
}

/// A mounted panel, and the settings it opened with (read once, kept for its props).
#[wasm_bindgen]
pub struct PanelHandle(Mounted, yew::AttrValue);

#[wasm_bindgen]
impl PanelHandle {
    /// Gives the panel a new scenario (api.md JSON) and the page's settings for it (the timeline
    /// and the recommender read theirs only when they open; the share panel shows its link).
    pub fn update(&mut self, scenario: String, settings: String) {
        self.1 = settings.into();
        let settings = self.1.clone();
        match &mut self.0 {
            Mounted::Timeline(h) => h.update(TimelineProps {
                scenario: scenario.into(),
                settings,
            }),
            Mounted::Cost(h) => h.update(CostProps {
                scenario: scenario.into(),
                settings,
            }),
            Mounted::Share(h) => h.update(ShareProps {
                scenario: scenario.into(),
                settings,
            }),
        }
    }
}

/// The timeline for scenario and run JSON text, as JSON text; never throws (api.md `simulate`).
#[wasm_bindgen]
pub fn simulate_json(scenario: &str, run: &str) -> String {
    crate::model::sim::simulate_json(scenario, run)
}

/// An empty component, mounted and dropped to advance Yew's root counter (see [`keep_apart`]).
#[yew::component]
fn Nothing() -> yew::Html {
    yew::Html::default()
}

/// This module carries its own copy of Yew, whose subtree ids start at 1 like the page's. The
/// panels are mounted inside the page's app, whose event delegation (capture at its root) looks
/// for the closest element branded with a subtree id: if a panel's root bore the page's id (1),
/// the page would run its own listener registered under the same `__yew_listener_id` as the
/// panel's, and typing in a panel would edit a page field. So the first mount here burns the
/// first 100 ids: panels get ids above 100, which the page (one app per `mount()` call) never
/// reaches.
fn keep_apart() {
    thread_local!(static DONE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
    if DONE.with(|d| d.replace(true)) {
        return;
    }
    // Once per module, like the burnt ids: a panic in a panel stops the page the same way.
    crate::ui::install_crash_hook();
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    for _ in 0..100 {
        if let Ok(el) = doc.create_element("div") {
            yew::Renderer::<Nothing>::with_root(el).render().destroy();
        }
    }
}

/// Mounts panel `kind` ("timeline", "cost" or "share"; anything else is the timeline) in `element` for a
/// scenario (api.md JSON), with its settings from the link (a query fragment; empty for none).
#[wasm_bindgen]
pub fn mount_panel(
    kind: String,
    element: web_sys::Element,
    scenario: String,
    settings: String,
) -> PanelHandle {
    keep_apart();
    let scenario: yew::AttrValue = scenario.into();
    let settings: yew::AttrValue = settings.into();
    let kept = settings.clone();
    let mounted = if kind == "cost" {
        Mounted::Cost(
            yew::Renderer::<CostPanel>::with_root_and_props(
                element,
                CostProps { scenario, settings },
            )
            .render(),
        )
    } else if kind == "share" {
        Mounted::Share(
            yew::Renderer::<SharePanel>::with_root_and_props(
                element,
                ShareProps { scenario, settings },
            )
            .render(),
        )
    } else {
        Mounted::Timeline(
            yew::Renderer::<TimelinePanel>::with_root_and_props(
                element,
                TimelineProps { scenario, settings },
            )
            .render(),
        )
    };
    PanelHandle(mounted, kept)
}
