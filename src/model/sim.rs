//! The timeline (model.md section 5): a deterministic simulation in 15-second ticks of a load curve
//! driving service auto scaling, task placement, PROVISIONING (quota, timeout, replacement), the CAS
//! metric each minute, the Auto Scaling group, instance launch, registration and warm-up, and
//! scale-in. "Without CAS" keeps the group at its starting size.
//!
//! Assumptions (named here and in the API docs):
//! - The load drives the first service; the others keep their desired count.
//! - The run starts at steady state: N instances (the scenario's runningInstances, else the instances
//!   its desired tasks need), tasks already running where they fit.
//! - Tasks that cannot be placed wait (PROVISIONING) also without CAS; for users that is the same as
//!   the immediate failure ECS reports without managed scaling: their calls are not served.
//! - Service scale-in stops tasks on the instance left with the most free memory (binpack's rule).
//! - With managed termination protection off, the group terminates its oldest instances first
//!   (tasks or not); their tasks are placed again. On, only empty instances go, newest first.
//! - Once CAS's reservation has been below target for 15 minutes, a scale-in step may follow each
//!   minute while it stays below (at most max(1, floor(N / 2)) instances a step).

use std::collections::VecDeque;
use std::rc::Rc;

use serde::Serialize;

use super::capacity::{Offer, TaskReq};
use super::cas;
use super::packing::{self, Inst, PlaceInput, Reason, Unplaced};
use super::scenario::Scenario;
use super::units::thousands;

/// Seconds per tick (the article's placement check).
pub const TICK: i64 = 15;
/// Longest run: 7 days.
pub const MAX_MINUTES: u32 = 7 * 24 * 60;
/// Events kept at most (the rest are counted).
pub const MAX_EVENTS: usize = 2_000;

/// Load presets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// Constant at the base load.
    Steady,
    /// Base at midnight, peak at noon, each day (a smooth rise and fall).
    Daily,
    /// Base, then from minute 30 a 5-minute ramp to the peak, held 2 hours, 15 minutes down.
    MonthEnd,
    /// Base until minute 30, then the peak.
    Step,
}

impl Preset {
    /// The API spelling.
    pub fn parse(s: &str) -> Option<Preset> {
        match s {
            "steady" => Some(Preset::Steady),
            "daily" => Some(Preset::Daily),
            "month-end" => Some(Preset::MonthEnd),
            "step" => Some(Preset::Step),
            _ => None,
        }
    }
}

/// The load: concurrent calls over time.
#[derive(Clone, Debug, PartialEq)]
pub enum Load {
    /// A preset between `base` and `peak` concurrent calls.
    Preset {
        /// Which.
        preset: Preset,
        /// Calls at rest.
        base: f64,
        /// Calls at the peak.
        peak: f64,
    },
    /// Points (minute, calls), linear between them, flat beyond the ends; sorted by minute.
    Points(Vec<(f64, f64)>),
}

impl Load {
    /// Concurrent calls at `minute`.
    pub fn at(&self, minute: f64) -> f64 {
        match self {
            Load::Preset { preset, base, peak } => {
                let (b, p) = (*base, *peak);
                match preset {
                    Preset::Steady => b,
                    Preset::Daily => {
                        // A smooth day: smoothstep of a triangle wave, base at midnight, peak at noon
                        // (close to a cosine, without pulling trigonometry into the wasm).
                        let x = 1.0 - (2.0 * (minute % 1440.0) / 1440.0 - 1.0).abs();
                        b + (p - b) * x * x * (3.0 - 2.0 * x)
                    }
                    Preset::MonthEnd => {
                        let (start, up, hold, down) = (30.0, 5.0, 120.0, 15.0);
                        let m = minute - start;
                        if m < 0.0 {
                            b
                        } else if m < up {
                            b + (p - b) * m / up
                        } else if m < up + hold {
                            p
                        } else if m < up + hold + down {
                            p - (p - b) * (m - up - hold) / down
                        } else {
                            b
                        }
                    }
                    Preset::Step => {
                        if minute < 30.0 {
                            b
                        } else {
                            p
                        }
                    }
                }
            }
            Load::Points(pts) => {
                let Some(&(m0, c0)) = pts.first() else {
                    return 0.0;
                };
                if minute <= m0 {
                    return c0;
                }
                for w in pts.windows(2) {
                    let ((ma, ca), (mb, cb)) = (w[0], w[1]);
                    if minute <= mb {
                        return if mb > ma {
                            ca + (cb - ca) * (minute - ma) / (mb - ma)
                        } else {
                            cb
                        };
                    }
                }
                pts.last().map_or(0.0, |&(_, c)| c)
            }
        }
    }
}

/// One run's settings (every one with a default; see `read_run`).
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    /// Minutes to simulate, 1 to 10,080.
    pub minutes: u32,
    /// Instances at the start; None: the scenario's running instances, else what its tasks need.
    pub start_instances: Option<u64>,
    /// The load.
    pub load: Load,
    /// Cluster Auto Scaling on; off keeps the group at its starting size.
    pub with_cas: bool,
    /// Concurrent calls one task serves.
    pub calls_per_task: f64,
    /// Service CPU target, %.
    pub cpu_target: f64,
    /// Service auto scaling minimum tasks.
    pub min_tasks: u64,
    /// Service auto scaling maximum tasks.
    pub max_tasks: u64,
    /// Seconds from placement to serving.
    pub task_start_seconds: i64,
    /// Minutes a task waits in PROVISIONING before it stops and is replaced.
    pub provisioning_timeout_minutes: i64,
    /// Managed termination protection.
    pub termination_protection: bool,
    /// Service scale-out / scale-in cooldown, s.
    pub cooldown_seconds: i64,
    /// Spot interruptions (model.md section 8.1): at a minute, a share of one Spot provider's
    /// instances (Fargate Spot: tasks) get the two-minute notice.
    pub spot_interruptions: Vec<Interruption>,
    /// Spot shortages: windows in which one Spot provider cannot launch.
    pub spot_shortages: Vec<Shortage>,
    /// Seconds a Fargate task takes before its task start time begins (ASSUMPTION, default 40).
    pub fargate_start_seconds: i64,
}

/// A Spot interruption: at `minute`, `share` (0-1) of the provider's running instances (Fargate
/// Spot: tasks), newest first, get the two-minute notice.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interruption {
    /// When.
    pub minute: u32,
    /// Index into the scenario's providers.
    pub provider: usize,
    /// Share interrupted, 0-1.
    pub share: f64,
}

/// A Spot shortage: from `from` to `to` (minutes, `to` excluded) the provider launches nothing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shortage {
    /// First minute.
    pub from: u32,
    /// Minute it ends.
    pub to: u32,
    /// Index into the scenario's providers.
    pub provider: usize,
}

impl Run {
    /// True when the run has Spot events (its "without Spot events" twin differs).
    pub fn has_spot_events(&self) -> bool {
        !(self.spot_interruptions.is_empty() && self.spot_shortages.is_empty())
    }
}

/// One provider's minute (with capacity providers).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderPoint {
    /// The provider's name.
    pub name: String,
    /// Instances launched and not terminated (0 on Fargate).
    pub instances_running: u64,
    /// Tasks placed (running or starting, and draining after a Spot notice).
    pub tasks_running: u64,
    /// Tasks waiting in PROVISIONING on this provider.
    pub tasks_waiting: u64,
    /// Its CapacityProviderReservation, % (ASG providers with CAS).
    pub reservation: Option<f64>,
}

/// One minute of the timeline.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Point {
    /// Minute from the start.
    pub minute: u32,
    /// Concurrent calls offered.
    pub load: f64,
    /// Concurrent calls served.
    pub served: f64,
    /// Desired tasks, all services.
    pub tasks_desired: u64,
    /// Tasks placed (running or starting).
    pub tasks_running: u64,
    /// Tasks placed and past their start time, first service.
    pub tasks_serving: u64,
    /// Tasks waiting in PROVISIONING.
    pub tasks_waiting: u64,
    /// The ASG's desired count.
    pub instances_desired: u64,
    /// Instances launched and not terminated.
    pub instances_running: u64,
    /// Instances registered with ECS.
    pub instances_registered: u64,
    /// CapacityProviderReservation, % (null without CAS; with providers, the first ASG
    /// provider's).
    pub reservation: Option<f64>,
    /// Each provider's minute (absent without capacity providers).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub providers: Vec<ProviderPoint>,
}

/// Something that happened, and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    /// Minute (fractional: ticks are 15 s).
    pub minute: f64,
    /// What and why.
    pub message: String,
}

/// A stretch of minutes in which calls went unserved (the article's 502s).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorWindow {
    /// First minute.
    pub start_minute: u32,
    /// Length in minutes.
    pub minutes: u32,
    /// Share of the window's calls not served, 0-1.
    pub unserved_share: f64,
}

/// The run's summary.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Share of all calls not served, 0-1.
    pub unserved_share: f64,
    /// Minutes with unserved calls.
    pub error_minutes: u32,
    /// Each error window.
    pub error_windows: Vec<ErrorWindow>,
    /// The longest stretch in which tasks waited for capacity, minutes (null if it never ended).
    pub minutes_until_all_placed: Option<f64>,
    /// Most instances running at once.
    pub peak_instances: u64,
    /// Instance-hours.
    pub instance_hours: f64,
    /// USD for those instance-hours: each instance at its type's price (launching ones as the
    /// first type), times the price multiplier.
    pub instance_cost: f64,
    /// Events that happened but were not listed (past MAX_EVENTS).
    pub events_not_listed: u64,
    /// Each provider's hours and cost (absent without capacity providers).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub providers: Vec<ProviderSummary>,
    /// The same run without its Spot events: what Spot cost the users is the difference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub without_spot_events: Option<SpotCost>,
}

