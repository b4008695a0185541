//! Cost and the recommender (issue 5), in the on-demand panels module: EC2 against Fargate with each
//! derivation, the editable prices, where paid CPU and memory go, and every catalog type ranked for
//! these services (a sortable, filterable table, a cost-against-waste scatter, and "Apply").
//!
//! The page owns the scenario: price fields and "Apply" send bubbling `ecs-edit` events (`detail:
//! { path, value }`) from this panel's root, which the page's host turns into form edits; the new scenario
//! then comes back as props. A field's text stays as typed here, with its error beside it, until the
//! scenario says otherwise (an example loaded).

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use super::field::{Check, SelectField, TextField};
use super::results::{figures, Fig};
use crate::model::catalog::{self, PRICE_DATE};
use crate::model::cost::{FargatePrices, HOURS_PER_MONTH};
use crate::model::plan::{plan_input, Plan};
use crate::model::read::scenario_from_text;
use crate::model::rec_view::{sort, Col, Filters, RecView};
use crate::model::recommend::{recommend, Options, Recommendation};
use crate::model::scenario::{FargateInput, ScenarioInput};
use crate::model::units::{exact, parse_number, trim_float, usd};
use crate::model::validate::{field_id, thousands, validate, FieldError};
use crate::viz::cost::{parts, scatter, waste_bars, Dot};
use crate::viz::table::{table, Row};

/// Props of the cost panel.
#[derive(Properties, PartialEq, Clone)]
pub struct CostProps {
    /// The scenario, as api.md's JSON (the page's last valid one).
    pub scenario: AttrValue,
    /// The recommender's sort and filters from the link (`RecView::to_link`'s fragment), read
    /// when the panel opens.
    #[prop_or_default]
    pub settings: AttrValue,
}

/// The panel's state: the sort, the filters, and price fields as typed (by scenario path; a
/// type's price under "instancePrices.<type>").
#[derive(Clone, PartialEq, Default)]
struct State {
    view: RecView,
    typed: BTreeMap<String, String>,
    /// What the link's recommender settings held that could not be used.
    notes: Rc<Vec<String>>,
}

impl State {
    /// The panel as a link opens it: its sort and filters, and notes on what it could not use.
    fn opening(settings: &str) -> State {
        let (view, notes) = RecView::from_link(settings);
        State {
            view,
            notes: Rc::new(notes),
            ..State::default()
        }
    }
}

enum Act {
    Sort(Col),
    Filter(fn(&mut Filters, String), String),
    Flag(fn(&mut Filters, bool), bool),
    Typed(String, String),
    /// The scenario changed: drop typed text that no longer reads as its value there.
    Sync(Rc<ScenarioInput>),
    /// Put away the notes on the link.
    Dismiss,
}

impl Reducible for State {
    type Action = Act;

