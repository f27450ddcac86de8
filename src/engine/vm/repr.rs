//! `repr()`, `str()`, `format()` of every value, exactly as CPython prints them.

use num_bigint::BigInt;

use super::super::format::{float_repr::float_repr, percent::PercentArgs, spec};
use super::super::text::repr::{str_ascii, str_repr};
use super::super::value::types::{class_name, class_of, types};
use super::super::value::{Args, DictViewKind, ExcKind, GenKind, Value};
use super::{PyErr, PyResult, Recursion, Vm};

/// A fake but stable address for `<... object at 0x...>` reprs.
fn addr(v: &Value) -> String {
    format!("0x{:012x}", v.identity())
}

impl Vm {
    /// `repr(v)` (CPython's `PyObject_Repr`, one recursion level deeper).
    pub fn repr(&mut self, v: &Value) -> PyResult<String> {
        let mut out = String::new();
        let mut seen = Vec::new();
        self.repr_nested(v, &mut out, &mut seen)?;
        Ok(out)
    }

    /// `str(v)` (CPython's `PyObject_Str`: a level deeper, unless `v` is a str).
    pub fn str(&mut self, v: &Value) -> PyResult<String> {
        if let Value::Str(s) = v {
            return Ok(s.to_string());
        }
        self.nested(Recursion::Str, |vm| vm.str_inner(v))
    }

    fn str_inner(&mut self, v: &Value) -> PyResult<String> {
        if let Value::Instance(inst) = v {
            if inst.exc.is_some() && inst.class.lookup("__str__").is_none() {
                return self.exception_str(v);
            }
            if let Some(f) = inst.class.lookup("__str__") {
                return self.call_string(f, v, "__str__");
            }
        }
        // `object.__str__` calls the type's repr directly (no second recursion level).
        let mut out = String::new();
        self.repr_into(v, &mut out, &mut Vec::new())?;
        Ok(out)
    }

    /// The repr of a value inside another one's (`PyObject_Repr` of an item).
    fn repr_nested(&mut self, v: &Value, out: &mut String, seen: &mut Vec<usize>) -> PyResult<()> {
        self.enter_c(Recursion::Repr)?;
        let r = self.repr_into(v, out, seen);
        self.leave_c();
        r
    }

    fn call_string(&mut self, f: Value, v: &Value, which: &str) -> PyResult<String> {
        match self.call(f, Args::new([v.clone()]))? {
            Value::Str(ref s) => Ok(s.to_string()),
            other => Err(PyErr::type_error(format!(
                "{which} returned non-string (type {})",
                class_name(&other)
            ))),
        }
    }

    /// `str(exc)`: from its args (KeyError shows the key's repr).
    pub fn exception_str(&mut self, v: &Value) -> PyResult<String> {
        let Some(exc) = v.exc() else {
            return self.repr(v);
        };
        let args = exc.borrow().args.clone();
        let cls = class_of(v);
        if cls.is_subclass(&types().exc(ExcKind::BaseExceptionGroup)) {
            let msg = match v.as_instance().and_then(|i| i.get("message")) {
                Some(Value::Str(ref s)) => s.to_string(),
                _ => String::new(),
            };
            let n = match v.as_instance().and_then(|i| i.get("exceptions")) {
                Some(Value::Tuple(ref t)) => t.len(),
                _ => 0,
            };
            let s = if n == 1 { "" } else { "s" };
            return Ok(format!("{msg} ({n} sub-exception{s})"));
        }
        match args.len() {
            0 => Ok(String::new()),
            1 => {
                if cls.is_subclass(&types().exc(ExcKind::KeyError)) {
                    self.repr(&args[0])
                } else {
                    self.str(&args[0])
                }
            }
            _ => self.repr(&Value::tuple(args)),
        }
    }