/// One provider's share of a run.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderSummary {
    /// Its name.
    pub name: String,
    /// Its kind ("asg", "fargate", "fargate-spot").
    pub kind: &'static str,
    /// Instance-hours (ASG).
    pub instance_hours: f64,
    /// Task-hours: every task running (on Fargate, what is billed).
    pub task_hours: f64,
    /// A Spot group or Fargate Spot.
    pub spot: bool,
    /// USD: instances at their price (Spot: less the Spot discount), Fargate tasks at their size,
    /// Managed Instances' fee included.
    pub cost: f64,
    /// Managed Instances: the management fee in that cost, USD.
    pub fees: f64,
    /// Most tasks waiting on it at once.
    pub peak_waiting: u64,
}

/// The run without its Spot events, to set beside it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SpotCost {
    /// Share of all calls not served without the events, 0-1.
    pub unserved_share: f64,
    /// Minutes with unserved calls without the events.
    pub error_minutes: u32,
    /// Its compute cost, USD.
    pub cost: f64,
}

/// A whole run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Timeline {
    /// Always true.
    pub ok: bool,
    /// The summary.
    pub summary: Summary,
    /// One point a minute.
    pub series: Vec<Point>,
    /// What happened and why.
    pub events: Vec<Event>,
}

#[derive(Default)]
struct Scaler {
    high: u32,
    low: u32,
    last_out: Option<i64>,
    last_in: Option<i64>,
}

/// The running simulation. It owns (shares) its scenario, offers and run, so that a caller can keep
/// it between steps (`Simulation`).
struct Sim {
    s: Rc<Scenario>,
    offers: Rc<[Offer]>,
    run: Rc<Run>,
    reqs: Vec<TaskReq>,
    /// Registered instances and their tasks.
    insts: Vec<Inst>,
    /// Launch time of each registered instance.
    launched: Vec<i64>,
    /// Launch times of instances not registered yet.
    pending: Vec<i64>,
    /// The type each pending instance launches as (beside `pending`): the first, but Managed
    /// Instances' own per group.
    pending_types: Vec<usize>,
    asg_desired: u64,
    desired: Vec<u64>,
    /// Per service: (waiting since, count), oldest first.
    waiting: Vec<VecDeque<(i64, u64)>>,
    /// Per service: (serving from, count), placed but not serving yet.
    starting: Vec<VecDeque<(i64, u64)>>,
    placed: Vec<u64>,
    /// Registered instances running at least one task (CAS's "used"), kept as tasks come and go
    /// so that CAS's minute does not visit every instance.
    used: u64,
    dirty: bool,
    scaler: Scaler,
    cas_low: u32,
    events: Vec<Event>,
    events_dropped: u64,
    /// What placements keep between ticks (None: every placement scans, the reference the memo
    /// must equal).
    memo: Option<packing::Memo>,
    /// With capacity providers: the provider's name and ": ", which starts its events.
    label: String,
    /// A Fargate provider: each service's USD per task-hour (None: no Fargate size holds it, its
    /// tasks wait). None: an Auto Scaling group.
    fargate: Option<Vec<Option<f64>>>,
    /// Tasks waiting in PROVISIONING on the cluster's other providers (the quota is the cluster's).
    quota_elsewhere: u64,
    /// Each Spot notice's instances (their types; none on Fargate), gone at `.0`, with the tasks
    /// (service, count) that serve on them until then.
    draining: Vec<Draining>,
    /// This provider's Spot interruptions: (second, share), and shortages: (from, to) seconds.
    interruptions: Vec<(i64, f64)>,
    shortages: Vec<(i64, i64)>,
    /// Managed Instances: no CAS; it launches for waiting tasks and consolidates.
    managed: Option<ManagedPool>,
}

/// A Managed Instances provider in time (model.md section 9).
#[derive(Clone, Debug, Default)]
struct ManagedPool {
    /// Seconds an instance stays empty, or holds tasks the others could take, before it goes
    /// (-1: never).
    scale_in_after: i64,
    /// The management fee of each type, USD per instance-hour (the multiplier in it).
    fees: Vec<f64>,
    /// The type (index in the pool's types) each service's waiting tasks launch, by service:
    /// each service's tasks are a group with its own type (model.md section 9).
    launch: Vec<usize>,
    /// Since when each registered instance has been empty.
    empty_since: Vec<Option<i64>>,
    /// The last minute tasks waited or instances launched: an underused instance is
    /// consolidated only after `scale_in_after` of quiet.
    last_busy: i64,
}

/// One Spot notice: when its instances go, their types, and the (service, count) tasks on them.
type Draining = (i64, Vec<usize>, Vec<(usize, u64)>);

fn clock(t: i64) -> String {
    let m = t.div_euclid(60);
    let (d, h, mi) = (m / 1440, (m / 60) % 24, m % 60);
    let sec = t.rem_euclid(60);
    let base = if d > 0 {
        format!("day {} {:02}:{:02}", d + 1, h, mi)
    } else {
        format!("{h:02}:{mi:02}")
    };
    if sec == 0 {
        base
    } else {
        format!("{base}:{sec:02}")
    }
}

impl Sim {
    fn log(&mut self, t: i64, message: String) {
        if self.events.len() < MAX_EVENTS {
            self.events.push(Event {
                minute: t as f64 / 60.0,
                message: format!("{} {}{message}", clock(t), self.label),
            });
        } else {
            self.events_dropped += 1;
        }
    }

    fn name(&self, svc: usize) -> &str {
        self.s.services.get(svc).map_or("?", |x| x.name.as_str())
    }

    fn waiting_total(&self) -> u64 {
        self.waiting.iter().flatten().map(|&(_, c)| c).sum()
    }

    fn waiting_of(&self, svc: usize) -> u64 {
        self.waiting
            .get(svc)
            .map_or(0, |q| q.iter().map(|&(_, c)| c).sum())
    }

    /// Tasks placed and past their start time, with those still serving on an instance (or as a
    /// Fargate task) after a Spot notice.
    fn serving_of(&self, svc: usize) -> u64 {
        let starting: u64 = self
            .starting
            .get(svc)
            .map_or(0, |q| q.iter().map(|&(_, c)| c).sum());
        self.placed
            .get(svc)
            .copied()
            .unwrap_or(0)
            .saturating_sub(starting)
            + self.draining_of(Some(svc))
    }

    /// Tasks of `svc` (None: all) still running after a Spot notice.
    fn draining_of(&self, svc: Option<usize>) -> u64 {
        self.draining
            .iter()
            .flat_map(|d| &d.2)
            .filter(|&&(x, _)| svc.is_none_or(|v| v == x))
            .map(|&(_, c)| c)
            .sum()
    }

    /// Every task running: placed, and draining after a Spot notice.
    fn running_total(&self) -> u64 {
        self.placed.iter().sum::<u64>() + self.draining_of(None)
    }

    /// True while this provider cannot launch (a Spot shortage).
    fn short(&self, t: i64) -> bool {
        self.shortages.iter().any(|&(a, b)| a <= t && t < b)
    }

    /// Instances running at least one task, counted (`used` keeps this as it goes).
    /// Instances holding a task (`put` never adds an empty entry and `remove_tasks` drops them).
    fn count_used(&self) -> u64 {
        self.insts.iter().filter(|i| !i.tasks.is_empty()).count() as u64
    }

    /// Instances in the group: registered, launching, and draining after a Spot notice (none on
    /// Fargate).
    fn instances(&self) -> u64 {
        if self.fargate.is_some() {
            return 0;
        }
        let draining: usize = self.draining.iter().map(|d| d.1.len()).sum();
        (self.insts.len() + self.pending.len() + draining) as u64
    }

    /// USD per hour for the instances now (pending ones launch as the first type), with the
    /// scenario's prices and multiplier.
    fn hourly_cost(&self) -> f64 {
        if let Some(prices) = &self.fargate {
            // Fargate bills each running task at its size (prices carry the multiplier and the
            // Spot discount).
            return (0..self.placed.len())
                .map(|svc| {
                    let n = self.placed[svc] + self.draining_of(Some(svc));
                    n as f64 * prices.get(svc).copied().flatten().unwrap_or(0.0)
                })
                .sum();
        }
        let price = |i: usize| self.s.types.get(i).map_or(0.0, |t| t.price_per_hour);
        // Managed Instances' fee (the multiplier already in it), no discount applying to it.
        let fee = self.fee_hourly();
        // One type (the usual case): no need to visit every instance every tick.
        if self.s.types.len() == 1 {
            return fee + self.instances() as f64 * price(0) * self.s.paid_multiplier();
        }
        fee + self.instances_cost(&price)
    }

    /// Takes up to `n` from a queue, newest first (for stopping) or oldest first.
    fn take(q: &mut VecDeque<(i64, u64)>, mut n: u64, newest: bool) -> u64 {
        let mut took = 0;
        while n > 0 {
            let front = if newest { q.back_mut() } else { q.front_mut() };
            let Some(e) = front else { break };
            let k = e.1.min(n);
            e.1 -= k;
            n -= k;
            took += k;
            if e.1 == 0 {
                if newest {
                    q.pop_back();
                } else {
                    q.pop_front();
                }
            }
        }
        took
    }

