//! Tests: hand-picked cases plus a CPython 3.11 reference file
//! (`testdata/cpython311.tsv`, produced by running CPython 3.11.7).
#![allow(clippy::approx_constant)]

use super::float_repr::float_repr;
use super::percent::{percent_format, PercentArgs};
use super::radix::{int_to_decimal, int_to_radix, parse_float, parse_int, py_str_repr};
use super::round::{round_float, round_float_to_int, round_int, try_round_float};
use super::spec::{
    bigint_to_f64, exception_type_for, format_float, format_float_spec, format_int,
    format_int_spec, format_str, format_str_spec, parse_spec,
};
use super::str_format::{
    parse_format_string, render_format, render_format_str, Accessor, AutoNumber, FieldName,
    FieldRef, FormatTarget, Piece,
};
use num_bigint::BigInt;
use num_traits::{Pow, ToPrimitive};

const DATA: &str = include_str!("testdata/cpython311.tsv");

fn bi(s: &str) -> BigInt {
    s.parse().unwrap()
}

fn ff(x: f64, spec: &str) -> String {
    format_float_spec(x, spec).unwrap()
}

fn fi(v: i64, spec: &str) -> String {
    format_int_spec(&BigInt::from(v), spec).unwrap()
}

fn fs(s: &str, spec: &str) -> String {
    format_str_spec(s, spec).unwrap()
}

#[test]
fn brief_examples() {
    let line = [
        ff(3.14159265, ".2f"),
        ff(3.14159265, ".1f"),
        ff(3.14159265, ".0f"),
        ff(2.5, ".0f"),
        ff(0.125, ".2f"),
        ff(1.005, ".2f"),
    ]
    .join("|");
    assert_eq!(line, "3.14|3.1|3|2|0.12|1.00");
    let line = [
        fi(1234567, ","),
        fi(255, "x"),
        fi(255, "X"),
        fi(255, "b"),
        fi(8, "o"),
        ff(1234.5, ",.1f"),
    ]
    .join(" ");
    assert_eq!(line, "1,234,567 ff FF 11111111 10 1,234.5");
    let line = [
        ff(0.5, ".0%"),
        ff(0.256, ".1%"),
        ff(1e6, ".2e"),
        ff(12.0, "g"),
        ff(0.00001234, "g"),
    ]
    .join(" ");
    assert_eq!(line, "50% 25.6% 1.00e+06 12 1.234e-05");
    let line = format!(
        "[{}][{}][{}|][{}][{}]",
        fi(7, "03d"),
        fi(7, ">4"),
        fi(7, "<4"),
        fi(-7, "03d"),
        fi(7, "+d")
    );
    assert_eq!(line, "[007][   7][7   |][-07][+7]");
    let line = format!(
        "{}{}{}",
        fs("left", "*<8"),
        fs("right", "*>8"),
        fs("mid", "-^9")
    );
    assert_eq!(line, "left*******right---mid---");
    assert_eq!(round_float(2.675, 2), 2.67);
    assert_eq!(round_float(1234.5678, 1), 1234.6);
    assert_eq!(round_float(87.6, -1), 90.0);
    assert_eq!(round_float(80.4, -1), 80.0);
    assert_eq!(round_float(0.30000000000000004, 1), 0.3);
    assert_eq!(round_float(1.15, 1), 1.1);
    assert_eq!(round_float(1.05, 1), 1.1);
    assert_eq!(round_float(-83.7, -1), -80.0);
    assert_eq!(round_float(2.5, 0), 2.0);
    assert_eq!(round_float_to_int(2.5).unwrap(), BigInt::from(2));
    assert_eq!(round_float_to_int(-2.5).unwrap(), BigInt::from(-2));
    assert_eq!(round_float_to_int(0.5).unwrap(), BigInt::from(0));
    assert_eq!(
        round_float_to_int(f64::INFINITY).unwrap_err(),
        "cannot convert float infinity to integer"
    );
    assert_eq!(
        round_float_to_int(f64::NAN).unwrap_err(),
        "cannot convert float NaN to integer"
    );
    assert_eq!(round_int(&BigInt::from(1235), -1), BigInt::from(1240));
    assert_eq!(round_int(&BigInt::from(1245), -1), BigInt::from(1240));
    assert_eq!(round_int(&BigInt::from(1245), 2), BigInt::from(1245));
}

