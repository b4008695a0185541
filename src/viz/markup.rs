//! The one escaping function for every chart and table the app writes as markup.

/// Escapes text for HTML and SVG markup, in element text and in quoted attributes alike.
pub fn esc(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Written as references so that an attribute keeps them apart: the HTML parser turns
            // a raw CR LF into LF, and "a\nb" and "a\r\nb" would read the same.
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

/// One row of a stacked bar chart at `y`: its label at the left, then each segment (class, share
/// of the width from `left` to `right`, title) a 22-unit-high rectangle, left to right. Segments
/// of no width (or no number) are left out. Label and titles are escaped here.
pub fn bar_row(
    out: &mut String,
    y: f64,
    label: &str,
    (left, right): (f64, f64),
    segments: impl IntoIterator<Item = (String, f64, String)>,
) {
    use crate::model::units::trim_float;
    use std::fmt::Write;
    let _ = write!(
        out,
        r#"<text class="tick" x="0" y="{}" dominant-baseline="middle">{}</text>"#,
        trim_float(y + 11.0),
        esc(label)
    );
    let mut x = left;
    for (class, share, title) in segments {
        let width = (right - left) * share.clamp(0.0, 1.0);
        if width.is_nan() || width <= 0.0 {
            continue;
        }
        let _ = write!(
            out,
            r#"<rect class="{}" x="{}" y="{}" width="{}" height="22"><title>{}</title></rect>"#,
            esc(&class),
            trim_float(x),
            trim_float(y),
            trim_float(width),
            esc(&title)
        );
        x += width;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Markup characters come out as entities, in text and in either kind of quoted attribute;
    /// everything else stays as it is.
    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            esc(r#"<img src="x" onerror='a&b'>"#),
            "&lt;img src=&quot;x&quot; onerror=&#39;a&amp;b&#39;&gt;"
        );
        assert_eq!(esc("api 日本 \u{a0}"), "api 日本 \u{a0}");
        // Line breaks stay distinct in attributes.
        assert_ne!(esc("a\nb"), esc("a\r\nb"));
        assert_eq!(esc("a\r\nb"), "a&#13;&#10;b");
    }
}
