//! The timeline charts' geometry: a linear scale with round ticks, and series as SVG path data on one
//! shared time axis. Long runs are bucketed to at most [`MAX_POINTS`] points per line, keeping each
//! bucket's maximum (so a short spike of waiting tasks never disappears from the picture).

use std::fmt::Write;

use super::markup::esc;
use crate::model::sim::{Point, ProviderPoint, Timeline};
use crate::model::units::trim_float;

/// Hover strips across the chart (each carries the read-out of its minute).
pub const HOVER_STRIPS: usize = 120;
/// Points per drawn line at most.
pub const MAX_POINTS: usize = 600;
/// Chart width in viewBox units.
pub const WIDTH: f64 = 640.0;
/// One panel's height.
pub const HEIGHT: f64 = 120.0;
/// A tick label short enough for the left margin: 950, 2.5k, 50M, 1.2G.
pub fn compact(v: f64) -> String {
    let a = v.abs();
    let (x, unit) = if a >= 1e9 {
        (v / 1e9, "G")
    } else if a >= 1e6 {
        (v / 1e6, "M")
    } else if a >= 1e4 {
        (v / 1e3, "k")
    } else {
        (v, "")
    };
    format!(
        "{}{unit}",
        crate::model::units::trim_float((x * 10.0).round() / 10.0)
    )
}

/// Left margin (tick labels).
pub const LEFT: f64 = 44.0;
/// Top and bottom margins.
pub const PAD: f64 = 8.0;

/// A linear map from `0..=max` onto a pixel range.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    /// Domain maximum (the minimum is 0).
    pub max: f64,
    /// Pixel at 0.
    pub from: f64,
    /// Pixel at `max`.
    pub to: f64,
}

impl Scale {
    /// A scale whose maximum is the round tick at or above `max` (at least 1).
    pub fn nice(max: f64, from: f64, to: f64) -> Self {
        Scale {
            max: nice_ceil(max.max(1.0)),
            from,
            to,
        }
    }

    /// 0..1 position of `v`.
    pub fn normalise(&self, v: f64) -> f64 {
        if self.max <= 0.0 {
            0.0
        } else {
            v / self.max
        }
    }

    /// The pixel of `v`.
    pub fn at(&self, v: f64) -> f64 {
        self.from + (self.to - self.from) * self.normalise(v)
    }

    /// Round tick values from 0 to max (at most 5 intervals).
    pub fn ticks(&self) -> Vec<f64> {
        let step = nice_ceil(self.max / 5.0);
        let n = (self.max / step).round() as usize;
        (0..=n).map(|i| i as f64 * step).collect()
    }
}

/// The smallest 1, 2 or 5 x 10^k at or above `x`.
pub fn nice_ceil(x: f64) -> f64 {
    if x <= 0.0 {
        return 1.0;
    }
    let mut p = 1.0;
    while p * 10.0 <= x {
        p *= 10.0;
    }
    while p > x {
        p /= 10.0;
    }
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * p)
        .find(|v| *v >= x - 1e-9)
        .unwrap_or(10.0 * p)
}

/// Buckets (minute, value) points to at most MAX_POINTS, each bucket's largest value at its
/// first minute.
pub fn bucket(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    if points.len() <= MAX_POINTS {
        return points.to_vec();
    }
    let size = points.len().div_ceil(MAX_POINTS);
    points
        .chunks(size)
        .filter_map(|c| {
            let m = c.first()?.0;
            let v = c.iter().map(|p| p.1).fold(f64::MIN, f64::max);
            Some((m, v))
        })
        .collect()
}

/// SVG path data for a line through the points.
pub fn path(points: &[(f64, f64)], x: &Scale, y: &Scale) -> String {
    let mut d = String::with_capacity(points.len() * 14);
    for (i, &(m, v)) in bucket(points).iter().enumerate() {
        d.push(if i == 0 { 'M' } else { 'L' });
        d.push_str(&trim_float(x.at(m)));
        d.push(' ');
        d.push_str(&trim_float(y.at(v)));
    }
    d
}

/// "12:30", or "day 2 03:00" past the first day, for an axis label.
pub fn clock(minute: f64) -> String {
    let m = minute.max(0.0) as u64;
    let (d, h, mi) = (m / 1440, (m / 60) % 24, m % 60);
    if d > 0 {
        format!("day {} {:02}:{:02}", d + 1, h, mi)
    } else {
        format!("{h:02}:{mi:02}")
    }
}

