//! ECS Capacity Planner: will my ECS tasks have somewhere to run?
//!
//! `model` is the pure planning model (model.md), `viz` the pure chart geometry, `ui` the Yew
//! components, and `api` the JavaScript face (`window.ecsCapacity`).
#![deny(missing_docs)]

// One crate, two wasm modules: the app and its API, or (feature `timeline-module`) the timeline,
// which the app loads on demand.
#[cfg(not(feature = "timeline-module"))]
mod api;
pub mod model;
#[cfg(feature = "timeline-module")]
mod timeline_api;
pub mod ui;
pub mod viz;
