//! Capacity providers and strategies (issue 14; model.md section 8) through the API's JSON face:
//! the allocation per service, each ASG provider planned as its own cluster, Fargate and Spot
//! prices, no fallback, and every documented rule's error at its path.

use ecs_capacity::io::face::{plan_json, recommend_json, simulate_json};
use serde_json::Value;

fn plan(json: &str) -> Value {
    serde_json::from_str(&plan_json(json)).unwrap()
}

fn provider<'a>(p: &'a Value, name: &str) -> &'a Value {
    p["providers"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["name"] == name))
        .unwrap_or_else(|| panic!("no provider {name} in {p}"))
}

fn error_paths(p: &Value) -> Vec<String> {
    assert_eq!(p["ok"], false, "{p}");
    p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap().to_string())
        .collect()
}

const API: &str = r#"{"name":"api","cpu":256,"memory":512,"desiredCount":10}"#;

/// One provider with no strategy plans exactly as the scenario without providers.
#[test]
fn one_provider_plans_as_without() {
    let without = plan(&format!(
        r#"{{"instanceType":"m6g.large","services":[{API}]}}"#
    ));
    let with = plan(&format!(
        r#"{{"instanceType":"m6g.large","services":[{API}],"capacityProviders":[{{"name":"default","kind":"asg"}}]}}"#
    ));
    assert_eq!(with["ok"], true, "{with}");
    assert_eq!(with["instancesNeeded"], without["instancesNeeded"]);
    assert_eq!(with["cas"], without["cas"]);
    let d = provider(&with, "default");
    assert_eq!(d["tasks"]["api"], 10);
    assert_eq!(d["instancesNeeded"], without["instancesNeeded"]);
    assert!(
        (d["monthly"].as_f64().unwrap() - without["cost"]["ec2Monthly"].as_f64().unwrap()).abs()
            < 1e-9
    );
    assert!(without.get("providers").is_none());
}

/// model.md's example as a cluster: base 2 On-Demand, then 1 : 3 with Spot; 10 tasks go 4 and 6,
/// each provider placed and priced on its own (Spot at 60 % off by default), with the derivation.
#[test]
fn base_and_weights_split_and_price() {
    let p = plan(&format!(
        r#"{{"instanceType":"t4g.medium","services":[{API}],"capacityProviders":[{{"name":"od","kind":"asg"}},{{"name":"spot","kind":"asg","spot":true}}],"defaultStrategy":[{{"capacityProvider":"od","base":2,"weight":1}},{{"capacityProvider":"spot","weight":3}}]}}"#
    ));
    assert_eq!(p["ok"], true, "{p}");
    let (od, spot) = (provider(&p, "od"), provider(&p, "spot"));
    assert_eq!(
        (od["tasks"]["api"].as_u64(), spot["tasks"]["api"].as_u64()),
        (Some(4), Some(6))
    );
    // 4 tasks of 256/512 on t4g.medium (7 per instance by memory): 1 instance; 6: 1 instance.
    let four = plan(
        r#"{"instanceType":"t4g.medium","services":[{"name":"api","cpu":256,"memory":512,"desiredCount":4}]}"#,
    );
    let six = plan(
        r#"{"instanceType":"t4g.medium","services":[{"name":"api","cpu":256,"memory":512,"desiredCount":6}]}"#,
    );
    assert_eq!(od["instancesNeeded"], four["instancesNeeded"]);
    assert_eq!(spot["instancesNeeded"], six["instancesNeeded"]);
    assert_eq!(od["cas"], four["cas"]);
    let spot_od = six["cost"]["ec2Monthly"].as_f64().unwrap();
    assert!(
        (spot["monthly"].as_f64().unwrap() - spot_od * 0.4).abs() < 1e-9,
        "{spot}"
    );
    assert!((spot["onDemandMonthly"].as_f64().unwrap() - spot_od).abs() < 1e-9);
    assert_eq!(spot["spotDiscount"], 60.0);
    let words = p["explanations"]["allocation.api"].as_str().unwrap();
    assert!(
        words.starts_with("api: 2 base + 2 on od, 6 on spot"),
        "{words}"
    );
    // The top level is the first ASG provider's (api.md).
    assert_eq!(p["instancesNeeded"], od["instancesNeeded"]);
    // The total, and what it would be all On-Demand.
    let total = &p["cost"]["providersTotal"];
    let sum = od["monthly"].as_f64().unwrap() + spot["monthly"].as_f64().unwrap();
    assert!(
        (total["monthly"].as_f64().unwrap() - sum).abs() < 1e-9,
        "{total}"
    );
    let od_sum = od["onDemandMonthly"].as_f64().unwrap() + spot_od;
    assert!((total["allOnDemandMonthly"].as_f64().unwrap() - od_sum).abs() < 1e-9);
    assert!(p["explanations"]["cost.providers"]
        .as_str()
        .unwrap()
        .contains("all On-Demand"));
}

/// Fargate and Fargate Spot: each task at its Fargate size with the daemons as sidecars, Fargate
/// Spot at 65 % off by default (an input), no instances.
#[test]
fn fargate_and_fargate_spot() {
    let p = plan(&format!(
        r#"{{"services":[{API}],"daemons":[{{"name":"log","cpu":64,"memory":128}}],"capacityProviders":[{{"name":"FARGATE","kind":"fargate"}},{{"name":"FARGATE_SPOT","kind":"fargate-spot"}}],"defaultStrategy":[{{"capacityProvider":"FARGATE","base":1,"weight":1}},{{"capacityProvider":"FARGATE_SPOT","weight":1}}]}}"#
    ));
    assert_eq!(p["ok"], true, "{p}");
    let (f, fs) = (provider(&p, "FARGATE"), provider(&p, "FARGATE_SPOT"));
    assert_eq!(
        (f["tasks"]["api"].as_u64(), fs["tasks"]["api"].as_u64()),
        (Some(6), Some(4))
    );
    assert!(f.get("instancesNeeded").is_none() && f.get("cas").is_none());
    // 256 + 64 CPU and 512 + 128 MiB round up to 512 CPU / 1 GB on Fargate (ARM for t4g).
    let one = 0.5 * 0.03238 + 1.0 * 0.00356;
    assert!(
        (f["hourly"].as_f64().unwrap() - 6.0 * one).abs() < 1e-9,
        "{f}"
    );
    assert!(
        (fs["hourly"].as_f64().unwrap() - 4.0 * one * 0.35).abs() < 1e-9,
        "{fs}"
    );
}

