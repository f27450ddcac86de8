//! `obj[key]`, `obj[key] = v`, `del obj[key]`, slices, unpacking.

use std::rc::Rc;

use super::super::text::methods as strm;
use super::super::value::number::{as_number, Num};
use super::super::value::types::class_name;
use super::super::value::{ExcKind, Range, Value};
use super::{PyErr, PyResult, Vm};

/// A slice resolved against a sequence length (CPython's PySlice_AdjustIndices).
pub(crate) struct SliceIdx {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl SliceIdx {
    pub fn len(&self) -> usize {
        if self.step > 0 {
            if self.stop > self.start {
                ((self.stop - self.start - 1) / self.step + 1) as usize
            } else {
                0
            }
        } else if self.start > self.stop {
            ((self.start - self.stop - 1) / (-self.step) + 1) as usize
        } else {
            0
        }
    }

    pub fn indices(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.len()).map(move |i| (self.start + i as i64 * self.step) as usize)
    }
}

fn slice_part(v: &Value) -> PyResult<Option<i64>> {
    match v {
        Value::None => Ok(None),
        Value::Int(i) => Ok(Some(*i)),
        Value::Bool(b) => Ok(Some(*b as i64)),
        Value::BigInt(b) => Ok(Some(if b.sign() == num_bigint::Sign::Minus { i64::MIN / 2 } else { i64::MAX / 2 })),
        _ => Err(PyErr::type_error("slice indices must be integers or None or have an __index__ method")),
    }
}

pub(crate) fn resolve_slice(parts: &[Value; 3], len: usize) -> PyResult<SliceIdx> {
    let len = len as i64;
    let step = slice_part(&parts[2])?.unwrap_or(1);
    if step == 0 {
        return Err(PyErr::value_error("slice step cannot be zero"));
    }
    let clamp = |v: Option<i64>, default: i64, lo: i64, hi: i64| -> i64 {
        match v {
            None => default,
            Some(i) if i < 0 => (i + len).max(lo),
            Some(i) => i.min(hi),
        }
    };
    let (start, stop) = if step > 0 {
        (clamp(slice_part(&parts[0])?, 0, 0, len), clamp(slice_part(&parts[1])?, len, 0, len))
    } else {
        (clamp(slice_part(&parts[0])?, len - 1, -1, len - 1), clamp(slice_part(&parts[1])?, -1, -1, len - 1))
    };
    Ok(SliceIdx { start, stop, step })
}

/// A sequence index: negative counts from the end; `None` if out of range.
pub(crate) fn seq_index(idx: &Value, len: usize, what: &str) -> PyResult<Option<usize>> {
    let i = match as_number(idx) {
        Some(Num::Int(i)) => i,
        Some(Num::Big(_)) => return Ok(None),
        _ => {
            return Err(PyErr::type_error(format!(
                "{what} indices must be integers or slices, not {}",
                class_name(idx)
            )))
        }
    };
    let i = if i < 0 { i + len as i64 } else { i };
    Ok((i >= 0 && (i as usize) < len).then_some(i as usize))
}

impl Vm {
    pub fn get_item(&mut self, obj: &Value, idx: &Value) -> PyResult<Value> {
        match obj {
            Value::List(l) => {
                if let Value::Slice(s) = idx {
                    let si = resolve_slice(s, l.borrow().len())?;
                    self.charge_items(si.len())?;
                    let items = l.borrow();
                    return Ok(Value::list(si.indices().map(|i| items[i].clone()).collect()));
                }
                let items = l.borrow();
                match seq_index(idx, items.len(), "list")? {
                    Some(i) => Ok(items[i].clone()),
                    None => Err(PyErr::new(ExcKind::IndexError, "list index out of range")),
                }
            }
            Value::Tuple(t) => {
                if let Value::Slice(s) = idx {
                    let si = resolve_slice(s, t.len())?;
                    self.charge_items(si.len())?;
                    return Ok(Value::tuple(si.indices().map(|i| t[i].clone()).collect()));
                }
                match seq_index(idx, t.len(), "tuple")? {
                    Some(i) => Ok(t[i].clone()),
                    None => Err(PyErr::new(ExcKind::IndexError, "tuple index out of range")),
                }
            }
            Value::Str(s) => {
                // Characters are found by walking the UTF-8 text.
                self.charge_bytes(s.len())?;
                if let Value::Slice(parts) = idx {
                    let step = slice_part(&parts[2])?.unwrap_or(1);
                    if step == 0 {
                        return Err(PyErr::value_error("slice step cannot be zero"));
                    }
                    let (start, stop) = (slice_part(&parts[0])?, slice_part(&parts[1])?);
                    return Ok(Value::string(strm::slice(s, start, stop, step)));
                }
                let n = strm::char_len(s);
                match seq_index(idx, n, "string")? {
                    Some(i) => Ok(Value::string(strm::char_at(s, i as i64).map(String::from).unwrap_or_default())),
                    None => Err(PyErr::new(ExcKind::IndexError, "string index out of range")),
                }
            }
            Value::Range(r) => {
                let len = r.len().max(0) as usize;
                if let Value::Slice(s) = idx {
                    let si = resolve_slice(s, len)?;
                    return Ok(Value::Range(Rc::new(Range {
                        start: r.get(si.start),
                        stop: r.get(si.start) + si.len() as i64 * r.step * si.step,
                        step: r.step * si.step,
                    })));
                }
                match seq_index(idx, len, "range object")? {
                    Some(i) => Ok(Value::Int(r.get(i as i64))),
                    None => Err(PyErr::new(ExcKind::IndexError, "range object index out of range")),
                }
            }
            Value::Dict(d) => {
                let k = self.hash_key(idx)?;
                let found = d.borrow().get(&k).cloned();
                match found {
                    Some(v) => Ok(v),
                    None => Err(PyErr::with_args(ExcKind::KeyError, vec![idx.clone()])),
                }
            }
            Value::Instance(_) => match self.call_special(obj, "__getitem__", vec![idx.clone()]) {
                Some(r) => r,
                None => Err(not_subscriptable(obj)),
            },
            Value::Class(c) if c.builtin != super::super::value::BuiltinType::Other => {
                // `list[int]`, `dict[str, int]` in annotations evaluate to the class itself.
                Ok(obj.clone())
            }
            _ => Err(not_subscriptable(obj)),
        }
    }

