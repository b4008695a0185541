//! Exports (issue 6): a Markdown summary for design docs, CSV of the placement and of a timeline.
//! Pure text builders; the share and timeline panels offer them as downloads.

use std::fmt::Write;

use crate::model::plan::{pct, Plan};
use crate::model::sim::Runs;
use crate::model::units::{count, trim_float, usd};
use crate::model::validate::thousands;

/// One CSV field: quoted when it holds a comma, a quote or a line break.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv_line(out: &mut String, fields: &[String]) {
    let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    out.push_str(&line.join(","));
    out.push('\n');
}

/// The from-scratch placement, one row per instance: index, type, zone, tasks per service
/// ("api=7; worker=1"), daemons, free CPU units, free MiB, free ENIs.
pub fn placement_csv(p: &Plan) -> String {
    let mut out =
        String::from("instance,type,zone,tasks,daemons,free_cpu_units,free_memory_mib,free_enis\n");
    for i in &p.placement.instances {
        let tasks: Vec<String> = i
            .tasks
            .iter()
            .map(|t| format!("{}={}", t.service, t.count))
            .collect();
        csv_line(
            &mut out,
            &[
                (i.index + 1).to_string(),
                i.type_name.clone(),
                i.az.clone(),
                tasks.join("; "),
                i.daemons.join("; "),
                i.free_cpu.to_string(),
                i.free_memory_mib.to_string(),
                i.free_enis.to_string(),
            ],
        );
    }
    out
}

/// A timeline, one row per minute and run: the load and what each run served, ran and waited.
pub fn timeline_csv(r: &Runs) -> String {
    let mut out = String::from(
        "run,minute,load,served,tasks_desired,tasks_running,tasks_waiting,instances_desired,instances_running,instances_registered,reservation_percent\n",
    );
    let variant = r
        .variant
        .as_ref()
        .map(|(t, v)| (format!("with CAS at {t} %"), v));
    let runs = [
        ("with CAS".to_string(), &r.with),
        ("without CAS".to_string(), &r.without),
    ];
    for (name, t) in runs
        .iter()
        .map(|(n, t)| (n, *t))
        .chain(variant.iter().map(|(n, t)| (n, *t)))
    {
        for p in &t.series {
            csv_line(
                &mut out,
                &[
                    name.clone(),
                    p.minute.to_string(),
                    trim_float(p.load),
                    trim_float(p.served),
                    p.tasks_desired.to_string(),
                    p.tasks_running.to_string(),
                    p.tasks_waiting.to_string(),
                    p.instances_desired.to_string(),
                    p.instances_running.to_string(),
                    p.instances_registered.to_string(),
                    p.reservation.map(trim_float).unwrap_or_default(),
                ],
            );
        }
    }
    out
}

/// Markdown-safe table cell text.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The plan as Markdown for a design doc: inputs, results with their derivations, the CAS decision,
/// cost, and the link back to this exact view.
pub fn markdown(p: &Plan, link: &str) -> String {
    let mut md = String::new();
    inputs_md(&mut md, p, link);
    results_md(&mut md, p);
    cas_md(&mut md, p);
    cost_md(&mut md, p);
    if !p.warnings.is_empty() {
        md.push_str("\n## Warnings\n\n");
        for w in &p.warnings {
            let _ = writeln!(md, "- {}", w.message);
        }
    }
    md
}

/// The explanation of `key`, as table cell text (empty when the plan has none).
fn explanation(p: &Plan, key: &str) -> String {
    p.explanations.get(key).map_or(String::new(), |e| cell(e))
}

/// Table rows of (label, value, the explanation that derives it).
fn rows(md: &mut String, p: &Plan, list: Vec<(&str, String, &str)>) {
    for (label, value, key) in list {
        let _ = writeln!(md, "| {label} | {value} | {} |", explanation(p, key));
    }
}

/// The title, the link back, the services and the instance type.
fn inputs_md(md: &mut String, p: &Plan, link: &str) {
    let names: Vec<&str> = p.services.iter().map(|s| s.name.as_str()).collect();
    let _ = writeln!(
        md,
        "# ECS capacity plan: {} on {}\n",
        cell(&names.join(", ")),
        p.instance.type_name
    );
    // A link is an address; a query alone (the page opened as a file, no site address set) is
    // given as text to add after the planner's address.
    let back = if link.starts_with('?') {
        format!("The scenario's query, to add after the planner's address: `{link}`")
    } else {
        format!("Open this exact view: <{link}>")
    };
    let _ = writeln!(
        md,
        "Made with ECS Capacity Planner {}. {back}\n",
        env!("CARGO_PKG_VERSION")
    );
    md.push_str("## Inputs\n\n| Service | CPU units | Memory reserved (MiB) | Desired tasks | Network mode |\n|---|---:|---:|---:|---|\n");
    for s in &p.services {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} |",
            cell(&s.name),
            s.cpu,
            s.reserved_memory_mib,
            thousands(s.desired_count),
            s.network_mode
        );
    }
    let _ = writeln!(
        md,
        "\nInstance type {} ({} vCPU, {} MiB registered of {} MiB nominal, {}); {} ENIs for awsvpc tasks; after daemons {} CPU units and {} MiB are free for tasks.\n",
        p.instance.type_name,
        p.instance.vcpu,
        p.instance.memory_mib,
        p.instance.nominal_memory_mib,
        p.instance.memory_source,
        p.instance.task_enis,
        p.instance.free_cpu,
        p.instance.free_memory_mib
    );
}

