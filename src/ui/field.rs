//! Labelled inputs with their error message beside them (the `error-<field>` hooks of api.md).

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::Errors;
use crate::model::validate::field_id;
use crate::state::form::{Edit, Field};

/// Props of a text field.
#[derive(Properties, PartialEq, Clone)]
pub struct TextFieldProps {
    /// The field id: the JSON path as a hook id ("services-0-memory").
    pub id: AttrValue,
    /// The visible label.
    pub label: AttrValue,
    /// The text.
    pub value: AttrValue,
    /// The error to show beside it.
    #[prop_or_default]
    pub error: Option<String>,
    /// How the text was understood ("= 256 CPU units").
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// Placeholder.
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    /// inputmode ("decimal", "numeric", "text").
    #[prop_or(AttrValue::Static("decimal"))]
    pub inputmode: AttrValue,
    /// A datalist id for suggestions.
    #[prop_or_default]
    pub list: Option<AttrValue>,
    /// Called with the new text on every input.
    pub oninput: Callback<String>,
}

/// A labelled text input; its error sits right below it.
#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let cb = props.oninput.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        cb.emit(input.value());
    });
    let err_id = format!("error-{}", props.id);
    let hint_id = format!("hint-{}", props.id);
    let described = match (&props.error, &props.hint) {
        (Some(_), _) => Some(err_id.clone()),
        (None, Some(_)) => Some(hint_id.clone()),
        _ => None,
    };
    html! {
        <div ~className={if props.error.is_some() { "field invalid" } else { "field" }}>
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <input id={props.id.clone()} type="text" value={props.value.clone()} {oninput}
                inputmode={props.inputmode.clone()} list={props.list.clone()}
                placeholder={props.placeholder.clone()} autocomplete="off" spellcheck="false"
                aria-invalid={props.error.is_some().then_some("true")}
                aria-describedby={described} />
            if let Some(h) = props.hint.clone().filter(|_| props.error.is_none()) {
                <small class="hint" id={hint_id}>{ h }</small>
            }
            if let Some(e) = props.error.clone() {
                <p class="error" id={err_id.clone()} data-testid={err_id}>{ e }</p>
            }
        </div>
    }
}

/// Props of a select.
#[derive(Properties, PartialEq, Clone)]
pub struct SelectFieldProps {
    /// The field id.
    pub id: AttrValue,
    /// The label.
    pub label: AttrValue,
    /// The selected value.
    pub value: AttrValue,
    /// (value, label) pairs.
    pub options: Vec<(AttrValue, AttrValue)>,
    /// The error.
    #[prop_or_default]
    pub error: Option<String>,
    /// A line under the select (what its choices mean).
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// Called with the new value.
    pub onchange: Callback<String>,
}

/// A labelled select.
#[component]
pub fn SelectField(props: &SelectFieldProps) -> Html {
    let cb = props.onchange.clone();
    let onchange = Callback::from(move |e: Event| {
        let sel: HtmlSelectElement = e.target_unchecked_into();
        cb.emit(sel.value());
    });
    let err_id = format!("error-{}", props.id);
    let hint_id = format!("hint-{}", props.id);
    let described = match (&props.error, &props.hint) {
        (Some(_), _) => Some(err_id.clone()),
        (None, Some(_)) => Some(hint_id.clone()),
        _ => None,
    };
    html! {
        <div ~className={if props.error.is_some() { "field invalid" } else { "field" }}>
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <select id={props.id.clone()} {onchange} aria-describedby={described}>
                { for props.options.iter().map(|(v, l)| html! {
                    <option value={v.clone()} selected={*v == props.value}>{ l.clone() }</option>
                }) }
            </select>
            if let Some(h) = props.hint.clone().filter(|_| props.error.is_none()) {
                <small class="hint" id={hint_id.clone()} data-testid={hint_id}>{ h }</small>
            }
            if let Some(e) = props.error.clone() {
                <p class="error" id={err_id.clone()} data-testid={err_id}>{ e }</p>
            }
        </div>
    }
}

/// Props of a checkbox.
#[derive(Properties, PartialEq, Clone)]
pub struct CheckProps {
    /// The id.
    pub id: AttrValue,
    /// The label.
    pub label: AttrValue,
    /// Checked.
    pub checked: bool,
    /// Called with the new state.
    pub onchange: Callback<bool>,
}

/// A labelled checkbox.
#[component]
pub fn Check(props: &CheckProps) -> Html {
    let cb = props.onchange.clone();
    let onchange = Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        cb.emit(input.checked());
    });
    html! {
        <div class="field check">
            <input id={props.id.clone()} type="checkbox" checked={props.checked} {onchange} />
            <label for={props.id.clone()}>{ props.label.clone() }</label>
        </div>
    }
}

/// Text fields for top-level form fields, drawn by one loop: (JSON path, label, text, field).
/// The id and the error hook come from the path (`capacityProvider.targetCapacity` ->
/// `capacityProvider-targetCapacity`), so each field's error lands beside it.
pub fn set_fields(
    items: &[(&'static str, &str, Field)],
    errors: &Errors,
    onedit: &Callback<Edit>,
) -> Html {
    html! {
        { for items.iter().map(|&(label, value, field)| {
            // The id, the error and the edit all come from the field's one definition.
            let path = field.path();
            let cb = onedit.clone();
            html! {
                <TextField id={field_id(&path)} label={label} value={value.to_string()} error={errors.under(&path)}
                    oninput={Callback::from(move |v: String| cb.emit(Edit::Set(field, v)))} />
            }
        }) }
    }
}
