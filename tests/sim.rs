//! The simulator's rules (model.md section 5), natively: the timeline against the plan's path to
//! capacity, warm-up, registration, scale-in, the PROVISIONING quota and timeout, termination
//! protection, the month-end with and without CAS, and tasks conserved. Its scenarios and runs are
//! written in the API's JSON and read by the app's own reader, so these tests sit outside the
//! model, which imports nothing above it.

use ecs_capacity::io::read::{run_from_value, scenario_from_text};
use ecs_capacity::model::capacity::offers;
use ecs_capacity::model::sim::*;
use ecs_capacity::model::validate::validate;

fn sim(scenario: &str, run: &str) -> Timeline {
    let (s, _) = validate(&scenario_from_text(scenario).unwrap()).unwrap();
    let o = offers(&s).unwrap();
    let run = run_from_value(&serde_json::from_str(run).unwrap(), &s).unwrap();
    simulate(&s, &o, &run)
}

fn at(t: &Timeline, minute: u32) -> Point {
    t.series[minute as usize].clone()
}

const API: &str = r#"{"services":[{"name":"api","cpu":256,"memory":512,"desiredCount":100}],"daemons":[{"cpu":64,"memory":128}]}"#;

/// For a constant load the simulator agrees with plan()'s path to capacity: 2 instances at
/// minute 0, 13 at 5, 15 at 10, every task placed at minute 12.
#[test]
fn agrees_with_the_path_to_capacity() {
    let t = sim(
        API,
        r#"{"durationMinutes":30,"startInstances":0,"load":{"preset":"steady"}}"#,
    );
    let desired: Vec<u64> = (0..=12).map(|m| at(&t, m).instances_desired).collect();
    assert_eq!(desired, vec![2, 2, 2, 2, 2, 13, 13, 13, 13, 13, 15, 15, 15]);
    assert_eq!(t.summary.minutes_until_all_placed, Some(12.0));
    assert_eq!(at(&t, 11).tasks_waiting, 9);
    assert_eq!(at(&t, 12).tasks_waiting, 0);
    let (s, _) = validate(&scenario_from_text(API).unwrap()).unwrap();
    let path = ecs_capacity::model::cas::path_to_capacity(&s, &offers(&s).unwrap());
    assert_eq!(path.minutes, t.summary.minutes_until_all_placed);
}

/// Warm-up gates the next scale-out: no change in minutes 1-4 although tasks wait.
#[test]
fn warm_up_gates_scale_out() {
    let t = sim(
        API,
        r#"{"durationMinutes":6,"startInstances":0,"load":{"preset":"steady"}}"#,
    );
    for m in 1..5 {
        assert!(at(&t, m).tasks_waiting > 0);
        assert_eq!(at(&t, m).instances_desired, 2, "minute {m}");
    }
    assert_eq!(at(&t, 5).instances_desired, 13);
}

/// Instances register after the launch time: launched at minute 0, registered at minute 2.
#[test]
fn instances_register_after_launch_time() {
    let t = sim(
        API,
        r#"{"durationMinutes":3,"startInstances":0,"load":{"preset":"steady"}}"#,
    );
    assert_eq!(
        (at(&t, 1).instances_running, at(&t, 1).instances_registered),
        (2, 0)
    );
    assert_eq!(at(&t, 2).instances_registered, 2);
}

/// Scale-in waits 15 minutes below target, then removes at most half the group a step.
#[test]
fn scale_in_after_15_minutes_by_at_most_half() {
    let t = sim(
        r#"{"runningInstances":10,"services":[{"cpu":256,"memory":512,"desiredCount":3}]}"#,
        r#"{"durationMinutes":20,"load":{"preset":"steady"}}"#,
    );
    for m in 0..14 {
        assert_eq!(at(&t, m).instances_running, 10, "minute {m}");
    }
    let counts: Vec<u64> = (14..=18).map(|m| at(&t, m).instances_running).collect();
    assert_eq!(counts, vec![5, 3, 2, 1, 1]);
    for w in t.series.windows(2) {
        assert!(
            w[1].instances_running * 2 >= w[0].instances_running,
            "more than half at once"
        );
    }
}

