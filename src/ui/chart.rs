//! The packing chart: the geometry of `viz::packing` drawn as SVG, with a legend, the tasks that
//! could not be placed, and the same data as a table.

use yew::prelude::*;

use super::PlanRef;
use crate::model::cas::Decision;
use crate::model::packing::Reason;
use crate::model::plan::{az_letter, Plan};
use crate::viz::packing::{self, Names, Shapes, Sizes};
use crate::viz::table::{table, Row};

/// Props of the chart.
#[derive(Properties, PartialEq, Clone)]
pub struct PackingChartProps {
    /// The plan whose placement to draw.
    pub plan: PlanRef,
    /// The heading (default "How the tasks pack"; a capacity provider's names it).
    #[prop_or(AttrValue::Static("How the tasks pack"))]
    pub title: AttrValue,
    /// Put before the chart's ids and radio group, so several charts share a page.
    #[prop_or_default]
    pub id_prefix: AttrValue,
}

/// (CPU units, MiB) pairs.
type SizeList = Vec<(u64, u64)>;

/// (CPU units, MiB) of each service's task and of each daemon.
fn task_sizes(p: &Plan) -> (SizeList, SizeList) {
    (
        p.services
            .iter()
            .map(|s| (s.cpu, s.reserved_memory_mib))
            .collect(),
        p.daemons.iter().map(|d| (d.1, d.2)).collect(),
    )
}

/// The packing chart: the plan from scratch or the cluster now, its legend, what could not be
/// placed, and the same data as a table.
#[component]
pub fn PackingChart(props: &PackingChartProps) -> Html {
    // None: follow N (the cluster now when instances run, the plan from scratch when none do).
    let chosen = use_state(|| None::<bool>);
    let cas_view = chosen.unwrap_or(props.plan.0.cas.n > 0);
    let shapes = use_memo((props.plan.clone(), cas_view), |(plan, cas_view)| {
        let p = &plan.0;
        let (svc, dae) = task_sizes(p);
        let sizes = Sizes {
            services: &svc,
            daemons: &dae,
        };
        if *cas_view {
            let adding = if p.cas.decision == Decision::ScaleOut {
                p.cas.desired_instances - p.cas.n
            } else {
                0
            };
            packing::shapes_with(
                &p.cas_step.placement,
                &p.offers,
                &sizes,
                adding,
                &p.cas.to_remove,
            )
        } else {
            packing::shapes(&p.raw_placement, &p.offers, &sizes)
        }
    });
    let pick = |cas: bool| {
        let chosen = chosen.clone();
        Callback::from(move |_: Event| chosen.set(Some(cas)))
    };
    // A click or a tap on a column opens what shares that instance (hover titles do not reach
    // touch screens). The chart is markup: the column's data-first says which one it was.
    let selected = use_state(|| None::<usize>);
    let on_pick_column = {
        let selected = selected.clone();
        Callback::from(move |e: MouseEvent| {
            let first = e
                .target_dyn_into::<web_sys::Element>()
                .and_then(|el| el.closest("[data-testid=instance]").ok().flatten())
                .and_then(|el| el.get_attribute("data-first"))
                .and_then(|v| v.parse::<usize>().ok());
            if first.is_some() {
                selected.set(first);
            }
        })
    };
    let p = &props.plan.0;
    let id = |x: &str| format!("{}{x}", props.id_prefix);
    html! {
        <section class="panel chart" aria-labelledby={id("packing-h")}>
            <h2 id={id("packing-h")}>{ props.title.clone() }</h2>
            <fieldset class="radios inline">
                <legend>{ "Show" }</legend>
                <label><input type="radio" name={id("packing-view")} id={id("view-plan")} checked={!cas_view} onchange={pick(false)} />
                    { " the plan from scratch (instances needed)" }</label>
                <label><input type="radio" name={id("packing-view")} id={id("view-cas")} checked={cas_view} onchange={pick(true)} />
                    { format!(" the cluster now: {} running, what CAS adds or removes", p.cas.n) }</label>
            </fieldset>
            { legend(p, &shapes) }
            <div class="chart-scroll" onclick={on_pick_column}>
                { chart(p, &shapes) }
            </div>
            { shared_by(p, &shapes, *selected, &selected) }
            <p class="note">{ "Each column is an instance, or a group of identical ones (marked x and their count): the left bar is CPU (C), the right bar memory (M), each as tall as the instance's capacity; empty space is free. Click or tap a column to see what shares it." }</p>
            if shapes.hidden_groups > 0 {
                <p class="note">{ format!("{} more groups ({} instances) are not drawn; the table lists them all.", shapes.hidden_groups, shapes.hidden_instances) }</p>
            }
            { unplaced(p, &shapes, cas_view) }
            <details class="table-view">
                <summary>{ "The placement as a table" }</summary>
                <div class="table-scroll">{ placement_table(p, &shapes) }</div>
            </details>
        </section>
    }
}

