//! The answer: each number with its test hook (api.md) and its derivation one click away.

use yew::prelude::*;

use super::PlanRef;
use crate::model::units::trim_float;
use crate::model::validate::thousands;

/// Props of one figure.
#[derive(Properties, PartialEq, Clone)]
pub struct FigureProps {
    /// What it is.
    pub label: AttrValue,
    /// The hook id.
    pub testid: AttrValue,
    /// As shown.
    pub text: AttrValue,
    /// The exact value, no units or separators.
    pub value: AttrValue,
    /// A qualifier shown small after the number ("per instance", "estimated").
    #[prop_or_default]
    pub sub: Option<AttrValue>,
    /// How it was derived.
    #[prop_or_default]
    pub explain: Option<AttrValue>,
}

/// A number, its hook and its derivation.
#[component]
pub fn Figure(props: &FigureProps) -> Html {
    html! {
        <div class="figure">
            <dt>{ props.label.clone() }</dt>
            <dd>
                <span class="value" data-testid={props.testid.clone()} data-value={props.value.clone()}>{ props.text.clone() }</span>
                if let Some(s) = props.sub.clone() { <span class="sub">{ " " }{ s }</span> }
                if let Some(e) = props.explain.clone() {
                    <details class="how">
                        <summary>{ "How?" }</summary>
                        <p data-testid={format!("explain-{}", props.testid)}>{ e }</p>
                    </details>
                }
            </dd>
        </div>
    }
}

/// Props of the results panel.
#[derive(Properties, PartialEq, Clone)]
pub struct ResultsProps {
    /// The last good plan.
    pub plan: PlanRef,
    /// Whether the inputs now have errors (the plan shown is the last good one).
    pub stale: bool,
}

/// The results panel.
#[component]
pub fn Results(props: &ResultsProps) -> Html {
    let p = &props.plan.0;
    let ex = |k: &str| p.explanations.get(k).map(|s| AttrValue::from(s.clone()));
    let first = p.services.first();
    let k = first.map_or(0, |s| s.tasks_per_instance);
    let limit = first.map_or("memory", |s| s.limited_by.as_str());
    let limit_label = first.map_or("memory", |s| s.limited_by.label());
    let a = p.article_formula;
    html! {
        <section class="panel results" aria-labelledby="answer-h" aria-live="polite">
            <h2 id="answer-h">{ "The answer" }</h2>
            if props.stale {
                <p class="stale" role="status">{ "Showing the last valid result: fix the fields marked in red to update it." }</p>
            }
            <dl class="figures">
                <Figure label={format!("{} tasks per {}", first.map_or("", |s| s.name.as_str()), p.instance.type_name)}
                    testid="tasks-per-instance" text={k.to_string()} value={k.to_string()} explain={ex("tasksPerInstance")} />
                <Figure label="Limited by" testid="limited-by" text={limit_label.to_string()} value={limit.to_string()} />
                <Figure label="Instances needed" testid="instances-needed" text={thousands(p.instances_needed)}
                    value={p.instances_needed.to_string()} explain={ex("instancesNeeded")} />
                <Figure label="Lower bound" testid="lower-bound" text={thousands(p.lower_bound)}
                    value={p.lower_bound.to_string()} explain={ex("lowerBound")} />
                <Figure label="Article formula" testid="article-instances"
                    text={thousands(a.instances)} sub={Some(AttrValue::from(format!("instances, {} per instance", a.tasks_per_instance)))}
                    value={a.instances.to_string()} explain={ex("articleFormula")} />
                <Figure label="Memory per instance" testid="instance-memory"
                    text={p.instance.memory_mib.to_string()} sub={Some(AttrValue::from(format!("MiB, {}", p.instance.memory_source)))}
                    value={p.instance.memory_mib.to_string()} explain={ex("instance.memoryMiB")} />
                <Figure label="ENIs for awsvpc tasks" testid="task-enis" text={p.instance.free_enis.to_string()}
                    value={p.instance.free_enis.to_string()} explain={ex("instance.taskEnis")} />
            </dl>
            if let Some(d) = ex("articleDifference") {
                <p class="difference" data-testid="article-difference"><strong>{ "Why the article's number differs: " }</strong>{ d }</p>
            }
            if p.services.len() > 1 {
                <table class="per-service">
                    <caption>{ "Each service alone on one instance" }</caption>
                    <thead><tr><th scope="col">{ "Service" }</th><th scope="col">{ "Desired" }</th><th scope="col">{ "Per instance" }</th>
                        <th scope="col">{ "Limited by" }</th><th scope="col">{ "Instances alone" }</th></tr></thead>
                    <tbody>
                        { for p.services.iter().enumerate().map(|(i, s)| html! {
                            <tr>
                                <th scope="row">{ s.name.clone() }</th>
                                <td>{ thousands(s.desired_count) }</td>
                                <td title={p.explanations.get(&format!("services[{i}].tasksPerInstance")).cloned().unwrap_or_default()}>{ s.tasks_per_instance }</td>
                                <td>{ s.limited_by.label() }</td>
                                <td>{ thousands(s.instances_alone) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
            if let Some(d) = p.demand {
                <p class="note">{ format!("Demand: {} concurrent calls; {} tasks at 100 % CPU, {} at the target.",
                    trim_float(d.peak_concurrent_calls), thousands(d.tasks_at100), thousands(d.tasks_at_target)) }</p>
            }
            if !p.warnings.is_empty() {
                <ul class="warnings" data-testid="warnings">
                    { for p.warnings.iter().map(|w| html! { <li data-code={w.code.clone()}>{ w.message.clone() }</li> }) }
                </ul>
            }
        </section>
    }
}