/// The PROVISIONING quota caps the waiting tasks.
#[test]
fn quota_caps_waiting_tasks() {
    let t = sim(
        r#"{"settings":{"provisioningQuota":100},"services":[{"cpu":256,"memory":512,"desiredCount":500}]}"#,
        r#"{"durationMinutes":60,"startInstances":0,"load":{"preset":"steady"}}"#,
    );
    assert_eq!(t.series.iter().map(|p| p.tasks_waiting).max(), Some(100));
    assert_eq!(t.series.last().map(|p| p.tasks_running), Some(500));
}

/// A task waiting past the provisioning timeout stops and is replaced: the count stays.
#[test]
fn timeout_stops_and_replaces() {
    let t = sim(
        r#"{"services":[{"cpu":512,"memory":1024,"desiredCount":10}]}"#,
        r#"{"durationMinutes":45,"withCas":false,"startInstances":1,"load":{"preset":"steady"},"settings":{"minTasks":10,"maxTasks":10}}"#,
    );
    let stops: Vec<f64> = t
        .events
        .iter()
        .filter(|e| e.message.contains("stopped after 20 min"))
        .map(|e| e.minute)
        .collect();
    assert_eq!(stops, vec![20.0, 40.0]);
    assert!(t
        .series
        .iter()
        .all(|p| p.tasks_waiting == 7 && p.tasks_running == 3));
}

/// Managed termination protection off: the group terminates its oldest instance, tasks and all,
/// and those tasks are placed again; on, only the empty one goes.
#[test]
fn termination_protection_off_stops_tasks() {
    let scenario = r#"{"services":[{"cpu":512,"memory":1024,"desiredCount":4}]}"#;
    let run = |protect: bool| {
        sim(
            scenario,
            &format!(
                r#"{{"durationMinutes":16,"startInstances":3,"load":{{"preset":"steady"}},"settings":{{"minTasks":4,"maxTasks":4,"managedTerminationProtection":{protect}}}}}"#
            ),
        )
    };
    let on = run(true);
    let off = run(false);
    let scale_in = |t: &Timeline| {
        t.events
            .iter()
            .find(|e| e.message.contains("terminated"))
            .map(|e| e.message.clone())
    };
    assert!(scale_in(&on)
        .is_some_and(|m| m.contains("1 instance(s) terminated") && !m.contains("stopping")));
    assert!(
        scale_in(&off).is_some_and(|m| m.contains("stopping 3 task(s)")),
        "{:?}",
        scale_in(&off)
    );
    assert_eq!(at(&off, 14).tasks_waiting + at(&off, 14).tasks_running, 4);
    assert_eq!(at(&off, 16).tasks_running, 4);
}

/// The article's month-end: without CAS tasks wait and calls are lost through the spike; with CAS
/// the error window closes while the spike still holds.
#[test]
fn month_end_with_and_without_cas() {
    let scenario = r#"{"services":[{"name":"api","cpu":256,"memory":512,"desiredCount":10}],"daemons":[{"cpu":64,"memory":128}]}"#;
    let with = sim(
        scenario,
        r#"{"durationMinutes":240,"load":{"preset":"month-end"},"withCas":true}"#,
    );
    let without = sim(
        scenario,
        r#"{"durationMinutes":240,"load":{"preset":"month-end"},"withCas":false}"#,
    );
    assert!(at(&without, 120).tasks_waiting > 0);
    assert!(at(&without, 120).served < at(&without, 120).load);
    assert_eq!(at(&with, 120).tasks_waiting, 0);
    assert!((at(&with, 120).served - at(&with, 120).load).abs() < 1e-9);
    assert!(with.summary.unserved_share < without.summary.unserved_share / 2.0);
    let last_error = with
        .summary
        .error_windows
        .iter()
        .map(|w| w.start_minute + w.minutes)
        .max()
        .unwrap_or(0);
    assert!(
        last_error < 155,
        "the error window closes before the spike ends: {last_error}"
    );
    assert!(with.summary.peak_instances > without.summary.peak_instances);
    // Without CAS the group holds its starting size: cost = instance-hours x the list price.
    let w = &without.summary;
    assert!((w.instance_cost - w.instance_hours * 0.0336).abs() < 1e-9);
    assert!(with.summary.instance_cost > w.instance_cost);
    let half = sim(
        &scenario.replace(
            "\"services\"",
            "\"priceMultiplier\":0.5,\"instancePrices\":{\"t4g.medium\":0.04},\"services\"",
        ),
        r#"{"durationMinutes":240,"load":{"preset":"month-end"},"withCas":false}"#,
    );
    assert!((half.summary.instance_cost - w.instance_hours * 0.02).abs() < 1e-9);
}

