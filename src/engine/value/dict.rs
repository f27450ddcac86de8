//! `dict`: insertion-ordered, keyed by Python equality, with CPython's hash functions
//! (so `1`, `1.0` and `True` are the same key, and set order of ints matches CPython).

use std::hash::{BuildHasherDefault, Hash, Hasher};
use indexmap::IndexMap;
use num_traits::ToPrimitive;

use super::Value;

/// A key with its hash computed once (`PyObject_Hash`).
#[derive(Clone)]
pub struct HashKey {
    pub hash: i64,
    pub value: Value,
}

impl Hash for HashKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_i64(self.hash);
    }
}

impl PartialEq for HashKey {
    fn eq(&self, other: &Self) -> bool {
        self.hash == other.hash && key_eq(&self.value, &other.value)
    }
}

impl Eq for HashKey {}

/// Passes the precomputed hash straight through.
#[derive(Default)]
pub struct PassHasher(u64);

impl Hasher for PassHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ *b as u64;
        }
    }
    fn write_i64(&mut self, i: i64) {
        // Spread the bits: Python hashes of small ints are the ints themselves.
        self.0 = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

pub type KeyMap<V> = IndexMap<HashKey, V, BuildHasherDefault<PassHasher>>;

#[derive(Clone, Default)]
pub struct Dict {
    pub map: KeyMap<Value>,
}

impl Dict {
    pub fn new() -> Dict {
        Dict { map: KeyMap::default() }
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn get(&self, k: &HashKey) -> Option<&Value> {
        self.map.get(k)
    }

    pub fn insert(&mut self, k: HashKey, v: Value) {
        // Keep the original key object, as CPython does when overwriting.
        if let Some(slot) = self.map.get_mut(&k) {
            *slot = v;
        } else {
            self.map.insert(k, v);
        }
    }

    pub fn remove(&mut self, k: &HashKey) -> Option<Value> {
        self.map.shift_remove(k)
    }

    pub fn keys(&self) -> impl Iterator<Item = &Value> {
        self.map.keys().map(|k| &k.value)
    }

    pub fn values(&self) -> impl Iterator<Item = &Value> {
        self.map.values()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Value, &Value)> {
        self.map.iter().map(|(k, v)| (&k.value, v))
    }

    /// Insert with a string key (always hashable).
    pub fn insert_str(&mut self, k: &str, v: Value) {
        let key = Value::str(k);
        let hash = hash_builtin(&key).expect("str is hashable");
        self.insert(HashKey { hash, value: key }, v);
    }

    pub fn get_str(&self, k: &str) -> Option<&Value> {
        let key = Value::str(k);
        let hash = hash_builtin(&key).expect("str is hashable");
        self.map.get(&HashKey { hash, value: key })
    }
}

const MODULUS: u64 = (1u64 << 61) - 1;

/// CPython's hash of an int: the value modulo 2**61 - 1, with -1 mapped to -2.
pub fn hash_i64(i: i64) -> i64 {
    let m = (i.unsigned_abs() % MODULUS) as i64;
    let h = if i < 0 { -m } else { m };
    if h == -1 {
        -2
    } else {
        h
    }
}

pub fn hash_bigint(b: &num_bigint::BigInt) -> i64 {
    let m = num_bigint::BigInt::from(MODULUS);
    let r: num_bigint::BigInt = b.magnitude().clone().into();
    let r = (r % &m).to_i64().unwrap_or(0);
    let h = if b.sign() == num_bigint::Sign::Minus { -r } else { r };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// CPython's `_Py_HashDouble` (for finite values; inf/nan as CPython 3.11).
pub fn hash_f64(x: f64) -> i64 {
    if x.is_infinite() {
        return if x > 0.0 { 314159 } else { -314159 };
    }
    if x.is_nan() {
        return 0;
    }
    let (mut m, mut e) = frexp(x.abs());
    let mut sign = 1i64;
    if x < 0.0 {
        sign = -1;
    }
    let mut h: u64 = 0;
    while m != 0.0 {
        h = ((h << 28) & MODULUS) | (h >> (61 - 28));
        m *= 268435456.0; // 2**28
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        h += y;
        if h >= MODULUS {
            h -= MODULUS;
        }
    }
    let e = if e >= 0 { e % 61 } else { 61 - 1 - ((-1 - e) % 61) };
    h = ((h << e) & MODULUS) | (h >> (61 - e));
    let h = h as i64 * sign;
    if h == -1 {
        -2
    } else {
        h
    }
}

fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: normalize first.
        let (m, e) = frexp(x * 2f64.powi(54));
        return (m, e - 54);
    }
    let e = exp - 1022;
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, e)
}