#[test]
fn repr_examples() {
    let cases: &[(f64, &str)] = &[
        (f64::INFINITY, "inf"),
        (f64::NEG_INFINITY, "-inf"),
        (f64::NAN, "nan"),
        (-0.0, "-0.0"),
        (0.0, "0.0"),
        (1e16, "1e+16"),
        (1e15, "1000000000000000.0"),
        (1e-5, "1e-05"),
        (0.0001, "0.0001"),
        (1.2345678901234567, "1.2345678901234567"),
        (1e100, "1e+100"),
        (123456789.0, "123456789.0"),
        (0.1, "0.1"),
        (5e-324, "5e-324"),
        (1.7976931348623157e308, "1.7976931348623157e+308"),
        (2e16 + 8.0, "2.000000000000001e+16"),
        (-250981825199640.62, "-250981825199640.62"),
    ];
    for &(x, want) in cases {
        assert_eq!(float_repr(x), want, "repr of {:e}", x);
    }
}

#[test]
fn radix_examples() {
    assert_eq!(int_to_radix(&BigInt::from(255), 16, true), "0xff");
    assert_eq!(int_to_radix(&BigInt::from(-5), 2, true), "-0b101");
    assert_eq!(int_to_radix(&BigInt::from(8), 8, true), "0o10");
    assert_eq!(int_to_radix(&BigInt::from(0), 16, true), "0x0");
    assert_eq!(int_to_radix(&BigInt::from(35), 36, false), "z");
    assert_eq!(int_to_radix(&BigInt::from(35), 99, false), "35");
    assert_eq!(parse_int(" 8 ", 10).unwrap(), BigInt::from(8));
    assert_eq!(parse_int("ff", 16).unwrap(), BigInt::from(255));
    assert_eq!(parse_int("0x1f", 0).unwrap(), BigInt::from(31));
    assert_eq!(parse_int("-1_000", 10).unwrap(), BigInt::from(-1000));
    assert_eq!(
        parse_int("x1", 10).unwrap_err(),
        "invalid literal for int() with base 10: 'x1'"
    );
    assert_eq!(
        parse_int("it's", 10).unwrap_err(),
        "invalid literal for int() with base 10: \"it's\""
    );
    assert_eq!(parse_float("1.50").unwrap(), 1.5);
    assert_eq!(parse_float(" -0.25 ").unwrap(), -0.25);
    assert_eq!(parse_float("-Infinity").unwrap(), f64::NEG_INFINITY);
    assert!(parse_float("nan").unwrap().is_nan());
    assert_eq!(parse_float("1_000.5").unwrap(), 1000.5);
    assert_eq!(
        parse_float("abc").unwrap_err(),
        "could not convert string to float: 'abc'"
    );
    assert_eq!(
        py_str_repr("a'b\"c\n\u{e9}\u{7}"),
        "'a\\'b\"c\\n\u{e9}\\x07'"
    );
}

#[test]
fn spec_struct_and_errors() {
    let s = parse_spec("*^+#012,.3f").unwrap();
    assert_eq!(s.fill, '*');
    assert_eq!(s.align, Some('^'));
    assert_eq!(s.sign, Some('+'));
    assert!(s.alternate);
    assert!(!s.zero_pad); // '0' after an explicit fill is part of the width
    assert_eq!(s.width, Some(12));
    assert_eq!(s.grouping, Some(','));
    assert_eq!(s.precision, Some(3));
    assert_eq!(s.ty, Some('f'));
    let z = parse_spec("010").unwrap();
    assert!(z.zero_pad && z.fill == '0' && z.width == Some(10) && z.align.is_none());
    assert_eq!(
        format_float(1.5, &parse_spec("d").unwrap()).unwrap_err(),
        "Unknown format code 'd' for object of type 'float'"
    );
    assert_eq!(
        format_str("a", &parse_spec("+").unwrap()).unwrap_err(),
        "Sign not allowed in string format specifier"
    );
    assert_eq!(
        format_str("a", &parse_spec("d").unwrap()).unwrap_err(),
        "Unknown format code 'd' for object of type 'str'"
    );
    assert_eq!(
        format_int(&BigInt::from(1), &parse_spec("s").unwrap()).unwrap_err(),
        "Unknown format code 's' for object of type 'int'"
    );
    // Never panics / never allocates absurd sizes.
    assert!(format_str_spec("a", "999999999999999999").is_err());
    assert!(format_float_spec(1.0, ".999999999999f").is_err());
    assert!(format_int_spec(&BigInt::from(1), "99999999999999999999").is_err());
    assert_eq!(
        exception_type_for("not enough arguments for format string"),
        "TypeError"
    );
}

