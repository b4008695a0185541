//! The source article's worked examples, each a one-click scenario with the article's own answer, so
//! the page can show the app's corrected answer beside it.

use super::form::{Form, ServiceForm};
use super::providers::ProviderForm;
use crate::model::plan::Plan;
use crate::model::units::trim_float;

/// One worked example.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Example {
    /// Stable id (used by tests and the page's buttons).
    pub id: &'static str,
    /// What the example is.
    pub title: &'static str,
    /// What the article says.
    pub article: &'static str,
    /// Why the app's answer differs, in a sentence.
    pub why: &'static str,
}

/// Every example, in the article's order.
pub const EXAMPLES: [Example; 8] = [
    Example {
        id: "four-tasks",
        title: "4 tasks of 0.5 vCPU / 1 GB on t4g.medium",
        article: "1 instance",
        why: "t4g.medium registers about 3768 MiB, not 4096: only 3 tasks of 1024 MiB fit, so 2 instances",
    },
    Example {
        id: "four-tasks-awsvpc",
        title: "the same 4 tasks in awsvpc mode",
        article: "1 instance",
        why: "t4g.medium has 3 ENIs and T types cannot trunk: 2 awsvpc tasks per instance, so 2 instances",
    },
    Example {
        id: "hundred-tasks",
        title: "100 tasks of 0.25 vCPU / 512 MB on m6g.large (2 vCPU / 8 GiB), bridge mode",
        article: "8 per instance, 13 instances",
        why: "CPU limits at 8 per instance; registered memory (7782 MiB) still fits 15, so the article holds",
    },
    Example {
        id: "hundred-tasks-awsvpc",
        title: "the same 100 tasks in awsvpc mode, no trunking",
        article: "8 per instance, 13 instances",
        why: "m6g.large has 3 ENIs: 2 awsvpc tasks per instance, so 50 instances",
    },
    Example {
        id: "hundred-tasks-trunking",
        title: "the same 100 tasks in awsvpc mode with ENI trunking",
        article: "8 per instance, 13 instances",
        why: "trunking gives m6g.large 10 task ENIs, so CPU limits again: 13 instances",
    },
    Example {
        id: "hundred-users",
        title: "100 users x 10 calls, 10 concurrent calls per task",
        article: "1,000 concurrent calls, 100 tasks",
        why: "100 tasks carry the peak at 100 % CPU; at the article's own 50 % CPU target, service auto scaling runs 200",
    },
    Example {
        id: "small-tasks",
        title: "\"6-8 small tasks per t4g.medium\" (0.25 vCPU / 512 MB)",
        article: "8 per instance by its arithmetic",
        why: "registered memory 3768 MiB / 512 MiB = 7.4, so 7, memory-bound",
    },
    Example {
        id: "small-tasks-awsvpc",
        title: "the same small tasks in awsvpc mode",
        article: "8 per instance by its arithmetic",
        why: "2 ENIs for tasks on t4g.medium: 2 per instance",
    },
];

/// A one-click scenario with capacity providers (issue 14), and the sentence of what it shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StrategyExample {
    /// Stable id.
    pub id: &'static str,
    /// Its name on the button.
    pub title: &'static str,
    /// What it shows.
    pub shows: &'static str,
}

/// The strategy examples.
pub const STRATEGY_EXAMPLES: [StrategyExample; 4] = [
    StrategyExample {
        id: "od-base-spot",
        title: "base 2 On-Demand, the rest 3:1 on Spot",
        shows: "Of api's 10 tasks, On-Demand takes its base of 2 first, then 1 in 4 of the rest; Spot takes 3 in 4, at 60 % off (an assumed discount). If Spot cannot launch, its tasks wait: AWS does not move them to On-Demand.",
    },
    StrategyExample {
        id: "fargate-spot-1-4",
        title: "Fargate with Fargate Spot 1:4",
        shows: "Of 10 tasks, 2 run on Fargate and 8 on Fargate Spot, at 65 % off (an assumed discount). If Fargate Spot is reclaimed, its tasks do not fail over to Fargate.",
    },
    StrategyExample {
        id: "spot-peak",
        title: "Spot taken at the month-end peak",
        shows: "The first cluster's month-end spike in the timeline: at minute 60 every Spot instance gets the two-minute notice. Its tasks wait on Spot while the group relaunches (On-Demand keeps only its own); the summary sets the calls lost beside the run without it.",
    },
    StrategyExample {
        id: "managed-instances",
        title: "the same services on Managed Instances",
        shows: "api's 10 tasks on ECS Managed Instances: AWS runs the instances, here the cheapest m7g or c7g type for them, plus a 12 % fee (assumed), over 3 subnets' zones. No CAS: there is no Auto Scaling group.",
    },
];