    fn reduce(self: Rc<Self>, action: Act) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Act::Sort(col) => {
                let sort = &mut next.view.sort;
                *sort = if sort.0 == col {
                    (col, !sort.1)
                } else {
                    (col, true)
                }
            }
            Act::Filter(set, v) => set(&mut next.view.filters, v),
            Act::Flag(set, on) => set(&mut next.view.filters, on),
            Act::Dismiss => next.notes = Rc::default(),
            Act::Typed(path, text) => {
                next.typed.insert(path, text);
            }
            Act::Sync(input) => next.typed.retain(|path, text| {
                let typed = if text.trim().is_empty() {
                    None
                } else {
                    parse_number(text).ok()
                };
                typed.is_some() && typed == committed(&input, path)
            }),
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

/// The scenario's value at a price path.
fn committed(input: &ScenarioInput, path: &str) -> Option<f64> {
    let f = input.fargate.clone().unwrap_or_default();
    match path {
        "priceMultiplier" => input.price_multiplier,
        "fargate.x86VcpuHour" => f.x86_vcpu_hour,
        "fargate.x86GbHour" => f.x86_gb_hour,
        "fargate.armVcpuHour" => f.arm_vcpu_hour,
        "fargate.armGbHour" => f.arm_gb_hour,
        _ => path
            .strip_prefix("instancePrices.")
            .and_then(|t| input.instance_prices.as_ref()?.get(t).copied()),
    }
}

/// Puts `v` at a price path of the input.
fn put(input: &mut ScenarioInput, path: &str, v: Option<f64>) {
    let f = input.fargate.get_or_insert_with(FargateInput::default);
    match path {
        "priceMultiplier" => input.price_multiplier = v,
        "fargate.x86VcpuHour" => f.x86_vcpu_hour = v,
        "fargate.x86GbHour" => f.x86_gb_hour = v,
        "fargate.armVcpuHour" => f.arm_vcpu_hour = v,
        "fargate.armGbHour" => f.arm_gb_hour = v,
        _ => {
            if let Some(t) = path.strip_prefix("instancePrices.") {
                let map = input.instance_prices.get_or_insert_with(BTreeMap::new);
                match v {
                    Some(p) => map.insert(t.to_string(), p),
                    None => map.remove(t),
                };
            }
        }
    }
}

/// The error for text typed at a price path: the model's own message (the same validation the
/// page runs), or None when it is valid. Empty text means the list price.
pub fn price_error(input: &ScenarioInput, path: &str, text: &str) -> Option<String> {
    let v = if text.trim().is_empty() {
        None
    } else {
        match parse_number(text) {
            Ok(v) => Some(v),
            Err(m) => return Some(m),
        }
    };
    let mut patched = input.clone();
    put(&mut patched, path, v);
    validate(&patched)
        .err()?
        .into_iter()
        .find(|e: &FieldError| e.path == path)
        .map(|e| e.message)
}

/// The page's pricing field: the scenario's `priceMultiplier`, `instancePrices` and `fargate` as
/// JSON, with the text typed here laid over them (a number where it reads as one, else the text,
/// which the page's reader then reports at its path; empty text removes the entry: list price).
pub fn pricing_json(input: &ScenarioInput, typed: &BTreeMap<String, String>) -> String {
    use serde_json::{Map, Value};
    let mut root = Map::new();
    let mut put_value = |key: &str, v: Option<Value>| {
        if let Some(v) = v.filter(|v| !v.is_null()) {
            root.insert(key.to_string(), v);
        }
    };
    put_value(
        "priceMultiplier",
        input
            .price_multiplier
            .and_then(|m| serde_json::to_value(m).ok()),
    );
    put_value(
        "instancePrices",
        input
            .instance_prices
            .as_ref()
            .and_then(|m| serde_json::to_value(m).ok()),
    );
    put_value(
        "fargate",
        input
            .fargate
            .as_ref()
            .and_then(|f| serde_json::to_value(f).ok()),
    );
    for (path, text) in typed {
        let t = text.trim();
        let value = if t.is_empty() {
            None
        } else if path == "fargate.arch" {
            Some(Value::String(t.to_string()))
        } else {
            Some(
                match parse_number(t).ok().and_then(serde_json::Number::from_f64) {
                    Some(n) => Value::Number(n),
                    None => Value::String(t.to_string()),
                },
            )
        };
        let (object, key) = match path.split_once('.') {
            Some((object, key)) => (Some(object), key),
            None => (None, path.as_str()),
        };
        let map = match object {
            None => &mut root,
            Some(o) => match root
                .entry(o.to_string())
                .or_insert_with(|| Value::Object(Map::new()))
            {
                Value::Object(m) => m,
                _ => continue,
            },
        };
        match value {
            Some(v) => {
                map.insert(key.to_string(), v);
            }
            None => {
                map.remove(key);
            }
        }
    }
    root.retain(|_, v| !matches!(v, Value::Object(m) if m.is_empty()));
    if root.is_empty() {
        String::new()
    } else {
        Value::Object(root).to_string()
    }
}

/// The scenario's catalog types (a custom type is priced in its own fields).
fn type_names(input: &ScenarioInput) -> Vec<String> {
    match (&input.instance_types, &input.instance_type, &input.instance) {
        (Some(list), _, _) => list.clone(),
        (None, Some(t), _) => vec![t.clone()],
        (None, None, None) => vec!["t4g.medium".into()],
        (None, None, Some(_)) => Vec::new(),
    }
}

type Computed = Result<(Rc<ScenarioInput>, Rc<Plan>, Rc<Vec<Recommendation>>), Vec<FieldError>>;

fn compute(scenario: &str) -> Computed {
    let input = scenario_from_text(scenario)?;
    let (s, _) = validate(&input)?;
    let plan = plan_input(&input)?;
    let ranked = recommend(&s, &Options::default());
    Ok((Rc::new(input), Rc::new(plan), Rc::new(ranked)))
}

fn share(x: f64) -> String {
    format!("{} %", trim_float((x * 1000.0).round() / 10.0))
}

/// The cost panel.
#[component]
pub fn CostPanel(props: &CostProps) -> Html {
    let state = {
        let settings = props.settings.clone();
        use_reducer(move || State::opening(&settings))
    };
    let root = use_node_ref();
    {
        // The sort and filters live in the page's link ("r." keys): every change goes to the page.
        let root = root.clone();
        use_effect_with(state.view.clone(), move |v| {
            super::send_edit(&root, "view.r", &v.to_link())
        });
    }
    let computed = use_memo(props.scenario.clone(), |s| compute(s));
    {
        let d = state.dispatcher();
        use_effect_with(computed.clone(), move |c| {
            if let Ok((input, _, _)) = &**c {
                d.dispatch(Act::Sync(input.clone()));
            }
        });
    }
    let (input, plan, ranked) = match &*computed {
        Ok(c) => c.clone(),
        Err(errors) => {
            return html! {
                <section class="panel cost" data-testid="cost" ref={root}>
                    <h2>{ "What it costs" }</h2>
                    <div class="error-summary" role="alert">
                        <ul>{ for errors.iter().map(|e| html! { <li><code>{ e.path.clone() }</code>{ ": " }{ e.message.clone() }</li> }) }</ul>
                    </div>
                </section>
            };
        }
    };
    let c = &plan.cost;
    let ex = |k: &str| plan.explanations.get(k);
    let first_type = plan.instance.type_name.clone();
    let per_hour = |h: f64| format!("{} per hour", usd(h));
    let mut figs = vec![Fig::new(
        "EC2, per month",
        "cost-ec2-monthly",
        usd(c.ec2_monthly),
        exact(c.ec2_monthly),
    )
    .sub(per_hour(c.ec2_hourly))
    .explain(ex("cost.ec2"))];
    figs.push(
        match (c.fargate_monthly, c.fargate_hourly) {
            (Some(m), Some(h)) => Fig::new(
                "Fargate, per month",
                "cost-fargate-monthly",
                usd(m),
                exact(m),
            )
            .sub(format!("{}, {}", per_hour(h), c.fargate_arch)),
            _ => Fig::new(
                "Fargate, per month",
                "cost-fargate-monthly",
                "not possible",
                "null",
            ),
        }
        .explain(ex("cost.fargate")),
    );
    figs.push(
        match c.break_even_tasks {
            Some(n) => Fig::new(
                "EC2 is cheaper from",
                "cost-break-even",
                thousands(n),
                n.to_string(),
            )
            .sub(format!(
                "{} task(s)",
                plan.services.first().map_or("", |s| s.name.as_str())
            )),
            None => Fig::new("EC2 is cheaper from", "cost-break-even", "never", "null"),
        }
        .explain(ex("cost.breakEven")),
    );
    let saving = c.fargate_monthly.map(|f| f - c.ec2_monthly);

    // Price fields.
    let typed = &state.typed;
    let field = |path: String, label: String, list: f64, value: Option<f64>| {
        let text = typed
            .get(&path)
            .cloned()
            .unwrap_or_else(|| value.map(exact).unwrap_or_default());
        let error = price_error(&input, &path, &text);
        let oninput = {
            let (d, root, input, typed, path) = (
                state.dispatcher(),
                root.clone(),
                input.clone(),
                typed.clone(),
                path.clone(),
            );
            Callback::from(move |v: String| {
                d.dispatch(Act::Typed(path.clone(), v.clone()));
                let mut typed = typed.clone();
                typed.insert(path.clone(), v);
                super::send_edit(&root, "pricing", &pricing_json(&input, &typed));
            })
        };
        html! {
            <TextField id={field_id(&path)} label={label} value={text} error={error}
                placeholder={Some(AttrValue::from(exact(list)))} inputmode="decimal" {oninput} />
        }
    };
    let fargate_in = input.fargate.clone().unwrap_or_default();
    let priced_arch = c.fargate_arch;
    let (vcpu_path, gb_path, list_prices, vcpu_now, gb_now) = if priced_arch == "arm64" {
        (
            "fargate.armVcpuHour",
            "fargate.armGbHour",
            FargatePrices::ARM,
            fargate_in.arm_vcpu_hour,
            fargate_in.arm_gb_hour,
        )
    } else {
        (
            "fargate.x86VcpuHour",
            "fargate.x86GbHour",
            FargatePrices::X86,
            fargate_in.x86_vcpu_hour,
            fargate_in.x86_gb_hour,
        )
    };
    let on_arch = {
        let (root, input, typed) = (root.clone(), input.clone(), typed.clone());
        Callback::from(move |v: String| {
            let mut typed = typed.clone();
            typed.insert("fargate.arch".into(), v);
            super::send_edit(&root, "pricing", &pricing_json(&input, &typed));
        })
    };
    let arch_options: Vec<(AttrValue, AttrValue)> = vec![
        (
            "".into(),
            format!(
                "as the instance type ({})",
                catalog::find(&first_type).map_or("x86_64", |t| t.arch.as_str())
            )
            .into(),
        ),
        ("arm64".into(), "arm64 (Graviton)".into()),
        ("x86_64".into(), "x86_64".into()),
    ];

    // Waste.
    let waste = c.waste.map(|w| {
        let rows: Vec<Row> = [("CPU", w.cpu), ("Memory", w.memory)]
            .iter()
            .map(|(name, split)| Row {
                attrs: vec![("data-resource", name.to_ascii_lowercase())],
                cells: std::iter::once(name.to_string())
                    .chain(parts(split).iter().map(|(_, _, x)| share(*x)))
                    .collect(),
            })
            .collect();
        let heads: Vec<&str> = std::iter::once("Paid")
            .chain(parts(&w.cpu).iter().map(|(_, l, _)| *l))
            .collect();
        (
            Html::from_html_unchecked(AttrValue::from(waste_bars(&w.cpu, &w.memory))),
            Html::from_html_unchecked(AttrValue::from(table(
                "waste",
                Some("waste"),
                &heads,
                &rows,
            ))),
        )
    });

    // The recommender.
    let f = &state.view.filters;
    let mut shown: Vec<&Recommendation> = ranked.iter().filter(|r| f.pass(r)).collect();
    sort(&mut shown, state.view.sort.0, state.view.sort.1);
    let families: Vec<String> = {
        let mut v: Vec<String> = ranked
            .iter()
            .filter(|r| f.arch.is_empty() || r.arch == f.arch)
            .map(|r| r.family.clone())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let generations: Vec<u32> = {
        let mut v: Vec<u32> = ranked.iter().map(|r| r.generation).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    // The options, plus the current value when none of them is it (a link's family that no
    // type has), so the select shows the filter the table applies.
    let opts_with =
        |first: &str, items: Vec<String>, current: &str| -> Vec<(AttrValue, AttrValue)> {
            let stray = (!current.is_empty() && !items.iter().any(|i| i == current)).then(|| {
                (
                    AttrValue::from(current.to_string()),
                    AttrValue::from(format!("{current} (matches no type)")),
                )
            });
            std::iter::once((AttrValue::from(""), AttrValue::from(first.to_string())))
                .chain(
                    items
                        .into_iter()
                        .map(|i| (AttrValue::from(i.clone()), AttrValue::from(i))),
                )
                .chain(stray)
                .collect()
        };
    let opts = |first: &str, items: Vec<String>| opts_with(first, items, "");
    let filter = |set: fn(&mut Filters, String)| {
        let d = state.dispatcher();
        Callback::from(move |v: String| d.dispatch(Act::Filter(set, v)))
    };
    let flag = |set: fn(&mut Filters, bool)| {
        let d = state.dispatcher();
        Callback::from(move |on: bool| d.dispatch(Act::Flag(set, on)))
    };
    let apply = |name: String| {
        let root = root.clone();
        Callback::from(move |_: MouseEvent| super::send_edit(&root, "instanceType", &name))
    };
    let on_scatter = {
        let root = root.clone();
        Callback::from(move |e: MouseEvent| {
            let t = e
                .target_dyn_into::<web_sys::Element>()
                .and_then(|el| el.closest("[data-type]").ok().flatten())
                .and_then(|el| el.get_attribute("data-type"));
            if let Some(t) = t {
                super::send_edit(&root, "instanceType", &t);
            }
        })
    };
    let dots: Vec<Dot<'_>> = shown
        .iter()
        .filter(|r| r.fits && r.monthly_cost > 0.0)
        .map(|r| Dot {
            name: &r.instance_type,
            arch: r.arch,
            cost: r.monthly_cost,
            waste: r.waste_share,
        })
        .collect();
    let chart = Html::from_html_unchecked(AttrValue::from(scatter(&dots, &first_type)));
    let cheapest = shown.iter().find(|r| r.fits).map(|r| (*r).clone());
    let (col, asc) = state.view.sort;
    html! {
        <section class="panel cost" aria-labelledby="cost-h" data-testid="cost" ref={root.clone()}>
            <h2 id="cost-h">{ "What it costs" }</h2>
            { super::link_notes(&state.notes, "cost-link-notes", { let d = state.dispatcher(); Callback::from(move |()| d.dispatch(Act::Dismiss)) }) }
            <p class="note">{ format!("Prices: us-east-1 Linux On-Demand list prices (AWS Price List, {PRICE_DATE}), USD; a month is {} hours. Edit any price, or set a multiplier for another region, Savings Plans or Spot.", HOURS_PER_MONTH as u64) }</p>
            { figures(figs) }
            if let Some(d) = saving {
                <p class="status" data-testid="cost-verdict">{
                    if d > 0.0 { format!("EC2 costs {} a month less than Fargate for these tasks, at {} instance(s).", usd(d), plan.instances_needed) }
                    else if d < 0.0 { format!("Fargate costs {} a month less than EC2 for these tasks.", usd(-d)) }
                    else { "EC2 and Fargate cost the same for these tasks.".to_string() }
                }</p>
            }
            <h3>{ "Prices" }</h3>
            <div class="row">
                { for type_names(&input).into_iter().map(|t| {
                    let list = catalog::find(&t).map_or(0.0, |x| x.price_per_hour);
                    let path = format!("instancePrices.{t}");
                    let now = committed(&input, &path);
                    field(path, format!("{t}, USD per hour"), list, now)
                }) }
                { field("priceMultiplier".into(), "Multiplier (region, Savings Plans, Spot)".into(), 1.0, input.price_multiplier) }
                <SelectField id="fargate-arch" label="Fargate architecture" value={fargate_in.arch.clone().unwrap_or_default()} options={arch_options} onchange={on_arch} />
                { field(vcpu_path.into(), format!("Fargate {priced_arch}, USD per vCPU-hour"), list_prices.vcpu_hour, vcpu_now) }
                { field(gb_path.into(), format!("Fargate {priced_arch}, USD per GB-hour"), list_prices.gb_hour, gb_now) }
            </div>
            if let Some((bars, tbl)) = waste {
                <h3>{ "Where paid CPU and memory go (at the steady state)" }</h3>
                <ul class="legend">
                    { for parts(&c.waste.map(|w| w.cpu).unwrap_or(crate::model::cost::WasteSplit { reserved: 0.0, fragmentation: 0.0, daemons: 0.0, registered_memory: 0.0, headroom: 0.0 })).iter().map(|(class, label, _)| html! { <li><span class={classes!("key", *class)}></span>{ *label }</li> }) }
                </ul>
                { bars }
                { tbl }
                if let Some(e) = ex("cost.waste") { <details class="how"><summary>{ "How?" }</summary><p data-testid="explain-waste">{ e.clone() }</p></details> }
            }
            <h3 id="recommend-h">{ "Which instance type fits best" }</h3>
            <p class="note">{ "Every catalog type planned for these services (placement from scratch, the same strategy and daemons), ranked by monthly cost. \"Unreserved\" is the share of paid capacity no task reserves: 1 - the mean of the CPU and memory shares. Click a mark or Apply to use a type." }</p>
            if let Some(best) = &cheapest {
                <p class="status" data-testid="recommend-best">{ format!("Cheapest shown: {} x {} at {} per month{}.", best.instances_needed, best.instance_type, usd(best.monthly_cost), if best.instance_type == first_type { " (the current type)" } else { "" }) }</p>
            }
            <div class="row">
                <SelectField id="recommend-arch" label="Architecture" value={f.arch.clone()} options={opts("all", vec!["arm64".into(), "x86_64".into()])} onchange={filter(|f, v| { f.arch = v; f.family.clear(); })} />
                <SelectField id="recommend-family" label="Family" value={f.family.clone()} options={opts_with("all", families, &f.family)} onchange={filter(|f, v| f.family = v)} />
                <SelectField id="recommend-generation" label="Generation" value={f.generation.clone()} options={opts_with("all", generations.iter().map(u32::to_string).collect(), &f.generation)} onchange={filter(|f, v| f.generation = v)} />
                <Check id="recommend-awsvpc" label="awsvpc tasks fit" checked={f.awsvpc} onchange={flag(|f, on| f.awsvpc = on)} />
                <Check id="recommend-fits" label="Hide types a task does not fit" checked={f.fits} onchange={flag(|f, on| f.fits = on)} />
            </div>
            <div class="chart-scroll" onclick={on_scatter}>{ chart }</div>
            <p class="note" data-testid="recommend-count">{ format!("{} of {} types shown.", shown.len(), ranked.len()) }</p>
            <div class="table-scroll">
                <table class="recommend" data-testid="recommend-table" aria-labelledby="recommend-h">
                    <thead><tr>
                        { for Col::ALL.iter().map(|&(k, key, label)| {
                            let d = state.dispatcher();
                            let sort = if k == col { if asc { "ascending" } else { "descending" } } else { "none" };
                            html! {
                                <th scope="col" aria-sort={sort}>
                                    <button type="button" class="sort" data-sort={key} onclick={Callback::from(move |_| d.dispatch(Act::Sort(k)))}>
                                        { label }{ match sort { "ascending" => " ▲", "descending" => " ▼", _ => "" } }
                                    </button>
                                </th>
                            }
                        }) }
                        <th scope="col">{ "awsvpc fits" }</th>
                        <th scope="col"><span class="visually-hidden">{ "Apply" }</span></th>
                    </tr></thead>
                    <tbody>
                        { for shown.iter().map(|r| {
                            let current = r.instance_type == first_type;
                            html! {
                                <tr data-testid="recommend-row" data-type={r.instance_type.clone()} data-cost={exact(r.monthly_cost)} class={classes!(current.then_some("current"))}>
                                    <th scope="row">{ &r.instance_type }<span class="sub">{ format!(" {}", r.arch) }</span></th>
                                    <td>{ if r.fits { thousands(r.instances_needed) } else { "does not fit".into() } }</td>
                                    <td>{ if r.fits { usd(r.monthly_cost) } else { "-".into() } }</td>
                                    <td>{ share(r.cpu_used_share) }</td>
                                    <td>{ share(r.memory_used_share) }</td>
                                    <td>{ share(r.waste_share) }</td>
                                    <td>{ r.limited_by.label() }</td>
                                    <td>{ if r.awsvpc_fits { "yes" } else { "no" } }</td>
                                    <td>
                                        if current { <span class="sub">{ "current" }</span> }
                                        else if r.fits {
                                            <button type="button" data-testid="apply" aria-label={format!("Apply {}", r.instance_type)} onclick={apply(r.instance_type.clone())}>{ "Apply" }</button>
                                        }
                                    </td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Price fields get the model's messages; empty text is the list price.
    #[test]
    fn price_errors_are_the_models() {
        let input = scenario_from_text(r#"{"services":[{"memory":512}]}"#).unwrap();
        assert_eq!(price_error(&input, "instancePrices.t4g.medium", ""), None);
        assert_eq!(
            price_error(&input, "instancePrices.t4g.medium", "0.02"),
            None
        );
        let e = price_error(&input, "instancePrices.t4g.medium", "20000");
        assert!(
            e.as_ref().is_some_and(|m| m.contains("from 0 to 10000")),
            "{e:?}"
        );
        assert!(price_error(&input, "instancePrices.t4g.medium", "-1").is_some());
        assert!(price_error(&input, "priceMultiplier", "abc").is_some());
        assert!(price_error(&input, "fargate.armGbHour", "1000").is_some());
        let mut patched = input.clone();
        put(&mut patched, "fargate.armGbHour", Some(0.5));
        assert_eq!(committed(&patched, "fargate.armGbHour"), Some(0.5));
    }

    /// Typed text lays over the scenario's prices; empty text removes an entry; text that is not
    /// a number goes through as text, for the page's reader to name.
    #[test]
    fn pricing_json_overlays_typed_text() {
        let input = scenario_from_text(
            r#"{"services":[{"memory":512}],"instancePrices":{"m6g.large":0.07},"fargate":{"armGbHour":0.004}}"#,
        )
        .unwrap();
        let typed: BTreeMap<String, String> = [
            ("instancePrices.t4g.medium", "0.03"),
            ("instancePrices.m6g.large", ""),
            ("priceMultiplier", "abc"),
            ("fargate.arch", "x86_64"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let v: serde_json::Value = serde_json::from_str(&pricing_json(&input, &typed)).unwrap();
        assert_eq!(
            v,
            serde_json::json!({
                "instancePrices": {"t4g.medium": 0.03},
                "priceMultiplier": "abc",
                "fargate": {"armGbHour": 0.004, "arch": "x86_64"}
            })
        );
        assert_eq!(
            pricing_json(&scenario_from_text("{}").unwrap(), &BTreeMap::new()),
            ""
        );
    }
}
