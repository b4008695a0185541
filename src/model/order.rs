//! Sorting with as little code in the wasm as can be. Each of std's sorts is compiled anew for
//! every element type and comparison (2-3.5 KB of wasm each: 109 sort functions, 48.7 KB, were
//! in the app, measured 2026-11-29), so the app sorts in two ways only, written once:
//! - [`keys`]: std's unstable sort on (key, index) pairs, the one std sort left, for long lists
//!   (placement orders, load curves); the index makes equal keys keep their order.
//! - [`small`]: an insertion sort by a comparison, for lists of at most a few hundred (types,
//!   services, zones, ports); stable.

use std::cmp::Ordering;

/// Sorts (key, index) pairs ascending.
pub fn keys(v: &mut [(u64, usize)]) {
    v.sort_unstable();
}

/// Sorts a short list by `cmp`, stable (equal items keep their order). Quadratic: for lists of
/// at most a few hundred.
pub fn small<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && cmp(&v[j], &v[j - 1]) == Ordering::Less {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// The key of a float 0 or more that orders as the floats do (-0 reads as 0).
pub fn float_key(x: f64) -> u64 {
    (x + 0.0).to_bits()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `small` orders as std's stable sort does, ties included; `keys` as std's sort.
    #[test]
    fn sorts_agree_with_std() {
        let mut rng = crate::model::packing::SplitMix64::new(7);
        for n in [0usize, 1, 2, 5, 40, 300] {
            let v: Vec<(u64, u64)> = (0..n).map(|i| (rng.below(6) as u64, i as u64)).collect();
            let mut a = v.clone();
            small(&mut a, |x, y| x.0.cmp(&y.0));
            let mut b = v.clone();
            b.sort_by_key(|x| x.0);
            assert_eq!(a, b);
            let mut k: Vec<(u64, usize)> = v.iter().map(|&(x, i)| (x, i as usize)).collect();
            keys(&mut k);
            let mut s: Vec<(u64, usize)> = v.iter().map(|&(x, i)| (x, i as usize)).collect();
            s.sort();
            assert_eq!(k, s);
        }
        let mut f: Vec<f64> = vec![3.5, 0.0, -0.0, 1e-9, 2.0, 1e300];
        let mut by_key = f.clone();
        small(&mut by_key, |a, b| float_key(*a).cmp(&float_key(*b)));
        f.sort_by(|a, b| a.total_cmp(b));
        // total_cmp puts -0 before 0; as keys they are equal and keep their order (0, -0).
        assert_eq!(by_key, vec![0.0, -0.0, 1e-9, 2.0, 3.5, 1e300]);
        assert_eq!(f[2..], by_key[2..]);
    }
}
