//! Where the timeline appears in the main app. The timeline is a second wasm module
//! (`ecs-capacity-timeline.js`), fetched only when the reader asks for it, so the first page load
//! stays small; this component asks the page's loader (`window.ecsCapacityTimeline`, set up by
//! `mount()` in `ecs-capacity.js`) to show it here, and passes it each new valid scenario.

use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

/// Props of the host.
#[derive(Properties, PartialEq, Clone)]
pub struct HostProps {
    /// The last valid scenario as api.md's JSON.
    pub scenario: AttrValue,
}

/// Calls `window.ecsCapacityTimeline.show(host, scenario)`; false when there is no loader.
fn show(host: &web_sys::Element, scenario: &str) -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    let Ok(loader) = js_sys::Reflect::get(&w, &JsValue::from_str("ecsCapacityTimeline")) else {
        return false;
    };
    let Ok(f) = js_sys::Reflect::get(&loader, &JsValue::from_str("show")) else {
        return false;
    };
    match f.dyn_ref::<js_sys::Function>() {
        Some(f) => f.call2(&loader, host, &JsValue::from_str(scenario)).is_ok(),
        None => false,
    }
}

/// The timeline's place on the page: a button until it is opened.
#[component]
pub fn TimelineHost(props: &HostProps) -> Html {
    let host = use_node_ref();
    let open = use_state(|| false);
    let missing = use_state(|| false);
    {
        let (host, missing) = (host.clone(), missing.clone());
        use_effect_with((*open, props.scenario.clone()), move |(open, scenario)| {
            if *open {
                if let Some(el) = host.cast::<web_sys::Element>() {
                    if !show(&el, scenario) {
                        missing.set(true);
                    }
                }
            }
        });
    }
    let onclick = {
        let open = open.clone();
        Callback::from(move |_| open.set(true))
    };
    html! {
        <section class="panel timeline-host" aria-labelledby="timeline-host-h">
            if !*open {
                <h2 id="timeline-host-h">{ "The timeline: a month-end spike, minute by minute" }</h2>
                <p class="note">{ "Plays this scenario out in 15-second ticks with Cluster Auto Scaling, without it, and at another targetCapacity: when tasks wait, and how long users get errors. It loads when you open it." }</p>
                <button type="button" data-testid="open-timeline" {onclick}>{ "Show the timeline" }</button>
            }
            if *missing {
                <p class="error">{ "The timeline could not be loaded on this page (it needs ecs-capacity-timeline.js beside ecs-capacity.js)." }</p>
            }
            <div ref={host} class="timeline-root"></div>
        </section>
    }
}
