//! The packing chart's geometry: identical instances grouped ("x37"), one column per group with a CPU
//! bar and a memory bar, tasks stacked per service, daemons at the bottom, free space left empty.
//! Pure: [`svg`] writes the chart as markup (every text escaped), which the UI inserts as it is.

use std::fmt::Write;

use super::markup::esc;
use crate::model::capacity::Offer;
use crate::model::packing::{Inst, Placement, Reason};
use crate::model::plan::az_letter;
use crate::model::units::trim_float as coord;

/// Colours cycle after this many services (the names are in every tooltip and the table).
pub const PALETTE: usize = 8;

/// Height of a full bar, in viewBox units.
pub const BAR_H: f64 = 200.0;
/// Width of one bar.
pub const BAR_W: f64 = 16.0;
/// Space between the CPU and memory bars of a column.
pub const BAR_GAP: f64 = 3.0;
/// Space between columns.
pub const COL_GAP: f64 = 14.0;
/// Left and top margin.
pub const MARGIN: f64 = 8.0;
/// Room under the bars for labels.
pub const LABEL_H: f64 = 34.0;
/// Columns drawn at most; the rest are in the table.
pub const MAX_COLUMNS: usize = 150;
/// A column with more tasks than this draws one segment per service run instead of one per task.
pub const MAX_TASKS_DRAWN: u64 = 48;

/// A rectangle in viewBox units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

/// What becomes of an instance in the CAS view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Fate {
    /// Running, and staying.
    Running,
    /// Empty, and removed by the scale-in.
    Removing,
    /// Not running yet: CAS is about to add it.
    Adding,
}

impl Fate {
    /// The word the page uses (and the `data-fate` attribute).
    pub fn as_str(self) -> &'static str {
        match self {
            Fate::Running => "running",
            Fate::Removing => "removing",
            Fate::Adding => "adding",
        }
    }
}

/// Identical instances (same type, same tasks, same fate), in order of first appearance.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// Running, removed by a scale-in, or about to be added.
    pub fate: Fate,
    /// Index of the first instance.
    pub first: usize,
    /// How many instances.
    pub count: u64,
    /// Zones the group's instances are in.
    pub zones: Vec<u32>,
    /// A representative instance.
    pub inst: Inst,
}

/// Groups identical instances; O(n log n).
pub fn groups(p: &Placement) -> Vec<Group> {
    groups_with(p, &[])
}

/// Groups identical instances, the ones in `removing` apart from the rest, in the order of
/// their first instance. Keys are hashed and sorted with the app's one sort (a map keyed by them
/// brought its own tree code into the wasm); equal hashes are compared whole.
pub fn groups_with(p: &Placement, removing: &[usize]) -> Vec<Group> {
    let fate = |i: usize| {
        if removing.contains(&i) {
            Fate::Removing
        } else {
            Fate::Running
        }
    };
    let key = |i: usize| {
        p.instances
            .get(i)
            .map(|x| (x.type_index, x.tasks.as_slice(), fate(i)))
    };
    // FNV-1a over the key's numbers.
    let hash = |i: usize| {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let mut eat = |x: u64| h = (h ^ x).wrapping_mul(0x100_0000_01b3);
        if let Some((t, tasks, f)) = key(i) {
            eat(t as u64);
            eat(f as u64);
            for &(svc, c) in tasks {
                eat(svc as u64);
                eat(c);
            }
        }
        h
    };
    let n = p.instances.len();
    let mut order: Vec<(u64, usize)> = (0..n).map(|i| (hash(i), i)).collect();
    crate::model::order::keys(&mut order);
    // rep[i]: the first instance with i's key (runs of one hash are in instance order).
    let mut rep: Vec<usize> = (0..n).collect();
    let mut start = 0;
    while start < order.len() {
        let end = start
            + order[start..]
                .iter()
                .take_while(|x| x.0 == order[start].0)
                .count();
        for a in start..end {
            let i = order[a].1;
            if let Some(b) = (start..a).find(|&b| key(order[b].1) == key(i)) {
                rep[i] = rep[order[b].1];
            }
        }
        start = end;
    }
    let mut group_of: Vec<usize> = vec![usize::MAX; n];
    let mut out: Vec<Group> = Vec::new();
    for (i, inst) in p.instances.iter().enumerate() {
        let r = rep.get(i).copied().unwrap_or(i);
        match group_of.get(r).copied().filter(|&g| g != usize::MAX) {
            Some(g) => {
                if let Some(gr) = out.get_mut(g) {
                    gr.count += 1;
                    if !gr.zones.contains(&inst.az) {
                        gr.zones.push(inst.az);
                    }
                }
            }
            None => {
                if let Some(slot) = group_of.get_mut(r) {
                    *slot = out.len();
                }
                out.push(Group {
                    fate: fate(i),
                    first: i,
                    count: 1,
                    zones: vec![inst.az],
                    inst: inst.clone(),
                });
            }
        }
    }
    out
}

