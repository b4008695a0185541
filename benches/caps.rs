//! The corners of the caps (issue 13 point 18), natively: the heaviest inputs the validator
//! accepts, through the API's JSON faces, each strategy at each corner. Prints each case's time
//! beside the issue's target for the browser (plan and decode 1 s, recommend 3 s, a 7-day
//! simulate 2 s) and exits 1 when one is over. The same corners are held in the browser by
//! `scripts/figures.mjs --check` (run by `make test`), where the wasm build runs these loops
//! 1.1-1.3x slower than here. `cargo bench --bench caps [part of a case's name]`
use std::time::Instant;

use ecs_capacity::io::face::{plan_json, recommend_json, simulate_json};
use ecs_capacity::state::link::{decode_json, encode_json};

const STRATEGIES: [&str; 5] = [
    "binpack-memory",
    "binpack-cpu",
    "spread-az",
    "spread-instance",
    "random",
];

/// 100 services of `per` tasks (1,000,000 in all at 10,000), with `extra` on each service and
/// `top` on the scenario.
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

/// A case: its name, the target in ms, and the call.
type Case = (String, f64, Box<dyn Fn() -> String>);

fn main() {
    let only = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let mut cases: Vec<Case> = Vec::new();
    for strategy in STRATEGIES {
        let top = format!(
            r#","placementStrategy":"{strategy}","availabilityZones":6,"instanceType":"m5.8xlarge","asg":{{"maxSize":10000}}"#
        );
        let million = services(10_000, "", &top);
        let distinct = services(10_000, r#","distinctInstance":true"#, &top);
        let running = services(10_000, "", &format!("{top},\"runningInstances\":10000"));
        let link = encode_json(&running).unwrap_or_default();
        // The adversarial review's tiny tasks: 1 CPU unit and 6 MiB, so every instance holds a
        // task of every service, with distinctInstance or a static port per service.
        let tiny = |extra: &dyn Fn(usize) -> String| {
            let svcs: Vec<String> = (0..100)
                .map(|i| {
                    format!(
                        r#"{{"name":"s{i}","cpu":1,"memory":6,"desiredCount":10000{}}}"#,
                        extra(i)
                    )
                })
                .collect();
            format!(
                r#"{{"services":[{}],"placementStrategy":"{strategy}","availabilityZones":6,"instanceType":"m6g.large","asg":{{"maxSize":10000}}}}"#,
                svcs.join(",")
            )
        };
        let tiny_distinct = tiny(&|_| r#","distinctInstance":true"#.to_string());
        let tiny_port = tiny(&|i| format!(r#","hostPort":{}"#, 1000 + i));
        let tiny_link = encode_json(&tiny_port).unwrap_or_default();
        let (a, b) = (tiny_distinct.clone(), tiny_port.clone());
        cases.push((
            format!("plan {strategy}: tiny tasks, distinctInstance"),
            1000.0,
            Box::new(move || plan_json(&a)),
        ));
        cases.push((
            format!("plan {strategy}: tiny tasks, a port per service"),
            1000.0,
            Box::new(move || plan_json(&b)),
        ));
        cases.push((
            format!("decode {strategy}: tiny tasks' link"),
            1000.0,
            Box::new(move || decode_json(&tiny_link)),
        ));
        let (a, b) = (tiny_distinct, tiny_port);
        cases.push((
            format!("recommend {strategy}: tiny tasks, distinctInstance"),
            3000.0,
            Box::new(move || recommend_json(&a, "{}")),
        ));
        cases.push((
            format!("recommend {strategy}: tiny tasks, a port per service"),
            3000.0,
            Box::new(move || recommend_json(&b, "{}")),
        ));
        let quota = format!(
            r#"{{"services":[{{"name":"s0","cpu":1,"memory":29,"desiredCount":3}}],"placementStrategy":"{strategy}","asg":{{"minSize":10000,"maxSize":10000}},"settings":{{"provisioningQuota":2}}}}"#
        );
        let (m, d, r) = (million.clone(), distinct.clone(), running.clone());
        cases.push((
            format!("plan {strategy}: 1,000,000 tasks, 100 services, 6 zones"),
            1000.0,
            Box::new(move || plan_json(&m)),
        ));
        cases.push((
            format!("plan {strategy}: the same, distinctInstance"),
            1000.0,
            Box::new(move || plan_json(&d)),
        ));
        cases.push((
            format!("plan {strategy}: the same, N = 10,000"),
            1000.0,
            Box::new(move || plan_json(&r)),
        ));
        cases.push((
            format!("decode {strategy}: its link"),
            1000.0,
            Box::new(move || decode_json(&link)),
        ));
        let (m, d) = (million.clone(), distinct.clone());
        cases.push((
            format!("recommend {strategy}: 1,000,000 tasks"),
            3000.0,
            Box::new(move || recommend_json(&m, "{}")),
        ));
        cases.push((
            format!("recommend {strategy}: distinctInstance"),
            3000.0,
            Box::new(move || recommend_json(&d, "{}")),
        ));
        cases.push((
            format!("simulate {strategy}: 7 days, quota 2, 10,000 instances"),
            2000.0,
            Box::new(move || {
                simulate_json(
                    &quota,
                    r#"{"durationMinutes":10080,"settings":{"minTasks":1000000}}"#,
                )
            }),
        ));
        cases.push((format!("simulate {strategy}: 7 days, 1,000,000 tasks at the peak"), 2000.0, Box::new(move || {
            simulate_json(&million, r#"{"durationMinutes":10080,"load":{"preset":"daily","peak":10000000},"settings":{"maxTasks":1000000}}"#)
        })));
    }
    let mut over = Vec::new();
    for (name, budget, run) in &cases {
        if only.as_deref().is_some_and(|o| !name.contains(o)) {
            continue;
        }
        let t0 = Instant::now();
        let out = run();
        let ms = t0.elapsed().as_secs_f64() * 1000.0;
        if !out.starts_with(r#"{"ok":true"#) {
            eprintln!(
                "{name}: not ok: {}",
                out.chars().take(400).collect::<String>()
            );
            std::process::exit(1);
        }
        let ok = ms <= *budget;
        println!(
            "{ms:>8.1} ms (target {budget:>5.0} ms{}) {name}",
            if ok { "" } else { ": OVER" }
        );
        if !ok {
            over.push(name.clone());
        }
    }
    if !over.is_empty() {
        eprintln!("over the target: {over:?}");
        std::process::exit(1);
    }
}
