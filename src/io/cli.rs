//! The command line's words (issue 16): what `ecs-capacity` prints for each command, from text.
//! The binary (`src/bin/ecs-capacity.rs`) only reads files and arguments and sets the exit code;
//! everything here is pure and tested natively.
//!
//! An input is a scenario (api.md) or a document the import reads (a Terraform plan or state, a
//! CloudFormation or CDK template, AWS CLI output), laid over the default scenario: so `check`
//! runs on `terraform show -json plan.out` as it is.

use super::import::import;
use super::json;
use crate::model::cas::Decision;
use crate::model::compare::plan_compared;
use crate::model::plan::Plan;
use crate::model::scenario::{Scenario, ScenarioInput};
use crate::model::units::{thousands, trim_float, usd};
use crate::model::validate::{self, FieldError};

/// The scenario in `text`, with what an import said of it (nothing for a scenario).
pub fn load(text: &str) -> Result<(ScenarioInput, Vec<String>), Vec<FieldError>> {
    let v = json::parse(text)?;
    let scenario_like = v.get("services").is_some_and(|s| {
        s.as_array()
            .is_some_and(|a| a.iter().all(|x| x.get("serviceName").is_none()))
    }) && !super::iac::recognises(&v);
    if scenario_like {
        return Ok((super::read::scenario_from_value(&v)?, Vec::new()));
    }
    let i = import(text, &ScenarioInput::default())?;
    Ok((i.scenario, i.notes))
}

/// The plan, as `plan()` gives it (JSON text).
pub fn plan_text(input: &ScenarioInput) -> Result<String, Vec<FieldError>> {
    let p = plan_compared(input)?;
    serde_json::to_string_pretty(&p).map_err(|e| vec![FieldError::new("", e.to_string())])
}

/// Errors as lines: `path: message`.
pub fn error_lines(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| {
            if e.path.is_empty() {
                format!("error: {}\n", e.message)
            } else {
                format!("error: {}: {}\n", e.path, e.message)
            }
        })
        .collect()
}

/// An Auto Scaling group of the plan: who it is, its plan, its limits (MinSize, MaxSize,
/// targetCapacity), and whether its N was given.
type Group<'a> = (String, &'a Plan, (u32, u32, u32), bool);

/// Each Auto Scaling group of the plan.
fn groups<'a>(s: &'a Scenario, p: &'a Plan) -> Vec<Group<'a>> {
    if s.providers.is_empty() {
        let given = s.running.iter().any(|&n| n > 0);
        let limits = (s.asg_min, s.asg_max, s.capacity_provider.target_capacity);
        return vec![("the cluster".to_string(), p, limits, given)];
    }
    let mut out = Vec::new();
    for (name, plan) in &p.provider_plans {
        // The first group with tasks is the plan's top level (kept once, not copied).
        let plan = plan.as_deref().unwrap_or(p);
        let Some(x) = s.providers.iter().find(|x| x.name == *name) else {
            continue;
        };
        if x.kind != crate::model::scenario::ProviderKind::Asg {
            continue;
        }
        let limits = (x.asg_min, x.asg_max, x.capacity_provider.target_capacity);
        out.push((
            format!("provider {name}"),
            plan,
            limits,
            x.running.iter().any(|&n| n > 0),
        ));
    }
    out
}

