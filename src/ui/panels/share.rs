//! The share panel: the link to this exact view (the address bar already holds it: the page keeps
//! it current), and the iframe code that embeds it, each with a copy button; exports of the page's
//! plan; and the AWS CLI import, which replaces the page's scenario through its typed edit. The
//! text is shown too, for browsers without clipboard access (file://) and to read before pasting.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::{read_as_text, FileReader};
use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::io::export::{markdown, placement_csv, scenario_line};
use crate::model::validate::FieldError;
use crate::state::form::Edit;
use crate::state::link::{
    embed_code, form_from_input, share_base, ShareBase, EMBED_LISTENER, THEMES, VIEWS,
};
use crate::ui::download::{save_png, save_svg, save_text};
use crate::ui::field::{SelectField, TextField};
use crate::ui::{InputRef, PlanRef};

/// Props of the share panel.
#[derive(Properties, PartialEq, Clone)]
pub struct ShareProps {
    /// The page's last valid scenario.
    pub input: InputRef,
    /// Its plan, as the page computed it.
    pub plan: PlanRef,
    /// The page's query (the form with its open panels and their settings, defaults left out),
    /// without "?": the link this panel gives.
    pub query: AttrValue,
    /// The page's edits (an import loads a scenario).
    pub onedit: Callback<Edit>,
    /// The scenario the form holds now, valid or not: an import is laid over it, so a step of
    /// several (the providers, then services whose strategies name them) builds on the one
    /// before even while the form still has an input to fix. Text that does not parse is not
    /// in it, and an import loads the form anew (as over the last valid scenario before).
    pub current: InputRef,
    /// The page still holds its untouched opening scenario (an import replaces its example
    /// service rather than joining it).
    #[prop_or_default]
    pub untouched: bool,
}

/// How tall the part `view` shows is on the page now (CSS pixels, rounded up to tens, with room for
/// the embed's own margins and its "Open in ECS Capacity Planner" line); 640 when it is not on the
/// page (a panel not opened).
fn view_height(view: Option<&str>) -> u32 {
    let selectors: &[&str] = match view {
        None => &[
            ".outputs",
            ".panel-host.timeline-host",
            ".panel-host.cost-host",
        ],
        Some("packing") => &["section.panel.chart"],
        Some("cas") => &["section.panel.cas"],
        Some("timeline") => &["section.panel.timeline"],
        Some("cost") => &["section.panel.cost"],
        Some(_) => &[],
    };
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return 640;
    };
    let measured: f64 = selectors
        .iter()
        .filter_map(|sel| doc.query_selector(sel).ok().flatten())
        .filter_map(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
        .map(|el| f64::from(el.offset_height()))
        .sum();
    if measured < 1.0 {
        return 640;
    }
    ((measured + 80.0) / 10.0).ceil() as u32 * 10
}

/// Where the site address typed for a page opened as a file is kept in this browser.
const SITE: &str = "ecs-capacity:site";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The page's protocol ("https:", "file:").
fn protocol() -> String {
    web_sys::window()
        .and_then(|w| w.location().protocol().ok())
        .unwrap_or_default()
}

/// The page's URL without its query.
fn base() -> String {
    let Some(l) = web_sys::window().map(|w| w.location()) else {
        return String::new();
    };
    format!(
        "{}{}",
        l.origin().unwrap_or_default(),
        l.pathname().unwrap_or_default()
    )
}

/// Copies text through `navigator.clipboard.writeText`; false when there is none.
fn copy(text: &str) -> bool {
    let get = |o: &JsValue, k: &str| js_sys::Reflect::get(o, &JsValue::from_str(k)).ok();
    let Some(w) = web_sys::window() else {
        return false;
    };
    let clip = get(&w, "navigator")
        .and_then(|n| get(&n, "clipboard"))
        .filter(|c| !c.is_undefined());
    let f = clip
        .as_ref()
        .and_then(|c| get(c, "writeText"))
        .and_then(|f| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok());
    match (clip, f) {
        (Some(c), Some(f)) => f.call1(&c, &JsValue::from_str(text)).is_ok(),
        _ => false,
    }
}

/// The export files of one scenario.
struct Exports {
    markdown: String,
    json: String,
    placement: Option<String>,
    /// The scenario in one line, written above an exported chart.
    scenario: String,
}

/// The outcome of the last import: notes, or errors with their JSON paths.
type Outcome = Result<Vec<String>, Vec<FieldError>>;

/// Reads a dropped or chosen file's text into `text` (gloo's reader; kept in `reading` until it
/// is done, as dropping it cancels the read).
fn read_file(
    file: web_sys::File,
    text: UseStateHandle<String>,
    reading: &Rc<RefCell<Option<FileReader>>>,
) {
    let file = gloo::file::File::from(file);
    *reading.borrow_mut() = Some(read_as_text(&file, move |t| {
        text.set(t.unwrap_or_default());
    }));
}