    /// The group launches `n` instances, unless Spot capacity is short: then the launches fail
    /// and the group retries when the shortage ends (`spot`).
    fn launch(&mut self, t: i64, n: u64) {
        if self.short(t) {
            self.log(t, format!("no Spot capacity: the group cannot launch {n} instance(s) now; it launches them when Spot is back (AWS does not fall back to On-Demand)"));
            return;
        }
        self.pending.extend(std::iter::repeat_n(t, n as usize));
        self.pending_types.resize(self.pending.len(), 0);
    }

    /// As [`Sim::launch`], `n` instances of type `ty`.
    fn launch_typed(&mut self, t: i64, n: u64, ty: usize) {
        let before = self.pending.len();
        self.launch(t, n);
        for x in self.pending_types.iter_mut().skip(before) {
            *x = ty;
        }
    }

    /// Managed Instances' fee per hour for its instances now, each at its type's fee.
    fn fee_hourly(&self) -> f64 {
        let Some(m) = self.managed.as_ref() else {
            return 0.0;
        };
        let fee = |i: usize| m.fees.get(i).copied().unwrap_or(0.0);
        // One type (most providers): no need to visit every instance every tick.
        if m.fees.len() == 1 {
            return self.instances() as f64 * fee(0);
        }
        self.each_instance(&fee)
    }

    /// `f` of each instance's type summed: registered, draining and launching.
    fn each_instance(&self, f: &dyn Fn(usize) -> f64) -> f64 {
        let running: f64 = self.insts.iter().map(|x| f(x.type_index)).sum();
        let draining: f64 = self.draining.iter().flat_map(|d| &d.1).map(|&i| f(i)).sum();
        let pending: f64 = self.pending_types.iter().map(|&i| f(i)).sum();
        running + draining + pending
    }

    fn register(&mut self, t: i64) {
        let launch = i64::from(self.s.settings.launch_seconds);
        self.pending_types.resize(self.pending.len(), 0);
        let (mut ready, mut ready_types, mut left, mut left_types) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (&at, &ty) in self.pending.iter().zip(&self.pending_types) {
            if at + launch <= t {
                ready.push(at);
                ready_types.push(ty);
            } else {
                left.push(at);
                left_types.push(ty);
            }
        }
        if ready.is_empty() {
            return;
        }
        (self.pending, self.pending_types) = (left, left_types);
        let start = self.insts.len();
        if let Some(m) = self.memo.as_mut() {
            (start..start + ready.len()).for_each(|ix| m.changed(ix));
        }
        self.insts.extend(packing::fresh_from(
            &self.offers,
            &ready_types,
            self.s.zones,
            start,
        ));
        self.launched.extend(ready.iter().copied());
        self.dirty = true;
        self.log(
            t,
            format!(
                "{} instance(s) registered with ECS ({} s after launch)",
                ready.len(),
                launch
            ),
        );
    }

    fn start_serving(&mut self, t: i64) {
        for q in &mut self.starting {
            while q.front().is_some_and(|&(at, _)| at <= t) {
                q.pop_front();
            }
        }
    }

    /// Spot at `t` (model.md section 8.1): instances (Fargate Spot: tasks) whose two-minute notice
    /// is over are gone, their remaining tasks stopped; an interruption at this minute puts its
    /// share on notice: nothing new lands there, their tasks serve until they go, and the
    /// scheduler requests their replacements at once on this provider (`reconcile`: they are no
    /// longer counted as placed). The group keeps its desired count: it launches for what it lost
    /// when it can (after a shortage too).
    fn spot(&mut self, t: i64) {
        if self.interruptions.is_empty() && self.shortages.is_empty() && self.draining.is_empty() {
            return;
        }
        let windows: Vec<(i64, i64)> = self.shortages.clone();
        for (a, b) in windows {
            if a == t {
                self.log(t, format!("Spot shortage until {}: no launches on this provider; its tasks wait, with no fallback to another", clock(b)));
            } else if b == t {
                self.log(t, "Spot capacity is back: launches resume".to_string());
            }
        }
        let (gone, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut self.draining)
            .into_iter()
            .partition(|d| d.0 <= t);
        self.draining = kept;
        // A Spot notice's drain ends two minutes after its interruption; any other drain of
        // Managed Instances is a consolidation (the review found those logged as interruptions).
        let interrupted = |d: &(i64, Vec<usize>, Vec<(usize, u64)>)| {
            self.interruptions.iter().any(|&(at, _)| at + 120 == d.0)
        };
        let (gone, consolidated): (Vec<_>, Vec<_>) = if self.managed.is_some() {
            gone.into_iter().partition(|d| interrupted(d))
        } else {
            (gone, Vec::new())
        };
        if !consolidated.is_empty() {
            // Managed Instances' consolidated instances: their tasks' replacements serve now.
            let n: usize = consolidated.iter().map(|d| d.1.len()).sum();
            self.log(t, format!("{n} consolidated instance(s) gone"));
        }
        if !gone.is_empty() {
            let tasks: u64 = gone.iter().flat_map(|d| &d.2).map(|&(_, c)| c).sum();
            let what = if self.fargate.is_some() {
                format!("{tasks} interrupted Fargate Spot task(s) stopped")
            } else {
                format!(
                    "{} interrupted instance(s) gone, {tasks} task(s) on them stopped",
                    gone.iter().map(|d| d.1.len()).sum::<usize>()
                )
            };
            self.log(t, what);
        }
        let shares: Vec<f64> = self
            .interruptions
            .iter()
            .filter(|&&(at, _)| at == t)
            .map(|&(_, share)| share)
            .collect();
        for share in shares {
            self.interrupt(t, share);
        }
        // The group keeps its desired count (Managed Instances sets its own each minute).
        if self.fargate.is_none()
            && self.managed.is_none()
            && !self.short(t)
            && self.instances() < self.asg_desired
        {
            let n = self.asg_desired - self.instances();
            self.log(
                t,
                format!("the group launches {n} instance(s) to keep its desired count"),
            );
            self.launch(t, n);
        }
    }

    /// A Spot interruption of `share` of the running instances (newest first) or Fargate tasks.
    /// Tasks not serving yet stop at once; serving ones drain for the two minutes.
    fn interrupt(&mut self, t: i64, share: f64) {
        let mut types = Vec::new();
        // Tasks per service leaving with the notice.
        let mut leaving = vec![0u64; self.placed.len()];
        if self.fargate.is_some() {
            for (svc, l) in leaving.iter_mut().enumerate() {
                *l = (((self.placed[svc] as f64) * share).round() as u64).min(self.placed[svc]);
            }
        } else {
            let k = ((self.insts.len() as f64 * share).round() as usize).min(self.insts.len());
            let victims: Vec<usize> = (self.insts.len() - k..self.insts.len()).collect();
            types = self.take_instances(&victims, &mut leaving);
        }
        let count = if self.fargate.is_some() {
            leaving.iter().sum::<u64>()
        } else {
            types.len() as u64
        };
        let what = if self.fargate.is_some() {
            "Fargate Spot task(s) get"
        } else {
            "instance(s) (newest first) drain with"
        };
        let moved: u64 = leaving.iter().sum();
        self.drain(t + 120, types, &leaving);
        self.log(
            t,
            format!("Spot interruption: {count} {what} the two-minute notice; {moved} task(s) to replace on this provider, no fallback to another"),
        );
    }

    /// The instances' price alone (Managed Instances adds its fee to it).
    fn instances_cost(&self, price: &dyn Fn(usize) -> f64) -> f64 {
        self.each_instance(price) * self.s.paid_multiplier()
    }

