//! Terraform and CloudFormation import (issue 16): each fixture read field by field, what does
//! not map noted with its path, functions and parameters, errors that apply nothing, and
//! mutated documents that never panic.

use ecs_capacity::io::import::{import, import_onto};
use ecs_capacity::io::read::scenario_from_text;
use ecs_capacity::model::scenario::{NumberOrMap, ProviderInput, ScenarioInput, ServiceInput};

const PLAN: &str = include_str!("fixtures/iac/terraform-plan.json");
const STATE: &str = include_str!("fixtures/iac/terraform-state.json");
const CDK: &str = include_str!("fixtures/iac/cdk.template.json");
const MANAGED: &str = include_str!("fixtures/iac/cloudformation-managed.json");

fn read(src: &str) -> (ScenarioInput, Vec<String>) {
    let i = import(src, &ScenarioInput::default()).unwrap_or_else(|e| panic!("{e:?}"));
    (i.scenario, i.notes)
}

fn service<'a>(s: &'a ScenarioInput, name: &str) -> &'a ServiceInput {
    s.services
        .iter()
        .flatten()
        .find(|x| x.name.as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no service {name} in {s:?}"))
}

fn provider<'a>(s: &'a ScenarioInput, name: &str) -> &'a ProviderInput {
    s.capacity_providers
        .iter()
        .flatten()
        .find(|x| x.name.as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no provider {name} in {s:?}"))
}

fn has(notes: &[String], part: &str) -> bool {
    notes.iter().any(|n| n.contains(part))
}

/// `terraform show -json plan.out`: resources inside a module, values not known until apply
/// followed through the plan's configuration (the group's launch template), the group found
/// for a provider whose ARN comes through a module variable.
#[test]
fn terraform_plan_field_by_field() {
    let (s, notes) = read(PLAN);
    let api = service(&s, "api");
    assert_eq!(
        (api.cpu, api.memory, api.desired_count),
        (Some(512.0), Some(1024.0), Some(6.0))
    );
    assert_eq!(api.network_mode.as_deref(), Some("awsvpc"));
    let strategy = api.capacity_provider_strategy.as_ref().unwrap();
    assert_eq!(strategy[0].capacity_provider.as_deref(), Some("ec2-arm"));
    let worker = service(&s, "worker");
    assert_eq!((worker.cpu, worker.memory), (Some(1024.0), Some(2048.0)));
    let w: Vec<_> = worker
        .capacity_provider_strategy
        .iter()
        .flatten()
        .map(|x| (x.capacity_provider.clone().unwrap(), x.base, x.weight))
        .collect();
    assert_eq!(
        w,
        [
            ("FARGATE".to_string(), Some(1.0), Some(1.0)),
            ("FARGATE_SPOT".to_string(), Some(0.0), Some(3.0))
        ]
    );
    // The DAEMON service is a daemon sized by its task definition's container.
    let d = &s.daemons.as_ref().unwrap()[0];
    assert_eq!(
        (d.name.as_deref(), d.cpu, d.memory),
        (Some("log-router"), Some(64.0), Some(128.0))
    );
    assert_eq!(
        s.services.as_ref().unwrap().len(),
        2,
        "the unused task definition is left out"
    );
    assert!(has(
        &notes,
        "task definition nightly-report: no service here runs it, so it is left out"
    ));
    assert_eq!(s.placement_strategy.as_deref(), Some("spread-az"));
    let ec2 = provider(&s, "ec2-arm");
    assert_eq!(ec2.kind.as_deref(), Some("asg"));
    assert_eq!(ec2.instance_type.as_deref(), Some("m6g.large"));
    assert_eq!(
        (
            ec2.target_capacity,
            ec2.minimum_scaling_step_size,
            ec2.maximum_scaling_step_size,
            ec2.instance_warmup_period
        ),
        (Some(90.0), Some(1.0), Some(10.0), Some(300.0))
    );
    let asg = ec2.asg.as_ref().unwrap();
    assert_eq!((asg.min_size, asg.max_size), (Some(0.0), Some(20.0)));
    assert_eq!(ec2.running_instances, Some(NumberOrMap::Number(3.0)));
    assert_eq!(ec2.managed_termination_protection, Some(true));
    assert_eq!(provider(&s, "FARGATE").kind.as_deref(), Some("fargate"));
    assert_eq!(
        provider(&s, "FARGATE_SPOT").kind.as_deref(),
        Some("fargate-spot")
    );
    let default = s.default_strategy.as_ref().unwrap();
    assert_eq!(default[0].capacity_provider.as_deref(), Some("ec2-arm"));
    assert_eq!(default[0].base, Some(1.0));
    // What the model does not use, noted at its path in the plan.
    assert!(has(
        &notes,
        "planned_values.root_module.child_modules[0].resources[6].values.placement_constraints[0]: service api's memberOf constraint is not modelled"
    ));
    // The result plans.
    let p = ecs_capacity::model::compare::plan_compared(&s).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(p.instances_needed > 0);
}

