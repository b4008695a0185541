//! Capacity provider strategies (model.md section 8; ecs-facts.md section 9.7): how a service's
//! desired tasks split over the providers of its strategy. The base item takes its base first
//! (AWS documents base and the ratio); the rest go out one task at a time to the item with the
//! largest weight / (tasks it got by weight + 1), ties to the earlier item (the D'Hondt rule, the
//! app's ASSUMPTION for the rounding AWS does not document: exact at multiples of the weight sum,
//! and raising the count never moves a task). One item takes every task whatever its weight.

/// One item of a strategy, validated: its base and weight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Share {
    /// Tasks this item takes first (at most one item of a strategy has a base above 0).
    pub base: u64,
    /// Its weight among the items, 0-1,000.
    pub weight: u64,
}

/// The tasks of `n` each item takes, in the strategy's order; with no item, none.
pub fn allocate(n: u64, items: &[Share]) -> Vec<u64> {
    let mut out = vec![0u64; items.len()];
    if let [_] = items {
        out[0] = n;
        return out;
    }
    let mut left = n;
    if let Some((i, s)) = items.iter().enumerate().find(|(_, s)| s.base > 0) {
        let b = s.base.min(left);
        out[i] = b;
        left -= b;
    }
    let total: u64 = items.iter().map(|s| s.weight).sum();
    if total == 0 || left == 0 {
        return out;
    }
    // Whole rounds of the weight sum go out exactly by weight; the rest one at a time.
    let rounds = left / total;
    let mut by_weight: Vec<u64> = items.iter().map(|s| s.weight * rounds).collect();
    for _ in 0..left % total {
        // The largest weight / (got + 1): compare w_a x (g_b + 1) with w_b x (g_a + 1).
        let mut best: Option<usize> = None;
        for (i, s) in items.iter().enumerate() {
            if s.weight == 0 {
                continue;
            }
            let better = match best {
                None => true,
                Some(j) => {
                    u128::from(s.weight) * u128::from(by_weight[j] + 1)
                        > u128::from(items[j].weight) * u128::from(by_weight[i] + 1)
                }
            };
            if better {
                best = Some(i);
            }
        }
        if let Some(i) = best {
            by_weight[i] += 1;
        }
    }
    for (o, w) in out.iter_mut().zip(by_weight) {
        *o += w;
    }
    out
}

/// Which item loses a task when the count falls from `n` to `n - 1` (model.md section 8: the
/// item whose count falls; AWS does not say, an ASSUMPTION). None when `n` is 0.
pub fn loses_one(n: u64, items: &[Share]) -> Option<usize> {
    let now = allocate(n, items);
    let after = allocate(n.checked_sub(1)?, items);
    now.iter().zip(&after).position(|(a, b)| a > b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(base: u64, weight: u64) -> Share {
        Share { base, weight }
    }

    /// model.md's example: base 2 on A with weight 1, weight 3 on B, 10 tasks: A 4, B 6.
    #[test]
    fn base_then_weights() {
        assert_eq!(allocate(10, &[s(2, 1), s(0, 3)]), vec![4, 6]);
        assert_eq!(allocate(2, &[s(2, 1), s(0, 3)]), vec![2, 0]);
        assert_eq!(allocate(1, &[s(2, 1), s(0, 3)]), vec![1, 0]);
        assert_eq!(allocate(0, &[s(2, 1), s(0, 3)]), vec![0, 0]);
        // 1:4 as AWS's example: for every task on A, 4 on B.
        assert_eq!(allocate(50, &[s(0, 1), s(0, 4)]), vec![10, 40]);
    }

    /// One item takes every task whatever its weight; weight 0 items take nothing beyond a base.
    #[test]
    fn one_item_and_zero_weights() {
        assert_eq!(allocate(7, &[s(0, 0)]), vec![7]);
        assert_eq!(allocate(7, &[s(3, 0), s(0, 1)]), vec![3, 4]);
        assert_eq!(allocate(7, &[s(0, 0), s(0, 2), s(0, 0)]), vec![0, 7, 0]);
        assert!(allocate(7, &[]).is_empty());
    }

    /// Every task goes somewhere, exactly by weight at multiples of the weight sum, and raising
    /// the count never takes a task from an item (so one more task lands on exactly one item);
    /// the item that loses a task on scale-in is the one whose count falls.
    #[test]
    fn conserved_exact_and_monotone() {
        let mut rng = super::super::packing::SplitMix64::new(8);
        for case in 0..500 {
            let k = 1 + rng.below(6);
            let with_base = rng.below(k + 1);
            let items: Vec<Share> = (0..k)
                .map(|i| {
                    s(
                        if i == with_base {
                            rng.below(20) as u64
                        } else {
                            0
                        },
                        rng.below(5) as u64,
                    )
                })
                .collect();
            let total: u64 = items.iter().map(|x| x.weight).sum();
            if k > 1 && total == 0 {
                continue;
            }
            let mut before = allocate(0, &items);
            for n in 1..200u64 {
                let now = allocate(n, &items);
                assert_eq!(now.iter().sum::<u64>(), n, "case {case}: {items:?} n {n}");
                let grew: Vec<usize> = (0..k).filter(|&i| now[i] != before[i]).collect();
                assert_eq!(
                    grew.len(),
                    1,
                    "case {case}: {items:?} n {n}: {before:?} -> {now:?}"
                );
                assert_eq!(now[grew[0]], before[grew[0]] + 1);
                assert_eq!(loses_one(n, &items), Some(grew[0]));
                let base: u64 = items.iter().map(|x| x.base).sum();
                if k > 1 && n >= base && (n - base.min(n)) % total == 0 {
                    let rounds = (n - base) / total;
                    for (i, x) in items.iter().enumerate() {
                        assert_eq!(
                            now[i],
                            x.base + x.weight * rounds,
                            "case {case}: exact at n {n}"
                        );
                    }
                }
                before = now;
            }
        }
    }
}