/// The share panel: the link and its embed code, the exports, the import, and the summary to copy.
#[component]
pub fn SharePanel(props: &ShareProps) -> Html {
    let pasted = use_state(String::new);
    let outcome = use_state(|| None::<Outcome>);
    let reading = use_mut_ref(|| None::<FileReader>);
    let view = use_state(String::new);
    let theme = use_state(|| "light".to_string());
    let copied = use_state(|| None::<&'static str>);
    // What a failed export said (a PNG the browser could not make).
    let export_note = use_state(|| None::<String>);
    // A page opened as a file shares the site address the user set (kept in this browser), or
    // says plainly that its links open on this computer only and gives the query alone.
    let site = use_state(|| {
        storage()
            .and_then(|s| s.get_item(SITE).ok().flatten())
            .unwrap_or_default()
    });
    let where_to = share_base(&protocol(), &base(), &site);
    let q = props.query.to_string();
    let link = match where_to.url() {
        Some(u) => format!("{u}?{q}"),
        None => format!("?{q}"),
    };
    // The exports, from the plan of the page's last valid scenario: computed when the scenario
    // (or its link) changes, not on every keystroke in this panel.
    let files = use_memo(
        (props.input.clone(), props.plan.clone(), link.clone()),
        |(input, plan, link)| Exports {
            scenario: scenario_line(&plan.0),
            markdown: markdown(&plan.0, link),
            json: crate::io::json::pretty(&crate::io::json::input_json(&*input.0)),
            placement: Some(placement_csv(&plan.0)),
        },
    );
    html! {
        <section class="panel share" aria-labelledby="share-h" data-testid="share">
            <h2 id="share-h">{ "Share, embed, export, import" }</h2>
            <p class="note">{ "The address bar always holds this exact view: every input, defaults left out. This browser also keeps the last one for your next visit." }</p>
            { site_field(&where_to, &site) }
            { link_and_embed(link, &q, where_to.url(), (&view, &theme), &copied) }
            <h3>{ "Export" }</h3>
            { exports(&files, &export_note) }
            <h3>{ "Import from the AWS CLI, Terraform or CloudFormation" }</h3>
            { cli_import(props, &pasted, &outcome, &reading) }
            <details>
                <summary>{ "The summary, to copy" }</summary>
                <textarea rows="12" readonly=true value={files.markdown.clone()} data-testid="markdown-preview" aria-label="The plan as Markdown" />
            </details>
        </section>
    }
}

/// The link and the embed code (of the part `view` picks, from query `q`), each with a copy
/// button; `copied` says what the last copy did.
fn link_and_embed(
    link: String,
    q: &str,
    base: Option<&str>,
    (view, theme): (&UseStateHandle<String>, &UseStateHandle<String>),
    copied: &UseStateHandle<Option<&'static str>>,
) -> Html {
    let v = VIEWS.iter().find(|x| **x == view.as_str()).copied();
    let t = THEMES.iter().find(|x| **x == theme.as_str()).copied();
    let code = match base {
        Some(b) => embed_code(b, q, v, view_height(v), t),
        None => "Set the site address above to get embed code: an iframe needs the planner's published address.".to_string(),
    };
    let link_label = if base.is_some() {
        "Link"
    } else {
        "The scenario's query: add it after the planner's published address"
    };
    // Each button's own words, success or not, so each shows beside its button.
    let on_copy = |what: &'static str, fallback: &'static str, text: String| {
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            copied.set(Some(if copy(&text) { what } else { fallback }));
        })
    };
    let options: Vec<(AttrValue, AttrValue)> = std::iter::once(("".into(), "every result".into()))
        .chain(
            VIEWS
                .iter()
                .map(|v| (AttrValue::from(*v), AttrValue::from(*v))),
        )
        .collect();
    let on_view = {
        let view = view.clone();
        Callback::from(move |v: String| view.set(v))
    };
    let on_theme = {
        let theme = theme.clone();
        Callback::from(move |v: String| theme.set(v))
    };
    let themes: Vec<(AttrValue, AttrValue)> = [
        ("light", "light (default)"),
        ("dark", "dark"),
        ("auto", "as the reader's system"),
    ]
    .iter()
    .map(|&(v, l)| (AttrValue::from(v), AttrValue::from(l)))
    .collect();
    html! {
        <>
            <div class="field">
                <label for="share-link">{ link_label }</label>
                <input id="share-link" type="text" readonly=true value={link.clone()} data-testid="share-link" />
            </div>
            <button type="button" data-testid="copy-link" onclick={on_copy("link copied", "select the link above and copy it", link)}>{ "Copy link" }</button>
            // What a copy did, beside the button that did it.
            if let Some(c) = (**copied).filter(|c| c.contains("link")) { <span class="status copied" role="status">{ c }</span> }
            <div class="row">
                <SelectField id="embed-view" label="Embed shows" value={(**view).clone()} options={options} onchange={on_view} />
                <SelectField id="embed-theme" label="Colours" value={(**theme).clone()} options={themes} onchange={on_theme} />
            </div>
            <div class="field">
                <label for="embed-code">{ "Embed code: an iframe as tall as the part shown measures now, so it shows whole with no script on your page" }</label>
                <textarea id="embed-code" rows="3" readonly=true value={code.clone()} data-testid="embed-code" />
            </div>
            <button type="button" data-testid="copy-embed" disabled={base.is_none()} onclick={on_copy("embed code copied", "select the code above and copy it", code)}>{ "Copy embed code" }</button>
            <details>
                <summary>{ "Optional: let the iframe follow its height as it changes" }</summary>
                <p class="note">{ "The embedded page tells its parent its height in a message { type: \"ecs-capacity:height\", height }. This script, once on your page, resizes the iframe to it." }</p>
                <textarea id="embed-listener" rows="3" readonly=true value={EMBED_LISTENER} data-testid="embed-listener" aria-label="The optional height listener" />
            </details>
            if let Some(c) = (**copied).filter(|c| c.contains("code")) { <span class="status copied" role="status">{ c }</span> }
        </>
    }
}