/// No task is lost or invented: placed plus waiting never exceeds desired, and meets it at rest.
#[test]
fn tasks_are_conserved() {
    let scenario = r#"{"placementStrategy":"spread-az","availabilityZones":3,"services":[{"name":"api","cpu":256,"memory":700,"desiredCount":12},{"name":"worker","cpu":512,"memory":300,"desiredCount":5}]}"#;
    for run in [
        r#"{"durationMinutes":600,"load":{"preset":"daily"}}"#,
        r#"{"durationMinutes":300,"load":{"preset":"month-end"},"settings":{"managedTerminationProtection":false}}"#,
        r#"{"durationMinutes":120,"load":{"points":[[0,60],[20,600],[60,0],[90,300]]}}"#,
    ] {
        let t = sim(scenario, run);
        for p in &t.series {
            assert!(
                p.tasks_running + p.tasks_waiting <= p.tasks_desired,
                "{run} minute {}",
                p.minute
            );
        }
        let last = t.series.last().unwrap();
        assert_eq!(
            last.tasks_running + last.tasks_waiting,
            last.tasks_desired,
            "{run}"
        );
    }
}

/// The timeline's last minute against the plan: the issue's three services on m6g.large end
/// the steady month-end with the count the timeline reached, and the words say which way and
/// why, naming the plan's listed-order and best-order counts.
#[test]
fn the_timeline_says_how_it_compares_with_the_plan() {
    let scenario = r#"{"instanceType":"m6g.large","services":[{"name":"api","cpu":512,"memory":1024,"desiredCount":30,"networkMode":"awsvpc"},{"name":"worker","cpu":1024,"memory":2048,"desiredCount":12},{"name":"cron","cpu":256,"memory":512,"desiredCount":4}],"daemons":[{"cpu":64,"memory":128},{"cpu":128,"memory":256}]}"#;
    let t = sim(
        scenario,
        r#"{"durationMinutes":60,"load":{"preset":"steady"}}"#,
    );
    let n = t.series.last().unwrap().instances_registered;
    let words = versus_plan(&t, 27, 21, 27).unwrap();
    assert!(words.contains(&format!("has {n} instance")), "{words}");
    assert!(
        words.contains("27 placed at once in the listed order, 21 largest task first"),
        "{words}"
    );
    let which = if n > 27 {
        "more:"
    } else if n < 27 {
        "fewer:"
    } else {
        "the same"
    };
    assert!(words.contains(which), "{words}");
    assert_eq!(
        versus_plan(
            &Timeline {
                series: Vec::new(),
                ..t
            },
            1,
            1,
            1
        ),
        None
    );
}

/// Load points interpolate linearly and stay flat past the ends.
#[test]
fn load_points_interpolate() {
    let l = Load::Points(vec![(10.0, 100.0), (20.0, 300.0)]);
    assert_eq!((l.at(0.0), l.at(15.0), l.at(99.0)), (100.0, 200.0, 300.0));
}

