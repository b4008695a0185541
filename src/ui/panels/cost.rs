//! Cost and the recommender (issue 5): EC2 against Fargate with each derivation, the editable
//! prices, where paid CPU and memory go, and every catalog type ranked for these services (a
//! sortable, filterable table, a cost-against-waste scatter, and "Apply").
//!
//! The page owns the scenario, its plan and this panel's settings: the panel draws the page's
//! plan, and prices typed, a type applied and the recommender's sort and filters go back as the
//! page's typed edits. A price's text stays as typed, with its error beside it.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::catalog::Maker;
use crate::model::catalog::{self, PRICE_DATE};
use crate::model::cost::{FargatePrices, HOURS_PER_MONTH};
use crate::model::plan::Plan;
use crate::model::recommend::{Options, Ranking, Recommendation};
use crate::model::scenario::{member, FargateInput, ScenarioInput};
use crate::model::units::{exact, trim_float, usd};
use crate::model::validate::{field_id, thousands, validate};
use crate::state::form::{Edit, Field};
use crate::state::prices::{fargate_arch, price_error, Prices};
use crate::state::rec_view::{sort, Col, Filters, RecView, MIN_GIBS, MIN_VCPUS};
use crate::ui::field::{Check, SelectField, TextField};
use crate::ui::results::{figures, Fig};
use crate::ui::steps;
use crate::ui::{link_notes, InputRef, PlanRef};
use crate::viz::cost::{parts, scatter, waste_bars, Dot};
use crate::viz::table::{table, Row};

