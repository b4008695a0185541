//! ECS Capacity Planner: will my ECS tasks have somewhere to run?
//!
//! One wasm module, one Yew app. The layers, each importing only those before it:
//! - `model`: the pure planning model (model.md);
//! - `io`: text in and out (JSON with paths, the AWS CLI import, exports, the link's text layer);
//! - `state`: the page's state and its typed edits;
//! - `viz`: chart geometry and markup (imports the model only);
//! - `ui`: the Yew components, the panels in `ui::panels`;
//! - `api`: the wasm-bindgen face (`window.ecsCapacity`), over all of them.
#![deny(missing_docs)]

#[cfg(target_arch = "wasm32")]
mod api;

/// Talc instead of Rust's default dlmalloc in the browser: the same job in less code (the wasm
/// budget; talc's WebAssembly notes, README_WASM.md). Native builds keep the system allocator.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
pub mod io;
pub mod model;
pub mod state;
pub mod ui;
pub mod viz;
