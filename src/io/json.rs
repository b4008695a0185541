//! A small reader of JSON objects that records every problem with its path ("services[0].cpu").
//! Hand-written over `serde_json::Value` instead of serde's derives: it gives the page the same
//! path-named messages at a fraction of the code size (the wasm budget), and later readers (AWS CLI
//! output) share it.

use crate::model::text_map::TextMap;

use serde_json::{Map, Value};

use crate::model::scenario::{Fields, NumberOrMap, Visitor};

use crate::model::validate::FieldError;

/// Reads one JSON object at `path`, collecting errors into `errors`.
pub struct Obj<'a> {
    map: &'a Map<String, Value>,
    path: String,
    errors: &'a mut Vec<FieldError>,
}

/// "a.b" or "b" at the root.
pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// The type of a JSON value, in words.
pub fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

impl<'a> Obj<'a> {
    /// An object reader; a value that is not an object records an error and reads as empty.
    pub fn new(v: &'a Value, path: &str, errors: &'a mut Vec<FieldError>) -> Option<Self> {
        match v {
            Value::Object(map) => Some(Obj {
                map,
                path: path.to_string(),
                errors,
            }),
            other => {
                errors.push(FieldError::new(
                    path,
                    format!("expected an object, got {}", kind(other)),
                ));
                None
            }
        }
    }

    /// Records an unknown-field error for every key not in `known` (it is most often a typo).
    pub fn deny_unknown(&mut self, known: &[&str]) {
        for k in self.map.keys() {
            if !known.contains(&k.as_str()) {
                let hint = known
                    .iter()
                    .find(|x| x.eq_ignore_ascii_case(k))
                    .map(|x| format!(" Did you mean \"{x}\"?"))
                    .unwrap_or_default();
                self.errors.push(FieldError::new(
                    join(&self.path, k),
                    format!(
                        "unknown field \"{k}\" (a typo?).{hint} Known fields here: {}",
                        known.join(", ")
                    ),
                ));
            }
        }
    }

    /// The raw value at `key`; null counts as absent.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// The path of `key`.
    pub fn path(&self, key: &str) -> String {
        join(&self.path, key)
    }

    /// The errors sink, for nested readers.
    pub fn errors(&mut self) -> &mut Vec<FieldError> {
        self.errors
    }

    fn wrong(&mut self, key: &str, want: &str, got: &Value) {
        let shown = match got {
            Value::String(s) => format!("the text \"{}\"", s.chars().take(40).collect::<String>()),
            other => kind(other).to_string(),
        };
        self.errors.push(FieldError::new(
            self.path(key),
            format!("expected {want}, got {shown}"),
        ));
    }

    /// The value at `key` read by `read`, or an error saying what was wanted.
    fn typed<T>(&mut self, key: &str, want: &str, read: fn(&'a Value) -> Option<T>) -> Option<T> {
        let v = self.get(key)?;
        let out = read(v);
        if out.is_none() {
            self.wrong(key, want, v);
        }
        out
    }

    /// A number.
    pub fn num(&mut self, key: &str) -> Option<f64> {
        self.typed(key, "a number", Value::as_f64)
    }

    /// A string.
    pub fn string(&mut self, key: &str) -> Option<String> {
        self.typed(key, "a string", |v| v.as_str().map(str::to_string))
    }

    /// A boolean.
    pub fn boolean(&mut self, key: &str) -> Option<bool> {
        self.typed(key, "true or false", Value::as_bool)
    }

    /// A list.
    pub fn list(&mut self, key: &str) -> Option<&'a Vec<Value>> {
        self.typed(key, "a list", Value::as_array)
    }

    /// A list of strings.
    pub fn strings(&mut self, key: &str) -> Option<Vec<String>> {
        let list = self.list(key)?;
        let mut out = Vec::with_capacity(list.len());
        for (i, v) in list.iter().enumerate() {
            match v.as_str() {
                Some(s) => out.push(s.to_string()),
                None => self.errors.push(FieldError::new(
                    format!("{}[{i}]", self.path(key)),
                    format!("expected a string, got {}", kind(v)),
                )),
            }
        }
        Some(out)
    }
}

