//! `set` / `frozenset` with CPython 3.11's open-addressing table, so that iterating a set
//! of ints (and printing it) gives the order CPython gives.

use super::dict::{key_eq, HashKey};
use super::Value;

const MIN_SIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

#[derive(Clone)]
enum Slot {
    Empty,
    /// A deleted entry: keeps probe chains intact.
    Dummy,
    Active(HashKey),
}

#[derive(Clone)]
pub struct Set {
    table: Vec<Slot>,
    /// Active entries.
    used: usize,
    /// Active + dummy entries.
    fill: usize,
}

impl Default for Set {
    fn default() -> Self {
        Set::new()
    }
}

impl Set {
    pub fn new() -> Set {
        Set { table: vec![Slot::Empty; MIN_SIZE], used: 0, fill: 0 }
    }

    /// Move every element out (for the trashcan); the set is left empty.
    pub fn drain_values(&mut self) -> impl Iterator<Item = Value> + '_ {
        self.used = 0;
        self.fill = 0;
        self.table.drain(..).filter_map(|slot| match slot {
            Slot::Active(k) => Some(k.value),
            _ => None,
        })
    }

    pub fn len(&self) -> usize {
        self.used
    }

    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    fn mask(&self) -> usize {
        self.table.len() - 1
    }

    /// The slot holding `key`, if present (`set_lookkey`).
    fn find(&self, key: &HashKey) -> Option<usize> {
        let mask = self.mask();
        let mut perturb = key.hash as u64;
        let mut i = (key.hash as u64 as usize) & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            for j in i..=i + probes {
                match &self.table[j] {
                    Slot::Empty => return None,
                    Slot::Active(k) if k.hash == key.hash && key_eq(&k.value, &key.value) => return Some(j),
                    _ => {}
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
    }

    pub fn contains(&self, key: &HashKey) -> bool {
        self.find(key).is_some()
    }

    /// Membership for a built-in hashable value.
    pub fn contains_builtin(&self, v: &Value) -> bool {
        match super::dict::hash_builtin(v) {
            Some(hash) => self.contains(&HashKey { hash, value: v.clone() }),
            None => false,
        }
    }

    /// `set_add_entry`: returns false if the key was already there.
    pub fn insert(&mut self, key: HashKey) -> bool {
        let mask = self.mask();
        let mut perturb = key.hash as u64;
        let mut i = (key.hash as u64 as usize) & mask;
        let slot = 'search: loop {
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            for j in i..=i + probes {
                match &self.table[j] {
                    Slot::Empty => break 'search j,
                    Slot::Active(k) if k.hash == key.hash && key_eq(&k.value, &key.value) => return false,
                    _ => {}
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        };
        self.table[slot] = Slot::Active(key);
        self.fill += 1;
        self.used += 1;
        if self.fill * 5 >= mask * 3 {
            let minused = if self.used > 50000 { self.used * 2 } else { self.used * 4 };
            self.resize(minused);
        }
        true
    }

    fn insert_clean(table: &mut [Slot], key: HashKey) {
        let mask = table.len() - 1;
        let mut perturb = key.hash as u64;
        let mut i = (key.hash as u64 as usize) & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            for j in i..=i + probes {
                if matches!(table[j], Slot::Empty) {
                    table[j] = Slot::Active(key);
                    return;
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
    }

    fn resize(&mut self, minused: usize) {
        let mut size = MIN_SIZE;
        while size <= minused {
            size <<= 1;
        }
        let old = std::mem::replace(&mut self.table, vec![Slot::Empty; size]);
        for slot in old {
            if let Slot::Active(k) = slot {
                Self::insert_clean(&mut self.table, k);
            }
        }
        self.fill = self.used;
    }

    pub fn remove(&mut self, key: &HashKey) -> bool {
        match self.find(key) {
            Some(j) => {
                self.table[j] = Slot::Dummy;
                self.used -= 1;
                true
            }
            None => false,
        }
    }

    /// `set.pop()`: CPython scans from a moving finger; the first active slot is close enough.
    pub fn pop(&mut self) -> Option<Value> {
        let j = self.table.iter().position(|s| matches!(s, Slot::Active(_)))?;
        let Slot::Active(k) = std::mem::replace(&mut self.table[j], Slot::Dummy) else {
            unreachable!("position() found an active slot")
        };
        self.used -= 1;
        Some(k.value)
    }

    pub fn clear(&mut self) {
        *self = Set::new();
    }

    pub fn iter(&self) -> impl Iterator<Item = &Value> {
        self.table.iter().filter_map(|s| match s {
            Slot::Active(k) => Some(&k.value),
            _ => None,
        })
    }

    pub fn keys(&self) -> impl Iterator<Item = &HashKey> {
        self.table.iter().filter_map(|s| match s {
            Slot::Active(k) => Some(k),
            _ => None,
        })
    }
}
