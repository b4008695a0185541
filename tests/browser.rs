//! Browser tests of the components (wasm-bindgen-test in headless Chromium): the page renders the
//! answer with its hooks, edits update it, bad input shows its message and keeps the last result.
#![cfg(target_arch = "wasm32")]

use ecs_capacity::ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Event, EventInit, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app in a fresh element and waits for its first render. The page opens from its
/// query, else the scenario kept in localStorage: both are cleared first, so each test starts from
/// the opening scenario (earlier tests' apps wrote them).
async fn mount() -> Element {
    let w = web_sys::window().unwrap();
    let path = w.location().pathname().unwrap();
    w.history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path))
        .unwrap();
    w.local_storage().unwrap().unwrap().clear().unwrap();
    let doc = w.document().unwrap();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    root
}

fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

fn value(root: &Element, testid: &str) -> String {
    find(root, &format!("[data-testid={testid}]"))
        .and_then(|e| e.get_attribute("data-value"))
        .unwrap_or_default()
}

fn count(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector)
        .map(|l| l.length())
        .unwrap_or(0)
}

/// Types into an input as a user would: sets the value and fires a bubbling input event.
async fn type_into(root: &Element, id: &str, text: &str) {
    let input: HtmlInputElement = find(root, &format!("#{id}")).unwrap().dyn_into().unwrap();
    input.set_value(text);
    let init = EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
    yew::scheduler::flush().await;
}

async fn click(root: &Element, selector: &str) {
    let el: HtmlElement = find(root, selector).unwrap().dyn_into().unwrap();
    el.click();
    yew::scheduler::flush().await;
}

/// The opening scenario: 10 tasks of 256/512 with a 64/128 daemon: 7 per instance, 2 instances.
#[wasm_bindgen_test]
async fn first_render_shows_the_answer_with_hooks() {
    let root = mount().await;
    assert_eq!(value(&root, "tasks-per-instance"), "7");
    assert_eq!(value(&root, "limited-by"), "cpu");
    assert_eq!(value(&root, "instances-needed"), "2");
    assert_eq!(value(&root, "article-instances"), "2");
    assert_eq!(
        count(&root, "svg[data-testid=packing] [data-testid=instance]"),
        2
    );
    assert_eq!(
        count(&root, "svg[data-testid=packing] [data-testid=task]"),
        10
    );
    assert_eq!(
        count(&root, "svg[data-testid=packing] [data-testid=daemon]"),
        2
    );
}

/// Changing the desired count re-plans at once.
#[wasm_bindgen_test]
async fn editing_the_count_updates_the_answer() {
    let root = mount().await;
    type_into(&root, "services-0-desiredCount", "100").await;
    assert_eq!(value(&root, "instances-needed"), "15");
}

/// Text that is not a size gets a message beside the field; the last valid answer stays.
#[wasm_bindgen_test]
async fn bad_input_shows_its_error_and_keeps_the_last_result() {
    let root = mount().await;
    type_into(&root, "services-0-memory", "lots").await;
    let err =
        find(&root, "[data-testid=error-services-0-memory]").expect("error shown beside the field");
    assert!(err.text_content().unwrap_or_default().contains("lots"));
    assert_eq!(value(&root, "instances-needed"), "2");
    assert!(find(&root, ".stale").is_some());
    type_into(&root, "services-0-memory", "1 GB").await;
    assert!(find(&root, "[data-testid=error-services-0-memory]").is_none());
    assert_eq!(value(&root, "tasks-per-instance"), "3");
}

/// A task larger than the instance says so and names a type that fits.
#[wasm_bindgen_test]
async fn oversized_task_names_the_limit() {
    let root = mount().await;
    type_into(&root, "services-0-memory", "5000").await;
    let text = find(&root, "[data-testid=error-services-0-memory]")
        .and_then(|e| e.text_content())
        .unwrap_or_default();
    assert!(
        // The cheapest type that holds it: the refreshed catalog's r7g.medium (1 vCPU, 8 GiB).
        text.contains("never placeable") && text.contains("r7g.medium"),
        "{text}"
    );
}

