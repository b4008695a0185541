//! Edited prices as the user typed them (issue 5): one text per scenario path, `priceMultiplier`,
//! `fargate.arch`, `fargate.x86VcpuHour` (and its three siblings) and `instancePrices.<type>`. An
//! empty text, or no entry, is the list price. The link keeps them as the JSON of those three
//! scenario fields (`pricing={...}`, version 1), which [`Prices::to_json`] writes and
//! [`Prices::from_json`] reads.

use crate::model::text_map::TextMap;

use serde_json::{Map, Value};

use crate::model::scenario::{member, FargateInput, ScenarioInput};
use crate::model::units::{exact, parse_number};
use crate::model::validate::{validate, FieldError};

/// The Fargate prices' keys, after `arch`.
const FARGATE_KEYS: [&str; 4] = [
    FargateInput::X86_VCPU_HOUR,
    FargateInput::X86_GB_HOUR,
    FargateInput::ARM_VCPU_HOUR,
    FargateInput::ARM_GB_HOUR,
];

/// The Fargate price paths: "fargate.x86VcpuHour" and its three siblings.
pub fn fargate_prices() -> [String; 4] {
    FARGATE_KEYS.map(|k| member(ScenarioInput::FARGATE, k))
}

/// The path of the Fargate architecture: "fargate.arch".
pub fn fargate_arch() -> String {
    member(ScenarioInput::FARGATE, FargateInput::ARCH)
}

/// The key under `fargate` or `instancePrices` a path names, if it is one of theirs.
fn under<'a>(path: &'a str, parent: &str) -> Option<&'a str> {
    path.strip_prefix(parent)?.strip_prefix('.')
}

/// The slot of a Fargate price key.
fn fargate_slot<'a>(f: &'a mut FargateInput, key: &str) -> Option<&'a mut Option<f64>> {
    Some(match key {
        k if k == FargateInput::X86_VCPU_HOUR => &mut f.x86_vcpu_hour,
        k if k == FargateInput::X86_GB_HOUR => &mut f.x86_gb_hour,
        k if k == FargateInput::ARM_VCPU_HOUR => &mut f.arm_vcpu_hour,
        k if k == FargateInput::ARM_GB_HOUR => &mut f.arm_gb_hour,
        _ => return None,
    })
}

/// The prices as typed, by scenario path.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Prices(pub TextMap<String>);

/// Whether `path` is a price path this form keeps.
pub fn is_price_path(path: &str) -> bool {
    path == ScenarioInput::PRICE_MULTIPLIER
        || path == ScenarioInput::COMMITMENT_DISCOUNT
        || under(path, ScenarioInput::FARGATE)
            .is_some_and(|k| k == FargateInput::ARCH || FARGATE_KEYS.contains(&k))
        || under(path, ScenarioInput::INSTANCE_PRICES).is_some_and(|t| !t.is_empty())
}

/// The scenario's value at a price path.
pub fn committed(input: &ScenarioInput, path: &str) -> Option<f64> {
    if path == ScenarioInput::PRICE_MULTIPLIER {
        return input.price_multiplier;
    }
    if path == ScenarioInput::COMMITMENT_DISCOUNT {
        return input.commitment_discount;
    }
    if let Some(key) = under(path, ScenarioInput::FARGATE) {
        let mut f = input.fargate.clone().unwrap_or_default();
        return fargate_slot(&mut f, key).and_then(|slot| *slot);
    }
    under(path, ScenarioInput::INSTANCE_PRICES)
        .and_then(|t| input.instance_prices.as_ref()?.get(t).copied())
}

/// Puts `v` at a price path of the input (None: the list price).
pub fn put(input: &mut ScenarioInput, path: &str, v: Option<f64>) {
    if path == ScenarioInput::PRICE_MULTIPLIER {
        input.price_multiplier = v;
    } else if path == ScenarioInput::COMMITMENT_DISCOUNT {
        input.commitment_discount = v;
    } else if let Some(key) = under(path, ScenarioInput::FARGATE) {
        let f = input.fargate.get_or_insert_with(FargateInput::default);
        if let Some(slot) = fargate_slot(f, key) {
            *slot = v;
        }
    } else if let Some(t) = under(path, ScenarioInput::INSTANCE_PRICES) {
        let map = input.instance_prices.get_or_insert_with(TextMap::new);
        match v {
            Some(p) => {
                map.insert(t.to_string(), p);
            }
            None => map.retain(|k, _| k != t),
        }
    }
}

/// The error for text typed at a price path: the model's own message (the same validation the
/// page runs), or None when it is valid. Empty text means the list price.
pub fn price_error(input: &ScenarioInput, path: &str, text: &str) -> Option<String> {
    let v = if text.trim().is_empty() {
        None
    } else {
        match parse_number(text) {
            Ok(v) => Some(v),
            Err(m) => return Some(m),
        }
    };
    let mut patched = input.clone();
    put(&mut patched, path, v);
    validate(&patched)
        .err()?
        .into_iter()
        .find(|e: &FieldError| e.path == path)
        .map(|e| e.message)
}