/// For a page opened as a file: the site address links should use, kept in this browser, with
/// what links can do without it. Nothing for a served page.
fn site_field(where_to: &ShareBase, site: &UseStateHandle<String>) -> Html {
    if matches!(where_to, ShareBase::Page(_)) {
        return Html::default();
    }
    let on_site = {
        let site = site.clone();
        Callback::from(move |v: String| {
            if let Some(s) = storage() {
                let _ = s.set_item(SITE, &v);
            }
            site.set(v);
        })
    };
    let error = match where_to {
        ShareBase::BadSite(why) => Some(why.clone()),
        _ => None,
    };
    html! {
        <>
            if matches!(where_to, ShareBase::FileOnly | ShareBase::BadSite(_)) {
                <p class="note" role="status" data-testid="file-link-note">{ "This page is a file on this computer (file://): a link to it opens here only, and another page cannot embed it. Give the address where the planner is published to share links and embed code (kept in this browser); meanwhile the scenario's query is below, to add after that address." }</p>
            }
            <TextField id="share-site" label="Site address (where the planner is published)" value={(**site).clone()} inputmode="url"
                placeholder={Some(AttrValue::from("https://example.com/ecs-capacity/"))} error={error} oninput={on_site} />
        </>
    }
}

/// The export buttons: the files of `files`, then every chart open on the page as SVG and PNG.
fn exports(files: &Exports, note: &UseStateHandle<Option<String>>) -> Html {
    let failed = {
        let note = note.clone();
        Callback::from(move |why: String| note.set(Some(why)))
    };
    let file = |name: &'static str, mime: &'static str, text: String| {
        Callback::from(move |_: MouseEvent| save_text(name, mime, &text))
    };
    let mut list: Vec<(&'static str, &'static str, Callback<MouseEvent>)> = vec![
        (
            "export-markdown",
            "Summary (Markdown)",
            file(
                "ecs-capacity-plan.md",
                "text/markdown",
                files.markdown.clone(),
            ),
        ),
        (
            "export-json",
            "Scenario (JSON)",
            file(
                "ecs-capacity-scenario.json",
                "application/json",
                files.json.clone(),
            ),
        ),
    ];
    if let Some(csv) = &files.placement {
        list.push((
            "export-placement-csv",
            "Placement (CSV)",
            file("ecs-capacity-placement.csv", "text/csv", csv.clone()),
        ));
    }
    html! {
        <>
            <div class="row exports">
                { for list.into_iter().map(|(id, label, onclick)| html! { <button type="button" data-testid={id} {onclick}>{ label }</button> }) }
            </div>
            <div class="row exports">
                { for open_charts().into_iter().map(|(id, label)| html! { <>
                    <button type="button" data-testid={format!("export-svg-{id}")} onclick={ { let sc = files.scenario.clone(); Callback::from(move |_| save_svg(id, &sc)) } }>{ format!("{label} (SVG)") }</button>
                    <button type="button" data-testid={format!("export-png-{id}")} onclick={ { let (sc, failed) = (files.scenario.clone(), failed.clone()); Callback::from(move |_| save_png(id, &sc, failed.clone())) } }>{ format!("{label} (PNG)") }</button>
                </> }) }
            </div>
            if let Some(why) = (**note).clone() { <p class="error" role="alert" data-testid="export-failed">{ why }</p> }
            <p class="note">{ "Charts are those open on the page (open the timeline or cost panels to add theirs). To print the plan on one page, use the browser's Print: the inputs and buttons are left out." }</p>
        </>
    }
}