/// `terraform show -json` of a state: links by value (ARNs, launch template IDs), a Spot group
/// from a mixed instances policy, distinctInstance, the default strategy.
#[test]
fn terraform_state_field_by_field() {
    let (s, notes) = read(STATE);
    let web = service(&s, "web");
    assert_eq!(
        (web.cpu, web.memory, web.memory_reservation),
        (Some(256.0), Some(512.0), Some(256.0)),
        "Terraform's \"\" for an unset task-level size says nothing: the containers' sums"
    );
    assert_eq!((web.desired_count, web.host_port), (Some(10.0), Some(80.0)));
    assert_eq!(web.network_mode.as_deref(), Some("host"));
    assert_eq!(web.distinct_instance, Some(true));
    assert_eq!(s.placement_strategy.as_deref(), Some("binpack-cpu"));
    let od = provider(&s, "od");
    assert_eq!(od.instance_type.as_deref(), Some("c6g.xlarge"));
    assert_eq!(od.spot, None);
    assert_eq!(od.running_instances, Some(NumberOrMap::Number(4.0)));
    let spot = provider(&s, "spot");
    assert_eq!(
        spot.instance_types.as_deref(),
        Some(
            &[
                "c6g.xlarge".to_string(),
                "c7g.xlarge".into(),
                "m6g.xlarge".into()
            ][..]
        )
    );
    assert_eq!(spot.spot, Some(true));
    assert_eq!(spot.managed_termination_protection, Some(false));
    assert_eq!(
        (spot.target_capacity, spot.minimum_scaling_step_size),
        (Some(80.0), Some(2.0))
    );
    let asg = spot.asg.as_ref().unwrap();
    assert_eq!((asg.min_size, asg.max_size), (Some(0.0), Some(30.0)));
    let d: Vec<_> = s
        .default_strategy
        .iter()
        .flatten()
        .map(|x| (x.capacity_provider.clone().unwrap(), x.base, x.weight))
        .collect();
    assert_eq!(
        d,
        [
            ("od".to_string(), Some(2.0), Some(1.0)),
            ("spot".to_string(), Some(0.0), Some(3.0))
        ]
    );
    assert!(has(
        &notes,
        "values.root_module.resources[7].values.container_definitions[0].portMappings[1] left out"
    ));
    ecs_capacity::model::compare::plan_compared(&s).unwrap_or_else(|e| panic!("{e:?}"));
}

