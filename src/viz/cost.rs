//! The cost charts' geometry: the recommender's scatter of monthly cost (log scale, decades) against
//! waste, and the stacked bars of where paid CPU and memory go. Both are SVG markup with every text
//! escaped; their text alternatives are the tables beside them.

use std::fmt::Write;

use super::markup::{bar_row, esc};
use crate::model::cost::WasteSplit;
use crate::model::units::{trim_float, usd};

/// Scatter width in viewBox units.
// The markup writes these numbers (and the sums below) as literals: 640, 260, 48, 28, 10, 30.
pub const WIDTH: f64 = 640.0;
/// Scatter height.
pub const HEIGHT: f64 = 260.0;
const LEFT: f64 = 48.0;
const BOTTOM: f64 = 28.0;
const TOP: f64 = 10.0;
const RIGHT: f64 = 30.0;

/// One type on the scatter.
#[derive(Clone, Debug, PartialEq)]
pub struct Dot<'a> {
    /// The instance type.
    pub name: &'a str,
    /// "arm64" (drawn as a circle) or "x86_64" (a square): shape, not only colour.
    pub arch: &'a str,
    /// USD per month, > 0.
    pub cost: f64,
    /// Share of paid capacity no task reserves, 0-1.
    pub waste: f64,
}

/// A log10 scale over whole decades: `10^lo ..= 10^hi` onto `from..to` pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LogScale {
    /// The lowest decade's exponent.
    pub lo: i32,
    /// The highest decade's exponent (> lo).
    pub hi: i32,
    /// Pixel at 10^lo.
    pub from: f64,
    /// Pixel at 10^hi.
    pub to: f64,
}

impl LogScale {
    /// The decades around the positive values in `values` (1 to 10 USD when there are none).
    pub fn around(values: impl Iterator<Item = f64>, from: f64, to: f64) -> Self {
        let (mut lo, mut hi) = (i32::MAX, i32::MIN);
        for v in values.filter(|v| v.is_finite() && *v > 0.0) {
            let e = decade(v);
            lo = lo.min(e);
            // A value exactly on a decade is its own upper end; otherwise the next decade is.
            hi = hi.max(if 10f64.powi(e) >= v { e } else { e + 1 });
        }
        if lo > hi {
            (lo, hi) = (0, 1);
        }
        LogScale {
            lo,
            hi: hi.max(lo + 1),
            from,
            to,
        }
    }

    /// The pixel of `v` (values at or below 0 sit at the low end).
    pub fn at(&self, v: f64) -> f64 {
        let x = if v > 0.0 {
            v.log10()
        } else {
            f64::from(self.lo)
        };
        let t = (x - f64::from(self.lo)) / f64::from(self.hi - self.lo);
        self.from + (self.to - self.from) * t.clamp(0.0, 1.0)
    }
}

/// The decade of `v` > 0: the largest e with 10^e <= v.
fn decade(v: f64) -> i32 {
    let mut e = v.log10().floor() as i32;
    // Guard log10's rounding at exact powers of ten.
    if 10f64.powi(e + 1) <= v {
        e += 1;
    } else if 10f64.powi(e) > v {
        e -= 1;
    }
    e
}

/// Dollar label of a decade: "$0.1", "$1", "$1,000".
fn decade_label(e: i32) -> String {
    if e >= 0 {
        format!(
            "${}",
            crate::model::validate::thousands(10u64.pow(e.min(15) as u32))
        )
    } else {
        format!("${}", trim_float(10f64.powi(e)))
    }
}

/// The scatter: x = monthly cost (log), y = waste (0-100 %). `current` is ringed. Each dot is a
/// `<g data-type>` holding a `<title>`, so a click can name its type and a hover reads it.
pub fn scatter(dots: &[Dot<'_>], current: &str) -> String {
    let x = LogScale::around(dots.iter().map(|d| d.cost), LEFT, WIDTH - RIGHT);
    let y = |w: f64| TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - w.clamp(0.0, 1.0));
    let mut out = String::with_capacity(512 + dots.len() * 200);
    let _ = write!(
        out,
        r#"<svg class="scatter" data-testid="recommend-scatter" viewBox="0 0 640 260" role="img" aria-labelledby="scatter-title"><title id="scatter-title">Monthly cost (log scale) against the share of paid capacity no task reserves, one mark per instance type: circles arm64, squares x86_64</title>"#
    );
    for e in x.lo..=x.hi {
        let px = trim_float(x.at(10f64.powi(e)));
        let _ = write!(
            out,
            r#"<line class="grid" x1="{px}" x2="{px}" y1="10" y2="232"/><text class="tick" x="{px}" y="246" text-anchor="middle">{}</text>"#,
            esc(&decade_label(e))
        );
    }
    for w in [0.0, 0.25, 0.5, 0.75, 1.0] {
        let py = trim_float(y(w));
        let _ = write!(
            out,
            r#"<line class="grid" x1="48" x2="610" y1="{py}" y2="{py}"/><text class="tick" x="44" y="{py}" text-anchor="end" dominant-baseline="middle">{} %</text>"#,
            trim_float(w * 100.0)
        );
    }
    let _ = write!(
        out,
        r#"<text class="axis" x="329" y="258" text-anchor="middle">USD per month</text>"#
    );
    // The current type last, so it is drawn on top.
    let ordered = dots
        .iter()
        .filter(|d| d.name != current)
        .chain(dots.iter().filter(|d| d.name == current));
    for d in ordered {
        let (cx, cy) = (x.at(d.cost), y(d.waste));
        let cls = if d.name == current {
            "dot current"
        } else {
            "dot"
        };
        let _ = write!(
            out,
            r#"<g class="{cls} {}" data-type="{}"><title>{}: {} per month, {} % of paid capacity unreserved{}</title>"#,
            esc(d.arch),
            esc(d.name),
            esc(d.name),
            usd(d.cost),
            trim_float((d.waste * 1000.0).round() / 10.0),
            if d.name == current {
                " (the current type)"
            } else {
                ""
            }
        );
        if d.arch == "x86_64" {
            let _ = write!(
                out,
                r#"<rect x="{}" y="{}" width="8" height="8"/></g>"#,
                trim_float(cx - 4.0),
                trim_float(cy - 4.0)
            );
        } else {
            let _ = write!(
                out,
                r#"<circle cx="{}" cy="{}" r="4.5"/></g>"#,
                trim_float(cx),
                trim_float(cy)
            );
        }
    }
    out.push_str("</svg>");
    out
}