/// One task (or a run of tasks of one service) in a column.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskShape {
    /// Service index (colour).
    pub service: usize,
    /// Tasks this shape stands for (1 unless the column draws runs).
    pub count: u64,
    /// Its slice of the CPU bar.
    pub cpu: Rect,
    /// Its slice of the memory bar.
    pub mem: Rect,
}

/// The daemons' slice of a column.
#[derive(Clone, Debug, PartialEq)]
pub struct DaemonShape {
    /// Daemon index.
    pub daemon: usize,
    /// CPU slice.
    pub cpu: Rect,
    /// Memory slice.
    pub mem: Rect,
}

/// One column: a group of identical instances.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// The group.
    pub group: Group,
    /// The CPU bar's outline (full capacity).
    pub cpu_bar: Rect,
    /// The memory bar's outline.
    pub mem_bar: Rect,
    /// Tasks.
    pub tasks: Vec<TaskShape>,
    /// Whether tasks are drawn as runs (too many to draw one by one).
    pub runs: bool,
    /// Daemons.
    pub daemons: Vec<DaemonShape>,
    /// Centre x of the labels.
    pub label_x: f64,
}

/// The whole chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Shapes {
    /// viewBox width.
    pub width: f64,
    /// viewBox height.
    pub height: f64,
    /// Columns drawn.
    pub columns: Vec<Column>,
    /// Groups not drawn (past MAX_COLUMNS).
    pub hidden_groups: usize,
    /// Instances in those groups.
    pub hidden_instances: u64,
    /// (service, count, reason) not placed.
    pub unplaced: Vec<(usize, u64, Reason)>,
    /// Every group, drawn or not (the table view lists them all).
    pub groups: Vec<Group>,
}

/// Per-service and per-daemon reservations the chart needs.
pub struct Sizes<'a> {
    /// (cpu, memory) per service.
    pub services: &'a [(u64, u64)],
    /// (cpu, memory) per daemon.
    pub daemons: &'a [(u64, u64)],
}

/// Lays the chart out. Bar heights are relative to the largest type's capacity.
pub fn shapes(p: &Placement, offers: &[Offer], sizes: &Sizes<'_>) -> Shapes {
    shapes_with(p, offers, sizes, 0, &[])
}

/// The CAS view: `adding` empty instances of the first type drawn after the running ones (dashed in
/// the UI), and the instances in `removing` drawn apart.
pub fn shapes_with(
    p: &Placement,
    offers: &[Offer],
    sizes: &Sizes<'_>,
    adding: u64,
    removing: &[usize],
) -> Shapes {
    let mut all = groups_with(p, removing);
    if let (true, Some(o)) = (adding > 0, offers.first()) {
        let n = p.instances.len();
        all.push(Group {
            fate: Fate::Adding,
            first: n,
            count: adding,
            zones: Vec::new(),
            inst: Inst::new(0, 0, o, false),
        });
    }
    let max = Max {
        cpu: offers.iter().map(|o| o.cpu.0).max().unwrap_or(1).max(1) as f64,
        mem: offers.iter().map(|o| o.memory.0).max().unwrap_or(1).max(1) as f64,
    };
    let drawn = all.len().min(MAX_COLUMNS);
    let hidden_instances: u64 = all.iter().skip(MAX_COLUMNS).map(|g| g.count).sum();
    let columns = all
        .iter()
        .take(MAX_COLUMNS)
        .enumerate()
        .map(|(c, g)| column(c, g, offers, sizes, &max))
        .collect();
    let width = MARGIN * 2.0 + drawn.max(1) as f64 * (COL_W + COL_GAP);
    Shapes {
        width,
        height: MARGIN + BAR_H + LABEL_H,
        columns,
        hidden_groups: all.len().saturating_sub(MAX_COLUMNS),
        hidden_instances,
        unplaced: p
            .unplaced
            .iter()
            .map(|u| (u.service, u.count, u.reason))
            .collect(),
        groups: all,
    }
}