    /// Managed Instances' minute (model.md section 9): it launches at once the instances the
    /// waiting tasks need (no CAS steps or warm-up: AWS documents none) unless Spot is short;
    /// an instance empty for `scaleInAfter` goes; else the least loaded one whose tasks the
    /// others can hold, launched `scaleInAfter` ago, is consolidated: its tasks start on the
    /// others before it goes (ASSUMPTION: one a minute, among at most 500 instances).
    fn managed_minute(&mut self, t: i64) {
        let after = self.managed.as_ref().map_or(-1, |m| m.scale_in_after);
        let waiting: Vec<(TaskReq, u64)> = self
            .reqs
            .iter()
            .enumerate()
            .map(|(svc, r)| (*r, self.waiting_of(svc)))
            .collect();
        let any_waiting = waiting.iter().any(|w| w.1 > 0);
        // At the plan's cap of instances nothing more launches (and nothing is placed to ask).
        let room = super::validate::MAX_INSTANCES.saturating_sub(self.instances());
        if any_waiting && !self.short(t) && room > 0 {
            // Each service's waiting tasks are a group with its own type: placed in turn onto
            // new instances, each group opening instances of its type.
            let launch = self
                .managed
                .as_ref()
                .map(|m| m.launch.clone())
                .unwrap_or_default();
            let mut p = packing::Placement::default();
            for (svc, _) in waiting.iter().enumerate().filter(|(_, w)| w.1 > 0) {
                let group: Vec<(TaskReq, u64)> = waiting
                    .iter()
                    .enumerate()
                    .map(|(i, x)| (x.0, if i == svc { x.1 } else { 0 }))
                    .collect();
                let ty = launch.get(svc).copied().unwrap_or(0);
                p = packing::place_for(&self.s, &self.offers, &group, p.instances, Some(ty));
            }
            let mut said = Vec::new();
            for ty in 0..self.s.types.len() {
                let need = p.instances.iter().filter(|i| i.type_index == ty).count() as u64;
                let launching = self.pending_types.iter().filter(|&&x| x == ty).count() as u64;
                let room = super::validate::MAX_INSTANCES.saturating_sub(self.instances());
                if need > launching && room > 0 {
                    let n = (need - launching).min(room);
                    let name = self.s.types.get(ty).map_or("?", |x| x.name.as_str());
                    said.push(format!("{n} x {name}"));
                    self.asg_desired = self.instances() + n;
                    self.launch_typed(t, n, ty);
                }
            }
            if !said.is_empty() {
                self.log(
                    t,
                    format!(
                        "{} task(s) waiting: Managed Instances launches {} (no CAS steps)",
                        waiting.iter().map(|w| w.1).sum::<u64>(),
                        said.join(" and ")
                    ),
                );
            }
        }
        // No consolidation while tasks wait for capacity or instances launch.
        if any_waiting || !self.pending.is_empty() {
            if let Some(m) = self.managed.as_mut() {
                m.last_busy = t;
            }
            return;
        }
        if after < 0 {
            return;
        }
        let quiet = self
            .managed
            .as_ref()
            .is_some_and(|m| t - m.last_busy >= after);
        let n = self.insts.len();
        let since: Vec<Option<i64>> = {
            let Some(m) = self.managed.as_mut() else {
                return;
            };
            m.empty_since.resize(n, None);
            for (s, i) in m.empty_since.iter_mut().zip(&self.insts) {
                *s = if i.tasks.is_empty() {
                    Some(s.unwrap_or(t))
                } else {
                    None
                };
            }
            m.empty_since.clone()
        };
        let idle: Vec<usize> = (0..n)
            .filter(|&i| {
                since
                    .get(i)
                    .copied()
                    .flatten()
                    .is_some_and(|s| t - s >= after)
            })
            .collect();
        let mut leaving = vec![0u64; self.placed.len()];
        if !idle.is_empty() {
            self.take_instances(&idle, &mut leaving);
            self.log(
                t,
                format!(
                    "{} instance(s) empty for {after} s (scaleInAfter) terminated",
                    idle.len()
                ),
            );
        } else if quiet && n > 1 && n <= 500 {
            // After `scaleInAfter` of quiet, the least loaded instance, if the others hold its
            // tasks.
            let pick = (0..n)
                .filter(|&i| self.launched.get(i).is_some_and(|&at| t - at >= after))
                .filter(|&i| self.insts.get(i).is_some_and(|x| !x.tasks.is_empty()))
                .min_by_key(|&i| (self.insts.get(i).map_or(0, Inst::task_count), i));
            let Some(ix) = pick else { return };
            let mut others = self.insts.clone();
            let moving = others.remove(ix).tasks;
            let services: Vec<(TaskReq, u64)> = (0..self.reqs.len())
                .map(|svc| {
                    let c = moving.iter().filter(|x| x.0 == svc).map(|x| x.1).sum();
                    (self.reqs[svc], c)
                })
                .collect();
            let p = packing::place_for(&self.s, &self.offers, &services, others, None);
            if p.unplaced.is_empty() {
                let types = self.take_instances(&[ix], &mut leaving);
                let tasks: u64 = leaving.iter().sum();
                self.drain(t + self.run.task_start_seconds + TICK, types, &leaving);
                // Their replacements start on the others at once, before the tasks stop.
                self.reconcile(t);
                self.place_waiting(t);
                self.log(t, format!("consolidation: an underused instance's {tasks} task(s) start on the others, then it goes"));
            }
        }
        self.asg_desired = self.instances();
    }

    /// Takes the instances at `victims` (ascending) out of the group, adding their tasks to
    /// `leaving`; their types.
    fn take_instances(&mut self, victims: &[usize], leaving: &mut [u64]) -> Vec<usize> {
        let mut types = Vec::new();
        for &ix in victims {
            if let Some(inst) = self.insts.get(ix) {
                for &(svc, c) in &inst.tasks {
                    if let Some(l) = leaving.get_mut(svc) {
                        *l += c;
                    }
                }
                types.push(inst.type_index);
            }
        }
        let mut i = 0;
        let keep: Vec<bool> = (0..self.insts.len())
            .map(|ix| !victims.contains(&ix))
            .collect();
        self.insts.retain(|_| {
            i += 1;
            keep.get(i - 1).copied().unwrap_or(true)
        });
        let mut i = 0;
        self.launched.retain(|_| {
            i += 1;
            keep.get(i - 1).copied().unwrap_or(true)
        });
        if let Some(mp) = self.managed.as_mut() {
            let mut i = 0;
            mp.empty_since.retain(|_| {
                i += 1;
                keep.get(i - 1).copied().unwrap_or(true)
            });
        }
        if let Some(m) = self.memo.as_mut() {
            m.reset();
        }
        self.used = self.count_used();
        types
    }

    /// The `leaving` tasks stop counting as placed (the scheduler replaces them at once); those
    /// already serving serve on until `gone_at`, on instances of `types` that cost until then.
    fn drain(&mut self, gone_at: i64, types: Vec<usize>, leaving: &[u64]) {
        let mut tasks = Vec::new();
        for (svc, &k) in leaving.iter().enumerate() {
            self.placed[svc] -= k.min(self.placed[svc]);
            let not_serving = self.trim_starting(svc);
            if k > not_serving {
                tasks.push((svc, k - not_serving));
            }
        }
        self.draining.push((gone_at, types, tasks));
        self.dirty = true;
    }

    /// Stopped or moved tasks of `svc` leave its starting queue first (the newest placements);
    /// how many left it.
    fn trim_starting(&mut self, svc: usize) -> u64 {
        let placed = self.placed.get(svc).copied().unwrap_or(0);
        let Some(q) = self.starting.get_mut(svc) else {
            return 0;
        };
        let starting: u64 = q.iter().map(|&(_, c)| c).sum();
        Self::take(q, starting.saturating_sub(placed), true)
    }

    fn timeouts(&mut self, t: i64) {
        let limit = self.run.provisioning_timeout_minutes * 60;
        for svc in 0..self.waiting.len() {
            let mut stopped = 0;
            if let Some(q) = self.waiting.get_mut(svc) {
                // The queue is oldest first, so the expired entries are at its front.
                while q.front().is_some_and(|&(since, _)| since + limit <= t) {
                    stopped += q.pop_front().map_or(0, |(_, c)| c);
                }
                // Replacements queue behind the tasks that still wait.
                if stopped > 0 {
                    q.push_back((t, stopped));
                }
            }
            if stopped > 0 {
                let name = self.name(svc).to_string();
                self.log(
                    t,
                    format!(
                        "{stopped} {name} task(s) stopped after {} min in PROVISIONING; the service scheduler launched replacements",
                        self.run.provisioning_timeout_minutes
                    ),
                );
            }
        }
    }

    /// Stops `n` placed tasks of `svc`: on the instance left with the most free memory first (ties:
    /// the later instance).
    fn stop_placed(&mut self, svc: usize, n: u64) {
        if self.fargate.is_some() {
            // Fargate: no instance to choose; the newest tasks (those still starting) stop first.
            let k = n.min(self.placed.get(svc).copied().unwrap_or(0));
            if let Some(p) = self.placed.get_mut(svc) {
                *p -= k;
            }
            self.trim_starting(svc);
            return;
        }
        let r = self.reqs[svc];
        // Stopping a task only frees memory there, so an instance stays the choice until it has none
        // of the service left: stop them together (the same as one at a time). The others do not
        // change meanwhile, so one ordering by free memory serves the whole stop.
        let mut order: Vec<(u64, usize)> = self
            .insts
            .iter()
            .enumerate()
            .filter(|(_, i)| i.count_of(svc) > 0)
            .map(|(ix, i)| (i.free_memory, ix))
            .collect();
        super::order::keys(&mut order);
        order.reverse();
        let mut left = n;
        for (_, ix) in order {
            if left == 0 {
                break;
            }
            let Some(inst) = self.insts.get_mut(ix) else {
                continue;
            };
            let k = inst.count_of(svc).min(left);
            remove_tasks(inst, &r, svc, k);
            if let Some(m) = self.memo.as_mut() {
                m.changed(ix);
                m.tasks_delta(svc, inst.az, -(k as i64));
            }
            if inst.tasks.is_empty() {
                self.used = self.used.saturating_sub(1);
            }
            self.placed[svc] -= k;
            left -= k;
        }
        // Stopped tasks leave the starting queue first (the newest placements).
        let serving = self.serving_of(svc);
        let starting: u64 = self.starting[svc].iter().map(|&(_, c)| c).sum();
        let over = (serving + starting).saturating_sub(self.placed[svc]);
        let _ = Self::take(&mut self.starting[svc], over.min(starting), true);
    }

    /// The service scheduler: waiting and placed tasks follow the desired count.
    fn reconcile(&mut self, t: i64) {
        let quota = self.quota();
        for svc in 0..self.desired.len() {
            let have = self.placed[svc] + self.waiting_of(svc);
            let want = self.desired[svc];
            if want > have {
                let room = quota.saturating_sub(self.waiting_total());
                let add = (want - have).min(room);
                if add > 0 {
                    self.waiting[svc].push_back((t, add));
                    self.dirty = true;
                }
            } else if want < have {
                let mut excess = have - want;
                excess -= Self::take(&mut self.waiting[svc], excess, true);
                if excess > 0 {
                    self.stop_placed(svc, excess);
                    self.dirty = true;
                }
            }
        }
    }