#[test]
fn huge_precisions() {
    // (value, spec, len, first 25 chars, last 12 chars) from CPython 3.11.7.
    let cases: &[(f64, &str, usize, &str, &str)] = &[
        (
            1.5,
            ".70000f",
            70002,
            "1.50000000000000000000000",
            "000000000000",
        ),
        (
            0.1,
            ".70000e",
            70006,
            "1.00000000000000005551115",
            "00000000e-01",
        ),
        (
            1e300,
            ".70000g",
            301,
            "1000000000000000052504760",
            "459400540160",
        ),
        (
            5e-324,
            "#.70000g",
            70006,
            "4.94065645841246544176568",
            "0000000e-324",
        ),
        (
            -0.0,
            ".70000f",
            70003,
            "-0.0000000000000000000000",
            "000000000000",
        ),
        (
            2.5,
            ".100000%",
            100005,
            "250.000000000000000000000",
            "00000000000%",
        ),
        (
            1e-300,
            ".70000",
            756,
            "1.00000000000000002505909",
            "8828125e-300",
        ),
    ];
    for &(x, spec, len, head, tail) in cases {
        let r = ff(x, spec);
        assert_eq!(r.len(), len, "{x} {spec}");
        assert!(r.starts_with(head) && r.ends_with(tail), "{x} {spec}");
    }
    struct One(f64);
    impl PercentArgs for One {
        fn count(&self) -> usize {
            1
        }
        fn is_mapping(&self) -> bool {
            false
        }
        fn int_at(&self, _: usize) -> Result<BigInt, String> {
            Err("%d format: a real number is required, not float".into())
        }
        fn float_at(&self, _: usize) -> Result<f64, String> {
            Ok(self.0)
        }
        fn str_at(&self, _: usize) -> Result<String, String> {
            Ok(float_repr(self.0))
        }
        fn repr_at(&self, _: usize) -> Result<String, String> {
            Ok(float_repr(self.0))
        }
        fn key(&self, k: &str) -> Result<usize, String> {
            Err(py_str_repr(k))
        }
    }
    let r = percent_format("%.70000f", &One(2.5)).unwrap();
    assert!(r.len() == 70002 && r.starts_with("2.50000000") && r.ends_with("00000"));
    let r = percent_format("%.70000e", &One(0.1)).unwrap();
    assert!(r.len() == 70006 && r.starts_with("1.00000000") && r.ends_with("0000e-01"));
    assert_eq!(
        percent_format("%5.1f|%-6.2e|", &One(2.25)).unwrap_err(),
        "not enough arguments for format string"
    );
}