/// Parses JSON text; a syntax error names the line and column.
pub fn parse(text: &str) -> Result<Value, Vec<FieldError>> {
    serde_json::from_str(text).map_err(|e| {
        let what = e.to_string();
        let what = what.split(" at line ").next().unwrap_or(&what).to_string();
        vec![FieldError::new(
            "",
            format!(
                "not valid JSON: {what} (line {}, column {})",
                e.line(),
                e.column()
            ),
        )]
    })
}

/// JSON text of `s` (quoted, escaped as serde_json escapes).
pub fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// `v` as compact JSON text, as `v.to_string()` writes it. By hand: serde_json's `Display` of a
/// value brings its own compact and pretty writers into the page's wasm (about 2.6 KB of code).
pub fn compact(v: &Value) -> String {
    let mut out = String::new();
    write_compact(&mut out, v);
    out
}

fn write_compact(out: &mut String, v: &Value) {
    match v {
        Value::String(s) => out.push_str(&quoted(s)),
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_compact(out, x);
            }
            out.push(']');
        }
        Value::Object(m) => {
            out.push('{');
            for (i, (k, x)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&quoted(k));
                out.push(':');
                write_compact(out, x);
            }
            out.push('}');
        }
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
    }
}

/// Input struct `x` (a scenario, or any part of one) as compact JSON: its fields in the order
/// they are declared, the absent ones left out. One writer for every input struct, through the
/// field list the reader uses (`model::scenario::Fields`): serde's derived writer of the
/// scenario was a 6 KB function of the page's wasm.
pub fn input_json<T: Fields + Clone>(x: &T) -> String {
    let mut w = Writer {
        out: String::new(),
        first: true,
    };
    w.fields(&mut x.clone());
    w.out
}

/// Writes input structs as JSON (see [`input_json`]).
struct Writer {
    out: String,
    /// No member of the object being written yet.
    first: bool,
}

impl Writer {
    fn key(&mut self, key: &str) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        self.out.push_str(&quoted(key));
        self.out.push(':');
    }

    /// A number as serde_json writes an f64 (`null` for one that is not finite).
    fn number(&mut self, x: f64) {
        self.out
            .push_str(&serde_json::to_string(&x).unwrap_or_default());
    }

    fn numbers(&mut self, m: &TextMap<f64>) {
        self.out.push('{');
        for (i, (k, x)) in m.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.out.push_str(&quoted(k));
            self.out.push(':');
            self.number(*x);
        }
        self.out.push('}');
    }

    fn fields<T: Fields>(&mut self, x: &mut T) {
        self.out.push('{');
        self.first = true;
        x.visit(self);
        self.out.push('}');
        self.first = false;
    }
}

impl Visitor for Writer {
    fn num(&mut self, key: &'static str, slot: &mut Option<f64>) {
        if let Some(x) = *slot {
            self.key(key);
            self.number(x);
        }
    }

    fn text(&mut self, key: &'static str, slot: &mut Option<String>) {
        if let Some(t) = slot {
            self.key(key);
            self.out.push_str(&quoted(t));
        }
    }

    fn flag(&mut self, key: &'static str, slot: &mut Option<bool>) {
        if let Some(b) = *slot {
            self.key(key);
            self.out.push_str(if b { "true" } else { "false" });
        }
    }

    fn texts(&mut self, key: &'static str, slot: &mut Option<Vec<String>>) {
        if let Some(list) = slot {
            self.key(key);
            self.out.push('[');
            for (i, t) in list.iter().enumerate() {
                if i > 0 {
                    self.out.push(',');
                }
                self.out.push_str(&quoted(t));
            }
            self.out.push(']');
        }
    }

    fn number_or_map(&mut self, key: &'static str, slot: &mut Option<NumberOrMap>) {
        match slot {
            Some(NumberOrMap::Number(x)) => {
                self.key(key);
                self.number(*x);
            }
            Some(NumberOrMap::Map(m)) => {
                self.key(key);
                self.numbers(m);
            }
            None => {}
        }
    }