/// A CDK template: references by logical ID, a parameter's default used and said, functions
/// noted as not known with their path (the field keeping its value), a provider with no Name.
#[test]
fn cdk_template_field_by_field() {
    let (s, notes) = read(CDK);
    let api = service(&s, "ApiService1A2B3C4D");
    assert_eq!(api.desired_count, Some(8.0));
    assert!(has(
        &notes,
        "Resources.ApiService1A2B3C4D.Properties.DesiredCount: parameter ApiDesiredCount's default, 8, is used"
    ));
    assert!(has(
        &notes,
        "Resources.ApiService1A2B3C4D.Properties: no ServiceName: named ApiService1A2B3C4D"
    ));
    assert_eq!((api.cpu, api.memory), (Some(1152.0), Some(2304.0)));
    assert_eq!(api.network_mode.as_deref(), Some("bridge"));
    let cp = provider(&s, "AsgCapacityProvider760D11D9");
    assert_eq!(cp.instance_type.as_deref(), Some("t4g.xlarge"));
    let asg = cp.asg.as_ref().unwrap();
    assert_eq!(
        (asg.min_size, asg.max_size),
        (Some(0.0), None),
        "MaxSize is an Fn::If: kept as it was (unset)"
    );
    assert!(has(
        &notes,
        "Resources.AsgASGD1D7B4E2.Properties.MaxSize: not known from the template (Fn::If): the field keeps its current value"
    ));
    assert_eq!(
        api.capacity_provider_strategy.as_ref().unwrap()[0]
            .capacity_provider
            .as_deref(),
        Some("AsgCapacityProvider760D11D9")
    );
    // LaunchType FARGATE with no strategy: the FARGATE provider, said.
    let cron = service(&s, "cron");
    assert_eq!(
        cron.capacity_provider_strategy.as_ref().unwrap()[0]
            .capacity_provider
            .as_deref(),
        Some("FARGATE")
    );
    assert!(has(
        &notes,
        "Resources.CronService5E6F7A8B.Properties.LaunchType: service cron runs on Fargate"
    ));
    // Its task CPU is an Fn::If: not the containers' sum (0), not known, said.
    assert_eq!(cron.cpu, None);
    assert!(has(&notes, "service cron: its task-level CPU is not known"));
    assert!(has(
        &notes,
        "Resources.ApiTaskDef5C2A1E4B.Properties.ContainerDefinitions[1].ResourceRequirements: ShopStackApiTaskDef9F1E2B7C asks for a GPU"
    ));
    // Functions on fields the model does not read are not noted.
    assert!(!has(&notes, "ExecutionRoleArn"), "{notes:#?}");
}

/// A task size the template cannot say keeps the scenario's value for that service.
#[test]
fn unknown_sizes_keep_the_current_value() {
    let current = scenario_from_text(
        r#"{"services":[{"name":"cron","cpu":768,"memory":1024,"desiredCount":1}]}"#,
    )
    .unwrap();
    let i = import(CDK, &current).unwrap();
    let cron = service(&i.scenario, "cron");
    assert_eq!(cron.cpu, Some(768.0));
    assert_eq!(cron.memory, Some(2048.0), "Memory is known: the template's");
}

/// CloudFormation's Managed Instances provider and its default strategy.
#[test]
fn cloudformation_managed_instances() {
    let (s, notes) = read(MANAGED);
    let mi = provider(&s, "mi");
    assert_eq!(mi.kind.as_deref(), Some("managed-instances"));
    assert_eq!((mi.subnets, mi.scale_in_after), (Some(3.0), Some(600.0)));
    let req = mi.instance_requirements.as_ref().unwrap();
    assert_eq!(
        req.allowed_instance_types.as_deref(),
        Some(&["m7g.*".to_string(), "c7g.*".into()][..])
    );
    let v = req.vcpu.as_ref().unwrap();
    assert_eq!((v.min, v.max), (Some(2.0), Some(8.0)));
    assert_eq!(req.memory_mib.as_ref().unwrap().min, Some(4096.0));
    assert_eq!(mi.capacity_option_type, None, "ON_DEMAND is the default");
    assert_eq!(
        s.default_strategy.as_ref().unwrap()[0]
            .capacity_provider
            .as_deref(),
        Some("mi")
    );
    let api = service(&s, "api");
    assert_eq!(
        (api.cpu, api.memory, api.desired_count),
        (Some(1024.0), Some(2048.0), Some(12.0))
    );
    assert!(has(
        &notes,
        "CloudFormation: 4 resource(s) read; 1 service(s) added, 0 updated"
    ));
    ecs_capacity::model::compare::plan_compared(&s).unwrap_or_else(|e| panic!("{e:?}"));
}