    /// The cluster's PROVISIONING quota less what waits on its other providers.
    fn quota(&self) -> u64 {
        u64::from(self.s.settings.provisioning_quota).saturating_sub(self.quota_elsewhere)
    }

    fn place_waiting(&mut self, t: i64) {
        if !self.dirty || self.waiting_total() == 0 {
            self.dirty = false;
            return;
        }
        self.dirty = false;
        if let Some(prices) = &self.fargate {
            // Fargate places every task at once (none while Fargate Spot is short); it serves after
            // Fargate's own start and the task's start time.
            if self.short(t) {
                // Tried again each tick until Fargate Spot has capacity.
                self.dirty = true;
                return;
            }
            let start = self.run.fargate_start_seconds + self.run.task_start_seconds;
            let sized: Vec<bool> = prices.iter().map(Option::is_some).collect();
            for (svc, fits) in sized.into_iter().enumerate() {
                let n = self.waiting_of(svc);
                if fits && n > 0 {
                    Self::take(&mut self.waiting[svc], n, false);
                    self.placed[svc] += n;
                    self.starting[svc].push_back((t + start, n));
                }
            }
            return;
        }
        let counts: Vec<(TaskReq, u64)> = self
            .reqs
            .iter()
            .enumerate()
            .map(|(svc, r)| (*r, self.waiting_of(svc)))
            .collect();
        let insts = std::mem::take(&mut self.insts);
        let input = PlaceInput {
            offers: &self.offers,
            services: &counts,
            strategy: self.s.strategy,
            zones: self.s.zones,
            seed: self.s.seed.wrapping_add(t as u64),
            existing: Vec::new(),
            launch: None,
            cap: super::validate::MAX_INSTANCES,
            frozen: 0,
        };
        let p = packing::place_kept(&input, insts, self.memo.as_mut());
        self.insts = p.instances;
        self.used = self.count_used();
        let start = self.run.task_start_seconds;
        for (svc, &(_, want)) in counts.iter().enumerate() {
            let left: u64 = p
                .unplaced
                .iter()
                .filter(|u| u.service == svc)
                .map(|u| u.count)
                .sum();
            let placed = want - left.min(want);
            if placed > 0 {
                Self::take(&mut self.waiting[svc], placed, false);
                self.placed[svc] += placed;
                self.starting[svc].push_back((t + start, placed));
            }
        }
    }

    /// A view of the cluster for CAS: registered instances, and the waiting tasks as unplaced.
    fn cas_step(&mut self) -> cas::Step {
        let unplaced: Vec<Unplaced> = (0..self.waiting.len())
            .filter_map(|svc| {
                let c = self.waiting_of(svc);
                (c > 0).then_some(Unplaced {
                    service: svc,
                    count: c,
                    reason: Reason::NoCapacity,
                })
            })
            .collect();
        // N counts every instance in the group, registered or not.
        debug_assert_eq!(self.used, self.count_used(), "used drifted");
        cas::evaluate_counts(
            &self.s,
            &self.offers,
            &unplaced,
            self.used,
            self.instances(),
        )
    }

    fn cas_minute(&mut self, t: i64) -> f64 {
        let step = self.cas_step();
        let target = f64::from(self.s.capacity_provider.target_capacity);
        let warm = i64::from(self.s.capacity_provider.warmup_seconds);
        let n = self.instances();
        // Above the group's desired count too: while Spot is short the group holds a desired count
        // it cannot reach, and CAS asks again only for more.
        if step.reservation > target && step.desired > n.max(self.asg_desired) {
            self.cas_low = 0;
            let warming = self
                .launched
                .iter()
                .chain(&self.pending)
                .any(|&at| t - at < warm);
            if !warming {
                let waiting = self.waiting_total();
                let why = match step.groups.iter().find(|g| g.will_scale) {
                    Some(g) => format!(
                        "{}: {} task(s) waiting, {} per instance",
                        g.services
                            .iter()
                            .map(|&i| self.name(i))
                            .collect::<Vec<_>>()
                            .join(" + "),
                        g.count,
                        g.k
                    ),
                    None => format!("{waiting} task(s) waiting"),
                };
                self.log(
                    t,
                    format!(
                        "reservation {} % > {} %: desired {} -> {} ({why})",
                        super::plan::pct(step.reservation),
                        super::units::trim_float(target),
                        self.asg_desired.max(n),
                        step.desired
                    ),
                );
                self.asg_desired = step.desired;
                self.launch(t, step.desired - n);
            }
        } else if step.reservation < target {
            self.cas_low += 1;
            if self.cas_low >= 15 && step.desired < n {
                self.scale_in(t, &step);
            }
        } else {
            self.cas_low = 0;
        }
        step.reservation
    }

    fn scale_in(&mut self, t: i64, step: &cas::Step) {
        let n = self.instances();
        let most = (n - step.desired).min((n / 2).max(1)) as usize;
        let victims: Vec<usize> = if self.run.termination_protection {
            let mut empty: Vec<usize> = (0..self.insts.len())
                .filter(|&ix| !self.insts[ix].is_used())
                .collect();
            empty.reverse();
            empty.truncate(most);
            empty
        } else {
            (0..self.insts.len().min(most)).collect()
        };
        if victims.is_empty() {
            return;
        }
        let mut moved = 0;
        let quota = self.quota();
        for &ix in &victims {
            let tasks = self.insts[ix].tasks.clone();
            for (svc, c) in tasks {
                moved += c;
                self.placed[svc] -= c;
                // Replacements wait within the PROVISIONING quota; the scheduler adds the rest as
                // the quota frees (`reconcile`), as it does for any task it starts.
                let room = quota.saturating_sub(self.waiting_total());
                if room > 0 {
                    self.waiting[svc].push_back((t, c.min(room)));
                }
                let over = self.starting[svc]
                    .iter()
                    .map(|&(_, x)| x)
                    .sum::<u64>()
                    .saturating_sub(self.placed[svc]);
                Self::take(&mut self.starting[svc], over, true);
            }
        }
        let mut keep = vec![true; self.insts.len()];
        for &ix in &victims {
            keep[ix] = false;
        }
        if let Some(m) = self.memo.as_mut() {
            m.reset();
        }
        let mut k = keep.iter();
        self.insts.retain(|_| *k.next().unwrap_or(&true));
        let mut k = keep.iter();
        self.launched.retain(|_| *k.next().unwrap_or(&true));
        self.used = self.count_used();
        self.asg_desired = self.instances();
        self.dirty = true;
        self.log(
            t,
            format!(
                "reservation {} % below target for 15 min: {} instance(s) terminated{}",
                super::plan::pct(step.reservation),
                victims.len(),
                if moved > 0 { format!(", stopping {moved} task(s) that must be placed again (termination protection off)") } else { String::new() }
            ),
        );
    }

    /// Service auto scaling on the first service: target tracking on average CPU.
    fn scale_service(&mut self, t: i64, load: f64) {
        let ready = self.serving_of(0);
        let name = self.name(0).to_string();
        if let Some((want, why)) = autoscale(
            &mut self.scaler,
            &self.run,
            t,
            load,
            ready,
            self.desired[0],
            &name,
        ) {
            self.desired[0] = want;
            self.log(t, why);
        }
    }
}

/// Service auto scaling's minute for the first service, with `ready` tasks serving and `now`
/// desired: the new desired count and why, when it changes.
fn autoscale(
    sc: &mut Scaler,
    run: &Run,
    t: i64,
    load: f64,
    ready: u64,
    now: u64,
    name: &str,
) -> Option<(u64, String)> {
    let cpu = if ready == 0 {
        if load > 0.0 {
            100.0
        } else {
            0.0
        }
    } else {
        (100.0 * load / (ready as f64 * run.calls_per_task)).min(100.0)
    };
    if cpu > run.cpu_target {
        sc.high += 1;
        sc.low = 0;
    } else if cpu < 0.9 * run.cpu_target {
        sc.low += 1;
        sc.high = 0;
    } else {
        sc.high = 0;
        sc.low = 0;
    }
    let cooled = |last: Option<i64>| last.is_none_or(|at| t - at >= run.cooldown_seconds);
    let base = ready.max(1) as f64;
    let want = ((base * cpu / run.cpu_target).ceil() as u64)
        .clamp(run.min_tasks, run.max_tasks.max(run.min_tasks));
    let out = sc.high >= 3 && cooled(sc.last_out) && want > now;
    let scale_in = !out && sc.low >= 15 && cooled(sc.last_in) && cooled(sc.last_out) && want < now;
    if !(out || scale_in) {
        return None;
    }
    let (sign, limit, minutes) = if out {
        sc.last_out = Some(t);
        sc.high = 0;
        (">", run.cpu_target, 3)
    } else {
        sc.last_in = Some(t);
        sc.low = 0;
        ("<", 0.9 * run.cpu_target, 15)
    };
    let (cpu, limit) = (super::plan::pct(cpu), super::plan::pct(limit));
    Some((
        want,
        format!(
            "{name} CPU {cpu} % {sign} {limit} % for {minutes} min: desired tasks {now} -> {want}"
        ),
    ))
}

fn remove_tasks(i: &mut Inst, r: &TaskReq, svc: usize, n: u64) {
    i.remove(r, svc, n);
}