/// Props of the cost panel: the page's last valid scenario and its plan, the recommender's view
/// and the typed prices from the page's state.
#[derive(Properties, PartialEq, Clone)]
pub struct CostProps {
    /// The page's last valid scenario.
    pub input: InputRef,
    /// Its plan, as the page computed it.
    pub plan: PlanRef,
    /// The recommender's sort and filters.
    pub view: RecView,
    /// Prices as typed.
    pub prices: Prices,
    /// What the link held for the recommender that could not be used.
    #[prop_or_default]
    pub notes: Rc<Vec<String>>,
    /// Puts the notes away.
    pub ondismiss: Callback<()>,
    /// The page's edits: a type applied, a price typed, the view changed.
    pub onedit: Callback<Edit>,
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

/// The ranking of every catalog type for the scenario, started (validation only: the page already
/// planned it); None when the scenario does not validate (the ranking is then empty).
fn ranking_for(input: &ScenarioInput) -> Option<Ranking> {
    // With capacity providers the ranking (of one group's type) is not run: see `providers_cost`.
    validate(input)
        .ok()
        .filter(|(s, _)| s.providers.is_empty())
        .map(|(s, _)| Ranking::new(&s, &Options::default()))
}

fn share(x: f64) -> String {
    format!("{} %", trim_float((x * 1000.0).round() / 10.0))
}

/// The cost panel: the figures, the prices, where paid capacity goes, and the recommender.
#[component]
pub fn CostPanel(props: &CostProps) -> Html {
    // The ranking runs in steps after each new scenario (a newer one cancels it), its progress
    // shown; the last complete ranking stays on screen meanwhile.
    let ranked = use_state(|| Rc::new(Vec::<Recommendation>::new()));
    let progress = use_state(|| None::<f64>);
    {
        let (ranked, progress) = (ranked.clone(), progress.clone());
        use_effect_with(props.input.clone(), move |input| {
            let cancel = match ranking_for(&input.0) {
                None => {
                    ranked.set(Rc::new(Vec::new()));
                    progress.set(None);
                    None
                }
                Some(job) => {
                    progress.set(Some(0.0));
                    let p = progress.clone();
                    Some(steps::run(
                        job,
                        0,
                        Callback::from(move |f| p.set(Some(f))),
                        Callback::from(move |r| {
                            ranked.set(Rc::new(r));
                            progress.set(None);
                        }),
                    ))
                }
            };
            move || {
                if let Some(c) = cancel {
                    c.set(true);
                }
            }
        });
    }
    // The comparison plans Managed Instances' types: once per scenario, not per render.
    let compared = use_memo(
        (props.input.clone(), props.plan.clone()),
        |(input, plan)| {
            crate::model::validate::validate(&input.0)
                .ok()
                .map(|(s, _)| crate::model::compare::comparison(&s, &plan.0))
        },
    );
    let ranked: Rc<Vec<Recommendation>> = (*ranked).clone();
    let plan = &props.plan.0;
    let c = &plan.cost;
    let saving = c.fargate_monthly.map(|f| f - c.ec2_monthly);
    html! {
        <section class="panel cost" aria-labelledby="cost-h" data-testid="cost">
            <h2 id="cost-h">{ "What it costs" }</h2>
            { link_notes(&props.notes, "cost-link-notes", props.ondismiss.clone()) }
            <p class="note">{ format!("Prices: us-east-1 Linux On-Demand list prices (AWS Price List, {PRICE_DATE}), USD; a month is {} hours. Edit any price, or set a multiplier for another region, Savings Plans or Spot.", HOURS_PER_MONTH as u64) }</p>
            if !plan.providers.is_empty() {
                { providers_cost(plan) }
            } else {
                { figures(cost_figures(plan)) }
                if plan.instances_capped {
                    <p class="status" data-testid="cost-verdict">{ format!("EC2 needs more than {} instances for these tasks (the plan stops there), so its cost is a lower bound and is not compared with Fargate.", thousands(plan.instances_needed)) }</p>
                } else if let Some(d) = saving {
                    <p class="status" data-testid="cost-verdict">{
                        if d > 0.0 { format!("EC2 costs {} a month less than Fargate for these tasks, at {} instance(s).", usd(d), plan.instances_needed) }
                        else if d < 0.0 { format!("Fargate costs {} a month less than EC2 for these tasks.", usd(-d)) }
                        else { "EC2 and Fargate cost the same for these tasks.".to_string() }
                    }</p>
                }
            }
            { compare_section(compared.as_ref().as_ref()) }
            <h3>{ "Prices" }</h3>
            { price_fields(props) }
            // With providers each group's types are its own: no one type to rank.
            if plan.providers.is_empty() {
                { waste_section(plan) }
                { recommender(props, &ranked, *progress) }
            }
        </section>
    }
}

/// EC2, Managed Instances and Fargate for the same services (issue 15): a bar and a row each,
/// what each needs you to run, the cheapest named with the assumptions that decide it.
fn compare_section(
    compared: Option<&(crate::model::cost::Comparison, Vec<(String, String)>)>,
) -> Html {
    use crate::model::compare::way_words;
    let Some((c, words)) = compared else {
        return Html::default();
    };
    let max = c.ways.iter().filter_map(|w| w.monthly).fold(0.0, f64::max);
    let mut svg = String::from(
        r#"<svg class="compare" data-testid="compare-chart" viewBox="0 0 640 160" role="img" aria-label="Monthly cost of each way to run the same services (the table below has the figures; the cheapest in green)">"#,
    );
    for (i, w) in c.ways.iter().enumerate() {
        let share = w
            .monthly
            .map_or(0.0, |m| if max > 0.0 { m / max } else { 0.0 });
        let title = format!(
            "{}: {}",
            way_words(w.key),
            w.monthly.map_or("cannot run them".to_string(), usd)
        );
        // Each way's name at the left, its monthly figure after its bar.
        let y = 4.0 + i as f64 * 26.0;
        let (left, right) = (210.0, 560.0);
        let _ = std::fmt::Write::write_fmt(
            &mut svg,
            format_args!(
                r#"<text class="tick" x="{}" y="{}" dominant-baseline="middle">{}</text>"#,
                crate::model::units::trim_float(left + (right - left) * share + 4.0),
                crate::model::units::trim_float(y + 11.0),
                w.monthly.map_or("-".to_string(), usd)
            ),
        );
        crate::viz::markup::bar_row(
            &mut svg,
            y,
            way_words(w.key),
            (left, right),
            [(
                format!("cmp {}", if w.key == c.cheapest { "cheapest" } else { "" }),
                share,
                title,
            )],
        );
    }
    svg.push_str("</svg>");
    let rows: Vec<Row> = c
        .ways
        .iter()
        .map(|w| Row {
            attrs: vec![
                ("data-way", w.key.into()),
                ("data-monthly", w.monthly.map_or_else(String::new, exact)),
            ],
            cells: vec![
                way_words(w.key).to_string(),
                w.monthly.map_or_else(|| "-".to_string(), usd),
                w.runs_on.clone(),
                w.you_run.to_string(),
            ],
        })
        .collect();
    let text = |k: &str| {
        words
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, t)| t.clone())
            .unwrap_or_default()
    };
    html! {
        <>
            <h3>{ "EC2, Managed Instances or Fargate" }</h3>
            <p class="status" data-testid="compare-cheapest">{ text("cost.comparison.cheapest") }</p>
            <div class="chart-scroll" tabindex="0" aria-label="the comparison chart (scrolls sideways on a narrow screen)">{ Html::from_html_unchecked(AttrValue::from(svg)) }</div>
            <div class="table-scroll whole">{ Html::from_html_unchecked(AttrValue::from(table(
                "compare",
                Some("compare-table"),
                &["Way", "Per month", "Runs on", "You run"],
                &rows,
            ))) }</div>
            <details class="how"><summary>{ "How?" }</summary><p>{ text("cost.comparison") }</p></details>
        </>
    }
}