/// Every chart on the page now (its test id and name), to save as SVG or PNG.
fn open_charts() -> Vec<(&'static str, &'static str)> {
    [
        ("packing", "Packing chart"),
        ("timeline-chart", "Timeline"),
        ("recommend-scatter", "Cost against waste"),
        ("waste-bars", "Where paid CPU and memory go"),
    ]
    .into_iter()
    .filter(|(id, _)| {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| {
                d.query_selector(&format!("svg[data-testid={id}]"))
                    .ok()
                    .flatten()
            })
            .is_some()
    })
    .collect()
}

/// The AWS CLI import: the text pasted, dropped or read from a file (into `pasted`, the reader
/// kept in `reading`), the button that lays it over the page's scenario, and its `outcome`.
fn cli_import(
    props: &ShareProps,
    pasted: &UseStateHandle<String>,
    outcome: &UseStateHandle<Option<Outcome>>,
    reading: &Rc<RefCell<Option<FileReader>>>,
) -> Html {
    let on_import = {
        let (pasted, outcome, input, onedit, untouched) = (
            pasted.clone(),
            outcome.clone(),
            props.current.clone(),
            props.onedit.clone(),
            props.untouched,
        );
        Callback::from(move |_: MouseEvent| {
            match crate::io::import::import_onto(&pasted, &input.0, untouched) {
                Ok(i) => {
                    let (form, mut notes) = form_from_input(&i.scenario);
                    onedit.emit(Edit::Load(Box::new(form)));
                    let mut all = i.notes;
                    all.append(&mut notes);
                    outcome.set(Some(Ok(all)));
                }
                Err(e) => outcome.set(Some(Err(e))),
            }
        })
    };
    let on_paste = {
        let pasted = pasted.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            pasted.set(el.value());
        })
    };
    let on_drop = {
        let (pasted, reading) = (pasted.clone(), reading.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(f) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|l| l.get(0))
            {
                read_file(f, pasted.clone(), &reading);
            }
        })
    };
    let on_file = {
        let (pasted, reading) = (pasted.clone(), reading.clone());
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(f) = el.files().and_then(|l| l.get(0)) {
                read_file(f, pasted.clone(), &reading);
            }
        })
    };
    html! {
        <>
            <p class="note">{ "Paste, drop or choose the JSON of aws ecs describe-task-definition (or a task definition), describe-services, describe-container-instances or describe-capacity-providers; each lays its part over the scenario (import the task definitions first, then the services). Or a Terraform plan or state (terraform show -json), or a CloudFormation template as JSON (CDK's cdk.out/*.template.json): its task definitions, services, capacity providers, default strategy and Auto Scaling groups at once. An error names its JSON path and changes nothing; what the app does not model, or the document does not know, is a note with its path." }</p>
            <div class="field">
                <label for="import-text">{ "JSON to import" }</label>
                <textarea id="import-text" rows="6" data-testid="import-text" value={(**pasted).clone()} oninput={on_paste}
                    ondragover={Callback::from(|e: DragEvent| e.prevent_default())} ondrop={on_drop} />
            </div>
            <div class="row">
                <div class="field">
                    <label for="import-file">{ "Or a file" }</label>
                    <input id="import-file" type="file" accept=".json,application/json" onchange={on_file} />
                </div>
            </div>
            <button type="button" data-testid="import" onclick={on_import}>{ "Import" }</button>
            { outcome_view(outcome) }
        </>
    }
}

/// The last import's notes, or its errors with their JSON paths (nothing before the first).
fn outcome_view(outcome: &Option<Outcome>) -> Html {
    match outcome {
        Some(Ok(notes)) => {
            html! { <div class="status" role="status" data-testid="import-notes"><p>{ "Imported:" }</p><ul>{ for notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }</ul><p><a href="#answer-h" data-testid="import-see-answer">{ "See the answer for it" }</a></p></div> }
        }
        Some(Err(errors)) => {
            html! { <div class="error-summary" role="alert" data-testid="import-errors"><p>{ "Nothing was imported:" }</p><ul>{ for errors.iter().map(|e| html! { <li><code>{ if e.path.is_empty() { "(the whole text)".to_string() } else { e.path.clone() } }</code>{ ": " }{ e.message.clone() }</li> }) }</ul></div> }
        }
        None => html! {},
    }
}
