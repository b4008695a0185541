//! Placement (model.md section 3): tasks placed one at a time, every task of the first service, then
//! of the second, ..., each by the strategy onto an instance where it fits; when none fits, a new
//! instance opens (if allowed). Deterministic: the same input always gives the same placement.
//!
//! Runs of identical tasks are placed in batches where that provably gives the same result as one at a
//! time (binpack fills the chosen instance until it is full, because its remaining resource only
//! shrinks; with one candidate every strategy picks it), so a million tasks stay fast.
//!
//! Assumptions (named here and in the UI):
//! - Instances are spread over zones by index (instance i in zone i mod zones), as an ASG balances
//!   launches; under spread-az a new instance opens in the zone the task was assigned to.
//! - spread-az: when the chosen zone has no room and no instance may open (CAS with N fixed), the task
//!   goes to the next zone with room, fewest tasks first: strategies are best effort in ECS.
//! - random: a draw (SplitMix64) is made only when two or more instances can take the task.

use std::collections::BinaryHeap;

use serde::Serialize;

use super::capacity::{Offer, TaskReq};
use super::scenario::{Scenario, Strategy};

/// One instance during and after placement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inst {
    /// Index into the scenario's types.
    pub type_index: usize,
    /// Zone index (0 = "a").
    pub az: u32,
    /// CPU units left.
    pub free_cpu: u64,
    /// MiB left.
    pub free_memory: u64,
    /// ENIs left for awsvpc tasks.
    pub free_enis: u64,
    /// Static host ports in use (daemons' and tasks').
    pub ports: Vec<u16>,
    /// (service index, task count), in the order services were placed.
    pub tasks: Vec<(usize, u64)>,
    /// Whether it was running before this placement (CAS's N), or opened by it.
    pub existing: bool,
    /// Bit s set when a task of service s (s < 128) is here: "none of this service here" is
    /// then one test, not a walk of `tasks` (distinctInstance at the caps asks it of every
    /// instance for every service). Kept by `put` and `remove`; see [`Inst::service_bits`].
    pub services: u128,
}

impl Inst {
    /// A new empty instance of `o` (daemons already placed).
    pub fn new(type_index: usize, az: u32, o: &Offer, existing: bool) -> Self {
        let mut ports = o.daemon_ports.clone();
        super::order::small(&mut ports, |a, b| a.cmp(b));
        Inst {
            type_index,
            az,
            free_cpu: o.free_cpu,
            free_memory: o.free_memory,
            free_enis: o.free_enis,
            ports,
            tasks: Vec::new(),
            existing,
            services: 0,
        }
    }

    /// The `services` bits of a task list.
    pub fn service_bits(tasks: &[(usize, u64)]) -> u128 {
        tasks
            .iter()
            .filter(|&&(s, n)| s < 128 && n > 0)
            .fold(0, |m, &(s, _)| m | bit(s))
    }

    /// Whether static port `p` is held here (`ports` is kept sorted).
    fn holds(&self, p: u16) -> bool {
        self.ports.binary_search(&p).is_ok()
    }

    /// Whether a task of service `svc` is here: its bit, without a walk of `tasks` (losing an
    /// instance places its tasks onto instances holding every service, where the walk was half of
    /// a million-task plan).
    fn has_service(&self, svc: usize) -> bool {
        if svc < 128 {
            self.services & bit(svc) != 0
        } else {
            self.count_of(svc) > 0
        }
    }

    /// Tasks of service `svc` on this instance.
    pub fn count_of(&self, svc: usize) -> u64 {
        if svc < 128 && self.services & bit(svc) == 0 {
            return 0;
        }
        // While a service is placed its entry is the last one: check it first.
        match self.tasks.last() {
            Some(&(s, n)) if s == svc => n,
            _ => self
                .tasks
                .iter()
                .find(|&&(s, _)| s == svc)
                .map_or(0, |&(_, n)| n),
        }
    }

    /// Whether a non-daemon task is here: the first entry says (entries hold at least one task;
    /// CAS asks it of every instance at every scale-out, where summing each list was most of a
    /// path of 500 scale-outs over 10,000 instances of 100 services).
    pub fn is_used(&self) -> bool {
        self.tasks.iter().any(|&(_, n)| n > 0)
    }

    /// Non-daemon tasks on this instance.
    pub fn task_count(&self) -> u64 {
        self.tasks.iter().map(|&(_, n)| n).sum()
    }

    /// How many more tasks of `r` (service `svc`) fit now.
    pub fn room_for(&self, r: &TaskReq, svc: usize) -> u64 {
        let mut k = u64::MAX;
        if let Some(n) = self.free_cpu.checked_div(r.cpu) {
            k = k.min(n);
        }
        k = k.min(self.free_memory / r.memory.max(1));
        if r.awsvpc {
            k = k.min(self.free_enis);
        }
        if let Some(p) = r.port {
            k = k.min(u64::from(!self.holds(p)));
        }
        if r.distinct {
            k = k.min(u64::from(!self.has_service(svc)));
        }
        k
    }

    /// Whether one more task of `r` fits now: `room_for(r, svc) > 0` without its divisions (the
    /// test every placement runs on every instance).
    pub fn has_room(&self, r: &TaskReq, svc: usize) -> bool {
        self.free_cpu >= r.cpu
            && self.free_memory >= r.memory.max(1)
            && (!r.awsvpc || self.free_enis > 0)
            && r.port.is_none_or(|p| !self.holds(p))
            && (!r.distinct || !self.has_service(svc))
    }

    fn put(&mut self, r: &TaskReq, svc: usize, n: u64) {
        if n == 0 {
            return;
        }
        self.free_cpu -= r.cpu * n;
        self.free_memory -= r.memory * n;
        if r.awsvpc {
            self.free_enis -= n;
        }
        if let Some(p) = r.port {
            let at = self.ports.binary_search(&p).unwrap_or_else(|e| e);
            self.ports.insert(at, p);
        }
        // A service not here yet (its bit clear) gets a new entry without a walk of the list.
        let absent = svc < 128 && self.services & bit(svc) == 0;
        let entry = if absent {
            None
        } else {
            self.tasks.iter_mut().rev().find(|(s, _)| *s == svc)
        };
        match entry {
            Some((_, c)) => *c += n,
            None => self.tasks.push((svc, n)),
        }
        if svc < 128 {
            self.services |= bit(svc);
        }
    }

    /// Takes `n` tasks of `r` (service `svc`) off this instance, freeing what they held.
    pub fn remove(&mut self, r: &TaskReq, svc: usize, n: u64) {
        self.free_cpu += r.cpu * n;
        self.free_memory += r.memory * n;
        if r.awsvpc {
            self.free_enis += n;
        }
        if let Some(e) = self.tasks.iter_mut().find(|(s, _)| *s == svc) {
            e.1 -= n.min(e.1);
        }
        if let Some(p) = r.port {
            if let Ok(pos) = self.ports.binary_search(&p) {
                self.ports.remove(pos);
            }
        }
        self.tasks.retain(|&(_, c)| c > 0);
        self.services = Inst::service_bits(&self.tasks);
    }
}

/// Service `svc`'s bit in [`Inst::services`] (`svc` < 128). A u128 shift by a variable is a
/// library call in wasm and on x86 (`__ashlti3`, 5 % of a million-task plan); a u64 shift placed
/// in the right half is not.
fn bit(svc: usize) -> u128 {
    let one = 1u64 << (svc % 64);
    if svc < 64 {
        u128::from(one)
    } else {
        u128::from(one) << 64
    }
}

/// Why tasks could not be placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// Placing them would need more instances than one plan allows (10,000).
    InstanceCap,
    /// No running instance has room and none may be opened: they wait (PROVISIONING).
    NoCapacity,
    /// The type new instances launch as cannot take even one.
    DoesNotFit,
}

impl Reason {
    /// The API code.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::InstanceCap => "instance-cap",
            Reason::NoCapacity => "no-capacity",
            Reason::DoesNotFit => "does-not-fit",
        }
    }
}

/// Tasks of one service not placed, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unplaced {
    /// Service index.
    pub service: usize,
    /// How many.
    pub count: u64,
    /// Why.
    pub reason: Reason,
}

/// The result of a placement.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Placement {
    /// Instances, in index order.
    pub instances: Vec<Inst>,
    /// What did not fit, per service and reason.
    pub unplaced: Vec<Unplaced>,
}

