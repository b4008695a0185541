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

/// Each Auto Scaling group provider's plan, by name (the first group's is `p` itself); empty
/// without providers.
fn group_plans(p: &Plan) -> Vec<(&str, &Plan)> {
    p.provider_plans
        .iter()
        .map(|(name, own)| (name.as_str(), own.as_deref().unwrap_or(p)))
        .collect()
}

/// The from-scratch placement, one row per instance: index, type, zone, tasks per service
/// ("api=7; worker=1"), daemons, free CPU units, free MiB, free ENIs. With capacity providers,
/// each Auto Scaling group's instances, with a first column naming the provider.
pub fn placement_csv(p: &Plan) -> String {
    let header = "instance,type,zone,tasks,daemons,free_cpu_units,free_memory_mib,free_enis\n";
    if p.providers.is_empty() {
        let mut out = String::from(header);
        instances_csv(&mut out, p, None);
        return out;
    }
    let mut out = format!("provider,{header}");
    for (name, sub) in group_plans(p) {
        instances_csv(&mut out, sub, Some(name));
    }
    out
}

/// The rows of `p`'s instances, each after `provider` when given.
fn instances_csv(out: &mut String, p: &Plan, provider: Option<&str>) {
    for i in &p.placement.instances {
        let tasks: Vec<String> = i
            .tasks
            .iter()
            .map(|t| format!("{}={}", t.service, t.count))
            .collect();
        let row = [
            (i.index + 1).to_string(),
            i.type_name.clone(),
            i.az.clone(),
            tasks.join("; "),
            i.daemons.join("; "),
            i.free_cpu.to_string(),
            i.free_memory_mib.to_string(),
            i.free_enis.to_string(),
        ];
        match provider {
            Some(name) => {
                let mut with: Vec<String> = vec![name.to_string()];
                with.extend(row);
                csv_line(out, &with);
            }
            None => csv_line(out, &row),
        }
    }
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
    if p.providers.is_empty() {
        inputs_md(&mut md, p, link);
        results_md(&mut md, p, "");
        cas_md(&mut md, p, "");
        cost_md(&mut md, p);
    } else {
        providers_md(&mut md, p, link);
    }
    if !p.warnings.is_empty() {
        md.push_str("\n## Warnings\n\n");
        for w in &p.warnings {
            let _ = writeln!(md, "- {}", w.message);
        }
    }
    md
}

/// With capacity providers: each service's allocation, each provider's tasks and cost, the total
/// against all On-Demand, then each Auto Scaling group's results and CAS under its name.
fn providers_md(md: &mut String, p: &Plan, link: &str) {
    let _ = writeln!(
        md,
        "# ECS capacity plan: {} capacity providers\n\nMade with ECS Capacity Planner {}. {}\n\n## Where each task runs\n",
        p.providers.len(),
        env!("CARGO_PKG_VERSION"),
        back_link(link)
    );
    for (k, e) in &p.explanations {
        if k.starts_with("allocation.") {
            let _ = writeln!(md, "- {}", cell(e));
        }
    }
    md.push_str("\n| Provider | Kind | Tasks | Instances | Per month | All On-Demand | How |\n|---|---|---|---:|---:|---:|---|\n");
    for o in &p.providers {
        let tasks: Vec<String> = o.tasks.iter().map(|(k, n)| format!("{k} {n}")).collect();
        let _ = writeln!(
            md,
            "| {} | {}{} | {} | {} | {} | {} | {} |",
            cell(&o.name),
            o.kind,
            if o.spot && o.kind == "asg" {
                " (Spot)"
            } else {
                ""
            },
            cell(&tasks.join(", ")),
            o.instances_needed.map_or("-".to_string(), thousands),
            usd(o.monthly),
            usd(o.on_demand_monthly),
            cell(&o.explanation)
        );
    }
    if let Some(t) = &p.cost.providers_total {
        let _ = writeln!(
            md,
            "\nIn all: {} a month ({} an hour); all On-Demand it would be {} a month. {}",
            usd(t.monthly),
            usd(t.hourly),
            usd(t.all_on_demand_monthly),
            explanation(p, "cost.providers")
        );
    }
    for o in p.providers.iter().filter_map(|o| o.no_fallback.as_ref()) {
        let _ = writeln!(md, "\n**{}**", cell(o));
    }
    for (name, sub) in group_plans(p) {
        let prefix = format!("{name}: ");
        results_md(md, sub, &prefix);
        cas_md(md, sub, &prefix);
    }
}