/// The width of a column's two bars and the gap between them.
const COL_W: f64 = BAR_W * 2.0 + BAR_GAP;

/// The largest type's CPU units and memory: a full bar's height stands for them.
struct Max {
    /// CPU units.
    cpu: f64,
    /// Memory.
    mem: f64,
}

/// Column `c`, for group `g`: its two bars as tall as the type's capacity, and the daemons then
/// the tasks stacked up from the bottom.
fn column(c: usize, g: &Group, offers: &[Offer], sizes: &Sizes<'_>, max: &Max) -> Column {
    let x = MARGIN + c as f64 * (COL_W + COL_GAP);
    let base = MARGIN + BAR_H;
    let o = offers.get(g.inst.type_index);
    let cap_cpu = o.map_or(1, |o| o.cpu.0) as f64;
    let cap_mem = o.map_or(1, |o| o.memory.0) as f64;
    let cpu_h = BAR_H * cap_cpu / max.cpu;
    let mem_h = BAR_H * cap_mem / max.mem;
    let cpu_bar = Rect {
        x,
        y: base - cpu_h,
        w: BAR_W,
        h: cpu_h,
    };
    let mem_bar = Rect {
        x: x + BAR_W + BAR_GAP,
        y: base - mem_h,
        w: BAR_W,
        h: mem_h,
    };
    // Stack from the bottom: daemons, then tasks in placement order.
    let (mut yc, mut ym) = (base, base);
    let mut slice = |cpu: u64, mem: u64| -> (Rect, Rect) {
        let hc = BAR_H * cpu as f64 / max.cpu;
        let hm = BAR_H * mem as f64 / max.mem;
        yc -= hc;
        ym -= hm;
        (
            Rect {
                x,
                y: yc,
                w: BAR_W,
                h: hc,
            },
            Rect {
                x: mem_bar.x,
                y: ym,
                w: BAR_W,
                h: hm,
            },
        )
    };
    let daemons = sizes
        .daemons
        .iter()
        .enumerate()
        .map(|(d, &(cpu, mem))| {
            let (cpu, mem) = slice(cpu, mem);
            DaemonShape {
                daemon: d,
                cpu,
                mem,
            }
        })
        .collect();
    let runs = g.inst.task_count() > MAX_TASKS_DRAWN;
    let tasks = task_shapes(&g.inst, sizes, runs, &mut slice);
    Column {
        group: g.clone(),
        cpu_bar,
        mem_bar,
        tasks,
        runs,
        daemons,
        label_x: x + COL_W / 2.0,
    }
}

/// The tasks of `inst`, each cut from the bars by `slice`: one shape per task, or one per run of a
/// service's tasks when `runs` (too many to draw one by one).
fn task_shapes(
    inst: &Inst,
    sizes: &Sizes<'_>,
    runs: bool,
    slice: &mut impl FnMut(u64, u64) -> (Rect, Rect),
) -> Vec<TaskShape> {
    let mut tasks = Vec::new();
    for &(svc, n) in &inst.tasks {
        let (cpu, mem) = sizes.services.get(svc).copied().unwrap_or((0, 0));
        if runs {
            let (rc, rm) = slice(cpu * n, mem * n);
            tasks.push(TaskShape {
                service: svc,
                count: n,
                cpu: rc,
                mem: rm,
            });
        } else {
            for _ in 0..n {
                let (rc, rm) = slice(cpu, mem);
                tasks.push(TaskShape {
                    service: svc,
                    count: 1,
                    cpu: rc,
                    mem: rm,
                });
            }
        }
    }
    tasks
}

/// "#1" or "#3-#39" (1-based, as people count instances).
pub fn range_label(g: &Group) -> String {
    if g.count == 1 {
        format!("#{}", g.first + 1)
    } else {
        format!("x{}", g.count)
    }
}

/// A service's classes: its colour (`svc-0`..`svc-7`, cycling) and, from the ninth service on, an
/// outline style (`band-1`..`band-3`), so services that share a colour still look different
/// without relying on colour alone.
pub fn service_class(service: usize) -> String {
    format!("svc-{} band-{}", service % PALETTE, service / PALETTE % 4)
}

/// The names the chart prints, by index: services, daemons, instance types (as `Offer`s).
pub struct Names<'a> {
    /// Service names.
    pub services: &'a [&'a str],
    /// Daemon names.
    pub daemons: &'a [&'a str],
    /// Instance type names.
    pub types: &'a [&'a str],
}