/// The legend: a swatch per service with its size, the daemons' hatch (when there are any), free.
fn legend(p: &Plan, shapes: &Shapes) -> Html {
    // The outlines CAS's view draws, named when the chart has them.
    let has = |fate: &str| shapes.columns.iter().any(|c| c.group.fate.as_str() == fate);
    html! {
        <ul class="legend" aria-label="Legend">
            { for p.services.iter().enumerate().map(|(i, s)| html! {
                // Markup, not html!: a class given by an expression would bring in Yew's
                // `Classes` (see the ui module's note), and an SVG element's className is read-only.
                <li>{ Html::from_html_unchecked(AttrValue::from(format!(r#"<svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect class="{}" width="10" height="10"/></svg>"#, packing::service_class(i)))) }
                    { format!("{} ({} CPU units, {} MiB)", s.name, s.cpu, s.reserved_memory_mib) }</li>
            }) }
            if !p.daemons.is_empty() {
                <li><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect class="daemon" fill="url(#daemon-hatch)" width="10" height="10" /></svg>{ "daemons" }</li>
            }
            <li><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect class="bar" width="10" height="10" /></svg>{ "free" }</li>
            if has("adding") {
                <li><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><g class="adding"><rect class="bar" x="1" y="1" width="8" height="8" /></g></svg>{ "CAS adds (launching; dashed)" }</li>
            }
            if has("removing") {
                <li><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><g class="removing"><rect class="bar" x="1" y="1" width="8" height="8" /></g></svg>{ "the scale-in removes (dotted red)" }</li>
            }
        </ul>
    }
}

/// The chart's SVG, labelled with what it shows.
fn chart(p: &Plan, shapes: &Shapes) -> Html {
    let tasks: u64 = p
        .raw_placement
        .instances
        .iter()
        .map(|i| i.task_count())
        .sum();
    let aria = format!(
        "Packing chart: {} instances in {} columns, {} tasks placed{}",
        p.instances_needed,
        shapes.columns.len(),
        tasks,
        if p.raw_placement.unplaced.is_empty() {
            ""
        } else {
            ", some tasks not placed"
        }
    );
    let svg = with_names(p, |names, sizes| packing::svg(shapes, sizes, names, &aria));
    Html::from_html_unchecked(AttrValue::from(svg))
}

/// Calls `f` with the plan's names and task sizes, as the drawing and the column details read
/// them.
fn with_names<R>(p: &Plan, f: impl FnOnce(&Names, &Sizes) -> R) -> R {
    let svc_names: Vec<&str> = p.services.iter().map(|s| s.name.as_str()).collect();
    let daemon_names: Vec<&str> = p.daemons.iter().map(|d| d.0.as_str()).collect();
    let type_names: Vec<&str> = p.offers.iter().map(|o| o.instance.name.as_str()).collect();
    let names = Names {
        services: &svc_names,
        daemons: &daemon_names,
        types: &type_names,
    };
    let (svc, dae) = task_sizes(p);
    let sizes = Sizes {
        services: &svc,
        daemons: &dae,
    };
    f(&names, &sizes)
}

/// The panel of what shares the column picked (by its first instance), with a close button.
fn shared_by(
    p: &Plan,
    shapes: &Shapes,
    first: Option<usize>,
    selected: &UseStateHandle<Option<usize>>,
) -> Html {
    let Some(column) = first.and_then(|f| shapes.columns.iter().find(|c| c.group.first == f))
    else {
        return Html::default();
    };
    let (heading, lines) = with_names(p, |names, sizes| {
        packing::column_details(&column.group, names, sizes)
    });
    let close = {
        let selected = selected.clone();
        Callback::from(move |_: MouseEvent| selected.set(None))
    };
    html! {
        <div class="shared-by status" role="region" aria-label="What shares this instance" data-testid="instance-details">
            <h3>{ heading }</h3>
            <ul>{ for lines.into_iter().map(|l| html! { <li>{ l }</li> }) }</ul>
            <button type="button" onclick={close}>{ "Close" }</button>
        </div>
    }
}

/// The name of service `i` ("?" when there is none).
fn service_name(p: &Plan, i: usize) -> &str {
    p.services.get(i).map_or("?", |s| s.name.as_str())
}

/// The tasks not placed (or, in the CAS view, waiting in PROVISIONING), each with its reason
/// (nothing when every task is placed).
fn unplaced(p: &Plan, shapes: &Shapes, cas_view: bool) -> Html {
    let name = |i: usize| service_name(p, i);
    html! {
        if !shapes.unplaced.is_empty() {
            <div class="unplaced" data-testid="unplaced" role="note">
                <h3>{ if cas_view { "Waiting in PROVISIONING" } else { "Not placed" } }</h3>
                <ul>
                    { for shapes.unplaced.iter().map(|&(s, n, r)| html! {
                        <li data-reason={r.as_str()}>{ format!("{n} x {}: {}", name(s), reason_words(p, name(s), r)) }</li>
                    }) }
                </ul>
            </div>
        }
    }
}

/// Why tasks of `service` were not placed, in words.
fn reason_words(p: &Plan, service: &str, r: Reason) -> &'static str {
    match r {
        Reason::InstanceCap => "the plan stops at 10,000 instances",
        Reason::NoCapacity => {
            if p.cas
                .waiting
                .iter()
                .any(|w| w.service == service && !w.cas_will_scale)
            {
                "no running instance has room, and CAS will not scale for these"
            } else {
                "no running instance has room: they wait for the instances CAS adds"
            }
        }
        Reason::DoesNotFit => "they do not fit the type new instances launch as",
    }
}

/// Every group of identical instances as a table row: which, type, zones, tasks and what is free.
fn placement_table(p: &Plan, shapes: &Shapes) -> Html {
    let type_names: Vec<&str> = p.offers.iter().map(|o| o.instance.name.as_str()).collect();
    let rows: Vec<Row> = shapes
        .groups
        .iter()
        .map(|g| {
            let contents: Vec<String> = g
                .inst
                .tasks
                .iter()
                .map(|&(s, n)| format!("{n} {}", service_name(p, s)))
                .collect();
            let zones: Vec<String> = g.zones.iter().map(|&z| az_letter(z)).collect();
            Row {
                attrs: Vec::new(),
                cells: vec![
                    if g.count == 1 {
                        format!("#{}", g.first + 1)
                    } else {
                        format!("{} x (from #{})", g.count, g.first + 1)
                    },
                    type_names
                        .get(g.inst.type_index)
                        .copied()
                        .unwrap_or("?")
                        .to_string(),
                    zones.join(", "),
                    contents.join(", "),
                    g.inst.free_cpu.to_string(),
                    g.inst.free_memory.to_string(),
                    g.inst.free_enis.to_string(),
                ],
            }
        })
        .collect();
    Html::from_html_unchecked(AttrValue::from(table(
        "placement",
        Some("placement-table"),
        &[
            "Instances",
            "Type",
            "Zones",
            "Tasks",
            "Free CPU",
            "Free MiB",
            "Free ENIs",
        ],
        &rows,
    )))
}
