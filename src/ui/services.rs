//! The services editor: add, remove, rename, and each task's size, count and networking.

use yew::prelude::*;

use super::field::{Check, SelectField, TextField};
use super::{cpu_hint, mem_hint, network_modes, Errors, FormRef};
use crate::model::scenario::{item, ScenarioInput, ServiceInput};
use crate::model::validate::{field_id, MAX_SERVICES};
use crate::state::form::{Edit, ServiceField};

/// Props of the services editor.
#[derive(Properties, PartialEq, Clone)]
pub struct ServicesProps {
    /// The form.
    pub form: FormRef,
    /// Current errors.
    pub errors: Errors,
    /// Sends an edit.
    pub onedit: Callback<Edit>,
}

/// One fieldset per service, and an "Add a service" button.
#[component]
pub fn Services(props: &ServicesProps) -> Html {
    let form = &props.form.0;
    let only_one = form.services.len() <= 1;
    let estimate_on = form.demand.on;
    let rows = form.services.iter().enumerate().map(|(i, s)| {
        let set = |f: ServiceField| {
            let cb = props.onedit.clone();
            Callback::from(move |v: String| cb.emit(Edit::Service(i, f, v)))
        };
        // Each field's id, error and edit come from its one definition (ServiceField's key).
        let id = |f: ServiceField| AttrValue::from(field_id(&f.path(i)));
        let err = |f: ServiceField| props.errors.at(&f.path(i));
        let remove = {
            let cb = props.onedit.clone();
            Callback::from(move |_| cb.emit(Edit::RemoveService(i)))
        };
        let moving = |up: bool| {
            let cb = props.onedit.clone();
            Callback::from(move |_| cb.emit(Edit::MoveService(i, up)))
        };
        let last = form.services.len().saturating_sub(1);
        let distinct = {
            let cb = props.onedit.clone();
            Callback::from(move |on: bool| cb.emit(Edit::ServiceDistinct(i, on)))
        };
        // The strategy field belongs with providers; shown too when it holds text without them.
        let with_strategy = !form.providers.is_empty() || !s.strategy.trim().is_empty();
        let desired_placeholder = (i == 0 && estimate_on).then_some(AttrValue::from("from the estimate"));
        html! {
            <fieldset class="service" key={i}>
                <legend>{ format!("Service {}: {}", i + 1, s.name) }</legend>
                <div class="row">
                    <TextField id={id(ServiceField::Name)} label="Name" value={s.name.clone()} inputmode="text"
                        error={err(ServiceField::Name)} oninput={set(ServiceField::Name)} />
                    <TextField id={id(ServiceField::Cpu)} label="CPU (units or vCPU)" value={s.cpu.clone()}
                        hint={cpu_hint(&s.cpu)} error={err(ServiceField::Cpu)} oninput={set(ServiceField::Cpu)} />
                    <TextField id={id(ServiceField::Memory)} label="Memory (MiB or GB)" value={s.memory.clone()}
                        hint={mem_hint(&s.memory)} error={err(ServiceField::Memory)} oninput={set(ServiceField::Memory)} />
                    <TextField id={id(ServiceField::MemoryReservation)} label="Soft limit (optional)" value={s.memory_reservation.clone()}
                        hint={mem_hint(&s.memory_reservation).map(|h| AttrValue::from(format!("{h}, reserved instead of memory")))}
                        placeholder={Some(AttrValue::from("none"))}
                        error={err(ServiceField::MemoryReservation)} oninput={set(ServiceField::MemoryReservation)} />
                    <TextField id={id(ServiceField::Desired)} label="Desired tasks" value={s.desired.clone()} inputmode="numeric"
                        placeholder={desired_placeholder}
                        error={err(ServiceField::Desired)} oninput={set(ServiceField::Desired)} />
                    <SelectField id={id(ServiceField::NetworkMode)} label="Network mode" value={s.network_mode.clone()}
                        options={network_modes()} error={err(ServiceField::NetworkMode)} onchange={set(ServiceField::NetworkMode)} />
                    <TextField id={id(ServiceField::HostPort)} label="Static host port" value={s.host_port.clone()} inputmode="numeric"
                        placeholder={Some(AttrValue::from("dynamic"))}
                        error={err(ServiceField::HostPort)} oninput={set(ServiceField::HostPort)} />
                    <Check id={field_id(&item(ScenarioInput::SERVICES, i, ServiceInput::DISTINCT_INSTANCE))} label="distinctInstance" checked={s.distinct} onchange={distinct} />
                </div>
                if with_strategy {
                    <div class="row">
                        <TextField id={id(ServiceField::Strategy)} label="Capacity provider strategy" value={s.strategy.clone()} inputmode="text"
                            placeholder={Some(AttrValue::from("the cluster's default"))}
                            hint={crate::state::providers::strategy_reading(&s.strategy).map(AttrValue::from)}
                            error={props.errors.all_under(&ServiceField::Strategy.path(i))} oninput={set(ServiceField::Strategy)} />
                    </div>
                }
                <div class="row-actions">
                    // The list's order is the order the services deploy in, which placement follows.
                    <button type="button" onclick={moving(true)} disabled={i == 0}
                        aria-label={format!("Move up: service {}", s.name)} data-testid={format!("move-up-{i}")}>{ "Move up" }</button>
                    <button type="button" onclick={moving(false)} disabled={i == last}
                        aria-label={format!("Move down: service {}", s.name)} data-testid={format!("move-down-{i}")}>{ "Move down" }</button>
                    <button type="button" class="remove" onclick={remove} disabled={only_one}
                        aria-label={format!("Remove service {}", s.name)}>{ "Remove" }</button>
                </div>
            </fieldset>
        }
    });
    let add = {
        let cb = props.onedit.clone();
        Callback::from(move |_| cb.emit(Edit::AddService))
    };
    html! {
        <section class="panel" aria-labelledby="services-h">
            <h2 id="services-h">{ "Services" }</h2>
            <p class="note">{ "Type sizes as you think of them: 256 or 0.25 vCPU; 512 or 0.5 GB (GB means GiB, as in ECS). List the services in the order they deploy: ECS places tasks as they arrive, and the order can change how many instances they need." }</p>
            if let Some(e) = props.errors.at(ScenarioInput::SERVICES) {
                <p class="error" data-testid="error-services">{ e }</p>
            }
            { for rows }
            if form.services.len() >= MAX_SERVICES {
                <p class="note" data-testid="services-cap">{ format!("A plan holds at most {MAX_SERVICES} services.") }</p>
            }
            <button type="button" onclick={add} disabled={form.services.len() >= MAX_SERVICES}>{ "Add a service" }</button>
        </section>
    }
}
