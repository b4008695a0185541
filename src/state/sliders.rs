//! The CAS panel's sliders: ranges sized from the scenario, not from the value being dragged, so a
//! slider's range stays put while it moves (issue 9, point 7).

/// `v` rounded up to a round number (1, 2, ... 10, 20, ... 100, 200, ...), at least 1.
pub fn round_up(v: u64) -> u64 {
    let v = v.max(1);
    let step = 10u64.pow(v.ilog10());
    v.div_ceil(step) * step
}

/// The N slider's top: at least twice the steady state (and 20), the value itself when it is
/// higher, within the ASG's maximum.
pub fn running_max(steady: u64, n: u64, asg_max: u64) -> u64 {
    round_up((steady * 2).max(20).max(n))
        .min(asg_max.max(n))
        .max(1)
}

/// The desired-tasks slider's top for a value set outside the slider (typed, loaded, an example):
/// twice it, at least 100. While the slider moves the page keeps the top it had.
pub fn desired_max(desired: u64) -> u64 {
    round_up((desired * 2).max(100))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Round numbers: 1, 20, 300, 4000; 0 reads as 1.
    #[test]
    fn rounds_up_to_a_round_number() {
        assert_eq!(
            [0, 1, 11, 20, 21, 250, 3001].map(round_up),
            [1, 1, 20, 20, 30, 300, 4000]
        );
    }

    /// N's range comes from the steady state and the ASG maximum, not from N: dragging N from 10
    /// to 67 leaves it where it was, and 27 is inside it.
    #[test]
    fn the_n_range_does_not_follow_n() {
        let top = running_max(27, 10, 10_000);
        assert_eq!(top, 60);
        assert_eq!(running_max(27, 27, 10_000), top);
        assert_eq!(running_max(27, 55, 10_000), top);
        assert!(27 <= top);
        // Within the ASG maximum; a value above it still fits.
        assert_eq!(running_max(27, 10, 40), 40);
        assert_eq!(running_max(27, 90, 40), 90);
    }

    /// The desired-tasks range is twice the value set outside the slider, at least 100.
    #[test]
    fn the_desired_range() {
        assert_eq!(desired_max(10), 100);
        assert_eq!(desired_max(8000), 20_000);
    }
}
