//! The pure planning model (model.md): no yew, web-sys, gloo or wasm-bindgen here, so that
//! `cargo test` covers it natively. It imports std and serde only, and nothing from the layers
//! above it (io, state, viz, ui, api).

pub mod anatomy;
pub mod capacity;
pub mod cas;
pub mod cas_out;
pub mod catalog;
pub mod compare;
pub mod cost;
pub mod demand;
pub mod order;
pub mod packing;
pub mod placed;
pub mod plan;
pub mod provider_out;
pub mod providers;
pub mod recommend;
pub mod scenario;
pub mod sim;
pub mod strategy;
pub mod text_map;
pub mod units;
pub mod validate;
