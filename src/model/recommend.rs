//! The instance-type recommender (issue 5): every catalog type, filtered, planned for the scenario's
//! services, ranked by monthly cost. Types on which some task never fits are listed after the rest,
//! with `fits: false`.

use serde::Serialize;

use super::capacity::{self, Limit, TaskReq};
use super::catalog::{self, Arch};
use super::cost::HOURS_PER_MONTH;
use super::packing;
use super::scenario::{NetworkMode, Scenario};
use super::units::thousands;

/// Which types to consider.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    /// Only this architecture.
    pub arch: Option<Arch>,
    /// Only these families ("m6g", "t4g"); empty: all.
    pub families: Vec<String>,
    /// Only these generations (6 for m6g, c6i...); empty: all.
    pub generations: Vec<u32>,
    /// Only types with at least this many vCPUs (0: all).
    pub min_vcpu: u32,
    /// Only types with at least this much nominal memory, MiB (0: all).
    pub min_memory_mib: u64,
    /// Only these CPU makers; empty: all.
    pub makers: Vec<catalog::Maker>,
    /// Leave out types whose trunk limit is inferred (keep AWS's table's, and types without one).
    pub trunk_from_aws_only: bool,
}

impl Options {
    /// Whether type `t` passes these options.
    pub fn pass(&self, t: &catalog::InstanceType) -> bool {
        self.arch.is_none_or(|a| t.arch == a)
            && (self.families.is_empty() || self.families.iter().any(|f| f == t.family()))
            && (self.generations.is_empty() || self.generations.contains(&t.generation()))
            && t.vcpu >= self.min_vcpu
            && t.memory_mib >= self.min_memory_mib
            && (self.makers.is_empty() || self.makers.contains(&t.maker()))
            && !(self.trunk_from_aws_only && matches!(t.trunking, catalog::Trunking::Inferred(_)))
    }
}

/// One ranked type.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Recommendation {
    /// The type.
    pub instance_type: String,
    /// "x86_64" or "arm64".
    pub arch: &'static str,
    /// The family ("m6g").
    pub family: String,
    /// The generation (6 for m6g).
    pub generation: u32,
    /// vCPUs.
    pub vcpu: u32,
    /// Nominal memory, MiB.
    #[serde(rename = "memoryMiB")]
    pub memory_mib: u64,
    /// Who makes the CPU: "aws", "intel", "amd".
    pub maker: &'static str,
    /// Where its trunk limit comes from: "ecs-doc", "inferred", or null (no trunking).
    pub trunk_source: Option<&'static str>,
    /// USD per instance-hour used: the scenario's price for the type, else the list price.
    pub price_per_hour: f64,
    /// Whether this type holds every desired task: each service's task fits it at least once, and
    /// the placement leaves no task unplaced (the instance cap can, with many small instances).
    pub fits: bool,
    /// Desired tasks the placement on this type leaves unplaced (0 when it fits).
    pub unplaced_tasks: u64,
    /// Instances placement opens for every desired task.
    pub instances_needed: u64,
    /// instances x price x 730 x the price multiplier.
    pub monthly_cost: f64,
    /// Share of the paid CPU (vCPU x 1024 per instance) that tasks reserve, 0-1.
    pub cpu_used_share: f64,
    /// Share of the paid (nominal) memory that tasks reserve, 0-1.
    pub memory_used_share: f64,
    /// The share of paid capacity no task reserves: 1 - the mean of the CPU and memory shares.
    pub waste_share: f64,
    /// The first service's limiting resource on this type.
    pub limited_by: Limit,
    /// Whether every awsvpc service's task fits this type (true when there are none).
    pub awsvpc_fits: bool,
    /// model.md section 3's lower bound on instances of this type (0 when a task does not fit).
    pub lower_bound: u64,
    /// Whether placement ran for this type. When false (see [`WORK_ALL`]), `instancesNeeded` and
    /// `monthlyCost` are the lower bound and its cost, `fits` is false (not known), the shares are
    /// those of the bound, and `notPlanned` says why.
    pub planned: bool,
    /// Why the type was not planned; absent when it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_planned: Option<String>,
}