fn hash_str(s: &str) -> i64 {
    // CPython randomizes str hashes; any good hash will do, but never -1.
    let mut h = rustc_hash::FxHasher::default();
    s.hash(&mut h);
    let v = h.finish() as i64;
    if v == -1 {
        -2
    } else {
        v
    }
}

/// CPython 3.11's tuple hash (xxHash-based).
/// CPython's tuple hash (xxHash-based). Nested tuples are walked with an explicit stack,
/// so a tuple nested a million deep hashes without deep native recursion.
fn hash_tuple(items: &[Value]) -> Option<i64> {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let mix = |acc: u64, lane: u64| acc.wrapping_add(lane.wrapping_mul(P2)).rotate_left(31).wrapping_mul(P1);
    let finish = |acc: u64, len: usize| {
        let acc = acc.wrapping_add((len as u64) ^ (P5 ^ 3527539));
        if acc == u64::MAX {
            1546275796
        } else {
            acc
        }
    };
    // (the tuple's items, how many are hashed, the hash so far)
    let mut stack: Vec<(&[Value], usize, u64)> = vec![(items, 0, P5)];
    loop {
        let (items, next, acc) = stack.last_mut().expect("the outermost tuple stays until the end");
        if *next == items.len() {
            let h = finish(*acc, items.len());
            stack.pop();
            match stack.last_mut() {
                Some((_, next, acc)) => {
                    *acc = mix(*acc, h);
                    *next += 1;
                }
                None => return Some(h as i64),
            }
            continue;
        }
        match &items[*next] {
            Value::Tuple(inner) => stack.push((inner, 0, P5)),
            other => {
                *acc = mix(*acc, hash_builtin(other)? as u64);
                *next += 1;
            }
        }
    }
}

/// The hash of a built-in hashable value; `None` if unhashable or if only the VM can
/// tell (instances with `__hash__`).
pub fn hash_builtin(v: &Value) -> Option<i64> {
    match v {
        Value::None => Some(0x5f5f_4e6f_6e65),
        Value::Bool(b) => Some(*b as i64),
        Value::Int(i) => Some(hash_i64(*i)),
        Value::BigInt(b) => Some(hash_bigint(b)),
        Value::Float(f) => Some(hash_f64(*f)),
        Value::Str(s) => Some(hash_str(s)),
        Value::Tuple(t) => hash_tuple(t),
        // (Frozensets nest only as deep as memory allows building them: stop short of
        // the native stack's end rather than overflow it.)
        Value::FrozenSet(_) if crate::engine::stack::low() => None,
        Value::FrozenSet(s) => {
            let mut h: u64 = 0;
            for k in s.iter() {
                let x = hash_builtin(k)? as u64;
                h ^= (x ^ (x << 16) ^ 89869747).wrapping_mul(3644798167);
            }
            Some(h as i64)
        }
        Value::List(_) | Value::Dict(_) | Value::Set(_) | Value::Slice(_) => None,
        Value::Instance(_) => None,
        Value::Object(o) => Some(o.hash().unwrap_or_else(|| (v.identity() >> 4) as i64)),
        other => Some((other.identity() >> 4) as i64),
    }
}

/// Equality of two keys whose hashes matched (built-in semantics; instances by identity).
/// Nested tuples are compared with an explicit stack (no deep native recursion).
pub fn key_eq(a: &Value, b: &Value) -> bool {
    use Value::*;
    let mut pending: Vec<(&[Value], &[Value])> = Vec::new();
    let (mut a, mut b) = (a, b);
    loop {
        let same = match (a, b) {
            (Tuple(x), Tuple(y)) => {
                if x.len() != y.len() {
                    return false;
                }
                pending.push((x, y));
                true
            }
            (Str(x), Str(y)) => x == y,
            (Int(x), Int(y)) => x == y,
            (FrozenSet(_), FrozenSet(_)) if crate::engine::stack::low() => a.is(b),
            (FrozenSet(x), FrozenSet(y)) => x.len() == y.len() && x.iter().all(|k| y.contains_builtin(k)),
            _ => match (super::number::as_number(a), super::number::as_number(b)) {
                (Some(x), Some(y)) => super::number::num_eq(&x, &y),
                _ => a.is(b),
            },
        };
        if !same {
            return false;
        }
        // The next pair of items still to compare, depth first.
        loop {
            let Some(&(xs, ys)) = pending.last() else {
                return true;
            };
            if let (Some((x, xr)), Some((y, yr))) = (xs.split_first(), ys.split_first()) {
                if let Some(top) = pending.last_mut() {
                    *top = (xr, yr);
                }
                (a, b) = (x, y);
                break;
            }
            pending.pop();
        }
    }
}
