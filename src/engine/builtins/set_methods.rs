//! `set` and `frozenset` methods.

use std::cell::RefCell;
use std::rc::Rc;

use super::super::ast::BinOp;
use super::super::value::{Args, ExcKind, Set, Value};
use super::super::vm::{PyErr, PyResult, Vm};
use super::check_count;

pub const NAMES: &[&str] = &[
    "add", "remove", "discard", "pop", "clear", "copy", "update", "union", "intersection", "difference",
    "symmetric_difference", "issubset", "issuperset", "isdisjoint", "intersection_update", "difference_update",
    "symmetric_difference_update",
];

pub const FROZEN_NAMES: &[&str] = &[
    "copy", "union", "intersection", "difference", "symmetric_difference", "issubset", "issuperset", "isdisjoint",
];

pub fn call(vm: &mut Vm, this: &Value, name: &str, mut args: Args) -> Option<PyResult<Value>> {
    let names = if matches!(this, Value::Set(_)) { NAMES } else { FROZEN_NAMES };
    if !names.contains(&name) {
        return None;
    }
    Some(call_inner(vm, this, name, &mut args))
}

/// Any iterable as a set value (for the operator-style methods).
fn as_set(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match v {
        Value::Set(_) | Value::FrozenSet(_) => Ok(v.clone()),
        other => {
            let items = vm.collect(other.clone())?;
            vm.make_set(items)
        }
    }
}

fn call_inner(vm: &mut Vm, this: &Value, name: &str, args: &mut Args) -> PyResult<Value> {
    let op = |name: &str| match name {
        "union" | "update" => BinOp::BitOr,
        "intersection" | "intersection_update" => BinOp::BitAnd,
        "difference" | "difference_update" => BinOp::Sub,
        _ => BinOp::BitXor,
    };
    match name {
        "add" => {
            check_count("set.add", args, 1, 1)?;
            vm.set_add(this, args.pos[0].clone())?;
            Ok(Value::None)
        }
        "remove" | "discard" => {
            check_count(name, args, 1, 1)?;
            let k = vm.hash_key(&args.pos[0])?;
            let removed = match this {
                Value::Set(s) => s.borrow_mut().remove(&k),
                _ => false,
            };
            if !removed && name == "remove" {
                return Err(PyErr::with_args(ExcKind::KeyError, vec![args.pos[0].clone()]));
            }
            Ok(Value::None)
        }
        "pop" => match this {
            Value::Set(s) => s.borrow_mut().pop().ok_or_else(|| PyErr::new(ExcKind::KeyError, "pop from an empty set")),
            _ => Err(PyErr::internal("pop on frozenset")),
        },
        "clear" => {
            if let Value::Set(s) = this {
                s.borrow_mut().clear();
            }
            Ok(Value::None)
        }
        "copy" => Ok(match this {
            Value::Set(s) => Value::Set(Rc::new(RefCell::new(s.borrow().clone()))),
            other => other.clone(),
        }),
        "union" | "intersection" | "difference" | "symmetric_difference" => {
            let mut acc = match this {
                Value::Set(s) => Value::Set(Rc::new(RefCell::new(s.borrow().clone()))),
                other => other.clone(),
            };
            for a in args.pos.clone() {
                let other = as_set(vm, &a)?;
                acc = vm.binary_op(op(name), acc, other)?;
            }
            Ok(acc)
        }
        "update" | "intersection_update" | "difference_update" | "symmetric_difference_update" => {
            for a in args.pos.clone() {
                let other = as_set(vm, &a)?;
                vm.inplace_op(op(name), this.clone(), other)?;
            }
            Ok(Value::None)
        }
        "issubset" | "issuperset" | "isdisjoint" => {
            check_count(name, args, 1, 1)?;
            let other = as_set(vm, &args.pos[0])?;
            let (a, b): (Set, Set) = (super::super::vm::set_of(this), super::super::vm::set_of(&other));
            Ok(Value::Bool(match name {
                "issubset" => a.keys().all(|k| b.contains(k)),
                "issuperset" => b.keys().all(|k| a.contains(k)),
                _ => a.keys().all(|k| !b.contains(k)),
            }))
        }
        _ => Err(PyErr::internal("set method listed but not implemented")),
    }
}
