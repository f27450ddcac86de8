//! Methods of built-in types, dispatched by name (`"abc".upper()`, `lst.append(x)`).

use std::rc::Rc;

use super::super::value::number::{as_number, Num};
use super::super::value::types::class_name;
use super::super::value::{Args, BuiltinType, Class, Value};
use super::super::vm::{PyErr, PyResult, Vm};
use super::{check_count, dict_methods, list_methods, set_methods, str_methods};

const TUPLE_METHODS: &[&str] = &["count", "index"];
const INT_METHODS: &[&str] = &["bit_length", "conjugate", "as_integer_ratio", "is_integer"];
const FLOAT_METHODS: &[&str] = &["is_integer", "conjugate", "as_integer_ratio", "hex"];

pub fn has_method(obj: &Value, name: &str) -> bool {
    match obj {
        Value::Str(_) => str_methods::NAMES.contains(&name),
        Value::List(_) => list_methods::NAMES.contains(&name),
        Value::Dict(_) => dict_methods::NAMES.contains(&name),
        Value::Set(_) => set_methods::NAMES.contains(&name),
        Value::FrozenSet(_) => set_methods::FROZEN_NAMES.contains(&name),
        Value::Tuple(_) | Value::Range(_) => TUPLE_METHODS.contains(&name),
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => INT_METHODS.contains(&name),
        Value::Float(_) => FLOAT_METHODS.contains(&name),
        Value::Iter(_) => name == "__next__",
        Value::DictView(_) => name == "isdisjoint",
        _ => false,
    }
}

/// Methods that exist on the built-in type object (for `str.upper` and `dict.fromkeys`).
pub fn type_has_method(cls: &Rc<Class>, name: &str) -> bool {
    match cls.builtin {
        BuiltinType::Str => str_methods::NAMES.contains(&name) || name == "maketrans",
        BuiltinType::List => list_methods::NAMES.contains(&name),
        BuiltinType::Dict => dict_methods::NAMES.contains(&name) || name == "fromkeys",
        BuiltinType::Set => set_methods::NAMES.contains(&name),
        BuiltinType::Tuple => TUPLE_METHODS.contains(&name),
        BuiltinType::Int => INT_METHODS.contains(&name),
        BuiltinType::Float => FLOAT_METHODS.contains(&name),
        _ => false,
    }
}

/// Built-in class methods called on the type itself (`dict.fromkeys(keys)`).
pub fn is_type_classmethod(cls: &Rc<Class>, name: &str) -> bool {
    matches!((cls.builtin, name), (BuiltinType::Dict, "fromkeys"))
}

pub fn call_type_method(vm: &mut Vm, cls: &Rc<Class>, name: &str, args: Args) -> PyResult<Value> {
    match (cls.builtin, name) {
        (BuiltinType::Dict, "fromkeys") => {
            check_count("fromkeys", &args, 1, 2)?;
            let keys = vm.collect(args.pos[0].clone())?;
            let value = args.pos.get(1).cloned().unwrap_or(Value::None);
            let d = Value::dict(super::super::value::Dict::new());
            for k in keys {
                vm.set_item(&d, k, value.clone())?;
            }
            Ok(d)
        }
        _ => Err(PyErr::type_error(format!(
            "unbound method {}.{}() needs an argument",
            cls.name, name
        ))),
    }
}

/// Non-method attributes of built-in values (`(3).real`).
pub fn data_attr(obj: &Value, name: &str) -> Option<Value> {
    match (obj, name) {
        (Value::Int(_) | Value::BigInt(_), "real" | "numerator") => Some(obj.clone()),
        (Value::Bool(b), "real" | "numerator") => Some(Value::Int(*b as i64)),
        (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), "imag") => Some(Value::Int(0)),
        (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), "denominator") => Some(Value::Int(1)),
        (Value::Float(_), "real") => Some(obj.clone()),
        (Value::Float(_), "imag") => Some(Value::Float(0.0)),
        _ => None,
    }
}

