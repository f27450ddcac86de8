//! The context-manager protocols behind `with` and `async with`.

use super::super::value::types::class_name;
use super::super::value::{Args, Value};
use super::{PyErr, PyResult, Vm};

impl Vm {
    fn special_bound(&mut self, obj: &Value, name: &str) -> PyResult<Option<Value>> {
        match obj {
            Value::Instance(inst) => Ok(inst.class.lookup(name).map(|f| match f {
                Value::Function(_) | Value::Native(_) => Value::Method(std::rc::Rc::new((obj.clone(), f))),
                other => other,
            })),
            Value::Object(o) if o.has_method(name) => {
                Ok(Some(Value::BuiltinMethod(std::rc::Rc::new((obj.clone(), std::rc::Rc::from(name))))))
            }
            _ => Ok(None),
        }
    }

    /// `with cm:` → (`cm.__exit__`, `cm.__enter__()`).
    pub(crate) fn enter_context(&mut self, cm: Value) -> PyResult<(Value, Value)> {
        let enter = self.special_bound(&cm, "__enter__")?;
        let exit = self.special_bound(&cm, "__exit__")?;
        let (Some(enter), Some(exit)) = (enter, exit) else {
            let hint = if self.special_bound(&cm, "__aenter__")?.is_some() {
                " but it supports the asynchronous context manager protocol. Did you mean to use 'async with'?"
            } else {
                ""
            };
            return Err(PyErr::type_error(format!(
                "'{}' object does not support the context manager protocol{hint}",
                class_name(&cm)
            )));
        };
        let entered = self.call(enter, Args::default())?;
        Ok((exit, entered))
    }

    /// `async with cm:` → (`cm.__aexit__`, awaitable of `cm.__aenter__()`).
    pub(crate) fn enter_async_context(&mut self, cm: Value) -> PyResult<(Value, Value)> {
        let enter = self.special_bound(&cm, "__aenter__")?;
        let exit = self.special_bound(&cm, "__aexit__")?;
        let (Some(enter), Some(exit)) = (enter, exit) else {
            let hint = if self.special_bound(&cm, "__enter__")?.is_some() {
                " but it supports the context manager protocol. Did you mean to use 'with'?"
            } else {
                ""
            };
            return Err(PyErr::type_error(format!(
                "'{}' object does not support the asynchronous context manager protocol{hint}",
                class_name(&cm)
            )));
        };
        let awaitable = self.call(enter, Args::default())?;
        Ok((exit, awaitable))
    }

    /// `f(*args, **kwargs)`.
    pub(crate) fn args_from_ex(&mut self, pos: Value, kwargs: Value) -> PyResult<Args> {
        let pos = match pos {
            Value::Tuple(ref t) => t.iter().cloned().collect(),
            other => self.collect(other)?.into_iter().collect(),
        };
        let mut kw = Vec::new();
        if let Value::Dict(ref d) = kwargs {
            for (k, v) in d.borrow().iter() {
                match k {
                    Value::Str(s) => kw.push((s.clone(), v.clone())),
                    _ => return Err(PyErr::type_error("keywords must be strings")),
                }
            }
        }
        Ok(Args { pos, kw })
    }
}
