//! Downloads for the exports: text as a file, and a chart on the page as a standalone SVG (the
//! app's stylesheet inside it) or a PNG drawn from that SVG. Blobs, object URLs, the URL's timer
//! and the image's load listener come from gloo; the canvas's `toBlob` callback, which gloo does not
//! wrap, is the one closure written here.

use gloo::events::EventListener;
use gloo::file::{Blob, ObjectUrl};
use gloo::timers::callback::Timeout;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The page's stylesheets as text, put inside exported SVGs so that they look as on the page.
/// Read from the page (the CSS file, or the single file's `<style>`) rather than compiled in: a
/// copy in the wasm cost 4 KB of gzip for text the browser already holds.
fn page_css(doc: &web_sys::Document) -> String {
    let sheets = doc.style_sheets();
    let mut css = String::new();
    for i in 0..sheets.length() {
        let Some(sheet) = sheets
            .item(i)
            .and_then(|s| s.dyn_into::<web_sys::CssStyleSheet>().ok())
        else {
            continue;
        };
        // A sheet from another origin refuses its rules: it is not the app's, so it is left out.
        let Ok(rules) = sheet.css_rules() else {
            continue;
        };
        for j in 0..rules.length() {
            if let Some(r) = rules.item(j) {
                css.push_str(&r.css_text());
            }
        }
    }
    css
}

/// Offers `blob` as a file download named `name`.
pub fn save(name: &str, blob: &Blob) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let url = ObjectUrl::from(blob.clone());
    if let Ok(a) = doc.create_element("a") {
        if let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() {
            a.set_href(&url);
            a.set_download(name);
            a.click();
        }
    }
    // Let the download start before the URL goes (dropping an ObjectUrl revokes it).
    Timeout::new(10_000, move || drop(url)).forget();
}

/// Offers text as a file.
pub fn save_text(name: &str, mime: &str, text: &str) {
    save(name, &Blob::new_with_options(text, Some(mime)));
}

