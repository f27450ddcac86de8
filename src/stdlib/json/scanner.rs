//! Decoding: CPython's C scanner (`_json.scan_once`) step by step, so values, error
//! messages and error positions (in characters) are the ones CPython reports.

use std::cell::Cell;
use std::rc::Rc;

use crate::engine::format::radix::parse_int;
use crate::engine::value::{Class, Dict, ExcKind, Value};
use crate::engine::vm::{PyErr, PyResult, Vm};

use super::decode_error::decode_error;

/// What a `JSONDecoder` was configured with. A hook left `None` is the built-in
/// behaviour (`float`, `int`, the NaN/Infinity constants, a plain dict).
pub struct DecodeOptions {
    pub object_hook: Option<Value>,
    pub object_pairs_hook: Option<Value>,
    pub parse_float: Option<Value>,
    pub parse_int: Option<Value>,
    pub parse_constant: Option<Value>,
    /// Control characters inside strings are errors (`strict=True`, the default).
    pub strict: bool,
}

/// Why scanning stopped.
pub(super) enum Stop {
    /// No JSON value starts at this index: CPython's `StopIteration(idx)`, which
    /// `raw_decode` turns into "Expecting value" there.
    NoValue(usize),
    Err(PyErr),
}

impl Default for DecodeOptions {
    /// `json.loads(s)` with no options.
    fn default() -> Self {
        DecodeOptions {
            object_hook: None,
            object_pairs_hook: None,
            parse_float: None,
            parse_int: None,
            parse_constant: None,
            strict: true,
        }
    }
}

impl From<PyErr> for Stop {
    fn from(e: PyErr) -> Stop {
        Stop::Err(e)
    }
}

pub(super) type Scan<T> = Result<T, Stop>;

pub(super) struct Scanner<'a> {
    pub(super) doc: &'a Rc<str>,
    pub(super) chars: Vec<char>,
    pub(super) opts: &'a DecodeOptions,
    pub(super) error_class: &'a Rc<Class>,
    /// The first `\uXXXX` escape that decoded to a lone surrogate.
    pub(super) lone_surrogate: Cell<Option<u32>>,
}

/// `JSONDecoder.decode(s)`: one value, optionally surrounded by whitespace.
pub fn decode(vm: &mut Vm, opts: &DecodeOptions, error_class: &Rc<Class>, doc: &Rc<str>) -> PyResult<Value> {
    let s = Scanner::new(doc, opts, error_class);
    let (value, end) = s.raw(vm, s.skip_ws(0))?;
    let end = s.skip_ws(end);
    if end != s.chars.len() {
        return Err(s.error("Extra data", end));
    }
    s.refuse_lone_surrogate()?;
    Ok(value)
}

/// `JSONDecoder.raw_decode(s, idx)`: the value starting at char `idx` and where it ends.
pub fn raw_decode(
    vm: &mut Vm,
    opts: &DecodeOptions,
    error_class: &Rc<Class>,
    doc: &Rc<str>,
    idx: usize,
) -> PyResult<(Value, usize)> {
    let s = Scanner::new(doc, opts, error_class);
    let r = s.raw(vm, idx)?;
    s.refuse_lone_surrogate()?;
    Ok(r)
}

const fn is_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

