//! The `builtins` module: functions, types, exceptions — and the methods of built-in types.

pub mod constructors;
mod dict_methods;
mod exceptions;
mod functions;
mod list_methods;
pub mod methods;
mod set_methods;
mod sort;
mod str_methods;

use std::rc::Rc;

use super::value::types::{class_name, types};
use super::value::{Args, ExcKind, Module, NativeFunction, Value};
use super::vm::{PyErr, PyResult, Vm};

pub use sort::sort_values;

pub fn make_builtins_module() -> Rc<Module> {
    let m = Module::new("builtins");
    let t = types();
    for (name, cls) in [
        ("object", &t.object),
        ("type", &t.type_),
        ("int", &t.int),
        ("bool", &t.bool_),
        ("float", &t.float),
        ("str", &t.str_),
        ("list", &t.list),
        ("tuple", &t.tuple),
        ("dict", &t.dict),
        ("set", &t.set),
        ("frozenset", &t.frozenset),
        ("range", &t.range),
        ("slice", &t.slice),
        ("property", &t.property),
        ("staticmethod", &t.staticmethod),
        ("classmethod", &t.classmethod),
    ] {
        m.set(name, Value::Class(cls.clone()));
    }
    for &kind in ExcKind::ALL {
        m.set(kind.name(), Value::Class(t.exc(kind)));
    }
    m.set("EnvironmentError", Value::Class(t.exc(ExcKind::OSError)));
    m.set("IOError", Value::Class(t.exc(ExcKind::OSError)));
    m.set("NotImplemented", Value::NotImplemented);
    m.set("Ellipsis", Value::Ellipsis);
    m.set("__name__", Value::str("builtins"));
    functions::register(&m);
    exceptions::register();
    m
}

/// CPython's built-in functions declared `METH_O`, `METH_NOARGS` or `METH_VARARGS`: every
/// call of them is checked against the recursion limit, even from specialized code.
/// (`len` is `METH_O` but 3.11 specializes it to an unchecked call.)
const ALWAYS_CHECKED: &[&str] = &[
    "abs", "all", "any", "ascii", "bin", "callable", "chr", "hash", "hex", "id", "oct", "ord", "repr", "aiter",
    "min", "max", "dir", "vars", "globals", "locals",
];

/// Register a native function in a module.
pub fn def(m: &Module, name: &str, f: impl Fn(&mut Vm, Args) -> PyResult<Value> + 'static) {
    let native = if ALWAYS_CHECKED.contains(&name) {
        NativeFunction::new_checked(name, "builtins", f)
    } else {
        NativeFunction::new(name, "builtins", f)
    };
    m.set(name, native);
}

/// `name() takes exactly N arguments (M given)` style checks.
pub fn check_count(name: &str, args: &Args, min: usize, max: usize) -> PyResult<()> {
    let n = args.pos.len();
    if n < min || n > max {
        let msg = if min == max {
            match min {
                0 => format!("{name}() takes no arguments ({n} given)"),
                1 => format!("{name}() takes exactly one argument ({n} given)"),
                _ => format!("{name} expected {min} arguments, got {n}"),
            }
        } else if n < min {
            format!("{name} expected at least {min} argument{}, got {n}", if min == 1 { "" } else { "s" })
        } else {
            format!("{name} expected at most {max} argument{}, got {n}", if max == 1 { "" } else { "s" })
        };
        return Err(PyErr::type_error(msg));
    }
    Ok(())
}

pub fn no_kwargs(name: &str, args: &Args) -> PyResult<()> {
    if !args.kw.is_empty() {
        return Err(PyErr::type_error(format!("{name}() takes no keyword arguments")));
    }
    Ok(())
}

/// An int argument (bools count as ints, as in CPython).
pub fn int_arg(v: &Value, what: &str) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::BigInt(_) => Err(PyErr::new(ExcKind::OverflowError, "Python int too large to convert to C ssize_t")),
        other => Err(PyErr::type_error(format!(
            "{what}'{}' object cannot be interpreted as an integer",
            class_name(other)
        ))),
    }
}

pub fn str_arg<'a>(v: &'a Value, fname: &str, pos: usize) -> PyResult<&'a Rc<str>> {
    match v {
        Value::Str(s) => Ok(s),
        other => Err(PyErr::type_error(format!(
            "{fname}() argument {pos} must be str, not {}",
            class_name(other)
        ))),
    }
}

/// Positional-or-keyword argument `i` named `name`.
pub fn take_arg(args: &mut Args, i: usize, name: &str) -> Option<Value> {
    if let Some(v) = args.take_kw(name) {
        return Some(v);
    }
    args.pos.get(i).cloned()
}

/// A refused builtin: lesson code runs sandboxed.
pub fn refused(what: &str) -> PyErr {
    PyErr::fatal(format!(
        "{what} is refused: aiotutor runs lesson code in a sandbox without file, network, process or environment access"
    ))
}
