//! `json.JSONEncoder`: its options live as instance attributes, as in CPython, so a
//! subclass may override `default` (or `encode`) and `dumps(obj, cls=...)` uses it.

use std::rc::Rc;

use crate::engine::value::types::{class_name, new_class, types};
use crate::engine::value::{Args, BuiltinType, Class, NativeFunction, Value};
use crate::engine::vm::{PyErr, PyResult, Vm};

use super::args::{bind, given, keywords};
use super::encoder::{encode, not_serializable, EncodeOptions};
use super::escape::write_json_str;

/// `JSONEncoder.__init__`'s keyword-only parameters, in CPython's order.
pub const ENCODER_PARAMS: [&str; 8] =
    ["skipkeys", "ensure_ascii", "check_circular", "allow_nan", "sort_keys", "indent", "separators", "default"];

pub fn make_encoder_class() -> Rc<Class> {
    let cls = new_class("JSONEncoder", "json.encoder", vec![types().object.clone()], BuiltinType::Object);
    {
        let mut dict = cls.dict.borrow_mut();
        dict.insert(Rc::from("item_separator"), Value::str(", "));
        dict.insert(Rc::from("key_separator"), Value::str(": "));
        dict.insert(Rc::from("__init__"), NativeFunction::new("__init__", "json.encoder", init));
        dict.insert(Rc::from("default"), NativeFunction::new("default", "json.encoder", default));
        dict.insert(Rc::from("encode"), NativeFunction::new("encode", "json.encoder", encode_method));
        dict.insert(Rc::from("iterencode"), NativeFunction::new("iterencode", "json.encoder", iterencode));
    }
    cls
}

/// `JSONEncoder.__init__(self, *, skipkeys=False, ensure_ascii=True, ...)`.
fn init(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let this = bind("JSONEncoder.__init__", &mut args, &["self"], 1)?[0].take().expect("bound as required");
    let [skipkeys, ensure_ascii, check_circular, allow_nan, sort_keys, indent, separators, default]: [Option<Value>; 8] =
        keywords("JSONEncoder.__init__", &mut args, &ENCODER_PARAMS)?.try_into().expect("one value per parameter");
    let flags = [
        ("skipkeys", skipkeys, false),
        ("ensure_ascii", ensure_ascii, true),
        ("check_circular", check_circular, true),
        ("allow_nan", allow_nan, true),
        ("sort_keys", sort_keys, false),
    ];
    for (name, v, dflt) in flags {
        vm.set_attr(&this, name, v.unwrap_or(Value::Bool(dflt)))?;
    }
    let indent = indent.unwrap_or(Value::None);
    if let Some(seps) = given(&separators) {
        let parts = vm.collect(seps.clone())?;
        match parts.len() {
            2 => {}
            n if n > 2 => return Err(PyErr::value_error("too many values to unpack (expected 2)")),
            n => return Err(PyErr::value_error(format!("not enough values to unpack (expected 2, got {n})"))),
        }
        vm.set_attr(&this, "item_separator", parts[0].clone())?;
        vm.set_attr(&this, "key_separator", parts[1].clone())?;
    } else if !indent.is_none() {
        vm.set_attr(&this, "item_separator", Value::str(","))?;
    }
    vm.set_attr(&this, "indent", indent)?;
    if let Some(f) = given(&default) {
        vm.set_attr(&this, "default", f.clone())?;
    }
    Ok(Value::None)
}

/// `JSONEncoder.default(self, o)`: what a subclass overrides; the base refuses.
fn default(_vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let bound = bind("JSONEncoder.default", &mut args, &["self", "o"], 2)?;
    Err(not_serializable(bound[1].as_ref().expect("bound as required")))
}

/// `JSONEncoder.encode(self, o)`: the JSON text of `o`.
fn encode_method(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let mut bound = bind("JSONEncoder.encode", &mut args, &["self", "o"], 2)?;
    no_more_keywords("JSONEncoder.encode", &args)?;
    let (this, o) = (bound[0].take().expect("required"), bound[1].take().expect("required"));
    // A str is encoded without looking at any other option (CPython's fast path).
    if let Value::Str(s) = &o {
        let ensure_ascii = vm.get_attr(&this, "ensure_ascii")?;
        let mut out = String::new();
        write_json_str(&mut out, s, vm.truthy(&ensure_ascii)?);
        return Ok(Value::string(out));
    }
    let opts = options_of(vm, &this)?;
    Ok(Value::string(encode(vm, &opts, &o)?))
}

/// `JSONEncoder.iterencode(self, o, _one_shot=False)`: the text as one chunk.
fn iterencode(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let mut bound = bind("JSONEncoder.iterencode", &mut args, &["self", "o", "_one_shot"], 2)?;
    no_more_keywords("JSONEncoder.iterencode", &args)?;
    let (this, o) = (bound[0].take().expect("required"), bound[1].take().expect("required"));
    let opts = options_of(vm, &this)?;
    let text = encode(vm, &opts, &o)?;
    vm.get_iter(Value::list(vec![Value::string(text)]))
}

fn no_more_keywords(fname: &str, args: &Args) -> PyResult<()> {
    match args.kw.first() {
        Some((k, _)) => Err(PyErr::type_error(format!("{fname}() got an unexpected keyword argument '{k}'"))),
        None => Ok(()),
    }
}

/// The options an encoder instance holds (what CPython hands `c_make_encoder`).
fn options_of(vm: &mut Vm, this: &Value) -> PyResult<EncodeOptions> {
    let mut flag = |name: &str| -> PyResult<bool> {
        let v = vm.get_attr(this, name)?;
        vm.truthy(&v)
    };
    let (skipkeys, ensure_ascii, check_circular) = (flag("skipkeys")?, flag("ensure_ascii")?, flag("check_circular")?);
    let (allow_nan, sort_keys) = (flag("allow_nan")?, flag("sort_keys")?);
    let indent = vm.get_attr(this, "indent")?;
    let indent = indent_text(&indent)?;
    // Checked in `c_make_encoder`'s argument order: key_separator is its 5th.
    let key_separator = separator(vm.get_attr(this, "key_separator")?, 5)?;
    let item_separator = separator(vm.get_attr(this, "item_separator")?, 6)?;
    let default = Some(vm.get_attr(this, "default")?);
    Ok(EncodeOptions {
        skipkeys,
        ensure_ascii,
        check_circular,
        allow_nan,
        sort_keys,
        indent,
        item_separator,
        key_separator,
        default,
    })
}

/// `indent`: a str is used as is, an int n means n spaces (`' ' * indent`).
pub fn indent_text(indent: &Value) -> PyResult<Option<String>> {
    Ok(match indent {
        Value::None => None,
        Value::Str(s) => Some(s.to_string()),
        Value::Int(n) => Some(" ".repeat((*n).clamp(0, 1 << 20) as usize)),
        Value::Bool(b) => Some(if *b { " ".into() } else { String::new() }),
        other => {
            return Err(PyErr::type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                class_name(other)
            )))
        }
    })
}

fn separator(v: Value, argno: usize) -> PyResult<String> {
    match v {
        Value::Str(ref s) => Ok(s.to_string()),
        other => Err(PyErr::type_error(format!(
            "make_encoder() argument {argno} must be str, not {}",
            class_name(&other)
        ))),
    }
}
