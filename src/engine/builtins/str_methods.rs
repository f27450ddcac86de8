//! `str` methods: argument handling around `engine::text`, plus `join` and `format`.

use std::rc::Rc;

use super::super::format::str_format::{self, Accessor, FieldName, Piece};
use super::super::text::methods as m;
use super::super::value::types::class_name;
use super::super::value::{Args, ExcKind, Value};
use super::super::vm::{PyErr, PyResult, Vm};
use super::{check_count, int_arg};

pub const NAMES: &[&str] = &[
    "upper", "lower", "title", "capitalize", "swapcase", "casefold", "strip", "lstrip", "rstrip", "split", "rsplit",
    "splitlines", "partition", "rpartition", "find", "rfind", "index", "rindex", "count", "replace", "startswith",
    "endswith", "center", "ljust", "rjust", "zfill", "expandtabs", "join", "format", "format_map", "isalpha", "isdigit",
    "isdecimal", "isnumeric", "isalnum", "isspace", "islower", "isupper", "istitle", "isidentifier", "isprintable",
    "isascii", "removeprefix", "removesuffix", "encode",
];

fn opt_str<'a>(v: Option<&'a Value>, fname: &str) -> PyResult<Option<&'a str>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s)),
        Some(other) => Err(PyErr::type_error(format!(
            "{fname} arg must be None or str, not {}",
            class_name(other)
        ))),
    }
}

fn need_str<'a>(v: &'a Value, fname: &str) -> PyResult<&'a str> {
    match v {
        Value::Str(s) => Ok(s),
        other => Err(PyErr::type_error(format!(
            "{fname}() argument must be str, not {}",
            class_name(other)
        ))),
    }
}

fn opt_index(v: Option<&Value>) -> PyResult<Option<i64>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => int_arg(v, "slice indices must be integers or None or have an __index__ method; ").map(Some),
    }
}

fn fill_char(v: Option<&Value>, fname: &str) -> PyResult<char> {
    match v {
        None => Ok(' '),
        Some(Value::Str(s)) if s.chars().count() == 1 => Ok(s.chars().next().unwrap_or(' ')),
        Some(_) => Err(PyErr::type_error(format!(
            "The fill character must be exactly one character long"
        )))
        .map_err(|e: PyErr| {
            let _ = fname;
            e
        }),
    }
}

fn size_err(e: m::SizeError) -> PyErr {
    match e {
        m::SizeError::Memory => PyErr::new(ExcKind::MemoryError, ""),
        m::SizeError::Overflow(msg) => PyErr::new(ExcKind::OverflowError, msg),
    }
}

fn strings(v: Vec<String>) -> Value {
    Value::list(v.into_iter().map(Value::string).collect())
}

pub fn call(vm: &mut Vm, s: &Rc<str>, name: &str, mut args: Args) -> Option<PyResult<Value>> {
    if !NAMES.contains(&name) {
        return None;
    }
    // Nearly every method reads the whole string: charge it (the budgets count work).
    if !matches!(name, "startswith" | "endswith" | "removeprefix" | "removesuffix") {
        if let Err(e) = vm.charge_bytes(s.len()) {
            return Some(Err(e));
        }
    }
    Some(call_inner(vm, s, name, &mut args))
}