/// The minute's CapacityProviderReservation: "100 %", or each ASG provider's ("od 100 %, spot
/// 200 %"); None without CAS.
pub fn reservation_words(p: &Point) -> Option<String> {
    let pct = crate::model::units::pct;
    if p.providers.is_empty() {
        return p.reservation.map(|v| format!("{} %", pct(v)));
    }
    let each: Vec<String> = p
        .providers
        .iter()
        .filter_map(|x| x.reservation.map(|v| format!("{} {} %", x.name, pct(v))))
        .collect();
    (!each.is_empty()).then(|| each.join(", "))
}

/// One run to draw: its CSS class (the dash style), its label, its timeline.
pub struct RunLine<'a> {
    /// "run-with", "run-without", "run-variant".
    pub class: &'static str,
    /// "with CAS", ...
    pub label: &'a str,
    /// The run.
    pub timeline: &'a Timeline,
}

type Get = fn(&Point) -> f64;
/// (series label, value, drawn for every run (else only the first), CSS class)
type Line = (&'static str, Get, bool, &'static str);

/// The panels: calls, tasks, instances, reservation, share of calls not served.
fn panels() -> [(&'static str, Vec<Line>); 5] {
    [
        (
            "Concurrent calls",
            vec![
                ("load", |p| p.load, false, "s-load"),
                ("served", |p| p.served, true, "s-served"),
            ],
        ),
        (
            "Tasks",
            vec![
                ("desired", |p| p.tasks_desired as f64, false, "s-desired"),
                ("running", |p| p.tasks_running as f64, true, "s-running"),
                ("waiting", |p| p.tasks_waiting as f64, false, "s-waiting"),
            ],
        ),
        (
            "Instances",
            vec![
                (
                    "desired",
                    |p| p.instances_desired as f64,
                    false,
                    "s-desired",
                ),
                ("running", |p| p.instances_running as f64, true, "s-running"),
                (
                    "registered",
                    |p| p.instances_registered as f64,
                    false,
                    "s-registered",
                ),
            ],
        ),
        // A run without CAS has no reservation: NaN leaves it out.
        (
            "Reservation (CPR, %)",
            vec![(
                "reservation",
                |p| p.reservation.unwrap_or(f64::NAN),
                true,
                "s-reservation",
            )],
        ),
        (
            "Calls not served (%)",
            vec![(
                "not served",
                |p| {
                    if p.load > 0.0 {
                        100.0 * (p.load - p.served) / p.load
                    } else {
                        0.0
                    }
                },
                true,
                "s-unserved",
            )],
        ),
    ]
}

/// The chart's legend: each colour with every line drawn in it ("desired: tasks, instances"),
/// from the same list the chart draws, then the targetCapacity line. (CSS class, words.)
pub fn legend() -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, &'static str, Vec<String>)> = Vec::new();
    for (panel, lines) in panels() {
        let what = panel
            .split(" (")
            .next()
            .unwrap_or(panel)
            .to_ascii_lowercase();
        let alone = lines.len() == 1;
        for (label, _, _, class) in lines {
            // A panel of one line is named by the panel ("reservation", "calls not served").
            let (label, what) = if alone {
                ("", what.clone())
            } else {
                (label, what.clone())
            };
            match out.iter_mut().find(|(c, _, _)| *c == class) {
                Some((_, _, whats)) => whats.push(what),
                None => out.push((class, label, vec![what])),
            }
        }
    }
    let mut legend: Vec<(&'static str, String)> = out
        .into_iter()
        .map(|(c, label, whats)| {
            (
                c,
                format!("{label} {}", whats.join(" and "))
                    .trim()
                    .to_string(),
            )
        })
        .collect();
    legend.push(("target", "targetCapacity (on the reservation)".to_string()));
    legend
}

/// The whole timeline chart as SVG markup: four panels on one time axis, the first run's error
/// windows shaded, a cursor at `cursor`. Only numbers and fixed labels go in (escaped anyway).
pub fn svg(runs: &[RunLine<'_>], cursor: u32) -> String {
    let Some(first) = runs.first() else {
        return String::new();
    };
    let minutes = first.timeline.series.last().map_or(1, |p| p.minute).max(1);
    let x = Scale {
        max: f64::from(minutes),
        from: LEFT,
        to: WIDTH - PAD,
    };
    let panel_h = HEIGHT + 28.0;
    // With capacity providers, a sixth panel: each provider's instances and waiting tasks.
    let providers = first
        .timeline
        .series
        .first()
        .map_or(0, |p| p.providers.len());
    let height = panel_h * if providers > 0 { 6.0 } else { 5.0 };
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="timeline-svg" data-testid="timeline-chart" viewBox="0 0 {} {}" role="img" aria-label="Timeline over {minutes} minutes: load and served calls, tasks, instances, the reservation and the share of calls not served for each run; the tables below have the same data">"#,
        trim_float(WIDTH),
        trim_float(height)
    );
    for (i, (title, lines)) in panels().iter().enumerate() {
        let top = i as f64 * panel_h + 16.0;
        if i == 3 && providers > 0 {
            // Each ASG provider has its own reservation (and CAS): a line each, with CAS.
            let get = |v: &ProviderPoint| v.reservation;
            by_provider(
                &mut out,
                first,
                &x,
                (3, top),
                "Reservation (CPR, %) by provider, with CAS",
                &[(get, "reservation", "")],
            );
        } else {
            panel(&mut out, runs, &x, (i, top), (title, lines));
        }
    }
    if providers > 0 {
        let running = |v: &ProviderPoint| Some(v.instances_running as f64);
        let waiting = |v: &ProviderPoint| Some(v.tasks_waiting as f64);
        by_provider(
            &mut out,
            first,
            &x,
            (5, 5.0 * panel_h + 16.0),
            "By provider: instances running (solid), tasks waiting (dashed)",
            &[
                (running, "instances running", ""),
                (waiting, "tasks waiting", " pw"),
            ],
        );
    }
    let f = trim_float;
    for i in 0..=4 {
        let m = f64::from(minutes) * f64::from(i) / 4.0;
        // The last label ends at the chart's edge rather than run past it ("day 8 00:00").
        let anchor = if i == 4 { "end" } else { "middle" };
        let _ = write!(
            out,
            r#"<text class="tick" x="{}" y="{}" text-anchor="{anchor}">{}</text>"#,
            f(x.at(m)),
            f(height - 2.0),
            clock(m)
        );
    }
    hover_strips(&mut out, runs, minutes, height);
    let cx = f(x.at(f64::from(cursor.min(minutes))));
    let _ = write!(
        out,
        r#"<line class="cursor" x1="{cx}" x2="{cx}" y1="0" y2="{}"/></svg>"#,
        f(height - 12.0)
    );
    out
}

/// Panel `at` = (index, top): its title, the first run's error windows (first panel only), the
/// value grid, the 100 % target (reservation panel) and its lines, on a scale fitted to them.
fn panel(
    out: &mut String,
    runs: &[RunLine<'_>],
    x: &Scale,
    at: (usize, f64),
    (title, lines): (&str, &[Line]),
) {
    let y = frame(out, runs.first(), x, at, title, panel_max(runs, lines));
    for &(label, get, all, class) in lines {
        for (k, r) in runs.iter().enumerate() {
            if all || k == 0 {
                line(out, r, x, &y, get, (label, class));
            }
        }
    }
}

/// One run's line of `get` on a panel, titled with its label and the run's.
fn line(
    out: &mut String,
    r: &RunLine<'_>,
    x: &Scale,
    y: &Scale,
    get: impl Fn(&Point) -> f64,
    (label, class): (&str, &str),
) {
    let pts: Vec<(f64, f64)> = r
        .timeline
        .series
        .iter()
        .map(|p| (f64::from(p.minute), get(p)))
        .filter(|p| !p.1.is_nan())
        .collect();
    if pts.is_empty() {
        return;
    }
    let _ = write!(
        out,
        r#"<path class="line {class} {}" d="{}"><title>{}, {}</title></path>"#,
        r.class,
        path(&pts, x, y),
        esc(label),
        esc(r.label)
    );
}

/// Per provider value of a point (None: not drawn there), its words, an extra CSS class.
type ProviderLine = (
    fn(&ProviderPoint) -> Option<f64>,
    &'static str,
    &'static str,
);

/// The with-CAS run per provider: a line per provider and value, a colour per provider (the legend
/// names them).
fn by_provider(
    out: &mut String,
    run: &RunLine<'_>,
    x: &Scale,
    at: (usize, f64),
    title: &str,
    lines: &[ProviderLine],
) {
    let max = run
        .timeline
        .series
        .iter()
        .flat_map(|p| &p.providers)
        .flat_map(|v| lines.iter().filter_map(|(get, _, _)| get(v)))
        .fold(0.0, f64::max);
    let y = frame(out, Some(run), x, at, title, max);
    let providers = run
        .timeline
        .series
        .first()
        .map_or(&[][..], |p| &p.providers[..]);
    for (i, v) in providers.iter().enumerate() {
        for &(get, words, extra) in lines {
            let at = |p: &Point| p.providers.get(i).and_then(get).unwrap_or(f64::NAN);
            line(
                out,
                run,
                x,
                &y,
                at,
                (
                    &format!("{}: {words}", v.name),
                    &format!("pv{}{extra}", i % 8),
                ),
            );
        }
    }
}

/// A panel's title, the first run's error windows (first panel only), the value grid fitted to
/// `max` and the 100 % target (reservation panel); its scale.
fn frame(
    out: &mut String,
    first: Option<&RunLine<'_>>,
    x: &Scale,
    (i, top): (usize, f64),
    title: &str,
    max: f64,
) -> Scale {
    let f = trim_float;
    let y = Scale::nice(max, top + HEIGHT - PAD, top + PAD);
    let _ = write!(
        out,
        r#"<text class="panel-title" x="{}" y="{}">{}</text>"#,
        f(LEFT),
        f(top - 4.0),
        esc(title)
    );
    if let (0, Some(first)) = (i, first) {
        error_windows(out, first, x, top);
    }
    for v in y.ticks() {
        let _ = write!(
            out,
            r#"<line class="grid" x1="{}" x2="{}" y1="{y}" y2="{y}"/><text class="tick" x="{}" y="{}" text-anchor="end">{}</text>"#,
            f(LEFT),
            f(WIDTH - PAD),
            f(LEFT - 4.0),
            f(y.at(v) + 3.0),
            compact(v),
            y = f(y.at(v))
        );
    }
    if i == 3 {
        let _ = write!(
            out,
            r#"<line class="target" x1="{}" x2="{}" y1="{y}" y2="{y}"><title>100 %</title></line>"#,
            f(LEFT),
            f(WIDTH - PAD),
            y = f(y.at(100.0))
        );
    }
    y
}

/// The largest value a panel draws (NaN left out; 0 when there is none).
fn panel_max(runs: &[RunLine<'_>], lines: &[Line]) -> f64 {
    let mut max: f64 = 0.0;
    for &(_, get, all, _) in lines {
        for (k, r) in runs.iter().enumerate() {
            if all || k == 0 {
                max = r
                    .timeline
                    .series
                    .iter()
                    .map(get)
                    .filter(|v| !v.is_nan())
                    .fold(max, f64::max);
            }
        }
    }
    max
}

/// The run's error windows, shaded down a panel whose top is at `top`.
fn error_windows(out: &mut String, run: &RunLine<'_>, x: &Scale, top: f64) {
    let f = trim_float;
    for w in &run.timeline.summary.error_windows {
        let (a, b) = (
            x.at(f64::from(w.start_minute)),
            x.at(f64::from(w.start_minute + w.minutes)),
        );
        let _ = write!(
            out,
            r#"<rect class="error-window" x="{}" y="{}" width="{}" height="{}"><title>{}: calls not served from {} for {} min</title></rect>"#,
            f(a),
            f(top),
            f((b - a).max(1.0)),
            f(HEIGHT),
            esc(run.label),
            clock(f64::from(w.start_minute)),
            w.minutes
        );
    }
}

/// Hover read-out: invisible strips, each titled with every run's values at its minute.
fn hover_strips(out: &mut String, runs: &[RunLine<'_>], minutes: u32, height: f64) {
    let f = trim_float;
    let strips = HOVER_STRIPS.min(minutes as usize + 1);
    let width = (WIDTH - PAD - LEFT) / strips as f64;
    for i in 0..strips {
        let m = ((i as f64 + 0.5) * f64::from(minutes) / strips as f64).round() as usize;
        let mut tip = clock(m as f64);
        for r in runs {
            if let Some(p) = r.timeline.series.get(m) {
                let _ = write!(
                    tip,
                    "\n{}: calls {} of {} served; tasks {} running of {}, {} waiting; {} instances{}",
                    r.label,
                    f(p.served),
                    f(p.load),
                    p.tasks_running,
                    p.tasks_desired,
                    p.tasks_waiting,
                    p.instances_running,
                    reservation_words(p).map_or(String::new(), |v| format!("; reservation {v}"))
                );
            }
        }
        let _ = write!(
            out,
            r#"<rect class="hover" x="{}" y="0" width="{}" height="{}"><title>{}</title></rect>"#,
            f(LEFT + i as f64 * width),
            f(width),
            f(height - 12.0),
            esc(&tip)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tick labels fit the margin: at most 5 characters from 0 to the caps' billions.
    #[test]
    fn tick_labels_are_compact() {
        let got: Vec<String> = [
            0.0,
            950.0,
            9999.0,
            25_000.0,
            2_500_000.0,
            50_000_000.0,
            1.25e9,
        ]
        .iter()
        .map(|&v| compact(v))
        .collect();
        assert_eq!(got, ["0", "950", "9999", "25k", "2.5M", "50M", "1.3G"]);
    }

    /// The legend names every line the chart draws, each colour once, and the target line.
    #[test]
    fn the_legend_names_every_line() {
        let l = legend();
        let words: Vec<&str> = l.iter().map(|(_, w)| w.as_str()).collect();
        assert_eq!(
            words,
            [
                "load concurrent calls",
                "served concurrent calls",
                "desired tasks and instances",
                "running tasks and instances",
                "waiting tasks",
                "registered instances",
                "reservation",
                "calls not served",
                "targetCapacity (on the reservation)"
            ]
        );
        let drawn: usize = panels().iter().map(|(_, lines)| lines.len()).sum();
        let named: usize = l.iter().map(|(_, w)| w.split(" and ").count()).sum();
        assert_eq!(named, drawn + 1, "{l:?}");
    }

    /// Round maxima: 1, 2 or 5 times a power of ten, at or above the data.
    #[test]
    fn nice_maxima() {
        assert_eq!(nice_ceil(0.0), 1.0);
        assert_eq!(nice_ceil(7.0), 10.0);
        assert_eq!(nice_ceil(10.0), 10.0);
        assert_eq!(nice_ceil(143.0), 200.0);
        assert_eq!(nice_ceil(0.3), 0.5);
        assert_eq!(
            Scale::nice(143.0, 0.0, 100.0).ticks(),
            vec![0.0, 50.0, 100.0, 150.0, 200.0]
        );
    }

    /// The scale maps 0 to its start and max to its end, inverted for y.
    #[test]
    fn scale_maps_ends() {
        let y = Scale::nice(100.0, 120.0, 0.0);
        assert_eq!((y.at(0.0), y.at(100.0), y.at(50.0)), (120.0, 0.0, 60.0));
    }

    /// A week of minutes is bucketed to at most MAX_POINTS, and a one-minute spike survives.
    #[test]
    fn buckets_keep_spikes() {
        let mut pts: Vec<(f64, f64)> = (0..10_081).map(|m| (f64::from(m), 1.0)).collect();
        pts[5_000].1 = 99.0;
        let b = bucket(&pts);
        assert!(b.len() <= MAX_POINTS);
        assert!(b.iter().any(|p| p.1 == 99.0));
        let d = path(
            &pts,
            &Scale::nice(10_080.0, 0.0, 640.0),
            &Scale::nice(100.0, 100.0, 0.0),
        );
        assert!(
            d.starts_with("M0 99") && d.matches('L').count() == b.len() - 1,
            "{}",
            &d[..20]
        );
    }

    /// The chart draws every run's lines, no reservation line for a run without CAS, and escapes text.
    #[test]
    fn svg_has_runs_and_escapes() {
        let r = crate::state::run_form::RunForm::default()
            .runs(&crate::state::form::Form::default().to_input().0)
            .unwrap();
        let runs = [
            RunLine {
                class: "run-with",
                label: "with CAS",
                timeline: &r.with,
            },
            RunLine {
                class: "run-without",
                label: "without <CAS>",
                timeline: &r.without,
            },
        ];
        let s = svg(&runs, 60);
        assert!(s.starts_with("<svg") && s.ends_with("</svg>"));
        assert_eq!(s.matches("s-served run-with\"").count(), 1);
        assert_eq!(s.matches("s-served run-without\"").count(), 1);
        assert_eq!(s.matches("s-reservation run-with\"").count(), 1);
        assert_eq!(s.matches("s-reservation run-without\"").count(), 0);
        assert_eq!(s.matches("s-unserved run-without\"").count(), 1);
        assert_eq!(s.matches("s-registered run-with\"").count(), 1);
        assert!(s.contains("without &lt;CAS&gt;") && !s.contains("<CAS>"));
        assert!(s.contains("class=\"error-window\""));
        // 240 minutes: 120 hover strips, each titled with both runs' values.
        assert_eq!(s.matches("class=\"hover\"").count(), HOVER_STRIPS);
        assert!(s.contains("with CAS: calls ") && s.contains("without &lt;CAS&gt;: calls "));
    }

    /// Axis clock labels.
    #[test]
    fn clock_labels() {
        assert_eq!(clock(75.0), "01:15");
        assert_eq!(clock(1440.0 + 180.0), "day 2 03:00");
    }
}