impl Recommendation {
    /// Whether the type may hold every task: it does, or it was not planned and its bound is
    /// within the instance cap (so nothing says it does not).
    pub fn may_fit(&self) -> bool {
        self.fits || (!self.planned && self.lower_bound <= super::validate::MAX_INSTANCES)
    }
}

/// Placement work (tasks placed plus services x instances opened, the scans) below which the
/// ranking plans every type. Past it, a type whose lower bound already costs more than the
/// cheapest type that holds every task is listed with its bound, not planned: it cannot be
/// cheaper. An assumption of this app (issue 13 point 18: 100 services of 10,000 one-unit tasks
/// place a million tasks per type, about 2,000,000 of this work).
pub const WORK_ALL: u64 = 4_000_000;

/// Placement work after which no further type is planned: the rest are listed with their bounds
/// (about 1 s natively, so `recommend()` stays within its 3 s target at every corner of the caps).
pub const WORK_CAP: u64 = 12_000_000;

/// Ranks every catalog type that passes `options` for the scenario's services.
pub fn recommend(s: &Scenario, options: &Options) -> Vec<Recommendation> {
    let mut r = Ranking::new(s, options);
    while !r.advance(usize::MAX) {}
    r.finish()
}

/// A ranking that runs a few types at a time, so a page can draw between steps and show how far
/// it got (100 services of 10,000 tasks each with distinctInstance place a million tasks per
/// type). Stepping changes nothing: `recommend` is `advance` until done.
pub struct Ranking {
    s: Scenario,
    /// The types that pass the options, with their bounds, in catalog order.
    types: Vec<(catalog::InstanceType, Bound)>,
    /// Whether each type is ranked.
    done: Vec<bool>,
    reqs: Vec<(TaskReq, u64)>,
    cpu: u64,
    mem: u64,
    next: usize,
    out: Vec<Recommendation>,
    /// Placement work done so far (see [`WORK_ALL`]).
    work: u64,
    /// The desired tasks of every service: each planned type places them.
    tasks: u64,
    /// The cheapest monthly cost of a planned type that holds every task.
    best: Option<(f64, String)>,
    /// [`WORK_ALL`] and [`WORK_CAP`] (tests lower them).
    limits: (u64, u64),
}

/// A type's offer and lower bound, before it is planned.
struct Bound {
    /// The type's offer (None: the daemons do not fit it).
    offer: Option<capacity::Offer>,
    /// Instances (0 when some task fits no instance of the type).
    instances: u64,
    /// Their monthly cost.
    cost: f64,
}

impl Ranking {
    /// The types that pass `options`, none ranked yet.
    pub fn new(s: &Scenario, options: &Options) -> Self {
        Self::with_limits(s, options, (WORK_ALL, WORK_CAP))
    }

    /// As [`Ranking::new`], with other work limits than [`WORK_ALL`] and [`WORK_CAP`].
    pub fn with_limits(s: &Scenario, options: &Options, limits: (u64, u64)) -> Self {
        let types = catalog::catalog()
            .iter()
            .filter(|t| options.pass(t))
            .map(|t| {
                let b = bound(s, t);
                (t.clone(), b)
            })
            .collect::<Vec<_>>();
        Ranking {
            s: s.clone(),
            done: vec![false; types.len()],
            types,
            reqs: s
                .services
                .iter()
                .map(|x| (TaskReq::of(x), x.desired_count))
                .collect(),
            cpu: s.total_cpu(),
            mem: s.total_memory(),
            next: 0,
            out: Vec::new(),
            work: 0,
            tasks: s.services.iter().map(|x| x.desired_count).sum(),
            best: None,
            limits,
        }
    }

