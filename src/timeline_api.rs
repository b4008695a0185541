//! The timeline module's wasm-bindgen face (built with `--features timeline-module`): mounts the
//! timeline panel in an element and updates its scenario. The main module (`api.rs`) loads this
//! one on demand, so the first page load stays small.

use wasm_bindgen::prelude::*;

use crate::ui::timeline::{TimelinePanel, TimelineProps};

/// A mounted timeline.
#[wasm_bindgen]
pub struct TimelineHandle(yew::AppHandle<TimelinePanel>);

#[wasm_bindgen]
impl TimelineHandle {
    /// Gives the timeline a new scenario (api.md JSON).
    pub fn update(&mut self, scenario: String) {
        self.0.update(TimelineProps {
            scenario: scenario.into(),
        });
    }
}

/// Mounts the timeline in `element` for a scenario (api.md JSON).
#[wasm_bindgen]
pub fn mount_timeline(element: web_sys::Element, scenario: String) -> TimelineHandle {
    TimelineHandle(
        yew::Renderer::<TimelinePanel>::with_root_and_props(
            element,
            TimelineProps {
                scenario: scenario.into(),
            },
        )
        .render(),
    )
}
