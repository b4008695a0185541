//! One instance, part by part (issue 9, point 16): for the type new instances launch as, each
//! resource from what AWS sells to what is left for tasks, every part with its number and its How?.

use yew::prelude::*;

use super::PlanRef;
use crate::model::anatomy::anatomy;
use crate::model::validate::thousands;
use crate::viz::anatomy::svg;

/// Props of the anatomy.
#[derive(Properties, PartialEq, Clone)]
pub struct AnatomyProps {
    /// The last good plan.
    pub plan: PlanRef,
}

/// One instance, part by part.
#[component]
pub fn InstanceAnatomy(props: &AnatomyProps) -> Html {
    let p = &props.plan.0;
    let Some(offer) = p.offers.first() else {
        return Html::default();
    };
    let resources = anatomy(offer);
    let chart = Html::from_html_unchecked(AttrValue::from(svg(&offer.instance.name, &resources)));
    html! {
        <section class="panel anatomy" aria-labelledby="anatomy-h" data-testid="anatomy">
            <h2 id="anatomy-h">{ format!("One {}, part by part", offer.instance.name) }</h2>
            <div class="chart-scroll">{ chart }</div>
            <div class="anatomy-parts">
                { for resources.iter().map(|r| html! {
                    <div class="anatomy-resource" data-resource={r.name.to_ascii_lowercase()}>
                        <h3>{ format!("{}: {} {}", r.name, thousands(r.total), r.unit) }</h3>
                        <ul>
                            { for r.parts.iter().map(|part| html! {
                                <li data-part={part.key} data-value={part.amount.to_string()}>
                                    <span ~className={format!("key a-{}", part.key)}></span>
                                    { format!("{}: {} {}", part.label, thousands(part.amount), r.unit) }
                                    <details class="how"><summary>{ "How?" }</summary><p>{ part.how.clone() }</p></details>
                                </li>
                            }) }
                        </ul>
                    </div>
                }) }
            </div>
        </section>
    }
}
