//! Capacity providers (issue 14): the editor (each provider, the cluster's default strategy), and
//! what the plan says per provider: each service's allocation with its derivation, each
//! provider's tasks, Cluster Auto Scaling and cost, and each Auto Scaling group's own figures,
//! decision table and packing chart under its name.

use yew::prelude::*;

use super::cas::{
    cas_figures, decision_table, decision_words, metrics, path_and_headroom, waiting,
};
use super::chart::PackingChart;
use super::field::{Check, SelectField, TextField};
use super::results::{figures, warnings};
use super::{Errors, FormRef, PlanRef};
use crate::model::scenario::ScenarioInput;
use crate::model::units::{exact, usd};
use crate::model::validate::{field_id, thousands, MAX_PROVIDERS};
use crate::state::form::{Edit, Field};
use crate::state::providers::{
    example_strategy, strategy_reading, ProviderField, ProviderForm, KINDS, MI,
};
use crate::viz::markup::esc;
use crate::viz::table::{table, Row};

/// Props of the providers editor.
#[derive(Properties, PartialEq, Clone)]
pub struct ProvidersProps {
    /// The form.
    pub form: FormRef,
    /// Current errors.
    pub errors: Errors,
    /// Sends an edit.
    pub onedit: Callback<Edit>,
}

/// The providers, one fieldset each; the buttons that add one of each kind; the cluster's default
/// strategy.
#[component]
pub fn ProvidersEditor(props: &ProvidersProps) -> Html {
    let form = &props.form.0;
    let full = form.providers.len() >= MAX_PROVIDERS;
    let add = |kind: &'static str| {
        let cb = props.onedit.clone();
        Callback::from(move |_| cb.emit(Edit::AddProvider(kind.into())))
    };
    let set_default = {
        let cb = props.onedit.clone();
        Callback::from(move |v: String| cb.emit(Edit::Set(Field::DefaultStrategy, v)))
    };
    let default_path = Field::DefaultStrategy.path();
    let names: Vec<&str> = form.providers.iter().map(|x| x.name.as_str()).collect();
    let example = example_strategy(&names);
    html! {
        <section class="panel" aria-labelledby="providers-h" data-testid="providers-editor">
            <h2 id="providers-h">{ "Capacity providers" }</h2>
            <p class="note">{ "With no provider, the page plans the one On-Demand group above. Blank settings take the cluster's. A Spot discount is an input, not a quoted price: 60 % off for Spot, 65 % for Fargate Spot unless set (this app's assumptions; AWS says up to 90 % and 70 %)." }</p>
            if let Some(e) = props.errors.at(ScenarioInput::CAPACITY_PROVIDERS) {
                <p class="error" data-testid="error-capacityProviders">{ e }</p>
            }
            { for form.providers.iter().enumerate().map(|(i, x)| provider_row(props, i, x)) }
            <div class="row-actions">
                <button type="button" onclick={add("asg")} disabled={full} data-testid="add-provider-asg">{ "Add an EC2 group" }</button>
                <button type="button" onclick={add("fargate")} disabled={full} data-testid="add-provider-fargate">{ "Add Fargate" }</button>
                <button type="button" onclick={add("fargate-spot")} disabled={full} data-testid="add-provider-fargate-spot">{ "Add Fargate Spot" }</button>
                <button type="button" onclick={add(MI)} disabled={full} data-testid="add-provider-managed-instances">{ "Add Managed Instances" }</button>
            </div>
            if full {
                <p class="note">{ format!("A cluster has at most {MAX_PROVIDERS} capacity providers.") }</p>
            }
            if !form.providers.is_empty() || !form.default_strategy.trim().is_empty() {
                <TextField id={field_id(&default_path)} label="Cluster default strategy" value={form.default_strategy.clone()} inputmode="text"
                    placeholder={Some(AttrValue::from(example))}
                    hint={strategy_reading(&form.default_strategy).map(AttrValue::from)}
                    error={props.errors.all_under(&default_path)} oninput={set_default} />
                <p class="note">{ "Items: a provider's name, base=N (tasks it takes first; one item at most), weight=N (its share of the rest; default 0). Services without their own use this. All EC2 or all Fargate: AWS does not mix." }</p>
            }
        </section>
    }
}