/// The instances a run starts with: the scenario's running instances, else what its desired tasks need.
pub fn starting_instances(s: &Scenario, offers: &[Offer]) -> Vec<usize> {
    let running = cas::running_types(s);
    if !running.is_empty() {
        return running;
    }
    let services: Vec<(TaskReq, u64)> = s
        .services
        .iter()
        .map(|x| (TaskReq::of(x), x.desired_count))
        .collect();
    let p = packing::place_for(s, offers, &services, Vec::new(), Some(0));
    // The group runs within its limits: at least its minimum size (the rest idle, of the first
    // type), at most its maximum (the tasks that do not fit wait from minute 0).
    let max = s.asg_max.max(s.asg_min) as usize;
    vec![0; p.instances.len().clamp(s.asg_min as usize, max)]
}

/// Runs the simulation.
pub fn simulate(s: &Scenario, offers: &[Offer], run: &Run) -> Timeline {
    let mut sim = Simulation::new(s, offers, run);
    while !sim.advance(u64::MAX) {}
    sim.finish()
}

/// A simulation that runs in steps, so a page can draw between them, show how far it got and drop
/// it to cancel: `advance` runs some ticks, `finish` gives the timeline. Stepping changes nothing:
/// `simulate` is `advance` until done.
pub struct Simulation {
    engine: Engine,
    series: Vec<Point>,
    instance_seconds: i64,
    cost: f64,
    t: i64,
    end: i64,
    /// The same run without its Spot events, stepped beside it (what Spot cost the users).
    twin: Option<Box<Simulation>>,
}

/// One Auto Scaling group, or a cluster of capacity providers.
enum Engine {
    One(Box<Sim>),
    Many(Box<Cluster>),
}

impl Engine {
    fn tick(&mut self, t: i64) -> Option<Point> {
        match self {
            Engine::One(sim) => sim.tick(t),
            Engine::Many(c) => c.tick(t),
        }
    }

    fn instances(&self) -> u64 {
        match self {
            Engine::One(sim) => sim.instances(),
            Engine::Many(c) => c.pools.iter().map(Sim::instances).sum(),
        }
    }

    fn hourly_cost(&self) -> f64 {
        match self {
            Engine::One(sim) => sim.hourly_cost(),
            Engine::Many(c) => c.pools.iter().map(Sim::hourly_cost).sum(),
        }
    }
}

impl Simulation {
    /// The cluster at minute 0, before the first tick. With capacity providers, each provider
    /// runs on its own (`Cluster`); `offers` are then unused (each group has its own).
    pub fn new(s: &Scenario, offers: &[Offer], run: &Run) -> Self {
        let run_rc = Rc::new(run.clone());
        let engine = if s.providers.is_empty() {
            Engine::One(Box::new(start(
                Rc::new(s.clone()),
                Rc::from(offers.to_vec()),
                Rc::clone(&run_rc),
                Pool::lone(s),
            )))
        } else {
            Engine::Many(Box::new(Cluster::new(s, run_rc)))
        };
        let twin = run.has_spot_events().then(|| {
            let calm = Run {
                spot_interruptions: Vec::new(),
                spot_shortages: Vec::new(),
                ..run.clone()
            };
            Box::new(Simulation::new(s, offers, &calm))
        });
        Simulation {
            engine,
            series: Vec::with_capacity(run.minutes as usize + 1),
            instance_seconds: 0,
            cost: 0.0,
            t: 0,
            end: i64::from(run.minutes) * 60,
            twin,
        }
    }

    fn lone(&mut self) -> Option<&mut Sim> {
        match &mut self.engine {
            Engine::One(sim) => Some(sim),
            Engine::Many(_) => None,
        }
    }

    /// As [`Simulation::new`], where every placement scans every instance: the reference the
    /// memo is tested against (tests/sim.rs).
    pub fn scanning(s: &Scenario, offers: &[Offer], run: &Run) -> Self {
        let mut sim = Simulation::new(s, offers, run);
        if let Some(x) = sim.lone() {
            x.memo = None;
        }
        sim
    }

    /// As [`Simulation::new`], with a memo that keeps `keep` candidates (tests).
    pub fn keeping(s: &Scenario, offers: &[Offer], run: &Run, keep: u64) -> Self {
        let mut sim = Simulation::new(s, offers, run);
        if let Some(x) = sim.lone() {
            x.memo = Some(packing::Memo::keeping(keep));
        }
        sim
    }

    /// Runs at most `ticks` ticks of 15 s; true when the run is over.
    pub fn advance(&mut self, ticks: u64) -> bool {
        if let Some(twin) = self.twin.as_mut() {
            twin.advance(ticks);
        }
        let mut left = ticks;
        while self.t <= self.end && left > 0 {
            if let Some(p) = self.engine.tick(self.t) {
                self.series.push(p);
            }
            self.instance_seconds += self.engine.instances() as i64 * TICK;
            self.cost += self.engine.hourly_cost() * TICK as f64 / 3600.0;
            self.t += TICK;
            left -= 1;
        }
        self.t > self.end
    }

    /// Ticks run so far, and in all.
    pub fn progress(&self) -> (u64, u64) {
        let ticks = |t: i64| (t / TICK).max(0) as u64;
        (ticks(self.t).min(ticks(self.end) + 1), ticks(self.end) + 1)
    }

    /// The timeline of the ticks run (the whole run once `advance` said so).
    pub fn finish(self) -> Timeline {
        let (events, dropped, providers) = match self.engine {
            Engine::One(sim) => (sim.events, sim.events_dropped, Vec::new()),
            Engine::Many(c) => c.finish(),
        };
        let mut summary = summarise(&self.series, self.instance_seconds, dropped);
        summary.instance_cost = self.cost;
        summary.providers = providers;
        summary.without_spot_events = self.twin.map(|twin| {
            let t = twin.finish();
            SpotCost {
                unserved_share: t.summary.unserved_share,
                error_minutes: t.summary.error_minutes,
                cost: t.summary.instance_cost,
            }
        });
        Timeline {
            ok: true,
            summary,
            series: self.series,
            events,
        }
    }
}

/// A Managed Instances provider as a pool: its scenario runs the type plan() picks for the
/// provider's tasks (for a provider with none yet, for one task of each service), at its price
/// less Spot or the Savings Plans discount, spread over its subnets' zones or binpacked.
fn managed_pool(
    s: &Scenario,
    pi: usize,
    p: &super::scenario::Provider,
    counts: &[u64],
    sub: &mut Scenario,
) -> Option<ManagedPool> {
    let m = p.managed.as_ref()?;
    let pick_counts: Vec<u64> = if counts.iter().any(|&n| n > 0) {
        counts.to_vec()
    } else {
        vec![1; counts.len()]
    };
    let mut names = super::provider_out::Counts::default();
    for (x, &n) in s.services.iter().zip(&pick_counts) {
        if n > 0 {
            names.insert(x.name.clone(), n);
        }
    }
    let out = super::providers::managed_out(s, pi, p, &pick_counts, names).ok()?;
    // The plan's type for each service's tasks (one type when every group has the same).
    let mut picked: Vec<&super::catalog::InstanceType> = Vec::new();
    let mut launch = vec![0; s.services.len()];
    for (svc, x) in s.services.iter().enumerate() {
        let name = out
            .instance_types
            .iter()
            .find(|g| g.service == x.name)
            .map(|g| g.instance_type.as_str())
            .or(out.instance_type.as_deref());
        let Some(t) = name.and_then(super::catalog::find) else {
            continue;
        };
        let at = match picked.iter().position(|p| p.name == t.name) {
            Some(i) => i,
            None => {
                picked.push(t);
                picked.len() - 1
            }
        };
        if let Some(l) = launch.get_mut(svc) {
            *l = at;
        }
    }
    if picked.is_empty() {
        picked.push(super::catalog::find(out.instance_type.as_deref()?)?);
    }
    sub.types = picked
        .iter()
        .map(|t| super::catalog::InstanceType {
            price_per_hour: s.price_of(t),
            ..(*t).clone()
        })
        .collect();
    sub.registered_override = vec![None; picked.len()];
    sub.running = vec![0; picked.len()];
    sub.asg_min = 0;
    sub.asg_max = super::validate::MAX_INSTANCES as u32;
    sub.commitment_discount = p.commitment_discount;
    sub.price_multiplier = s.price_multiplier * (1.0 - p.spot_discount / 100.0);
    sub.strategy = if m.subnets > 1 {
        super::scenario::Strategy::SpreadAz
    } else {
        super::scenario::Strategy::BinpackMemory
    };
    sub.zones = m.subnets.clamp(1, 6);
    Some(ManagedPool {
        scale_in_after: m.scale_in_after,
        fees: picked
            .iter()
            .map(|t| m.fee(&t.name, t.price_per_hour) * s.price_multiplier)
            .collect(),
        launch,
        empty_since: Vec::new(),
        last_busy: 0,
    })
}

/// A cluster of capacity providers in time (model.md section 8.1): each provider runs on its own
/// (its own CAS, launches, warm-up and Spot events), their waiting tasks share the cluster's
/// PROVISIONING quota, the load drives the first service, and each change of its desired count
/// is split over its strategy again (`strategy::allocate`, so raising it never moves a task).
struct Cluster {
    run: Rc<Run>,
    s: Rc<Scenario>,
    /// One per provider, in the scenario's order.
    pools: Vec<Sim>,
    /// The first service's desired count, and its scaler.
    desired0: u64,
    scaler: Scaler,
    events: Vec<Event>,
    /// Per provider: task-seconds, instance-seconds, cost, the most tasks waiting.
    task_seconds: Vec<i64>,
    instance_seconds: Vec<i64>,
    costs: Vec<f64>,
    fees: Vec<f64>,
    peak_waiting: Vec<u64>,
}

