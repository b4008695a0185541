//! The answer: each number with its test hook (api.md) and its derivation one click away.

use yew::prelude::*;

use super::PlanRef;
use crate::model::units::trim_float;
use crate::model::validate::thousands;
use crate::state::form::Edit;

/// One number on the page: its label, its hook, its text, its exact value, and its derivation.
pub struct Fig {
    label: String,
    testid: &'static str,
    text: String,
    value: String,
    sub: Option<String>,
    explain: Option<String>,
}

impl Fig {
    /// A figure with hook `testid` (api.md) showing `text`, whose exact value is `value`.
    pub fn new(
        label: impl Into<String>,
        testid: &'static str,
        text: impl Into<String>,
        value: impl Into<String>,
    ) -> Self {
        Fig {
            label: label.into(),
            testid,
            text: text.into(),
            value: value.into(),
            sub: None,
            explain: None,
        }
    }

    /// A qualifier shown small after the number ("per instance", "estimated").
    pub fn sub(mut self, sub: impl Into<String>) -> Self {
        self.sub = Some(sub.into());
        self
    }

    /// How the number was derived (shown under "How?").
    pub fn explain(mut self, text: Option<&String>) -> Self {
        self.explain = text.cloned();
        self
    }
}

/// A list of figures, each with its hook and, one click away, its derivation.
pub fn figures(items: Vec<Fig>) -> Html {
    html! {
        <dl class="figures">
            { for items.into_iter().map(|f| html! {
                <div class="figure">
                    <dt>{ f.label }</dt>
                    <dd>
                        // Long values ("$7,208,750.00") in a smaller size, so a number never breaks inside.
                        <span ~className={if f.text.chars().count() > 9 { "value long" } else { "value" }} data-testid={f.testid} data-value={f.value}>{ f.text }</span>
                        if let Some(s) = f.sub { <span class="sub">{ " " }{ s }</span> }
                        if let Some(e) = f.explain {
                            <details class="how">
                                <summary>{ "How?" }</summary>
                                <p data-testid={format!("explain-{}", f.testid)}>{ e }</p>
                            </details>
                        }
                    </dd>
                </div>
            }) }
        </dl>
    }
}

/// "Instances needed": the count, or at the instance cap "more than 10,000", as the plan stops there.
fn needed_fig(p: &crate::model::plan::Plan) -> Fig {
    let n = p.instances_needed;
    if p.instances_capped {
        Fig::new(
            "Instances needed",
            "instances-needed",
            format!("more than {}", thousands(n)),
            n.to_string(),
        )
        .sub("(the plan stops there)")
    } else {
        let fig = Fig::new(
            "Instances needed",
            "instances-needed",
            thousands(n),
            n.to_string(),
        );
        let never: u64 = p.placement.unplaced.iter().map(|u| u.count).sum();
        if never > 0 {
            fig.sub(format!(
                "and {} tasks never placed (see below)",
                thousands(never)
            ))
        } else {
            fig
        }
    }
}

/// Props of the results panel.
#[derive(Properties, PartialEq, Clone)]
pub struct ResultsProps {
    /// The last good plan.
    pub plan: PlanRef,
    /// Whether the inputs now have errors (the plan shown is the last good one).
    pub stale: bool,
    /// The page's edits ("use the best order").
    pub onedit: Callback<Edit>,
}

/// The results panel.
#[component]
pub fn Results(props: &ResultsProps) -> Html {
    let p = &props.plan.0;
    let ex = |k: &str| p.explanations.get(k);
    let first = p.services.first();
    let k = first.map_or(0, |s| s.tasks_per_instance);
    let limit = first.map_or("memory", |s| s.limited_by.as_str());
    let limit_label = first.map_or("memory", |s| s.limited_by.label());
    let a = p.article_formula;
    html! {
        <section class="panel results" aria-labelledby="answer-h" aria-live="polite">
            <h2 id="answer-h">{ "The answer" }</h2>
            if props.stale {
                <p class="stale" role="status">{ "Showing the last valid result: fix the inputs listed under \"inputs to fix\" to update it." }</p>
            }
            { figures(vec![
                Fig::new(format!("{} tasks per {}", first.map_or("", |s| s.name.as_str()), p.instance.type_name), "tasks-per-instance", k.to_string(), k.to_string())
                    .explain(ex("tasksPerInstance")),
                Fig::new("Limited by", "limited-by", limit_label, limit),
                needed_fig(p).explain(ex("instancesNeeded")),
                Fig::new("Lower bound", "lower-bound", thousands(p.lower_bound), p.lower_bound.to_string()).explain(ex("lowerBound")),
                Fig::new("Article formula", "article-instances", thousands(a.instances), a.instances.to_string())
                    .sub(format!("instances, {} per instance", a.tasks_per_instance))
                    .explain(ex("articleFormula")),
                Fig::new("Memory per instance", "instance-memory", p.instance.memory_mib.to_string(), p.instance.memory_mib.to_string())
                    .sub(format!("MiB, {}", p.instance.memory_source))
                    .explain(ex("instance.memoryMiB")),
                Fig::new("ENIs for awsvpc tasks", "task-enis", p.instance.free_enis.to_string(), p.instance.free_enis.to_string()).explain(ex("instance.taskEnis")),
            ]) }
            if p.instances_needed_best_order != p.instances_needed {
                <div class="best-order status" data-testid="best-order">
                    { figures(vec![
                        Fig::new("Instances needed, largest task first", "instances-needed-best-order",
                            thousands(p.instances_needed_best_order), p.instances_needed_best_order.to_string())
                            .sub(format!("in the order {}", p.best_order.join(", ")))
                            .explain(ex("instancesNeededBestOrder")),
                    ]) }
                    <p class="note">{ "\"Instances needed\" places the services in the order they are listed, the order they deploy in." }</p>
                    <button type="button" data-testid="use-best-order" onclick={ {
                        let (cb, order) = (props.onedit.clone(), p.best_order.clone());
                        Callback::from(move |_| cb.emit(Edit::OrderServices(order.clone())))
                    } }>{ "Use this order" }</button>
                </div>
            }
            if let Some(d) = ex("articleDifference").cloned() {
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
            { warnings(p) }
        </section>
    }
}

/// The plan's warnings as a list (nothing when there are none).
pub fn warnings(p: &crate::model::plan::Plan) -> Html {
    html! {
        if !p.warnings.is_empty() {
            <ul class="warnings" data-testid="warnings">
                { for p.warnings.iter().map(|w| html! { <li data-code={w.code.clone()}>{ w.message.clone() }</li> }) }
            </ul>
        }
    }
}