impl Prices {
    /// The text typed at `path` ("" for the list price).
    pub fn text(&self, path: &str) -> &str {
        self.0.get(path).map_or("", String::as_str)
    }

    /// Sets the text at `path`; an empty text removes the entry (the list price).
    pub fn set(&mut self, path: &str, text: String) {
        if text.trim().is_empty() {
            self.0.retain(|k, _| k != path);
        } else {
            self.0.insert(path.to_string(), text);
        }
    }

    /// The prices of a scenario, as text (an import, or a scenario read from JSON).
    pub fn of_input(input: &ScenarioInput) -> Prices {
        let mut p = Prices::default();
        if let Some(m) = input.price_multiplier {
            p.set(ScenarioInput::PRICE_MULTIPLIER, exact(m));
        }
        if let Some(m) = input.commitment_discount {
            p.set(ScenarioInput::COMMITMENT_DISCOUNT, exact(m));
        }
        for (t, v) in input.instance_prices.iter().flatten() {
            p.set(&member(ScenarioInput::INSTANCE_PRICES, t), exact(*v));
        }
        if let Some(f) = &input.fargate {
            if let Some(a) = &f.arch {
                p.set(&fargate_arch(), a.clone());
            }
            for path in fargate_prices() {
                if let Some(v) = committed(input, &path) {
                    p.set(&path, exact(v));
                }
            }
        }
        p
    }

    /// Lays the prices over `input`; text that does not read as a number is an error at its path
    /// (and left out).
    pub fn apply_to(&self, input: &mut ScenarioInput, errors: &mut Vec<FieldError>) {
        for (path, text) in &self.0 {
            let t = text.trim();
            if t.is_empty() {
                continue;
            }
            if *path == fargate_arch() {
                input.fargate.get_or_insert_with(FargateInput::default).arch = Some(t.to_string());
                continue;
            }
            match parse_number(t) {
                Ok(v) => put(input, path, Some(v)),
                Err(m) => errors.push(FieldError::new(path.clone(), m)),
            }
        }
        if input.fargate.as_ref() == Some(&FargateInput::default()) {
            input.fargate = None;
        }
    }

    /// The link's `pricing` value: the scenario's `priceMultiplier`, `instancePrices` and
    /// `fargate` as JSON (a number where the text is one, else the text); empty for none.
    pub fn to_json(&self) -> String {
        let mut root = Map::new();
        for (path, text) in &self.0 {
            if text.trim().is_empty() {
                continue;
            }
            // A number where the text is one as the link writes numbers, else the text exactly as
            // typed (it reads back the same, and the page reports it at its path if it is wrong).
            let number = parse_number(text)
                .ok()
                .filter(|n| exact(*n) == *text && *path != fargate_arch())
                .and_then(serde_json::Number::from_f64);
            let value = match number {
                Some(n) => Value::Number(n),
                None => Value::String(text.clone()),
            };
            match path.split_once('.') {
                None => {
                    root.insert(path.clone(), value);
                }
                Some((object, key)) => {
                    if let Value::Object(m) = root
                        .entry(object.to_string())
                        .or_insert_with(|| Value::Object(Map::new()))
                    {
                        m.insert(key.to_string(), value);
                    }
                }
            }
        }
        if root.is_empty() {
            String::new()
        } else {
            crate::io::json::compact(&Value::Object(root))
        }
    }

