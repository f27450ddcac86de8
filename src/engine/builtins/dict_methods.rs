//! `dict` methods.

use std::cell::RefCell;
use std::rc::Rc;

use super::super::value::{Args, Dict, DictViewKind, ExcKind, Value};
use super::super::vm::{PyErr, PyResult, Vm};
use super::check_count;

pub const NAMES: &[&str] = &["get", "keys", "values", "items", "setdefault", "pop", "popitem", "update", "copy", "clear"];

pub fn call(vm: &mut Vm, this: &Value, d: &Rc<RefCell<Dict>>, name: &str, mut args: Args) -> Option<PyResult<Value>> {
    if !NAMES.contains(&name) {
        return None;
    }
    Some(call_inner(vm, this, d, name, &mut args))
}

fn call_inner(vm: &mut Vm, this: &Value, d: &Rc<RefCell<Dict>>, name: &str, args: &mut Args) -> PyResult<Value> {
    match name {
        "get" => {
            check_count("get", args, 1, 2)?;
            let k = vm.hash_key(&args.pos[0])?;
            let found = d.borrow().get(&k).cloned();
            Ok(found.unwrap_or_else(|| args.pos.get(1).cloned().unwrap_or(Value::None)))
        }
        "keys" | "values" | "items" => {
            check_count(name, args, 0, 0)?;
            let kind = match name {
                "keys" => DictViewKind::Keys,
                "values" => DictViewKind::Values,
                _ => DictViewKind::Items,
            };
            Ok(Value::DictView(Rc::new((d.clone(), kind))))
        }
        "setdefault" => {
            check_count("setdefault", args, 1, 2)?;
            let k = vm.hash_key(&args.pos[0])?;
            let existing = d.borrow().get(&k).cloned();
            match existing {
                Some(v) => Ok(v),
                None => {
                    let v = args.pos.get(1).cloned().unwrap_or(Value::None);
                    d.borrow_mut().insert(k, v.clone());
                    Ok(v)
                }
            }
        }
        "pop" => {
            check_count("pop", args, 1, 2)?;
            let k = vm.hash_key(&args.pos[0])?;
            let removed = d.borrow_mut().remove(&k);
            match removed {
                Some(v) => Ok(v),
                None => match args.pos.get(1) {
                    Some(default) => Ok(default.clone()),
                    None => Err(PyErr::with_args(ExcKind::KeyError, vec![args.pos[0].clone()])),
                },
            }
        }
        "popitem" => {
            check_count("popitem", args, 0, 0)?;
            let last = d.borrow_mut().map.pop();
            match last {
                Some((k, v)) => Ok(Value::tuple(vec![k.value, v])),
                None => Err(PyErr::new(ExcKind::KeyError, "popitem(): dictionary is empty")),
            }
        }
        "update" => {
            check_count("update", args, 0, 1)?;
            if let Some(src) = args.pos.first() {
                vm.dict_update(this, src.clone(), false)?;
            }
            for (k, v) in std::mem::take(&mut args.kw) {
                vm.set_item(this, Value::Str(k), v)?;
            }
            Ok(Value::None)
        }
        "copy" => Ok(Value::dict(d.borrow().clone())),
        "clear" => {
            d.borrow_mut().map.clear();
            Ok(Value::None)
        }
        _ => Err(PyErr::internal("dict method listed but not implemented")),
    }
}
