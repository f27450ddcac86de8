//! `list` methods.

use super::super::value::{Args, ExcKind, List, Value};
use super::super::vm::{PyErr, PyResult, Vm};
use super::{check_count, int_arg, no_kwargs};

pub const NAMES: &[&str] = &["append", "extend", "insert", "remove", "pop", "index", "count", "sort", "reverse", "copy", "clear"];

pub fn call(vm: &mut Vm, this: &Value, l: &List, name: &str, mut args: Args) -> Option<PyResult<Value>> {
    if !NAMES.contains(&name) {
        return None;
    }
    // These walk the whole list: charge it (the budgets count work).
    if matches!(name, "count" | "index" | "remove" | "copy" | "reverse" | "insert") {
        let n = l.borrow().len();
        if let Err(e) = vm.charge_items(n) {
            return Some(Err(e));
        }
    }
    Some(call_inner(vm, this, l, name, &mut args))
}

fn call_inner(vm: &mut Vm, _this: &Value, l: &List, name: &str, args: &mut Args) -> PyResult<Value> {
    if name != "sort" {
        no_kwargs(name, args)?;
    }
    match name {
        "append" => {
            check_count("list.append", args, 1, 1)?;
            l.borrow_mut().push(args.pos[0].clone());
            Ok(Value::None)
        }
        "extend" => {
            check_count("list.extend", args, 1, 1)?;
            let items = vm.collect(args.pos[0].clone())?;
            l.borrow_mut().extend(items);
            Ok(Value::None)
        }
        "insert" => {
            check_count("insert", args, 2, 2)?;
            let i = int_arg(&args.pos[0], "")?;
            let mut items = l.borrow_mut();
            let n = items.len() as i64;
            let at = if i < 0 { (i + n).max(0) } else { i.min(n) } as usize;
            items.insert(at, args.pos[1].clone());
            Ok(Value::None)
        }
        "remove" => {
            check_count("list.remove", args, 1, 1)?;
            let items = l.borrow().clone();
            for (i, x) in items.iter().enumerate() {
                if x.is(&args.pos[0]) || vm.eq(x, &args.pos[0])? {
                    l.borrow_mut().remove(i);
                    return Ok(Value::None);
                }
            }
            Err(PyErr::value_error("list.remove(x): x not in list"))
        }
        "pop" => {
            check_count("pop", args, 0, 1)?;
            let mut items = l.borrow_mut();
            if items.is_empty() {
                return Err(PyErr::new(ExcKind::IndexError, "pop from empty list"));
            }
            let n = items.len() as i64;
            let i = match args.pos.first() {
                Some(v) => int_arg(v, "")?,
                None => -1,
            };
            let i = if i < 0 { i + n } else { i };
            if i < 0 || i >= n {
                return Err(PyErr::new(ExcKind::IndexError, "pop index out of range"));
            }
            Ok(items.remove(i as usize))
        }
        "index" => {
            check_count("index", args, 1, 3)?;
            let items = l.borrow().clone();
            let n = items.len() as i64;
            let clamp = |v: Option<&Value>, d: i64| -> PyResult<i64> {
                Ok(match v {
                    Some(v) => {
                        let i = int_arg(v, "")?;
                        if i < 0 { (i + n).max(0) } else { i.min(n) }
                    }
                    None => d,
                })
            };
            let (start, stop) = (clamp(args.pos.get(1), 0)?, clamp(args.pos.get(2), n)?);
            for i in start..stop {
                let x = &items[i as usize];
                if x.is(&args.pos[0]) || vm.eq(x, &args.pos[0])? {
                    return Ok(Value::Int(i));
                }
            }
            let r = vm.repr(&args.pos[0])?;
            Err(PyErr::value_error(format!("{r} is not in list")))
        }
        "count" => {
            check_count("count", args, 1, 1)?;
            let items = l.borrow().clone();
            let mut c = 0;
            for x in items.iter() {
                if x.is(&args.pos[0]) || vm.eq(x, &args.pos[0])? {
                    c += 1;
                }
            }
            Ok(Value::Int(c))
        }
        "sort" => {
            let key = args.take_kw("key").unwrap_or(Value::None);
            let reverse = args.take_kw("reverse").unwrap_or(Value::Bool(false));
            no_kwargs("sort", args)?;
            if !args.pos.is_empty() {
                return Err(PyErr::type_error("sort() takes no positional arguments"));
            }
            let reverse = vm.truthy(&reverse)?;
            // CPython empties the list while sorting so mutation from key/lt is detectable.
            let items = std::mem::take(&mut *l.borrow_mut());
            let sorted = super::functions::sorted(vm, items, key, reverse)?;
            let modified = !l.borrow().is_empty();
            *l.borrow_mut() = sorted;
            if modified {
                return Err(PyErr::value_error("list modified during sort"));
            }
            Ok(Value::None)
        }
        "reverse" => {
            l.borrow_mut().reverse();
            Ok(Value::None)
        }
        "copy" => Ok(Value::list(l.borrow().clone())),
        "clear" => {
            l.borrow_mut().clear();
            Ok(Value::None)
        }
        _ => Err(PyErr::internal("list method listed but not implemented")),
    }
}
