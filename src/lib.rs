//! ECS Capacity Planner: will my ECS tasks have somewhere to run?
//!
//! `model` is the pure planning model (model.md), `viz` the pure chart geometry, `ui` the Yew
//! components, and `api` the JavaScript face (`window.ecsCapacity`).
#![deny(missing_docs)]

// One crate, two wasm modules: the app and its API, or (feature `panels-module`) the panels the
// app loads on demand (the timeline, cost and the recommender).
#[cfg(not(feature = "panels-module"))]
mod api;
pub mod model;
#[cfg(feature = "panels-module")]
mod panels_api;
pub mod ui;
pub mod viz;