fn call_inner(vm: &mut Vm, s: &Rc<str>, name: &str, args: &mut Args) -> PyResult<Value> {
    let a = |i: usize| args.pos.get(i);
    let pred = |f: fn(&str) -> bool| -> PyResult<Value> { Ok(Value::Bool(f(s))) };
    match name {
        "upper" => Ok(Value::string(m::upper(s))),
        "lower" => Ok(Value::string(m::lower(s))),
        "title" => Ok(Value::string(m::title(s))),
        "capitalize" => Ok(Value::string(m::capitalize(s))),
        "swapcase" => Ok(Value::string(m::swapcase(s))),
        "casefold" => Ok(Value::string(m::casefold(s))),
        "strip" | "lstrip" | "rstrip" => {
            check_count(name, args, 0, 1)?;
            let chars = opt_str(a(0), name)?;
            let r = match name {
                "strip" => m::strip(s, chars),
                "lstrip" => m::lstrip(s, chars),
                _ => m::rstrip(s, chars),
            };
            Ok(if r.len() == s.len() { Value::Str(s.clone()) } else { Value::str(r) })
        }
        "split" | "rsplit" => {
            let sep = args.take_kw("sep");
            let maxsplit = args.take_kw("maxsplit");
            let sep = sep.or_else(|| args.pos.first().cloned());
            let maxsplit = match maxsplit.or_else(|| args.pos.get(1).cloned()) {
                Some(v) => int_arg(&v, "")?,
                None => -1,
            };
            let sep = opt_str(sep.as_ref(), name)?;
            let r = if name == "split" { m::split(s, sep, maxsplit) } else { m::rsplit(s, sep, maxsplit) };
            r.map(strings).map_err(PyErr::value_error)
        }
        "splitlines" => {
            let keep = match args.take_kw("keepends").or_else(|| args.pos.first().cloned()) {
                Some(v) => vm.truthy(&v)?,
                None => false,
            };
            Ok(strings(m::splitlines(s, keep)))
        }
        "partition" | "rpartition" => {
            check_count(name, args, 1, 1)?;
            let sep = need_str(&args.pos[0], name)?;
            let r = if name == "partition" { m::partition(s, sep) } else { m::rpartition(s, sep) };
            let (x, y, z) = r.map_err(PyErr::value_error)?;
            Ok(Value::tuple(vec![Value::string(x), Value::string(y), Value::string(z)]))
        }
        "find" | "rfind" | "index" | "rindex" | "count" => {
            check_count(name, args, 1, 3)?;
            let sub = need_str(&args.pos[0], name)?;
            let (start, end) = (opt_index(a(1))?, opt_index(a(2))?);
            let r = match name {
                "find" | "index" => m::find(s, sub, start, end),
                "count" => return Ok(Value::Int(m::count(s, sub, start, end))),
                _ => m::rfind(s, sub, start, end),
            };
            if r < 0 && (name == "index" || name == "rindex") {
                return Err(PyErr::value_error("substring not found"));
            }
            Ok(Value::Int(r))
        }
        "replace" => {
            check_count("replace", args, 2, 3)?;
            let old = need_str(&args.pos[0], "replace")?;
            let new = need_str(&args.pos[1], "replace")?;
            let count = match a(2) {
                Some(v) => int_arg(v, "")?,
                None => -1,
            };
            let n = if old.is_empty() { m::char_len(s) + 1 } else { m::count(s, old, None, None) as usize };
            let n = if count >= 0 { n.min(count as usize) } else { n };
            vm.reserve(n.saturating_mul(new.len()).saturating_add(s.len()))?;
            m::try_replace(s, old, new, count).map(Value::string).map_err(size_err)
        }
        "startswith" | "endswith" => {
            check_count(name, args, 1, 3)?;
            let (start, end) = (opt_index(a(1))?, opt_index(a(2))?);
            let test = |p: &str| if name == "startswith" { m::startswith(s, p, start, end) } else { m::endswith(s, p, start, end) };
            match &args.pos[0] {
                Value::Str(p) => Ok(Value::Bool(test(p))),
                Value::Tuple(t) => {
                    for p in t.iter() {
                        if test(need_str(p, name)?) {
                            return Ok(Value::Bool(true));
                        }
                    }
                    Ok(Value::Bool(false))
                }
                other => Err(PyErr::type_error(format!(
                    "{name} first arg must be str or a tuple of str, not {}",
                    class_name(other)
                ))),
            }
        }
        "center" | "ljust" | "rjust" => {
            check_count(name, args, 1, 2)?;
            let width = int_arg(&args.pos[0], "")?;
            let fill = fill_char(a(1), name)?;
            vm.reserve(width.max(0) as usize)?;
            let r = match name {
                "center" => m::try_center(s, width, fill),
                "ljust" => m::try_ljust(s, width, fill),
                _ => m::try_rjust(s, width, fill),
            };
            r.map(Value::string).map_err(size_err)
        }
        "zfill" => {
            check_count("zfill", args, 1, 1)?;
            let width = int_arg(&args.pos[0], "")?;
            vm.reserve(width.max(0) as usize)?;
            m::try_zfill(s, width).map(Value::string).map_err(size_err)
        }
        "expandtabs" => {
            let size = match args.take_kw("tabsize").or_else(|| args.pos.first().cloned()) {
                Some(v) => int_arg(&v, "")?,
                None => 8,
            };
            vm.reserve((size.max(0) as usize).saturating_mul(s.len()))?;
            m::try_expandtabs(s, size).map(Value::string).map_err(size_err)
        }
        "join" => {
            check_count("join", args, 1, 1)?;
            let items = vm.collect(args.pos[0].clone())?;
            vm.charge(items.len() as u64 * 2);
            let total = items.iter().map(|it| if let Value::Str(p) = it { p.len() } else { 0 }).fold(0usize, usize::saturating_add);
            vm.reserve(total.saturating_add(s.len().saturating_mul(items.len())))?;
            let mut out = String::new();
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(s);
                }
                match it {
                    Value::Str(p) => out.push_str(p),
                    other => {
                        return Err(PyErr::type_error(format!(
                            "sequence item {i}: expected str instance, {} found",
                            class_name(other)
                        )))
                    }
                }
            }
            Ok(Value::string(out))
        }
        "format" => {
            let pos = args.pos.to_vec();
            let kw = std::mem::take(&mut args.kw);
            str_format(vm, s, &pos, &kw).map(Value::string)
        }
        "format_map" => {
            check_count("format_map", args, 1, 1)?;
            let mapping = args.pos[0].clone();
            str_format_mapping(vm, s, mapping).map(Value::string)
        }
        "isalpha" => pred(m::isalpha),
        "isdigit" => pred(m::isdigit),
        "isdecimal" => pred(m::isdecimal),
        "isnumeric" => pred(m::isnumeric),
        "isalnum" => pred(m::isalnum),
        "isspace" => pred(m::isspace),
        "islower" => pred(m::islower),
        "isupper" => pred(m::isupper),
        "istitle" => pred(m::istitle),
        "isidentifier" => pred(m::isidentifier),
        "isprintable" => pred(m::isprintable),
        "isascii" => pred(m::isascii),
        "removeprefix" | "removesuffix" => {
            check_count(name, args, 1, 1)?;
            let p = need_str(&args.pos[0], name)?;
            let r = if name == "removeprefix" { m::removeprefix(s, p) } else { m::removesuffix(s, p) };
            Ok(Value::str(r))
        }
        "encode" => Err(PyErr::new(ExcKind::NotImplementedError, "bytes are not supported by aiotutor yet")),
        _ => Err(PyErr::internal("str method listed but not implemented")),
    }
}