#[test]
fn bigint_to_float_rounding() {
    let two = BigInt::from(2);
    // 2**53 + 1 rounds to even (2**53); 2**53 + 3 rounds up.
    let p53: BigInt = Pow::pow(&two, 53u32);
    assert_eq!(bigint_to_f64(&(&p53 + 1)).unwrap(), 9007199254740992.0);
    assert_eq!(bigint_to_f64(&(&p53 + 3)).unwrap(), 9007199254740996.0);
    let big: BigInt = Pow::pow(&two, 1024u32);
    assert_eq!(
        bigint_to_f64(&big).unwrap_err(),
        "int too large to convert to float"
    );
    let just_below: BigInt = Pow::pow(&two, 1024u32) - Pow::pow(&two, 970u32);
    assert_eq!(
        bigint_to_f64(&just_below).unwrap_err(),
        "int too large to convert to float"
    );
    let max: BigInt = Pow::pow(&two, 1024u32) - Pow::pow(&two, 971u32);
    assert_eq!(bigint_to_f64(&max).unwrap(), f64::MAX);
    // Sticky bit beyond the top 64 bits breaks a tie upwards.
    let tie_plus: BigInt = (&p53 + 1) * Pow::pow(&two, 100u32) + 1;
    assert_eq!(
        bigint_to_f64(&tie_plus).unwrap(),
        (9007199254740994.0f64) * 2f64.powi(100)
    );
}

#[test]
fn format_string_structure() {
    let p = parse_format_string("a{{b}}{0.x[1][k]!r:>{w}}").unwrap();
    assert_eq!(p[0], Piece::Literal("a{b}".to_string()));
    match &p[1] {
        Piece::Field {
            name,
            accessors,
            conversion,
            spec,
        } => {
            assert_eq!(*name, FieldName::Index(0));
            assert_eq!(
                *accessors,
                vec![
                    Accessor::Attr("x".into()),
                    Accessor::Index(1),
                    Accessor::Key("k".into())
                ]
            );
            assert_eq!(*conversion, Some('r'));
            assert_eq!(spec[0], Piece::Literal(">".into()));
        }
        other => panic!("unexpected {:?}", other),
    }
    let mut an = AutoNumber::new();
    assert_eq!(an.resolve(&FieldName::Index(0)).unwrap(), Some(0));
    assert_eq!(
        an.resolve(&FieldName::Auto).unwrap_err(),
        "cannot switch from manual field specification to automatic field numbering"
    );
}

// ---------------------------------------------------------------------------
// Reference-data driven tests
// ---------------------------------------------------------------------------

fn unesc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some('\\') => out.push('\\'),
                Some(o) => {
                    out.push('\\');
                    out.push(o);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn pf(s: &str) -> f64 {
    match s {
        "nan" => f64::NAN,
        "inf" => f64::INFINITY,
        "-inf" => f64::NEG_INFINITY,
        _ => s.parse().unwrap_or_else(|_| panic!("bad float {s:?}")),
    }
}

/// Errors raised by the test doubles carry their exception type explicitly.
const TAGGED: char = '\u{1}';

fn tagged(ty: &str, msg: &str) -> String {
    format!("{TAGGED}{ty}: {msg}")
}

fn got_text(r: Result<String, String>) -> String {
    match r {
        Ok(s) => format!("OK\t{s}"),
        Err(e) => match e.strip_prefix(TAGGED) {
            Some(t) => format!("ERR\t{t}"),
            None => format!("ERR\t{}: {}", exception_type_for(&e), e),
        },
    }
}

#[derive(Clone, Debug)]
enum Val {
    Int(BigInt),
    Float(f64),
    Str(String),
    /// Placeholder for the mapping operand of `%` itself.
    Dict,
}

fn parse_val(s: &str) -> Val {
    let (t, v) = s.split_at(2);
    match t {
        "i:" => Val::Int(parse_int(v, 0).unwrap()),
        "f:" => Val::Float(pf(v)),
        _ => Val::Str(v.to_string()),
    }
}

fn val_str(v: &Val) -> Result<String, String> {
    match v {
        Val::Int(i) => int_to_decimal(i),
        Val::Float(f) => Ok(float_repr(*f)),
        Val::Str(s) => Ok(s.clone()),
        Val::Dict => Ok("{}".to_string()),
    }
}

fn val_repr(v: &Val) -> Result<String, String> {
    match v {
        Val::Str(s) => Ok(py_str_repr(s)),
        other => val_str(other),
    }
}

fn type_name(v: &Val) -> &'static str {
    match v {
        Val::Int(_) => "int",
        Val::Float(_) => "float",
        Val::Str(_) => "str",
        Val::Dict => "dict",
    }
}

