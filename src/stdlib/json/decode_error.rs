//! `json.JSONDecodeError(msg, doc, pos)`: a ValueError whose text locates the problem
//! (`Expecting value: line 1 column 1 (char 0)`) and which keeps `msg`, `doc`, `pos`,
//! `lineno` and `colno` as attributes.

use std::rc::Rc;

use crate::engine::value::types::{class_name, new_class, types};
use crate::engine::value::{Args, BuiltinType, Class, ExcKind, Instance, NativeFunction, Value};
use crate::engine::vm::{PyErr, PyResult, Vm};

use super::args::bind;

pub fn make_decode_error_class() -> Rc<Class> {
    let cls = new_class("JSONDecodeError", "json.decoder", vec![types().exc(ExcKind::ValueError)], BuiltinType::BaseException);
    cls.dict
        .borrow_mut()
        .insert(Rc::from("__init__"), NativeFunction::new("__init__", "json.decoder", init));
    cls
}

/// `JSONDecodeError.__init__(self, msg, doc, pos)`.
fn init(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let bound = bind("JSONDecodeError.__init__", &mut args, &["self", "msg", "doc", "pos"], 4)?;
    let [this, msg, doc, pos]: [Value; 4] =
        bound.into_iter().map(|v| v.expect("all four are required")).collect::<Vec<_>>().try_into().expect("four");
    let Value::Str(text) = &doc else {
        return Err(PyErr::type_error(format!("must be str, not {}", class_name(&doc))));
    };
    let chars: Vec<char> = text.chars().collect();
    let at = match pos {
        Value::Int(i) if i >= 0 => i as usize,
        ref other => return Err(PyErr::type_error(format!("JSONDecodeError position must be a non-negative int, not {}", vm.repr(other)?))),
    };
    let Value::Instance(inst) = &this else {
        return Err(PyErr::type_error("descriptor '__init__' requires a 'JSONDecodeError' object"));
    };
    let msg_text = vm.str(&msg)?;
    fill(inst, msg, doc.clone(), &chars, at, &msg_text);
    Ok(Value::None)
}

/// The JSONDecodeError for `msg` at char `pos` of `doc` (whose chars are `chars`).
pub fn decode_error(class: &Rc<Class>, msg: &str, doc: &Rc<str>, chars: &[char], pos: usize) -> PyErr {
    let inst = Instance::new(class.clone());
    fill(&inst, Value::str(msg), Value::Str(doc.clone()), chars, pos, msg);
    PyErr::Exc(Value::Instance(inst))
}

/// Set the exception's text (its only arg) and attributes, as CPython's `__init__`.
fn fill(inst: &Instance, msg: Value, doc: Value, chars: &[char], pos: usize, msg_text: &str) {
    let before = &chars[..pos.min(chars.len())];
    let lineno = before.iter().filter(|&&c| c == '\n').count() + 1;
    let colno = match before.iter().rposition(|&c| c == '\n') {
        Some(nl) => pos - nl,
        None => pos + 1,
    };
    let text = format!("{msg_text}: line {lineno} column {colno} (char {pos})");
    if let Some(data) = &inst.exc {
        data.borrow_mut().args = vec![Value::string(text)];
    }
    inst.set("msg", msg);
    inst.set("doc", doc);
    inst.set("pos", Value::Int(pos as i64));
    inst.set("lineno", Value::Int(lineno as i64));
    inst.set("colno", Value::Int(colno as i64));
}
