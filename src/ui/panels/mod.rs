//! The panels: the timeline, cost and the recommender, share. Ordinary components of the page's
//! app: they read the page's state and plan through props and change them through its typed edits.

pub mod cost;
pub mod host;
pub mod share;
pub mod timeline;

pub use cost::CostPanel;
pub use host::PanelHost;
pub use share::SharePanel;
pub use timeline::TimelinePanel;
