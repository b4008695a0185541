//! The instance type (searchable, with its facts), the memory model, the measured override,
//! ECS_RESERVED_MEMORY and ENI trunking.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::field::{Check, TextField};
use super::{mem_hint, Errors, FormRef};
use crate::model::catalog::{self, PRICE_DATE};
use crate::model::scenario::ScenarioInput;
use crate::model::units::{exact, trim_float};
use crate::model::validate::field_id;
use crate::state::form::{Edit, Field, Flag};

/// Props of the instance panel.
#[derive(Properties, PartialEq, Clone)]
pub struct InstanceProps {
    /// The form.
    pub form: FormRef,
    /// Current errors.
    pub errors: Errors,
    /// Sends an edit.
    pub onedit: Callback<Edit>,
}

fn facts(name: &str) -> Option<String> {
    let t = catalog::find(name.trim())?;
    let trunk = match t.trunk_words() {
        Some(n) => format!("trunking: {n} awsvpc tasks"),
        None => "no ENI trunking".into(),
    };
    Some(format!(
        "{} · {} · {} vCPU · {} GiB nominal (registers about {} MiB) · {} ENIs · {trunk} · ${}/h (us-east-1 Linux On-Demand, {PRICE_DATE})",
        t.name,
        t.arch.as_str(),
        t.vcpu,
        trim_float(t.memory_mib as f64 / 1024.0),
        catalog::estimated_registered_memory(t.nominal_memory()).0,
        t.max_enis,
        exact(t.price_per_hour)
    ))
}

/// The instance panel.
#[component]
pub fn Instance(props: &InstanceProps) -> Html {
    let f = &props.form.0;
    let set = |field: Field| {
        let cb = props.onedit.clone();
        Callback::from(move |v: String| cb.emit(Edit::Set(field, v)))
    };
    let model = |value: &'static str| {
        let cb = props.onedit.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if input.checked() {
                cb.emit(Edit::Set(Field::MemoryModel, value.to_string()));
            }
        })
    };
    let trunking = {
        let cb = props.onedit.clone();
        Callback::from(move |on: bool| cb.emit(Edit::Toggle(Flag::Trunking, on)))
    };
    let nominal = f.memory_model == "nominal";
    html! {
        <section class="panel" aria-labelledby="instance-h">
            <h2 id="instance-h">{ "Instance" }</h2>
            <TextField id={field_id(&Field::InstanceType.path())} label="Instance type (type to search)" value={f.instance_type.clone()}
                inputmode="text" list={Some(AttrValue::from("instance-types"))}
                error={props.errors.at(&Field::InstanceType.path()).or_else(|| props.errors.at(&format!("{}[0]", ScenarioInput::INSTANCE_TYPES)))} oninput={set(Field::InstanceType)} />
            <datalist id="instance-types">
                { for catalog::catalog().iter().map(|t| html! {
                    <option value={t.name.clone()} label={format!("{} vCPU · {} GiB · {} ENIs · ${}/h",
                        t.vcpu, trim_float(t.memory_mib as f64 / 1024.0), t.max_enis, exact(t.price_per_hour))} />
                }) }
            </datalist>
            if let Some(text) = facts(&f.instance_type) {
                <p class="facts" data-testid="instance-facts">{ text }</p>
            }
            <fieldset class="radios">
                <legend>{ "Memory an instance offers" }</legend>
                <label><input type="radio" name="memoryModel" id="memoryModel-registered" checked={!nominal} onchange={model("registered")} />
                    { " Registered (what ECS really offers)" }</label>
                <label><input type="radio" name="memoryModel" id="memoryModel-nominal" checked={nominal} onchange={model("nominal")} />
                    { " Nominal (the article's arithmetic)" }</label>
            </fieldset>
            <div class="row">
                <TextField id={field_id(&Field::Registered.path())} label="Measured registered memory (optional)" value={f.registered.clone()}
                    placeholder={Some(AttrValue::from("estimate"))} hint={mem_hint(&f.registered)}
                    error={props.errors.under(&Field::Registered.path())} oninput={set(Field::Registered)} />
                <TextField id={field_id(&Field::EcsReserved.path())} label="ECS_RESERVED_MEMORY" value={f.ecs_reserved.clone()}
                    hint={mem_hint(&f.ecs_reserved)}
                    error={props.errors.at(&Field::EcsReserved.path())} oninput={set(Field::EcsReserved)} />
            </div>
            <p class="note">{ "Measured value: aws ecs describe-container-instances, registeredResources MEMORY (it already has ECS_RESERVED_MEMORY taken off)." }</p>
            <Check id="eniTrunking" label="ENI trunking (awsvpcTrunking account setting)" checked={f.trunking} onchange={trunking} />
        </section>
    }
}
