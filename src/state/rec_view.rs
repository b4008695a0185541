//! The recommender's view (issue 5): its sort and filters, and (issue 6) their form in the link,
//! under the page's prefix "r." (`sort=waste&desc=1&arch=arm64&family=m6g&gen=6&awsvpc=1&all=1`,
//! defaults left out). Pure: the cost panel draws it.

use crate::io::link::{fragment, pairs};
use crate::model::recommend::Recommendation;

/// A recommender column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Col {
    /// Type name.
    Type,
    /// Instances needed.
    Instances,
    /// Monthly cost.
    Cost,
    /// CPU share used.
    Cpu,
    /// Memory share used.
    Memory,
    /// Waste share.
    Waste,
    /// Limiting resource.
    Limit,
}

impl Col {
    /// (column, key in the link and the page, heading).
    pub const ALL: [(Col, &'static str, &'static str); 7] = [
        (Col::Type, "type", "Instance type"),
        (Col::Instances, "instances", "Instances"),
        (Col::Cost, "cost", "USD per month"),
        (Col::Cpu, "cpu", "Paid CPU reserved"),
        (Col::Memory, "memory", "Paid memory reserved"),
        (Col::Waste, "waste", "Unreserved"),
        (Col::Limit, "limit", "Limited by"),
    ];
}

/// Sorts ranked types by a column; ties fall back to cost and then the (unique) name, so the order
/// never depends on the sort's stability.
pub fn sort(rows: &mut [&Recommendation], col: Col, ascending: bool) {
    crate::model::order::small(rows, |a, b| {
        let primary = match col {
            Col::Type => a.instance_type.cmp(&b.instance_type),
            Col::Instances => a.instances_needed.cmp(&b.instances_needed),
            Col::Cost => a.monthly_cost.total_cmp(&b.monthly_cost),
            Col::Cpu => a.cpu_used_share.total_cmp(&b.cpu_used_share),
            Col::Memory => a.memory_used_share.total_cmp(&b.memory_used_share),
            Col::Waste => a.waste_share.total_cmp(&b.waste_share),
            Col::Limit => a.limited_by.as_str().cmp(b.limited_by.as_str()),
        };
        let primary = if ascending {
            primary
        } else {
            primary.reverse()
        };
        // Types that do not fit always come last.
        b.fits
            .cmp(&a.fits)
            .then(primary)
            .then(a.monthly_cost.total_cmp(&b.monthly_cost))
            .then_with(|| a.instance_type.cmp(&b.instance_type))
    });
}

/// The recommender's filters.
#[derive(Clone, Debug, PartialEq)]
pub struct Filters {
    /// "" (all), "arm64" or "x86_64".
    pub arch: String,
    /// "" or a family.
    pub family: String,
    /// "" or a generation number.
    pub generation: String,
    /// Only types on which every awsvpc task fits.
    pub awsvpc: bool,
    /// Only types on which every task fits.
    pub fits: bool,
    /// "" or the fewest vCPUs a type may have (one of [`MIN_VCPUS`]).
    pub min_vcpu: String,
    /// "" or the least memory a type may have, GiB (one of [`MIN_GIBS`]).
    pub min_gib: String,
    /// "" or a CPU maker: "aws", "intel", "amd".
    pub maker: String,
    /// Hide types whose trunk limit is inferred (not from AWS's ECS table).
    pub trunk_doc: bool,
}

/// The vCPU minimums the filter offers.
pub const MIN_VCPUS: [&str; 6] = ["2", "4", "8", "16", "32", "64"];
/// The memory minimums the filter offers, GiB.
pub const MIN_GIBS: [&str; 7] = ["4", "8", "16", "32", "64", "128", "256"];

impl Default for Filters {
    fn default() -> Self {
        Filters {
            arch: String::new(),
            family: String::new(),
            generation: String::new(),
            awsvpc: false,
            fits: true,
            min_vcpu: String::new(),
            min_gib: String::new(),
            maker: String::new(),
            trunk_doc: false,
        }
    }
}

impl Filters {
    /// Whether a ranked type passes.
    pub fn pass(&self, r: &Recommendation) -> bool {
        (self.arch.is_empty() || r.arch == self.arch)
            && (self.family.is_empty() || r.family == self.family)
            && (self.generation.is_empty() || r.generation.to_string() == self.generation)
            && (!self.awsvpc || r.awsvpc_fits)
            && (!self.fits || r.may_fit())
            && (self.min_vcpu.is_empty() || self.min_vcpu.parse().is_ok_and(|n: u32| r.vcpu >= n))
            && (self.min_gib.is_empty()
                || self
                    .min_gib
                    .parse()
                    .is_ok_and(|n: u64| r.memory_mib >= n * 1024))
            && (self.maker.is_empty() || r.maker == self.maker)
            && !(self.trunk_doc && r.trunk_source == Some("inferred"))
    }
}

/// The recommender's sort (column, ascending) and filters.
#[derive(Clone, Debug, PartialEq)]
pub struct RecView {
    /// Column and direction.
    pub sort: (Col, bool),
    /// Filters.
    pub filters: Filters,
}