    fn repr_into(&mut self, v: &Value, out: &mut String, seen: &mut Vec<usize>) -> PyResult<()> {
        match v {
            Value::None => out.push_str("None"),
            Value::Undefined => out.push_str("<undefined>"),
            Value::NotImplemented => out.push_str("NotImplemented"),
            Value::Ellipsis => out.push_str("Ellipsis"),
            Value::Bool(b) => out.push_str(if *b { "True" } else { "False" }),
            Value::Int(i) => {
                use std::fmt::Write;
                let _ = write!(out, "{i}");
            }
            Value::BigInt(b) => {
                if b.bits() > 14_000 {
                    return Err(PyErr::value_error(
                        "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
                    ));
                }
                out.push_str(&b.to_string());
            }
            Value::Float(f) => out.push_str(&float_repr(*f)),
            Value::Str(s) => out.push_str(&str_repr(s)),
            Value::List(l) => {
                let id = v.identity();
                if seen.contains(&id) {
                    out.push_str("[...]");
                    return Ok(());
                }
                seen.push(id);
                let items = l.borrow().clone();
                out.push('[');
                self.repr_items(&items, out, seen)?;
                out.push(']');
                seen.pop();
            }
            Value::Tuple(t) => {
                out.push('(');
                self.repr_items(t, out, seen)?;
                if t.len() == 1 {
                    out.push(',');
                }
                out.push(')');
            }
            Value::Dict(d) => {
                let id = v.identity();
                if seen.contains(&id) {
                    out.push_str("{...}");
                    return Ok(());
                }
                seen.push(id);
                let items: Vec<(Value, Value)> = d.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
                out.push('{');
                for (i, (k, val)) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    self.repr_nested(k, out, seen)?;
                    out.push_str(": ");
                    self.repr_nested(val, out, seen)?;
                }
                out.push('}');
                seen.pop();
            }
            Value::Set(s) => {
                let items: Vec<Value> = s.borrow().iter().cloned().collect();
                if items.is_empty() {
                    out.push_str("set()");
                } else {
                    out.push('{');
                    self.repr_items(&items, out, seen)?;
                    out.push('}');
                }
            }
            Value::FrozenSet(s) => {
                let items: Vec<Value> = s.iter().cloned().collect();
                if items.is_empty() {
                    out.push_str("frozenset()");
                } else {
                    out.push_str("frozenset({");
                    self.repr_items(&items, out, seen)?;
                    out.push_str("})");
                }
            }
            Value::Range(r) => {
                if r.step == 1 {
                    out.push_str(&format!("range({}, {})", r.start, r.stop));
                } else {
                    out.push_str(&format!("range({}, {}, {})", r.start, r.stop, r.step));
                }
            }
            Value::Slice(s) => {
                out.push_str("slice(");
                self.repr_items(&s[..], out, seen)?;
                out.push(')');
            }
            Value::DictView(view) => {
                let (name, items): (&str, Vec<Value>) = {
                    let d = view.0.borrow();
                    match view.1 {
                        DictViewKind::Keys => ("dict_keys", d.keys().cloned().collect()),
                        DictViewKind::Values => ("dict_values", d.values().cloned().collect()),
                        DictViewKind::Items => (
                            "dict_items",
                            d.iter().map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()])).collect(),
                        ),
                    }
                };
                out.push_str(name);
                out.push_str("([");
                self.repr_items(&items, out, seen)?;
                out.push_str("])");
            }
            Value::Function(f) => out.push_str(&format!("<function {} at {}>", f.qualname, addr(v))),
            Value::Native(n) => out.push_str(&format!("<built-in function {}>", n.name)),
            Value::Method(m) => {
                let fname = match &m.1 {
                    Value::Function(f) => f.qualname.to_string(),
                    Value::Native(n) => n.name.to_string(),
                    _ => "?".into(),
                };
                out.push_str(&format!("<bound method {fname} of "));
                self.repr_nested(&m.0.clone(), out, seen)?;
                out.push('>');
            }
            Value::BuiltinMethod(m) => {
                out.push_str(&format!("<built-in method {} of {} object at {}>", m.1, class_name(&m.0), addr(&m.0)))
            }
            Value::Generator(g) => {
                let kind = match g.kind {
                    GenKind::Generator => "generator",
                    GenKind::Coroutine => "coroutine",
                    GenKind::AsyncGenerator => "async_generator",
                };
                out.push_str(&format!("<{kind} object {} at {}>", g.qualname(), addr(v)));
            }
            Value::Class(c) => {
                if c.is_user() {
                    out.push_str(&format!("<class '{}.{}'>", c.module, c.qualname));
                } else {
                    out.push_str(&format!("<class '{}'>", c.name));
                }
            }
            Value::Module(m) => out.push_str(&format!("<module '{}'>", m.name)),
            Value::Instance(inst) => {
                if let Some(f) = inst.class.lookup("__repr__") {
                    let s = self.call_string(f, v, "__repr__")?;
                    out.push_str(&s);
                } else if inst.exc.is_some() {
                    let s = self.exception_repr(v)?;
                    out.push_str(&s);
                } else {
                    out.push_str(&format!("<{}.{} object at {}>", inst.class.module, inst.class.qualname, addr(v)));
                }
            }
            Value::Object(o) => {
                let o = o.clone();
                out.push_str(&o.repr(self));
            }
            Value::Iter(it) => {
                let name = it.borrow().type_name();
                out.push_str(&format!("<{name} object at {}>", addr(v)));
            }
            Value::Cell(_) => out.push_str(&format!("<cell at {}>", addr(v))),
            Value::Code(c) => out.push_str(&format!("<code object {} at {}>", c.name, addr(v))),
            Value::Property(_) => out.push_str(&format!("<property object at {}>", addr(v))),
            Value::StaticMethod(_) => out.push_str(&format!("<staticmethod object at {}>", addr(v))),
            Value::ClassMethod(_) => out.push_str(&format!("<classmethod object at {}>", addr(v))),
            Value::Super(s) => out.push_str(&format!("<super: <class '{}'>, <{} object>>", s.0.name, class_name(&s.1))),
        }
        Ok(())
    }

    fn repr_items(&mut self, items: &[Value], out: &mut String, seen: &mut Vec<usize>) -> PyResult<()> {
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            self.repr_nested(x, out, seen)?;
            if out.len() > self.limits.max_alloc {
                return Err(PyErr::new(ExcKind::MemoryError, ""));
            }
            if i % 1024 == 1023 {
                self.reserve(out.len())?;
            }
        }
        Ok(())
    }

    /// `ValueError('x')`, `KeyError('k')`, `ExceptionGroup('msg', [ValueError('x')])`.
    pub fn exception_repr(&mut self, v: &Value) -> PyResult<String> {
        let cls = class_of(v);
        let args = v.exc().map(|e| e.borrow().args.clone()).unwrap_or_default();
        let mut out = format!("{}(", cls.name);
        let mut seen = Vec::new();
        if cls.is_subclass(&types().exc(ExcKind::BaseExceptionGroup)) {
            let inst = v.as_instance();
            let msg = inst.and_then(|i| i.get("message")).unwrap_or(Value::None);
            let excs = match inst.and_then(|i| i.get("exceptions")) {
                Some(Value::Tuple(ref t)) => Value::list(t.to_vec()),
                _ => Value::list(vec![]),
            };
            self.repr_items(&[msg, excs], &mut out, &mut seen)?;
        } else {
            self.repr_items(&args, &mut out, &mut seen)?;
        }
        out.push(')');
        Ok(out)
    }

    /// `format(v, spec)` (CPython's `PyObject_Format`).
    pub fn format(&mut self, v: &Value, spec_text: &str) -> PyResult<String> {
        let fast = spec_text.is_empty() && matches!(v, Value::Str(_) | Value::Int(_) | Value::BigInt(_));
        let user = matches!(v, Value::Instance(inst) if inst.class.lookup("__format__").is_some());
        if fast || user {
            return self.format_inner(v, spec_text);
        }
        // Calls the built-in `__format__` method (`METH_O`: a checked call).
        self.nested(Recursion::Call, |vm| vm.format_inner(v, spec_text))
    }

    fn format_inner(&mut self, v: &Value, spec_text: &str) -> PyResult<String> {
        fn simple<T>(r: Result<T, String>) -> PyResult<T> {
            r.map_err(PyErr::format_error)
        }
        match v {
            Value::Bool(b) if spec_text.is_empty() => Ok(if *b { "True" } else { "False" }.into()),
            Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => {
                if spec_text.is_empty() {
                    return self.str(v);
                }
                let big = match v {
                    Value::Int(i) => BigInt::from(*i),
                    Value::BigInt(b) => (**b).clone(),
                    Value::Bool(b) => BigInt::from(*b as i64),
                    _ => unreachable!("matched ints"),
                };
                let s = simple(spec::parse_spec(spec_text))?;
                simple(spec::format_int(&big, &s))
            }
            Value::Float(f) => {
                if spec_text.is_empty() {
                    return Ok(float_repr(*f));
                }
                let s = simple(spec::parse_spec(spec_text))?;
                simple(spec::format_float(*f, &s))
            }
            Value::Str(st) => {
                if spec_text.is_empty() {
                    return Ok(st.to_string());
                }
                let s = simple(spec::parse_spec(spec_text))?;
                simple(spec::format_str(st, &s))
            }
            Value::Instance(inst) if inst.class.lookup("__format__").is_some() => {
                let f = inst.class.lookup("__format__").expect("checked above");
                match self.call(f, Args::new([v.clone(), Value::str(spec_text)]))? {
                    Value::Str(ref s) => Ok(s.to_string()),
                    other => Err(PyErr::type_error(format!(
                        "__format__ must return a str, not {}",
                        class_name(&other)
                    ))),
                }
            }
            _ => {
                if spec_text.is_empty() {
                    return self.str(v);
                }
                Err(PyErr::type_error(format!(
                    "unsupported format string passed to {}.__format__",
                    class_name(v)
                )))
            }
        }
    }

    /// An f-string field: conversion (0 none, 1 !s, 2 !r, 3 !a), then the format spec.
    pub(crate) fn format_value(&mut self, v: Value, conv: u32, spec: Option<Value>) -> PyResult<Value> {
        let v = match conv {
            1 => Value::string(self.str(&v)?),
            2 => Value::string(self.repr(&v)?),
            3 => {
                let r = self.repr(&v)?;
                Value::string(str_ascii_of_repr(&r))
            }
            _ => v,
        };
        let spec_text = match &spec {
            Some(Value::Str(s)) => s.to_string(),
            _ => String::new(),
        };
        if spec_text.is_empty() {
            if let Value::Str(_) = v {
                return Ok(v);
            }
        }
        Ok(Value::string(self.format(&v, &spec_text)?))
    }
}