/// `str.format(*args, **kwargs)`.
pub fn str_format(vm: &mut Vm, fmt: &str, pos: &[Value], kw: &[(Rc<str>, Value)]) -> PyResult<String> {
    let pieces = str_format::parse_format_string(fmt).map_err(PyErr::value_error)?;
    let mut auto = 0usize;
    let mut manual = false;
    let mut out = String::new();
    render(vm, &pieces, pos, kw, None, &mut auto, &mut manual, &mut out, 0)?;
    Ok(out)
}

fn str_format_mapping(vm: &mut Vm, fmt: &str, mapping: Value) -> PyResult<String> {
    let pieces = str_format::parse_format_string(fmt).map_err(PyErr::value_error)?;
    let mut auto = 0usize;
    let mut manual = false;
    let mut out = String::new();
    render(vm, &pieces, &[], &[], Some(&mapping), &mut auto, &mut manual, &mut out, 0)?;
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn render(
    vm: &mut Vm,
    pieces: &[Piece],
    pos: &[Value],
    kw: &[(Rc<str>, Value)],
    mapping: Option<&Value>,
    auto: &mut usize,
    manual: &mut bool,
    out: &mut String,
    depth: usize,
) -> PyResult<()> {
    if depth > 2 {
        return Err(PyErr::value_error("Max string recursion exceeded"));
    }
    for piece in pieces {
        match piece {
            Piece::Literal(s) => out.push_str(s),
            Piece::Field { name, accessors, conversion, spec } => {
                let mut v = match name {
                    FieldName::Auto => {
                        if *manual {
                            return Err(PyErr::value_error(
                                "cannot switch from manual field specification to automatic field numbering",
                            ));
                        }
                        let i = *auto;
                        *auto += 1;
                        pos.get(i).cloned().ok_or_else(|| {
                            PyErr::new(ExcKind::IndexError, format!("Replacement index {i} out of range for positional args tuple"))
                        })?
                    }
                    FieldName::Index(i) => {
                        if *auto > 0 {
                            return Err(PyErr::value_error(
                                "cannot switch from automatic field numbering to manual field specification",
                            ));
                        }
                        *manual = true;
                        pos.get(*i).cloned().ok_or_else(|| {
                            PyErr::new(ExcKind::IndexError, format!("Replacement index {i} out of range for positional args tuple"))
                        })?
                    }
                    FieldName::Keyword(k) => match mapping {
                        Some(m) => vm.get_item(m, &Value::string(k.clone()))?,
                        None => kw
                            .iter()
                            .find(|(n, _)| &**n == k.as_str())
                            .map(|(_, v)| v.clone())
                            .ok_or_else(|| PyErr::with_args(ExcKind::KeyError, vec![Value::string(k.clone())]))?,
                    },
                };
                for acc in accessors {
                    v = match acc {
                        Accessor::Attr(a) => vm.get_attr(&v, a)?,
                        Accessor::Index(i) => vm.get_item(&v, &Value::Int(*i as i64))?,
                        Accessor::Key(k) => vm.get_item(&v, &Value::string(k.clone()))?,
                    };
                }
                let v = match conversion {
                    Some('r') => Value::string(vm.repr(&v)?),
                    Some('s') => Value::string(vm.str(&v)?),
                    Some('a') => Value::string(super::super::text::repr::str_ascii(&vm.repr(&v)?)),
                    _ => v,
                };
                let mut spec_text = String::new();
                render(vm, spec, pos, kw, mapping, auto, manual, &mut spec_text, depth + 1)?;
                out.push_str(&vm.format(&v, &spec_text)?);
            }
        }
    }
    Ok(())
}