struct TestArgs {
    vals: Vec<Val>,
    keys: Vec<String>,
    mapping: bool,
    positional: usize,
}

impl TestArgs {
    fn parse(enc: &str) -> TestArgs {
        let (kind, rest) = enc.split_at(1);
        let items: Vec<&str> = if rest.is_empty() {
            vec![]
        } else {
            rest.split('\u{1e}').collect()
        };
        match kind {
            "M" => {
                let mut keys = vec![];
                let mut vals = vec![Val::Dict];
                for it in items {
                    let (k, v) = it.split_once('=').unwrap();
                    keys.push(k.to_string());
                    vals.push(parse_val(v));
                }
                TestArgs {
                    vals,
                    keys,
                    mapping: true,
                    positional: 1,
                }
            }
            _ => {
                let vals: Vec<Val> = items.iter().map(|s| parse_val(s)).collect();
                let n = vals.len();
                TestArgs {
                    vals,
                    keys: vec![],
                    mapping: false,
                    positional: n,
                }
            }
        }
    }
}

impl PercentArgs for TestArgs {
    fn count(&self) -> usize {
        self.positional
    }
    fn is_mapping(&self) -> bool {
        self.mapping
    }
    fn int_at(&self, i: usize) -> Result<BigInt, String> {
        match &self.vals[i] {
            Val::Int(v) => Ok(v.clone()),
            Val::Float(f) => super::round::f64_to_bigint(*f).map_err(|e| {
                let ty = if f.is_nan() {
                    "ValueError"
                } else {
                    "OverflowError"
                };
                tagged(ty, &e)
            }),
            other => Err(format!(
                "%d format: a real number is required, not {}",
                type_name(other)
            )),
        }
    }
    fn int_for(&self, i: usize, conv: char) -> Result<BigInt, String> {
        match (&self.vals[i], conv) {
            (Val::Float(_), 'o' | 'x' | 'X') => {
                Err(format!("%{conv} format: an integer is required, not float"))
            }
            (Val::Float(_), 'c') => Err("%c requires int or char".into()),
            (v @ (Val::Str(_) | Val::Dict), 'o' | 'x' | 'X') => Err(format!(
                "%{conv} format: an integer is required, not {}",
                type_name(v)
            )),
            (v @ (Val::Str(_) | Val::Dict), _) => Err(format!(
                "%{conv} format: a real number is required, not {}",
                type_name(v)
            )),
            _ => self.int_at(i),
        }
    }
    fn star_at(&self, i: usize) -> Result<BigInt, String> {
        match &self.vals[i] {
            Val::Int(v) => Ok(v.clone()),
            _ => Err("* wants int".into()),
        }
    }
    fn is_str_at(&self, i: usize) -> bool {
        matches!(self.vals[i], Val::Str(_))
    }
    fn float_at(&self, i: usize) -> Result<f64, String> {
        match &self.vals[i] {
            Val::Int(v) => bigint_to_f64(v),
            Val::Float(f) => Ok(*f),
            other => Err(format!("must be real number, not {}", type_name(other))),
        }
    }
    fn str_at(&self, i: usize) -> Result<String, String> {
        if self.mapping && i == 0 {
            // str(dict) for the bare "%s" case
            let body: Vec<String> = self
                .keys
                .iter()
                .zip(&self.vals[1..])
                .map(|(k, v)| format!("{}: {}", py_str_repr(k), val_repr(v).unwrap()))
                .collect();
            return Ok(format!("{{{}}}", body.join(", ")));
        }
        val_str(&self.vals[i])
    }
    fn repr_at(&self, i: usize) -> Result<String, String> {
        if self.mapping && i == 0 {
            return self.str_at(0);
        }
        val_repr(&self.vals[i])
    }
    fn key(&self, name: &str) -> Result<usize, String> {
        self.keys
            .iter()
            .position(|k| k == name)
            .map(|p| p + 1)
            .ok_or_else(|| tagged("KeyError", &py_str_repr(name)))
    }
}

struct TestTarget {
    args: Vec<Val>,
    kwargs: Vec<(String, Val)>,
}