/// An Auto Scaling group's own fields: (field, label, placeholder for blank).
const GROUP_FIELDS: [(ProviderField, &str, &str); 8] = [
    (
        ProviderField::Types,
        "Instance types (first launches)",
        "the cluster's",
    ),
    (ProviderField::Running, "N running now", "0"),
    (
        ProviderField::TargetCapacity,
        "targetCapacity (%)",
        "the cluster's",
    ),
    (ProviderField::MinStep, "Min step", "the cluster's"),
    (ProviderField::MaxStep, "Max step", "the cluster's"),
    (ProviderField::Warmup, "Warm-up (s)", "the cluster's"),
    (ProviderField::AsgMin, "ASG min", "the cluster's"),
    (ProviderField::AsgMax, "ASG max", "the cluster's"),
];

/// Managed Instances' own fields: (field, label, placeholder for blank).
const MI_FIELDS: [(ProviderField, &str, &str); 8] = [
    (
        ProviderField::Types,
        "Allowed types (* a wildcard)",
        "any it launches",
    ),
    (ProviderField::Vcpu, "vCPU (range)", "any, e.g. 2-8"),
    (
        ProviderField::Memory,
        "Memory MiB (range)",
        "any, e.g. 4096-",
    ),
    (ProviderField::Arch, "Architecture", "either"),
    (ProviderField::Subnets, "Subnets", "3"),
    (
        ProviderField::ScaleIn,
        "Scale in after (s, -1 never)",
        "300 (assumed)",
    ),
    (
        ProviderField::Fee,
        "Management fee (% of On-Demand)",
        "12 (assumed)",
    ),
    (
        ProviderField::Fees,
        "Fees per type (USD/h)",
        "c6a.2xlarge=0.037",
    ),
];