    pub fn set_item(&mut self, obj: &Value, idx: Value, v: Value) -> PyResult<()> {
        match obj {
            Value::List(l) => {
                if let Value::Slice(s) = &idx {
                    let new = self.collect(v)?;
                    let mut items = l.borrow_mut();
                    let si = resolve_slice(s, items.len())?;
                    if si.step == 1 {
                        let stop = si.stop.max(si.start) as usize;
                        items.splice(si.start as usize..stop, new);
                        return Ok(());
                    }
                    if new.len() != si.len() {
                        return Err(PyErr::value_error(format!(
                            "attempt to assign sequence of size {} to extended slice of size {}",
                            new.len(),
                            si.len()
                        )));
                    }
                    let idxs: Vec<usize> = si.indices().collect();
                    for (i, x) in idxs.into_iter().zip(new) {
                        items[i] = x;
                    }
                    return Ok(());
                }
                let mut items = l.borrow_mut();
                let len = items.len();
                match seq_index(&idx, len, "list")? {
                    Some(i) => {
                        items[i] = v;
                        Ok(())
                    }
                    None => Err(PyErr::new(ExcKind::IndexError, "list assignment index out of range")),
                }
            }
            Value::Dict(d) => {
                let k = self.hash_key(&idx)?;
                d.borrow_mut().insert(k, v);
                Ok(())
            }
            Value::Instance(_) => match self.call_special(obj, "__setitem__", vec![idx, v]) {
                Some(r) => r.map(|_| ()),
                None => Err(PyErr::type_error(format!("'{}' object does not support item assignment", class_name(obj)))),
            },
            _ => Err(PyErr::type_error(format!("'{}' object does not support item assignment", class_name(obj)))),
        }
    }

    pub fn del_item(&mut self, obj: &Value, idx: &Value) -> PyResult<()> {
        match obj {
            Value::List(l) => {
                let mut items = l.borrow_mut();
                if let Value::Slice(s) = idx {
                    let si = resolve_slice(s, items.len())?;
                    let mut doomed: Vec<usize> = si.indices().collect();
                    doomed.sort_unstable();
                    for i in doomed.into_iter().rev() {
                        items.remove(i);
                    }
                    return Ok(());
                }
                let len = items.len();
                match seq_index(idx, len, "list")? {
                    Some(i) => {
                        items.remove(i);
                        Ok(())
                    }
                    None => Err(PyErr::new(ExcKind::IndexError, "list assignment index out of range")),
                }
            }
            Value::Dict(d) => {
                let k = self.hash_key(idx)?;
                match d.borrow_mut().remove(&k) {
                    Some(_) => Ok(()),
                    None => Err(PyErr::with_args(ExcKind::KeyError, vec![idx.clone()])),
                }
            }
            Value::Instance(_) => match self.call_special(obj, "__delitem__", vec![idx.clone()]) {
                Some(r) => r.map(|_| ()),
                None => Err(PyErr::type_error(format!("'{}' object does not support item deletion", class_name(obj)))),
            },
            _ => Err(PyErr::type_error(format!("'{}' object does not support item deletion", class_name(obj)))),
        }
    }

    /// `a, b = seq`.
    pub fn unpack(&mut self, seq: Value, n: usize) -> PyResult<Vec<Value>> {
        let items = match &seq {
            Value::Tuple(t) => t.to_vec(),
            Value::List(l) => l.borrow().clone(),
            _ => {
                if !self.is_iterable(&seq) {
                    return Err(PyErr::type_error(format!(
                        "cannot unpack non-iterable {} object",
                        class_name(&seq)
                    )));
                }
                self.collect(seq)?
            }
        };
        if items.len() < n {
            return Err(PyErr::value_error(format!(
                "not enough values to unpack (expected {n}, got {})",
                items.len()
            )));
        }
        if items.len() > n {
            return Err(PyErr::value_error(format!("too many values to unpack (expected {n})")));
        }
        Ok(items)
    }

    /// `a, *b, c = seq`: the items with the starred part gathered into a list.
    pub fn unpack_ex(&mut self, seq: Value, before: usize, after: usize) -> PyResult<Vec<Value>> {
        if !self.is_iterable(&seq) {
            return Err(PyErr::type_error(format!("cannot unpack non-iterable {} object", class_name(&seq))));
        }
        let mut items = self.collect(seq)?;
        if items.len() < before + after {
            return Err(PyErr::value_error(format!(
                "not enough values to unpack (expected at least {}, got {})",
                before + after,
                items.len()
            )));
        }
        let tail = items.split_off(items.len() - after);
        let middle = items.split_off(before);
        let mut out = items;
        out.push(Value::list(middle));
        out.extend(tail);
        Ok(out)
    }
}

fn not_subscriptable(obj: &Value) -> PyErr {
    PyErr::type_error(format!("'{}' object is not subscriptable", class_name(obj)))
}
