//! Python's `json` module as CPython 3.11 has it: `dumps` and `loads` print and parse
//! byte for byte as CPython does, with `JSONEncoder`, `JSONDecoder` and
//! `JSONDecodeError`. `dump` and `load` need a file, which the sandbox never gives.

mod args;
mod decode_error;
mod decoder_class;
mod encoder;
mod encoder_class;
mod escape;
mod scanner;
mod scanstring;
mod sort_keys;

use std::rc::Rc;

use crate::engine::builtins::refused;
use crate::engine::value::types::class_name;
use crate::engine::value::{Args, Class, Module, NativeFunction, Value};
use crate::engine::vm::{PyErr, PyResult, Vm};

use args::{bind, given};
use decode_error::{decode_error, make_decode_error_class};
use decoder_class::make_decoder_class;
use encoder::{encode, EncodeOptions};
use encoder_class::make_encoder_class;
use scanner::{decode, DecodeOptions};

pub fn make_json_module() -> Value {
    let m = Module::new("json");
    let error = make_decode_error_class();
    let encoder = make_encoder_class();
    let decoder = make_decoder_class(&error);
    m.set("JSONDecodeError", Value::Class(error.clone()));
    m.set("JSONEncoder", Value::Class(encoder.clone()));
    m.set("JSONDecoder", Value::Class(decoder.clone()));
    m.set("dumps", NativeFunction::new("dumps", "json", move |vm, args| dumps(vm, args, &encoder)));
    m.set("loads", NativeFunction::new("loads", "json", move |vm, args| loads(vm, args, &decoder, &error)));
    for name in ["dump", "load"] {
        m.set(name, NativeFunction::new(name, "json", move |_vm, _args| Err(refused(&format!("json.{name}()")))));
    }
    Value::Module(m)
}

/// `dumps`' own keywords with their defaults, in the order CPython hands them to `cls`.
const DUMPS_KEYWORDS: [(&str, Value); 8] = [
    ("skipkeys", Value::Bool(false)),
    ("ensure_ascii", Value::Bool(true)),
    ("check_circular", Value::Bool(true)),
    ("allow_nan", Value::Bool(true)),
    ("indent", Value::None),
    ("separators", Value::None),
    ("default", Value::None),
    ("sort_keys", Value::Bool(false)),
];

/// `json.dumps(obj, *, skipkeys=False, ..., cls=None, **kw)`: without options, the
/// shared default encoder; otherwise `cls(**options).encode(obj)`, as CPython does.
fn dumps(vm: &mut Vm, mut args: Args, encoder: &Rc<Class>) -> PyResult<Value> {
    let obj = bind("dumps", &mut args, &["obj"], 1)?.remove(0).expect("bound as required");
    let cls = args.take_kw("cls");
    if args.kw.is_empty() && given(&cls).is_none() {
        return Ok(Value::string(encode(vm, &EncodeOptions::default(), &obj)?));
    }
    let mut kw: Vec<(Rc<str>, Value)> =
        DUMPS_KEYWORDS.iter().map(|(name, dflt)| (Rc::from(*name), args.take_kw(name).unwrap_or_else(|| dflt.clone()))).collect();
    kw.append(&mut args.kw);
    let cls = given(&cls).cloned().unwrap_or_else(|| Value::Class(encoder.clone()));
    let instance = vm.call(cls, Args { pos: Default::default(), kw })?;
    vm.call_method(instance, "encode", Args::new([obj]))
}

/// `json.loads(s, *, cls=None, object_hook=None, ..., **kw)`: without options, the
/// shared default decoder; otherwise `cls(**kw).decode(s)`.
fn loads(vm: &mut Vm, mut args: Args, decoder: &Rc<Class>, error: &Rc<Class>) -> PyResult<Value> {
    let s = bind("loads", &mut args, &["s"], 1)?.remove(0).expect("bound as required");
    let Value::Str(doc) = &s else {
        return Err(PyErr::type_error(format!(
            "the JSON object must be str, bytes or bytearray, not {}",
            class_name(&s)
        )));
    };
    if doc.starts_with('\u{feff}') {
        return Err(decode_error(error, "Unexpected UTF-8 BOM (decode using utf-8-sig)", doc, &[], 0));
    }
    let cls = args.take_kw("cls");
    // The extra keywords come first, then the hooks that were given (CPython's `kw`).
    let hooks: Vec<(Rc<str>, Value)> = ["object_hook", "object_pairs_hook", "parse_float", "parse_int", "parse_constant"]
        .into_iter()
        .filter_map(|name| args.take_kw(name).filter(|v| !v.is_none()).map(|v| (Rc::from(name), v)))
        .collect();
    let mut kw = std::mem::take(&mut args.kw);
    kw.extend(hooks);
    if kw.is_empty() && given(&cls).is_none() {
        return decode(vm, &DecodeOptions::default(), error, doc);
    }
    let cls = given(&cls).cloned().unwrap_or_else(|| Value::Class(decoder.clone()));
    let instance = vm.call(cls, Args { pos: Default::default(), kw })?;
    vm.call_method(instance, "decode", Args::new([s.clone()]))
}