/// With capacity providers: each provider's cost a month and an hour, the total, and what all
/// On-Demand would cost; the recommender (one group's type) is not run.
fn providers_cost(plan: &Plan) -> Html {
    html! {
        <>
            if let Some(t) = &plan.cost.providers_total {
                <p class="status" data-testid="cost-providers" data-monthly={exact(t.monthly)} data-on-demand={exact(t.all_on_demand_monthly)}>
                    { format!("{} a month ({} an hour) on these capacity providers; all On-Demand (no Spot discount) it would be {} a month{}.", usd(t.monthly), usd(t.hourly), usd(t.all_on_demand_monthly), if t.all_on_demand_monthly - t.monthly >= 0.005 { format!(", {} more", usd(t.all_on_demand_monthly - t.monthly)) } else { ", the same".to_string() }) }
                </p>
            }
            <div class="table-scroll">{ Html::from_html_unchecked(AttrValue::from(table(
                "cost-providers",
                Some("cost-providers-table"),
                &["Provider", "Per hour", "Per month", "All On-Demand, per month"],
                &plan.providers.iter().map(|o| Row {
                    attrs: vec![("data-provider", o.name.clone())],
                    cells: vec![o.name.clone(), usd(o.hourly), usd(o.monthly), usd(o.on_demand_monthly)],
                }).collect::<Vec<_>>(),
            ))) }</div>
            <details class="how"><summary>{ "How?" }</summary>
                <ul>{ for plan.providers.iter().map(|o| html! { <li>{ format!("{}: {}", o.name, o.explanation) }</li> }) }</ul>
            </details>
            <p class="note">{ "The instance-type recommender ranks types for one Auto Scaling group; with capacity providers it is not run (each group's types are its own)." }</p>
        </>
    }
}

