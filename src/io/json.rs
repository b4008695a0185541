//! A small reader of JSON objects that records every problem with its path ("services[0].cpu").
//! Hand-written over `serde_json::Value` instead of serde's derives: it gives the page the same
//! path-named messages at a fraction of the code size (the wasm budget), and later readers (AWS CLI
//! output) share it.

use serde_json::{Map, Value};

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

    /// Bad JSON says where.
    #[test]
    fn syntax_errors_say_where() {
        let e = parse("{\n  \"a\": }").unwrap_err();
        assert!(e[0].message.contains("line 2"), "{}", e[0].message);
    }
}