impl<'a> Scanner<'a> {
    fn new(doc: &'a Rc<str>, opts: &'a DecodeOptions, error_class: &'a Rc<Class>) -> Scanner<'a> {
        Scanner { doc, chars: doc.chars().collect(), opts, error_class, lone_surrogate: Cell::new(None) }
    }

    /// A valid document whose strings held a lone surrogate, which CPython would return
    /// and aiotutor cannot.
    fn refuse_lone_surrogate(&self) -> PyResult<()> {
        match self.lone_surrogate.get() {
            Some(c) => Err(PyErr::new(
                ExcKind::NotImplementedError,
                format!("a lone surrogate (\\u{c:04x}) in a JSON string is not supported by aiotutor"),
            )),
            None => Ok(()),
        }
    }

    fn raw(&self, vm: &mut Vm, idx: usize) -> PyResult<(Value, usize)> {
        match self.scan_once(vm, idx) {
            Ok(r) => Ok(r),
            Err(Stop::NoValue(at)) => Err(self.error("Expecting value", at)),
            Err(Stop::Err(e)) => Err(e),
        }
    }

    pub(super) fn error(&self, msg: &str, pos: usize) -> PyErr {
        decode_error(self.error_class, msg, self.doc, &self.chars, pos)
    }

    fn skip_ws(&self, mut idx: usize) -> usize {
        while idx < self.chars.len() && is_ws(self.chars[idx]) {
            idx += 1;
        }
        idx
    }

    fn at(&self, idx: usize, c: char) -> bool {
        self.chars.get(idx) == Some(&c)
    }

    fn follows(&self, idx: usize, word: &str) -> bool {
        word.chars().enumerate().all(|(i, c)| self.at(idx + i, c))
    }

    /// One value starting exactly at `idx` (`scan_once_unicode`).
    fn scan_once(&self, vm: &mut Vm, idx: usize) -> Scan<(Value, usize)> {
        vm.charge(1);
        let Some(&c) = self.chars.get(idx) else {
            return Err(Stop::NoValue(idx));
        };
        match c {
            '"' => {
                let (s, end) = self.scan_string(idx + 1)?;
                return Ok((Value::string(s), end));
            }
            '{' => return self.nested(vm, "object", |s, vm| s.object(vm, idx + 1)),
            '[' => return self.nested(vm, "array", |s, vm| s.array(vm, idx + 1)),
            'n' if self.follows(idx, "null") => return Ok((Value::None, idx + 4)),
            't' if self.follows(idx, "true") => return Ok((Value::Bool(true), idx + 4)),
            'f' if self.follows(idx, "false") => return Ok((Value::Bool(false), idx + 5)),
            'N' if self.follows(idx, "NaN") => return self.constant(vm, "NaN", f64::NAN, idx),
            'I' if self.follows(idx, "Infinity") => return self.constant(vm, "Infinity", f64::INFINITY, idx),
            '-' if self.follows(idx, "-Infinity") => return self.constant(vm, "-Infinity", f64::NEG_INFINITY, idx),
            _ => {}
        }
        self.number(vm, idx)
    }

    /// A container one level deeper, counted against the recursion limit as CPython's
    /// `Py_EnterRecursiveCall(" while decoding a JSON array from a unicode string")`.
    fn nested(&self, vm: &mut Vm, what: &str, f: impl FnOnce(&Self, &mut Vm) -> Scan<(Value, usize)>) -> Scan<(Value, usize)> {
        if vm.frames.len() + vm.native_depth >= vm.limits.max_depth {
            let msg = format!("maximum recursion depth exceeded while decoding a JSON {what} from a unicode string");
            return Err(PyErr::new(ExcKind::RecursionError, msg).into());
        }
        vm.native_depth += 1;
        let r = f(self, vm);
        vm.native_depth -= 1;
        r
    }

    fn constant(&self, vm: &mut Vm, name: &str, value: f64, idx: usize) -> Scan<(Value, usize)> {
        let v = match &self.opts.parse_constant {
            Some(hook) => vm.call1(hook.clone(), Value::str(name))?,
            None => Value::Float(value),
        };
        Ok((v, idx + name.chars().count()))
    }

    /// `_match_number_unicode`: `-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?`, where a
    /// fraction or exponent without digits is left for the caller to trip over.
    fn number(&self, vm: &mut Vm, start: usize) -> Scan<(Value, usize)> {
        let s = &self.chars;
        let digit = |i: usize| s.get(i).is_some_and(char::is_ascii_digit);
        let mut idx = start;
        if s[idx] == '-' {
            idx += 1;
            if idx >= s.len() {
                return Err(Stop::NoValue(start));
            }
        }
        match s[idx] {
            '1'..='9' => {
                idx += 1;
                while digit(idx) {
                    idx += 1;
                }
            }
            '0' => idx += 1,
            _ => return Err(Stop::NoValue(start)),
        }
        let mut is_float = false;
        if idx + 1 < s.len() && s[idx] == '.' && digit(idx + 1) {
            is_float = true;
            idx += 2;
            while digit(idx) {
                idx += 1;
            }
        }
        if idx + 1 < s.len() && matches!(s[idx], 'e' | 'E') {
            let e_start = idx;
            idx += 1;
            if idx + 1 < s.len() && matches!(s[idx], '-' | '+') {
                idx += 1;
            }
            while digit(idx) {
                idx += 1;
            }
            if digit(idx - 1) {
                is_float = true;
            } else {
                idx = e_start;
            }
        }
        let text: String = s[start..idx].iter().collect();
        let hook = if is_float { &self.opts.parse_float } else { &self.opts.parse_int };
        let value = match hook {
            Some(f) => vm.call1(f.clone(), Value::string(text))?,
            None if is_float => Value::Float(text.parse().expect("JSON number syntax is valid float syntax")),
            None => match text.parse::<i64>() {
                Ok(i) => Value::Int(i),
                Err(_) => Value::from_bigint(parse_int(&text, 10).map_err(PyErr::value_error)?),
            },
        };
        Ok((value, idx))
    }

    /// `_parse_array_unicode`; `idx` is just past the `[`.
    fn array(&self, vm: &mut Vm, idx: usize) -> Scan<(Value, usize)> {
        let mut items = Vec::new();
        let mut idx = self.skip_ws(idx);
        if !self.at(idx, ']') {
            loop {
                let (v, next) = self.scan_once(vm, idx)?;
                items.push(v);
                idx = self.skip_ws(next);
                if self.at(idx, ']') {
                    break;
                }
                if !self.at(idx, ',') {
                    return Err(self.error("Expecting ',' delimiter", idx).into());
                }
                idx = self.skip_ws(idx + 1);
            }
        }
        Ok((Value::list(items), idx + 1))
    }

    /// `_parse_object_unicode`; `idx` is just past the `{`. A repeated key keeps its
    /// first place and its last value, as assigning into a dict does.
    fn object(&self, vm: &mut Vm, idx: usize) -> Scan<(Value, usize)> {
        let mut pairs: Vec<(String, Value)> = Vec::new();
        let mut idx = self.skip_ws(idx);
        if !self.at(idx, '}') {
            loop {
                if !self.at(idx, '"') {
                    return Err(self.error("Expecting property name enclosed in double quotes", idx).into());
                }
                let (key, next) = self.scan_string(idx + 1)?;
                idx = self.skip_ws(next);
                if !self.at(idx, ':') {
                    return Err(self.error("Expecting ':' delimiter", idx).into());
                }
                idx = self.skip_ws(idx + 1);
                let (v, next) = self.scan_once(vm, idx)?;
                pairs.push((key, v));
                idx = self.skip_ws(next);
                if self.at(idx, '}') {
                    break;
                }
                if !self.at(idx, ',') {
                    return Err(self.error("Expecting ',' delimiter", idx).into());
                }
                idx = self.skip_ws(idx + 1);
            }
        }
        Ok((self.finish_object(vm, pairs)?, idx + 1))
    }

    /// The decoded object: `object_pairs_hook(pairs)`, else a dict passed through
    /// `object_hook` when there is one.
    fn finish_object(&self, vm: &mut Vm, pairs: Vec<(String, Value)>) -> PyResult<Value> {
        if let Some(hook) = &self.opts.object_pairs_hook {
            let list = pairs.into_iter().map(|(k, v)| Value::tuple(vec![Value::string(k), v])).collect();
            return vm.call1(hook.clone(), Value::list(list));
        }
        let mut dict = Dict::new();
        for (k, v) in pairs {
            dict.insert_str(&k, v);
        }
        let dict = Value::dict(dict);
        match &self.opts.object_hook {
            Some(hook) => vm.call1(hook.clone(), dict),
            None => Ok(dict),
        }
    }
}