/// What to place and where.
pub struct PlaceInput<'a> {
    /// Offers per type (index as the scenario's types).
    pub offers: &'a [Offer],
    /// (requirements, count) per service, in placement order.
    pub services: &'a [(TaskReq, u64)],
    /// The strategy.
    pub strategy: Strategy,
    /// Zones, 1-6.
    pub zones: u32,
    /// Seed of the random strategy.
    pub seed: u64,
    /// Instances already running (possibly holding tasks), in index order; see [`fresh`].
    pub existing: Vec<Inst>,
    /// Type new instances launch as; None when no instance may open (CAS with N fixed).
    pub launch: Option<usize>,
    /// At most this many instances in all.
    pub cap: u64,
    /// The first `frozen` instances take no task: the caller knows none of them has room for any
    /// task placed here (they still count in spread-az's zone balance and toward the cap). It
    /// only saves scanning them; the result is the same as with 0 (tested).
    pub frozen: usize,
}

/// SplitMix64 (Steele, Lea, Flood 2014), written here so no crate upgrade changes a shared result.
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// Seeded generator.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in 0..n (n > 0); the modulo bias is below 2^-40 for n under 2^24.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// Keeps the `n` smallest (key, instance) pairs pushed (in no order): a placement of `n` tasks
/// takes at most `n` picks, each placing at least one task, and a picked instance only moves
/// toward the front, so the rest are never reached. Saves ordering thousands of instances to
/// place a few tasks (the simulator's ticks under a small PROVISIONING quota). Pairs are gathered
/// and cut to the `n` smallest whenever they pass twice that (at least 1,024): a bounded heap
/// did the same in O(log n) a push, the largest part of a million-task plan. The cut sorts (the
/// one sort the app has, order::keys; a selection was 2.6 KB more wasm), and a scan gathers
/// instances in index order, which that sort then finds in order when their keys are equal.
struct Smallest {
    n: usize,
    items: Vec<(u64, usize)>,
}

impl Smallest {
    fn new(n: u64) -> Self {
        Smallest {
            n: usize::try_from(n).unwrap_or(usize::MAX),
            items: Vec::new(),
        }
    }

    fn push(&mut self, x: (u64, usize)) {
        self.items.push(x);
        if self.items.len() > self.n.saturating_mul(2).max(1024) {
            self.cut();
        }
    }

    fn cut(&mut self) {
        if self.items.len() > self.n {
            super::order::keys(&mut self.items);
            self.items.truncate(self.n);
        }
    }

    fn into_vec(mut self) -> Vec<(u64, usize)> {
        self.cut();
        self.items
    }
}

struct Placer<'a> {
    input: &'a PlaceInput<'a>,
    insts: Vec<Inst>,
    unplaced: Vec<Unplaced>,
    rng: SplitMix64,
    /// spread-az: tasks per service per zone before each service is placed (see `zone_tasks_of`).
    zone_table: Option<Vec<Vec<u64>>>,
    /// The simulator's memo, when it passes one (never with frozen instances).
    memo: Option<&'a mut Memo>,
    /// In a stepped run: which given instances took tasks (what is kept of the placement).
    touched: Vec<bool>,
}

/// What orders the candidates of a strategy that takes the smallest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key {
    /// Free memory (binpack(memory), spread-az within a zone).
    Memory,
    /// Free CPU (binpack(cpu)).
    Cpu,
    /// The service's tasks on the instance (spread-instance).
    Count,
}

impl Key {
    fn of(self, i: &Inst, svc: usize) -> u64 {
        match self {
            Key::Memory => i.free_memory,
            Key::Cpu => i.free_cpu,
            Key::Count => i.count_of(svc),
        }
    }
}

/// Candidates a memo keeps per service at least (more when more tasks are placed at once).
const MEMO_KEEP: u64 = 64;

/// One service's kept candidates: per group (zone under spread-az, else one), the members and the
/// bound: every instance with room that is not a member is above the bound (None: every instance
/// with room is a member).
/// A group's members and its bound (None: every instance with room is a member).
type Group = (Vec<(u64, usize)>, Option<(u64, usize)>);

struct Kept {
    req: TaskReq,
    key: Key,
    groups: Vec<Group>,
    /// The log position the members are right as of.
    log_pos: usize,
}

/// What the simulator keeps between its placements so that placing a few tasks does not visit
/// every instance (issue 13 point 18: a week of 15-second ticks over 10,000 instances under a
/// PROVISIONING quota of 2 visited 400 million instances). It keeps, per service, the candidates
/// a scan found (the smallest by the strategy's key, with their bound) and a log of the instances
/// changed since; a placement takes the kept ones that did not change, plus the changed ones that
/// have room. That set holds the smallest candidates whenever enough kept members lie below the
/// bound, else the instances are scanned again. The tasks per service and zone (spread-az) are
/// kept by the changes' deltas. The caller reports every change: `changed`, `tasks_delta`, and
/// `reset` when instances are removed (indexes shift). With the random strategy, which needs every
/// candidate, it scans. A simulation with the memo equals one without (tests/sim.rs).
pub struct Memo {
    kept: Vec<Option<Kept>>,
    /// The random strategy's picker per service (over every instance), its task and log position.
    pickers: Vec<Option<(TaskReq, Picker, usize)>>,
    log: Vec<usize>,
    zone_counts: Option<Vec<Vec<u64>>>,
    /// Candidates kept per service and group at least.
    keep: u64,
}

impl Default for Memo {
    fn default() -> Self {
        Memo::keeping(MEMO_KEEP)
    }
}

impl Memo {
    /// A memo that keeps at least `keep` candidates per group (tests use few, so that the bound
    /// is reached often).
    pub fn keeping(keep: u64) -> Self {
        Memo {
            kept: Vec::new(),
            pickers: Vec::new(),
            log: Vec::new(),
            zone_counts: None,
            keep: keep.max(1),
        }
    }

    /// Instance `ix` changed (tasks, room or ports), or is new.
    pub fn changed(&mut self, ix: usize) {
        self.log.push(ix);
    }

    /// `delta` tasks of `svc` came to (or, negative, left) an instance in zone `az`.
    pub fn tasks_delta(&mut self, svc: usize, az: u32, delta: i64) {
        if let Some(c) = self
            .zone_counts
            .as_mut()
            .and_then(|t| t.get_mut(svc))
            .and_then(|row| row.get_mut(az as usize))
        {
            *c = c.saturating_add_signed(delta);
        }
    }

    /// Instances were removed or reordered: everything kept is dropped.
    pub fn reset(&mut self) {
        *self = Memo::keeping(self.keep);
    }

    /// The kept candidates of `svc`, brought up to date, when they still hold the `n` smallest of
    /// each group; None when a scan is needed.
    fn reuse(
        &mut self,
        svc: usize,
        r: &TaskReq,
        key: Key,
        n: u64,
        insts: &[Inst],
        group_of: impl Fn(&Inst) -> usize,
    ) -> Option<Vec<Vec<(u64, usize)>>> {
        let log_len = self.log.len();
        let kept = self.kept.get_mut(svc)?.as_mut()?;
        let changes = self.log.get(kept.log_pos..)?;
        if kept.req != *r || kept.key != key || changes.len() > insts.len() {
            return None;
        }
        let mut touched: Vec<(u64, usize)> = changes.iter().map(|&ix| (ix as u64, ix)).collect();
        super::order::keys(&mut touched);
        touched.dedup();
        let touched: Vec<usize> = touched.into_iter().map(|(_, ix)| ix).collect();
        for (members, _) in &mut kept.groups {
            members.retain(|&(_, ix)| touched.binary_search(&ix).is_err());
        }
        for &ix in &touched {
            if let Some(i) = insts.get(ix).filter(|i| i.has_room(r, svc)) {
                let (members, _) = kept.groups.get_mut(group_of(i))?;
                members.push((key.of(i, svc), ix));
            }
        }
        // Members only grow by the changed ones (new instances among them): past twice what is
        // kept, the smallest are kept and the bound comes down to the largest of them (every one
        // dropped is above it).
        let keep = usize::try_from(n.max(self.keep)).unwrap_or(usize::MAX);
        for (members, bound) in &mut kept.groups {
            if members.len() > keep.saturating_mul(2) {
                super::order::keys(members);
                members.truncate(keep);
                let top = members.iter().max().copied();
                *bound = match (*bound, top) {
                    (Some(b), Some(t)) => Some(b.min(t)),
                    (b, t) => b.or(t),
                };
            }
        }
        let enough = kept.groups.iter().all(|(members, bound)| match bound {
            None => true,
            Some(b) => members.iter().filter(|m| *m <= b).count() as u64 >= n,
        });
        if !enough {
            return None;
        }
        kept.log_pos = log_len;
        Some(kept.groups.iter().map(|(m, _)| m.clone()).collect())
    }