/// An error names its path in the pasted document, and nothing is applied.
#[test]
fn errors_name_the_document_path_and_apply_nothing() {
    let bad = PLAN.replacen("\"desired_count\": 6", "\"desired_count\": \"six\"", 1);
    assert_ne!(bad, PLAN);
    let e = import(&bad, &ScenarioInput::default()).unwrap_err();
    assert_eq!(
        e[0].path, "planned_values.root_module.child_modules[0].resources[6].values.desired_count",
        "{e:?}"
    );
    let bad = CDK.replacen("\"Memory\": 2048", "\"Memory\": \"lots\"", 1);
    let e = import(&bad, &ScenarioInput::default()).unwrap_err();
    assert_eq!(
        e[0].path, "Resources.ApiTaskDef5C2A1E4B.Properties.ContainerDefinitions[0].Memory",
        "{e:?}"
    );
    let bad = STATE.replacen(
        "\"target_capacity\": 100",
        "\"target_capacity\": \"full\"",
        1,
    );
    let e = import(&bad, &ScenarioInput::default()).unwrap_err();
    assert_eq!(
        e[0].path,
        "values.root_module.resources[4].values.auto_scaling_group_provider[0].managed_scaling[0].target_capacity",
        "{e:?}"
    );
    let bad = STATE.replacen(
        "\"container_definitions\": \"[",
        "\"container_definitions\": \"{[",
        1,
    );
    let e = import(&bad, &ScenarioInput::default()).unwrap_err();
    assert_eq!(
        e[0].path,
        "values.root_module.resources[7].values.container_definitions"
    );
    // A strategy naming a provider the document does not declare.
    let bad = STATE.replacen(
        "\"capacity_provider\": \"spot\"",
        "\"capacity_provider\": \"gone\"",
        1,
    );
    let e = import(&bad, &ScenarioInput::default()).unwrap_err();
    assert_eq!(
        e[0].path, "values.root_module.resources[6].values.default_capacity_provider_strategy[1]",
        "{e:?}"
    );
    let e = import(
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  X: {}\n",
        &ScenarioInput::default(),
    )
    .unwrap_err();
    assert!(
        e[0].message.contains("CloudFormation template in YAML"),
        "{e:?}"
    );
    let e = import(
        r#"{"Resources":{"Bucket":{"Type":"AWS::S3::Bucket"}}}"#,
        &ScenarioInput::default(),
    )
    .unwrap_err();
    assert!(e[0].message.contains("no ECS resource"), "{e:?}");
}

/// Every imported scenario survives JSON, and a second import of the same document changes
/// nothing more (services are matched by name, not added twice).
#[test]
fn imports_are_idempotent() {
    for src in [PLAN, STATE, CDK, MANAGED] {
        let (once, _) = read(src);
        let twice = import(src, &once).unwrap().scenario;
        assert_eq!(once, twice);
        let text = ecs_capacity::io::json::input_json(&once);
        assert_eq!(scenario_from_text(&text).unwrap(), once);
    }
}

/// A cluster laid over a scenario the user made: what the document does not name stays, and a
/// note lists it (the new-user review merged two clusters unseen); a second import counts its
/// services as updated, not added. Onto the page's untouched opening example the cluster replaces
/// the example whole, its daemon included (the review found the example's daemon priced as a
/// sidecar of every Fargate task).
#[test]
fn what_a_document_does_not_name_is_kept_and_said() {
    let mine = scenario_from_text(
        r#"{"services":[{"name":"billing","cpu":256,"memory":512,"desiredCount":2}],
            "daemons":[{"name":"fluentd","cpu":128,"memory":256}]}"#,
    )
    .unwrap();
    let i = import_onto(STATE, &mine, false).unwrap();
    let kept = i
        .notes
        .iter()
        .find(|n| n.starts_with("kept from the scenario before"));
    assert_eq!(
        kept.map(String::as_str),
        Some("kept from the scenario before, not in this document: services billing; daemons fluentd. They stay in the plan: remove them if they are not this cluster's"),
        "{:#?}",
        i.notes
    );
    assert!(
        i.notes[0].ends_with("1 service(s) added, 0 updated"),
        "{:?}",
        i.notes[0]
    );
    let again = import_onto(STATE, &i.scenario, false).unwrap();
    assert!(
        again.notes[0].ends_with("0 service(s) added, 1 updated"),
        "{:?}",
        again.notes[0]
    );
    // Onto the untouched example: nothing of the example stays.
    let fresh = import_onto(STATE, &mine, true).unwrap();
    assert!(
        fresh.notes[0].contains("this cluster replaces it"),
        "{:?}",
        fresh.notes
    );
    assert_eq!(fresh.scenario.daemons.iter().flatten().count(), 0);
    assert_eq!(fresh.scenario, read(STATE).0);
    assert!(!fresh.notes.iter().any(|n| n.starts_with("kept")));
    // The AWS CLI's pieces still replace only the example's service.
    let td = r#"{"taskDefinition":{"family":"web","cpu":"512","memory":"1024"}}"#;
    let piece = import_onto(td, &mine, true).unwrap();
    assert_eq!(piece.scenario.daemons, mine.daemons);
}

