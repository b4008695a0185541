//! The inputs on paper: printing leaves the input forms out, so this compact summary of what was
//! planned (services, daemons, the instance type) shows in print only (issue 9, point 13).

use yew::prelude::*;

use super::PlanRef;
use crate::model::validate::thousands;

/// Props of the printed inputs.
#[derive(Properties, PartialEq, Clone)]
pub struct PrintInputsProps {
    /// The last good plan.
    pub plan: PlanRef,
}

/// The services, daemons and instance type the printed plan is for.
#[component]
pub fn PrintInputs(props: &PrintInputsProps) -> Html {
    let p = &props.plan.0;
    let daemons: Vec<String> = p
        .daemons
        .iter()
        .map(|(name, cpu, mem)| format!("{name} ({cpu} CPU units, {mem} MiB)"))
        .collect();
    html! {
        <section class="print-inputs" data-testid="print-inputs" aria-hidden="true">
            <h2>{ "Inputs" }</h2>
            <table class="summary">
                <thead><tr><th>{ "Service" }</th><th>{ "CPU units" }</th><th>{ "MiB reserved" }</th><th>{ "Desired" }</th><th>{ "Network" }</th></tr></thead>
                <tbody>
                    { for p.services.iter().map(|s| html! {
                        <tr><td>{ s.name.clone() }</td><td>{ s.cpu }</td><td>{ s.reserved_memory_mib }</td><td>{ thousands(s.desired_count) }</td><td>{ s.network_mode }</td></tr>
                    }) }
                </tbody>
            </table>
            <p>{ format!("Instance type {}; daemons: {}.", p.instance.type_name, if daemons.is_empty() { "none".to_string() } else { daemons.join(", ") }) }</p>
        </section>
    }
}
