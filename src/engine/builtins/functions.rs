//! Built-in functions: `print`, `len`, `sorted`, `isinstance`, ...

use std::cell::RefCell;
use std::rc::Rc;

use num_bigint::BigInt;

use super::super::format::{radix, round};
use super::super::value::number::{self, as_number, Num};
use super::super::value::types::{class_name, class_of, types};
use super::super::value::{Args, ExcKind, GenKind, Iter, Module, Value};
use super::super::vm::{PyErr, PyResult, Recursion, Vm};
use super::{check_count, def, int_arg, no_kwargs, refused, sort_values};

fn iter_value(it: Iter) -> Value {
    Value::Iter(Rc::new(RefCell::new(it)))
}

pub(super) fn register(m: &Module) {
    def(m, "print", print);
    def(m, "len", |vm, args| {
        check_count("len", &args, 1, 1)?;
        Ok(Value::Int(vm.len(&args.pos[0])? as i64))
    });
    def(m, "repr", |vm, args| {
        check_count("repr", &args, 1, 1)?;
        Ok(Value::string(vm.repr(&args.pos[0])?))
    });
    def(m, "ascii", |vm, args| {
        check_count("ascii", &args, 1, 1)?;
        let r = vm.repr(&args.pos[0])?;
        Ok(Value::string(super::super::text::repr::str_ascii(&r)[1..].trim_end_matches(['\'', '"']).to_string()))
    });
    def(m, "abs", |vm, args| {
        check_count("abs", &args, 1, 1)?;
        match as_number(&args.pos[0]) {
            Some(n) => Ok(number::abs(&n)),
            None => match vm.call_special(&args.pos[0], "__abs__", vec![]) {
                Some(r) => r,
                None => Err(PyErr::type_error(format!("bad operand type for abs(): '{}'", class_name(&args.pos[0])))),
            },
        }
    });
    def(m, "min", |vm, args| min_max(vm, args, "min"));
    def(m, "max", |vm, args| min_max(vm, args, "max"));
    def(m, "sum", sum);
    def(m, "sorted", |vm, mut args| {
        let key = args.take_kw("key").unwrap_or(Value::None);
        let reverse = args.take_kw("reverse").unwrap_or(Value::Bool(false));
        no_kwargs("sorted", &args)?;
        check_count("sorted", &args, 1, 1)?;
        let items = vm.collect(args.pos[0].clone())?;
        let reverse = vm.truthy(&reverse)?;
        // CPython's sorted() calls `list.sort` through a checked call.
        vm.nested(Recursion::Call, |vm| sorted(vm, items, key, reverse)).map(Value::list)
    });
    def(m, "reversed", |vm, args| {
        check_count("reversed", &args, 1, 1)?;
        let v = args.pos[0].clone();
        match &v {
            Value::List(l) => {
                let n = l.borrow().len();
                Ok(iter_value(Iter::Reversed { seq: v.clone(), idx: n }))
            }
            Value::Tuple(t) => Ok(iter_value(Iter::Reversed { seq: v.clone(), idx: t.len() })),
            Value::Str(_) | Value::Range(_) | Value::Dict(_) => {
                let mut items = vm.collect(v.clone())?;
                items.reverse();
                Ok(iter_value(Iter::Items { items, idx: 0, type_name: "reversed" }))
            }
            Value::Instance(_) => match vm.call_special(&v, "__reversed__", vec![]) {
                Some(r) => r,
                None => Err(PyErr::type_error(format!("'{}' object is not reversible", class_name(&v)))),
            },
            other => Err(PyErr::type_error(format!("'{}' object is not reversible", class_name(other)))),
        }
    });
    def(m, "enumerate", |vm, mut args| {
        let start = args.take_kw("start");
        let start = match start.or_else(|| args.pos.get(1).cloned()) {
            Some(v) => int_arg(&v, "")?,
            None => 0,
        };
        if args.pos.is_empty() {
            return Err(PyErr::type_error("enumerate() missing required argument 'iterable' (pos 1)"));
        }
        let it = vm.get_iter(args.pos[0].clone())?;
        Ok(iter_value(Iter::Enumerate { it, n: start }))
    });
    def(m, "zip", |vm, mut args| {
        let strict = match args.take_kw("strict") {
            Some(v) => vm.truthy(&v)?,
            None => false,
        };
        let mut its = Vec::new();
        for a in args.pos.iter() {
            its.push(vm.get_iter(a.clone())?);
        }
        Ok(iter_value(Iter::Zip { its, strict }))
    });
    def(m, "map", |vm, args| {
        if args.pos.len() < 2 {
            return Err(PyErr::type_error("map() must have at least two arguments."));
        }
        let func = args.pos[0].clone();
        let mut its = Vec::new();
        for a in args.pos[1..].iter() {
            its.push(vm.get_iter(a.clone())?);
        }
        Ok(iter_value(Iter::Map { func, its }))
    });
    def(m, "filter", |vm, args| {
        check_count("filter", &args, 2, 2)?;
        let it = vm.get_iter(args.pos[1].clone())?;
        Ok(iter_value(Iter::Filter { func: args.pos[0].clone(), it }))
    });
    def(m, "any", |vm, args| {
        check_count("any", &args, 1, 1)?;
        let it = vm.get_iter(args.pos[0].clone())?;
        while let Some(v) = vm.next(&it)? {
            if vm.truthy(&v)? {
                return Ok(Value::Bool(true));
            }
        }
        Ok(Value::Bool(false))
    });
    def(m, "all", |vm, args| {
        check_count("all", &args, 1, 1)?;
        let it = vm.get_iter(args.pos[0].clone())?;
        while let Some(v) = vm.next(&it)? {
            if !vm.truthy(&v)? {
                return Ok(Value::Bool(false));
            }
        }
        Ok(Value::Bool(true))
    });
    def(m, "isinstance", |vm, args| {
        check_count("isinstance", &args, 2, 2)?;
        isinstance(vm, &args.pos[0], &args.pos[1], "isinstance").map(Value::Bool)
    });
    def(m, "issubclass", |vm, args| {
        check_count("issubclass", &args, 2, 2)?;
        let Value::Class(c) = &args.pos[0] else {
            return Err(PyErr::type_error("issubclass() arg 1 must be a class"));
        };
        class_matches(vm, c, &args.pos[1], "issubclass").map(Value::Bool)
    });
    def(m, "round", round_builtin);
    def(m, "divmod", |vm, args| {
        check_count("divmod", &args, 2, 2)?;
        let (a, b) = (args.pos[0].clone(), args.pos[1].clone());
        let is_float = |v: &Value| matches!(v, Value::Float(_));
        let zero = matches!(as_number(&b), Some(Num::Int(0)) | Some(Num::Float(0.0)));
        if zero && (is_float(&a) || is_float(&b)) && as_number(&a).is_some() {
            return Err(PyErr::new(ExcKind::ZeroDivisionError, "float divmod()"));
        }
        let q = vm.binary_op(super::super::ast::BinOp::FloorDiv, a.clone(), b.clone())?;
        let r = vm.binary_op(super::super::ast::BinOp::Mod, a, b)?;
        Ok(Value::tuple(vec![q, r]))
    });
    def(m, "pow", |vm, args| {
        check_count("pow", &args, 2, 3)?;
        if args.pos.len() == 3 && !args.pos[2].is_none() {
            let (Some(Num::Int(b)), Some(e), Some(Num::Int(md))) =
                (as_number(&args.pos[0]), as_number(&args.pos[1]).and_then(|n| number::to_big(&n)), as_number(&args.pos[2]))
            else {
                return Err(PyErr::type_error("pow() 3rd argument not allowed unless all arguments are integers"));
            };
            if md == 0 {
                return Err(PyErr::value_error("pow() 3rd argument cannot be 0"));
            }
            let r = BigInt::from(b).modpow(&e, &BigInt::from(md));
            let r = if md < 0 && r > BigInt::from(0) { r + md } else { r };
            return Ok(Value::from_bigint(r));
        }
        vm.binary_op(super::super::ast::BinOp::Pow, args.pos[0].clone(), args.pos[1].clone())
    });
    def(m, "hash", |vm, args| {
        check_count("hash", &args, 1, 1)?;
        Ok(Value::Int(vm.hash_key(&args.pos[0])?.hash))
    });
    def(m, "id", |_vm, args| {
        check_count("id", &args, 1, 1)?;
        Ok(Value::Int(args.pos[0].identity() as i64 & i64::MAX))
    });
    def(m, "iter", |vm, args| {
        check_count("iter", &args, 1, 2)?;
        if args.pos.len() == 2 {
            return Ok(iter_value(Iter::Callable { func: args.pos[0].clone(), sentinel: args.pos[1].clone() }));
        }
        vm.get_iter(args.pos[0].clone())
    });
    def(m, "next", |vm, args| {
        check_count("next", &args, 1, 2)?;
        let it = &args.pos[0];
        let is_iterator = matches!(it, Value::Iter(_) | Value::Object(_))
            || matches!(it, Value::Generator(g) if g.kind == GenKind::Generator)
            || matches!(it, Value::Instance(i) if i.class.lookup("__next__").is_some());
        if !is_iterator {
            return Err(PyErr::type_error(format!("'{}' object is not an iterator", class_name(it))));
        }
        match vm.next(it)? {
            Some(v) => Ok(v),
            None => match args.pos.get(1) {
                Some(d) => Ok(d.clone()),
                None => Err(PyErr::with_args(ExcKind::StopIteration, vec![])),
            },
        }
    });
    def(m, "ord", |_vm, args| {
        check_count("ord", &args, 1, 1)?;
        match &args.pos[0] {
            Value::Str(s) if s.chars().count() == 1 => Ok(Value::Int(s.chars().next().map_or(0, |c| c as i64))),
            Value::Str(s) => Err(PyErr::type_error(format!(
                "ord() expected a character, but string of length {} found",
                s.chars().count()
            ))),
            other => Err(PyErr::type_error(format!(
                "ord() expected string of length 1, but {} found",
                class_name(other)
            ))),
        }
    });
    def(m, "chr", |_vm, args| {
        check_count("chr", &args, 1, 1)?;
        let i = int_arg(&args.pos[0], "")?;
        match u32::try_from(i).ok().and_then(char::from_u32) {
            Some(c) => Ok(Value::string(c.to_string())),
            // A valid code point CPython's str holds, but a Rust string cannot.
            None if (0xD800..=0xDFFF).contains(&i) => Err(PyErr::new(
                ExcKind::NotImplementedError,
                format!("chr({i:#x}) is a lone surrogate, which aiotutor's strings cannot hold"),
            )),
            None => Err(PyErr::value_error("chr() arg not in range(0x110000)")),
        }
    });
    for (name, base) in [("hex", 16u32), ("bin", 2), ("oct", 8)] {
        def(m, name, move |_vm, args| {
            check_count(name, &args, 1, 1)?;
            match as_number(&args.pos[0]) {
                Some(n @ (Num::Int(_) | Num::Big(_))) => {
                    let b = number::to_big(&n).unwrap_or_default();
                    Ok(Value::string(radix::int_to_radix(&b, base, true)))
                }
                _ => Err(PyErr::type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    class_name(&args.pos[0])
                ))),
            }
        });
    }
    def(m, "callable", |_vm, args| {
        check_count("callable", &args, 1, 1)?;
        Ok(Value::Bool(match &args.pos[0] {
            Value::Function(_) | Value::Native(_) | Value::Method(_) | Value::BuiltinMethod(_) | Value::Class(_) => true,
            Value::Instance(i) => i.class.lookup("__call__").is_some(),
            _ => false,
        }))
    });
    def(m, "getattr", |vm, args| {
        check_count("getattr", &args, 2, 3)?;
        let name = super::str_arg(&args.pos[1], "getattr", 2)?.clone();
        match vm.get_attr_opt(&args.pos[0], &name)? {
            Some(v) => Ok(v),
            None => match args.pos.get(2) {
                Some(d) => Ok(d.clone()),
                None => vm.get_attr(&args.pos[0], &name),
            },
        }
    });
    def(m, "setattr", |vm, args| {
        check_count("setattr", &args, 3, 3)?;
        let name = super::str_arg(&args.pos[1], "setattr", 2)?.clone();
        vm.set_attr(&args.pos[0], &name, args.pos[2].clone())?;
        Ok(Value::None)
    });
    def(m, "hasattr", |vm, args| {
        check_count("hasattr", &args, 2, 2)?;
        let name = super::str_arg(&args.pos[1], "hasattr", 2)?.clone();
        match vm.get_attr_opt(&args.pos[0], &name) {
            Ok(v) => Ok(Value::Bool(v.is_some())),
            Err(e) if e.is(ExcKind::AttributeError) => Ok(Value::Bool(false)),
            Err(e) => Err(e),
        }
    });
    def(m, "delattr", |vm, args| {
        check_count("delattr", &args, 2, 2)?;
        let name = super::str_arg(&args.pos[1], "delattr", 2)?.clone();
        vm.del_attr(&args.pos[0], &name)?;
        Ok(Value::None)
    });
    def(m, "format", |vm, args| {
        check_count("format", &args, 1, 2)?;
        let spec = match args.pos.get(1) {
            Some(Value::Str(s)) => s.to_string(),
            Some(other) => {
                return Err(PyErr::type_error(format!(
                    "format() argument 2 must be str, not {}",
                    class_name(other)
                )))
            }
            None => String::new(),
        };
        Ok(Value::string(vm.format(&args.pos[0], &spec)?))
    });
    def(m, "super", super_builtin);
    def(m, "aiter", |vm, args| {
        check_count("aiter", &args, 1, 1)?;
        vm.get_aiter(args.pos[0].clone())
    });
    def(m, "anext", |vm, args| {
        check_count("anext", &args, 1, 2)?;
        let aw = vm.get_anext(args.pos[0].clone())?;
        match args.pos.get(1) {
            Some(default) => Ok(super::super::asyncgen::anext_with_default(aw, default.clone())),
            None => Ok(aw),
        }
    });
    def(m, "vars", |vm, args| {
        if args.pos.is_empty() && args.kw.is_empty() {
            // `vars()` is `locals()`: the namespace itself, refused like `locals()`.
            return Err(refused("vars() without an argument"));
        }
        check_count("vars", &args, 1, 1)?;
        vm.get_attr(&args.pos[0], "__dict__")
    });
    def(m, "exit", |_vm, args| Err(PyErr::with_args(ExcKind::SystemExit, args.pos.to_vec())));
    def(m, "quit", |_vm, args| Err(PyErr::with_args(ExcKind::SystemExit, args.pos.to_vec())));
    for name in ["open", "input", "eval", "exec", "compile", "__import__", "breakpoint", "help", "globals", "locals", "memoryview"] {
        def(m, name, move |_vm, _args| Err(refused(&format!("{name}()"))));
    }
    for name in ["bytes", "bytearray", "complex", "dir"] {
        def(m, name, move |_vm, _args| {
            Err(PyErr::new(ExcKind::NotImplementedError, format!("{name}() is not supported by aiotutor yet")))
        });
    }
}