impl Default for RecView {
    /// Cheapest first; types a task does not fit hidden.
    fn default() -> Self {
        RecView {
            sort: (Col::Cost, true),
            filters: Filters::default(),
        }
    }
}

/// The architectures the filter offers.
pub const ARCHES: [&str; 2] = ["arm64", "x86_64"];

impl RecView {
    /// The view sorted by `col`: the same column again turns the order around; another column
    /// starts ascending.
    pub fn sorted_by(&self, col: Col) -> RecView {
        let mut next = self.clone();
        next.sort = if self.sort.0 == col {
            (col, !self.sort.1)
        } else {
            (col, true)
        };
        next
    }

    /// What differs from the default, as the query fragment the page keeps under "r.".
    pub fn to_link(&self) -> String {
        let d = RecView::default();
        let f = &self.filters;
        let key = Col::ALL
            .iter()
            .find(|(c, _, _)| *c == self.sort.0)
            .map_or("cost", |(_, k, _)| k);
        let mut out: Vec<(&str, &str)> = Vec::new();
        if self.sort.0 != d.sort.0 {
            out.push(("sort", key));
        }
        if !self.sort.1 {
            out.push(("desc", "1"));
        }
        for (k, v) in [
            ("arch", &f.arch),
            ("family", &f.family),
            ("gen", &f.generation),
            ("vcpu", &f.min_vcpu),
            ("mem", &f.min_gib),
            ("maker", &f.maker),
        ] {
            if !v.is_empty() {
                out.push((k, v));
            }
        }
        if f.awsvpc {
            out.push(("awsvpc", "1"));
        }
        if !f.fits {
            out.push(("all", "1"));
        }
        if f.trunk_doc {
            out.push(("doc", "1"));
        }
        fragment(&out)
    }

