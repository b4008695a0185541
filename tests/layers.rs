//! The layers of STYLE.md hold: imports run one way (model <- io <- state <- ui, viz <- ui, api over
//! all), the pure layers import no browser crate, and no two files of the model import each other
//! in a cycle. Read from the source files; test modules (`#[cfg(test)]` to the end of a file) may
//! use any layer, as tests are over everything.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// The layers, and the layers each may import.
const ALLOWED: [(&str, &[&str]); 6] = [
    ("model", &["model"]),
    ("io", &["model", "io"]),
    ("state", &["model", "io", "state"]),
    ("viz", &["model", "viz"]),
    ("ui", &["model", "io", "state", "viz", "ui"]),
    ("api", &["model", "io", "state", "viz", "ui", "api"]),
];

/// Crates the pure layers never use.
const BROWSER_CRATES: [&str; 6] = [
    "yew",
    "web_sys",
    "gloo",
    "wasm_bindgen",
    "js_sys",
    "serde_wasm_bindgen",
];

/// Every `.rs` file under `dir`, as (path relative to src/, text without its test module).
fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            let text = fs::read_to_string(&p).unwrap_or_default();
            let code = without_tests(&text);
            let rel = p
                .strip_prefix("src")
                .unwrap_or(&p)
                .to_string_lossy()
                .into_owned();
            out.push((rel, code));
        }
    }
}

/// The text without test-only items: each top-level `#[cfg(test)]` item, from the attribute to
/// the `}` that closes it at column 0.
fn without_tests(text: &str) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in text.lines() {
        if line.trim_end() == "#[cfg(test)]" {
            skipping = true;
        }
        if !skipping {
            out.push_str(line);
            out.push('\n');
        } else if line == "}" {
            skipping = false;
        }
    }
    out
}

/// The code lines of a file: comments and doc comments left out.
fn code_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim_start)
        .filter(|l| !l.starts_with("//"))
}

/// The `crate::<layer>` names a text uses.
fn layers_used(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in code_lines(text) {
        for (i, _) in line.match_indices("crate::") {
            let rest = &line[i + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // `ecs_capacity::` is the crate's own name from tests and benches, not from src/.
            if !line[..i].ends_with("ecs_") {
                out.insert(name);
            }
        }
    }
    out
}

/// The model's own modules a model file imports (`super::x`, `crate::model::x`).
fn model_imports(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in code_lines(text) {
        for pat in ["super::", "crate::model::"] {
            for (i, _) in line.match_indices(pat) {
                if pat == "super::" && line[..i].ends_with("crate::model::") {
                    continue;
                }
                let rest = &line[i + pat.len()..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.insert(name);
                }
            }
            // `use super::{a, b::C}`
            if let Some(i) = line.find(&format!("{pat}{{")) {
                let inner = &line[i + pat.len() + 1..];
                let inner = inner.split('}').next().unwrap_or("");
                for part in inner.split(',') {
                    let name: String = part
                        .trim()
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() && name != "self" {
                        out.insert(name);
                    }
                }
            }
        }
    }
    out
}

fn all_sources() -> Vec<(String, String)> {
    let mut files = Vec::new();
    sources(Path::new("src"), &mut files);
    assert!(
        files.len() > 40,
        "the sources were not found: {}",
        files.len()
    );
    files
}

/// Each layer imports only the layers before it: the model nothing above it, viz only the model.
#[test]
fn imports_run_one_way() {
    let mut wrong = Vec::new();
    for (path, text) in all_sources() {
        let Some(layer) = path.split('/').next().filter(|l| !l.contains('.')) else {
            continue;
        };
        let Some((_, allowed)) = ALLOWED.iter().find(|(l, _)| *l == layer) else {
            continue;
        };
        for used in layers_used(&text) {
            if ALLOWED.iter().any(|(l, _)| *l == used) && !allowed.contains(&used.as_str()) {
                wrong.push(format!("{path} imports {used}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// The pure layers (model, io, state, viz) use no browser crate.
#[test]
fn pure_layers_use_no_browser_crate() {
    let mut wrong = Vec::new();
    for (path, text) in all_sources() {
        let layer = path.split('/').next().unwrap_or("");
        if !["model", "io", "state", "viz"].contains(&layer) {
            continue;
        }
        for line in code_lines(&text) {
            for c in BROWSER_CRATES {
                if line.contains(&format!("{c}::")) || line.starts_with(&format!("use {c}")) {
                    wrong.push(format!("{path}: {line}"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// No file-to-file import cycle inside the model: shared helpers sit low.
#[test]
fn model_files_import_no_cycle() {
    let files = all_sources();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, text) in &files {
        let Some(name) = path
            .strip_prefix("model/")
            .and_then(|f| f.strip_suffix(".rs"))
            .filter(|f| !f.contains('/') && *f != "mod")
        else {
            continue;
        };
        graph.insert(name.to_string(), model_imports(text));
    }
    assert!(graph.len() >= 10, "{graph:?}");
    for deps in graph.values_mut() {
        let known: BTreeSet<String> = deps.iter().filter(|d| graph_has(d)).cloned().collect();
        *deps = known;
    }
    // Depth-first search for a back edge.
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match state.get(n) {
            Some(1) => {
                let i = stack.iter().position(|x| x == n).unwrap_or(0);
                let mut cycle = stack[i..].to_vec();
                cycle.push(n.to_string());
                return Some(cycle);
            }
            Some(2) => return None,
            _ => {}
        }
        state.insert(n.to_string(), 1);
        stack.push(n.to_string());
        for d in g.get(n).into_iter().flatten() {
            if d != n {
                if let Some(c) = visit(d, g, state, stack) {
                    return Some(c);
                }
            }
        }
        stack.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in graph.keys() {
        let mut stack = Vec::new();
        if let Some(cycle) = visit(n, &graph, &mut state, &mut stack) {
            panic!("an import cycle in the model: {}", cycle.join(" -> "));
        }
    }
}

/// Whether `name` is a file of the model.
fn graph_has(name: &str) -> bool {
    Path::new("src/model").join(format!("{name}.rs")).exists()
}

/// The checker itself finds what it looks for (so the tests above can fail).
#[test]
fn the_checker_sees_imports_and_cycles() {
    let code =
        without_tests("use a;\n#[cfg(test)]\nfn helper() {\n    crate::io::x();\n}\nuse b;\n");
    assert_eq!(code, "use a;\nuse b;\n");
    assert!(layers_used("use crate::state::form::Form;").contains("state"));
    assert!(!layers_used("// use crate::state::form::Form;").contains("state"));
    assert!(!layers_used("use ecs_capacity::model::plan;").contains("model"));
    let m = model_imports("use super::{plan::Plan, cas, self};\nlet x = crate::model::units::f();");
    assert_eq!(
        m,
        ["cas", "plan", "units"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    );
}