impl FormatTarget for TestTarget {
    type Value = Val;
    fn lookup(&mut self, field: FieldRef<'_>) -> Result<Val, String> {
        match field {
            FieldRef::Index(i) => self.args.get(i).cloned().ok_or_else(|| {
                tagged(
                    "IndexError",
                    &format!("Replacement index {i} out of range for positional args tuple"),
                )
            }),
            FieldRef::Keyword(k) => self
                .kwargs
                .iter()
                .find(|(n, _)| n == k)
                .map(|(_, v)| v.clone())
                .ok_or_else(|| tagged("KeyError", &py_str_repr(k))),
        }
    }
    fn access(&mut self, v: Val, a: &Accessor) -> Result<Val, String> {
        match (a, &v) {
            (Accessor::Index(i), Val::Str(s)) => match s.chars().nth(*i) {
                Some(c) => Ok(Val::Str(c.to_string())),
                None => Err(tagged("IndexError", "string index out of range")),
            },
            (Accessor::Key(_), Val::Str(_)) => Err(tagged(
                "TypeError",
                "string indices must be integers, not 'str'",
            )),
            (Accessor::Attr(n), v) => Err(tagged(
                "AttributeError",
                &format!(
                    "'{}' object has no attribute {}",
                    type_name(v),
                    py_str_repr(n)
                ),
            )),
            (_, v) => Err(tagged(
                "TypeError",
                &format!("'{}' object is not subscriptable", type_name(v)),
            )),
        }
    }
    fn convert(&mut self, v: Val, c: char) -> Result<Val, String> {
        Ok(Val::Str(match c {
            'r' => val_repr(&v)?,
            'a' => super::radix::ascii_escape(&val_repr(&v)?),
            _ => val_str(&v)?,
        }))
    }
    fn format(&mut self, v: Val, spec: &str) -> Result<String, String> {
        match v {
            Val::Int(i) => format_int_spec(&i, spec),
            Val::Float(f) => format_float_spec(f, spec),
            Val::Str(s) => format_str_spec(&s, spec),
            Val::Dict => Ok("{}".to_string()),
        }
    }
}

fn big_from_parts(enc: &str) -> BigInt {
    let p: Vec<i64> = enc.split(',').map(|x| x.parse().unwrap()).collect();
    let v: BigInt = Pow::pow(&BigInt::from(p[1]), p[2] as u32) + p[3];
    v * p[0]
}