/// 100,000 mutated Terraform and CloudFormation documents: never a panic; an error applies
/// nothing, and what is applied reads back as a scenario.
#[test]
fn mutated_documents_never_panic() {
    let mut rng = ecs_capacity::model::packing::SplitMix64::new(16);
    let sources = [PLAN, STATE, CDK, MANAGED];
    let (mut ok, mut err) = (0, 0);
    for i in 0..100_000usize {
        let base = sources[i % 4].as_bytes();
        let mut b = base.to_vec();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(b.len().max(1));
            let byte = b"{}[]\",:0123456789-.eEtnulx \\"[rng.below(27)];
            if let Some(x) = b.get_mut(at) {
                *x = byte;
            }
        }
        let text = String::from_utf8_lossy(&b);
        match import(&text, &ScenarioInput::default()) {
            Ok(r) => {
                ok += 1;
                let json = ecs_capacity::io::json::input_json(&r.scenario);
                assert_eq!(scenario_from_text(&json).unwrap(), r.scenario);
            }
            Err(e) => {
                err += 1;
                assert!(!e.is_empty());
            }
        }
    }
    println!("mutated documents: {ok} imported, {err} refused");
    assert!(
        ok > 1000 && err > 1000,
        "{ok} / {err}: the mutations must reach both outcomes"
    );
}

/// The scenario the command line prints for the Terraform plan (the page opens it by its link,
/// tests/e2e/iac.test.mjs): a change to the import shows here first.
#[test]
fn terraform_plan_gives_the_recorded_scenario() {
    let want =
        scenario_from_text(include_str!("fixtures/iac/terraform-plan.scenario.json")).unwrap();
    assert_eq!(read(PLAN).0, want);
}

/// A CloudFormation template of `resources` (logical ID, type, properties) and `parameters`.
fn template(
    resources: &[(&str, &str, serde_json::Value)],
    parameters: serde_json::Value,
) -> String {
    let mut r = serde_json::Map::new();
    for (id, t, p) in resources {
        r.insert(
            id.to_string(),
            serde_json::json!({ "Type": t, "Properties": p }),
        );
    }
    serde_json::json!({ "Parameters": parameters, "Resources": r }).to_string()
}

/// A template of task definition `TD` and service `S` running it, with `parameters`.
fn pair(
    td: serde_json::Value,
    mut service: serde_json::Value,
    parameters: serde_json::Value,
) -> String {
    service["TaskDefinition"] = serde_json::json!({ "Ref": "TD" });
    template(
        &[
            ("TD", "AWS::ECS::TaskDefinition", td),
            ("S", "AWS::ECS::Service", service),
        ],
        parameters,
    )
}