    /// Ranks at most `n` more types; true when every type is ranked.
    pub fn advance(&mut self, n: usize) -> bool {
        let end = self.next.saturating_add(n).min(self.types.len());
        for _ in self.next..end {
            let Some(i) = self.pick() else {
                break;
            };
            if let Some(d) = self.done.get_mut(i) {
                *d = true;
            }
            let Some((t, b)) = self.types.get(i) else {
                continue;
            };
            let skip = self.skip(b);
            let r = match skip {
                Some(why) => self.unplanned(t, b, why),
                None => self.rank(t, b),
            };
            if let Some(r) = r {
                if r.planned {
                    self.work = self.work.saturating_add(self.tasks).saturating_add(
                        (self.reqs.len() as u64).saturating_mul(r.instances_needed),
                    );
                }
                if r.fits && self.best.as_ref().is_none_or(|(c, _)| r.monthly_cost < *c) {
                    self.best = Some((r.monthly_cost, r.instance_type.clone()));
                }
                self.out.push(r);
            }
        }
        self.next = end;
        self.next >= self.types.len()
    }

    /// The next type to rank: the cheapest lower bound not ranked yet, ties by name, so the types
    /// most likely to be cheapest are planned before the work limits can stop the ranking. (A scan
    /// of at most the catalog's 147 types, not a sort: a sort of these would add its own code to the wasm.)
    fn pick(&self) -> Option<usize> {
        self.types
            .iter()
            .zip(&self.done)
            .enumerate()
            .filter(|(_, (_, done))| !**done)
            .min_by(|(_, ((a, x), _)), (_, ((b, y), _))| {
                x.cost.total_cmp(&y.cost).then_with(|| a.name.cmp(&b.name))
            })
            .map(|(i, _)| i)
    }