fn run_case(f: &[String]) -> Option<(String, String)> {
    let expected = f[f.len() - 2..].join("\t");
    let got = match f[0].as_str() {
        "repr" => {
            let x = f64::from_bits(u64::from_str_radix(&f[1], 16).unwrap());
            return (float_repr(x) != f[2]).then(|| (f[2].clone(), float_repr(x)));
        }
        "ffmt" => got_text(format_float_spec(pf(&f[1]), &f[2])),
        "ifmt" => got_text(format_int_spec(&bi(&f[1]), &f[2])),
        "ifmt_big" => got_text(format_int_spec(&big_from_parts(&f[1]), &f[2]).map(|s| {
            format!(
                "len={}:{}",
                s.chars().count(),
                s.chars().take(40).collect::<String>()
            )
        })),
        "sfmt" => got_text(format_str_spec(&f[1], &f[2])),
        "rfloat" => {
            let nd: i64 = f[2].parse().unwrap();
            got_text(try_round_float(pf(&f[1]), nd).map(float_repr))
        }
        "rint" => got_text(round_float_to_int(pf(&f[1])).map(|v| v.to_string())),
        "rnint" => got_text(Ok(round_int(&bi(&f[1]), f[2].parse().unwrap()).to_string())),
        "radix" => got_text(Ok(int_to_radix(
            &bi(&f[1]),
            f[2].parse().unwrap(),
            &f[3] == "1",
        ))),
        "pint" => {
            let base: u32 = f[2].parse().unwrap();
            got_text(parse_int(&f[1], base).map(|v| v.to_string()))
        }
        "pint_rep" => {
            let s = format!("{}{}", f[1].repeat(f[2].parse().unwrap()), f[3]);
            let base: u32 = f[4].parse().unwrap();
            got_text(parse_int(&s, base).map(|v| {
                if base == 10 {
                    format!("len={}", v.to_string().len())
                } else {
                    format!("bits={}", v.bits())
                }
            }))
        }
        "pfloat" => got_text(parse_float(&f[1]).map(float_repr)),
        "srepr" => got_text(Ok(py_str_repr(&f[1]))),
        "sascii" => got_text(Ok(super::radix::ascii_escape(&py_str_repr(&f[1])))),
        "pct" => got_text(percent_format(&f[1], &TestArgs::parse(&f[2]))),
        "sfmt_call" => {
            let args = [
                "i:0x2a",
                "f:-3.5",
                "s:abc",
                "i:0x12d687",
                "f:0.125",
                "s:\u{e9}t\u{e9}",
            ];
            let mut target = TestTarget {
                args: args.iter().map(|s| parse_val(s)).collect(),
                kwargs: vec![
                    ("name".into(), Val::Str("bob".into())),
                    ("x".into(), Val::Float(2.675)),
                    ("n".into(), Val::Int(BigInt::from(255))),
                    ("w".into(), Val::Int(BigInt::from(8))),
                    ("p".into(), Val::Int(BigInt::from(3))),
                ],
            };
            let lazy = render_format_str(&f[1], &mut AutoNumber::new(), &mut target);
            // The pre-parsed path must agree whenever parsing succeeds and rendering does too.
            if let (Ok(p), Ok(l)) = (parse_format_string(&f[1]), &lazy) {
                let eager = render_format(&p, &mut AutoNumber::new(), &mut target);
                assert_eq!(eager.as_ref(), Ok(l), "eager/lazy mismatch for {:?}", f[1]);
            }
            got_text(lazy)
        }
        other => panic!("unknown case kind {other}"),
    };
    // Expected text for errors is "ERR\tType: message".
    (got != expected).then_some((expected, got))
}

fn run_data(data: &str) -> (usize, Vec<String>) {
    let mut n = 0;
    let mut failures = vec![];
    for line in data.lines() {
        if line.is_empty() {
            continue;
        }
        n += 1;
        let fields: Vec<String> = line.split('\t').map(unesc).collect();
        if let Some((want, got)) = run_case(&fields) {
            failures.push(format!(
                "{:?}\n    want {:?}\n    got  {:?}",
                &fields[..fields.len() - 2],
                want,
                got
            ));
        }
    }
    (n, failures)
}

#[test]
fn cpython_reference_data() {
    let (n, failures) = run_data(DATA);
    assert!(n > 5000, "reference data too small: {n}");
    if !failures.is_empty() {
        let shown: Vec<&String> = failures.iter().take(40).collect();
        panic!(
            "{} of {} reference cases failed:\n{}",
            failures.len(),
            n,
            shown
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

/// Large randomized comparison: `FMTLIB_BIG_DATA=/path/file.tsv cargo test -- --ignored`.
#[test]
#[ignore]
fn cpython_reference_data_big() {
    let path = std::env::var("FMTLIB_BIG_DATA").expect("set FMTLIB_BIG_DATA");
    let data = std::fs::read_to_string(path).unwrap();
    let (n, failures) = run_data(&data);
    if !failures.is_empty() {
        let shown: Vec<&String> = failures.iter().take(60).collect();
        panic!(
            "{} of {} cases failed:\n{}",
            failures.len(),
            n,
            shown
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    eprintln!("{n} big reference cases passed");
}

#[test]
fn ints_to_float_consistency() {
    // Spot-check bigint_to_f64 against the std parser on decimal text.
    for s in [
        "123456789012345678901234567890",
        "-98765432109876543210987654321",
        "9007199254740993",
        "18446744073709551615",
    ] {
        let v = bi(s);
        assert_eq!(bigint_to_f64(&v).unwrap(), s.parse::<f64>().unwrap(), "{s}");
        assert!(v.to_f64().is_some());
    }
}
