//! The daemons editor: tasks that run once on every instance (log routers, agents).

use yew::prelude::*;

use super::field::{SelectField, TextField};
use super::{cpu_hint, mem_hint, network_modes, Errors, FormRef};
use crate::model::scenario::ScenarioInput;
use crate::model::validate::{field_id, MAX_DAEMONS};
use crate::state::form::{DaemonField, Edit};

/// Props of the daemons editor.
#[derive(Properties, PartialEq, Clone)]
pub struct DaemonsProps {
    /// The form.
    pub form: FormRef,
    /// Current errors.
    pub errors: Errors,
    /// Sends an edit.
    pub onedit: Callback<Edit>,
}

/// One row per daemon.
#[component]
pub fn Daemons(props: &DaemonsProps) -> Html {
    let rows = props.form.0.daemons.iter().enumerate().map(|(i, d)| {
        let set = |f: DaemonField| {
            let cb = props.onedit.clone();
            Callback::from(move |v: String| cb.emit(Edit::Daemon(i, f, v)))
        };
        // Each field's id, error and edit come from its one definition (DaemonField's key).
        let id = |f: DaemonField| AttrValue::from(field_id(&f.path(i)));
        let err = |f: DaemonField| props.errors.at(&f.path(i));
        let remove = {
            let cb = props.onedit.clone();
            Callback::from(move |_| cb.emit(Edit::RemoveDaemon(i)))
        };
        html! {
            <fieldset class="daemon" key={i}>
                <legend>{ format!("Daemon {}: {}", i + 1, d.name) }</legend>
                <div class="row">
                    <TextField id={id(DaemonField::Name)} label="Name" value={d.name.clone()} inputmode="text" error={err(DaemonField::Name)} oninput={set(DaemonField::Name)} />
                    <TextField id={id(DaemonField::Cpu)} label="CPU" value={d.cpu.clone()} hint={cpu_hint(&d.cpu)} error={err(DaemonField::Cpu)} oninput={set(DaemonField::Cpu)} />
                    <TextField id={id(DaemonField::Memory)} label="Memory" value={d.memory.clone()} hint={mem_hint(&d.memory)} error={err(DaemonField::Memory)} oninput={set(DaemonField::Memory)} />
                    <SelectField id={id(DaemonField::NetworkMode)} label="Network mode" value={d.network_mode.clone()} options={network_modes()}
                        error={err(DaemonField::NetworkMode)} onchange={set(DaemonField::NetworkMode)} />
                    <TextField id={id(DaemonField::HostPort)} label="Static host port" value={d.host_port.clone()} inputmode="numeric"
                        placeholder={Some(AttrValue::from("none"))}
                        error={err(DaemonField::HostPort)} oninput={set(DaemonField::HostPort)} />
                </div>
                <button type="button" class="remove" onclick={remove} aria-label={format!("Remove daemon {}", d.name)}>{ "Remove" }</button>
            </fieldset>
        }
    });
    let add = {
        let cb = props.onedit.clone();
        Callback::from(move |_| cb.emit(Edit::AddDaemon))
    };
    html! {
        <section class="panel" aria-labelledby="daemons-h">
            <h2 id="daemons-h">{ "Daemons" }</h2>
            <p class="note">{ "One task of each on every instance, placed before any service task. CAS does not count them as use." }</p>
            if let Some(e) = props.errors.at(ScenarioInput::DAEMONS) {
                <p class="error" data-testid="error-daemons">{ e }</p>
            }
            { for rows }
            <button type="button" onclick={add} disabled={props.form.0.daemons.len() >= MAX_DAEMONS}>{ "Add a daemon" }</button>
        </section>
    }
}