/// What `check` finds wrong, a line each (empty: nothing):
/// - tasks never placeable (on an empty cluster, or past the instance cap);
/// - tasks waiting at the running N (when N is given: with none, every task waits for CAS);
/// - headroom short: tasks that would wait during a rolling deployment or after the busiest
///   instance is lost;
/// - a steady state (instances needed at targetCapacity) beyond the group's MaxSize;
/// - tasks the strategy puts on a provider that cannot hold them.
pub fn check(input: &ScenarioInput) -> Result<Vec<String>, Vec<FieldError>> {
    let (s, _) = validate::validate(input)?;
    // Past validation, what stops the plan is the scenario's own problem (a task larger than
    // every type it may run on): a problem found, not unreadable input.
    let p = match plan_compared(input) {
        Ok(p) => p,
        Err(e) => {
            return Ok(e
                .iter()
                .map(|x| format!("{}: {}", x.path, x.message))
                .collect())
        }
    };
    let mut problems = Vec::new();
    for (who, g, (_, max, target), given) in groups(&s, &p) {
        for u in &g.placement.unplaced {
            problems.push(format!(
                "{who}: {} task(s) of {} can never be placed ({}): {}",
                thousands(u.count),
                u.service,
                u.reason.as_str(),
                match u.reason.as_str() {
                    "does-not-fit" => "the task is larger than what the instance type has free",
                    "instance-cap" => "the plan stops at 10,000 instances",
                    _ => "no instance may be opened",
                }
            ));
        }
        if given && g.cas.waiting_tasks > 0 {
            problems.push(format!(
                "{who}: {} task(s) wait at the running {} instance(s) (CAS decides {}: {} instance(s))",
                thousands(g.cas.waiting_tasks),
                g.cas.n,
                g.cas.decision.as_str(),
                g.cas.desired_instances
            ));
        }
        let h = &g.headroom;
        for (what, d) in [
            ("a rolling deployment", Some(&h.deployment)),
            ("losing the busiest instance", Some(&h.lose_instance)),
            ("losing zone a", h.lose_zone.as_ref()),
        ] {
            if let Some(d) = d.filter(|d| d.waiting > 0) {
                problems.push(format!(
                    "{who}: headroom short: {} of {} task(s) wait during {what} at the steady state of {} instance(s), until CAS adds {}",
                    thousands(d.waiting),
                    thousands(d.tasks),
                    thousands(d.instances),
                    thousands(d.cas_would_add)
                ));
            }
        }
        let steady = (100 * g.instances_needed).div_ceil(u64::from(target.max(1)));
        if steady > u64::from(max) {
            problems.push(format!(
                "{who}: the steady state needs {} instance(s) ({} needed at targetCapacity {target} %), over the group's MaxSize of {max}",
                thousands(steady),
                thousands(g.instances_needed)
            ));
        }
    }
    for x in &p.providers {
        if let Some(why) = &x.no_fallback {
            problems.push(format!("provider {}: {why}", x.name));
        }
    }
    Ok(problems)
}