/// `ascii()` of an already computed repr: escape the non-ASCII characters.
fn str_ascii_of_repr(r: &str) -> String {
    let escaped = str_ascii(r);
    // str_ascii quotes its input; strip those quotes back off.
    let inner = &escaped[1..escaped.len() - 1];
    inner.to_string()
}

/// Feeds `str % args` to the format library. The library's trait takes `&self`, so every
/// operand's `str()` and `repr()` is computed up front through the VM.
pub(crate) struct PercentAdapter {
    items: Vec<Value>,
    strs: Vec<String>,
    reprs: Vec<String>,
    mapping: bool,
    keys: Vec<(String, usize)>,
}

impl PercentAdapter {
    pub fn new(vm: &mut Vm, args: &Value) -> PyResult<PercentAdapter> {
        let (items, keys, mapping): (Vec<Value>, Vec<(String, usize)>, bool) = match args {
            Value::Tuple(t) => (t.to_vec(), vec![], false),
            Value::Dict(d) => {
                let pairs: Vec<(Value, Value)> = d.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
                let mut items = vec![args.clone()];
                let mut keys = vec![];
                for (k, v) in pairs {
                    if let Value::Str(ref s) = k {
                        keys.push((s.to_string(), items.len()));
                        items.push(v);
                    }
                }
                (items, keys, true)
            }
            other => (vec![other.clone()], vec![], false),
        };
        let mut strs = Vec::with_capacity(items.len());
        let mut reprs = Vec::with_capacity(items.len());
        for v in &items {
            strs.push(vm.str(v)?);
            reprs.push(vm.repr(v)?);
        }
        Ok(PercentAdapter { items, strs, reprs, mapping, keys })
    }