    /// The random strategy's picker of `svc`, brought up to date; None when it must be built.
    fn take_picker(&mut self, svc: usize, r: &TaskReq, insts: &[Inst]) -> Option<Picker> {
        let (req, mut picker, pos) = self.pickers.get_mut(svc)?.take()?;
        let changes = self.log.get(pos..)?;
        if req != *r || picker.ids.len() != insts.len() || changes.len() > insts.len() {
            return None;
        }
        for &ix in changes {
            picker.set(ix, insts.get(ix).is_some_and(|i| i.has_room(r, svc)));
        }
        Some(picker)
    }

    fn store_picker(&mut self, svc: usize, r: TaskReq, picker: Picker) {
        if self.pickers.len() <= svc {
            self.pickers.resize_with(svc + 1, || None);
        }
        let pos = self.log.len();
        if let Some(slot) = self.pickers.get_mut(svc) {
            *slot = Some((r, picker, pos));
        }
        self.trim_log();
    }

    /// A log longer than a few scans' worth is dropped with everything that reads it.
    fn trim_log(&mut self) {
        if self.log.len() > 1 << 16 {
            self.kept.clear();
            self.pickers.clear();
            self.log.clear();
        }
    }

    fn store(&mut self, svc: usize, kept: Kept) {
        if self.kept.len() <= svc {
            self.kept.resize_with(svc + 1, || None);
        }
        if let Some(slot) = self.kept.get_mut(svc) {
            *slot = Some(kept);
        }
        self.trim_log();
    }
}

impl<'a> Placer<'a> {
    /// Puts `n` tasks of `svc` on instance `ix`, telling the memo.
    fn put(&mut self, ix: usize, r: &TaskReq, svc: usize, n: u64) {
        let Some(i) = self.insts.get_mut(ix) else {
            return;
        };
        i.put(r, svc, n);
        if let Some(t) = self.touched.get_mut(ix) {
            *t = true;
        }
        if let Some(m) = self.memo.as_deref_mut() {
            m.changed(ix);
            m.tasks_delta(svc, i.az, n as i64);
        }
    }

    /// Per group (zone when `by_zone`, else one), candidates for placing `n` tasks of `svc` that
    /// hold the `n` smallest by `key` among the instances with room (past the frozen ones): from
    /// the memo when it can say, else by a scan (kept in the memo for next time).
    fn candidates(
        &mut self,
        svc: usize,
        r: &TaskReq,
        n: u64,
        key: Key,
        by_zone: bool,
    ) -> Vec<Vec<(u64, usize)>> {
        let groups = if by_zone {
            self.input.zones.max(1) as usize
        } else {
            1
        };
        let group_of = |i: &Inst| if by_zone { i.az as usize } else { 0 };
        if let Some(memo) = self.memo.as_deref_mut() {
            if let Some(c) = memo.reuse(svc, r, key, n, &self.insts, group_of) {
                return c;
            }
        }
        let keep = self.memo.as_ref().map_or(n, |m| n.max(m.keep));
        let mut scans: Vec<Smallest> = (0..groups).map(|_| Smallest::new(keep)).collect();
        let frozen = self.input.frozen.min(self.insts.len());
        let mut found = vec![0u64; groups];
        for (ix, i) in self.insts.iter().enumerate().skip(frozen) {
            if i.has_room(r, svc) {
                if let Some(g) = scans.get_mut(group_of(i)) {
                    g.push((key.of(i, svc), ix));
                }
                if let Some(f) = found.get_mut(group_of(i)) {
                    *f += 1;
                }
            }
        }
        let out: Vec<Vec<(u64, usize)>> = scans.into_iter().map(Smallest::into_vec).collect();
        if let Some(memo) = self.memo.as_deref_mut() {
            let kept = Kept {
                req: *r,
                key,
                groups: out
                    .iter()
                    .zip(&found)
                    .map(|(m, &f)| {
                        let bound = (f > m.len() as u64)
                            .then(|| m.iter().max().copied())
                            .flatten();
                        (m.clone(), bound)
                    })
                    .collect(),
                log_pos: memo.log.len(),
            };
            memo.store(svc, kept);
        }
        out
    }
    /// Opens a new instance in `az` (None: by index). Err(reason) when it may not.
    fn open(&mut self, svc: usize, r: &TaskReq, az: Option<u32>) -> Result<usize, Reason> {
        let Some(t) = self.input.launch else {
            return Err(Reason::NoCapacity);
        };
        if self.insts.len() as u64 >= self.input.cap {
            return Err(Reason::InstanceCap);
        }
        let Some(o) = self.input.offers.get(t) else {
            return Err(Reason::DoesNotFit);
        };
        let zones = self.input.zones.max(1);
        let az = az.unwrap_or((self.insts.len() as u64 % u64::from(zones)) as u32);
        let inst = Inst::new(t, az, o, false);
        if !inst.has_room(r, svc) {
            return Err(Reason::DoesNotFit);
        }
        self.insts.push(inst);
        if let Some(m) = self.memo.as_deref_mut() {
            m.changed(self.insts.len() - 1);
        }
        Ok(self.insts.len() - 1)
    }

    fn miss(&mut self, svc: usize, count: u64, reason: Reason) {
        if count == 0 {
            return;
        }
        match self
            .unplaced
            .iter_mut()
            .find(|u| u.service == svc && u.reason == reason)
        {
            Some(u) => u.count += count,
            None => self.unplaced.push(Unplaced {
                service: svc,
                count,
                reason,
            }),
        }
    }

    /// Fills new instances with the rest, each to its room.
    fn open_and_fill(&mut self, svc: usize, r: &TaskReq, mut left: u64) {
        while left > 0 {
            match self.open(svc, r, None) {
                Ok(i) => {
                    let n = self.insts[i].room_for(r, svc).min(left);
                    self.put(i, r, svc, n);
                    left -= n;
                }
                Err(reason) => return self.miss(svc, left, reason),
            }
        }
    }

    fn binpack(&mut self, svc: usize, r: &TaskReq, n: u64, by_memory: bool) {
        let key = if by_memory { Key::Memory } else { Key::Cpu };
        // One group: its list as it is (no copy through a flattening iterator).
        let mut order: Vec<(u64, usize)> = self
            .candidates(svc, r, n, key, false)
            .into_iter()
            .next()
            .unwrap_or_default();
        super::order::keys(&mut order);
        let mut left = n;
        for (_, ix) in order {
            if left == 0 {
                break;
            }
            let m = self.insts[ix].room_for(r, svc).min(left);
            self.put(ix, r, svc, m);
            left -= m;
        }
        self.open_and_fill(svc, r, left);
    }

    fn spread_instance(&mut self, svc: usize, r: &TaskReq, n: u64) {
        let mut set = set_of(
            self.candidates(svc, r, n, Key::Count, false)
                .into_iter()
                .flatten(),
        );
        let mut left = n;
        while left > 0 {
            let (c, ix) = match set.pop_first() {
                Some(x) => x,
                None => match self.open(svc, r, None) {
                    Ok(ix) => (0, ix),
                    Err(reason) => return self.miss(svc, left, reason),
                },
            };
            // With no other candidate every pick is this one, until it is full.
            let m = if set.is_empty() {
                self.insts[ix].room_for(r, svc).min(left)
            } else {
                1
            };
            self.put(ix, r, svc, m);
            left -= m;
            if self.insts[ix].has_room(r, svc) {
                set.insert((c + m, ix));
            }
        }
    }