/// No fallback: a provider that cannot launch leaves its tasks waiting there, with its own CAS
/// stuck at its maximum, while the other provider places its share.
#[test]
fn no_fallback_between_providers() {
    let p = plan(&format!(
        r#"{{"services":[{API}],"capacityProviders":[{{"name":"od","kind":"asg"}},{{"name":"spot","kind":"asg","spot":true,"asg":{{"maxSize":0}}}}],"defaultStrategy":[{{"capacityProvider":"od","weight":1}},{{"capacityProvider":"spot","weight":1}}]}}"#
    ));
    assert_eq!(p["ok"], true, "{p}");
    let spot = provider(&p, "spot");
    assert_eq!(spot["tasks"]["api"], 5);
    assert_eq!(spot["cas"]["desiredInstances"], 0, "{}", spot["cas"]);
    assert_eq!(spot["cas"]["waitingTasks"], 5, "{}", spot["cas"]);
    assert!(spot["cas"]["neverBecause"]
        .as_str()
        .unwrap()
        .contains("maximum (0)"));
    let note = spot["noFallback"].as_str().unwrap();
    assert!(
        note.starts_with(
            "5 tasks wait on spot with no fallback: AWS does not move them to another provider"
        ),
        "{note}"
    );
    assert!(provider(&p, "od").get("noFallback").is_none());
    assert_eq!(provider(&p, "od")["tasks"]["api"], 5);
}