    /// The prices a link's `pricing` JSON holds, and notes on what it could not use.
    pub fn from_json(text: &str) -> (Prices, Vec<String>) {
        let mut p = Prices::default();
        let mut notes = Vec::new();
        if text.trim().is_empty() {
            return (p, notes);
        }
        let shown = |s: &str| s.chars().take(40).collect::<String>();
        let Ok(Value::Object(root)) = serde_json::from_str::<Value>(text) else {
            notes.push(format!(
                "the link's prices \"{}\" are not a JSON object; list prices are used",
                shown(text)
            ));
            return (p, notes);
        };
        let as_text = |v: &Value| match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => n.as_f64().map(exact),
            _ => None,
        };
        for (key, v) in &root {
            let nested = [ScenarioInput::INSTANCE_PRICES, ScenarioInput::FARGATE];
            let entries: Vec<(String, &Value)> = match v {
                v if key == ScenarioInput::PRICE_MULTIPLIER
                    || key == ScenarioInput::COMMITMENT_DISCOUNT =>
                {
                    vec![(key.clone(), v)]
                }
                Value::Object(m) if nested.contains(&key.as_str()) => {
                    m.iter().map(|(k, v)| (member(key, k), v)).collect()
                }
                _ => {
                    notes.push(format!(
                        "the link's price setting \"{}\" is unknown and was ignored",
                        shown(key)
                    ));
                    continue;
                }
            };
            for (path, v) in entries {
                match as_text(v).filter(|_| is_price_path(&path)) {
                    Some(t) => p.set(&path, t),
                    None => notes.push(format!(
                        "the link's price \"{}\" could not be used and was ignored",
                        shown(&path)
                    )),
                }
            }
        }
        (p, notes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::read::scenario_from_text;

    /// Price fields get the model's messages; empty text is the list price.
    #[test]
    fn price_errors_are_the_models() {
        let input = scenario_from_text(r#"{"services":[{"memory":512}]}"#).unwrap();
        assert_eq!(price_error(&input, "instancePrices.t4g.medium", ""), None);
        assert_eq!(
            price_error(&input, "instancePrices.t4g.medium", "0.02"),
            None
        );
        let e = price_error(&input, "instancePrices.t4g.medium", "20000");
        assert!(
            e.as_ref().is_some_and(|m| m.contains("from 0 to 10000")),
            "{e:?}"
        );
        assert!(price_error(&input, "instancePrices.t4g.medium", "-1").is_some());
        assert!(price_error(&input, "priceMultiplier", "abc").is_some());
        assert!(price_error(&input, "fargate.armGbHour", "1000").is_some());
        let mut patched = input.clone();
        put(&mut patched, "fargate.armGbHour", Some(0.5));
        assert_eq!(committed(&patched, "fargate.armGbHour"), Some(0.5));
    }

    /// Typed text lays over the scenario's prices; empty text removes an entry; text that is not
    /// a number goes through as text, for the page's reader to name.
    #[test]
    fn typed_prices_overlay_the_scenarios() {
        let input = scenario_from_text(
            r#"{"services":[{"memory":512}],"instancePrices":{"m6g.large":0.07},"fargate":{"armGbHour":0.004}}"#,
        )
        .unwrap();
        let mut typed = Prices::of_input(&input);
        for (k, v) in [
            ("instancePrices.t4g.medium", "0.03"),
            ("instancePrices.m6g.large", ""),
            ("priceMultiplier", "abc"),
            ("fargate.arch", "x86_64"),
        ] {
            typed.set(k, v.to_string());
        }
        let v: serde_json::Value = serde_json::from_str(&typed.to_json()).unwrap();
        assert_eq!(
            v,
            serde_json::json!({
                "instancePrices": {"t4g.medium": 0.03},
                "priceMultiplier": "abc",
                "fargate": {"armGbHour": 0.004, "arch": "x86_64"}
            })
        );
        assert_eq!(
            Prices::of_input(&scenario_from_text("{}").unwrap()).to_json(),
            ""
        );
    }

    /// Typed text becomes the link's JSON: numbers where they read as one, text otherwise, and
    /// the JSON reads back to the same prices.
    #[test]
    fn prices_round_trip_through_the_link_json() {
        let mut p = Prices::default();
        p.set("priceMultiplier", "1.2".into());
        p.set("instancePrices.m6g.large", "0.05".into());
        p.set("fargate.arch", "arm64".into());
        p.set("fargate.armVcpuHour", "abc".into());
        let json = p.to_json();
        let v: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["priceMultiplier"], 1.2);
        assert_eq!(v["instancePrices"]["m6g.large"], 0.05);
        assert_eq!(v["fargate"]["arch"], "arm64");
        assert_eq!(v["fargate"]["armVcpuHour"], "abc");
        assert_eq!(Prices::from_json(&json), (p, Vec::new()));
        assert_eq!(Prices::default().to_json(), "");
        p = Prices::default();
        p.set("priceMultiplier", " ".into());
        assert_eq!(p, Prices::default(), "empty text is the list price");
    }

    /// Typed prices reach the scenario; text that is not a number is an error at its path.
    #[test]
    fn prices_reach_the_input_with_errors_at_their_paths() {
        let mut p = Prices::default();
        p.set("instancePrices.t4g.medium", "0.03".into());
        p.set("fargate.x86GbHour", "x".into());
        let (mut input, mut errors) = (ScenarioInput::default(), Vec::new());
        p.apply_to(&mut input, &mut errors);
        assert_eq!(committed(&input, "instancePrices.t4g.medium"), Some(0.03));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, "fargate.x86GbHour");
        assert_eq!(
            Prices::of_input(&input).text("instancePrices.t4g.medium"),
            "0.03"
        );
    }

    /// Prices JSON a link cannot use is noted, never applied in part as something else.
    #[test]
    fn bad_link_prices_are_noted() {
        let (p, notes) = Prices::from_json("x");
        assert_eq!(p, Prices::default());
        assert!(notes[0].contains("not a JSON object"), "{notes:?}");
        let (p, notes) =
            Prices::from_json(r#"{"priceMultiplier":[1],"bogus":1,"fargate":{"x":1}}"#);
        assert_eq!(p, Prices::default());
        assert_eq!(notes.len(), 3, "{notes:?}");
    }
}
