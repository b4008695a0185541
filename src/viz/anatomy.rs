//! One instance's anatomy as stacked bars: one bar per resource, each part as wide as its share of
//! the total, titled with its number (the table beside it has the same figures).

use super::markup::{bar_row, esc};
use crate::model::anatomy::Resource;
use crate::model::units::trim_float;

/// The bars' width in viewBox units, the labels' column included (the viewBox writes it as 640).
const W: f64 = 640.0;
/// The labels' column.
const L: f64 = 70.0;

/// The SVG markup: one 22-unit bar per resource, parts from the left in order.
pub fn svg(type_name: &str, resources: &[Resource]) -> String {
    let h = 8.0 + resources.len() as f64 * 30.0;
    let mut out = format!(
        r#"<svg class="anatomy" data-testid="anatomy-chart" viewBox="0 0 640 {}" role="img" aria-label="{}: each resource from what the type offers to what is left for tasks (the list beside it has the figures)">"#,
        trim_float(h),
        esc(&format!("One {type_name}"))
    );
    for (row, r) in resources.iter().enumerate() {
        let y = 4.0 + row as f64 * 30.0;
        let segments = r.parts.iter().map(|p| {
            (
                format!("a-{}", p.key),
                p.amount as f64 / r.total as f64,
                format!("{}: {} {} {}", r.name, p.label, p.amount, r.unit),
            )
        });
        bar_row(&mut out, y, r.name, (L, W), segments);
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::anatomy::Part;

    /// Each non-empty part is one rectangle as wide as its share, titled with its number; the
    /// bars end at the chart's edge.
    #[test]
    fn parts_are_rectangles_of_their_share() {
        let part = |key, amount| Part {
            key,
            label: key,
            amount,
            how: String::new(),
        };
        let r = vec![Resource {
            name: "CPU",
            unit: "CPU units",
            total: 2048,
            parts: vec![part("daemons", 512), part("zero", 0), part("free", 1536)],
        }];
        let s = svg("t4g.medium", &r);
        assert_eq!(s.matches("<rect").count(), 2);
        assert!(
            s.contains(r#"class="a-daemons" x="70" y="4" width="142.5""#),
            "{s}"
        );
        assert!(
            s.contains(r#"class="a-free" x="212.5" y="4" width="427.5""#),
            "{s}"
        );
        assert!(s.contains("<title>CPU: free 1536 CPU units</title>"));
    }
}
