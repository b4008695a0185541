//! The pure planning model (model.md): no yew, web-sys, gloo or wasm-bindgen here, so that
//! `cargo test` covers it natively.

pub mod capacity;
pub mod cas;
pub mod cas_out;
pub mod catalog;
pub mod cost;
pub mod demand;
pub mod examples;
pub mod export;
pub mod form;
pub mod import;
pub mod json;
pub mod packing;
pub mod plan;
pub mod read;
pub mod rec_view;
pub mod recommend;
pub mod run_form;
pub mod scenario;
pub mod share;
pub mod sim;
pub mod units;
pub mod validate;