    /// Types ranked so far, and in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.types.len())
    }

    /// The ranking: types that fit first, cheapest first; ties by name, so the order is stable.
    pub fn finish(self) -> Vec<Recommendation> {
        let mut out = self.out;
        super::order::small(&mut out, |a, b| {
            b.fits
                .cmp(&a.fits)
                .then(b.planned.cmp(&a.planned))
                .then(a.monthly_cost.total_cmp(&b.monthly_cost))
                .then_with(|| a.instance_type.cmp(&b.instance_type))
        });
        out
    }

    /// Why the next type (bound `b`) is not planned, or None to plan it (see [`WORK_ALL`]).
    fn skip(&self, b: &Bound) -> Option<String> {
        if b.instances == 0 {
            // No placement runs for a type some task does not fit: nothing to save.
            return None;
        }
        let cap = super::validate::MAX_INSTANCES;
        if b.instances > cap {
            return Some(format!(
                "does not fit: its lower bound, {} instances, is above the cap of {} instances",
                thousands(b.instances),
                thousands(cap)
            ));
        }
        let (all, stop) = self.limits;
        if self.work >= stop {
            return Some(format!(
                "not planned: the ranking stopped after {} of placement work (its cap is {}, \
                 so no scenario within the caps freezes the page); the figures are the lower bound",
                thousands(self.work),
                thousands(stop)
            ));
        }
        match &self.best {
            Some((cost, name)) if self.work >= all && b.cost > *cost => Some(format!(
                "not planned: even its lower bound costs more than {name}, which holds every \
                 task (ranking {} of placement work plans only types that could be cheaper); \
                 the figures are the lower bound",
                thousands(self.work)
            )),
            _ => None,
        }
    }

    /// A type listed with its lower bound, not planned.
    fn unplanned(
        &self,
        t: &catalog::InstanceType,
        b: &Bound,
        why: String,
    ) -> Option<Recommendation> {
        let offer = b.offer.as_ref()?;
        let fits: Vec<capacity::Fit> = self
            .reqs
            .iter()
            .map(|(r, _)| capacity::fit(offer, r))
            .collect();
        let mut r = self.figures(t, b, &fits, b.instances, (0, 0, 0));
        r.fits = false;
        r.planned = false;
        r.not_planned = Some(why);
        Some(r)
    }

    /// One type planned for the scenario's services.
    fn rank(&self, t: &catalog::InstanceType, b: &Bound) -> Option<Recommendation> {
        let (s, reqs) = (&self.s, &self.reqs);
        let offer = b.offer.as_ref()?;
        let fits: Vec<capacity::Fit> = reqs.iter().map(|(r, _)| capacity::fit(offer, r)).collect();
        let all_fit = fits.iter().all(|f| f.k > 0);
        // Tasks the placement could not place (over the instance cap): their reservations are
        // not on any paid instance, so the shares count only what was placed and stay 0-1.
        let (n, unplaced, unplaced_cpu, unplaced_mem) = if all_fit {
            let p = packing::place_for(s, std::slice::from_ref(offer), reqs, Vec::new(), Some(0));
            let mut left = (0u64, 0u64, 0u64);
            for u in &p.unplaced {
                if let Some((r, _)) = reqs.get(u.service) {
                    left.0 += u.count;
                    left.1 += u.count * r.cpu;
                    left.2 += u.count * r.memory;
                }
            }
            (p.instances.len() as u64, left.0, left.1, left.2)
        } else {
            (0, 0, 0, 0)
        };
        let mut r = self.figures(t, b, &fits, n, (unplaced, unplaced_cpu, unplaced_mem));
        r.fits = all_fit && unplaced == 0;
        Some(r)
    }

    /// The figures of `n` instances of `t` holding every task but `unplaced` (tasks, CPU, MiB).
    fn figures(
        &self,
        t: &catalog::InstanceType,
        b: &Bound,
        fits: &[capacity::Fit],
        n: u64,
        unplaced: (u64, u64, u64),
    ) -> Recommendation {
        let (s, cpu, mem) = (&self.s, self.cpu, self.mem);
        let (unplaced, unplaced_cpu, unplaced_mem) = unplaced;
        let awsvpc_fits = s
            .services
            .iter()
            .zip(fits)
            .filter(|(x, _)| x.network_mode == NetworkMode::Awsvpc)
            .all(|(_, f)| f.k > 0);
        let paid_cpu = (n * u64::from(t.vcpu) * 1024).max(1) as f64;
        let paid_mem = (n * t.memory_mib).max(1) as f64;
        let price = s.price_of(t);
        let share = |used: u64, paid: f64| {
            if n > 0 {
                (used as f64 / paid).clamp(0.0, 1.0)
            } else {
                0.0
            }
        };
        let cpu_used_share = share(cpu.saturating_sub(unplaced_cpu), paid_cpu);
        let memory_used_share = share(mem.saturating_sub(unplaced_mem), paid_mem);
        Recommendation {
            instance_type: t.name.clone(),
            arch: t.arch.as_str(),
            family: t.family().to_string(),
            generation: t.generation(),
            vcpu: t.vcpu,
            memory_mib: t.memory_mib,
            maker: t.maker().as_str(),
            trunk_source: match t.trunking {
                catalog::Trunking::Supported(_) => Some("ecs-doc"),
                catalog::Trunking::Inferred(_) => Some("inferred"),
                catalog::Trunking::Unsupported => None,
            },
            price_per_hour: price,
            fits: false,
            unplaced_tasks: unplaced,
            instances_needed: n,
            monthly_cost: n as f64 * price * HOURS_PER_MONTH * s.paid_multiplier(),
            cpu_used_share,
            memory_used_share,
            waste_share: if n > 0 {
                1.0 - (cpu_used_share + memory_used_share) / 2.0
            } else {
                1.0
            },
            limited_by: fits.first().map_or(Limit::Memory, |f| f.limited_by),
            awsvpc_fits,
            lower_bound: b.instances,
            planned: true,
            not_planned: None,
        }
    }
}

