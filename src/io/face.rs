//! The JSON-text faces of the API (api.md): `plan`, `simulate` and `recommend` take and give JSON
//! text, and never fail: bad data comes back as `{ ok: false, errors }`. The wasm face (`api`) and
//! the tests call these.

use serde::Serialize;

use super::json::{self, Obj};
use super::read::{run_from_value, scenario_from_text};
use crate::model::capacity;
use crate::model::catalog::Arch;
use crate::model::compare::plan_compared;
use crate::model::recommend::{recommend, Options, Recommendation};
use crate::model::sim::simulate;
use crate::model::validate::{self, FieldError};

/// `{ ok: false, errors }`, the API's answer to bad data, as JSON text.
pub fn errors_json(errors: &[FieldError]) -> String {
    #[derive(Serialize)]
    struct Invalid<'a> {
        ok: bool,
        errors: &'a [FieldError],
    }
    serde_json::to_string(&Invalid { ok: false, errors }).unwrap_or_else(|_| {
        r#"{"ok":false,"errors":[{"path":"","message":"internal error"}]}"#.into()
    })
}

/// The API's face: scenario JSON text in, result JSON text out, `{ ok: false, errors }` on bad data.
pub fn plan_json(text: &str) -> String {
    let result = scenario_from_text(text).and_then(|i| plan_compared(&i));
    match result {
        Ok(p) => serde_json::to_string(&p),
        Err(errors) => Ok(errors_json(&errors)),
    }
    .unwrap_or_else(|e| {
        format!(r#"{{"ok":false,"errors":[{{"path":"","message":"internal error: {e}"}}]}}"#)
    })
}

/// `{ ok: true, scenario, notes }` (api.md's `decode` and `importAws`).
pub fn with_scenario(scenario: &crate::model::scenario::ScenarioInput, notes: &[String]) -> String {
    format!(
        "{{\"ok\":true,\"scenario\":{},\"notes\":{}}}",
        json::input_json(scenario),
        serde_json::to_string(notes).unwrap_or_else(|_| "[]".into())
    )
}

/// The API's face of the import (api.md `importAws`): the text read over the scenario JSON text
/// (`null`: a new scenario); `{ ok: true, scenario, notes }` or `{ ok: false, errors }`.
pub fn import_aws_json(text: &str, scenario: &str) -> String {
    let current = match json::parse(scenario) {
        Ok(v) if v.is_null() => Ok(Default::default()),
        Ok(v) => super::read::scenario_from_value(&v),
        Err(e) => Err(e),
    };
    let result = current
        .map_err(|e| {
            e.into_iter()
                .map(|x| FieldError::new(json::join("scenario", &x.path), x.message))
                .collect::<Vec<_>>()
        })
        .and_then(|c| super::import::import(text, &c));
    match result {
        Ok(i) => with_scenario(&i.scenario, &i.notes),
        Err(errors) => errors_json(&errors),
    }
}

/// The API's face: scenario and options JSON text in; `{ ok: true, ranked: [...] }` or
/// `{ ok: false, errors }` out. Options: `{ arch: "arm64" | "x86_64", families: ["m6g", ...] }`.
pub fn recommend_json(scenario: &str, options: &str) -> String {
    #[derive(Serialize)]
    struct Ranked {
        ok: bool,
        ranked: Vec<Recommendation>,
    }
    let result = (|| {
        let (s, _) = validate::validate(&scenario_from_text(scenario)?)?;
        crate::model::providers::not_yet(&s, "recommend()")?;
        let v = json::parse(options).map_err(|e| {
            e.into_iter()
                .map(|x| FieldError::new("options", x.message))
                .collect::<Vec<_>>()
        })?;
        let mut errors = Vec::new();
        let mut opts = Options::default();
        if !v.is_null() {
            if let Some(mut o) = Obj::new(&v, "options", &mut errors) {
                o.deny_unknown(&[
                    "arch",
                    "families",
                    "generations",
                    "minVcpu",
                    "minMemoryMiB",
                    "makers",
                    "trunkFromAwsOnly",
                ]);
                opts.arch = match o.string("arch").as_deref() {
                    None => None,
                    Some("arm64") => Some(Arch::Arm64),
                    Some("x86_64") => Some(Arch::X86_64),
                    Some(other) => {
                        o.errors().push(FieldError::new(
                            "options.arch",
                            format!("unknown architecture \"{other}\": use arm64 or x86_64"),
                        ));
                        None
                    }
                };
                opts.families = o.strings("families").unwrap_or_default();
                for (key, max) in [("minVcpu", 1024.0), ("minMemoryMiB", 16_777_216.0)] {
                    match o.num(key) {
                        None => {}
                        Some(x) if x.fract() == 0.0 && (0.0..=max).contains(&x) => {
                            if key == "minVcpu" {
                                opts.min_vcpu = x as u32;
                            } else {
                                opts.min_memory_mib = x as u64;
                            }
                        }
                        Some(_) => o.errors().push(FieldError::new(
                            format!("options.{key}"),
                            format!(
                                "a whole number from 0 to {}",
                                crate::model::units::thousands(max as u64)
                            ),
                        )),
                    }
                }
                for (i, m) in o.strings("makers").unwrap_or_default().iter().enumerate() {
                    match crate::model::catalog::Maker::parse(m) {
                        Some(m) => opts.makers.push(m),
                        None => o.errors().push(FieldError::new(
                            format!("options.makers[{i}]"),
                            "a CPU maker: aws, intel or amd",
                        )),
                    }
                }
                opts.trunk_from_aws_only = o.boolean("trunkFromAwsOnly").unwrap_or(false);
                let path = o.path("generations");
                for (i, g) in o.list("generations").into_iter().flatten().enumerate() {
                    match g.as_u64().filter(|&g| g < 100) {
                        Some(g) => opts.generations.push(g as u32),
                        None => o.errors().push(FieldError::new(
                            format!("{path}[{i}]"),
                            "expected a generation number, e.g. 6 for m6g",
                        )),
                    }
                }
            }
        }
        if errors.is_empty() {
            Ok(recommend(&s, &opts))
        } else {
            Err(errors)
        }
    })();
    match result {
        Ok(ranked) => serde_json::to_string(&Ranked { ok: true, ranked }).unwrap_or_default(),
        Err(errors) => errors_json(&errors),
    }
}

/// The API's face: scenario and run JSON text in, timeline JSON text out; `{ ok: false, errors }` on
/// bad data (run errors have paths under "run.").
pub fn simulate_json(scenario: &str, run: &str) -> String {
    let result = (|| {
        let input = scenario_from_text(scenario)?;
        let (s, _) = validate::validate(&input)?;
        crate::model::providers::timeline_check(&s)?;
        let offers = capacity::offers(&s)?;
        // Refused before it is read: a run of more than 1 MB of JSON is no run a page sends (at
        // most 100 Spot events of each kind), and reading it would block.
        if run.len() > 1_000_000 {
            return Err(vec![FieldError::new(
                "run",
                "more than 1 MB of JSON: a run has a few settings and at most 100 Spot events of each kind",
            )]);
        }
        let run_v = json::parse(run).map_err(|e| {
            e.into_iter()
                .map(|x| FieldError::new("run", x.message))
                .collect::<Vec<_>>()
        })?;
        let run = run_from_value(&run_v, &s)?;
        Ok::<_, Vec<FieldError>>(simulate(&s, &offers, &run))
    })();
    match result {
        Ok(t) => serde_json::to_string(&t),
        Err(errors) => Ok(errors_json(&errors)),
    }
    .unwrap_or_else(|e| {
        format!(r#"{{"ok":false,"errors":[{{"path":"","message":"internal error: {e}"}}]}}"#)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const API: &str = r#"{"services":[{"name":"api","cpu":256,"memory":512,"desiredCount":100}],"daemons":[{"cpu":64,"memory":128}]}"#;

    /// plan_json never throws: bad JSON and bad values come back as ok:false with errors.
    #[test]
    fn plan_json_returns_errors_as_data() {
        for bad in [
            "",
            "null",
            "[]",
            "{",
            r#"{"services":[{"memory":-1}]}"#,
            r#"{"servics":[]}"#,
        ] {
            let v: serde_json::Value = serde_json::from_str(&plan_json(bad)).unwrap();
            assert_eq!(v["ok"], false, "{bad}");
            assert!(
                v["errors"][0]["message"]
                    .as_str()
                    .is_some_and(|m| !m.is_empty()),
                "{bad}"
            );
        }
        let v: serde_json::Value =
            serde_json::from_str(&plan_json(r#"{"services":[{"memory":512}]}"#)).unwrap();
        assert_eq!(v["ok"], true);
        assert_eq!(v["placement"]["instances"][0]["az"], "a");
        // api.md's additions: the best order's count beside instancesNeeded, and the order.
        assert_eq!(v["instancesNeededBestOrder"], v["instancesNeeded"]);
        assert_eq!(v["bestOrder"][0], "service-1");
        assert_eq!(v["services"][0]["limitedBy"], "memory");
    }

    /// Options filter by family; bad options are errors with paths; the JSON face never throws.
    #[test]
    fn options_and_errors() {
        let v: serde_json::Value = serde_json::from_str(&recommend_json(
            r#"{"services":[{"memory":512}]}"#,
            r#"{"families":["m6g","t4g"]}"#,
        ))
        .unwrap();
        assert_eq!(v["ok"], true);
        assert!(v["ranked"]
            .as_array()
            .unwrap()
            .iter()
            .all(|x| x["instanceType"].as_str().unwrap().starts_with(['m', 't'])));
        // 5 m6g sizes and 6 t4g sizes.
        assert_eq!(v["ranked"].as_array().unwrap().len(), 11);
        let v: serde_json::Value = serde_json::from_str(&recommend_json(
            r#"{"services":[{"memory":512}]}"#,
            r#"{"arch":"sparc"}"#,
        ))
        .unwrap();
        assert_eq!(v["errors"][0]["path"], "options.arch");
        let v: serde_json::Value = serde_json::from_str(&recommend_json(
            r#"{"services":[{"memory":512}]}"#,
            r#"{"generations":[7, "x"]}"#,
        ))
        .unwrap();
        assert_eq!(v["errors"][0]["path"], "options.generations[1]");
        // The refreshed catalog's options: Graviton with at least 16 vCPU and 64 GiB, and AWS's
        // trunk limits only (the 8g family's are inferred).
        let v: serde_json::Value = serde_json::from_str(&recommend_json(
            r#"{"services":[{"memory":512}]}"#,
            r#"{"minVcpu":16,"minMemoryMiB":65536,"makers":["aws"],"trunkFromAwsOnly":true}"#,
        ))
        .unwrap();
        let names: Vec<&str> = v["ranked"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["instanceType"].as_str().unwrap())
            .collect();
        assert!(
            names.contains(&"m7g.4xlarge") && names.contains(&"r6g.4xlarge"),
            "{names:?}"
        );
        assert!(!names.iter().any(|n| n.contains("8g.")), "{names:?}");
        assert!(v["ranked"]
            .as_array()
            .unwrap()
            .iter()
            .all(|x| x["vcpu"].as_u64().unwrap() >= 16
                && x["memoryMiB"].as_u64().unwrap() >= 65536
                && x["maker"] == "aws"
                && x["trunkSource"] != "inferred"));
        let v: serde_json::Value = serde_json::from_str(&recommend_json(
            r#"{"services":[{"memory":512}]}"#,
            r#"{"minVcpu":1.5,"makers":["arm"]}"#,
        ))
        .unwrap();
        let paths: Vec<&str> = v["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["path"].as_str().unwrap())
            .collect();
        assert_eq!(paths, ["options.minVcpu", "options.makers[0]"]);
    }

    /// Bad runs come back as errors with run paths; the API never throws.
    #[test]
    fn bad_runs_are_errors() {
        for (run, path) in [
            (r#"{"durationMinutes":20000}"#, "run.durationMinutes"),
            (r#"{"load":{"preset":"weekly"}}"#, "run.load.preset"),
            (r#"{"load":{"points":[[0,1],[5]]}}"#, "run.load.points[1]"),
            (r#"{"speed":2}"#, "run.speed"),
            ("[", "run"),
        ] {
            let v: serde_json::Value = serde_json::from_str(&simulate_json(API, run)).unwrap();
            assert_eq!(v["ok"], false, "{run}");
            assert_eq!(v["errors"][0]["path"], path, "{run}");
        }
    }
}
