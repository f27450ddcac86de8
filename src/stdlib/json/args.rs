//! Binding a native's arguments to named parameters, with CPython's messages.

use crate::engine::value::{Args, Value};
use crate::engine::vm::{PyErr, PyResult};

/// Positional-or-keyword parameters `names` of `fname` (methods list `self` first, as
/// CPython counts it); the first `required` must be given. Keywords naming other
/// parameters stay in `args.kw`.
pub fn bind(fname: &str, args: &mut Args, names: &[&str], required: usize) -> PyResult<Vec<Option<Value>>> {
    let n = args.pos.len();
    if n > names.len() {
        let takes = if required == names.len() {
            plural(names.len(), "positional argument")
        } else {
            format!("from {required} to {} positional arguments", names.len())
        };
        let given = if n == 1 { "1 was".to_string() } else { format!("{n} were") };
        return Err(PyErr::type_error(format!("{fname}() takes {takes} but {given} given")));
    }
    let mut bound: Vec<Option<Value>> = args.pos.drain(..).map(Some).collect();
    for name in &names[..n] {
        if args.take_kw(name).is_some() {
            return Err(PyErr::type_error(format!("{fname}() got multiple values for argument '{name}'")));
        }
    }
    bound.extend(names[n..].iter().map(|name| args.take_kw(name)));
    let missing: Vec<String> = names[..required]
        .iter()
        .zip(&bound)
        .filter(|(_, v)| v.is_none())
        .map(|(name, _)| format!("'{name}'"))
        .collect();
    if !missing.is_empty() {
        let list = match missing.len() {
            1 => missing[0].clone(),
            2 => format!("{} and {}", missing[0], missing[1]),
            k => format!("{}, and {}", missing[..k - 1].join(", "), missing[k - 1]),
        };
        return Err(PyErr::type_error(format!(
            "{fname}() missing {} required positional {}: {list}",
            missing.len(),
            if missing.len() == 1 { "argument" } else { "arguments" },
        )));
    }
    Ok(bound)
}

/// Keyword-only parameters `names` of `fname`; any other keyword is refused.
pub fn keywords(fname: &str, args: &mut Args, names: &[&str]) -> PyResult<Vec<Option<Value>>> {
    let bound = names.iter().map(|name| args.take_kw(name)).collect();
    if let Some((k, _)) = args.kw.first() {
        return Err(PyErr::type_error(format!("{fname}() got an unexpected keyword argument '{k}'")));
    }
    Ok(bound)
}

/// A bound parameter that was not given or was passed as None.
pub fn given(v: &Option<Value>) -> Option<&Value> {
    v.as_ref().filter(|v| !v.is_none())
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}