/// Adding a service adds its row and its legend entry; removing it takes them away.
#[wasm_bindgen_test]
async fn services_can_be_added_and_removed() {
    let root = mount().await;
    click(&root, "section[aria-labelledby=services-h] > button").await;
    assert!(find(&root, "#services-1-cpu").is_some());
    assert_eq!(count(&root, ".legend li"), 4);
    click(&root, "fieldset.service:nth-of-type(2) button.remove").await;
    assert!(find(&root, "#services-1-cpu").is_none());
}

/// One click loads an article example and shows both answers.
#[wasm_bindgen_test]
async fn an_example_loads_with_both_answers() {
    let root = mount().await;
    click(&root, "[data-testid=example-four-tasks]").await;
    assert_eq!(value(&root, "instances-needed"), "2");
    assert_eq!(value(&root, "tasks-per-instance"), "3");
    let article = find(&root, "[data-testid=example-article]")
        .and_then(|e| e.text_content())
        .unwrap_or_default();
    assert_eq!(article, "1 instance");
}

/// The CAS panel follows N: 3 running for 10 tasks of 3 per instance scales out by 1 (the scale-out
/// row current); 4 running is no change; 6 running scales in, removing the empty ones.
#[wasm_bindgen_test]
async fn cas_decision_follows_n() {
    let root = mount().await;
    type_into(&root, "services-0-cpu", "0.5 vCPU").await;
    type_into(&root, "services-0-memory", "1 GB").await;
    type_into(&root, "runningInstances", "3").await;
    assert_eq!(value(&root, "cas-m"), "4");
    assert_eq!(value(&root, "desired-instances"), "4");
    assert_eq!(value(&root, "decision"), "scale-out");
    let row = find(&root, "[data-testid=decision-row-scale-out]").unwrap();
    assert_eq!(row.get_attribute("aria-current").as_deref(), Some("true"));
    assert_eq!(
        count(&root, "svg[data-testid=packing] [data-fate=adding]"),
        1
    );
    type_into(&root, "runningInstances", "4").await;
    assert_eq!(value(&root, "decision"), "no-change");
    assert!(find(&root, "[data-testid=decision-row-scale-out]")
        .unwrap()
        .get_attribute("aria-current")
        .is_none());
    type_into(&root, "runningInstances", "6").await;
    assert_eq!(value(&root, "decision"), "scale-in");
    assert_eq!(
        count(&root, "svg[data-testid=packing] [data-fate=removing]"),
        1
    );
}

/// The desired-tasks number field beside its slider drives the first service's count.
#[wasm_bindgen_test]
async fn the_desired_number_field_sets_the_count() {
    let root = mount().await;
    type_into(&root, "cas-desired-number", "100").await;
    assert_eq!(value(&root, "instances-needed"), "15");
    let field: HtmlInputElement = find(&root, "#services-0-desiredCount")
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(field.value(), "100");
}

/// The N slider drives the same field as the text input.
#[wasm_bindgen_test]
async fn the_n_slider_sets_n() {
    let root = mount().await;
    type_into(&root, "cas-running", "5").await;
    let n: HtmlInputElement = find(&root, "#runningInstances")
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(n.value(), "5");
    assert_eq!(value(&root, "decision"), "scale-in");
}

/// The panic hook's notice replaces the dead page with a message and a reload link.
#[wasm_bindgen_test]
async fn crash_notice_offers_a_reload() {
    let root = mount().await;
    ecs_capacity::ui::crash_notice(&root);
    let notice = find(&root, "[data-testid=crash]").unwrap();
    assert_eq!(notice.get_attribute("role").as_deref(), Some("alert"));
    assert!(notice
        .text_content()
        .unwrap()
        .contains("reloading brings them back"));
    let link = find(&root, "[data-testid=crash] a").unwrap();
    assert_eq!(link.get_attribute("href").as_deref(), Some(""));
    assert!(find(&root, "[data-testid=instances-needed]").is_none());
}