/// One provider's fieldset: name and kind; for an EC2 group its Spot switch, types, N and CAS
/// settings; the Spot discount where it applies; Remove.
fn provider_row(props: &ProvidersProps, i: usize, x: &ProviderForm) -> Html {
    let id = |f: ProviderField| AttrValue::from(field_id(&f.path(i)));
    // Managed Instances' allowed types are in the types field: their errors show there.
    let allowed = crate::model::scenario::item(
        ScenarioInput::CAPACITY_PROVIDERS,
        i,
        &crate::model::scenario::member(
            crate::model::scenario::ProviderInput::INSTANCE_REQUIREMENTS,
            crate::model::scenario::RequirementsInput::ALLOWED_INSTANCE_TYPES,
        ),
    );
    let err = |f: ProviderField| {
        props.errors.under(&f.path(i)).or_else(|| {
            (f == ProviderField::Types)
                .then(|| props.errors.under(&allowed))
                .flatten()
        })
    };
    let set = |f: ProviderField| {
        let cb = props.onedit.clone();
        Callback::from(move |v: String| cb.emit(Edit::Provider(i, f, v)))
    };
    // One copy of the row to read its fields from (`slot` hands out the text mutably).
    let mut row = x.clone();
    let mut text = |f: ProviderField, label: &'static str, placeholder: &'static str| -> Html {
        let value = row.slot(f).clone();
        html! {
            <TextField id={id(f)} label={label} value={value} inputmode="text"
                placeholder={Some(AttrValue::from(placeholder))}
                error={err(f)} oninput={set(f)} />
        }
    };
    let spot = {
        let cb = props.onedit.clone();
        Callback::from(move |on: bool| cb.emit(Edit::ProviderSpot(i, on)))
    };
    let protection = {
        let cb = props.onedit.clone();
        Callback::from(move |on: bool| cb.emit(Edit::ProviderProtection(i, on)))
    };
    let remove = {
        let cb = props.onedit.clone();
        Callback::from(move |_| cb.emit(Edit::RemoveProvider(i)))
    };
    let asg = x.kind == "asg";
    let mi = x.kind == MI;
    let kinds: Vec<(AttrValue, AttrValue)> = KINDS
        .iter()
        .map(|&(k, label)| (AttrValue::from(k), AttrValue::from(label)))
        .collect();
    let discount_default = if x.kind == "fargate-spot" { "65" } else { "60" };
    let shows_discount =
        ((asg || mi) && x.spot) || x.kind == "fargate-spot" || !x.discount.trim().is_empty();
    html! {
        <fieldset class="provider" key={i} data-provider={x.name.clone()}>
            <legend>{ format!("Provider {}: {}", i + 1, x.name) }</legend>
            <div class="row">
                { text(ProviderField::Name, "Name", "letters, digits, - and _") }
                <SelectField id={id(ProviderField::Kind)} label="Kind" value={x.kind.clone()} options={kinds}
                    error={err(ProviderField::Kind)} onchange={set(ProviderField::Kind)} />
                if asg || mi {
                    <Check id={format!("{}-spot", field_id(&ProviderField::Name.path(i)))} label="Spot instances" checked={x.spot} onchange={spot} />
                }
                if shows_discount {
                    <TextField id={id(ProviderField::Discount)} label="Spot discount (%)" value={x.discount.clone()}
                        placeholder={Some(AttrValue::from(discount_default))}
                        hint={x.discount.trim().is_empty().then(|| AttrValue::from(format!("blank: {discount_default} % off (assumed)")))}
                        error={err(ProviderField::Discount)} oninput={set(ProviderField::Discount)} />
                }
                // Savings Plans and Reserved Instances cover On-Demand and Fargate, not Spot.
                if !shows_discount || !x.commitment.trim().is_empty() {
                    { text(ProviderField::Commitment, "Savings Plans / Reserved discount (%)", "blank: the cluster's") }
                }
            </div>
            if mi {
                <p class="note">{ "AWS runs the instances: here the cheapest allowed type for the tasks (over 1 vCPU, not nano or micro), named below. No Auto Scaling group, so no CAS. Fee: 12 % of On-Demand unless given (AWS's example: c6a.2xlarge $0.037/h)." }</p>
                <div class="row">
                    { for MI_FIELDS.iter().map(|&(f, label, placeholder)| text(f, label, placeholder)) }
                </div>
            }
            if x.shows_group() {
                <div class="row">
                    // One loop over the group's fields: each html! written out is wasm of its own.
                    { for GROUP_FIELDS.iter().map(|&(f, label, placeholder)| text(f, label, placeholder)) }
                    // An error on the group's limits as a whole (on a Fargate provider).
                    if let Some(e) = props.errors.at(&crate::model::scenario::item(ScenarioInput::CAPACITY_PROVIDERS, i, crate::model::scenario::ProviderInput::ASG)) {
                        <p class="error" data-testid={format!("error-{}", field_id(&crate::model::scenario::item(ScenarioInput::CAPACITY_PROVIDERS, i, crate::model::scenario::ProviderInput::ASG)))}>{ e }</p>
                    }
                    if asg {
                        <Check id={format!("{}-protection", field_id(&ProviderField::Name.path(i)))} label="Managed termination protection (on by default here; AWS console: off)" checked={x.protection} onchange={protection} />
                    }
                </div>
            }
            <div class="row-actions">
                <button type="button" class="remove" onclick={remove} aria-label={format!("Remove provider {}", x.name)}>{ "Remove" }</button>
            </div>
        </fieldset>
    }
}

/// Props of the providers' results.
#[derive(Properties, PartialEq, Clone)]
pub struct ProvidersResultsProps {
    /// The plan (with providers).
    pub plan: PlanRef,
    /// Whether it is the last valid plan while the inputs have errors.
    #[prop_or_default]
    pub stale: bool,
    /// The form (service order, each provider's typed target).
    pub form: FormRef,
}

