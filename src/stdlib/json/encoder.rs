//! The encoding walk. CPython runs its C encoder (`c_make_encoder`) when `indent` is
//! None and the pure-Python `_make_iterencode` otherwise: both print the same text, but
//! a few error messages differ, and we word each as the one CPython would have run.

use std::cell::RefCell;
use std::fmt::Write;
use std::rc::Rc;

use crate::engine::format::float_repr::float_repr;
use crate::engine::format::radix::int_to_decimal;
use crate::engine::value::types::class_name;
use crate::engine::value::{Dict, ExcKind, Value};
use crate::engine::vm::{PyErr, PyResult, Vm};

use super::escape::write_json_str;
use super::sort_keys::sort_items;

/// What a `JSONEncoder` was configured with (its attributes, read once per `encode`).
pub struct EncodeOptions {
    pub skipkeys: bool,
    pub ensure_ascii: bool,
    pub check_circular: bool,
    pub allow_nan: bool,
    pub sort_keys: bool,
    /// The text of one indentation level; `None` prints everything on one line.
    pub indent: Option<String>,
    pub item_separator: String,
    pub key_separator: String,
    /// Called with objects JSON has no form for; `None` is `JSONEncoder.default` itself.
    pub default: Option<Value>,
}

impl Default for EncodeOptions {
    /// `json.dumps(obj)` with no options.
    fn default() -> Self {
        EncodeOptions {
            skipkeys: false,
            ensure_ascii: true,
            check_circular: true,
            allow_nan: true,
            sort_keys: false,
            indent: None,
            item_separator: ", ".into(),
            key_separator: ": ".into(),
            default: None,
        }
    }
}

/// `JSONEncoder.default`'s error for an object JSON cannot represent.
pub fn not_serializable(v: &Value) -> PyErr {
    PyErr::type_error(format!("Object of type {} is not JSON serializable", class_name(v)))
}

/// `JSONEncoder(...).encode(obj)`: the whole JSON text.
pub fn encode(vm: &mut Vm, opts: &EncodeOptions, obj: &Value) -> PyResult<String> {
    let mut enc = Encoder { opts, out: String::new(), markers: Vec::new(), max_alloc: vm.limits.max_alloc };
    enc.value(vm, obj, 0)?;
    Ok(enc.out)
}

struct Encoder<'o> {
    opts: &'o EncodeOptions,
    out: String,
    /// Identities of the containers (and `default` arguments) being encoded: CPython's
    /// `markers`, which detect a structure that contains itself.
    markers: Vec<usize>,
    /// The sandbox's cap on one allocation (the output, an indentation).
    max_alloc: usize,
}