    fn spread_az(&mut self, svc: usize, r: &TaskReq, n: u64) {
        let zones = self.input.zones.max(1) as usize;
        let mut per_zone: Vec<Candidates> = self
            .candidates(svc, r, n, Key::Memory, true)
            .into_iter()
            .map(set_of)
            .collect();
        let mut zone_tasks = self.zone_tasks_of(svc, zones);
        let mut left = n;
        while left > 0 {
            // The zone with the fewest tasks of this service, ties to the lowest zone.
            let mut zs: Vec<usize> = (0..zones).collect();
            super::order::small(&mut zs, |&a, &b| {
                (zone_tasks[a], a).cmp(&(zone_tasks[b], b))
            });
            let rounds = self.spread_az_rounds(&zs, &zone_tasks, &per_zone, r, svc, left);
            if rounds > 0 {
                // The zones tied at the fewest tasks take one task each in turn; each puts it on its
                // fullest instance with room, which stays its fullest as it fills. So `rounds` turns
                // give each tied zone's fullest instance `rounds` tasks, as one pick at a time would.
                let tied = zs
                    .iter()
                    .take_while(|&&z| zone_tasks[z] == zone_tasks[zs[0]]);
                for &z in tied.collect::<Vec<_>>() {
                    if let Some((_, ix)) = per_zone[z].pop_first() {
                        self.put(ix, r, svc, rounds);
                        zone_tasks[z] += rounds;
                        left -= rounds;
                        if self.insts[ix].has_room(r, svc) {
                            per_zone[z].insert((self.insts[ix].free_memory, ix));
                        }
                    }
                }
                continue;
            }
            let z = zs[0];
            let pick = match per_zone[z].pop_first() {
                Some((_, ix)) => Some((z, ix)),
                None => match self.open(svc, r, Some(z as u32)) {
                    Ok(ix) => Some((z, ix)),
                    Err(Reason::NoCapacity) => {
                        // Best effort: another zone with room, fewest tasks first.
                        zs.iter()
                            .skip(1)
                            .find_map(|&z2| per_zone[z2].pop_first().map(|(_, ix)| (z2, ix)))
                    }
                    Err(reason) => return self.miss(svc, left, reason),
                },
            };
            let Some((z, ix)) = pick else {
                return self.miss(svc, left, Reason::NoCapacity);
            };
            // With one zone and one candidate there, every pick is this one until it is full.
            let alone = zones == 1 && per_zone[z].is_empty();
            let m = if alone {
                self.insts[ix].room_for(r, svc).min(left)
            } else {
                1
            };
            self.put(ix, r, svc, m);
            zone_tasks[z] += m;
            left -= m;
            if self.insts[ix].has_room(r, svc) {
                per_zone[z].insert((self.insts[ix].free_memory, ix));
            }
        }
    }

    /// Tasks of `svc` per zone on the instances as they are now. The table for every service is
    /// built in one pass over the instances' task lists the first time it is asked for, and kept
    /// right as services are placed in turn: each service's row is read once, before its own
    /// tasks are placed, and placing a service changes only its own row.
    fn zone_tasks_of(&mut self, svc: usize, zones: usize) -> Vec<u64> {
        if zones == 1 {
            // One zone: its count decides nothing (there is no other zone to compare it with).
            return vec![0];
        }
        let services = self.input.services.len();
        let build = |insts: &[Inst]| {
            let mut t = vec![vec![0u64; zones]; services];
            for i in insts {
                for &(s, c) in &i.tasks {
                    if let Some(cell) = t.get_mut(s).and_then(|row| row.get_mut(i.az as usize)) {
                        *cell += c;
                    }
                }
            }
            t
        };
        // With a memo the table lives there, kept by the changes' deltas across placements.
        let table = match self.memo.as_deref_mut() {
            Some(m) => m.zone_counts.get_or_insert_with(|| build(&self.insts)),
            None => self.zone_table.get_or_insert_with(|| build(&self.insts)),
        };
        table.get(svc).cloned().unwrap_or_else(|| vec![0; zones])
    }

    /// How many whole turns the zones tied at the fewest tasks can take at once: while every one
    /// of them has an instance with room, up to the room of each one's fullest instance, the turns
    /// until they reach the next zone's count, and the tasks left. 0: pick one task at a time.
    fn spread_az_rounds(
        &self,
        zs: &[usize],
        zone_tasks: &[u64],
        per_zone: &[Candidates],
        r: &TaskReq,
        svc: usize,
        left: u64,
    ) -> u64 {
        let Some(&first) = zs.first() else { return 0 };
        let low = zone_tasks.get(first).copied().unwrap_or(0);
        let tied: Vec<usize> = zs
            .iter()
            .copied()
            .take_while(|&z| zone_tasks.get(z) == Some(&low))
            .collect();
        let next = zs
            .get(tied.len())
            .and_then(|&z| zone_tasks.get(z))
            .map_or(u64::MAX, |&c| c - low);
        let mut k = next.min(left / tied.len() as u64);
        for z in &tied {
            match per_zone.get(*z).and_then(|set| set.first()) {
                Some(&(_, ix)) => k = k.min(self.insts[ix].room_for(r, svc)),
                None => return 0,
            }
        }
        k
    }

    fn random(&mut self, svc: usize, r: &TaskReq, n: u64) {
        let kept = self
            .memo
            .as_deref_mut()
            .and_then(|m| m.take_picker(svc, r, &self.insts));
        let mut cands = match kept {
            Some(p) => p,
            // With a memo the picker spans every instance (it is kept and brought up to date);
            // without, it holds the ones with room. Both pick the k-th with room in index order.
            None if self.memo.is_some() => {
                Picker::over(self.insts.iter().map(|i| i.has_room(r, svc)).collect())
            }
            None => Picker::new(
                (0..self.insts.len())
                    .filter(|&ix| self.insts[ix].has_room(r, svc))
                    .collect(),
            ),
        };
        let mut kept_whole = true;
        let mut left = n;
        let mut missed = None;
        while left > 0 {
            if cands.len() == 0 {
                match self.open(svc, r, None) {
                    Ok(ix) => {
                        cands = Picker::new(vec![ix]);
                        kept_whole = false;
                    }
                    Err(reason) => {
                        missed = Some(reason);
                        break;
                    }
                }
            }
            let (pos, m) = if cands.len() == 1 {
                let pos = cands.position(0);
                let m = cands
                    .id(pos)
                    .map_or(0, |ix| self.insts[ix].room_for(r, svc));
                (pos, m.min(left))
            } else {
                (cands.position(self.rng.below(cands.len())), 1)
            };
            let Some(ix) = cands.id(pos) else { break };
            self.put(ix, r, svc, m);
            left -= m;
            if !self.insts[ix].has_room(r, svc) {
                cands.set(pos, false);
            }
        }
        if let (Some(m), true) = (self.memo.as_deref_mut(), kept_whole) {
            m.store_picker(svc, *r, cands);
        }
        if let Some(reason) = missed {
            self.miss(svc, left, reason);
        }
    }
}

/// The random strategy's candidates: the k-th one still in, in their first order, and its
/// removal (or return), each in O(log n) (a Fenwick tree over who is in). A Vec's `remove` did
/// the same in O(n), which made distinctInstance at the caps quadratic; the picks are the same.
struct Picker {
    ids: Vec<usize>,
    present: Vec<bool>,
    tree: Vec<usize>,
    len: usize,
}

impl Picker {
    /// `ids`, every one in.
    fn new(ids: Vec<usize>) -> Self {
        let present = vec![true; ids.len()];
        Picker::build(ids, present)
    }

    /// Instances 0..n, those marked in.
    fn over(present: Vec<bool>) -> Self {
        Picker::build((0..present.len()).collect(), present)
    }

    fn build(ids: Vec<usize>, present: Vec<bool>) -> Self {
        // Node i counts the ones in (i - lowbit(i), i]: each adds itself to its parent, O(n).
        let mut tree = vec![0usize; ids.len() + 1];
        for (pos, &p) in present.iter().enumerate() {
            let i = pos + 1;
            tree[i] += usize::from(p);
            let parent = i + (i & i.wrapping_neg());
            if parent < tree.len() {
                tree[parent] += tree[i];
            }
        }
        let len = present.iter().filter(|&&p| p).count();
        Picker {
            ids,
            present,
            tree,
            len,
        }
    }

    fn len(&self) -> usize {
        self.len
    }

    /// The position (in `ids`) of the k-th candidate still in (k from 0).
    fn position(&self, k: usize) -> usize {
        let mut pos = 0;
        let mut rest = k + 1;
        let mut step = self.ids.len().next_power_of_two();
        while step > 0 {
            let next = pos + step;
            if let Some(&c) = self.tree.get(next) {
                if c < rest {
                    pos = next;
                    rest -= c;
                }
            }
            step /= 2;
        }
        pos
    }

    fn id(&self, pos: usize) -> Option<usize> {
        self.ids.get(pos).copied()
    }