    /// The view a link's fragment describes, and notes on what it could not use. A family or
    /// generation that matches no type is kept (the table then says so); an unknown column or
    /// architecture is not.
    pub fn from_link(text: &str) -> (RecView, Vec<String>) {
        let mut v = RecView::default();
        let mut notes = Vec::new();
        let short = |s: &str| s.chars().take(40).collect::<String>();
        for (key, value) in pairs(text) {
            match key.as_str() {
                "sort" => match Col::ALL.iter().find(|(_, k, _)| *k == value) {
                    Some(&(c, _, _)) => v.sort.0 = c,
                    None => notes.push(format!(
                        "the recommender's column \"{}\" is unknown; it is sorted by cost",
                        short(&value)
                    )),
                },
                "desc" => v.sort.1 = value != "1",
                "arch" if value.is_empty() || ARCHES.contains(&value.as_str()) => {
                    v.filters.arch = value
                }
                "arch" => notes.push(format!(
                    "the recommender's architecture \"{}\" is unknown; every one is shown",
                    short(&value)
                )),
                "family" => v.filters.family = value,
                "gen" => v.filters.generation = value,
                "awsvpc" => v.filters.awsvpc = value == "1",
                "all" => v.filters.fits = value != "1",
                "doc" => v.filters.trunk_doc = value == "1",
                "vcpu" if MIN_VCPUS.contains(&value.as_str()) => v.filters.min_vcpu = value,
                "mem" if MIN_GIBS.contains(&value.as_str()) => v.filters.min_gib = value,
                "maker" if crate::model::catalog::Maker::parse(&value).is_some() => {
                    v.filters.maker = value
                }
                "vcpu" | "mem" | "maker" => notes.push(format!(
                    "the recommender's filter {key}=\"{}\" is not one the page offers; it is left out",
                    short(&value)
                )),
                _ => notes.push(format!(
                    "the link's recommender setting \"{}\" is unknown and was ignored",
                    short(&key)
                )),
            }
        }
        (v, notes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::recommend::{recommend, Options};
    use crate::model::validate::{parse_json, validate};

    fn ranked() -> Vec<Recommendation> {
        let (s, _) = validate(
            &parse_json(r#"{"services":[{"cpu":1024,"memory":3000,"desiredCount":12,"networkMode":"awsvpc"}]}"#)
                .unwrap(),
        )
        .unwrap();
        recommend(&s, &Options::default())
    }

    /// Clicking a column sorts by it ascending; clicking it again turns the order around.
    #[test]
    fn sorting_by_a_column_twice_reverses() {
        let v = RecView::default().sorted_by(Col::Waste);
        assert_eq!(v.sort, (Col::Waste, true));
        assert_eq!(v.sorted_by(Col::Waste).sort, (Col::Waste, false));
        assert_eq!(
            v.sorted_by(Col::Waste).sorted_by(Col::Cost).sort,
            (Col::Cost, true)
        );
    }

    /// Each column sorts both ways; types that do not fit stay last.
    #[test]
    fn sorting_by_each_column() {
        let all = ranked();
        for &(col, _, _) in &Col::ALL {
            for asc in [true, false] {
                let mut rows: Vec<&Recommendation> = all.iter().collect();
                sort(&mut rows, col, asc);
                let fit_end = rows.iter().position(|r| !r.fits).unwrap_or(rows.len());
                assert!(rows[fit_end..].iter().all(|r| !r.fits));
                let key = |r: &Recommendation| match col {
                    Col::Instances => r.instances_needed as f64,
                    Col::Cost => r.monthly_cost,
                    Col::Cpu => r.cpu_used_share,
                    Col::Memory => r.memory_used_share,
                    Col::Waste => r.waste_share,
                    _ => 0.0,
                };
                for w in rows[..fit_end].windows(2) {
                    if asc {
                        assert!(key(w[0]) <= key(w[1]), "{col:?}");
                    } else {
                        assert!(key(w[0]) >= key(w[1]), "{col:?}");
                    }
                    if col == Col::Type {
                        assert_eq!(w[0].instance_type < w[1].instance_type, asc);
                    }
                }
            }
        }
    }

    /// Filters by architecture, family, generation and awsvpc fit.
    #[test]
    fn filters() {
        let all = ranked();
        let f = Filters {
            arch: "arm64".into(),
            generation: "6".into(),
            awsvpc: true,
            ..Filters::default()
        };
        let shown: Vec<&Recommendation> = all.iter().filter(|r| f.pass(r)).collect();
        assert!(!shown.is_empty());
        assert!(shown
            .iter()
            .all(|r| r.arch == "arm64" && r.generation == 6 && r.awsvpc_fits && r.fits));
        let m6g = Filters {
            family: "m6g".into(),
            ..Filters::default()
        };
        assert!(all
            .iter()
            .filter(|r| m6g.pass(r))
            .all(|r| r.family == "m6g"));
        // The refreshed catalog's filters: at least 8 vCPU and 32 GiB, AMD, AWS's trunk limits.
        let f = Filters {
            min_vcpu: "8".into(),
            min_gib: "32".into(),
            maker: "amd".into(),
            trunk_doc: true,
            fits: false,
            ..Filters::default()
        };
        let shown: Vec<&str> = all
            .iter()
            .filter(|r| f.pass(r))
            .map(|r| r.instance_type.as_str())
            .collect();
        // m6a and r6a from 2xlarge, c6a from 4xlarge (its 2xlarge has 16 GiB), and t3a.2xlarge
        // (no trunking at all); no 7a (inferred limits).
        let mut want = vec![
            "t3a.2xlarge",
            "m6a.2xlarge",
            "m6a.4xlarge",
            "m6a.8xlarge",
            "r6a.2xlarge",
            "r6a.4xlarge",
            "r6a.8xlarge",
            "c6a.4xlarge",
            "c6a.8xlarge",
        ];
        let mut got = shown.clone();
        want.sort_unstable();
        got.sort_unstable();
        assert_eq!(got, want);
        let inferred = Filters {
            trunk_doc: true,
            fits: false,
            ..Filters::default()
        };
        assert_eq!(
            all.iter().filter(|r| !inferred.pass(r)).count(),
            51,
            "every inferred trunk limit hidden, nothing else"
        );
    }

    /// Every view survives the link (the page's form, its query and back); defaults are left
    /// out; bad values are noted and fall back.
    #[test]
    fn views_survive_the_link() {
        use crate::state::form::{Edit, Form};
        use crate::state::link::{decode_form, encode, panel_fragment};
        assert_eq!(RecView::default().to_link(), "");
        let texts = ["", "m6g", "a&b=c,d", "é %"];
        for &(col, _, _) in &Col::ALL {
            for (i, t) in texts.iter().enumerate() {
                let v = RecView {
                    sort: (col, i % 2 == 0),
                    filters: Filters {
                        arch: ["", "arm64", "x86_64"][i % 3].to_string(),
                        family: t.to_string(),
                        generation: texts[(i + 1) % 4].to_string(),
                        awsvpc: i % 2 == 1,
                        fits: i < 2,
                        min_vcpu: ["", "2", "64"][i % 3].to_string(),
                        min_gib: ["", "4", "256"][(i + 1) % 3].to_string(),
                        maker: ["", "aws", "intel", "amd"][i % 4].to_string(),
                        trunk_doc: i % 2 == 0,
                    },
                };
                let mut page = Form::default();
                page.apply(Edit::Rec(v.clone()));
                let q = encode(&page);
                let (back, notes) = RecView::from_link(&panel_fragment(&decode_form(&q).0, "r"));
                assert_eq!(back, v, "{q}");
                assert!(notes.is_empty(), "{notes:?}");
            }
        }
        let v = RecView {
            sort: (Col::Waste, false),
            filters: Filters {
                arch: "arm64".into(),
                ..Filters::default()
            },
        };
        assert_eq!(v.to_link(), "sort=waste&desc=1&arch=arm64");
        let (v, notes) = RecView::from_link("sort=price&arch=sparc&zz=1&gen=6");
        assert_eq!(v.sort.0, Col::Cost);
        assert_eq!(
            (v.filters.arch.as_str(), v.filters.generation.as_str()),
            ("", "6")
        );
        assert_eq!(notes.len(), 3, "{notes:?}");
    }
}
