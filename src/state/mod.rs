//! The page's state, pure: the form as typed and its edits, the examples, each panel's typed
//! settings (the timeline's run, the recommender's view, prices), and the form in a link. Imports
//! the model and io.

pub mod examples;
pub mod form;
pub mod link;
pub mod prices;
pub mod providers;
pub mod rec_view;
pub mod run_form;
pub mod sliders;
