//! The packing chart: the geometry of `viz::packing` drawn as SVG, with a legend, the tasks that
//! could not be placed, and the same data as a table.

use yew::prelude::*;

use super::PlanRef;
use crate::model::cas::Decision;
use crate::model::plan::az_letter;
use crate::model::units::trim_float as coord;
use crate::viz::packing::{self, range_label, Fate, Sizes, BAR_H, MARGIN};

/// Colours cycle after this many services (the names are in every tooltip and the table).
pub const PALETTE: usize = 8;

/// Props of the chart.
#[derive(Properties, PartialEq, Clone)]
pub struct PackingChartProps {
    /// The plan whose placement to draw.
    pub plan: PlanRef,
}

/// The packing chart.
#[component]
pub fn PackingChart(props: &PackingChartProps) -> Html {
    // None: follow N (the cluster now when instances run, the plan from scratch when none do).
    let chosen = use_state(|| None::<bool>);
    let cas_view = chosen.unwrap_or(props.plan.0.cas.n > 0);
    let shapes = use_memo((props.plan.clone(), cas_view), |(plan, cas_view)| {
        let p = &plan.0;
        let svc: Vec<(u64, u64)> = p
            .services
            .iter()
            .map(|s| (s.cpu, s.reserved_memory_mib))
            .collect();
        let dae: Vec<(u64, u64)> = p.daemons.iter().map(|d| (d.1, d.2)).collect();
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
    let p = &props.plan.0;
    let name = |i: usize| p.services.get(i).map_or("?", |s| s.name.as_str());
    let type_name = |t: usize| p.offers.get(t).map_or("?", |o| o.instance.name.as_str());
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
            String::new()
        } else {
            ", some tasks not placed".into()
        }
    );
    let columns = shapes.columns.iter().map(|c| {
        let g = &c.group;
        let zones: Vec<String> = g.zones.iter().map(|&z| az_letter(z)).collect();
        let contents: Vec<String> = g.inst.tasks.iter().map(|&(s, n)| format!("{n} {}", name(s))).collect();
        let title = if g.fate == Fate::Adding {
            format!("{} {} instance(s) CAS is about to add (launching, not yet registered)", g.count, type_name(g.inst.type_index))
        } else {
            format!(
            "{}{} {}{}, zone {}: {}; free {} CPU units, {} MiB, {} ENIs",
            if g.fate == Fate::Removing { "To be removed by the scale-in: " } else { "" },
            if g.count == 1 { format!("Instance #{}", g.first + 1) } else { format!("{} identical instances from #{}", g.count, g.first + 1) },
            type_name(g.inst.type_index),
            if g.count == 1 { "" } else { " each" },
            zones.join(", "),
            if contents.is_empty() { "no tasks".to_string() } else { contents.join(", ") },
            g.inst.free_cpu,
            g.inst.free_memory,
            g.inst.free_enis
        )
        };
        let task_nodes = c.tasks.iter().map(|t| {
            let class = format!("svc-{}", t.service % PALETTE);
            let (cpu, mem) = p.services.get(t.service).map_or((0, 0), |s| (s.cpu, s.reserved_memory_mib));
            let tip = if c.runs {
                format!("{} x {}: {} CPU units, {} MiB", t.count, name(t.service), cpu * t.count, mem * t.count)
            } else {
                format!("{}: {} CPU units, {} MiB", name(t.service), cpu, mem)
            };
            html! {
                <g data-testid={if c.runs { "task-run" } else { "task" }} data-service={name(t.service).to_string()} data-count={t.count.to_string()}>
                    <title>{ tip }</title>
                    <rect class={class.clone()} x={coord(t.cpu.x)} y={coord(t.cpu.y)} width={coord(t.cpu.w)} height={coord(t.cpu.h)} />
                    <rect class={class} x={coord(t.mem.x)} y={coord(t.mem.y)} width={coord(t.mem.w)} height={coord(t.mem.h)} />
                </g>
            }
        });
        let daemon_nodes = c.daemons.iter().map(|d| {
            let (n, cpu, mem) = p.daemons.get(d.daemon).cloned().unwrap_or_default();
            html! {
                <g data-testid="daemon" data-daemon={n.clone()}>
                    <title>{ format!("daemon {n}: {cpu} CPU units, {mem} MiB") }</title>
                    <rect class="daemon" fill="url(#daemon-hatch)" x={coord(d.cpu.x)} y={coord(d.cpu.y)} width={coord(d.cpu.w)} height={coord(d.cpu.h)} />
                    <rect class="daemon" fill="url(#daemon-hatch)" x={coord(d.mem.x)} y={coord(d.mem.y)} width={coord(d.mem.w)} height={coord(d.mem.h)} />
                </g>
            }
        });
        let label_y = MARGIN + BAR_H + 14.0;
        html! {
            <g data-testid="instance" data-fate={g.fate.as_str()} class={g.fate.as_str()} data-count={g.count.to_string()} data-type={type_name(g.inst.type_index).to_string()} data-first={g.first.to_string()}>
                <title>{ title }</title>
                <rect class="bar" x={coord(c.cpu_bar.x)} y={coord(c.cpu_bar.y)} width={coord(c.cpu_bar.w)} height={coord(c.cpu_bar.h)} />
                <rect class="bar" x={coord(c.mem_bar.x)} y={coord(c.mem_bar.y)} width={coord(c.mem_bar.w)} height={coord(c.mem_bar.h)} />
                { for daemon_nodes }
                { for task_nodes }
                <text class="col-label" x={coord(c.label_x)} y={coord(label_y)} text-anchor="middle">{ range_label(g) }</text>
                <text class="col-sub" x={coord(c.label_x)} y={coord(label_y + 12.0)} text-anchor="middle">{ "C  M" }</text>
            </g>
        }
    });
    html! {
        <section class="panel chart" aria-labelledby="packing-h">
            <h2 id="packing-h">{ "How the tasks pack" }</h2>
            <fieldset class="radios inline">
                <legend>{ "Show" }</legend>
                <label><input type="radio" name="packing-view" id="view-plan" checked={!cas_view} onchange={pick(false)} />
                    { " the plan from scratch (instances needed)" }</label>
                <label><input type="radio" name="packing-view" id="view-cas" checked={cas_view} onchange={pick(true)} />
                    { format!(" the cluster now: {} running, what CAS adds or removes", p.cas.n) }</label>
            </fieldset>
            <ul class="legend" aria-label="Legend">
                { for p.services.iter().enumerate().map(|(i, s)| html! {
                    <li><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect class={format!("svc-{}", i % PALETTE)} width="10" height="10" /></svg>
                        { format!("{} ({} CPU units, {} MiB)", s.name, s.cpu, s.reserved_memory_mib) }</li>
                }) }
                if !p.daemons.is_empty() {
                    <li><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect class="daemon" fill="url(#daemon-hatch)" width="10" height="10" /></svg>{ "daemons" }</li>
                }
                <li><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect class="bar" width="10" height="10" /></svg>{ "free" }</li>
            </ul>
            <div class="chart-scroll">
                <svg data-testid="packing" class="packing" viewBox={format!("0 0 {} {}", coord(shapes.width), coord(shapes.height))}
                    width={coord(shapes.width * 1.25)} height={coord(shapes.height * 1.25)} role="img" aria-label={aria}>
                    <defs>
                        <pattern id="daemon-hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                            <rect class="hatch-bg" width="4" height="4" />
                            <rect class="hatch-line" width="1.5" height="4" />
                        </pattern>
                    </defs>
                    { for columns }
                </svg>
            </div>
            <p class="note">{ "Each column is an instance, or a group of identical ones (x37): the left bar is CPU (C), the right bar memory (M), each as tall as the instance's capacity; empty space is free. Hover for details." }</p>
            if shapes.hidden_groups > 0 {
                <p class="note">{ format!("{} more groups ({} instances) are not drawn; the table lists them all.", shapes.hidden_groups, shapes.hidden_instances) }</p>
            }
            if !shapes.unplaced.is_empty() {
                <div class="unplaced" data-testid="unplaced" role="note">
                    <h3>{ if cas_view { "Waiting in PROVISIONING" } else { "Not placed" } }</h3>
                    <ul>
                        { for shapes.unplaced.iter().map(|&(s, n, r)| html! {
                            <li data-reason={r.as_str()}>{ format!("{n} x {}: {}", name(s), match r {
                                crate::model::packing::Reason::InstanceCap => "the plan stops at 10,000 instances",
                                crate::model::packing::Reason::NoCapacity => if p.cas.waiting.iter().any(|w| w.service == name(s) && !w.cas_will_scale) {
                                    "no running instance has room, and CAS will not scale for these"
                                } else {
                                    "no running instance has room: they wait for the instances CAS adds"
                                },
                                crate::model::packing::Reason::DoesNotFit => "they do not fit the type new instances launch as",
                            }) }</li>
                        }) }
                    </ul>
                </div>
            }
            <details class="table-view">
                <summary>{ "The placement as a table" }</summary>
                <table data-testid="placement-table">
                    <thead><tr><th scope="col">{ "Instances" }</th><th scope="col">{ "Type" }</th><th scope="col">{ "Zones" }</th>
                        <th scope="col">{ "Tasks" }</th><th scope="col">{ "Free CPU" }</th><th scope="col">{ "Free MiB" }</th><th scope="col">{ "Free ENIs" }</th></tr></thead>
                    <tbody>
                        { for shapes.groups.iter().map(|g| {
                            let contents: Vec<String> = g.inst.tasks.iter().map(|&(s, n)| format!("{n} {}", name(s))).collect();
                            let zones: Vec<String> = g.zones.iter().map(|&z| az_letter(z)).collect();
                            html! { <tr>
                                <th scope="row">{ if g.count == 1 { format!("#{}", g.first + 1) } else { format!("{} x (from #{})", g.count, g.first + 1) } }</th>
                                <td>{ type_name(g.inst.type_index) }</td>
                                <td>{ zones.join(", ") }</td>
                                <td>{ contents.join(", ") }</td>
                                <td>{ g.inst.free_cpu }</td>
                                <td>{ g.inst.free_memory }</td>
                                <td>{ g.inst.free_enis }</td>
                            </tr> }
                        }) }
                    </tbody>
                </table>
            </details>
        </section>
    }
}