/// A simulation run in steps of any size gives the timeline `simulate` gives in one go, and its
/// progress counts every tick (the page runs it in steps so it never blocks).
#[test]
fn stepping_changes_nothing() {
    let scenario = r#"{"services":[{"name":"api","cpu":256,"memory":512,"desiredCount":100},{"name":"b","cpu":512,"memory":900,"desiredCount":7}],"placementStrategy":"spread-az","availabilityZones":3}"#;
    let run = r#"{"durationMinutes":240,"startInstances":1,"load":{"preset":"month-end"}}"#;
    let (s, _) = validate(&scenario_from_text(scenario).unwrap()).unwrap();
    let o = offers(&s).unwrap();
    let run = run_from_value(&serde_json::from_str(run).unwrap(), &s).unwrap();
    let whole = serde_json::to_string(&simulate(&s, &o, &run)).unwrap();
    for step in [1, 7, 60, 961, 5000] {
        let mut stepped = Simulation::new(&s, &o, &run);
        let mut calls = 0;
        while !stepped.advance(step) {
            calls += 1;
            let (done, all) = stepped.progress();
            assert!(done < all, "step {step}: {done} of {all} before the end");
        }
        assert_eq!(
            stepped.progress(),
            (961, 961),
            "240 minutes = 961 ticks of 15 s"
        );
        assert_eq!(calls, 961u64.div_ceil(step) - 1, "step {step}");
        assert_eq!(
            serde_json::to_string(&stepped.finish()).unwrap(),
            whole,
            "step {step}"
        );
    }
}