/// The parts of one resource's paid capacity, in drawing order: (class, label, share).
pub fn parts(w: &WasteSplit) -> [(&'static str, &'static str, f64); 5] {
    [
        ("w-reserved", "reserved by tasks", w.reserved),
        ("w-fragmentation", "fragmentation", w.fragmentation),
        ("w-daemons", "daemons", w.daemons),
        ("w-registered", "not registered", w.registered_memory),
        ("w-headroom", "targetCapacity headroom", w.headroom),
    ]
}

/// Two stacked bars, CPU and memory, each 100 % of what is paid; each part titled with its share.
pub fn waste_bars(cpu: &WasteSplit, memory: &WasteSplit) -> String {
    const W: f64 = 640.0;
    const L: f64 = 64.0;
    let mut out = String::from(
        r#"<svg class="waste-bars" data-testid="waste-bars" viewBox="0 0 640 64" role="img" aria-label="Where paid CPU and memory go (the table below has the figures)">"#,
    );
    for (row, (label, w)) in [("CPU", cpu), ("Memory", memory)].iter().enumerate() {
        let y = 4.0 + row as f64 * 30.0;
        let segments = parts(w).into_iter().map(|(class, name, share)| {
            let pct = trim_float((share * 1000.0).round() / 10.0);
            (class.to_string(), share, format!("{label}: {name} {pct} %"))
        });
        bar_row(&mut out, y, label, (L, W), segments);
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decades enclose the values; exact powers of ten are their own ends; order is kept.
    #[test]
    fn log_scale_decades() {
        let s = LogScale::around([24.5, 1000.0, 310.0].into_iter(), 0.0, 300.0);
        assert_eq!((s.lo, s.hi), (1, 3));
        assert!((s.at(10.0) - 0.0).abs() < 1e-9 && (s.at(1000.0) - 300.0).abs() < 1e-9);
        assert!(s.at(24.5) < s.at(310.0));
        let one = LogScale::around([5.0].into_iter(), 0.0, 100.0);
        assert_eq!((one.lo, one.hi), (0, 1));
        let none = LogScale::around(std::iter::empty(), 0.0, 100.0);
        assert_eq!((none.lo, none.hi), (0, 1));
        assert_eq!(decade(0.001), -3);
        assert_eq!(decade(999.9), 2);
        assert_eq!(decade_label(3), "$1,000");
        assert_eq!(decade_label(-1), "$0.1");
    }

    /// Every dot lies inside the plot; names are escaped; the current type is drawn last.
    #[test]
    fn scatter_dots_inside_and_escaped() {
        let dots = [
            Dot {
                name: "m6g.large",
                arch: "arm64",
                cost: 112.42,
                waste: 0.4,
            },
            Dot {
                name: "<x>",
                arch: "x86_64",
                cost: 3000.0,
                waste: 1.2,
            },
        ];
        let svg = scatter(&dots, "m6g.large");
        assert!(svg.contains("&lt;x&gt;") && !svg.contains("<x>"));
        assert!(svg.rfind("m6g.large").unwrap() > svg.find("&lt;x&gt;").unwrap());
        for cap in svg.split("cy=\"").skip(1) {
            let v: f64 = cap.split('"').next().unwrap().parse().unwrap();
            assert!((TOP..=HEIGHT - BOTTOM).contains(&v));
        }
        assert!(svg.contains("(the current type)"));
    }

    /// The bars' parts span the bar exactly when the shares sum to 1.
    #[test]
    fn waste_bars_fill_the_width() {
        let w = WasteSplit {
            reserved: 0.5,
            fragmentation: 0.25,
            daemons: 0.125,
            registered_memory: 0.0,
            headroom: 0.125,
        };
        let svg = waste_bars(&w, &w);
        let widths: f64 = svg
            .split("width=\"")
            .skip(1)
            .map(|c| c.split('"').next().unwrap().parse::<f64>().unwrap())
            .sum();
        assert!((widths - 2.0 * 576.0).abs() < 1e-6, "{widths}");
        assert!(!svg.contains("not registered"));
    }
}
