//! Pure chart geometry: what each chart draws, in viewBox units, tested natively. No yew here.

pub mod anatomy;
pub mod cost;
pub mod markup;
pub mod packing;
pub mod table;
pub mod timeline;
