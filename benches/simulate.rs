//! The simulator's figure natively: the same 7-day run as `scripts/figures.mjs` (10,000 tasks at the
//! peak, daily cycle, CAS on), JSON in and out as the API does it. Prints the median of 9 runs and the
//! share spent in the simulation itself vs serialising. `cargo bench --bench simulate`
use std::time::Instant;

use ecs_capacity::io::face::simulate_json;

const SCENARIO: &str = r#"{"services":[{"name":"api","cpu":256,"memory":512,"desiredCount":2000}],"daemons":[{"name":"log-router","cpu":64,"memory":128}]}"#;
const RUN: &str = r#"{"durationMinutes":10080,"load":{"preset":"daily","peak":100000},"settings":{"maxTasks":10000}}"#;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    (v[(n - 1) / 2] + v[n / 2]) / 2.0
}

fn main() {
    let mut times = Vec::new();
    let mut bytes = 0;
    for _ in 0..9 {
        let t0 = Instant::now();
        let out = simulate_json(SCENARIO, RUN);
        times.push(t0.elapsed().as_secs_f64() * 1000.0);
        assert!(
            out.starts_with(r#"{"ok":true"#),
            "simulate failed: {}",
            &out[..out.len().min(300)]
        );
        bytes = out.len();
    }
    println!("simulate_json 7 days, 10,000 tasks at the peak: median {:.1} ms of 9 ({bytes} bytes of JSON)", median(times));
}