impl Cluster {
    fn new(s: &Scenario, run: Rc<Run>) -> Self {
        let alloc = super::providers::allocations(s);
        let sidecars = s
            .daemons
            .iter()
            .fold((0, 0), |(c, m), d| (c + d.cpu.0, m + d.memory.0));
        let arch = s
            .types
            .first()
            .map_or(super::catalog::Arch::Arm64, |t| t.arch);
        let mut pools = Vec::new();
        let mut quota = u64::from(s.settings.provisioning_quota);
        for (pi, p) in s.providers.iter().enumerate() {
            let counts = alloc.get(pi).cloned().unwrap_or_default();
            let mut sub = super::providers::pool_scenario(s, pi, &counts);
            let off = 1.0 - p.spot_discount / 100.0;
            let managed = managed_pool(s, pi, p, &counts, &mut sub);
            let fargate = (p.kind == super::scenario::ProviderKind::Fargate
                || p.kind == super::scenario::ProviderKind::FargateSpot)
                .then(|| {
                    s.services
                        .iter()
                        .map(|x| {
                            let one = [super::scenario::Service {
                                desired_count: 1,
                                ..x.clone()
                            }];
                            super::cost::cost(
                                &one,
                                sidecars,
                                0,
                                0.0,
                                s.fargate.priced(arch),
                                0,
                                (s.price_multiplier, p.commitment_discount),
                            )
                            .fargate_hourly
                            .map(|h| h * off)
                        })
                        .collect()
                });
            let seconds = |m: u32| i64::from(m) * 60;
            let pool = Pool {
                label: format!("{}: ", p.name),
                fargate,
                quota,
                interruptions: run
                    .spot_interruptions
                    .iter()
                    .filter(|x| x.provider == pi)
                    .map(|x| (seconds(x.minute), x.share))
                    .collect(),
                shortages: run
                    .spot_shortages
                    .iter()
                    .filter(|x| x.provider == pi)
                    .map(|x| (seconds(x.from), seconds(x.to)))
                    .collect(),
                managed,
            };
            // A group whose offers fail holds nothing: plan() refuses such a scenario first.
            let offers = super::capacity::offers(&sub).unwrap_or_default();
            // Each group's own managed termination protection (the run's setting is the lone
            // group's).
            let own = Rc::new(Run {
                termination_protection: p.termination_protection,
                ..(*run).clone()
            });
            let sim = start(Rc::new(sub), Rc::from(offers), own, pool);
            quota = quota.saturating_sub(sim.waiting_total());
            pools.push(sim);
        }
        let n = pools.len();
        Cluster {
            run,
            desired0: s.services.first().map_or(0, |x| x.desired_count),
            s: Rc::new(s.clone()),
            pools,
            scaler: Scaler::default(),
            events: Vec::new(),
            task_seconds: vec![0; n],
            instance_seconds: vec![0; n],
            costs: vec![0.0; n],
            fees: vec![0.0; n],
            peak_waiting: vec![0; n],
        }
    }

    fn serving0(&self) -> u64 {
        self.pools.iter().map(|p| p.serving_of(0)).sum()
    }

    fn tick(&mut self, t: i64) -> Option<Point> {
        for p in &mut self.pools {
            p.begin(t);
        }
        let minute_mark = t % 60 == 0;
        let load = self.run.load.at(t as f64 / 60.0).max(0.0);
        if minute_mark {
            let name = self.s.services.first().map_or("?", |x| x.name.as_str());
            let ready = self.serving0();
            if let Some((want, why)) = autoscale(
                &mut self.scaler,
                &self.run,
                t,
                load,
                ready,
                self.desired0,
                name,
            ) {
                self.desired0 = want;
                let items = self.s.strategies.first().cloned().unwrap_or_default();
                let split = super::providers::split(want, &items);
                for (item, n) in items.iter().zip(split) {
                    if let Some(d) = self
                        .pools
                        .get_mut(item.provider)
                        .and_then(|p| p.desired.get_mut(0))
                    {
                        *d = n;
                    }
                }
                if self.events.len() < MAX_EVENTS {
                    self.events.push(Event {
                        minute: t as f64 / 60.0,
                        message: format!(
                            "{} {why}, split by its strategy: {}",
                            clock(t),
                            self.pools
                                .iter()
                                .zip(&self.s.providers)
                                .filter(|(p, _)| p.desired.first().is_some_and(|&d| d > 0))
                                .map(|(p, pr)| format!(
                                    "{} {}",
                                    p.desired.first().copied().unwrap_or(0),
                                    pr.name
                                ))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    });
                }
            }
        }
        // The quota is the cluster's: each provider's scheduler sees what waits on the others now.
        for i in 0..self.pools.len() {
            let elsewhere: u64 = (self.pools.iter().enumerate())
                .filter(|&(j, _)| j != i)
                .map(|(_, p)| p.waiting_total())
                .sum();
            let p = &mut self.pools[i];
            p.quota_elsewhere = elsewhere;
            p.reconcile(t);
            p.place_waiting(t);
        }
        let point = minute_mark.then(|| self.point(t, load));
        // Each provider's share of the tick, after CAS has acted in it (as the run's totals are
        // counted), so the providers' hours and costs add up to the run's.
        for (i, p) in self.pools.iter().enumerate() {
            self.instance_seconds[i] += p.instances() as i64 * TICK;
            self.task_seconds[i] += p.running_total() as i64 * TICK;
            self.costs[i] += p.hourly_cost() * TICK as f64 / 3600.0;
            self.fees[i] += p.fee_hourly() * TICK as f64 / 3600.0;
            self.peak_waiting[i] = self.peak_waiting[i].max(p.waiting_total());
        }
        point
    }

    /// The minute at `t`: each provider's (CAS reads its group), and the cluster's sums.
    fn point(&mut self, t: i64, load: f64) -> Point {
        let points: Vec<Point> = self.pools.iter_mut().map(|p| p.point(t, load)).collect();
        let serving = self.serving0();
        let sum = |f: fn(&Point) -> u64| points.iter().map(f).sum::<u64>();
        Point {
            minute: (t / 60) as u32,
            load,
            served: load.min(serving as f64 * self.run.calls_per_task),
            tasks_desired: sum(|p| p.tasks_desired),
            tasks_running: sum(|p| p.tasks_running),
            tasks_serving: sum(|p| p.tasks_serving),
            tasks_waiting: sum(|p| p.tasks_waiting),
            instances_desired: sum(|p| p.instances_desired),
            instances_running: sum(|p| p.instances_running),
            instances_registered: sum(|p| p.instances_registered),
            reservation: points.iter().find_map(|p| p.reservation),
            providers: self
                .s
                .providers
                .iter()
                .zip(&points)
                .map(|(pr, p)| ProviderPoint {
                    name: pr.name.clone(),
                    instances_running: p.instances_running,
                    tasks_running: p.tasks_running,
                    tasks_waiting: p.tasks_waiting,
                    reservation: p.reservation,
                })
                .collect(),
        }
    }

    /// Every provider's events and the cluster's, in time order; how many were not listed; each
    /// provider's share.
    fn finish(self) -> (Vec<Event>, u64, Vec<ProviderSummary>) {
        let mut dropped: u64 = self.pools.iter().map(|p| p.events_dropped).sum();
        let mut providers = Vec::new();
        // Each list is in time order already: merged, earliest first (ties: the cluster's, then
        // the providers' in order), with no sort's code in the wasm.
        let mut lists = vec![self.events.into_iter()];
        for (i, (p, pr)) in self.pools.into_iter().zip(&self.s.providers).enumerate() {
            providers.push(ProviderSummary {
                name: pr.name.clone(),
                kind: pr.kind.as_str(),
                spot: pr.spot || pr.kind == super::scenario::ProviderKind::FargateSpot,
                instance_hours: self.instance_seconds[i] as f64 / 3600.0,
                task_hours: self.task_seconds[i] as f64 / 3600.0,
                cost: self.costs[i],
                fees: self.fees[i],
                peak_waiting: self.peak_waiting[i],
            });
            lists.push(p.events.into_iter());
        }
        let mut heads: Vec<Option<Event>> = lists.iter_mut().map(Iterator::next).collect();
        let mut events = Vec::new();
        loop {
            let mut best: Option<(usize, f64)> = None;
            for (i, h) in heads.iter().enumerate() {
                if let Some(e) = h {
                    if best.is_none_or(|(_, m)| e.minute < m) {
                        best = Some((i, e.minute));
                    }
                }
            }
            let Some((i, _)) = best else { break };
            if events.len() < MAX_EVENTS {
                events.extend(heads[i].take());
            } else {
                dropped += 1;
            }
            heads[i] = lists[i].next();
        }
        (events, dropped, providers)
    }
}

/// What makes one provider's part of a cluster differ from a lone group.
struct Pool {
    /// The provider's name and ": " (empty for a lone group).
    label: String,
    /// A Fargate provider: each service's USD per task-hour (None: no Fargate size holds it).
    fargate: Option<Vec<Option<f64>>>,
    /// The PROVISIONING quota left for its waiting tasks at the start.
    quota: u64,
    /// Its Spot interruptions (second, share) and shortages (from, to) in seconds.
    interruptions: Vec<(i64, f64)>,
    shortages: Vec<(i64, i64)>,
    /// Managed Instances.
    managed: Option<ManagedPool>,
}

impl Pool {
    fn lone(s: &Scenario) -> Self {
        Pool {
            label: String::new(),
            fargate: None,
            quota: u64::from(s.settings.provisioning_quota),
            interruptions: Vec::new(),
            shortages: Vec::new(),
            managed: None,
        }
    }
}

fn start(s: Rc<Scenario>, offers: Rc<[Offer]>, run: Rc<Run>, pool: Pool) -> Sim {
    let reqs: Vec<TaskReq> = s.services.iter().map(TaskReq::of).collect();
    let desired: Vec<u64> = s.services.iter().map(|x| x.desired_count).collect();
    let mut placed = vec![0u64; s.services.len()];
    // What does not fit waits, up to the PROVISIONING quota; the scheduler adds the rest as room frees.
    let mut unplaced: Vec<(usize, u64)> = Vec::new();
    let mut insts = Vec::new();
    if let Some(prices) = &pool.fargate {
        // Fargate: every task that has a Fargate size runs.
        for (svc, &n) in desired.iter().enumerate() {
            if prices.get(svc).copied().flatten().is_some() {
                placed[svc] = n;
            } else if n > 0 {
                unplaced.push((svc, n));
            }
        }
    } else {
        let types = match run.start_instances {
            Some(n) => vec![0; n as usize],
            None => starting_instances(&s, &offers),
        };
        // Steady state at the start: tasks already running where they fit, serving.
        let start = cas::place_on(
            &s,
            &offers,
            packing::fresh(&offers, &types, s.zones),
            &desired,
        );
        for i in &start.instances {
            for &(svc, c) in &i.tasks {
                if let Some(p) = placed.get_mut(svc) {
                    *p += c;
                }
            }
        }
        unplaced = start
            .unplaced
            .iter()
            .map(|u| (u.service, u.count))
            .collect();
        insts = start.instances;
    }
    let mut waiting = vec![VecDeque::new(); s.services.len()];
    let mut quota = pool.quota;
    for (svc, count) in unplaced {
        let take = count.min(quota);
        quota -= take;
        if let (true, Some(q)) = (take > 0, waiting.get_mut(svc)) {
            q.push_back((0, take));
        }
    }
    let n0 = insts.len();
    let services = s.services.len();
    let cas_note = if run.with_cas || pool.fargate.is_some() {
        ""
    } else {
        "; Cluster Auto Scaling off"
    };
    let mut sim = Sim {
        s,
        offers,
        run,
        reqs,
        insts,
        launched: vec![i64::MIN / 4; n0],
        pending: Vec::new(),
        pending_types: Vec::new(),
        asg_desired: n0 as u64,
        desired,
        waiting,
        starting: vec![VecDeque::new(); services],
        placed,
        used: 0,
        dirty: false,
        scaler: Scaler::default(),
        cas_low: 0,
        events: Vec::new(),
        events_dropped: 0,
        memo: Some(packing::Memo::default()),
        label: pool.label,
        fargate: pool.fargate,
        quota_elsewhere: 0,
        draining: Vec::new(),
        interruptions: pool.interruptions,
        shortages: pool.shortages,
        managed: pool.managed,
    };
    sim.used = sim.count_used();
    let on = if sim.fargate.is_some() {
        String::new()
    } else {
        format!("{n0} instance(s), ")
    };
    sim.log(
        0,
        format!(
            "start: {on}{} task(s) running, {} waiting{cas_note}",
            sim.placed.iter().sum::<u64>(),
            sim.waiting_total(),
        ),
    );
    sim
}

impl Sim {
    /// A tick's start: instances register, tasks start serving, waits time out, Spot acts.
    fn begin(&mut self, t: i64) {
        self.register(t);
        self.start_serving(t);
        self.timeouts(t);
        self.spot(t);
    }

