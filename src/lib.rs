//! ECS Capacity Planner: will my ECS tasks have somewhere to run?
//!
//! `model` is the pure planning model (model.md), `viz` the pure chart geometry, `ui` the Yew
//! components, and `api` the JavaScript face (`window.ecsCapacity`).
#![deny(missing_docs)]

mod api;
pub mod model;
pub mod ui;
pub mod viz;
