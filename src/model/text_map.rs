//! A map from text to values, kept as a list sorted by key: the plan's explanations, a provider's
//! tasks per service, the page's typed prices. It reads and writes as a `BTreeMap` does (in key
//! order, a map in JSON). By hand rather than `BTreeMap`: each kind of `BTreeMap` brings its node
//! code into the page's wasm (about 5 KB for each value type), where these maps hold tens of keys.

use serde::{Serialize, Serializer};

/// Text keys to `V`, in key order.
#[derive(Clone, Debug, PartialEq)]
pub struct TextMap<V>(Vec<(String, V)>);

impl<V> Default for TextMap<V> {
    fn default() -> Self {
        TextMap(Vec::new())
    }
}

impl<V> TextMap<V> {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    /// Sets `key` to `value`; the value it had, if any.
    pub fn insert(&mut self, key: String, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => self
                .0
                .get_mut(i)
                .map(|slot| std::mem::replace(&mut slot.1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        let i = self.find(key).ok()?;
        self.0.get(i).map(|(_, v)| v)
    }

    /// The value of `key`, to change.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        let i = self.find(key).ok()?;
        self.0.get_mut(i).map(|(_, v)| v)
    }

    /// Changes the value of `key` by `change`, setting it to `default` first when it has none.
    pub fn update(&mut self, key: String, default: V, change: impl FnOnce(&mut V)) {
        let i = match self.find(&key) {
            Ok(i) => i,
            Err(i) => {
                self.0.insert(i, (key, default));
                i
            }
        };
        if let Some((_, v)) = self.0.get_mut(i) {
            change(v);
        }
    }

    /// The keys in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    /// Whether `key` has a value.
    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// (key, value) in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// The values in key order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }

    /// Keeps the entries `keep` picks.
    pub fn retain(&mut self, mut keep: impl FnMut(&str, &mut V) -> bool) {
        self.0.retain_mut(|(k, v)| keep(k, v));
    }

    /// How many keys.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// No key.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<V> Extend<(String, V)> for TextMap<V> {
    fn extend<I: IntoIterator<Item = (String, V)>>(&mut self, items: I) {
        for (k, v) in items {
            self.insert(k, v);
        }
    }
}

impl<V> FromIterator<(String, V)> for TextMap<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(items: I) -> Self {
        let mut m = TextMap::new();
        m.extend(items);
        m
    }
}

impl<V, const N: usize> From<[(String, V); N]> for TextMap<V> {
    fn from(items: [(String, V); N]) -> Self {
        items.into_iter().collect()
    }
}

impl<'a, V> IntoIterator for &'a TextMap<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, V)>,
        fn(&'a (String, V)) -> (&'a String, &'a V),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

/// Tests read an explanation by its key, as they did from a `BTreeMap` (a missing one fails the
/// test, which is what a test wants; the app reads with `get`).
#[cfg(test)]
impl<V> std::ops::Index<&str> for TextMap<V> {
    type Output = V;
    fn index(&self, key: &str) -> &V {
        self.get(key)
            .unwrap_or_else(|| panic!("no key {key:?} in the map"))
    }
}

/// The model's tests read their JSON scenarios through serde (as `BTreeMap` did).
#[cfg(test)]
impl<'de, V: serde::Deserialize<'de>> serde::Deserialize<'de> for TextMap<V> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let m = std::collections::BTreeMap::<String, V>::deserialize(d)?;
        Ok(m.into_iter().collect())
    }
}

impl<V: Serialize> Serialize for TextMap<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Key order whatever the order of insertion; a second insert replaces and gives the old
    /// value; lookups, retain, and JSON as the map it stands for; the same as a BTreeMap over
    /// random operations.
    #[test]
    fn a_text_map_is_a_btreemap() {
        let mut m = TextMap::new();
        for (k, n) in [("web", 3), ("api", 1), ("worker", 2)] {
            assert_eq!(m.insert(k.to_string(), n), None);
        }
        assert_eq!(m.insert("api".into(), 4), Some(1));
        let keys: Vec<&String> = m.iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["api", "web", "worker"]);
        assert_eq!((m.get("api"), m.get("nope")), (Some(&4), None));
        assert!(m.contains_key("web") && !m.contains_key("we"));
        assert_eq!(m.values().sum::<i32>(), 9);
        assert_eq!(
            serde_json::to_string(&m).unwrap(),
            r#"{"api":4,"web":3,"worker":2}"#
        );
        m.retain(|k, _| k != "web");
        assert_eq!(m.len(), 2);
        let mut state = 99u64;
        let mut ours = TextMap::new();
        let mut theirs = std::collections::BTreeMap::new();
        for _ in 0..5000 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let k = format!("k{}", (state >> 33) % 50);
            let v = (state >> 20) % 1000;
            if (state >> 40) % 5 == 0 {
                ours.retain(|x, _| x != k);
                theirs.remove(&k);
            } else {
                assert_eq!(ours.insert(k.clone(), v), theirs.insert(k, v));
            }
        }
        assert!(ours.iter().eq(theirs.iter()));
    }
}
