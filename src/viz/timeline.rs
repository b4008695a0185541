//! The timeline charts' geometry: a linear scale with round ticks, and series as SVG path data on one
//! shared time axis. Long runs are bucketed to at most [`MAX_POINTS`] points per line, keeping each
//! bucket's maximum (so a short spike of waiting tasks never disappears from the picture).

use crate::model::units::trim_float;

/// Points per drawn line at most.
pub const MAX_POINTS: usize = 600;
/// Chart width in viewBox units.
pub const WIDTH: f64 = 640.0;
/// One panel's height.
pub const HEIGHT: f64 = 120.0;
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

#[cfg(test)]
mod tests {
    use super::*;

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

    /// Axis clock labels.
    #[test]
    fn clock_labels() {
        assert_eq!(clock(75.0), "01:15");
        assert_eq!(clock(1440.0 + 180.0), "day 2 03:00");
    }
}
