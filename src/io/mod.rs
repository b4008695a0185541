//! Text in and out, pure: JSON reading with paths, the AWS CLI import, exports (Markdown, CSV), the
//! link's text layer, and the API's JSON-text faces. Imports the model only.

pub mod cli;
pub mod export;
pub mod face;
pub mod iac;
pub mod import;
pub mod json;
pub mod link;
pub mod read;
