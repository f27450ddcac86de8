//! Freeing values without recursion: CPython's "trashcan" (`Py_TRASHCAN_BEGIN`).
//!
//! A script can build a chain millions of levels deep in a few lines (`a = [a]` in a
//! loop, a linked list of instances). Freed by the compiler's drop glue, such a chain
//! costs one native stack frame per level and overflows the engine's stack. So when a
//! value that can hold other values is dropped, and it is the last reference, its
//! children are moved out onto a worklist first: each `drop` then frees one level, and
//! the worklist (on the heap) carries the depth.

use std::rc::Rc;

use super::Value;

impl Drop for Value {
    #[inline]
    fn drop(&mut self) {
        if self.may_nest() {
            drop_nested(self);
        }
    }
}

impl Value {
    /// Whether this value can own other values (and so form a deep chain).
    #[inline(always)]
    fn may_nest(&self) -> bool {
        matches!(
            self,
            Value::List(_)
                | Value::Tuple(_)
                | Value::Dict(_)
                | Value::Set(_)
                | Value::FrozenSet(_)
                | Value::Slice(_)
                | Value::Function(_)
                | Value::Method(_)
                | Value::BuiltinMethod(_)
                | Value::Generator(_)
                | Value::Instance(_)
                | Value::Cell(_)
                | Value::StaticMethod(_)
                | Value::ClassMethod(_)
                | Value::Super(_)
        )
    }
}

/// `v` is being dropped: free the values only it owns level by level.
#[cold]
fn drop_nested(v: &mut Value) {
    let mut work = Vec::new();
    take_children(v, &mut work);
    while let Some(mut child) = work.pop() {
        take_children(&mut child, &mut work);
        // `child` drops here with its children already moved out: one level only.
    }
}

/// Whether dropping `v` would free what it owns (this is its last reference).
fn is_last(v: &Value) -> bool {
    v.may_nest() && strong_count(v) == 1
}

fn strong_count(v: &Value) -> usize {
    match v {
        Value::List(x) => Rc::strong_count(x),
        Value::Tuple(x) => Rc::strong_count(x),
        Value::Dict(x) => Rc::strong_count(x),
        Value::Set(x) => Rc::strong_count(x),
        Value::FrozenSet(x) => Rc::strong_count(x),
        Value::Slice(x) => Rc::strong_count(x),
        Value::Function(x) => Rc::strong_count(x),
        Value::Method(x) => Rc::strong_count(x),
        Value::BuiltinMethod(x) => Rc::strong_count(x),
        Value::Generator(x) => Rc::strong_count(x),
        Value::Instance(x) => Rc::strong_count(x),
        Value::Cell(x) => Rc::strong_count(x),
        Value::StaticMethod(x) | Value::ClassMethod(x) => Rc::strong_count(x),
        Value::Super(x) => Rc::strong_count(x),
        _ => usize::MAX,
    }
}

/// Keep `child` for the worklist if freeing it would go deeper; drop it here otherwise
/// (a leaf, or a value someone else still holds: only a count goes down).
fn push(work: &mut Vec<Value>, child: Value) {
    if is_last(&child) {
        work.push(child);
    }
}

fn take(work: &mut Vec<Value>, slot: &mut Value) {
    if is_last(slot) {
        work.push(std::mem::take(slot));
    }
}

/// Move the children of `v` onto `work` if `v` is their last owner.
fn take_children(v: &mut Value, work: &mut Vec<Value>) {
    match v {
        Value::List(l) => {
            if let Some(cell) = Rc::get_mut(l) {
                cell.get_mut().drain(..).for_each(|c| push(work, c));
            }
        }
        Value::Tuple(t) => {
            if let Some(items) = Rc::get_mut(t) {
                items.iter_mut().for_each(|c| take(work, c));
            }
        }
        Value::Slice(s) => {
            if let Some(items) = Rc::get_mut(s) {
                items.iter_mut().for_each(|c| take(work, c));
            }
        }
        Value::Dict(d) => {
            if let Some(cell) = Rc::get_mut(d) {
                for (k, v) in cell.get_mut().map.drain(..) {
                    push(work, k.value);
                    push(work, v);
                }
            }
        }
        Value::Set(s) => {
            if let Some(cell) = Rc::get_mut(s) {
                cell.get_mut().drain_values().for_each(|c| push(work, c));
            }
        }
        Value::FrozenSet(s) => {
            if let Some(set) = Rc::get_mut(s) {
                set.drain_values().for_each(|c| push(work, c));
            }
        }
        Value::Instance(i) => {
            if let Some(inst) = Rc::get_mut(i) {
                inst.dict.get_mut().drain_values().for_each(|c| push(work, c));
                if let Some(exc) = inst.exc.as_mut() {
                    let exc = exc.get_mut();
                    exc.args.drain(..).chain(exc.notes.drain(..)).for_each(|c| push(work, c));
                    take(work, &mut exc.cause);
                    take(work, &mut exc.context);
                }
            }
        }
        Value::Function(f) => {
            if let Some(func) = Rc::get_mut(f) {
                func.defaults.drain(..).for_each(|c| push(work, c));
                func.kwdefaults.drain(..).for_each(|(_, c)| push(work, c));
                func.dict.get_mut().drain_values().for_each(|c| push(work, c));
                for cell in func.closure.drain(..) {
                    if let Ok(cell) = Rc::try_unwrap(cell) {
                        push(work, cell.into_inner());
                    }
                }
            }
        }
        Value::Generator(g) => {
            if let Some(frame) = Rc::get_mut(g).and_then(|g| g.frame.get_mut().take()) {
                let mut frame = frame;
                frame.stack.drain(..).for_each(|c| push(work, c));
                for cell in frame.cells.drain(..) {
                    if let Ok(cell) = Rc::try_unwrap(cell) {
                        push(work, cell.into_inner());
                    }
                }
            }
        }
        Value::Cell(c) => {
            if let Some(cell) = Rc::get_mut(c) {
                take(work, cell.get_mut());
            }
        }
        Value::Method(m) => {
            if let Some(pair) = Rc::get_mut(m) {
                take(work, &mut pair.0);
                take(work, &mut pair.1);
            }
        }
        Value::BuiltinMethod(m) => {
            if let Some(pair) = Rc::get_mut(m) {
                take(work, &mut pair.0);
            }
        }
        Value::StaticMethod(x) | Value::ClassMethod(x) => {
            if let Some(inner) = Rc::get_mut(x) {
                take(work, inner);
            }
        }
        Value::Super(s) => {
            if let Some(pair) = Rc::get_mut(s) {
                take(work, &mut pair.1);
            }
        }
        _ => {}
    }
}
