//! `sort_keys=True`: `sorted(dct.items())`, comparing in CPython's order so that when
//! two keys cannot be compared, the pair named in the TypeError is the one CPython names.

use crate::engine::builtins::sort_values;
use crate::engine::value::Value;
use crate::engine::vm::{PyResult, Vm};

/// CPython's `list.sort` sorts fewer than 64 items as one run: `count_run` finds the
/// sorted (or strictly descending, then reversed) prefix and `binarysort` inserts the
/// rest. Dict keys are never equal, so comparing keys decides as comparing the pairs.
pub fn sort_items(vm: &mut Vm, mut items: Vec<(Value, Value)>) -> PyResult<Vec<(Value, Value)>> {
    let n = items.len();
    if n >= 64 {
        return merge_sorted(vm, items);
    }
    let mut run = n.min(1);
    if n > 1 {
        run = 2;
        if vm.less_than(&items[1].0, &items[0].0)? {
            while run < n && vm.less_than(&items[run].0, &items[run - 1].0)? {
                run += 1;
            }
            items[..run].reverse();
        } else {
            while run < n && !vm.less_than(&items[run].0, &items[run - 1].0)? {
                run += 1;
            }
        }
    }
    for start in run..n {
        let (mut lo, mut hi) = (0, start);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if vm.less_than(&items[start].0, &items[mid].0)? {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        let item = items.remove(start);
        items.insert(lo, item);
    }
    Ok(items)
}

/// Longer dicts: the engine's stable sort (the same order whenever the keys compare).
fn merge_sorted(vm: &mut Vm, items: Vec<(Value, Value)>) -> PyResult<Vec<(Value, Value)>> {
    let keys: Vec<Value> = items.iter().map(|(k, _)| k.clone()).collect();
    let order: Vec<Value> = (0..items.len()).map(|i| Value::Int(i as i64)).collect();
    let order = sort_values(vm, order, Some(keys), false)?;
    let mut slots: Vec<Option<(Value, Value)>> = items.into_iter().map(Some).collect();
    Ok(order
        .iter()
        .map(|i| match i {
            Value::Int(i) => slots[*i as usize].take().expect("each index appears once"),
            _ => unreachable!("sort_values returns the values it was given"),
        })
        .collect())
}
