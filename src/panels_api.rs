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

/// A mounted panel.
#[wasm_bindgen]
pub struct PanelHandle(Mounted);

#[wasm_bindgen]
impl PanelHandle {
    /// Gives the panel a new scenario (api.md JSON).
    pub fn update(&mut self, scenario: String) {
        match &mut self.0 {
            Mounted::Timeline(h) => h.update(TimelineProps {
                scenario: scenario.into(),
            }),
            Mounted::Cost(h) => h.update(CostProps {
                scenario: scenario.into(),
            }),
            Mounted::Share(h) => h.update(ShareProps {
                scenario: scenario.into(),
            }),
        }
    }
}

/// The timeline for scenario and run JSON text, as JSON text; never throws (api.md `simulate`).
#[wasm_bindgen]
pub fn simulate_json(scenario: &str, run: &str) -> String {
    crate::model::sim::simulate_json(scenario, run)
}

/// Mounts panel `kind` ("timeline", "cost" or "share"; anything else is the timeline) in `element` for a
/// scenario (api.md JSON).
#[wasm_bindgen]
pub fn mount_panel(kind: String, element: web_sys::Element, scenario: String) -> PanelHandle {
    let scenario: yew::AttrValue = scenario.into();
    PanelHandle(if kind == "cost" {
        Mounted::Cost(
            yew::Renderer::<CostPanel>::with_root_and_props(element, CostProps { scenario })
                .render(),
        )
    } else if kind == "share" {
        Mounted::Share(
            yew::Renderer::<SharePanel>::with_root_and_props(element, ShareProps { scenario })
                .render(),
        )
    } else {
        Mounted::Timeline(
            yew::Renderer::<TimelinePanel>::with_root_and_props(
                element,
                TimelineProps { scenario },
            )
            .render(),
        )
    })
}
