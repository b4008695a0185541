//! The source article's worked examples: one click loads one, and the article's answer stands
//! beside the app's.

use yew::prelude::*;

use super::PlanRef;
use crate::state::examples::{app_answer, find_strategy, EXAMPLES, STRATEGY_EXAMPLES};

/// Props of the examples bar.
#[derive(Properties, PartialEq, Clone)]
pub struct ExamplesProps {
    /// The example loaded, if the form still holds it.
    pub active: Option<&'static str>,
    /// The last good plan.
    pub plan: Option<PlanRef>,
    /// Loads an example by id.
    pub onload: Callback<&'static str>,
}

/// The button that loads example `id`, pressed while it is loaded.
fn button(props: &ExamplesProps, id: &'static str, title: &'static str) -> Html {
    let cb = props.onload.clone();
    html! {
        <button type="button" data-testid={format!("example-{id}")} aria-pressed={(props.active == Some(id)).to_string()}
            onclick={Callback::from(move |_| cb.emit(id))}>{ title }</button>
    }
}

/// The examples bar and, for the loaded example, the comparison.
#[component]
pub fn Examples(props: &ExamplesProps) -> Html {
    let active = props.active.and_then(crate::state::examples::find);
    html! {
        <section class="panel examples" aria-labelledby="examples-h">
            <h2 id="examples-h">{ "Examples" }</h2>
            <h3 id="article-examples-h">{ "From the article" }</h3>
            <div class="buttons" role="group" aria-labelledby="article-examples-h">
                { for EXAMPLES.iter().map(|e| button(props, e.id, e.title)) }
            </div>
            <h3 id="strategy-examples-h">{ "Capacity provider strategies" }</h3>
            <div class="buttons" role="group" aria-labelledby="strategy-examples-h">
                { for STRATEGY_EXAMPLES.iter().map(|e| button(props, e.id, e.title)) }
            </div>
            if let Some(e) = props.active.and_then(find_strategy) {
                <div class="compare" data-testid="example-compare">
                    <p><strong>{ e.title }</strong></p>
                    <p data-testid="example-shows">{ e.shows }</p>
                </div>
            }
            if let (Some(e), Some(p)) = (active, props.plan.as_ref()) {
                <div class="compare" data-testid="example-compare">
                    <p><strong>{ e.title }</strong></p>
                    <p>{ "The article: " }<span data-testid="example-article">{ e.article }</span></p>
                    <p>{ "This app: " }<span data-testid="example-app">{ app_answer(e.id, &p.0) }</span></p>
                    <p class="note">{ e.why }</p>
                </div>
            }
        </section>
    }
}