/// EC2 and Fargate per month, and the task count from which EC2 is cheaper, each with its
/// derivation.
fn cost_figures(plan: &Plan) -> Vec<Fig> {
    let c = &plan.cost;
    let ex = |k: &str| plan.explanations.get(k);
    let per_hour = |h: f64| format!("{} per hour", usd(h));
    // At the instance cap the EC2 figure is a lower bound, and says so.
    let more = if plan.instances_capped {
        "more than "
    } else {
        ""
    };
    let ec2 = Fig::new(
        "EC2, per month",
        "cost-ec2-monthly",
        format!("{more}{}", usd(c.ec2_monthly)),
        exact(c.ec2_monthly),
    )
    .sub(format!("{more}{}", per_hour(c.ec2_hourly)))
    .explain(ex("cost.ec2"));
    let fargate = match (c.fargate_monthly, c.fargate_hourly) {
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
    .explain(ex("cost.fargate"));
    let break_even = match c.break_even_tasks {
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
    .explain(ex("cost.breakEven"));
    vec![ec2, fargate, break_even]
}

/// The price fields: each type's hourly price, the multiplier, Fargate's architecture and its two
/// prices (of the architecture priced), each text as typed with its error beside it.
fn price_fields(props: &CostProps) -> Html {
    let input = &props.input.0;
    let prices = &props.prices;
    let c = &props.plan.0.cost;
    let field = |path: String, label: String, list: f64| {
        let text = prices.text(&path).to_string();
        let error = price_error(input, &path, &text);
        let oninput = {
            let (onedit, path) = (props.onedit.clone(), path.clone());
            Callback::from(move |v: String| onedit.emit(Edit::Price(path.clone(), v)))
        };
        html! {
            <TextField id={field_id(&path)} label={label} value={text} error={error}
                placeholder={Some(AttrValue::from(exact(list)))} inputmode="decimal" {oninput} />
        }
    };
    let priced_arch = c.fargate_arch;
    let (vcpu_path, gb_path, list_prices) = if priced_arch == "arm64" {
        (
            member(ScenarioInput::FARGATE, FargateInput::ARM_VCPU_HOUR),
            member(ScenarioInput::FARGATE, FargateInput::ARM_GB_HOUR),
            FargatePrices::ARM,
        )
    } else {
        (
            member(ScenarioInput::FARGATE, FargateInput::X86_VCPU_HOUR),
            member(ScenarioInput::FARGATE, FargateInput::X86_GB_HOUR),
            FargatePrices::X86,
        )
    };
    let on_arch = {
        let onedit = props.onedit.clone();
        Callback::from(move |v: String| onedit.emit(Edit::Price(fargate_arch(), v)))
    };
    html! {
        <div class="row">
            { for type_names(input).into_iter().map(|t| {
                let list = catalog::find(&t).map_or(0.0, |x| x.price_per_hour);
                let path = member(ScenarioInput::INSTANCE_PRICES, &t);
                field(path, format!("{t}, USD per hour"), list)
            }) }
            { field(ScenarioInput::PRICE_MULTIPLIER.into(), "Multiplier (region, Savings Plans, Spot)".into(), 1.0) }
            { field(ScenarioInput::COMMITMENT_DISCOUNT.into(), "Savings Plans / Reserved discount (%, On-Demand and Fargate)".into(), 0.0) }
            <SelectField id="fargate-arch" label="Fargate architecture" value={AttrValue::from(prices.text(&fargate_arch()).to_string())} options={arch_options(&props.plan.0.instance.type_name)} onchange={on_arch} />
            { field(vcpu_path, format!("Fargate {priced_arch}, USD per vCPU-hour"), list_prices.vcpu_hour) }
            { field(gb_path, format!("Fargate {priced_arch}, USD per GB-hour"), list_prices.gb_hour) }
        </div>
    }
}

/// Fargate's architectures: as the instance type (named, from `first_type`), arm64, x86_64.
fn arch_options(first_type: &str) -> Vec<(AttrValue, AttrValue)> {
    vec![
        (
            "".into(),
            format!(
                "as the instance type ({})",
                catalog::find(first_type).map_or("x86_64", |t| t.arch.as_str())
            )
            .into(),
        ),
        ("arm64".into(), "arm64 (Graviton)".into()),
        ("x86_64".into(), "x86_64".into()),
    ]
}

/// Where paid CPU and memory go at the steady state: a legend, the bars, the table and how
/// (nothing when the plan has no split).
fn waste_section(plan: &Plan) -> Html {
    let Some(w) = plan.cost.waste else {
        return match plan.explanations.get("cost.waste") {
            Some(why) if plan.instances_capped => {
                html! { <p class="note" data-testid="waste-capped">{ why.clone() }</p> }
            }
            _ => Html::default(),
        };
    };
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
    let bars = Html::from_html_unchecked(AttrValue::from(waste_bars(&w.cpu, &w.memory)));
    let tbl = Html::from_html_unchecked(AttrValue::from(table(
        "waste",
        Some("waste"),
        &heads,
        &rows,
    )));
    html! {
        <>
            <h3>{ "Where paid CPU and memory go (at the steady state)" }</h3>
            <ul class="legend">
                { for parts(&w.cpu).iter().map(|(class, label, _)| html! { <li><span ~className={format!("key {class}")}></span>{ *label }</li> }) }
            </ul>
            { bars }
            <div class="table-scroll">{ tbl }</div>
            if let Some(e) = plan.explanations.get("cost.waste") { <details class="how"><summary>{ "How?" }</summary><p data-testid="explain-waste">{ e.clone() }</p></details> }
        </>
    }
}

/// The recommender: the types that pass the filters, sorted; the filters, the cost-against-waste
/// scatter, the count and the table.
fn recommender(props: &CostProps, ranked: &[Recommendation], progress: Option<f64>) -> Html {
    let view = &props.view;
    let first_type = props.plan.0.instance.type_name.as_str();
    let mut shown: Vec<&Recommendation> = ranked.iter().filter(|r| view.filters.pass(r)).collect();
    sort(&mut shown, view.sort.0, view.sort.1);
    let on_scatter = {
        let onedit = props.onedit.clone();
        Callback::from(move |e: MouseEvent| {
            let t = e
                .target_dyn_into::<web_sys::Element>()
                .and_then(|el| el.closest("[data-type]").ok().flatten())
                .and_then(|el| el.get_attribute("data-type"));
            if let Some(t) = t {
                onedit.emit(Edit::Set(Field::InstanceType, t));
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
    let chart = Html::from_html_unchecked(AttrValue::from(scatter(&dots, first_type)));
    // The cheapest of the rows shown, whatever column the table is sorted by.
    let cheapest = shown
        .iter()
        .filter(|r| r.fits)
        .min_by(|a, b| a.monthly_cost.total_cmp(&b.monthly_cost))
        .map(|r| (*r).clone());
    html! {
        <>
            <h3 id="recommend-h">{ "Which instance type fits best" }</h3>
            <p class="note">{ "Every catalog type planned for these services (placement from scratch, the same strategy and daemons), ranked by monthly cost. \"Unreserved\" is the share of paid capacity no task reserves: 1 - the mean of the CPU and memory shares. Click a mark or Apply to use a type." }</p>
            if let Some(f) = progress {
                <p class="status" role="status" data-testid="recommend-busy">
                    { format!("Ranking the types for this scenario… {} %", (f * 100.0).floor() as u32) }
                    { " " }<progress max="1" value={trim_float(f)} aria-label="Ranking progress"></progress>
                    { if ranked.is_empty() { "" } else { " (the table shows the last complete ranking meanwhile)" } }
                </p>
            }
            // Nothing ranked yet: the progress alone, not an empty chart and table.
            if progress.is_none() || !ranked.is_empty() {
            if let Some(best) = &cheapest {
                <p class="status" data-testid="recommend-best">{ format!("Cheapest shown: {} x {} at {} per month{}.", best.instances_needed, best.instance_type, usd(best.monthly_cost), if best.instance_type == first_type { " (the current type)" } else { "" }) }</p>
            }
            { rec_filters(view, ranked, &props.onedit) }
            <div class="chart-scroll" onclick={on_scatter}>{ chart }</div>
            <p class="note" data-testid="recommend-count">{ format!("{} of {} types shown.", shown.len(), ranked.len()) }</p>
            if let Some(why) = not_planned(ranked) {
                <p class="note" data-testid="recommend-not-planned">{ why }</p>
            }
            { rec_table(&shown, view, first_type, &props.onedit) }
            }
        </>
    }
}

/// What the table says of the types the ranking did not plan (see `recommend::WORK_ALL`), if any.
fn not_planned(ranked: &[Recommendation]) -> Option<String> {
    let n = ranked.iter().filter(|r| !r.planned && r.may_fit()).count();
    let first = ranked.iter().find(|r| !r.planned && r.may_fit())?;
    Some(format!(
        "{n} types were not planned, to keep the page responsive: their rows show the lower bound and its cost, \"at least\". The first says why: {}. The work limits ({} and {} of placement work: tasks placed plus services x instances) are this app's assumptions.",
        first.not_planned.as_deref().unwrap_or_default(),
        thousands(crate::model::recommend::WORK_ALL),
        thousands(crate::model::recommend::WORK_CAP)
    ))
}

/// The options, plus the current value when none of them is it (a link's family that no type
/// has), so the select shows the filter the table applies.
fn options_with(first: &str, items: Vec<String>, current: &str) -> Vec<(AttrValue, AttrValue)> {
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
}

/// The recommender's filters: architecture, family (of that architecture), generation, and the
/// two checks; each change goes back as the page's edit of the view.
fn rec_filters(view: &RecView, ranked: &[Recommendation], onedit: &Callback<Edit>) -> Html {
    let f = &view.filters;
    let families: Vec<String> = {
        let mut v: Vec<String> = ranked
            .iter()
            .filter(|r| f.arch.is_empty() || r.arch == f.arch)
            .map(|r| r.family.clone())
            .collect();
        crate::model::order::small(&mut v, |a, b| a.cmp(b));
        v.dedup();
        v
    };
    let generations: Vec<u32> = {
        let mut v: Vec<u32> = ranked.iter().map(|r| r.generation).collect();
        crate::model::order::small(&mut v, |a, b| a.cmp(b));
        v.dedup();
        v
    };
    let opts = |first: &str, items: Vec<String>| options_with(first, items, "");
    let filter = |set: fn(&mut Filters, String)| {
        let (onedit, view) = (onedit.clone(), view.clone());
        Callback::from(move |v: String| {
            let mut next = view.clone();
            set(&mut next.filters, v);
            onedit.emit(Edit::Rec(next));
        })
    };
    let flag = |set: fn(&mut Filters, bool)| {
        let (onedit, view) = (onedit.clone(), view.clone());
        Callback::from(move |on: bool| {
            let mut next = view.clone();
            set(&mut next.filters, on);
            onedit.emit(Edit::Rec(next));
        })
    };
    html! {
        <div class="row">
            <SelectField id="recommend-arch" label="Architecture" value={f.arch.clone()} options={opts("all", vec!["arm64".into(), "x86_64".into()])} onchange={filter(|f, v| { f.arch = v; f.family.clear(); })} />
            <SelectField id="recommend-family" label="Family" value={f.family.clone()} options={options_with("all", families, &f.family)} onchange={filter(|f, v| f.family = v)} />
            <SelectField id="recommend-generation" label="Generation" value={f.generation.clone()} options={options_with("all", generations.iter().map(u32::to_string).collect(), &f.generation)} onchange={filter(|f, v| f.generation = v)} />
            <SelectField id="recommend-vcpu" label="vCPU at least" value={f.min_vcpu.clone()} options={opts("any", MIN_VCPUS.iter().map(|s| s.to_string()).collect())} onchange={filter(|f, v| f.min_vcpu = v)} />
            <SelectField id="recommend-memory" label="Memory at least (GiB)" value={f.min_gib.clone()} options={opts("any", MIN_GIBS.iter().map(|s| s.to_string()).collect())} onchange={filter(|f, v| f.min_gib = v)} />
            <SelectField id="recommend-maker" label="CPU maker" value={f.maker.clone()} options={opts("all", Maker::ALL.iter().map(|m| m.as_str().to_string()).collect())} onchange={filter(|f, v| f.maker = v)} />
            <Check id="recommend-awsvpc" label="awsvpc tasks fit" checked={f.awsvpc} onchange={flag(|f, on| f.awsvpc = on)} />
            <Check id="recommend-trunk-doc" label="Trunk limits from AWS's table only (hide inferred)" checked={f.trunk_doc} onchange={flag(|f, on| f.trunk_doc = on)} />
            <Check id="recommend-fits" label="Hide types a task does not fit" checked={f.fits} onchange={flag(|f, on| f.fits = on)} />
        </div>
    }
}

/// The recommender's table: a sort button per column, then a row per type shown, with Apply.
fn rec_table(
    shown: &[&Recommendation],
    view: &RecView,
    first_type: &str,
    onedit: &Callback<Edit>,
) -> Html {
    let (col, asc) = view.sort;
    html! {
        <div class="table-scroll">
            <table class="recommend" data-testid="recommend-table" aria-labelledby="recommend-h">
                <thead><tr>
                    { for Col::ALL.iter().map(|&(k, key, label)| {
                        let (onedit, view) = (onedit.clone(), view.clone());
                        let sort = if k == col { if asc { "ascending" } else { "descending" } } else { "none" };
                        html! {
                            <th scope="col" aria-sort={sort}>
                                <button type="button" class="sort" data-sort={key} onclick={Callback::from(move |_| onedit.emit(Edit::Rec(view.sorted_by(k))))}>
                                    { label }{ match sort { "ascending" => " ▲", "descending" => " ▼", _ => "" } }
                                </button>
                            </th>
                        }
                    }) }
                    <th scope="col">{ "awsvpc fits" }</th>
                    <th scope="col"><span class="visually-hidden">{ "Apply" }</span></th>
                </tr></thead>
                <tbody>
                    { for shown.iter().map(|r| rec_row(r, r.instance_type == first_type, onedit)) }
                </tbody>
            </table>
        </div>
    }
}

/// One type's row: its figures, and Apply (or "current" for the type in use).
fn rec_row(r: &Recommendation, current: bool, onedit: &Callback<Edit>) -> Html {
    let apply = {
        let (onedit, name) = (onedit.clone(), r.instance_type.clone());
        Callback::from(move |_: MouseEvent| {
            onedit.emit(Edit::Set(Field::InstanceType, name.clone()))
        })
    };
    // A type not planned shows its lower bound, "at least", with why on hover (one pair of cells
    // either way: each html! branch adds its own code to the wasm).
    let bound = !r.planned && r.may_fit();
    let why = r.not_planned.clone().filter(|_| bound);
    let (instances, cost) = if bound {
        (
            format!("at least {} (not planned)", thousands(r.instances_needed)),
            format!("at least {}", usd(r.monthly_cost)),
        )
    } else if r.fits {
        (thousands(r.instances_needed), usd(r.monthly_cost))
    } else {
        ("does not fit".into(), "-".into())
    };
    html! {
        <tr data-testid="recommend-row" data-type={r.instance_type.clone()} data-cost={exact(r.monthly_cost)} ~className={if current { "current" } else { "" }}>
            <th scope="row">{ &r.instance_type }<span class="sub">{ format!(" {}", r.arch) }</span></th>
            <td title={why.clone()} data-testid={bound.then_some("not-planned")}>{ instances }</td>
            <td title={why}>{ cost }</td>
            <td>{ share(r.cpu_used_share) }</td>
            <td>{ share(r.memory_used_share) }</td>
            <td>{ share(r.waste_share) }</td>
            <td>{ r.limited_by.label() }</td>
            <td>{ if r.awsvpc_fits { "yes" } else { "no" } }</td>
            <td>
                if current { <span class="sub">{ "current" }</span> }
                else if r.fits {
                    <button type="button" data-testid="apply" aria-label={format!("Apply {}", r.instance_type)} onclick={apply}>{ "Apply" }</button>
                }
            </td>
        </tr>
    }
}
