//! Python exceptions as Rust errors, and the helpers that build and match them.

use std::rc::Rc;

use super::super::value::types::{class_of, types};
use super::super::value::{Class, ExcKind, Instance, TbEntry, Value};
use super::{PyResult, Vm};

/// Errors no Python code may catch: they end the run with a report.
#[derive(Debug, Clone)]
pub enum Fatal {
    /// A callback ran past the instruction budget without yielding to the loop.
    LoopBlocked { ticks: u64, func: String, file: String, line: u32 },
    /// A host layer's own report (deadlock, refused capability...), with the place in
    /// the script where it happened (filled in as the error leaves the frame).
    Host { msg: String, at: Option<(String, u32)> },
    /// A broken invariant inside aiotutor: a bug, reported instead of a panic.
    Internal(String),
}

#[derive(Clone)]
pub enum PyErr {
    /// A Python exception instance (its class derives from BaseException).
    Exc(Value),
    Fatal(Rc<Fatal>),
}

impl std::fmt::Debug for PyErr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PyErr::Exc(v) => write!(f, "PyErr({})", exc_summary(v)),
            PyErr::Fatal(x) => write!(f, "Fatal({x:?})"),
        }
    }
}

/// `Type: args[0]` without calling into Python (for debugging and last-resort reports).
pub fn exc_summary(v: &Value) -> String {
    let name = match v {
        Value::Instance(i) => i.class.name.to_string(),
        _ => "?".into(),
    };
    let first = v
        .exc()
        .and_then(|e| e.borrow().args.first().cloned())
        .map(|a| match a {
            Value::Str(ref s) => s.to_string(),
            other => format!("{other:?}"),
        });
    match first {
        Some(m) => format!("{name}: {m}"),
        None => name,
    }
}

pub fn new_exception(class: Rc<Class>, args: Vec<Value>) -> Value {
    let inst = Instance::new(class);
    if let Some(exc) = &inst.exc {
        exc.borrow_mut().args = args;
    }
    Value::Instance(inst)
}

impl PyErr {
    pub fn new(kind: ExcKind, msg: impl Into<String>) -> PyErr {
        let msg = msg.into();
        let args = if msg.is_empty() { vec![] } else { vec![Value::string(msg)] };
        PyErr::Exc(new_exception(types().exc(kind), args))
    }

    pub fn with_args(kind: ExcKind, args: Vec<Value>) -> PyErr {
        PyErr::Exc(new_exception(types().exc(kind), args))
    }

    pub fn of_class(class: Rc<Class>, msg: impl Into<String>) -> PyErr {
        let msg = msg.into();
        let args = if msg.is_empty() { vec![] } else { vec![Value::string(msg)] };
        PyErr::Exc(new_exception(class, args))
    }

    pub fn fatal(msg: impl Into<String>) -> PyErr {
        PyErr::Fatal(Rc::new(Fatal::Host { msg: msg.into(), at: None }))
    }

    pub fn internal(msg: impl Into<String>) -> PyErr {
        PyErr::Fatal(Rc::new(Fatal::Internal(msg.into())))
    }

    pub fn type_error(msg: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::TypeError, msg)
    }

    pub fn value_error(msg: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::ValueError, msg)
    }

    /// An error text of the format family (format specs, `%`, `str.format`) as the
    /// exception CPython raises for it: a width too large to allocate is a bare
    /// `MemoryError`, `%c` out of range an `OverflowError`, and so on.
    pub fn format_error(msg: String) -> PyErr {
        use super::super::format::spec::{exception_type_for, MEMORY_ERROR};
        if msg == MEMORY_ERROR {
            return PyErr::new(ExcKind::MemoryError, "");
        }
        let kind = match exception_type_for(&msg) {
            "TypeError" => ExcKind::TypeError,
            "OverflowError" => ExcKind::OverflowError,
            _ => ExcKind::ValueError,
        };
        PyErr::new(kind, msg)
    }

    pub fn stop_iteration(value: Value) -> PyErr {
        let args = if value.is_none() { vec![] } else { vec![value] };
        PyErr::with_args(ExcKind::StopIteration, args)
    }

    /// The exception instance, unless fatal.
    pub fn value(&self) -> Option<&Value> {
        match self {
            PyErr::Exc(v) => Some(v),
            PyErr::Fatal(_) => None,
        }
    }

    /// Is this a Python exception of (a subclass of) `kind`?
    pub fn is(&self, kind: ExcKind) -> bool {
        match self {
            PyErr::Exc(v) => class_of(v).is_subclass(&types().exc(kind)),
            PyErr::Fatal(_) => false,
        }
    }

    pub fn is_class(&self, class: &Rc<Class>) -> bool {
        match self {
            PyErr::Exc(v) => class_of(v).is_subclass(class),
            PyErr::Fatal(_) => false,
        }
    }

    pub fn add_traceback(&self, entry: TbEntry) {
        if let PyErr::Exc(v) = self {
            if let Some(e) = v.exc() {
                e.borrow_mut().traceback.push(entry);
            }
        }
    }
}

impl Vm {
    /// `isinstance(exc, spec)` for an except clause: a class or a tuple of classes.
    pub fn exception_matches(&mut self, exc: &Value, spec: &Value) -> PyResult<bool> {
        match spec {
            Value::Class(c) => {
                if !c.is_exception {
                    return Err(PyErr::type_error(
                        "catching classes that do not inherit from BaseException is not allowed",
                    ));
                }
                Ok(class_of(exc).is_subclass(c))
            }
            Value::Tuple(items) => {
                for item in items.iter() {
                    if self.exception_matches(exc, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(PyErr::type_error("catching classes that do not inherit from BaseException is not allowed")),
        }
    }

    /// Turn the operand of `raise X` into an exception instance (instantiating classes).
    pub fn make_raisable(&mut self, v: Value) -> PyResult<Value> {
        match &v {
            Value::Class(c) if c.is_exception => self.call(v.clone(), super::super::value::Args::default()),
            Value::Instance(i) if i.exc.is_some() => Ok(v),
            _ => Err(PyErr::type_error("exceptions must derive from BaseException")),
        }
    }

    /// The innermost exception being handled by any frame of the running stack
    /// (`sys.exc_info()`), which becomes `__context__` of a newly raised exception.
    pub fn handled_exception(&self) -> Option<Value> {
        for f in self.frames.iter().rev() {
            if let Some(e) = f.handling() {
                return Some(e.clone());
            }
        }
        None
    }
}