/// The short report of `plan --summary`: instances, limits, waiting tasks, the CAS decision,
/// headroom and cost.
pub fn summary(input: &ScenarioInput) -> Result<String, Vec<FieldError>> {
    let (s, _) = validate::validate(input)?;
    let p = plan_compared(input)?;
    let mut out = String::new();
    let tasks: u64 = s.services.iter().map(|x| x.desired_count).sum();
    out.push_str(&format!(
        "{} service(s), {} task(s), {} daemon(s)\n",
        s.services.len(),
        thousands(tasks),
        s.daemons.len()
    ));
    for x in &p.providers {
        let tasks: u64 = x.tasks.values().sum();
        out.push_str(&format!(
            "provider {} ({}{}): {} task(s){}, {}/month\n",
            x.name,
            x.kind,
            if x.spot { ", Spot" } else { "" },
            thousands(tasks),
            match (x.instances_needed, &x.instance_type) {
                (Some(n), Some(t)) => format!(" on {} x {t}", thousands(n)),
                (Some(n), None) => format!(" on {} instance(s)", thousands(n)),
                _ => String::new(),
            },
            usd(x.monthly)
        ));
    }
    for (who, g, (min, max, target), given) in groups(&s, &p) {
        out.push_str(&format!(
            "{who}: {} instance(s) of {} needed{}; lower bound {}{}\n",
            thousands(g.instances_needed),
            g.instance.type_name,
            if g.instances_capped {
                " or more (the plan stops there)"
            } else {
                ""
            },
            thousands(g.lower_bound),
            if g.instances_needed_best_order < g.instances_needed {
                format!(
                    "; {} with the largest tasks first",
                    thousands(g.instances_needed_best_order)
                )
            } else {
                String::new()
            }
        ));
        let limits: Vec<String> = g
            .services
            .iter()
            .map(|x| {
                format!(
                    "{} {} per instance ({})",
                    x.name,
                    x.tasks_per_instance,
                    x.limited_by.as_str()
                )
            })
            .collect();
        if !limits.is_empty() {
            out.push_str(&format!("  limits: {}\n", limits.join(", ")));
        }
        let c = &g.cas;
        out.push_str(&format!(
            "  CAS at N = {}{}: M = {}, reservation {} %, desired {} instance(s): {}; {} task(s) wait\n",
            c.n,
            if given { "" } else { " (not given)" },
            c.m,
            trim_float((c.reservation * 10.0).round() / 10.0),
            c.desired_instances,
            match c.decision {
                Decision::ScaleOut => "scale out",
                Decision::NoChange => "no change",
                Decision::ScaleIn => "scale in",
            },
            thousands(c.waiting_tasks)
        ));
        out.push_str(&format!(
            "  steady state {} instance(s) at targetCapacity {target} % (MinSize {min}, MaxSize {max}){}\n",
            thousands(c.steady_state_instances),
            match c.minutes_to_capacity {
                Some(m) => format!("; capacity in {} min", trim_float(m.ceil())),
                None => String::new(),
            }
        ));
        let h = &g.headroom;
        out.push_str(&format!(
            "  headroom: a deployment leaves {} task(s) waiting; losing the busiest instance, {}\n",
            thousands(h.deployment.waiting),
            thousands(h.lose_instance.waiting)
        ));
    }
    let c = &p.cost;
    if p.providers.is_empty() {
        out.push_str(&format!("cost: EC2 {}/month", usd(c.ec2_monthly)));
        if let Some(f) = c.fargate_monthly {
            out.push_str(&format!(", Fargate {}/month", usd(f)));
        }
        out.push('\n');
    } else {
        let total: f64 = p.providers.iter().map(|x| x.monthly).sum();
        out.push_str(&format!("cost: {}/month in all\n", usd(total)));
    }
    for w in &p.warnings {
        out.push_str(&format!("warning: {}\n", w.message));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(text: &str) -> ScenarioInput {
        load(text).unwrap().0
    }

    /// `check` on four scenarios: a sound one, one whose task never fits, one that waits at its
    /// running N, one whose steady state passes MaxSize, and one with no headroom for a
    /// deployment.
    #[test]
    fn check_finds_each_problem() {
        let sound = input(
            r#"{"instanceType":"m6g.large","services":[{"name":"api","cpu":512,"memory":1024,"desiredCount":4}],"runningInstances":2,"capacityProvider":{"targetCapacity":50}}"#,
        );
        assert_eq!(check(&sound).unwrap(), Vec::<String>::new());
        for (scenario, says) in [
            (
                r#"{"instanceType":"t4g.medium","services":[{"name":"big","cpu":4096,"memory":1024,"desiredCount":2}]}"#,
                "services[0].cpu: never placeable",
            ),
            (
                r#"{"instanceType":"m6g.large","services":[{"name":"api","cpu":512,"memory":1024,"desiredCount":20}],"runningInstances":2}"#,
                "task(s) wait at the running 2 instance(s)",
            ),
            (
                r#"{"instanceType":"m6g.large","services":[{"name":"api","cpu":1024,"memory":1024,"desiredCount":40}],"asg":{"maxSize":10}}"#,
                "over the group's MaxSize of 10",
            ),
            (
                r#"{"instanceType":"m6g.large","services":[{"name":"api","cpu":1024,"memory":1024,"desiredCount":8}],"runningInstances":4}"#,
                "headroom short: 8 of 8 task(s) wait during a rolling deployment",
            ),
        ] {
            let p = check(&input(scenario)).unwrap();
            assert!(p.iter().any(|x| x.contains(says)), "{says}: {p:?}");
        }
    }

    /// A Terraform plan is read as it is, and an unreadable text is an error.
    #[test]
    fn load_reads_documents_and_scenarios() {
        let (s, notes) = load(include_str!(
            "../../tests/fixtures/iac/terraform-state.json"
        ))
        .unwrap();
        assert_eq!(s.services.as_ref().map(Vec::len), Some(1));
        assert!(notes[0].starts_with("Terraform:"), "{notes:?}");
        let (s, notes) = load(r#"{"services":[{"name":"a","cpu":256,"memory":512}]}"#).unwrap();
        assert!(notes.is_empty());
        assert_eq!(s.services.unwrap()[0].name.as_deref(), Some("a"));
        assert!(load("{").is_err());
        let e = load(r#"{"services":[{"name":"a","cpu":"lots"}]}"#).unwrap_err();
        assert_eq!(e[0].path, "services[0].cpu");
    }

    /// The summary names the instances, the limit, the CAS decision and the cost.
    #[test]
    fn summary_says_the_answer() {
        let s = input(
            r#"{"instanceType":"t4g.medium","services":[{"name":"api","cpu":256,"memory":512,"desiredCount":100}],"daemons":[{"name":"log-router","cpu":64,"memory":128}]}"#,
        );
        let text = summary(&s).unwrap();
        assert!(
            text.contains("1 service(s), 100 task(s), 1 daemon(s)"),
            "{text}"
        );
        assert!(
            text.contains("the cluster: 15 instance(s) of t4g.medium needed"),
            "{text}"
        );
        assert!(text.contains("api 7 per instance (cpu)"), "{text}");
        assert!(text.contains("desired 2 instance(s): scale out"), "{text}");
        assert!(text.contains("cost: EC2 $"), "{text}");
    }
}
