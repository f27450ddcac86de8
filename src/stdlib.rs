//! Modules of Python's standard library that need no capability the sandbox refuses
//! (pure computation on values): the host offers them to `import` by name.

pub mod json;

use crate::engine::value::Value;

/// A fresh module object for `import name`, or `None` when there is no such module here.
pub fn module(name: &str) -> Option<Value> {
    match name {
        "json" => Some(json::make_json_module()),
        _ => None,
    }
}