    /// Marks the one at `pos` in or out.
    fn set(&mut self, pos: usize, is_in: bool) {
        match self.present.get_mut(pos) {
            Some(p) if *p != is_in => *p = is_in,
            _ => return,
        }
        let mut i = pos + 1;
        while let Some(c) = self.tree.get_mut(i) {
            if is_in {
                *c += 1;
            } else {
                *c -= 1;
            }
            i += i & i.wrapping_neg();
        }
        if is_in {
            self.len += 1;
        } else {
            self.len -= 1;
        }
    }
}

/// (key, instance) candidates, smallest first: a binary heap (a BTreeSet did the same with
/// several KB more wasm for its rebalancing; every instance is in it at most once).
#[derive(Default)]
struct Candidates(BinaryHeap<std::cmp::Reverse<(u64, usize)>>);

impl Candidates {
    fn pop_first(&mut self) -> Option<(u64, usize)> {
        self.0.pop().map(|r| r.0)
    }
    fn insert(&mut self, x: (u64, usize)) {
        self.0.push(std::cmp::Reverse(x));
    }
    fn first(&self) -> Option<&(u64, usize)> {
        self.0.peek().map(|r| &r.0)
    }
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The candidates of `items`.
fn set_of(items: impl IntoIterator<Item = (u64, usize)>) -> Candidates {
    Candidates(items.into_iter().map(std::cmp::Reverse).collect())
}

/// The services' indexes largest task first (model.md section 3.1): by the strategy's resource
/// (reserved memory for binpack(memory), spread and random; CPU for binpack(cpu)), then by the
/// other; ties keep the listed order.
pub fn best_order(strategy: Strategy, reqs: &[TaskReq]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..reqs.len()).collect();
    let key = |i: &usize| {
        let r = reqs.get(*i).copied().unwrap_or_default();
        match strategy {
            Strategy::BinpackCpu => (r.cpu, r.memory),
            _ => (r.memory, r.cpu),
        }
    };
    // Equal tasks keep the order they are listed in (the sort is stable).
    super::order::small(&mut order, |a, b| key(b).cmp(&key(a)));
    order
}

/// Empty running instances of the given types (zone by index, i mod zones), daemons placed.
pub fn fresh(offers: &[Offer], types: &[usize], zones: u32) -> Vec<Inst> {
    fresh_from(offers, types, zones, 0)
}

/// As [`fresh`], for instances that join a group at index `start` (their zones continue the turn).
pub fn fresh_from(offers: &[Offer], types: &[usize], zones: u32, start: usize) -> Vec<Inst> {
    let zones = u64::from(zones.max(1));
    types
        .iter()
        .enumerate()
        .map(|(i, t)| (i + start, t))
        .filter_map(|(ix, &t)| {
            offers
                .get(t)
                .map(|o| Inst::new(t, (ix as u64 % zones) as u32, o, true))
        })
        .collect()
}

/// Places `services` (requirements, count) by scenario `s`'s strategy, zones and seed onto
/// `existing`, opening instances of type `launch` when given (None: none may open), up to the cap of
/// one plan. Every caller that places for a scenario goes through here.
pub fn place_for(
    s: &Scenario,
    offers: &[Offer],
    services: &[(TaskReq, u64)],
    existing: Vec<Inst>,
    launch: Option<usize>,
) -> Placement {
    place(&PlaceInput {
        offers,
        services,
        strategy: s.strategy,
        zones: s.zones,
        seed: s.seed,
        existing,
        launch,
        cap: super::validate::MAX_INSTANCES,
        frozen: 0,
    })
}

/// Places every service's tasks (model.md section 3).
pub fn place(input: &PlaceInput<'_>) -> Placement {
    place_into(input, input.existing.clone())
}

/// As [`place`], onto `insts` taken by value (the simulator's instances, not copied each tick);
/// `input.existing` is ignored.
pub fn place_into(input: &PlaceInput<'_>, insts: Vec<Inst>) -> Placement {
    place_kept(input, insts, None)
}

/// As [`place_into`], with the simulator's memo (see [`Memo`]; ignored with frozen instances).
/// Inside [`Steps::run`] (and without a memo) the placement is kept, resumed or skipped as the
/// steps say.
pub fn place_kept<'a>(
    input: &'a PlaceInput<'a>,
    insts: Vec<Inst>,
    memo: Option<&'a mut Memo>,
) -> Placement {
    let mut insts = insts;
    let turn = if memo.is_none() {
        let mut turn = None;
        with_steps(&mut |s| turn = Some(s.turn(input, &mut insts)));
        turn
    } else {
        None
    };
    let ordinal = turn.as_ref().and_then(Turn::ordinal);
    let mut p = Placer {
        input,
        touched: if ordinal.is_some() {
            vec![false; insts.len()]
        } else {
            Vec::new()
        },
        insts,
        unplaced: Vec::new(),
        rng: SplitMix64::new(input.seed),
        zone_table: None,
        memo: memo.filter(|_| input.frozen == 0),
    };
    let (mut start, mut placed_of_start) = (0, 0);
    match turn {
        Some(Turn::Done(unplaced)) => {
            return Placement {
                instances: p.insts,
                unplaced,
            }
        }
        Some(Turn::Skip) => return skipped(p.insts),
        Some(Turn::Resume(part)) => {
            start = part.next_service;
            placed_of_start = part.placed_of_next;
            p.insts = part.insts;
            p.unplaced = part.unplaced;
            p.rng = part.rng;
            p.zone_table = part.zone_table;
            p.touched = part.touched;
        }
        Some(Turn::Fresh(_) | Turn::Plain) | None => {}
    }
    // In a stepped run, random and spread(instance) place a service's tasks in chunks, a step
    // pausing between them: they pick one task at a time, so one service of a million tasks is
    // long. A chunk placed after another places as the whole would: both strategies start from
    // the instances as they are (tests/properties.rs compares, with chunks of 7 tasks).
    let chunk = match (ordinal, input.strategy) {
        (Some(_), Strategy::Random | Strategy::SpreadInstance) => {
            let mut c = u64::MAX;
            with_steps(&mut |s| c = s.chunk);
            c
        }
        _ => u64::MAX,
    };
    for (svc, (r, n)) in input.services.iter().enumerate().skip(start) {
        let mut placed = if svc == start { placed_of_start } else { 0 };
        while placed < *n {
            let k = (*n - placed).min(chunk);
            match input.strategy {
                Strategy::BinpackMemory => p.binpack(svc, r, k, true),
                Strategy::BinpackCpu => p.binpack(svc, r, k, false),
                Strategy::SpreadInstance => p.spread_instance(svc, r, k),
                Strategy::SpreadAz => p.spread_az(svc, r, k),
                Strategy::Random => p.random(svc, r, k),
            }
            placed += k;
            let (next, of_next) = if placed < *n {
                (svc, placed)
            } else {
                (svc + 1, 0)
            };
            let more = next < input.services.len();
            let Some(ordinal) = ordinal.filter(|_| more) else {
                continue;
            };
            if time_up() {
                let part = Partial {
                    ordinal,
                    print: 0,
                    next_service: next,
                    placed_of_next: of_next,
                    insts: p.insts,
                    unplaced: p.unplaced,
                    rng: p.rng,
                    zone_table: p.zone_table,
                    touched: p.touched,
                };
                // The caller goes on with instances as many as it would have had (it throws away
                // what it computes); the placer's own stay kept for the next run.
                let insts = part.insts.clone();
                let mut part = Some(part);
                with_steps(&mut |s| {
                    if let Some(part) = part.take() {
                        s.pause(part);
                    }
                });
                return skipped(insts);
            }
        }
    }
    if let Some(ordinal) = ordinal {
        let kept = Delta::of(&p.insts, &p.touched, &p.unplaced);
        let mut kept = Some(kept);
        with_steps(&mut |s| {
            if let Some(kept) = kept.take() {
                s.finish(ordinal, kept);
            }
        });
    }
    Placement {
        instances: p.insts,
        unplaced: p.unplaced,
    }
}

// Planning in steps (issue 13 point 18). A million tasks take a plan several placements of
// 10,000 instances each, hundreds of milliseconds in the browser: too long for one task of the
// page's thread. [`Steps::run`] runs a computation (a plan) as steps: each run asks for the same
// placements in the same order (the model is deterministic), so a run keeps every placement it
// finishes (by its ordinal, checked by a fingerprint of its input), resumes the one under way
// where the last run paused (between services, when the step's time was up), and, once paused,
// skips the rest (each skipped placement places nothing, cheaply), so the run ends soon and its
// result is thrown away. The next run replays the kept placements and goes on. A run that pauses
// nowhere returns the computation's result, the same as without steps (tests/properties.rs).