/// Every documented rule, at its path.
#[test]
fn strategy_rules_at_their_paths() {
    let cluster = r#""capacityProviders":[{"name":"od","kind":"asg"},{"name":"spot","kind":"asg","spot":true},{"name":"FARGATE","kind":"fargate"}]"#;
    let case = |strategy: &str| {
        plan(&format!(
            r#"{{"services":[{API}],{cluster},"defaultStrategy":{strategy}}}"#
        ))
    };
    let two_bases = case(
        r#"[{"capacityProvider":"od","base":1,"weight":1},{"capacityProvider":"spot","base":2,"weight":1}]"#,
    );
    assert!(error_paths(&two_bases).contains(&"defaultStrategy[1].base".to_string()));
    let zero = case(r#"[{"capacityProvider":"od"},{"capacityProvider":"spot"}]"#);
    assert!(error_paths(&zero).contains(&"defaultStrategy".to_string()));
    let unknown = case(r#"[{"capacityProvider":"ondemand","weight":1}]"#);
    assert!(error_paths(&unknown).contains(&"defaultStrategy[0].capacityProvider".to_string()));
    let mixed =
        case(r#"[{"capacityProvider":"od","weight":1},{"capacityProvider":"FARGATE","weight":1}]"#);
    assert!(error_paths(&mixed).contains(&"defaultStrategy".to_string()));
    let ranges = case(r#"[{"capacityProvider":"od","base":100001,"weight":1001}]"#);
    let paths = error_paths(&ranges);
    assert!(
        paths.contains(&"defaultStrategy[0].base".to_string())
            && paths.contains(&"defaultStrategy[0].weight".to_string()),
        "{paths:?}"
    );
    let items: Vec<String> = (0..21)
        .map(|_| r#"{"capacityProvider":"od","weight":1}"#.to_string())
        .collect();
    let many = case(&format!("[{}]", items.join(",")));
    assert!(error_paths(&many).contains(&"defaultStrategy".to_string()));
    // Several providers and no strategy for a service: said at the service.
    let none = plan(&format!(r#"{{"services":[{API}],{cluster}}}"#));
    assert!(error_paths(&none).contains(&"services[0].capacityProviderStrategy".to_string()));
    // A Fargate provider with instance settings; a discount on an On-Demand group; a bad kind.
    let bad = plan(&format!(
        r#"{{"services":[{API}],"capacityProviders":[{{"name":"f","kind":"fargate","instanceType":"m6g.large"}},{{"name":"od","kind":"asg","spotDiscount":50}},{{"name":"x","kind":"ec2"}},{{"name":"od","kind":"asg"}}],"defaultStrategy":[{{"capacityProvider":"f","weight":1}}]}}"#
    ));
    let paths = error_paths(&bad);
    for want in [
        "capacityProviders[0].instanceType",
        "capacityProviders[2].kind",
        "capacityProviders[3].name",
    ] {
        assert!(paths.contains(&want.to_string()), "{want} in {paths:?}");
    }
    // A strategy with no providers named.
    let orphan = plan(&format!(
        r#"{{"services":[{API}],"defaultStrategy":[{{"capacityProvider":"od","weight":1}}]}}"#
    ));
    assert!(error_paths(&orphan).contains(&"defaultStrategy".to_string()));
}

/// A service's own strategy overrides the default; a task that fits no type of its provider is
/// an error at the service, naming the provider.
#[test]
fn own_strategy_and_errors_name_the_provider() {
    let p = plan(
        r#"{"services":[{"name":"small","cpu":256,"memory":512,"desiredCount":4},{"name":"big","cpu":4096,"memory":8192,"desiredCount":2,"capacityProviderStrategy":[{"capacityProvider":"large","weight":1}]}],"capacityProviders":[{"name":"od","kind":"asg","instanceType":"t4g.medium"},{"name":"large","kind":"asg","instanceType":"m6g.2xlarge"}],"defaultStrategy":[{"capacityProvider":"od","weight":1}]}"#,
    );
    assert_eq!(p["ok"], true, "{p}");
    assert_eq!(provider(&p, "od")["tasks"]["small"], 4);
    assert!(provider(&p, "od")["tasks"].get("big").is_none());
    assert_eq!(provider(&p, "large")["tasks"]["big"], 2);
    assert_eq!(provider(&p, "large")["instanceType"], "m6g.2xlarge");
    let e = plan(
        r#"{"services":[{"name":"small","cpu":256,"memory":512,"desiredCount":4},{"name":"big","cpu":4096,"memory":8192,"desiredCount":2}],"capacityProviders":[{"name":"od","kind":"asg","instanceType":"t4g.medium"}]}"#,
    );
    assert_eq!(e["ok"], false);
    let err = &e["errors"][0];
    assert!(
        err["path"].as_str().unwrap().starts_with("services[1]"),
        "{e}"
    );
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .starts_with("on capacity provider od:"),
        "{e}"
    );
}

/// recommend() does not take providers yet, and says so rather than leave them out.
#[test]
fn recommend_refuses_providers_for_now() {
    let s = format!(r#"{{"services":[{API}],"capacityProviders":[{{"name":"od","kind":"asg"}}]}}"#);
    let v: Value = serde_json::from_str(&recommend_json(&s, "{}")).unwrap();
    assert_eq!(error_paths(&v), vec!["capacityProviders".to_string()]);
    // simulate() takes them (tests/sim_providers.rs).
    let v: Value = serde_json::from_str(&simulate_json(&s, "{}")).unwrap();
    assert_eq!(v["ok"], true, "{v}");
}

/// api.md's own ASG example (an On-Demand group with a spotDiscount) plans, the discount kept and
/// unused, with a warning saying so.
#[test]
fn api_md_asg_example_plans() {
    let p = plan(&format!(
        r#"{{"services":[{API}],"capacityProviders":[{{"name":"od","kind":"asg","instanceType":"m6g.large","spot":false,"spotDiscount":60,"runningInstances":0,"targetCapacity":100,"minimumScalingStepSize":1,"maximumScalingStepSize":10000,"instanceWarmupPeriod":300,"asg":{{"minSize":0,"maxSize":10000}},"managedTerminationProtection":true}},{{"name":"spot","kind":"asg","instanceTypes":["m6g.large","m7g.large"],"spot":true}},{{"name":"FARGATE","kind":"fargate"}},{{"name":"FARGATE_SPOT","kind":"fargate-spot","spotDiscount":65}}],"defaultStrategy":[{{"capacityProvider":"od","base":2,"weight":1}},{{"capacityProvider":"spot","weight":3}}]}}"#
    ));
    assert_eq!(p["ok"], true, "{p}");
    assert_eq!(provider(&p, "od")["spotDiscount"], 0.0);
    assert!(
        p["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["code"] == "spot-discount-unused"),
        "{}",
        p["warnings"]
    );
    // A discount out of range is still refused there.
    let bad = plan(&format!(
        r#"{{"services":[{API}],"capacityProviders":[{{"name":"od","kind":"asg","spotDiscount":95}}]}}"#
    ));
    assert_eq!(
        error_paths(&bad),
        vec!["capacityProviders[0].spotDiscount".to_string()]
    );
}

/// Each ASG provider's own plan warnings reach the plan, naming the provider (they were dropped).
#[test]
fn provider_plan_warnings_are_kept() {
    let p = plan(
        r#"{"services":[{"name":"big","cpu":4096,"memory":1024,"desiredCount":10}],"capacityProviders":[{"name":"mixed","kind":"asg","instanceTypes":["t4g.medium","m5.8xlarge"]}]}"#,
    );
    assert_eq!(p["ok"], true, "{p}");
    let w: Vec<&str> = p["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|w| w["message"].as_str())
        .collect();
    assert!(
        w.iter()
            .any(|m| m.starts_with("on capacity provider mixed:")
                && m.contains("10 big tasks never placed")),
        "{w:?}"
    );
}

/// A service too large for Fargate that runs on an EC2 group says nothing of a Fargate provider's
/// cost (the review's case: the Fargate provider vanished); one that runs on Fargate is refused
/// beside its strategy, the field that puts it there.
#[test]
fn fargate_sizes_only_its_own_tasks() {
    let p = plan(
        r#"{"instanceType":"r6g.8xlarge","services":[
            {"name":"big","cpu":4096,"memory":200000,"desiredCount":1,"capacityProviderStrategy":[{"capacityProvider":"ec2","weight":1}]},
            {"name":"small","cpu":256,"memory":512,"desiredCount":4,"capacityProviderStrategy":[{"capacityProvider":"fg","weight":1}]}],
            "capacityProviders":[{"name":"ec2","kind":"asg"},{"name":"fg","kind":"fargate"}]}"#,
    );
    assert_eq!(p["ok"], true, "{p}");
    let fg = provider(&p, "fg");
    assert_eq!(fg["tasks"]["small"], 4);
    assert!(fg["monthly"].as_f64().unwrap() > 0.0, "{fg}");
    let total = p["cost"]["providersTotal"]["monthly"].as_f64().unwrap();
    let sum: f64 = p["providers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["monthly"].as_f64().unwrap())
        .sum();
    assert!((total - sum).abs() < 1e-6, "{total} {sum}");
    let p = plan(
        r#"{"services":[{"name":"big","cpu":4096,"memory":200000,"desiredCount":1}],
            "capacityProviders":[{"name":"fg","kind":"fargate"}]}"#,
    );
    assert_eq!(error_paths(&p), ["services[0].capacityProviderStrategy"]);
}

/// An EC2 group with instances running and no task is still planned: its CAS scales them in
/// (the review's case showed "0 instances" and no CAS), and the top level stays the first group
/// with tasks.
#[test]
fn an_idle_group_still_scales_in() {
    let p = plan(
        r#"{"instanceType":"m6g.large","services":[{"name":"api","cpu":256,"memory":512,"desiredCount":4,"capacityProviderStrategy":[{"capacityProvider":"busy","weight":1}]}],
            "capacityProviders":[{"name":"idle","kind":"asg","runningInstances":5},{"name":"busy","kind":"asg"}]}"#,
    );
    assert_eq!(p["ok"], true, "{p}");
    let idle = provider(&p, "idle");
    assert_eq!(idle["cas"]["n"], 5, "{idle}");
    assert_eq!(idle["cas"]["decision"], "scale-in", "{idle}");
    assert_eq!(idle["instancesNeeded"], 0);
    assert_eq!(
        p["services"][0]["desiredCount"], 4,
        "the top level is busy's plan"
    );
    // With no instance running an idle group is not planned, as before.
    let p = plan(
        r#"{"services":[{"name":"api","cpu":256,"memory":512,"desiredCount":4,"capacityProviderStrategy":[{"capacityProvider":"busy","weight":1}]}],
            "capacityProviders":[{"name":"idle","kind":"asg"},{"name":"busy","kind":"asg"}]}"#,
    );
    assert!(provider(&p, "idle").get("cas").is_none());
}

/// Savings Plans / Reserved discounts (issue 15 point 5): the scenario's applies to the one group,
/// to Fargate beside it, to the ranking and to the timeline; with providers it is the default of the
/// On-Demand group and of Fargate, never of Spot (which they do not cover: set there, an error).
#[test]
fn commitment_discounts_in_every_cost() {
    use ecs_capacity::io::face::{recommend_json, simulate_json};
    let base = format!(r#"{{"instanceType":"m6g.large","services":[{API}]"#);
    let list = plan(&format!("{base}}}"));
    let sp = plan(&format!(r#"{base},"commitmentDiscount":30}}"#));
    let m = |p: &Value, k: &str| p["cost"][k].as_f64().unwrap();
    assert!((m(&sp, "ec2Monthly") - 0.7 * m(&list, "ec2Monthly")).abs() < 1e-9);
    assert!((m(&sp, "fargateMonthly") - 0.7 * m(&list, "fargateMonthly")).abs() < 1e-9);
    assert!(sp["explanations"]["cost.ec2"]
        .as_str()
        .unwrap()
        .contains("x (1 - 30 % Savings Plans / Reserved discount, as entered)"));
    let rank = |s: &str| -> f64 {
        let v: Value = serde_json::from_str(&recommend_json(s, "{}")).unwrap();
        v["ranked"][0]["monthlyCost"].as_f64().unwrap()
    };
    assert!(
        (rank(&format!(r#"{base},"commitmentDiscount":30}}"#)) - 0.7 * rank(&format!("{base}}}")))
            .abs()
            < 1e-9
    );
    let cost = |s: &str| -> f64 {
        let v: Value = serde_json::from_str(&simulate_json(s, "{}")).unwrap();
        v["summary"]["instanceCost"].as_f64().unwrap()
    };
    assert!(
        (cost(&format!(r#"{base},"commitmentDiscount":30}}"#)) - 0.7 * cost(&format!("{base}}}")))
            .abs()
            < 1e-9
    );
    // Providers: the cluster's 30 % for od and FARGATE (which sets its own 20 %), none for Spot.
    let p = plan(&format!(
        r#"{base},"commitmentDiscount":30,"capacityProviders":[{{"name":"od","kind":"asg"}},{{"name":"spot","kind":"asg","spot":true}}],"defaultStrategy":[{{"capacityProvider":"od","base":2,"weight":1}},{{"capacityProvider":"spot","weight":3}}]}}"#
    ));
    let od = provider(&p, "od");
    let spot = provider(&p, "spot");
    assert!(
        od["explanation"]
            .as_str()
            .unwrap()
            .contains("30 % Savings Plans"),
        "{od}"
    );
    assert!(
        !spot["explanation"]
            .as_str()
            .unwrap()
            .contains("Savings Plans"),
        "{spot}"
    );
    // Spot at 60 % off its list price, untouched by the plan.
    assert!(
        (spot["monthly"].as_f64().unwrap() - 0.4 * spot["onDemandMonthly"].as_f64().unwrap()).abs()
            < 1e-9
    );
    let f = plan(&format!(
        r#"{base},"commitmentDiscount":30,"capacityProviders":[{{"name":"FARGATE","kind":"fargate","commitmentDiscount":20}},{{"name":"FARGATE_SPOT","kind":"fargate-spot"}}],"defaultStrategy":[{{"capacityProvider":"FARGATE","weight":1}},{{"capacityProvider":"FARGATE_SPOT","weight":1}}]}}"#
    ));
    let (fg, fs) = (provider(&f, "FARGATE"), provider(&f, "FARGATE_SPOT"));
    // Same tasks on each (5 and 5): Fargate at 80 % of list, Fargate Spot at 35 % (65 % off).
    let ratio = fg["monthly"].as_f64().unwrap() / fs["monthly"].as_f64().unwrap();
    assert!((ratio - 0.8 / 0.35).abs() < 1e-9, "{ratio}");
    let e = plan(&format!(
        r#"{base},"capacityProviders":[{{"name":"spot","kind":"asg","spot":true,"commitmentDiscount":10}}]}}"#
    ));
    assert_eq!(error_paths(&e), ["capacityProviders[0].commitmentDiscount"]);
    let e = plan(&format!(r#"{base},"commitmentDiscount":95}}"#));
    assert_eq!(error_paths(&e), ["commitmentDiscount"]);
}

/// Managed Instances (issue 15 point 2; model.md section 9): the type the app picks and why, the
/// fee (c6a.2xlarge at AWS's $0.037, else 12 % of On-Demand), spread over subnets' zones or
/// binpacked in one, Spot, no CAS, and its settings' errors at their paths.
#[test]
fn managed_instances() {
    let mi = |extra: &str, services: &str| {
        plan(&format!(
            r#"{{"services":[{services}],"capacityProviders":[{{"name":"mi","kind":"managed-instances"{extra}}}]}}"#
        ))
    };
    // Only c6a.2xlarge allowed, at AWS's published fee: 10 tasks of 1 vCPU / 2 GiB, 7 a box (8
    // vCPU less what the agent keeps) -> 2 instances at $0.306 + $0.037 an hour.
    let p = mi(
        r#","instanceRequirements":{"allowedInstanceTypes":["c6a.2xlarge"]},"managementFees":{"c6a.2xlarge":0.037}"#,
        r#"{"name":"api","cpu":1024,"memory":2048,"desiredCount":10}"#,
    );
    let o = provider(&p, "mi");
    assert_eq!(o["instanceType"], "c6a.2xlarge", "{o}");
    let n = o["instancesNeeded"].as_u64().unwrap();
    assert!(
        (o["hourly"].as_f64().unwrap() - n as f64 * (0.306 + 0.037)).abs() < 1e-9,
        "{o}"
    );
    assert!(o.get("cas").is_none(), "no CAS for Managed Instances");
    assert!(o["explanation"].as_str().unwrap().contains("as entered"));
    // Without the type's own fee: 12 % of On-Demand ($0.03672 for c6a.2xlarge).
    let p = mi(
        r#","instanceRequirements":{"allowedInstanceTypes":["c6a.2xlarge"]}"#,
        r#"{"name":"api","cpu":1024,"memory":2048,"desiredCount":10}"#,
    );
    let o = provider(&p, "mi");
    assert!(
        (o["hourly"].as_f64().unwrap() - n as f64 * 0.306 * 1.12).abs() < 1e-9,
        "{o}"
    );
    // The pick: the cheapest allowed type for the tasks, never nano, micro or 1 vCPU.
    let p = mi(
        r#","instanceRequirements":{"allowedInstanceTypes":["m7g.*","c7g.*","t4g.*"]}"#,
        API,
    );
    let o = provider(&p, "mi");
    let picked = o["instanceType"].as_str().unwrap().to_string();
    assert!(
        !picked.ends_with(".micro") && !picked.ends_with(".nano") && !picked.ends_with(".medium"),
        "{picked}"
    );
    let cost_with = |t: &str| {
        let q = mi(
            &format!(r#","instanceRequirements":{{"allowedInstanceTypes":["{t}"]}}"#),
            API,
        );
        provider(&q, "mi")["hourly"].as_f64().unwrap()
    };
    for t in ["m7g.large", "c7g.xlarge", "t4g.large", "m7g.2xlarge"] {
        assert!(
            o["hourly"].as_f64().unwrap() <= cost_with(t) + 1e-12,
            "{picked} vs {t}"
        );
    }
    // Subnets: 3 tasks on 3 subnets spread over 3 instances; on one subnet they binpack.
    let three = r#"{"name":"api","cpu":256,"memory":512,"desiredCount":3}"#;
    let req = r#","instanceRequirements":{"allowedInstanceTypes":["m7g.large"]}"#;
    let spread = mi(&format!(r#"{req},"subnets":3"#), three);
    let binpack = mi(&format!(r#"{req},"subnets":1"#), three);
    assert_eq!(provider(&spread, "mi")["instancesNeeded"], 3);
    assert_eq!(provider(&binpack, "mi")["instancesNeeded"], 1);
    // Spot: the instance part at 60 % off (assumed), the fee in full.
    let spot = mi(
        &format!(r#"{req},"subnets":1,"capacityOptionType":"spot""#),
        three,
    );
    let o = provider(&spot, "mi");
    assert!(
        (o["hourly"].as_f64().unwrap() - (0.0816 * 0.4 + 0.0816 * 0.12)).abs() < 1e-9,
        "{o}"
    );
    // Errors at their paths; the timeline says it does not play Managed Instances yet.
    let bad = mi(
        r#","instanceRequirements":{"allowedInstanceTypes":["zz.*"],"vcpu":{"min":8,"max":2}},"capacityOptionType":"reserved","targetCapacity":80"#,
        API,
    );
    assert_eq!(
        error_paths(&bad),
        [
            "capacityProviders[0].targetCapacity",
            "capacityProviders[0].capacityOptionType",
            "capacityProviders[0].instanceRequirements.vcpu.max",
            "capacityProviders[0].instanceRequirements.allowedInstanceTypes[0]",
        ]
    );
}

/// Each service's tasks are a group of waiting tasks with its own type (model.md section 9): a
/// memory-heavy service and a CPU-heavy one get different types, each the cheapest per task for
/// it alone; the groups share the instances, and the cost is each instance at its own price.
#[test]
fn managed_instances_pick_a_type_per_group() {
    let req =
        r#""instanceRequirements":{"allowedInstanceTypes":["m7g.*","c7g.*","r7g.*"]},"subnets":1"#;
    let mem = r#"{"name":"cache","cpu":512,"memory":14000,"desiredCount":6}"#;
    let cpu = r#"{"name":"render","cpu":3800,"memory":1500,"desiredCount":6}"#;
    let both = plan(&format!(
        r#"{{"services":[{mem},{cpu}],"capacityProviders":[{{"name":"mi","kind":"managed-instances",{req}}}]}}"#
    ));
    let o = provider(&both, "mi");
    let groups = o["instanceTypes"].as_array().unwrap();
    assert_eq!(groups.len(), 2, "{o}");
    let type_of = |svc: &str| -> String {
        groups
            .iter()
            .find(|g| g["service"] == svc)
            .map(|g| g["instanceType"].as_str().unwrap().to_string())
            .unwrap()
    };
    assert!(type_of("cache").starts_with("r7g."), "{o}");
    assert!(type_of("render").starts_with("c7g."), "{o}");
    // Each pick is the cheapest per task for its service placed alone, over every allowed type.
    // (None: the type cannot hold the service's task.)
    let alone = |svc: &str, t: &str| -> Option<f64> {
        let q = plan(&format!(
            r#"{{"services":[{svc}],"capacityProviders":[{{"name":"mi","kind":"managed-instances","instanceRequirements":{{"allowedInstanceTypes":["{t}"]}},"subnets":1}}]}}"#
        ));
        q["providers"][0]["monthly"].as_f64()
    };
    for (svc, name) in [(mem, "cache"), (cpu, "render")] {
        let picked = alone(svc, &type_of(name)).unwrap();
        let mut compared = 0;
        for t in [
            "m7g.large",
            "m7g.xlarge",
            "m7g.2xlarge",
            "c7g.xlarge",
            "c7g.2xlarge",
            "r7g.large",
            "r7g.xlarge",
        ] {
            if let Some(other) = alone(svc, t) {
                compared += 1;
                assert!(picked <= other + 1e-9, "{name}: {} vs {t}", type_of(name));
            }
        }
        assert!(compared >= 3, "{name}: {compared}");
        let g = groups.iter().find(|g| g["service"] == name).unwrap();
        assert!(
            (g["monthlyPerTask"].as_f64().unwrap() * 6.0 - picked).abs() < 1e-6,
            "{g}"
        );
    }
    // The instances hold both types; the cost is each at its own price and fee.
    let instances = o["placement"]["instances"].as_array().unwrap();
    let mut hourly = 0.0;
    for i in instances {
        let t = i["type"].as_str().unwrap();
        let price = ecs_capacity::model::catalog::find(t)
            .unwrap()
            .price_per_hour;
        hourly += price * 1.12;
    }
    assert!((o["hourly"].as_f64().unwrap() - hourly).abs() < 1e-9, "{o}");
    assert!(instances
        .iter()
        .any(|i| i["type"] == type_of("cache").as_str()));
    assert!(instances
        .iter()
        .any(|i| i["type"] == type_of("render").as_str()));
    assert_eq!(
        o["instancesNeeded"].as_u64().unwrap() as usize,
        instances.len()
    );
    assert!(
        o["explanation"]
            .as_str()
            .unwrap()
            .contains("each service's tasks get the type cheapest per task for them"),
        "{o}"
    );
}

/// Managed Instances in the timeline (issue 15 point 4): no CAS; it launches at once for waiting
/// tasks, consolidates idle and underused instances after scaleInAfter (their tasks start on the
/// others first), and its fee shows in the summary; no task lost.
#[test]
fn managed_instances_in_the_timeline() {
    let s = format!(
        r#"{{"services":[{API}],"capacityProviders":[{{"name":"mi","kind":"managed-instances","instanceRequirements":{{"allowedInstanceTypes":["m7g.large"]}},"subnets":1,"scaleInAfter":120}}]}}"#
    );
    let v: Value = serde_json::from_str(&simulate_json(&s, "{}")).unwrap();
    assert_eq!(v["ok"], true, "{v}");
    let pts = v["series"].as_array().unwrap();
    assert!(
        pts.iter()
            .all(|p| p["providers"][0]["reservation"].is_null()),
        "no CAS"
    );
    let ev: Vec<&str> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["message"].as_str().unwrap())
        .collect();
    assert!(
        ev.iter()
            .any(|e| e.contains("mi: ") && e.contains("Managed Instances launches")),
        "{ev:?}"
    );
    assert!(ev.iter().any(|e| e.contains("consolidation:")), "{ev:?}");
    let peak = pts
        .iter()
        .map(|p| p["instancesRunning"].as_u64().unwrap())
        .max()
        .unwrap();
    let last = pts.last().unwrap();
    assert!(
        last["instancesRunning"].as_u64().unwrap() < peak,
        "it scales in after the spike"
    );
    assert_eq!(
        last["instancesRunning"], last["instancesRegistered"],
        "nothing left draining"
    );
    for p in pts {
        let (r, w, d) = (
            p["tasksRunning"].as_u64().unwrap(),
            p["tasksWaiting"].as_u64().unwrap(),
            p["tasksDesired"].as_u64().unwrap(),
        );
        assert!(
            r + w <= d && (r + w == d || w >= 500),
            "minute {}: {r} + {w} vs {d}",
            p["minute"]
        );
    }
    let sum = &v["summary"]["providers"][0];
    // The fee: 12 % of m7g.large's $0.0816 an hour for every instance-hour.
    let fee = sum["fees"].as_f64().unwrap();
    assert!(
        (fee - sum["instanceHours"].as_f64().unwrap() * 0.0816 * 0.12).abs() < 1e-9,
        "{sum}"
    );
    assert!(sum["cost"].as_f64().unwrap() > fee);
}

/// The three ways to run the same services (issue 15 point 3): plan().cost.comparison has EC2,
/// Managed Instances and Fargate, each On-Demand and Spot, each derived; the cheapest named.
#[test]
fn three_way_comparison() {
    let p = plan(&format!(
        r#"{{"instanceType":"m6g.large","services":[{API}],"daemons":[{{"name":"log","cpu":64,"memory":128}}]}}"#
    ));
    let c = &p["cost"]["comparison"];
    let m = |k: &str| c[k].as_f64().unwrap();
    assert!((m("ec2Monthly") - p["cost"]["ec2Monthly"].as_f64().unwrap()).abs() < 1e-9);
    assert!((m("spotAsgMonthly") - 0.4 * m("ec2Monthly")).abs() < 1e-9);
    assert!((m("fargateSpotMonthly") - 0.35 * m("fargateMonthly")).abs() < 1e-9);
    assert!((m("fargateMonthly") - p["cost"]["fargateMonthly"].as_f64().unwrap()).abs() < 1e-9);
    // Managed Instances: the same figure as a managed-instances provider of AWS's defaults.
    let mi = plan(&format!(
        r#"{{"instanceType":"m6g.large","services":[{API}],"daemons":[{{"name":"log","cpu":64,"memory":128}}],"capacityProviders":[{{"name":"mi","kind":"managed-instances"}}]}}"#
    ));
    assert!(
        (m("managedInstancesMonthly") - provider(&mi, "mi")["monthly"].as_f64().unwrap()).abs()
            < 1e-9
    );
    assert!(m("managedInstancesSpotMonthly") < m("managedInstancesMonthly"));
    // The cheapest is the least of the six, and named with its assumptions.
    let ways = c["ways"].as_array().unwrap();
    assert_eq!(ways.len(), 6);
    let least = ways
        .iter()
        .filter_map(|w| {
            w["monthly"]
                .as_f64()
                .map(|x| (x, w["key"].as_str().unwrap()))
        })
        .fold((f64::MAX, ""), |b, x| if x.0 < b.0 { x } else { b });
    assert_eq!(c["cheapest"], least.1);
    assert!(p["explanations"]["cost.comparison.cheapest"]
        .as_str()
        .unwrap()
        .starts_with("Cheapest: "));
    assert!(p["explanations"]["cost.comparison"]
        .as_str()
        .unwrap()
        .contains("a 12 % fee"));
    // With providers, the comparison is of all the tasks, whatever the providers.
    let with = plan(&format!(
        r#"{{"instanceType":"m6g.large","services":[{API}],"daemons":[{{"name":"log","cpu":64,"memory":128}}],"capacityProviders":[{{"name":"FARGATE","kind":"fargate"}}]}}"#
    ));
    assert_eq!(with["cost"]["comparison"]["ec2Monthly"], c["ec2Monthly"]);
    // Past 100,000 tasks Managed Instances is not compared, and the derivation says so.
    let big = plan(
        r#"{"instanceType":"m6g.large","services":[{"name":"api","cpu":256,"memory":512,"desiredCount":200000}]}"#,
    );
    assert!(big["cost"]["comparison"]["managedInstancesMonthly"].is_null());
    assert!(big["explanations"]["cost.comparison"]
        .as_str()
        .unwrap()
        .contains("not compared past 100,000 tasks"));
}

/// In the timeline too each service's waiting tasks launch their own group's type, and each
/// instance-hour pays its own type's price and fee.
#[test]
fn managed_instances_launch_a_type_per_group_in_the_timeline() {
    let s = r#"{"services":[{"name":"cache","cpu":512,"memory":14000,"desiredCount":6},{"name":"render","cpu":3800,"memory":1500,"desiredCount":6}],"capacityProviders":[{"name":"mi","kind":"managed-instances","instanceRequirements":{"allowedInstanceTypes":["m7g.*","c7g.*","r7g.*"]},"subnets":1,"scaleInAfter":-1}]}"#;
    let plan = plan(s);
    let groups = plan["providers"][0]["instanceTypes"]
        .as_array()
        .unwrap()
        .clone();
    let (cache, render) = (
        groups[0]["instanceType"].as_str().unwrap().to_string(),
        groups[1]["instanceType"].as_str().unwrap().to_string(),
    );
    assert_ne!(cache, render);
    let run = r#"{"durationMinutes":30,"load":{"points":[[0,0]]},"startInstances":0}"#;
    let v: Value = serde_json::from_str(&simulate_json(s, run)).unwrap();
    assert_eq!(v["ok"], true, "{v}");
    let launches: Vec<&str> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["message"].as_str())
        .filter(|m| m.contains("Managed Instances launches"))
        .collect();
    assert!(
        launches
            .iter()
            .any(|m| m.contains(&format!("x {cache}")) && m.contains(&format!("x {render}"))),
        "{launches:?}"
    );
    let last = v["series"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["tasksRunning"], 12, "{last}");
    // The fees: each type's 12 % of its own price, over the run's instance-hours by type (every
    // instance runs from its registration to the end: no scale-in here).
    let sum = &v["summary"]["providers"][0];
    let price = |t: &str| {
        ecs_capacity::model::catalog::find(t)
            .unwrap()
            .price_per_hour
    };
    let fee = sum["fees"].as_f64().unwrap();
    let hours = sum["instanceHours"].as_f64().unwrap();
    let (lo, hi) = (
        price(&cache).min(price(&render)),
        price(&cache).max(price(&render)),
    );
    assert!(
        fee > hours * lo * 0.12 - 1e-9 && fee < hours * hi * 0.12 + 1e-9,
        "{sum}"
    );
    assert_eq!(
        plan["providers"][0]["instancesNeeded"], last["instancesRunning"],
        "{last}"
    );
}

/// The comparison's Managed Instances is the scenario's own provider when it has one (its
/// requirements, subnets and fees), not AWS's defaults (the new-user review found it priced
/// types the provider excludes).
#[test]
fn comparison_uses_the_configured_managed_instances() {
    let s = format!(
        r#"{{"services":[{API}],"capacityProviders":[{{"name":"mi","kind":"managed-instances","instanceRequirements":{{"allowedInstanceTypes":["m7g.*","c7g.*"],"vcpu":{{"min":4,"max":8}}}},"subnets":2,"managementFeePercent":15}}]}}"#
    );
    let p = plan(&s);
    let o = provider(&p, "mi");
    let c = &p["cost"]["comparison"];
    assert!(
        (c["managedInstancesMonthly"].as_f64().unwrap() - o["monthly"].as_f64().unwrap()).abs()
            < 1e-9,
        "{c} vs {o}"
    );
    let t = o["instanceType"].as_str().unwrap();
    assert!(t.starts_with("m7g.") || t.starts_with("c7g."), "{t}");
    let words = p["explanations"]["cost.comparison"].as_str().unwrap();
    assert!(words.contains("as your provider mi has it"), "{words}");
    // Its Spot row: the same instances, each at 60 % off its price, the 15 % fee in full.
    let mut hourly = 0.0;
    for i in o["placement"]["instances"].as_array().unwrap() {
        let price = ecs_capacity::model::catalog::find(i["type"].as_str().unwrap())
            .unwrap()
            .price_per_hour;
        hourly += price * 0.4 + price * 0.15;
    }
    assert!(
        (c["managedInstancesSpotMonthly"].as_f64().unwrap() - hourly * 730.0).abs() < 1e-6,
        "{c}"
    );
}

/// From the adversarial review: Spot rows start from list prices (a Savings Plan never covers
/// Spot); a way past the plan's cap of instances is not compared; Managed Instances' tasks past
/// the cap are said, not silently left out of its cost.
#[test]
fn comparison_and_caps_from_the_adversarial_review() {
    let p = plan(&format!(
        r#"{{"services":[{API}],"commitmentDiscount":30}}"#
    ));
    let c = &p["cost"]["comparison"];
    let f = |k: &str| c[k].as_f64().unwrap();
    assert!(
        (f("spotAsgMonthly") - f("ec2Monthly") / 0.7 * 0.4).abs() < 1e-6,
        "{c}"
    );
    assert!(
        (f("fargateSpotMonthly") - f("fargateMonthly") / 0.7 * 0.35).abs() < 1e-6,
        "{c}"
    );
    let capped = plan(
        r#"{"instanceType":"t4g.medium","services":[{"name":"api","cpu":1024,"memory":2048,"desiredCount":30000}]}"#,
    );
    let c = &capped["cost"]["comparison"];
    let way = |k: &str| {
        c["ways"]
            .as_array()
            .unwrap()
            .iter()
            .find(|w| w["key"] == k)
            .unwrap()
            .clone()
    };
    assert!(way("ec2")["monthly"].is_null(), "{c}");
    assert!(way("ec2-spot")["monthly"].is_null(), "{c}");
    assert!(
        way("ec2")["runsOn"]
            .as_str()
            .unwrap()
            .contains("not compared"),
        "{c}"
    );
    assert!(!c["cheapest"].as_str().unwrap().starts_with("ec2"), "{c}");
    let services: Vec<String> = (0..100)
        .map(|i| format!(r#"{{"name":"s{i}","cpu":1024,"memory":2048,"desiredCount":1000}}"#))
        .collect();
    let mi = plan(&format!(
        r#"{{"services":[{}],"capacityProviders":[{{"name":"mi","kind":"managed-instances","instanceRequirements":{{"allowedInstanceTypes":["m7g.large"]}}}}]}}"#,
        services.join(",")
    ));
    let warned = mi["warnings"].as_array().unwrap().iter().any(|w| {
        w["code"] == "not-placed"
            && w["message"]
                .as_str()
                .unwrap()
                .contains("on capacity provider mi")
    });
    assert!(warned, "{}", mi["warnings"]);
}

/// A Spot Managed Instances provider's consolidations are logged as consolidations, not as
/// Spot interruptions (the adversarial review saw one "interrupted" ten minutes before the
/// interruption).
#[test]
fn managed_spot_consolidation_is_not_an_interruption() {
    let s = format!(
        r#"{{"services":[{API}],"capacityProviders":[{{"name":"mi","kind":"managed-instances","instanceRequirements":{{"allowedInstanceTypes":["m7g.large"]}},"subnets":1,"scaleInAfter":120,"capacityOptionType":"spot"}}]}}"#
    );
    let run = r#"{"settings":{"spotInterruptions":[{"minute":60,"provider":"mi","share":1}]}}"#;
    let v: Value = serde_json::from_str(&simulate_json(&s, run)).unwrap();
    assert_eq!(v["ok"], true, "{v}");
    let events: Vec<(u64, String)> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["minute"].as_f64().unwrap_or(0.0) as u64,
                e["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        events
            .iter()
            .any(|(_, m)| m.contains("consolidated instance(s) gone")),
        "{events:?}"
    );
    for (minute, m) in &events {
        if m.contains("interrupted instance(s) gone") {
            assert!(*minute >= 62, "{minute}: {m}");
        }
    }
    assert!(
        events
            .iter()
            .any(|(_, m)| m.contains("interrupted instance(s) gone")),
        "{events:?}"
    );
}

/// Errors that name the real cause (the adversarial review): requirements that allow no type
/// at all are refused at the requirements; a service past the cap of instances says the cap.
#[test]
fn managed_errors_name_the_cause() {
    let none = plan(&format!(
        r#"{{"services":[{API}],"capacityProviders":[{{"name":"mi","kind":"managed-instances","instanceRequirements":{{"allowedInstanceTypes":["m7g.*"],"arch":"x86_64"}}}}]}}"#
    ));
    assert_eq!(
        error_paths(&none),
        ["capacityProviders[0].instanceRequirements"]
    );
    let many = plan(
        r#"{"services":[{"name":"api","cpu":1024,"memory":2048,"desiredCount":100000}],"capacityProviders":[{"name":"mi","kind":"managed-instances","instanceRequirements":{"allowedInstanceTypes":["m7g.large"]}}]}"#,
    );
    let message = many["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("need more than 10,000 instances"),
        "{message}"
    );
    let fraction = plan(&format!(
        r#"{{"services":[{API}],"capacityProviders":[{{"name":"mi","kind":"managed-instances","instanceRequirements":{{"vcpu":{{"min":2.5}}}}}}]}}"#
    ));
    assert_eq!(
        error_paths(&fraction),
        ["capacityProviders[0].instanceRequirements.vcpu.min"]
    );
}
