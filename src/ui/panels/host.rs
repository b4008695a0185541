//! Where a panel (the timeline, cost and the recommender, share) sits on the page: its heading, what
//! it does and a button until it is opened; then the panel itself, an ordinary component of the
//! page's app. Opening is recorded in the page's state, so a link reopens it.

use yew::prelude::*;

use crate::state::form::Edit;

/// Props of the host.
#[derive(Properties, PartialEq, Clone)]
pub struct HostProps {
    /// The panel: "timeline", "cost" or "share".
    pub kind: &'static str,
    /// Heading shown until it is opened.
    pub heading: &'static str,
    /// What it does, shown until it is opened.
    pub note: &'static str,
    /// The button's words.
    pub button: &'static str,
    /// Open at once (an embed showing this panel, or a link that had it open).
    pub start_open: bool,
    /// Receives the opening edit.
    pub onedit: Callback<Edit>,
    /// The panel, drawn once it is open.
    pub children: Html,
}

/// A panel's place on the page: a button until it is opened.
#[component]
pub fn PanelHost(props: &HostProps) -> Html {
    let open = use_state(|| props.start_open);
    let onclick = {
        let (open, onedit, kind) = (open.clone(), props.onedit.clone(), props.kind);
        Callback::from(move |_| {
            open.set(true);
            // Recorded in the page's state (not the share panel's), so the link reopens it.
            onedit.emit(Edit::Open(kind.to_string()));
        })
    };
    let h = format!("{}-host-h", props.kind);
    html! {
        // Its id is what the header's "Import it" link scrolls to (for the share panel).
        <section id={format!("{}-host", props.kind)} ~className={format!("panel panel-host {}-host", props.kind)} aria-labelledby={h.clone()}>
            // Also when the page opens it later (an example that brings the timeline).
            if *open || props.start_open {
                <div class="panel-root">{ props.children.clone() }</div>
            } else {
                <h2 id={h}>{ props.heading }</h2>
                <p class="note">{ props.note }</p>
                <button type="button" data-testid={format!("open-{}", props.kind)} {onclick}>{ props.button }</button>
            }
        </section>
    }
}