/// A placement paused between services: the placer's state and the next service.
struct Partial {
    ordinal: usize,
    print: u64,
    next_service: usize,
    /// Tasks of the next service already placed (its earlier chunks).
    placed_of_next: u64,
    insts: Vec<Inst>,
    unplaced: Vec<Unplaced>,
    rng: SplitMix64,
    zone_table: Option<Vec<Vec<u64>>>,
    touched: Vec<bool>,
}

/// A finished placement, kept as what it changed: the given instances that took tasks, the ones
/// it opened, and what it could not place. A replay applies it to the instances it is given
/// again (the same ones), so a path of hundreds of placements over 10,000 instances each is not
/// copied whole at every step.
struct Delta {
    /// The fingerprint of its input.
    print: u64,
    /// Instances given.
    given: usize,
    changed: Vec<(usize, Inst)>,
    opened: Vec<Inst>,
    unplaced: Vec<Unplaced>,
}

impl Delta {
    fn of(insts: &[Inst], touched: &[bool], unplaced: &[Unplaced]) -> Self {
        let given = touched.len().min(insts.len());
        Delta {
            print: 0,
            given,
            changed: touched
                .iter()
                .zip(insts)
                .enumerate()
                .filter(|(_, (t, _))| **t)
                .map(|(ix, (_, i))| (ix, i.clone()))
                .collect(),
            opened: insts.get(given..).unwrap_or_default().to_vec(),
            unplaced: unplaced.to_vec(),
        }
    }

    /// Makes `insts` (the instances the placement was given) what it left.
    fn apply(&self, insts: &mut Vec<Inst>) {
        for (ix, i) in &self.changed {
            if let Some(slot) = insts.get_mut(*ix) {
                slot.clone_from(i);
            }
        }
        insts.extend(self.opened.iter().cloned());
    }
}

/// What a placement does in a stepped run.
enum Turn {
    /// Kept from an earlier run: the given instances were brought to what it left; its unplaced.
    Done(Vec<Unplaced>),
    /// The run has paused: place nothing.
    Skip,
    /// Go on from where the last run paused.
    Resume(Partial),
    /// Place, as placement `ordinal`.
    Fresh(usize),
    /// Place, unrecorded: an [`essential`] placement while the steps only check.
    Plain,
}

impl Turn {
    fn ordinal(&self) -> Option<usize> {
        match self {
            Turn::Resume(p) => Some(p.ordinal),
            Turn::Fresh(o) => Some(*o),
            _ => None,
        }
    }
}

/// A computation run in steps; see [`Steps::run`].
pub struct Steps {
    /// Finished placements, in the order they were asked for.
    done: Vec<Delta>,
    partial: Option<Partial>,
    /// The ordinal of the next placement asked for in this run.
    next: usize,
    /// This run has paused (or the steps only check: every placement is skipped).
    paused: bool,
    checking: bool,
    /// Inside [`essential`] (depth).
    essential: u32,
    /// The clock (ms) and the time a run may place for, counted from its first placement that is
    /// not taken back (a run first replays what earlier runs placed).
    clock: Box<dyn Fn() -> f64>,
    budget_ms: f64,
    started: f64,
    placing_since: Option<f64>,
    /// The fingerprint of the placement under way.
    print: u64,
    /// Tasks of one service placed at a time by random and spread(instance) (see place_kept).
    chunk: u64,
}

