//! Calling a built-in type: `int("42")`, `list(gen)`, `dict(a=1)`, `range(5)`, ...

use std::cell::RefCell;
use std::rc::Rc;

use super::super::format::radix;
use super::super::value::number::{self, as_number, Num};
use super::super::value::types::{class_name, class_of};
use super::super::value::{Args, BuiltinType, Class, Dict, ExcKind, Instance, Property, Range, Set, Value};
use super::super::vm::{PyErr, PyResult, Vm};
use super::{check_count, int_arg, no_kwargs};

pub fn construct(vm: &mut Vm, cls: &Rc<Class>, mut args: Args) -> PyResult<Value> {
    let name = cls.name.clone();
    match cls.builtin {
        BuiltinType::Object => {
            check_count("object", &args, 0, 0)?;
            Ok(Value::Instance(Instance::new(cls.clone())))
        }
        BuiltinType::Type => {
            if args.pos.len() == 1 && args.kw.is_empty() {
                return Ok(Value::Class(class_of(&args.pos[0])));
            }
            Err(PyErr::new(ExcKind::NotImplementedError, "type() with 3 arguments is not supported by aiotutor yet"))
        }
        BuiltinType::Bool => {
            check_count("bool", &args, 0, 1)?;
            match args.pos.first() {
                Some(v) => Ok(Value::Bool(vm.truthy(v)?)),
                None => Ok(Value::Bool(false)),
            }
        }
        BuiltinType::Int => int_new(vm, args),
        BuiltinType::Float => {
            no_kwargs("float", &args)?;
            check_count("float", &args, 0, 1)?;
            float_new(vm, args.pos.first().cloned().unwrap_or(Value::Float(0.0)))
        }
        BuiltinType::Str => {
            if args.pos.len() > 1 || !args.kw.is_empty() {
                return Err(PyErr::new(ExcKind::NotImplementedError, "str() with an encoding is not supported by aiotutor yet"));
            }
            match args.pos.first() {
                Some(v) => Ok(Value::string(vm.str(v)?)),
                None => Ok(Value::str("")),
            }
        }
        BuiltinType::List => {
            no_kwargs("list", &args)?;
            check_count("list", &args, 0, 1)?;
            match args.pos.first() {
                Some(v) => Ok(Value::list(vm.collect(v.clone())?)),
                None => Ok(Value::list(vec![])),
            }
        }
        BuiltinType::Tuple => {
            no_kwargs("tuple", &args)?;
            check_count("tuple", &args, 0, 1)?;
            match args.pos.first() {
                Some(Value::Tuple(t)) => Ok(Value::Tuple(t.clone())),
                Some(v) => Ok(Value::tuple(vm.collect(v.clone())?)),
                None => Ok(Value::empty_tuple()),
            }
        }
        BuiltinType::Dict => {
            check_count("dict", &args, 0, 1)?;
            let d = Value::dict(Dict::new());
            if let Some(src) = args.pos.first() {
                vm.dict_update(&d, src.clone(), false)?;
            }
            for (k, v) in std::mem::take(&mut args.kw) {
                vm.set_item(&d, Value::Str(k), v)?;
            }
            Ok(d)
        }
        BuiltinType::Set | BuiltinType::FrozenSet => {
            no_kwargs(&name, &args)?;
            check_count(&name, &args, 0, 1)?;
            let items = match args.pos.first() {
                Some(v) => vm.collect(v.clone())?,
                None => vec![],
            };
            let mut s = Set::new();
            for v in items {
                s.insert(vm.hash_key(&v)?);
            }
            Ok(if cls.builtin == BuiltinType::Set {
                Value::Set(Rc::new(RefCell::new(s)))
            } else {
                Value::FrozenSet(Rc::new(s))
            })
        }
        BuiltinType::Range => {
            no_kwargs("range", &args)?;
            let ints: Vec<i64> = args
                .pos
                .iter()
                .map(|v| match as_number(v) {
                    Some(Num::Int(i)) => Ok(i),
                    Some(Num::Big(_)) => Err(PyErr::new(ExcKind::OverflowError, "Python int too large to convert to C ssize_t")),
                    _ => Err(PyErr::type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        class_name(v)
                    ))),
                })
                .collect::<PyResult<_>>()?;
            let (start, stop, step) = match ints.as_slice() {
                [stop] => (0, *stop, 1),
                [start, stop] => (*start, *stop, 1),
                [start, stop, step] => (*start, *stop, *step),
                [] => return Err(PyErr::type_error("range expected at least 1 argument, got 0")),
                _ => return Err(PyErr::type_error(format!("range expected at most 3 arguments, got {}", ints.len()))),
            };
            if step == 0 {
                return Err(PyErr::value_error("range() arg 3 must not be zero"));
            }
            Ok(Value::Range(Rc::new(Range { start, stop, step })))
        }
        BuiltinType::Slice => {
            check_count("slice", &args, 1, 3)?;
            let p = &args.pos;
            let parts = match p.len() {
                1 => [Value::None, p[0].clone(), Value::None],
                2 => [p[0].clone(), p[1].clone(), Value::None],
                _ => [p[0].clone(), p[1].clone(), p[2].clone()],
            };
            Ok(Value::Slice(Rc::new(parts)))
        }
        BuiltinType::Property => {
            let fget = super::take_arg(&mut args, 0, "fget").unwrap_or(Value::None);
            let fset = super::take_arg(&mut args, 1, "fset").unwrap_or(Value::None);
            Ok(Value::Property(Rc::new(Property { fget, fset })))
        }
        BuiltinType::StaticMethod => {
            check_count("staticmethod", &args, 1, 1)?;
            Ok(Value::StaticMethod(Rc::new(args.pos[0].clone())))
        }
        BuiltinType::ClassMethod => {
            check_count("classmethod", &args, 1, 1)?;
            Ok(Value::ClassMethod(Rc::new(args.pos[0].clone())))
        }
        _ => Err(PyErr::type_error(format!("cannot create '{name}' instances"))),
    }
}