/// The placements' memo changes nothing: 200 random scenarios (every strategy, 1-6 zones, every
/// constraint, PROVISIONING quotas from 1, scale-in with and without protection, every load
/// preset and curves that go up and down twice) give the same timeline with the memo as with a scan at every placement.
#[test]
fn the_memo_changes_nothing() {
    use ecs_capacity::model::packing::SplitMix64;
    let mut rng = SplitMix64::new(2026);
    let strategies = [
        "binpack-memory",
        "binpack-cpu",
        "spread-az",
        "spread-instance",
        "random",
    ];
    let presets = ["steady", "daily", "month-end", "step"];
    for case in 0..200 {
        let services: Vec<String> = (0..1 + rng.below(4))
            .map(|i| {
                let extra = match rng.below(5) {
                    0 => r#","distinctInstance":true"#,
                    1 => r#","networkMode":"awsvpc""#,
                    2 => r#","hostPort":8080"#,
                    _ => "",
                };
                format!(
                    r#"{{"name":"s{i}","cpu":{},"memory":{},"desiredCount":{}{extra}}}"#,
                    rng.below(5) * 128,
                    64 + rng.below(12) * 128,
                    1 + rng.below(60)
                )
            })
            .collect();
        let scenario = format!(
            r#"{{"placementStrategy":"{}","availabilityZones":{},"services":[{}],"settings":{{"provisioningQuota":{}}},"asg":{{"maxSize":{}}}}}"#,
            strategies[rng.below(5)],
            1 + rng.below(6),
            services.join(","),
            1 + rng.below(30),
            5 + rng.below(60)
        );
        // A preset, or a curve that goes up and down twice (tasks stop, then place again).
        let load = match rng.below(6) {
            0 | 1 => {
                let (lo, hi) = (10 + rng.below(50), 200 + rng.below(800));
                format!(r#"{{"points":[[0,{lo}],[20,{hi}],[60,{lo}],[100,{hi}],[140,{lo}]]}}"#)
            }
            p => format!(r#"{{"preset":"{}"}}"#, presets[p - 2]),
        };
        let run = format!(
            r#"{{"durationMinutes":{},"startInstances":{},"load":{load},"settings":{{"managedTerminationProtection":{},"cooldownSeconds":60}}}}"#,
            60 + rng.below(300),
            rng.below(8),
            rng.below(2) == 0
        );
        let (s, _) = validate(&scenario_from_text(&scenario).unwrap()).unwrap();
        let o = offers(&s).unwrap();
        let run_v = run_from_value(&serde_json::from_str(&run).unwrap(), &s).unwrap();
        let whole = |mut sim: Simulation| {
            while !sim.advance(u64::MAX) {}
            serde_json::to_string(&sim.finish()).unwrap()
        };
        let scanned = whole(Simulation::scanning(&s, &o, &run_v));
        // The default memo, and ones that keep 1 or 3 candidates (their bound is reached often).
        for keep in [None, Some(1), Some(3)] {
            let kept = match keep {
                None => Simulation::new(&s, &o, &run_v),
                Some(k) => Simulation::keeping(&s, &o, &run_v, k),
            };
            assert_eq!(
                whole(kept),
                scanned,
                "case {case}, keep {keep:?}: {scenario} {run}"
            );
        }
    }
}

/// A run that starts from what the tasks need starts with at least the group's minimum size,
/// with CAS and without (the "fixed group" is the group as it runs).
#[test]
fn the_start_keeps_the_groups_minimum() {
    let t = sim(
        r#"{"services":[{"name":"s","cpu":256,"memory":512,"desiredCount":3}],"asg":{"minSize":12,"maxSize":40}}"#,
        r#"{"durationMinutes":10,"load":{"preset":"steady"},"withCas":false}"#,
    );
    assert_eq!(at(&t, 0).instances_running, 12);
    assert_eq!(at(&t, 10).instances_running, 12);
}

/// Tasks moved off instances that scale in wait within the PROVISIONING quota like any other
/// (with termination protection off, 10 tasks waited under a quota of 1), and a run never starts
/// above the group's maximum.
#[test]
fn scale_in_requeues_within_the_quota_and_the_start_keeps_the_maximum() {
    let t = sim(
        r#"{"services":[{"name":"api","cpu":256,"memory":512,"desiredCount":10}],"settings":{"provisioningQuota":1}}"#,
        r#"{"durationMinutes":240,"load":{"points":[[0,100],[30,3000],[90,3000],[120,50],[240,50]]},"settings":{"managedTerminationProtection":false}}"#,
    );
    let most = t.series.iter().map(|p| p.tasks_waiting).max().unwrap();
    assert!(most <= 1, "{most} tasks waited under a quota of 1");
    let capped = sim(
        r#"{"services":[{"name":"api","cpu":256,"memory":512,"desiredCount":100}],"asg":{"maxSize":2}}"#,
        r#"{"durationMinutes":10,"load":{"preset":"steady"}}"#,
    );
    assert!(
        capped.series.iter().all(|p| p.instances_running <= 2),
        "{:?}",
        capped.series[0]
    );
}

/// A run of n minutes has at most n error minutes: the last point is the run's end, not a minute
/// of it (a 30-minute run in which no call was ever served counted 31).
#[test]
fn error_minutes_count_minutes_of_the_run() {
    let t = sim(
        r#"{"services":[{"name":"api","cpu":256,"memory":512,"desiredCount":1}],"asg":{"maxSize":1}}"#,
        r#"{"durationMinutes":30,"startInstances":0,"withCas":false,"load":{"preset":"steady","base":1000}}"#,
    );
    assert!(
        t.series.iter().all(|p| p.served < p.load),
        "no call is ever served here"
    );
    assert_eq!(t.summary.error_minutes, 30);
}

/// A base or peak beside points would be ignored: refused at its path.
#[test]
fn peak_beside_points_is_refused() {
    let (s, _) = validate(&scenario_from_text(API).unwrap()).unwrap();
    let e = run_from_value(
        &serde_json::from_str(r#"{"load":{"points":[[0,10],[60,20]],"peak":500}}"#).unwrap(),
        &s,
    )
    .unwrap_err();
    assert_eq!(e[0].path, "run.load.peak");
    assert!(run_from_value(
        &serde_json::from_str(r#"{"load":{"points":[[0,10],[60,20]]}}"#).unwrap(),
        &s
    )
    .is_ok());
}