thread_local! {
    static STEPS: std::cell::RefCell<Option<Steps>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f` on the steps in place, if any (not generic: one instance of the thread-local's
/// access in the wasm for every caller).
fn with_steps(f: &mut dyn FnMut(&mut Steps)) {
    STEPS.with(|c| {
        if let Some(s) = c
            .try_borrow_mut()
            .ok()
            .as_deref_mut()
            .and_then(Option::as_mut)
        {
            f(s);
        }
    });
}

/// Whether the step's time is up.
fn time_up() -> bool {
    let mut up = false;
    with_steps(&mut |s| {
        let since = s.placing_since.unwrap_or(s.started);
        up = (s.clock)() - since >= s.budget_ms;
    });
    up
}

/// Whether a stepped run has paused: what it computes from here is thrown away, so long loops
/// (CAS's path to capacity) may end early.
pub fn paused() -> bool {
    let mut paused = false;
    with_steps(&mut |s| paused = s.paused);
    paused
}

/// Runs `f`, whose placements decide an error (Managed Instances' pick: no allowed type holds a
/// service's tasks within the instance cap): steps that only check place them in full.
pub fn essential<T>(f: impl FnOnce() -> T) -> T {
    with_steps(&mut |s| s.essential += 1);
    let out = f();
    with_steps(&mut |s| s.essential = s.essential.saturating_sub(1));
    out
}

/// A placement that places nothing and reports nothing waiting (the instances as given): what
/// follows in a paused run is thrown away, and nothing waiting ends its loops soonest (CAS's path
/// to capacity stops at once).
fn skipped(insts: Vec<Inst>) -> Placement {
    Placement {
        instances: insts,
        unplaced: Vec::new(),
    }
}

/// A fingerprint of a placement's input, so that a kept placement is only given back for the
/// same input (a replay that asked for something else starts afresh from there).
fn fingerprint(input: &PlaceInput<'_>, insts: &[Inst]) -> u64 {
    let mut h = SplitMix64::new(insts.len() as u64 ^ input.cap.rotate_left(20));
    let mut mix = |x: u64| {
        h = SplitMix64::new(h.next_u64() ^ x);
    };
    for (r, n) in input.services {
        for x in [
            r.cpu,
            r.memory,
            *n,
            u64::from(r.awsvpc),
            u64::from(r.distinct),
        ] {
            mix(x);
        }
        mix(r.port.map_or(u64::MAX, u64::from));
    }
    mix(input.launch.map_or(u64::MAX, |t| t as u64));
    mix(input.zones.into());
    mix(input.seed);
    mix(input.strategy as u64);
    // The instances by their count only: hashing each would cost a replay of a path of hundreds
    // of placements over 10,000 instances more than the placements.
    h.next_u64()
}

impl Steps {
    /// Steps that place for `budget_ms` of `clock` per run (at least one service each).
    pub fn new(clock: impl Fn() -> f64 + 'static, budget_ms: f64) -> Self {
        Steps {
            done: Vec::new(),
            partial: None,
            next: 0,
            paused: false,
            checking: false,
            essential: 0,
            clock: Box::new(clock),
            budget_ms,
            started: 0.0,
            placing_since: None,
            print: 0,
            // ASSUMPTION: about 15 ms of random picks over 10,000 instances in the browser.
            chunk: 50_000,
        }
    }

    /// Steps on a clock that moves one unit each time it is read, `budget` units a run: they
    /// pause at the same places on every machine (the tests' steps).
    pub fn counting(budget: f64) -> Self {
        let clock = std::cell::Cell::new(0.0);
        Steps::new(
            move || {
                clock.set(clock.get() + 1.0);
                clock.get()
            },
            budget,
        )
    }

    /// These steps with a service's tasks placed `chunk` at a time by random and
    /// spread(instance) (tests cut scenarios of a few dozen tasks so).
    pub fn with_chunk(self, chunk: u64) -> Self {
        Steps {
            chunk: chunk.max(1),
            ..self
        }
    }

    /// Runs `f` with every placement skipped but the [`essential`] ones: it gives what a
    /// computation knows before placing, at once (a plan's errors, which come before its
    /// placements or from essential ones; tests/properties.rs holds this).
    pub fn check<T>(f: impl FnOnce() -> T) -> T {
        let mut s = Steps::new(|| 0.0, 0.0);
        s.checking = true;
        s.install(f)
    }

    /// Runs `f` as one step: Some(its result) when no placement paused; None when one did (call
    /// again with the same computation: what was placed is kept).
    pub fn run<T>(&mut self, f: impl FnOnce() -> T) -> Option<T> {
        let out = self.install(f);
        (!self.paused).then_some(out)
    }

    /// Runs `f` with these steps in place.
    fn install<T>(&mut self, f: impl FnOnce() -> T) -> T {
        self.next = 0;
        self.paused = self.checking;
        self.started = (self.clock)();
        self.placing_since = None;
        let me = std::mem::replace(self, Steps::new(|| 0.0, 0.0));
        // Steps run inside others (a link checked while a plan steps) put the outer ones back.
        let outer = STEPS.with(|c| c.try_borrow_mut().ok().map(|mut slot| slot.replace(me)));
        let out = f();
        STEPS.with(|c| {
            if let Ok(mut slot) = c.try_borrow_mut() {
                if let Some(me) = slot.take() {
                    *self = me;
                }
                *slot = outer.flatten();
            }
        });
        out
    }

    /// Placements finished so far.
    pub fn placements_done(&self) -> usize {
        self.done.len()
    }

    fn turn(&mut self, input: &PlaceInput<'_>, insts: &mut Vec<Inst>) -> Turn {
        if self.checking && self.essential > 0 {
            return Turn::Plain;
        }
        if self.paused {
            return Turn::Skip;
        }
        let ordinal = self.next;
        self.next += 1;
        let print = fingerprint(input, insts);
        self.print = print;
        match self.done.get(ordinal) {
            Some(d) if d.print == print && d.given == insts.len() => {
                d.apply(insts);
                return Turn::Done(d.unplaced.clone());
            }
            Some(_) => {
                // Asked for something else than last time: nothing from here on holds.
                self.done.truncate(ordinal);
                self.partial = None;
            }
            None => {}
        }
        match self.partial.take() {
            Some(part) if part.ordinal == ordinal && part.print == print => {
                self.placing();
                Turn::Resume(part)
            }
            _ => {
                self.placing();
                Turn::Fresh(ordinal)
            }
        }
    }

    /// This run starts placing anew. A replay that took longer than a step may place means that
    /// steps would each place little and replay ever more (a path to capacity of hundreds of
    /// scale-outs over 10,000 instances): the steps from here place until the end instead, the
    /// rest of the plan in one run, which takes about what the plan at once would.
    fn placing(&mut self) {
        if self.placing_since.is_none() {
            let now = (self.clock)();
            if now - self.started > self.budget_ms {
                self.budget_ms = f64::INFINITY;
            }
            self.placing_since = Some(now);
        }
    }

    /// Whether the steps place until the end (their replays grew past a step).
    pub fn to_the_end(&self) -> bool {
        self.budget_ms == f64::INFINITY
    }

    /// Keeps a paused placement's state, with the fingerprint `turn` took of its input, and
    /// pauses the run.
    fn pause(&mut self, mut part: Partial) {
        part.print = self.print;
        self.partial = Some(part);
        self.paused = true;
    }

    /// Keeps placement `ordinal` with the fingerprint `turn` took of its input.
    fn finish(&mut self, ordinal: usize, mut kept: Delta) {
        if ordinal == self.done.len() {
            kept.print = self.print;
            self.done.push(kept);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::capacity::{offers, TaskReq};
    use crate::model::scenario::Scenario;
    use crate::model::validate::{parse_json, validate};

    fn scenario(json: &str) -> Scenario {
        validate(&parse_json(json).unwrap()).unwrap().0
    }

    fn run(s: &Scenario, running: &[usize], launch: Option<usize>) -> Placement {
        let offers = offers(s).unwrap();
        let services: Vec<(TaskReq, u64)> = s
            .services
            .iter()
            .map(|x| (TaskReq::of(x), x.desired_count))
            .collect();
        place(&PlaceInput {
            offers: &offers,
            services: &services,
            strategy: s.strategy,
            zones: s.zones,
            seed: s.seed,
            existing: fresh(&offers, running, s.zones),
            launch,
            cap: 10_000,
            frozen: 0,
        })
    }

    fn counts(p: &Placement) -> Vec<u64> {
        p.instances.iter().map(Inst::task_count).collect()
    }

    /// One at a time, the reference the batched placer must equal: the same rules, no batching.
    fn reference(s: &Scenario) -> Vec<Vec<(usize, u64)>> {
        let offers = offers(s).unwrap();
        let mut insts: Vec<Inst> = Vec::new();
        let mut rng = SplitMix64::new(s.seed);
        for (svc, x) in s.services.iter().enumerate() {
            let r = TaskReq::of(x);
            let mut zone_tasks = vec![0u64; s.zones as usize];
            for _ in 0..x.desired_count {
                let fits: Vec<usize> = (0..insts.len())
                    .filter(|&i| insts[i].room_for(&r, svc) > 0)
                    .collect();
                let chosen = match s.strategy {
                    Strategy::BinpackMemory => fits
                        .iter()
                        .copied()
                        .min_by_key(|&i| (insts[i].free_memory, i)),
                    Strategy::BinpackCpu => {
                        fits.iter().copied().min_by_key(|&i| (insts[i].free_cpu, i))
                    }
                    Strategy::SpreadInstance => fits
                        .iter()
                        .copied()
                        .min_by_key(|&i| (insts[i].count_of(svc), i)),
                    Strategy::Random => match fits.len() {
                        0 => None,
                        1 => Some(fits[0]),
                        n => Some(fits[rng.below(n)]),
                    },
                    Strategy::SpreadAz => None,
                };
                let ix = match (s.strategy, chosen) {
                    (Strategy::SpreadAz, _) => {
                        let z = (0..s.zones as usize)
                            .min_by_key(|&z| (zone_tasks[z], z))
                            .unwrap();
                        zone_tasks[z] += 1;
                        match fits
                            .iter()
                            .copied()
                            .filter(|&i| insts[i].az as usize == z)
                            .min_by_key(|&i| (insts[i].free_memory, i))
                        {
                            Some(i) => i,
                            None => {
                                insts.push(Inst::new(0, z as u32, &offers[0], false));
                                insts.len() - 1
                            }
                        }
                    }
                    (_, Some(i)) => i,
                    (_, None) => {
                        let az = (insts.len() % s.zones as usize) as u32;
                        insts.push(Inst::new(0, az, &offers[0], false));
                        insts.len() - 1
                    }
                };
                insts[ix].put(&r, svc, 1);
            }
        }
        insts.into_iter().map(|i| i.tasks).collect()
    }

    /// 100 tasks of 256/512 with a 64/128 daemon on t4g.medium: 14 instances of 7 and one of 2.
    #[test]
    fn binpack_fills_instances_in_turn() {
        let s = scenario(
            r#"{"services":[{"cpu":256,"memory":512,"desiredCount":100}],"daemons":[{"cpu":64,"memory":128}]}"#,
        );
        let p = run(&s, &[], Some(0));
        assert_eq!(p.instances.len(), 15);
        assert_eq!(counts(&p)[..2], [7, 7]);
        assert_eq!(counts(&p)[14], 2);
        assert_eq!(
            (p.instances[0].free_cpu, p.instances[0].free_memory),
            (192, 56)
        );
    }

    /// binpack(memory) puts a small task in the gap a big one left, not on a new instance.
    #[test]
    fn binpack_uses_gaps_left_by_earlier_services() {
        let s = scenario(
            r#"{"services":[{"name":"big","memory":3000,"desiredCount":2},{"name":"small","memory":600,"desiredCount":2}]}"#,
        );
        let p = run(&s, &[], Some(0));
        assert_eq!(p.instances.len(), 2);
        assert_eq!(p.instances[0].tasks, vec![(0, 1), (1, 1)]);
    }

    /// Every strategy, batched, equals placing one task at a time.
    #[test]
    fn batched_placement_equals_one_at_a_time() {
        for strategy in Strategy::ALL {
            for zones in [1, 3] {
                let s = scenario(&format!(
                    r#"{{"placementStrategy":"{}","availabilityZones":{zones},"randomSeed":7,"services":[
                    {{"name":"a","cpu":256,"memory":900,"desiredCount":23}},
                    {{"name":"b","cpu":1024,"memory":300,"desiredCount":9,"networkMode":"awsvpc"}},
                    {{"name":"c","cpu":0,"memory":128,"desiredCount":31,"hostPort":8080}},
                    {{"name":"d","cpu":128,"memory":200,"desiredCount":5,"distinctInstance":true}}]}}"#,
                    strategy.as_str()
                ));
                let got: Vec<Vec<(usize, u64)>> = run(&s, &[], Some(0))
                    .instances
                    .into_iter()
                    .map(|i| i.tasks)
                    .collect();
                assert_eq!(got, reference(&s), "{strategy:?} with {zones} zones");
            }
        }
    }

    /// The Picker picks, removes and returns as a Vec's index, `remove` and `insert` do, for any
    /// sizes and order, built from ids or from a presence list.
    #[test]
    fn picker_is_a_vec_with_remove() {
        let mut rng = SplitMix64::new(11);
        for case in 0..2_000 {
            let n = rng.below(70);
            let (mut p, mut present) = if case % 2 == 0 {
                (Picker::new((0..n).collect()), vec![true; n])
            } else {
                let present: Vec<bool> = (0..n).map(|_| rng.below(3) > 0).collect();
                (Picker::over(present.clone()), present)
            };
            for _ in 0..200 {
                let v: Vec<usize> = (0..n).filter(|&i| present[i]).collect();
                assert_eq!(p.len(), v.len(), "case {case}");
                if !v.is_empty() {
                    let k = rng.below(v.len());
                    let pos = p.position(k);
                    assert_eq!(p.id(pos), Some(v[k]), "case {case}: pick {k}");
                }
                if n > 0 {
                    let at = rng.below(n);
                    let is_in = rng.below(2) == 0;
                    p.set(at, is_in);
                    present[at] = is_in;
                }
            }
        }
    }

    /// has_room is room_for > 0 without the divisions, for any instance state and task.
    #[test]
    fn has_room_agrees_with_room_for() {
        let mut rng = SplitMix64::new(3);
        for case in 0..20_000 {
            let small = |rng: &mut SplitMix64| [0, 1, 2, 255, 256, 257, 4096][rng.below(7)];
            let inst = Inst {
                type_index: 0,
                az: 0,
                free_cpu: small(&mut rng),
                free_memory: small(&mut rng),
                free_enis: rng.below(3) as u64,
                ports: if rng.below(2) == 0 { vec![80] } else { vec![] },
                tasks: if rng.below(2) == 0 {
                    vec![(0, 1)]
                } else {
                    vec![(1, 2)]
                },
                existing: false,
                services: 0,
            };
            let inst = Inst {
                services: Inst::service_bits(&inst.tasks),
                ..inst
            };
            let r = TaskReq {
                cpu: small(&mut rng),
                memory: small(&mut rng),
                awsvpc: rng.below(2) == 0,
                port: (rng.below(2) == 0).then_some(80),
                distinct: rng.below(2) == 0,
            };
            assert_eq!(
                inst.has_room(&r, 0),
                inst.room_for(&r, 0) > 0,
                "case {case}: {inst:?} {r:?}"
            );
        }
    }

    /// spread-az in turns of whole rounds equals one task at a time, over 300 random scenarios of
    /// 1-6 zones and services of every size, constraint and count.
    #[test]
    fn spread_az_in_rounds_equals_one_at_a_time() {
        let mut rng = SplitMix64::new(99);
        for case in 0..300 {
            let zones = 1 + rng.below(6);
            let services: Vec<String> = (0..1 + rng.below(4))
                .map(|i| {
                    let extra = match rng.below(4) {
                        0 => r#","distinctInstance":true"#,
                        1 => r#","networkMode":"awsvpc""#,
                        _ => "",
                    };
                    format!(
                        r#"{{"name":"s{i}","cpu":{},"memory":{},"desiredCount":{}{extra}}}"#,
                        rng.below(5) * 128,
                        64 + rng.below(12) * 128,
                        rng.below(200)
                    )
                })
                .collect();
            let s = scenario(&format!(
                r#"{{"placementStrategy":"spread-az","availabilityZones":{zones},"services":[{}]}}"#,
                services.join(",")
            ));
            let got: Vec<Vec<(usize, u64)>> = run(&s, &[], Some(0))
                .instances
                .into_iter()
                .map(|i| i.tasks)
                .collect();
            assert_eq!(got, reference(&s), "case {case}");
        }
    }

    /// spread-az alternates zones a, b, c, a, ...
    #[test]
    fn spread_az_balances_zones() {
        let s = scenario(
            r#"{"placementStrategy":"spread-az","availabilityZones":3,"services":[{"memory":512,"desiredCount":7}]}"#,
        );
        let p = run(&s, &[], Some(0));
        let mut per_zone = [0u64; 3];
        for i in &p.instances {
            per_zone[i.az as usize] += i.task_count();
        }
        assert_eq!(per_zone, [3, 2, 2]);
    }

    /// With N running and no launching allowed, what does not fit waits with no-capacity.
    #[test]
    fn fixed_cluster_leaves_tasks_waiting() {
        let s = scenario(r#"{"services":[{"cpu":512,"memory":1024,"desiredCount":10}]}"#);
        let p = run(&s, &[0, 0], None);
        assert_eq!(counts(&p), vec![3, 3]);
        assert_eq!(
            p.unplaced,
            vec![Unplaced {
                service: 0,
                count: 4,
                reason: Reason::NoCapacity
            }]
        );
    }

    /// Past the instance cap, tasks are reported with instance-cap instead of placed.
    #[test]
    fn instance_cap_stops_opening() {
        let s =
            scenario(r#"{"services":[{"memory":512,"desiredCount":100,"distinctInstance":true}]}"#);
        let offers = offers(&s).unwrap();
        let services = [(TaskReq::of(&s.services[0]), 100)];
        let p = place(&PlaceInput {
            offers: &offers,
            services: &services,
            strategy: s.strategy,
            zones: 1,
            seed: 1,
            existing: Vec::new(),
            launch: Some(0),
            cap: 40,
            frozen: 0,
        });
        assert_eq!(p.instances.len(), 40);
        assert_eq!(
            p.unplaced,
            vec![Unplaced {
                service: 0,
                count: 60,
                reason: Reason::InstanceCap
            }]
        );
    }

    /// A million tasks place (batched) without hanging.
    #[test]
    fn a_million_tasks_place() {
        let s = scenario(
            r#"{"instanceType":"m6g.8xlarge","services":[{"cpu":128,"memory":256,"desiredCount":1000000}]}"#,
        );
        let p = run(&s, &[], Some(0));
        assert_eq!(
            p.instances.iter().map(Inst::task_count).sum::<u64>()
                + p.unplaced.iter().map(|u| u.count).sum::<u64>(),
            1_000_000
        );
    }

    /// SplitMix64's published first output for seed 0.
    /// Steps run inside others leave the outer ones as they were: a check inside a stepped plan
    /// does not take its kept placements.
    #[test]
    fn steps_inside_steps_keep_the_outer_ones() {
        let s = scenario(
            r#"{"services":[{"name":"a","cpu":256,"memory":512,"desiredCount":40},{"name":"b","cpu":256,"memory":512,"desiredCount":40}]}"#,
        );
        let mut outer = Steps::counting(1.0);
        let whole = run(&s, &[], Some(0));
        let mut runs = 0;
        let stepped = loop {
            runs += 1;
            assert!(runs < 100);
            let got = outer.run(|| {
                let inner = Steps::check(|| run(&s, &[], Some(0)));
                // The check places nothing...
                assert!(inner.instances.is_empty());
                run(&s, &[], Some(0))
            });
            if let Some(p) = got {
                break p;
            }
        };
        // ...and the outer steps went on where they were, to the same placement.
        assert!(runs > 1);
        assert_eq!(stepped, whole);
    }

    /// Steps whose replay alone takes longer than a step may place go to the end in one run
    /// (else each would place a service and replay ever more), and give the same placement.
    #[test]
    fn steps_that_replay_past_a_step_go_to_the_end() {
        let s = scenario(
            r#"{"services":[{"name":"a","cpu":256,"memory":512,"desiredCount":40},{"name":"b","cpu":256,"memory":512,"desiredCount":40},{"name":"c","cpu":256,"memory":512,"desiredCount":40}]}"#,
        );
        let whole = run(&s, &[], Some(0));
        let stepped = |budget: f64| {
            let mut steps = Steps::counting(budget);
            let mut runs = 0;
            loop {
                runs += 1;
                assert!(runs < 100);
                if let Some(p) = steps.run(|| run(&s, &[], Some(0))) {
                    return (p, runs, steps.to_the_end());
                }
            }
        };
        // The clock moves 1 a reading: from the run's start to its first placement is 1.
        assert_eq!(stepped(1.0), (whole.clone(), 3, false));
        assert_eq!(stepped(0.5), (whole, 1, true));
    }

    #[test]
    fn splitmix64_reference_value() {
        assert_eq!(SplitMix64::new(0).next_u64(), 0xE220_A839_7B1D_CDAF);
    }
}