/// Call a method of a built-in value; `None` if it has no such method.
pub fn call(vm: &mut Vm, obj: &Value, name: &str, args: Args) -> Option<PyResult<Value>> {
    match obj {
        Value::Str(s) => str_methods::call(vm, s, name, args),
        Value::List(l) => list_methods::call(vm, obj, l, name, args),
        Value::Dict(d) => dict_methods::call(vm, obj, d, name, args),
        Value::Set(_) | Value::FrozenSet(_) => set_methods::call(vm, obj, name, args),
        Value::Tuple(t) => seq_method(vm, &t.to_vec(), name, args, "tuple"),
        Value::Range(_) => {
            let items = match vm.collect(obj.clone()) {
                Ok(v) => v,
                Err(e) => return Some(Err(e)),
            };
            seq_method(vm, &items, name, args, "range")
        }
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => int_method(obj, name, args),
        Value::Float(f) => float_method(*f, name, args),
        Value::Iter(_) if name == "__next__" => Some(match vm.next(obj) {
            Ok(Some(v)) => Ok(v),
            Ok(None) => Err(PyErr::with_args(super::super::value::ExcKind::StopIteration, vec![])),
            Err(e) => Err(e),
        }),
        Value::Instance(_) if obj.exc().is_some() => super::exceptions::call_method(vm, obj, name, args),
        _ => None,
    }
}

/// `count` / `index` of tuples and ranges.
fn seq_method(vm: &mut Vm, items: &[Value], name: &str, args: Args, what: &str) -> Option<PyResult<Value>> {
    Some((|| match name {
        "count" => {
            check_count("count", &args, 1, 1)?;
            let mut n = 0;
            for x in items {
                if x.is(&args.pos[0]) || vm.eq(x, &args.pos[0])? {
                    n += 1;
                }
            }
            Ok(Value::Int(n))
        }
        "index" => {
            check_count("index", &args, 1, 3)?;
            for (i, x) in items.iter().enumerate() {
                if x.is(&args.pos[0]) || vm.eq(x, &args.pos[0])? {
                    return Ok(Value::Int(i as i64));
                }
            }
            Err(PyErr::value_error(if what == "range" {
                format!("{} is not in range", vm.repr(&args.pos[0])?)
            } else {
                format!("{what}.index(x): x not in {what}")
            }))
        }
        _ => Err(PyErr::internal("unreachable tuple method")),
    })())
    .filter(|_| TUPLE_METHODS.contains(&name))
}

fn int_method(obj: &Value, name: &str, args: Args) -> Option<PyResult<Value>> {
    let n = as_number(obj)?;
    Some(match name {
        "bit_length" => check_count("bit_length", &args, 0, 0).map(|_| {
            Value::Int(match &n {
                Num::Int(i) => 64 - i.unsigned_abs().leading_zeros() as i64,
                Num::Big(b) => b.bits() as i64,
                Num::Float(_) => 0,
            })
        }),
        "conjugate" => Ok(obj.clone()),
        "is_integer" => Ok(Value::Bool(true)),
        "as_integer_ratio" => Ok(Value::tuple(vec![obj.clone(), Value::Int(1)])),
        _ => return None,
    })
}

fn float_method(f: f64, name: &str, args: Args) -> Option<PyResult<Value>> {
    Some(match name {
        "is_integer" => check_count("is_integer", &args, 0, 0).map(|_| Value::Bool(f.is_finite() && f.fract() == 0.0)),
        "conjugate" => Ok(Value::Float(f)),
        "as_integer_ratio" => float_ratio(f),
        "hex" => Err(PyErr::new(super::super::value::ExcKind::NotImplementedError, "float.hex() is not supported by aiotutor yet")),
        _ => return None,
    })
}

fn float_ratio(f: f64) -> PyResult<Value> {
    use num_bigint::BigInt;
    if !f.is_finite() {
        return Err(PyErr::new(
            if f.is_nan() { super::super::value::ExcKind::ValueError } else { super::super::value::ExcKind::OverflowError },
            if f.is_nan() { "cannot convert NaN to integer ratio" } else { "cannot convert Infinity to integer ratio" },
        ));
    }
    let bits = f.to_bits();
    let sign = if bits >> 63 == 1 { -1 } else { 1 };
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let mant = if exp == 0 { (bits & ((1 << 52) - 1)) << 1 } else { (bits & ((1 << 52) - 1)) | (1 << 52) };
    let mut num = BigInt::from(mant) * sign;
    let mut e = exp - 1075;
    let mut den = BigInt::from(1);
    if mant == 0 {
        return Ok(Value::tuple(vec![Value::Int(0), Value::Int(1)]));
    }
    // Reduce powers of two.
    let tz = mant.trailing_zeros() as i64;
    num >>= tz as usize;
    e += tz;
    if e >= 0 {
        num <<= e as usize;
    } else {
        den <<= (-e) as usize;
    }
    Ok(Value::tuple(vec![Value::from_bigint(num), Value::from_bigint(den)]))
}

#[allow(dead_code)]
fn describe(v: &Value) -> Rc<str> {
    class_name(v)
}