    fn prices(&mut self, key: &'static str, slot: &mut Option<TextMap<f64>>) {
        if let Some(m) = slot {
            self.key(key);
            self.numbers(m);
        }
    }

    fn object<T: Fields>(&mut self, key: &'static str, slot: &mut Option<T>) {
        if let Some(x) = slot {
            self.key(key);
            self.fields(x);
        }
    }

    fn list<T: Fields>(&mut self, key: &'static str, slot: &mut Option<Vec<T>>) {
        if let Some(items) = slot {
            self.key(key);
            self.out.push('[');
            for (i, x) in items.iter_mut().enumerate() {
                if i > 0 {
                    self.out.push(',');
                }
                self.fields(x);
            }
            self.out.push(']');
        }
    }
}

/// Compact JSON text (as serde_json writes it: no space outside strings) laid out as
/// `serde_json::to_string_pretty` lays it out: two spaces a level, `": "`, and `{}` and `[]`
/// for empty ones. By hand: serde's pretty writer is a second copy of every serializer the page
/// uses (about 10 KB of the wasm).
pub fn pretty(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let (mut in_string, mut escaped) = (false, false);
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    while let Some(c) = chars.next() {
        out.push(c);
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' | '[' => {
                let close = if c == '{' { '}' } else { ']' };
                if chars.peek() == Some(&close) {
                    chars.next();
                    out.push(close);
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                out.pop();
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => newline(&mut out, depth),
            ':' => out.push(' '),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Wrong types and unknown keys are reported at their paths; null reads as absent.
    #[test]
    fn reader_reports_paths() {
        let v: Value = serde_json::from_str(r#"{"a":1,"b":"x","c":null,"Cpu":2}"#).unwrap();
        let mut errors = Vec::new();
        let mut o = Obj::new(&v, "services[0]", &mut errors).unwrap();
        assert_eq!(o.num("a"), Some(1.0));
        assert_eq!(o.num("b"), None);
        assert_eq!(o.num("c"), None);
        o.deny_unknown(&["a", "b", "c", "cpu"]);
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].path, "services[0].b");
        assert!(errors[0].message.contains("\"x\""));
        assert_eq!(errors[1].path, "services[0].Cpu");
        assert!(errors[1].message.contains("Did you mean \"cpu\""));
    }

    /// `pretty` and `compact` write what serde_json writes, over random values (strings with
    /// quotes, escapes, brackets and non-ASCII; empty and nested lists and objects; numbers).
    #[test]
    fn pretty_and_compact_are_serde_json() {
        let mut seed = 7u64;
        let mut next = move |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        fn value(next: &mut dyn FnMut(u64) -> u64, depth: u32) -> Value {
            const TEXTS: [&str; 6] = ["", "a\"b", "{[,:]}", "\\\"", "zoë \u{1F600}\n", "x"];
            match next(if depth > 3 { 5 } else { 7 }) {
                0 => Value::Null,
                1 => Value::Bool(next(2) == 0),
                2 => serde_json::json!(next(1000) as f64 / 7.0 - 50.0),
                3 => serde_json::json!(next(100_000) as i64 - 500),
                4 => Value::String(TEXTS[next(6) as usize].to_string()),
                5 => Value::Array((0..next(4)).map(|_| value(next, depth + 1)).collect()),
                _ => Value::Object(
                    (0..next(4))
                        .map(|_| (TEXTS[next(6) as usize].to_string(), value(next, depth + 1)))
                        .collect(),
                ),
            }
        }
        for _ in 0..3000 {
            let v = value(&mut next, 0);
            let text = compact(&v);
            assert_eq!(text, v.to_string());
            assert_eq!(
                pretty(&text),
                serde_json::to_string_pretty(&v).unwrap(),
                "{text}"
            );
        }
    }

    /// Bad JSON says where.
    #[test]
    fn syntax_errors_say_where() {
        let e = parse("{\n  \"a\": }").unwrap_err();
        assert!(e[0].message.contains("line 2"), "{}", e[0].message);
    }
}
