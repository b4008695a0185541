//! The timeline with capacity providers (issue 14 point 6; model.md section 8.1) through the API's
//! JSON face: each provider runs on its own, scaling re-splits by the strategy, the PROVISIONING
//! quota is the cluster's, Spot interruptions and shortages never fall back to another provider,
//! and the run without its Spot events is set beside it.

use ecs_capacity::io::face::simulate_json;
use serde_json::Value;

fn sim(scenario: &str, run: &str) -> Value {
    let v: Value = serde_json::from_str(&simulate_json(scenario, run)).unwrap();
    assert_eq!(v["ok"], true, "{v}");
    v
}

fn num(v: &Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("not a count: {v}"))
}

/// The provider's value at each minute.
fn series(t: &Value, provider: &str, key: &str) -> Vec<u64> {
    t["series"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let pr = p["providers"]
                .as_array()
                .unwrap()
                .iter()
                .find(|x| x["name"] == provider)
                .unwrap_or_else(|| panic!("no {provider} in {p}"));
            num(&pr[key])
        })
        .collect()
}

/// The run's event messages.
fn events(t: &Value) -> Vec<&str> {
    t["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["message"].as_str().unwrap())
        .collect()
}

const API: &str = r#"{"name":"api","cpu":512,"memory":1024,"desiredCount":10}"#;
/// base 2 On-Demand, then 1 : 3 with a Spot group, on m6g.large.
fn od_spot(services: &str) -> String {
    format!(
        r#"{{"instanceType":"m6g.large","services":[{services}],"capacityProviders":[{{"name":"od","kind":"asg"}},{{"name":"spot","kind":"asg","spot":true}}],"defaultStrategy":[{{"capacityProvider":"od","base":2,"weight":1}},{{"capacityProvider":"spot","weight":3}}]}}"#
    )
}

/// One provider and no strategy: the same minutes as the lone group, with the provider's line
/// equal to the totals.
#[test]
fn one_provider_runs_as_the_lone_group() {
    let lone = sim(
        &format!(r#"{{"instanceType":"m6g.large","services":[{API}]}}"#),
        "{}",
    );
    let one = sim(
        &format!(
            r#"{{"instanceType":"m6g.large","services":[{API}],"capacityProviders":[{{"name":"g","kind":"asg"}}]}}"#
        ),
        "{}",
    );
    let (a, b) = (
        lone["series"].as_array().unwrap(),
        one["series"].as_array().unwrap(),
    );
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(b) {
        for k in [
            "load",
            "served",
            "tasksDesired",
            "tasksRunning",
            "tasksWaiting",
            "instancesDesired",
            "instancesRunning",
            "instancesRegistered",
            "reservation",
        ] {
            assert_eq!(x[k], y[k], "{k} at minute {}", x["minute"]);
        }
        assert_eq!(y["providers"][0]["instancesRunning"], y["instancesRunning"]);
        assert_eq!(y["providers"][0]["tasksRunning"], y["tasksRunning"]);
    }
    assert!(lone["series"][0].get("providers").is_none());
    assert_eq!(
        lone["summary"]["instanceHours"],
        one["summary"]["instanceHours"]
    );
    let g = &one["summary"]["providers"][0];
    assert_eq!(g["name"], "g");
    assert!(
        (g["cost"].as_f64().unwrap() - one["summary"]["instanceCost"].as_f64().unwrap()).abs()
            < 1e-9
    );
}

/// The month-end load scales the first service; every change is split by its strategy (base 2 on
/// od, then 1 : 3), each provider scales for its own tasks, and the totals are the providers' sums.
#[test]
fn scaling_resplits_by_the_strategy() {
    let t = sim(&od_spot(API), "{}");
    let pts = t["series"].as_array().unwrap();
    let mut grew = false;
    for p in pts {
        let prs = p["providers"].as_array().unwrap();
        for key in ["tasksRunning", "tasksWaiting", "instancesRunning"] {
            let sum: u64 = prs.iter().map(|x| num(&x[key])).sum();
            assert_eq!(sum, num(&p[key]), "{key} at minute {}", p["minute"]);
        }
        // Running plus waiting on each provider never passes what the strategy gives it.
        let desired = num(&p["tasksDesired"]);
        let (od, spot) = (
            num(&prs[0]["tasksRunning"]) + num(&prs[0]["tasksWaiting"]),
            num(&prs[1]["tasksRunning"]) + num(&prs[1]["tasksWaiting"]),
        );
        assert!(
            od + spot <= desired,
            "minute {}: {od} + {spot} > {desired}",
            p["minute"]
        );
        grew |= desired > 10;
    }
    assert!(grew, "the month-end load scales the service");
    // Each scaling event says how it was split.
    let split = t["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            e["message"]
                .as_str()
                .unwrap()
                .contains("split by its strategy")
        })
        .count();
    assert!(split > 0);
    // The Spot group grew for its own tasks.
    let spot = series(&t, "spot", "instancesRunning");
    assert!(spot.iter().max() > spot.first());
    // Spot instances at 60 % off: the Spot provider's cost per instance-hour is 0.4 x od's.
    let prs = t["summary"]["providers"].as_array().unwrap();
    let rate = |x: &Value| x["cost"].as_f64().unwrap() / x["instanceHours"].as_f64().unwrap();
    assert!(
        (rate(&prs[1]) / rate(&prs[0]) - 0.4).abs() < 1e-9,
        "{prs:?}"
    );
}

/// Half the Spot group interrupted at the peak: two minutes later its instances are gone, its tasks
/// wait there (no fallback: od's tasks do not change), the group replaces them, and the summary
/// sets the same run without the interruption beside it.
#[test]
fn interruption_drains_and_never_falls_back() {
    let run = r#"{"durationMinutes":240,"load":{"preset":"steady"},"settings":{"spotInterruptions":[{"minute":60,"provider":"spot","share":0.5}]}}"#;
    let t = sim(&od_spot(API), run);
    let spot = series(&t, "spot", "instancesRunning");
    let waiting = series(&t, "spot", "tasksWaiting");
    let od = series(&t, "od", "tasksRunning");
    let before = spot[59];
    assert!(before >= 2, "{spot:?}");
    // Draining instances still run (and serve) for the two-minute notice, and go at its end.
    assert!(spot[61] >= before, "{spot:?}");
    // ...their tasks' replacements wait on the Spot provider only.
    assert!(waiting[60] > 0, "{waiting:?}");
    assert!(
        od.iter().all(|&x| x == od[0]),
        "od never takes Spot's tasks: {od:?}"
    );
    // Everything is back: every task running again on spot, nothing waiting.
    assert_eq!(*waiting.last().unwrap(), 0);
    let events = events(&t);
    assert!(
        events
            .iter()
            .any(|e| e.contains("spot: Spot interruption:") && e.contains("two-minute notice")),
        "{events:?}"
    );
    assert!(
        events
            .iter()
            .any(|e| e.starts_with("01:02 spot: ") && e.contains("interrupted instance(s) gone")),
        "{events:?}"
    );
    let w = &t["summary"]["withoutSpotEvents"];
    assert!(w.is_object(), "{}", t["summary"]);
    assert!(
        t["summary"]["unservedShare"].as_f64().unwrap() >= w["unservedShare"].as_f64().unwrap()
    );
}

/// No Spot for an hour: the Spot group launches nothing in the window though its tasks wait, they
/// time out after the provisioning timeout and are replaced, and it launches when the window ends.
#[test]
fn shortage_stops_launches_and_tasks_time_out() {
    let run = r#"{"durationMinutes":240,"load":{"preset":"steady"},"settings":{"spotInterruptions":[{"minute":30,"provider":"spot","share":1}],"spotShortages":[{"fromMinute":30,"toMinute":90,"provider":"spot"}]}}"#;
    let t = sim(&od_spot(API), run);
    let spot = series(&t, "spot", "instancesRunning");
    let waiting = series(&t, "spot", "tasksWaiting");
    for m in 33..90 {
        assert_eq!(spot[m], 0, "minute {m}: {spot:?}");
        assert!(waiting[m] > 0, "minute {m}: {waiting:?}");
    }
    assert!(spot[100] > 0, "launches after the window: {spot:?}");
    let events = events(&t);
    assert!(
        events.iter().any(|e| e.contains("spot: no Spot capacity")),
        "{events:?}"
    );
    assert!(
        events
            .iter()
            .any(|e| e.contains("spot: ") && e.contains("stopped after 20 min in PROVISIONING")),
        "{events:?}"
    );
    assert!(
        t["summary"]["unservedShare"].as_f64().unwrap()
            > t["summary"]["withoutSpotEvents"]["unservedShare"]
                .as_f64()
                .unwrap()
    );
}

/// Fargate Spot: an interruption replaces the tasks at once (serving again within the notice, so
/// no call is lost); a shortage leaves them waiting, with no fallback to FARGATE.
#[test]
fn fargate_spot_interruptions_and_shortages() {
    let s = format!(
        r#"{{"instanceType":"m6g.large","services":[{API}],"capacityProviders":[{{"name":"FARGATE","kind":"fargate"}},{{"name":"FARGATE_SPOT","kind":"fargate-spot"}}],"defaultStrategy":[{{"capacityProvider":"FARGATE","base":1,"weight":1}},{{"capacityProvider":"FARGATE_SPOT","weight":4}}]}}"#
    );
    let calm = r#"{"durationMinutes":120,"load":{"preset":"steady"},"settings":{"spotInterruptions":[{"minute":30,"provider":"FARGATE_SPOT","share":1}]}}"#;
    let t = sim(&s, calm);
    assert_eq!(
        t["summary"]["unservedShare"],
        t["summary"]["withoutSpotEvents"]["unservedShare"]
    );
    assert_eq!(
        series(&t, "FARGATE", "instancesRunning").iter().max(),
        Some(&0)
    );
    let short = r#"{"durationMinutes":120,"load":{"preset":"steady"},"settings":{"spotInterruptions":[{"minute":30,"provider":"FARGATE_SPOT","share":1}],"spotShortages":[{"fromMinute":30,"toMinute":60,"provider":"FARGATE_SPOT"}]}}"#;
    let t = sim(&s, short);
    let waiting = series(&t, "FARGATE_SPOT", "tasksWaiting");
    let fargate = series(&t, "FARGATE", "tasksRunning");
    assert!(waiting[40] > 0 && waiting[70] == 0, "{waiting:?}");
    assert!(
        fargate.iter().all(|&x| x == fargate[0]),
        "no fallback: {fargate:?}"
    );
    let prs = t["summary"]["providers"].as_array().unwrap();
    assert!(prs[1]["taskHours"].as_f64().unwrap() > 0.0);
}

/// The PROVISIONING quota is the cluster's: waiting tasks over every provider never pass it.
#[test]
fn quota_is_shared() {
    let services = r#"{"name":"api","cpu":512,"memory":1024,"desiredCount":400},{"name":"w","cpu":1024,"memory":2048,"desiredCount":300}"#;
    // od is held at one instance, so its tasks wait all along; Spot's wait after the interruption.
    let s = od_spot(services)
        .replacen(
            "\"instanceType\":\"m6g.large\"",
            "\"instanceType\":\"m6g.large\",\"settings\":{\"provisioningQuota\":100}",
            1,
        )
        .replacen(
            r#"{"name":"od","kind":"asg"}"#,
            r#"{"name":"od","kind":"asg","runningInstances":1,"asg":{"minSize":1,"maxSize":1}}"#,
            1,
        );
    let t = sim(
        &s,
        r#"{"durationMinutes":60,"load":{"preset":"steady"},"settings":{"spotInterruptions":[{"minute":10,"provider":"spot","share":1}]}}"#,
    );
    let running = series(&t, "spot", "tasksRunning");
    let mut starved = false;
    for (m, p) in t["series"].as_array().unwrap().iter().enumerate() {
        let w = num(&p["tasksWaiting"]);
        assert!(w <= 100, "minute {m}: {w} waiting");
        // od's waiting tasks hold the whole quota: Spot's replacements cannot even queue.
        starved |= w == 100 && running[m] < running[5];
    }
    assert!(starved, "{running:?}");
}

/// Spot events name Spot providers of the scenario and minutes of the run, at their paths.
#[test]
fn spot_event_errors_have_paths() {
    let bad = r#"{"durationMinutes":60,"settings":{"spotInterruptions":[{"minute":90,"provider":"od","share":2}],"spotShortages":[{"fromMinute":30,"toMinute":20,"provider":"nope"}]}}"#;
    let v: Value = serde_json::from_str(&simulate_json(&od_spot(API), bad)).unwrap();
    assert_eq!(v["ok"], false);
    let paths: Vec<&str> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    for want in [
        "run.settings.spotInterruptions[0].minute",
        "run.settings.spotInterruptions[0].provider",
        "run.settings.spotInterruptions[0].share",
        "run.settings.spotShortages[0].provider",
        "run.settings.spotShortages[0].toMinute",
    ] {
        assert!(paths.contains(&want), "{want} not in {paths:?}");
    }
}

/// Fargate follows the service down as well as up: after the month-end spike the running tasks
/// come back to the desired count (they stayed at the peak before).
#[test]
fn fargate_scales_in() {
    let s = format!(
        r#"{{"instanceType":"m6g.large","services":[{API}],"capacityProviders":[{{"name":"FARGATE","kind":"fargate"}},{{"name":"FARGATE_SPOT","kind":"fargate-spot"}}],"defaultStrategy":[{{"capacityProvider":"FARGATE","weight":1}},{{"capacityProvider":"FARGATE_SPOT","weight":4}}]}}"#
    );
    let t = sim(&s, "{}");
    let pts = t["series"].as_array().unwrap();
    let peak = pts.iter().map(|p| num(&p["tasksRunning"])).max().unwrap();
    let last = pts.last().unwrap();
    assert!(peak > num(&last["tasksDesired"]), "the spike scaled out");
    assert_eq!(last["tasksRunning"], last["tasksDesired"], "{last}");
    // Task-hours for every provider, the EC2 ones' too.
    let t = sim(&od_spot(API), "{}");
    for p in t["summary"]["providers"].as_array().unwrap() {
        assert!(p["taskHours"].as_f64().unwrap() > 0.0, "{p}");
    }
}

/// A shortage is said once at its start and once at its end; CAS asks the group again only for
/// more than it already wants (the log does not repeat the same decision each minute).
#[test]
fn a_shortage_is_logged_once() {
    let run = r#"{"durationMinutes":240,"settings":{"spotShortages":[{"fromMinute":30,"toMinute":90,"provider":"spot"}]}}"#;
    let t = sim(&od_spot(API), run);
    let ev = events(&t);
    let count = |needle: &str| ev.iter().filter(|e| e.contains(needle)).count();
    assert_eq!(count("spot: Spot shortage until 01:30"), 1, "{ev:?}");
    assert_eq!(count("spot: Spot capacity is back"), 1, "{ev:?}");
    // Each decision in the window raises the group's desired count from where the last one left
    // it ("desired 2 -> 4", then "4 -> 5"): none repeats.
    let steps: Vec<(u64, u64)> = ev
        .iter()
        .filter(|e| e.starts_with("00:") && e.contains("spot: reservation"))
        .filter_map(|e| {
            let (a, b) = e
                .split_once("desired ")?
                .1
                .split_once(" (")?
                .0
                .split_once(" -> ")?;
            Some((a.parse().ok()?, b.parse().ok()?))
        })
        .collect();
    assert!(steps.len() >= 2, "{ev:?}");
    for w in steps.windows(2) {
        assert!(w[0].0 < w[0].1 && w[0].1 == w[1].0, "{steps:?}");
    }
}

/// The providers' hours and costs add up to the run's, Spot events and a start size included.
#[test]
fn provider_shares_add_up() {
    for run in [
        r#"{"durationMinutes":240,"settings":{"spotShortages":[{"fromMinute":30,"toMinute":90,"provider":"spot"}]}}"#,
        r#"{"durationMinutes":240,"settings":{"spotInterruptions":[{"minute":60,"provider":"spot","share":0.5}]}}"#,
        "{}",
    ] {
        let t = sim(&od_spot(API), run);
        let s = &t["summary"];
        let (mut hours, mut cost) = (0.0, 0.0);
        for p in s["providers"].as_array().unwrap() {
            hours += p["instanceHours"].as_f64().unwrap();
            cost += p["cost"].as_f64().unwrap();
        }
        assert!(
            (hours - s["instanceHours"].as_f64().unwrap()).abs() < 1e-9,
            "{run}: {s}"
        );
        assert!(
            (cost - s["instanceCost"].as_f64().unwrap()).abs() < 1e-9,
            "{run}: {s}"
        );
    }
}
