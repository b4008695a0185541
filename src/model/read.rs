//! Reads a scenario from JSON (api.md "Scenario") into [`ScenarioInput`], every problem named by its
//! path. An unknown field is an error that names it.

use serde_json::Value;

use super::json::{self, Obj};
use super::scenario::*;
use super::validate::FieldError;

/// Scenario JSON text to input; errors carry JSON paths.
pub fn scenario_from_text(text: &str) -> Result<ScenarioInput, Vec<FieldError>> {
    scenario_from_value(&json::parse(text)?)
}

/// A scenario JSON value to input.
pub fn scenario_from_value(v: &Value) -> Result<ScenarioInput, Vec<FieldError>> {
    let mut errors = Vec::new();
    let input = match Obj::new(v, "", &mut errors) {
        None => ScenarioInput::default(),
        Some(mut o) => {
            o.deny_unknown(&[
                "instanceType",
                "instanceTypes",
                "instance",
                "memoryModel",
                "registeredMemoryMiB",
                "ecsReservedMemoryMiB",
                "eniTrunking",
                "services",
                "daemons",
                "placementStrategy",
                "availabilityZones",
                "randomSeed",
                "runningInstances",
                "capacityProvider",
                "asg",
                "settings",
                "demand",
            ]);
            ScenarioInput {
                instance_type: o.string("instanceType"),
                instance_types: o.strings("instanceTypes"),
                instance: o
                    .get("instance")
                    .and_then(|v| custom(v, &o.path("instance"), o.errors())),
                memory_model: o.string("memoryModel"),
                registered_memory_mib: number_or_map(&mut o, "registeredMemoryMiB"),
                ecs_reserved_memory_mib: o.num("ecsReservedMemoryMiB"),
                eni_trunking: o.boolean("eniTrunking"),
                services: list(&mut o, "services", service),
                daemons: list(&mut o, "daemons", daemon),
                placement_strategy: o.string("placementStrategy"),
                availability_zones: o.num("availabilityZones"),
                random_seed: o.num("randomSeed"),
                running_instances: number_or_map(&mut o, "runningInstances"),
                capacity_provider: o
                    .get("capacityProvider")
                    .and_then(|v| capacity_provider(v, &o.path("capacityProvider"), o.errors())),
                asg: o
                    .get("asg")
                    .and_then(|v| asg(v, &o.path("asg"), o.errors())),
                settings: o
                    .get("settings")
                    .and_then(|v| settings(v, &o.path("settings"), o.errors())),
                demand: o
                    .get("demand")
                    .and_then(|v| demand(v, &o.path("demand"), o.errors())),
            }
        }
    };
    if errors.is_empty() {
        Ok(input)
    } else {
        Err(errors)
    }
}

fn list<T>(
    o: &mut Obj<'_>,
    key: &str,
    item: fn(&Value, &str, &mut Vec<FieldError>) -> Option<T>,
) -> Option<Vec<T>> {
    let path = o.path(key);
    let values = o.list(key)?;
    let mut out = Vec::with_capacity(values.len());
    for (i, v) in values.iter().enumerate() {
        if let Some(x) = item(v, &format!("{path}[{i}]"), o.errors()) {
            out.push(x);
        }
    }
    Some(out)
}

fn number_or_map(o: &mut Obj<'_>, key: &str) -> Option<NumberOrMap> {
    let v = o.get(key)?;
    let path = o.path(key);
    match v {
        Value::Number(n) => n.as_f64().map(NumberOrMap::Number),
        Value::Object(m) => {
            let mut out = std::collections::BTreeMap::new();
            for (k, x) in m {
                match x.as_f64() {
                    Some(f) => {
                        out.insert(k.clone(), f);
                    }
                    None => o.errors().push(FieldError::new(
                        json::join(&path, k),
                        format!("expected a number, got {}", json::kind(x)),
                    )),
                }
            }
            Some(NumberOrMap::Map(out))
        }
        other => {
            o.errors().push(FieldError::new(
                path,
                format!(
                    "expected a number, or an object of instance type name to number; got {}",
                    json::kind(other)
                ),
            ));
            None
        }
    }
}

fn custom(v: &Value, path: &str, errors: &mut Vec<FieldError>) -> Option<CustomInstanceInput> {
    let mut o = Obj::new(v, path, errors)?;
    o.deny_unknown(&[
        "vcpu",
        "memoryMiB",
        "maxEnis",
        "trunkTaskLimit",
        "pricePerHour",
    ]);
    Some(CustomInstanceInput {
        vcpu: o.num("vcpu"),
        memory_mib: o.num("memoryMiB"),
        max_enis: o.num("maxEnis"),
        trunk_task_limit: o.num("trunkTaskLimit"),
        price_per_hour: o.num("pricePerHour"),
    })
}

fn service(v: &Value, path: &str, errors: &mut Vec<FieldError>) -> Option<ServiceInput> {
    let mut o = Obj::new(v, path, errors)?;
    o.deny_unknown(&[
        "name",
        "cpu",
        "memory",
        "memoryReservation",
        "desiredCount",
        "networkMode",
        "hostPort",
        "distinctInstance",
    ]);
    Some(ServiceInput {
        name: o.string("name"),
        cpu: o.num("cpu"),
        memory: o.num("memory"),
        memory_reservation: o.num("memoryReservation"),
        desired_count: o.num("desiredCount"),
        network_mode: o.string("networkMode"),
        host_port: o.num("hostPort"),
        distinct_instance: o.boolean("distinctInstance"),
    })
}

