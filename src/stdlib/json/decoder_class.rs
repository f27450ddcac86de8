//! `json.JSONDecoder`: hooks and `strict` live as instance attributes, as in CPython,
//! so `loads(s, cls=...)` and subclasses work; `decode` and `raw_decode` scan.

use std::rc::Rc;

use crate::engine::value::types::{class_name, new_class, types};
use crate::engine::value::{Args, BuiltinType, Class, NativeFunction, Value};
use crate::engine::vm::{PyErr, PyResult, Vm};

use super::args::{bind, given, keywords};
use super::scanner::{decode, raw_decode, DecodeOptions};

/// `JSONDecoder.__init__`'s keyword-only parameters, in CPython's order.
pub const DECODER_PARAMS: [&str; 6] =
    ["object_hook", "parse_float", "parse_int", "parse_constant", "strict", "object_pairs_hook"];

pub fn make_decoder_class(error_class: &Rc<Class>) -> Rc<Class> {
    let cls = new_class("JSONDecoder", "json.decoder", vec![types().object.clone()], BuiltinType::Object);
    let (e1, e2) = (error_class.clone(), error_class.clone());
    let mut dict = cls.dict.borrow_mut();
    dict.insert(Rc::from("__init__"), NativeFunction::new("__init__", "json.decoder", init));
    dict.insert(
        Rc::from("decode"),
        NativeFunction::new("decode", "json.decoder", move |vm, args| decode_method(vm, args, &e1)),
    );
    dict.insert(
        Rc::from("raw_decode"),
        NativeFunction::new("raw_decode", "json.decoder", move |vm, args| raw_decode_method(vm, args, &e2)),
    );
    drop(dict);
    cls
}

/// `JSONDecoder.__init__(self, *, object_hook=None, parse_float=None, ...)`.
fn init(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let this = bind("JSONDecoder.__init__", &mut args, &["self"], 1)?[0].take().expect("bound as required");
    let params = keywords("JSONDecoder.__init__", &mut args, &DECODER_PARAMS)?;
    let t = types();
    for (name, v) in DECODER_PARAMS.iter().zip(params) {
        let v = match (*name, given(&v)) {
            ("strict", _) => v.unwrap_or(Value::Bool(true)),
            // `self.parse_float = parse_float or float`, and the same for int.
            ("parse_float", None) => Value::Class(t.float.clone()),
            ("parse_int", None) => Value::Class(t.int.clone()),
            _ => v.unwrap_or(Value::None),
        };
        vm.set_attr(&this, name, v)?;
    }
    Ok(Value::None)
}

/// `JSONDecoder.decode(self, s)`.
fn decode_method(vm: &mut Vm, mut args: Args, error_class: &Rc<Class>) -> PyResult<Value> {
    let bound = bind("JSONDecoder.decode", &mut args, &["self", "s"], 2)?;
    let (this, s) = (bound[0].as_ref().expect("required"), bound[1].as_ref().expect("required"));
    let Value::Str(doc) = s else {
        return Err(PyErr::type_error(format!("expected string or bytes-like object, got '{}'", class_name(s))));
    };
    let opts = options_of(vm, this)?;
    decode(vm, &opts, error_class, doc)
}

/// `JSONDecoder.raw_decode(self, s, idx=0)`: `(value, index after it)`.
fn raw_decode_method(vm: &mut Vm, mut args: Args, error_class: &Rc<Class>) -> PyResult<Value> {
    let bound = bind("JSONDecoder.raw_decode", &mut args, &["self", "s", "idx"], 2)?;
    let (this, s) = (bound[0].as_ref().expect("required"), bound[1].as_ref().expect("required"));
    let Value::Str(doc) = s else {
        return Err(PyErr::type_error(format!("first argument must be a string, not {}", class_name(s))));
    };
    let idx = match &bound[2] {
        None => 0,
        Some(Value::Int(i)) if *i >= 0 => *i as usize,
        Some(Value::Int(_)) => return Err(PyErr::value_error("idx cannot be negative")),
        Some(other) => {
            return Err(PyErr::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                class_name(other)
            )))
        }
    };
    let opts = options_of(vm, this)?;
    let (value, end) = raw_decode(vm, &opts, error_class, doc, idx)?;
    Ok(Value::tuple(vec![value, Value::Int(end as i64)]))
}

/// The options a decoder instance holds (what CPython's `make_scanner` reads).
fn options_of(vm: &mut Vm, this: &Value) -> PyResult<DecodeOptions> {
    let strict = vm.get_attr(this, "strict")?;
    let strict = vm.truthy(&strict)?;
    let mut hook = |name: &str| -> PyResult<Option<Value>> {
        let v = vm.get_attr_opt(this, name)?;
        // `float` and `int` themselves are the built-in parsers.
        Ok(given(&v).filter(|f| !is_type(f, name)).cloned())
    };
    Ok(DecodeOptions {
        object_hook: hook("object_hook")?,
        object_pairs_hook: hook("object_pairs_hook")?,
        parse_float: hook("parse_float")?,
        parse_int: hook("parse_int")?,
        parse_constant: hook("parse_constant")?,
        strict,
    })
}

fn is_type(v: &Value, param: &str) -> bool {
    let t = types();
    match (v, param) {
        (Value::Class(c), "parse_float") => Rc::ptr_eq(c, &t.float),
        (Value::Class(c), "parse_int") => Rc::ptr_eq(c, &t.int),
        _ => false,
    }
}
