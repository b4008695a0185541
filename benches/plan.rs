//! plan() natively: the same scenario as `scripts/figures.mjs` (10,000 tasks over 5 services on
//! t4g.medium, with CAS, its path and the headroom), JSON in and out as the API does it. Prints the
//! median of 20 runs. `cargo bench --bench plan`
use std::time::Instant;

use ecs_capacity::io::face::plan_json;

const SCENARIO: &str = r#"{"services":[{"name":"api","cpu":256,"memory":512,"desiredCount":2000},{"name":"web","cpu":512,"memory":1024,"desiredCount":2000},{"name":"worker","cpu":1024,"memory":700,"desiredCount":2000},{"name":"cache","cpu":128,"memory":1500,"desiredCount":2000},{"name":"jobs","cpu":384,"memory":300,"desiredCount":2000}],"daemons":[{"name":"log-router","cpu":64,"memory":128}]}"#;

fn main() {
    let mut times = Vec::new();
    let mut bytes = 0;
    for _ in 0..21 {
        let t0 = Instant::now();
        let out = plan_json(SCENARIO);
        times.push(t0.elapsed().as_secs_f64() * 1000.0);
        assert!(
            out.starts_with(r#"{"ok":true"#),
            "plan failed: {}",
            &out[..out.len().min(300)]
        );
        bytes = out.len();
    }
    times.remove(0);
    times.sort_by(f64::total_cmp);
    println!(
        "plan_json 10,000 tasks, 5 services: median {:.2} ms of 20 ({bytes} bytes of JSON)",
        (times[9] + times[10]) / 2.0
    );
}