fn print(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let sep = args.take_kw("sep");
    let end = args.take_kw("end");
    let file = args.take_kw("file");
    let _flush = args.take_kw("flush");
    if let Some((k, _)) = args.kw.first() {
        return Err(PyErr::type_error(format!("'{k}' is an invalid keyword argument for print()")));
    }
    let text_of = |v: Option<Value>, default: &str, what: &str| -> PyResult<String> {
        match v {
            None | Some(Value::None) => Ok(default.to_string()),
            Some(Value::Str(ref s)) => Ok(s.to_string()),
            Some(other) => Err(PyErr::type_error(format!("{what} must be None or a string, not {}", class_name(&other)))),
        }
    };
    let sep = text_of(sep, " ", "sep")?;
    let end = text_of(end, "\n", "end")?;
    let file = file.filter(|f| !f.is_none());
    let to_stderr = matches!(&file, Some(Value::Module(m)) if &*m.name == "sys.stderr")
        || matches!(&file, Some(f) if f.as_object::<()>().is_none() && super::super::value::types::type_name(f) == "stderr");
    if let Some(f) = file.filter(|_| !to_stderr) {
        // Any other file is an object with a `write` method, called once per piece as
        // CPython's print does; there is no way from here to a real file.
        let write = vm.get_attr(&f, "write")?;
        let mut pieces = Vec::with_capacity(args.pos.len() * 2 + 1);
        for (i, a) in args.pos.iter().enumerate() {
            if i > 0 {
                pieces.push(sep.clone());
            }
            pieces.push(match a {
                Value::Str(s) => s.to_string(),
                other => vm.str(other)?,
            });
        }
        pieces.push(end);
        for p in pieces {
            vm.call1(write.clone(), Value::string(p))?;
        }
        return Ok(Value::None);
    }
    let mut out = String::new();
    for (i, a) in args.pos.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        match a {
            Value::Str(s) => out.push_str(s),
            other => out.push_str(&vm.str(other)?),
        }
    }
    out.push_str(&end);
    let host = vm.host.clone();
    if to_stderr {
        host.write_stderr(vm, &out);
    } else {
        host.write_stdout(vm, &out);
    }
    Ok(Value::None)
}