/// The strategy example with this id.
pub fn find_strategy(id: &str) -> Option<&'static StrategyExample> {
    STRATEGY_EXAMPLES.iter().find(|e| e.id == id)
}

/// The example with this id.
pub fn find(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}

/// The form an example loads: the article's numbers, no daemons (the article has none).
pub fn form(id: &str) -> Option<Form> {
    let mut f = Form {
        daemons: Vec::new(),
        ..Form::default()
    };
    let svc = |cpu: &str, mem: &str, n: &str| ServiceForm::new("api", cpu, mem, n);
    match id {
        "four-tasks" | "four-tasks-awsvpc" => {
            f.services = vec![svc("0.5 vCPU", "1 GB", "4")];
        }
        "hundred-tasks" | "hundred-tasks-awsvpc" | "hundred-tasks-trunking" => {
            f.instance_type = "m6g.large".into();
            f.services = vec![svc("0.25 vCPU", "512 MiB", "100")];
            f.trunking = id == "hundred-tasks-trunking";
        }
        "hundred-users" => {
            f.services = vec![svc("0.25 vCPU", "512 MiB", "")];
            f.demand.on = true;
        }
        "small-tasks" | "small-tasks-awsvpc" => {
            f.services = vec![svc("0.25 vCPU", "512 MiB", "8")];
        }
        "od-base-spot" | "spot-peak" => {
            f.instance_type = "m6g.large".into();
            f.services = vec![svc("0.5 vCPU", "1 GB", "10")];
            let mut od = ProviderForm::new("od", "asg");
            od.types = "m6g.large".into();
            let mut spot = ProviderForm::new("spot", "asg");
            spot.types = "m6g.large, m7g.large".into();
            spot.spot = true;
            f.providers = vec![od, spot];
            f.cas.running.clear();
            f.default_strategy = "od base=2 weight=1, spot weight=3".into();
            if id == "spot-peak" {
                // The month-end load peaks from minute 35 to 155.
                f.run.spot_interruptions = "60 spot 100%".into();
                f.open = "timeline".into();
            }
        }
        "managed-instances" => {
            f.services = vec![svc("0.5 vCPU", "1 GB", "10")];
            let mut mi = ProviderForm::new("mi", crate::state::providers::MI);
            mi.types = "m7g.*, c7g.*".into();
            f.providers = vec![mi];
            f.cas.running.clear();
        }
        "fargate-spot-1-4" => {
            f.services = vec![svc("0.5 vCPU", "1 GB", "10")];
            // AWS's own names for its Fargate providers.
            f.providers = vec![
                ProviderForm::new("FARGATE", "fargate"),
                ProviderForm::new("FARGATE_SPOT", "fargate-spot"),
            ];
            f.cas.running.clear();
            f.default_strategy = "FARGATE weight=1, FARGATE_SPOT weight=4".into();
        }
        _ => return None,
    }
    if id.ends_with("awsvpc") || id.ends_with("trunking") {
        if let Some(s) = f.services.first_mut() {
            s.network_mode = "awsvpc".into();
        }
    }
    Some(f)
}

