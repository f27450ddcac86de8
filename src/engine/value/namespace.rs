//! Attribute and global namespaces: an insertion-ordered map from names to values with
//! a version that changes whenever a key is added or removed, so that code objects can
//! cache where a global lives (`LoadGlobal`'s inline cache).

use std::cell::Cell;
use std::rc::Rc;

use indexmap::IndexMap;
use rustc_hash::FxBuildHasher;

use super::Value;

thread_local! {
    static NEXT_VERSION: Cell<u64> = const { Cell::new(1) };
}

fn fresh_version() -> u64 {
    NEXT_VERSION.with(|v| {
        let n = v.get();
        v.set(n + 1);
        n
    })
}

#[derive(Clone)]
pub struct Namespace {
    map: IndexMap<Rc<str>, Value, FxBuildHasher>,
    /// Unique among all namespaces; renewed when the set of keys changes (not on updates).
    version: u64,
}

impl Default for Namespace {
    fn default() -> Self {
        Namespace::new()
    }
}

impl Namespace {
    pub fn new() -> Namespace {
        Namespace { map: IndexMap::with_hasher(FxBuildHasher), version: fresh_version() }
    }

    /// Move every value out (for the trashcan); the namespace is left empty.
    pub fn drain_values(&mut self) -> impl Iterator<Item = Value> + '_ {
        self.version = fresh_version();
        self.map.drain(..).map(|(_, v)| v)
    }

    pub fn version(&self) -> u64 {
        self.version
    }

    pub fn get(&self, name: &str) -> Option<&Value> {
        self.map.get(name)
    }

    pub fn get_full(&self, name: &str) -> Option<(usize, &Value)> {
        self.map.get_full(name).map(|(i, _, v)| (i, v))
    }

    /// The value at a slot returned by `get_full` (valid while the version is unchanged).
    pub fn get_index(&self, i: usize) -> Option<&Value> {
        self.map.get_index(i).map(|(_, v)| v)
    }

    pub fn contains_key(&self, name: &str) -> bool {
        self.map.contains_key(name)
    }

    pub fn insert(&mut self, name: Rc<str>, v: Value) -> Option<Value> {
        match self.map.get_mut(&name) {
            Some(slot) => Some(std::mem::replace(slot, v)),
            None => {
                self.map.insert(name, v);
                self.version = fresh_version();
                None
            }
        }
    }

    pub fn shift_remove(&mut self, name: &str) -> Option<Value> {
        let r = self.map.shift_remove(name);
        if r.is_some() {
            self.version = fresh_version();
        }
        r
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Rc<str>, &Value)> {
        self.map.iter()
    }

    pub fn keys(&self) -> impl Iterator<Item = &Rc<str>> {
        self.map.keys()
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}