/// The adversarial review's findings: what a template does not know keeps the scenario's value
/// (a container's size, a whole container, the network mode and the host port that follows it,
/// an override's type), and a parameter's default that is said to be used is used.
#[test]
fn what_a_template_does_not_know_keeps_the_scenarios_value() {
    use serde_json::json;
    let web = scenario_from_text(
        r#"{"services":[{"name":"web","cpu":1024,"memory":4096,"networkMode":"host","hostPort":80,
            "capacityProviderStrategy":[{"capacityProvider":"FARGATE_SPOT","weight":1}]}]}"#,
    )
    .unwrap();
    let td = |props| {
        pair(
            props,
            json!({ "ServiceName": "web" }),
            json!({ "P": { "Type": "String" } }),
        )
    };
    let web_of = |src: &str| {
        let i = import(src, &web).unwrap_or_else(|e| panic!("{e:?}"));
        (service(&i.scenario, "web").clone(), i.notes)
    };
    // One container's memory is a Ref with no default: not the other's 512.
    let (s, notes) = web_of(&td(
        json!({ "Family": "web", "NetworkMode": "host", "ContainerDefinitions": [
        { "Name": "a", "Memory": 512, "Cpu": 256 }, { "Name": "b", "Memory": { "Ref": "P" } } ] }),
    ));
    assert_eq!(s.memory, Some(4096.0), "{notes:#?}");
    assert!(has(
        &notes,
        "ContainerDefinitions[1].Memory: not known from the template (Ref)"
    ));
    // A whole container is an Fn::If: neither size is the other container's.
    let (s, notes) = web_of(&td(
        json!({ "Family": "web", "NetworkMode": "host", "ContainerDefinitions": [
        { "Name": "a", "Memory": 512, "Cpu": 256 }, { "Fn::If": ["C", { "Name": "b", "Memory": 4096 }, { "Ref": "AWS::NoValue" }] } ] }),
    ));
    assert_eq!((s.cpu, s.memory), (Some(1024.0), Some(4096.0)));
    assert!(has(
        &notes,
        "ContainerDefinitions[1]: not known from the template (Fn::If)"
    ));
    // The network mode is not known: host stays, and its port with it.
    let (s, _) = web_of(&td(
        json!({ "Family": "web", "Cpu": "1024", "Memory": "4096", "NetworkMode": { "Ref": "P" },
        "ContainerDefinitions": [{ "Name": "a", "PortMappings": [{ "ContainerPort": 8080 }] }] }),
    ));
    assert_eq!(
        (s.network_mode.as_deref(), s.host_port),
        (Some("host"), Some(80.0))
    );
    // A task definition says nothing of the service's strategy: it stays.
    assert_eq!(
        s.capacity_provider_strategy,
        web.services.as_ref().unwrap()[0].capacity_provider_strategy
    );
    // A strategy item that is a function: the service keeps its strategy, noted, not an error.
    let src = pair(
        json!({ "Family": "web", "Cpu": "1024", "Memory": "4096", "NetworkMode": "host" }),
        json!({ "ServiceName": "web",
            "CapacityProviderStrategy": [{ "Fn::If": ["C", { "CapacityProvider": "FARGATE", "Weight": 1 }, { "Ref": "AWS::NoValue" }] }] }),
        json!({}),
    );
    let (s, notes) = web_of(&src);
    assert_eq!(
        s.capacity_provider_strategy,
        web.services.as_ref().unwrap()[0].capacity_provider_strategy,
        "{notes:#?}"
    );
    assert!(has(
        &notes,
        "CapacityProviderStrategy[0]: not known from the template (Fn::If): the field keeps its current value"
    ));
    // A launch type given by a parameter with a default: that launch type.
    let src = pair(
        json!({ "Family": "job", "Cpu": "256", "Memory": "512" }),
        json!({ "ServiceName": "job", "LaunchType": { "Ref": "LT" } }),
        json!({ "LT": { "Type": "String", "Default": "FARGATE" } }),
    );
    let (s, notes) = read(&src);
    let job = service(&s, "job");
    assert_eq!(
        job.capacity_provider_strategy.as_ref().unwrap()[0]
            .capacity_provider
            .as_deref(),
        Some("FARGATE"),
        "{notes:#?}"
    );
    // An override's type not known: the group's types stay (not the launch template's).
    let src = template(
        &[
            (
                "LT",
                "AWS::EC2::LaunchTemplate",
                json!({ "LaunchTemplateData": { "InstanceType": "t3.micro" } }),
            ),
            (
                "G",
                "AWS::AutoScaling::AutoScalingGroup",
                json!({ "MinSize": "0", "MaxSize": "10",
                "MixedInstancesPolicy": { "LaunchTemplate": {
                    "LaunchTemplateSpecification": { "LaunchTemplateId": { "Ref": "LT" } },
                    "Overrides": [{ "InstanceType": { "Ref": "P" } }, { "InstanceType": "m6g.large" }] } } }),
            ),
            (
                "TD",
                "AWS::ECS::TaskDefinition",
                json!({ "Family": "web", "Cpu": "256", "Memory": "512" }),
            ),
        ],
        json!({ "P": { "Type": "String" } }),
    );
    let mine = scenario_from_text(r#"{"instanceType":"c6g.large","services":[]}"#).unwrap();
    let i = import(&src, &mine).unwrap();
    assert_eq!(
        i.scenario.instance_type.as_deref(),
        Some("c6g.large"),
        "{:#?}",
        i.notes
    );
    assert!(has(
        &i.notes,
        "Overrides[0].InstanceType: not known from the template (Ref)"
    ));
}