/// The app's answer to an example, from its plan, in the words shown beside the article's.
pub fn app_answer(id: &str, p: &Plan) -> String {
    let Some(s) = p.services.first() else {
        return String::new();
    };
    match (id, p.demand) {
        ("hundred-users", Some(d)) => format!(
            "{} concurrent calls, {} tasks at 100 % CPU, {} at the 50 % target",
            trim_float(d.peak_concurrent_calls),
            d.tasks_at100,
            d.tasks_at_target
        ),
        _ => format!(
            "{} per instance ({}-bound), {} instance{}",
            s.tasks_per_instance,
            s.limited_by.label(),
            p.instances_needed,
            if p.instances_needed == 1 { "" } else { "s" }
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::capacity::Limit;

    fn plan(id: &str) -> crate::model::plan::Plan {
        form(id).unwrap().plan().unwrap()
    }

    /// Every example loads and plans.
    #[test]
    fn every_example_plans() {
        for e in EXAMPLES {
            assert!(form(e.id).unwrap().plan().is_ok(), "{}", e.id);
        }
        assert!(form("nope").is_none());
    }

    /// The strategy examples plan per provider as their sentences say.
    #[test]
    fn strategy_examples() {
        for e in STRATEGY_EXAMPLES {
            assert!(find_strategy(e.id).is_some());
        }
        let p = form("od-base-spot").unwrap().plan().unwrap();
        let tasks = |name: &str| {
            p.providers
                .iter()
                .find(|o| o.name == name)
                .map(|o| o.tasks.get("api").copied().unwrap_or(0))
        };
        assert_eq!((tasks("od"), tasks("spot")), (Some(4), Some(6)));
        let spot = p.providers.iter().find(|o| o.name == "spot").unwrap();
        assert!((spot.monthly - spot.on_demand_monthly * 0.4).abs() < 1e-9);
        assert_eq!(p.provider_plans.len(), 2);
        let p = form("fargate-spot-1-4").unwrap().plan().unwrap();
        let n: Vec<u64> = p
            .providers
            .iter()
            .map(|o| o.tasks.get("api").copied().unwrap_or(0))
            .collect();
        assert_eq!(n, [2, 8]);
        let t = p.cost.providers_total.unwrap();
        assert!(t.monthly < t.all_on_demand_monthly);
        assert!(p.provider_plans.is_empty());
        let p = form("managed-instances").unwrap().plan().unwrap();
        let o = &p.providers[0];
        assert_eq!(o.kind, "managed-instances");
        assert!(
            o.instance_type
                .as_deref()
                .is_some_and(|t| t.starts_with("m7g.") || t.starts_with("c7g.")),
            "{o:?}"
        );
        assert!(o.cas.is_none());
    }

    /// "Spot taken at the peak": the timeline opens on a run whose interruption at minute 60
    /// costs calls that the same run without it serves, and On-Demand never takes Spot's tasks.
    #[test]
    fn spot_peak_example_loses_calls_to_the_interruption() {
        let f = form("spot-peak").unwrap();
        assert_eq!(f.open, "timeline");
        let runs = f.run.runs(&f.to_input().0).unwrap();
        let s = &runs.with.summary;
        let calm = s.without_spot_events.unwrap();
        assert!(s.unserved_share > calm.unserved_share, "{s:?}");
        let at = |m: usize, name: &str| {
            let p = &runs.with.series[m];
            p.providers.iter().find(|x| x.name == name).unwrap().clone()
        };
        assert!(at(60, "spot").tasks_waiting > 0);
        assert_eq!(at(60, "od").tasks_waiting, 0);
    }

    /// The app's corrected answers, as the issue states them.
    #[test]
    fn corrected_answers() {
        let p = plan("four-tasks");
        assert_eq!(
            (
                p.article_formula.instances,
                p.services[0].tasks_per_instance,
                p.instances_needed
            ),
            (1, 3, 2)
        );
        let p = plan("four-tasks-awsvpc");
        assert_eq!(
            (
                p.services[0].tasks_per_instance,
                p.services[0].limited_by,
                p.instances_needed
            ),
            (2, Limit::Eni, 2)
        );
        let p = plan("hundred-tasks");
        assert_eq!(
            (
                p.services[0].tasks_per_instance,
                p.services[0].limited_by,
                p.instances_needed
            ),
            (8, Limit::Cpu, 13)
        );
        assert_eq!(plan("hundred-tasks-awsvpc").instances_needed, 50);
        assert_eq!(plan("hundred-tasks-trunking").instances_needed, 13);
        let p = plan("hundred-users");
        let d = p.demand.unwrap();
        assert_eq!(
            (d.peak_concurrent_calls, d.tasks_at100, d.tasks_at_target),
            (1000.0, 100, 200)
        );
        let p = plan("small-tasks");
        assert_eq!(
            (
                p.services[0].tasks_per_instance,
                p.services[0].limited_by,
                p.article_formula.tasks_per_instance
            ),
            (7, Limit::Memory, 8)
        );
        assert_eq!(plan("small-tasks-awsvpc").services[0].tasks_per_instance, 2);
    }

    /// The answer beside the article's states the corrected numbers.
    #[test]
    fn app_answers_read_well() {
        assert_eq!(
            app_answer("four-tasks", &plan("four-tasks")),
            "3 per instance (memory-bound), 2 instances"
        );
        assert_eq!(
            app_answer("hundred-users", &plan("hundred-users")),
            "1000 concurrent calls, 100 tasks at 100 % CPU, 200 at the 50 % target"
        );
    }
}