fn daemon(v: &Value, path: &str, errors: &mut Vec<FieldError>) -> Option<DaemonInput> {
    let mut o = Obj::new(v, path, errors)?;
    o.deny_unknown(&[
        "name",
        "cpu",
        "memory",
        "memoryReservation",
        "networkMode",
        "hostPort",
    ]);
    Some(DaemonInput {
        name: o.string("name"),
        cpu: o.num("cpu"),
        memory: o.num("memory"),
        memory_reservation: o.num("memoryReservation"),
        network_mode: o.string("networkMode"),
        host_port: o.num("hostPort"),
    })
}

fn capacity_provider(
    v: &Value,
    path: &str,
    errors: &mut Vec<FieldError>,
) -> Option<CapacityProviderInput> {
    let mut o = Obj::new(v, path, errors)?;
    o.deny_unknown(&[
        "targetCapacity",
        "minimumScalingStepSize",
        "maximumScalingStepSize",
        "instanceWarmupPeriod",
    ]);
    Some(CapacityProviderInput {
        target_capacity: o.num("targetCapacity"),
        minimum_scaling_step_size: o.num("minimumScalingStepSize"),
        maximum_scaling_step_size: o.num("maximumScalingStepSize"),
        instance_warmup_period: o.num("instanceWarmupPeriod"),
    })
}

fn asg(v: &Value, path: &str, errors: &mut Vec<FieldError>) -> Option<AsgInput> {
    let mut o = Obj::new(v, path, errors)?;
    o.deny_unknown(&["minSize", "maxSize"]);
    Some(AsgInput {
        min_size: o.num("minSize"),
        max_size: o.num("maxSize"),
    })
}

fn settings(v: &Value, path: &str, errors: &mut Vec<FieldError>) -> Option<SettingsInput> {
    let mut o = Obj::new(v, path, errors)?;
    o.deny_unknown(&[
        "casSizing",
        "provisioningQuota",
        "launchSeconds",
        "maximumPercent",
    ]);
    Some(SettingsInput {
        cas_sizing: o.string("casSizing"),
        provisioning_quota: o.num("provisioningQuota"),
        launch_seconds: o.num("launchSeconds"),
        maximum_percent: o.num("maximumPercent"),
    })
}

fn demand(v: &Value, path: &str, errors: &mut Vec<FieldError>) -> Option<DemandInput> {
    let mut o = Obj::new(v, path, errors)?;
    o.deny_unknown(&[
        "concurrentUsers",
        "callsPerUser",
        "requestsPerSecond",
        "latencyMs",
        "callsPerTask",
        "cpuTarget",
    ]);
    Some(DemandInput {
        concurrent_users: o.num("concurrentUsers"),
        calls_per_user: o.num("callsPerUser"),
        requests_per_second: o.num("requestsPerSecond"),
        latency_ms: o.num("latencyMs"),
        calls_per_task: o.num("callsPerTask"),
        cpu_target: o.num("cpuTarget"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field of api.md's scenario example reads.
    #[test]
    fn reads_the_api_example() {
        let s = scenario_from_text(
            r#"{"instanceType":"t4g.medium","memoryModel":"registered","registeredMemoryMiB":{"t4g.medium":3800},
            "ecsReservedMemoryMiB":0,"eniTrunking":false,
            "services":[{"name":"api","cpu":256,"memory":512,"memoryReservation":null,"desiredCount":100,
                "networkMode":"bridge","hostPort":null,"distinctInstance":false}],
            "daemons":[{"name":"log-router","cpu":64,"memory":128,"networkMode":"bridge"}],
            "placementStrategy":"binpack-memory","availabilityZones":1,"randomSeed":1,"runningInstances":0,
            "capacityProvider":{"targetCapacity":100,"minimumScalingStepSize":1,"maximumScalingStepSize":10000,"instanceWarmupPeriod":300},
            "asg":{"minSize":0,"maxSize":10000},
            "settings":{"casSizing":"nominal","provisioningQuota":500,"launchSeconds":120,"maximumPercent":200},
            "demand":{"concurrentUsers":100,"callsPerUser":10,"latencyMs":500,"callsPerTask":10,"cpuTarget":50}}"#,
        )
        .unwrap();
        assert_eq!(s.services.as_ref().unwrap()[0].cpu, Some(256.0));
        assert_eq!(
            s.registered_memory_mib,
            Some(NumberOrMap::Map(
                [("t4g.medium".to_string(), 3800.0)].into()
            ))
        );
        assert_eq!(
            s.capacity_provider.unwrap().instance_warmup_period,
            Some(300.0)
        );
        assert_eq!(s.demand.unwrap().latency_ms, Some(500.0));
    }

    /// A nested unknown field is named with its full path; every problem is reported, not the first.
    #[test]
    fn reports_every_problem_with_its_path() {
        let e = scenario_from_text(
            r#"{"services":[{"cpu":"lots","memroy":1}],"asg":{"max":3},"eniTrunking":"yes"}"#,
        )
        .unwrap_err();
        let paths: Vec<&str> = e.iter().map(|x| x.path.as_str()).collect();
        assert!(paths.contains(&"services[0].cpu"));
        assert!(paths.contains(&"services[0].memroy"));
        assert!(paths.contains(&"asg.max"));
        assert!(paths.contains(&"eniTrunking"));
    }
}