fn rect(out: &mut String, class: &str, extra: &str, r: &Rect) {
    let _ = write!(
        out,
        r#"<rect class="{class}"{extra} x="{}" y="{}" width="{}" height="{}"/>"#,
        coord(r.x),
        coord(r.y),
        coord(r.w),
        coord(r.h)
    );
}

/// What shares the instance(s) of a column, for the panel a click or a tap opens: a heading, then
/// one line per service's tasks with what each reserves, the daemons, and what is left.
pub fn column_details(g: &Group, names: &Names<'_>, sizes: &Sizes<'_>) -> (String, Vec<String>) {
    let get = |list: &[&str], i: usize| list.get(i).copied().unwrap_or("?").to_string();
    let type_name = get(names.types, g.inst.type_index);
    let zones: Vec<String> = g.zones.iter().map(|&z| az_letter(z)).collect();
    let heading = if g.count == 1 {
        format!(
            "Instance #{} {type_name}, zone {}",
            g.first + 1,
            zones.join(", ")
        )
    } else {
        format!(
            "Instances #{} and {} more like it, {type_name}, zones {}",
            g.first + 1,
            g.count - 1,
            zones.join(", ")
        )
    };
    let mut lines: Vec<String> = g
        .inst
        .tasks
        .iter()
        .map(|&(svc, n)| {
            let (cpu, mem) = sizes.services.get(svc).copied().unwrap_or((0, 0));
            format!(
                "{n} {} task{}, each {cpu} CPU units and {mem} MiB: {} CPU units and {} MiB",
                get(names.services, svc),
                if n == 1 { "" } else { "s" },
                n * cpu,
                n * mem
            )
        })
        .collect();
    for (i, d) in names.daemons.iter().enumerate() {
        let (cpu, mem) = sizes.daemons.get(i).copied().unwrap_or((0, 0));
        lines.push(format!("daemon {d}: {cpu} CPU units and {mem} MiB"));
    }
    if g.fate == Fate::Adding {
        lines.push("launching: no task on it yet".to_string());
    } else {
        lines.push(format!(
            "left: {} CPU units, {} MiB, {} ENIs for awsvpc tasks",
            g.inst.free_cpu, g.inst.free_memory, g.inst.free_enis
        ));
    }
    (heading, lines)
}

/// The hover text of a column.
pub fn column_title(g: &Group, names: &Names<'_>) -> String {
    let get = |list: &[&str], i: usize| list.get(i).copied().unwrap_or("?").to_string();
    let type_name = get(names.types, g.inst.type_index);
    if g.fate == Fate::Adding {
        return format!(
            "{} {type_name} instance(s) CAS is about to add (launching, not yet registered)",
            g.count
        );
    }
    let zones: Vec<String> = g.zones.iter().map(|&z| az_letter(z)).collect();
    let contents: Vec<String> = g
        .inst
        .tasks
        .iter()
        .map(|&(s, n)| format!("{n} {}", get(names.services, s)))
        .collect();
    format!(
        "{}{} {type_name}{}, zone {}: {}; free {} CPU units, {} MiB, {} ENIs",
        if g.fate == Fate::Removing {
            "To be removed by the scale-in: "
        } else {
            ""
        },
        if g.count == 1 {
            format!("Instance #{}", g.first + 1)
        } else {
            format!("{} identical instances from #{}", g.count, g.first + 1)
        },
        if g.count == 1 { "" } else { " each" },
        zones.join(", "),
        if contents.is_empty() {
            "no tasks".to_string()
        } else {
            contents.join(", ")
        },
        g.inst.free_cpu,
        g.inst.free_memory,
        g.inst.free_enis
    )
}