/// Where each task runs: each service's allocation, each provider's tasks, instances, CAS and cost,
/// the total against all On-Demand; then each EC2 group's own CAS and packing.
#[component]
pub fn ProvidersResults(props: &ProvidersResultsProps) -> Html {
    let p = &props.plan.0;
    let f = &props.form.0;
    let plans = &p.provider_plans;
    html! {
        <>
        // "answer-h": the answer's heading, which the phone's "Jump to the answer" link targets.
        <section class="panel" aria-labelledby="answer-h" data-testid="providers-results" aria-live="polite">
            <h2 id="answer-h">{ "Where each task runs" }</h2>
            if props.stale {
                <p class="stale" role="status">{ "Showing the last valid result: fix the inputs listed under \"inputs to fix\" to update it." }</p>
            }
            { Html::from_html_unchecked(AttrValue::from(summary(p, f))) }
            { warnings(p) }
        </section>
        { for plans.iter().map(|(name, own)| {
            // None: the first group, whose plan is the page's plan's top level.
            let sub_ref = own.clone().map_or_else(|| props.plan.clone(), PlanRef);
            let sub = &sub_ref.0;
            let target = f
                .providers
                .iter()
                .find(|x| &x.name == name)
                .map(|x| x.target_capacity.trim().to_string())
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| f.cas.target_capacity.trim().to_string());
            let kind = p.providers.iter().find(|o| &o.name == name).map_or("", |o| kind_words(o.kind, o.spot));
            html! {
                <section class="panel cas" data-provider={name.clone()} data-testid="provider-cas" key={name.clone()}>
                    <h2>{ format!("{name}: {kind}") }</h2>
                    <p class="note">{ format!("{} instance{} of {} from scratch; its own Cluster Auto Scaling, N and PROVISIONING tasks.", thousands(sub.instances_needed), if sub.instances_needed == 1 { "" } else { "s" }, sub.instance.type_name) }</p>
                    { figures(cas_figures(sub, &target)) }
                    { decision_table(&sub.cas) }
                    { waiting(&sub.cas) }
                    { path_and_headroom(sub, f.cas.maximum_percent.trim()) }
                    { metrics(sub) }
                    <PackingChart plan={sub_ref.clone()} title={format!("How {name}'s tasks pack")} id_prefix={format!("{}-", field_id(name))} />
                </section>
            }
        }) }
        </>
    }
}