/// Tasks per instance of each service, the instances needed, the lower bound, the usual formula.
fn results_md(md: &mut String, p: &Plan) {
    md.push_str("## Results\n\n| | Value | How |\n|---|---:|---|\n");
    for (i, s) in p.services.iter().enumerate() {
        let _ = writeln!(
            md,
            "| {} tasks per instance | {} (limited by {}) | {} |",
            cell(&s.name),
            s.tasks_per_instance,
            s.limited_by.label(),
            explanation(p, &format!("services[{i}].tasksPerInstance"))
        );
    }
    rows(
        md,
        p,
        vec![
            (
                "Instances needed",
                thousands(p.instances_needed),
                "instancesNeeded",
            ),
            ("Lower bound", thousands(p.lower_bound), "lowerBound"),
            (
                "The usual formula",
                thousands(p.article_formula.instances),
                "articleFormula",
            ),
        ],
    );
}

/// What Cluster Auto Scaling computes with the instances running now.
fn cas_md(md: &mut String, p: &Plan) {
    let c = &p.cas;
    let _ = writeln!(md, "\n## Cluster Auto Scaling with {} instance(s) running\n\n| | Value | How |\n|---|---:|---|", c.n);
    rows(
        md,
        p,
        vec![
            ("M", thousands(c.m), "cas.m"),
            (
                "Reservation",
                format!("{} %", pct(c.reservation)),
                "cas.reservation",
            ),
            (
                "Desired instances",
                thousands(c.desired_instances),
                "cas.desiredInstances",
            ),
            (
                "Decision",
                format!("**{}**", c.decision.as_str()),
                "cas.decision",
            ),
            (
                "Until every task runs",
                c.minutes_to_capacity
                    .map_or("never".to_string(), |m| format!("{} min", trim_float(m))),
                "cas.steps",
            ),
            (
                "Steady state",
                count(c.steady_state_instances, "instance"),
                "cas.steadyStateInstances",
            ),
        ],
    );
}

/// EC2 and Fargate per month, and where paid capacity goes.
fn cost_md(md: &mut String, p: &Plan) {
    let k = &p.cost;
    md.push_str("\n## Cost (us-east-1 Linux On-Demand list prices unless edited)\n\n| | Per month | How |\n|---|---:|---|\n");
    rows(
        md,
        p,
        vec![
            ("EC2", usd(k.ec2_monthly), "cost.ec2"),
            (
                "Fargate",
                k.fargate_monthly.map_or("not possible".to_string(), usd),
                "cost.fargate",
            ),
            ("Where paid capacity goes", String::new(), "cost.waste"),
        ],
    );
}

/// The scenario in one line, for an exported chart: the services, the daemons, the type and the
/// answer ("api 100 x 256 CPU / 512 MiB; 1 daemon; t4g.medium; 15 instances needed").
pub fn scenario_line(p: &Plan) -> String {
    let services: Vec<String> = p
        .services
        .iter()
        .take(4)
        .map(|s| {
            format!(
                "{} {} x {} CPU / {} MiB",
                s.name,
                thousands(s.desired_count),
                s.cpu,
                s.reserved_memory_mib
            )
        })
        .collect();
    let more = p.services.len().saturating_sub(4);
    let more = if more > 0 {
        format!(" and {}", count(more as u64, "more service"))
    } else {
        String::new()
    };
    format!(
        "{}{more}; {}; {}; {} needed",
        services.join(", "),
        count(p.daemons.len() as u64, "daemon"),
        p.instance.type_name,
        count(p.instances_needed, "instance")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An exported chart's scenario line names the services, the daemons, the type and the answer.
    #[test]
    fn the_scenario_in_one_line() {
        let p = crate::model::providers::plan_input(
            &crate::io::read::scenario_from_text(
                r#"{"services":[{"name":"api","cpu":256,"memory":512,"desiredCount":100}],"daemons":[{"cpu":64,"memory":128}]}"#,
            )
            .unwrap(),
        )
        .unwrap();
        assert_eq!(
            scenario_line(&p),
            "api 100 x 256 CPU / 512 MiB; 1 daemon; t4g.medium; 15 instances needed"
        );
    }
    use crate::model::providers::plan_input;
    use crate::model::validate::parse_json;

    fn plan() -> Plan {
        plan_input(
            &parse_json(r#"{"services":[{"name":"a|b","cpu":256,"memory":512,"desiredCount":100}],"daemons":[{"name":"log, router","cpu":64,"memory":128}]}"#)
                .unwrap(),
        )
        .unwrap()
    }

    /// The summary holds the numbers the page shows, their derivations, and the link.
    #[test]
    fn markdown_holds_the_numbers() {
        let md = markdown(&plan(), "https://x.example/?v=1");
        assert!(md.starts_with("# ECS capacity plan: a\\|b on t4g.medium"));
        assert!(md.contains("| Instances needed | 15 | placing 100 tasks"));
        assert!(
            md.contains("| a\\|b tasks per instance | 7 (limited by CPU) | CPU 1984 / 256 = 7.75")
        );
        assert!(md.contains("| Decision | **scale-out** |"));
        assert!(md.contains("| EC2 | $367.92 |"));
        assert!(md.contains("<https://x.example/?v=1>"));
        // From a file with no site address: the query as text, not a link that goes nowhere.
        let md = markdown(&plan(), "?v=1&svc=a");
        assert!(
            md.contains("to add after the planner's address: `?v=1&svc=a`"),
            "{md}"
        );
        assert!(!md.contains("<?v=1"));
    }

    /// One CSV row per instance; fields with commas are quoted.
    #[test]
    fn placement_csv_rows() {
        let csv = placement_csv(&plan());
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 16);
        assert_eq!(lines[1], "1,t4g.medium,a,a|b=7,\"log, router\",192,56,2");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