/// The chart as SVG markup: api.md's hooks (`svg[data-testid=packing]`, one `instance` group per
/// column with `data-count`, a `task` (or `task-run`) group per task, `daemon` groups), hover
/// titles, and the daemons' hatch pattern. `aria` labels the whole picture.
pub fn svg(shapes: &Shapes, sizes: &Sizes<'_>, names: &Names<'_>, aria: &str) -> String {
    let name = |i: usize| esc(names.services.get(i).copied().unwrap_or("?"));
    let mut out = String::with_capacity(1024 + shapes.columns.len() * 600);
    let _ = write!(
        out,
        r#"<svg data-testid="packing" class="packing" viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-label="{}"><defs><pattern id="daemon-hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="hatch-bg" width="4" height="4"/><rect class="hatch-line" width="1.5" height="4"/></pattern></defs>"#,
        coord(shapes.width),
        coord(shapes.height),
        coord(shapes.width * 1.25),
        coord(shapes.height * 1.25),
        esc(aria)
    );
    for c in &shapes.columns {
        let g = &c.group;
        let _ = write!(
            out,
            r#"<g data-testid="instance" data-fate="{f}" class="{f}" data-count="{}" data-type="{}" data-first="{}"><title>{}</title>"#,
            g.count,
            esc(names.types.get(g.inst.type_index).copied().unwrap_or("?")),
            g.first,
            esc(&column_title(g, names)),
            f = g.fate.as_str(),
        );
        // The whole column answers a click or a tap, gaps between its bars included.
        let hit = Rect {
            x: c.cpu_bar.x - 2.0,
            y: c.cpu_bar.y.min(c.mem_bar.y),
            w: (c.mem_bar.x + c.mem_bar.w) - c.cpu_bar.x + 4.0,
            h: c.cpu_bar.h.max(c.mem_bar.h),
        };
        rect(&mut out, "hit", "", &hit);
        rect(&mut out, "bar", "", &c.cpu_bar);
        rect(&mut out, "bar", "", &c.mem_bar);
        for d in &c.daemons {
            let n = esc(names.daemons.get(d.daemon).copied().unwrap_or("?"));
            let (cpu, mem) = sizes.daemons.get(d.daemon).copied().unwrap_or_default();
            let _ = write!(
                out,
                r#"<g data-testid="daemon" data-daemon="{n}"><title>daemon {n}: {cpu} CPU units, {mem} MiB</title>"#
            );
            rect(&mut out, "daemon", r#" fill="url(#daemon-hatch)""#, &d.cpu);
            rect(&mut out, "daemon", r#" fill="url(#daemon-hatch)""#, &d.mem);
            out.push_str("</g>");
        }
        for t in &c.tasks {
            let (cpu, mem) = sizes.services.get(t.service).copied().unwrap_or_default();
            let n = name(t.service);
            let _ = write!(
                out,
                r#"<g data-testid="{}" data-service="{n}" data-count="{}"><title>"#,
                if c.runs { "task-run" } else { "task" },
                t.count
            );
            let _ = if c.runs {
                write!(
                    out,
                    "{} x {n}: {} CPU units, {} MiB",
                    t.count,
                    cpu * t.count,
                    mem * t.count
                )
            } else {
                write!(out, "{n}: {cpu} CPU units, {mem} MiB")
            };
            out.push_str("</title>");
            let class = service_class(t.service);
            rect(&mut out, &class, "", &t.cpu);
            rect(&mut out, &class, "", &t.mem);
            out.push_str("</g>");
        }
        let y = MARGIN + BAR_H + 14.0;
        let _ = write!(
            out,
            r#"<text class="col-label" x="{x}" y="{}" text-anchor="middle">{}</text><text class="col-sub" x="{x}" y="{}" text-anchor="middle">C  M</text></g>"#,
            coord(y),
            esc(&range_label(g)),
            coord(y + 12.0),
            x = coord(c.label_x),
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A column's details name its instance, each service's tasks with what they reserve, the
    /// daemons and what is left.
    #[test]
    fn column_details_list_what_shares_the_instance() {
        let inst = Inst {
            type_index: 0,
            az: 1,
            free_cpu: 192,
            free_memory: 56,
            free_enis: 2,
            ports: Vec::new(),
            tasks: vec![(0, 7)],
            existing: false,
            services: 1,
        };
        let g = Group {
            fate: Fate::Running,
            first: 4,
            count: 1,
            zones: vec![1],
            inst,
        };
        let names = Names {
            services: &["api"],
            daemons: &["log-router"],
            types: &["t4g.medium"],
        };
        let sizes = Sizes {
            services: &[(256, 512)],
            daemons: &[(64, 128)],
        };
        let (h, lines) = column_details(&g, &names, &sizes);
        assert_eq!(h, "Instance #5 t4g.medium, zone b");
        assert_eq!(
            lines,
            [
                "7 api tasks, each 256 CPU units and 512 MiB: 1792 CPU units and 3584 MiB",
                "daemon log-router: 64 CPU units and 128 MiB",
                "left: 192 CPU units, 56 MiB, 2 ENIs for awsvpc tasks"
            ]
        );
    }
    use crate::state::form::Form;

    fn shapes_of(f: &Form) -> (Shapes, crate::model::plan::Plan) {
        let p = f.plan().unwrap();
        let svc: Vec<(u64, u64)> = p
            .services
            .iter()
            .map(|s| (s.cpu, s.reserved_memory_mib))
            .collect();
        let dae: Vec<(u64, u64)> = f.daemons.iter().map(|_| (64, 128)).collect();
        let s = shapes(
            &p.raw_placement,
            &p.offers,
            &Sizes {
                services: &svc,
                daemons: &dae,
            },
        );
        (s, p)
    }

    /// Services past the eighth share a colour with an earlier one but not its outline.
    #[test]
    fn services_past_the_palette_differ_by_outline() {
        assert_eq!(service_class(1), "svc-1 band-0");
        assert_eq!(service_class(9), "svc-1 band-1");
        assert_eq!(service_class(17), "svc-1 band-2");
        assert_ne!(service_class(9), service_class(1));
    }

    /// The markup carries api.md's hooks, one per column, task and daemon, with names escaped.
    #[test]
    fn svg_has_the_hooks_and_escapes() {
        let mut f = Form::default();
        f.services[0].name = "a<b&c".into();
        let (s, p) = shapes_of(&f);
        let svc: Vec<(u64, u64)> = p
            .services
            .iter()
            .map(|s| (s.cpu, s.reserved_memory_mib))
            .collect();
        let markup = svg(
            &s,
            &Sizes {
                services: &svc,
                daemons: &[(64, 128)],
            },
            &Names {
                services: &["a<b&c"],
                daemons: &["log-router"],
                types: &["t4g.medium"],
            },
            "chart",
        );
        assert!(markup.starts_with(r#"<svg data-testid="packing""#));
        assert_eq!(
            markup.matches(r#"data-testid="instance""#).count(),
            s.columns.len()
        );
        assert_eq!(markup.matches(r#"data-testid="task""#).count(), 10);
        assert_eq!(
            markup.matches(r#"data-testid="daemon""#).count(),
            s.columns.len()
        );
        assert!(markup.contains(r#"data-service="a&lt;b&amp;c""#) && !markup.contains("a<b"));
        assert!(markup.contains("Instance #1 t4g.medium, zone a: 7 a&lt;b&amp;c"));
    }

    /// 10 tasks at 7 per instance: two groups (7 and 3 tasks), each drawn task by task.
    #[test]
    fn identical_instances_are_grouped() {
        let (s, p) = shapes_of(&Form::default());
        assert_eq!(p.instances_needed, 2);
        assert_eq!(s.columns.len(), 2);
        assert_eq!(s.columns[0].tasks.len(), 7);
        assert_eq!(s.columns[1].tasks.len(), 3);
    }

    /// Hundreds of identical instances draw as one column "x37".
    #[test]
    fn hundreds_of_instances_stay_few_columns() {
        let mut f = Form::default();
        f.services[0].desired = "10000".into();
        let (s, p) = shapes_of(&f);
        assert!(p.instances_needed > 1000);
        assert!(s.columns.len() <= 2);
        assert_eq!(
            s.columns.iter().map(|c| c.group.count).sum::<u64>(),
            p.instances_needed
        );
        assert_eq!(
            range_label(&s.columns[0].group),
            format!("x{}", s.columns[0].group.count)
        );
    }

    /// The CAS view draws the instances to add after the running ones, and the empty instances a
    /// scale-in removes apart from the rest.
    #[test]
    fn cas_view_marks_adding_and_removing() {
        let (_, p) = shapes_of(&Form::default());
        let svc: Vec<(u64, u64)> = p
            .services
            .iter()
            .map(|s| (s.cpu, s.reserved_memory_mib))
            .collect();
        let sizes = Sizes {
            services: &svc,
            daemons: &[],
        };
        let s = shapes_with(&p.raw_placement, &p.offers, &sizes, 3, &[1]);
        let fates: Vec<(Fate, u64)> = s
            .columns
            .iter()
            .map(|c| (c.group.fate, c.group.count))
            .collect();
        assert_eq!(
            fates,
            vec![(Fate::Running, 1), (Fate::Removing, 1), (Fate::Adding, 3)]
        );
        assert!(s.columns[2].tasks.is_empty());
    }

    /// Nothing is drawn outside its bar: stacked slices end at or below the bar's top.
    #[test]
    fn slices_stay_inside_bars() {
        let (s, _) = shapes_of(&Form::default());
        for c in &s.columns {
            for t in &c.tasks {
                assert!(t.cpu.y >= c.cpu_bar.y - 1e-9 && t.mem.y >= c.mem_bar.y - 1e-9);
            }
        }
    }
}