impl Encoder<'_> {
    /// The C encoder runs when there is no indent (its messages are the ones to print).
    fn c_encoder(&self) -> bool {
        self.opts.indent.is_none()
    }

    fn value(&mut self, vm: &mut Vm, v: &Value, level: usize) -> PyResult<()> {
        vm.charge(1);
        match v {
            Value::Str(s) => write_json_str(&mut self.out, s, self.opts.ensure_ascii),
            Value::None => self.out.push_str("null"),
            Value::Bool(true) => self.out.push_str("true"),
            Value::Bool(false) => self.out.push_str("false"),
            Value::Int(i) => write!(self.out, "{i}").expect("writing to a String cannot fail"),
            Value::BigInt(b) => self.out.push_str(&int_to_decimal(b).map_err(PyErr::value_error)?),
            Value::Float(x) => {
                let text = self.float_text(*x)?;
                self.out.push_str(&text);
            }
            Value::List(_) | Value::Tuple(_) => self.nested(vm, |e, vm| e.array(vm, v, level))?,
            Value::Dict(d) => self.nested(vm, |e, vm| e.object(vm, d, v, level))?,
            _ => self.nested(vm, |e, vm| e.replaced(vm, v, level))?,
        }
        if self.out.len() > self.max_alloc {
            return Err(PyErr::new(ExcKind::MemoryError, ""));
        }
        Ok(())
    }

    /// One level deeper: counts against the recursion limit like CPython's
    /// `Py_EnterRecursiveCall`, so a structure that contains itself, encoded with
    /// `check_circular=False`, ends in RecursionError.
    fn nested(&mut self, vm: &mut Vm, f: impl FnOnce(&mut Self, &mut Vm) -> PyResult<()>) -> PyResult<()> {
        if vm.frames.len() + vm.native_depth >= vm.limits.max_depth {
            let msg = if self.c_encoder() {
                "maximum recursion depth exceeded while encoding a JSON object"
            } else {
                "maximum recursion depth exceeded"
            };
            return Err(PyErr::new(ExcKind::RecursionError, msg));
        }
        vm.native_depth += 1;
        let r = f(self, vm);
        vm.native_depth -= 1;
        r
    }

    /// `float.__repr__`, or JavaScript's names for the values JSON lacks.
    fn float_text(&self, x: f64) -> PyResult<String> {
        let text = if x.is_nan() {
            "NaN"
        } else if x == f64::INFINITY {
            "Infinity"
        } else if x == f64::NEG_INFINITY {
            "-Infinity"
        } else {
            return Ok(float_repr(x));
        };
        if !self.opts.allow_nan {
            let msg = "Out of range float values are not JSON compliant";
            return Err(PyErr::value_error(if self.c_encoder() {
                msg.to_string()
            } else {
                format!("{msg}: {}", float_repr(x))
            }));
        }
        Ok(text.to_string())
    }

    /// Enter a container: "Circular reference detected" if it is already being encoded.
    fn mark(&mut self, v: &Value) -> PyResult<()> {
        if self.opts.check_circular {
            let id = v.identity();
            if self.markers.contains(&id) {
                return Err(PyErr::value_error("Circular reference detected"));
            }
            self.markers.push(id);
        }
        Ok(())
    }

    fn unmark(&mut self) {
        if self.opts.check_circular {
            self.markers.pop();
        }
    }

    /// After `[` or `{`: with an indent, a new line one level deeper. Returns the text
    /// between items and the items' level.
    fn open(&mut self, level: usize) -> PyResult<(String, usize)> {
        let Some(indent) = &self.opts.indent else {
            return Ok((self.opts.item_separator.clone(), level));
        };
        let newline_indent = format!("\n{}", repeat(indent, level + 1, self.max_alloc)?);
        self.out.push_str(&newline_indent);
        Ok((format!("{}{newline_indent}", self.opts.item_separator), level + 1))
    }

    /// Before `]` or `}`: with an indent, a new line back at the container's level.
    fn close(&mut self, level: usize) -> PyResult<()> {
        if let Some(indent) = &self.opts.indent {
            let text = repeat(indent, level, self.max_alloc)?;
            self.out.push('\n');
            self.out.push_str(&text);
        }
        Ok(())
    }

    /// Lists and tuples. Items are read live by index, as CPython's encoder does.
    fn array(&mut self, vm: &mut Vm, v: &Value, level: usize) -> PyResult<()> {
        let item = |i: usize| match v {
            Value::List(l) => l.borrow().get(i).cloned(),
            Value::Tuple(t) => t.get(i).cloned(),
            _ => None,
        };
        if item(0).is_none() {
            self.out.push_str("[]");
            return Ok(());
        }
        self.mark(v)?;
        self.out.push('[');
        let (separator, inner) = self.open(level)?;
        let mut i = 0;
        while let Some(x) = item(i) {
            if i > 0 {
                self.out.push_str(&separator);
            }
            self.value(vm, &x, inner)?;
            i += 1;
        }
        self.close(level)?;
        self.out.push(']');
        self.unmark();
        Ok(())
    }

    fn object(&mut self, vm: &mut Vm, d: &Rc<RefCell<Dict>>, v: &Value, level: usize) -> PyResult<()> {
        let mut items: Vec<(Value, Value)> = d.borrow().iter().map(|(k, x)| (k.clone(), x.clone())).collect();
        if items.is_empty() {
            self.out.push_str("{}");
            return Ok(());
        }
        self.mark(v)?;
        self.out.push('{');
        let (separator, inner) = self.open(level)?;
        if self.opts.sort_keys {
            items = sort_items(vm, items)?;
        }
        let mut first = true;
        for (k, x) in items {
            let Some(key) = self.key_text(&k)? else {
                continue;
            };
            if !first {
                self.out.push_str(&separator);
            }
            first = false;
            write_json_str(&mut self.out, &key, self.opts.ensure_ascii);
            self.out.push_str(&self.opts.key_separator);
            self.value(vm, &x, inner)?;
        }
        self.close(level)?;
        self.out.push('}');
        self.unmark();
        Ok(())
    }

    /// JSON keys are strings: str, float, bool, None and int keys are converted;
    /// others are skipped with `skipkeys` (`None`) or refused.
    fn key_text(&self, k: &Value) -> PyResult<Option<String>> {
        Ok(Some(match k {
            Value::Str(s) => s.to_string(),
            Value::Float(x) => self.float_text(*x)?,
            Value::Bool(b) => b.to_string(),
            Value::None => "null".to_string(),
            Value::Int(i) => i.to_string(),
            Value::BigInt(b) => int_to_decimal(b).map_err(PyErr::value_error)?,
            _ if self.opts.skipkeys => return Ok(None),
            other => {
                return Err(PyErr::type_error(format!(
                    "keys must be str, int, float, bool or None, not {}",
                    class_name(other)
                )))
            }
        }))
    }

    /// Anything else: encode what `default(obj)` returns in its place.
    fn replaced(&mut self, vm: &mut Vm, v: &Value, level: usize) -> PyResult<()> {
        self.mark(v)?;
        let replacement = match &self.opts.default {
            Some(f) => vm.call1(f.clone(), v.clone())?,
            None => return Err(not_serializable(v)),
        };
        self.value(vm, &replacement, level)?;
        self.unmark();
        Ok(())
    }
}

/// `indent * n`, refusing sizes past the sandbox's allocation cap.
fn repeat(indent: &str, n: usize, max_alloc: usize) -> PyResult<String> {
    match indent.len().checked_mul(n) {
        Some(size) if size <= max_alloc => Ok(indent.repeat(n)),
        _ => Err(PyErr::new(ExcKind::MemoryError, "")),
    }
}