/// The answer's markup above each group's section (text escaped here; one string builder is far
/// less wasm than a `html!` tree): each service's allocation with its derivation, the providers'
/// table, what waits with no fallback, the Fargate sidecars, the total and how it is made.
fn summary(p: &crate::model::plan::Plan, f: &crate::state::form::Form) -> String {
    use std::fmt::Write;
    let mut out = String::from(r#"<ul class="allocation" data-testid="allocations">"#);
    for s in &f.services {
        if let Some(e) = p.explanations.get(&format!("allocation.{}", s.name)) {
            let _ = write!(
                out,
                r#"<li data-service="{}">{}</li>"#,
                esc(&s.name),
                esc(e)
            );
        }
    }
    out.push_str("</ul><p class=\"note\">Tasks never move between providers. Instances: opened from scratch (costed). CAS now: its scaling from its N.</p><div class=\"table-scroll\">");
    out.push_str(&providers_table(p));
    out.push_str("</div>");
    for w in p.providers.iter().filter_map(|o| o.no_fallback.as_ref()) {
        let _ = write!(
            out,
            r#"<p class="error" role="status" data-testid="no-fallback">{}</p>"#,
            esc(w)
        );
    }
    if p.providers.iter().any(|o| o.kind.starts_with("fargate")) && !p.daemons.is_empty() {
        let names: Vec<&str> = p.daemons.iter().map(|d| d.0.as_str()).collect();
        let _ = write!(
            out,
            r#"<p class="note" data-testid="fargate-sidecars">Fargate runs no daemons: each Fargate task carries them as sidecars ({}) and is priced at the Fargate size that holds both (this app's assumption).</p>"#,
            esc(&names.join(", "))
        );
    }
    if let Some(t) = &p.cost.providers_total {
        let _ = write!(
            out,
            r#"<p class="status" data-testid="providers-total" data-monthly="{}">In all: {} a month ({} an hour); all On-Demand it would be {} a month.</p>"#,
            exact(t.monthly),
            usd(t.monthly),
            usd(t.hourly),
            usd(t.all_on_demand_monthly)
        );
    }
    if let Some(e) = p.explanations.get("cost.providers") {
        // The sum, then how each provider's own figure is made (Managed Instances: its pick).
        let each: String = p
            .providers
            .iter()
            .map(|o| format!("<li>{}: {}</li>", esc(&o.name), esc(&o.explanation)))
            .collect();
        let _ = write!(
            out,
            r#"<details class="how"><summary>How?</summary><p data-testid="explain-providers-cost">{}</p><ul>{each}</ul></details>"#,
            esc(e)
        );
    }
    out
}

/// The providers' table, as markup built by the shared table builder (text escaped there): far
/// less wasm than a `html!` tree.
fn providers_table(p: &crate::model::plan::Plan) -> String {
    let rows: Vec<Row> = p
        .providers
        .iter()
        .map(|o| Row {
            attrs: vec![
                ("data-testid", "provider-row".into()),
                ("data-provider", o.name.clone()),
                ("data-monthly", exact(o.monthly)),
            ],
            cells: vec![
                o.name.clone(),
                // Short, so the table fits a phone's width; each group's heading says it whole.
                kind_words(o.kind, o.spot)
                    .replace("EC2 Auto Scaling group", "EC2")
                    .replace(", ", " "),
                tasks_words(&o.tasks),
                match (&o.instance_type, o.kind == MI) {
                    // Managed Instances: the type the app picked for the tasks.
                    (Some(t), true) => {
                        // Several groups' types: how many of each, the most used first.
                        let mut names = vec![t.as_str()];
                        for g in &o.instance_types {
                            if !names.contains(&g.instance_type.as_str()) {
                                names.push(&g.instance_type);
                            }
                        }
                        let all = o.placement.as_ref().map_or(&[][..], |p| &p.instances[..]);
                        names
                            .iter()
                            .map(|n| {
                                let k = all.iter().filter(|i| i.type_name == *n).count() as u64;
                                let k = if names.len() == 1 {
                                    o.instances_needed.unwrap_or(k)
                                } else {
                                    k
                                };
                                format!("{} {n}", thousands(k))
                            })
                            .collect::<Vec<_>>()
                            .join(" + ")
                    }
                    _ => o
                        .instances_needed
                        .map_or_else(|| "-".to_string(), thousands),
                },
                match (&o.cas, o.kind == MI) {
                    (Some(c), _) => cas_words(c),
                    (None, true) => "none: no Auto Scaling group".to_string(),
                    (None, false) => "-".to_string(),
                },
                usd(o.monthly),
                usd(o.on_demand_monthly),
            ],
        })
        .collect();
    table(
        "providers",
        Some("providers-table"),
        &[
            "Provider",
            "Kind",
            "Tasks",
            "Instances",
            "CAS now",
            "Per month",
            "All On-Demand",
        ],
        &rows,
    )
}

/// What CAS does now, in the words of its decision figure: "scale out by 2 (N 0 → 2)".
fn cas_words(c: &crate::model::cas_out::CasOut) -> String {
    use crate::model::cas::Decision;
    let to = match c.decision {
        Decision::ScaleOut => format!("\u{a0}→\u{a0}{}", c.desired_instances),
        Decision::ScaleIn => format!("\u{a0}→\u{a0}{}", c.n.saturating_sub(c.scale_in_step)),
        Decision::NoChange => String::new(),
    };
    format!("{} (N\u{a0}{}{to})", decision_words(c), c.n)
}

/// "EC2 Auto Scaling group (Spot)", "Fargate Spot".
fn kind_words(kind: &str, spot: bool) -> &'static str {
    match (kind, spot) {
        ("asg", true) => "EC2 Auto Scaling group, Spot",
        ("asg", false) => "EC2 Auto Scaling group, On-Demand",
        ("fargate-spot", _) => "Fargate Spot",
        ("fargate", _) => "Fargate",
        ("managed-instances", true) => "Managed Instances, Spot",
        ("managed-instances", false) => "Managed Instances",
        _ => "capacity provider",
    }
}

/// "api 4, worker 2", or "none".
fn tasks_words(tasks: &crate::model::provider_out::Counts) -> String {
    if tasks.is_empty() {
        return "none".into();
    }
    tasks
        .iter()
        .map(|(k, n)| format!("{k} {}", thousands(*n)))
        .collect::<Vec<_>>()
        .join(", ")
}
