//! Demand to tasks (model.md section 1, the article's "developer-first method").

use serde::Serialize;

use super::scenario::{Demand, Load};

/// What a load needs.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DemandResult {
    /// Concurrent calls at the peak (users x calls, or rate x latency).
    pub peak_concurrent_calls: f64,
    /// Tasks that carry the peak at 100 % CPU: ceil(peak / calls per task).
    pub tasks_at100: u64,
    /// Tasks service auto scaling runs at the CPU target: ceil(tasksAt100 x 100 / target).
    pub tasks_at_target: u64,
}

/// Computes the estimate in integers: concurrency is kept in thousandths of a call so that a
/// fractional request rate does not round before the ceil.
pub fn estimate(d: &Demand) -> DemandResult {
    let peak_milli: u128 = match d.load {
        Load::Users {
            users,
            calls_per_user,
        } => u128::from(users) * u128::from(calls_per_user) * 1000,
        // Little's law: L = lambda x W; rps_milli x ms / 1000 = thousandths of a concurrent call.
        Load::Rate {
            rps_milli,
            latency_ms,
        } => u128::from(rps_milli) * u128::from(latency_ms) / 1000,
    };
    let per_task = u128::from(d.calls_per_task.max(1)) * 1000;
    let at100 = peak_milli.div_ceil(per_task);
    let at_target = (at100 * 100).div_ceil(u128::from(d.cpu_target.max(1)));
    DemandResult {
        peak_concurrent_calls: peak_milli as f64 / 1000.0,
        tasks_at100: u64::try_from(at100).unwrap_or(u64::MAX),
        tasks_at_target: u64::try_from(at_target).unwrap_or(u64::MAX),
    }
}

/// The derivation, as the page shows it.
pub fn explain(d: &Demand, r: &DemandResult) -> String {
    let peak = match d.load {
        Load::Users {
            users,
            calls_per_user,
        } => {
            format!(
                "peak = {users} users x {calls_per_user} calls = {} concurrent calls",
                fmt_num(r.peak_concurrent_calls)
            )
        }
        Load::Rate {
            rps_milli,
            latency_ms,
        } => format!(
            "peak = {} requests/s x {} s latency = {} concurrent calls (Little's law)",
            fmt_num(rps_milli as f64 / 1000.0),
            fmt_num(latency_ms as f64 / 1000.0),
            fmt_num(r.peak_concurrent_calls)
        ),
    };
    format!(
        "{peak}; at 100 % CPU: ceil({} / {} calls per task) = {} tasks; at the {} % CPU target service auto \
         scaling runs ceil({} x 100 / {}) = {} tasks",
        fmt_num(r.peak_concurrent_calls),
        d.calls_per_task,
        r.tasks_at100,
        d.cpu_target,
        r.tasks_at100,
        d.cpu_target,
        r.tasks_at_target
    )
}

fn fmt_num(x: f64) -> String {
    super::units::trim_float(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn users(users: u64, calls: u64, per_task: u64, target: u32) -> DemandResult {
        estimate(&Demand {
            load: Load::Users {
                users,
                calls_per_user: calls,
            },
            calls_per_task: per_task,
            cpu_target: target,
        })
    }

    /// The article: 100 users x 10 calls / 10 per task = 100 tasks; at a 50 % target, 200.
    #[test]
    fn article_example_100_users() {
        let r = users(100, 10, 10, 50);
        assert_eq!(r.peak_concurrent_calls, 1000.0);
        assert_eq!(r.tasks_at100, 100);
        assert_eq!(r.tasks_at_target, 200);
    }

    /// Both steps round up, never down.
    #[test]
    fn tasks_round_up() {
        let r = users(101, 1, 10, 70);
        assert_eq!(r.tasks_at100, 11);
        assert_eq!(r.tasks_at_target, 16); // 1100 / 70 = 15.7
    }

    /// Little's law with a fractional rate: 33.3 rps x 300 ms = 9.99 calls, so 1 task of 10.
    #[test]
    fn rate_times_latency() {
        let d = Demand {
            load: Load::Rate {
                rps_milli: 33_300,
                latency_ms: 300,
            },
            calls_per_task: 10,
            cpu_target: 100,
        };
        let r = estimate(&d);
        assert!((r.peak_concurrent_calls - 9.99).abs() < 1e-9);
        assert_eq!(r.tasks_at100, 1);
        assert!(explain(&d, &r).contains("Little's law"));
    }
}
