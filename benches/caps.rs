//! The corners of the caps (issue 13 point 18): the heaviest inputs the validator accepts, timed
//! natively through the API's JSON faces. Prints each case's time beside its budget and exits 1
//! when one is over (`cargo bench --bench caps`; `make test` runs it). Budgets are the issue's
//! targets for the browser (plan and decode 1 s, recommend 3 s, a 7-day simulate 2 s) halved,
//! because the wasm build runs these loops about 1.5-2x slower than native code on this machine
//! (measured with the same scenario: `scripts/figures.mjs` against `cargo bench --bench plan`).
use std::time::Instant;

use ecs_capacity::io::face::{plan_json, recommend_json, simulate_json};
use ecs_capacity::state::link::{decode_json, encode_json};

/// 100 services of `per` tasks (1,000,000 in all at 10,000), with `extra` fields on each service
/// and `top` fields on the scenario.
fn services(per: u32, extra: &str, top: &str) -> String {
    let svcs: Vec<String> = (0..100)
        .map(|i| {
            format!(
                r#"{{"name":"s{i}","cpu":{},"memory":{},"desiredCount":{per}{extra}}}"#,
                128 + (i % 8) * 128,
                256 + (i % 5) * 256
            )
        })
        .collect();
    format!(r#"{{"services":[{}]{top}}}"#, svcs.join(","))
}

struct Case {
    name: &'static str,
    budget_ms: f64,
    run: Box<dyn Fn() -> String>,
}

fn main() {
    let spread_az = services(
        10_000,
        "",
        r#","placementStrategy":"spread-az","availabilityZones":6,"asg":{"maxSize":10000},"instanceType":"m5.8xlarge""#,
    );
    let distinct = services(
        10_000,
        r#","distinctInstance":true"#,
        r#","asg":{"maxSize":10000}"#,
    );
    let spread_instance = services(
        10_000,
        "",
        r#","placementStrategy":"spread-instance","asg":{"maxSize":10000,"minSize":10000},"runningInstances":10000"#,
    );
    let quota = r#"{"services":[{"name":"s0","cpu":1,"memory":29,"desiredCount":3}],"placementStrategy":"spread-az","asg":{"minSize":10000,"maxSize":10000},"settings":{"provisioningQuota":2}}"#;
    let quota_run = r#"{"durationMinutes":10080,"settings":{"minTasks":1000000}}"#;
    let peak_run = r#"{"durationMinutes":10080,"load":{"preset":"daily","peak":10000000},"settings":{"maxTasks":1000000}}"#;
    let link = encode_json(&spread_instance).unwrap_or_default();
    let cases = vec![
        Case {
            name: "plan, 1,000,000 tasks, 100 services, spread-az in 6 zones",
            budget_ms: 500.0,
            run: Box::new({
                let s = spread_az.clone();
                move || plan_json(&s)
            }),
        },
        Case {
            name: "plan, 100 services x 10,000 tasks, distinctInstance",
            budget_ms: 500.0,
            run: Box::new({
                let s = distinct.clone();
                move || plan_json(&s)
            }),
        },
        Case {
            name: "plan, 1,000,000 tasks, spread-instance, N = 10,000",
            budget_ms: 500.0,
            run: Box::new({
                let s = spread_instance.clone();
                move || plan_json(&s)
            }),
        },
        Case {
            name: "decode, link of the spread-instance case",
            budget_ms: 500.0,
            run: Box::new(move || decode_json(&link)),
        },
        Case {
            name: "recommend, 1,000,000 tasks, spread-az in 6 zones",
            budget_ms: 1500.0,
            run: Box::new({
                let s = spread_az.clone();
                move || recommend_json(&s, "{}")
            }),
        },
        Case {
            name: "recommend, 100 services x 10,000 tasks, distinctInstance",
            budget_ms: 1500.0,
            run: Box::new({
                let s = distinct.clone();
                move || recommend_json(&s, "{}")
            }),
        },
        Case {
            name: "simulate 7 days, quota 2, 10,000 instances, minTasks 1,000,000",
            budget_ms: 1000.0,
            run: Box::new(move || simulate_json(quota, quota_run)),
        },
        Case {
            name: "simulate 7 days, 1,000,000 tasks at the peak, spread-az",
            budget_ms: 1000.0,
            run: Box::new({
                let s = spread_az.clone();
                move || simulate_json(&s, peak_run)
            }),
        },
    ];
    let only = std::env::args().nth(1).filter(|a| !a.starts_with('-'));
    let mut over = Vec::new();
    for c in &cases {
        if only.as_deref().is_some_and(|o| !c.name.contains(o)) {
            continue;
        }
        let mut times = Vec::new();
        let mut head = String::new();
        for _ in 0..3 {
            let t0 = Instant::now();
            let out = (c.run)();
            times.push(t0.elapsed().as_secs_f64() * 1000.0);
            if !out.starts_with(r#"{"ok":true"#) {
                eprintln!(
                    "{}: not ok: {}",
                    c.name,
                    out.chars().take(400).collect::<String>()
                );
                std::process::exit(1);
            }
            head = out.chars().take(60).collect();
        }
        times.sort_by(f64::total_cmp);
        let ms = times[1];
        let ok = ms <= c.budget_ms;
        println!(
            "{:>8.1} ms (budget {:>6.0} ms{}) {}  -> {head}",
            ms,
            c.budget_ms,
            if ok { "" } else { ": OVER" },
            c.name
        );
        if !ok {
            over.push(c.name);
        }
    }
    if !over.is_empty() {
        eprintln!("over budget: {over:?}");
        std::process::exit(1);
    }
}