/// The chart `svg[data-testid=<testid>]` as a standalone SVG document, with its size: above the
/// chart its section's heading, its legend (the list beside it on the page) and `scenario`, the
/// scenario in one line, so the file says what it shows on its own.
pub fn svg_of(testid: &str, scenario: &str) -> Option<(String, f64, f64)> {
    use crate::viz::markup::esc;
    let doc = web_sys::window()?.document()?;
    let el = doc
        .query_selector(&format!("svg[data-testid={testid}]"))
        .ok()??;
    let vb = el.get_attribute("viewBox").unwrap_or_default();
    let dims: Vec<f64> = vb
        .split_whitespace()
        .filter_map(crate::model::units::parse_decimal)
        .collect();
    let (w, h) = (*dims.get(2)?, *dims.get(3)?);
    // The page's HTML serialiser writes U+00A0 as `&nbsp;`, an entity XML does not know, and
    // XML 1.0 cannot hold control characters at all: the file says them in ways XML reads.
    let xml = |t: String| {
        t.replace("&nbsp;", "&#160;").replace(
            // The C0 and C1 controls (what `char::is_control` means, without its tables).
            |c: char| {
                matches!(c, '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}')
                    && !matches!(c, '\t' | '\n' | '\r')
            },
            "\u{FFFD}",
        )
    };
    let inner = xml(el.inner_html());
    // The chart's own class, so the stylesheet's rules for it (`.timeline-svg rect.hover`, the
    // scatter's marks) apply in the file as on the page.
    let class = esc(&el.get_attribute("class").unwrap_or_default());
    let section = el.closest("section").ok().flatten();
    let text_of = |sel: &str| -> Vec<String> {
        section
            .as_ref()
            .and_then(|s| s.query_selector_all(sel).ok())
            .map(|list| {
                (0..list.length())
                    .filter_map(|i| list.item(i))
                    .filter_map(|n| n.text_content())
                    .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                    .filter(|t| !t.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    };
    let title = text_of("h2").into_iter().next().unwrap_or_default();
    let legend = text_of("ul.legend li").join(" · ");
    // A line of small text per header line, above the chart, wrapped to the file's width: at
    // least 480 px, so that a narrow chart (a few instances) does not cut its caption short.
    let line_h = (w / 45.0).clamp(9.0, 16.0);
    let out_w = w.max(480.0);
    // ASSUMPTION: a character of system-ui is at most 0.6 of the font size wide on average.
    let per_line = ((out_w - 8.0) / (line_h * 0.6)).max(20.0) as usize;
    let lines: Vec<String> = [title, legend, scenario.to_string()]
        .iter()
        .filter(|l| !l.is_empty())
        .flat_map(|l| wrap(l, per_line))
        .collect();
    let head = line_h * 1.4 * lines.len() as f64 + line_h * 0.6;
    let mut text = String::new();
    for (i, l) in lines.iter().enumerate() {
        let weight = if i == 0 { r#" font-weight="600""# } else { "" };
        text.push_str(&format!(
            r##"<text x="4" y="{}" font-size="{}" font-family="system-ui, sans-serif" fill="#1b1f24"{weight}>{}</text>"##,
            crate::model::units::trim_float(line_h * 1.4 * (i as f64 + 1.0) - line_h * 0.3),
            crate::model::units::trim_float(line_h),
            xml(esc(l))
        ));
    }
    // Whole units: the header's height rounded up, so the file's numbers read cleanly.
    let head = head.ceil();
    let total = h + head;
    // Numbers through trim_float: f64's Display would add core's float printer to the wasm.
    let (ws, outs, ts, hs, heads) = (
        crate::model::units::trim_float(w),
        crate::model::units::trim_float(out_w),
        crate::model::units::trim_float(total),
        crate::model::units::trim_float(h),
        crate::model::units::trim_float(head),
    );
    let css = page_css(&doc);
    let svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {outs} {ts}" width="{outs}" height="{ts}"><style><![CDATA[{css}]]></style><rect width="100%" height="100%" fill="#ffffff"/>{text}<svg class="{class}" x="0" y="{heads}" width="{ws}" height="{hs}" viewBox="{vb}">{inner}</svg></svg>"##
    );
    Some((svg, out_w, total))
}

/// `text` in lines of at most `width` characters, broken at spaces (a longer word stands alone).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push(line);
    }
    out
}

/// Offers a chart as SVG.
pub fn save_svg(testid: &str, scenario: &str) {
    if let Some((svg, _, _)) = svg_of(testid, scenario) {
        save_text(&format!("{testid}.svg"), "image/svg+xml", &svg);
    }
}

/// Offers a chart as PNG, drawn at twice its size.
pub fn save_png(testid: &str, scenario: &str, failed: yew::Callback<String>) {
    let name = format!("{testid}.png");
    let fail = {
        let (failed, name) = (failed.clone(), name.clone());
        move |why: &str| {
            failed.emit(format!(
                "{name} could not be made: {why}; the SVG export has the same chart"
            ))
        }
    };
    let Some((svg, w, h)) = svg_of(testid, scenario) else {
        return fail("the chart is not on the page");
    };
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return fail("no document");
    };
    let (Ok(img), Ok(canvas)) = (
        web_sys::HtmlImageElement::new(),
        doc.create_element("canvas")
            .map(|c| c.unchecked_into::<web_sys::HtmlCanvasElement>()),
    ) else {
        return fail("the browser gave no image or canvas");
    };
    canvas.set_width((w * 2.0) as u32);
    canvas.set_height((h * 2.0) as u32);
    let img2 = img.clone();
    let on_error = fail.clone();
    EventListener::once(&img, "error", move |_| {
        on_error("the browser could not draw the chart as an image")
    })
    .forget();
    EventListener::once(&img, "load", move |_| {
        let Some(ctx) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        else {
            return fail("the canvas has no 2D context");
        };
        let _ =
            ctx.draw_image_with_html_image_element_and_dw_and_dh(&img2, 0.0, 0.0, w * 2.0, h * 2.0);
        let done =
            Closure::once_into_js(
                move |blob: JsValue| match blob.dyn_into::<web_sys::Blob>() {
                    Ok(b) => save(&name, &Blob::from(b)),
                    Err(_) => fail("the canvas gave no PNG (the chart may be too large)"),
                },
            );
        let _ = canvas.to_blob(done.unchecked_ref());
    })
    .forget();
    // A data: URL (the page's CSP allows data: images, not blob: ones).
    img.set_src(&format!(
        "data:image/svg+xml;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(&svg))
    ));
}