/// The link back to this view: an address, or a query alone (the page opened as a file, no site
/// address set) given as text to add after the planner's address.
fn back_link(link: &str) -> String {
    if link.starts_with('?') {
        format!("The scenario's query, to add after the planner's address: `{link}`")
    } else {
        format!("Open this exact view: <{link}>")
    }
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
    let _ = writeln!(
        md,
        "Made with ECS Capacity Planner {}. {}\n",
        env!("CARGO_PKG_VERSION"),
        back_link(link)
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
/// `prefix` goes before the heading (a provider's name).
fn results_md(md: &mut String, p: &Plan, prefix: &str) {
    let _ = write!(
        md,
        "\n## {prefix}Results\n\n| | Value | How |\n|---|---:|---|\n"
    );
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
/// `prefix` goes before the heading (a provider's name).
fn cas_md(md: &mut String, p: &Plan, prefix: &str) {
    let c = &p.cas;
    let _ = writeln!(md, "\n## {prefix}Cluster Auto Scaling with {} instance(s) running\n\n| | Value | How |\n|---|---:|---|", c.n);
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

    /// With capacity providers the Markdown covers every provider (the review found it told of
    /// the first group only) and the placement CSV names each row's provider.
    #[test]
    fn exports_cover_every_provider() {
        let p = crate::model::providers::plan_input(
            &crate::io::read::scenario_from_text(
                r#"{"instanceType":"m6g.large","services":[{"name":"api","cpu":512,"memory":1024,"desiredCount":10}],
                    "capacityProviders":[{"name":"od","kind":"asg"},{"name":"spot","kind":"asg","spot":true},{"name":"FARGATE","kind":"fargate"}],
                    "defaultStrategy":[{"capacityProvider":"od","base":2,"weight":1},{"capacityProvider":"spot","weight":3}]}"#,
            )
            .unwrap(),
        )
        .unwrap();
        let md = markdown(&p, "https://x.example/?v=1");
        for part in [
            "# ECS capacity plan: 3 capacity providers",
            "- api: 2 base + 2 on od, 6 on spot",
            "| od | asg | api 4 | 1 |",
            "| spot | asg (Spot) | api 6 | 2 |",
            "| FARGATE | fargate |  | - |",
            "## od: Results",
            "## spot: Cluster Auto Scaling with 0 instance(s) running",
            "all On-Demand it would be",
        ] {
            assert!(md.contains(part), "{part:?} not in\n{md}");
        }
        let csv = placement_csv(&p);
        let lines: Vec<&str> = csv.lines().collect();
        assert!(lines[0].starts_with("provider,instance,type"));
        assert_eq!(lines.len(), 1 + 1 + 2, "{csv}");
        assert!(
            lines[1].starts_with("od,1,m6g.large,") && lines[3].starts_with("spot,2,"),
            "{csv}"
        );
    }

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
        // A Savings Plans discount is in the cost and its derivation (issue 15).
        let sp = plan_input(
            &parse_json(r#"{"services":[{"name":"a|b","cpu":256,"memory":512,"desiredCount":100}],"daemons":[{"name":"log, router","cpu":64,"memory":128}],"commitmentDiscount":25}"#)
                .unwrap(),
        )
        .unwrap();
        let md_sp = markdown(&sp, "https://x.example/?v=1");
        assert!(md_sp.contains("| EC2 | $275.94 |"), "{md_sp}");
        assert!(md_sp.contains("x (1 - 25 % Savings Plans / Reserved discount, as entered)"));
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