/// Type `t`'s offer for the scenario's services and the lower bound on its instances.
fn bound(s: &Scenario, t: &catalog::InstanceType) -> Bound {
    // The measured memory belongs to the scenario's own type only; others use the estimate.
    let same = s.types.first().is_some_and(|x| x.name == t.name);
    let sc = Scenario {
        types: vec![t.clone()],
        registered_override: vec![if same {
            s.registered_override.first().copied().flatten()
        } else {
            None
        }],
        running: vec![0],
        ..s.clone()
    };
    let offer = capacity::offer(&sc, 0).ok();
    let reqs: Vec<TaskReq> = s.services.iter().map(TaskReq::of).collect();
    let instances = offer.as_ref().map_or(0, |o| {
        if reqs.iter().all(|r| capacity::fit(o, r).k > 0) {
            super::plan::lower_bound(s, o, &reqs).0
        } else {
            0
        }
    });
    Bound {
        offer,
        instances,
        cost: instances as f64 * s.price_of(t) * HOURS_PER_MONTH * s.paid_multiplier(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate::parse_json;

    fn ranked(scenario: &str, options: Options) -> Vec<Recommendation> {
        let (s, _) = crate::model::validate::validate(&parse_json(scenario).unwrap()).unwrap();
        recommend(&s, &options)
    }

    /// Ranking in steps of any size gives what `recommend` gives at once.
    #[test]
    fn stepping_changes_nothing() {
        let (s, _) = crate::model::validate::validate(
            &parse_json(r#"{"services":[{"cpu":512,"memory":1000,"desiredCount":30},{"cpu":128,"memory":300,"desiredCount":7,"distinctInstance":true}]}"#)
                .unwrap(),
        )
        .unwrap();
        let whole = recommend(&s, &Options::default());
        let n = crate::model::catalog::catalog().len();
        for step in [1, 5, n - 1, n, 1000] {
            let mut r = Ranking::new(&s, &Options::default());
            let mut calls = 1;
            while !r.advance(step) {
                calls += 1;
            }
            assert_eq!(r.progress(), (n, n));
            assert_eq!(calls, n.div_ceil(step).max(1), "step {step}");
            assert_eq!(r.finish(), whole, "step {step}");
        }
    }

    /// Ranked by monthly cost among the types that fit; the ones that do not fit come last.
    #[test]
    fn ranked_by_cost_fitting_first() {
        let r = ranked(
            r#"{"services":[{"cpu":2048,"memory":6000,"desiredCount":10}]}"#,
            Options::default(),
        );
        assert_eq!(r.len(), crate::model::catalog::catalog().len());
        let fit_end = r.iter().position(|x| !x.fits).unwrap_or(r.len());
        assert!(r[fit_end..].iter().all(|x| !x.fits));
        assert!(r[..fit_end]
            .windows(2)
            .all(|w| w[0].monthly_cost <= w[1].monthly_cost));
        assert!(r
            .iter()
            .find(|x| x.instance_type == "t4g.medium")
            .is_some_and(|x| !x.fits));
    }

    /// The cheapest type on which awsvpc tasks fit, ARM only: every entry is arm64, shares are 0-1.
    #[test]
    fn cheapest_arm_type_for_awsvpc_tasks() {
        let r = ranked(
            r#"{"services":[{"cpu":256,"memory":512,"desiredCount":40,"networkMode":"awsvpc"}]}"#,
            Options {
                arch: Some(Arch::Arm64),
                ..Options::default()
            },
        );
        assert!(r.iter().all(|x| x.arch == "arm64"));
        let best = &r[0];
        assert!(best.fits && best.awsvpc_fits);
        assert!(
            best.cpu_used_share > 0.0
                && best.cpu_used_share <= 1.0
                && best.memory_used_share <= 1.0
        );
        // On m6g.large, awsvpc without trunking fits 2 per instance: 20 instances at 0.077 $/h.
        let m6g = r.iter().find(|x| x.instance_type == "m6g.large").unwrap();
        assert_eq!(m6g.instances_needed, 20);
        assert!((m6g.monthly_cost - 20.0 * 0.077 * 730.0).abs() < 1e-9);
        assert_eq!(m6g.limited_by, Limit::Eni);
    }

    /// A type whose placement leaves tasks unplaced (1,000,000 small tasks on t4g.micro reach the
    /// instance cap) does not fit, and every share stays within 0-1.
    #[test]
    fn a_type_that_cannot_hold_every_task_does_not_fit() {
        let r = ranked(
            r#"{"services":[{"cpu":256,"memory":512,"desiredCount":1000000}]}"#,
            Options::default(),
        );
        // t4g.micro's bound (543,525 instances by memory) is past the instance cap: it does not
        // fit, known without placing.
        let micro = r.iter().find(|x| x.instance_type == "t4g.micro").unwrap();
        assert!(
            !micro.fits && !micro.planned && micro.lower_bound > 10_000,
            "{micro:?}"
        );
        assert!(micro
            .not_planned
            .as_deref()
            .is_some_and(|w| w.contains("above the cap of 10,000 instances")));
        assert!(r[0].fits && r[0].unplaced_tasks == 0, "{:?}", r[0]);
        for x in &r {
            for share in [x.cpu_used_share, x.memory_used_share, x.waste_share] {
                assert!((0.0..=1.0).contains(&share), "{x:?}");
            }
        }
    }

    /// Past the work limits a type is listed with its bound, not planned, and that changes no
    /// figure of the types that are: every planned type is as a full ranking has it, the cheapest
    /// type that holds every task is the same, and no type left out is cheaper than it.
    #[test]
    fn work_limits_leave_out_only_types_that_cannot_be_cheaper() {
        let (s, _) = crate::model::validate::validate(
            &parse_json(r#"{"services":[{"cpu":512,"memory":1000,"desiredCount":3000},{"cpu":128,"memory":300,"desiredCount":700,"distinctInstance":true},{"cpu":64,"memory":64,"desiredCount":2000,"hostPort":8080}]}"#)
                .unwrap(),
        )
        .unwrap();
        let full = recommend(&s, &Options::default());
        assert!(full.iter().all(|x| x.planned || x.lower_bound > 10_000));
        let run = |limits| {
            let mut r = Ranking::with_limits(&s, &Options::default(), limits);
            while !r.advance(1) {}
            r.finish()
        };
        let pruned = run((20_000, u64::MAX));
        let best = |v: &[Recommendation]| v.iter().find(|x| x.fits).cloned().unwrap();
        assert_eq!(best(&pruned), best(&full));
        let skipped: Vec<&Recommendation> = pruned
            .iter()
            .filter(|x| {
                x.not_planned
                    .as_deref()
                    .is_some_and(|w| w.contains("costs more"))
            })
            .collect();
        assert!(skipped.len() > 10, "{}", skipped.len());
        for x in &pruned {
            let whole = full
                .iter()
                .find(|y| y.instance_type == x.instance_type)
                .unwrap();
            if x.planned {
                assert_eq!(x, whole);
            } else {
                assert!(!x.fits && x.not_planned.is_some());
                assert!(x.monthly_cost <= whole.monthly_cost, "{x:?} {whole:?}");
                assert!(x.instances_needed == x.lower_bound);
                if x.not_planned
                    .as_deref()
                    .is_some_and(|w| w.contains("costs more"))
                {
                    assert!(x.monthly_cost > best(&full).monthly_cost);
                }
            }
        }
        // Past the cap nothing more is planned, and each type left says so with the cap.
        let capped = run((0, 1));
        let planned = capped.iter().filter(|x| x.planned).count();
        assert!((1..5).contains(&planned), "{planned}");
        assert!(capped
            .iter()
            .filter(|x| !x.planned && x.lower_bound <= 10_000)
            .all(|x| x
                .not_planned
                .as_deref()
                .is_some_and(|w| w.contains("its cap is 1"))));
        assert_eq!(capped.len(), full.len());
    }

    /// Generations filter; a scenario price replaces the list price in the ranking.
    #[test]
    fn generations_and_edited_prices() {
        let seventh = ranked(
            r#"{"services":[{"memory":512,"desiredCount":10}]}"#,
            Options {
                generations: vec![7],
                ..Options::default()
            },
        );
        assert!(!seventh.is_empty() && seventh.iter().all(|x| x.generation == 7));
        assert!(seventh
            .iter()
            .any(|x| x.family == "c7gn" || x.family == "m7g"));
        // t4g.nano is normally cheapest for one tiny task; priced at 0.000001 $/h, t4g.large wins.
        let cheap = ranked(
            r#"{"services":[{"cpu":256,"memory":512,"desiredCount":1}],"instancePrices":{"t4g.large":0.000001}}"#,
            Options::default(),
        );
        assert_eq!(cheap[0].instance_type, "t4g.large");
        assert!((cheap[0].monthly_cost - 0.000001 * 730.0).abs() < 1e-12);
        assert!(
            (cheap[0].waste_share - (1.0 - (256.0 / 2048.0 + 512.0 / 8192.0) / 2.0)).abs() < 1e-12
        );
    }
}