fn int_new(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let base = args.take_kw("base");
    no_kwargs("int", &args)?;
    check_count("int", &args, 0, 2)?;
    let base = base.or_else(|| args.pos.get(1).cloned());
    let Some(x) = args.pos.first().cloned() else {
        return Ok(Value::Int(0));
    };
    if let Some(b) = base {
        let b = int_arg(&b, "")?;
        let Value::Str(s) = &x else {
            return Err(PyErr::type_error("int() can't convert non-string with explicit base"));
        };
        if b != 0 && !(2..=36).contains(&b) {
            return Err(PyErr::value_error("int() base must be >= 2 and <= 36, or 0"));
        }
        return radix::parse_int(s, b as u32).map(Value::from_bigint).map_err(PyErr::value_error);
    }
    match &x {
        Value::Int(_) | Value::BigInt(_) => Ok(x),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(f) => number::float_to_int(*f).map_err(|(k, m)| PyErr::new(k, m)),
        Value::Str(s) => radix::parse_int(s, 10).map(Value::from_bigint).map_err(PyErr::value_error),
        Value::Instance(_) => {
            for name in ["__int__", "__index__"] {
                if let Some(r) = vm.call_special(&x, name, vec![]) {
                    return r;
                }
            }
            Err(int_type_error(&x))
        }
        _ => Err(int_type_error(&x)),
    }
}

fn int_type_error(x: &Value) -> PyErr {
    PyErr::type_error(format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
        class_name(x)
    ))
}

fn float_new(vm: &mut Vm, x: Value) -> PyResult<Value> {
    match &x {
        Value::Float(_) => Ok(x),
        Value::Int(i) => Ok(Value::Float(*i as f64)),
        Value::Bool(b) => Ok(Value::Float(*b as i64 as f64)),
        Value::BigInt(_) => {
            let n = as_number(&x).expect("a big int is a number");
            number::to_f64(&n).map(Value::Float).map_err(|(k, m)| PyErr::new(k, m))
        }
        Value::Str(s) => radix::parse_float(s).map(Value::Float).map_err(PyErr::value_error),
        Value::Instance(_) => match vm.call_special(&x, "__float__", vec![]) {
            Some(r) => r,
            None => Err(PyErr::type_error(format!(
                "float() argument must be a string or a real number, not '{}'",
                class_name(&x)
            ))),
        },
        _ => Err(PyErr::type_error(format!(
            "float() argument must be a string or a real number, not '{}'",
            class_name(&x)
        ))),
    }
}