fn min_max(vm: &mut Vm, mut args: Args, name: &str) -> PyResult<Value> {
    let key = args.take_kw("key").unwrap_or(Value::None);
    let default = args.take_kw("default");
    no_kwargs(name, &args)?;
    // One iterable is consumed as it goes (`max(range(10**8))` holds two values, not a list).
    let it = match args.pos.len() {
        0 => return Err(PyErr::type_error(format!("{name} expected at least 1 argument, got 0"))),
        1 => vm.get_iter(args.pos[0].clone())?,
        _ => {
            if default.is_some() {
                return Err(PyErr::type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            vm.get_iter(Value::tuple(args.pos.to_vec()))?
        }
    };
    let Some(mut best) = vm.next(&it)? else {
        return match default {
            Some(d) => Ok(d),
            None => Err(PyErr::value_error(format!("{name}() arg is an empty sequence"))),
        };
    };
    let mut best_key = if key.is_none() { best.clone() } else { vm.call1(key.clone(), best.clone())? };
    while let Some(item) = vm.next(&it)? {
        let k = if key.is_none() { item.clone() } else { vm.call1(key.clone(), item.clone())? };
        let better = if name == "min" { vm.less_than(&k, &best_key)? } else { vm.less_than(&best_key, &k)? };
        if better {
            best = item;
            best_key = k;
        }
    }
    Ok(best)
}

fn sum(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let start = args.take_kw("start");
    check_count("sum", &args, 1, 2)?;
    let mut acc = start.or_else(|| args.pos.get(1).cloned()).unwrap_or(Value::Int(0));
    if let Value::Str(_) = acc {
        return Err(PyErr::type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    let it = vm.get_iter(args.pos[0].clone())?;
    while let Some(v) = vm.next(&it)? {
        acc = match (&acc, &v) {
            (Value::Int(a), Value::Int(b)) if a.checked_add(*b).is_some() => Value::Int(a + b),
            (Value::Float(a), Value::Float(b)) => Value::Float(a + b),
            _ => vm.binary_op(super::super::ast::BinOp::Add, acc, v)?,
        };
    }
    Ok(acc)
}

pub(crate) fn sorted(vm: &mut Vm, items: Vec<Value>, key: Value, reverse: bool) -> PyResult<Vec<Value>> {
    let keys = if key.is_none() {
        None
    } else {
        let mut ks = Vec::with_capacity(items.len());
        for it in &items {
            ks.push(vm.call1(key.clone(), it.clone())?);
        }
        Some(ks)
    };
    sort_values(vm, items, keys, reverse)
}

fn class_matches(vm: &mut Vm, c: &Rc<super::super::value::Class>, spec: &Value, fname: &str) -> PyResult<bool> {
    match spec {
        Value::Class(k) => Ok(c.is_subclass(k)),
        Value::Tuple(items) => {
            for it in items.iter() {
                if class_matches(vm, c, it, fname)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(PyErr::type_error(format!(
            "{fname}() arg 2 must be a type, a tuple of types, or a union"
        ))),
    }
}

fn isinstance(vm: &mut Vm, v: &Value, spec: &Value, fname: &str) -> PyResult<bool> {
    let c = class_of(v);
    if class_matches(vm, &c, spec, fname)? {
        return Ok(true);
    }
    // Host objects may answer for classes they are registered under (asyncio.Future...).
    if let (Value::Object(o), Value::Class(k)) = (v, spec) {
        if let Some(own) = o.class() {
            return Ok(own.is_subclass(k));
        }
    }
    Ok(false)
}

fn round_builtin(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let ndigits = args.take_kw("ndigits");
    check_count("round", &args, 1, 2)?;
    let nd = ndigits.or_else(|| args.pos.get(1).cloned()).filter(|v| !v.is_none());
    let x = args.pos[0].clone();
    match (as_number(&x), nd) {
        (Some(Num::Float(f)), None) => round::round_float_to_int(f)
            .map(Value::from_bigint)
            .map_err(|m| PyErr::new(if m.contains("NaN") { ExcKind::ValueError } else { ExcKind::OverflowError }, m)),
        (Some(Num::Float(f)), Some(n)) => Ok(Value::Float(round::round_float(f, int_arg(&n, "")?))),
        (Some(n @ (Num::Int(_) | Num::Big(_))), None) => Ok(Value::from_bigint(number::to_big(&n).unwrap_or_default())),
        (Some(n @ (Num::Int(_) | Num::Big(_))), Some(d)) => {
            let b = number::to_big(&n).unwrap_or_default();
            Ok(Value::from_bigint(round::round_int(&b, int_arg(&d, "")?)))
        }
        (None, nd) => {
            let extra = nd.map(|d| vec![d]).unwrap_or_default();
            match vm.call_special(&x, "__round__", extra) {
                Some(r) => r,
                None => Err(PyErr::type_error(format!(
                    "type {} doesn't define __round__ method",
                    class_name(&x)
                ))),
            }
        }
    }
}

/// Zero-argument `super()` reads the caller's `__class__` cell and first argument.
fn super_builtin(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() == 2 {
        let Value::Class(c) = &args.pos[0] else {
            return Err(PyErr::type_error("super() argument 1 must be a type"));
        };
        return Ok(Value::Super(Rc::new((c.clone(), args.pos[1].clone()))));
    }
    let frame = vm.frames.last().ok_or_else(|| PyErr::new(ExcKind::RuntimeError, "super(): no arguments"))?;
    let code = &frame.code;
    let ncell = code.cellvars.len();
    let class = code
        .freevars
        .iter()
        .position(|n| &**n == "__class__")
        .and_then(|i| frame.cells.get(ncell + i))
        .map(|c| c.borrow().clone());
    let Some(Value::Class(ref class)) = class else {
        return Err(PyErr::new(ExcKind::RuntimeError, "super(): __class__ cell not found"));
    };
    if code.argcount == 0 {
        return Err(PyErr::new(ExcKind::RuntimeError, "super(): no arguments"));
    }
    let first_name = &code.varnames[0];
    let this = match code.cellvars.iter().position(|n| n == first_name) {
        Some(ci) => frame.cells[ci].borrow().clone(),
        None => frame.stack[0].clone(),
    };
    if let Value::Undefined = this {
        return Err(PyErr::new(ExcKind::RuntimeError, "super(): arg[0] deleted"));
    }
    Ok(Value::Super(Rc::new((class.clone(), this))))
}

impl Vm {
    /// `len(v)`.
    pub fn len(&mut self, v: &Value) -> PyResult<usize> {
        Ok(match v {
            Value::Str(s) => super::super::text::methods::char_len(s),
            Value::List(l) => l.borrow().len(),
            Value::Tuple(t) => t.len(),
            Value::Dict(d) => d.borrow().len(),
            Value::Set(s) => s.borrow().len(),
            Value::FrozenSet(s) => s.len(),
            Value::Range(r) => r.len().max(0) as usize,
            Value::DictView(view) => view.0.borrow().len(),
            Value::Instance(_) => match self.call_special(v, "__len__", vec![]) {
                Some(r) => match r? {
                    Value::Int(i) if i >= 0 => i as usize,
                    Value::Int(_) => return Err(PyErr::value_error("__len__() should return >= 0")),
                    other => {
                        return Err(PyErr::type_error(format!(
                            "'{}' object cannot be interpreted as an integer",
                            class_name(&other)
                        )))
                    }
                },
                None => return Err(PyErr::type_error(format!("object of type '{}' has no len()", class_name(v)))),
            },
            Value::Object(o) => match o.call_method(v, self, "__len__", Args::default()) {
                Some(r) => match r? {
                    Value::Int(i) => i.max(0) as usize,
                    _ => 0,
                },
                None => return Err(PyErr::type_error(format!("object of type '{}' has no len()", o.type_name()))),
            },
            other => return Err(PyErr::type_error(format!("object of type '{}' has no len()", class_name(other)))),
        })
    }
}

#[allow(dead_code)]
fn unused() -> Value {
    Value::Class(types().object.clone())
}