/// Past the caps a document is refused before its resources are matched (the adversarial
/// review's 1,000 services took minutes to be refused), at the first resource past the cap; a
/// document whose one service is a DAEMON counts it once, as a daemon.
#[test]
fn caps_and_daemons() {
    use serde_json::json;
    let many = |n: usize| {
        let list: Vec<(String, serde_json::Value)> = (0..n)
            .map(|i| {
                (
                    format!("S{i}"),
                    json!({ "ServiceName": format!("s{i}"), "DesiredCount": 1 }),
                )
            })
            .collect();
        let refs: Vec<(&str, &str, serde_json::Value)> = list
            .iter()
            .map(|(id, p)| (id.as_str(), "AWS::ECS::Service", p.clone()))
            .collect();
        template(&refs, json!({}))
    };
    let e = import(&many(101), &ScenarioInput::default()).unwrap_err();
    assert_eq!(e.len(), 1);
    assert!(e[0].path.starts_with("Resources.S"), "{e:?}");
    assert!(e[0].message.contains("101 services"), "{e:?}");
    let e = import(&many(1001), &ScenarioInput::default()).unwrap_err();
    assert!(
        e[0].message.contains("an import reads at most 1,000"),
        "{e:?}"
    );
    assert!(import(&many(100), &ScenarioInput::default()).is_ok());
    // With the scenario's own service, 101: refused, nothing applied (the re-check's stacked
    // imports left the page's answer behind the form).
    let one =
        scenario_from_text(r#"{"services":[{"name":"web","cpu":256,"memory":512}]}"#).unwrap();
    let e = import(&many(100), &one).unwrap_err();
    assert!(
        e[0].message.contains("this import makes 101 services"),
        "{e:?}"
    );
    let src = pair(
        json!({ "Family": "agent", "Cpu": "128", "Memory": "256" }),
        json!({ "ServiceName": "agent", "SchedulingStrategy": "DAEMON" }),
        json!({}),
    );
    let web =
        scenario_from_text(r#"{"services":[{"name":"web","cpu":256,"memory":512}]}"#).unwrap();
    let s = import(&src, &web).unwrap().scenario;
    let names: Vec<_> = s
        .services
        .iter()
        .flatten()
        .filter_map(|x| x.name.clone())
        .collect();
    assert_eq!(names, ["web"]);
    let daemons: Vec<_> = s
        .daemons
        .iter()
        .flatten()
        .filter_map(|x| x.name.clone())
        .collect();
    assert_eq!(daemons, ["agent"]);
}

/// Terraform's for_each: each service runs the task definition of its own key, not the first
/// one's (the adversarial review's plan sized "big" as "small").
#[test]
fn for_each_services_run_their_own_task_definitions() {
    let (s, notes) = read(include_str!("fixtures/iac/terraform-for-each.json"));
    let sizes = |name: &str| {
        let x = service(&s, name);
        (x.cpu, x.memory)
    };
    assert_eq!(sizes("small"), (Some(256.0), Some(512.0)), "{notes:#?}");
    assert_eq!(sizes("big"), (Some(4096.0), Some(8192.0)), "{notes:#?}");
}
