//! A stable merge sort whose comparisons may fail (they call Python `__lt__`).
//!
//! Rust's `sort_by` may panic on inconsistent orders; lesson code can define any `__lt__`,
//! so we sort with our own routine. For consistent orders the result equals CPython's
//! (both sorts are stable).

use super::super::value::Value;
use super::super::vm::{PyResult, Vm};

/// Sort `items` by `keys` (same length) with Python's `<`; `reverse` keeps equal items in
/// their original order, as CPython does.
pub fn sort_values(vm: &mut Vm, items: Vec<Value>, keys: Option<Vec<Value>>, reverse: bool) -> PyResult<Vec<Value>> {
    let n = items.len();
    // CPU cost: about one comparison's work per n·log2(n) (timsort on random data).
    vm.charge((n as f64 * (n.max(2) as f64).log2()) as u64);
    let keys = keys.unwrap_or_else(|| items.clone());
    let mut idx: Vec<usize> = (0..n).collect();
    if reverse {
        idx.reverse();
    }
    let mut lt = |a: usize, b: usize| -> PyResult<bool> { vm.less_than(&keys[a], &keys[b]) };
    let mut buf = idx.clone();
    merge_sort(&mut idx, &mut buf, &mut lt)?;
    if reverse {
        idx.reverse();
    }
    let mut slots: Vec<Option<Value>> = items.into_iter().map(Some).collect();
    Ok(idx.into_iter().map(|i| slots[i].take().unwrap_or_default()).collect())
}

fn merge_sort(v: &mut [usize], buf: &mut [usize], lt: &mut dyn FnMut(usize, usize) -> PyResult<bool>) -> PyResult<()> {
    let n = v.len();
    if n <= 16 {
        // Binary-free insertion sort: stable, few comparisons for small runs.
        for i in 1..n {
            let mut j = i;
            while j > 0 && lt(v[j], v[j - 1])? {
                v.swap(j, j - 1);
                j -= 1;
            }
        }
        return Ok(());
    }
    let mid = n / 2;
    {
        let (left, right) = v.split_at_mut(mid);
        let (bl, br) = buf.split_at_mut(mid);
        merge_sort(left, bl, lt)?;
        merge_sort(right, br, lt)?;
    }
    // Already ordered: nothing to merge.
    if !lt(v[mid], v[mid - 1])? {
        return Ok(());
    }
    buf[..n].copy_from_slice(v);
    let (mut i, mut j, mut k) = (0, mid, 0);
    while i < mid && j < n {
        if lt(buf[j], buf[i])? {
            v[k] = buf[j];
            j += 1;
        } else {
            v[k] = buf[i];
            i += 1;
        }
        k += 1;
    }
    while i < mid {
        v[k] = buf[i];
        i += 1;
        k += 1;
    }
    while j < n {
        v[k] = buf[j];
        j += 1;
        k += 1;
    }
    Ok(())
}

impl Vm {
    /// `a < b` as a bool (what sorting, `min` and `max` use).
    pub fn less_than(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if let (Value::Int(x), Value::Int(y)) = (a, b) {
            return Ok(x < y);
        }
        let r = self.compare_op(super::super::ast::CmpOp::Lt, a.clone(), b.clone())?;
        match r {
            Value::Bool(b) => Ok(b),
            other => self.truthy(&other),
        }
    }
}
