//! The wasm-bindgen face: thin wrappers over the model, io and state. `js/ecs-capacity.js` turns
//! these JSON-text functions into the object API of api.md (`plan(scenario)` returns a plain
//! object). One module holds them all and the app: once it is loaded, every function works.

use wasm_bindgen::prelude::*;

use crate::model;

/// Starts the UI in `element`.
#[wasm_bindgen]
pub fn mount(element: web_sys::Element) {
    crate::ui::install_crash_hook();
    yew::Renderer::<crate::ui::App>::with_root(element).render();
}

/// The plan for scenario JSON text, as JSON text; never throws (api.md `plan`).
#[wasm_bindgen]
pub fn plan_json(scenario: &str) -> String {
    crate::io::face::plan_json(scenario)
}

/// The catalog as JSON text (api.md `catalog`).
#[wasm_bindgen]
pub fn catalog_json() -> String {
    model::catalog::catalog_json()
}

/// The crate version.
#[wasm_bindgen]
pub fn crate_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The timeline for scenario and run JSON text, as JSON text; never throws (api.md `simulate`).
#[wasm_bindgen]
pub fn simulate_json(scenario: &str, run: &str) -> String {
    crate::io::face::simulate_json(scenario, run)
}

/// Catalog types ranked for a scenario, as JSON text; never throws (api.md `recommend`).
#[wasm_bindgen]
pub fn recommend_json(scenario: &str, options: &str) -> String {
    crate::io::face::recommend_json(scenario, options)
}

/// The scenario JSON text as the page's query string; `Err` holds the errors JSON (api.md
/// `encode`).
#[wasm_bindgen]
pub fn encode_json(scenario: &str) -> Result<String, String> {
    crate::state::link::encode_json(scenario)
}

/// AWS CLI, Terraform or CloudFormation JSON text laid over scenario JSON text (`null`: a new
/// one), as `{ ok: true, scenario, notes }` or `{ ok: false, errors }` JSON text (api.md
/// `importAws`); never fails.
#[wasm_bindgen]
pub fn import_aws_json(text: &str, scenario: &str) -> String {
    crate::io::face::import_aws_json(text, scenario)
}

/// A query string to `{ ok: true, scenario, notes }` JSON text; never fails (api.md `decode`).
#[wasm_bindgen]
pub fn decode_json(query: &str) -> String {
    crate::state::link::decode_json(query)
}
