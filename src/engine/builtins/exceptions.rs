//! Native methods of the built-in exception classes (`__init__`, `add_note`, `split`...).

use std::rc::Rc;

use super::super::value::types::types;
use super::super::value::{Args, ExcKind, NativeFunction, Value};
use super::super::vm::{exc_group, PyErr, PyResult, Vm};

pub(super) fn register() {
    let t = types();
    // BaseException.__init__ keeps every argument as `args` (what super().__init__(msg) calls).
    let base = t.exc(ExcKind::BaseException);
    base.dict.borrow_mut().insert(
        Rc::from("__init__"),
        NativeFunction::new("__init__", "builtins", |_vm, args| {
            if let Some(this) = args.pos.first() {
                if let Some(d) = this.exc() {
                    d.borrow_mut().args = args.pos[1..].to_vec();
                }
            }
            Ok(Value::None)
        }),
    );
    let group = t.exc(ExcKind::BaseExceptionGroup);
    group.dict.borrow_mut().insert(
        Rc::from("__init__"),
        NativeFunction::new("__init__", "builtins", |_vm, mut args| {
            if args.pos.is_empty() {
                return Err(PyErr::type_error("descriptor '__init__' needs an argument"));
            }
            let this = args.pos.remove(0);
            exc_group::init_exception_group(&this, &args)?;
            Ok(Value::None)
        }),
    );
    t.object.dict.borrow_mut().insert(
        Rc::from("__init__"),
        NativeFunction::new("__init__", "builtins", |_vm, _args| Ok(Value::None)),
    );
}

/// Methods every exception has, and the group methods.
pub(super) fn call_method(vm: &mut Vm, this: &Value, name: &str, args: Args) -> Option<PyResult<Value>> {
    Some(match name {
        "add_note" => {
            let note = args.pos.first().cloned().unwrap_or(Value::None);
            if !matches!(note, Value::Str(_)) {
                return Some(Err(PyErr::type_error("note must be a str")));
            }
            if let Some(d) = this.exc() {
                d.borrow_mut().notes.push(note);
            }
            Ok(Value::None)
        }
        "with_traceback" => Ok(this.clone()),
        "split" | "subgroup" if exc_group::is_group(this) => {
            let cond = args.pos.first().cloned().unwrap_or(Value::None);
            match vm.exception_group_split_method(this, cond) {
                Ok((m, r)) => Ok(if name == "split" { Value::tuple(vec![m, r]) } else { m }),
                Err(e) => Err(e),
            }
        }
        "derive" if exc_group::is_group(this) => {
            let excs = match args.pos.first() {
                Some(v) => match vm.collect(v.clone()) {
                    Ok(x) => x,
                    Err(e) => return Some(Err(e)),
                },
                None => vec![],
            };
            let msg = this.as_instance().and_then(|i| i.get("message")).unwrap_or(Value::None);
            exc_group::make_exception_group(None, msg, excs)
        }
        _ => return None,
    })
}
