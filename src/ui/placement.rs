//! Placement settings: strategy, zones and the random seed.

use yew::prelude::*;

use super::field::{SelectField, TextField};
use super::{Errors, FormRef};
use crate::model::scenario::Strategy;
use crate::model::validate::field_id;
use crate::state::form::{Edit, Field};

/// Props of the placement panel.
#[derive(Properties, PartialEq, Clone)]
pub struct PlacementProps {
    /// The form.
    pub form: FormRef,
    /// Current errors.
    pub errors: Errors,
    /// Sends an edit.
    pub onedit: Callback<Edit>,
}

/// The placement panel.
#[component]
pub fn PlacementSettings(props: &PlacementProps) -> Html {
    let f = &props.form.0;
    let set = |field: Field| {
        let cb = props.onedit.clone();
        Callback::from(move |v: String| cb.emit(Edit::Set(field, v)))
    };
    let options: Vec<(AttrValue, AttrValue)> = Strategy::ALL
        .iter()
        .map(|s| (AttrValue::from(s.as_str()), AttrValue::from(s.label())))
        .collect();
    html! {
        <section class="panel" aria-labelledby="placement-h">
            <h2 id="placement-h">{ "Placement" }</h2>
            <div class="row">
                <SelectField id={field_id(&Field::Strategy.path())} label="Strategy" value={f.strategy.clone()} {options}
                    error={props.errors.at(&Field::Strategy.path())} onchange={set(Field::Strategy)} />
                <TextField id={field_id(&Field::Zones.path())} label="Availability zones (1-6)" value={f.zones.clone()} inputmode="numeric"
                    error={props.errors.at(&Field::Zones.path())} oninput={set(Field::Zones)} />
                if f.strategy == "random" {
                    <TextField id={field_id(&Field::Seed.path())} label="Random seed" value={f.seed.clone()} inputmode="numeric"
                        error={props.errors.at(&Field::Seed.path())} oninput={set(Field::Seed)} />
                }
            </div>
            <p class="note">{ "Tasks are placed one at a time, service by service, each where the strategy says; when none fits, a new instance opens. Instances are spread over zones in turn." }</p>
        </section>
    }
}