    /// One tick at `t` seconds; on a minute mark, the minute's point.
    fn tick(&mut self, t: i64) -> Option<Point> {
        self.begin(t);
        // Each minute: service auto scaling decides first, the scheduler acts on it in the same tick,
        // then CAS reads the cluster and the minute is recorded.
        let minute_mark = t % 60 == 0;
        let load = self.run.load.at(t as f64 / 60.0).max(0.0);
        if minute_mark {
            self.scale_service(t, load);
        }
        self.reconcile(t);
        self.place_waiting(t);
        minute_mark.then(|| self.point(t, load))
    }

    /// The minute at `t` as recorded: what was served of `load`, then CAS's reading, then the counts.
    fn point(&mut self, t: i64, load: f64) -> Point {
        let minute = (t / 60) as u32;
        let served = load.min(self.serving_of(0) as f64 * self.run.calls_per_task);
        let reservation = if self.managed.is_some() {
            // Managed Instances: no CAS metric; it launches and consolidates itself.
            self.managed_minute(t);
            None
        } else if self.run.with_cas && self.fargate.is_none() {
            Some(self.cas_minute(t))
        } else {
            None
        };
        Point {
            minute,
            load,
            served,
            tasks_desired: self.desired.iter().sum(),
            // Tasks on an instance after a Spot notice are stopping: they serve until it goes, but
            // are not counted as running (their replacements are, once placed).
            tasks_running: self.placed.iter().sum(),
            // Tasks draining after a Spot notice serve (the calls served count them) but are
            // counted neither running nor serving: they are stopping.
            tasks_serving: self.serving_of(0) - self.draining_of(Some(0)),
            tasks_waiting: self.waiting_total(),
            instances_desired: self.asg_desired,
            instances_running: self.instances(),
            instances_registered: self.insts.len() as u64,
            reservation,
            providers: Vec::new(),
        }
    }
}

fn summarise(series: &[Point], instance_seconds: i64, dropped: u64) -> Summary {
    let total: f64 = series.iter().map(|p| p.load).sum();
    let lost: f64 = series.iter().map(|p| p.load - p.served).sum();
    let mut windows: Vec<ErrorWindow> = Vec::new();
    let mut open: Option<(u32, f64, f64, u32)> = None;
    // Minute m is the minute from m to m + 1: the last point is the run's end, not a minute of it
    // (a run of 10,080 minutes had 10,081 error minutes).
    for p in series.split_last().map_or(series, |(_, rest)| rest) {
        let miss = p.load - p.served;
        if miss > 1e-9 {
            let w = open.get_or_insert((p.minute, 0.0, 0.0, 0));
            w.1 += p.load;
            w.2 += miss;
            w.3 += 1;
        } else if let Some((start, l, m, n)) = open.take() {
            windows.push(ErrorWindow {
                start_minute: start,
                minutes: n,
                unserved_share: if l > 0.0 { m / l } else { 0.0 },
            });
        }
    }
    if let Some((start, l, m, n)) = open.take() {
        windows.push(ErrorWindow {
            start_minute: start,
            minutes: n,
            unserved_share: if l > 0.0 { m / l } else { 0.0 },
        });
    }
    // The longest stretch in which tasks waited, start to the first minute with none waiting.
    let mut longest: Option<f64> = Some(0.0);
    let mut since: Option<u32> = None;
    for p in series {
        match (p.tasks_waiting > 0, since) {
            (true, None) => since = Some(p.minute),
            (false, Some(s0)) => {
                let d = f64::from(p.minute - s0);
                longest = longest.map(|l| l.max(d));
                since = None;
            }
            _ => {}
        }
    }
    if since.is_some() {
        longest = None;
    }
    Summary {
        unserved_share: if total > 0.0 { lost / total } else { 0.0 },
        error_minutes: windows.iter().map(|w| w.minutes).sum(),
        error_windows: windows,
        minutes_until_all_placed: longest,
        peak_instances: series
            .iter()
            .map(|p| p.instances_running)
            .max()
            .unwrap_or(0),
        instance_hours: instance_seconds as f64 / 3600.0,
        instance_cost: 0.0,
        events_not_listed: dropped,
        providers: Vec::new(),
        without_spot_events: None,
    }
}

/// How the timeline's last minute compares with the plan (model.md section 3.1): the plan places
/// every desired task at once, in the listed order (`listed` instances; `best` largest task first)
/// and CAS's steady state is `steady`; the timeline places tasks as the load makes them arrive and
/// scales in only empty instances, so its count can differ from both.
pub fn versus_plan(t: &Timeline, listed: u64, best: u64, steady: u64) -> Option<String> {
    let last = t.series.last()?;
    let n = last.instances_registered;
    let plan = if best == listed {
        format!("{} placed at once", thousands(listed))
    } else {
        format!(
            "{} placed at once in the listed order, {} largest task first",
            thousands(listed),
            thousands(best)
        )
    };
    let why = match n.cmp(&steady) {
        std::cmp::Ordering::Greater => "more: instances opened for the peak stay until they are empty, and CAS scales in at most by half after 15 minutes below its target",
        std::cmp::Ordering::Less => "fewer: tasks arrived in another order than the list and filled the gaps the plan's order leaves",
        std::cmp::Ordering::Equal => "the same",
    };
    Some(format!(
        "At its last minute the timeline has {} instance{} for {} task{}; the plan's steady state is {} ({plan}). The timeline places tasks as the load makes them arrive, so its count can differ: here {why}.",
        thousands(n),
        if n == 1 { "" } else { "s" },
        thousands(last.tasks_running),
        if last.tasks_running == 1 { "" } else { "s" },
        thousands(steady),
    ))
}

/// The three runs the timeline draws.
#[derive(Clone, Debug, PartialEq)]
pub struct Runs {
    /// With Cluster Auto Scaling.
    pub with: Timeline,
    /// The group held at its starting size.
    pub without: Timeline,
    /// With CAS at another targetCapacity.
    pub variant: Option<(u32, Timeline)>,
}