    pub fn error(&self, msg: String) -> PyErr {
        if let Some(key) = msg.strip_prefix("KeyError: ") {
            return PyErr::with_args(ExcKind::KeyError, vec![Value::string(key.trim_matches('\'').to_string())]);
        }
        PyErr::format_error(msg)
    }
}

impl PercentArgs for PercentAdapter {
    fn count(&self) -> usize {
        if self.mapping {
            1
        } else {
            self.items.len()
        }
    }

    fn is_mapping(&self) -> bool {
        self.mapping
    }

    fn int_at(&self, i: usize) -> Result<BigInt, String> {
        match self.items.get(i) {
            Some(Value::Int(n)) => Ok(BigInt::from(*n)),
            Some(Value::Bool(b)) => Ok(BigInt::from(*b as i64)),
            Some(Value::BigInt(b)) => Ok((**b).clone()),
            Some(Value::Float(f)) => num_traits::FromPrimitive::from_f64(f.trunc())
                .ok_or_else(|| "cannot convert float infinity to integer".to_string()),
            Some(other) => Err(format!("%d format: a real number is required, not {}", class_name(other))),
            None => Err("not enough arguments for format string".into()),
        }
    }

    fn float_at(&self, i: usize) -> Result<f64, String> {
        match self.items.get(i) {
            Some(Value::Int(n)) => Ok(*n as f64),
            Some(Value::Bool(b)) => Ok(*b as i64 as f64),
            Some(Value::BigInt(b)) => Ok(num_traits::ToPrimitive::to_f64(&**b).unwrap_or(f64::INFINITY)),
            Some(Value::Float(f)) => Ok(*f),
            Some(other) => Err(format!("must be real number, not {}", class_name(other))),
            None => Err("not enough arguments for format string".into()),
        }
    }

    fn str_at(&self, i: usize) -> Result<String, String> {
        self.strs.get(i).cloned().ok_or_else(|| "not enough arguments for format string".into())
    }

    fn repr_at(&self, i: usize) -> Result<String, String> {
        self.reprs.get(i).cloned().ok_or_else(|| "not enough arguments for format string".into())
    }

    fn key(&self, name: &str) -> Result<usize, String> {
        self.keys
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, i)| *i)
            .ok_or_else(|| format!("KeyError: '{name}'"))
    }
}
