//! Tables as HTML markup, built in one place with every text escaped: the charts' text alternatives
//! carry many rows, and one builder is far less wasm than a `html!` tree per table.

use std::fmt::Write;

/// One body row: attributes for the `<tr>` (data-* hooks) and its cells; the first cell is the
/// row header.
pub struct Row {
    /// (name, value) attributes.
    pub attrs: Vec<(&'static str, String)>,
    /// Cell texts.
    pub cells: Vec<String>,
}

use super::markup::esc;

/// A table with a class, an optional `data-testid`, a header row and body rows.
pub fn table(class: &str, testid: Option<&str>, headers: &[&str], rows: &[Row]) -> String {
    let mut out = String::with_capacity(256 + rows.len() * 96);
    let _ = write!(out, r#"<table class="{}""#, esc(class));
    if let Some(t) = testid {
        let _ = write!(out, r#" data-testid="{}""#, esc(t));
    }
    out.push_str("><thead><tr>");
    for h in headers {
        let _ = write!(out, r#"<th scope="col">{}</th>"#, esc(h));
    }
    out.push_str("</tr></thead><tbody>");
    for r in rows {
        out.push_str("<tr");
        for (k, v) in &r.attrs {
            let _ = write!(out, r#" {}="{}""#, k, esc(v));
        }
        out.push('>');
        for (i, c) in r.cells.iter().enumerate() {
            let tag = if i == 0 { r#"th scope="row""# } else { "td" };
            let _ = write!(
                out,
                "<{tag}>{}</{}>",
                esc(c),
                if i == 0 { "th" } else { "td" }
            );
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Headers, row hooks and cells come out in order, escaped; the first cell is a row header.
    #[test]
    fn builds_an_escaped_table() {
        let rows = [Row {
            attrs: vec![("data-run", "with".into())],
            cells: vec!["a<b".into(), "1 & 2".into()],
        }];
        let t = table("summary", Some("timeline-summary"), &["Run", "Lost"], &rows);
        assert_eq!(
            t,
            r#"<table class="summary" data-testid="timeline-summary"><thead><tr><th scope="col">Run</th><th scope="col">Lost</th></tr></thead><tbody><tr data-run="with"><th scope="row">a&lt;b</th><td>1 &amp; 2</td></tr></tbody></table>"#
        );
    }
}
