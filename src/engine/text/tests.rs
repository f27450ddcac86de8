//! Tests for `engine::text` against CPython 3.11.7.
//!
//! `str_cases.txt` is produced by `gen_test_cases.py` (format documented
//! there).  A much larger set (every code point, plus fuzz) can be checked
//! with:
//!     python3 gen_test_cases.py --full > /tmp/full.txt
//!     STRLIB_FULL_CASES=/tmp/full.txt cargo test --release -- --ignored

use super::super::repr::{str_ascii, str_repr};
use super::*;

static CASES: &str = include_str!("str_cases.txt");

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    S(String),
    N,
    I(i64),
    B(bool),
    L(Vec<String>),
    P(String, String, String),
    E(String),
}

fn unesc(s: &str) -> Result<String, String> {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('\\') => out.push('\\'),
            Some('p') => out.push('|'),
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('u') => {
                if it.next() != Some('{') {
                    return Err(format!("bad escape in {s:?}"));
                }
                let hex: String = it.by_ref().take_while(|&c| c != '}').collect();
                let cp = u32::from_str_radix(&hex, 16).map_err(|e| e.to_string())?;
                out.push(char::from_u32(cp).ok_or("bad code point")?);
            }
            other => return Err(format!("bad escape {other:?} in {s:?}")),
        }
    }
    Ok(out)
}

fn parse_tok(t: &str) -> Result<Tok, String> {
    let mut chars = t.chars();
    let tag = chars.next().ok_or("empty token")?;
    let rest = chars.as_str();
    Ok(match tag {
        'N' => Tok::N,
        'T' => Tok::B(true),
        'F' => Tok::B(false),
        'i' => Tok::I(rest.parse().map_err(|e| format!("{e}: {t}"))?),
        's' => Tok::S(unesc(rest)?),
        'E' => Tok::E(unesc(rest)?),
        'L' => {
            let mut parts = rest.split('|');
            let n: usize = parts
                .next()
                .unwrap_or("")
                .parse()
                .map_err(|e| format!("{e}: {t}"))?;
            let items = parts.map(unesc).collect::<Result<Vec<_>, _>>()?;
            if items.len() != n {
                return Err(format!("bad list token {t}"));
            }
            Tok::L(items)
        }
        'P' => {
            let items = rest
                .split('|')
                .skip(1)
                .map(unesc)
                .collect::<Result<Vec<_>, _>>()?;
            match <[String; 3]>::try_from(items) {
                Ok([a, b, c]) => Tok::P(a, b, c),
                Err(_) => return Err(format!("bad tuple token {t}")),
            }
        }
        _ => return Err(format!("unknown token {t}")),
    })
}

fn s_of(t: &Tok) -> &str {
    match t {
        Tok::S(s) => s,
        other => panic!("expected str, got {other:?}"),
    }
}

fn os_of(t: &Tok) -> Option<&str> {
    match t {
        Tok::N => None,
        other => Some(s_of(other)),
    }
}

fn i_of(t: &Tok) -> i64 {
    match t {
        Tok::I(i) => *i,
        other => panic!("expected int, got {other:?}"),
    }
}

fn oi_of(t: &Tok) -> Option<i64> {
    match t {
        Tok::N => None,
        other => Some(i_of(other)),
    }
}

fn b_of(t: &Tok) -> bool {
    match t {
        Tok::B(b) => *b,
        other => panic!("expected bool, got {other:?}"),
    }
}

fn ch_of(t: &Tok) -> char {
    let s = s_of(t);
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => c,
        _ => panic!("expected one char, got {s:?}"),
    }
}

fn list(v: Result<Vec<String>, String>) -> Tok {
    match v {
        Ok(v) => Tok::L(v),
        Err(e) => Tok::E(e),
    }
}

fn tuple(v: Result<(String, String, String), String>) -> Tok {
    match v {
        Ok((a, b, c)) => Tok::P(a, b, c),
        Err(e) => Tok::E(e),
    }
}

fn st(s: impl Into<String>) -> Tok {
    Tok::S(s.into())
}

fn cases_of(s: &str) -> Vec<String> {
    vec![
        upper(s),
        lower(s),
        title(s),
        capitalize(s),
        swapcase(s),
        casefold(s),
    ]
}

fn preds_of(s: &str) -> Vec<String> {
    [
        isalpha(s),
        isdigit(s),
        isdecimal(s),
        isnumeric(s),
        isalnum(s),
        isspace(s),
        islower(s),
        isupper(s),
        istitle(s),
        isidentifier(s),
        isprintable(s),
        isascii(s),
    ]
    .iter()
    .map(|&b| if b { "T".to_string() } else { "F".to_string() })
    .collect()
}

fn run(op: &str, a: &[Tok]) -> Tok {
    let s = s_of(&a[0]);
    match op {
        "cases" => Tok::L(cases_of(s)),
        "preds" => Tok::L(preds_of(s)),
        "char" => {
            let mut v = cases_of(s);
            v.extend(preds_of(s));
            v.push(str_repr(s));
            v.push(str_ascii(s));
            Tok::L(v)
        }
        "upper" => st(upper(s)),
        "lower" => st(lower(s)),
        "title" => st(title(s)),
        "capitalize" => st(capitalize(s)),
        "swapcase" => st(swapcase(s)),
        "casefold" => st(casefold(s)),
        "repr" => st(str_repr(s)),
        "ascii" => st(str_ascii(s)),
        "char_len" => Tok::I(char_len(s) as i64),
        "splitlines" => Tok::L(splitlines(s, b_of(&a[1]))),
        "strip" => st(strip(s, os_of(&a[1]))),
        "lstrip" => st(lstrip(s, os_of(&a[1]))),
        "rstrip" => st(rstrip(s, os_of(&a[1]))),
        "split" => list(split(s, os_of(&a[1]), i_of(&a[2]))),
        "rsplit" => list(rsplit(s, os_of(&a[1]), i_of(&a[2]))),
        "partition" => tuple(partition(s, s_of(&a[1]))),
        "rpartition" => tuple(rpartition(s, s_of(&a[1]))),
        "find" => Tok::I(find(s, s_of(&a[1]), oi_of(&a[2]), oi_of(&a[3]))),
        "rfind" => Tok::I(rfind(s, s_of(&a[1]), oi_of(&a[2]), oi_of(&a[3]))),
        "count" => Tok::I(count(s, s_of(&a[1]), oi_of(&a[2]), oi_of(&a[3]))),
        "startswith" => Tok::B(startswith(s, s_of(&a[1]), oi_of(&a[2]), oi_of(&a[3]))),
        "endswith" => Tok::B(endswith(s, s_of(&a[1]), oi_of(&a[2]), oi_of(&a[3]))),
        "replace" => st(replace(s, s_of(&a[1]), s_of(&a[2]), i_of(&a[3]))),
        "center" => st(center(s, i_of(&a[1]), ch_of(&a[2]))),
        "ljust" => st(ljust(s, i_of(&a[1]), ch_of(&a[2]))),
        "rjust" => st(rjust(s, i_of(&a[1]), ch_of(&a[2]))),
        "zfill" => st(zfill(s, i_of(&a[1]))),
        "expandtabs" => st(expandtabs(s, i_of(&a[1]))),
        "removeprefix" => st(removeprefix(s, s_of(&a[1]))),
        "removesuffix" => st(removesuffix(s, s_of(&a[1]))),
        "char_at" => match char_at(s, i_of(&a[1])) {
            Some(c) => st(c.to_string()),
            None => Tok::N,
        },
        "slice" => st(slice(
            s,
            oi_of(&a[1]),
            oi_of(&a[2]),
            oi_of(&a[3]).unwrap_or(1),
        )),
        "cmp" => Tok::I(match py_str_lt(s, s_of(&a[1])) {
            Ordering::Less => -1,
            Ordering::Equal => 0,
            Ordering::Greater => 1,
        }),
        other => panic!("unknown op {other}"),
    }
}

/// Check every line; returns (number of cases, failure descriptions).
fn check_cases(text: &str) -> (usize, Vec<String>) {
    let mut n = 0;
    let mut failures = Vec::new();
    for (lineno, line) in text.split('\n').enumerate() {
        if line.is_empty() {
            continue;
        }
        n += 1;
        let fields: Vec<&str> = line.split('\t').collect();
        let parsed: Result<Vec<Tok>, String> = fields[1..].iter().map(|t| parse_tok(t)).collect();
        let toks = match parsed {
            Ok(t) if t.len() >= 2 => t,
            Ok(_) => {
                failures.push(format!("line {}: too few fields", lineno + 1));
                continue;
            }
            Err(e) => {
                failures.push(format!("line {}: {e}", lineno + 1));
                continue;
            }
        };
        let (expected, args) = toks.split_last().expect("checked length");
        let got = run(fields[0], args);
        if &got != expected {
            failures.push(format!(
                "line {}: {}{:?}\n    expected {:?}\n    got      {:?}",
                lineno + 1,
                fields[0],
                args,
                expected,
                got
            ));
        }
    }
    (n, failures)
}

fn assert_all_pass(text: &str, min_cases: usize) {
    let (n, failures) = check_cases(text);
    for f in failures.iter().take(40) {
        eprintln!("{f}");
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed",
        failures.len(),
        n
    );
    assert!(n >= min_cases, "only {n} cases");
    eprintln!("{n} cases passed");
}

#[test]
fn cpython_generated_cases() {
    assert_all_pass(CASES, 7000);
}

#[test]
#[ignore = "needs STRLIB_FULL_CASES=<file from gen_test_cases.py --full>"]
fn cpython_full_cases() {
    let path = std::env::var("STRLIB_FULL_CASES").expect("set STRLIB_FULL_CASES");
    let text = std::fs::read_to_string(path).expect("read full cases");
    assert_all_pass(&text, 1_000_000);
}

fn v(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn spec_examples() {
    assert_eq!(title("Hello, World"), "Hello, World");
    assert_eq!(swapcase("Hello, World"), "hELLO, wORLD");
    assert_eq!(split("a b  c", None, -1).unwrap(), v(&["a", "b", "c"]));
    assert_eq!(
        split("a,b,,c", Some(","), -1).unwrap(),
        v(&["a", "b", "", "c"])
    );
    assert_eq!(split("k=v=w", Some("="), 1).unwrap(), v(&["k", "v=w"]));
    assert_eq!(split("x", Some(""), -1), Err("empty separator".to_string()));
    assert_eq!(strip("xxhixx", Some("x")), "hi");
    assert_eq!(center("x", 5, '*'), "**x**");
    assert_eq!(zfill("7", 3), "007");
    assert_eq!(zfill("-7", 4), "-007");
    assert_eq!(ljust("ab", 4, '.'), "ab..");
    assert_eq!(rsplit("a-b-c", Some("-"), 1).unwrap(), v(&["a-b", "c"]));
    assert_eq!(count(&lower("Mississippi"), "ss", None, None), 2);
    assert_eq!(
        splitlines("one\ntwo\nthree", false),
        v(&["one", "two", "three"])
    );
    assert_eq!(slice("Hello, World", None, None, -1), "dlroW ,olleH");
    assert_eq!(slice("Hello, World", None, None, 2), "Hlo ol");
    assert_eq!(slice("Hello, World", Some(-5), Some(-1), 1), "Worl");
    let reprs: Vec<String> = ["it's", "say \"hi\"", "tab\tx", "nl\n", "back\\slash", ""]
        .iter()
        .map(|s| str_repr(s))
        .collect();
    assert_eq!(
        reprs,
        v(&[
            "\"it's\"",
            "'say \"hi\"'",
            "'tab\\tx'",
            "'nl\\n'",
            "'back\\\\slash'",
            "''"
        ])
    );
    assert_eq!(title("abc"), "Abc");
    assert_eq!(title("they're bill's"), "They'Re Bill'S");
    assert_eq!(upper("ß"), "SS");
    assert_eq!(lower("İ"), "i\u{307}");
    assert_eq!(lower("ΌΣΟΣ ΑΣ'"), "όσος ας'");
    assert_eq!(str_repr("안녕 città"), "'안녕 città'");
    assert_eq!(str_ascii("안녕 città"), "'\\uc548\\ub155 citt\\xe0'");
    assert_eq!(replace("", "", "x", 1), "x");
    assert_eq!(replace("abc", "", "-", 2), "-a-bc");
    assert_eq!(find("한국어 텍스트", "텍", None, None), 4);
    assert_eq!(char_at("한국어", -1), Some('어'));
    assert_eq!(char_at("한국어", 3), None);
    assert_eq!(py_str_lt("\u{ffff}", "\u{10000}"), Ordering::Less);
    // Non-overlapping search direction.
    assert_eq!(split("aaa", Some("aa"), -1).unwrap(), v(&["", "a"]));
    assert_eq!(rsplit("aaa", Some("aa"), -1).unwrap(), v(&["a", ""]));
    assert_eq!(count("aaaa", "aa", None, None), 2);
    assert_eq!(replace("aaa", "aa", "b", -1), "ba");
    assert_eq!(rfind("aaa", "aa", None, None), 1);
    assert_eq!(rsplit(" a b ", None, 1).unwrap(), v(&[" a", "b"]));
    assert_eq!(split("  a b  ", None, 1).unwrap(), v(&["a", "b  "]));
    assert_eq!(find("abc", "", Some(3), None), 3);
    assert_eq!(find("abc", "", Some(4), None), -1);
    assert_eq!(count("abc", "", None, None), 4);
    assert_eq!(
        expandtabs("01\t012\t0123\t01234", 4),
        "01  012 0123    01234"
    );
    assert_eq!(expandtabs("a\r\tb\u{2028}\tc", 4), "a\r    b\u{2028}  c");
    assert_eq!(UNICODE_VERSION, "14.0.0");
}

#[test]
fn extreme_arguments_do_not_panic() {
    let big = [
        i64::MIN,
        i64::MIN + 1,
        -1 << 40,
        -1,
        0,
        1,
        1 << 40,
        i64::MAX - 1,
        i64::MAX,
    ];
    for s in ["", "abc", "안녕하세요", "aΣ\u{301}b"] {
        for &a in &big {
            let _ = char_at(s, a);
            let _ = split(s, None, a);
            let _ = rsplit(s, Some("a"), a);
            let _ = replace(s, "", "x", a.min(5));
            let _ = replace(s, "a", "xy", a);
            for &b in &big {
                let _ = find(s, "a", Some(a), Some(b));
                let _ = rfind(s, "", Some(a), Some(b));
                let _ = count(s, "", Some(a), Some(b));
                let _ = startswith(s, "", Some(a), Some(b));
                let _ = endswith(s, "b", Some(a), Some(b));
                for &c in &big {
                    let _ = slice(s, Some(a), Some(b), c);
                }
            }
            if a <= 1 << 20 {
                let _ = center(s, a, '*');
                let _ = zfill(s, a);
                let _ = expandtabs(s, a);
            }
        }
    }
}

#[test]
fn try_builders_report_huge_results() {
    assert_eq!(try_center("x", i64::MAX, '*'), Err(SizeError::Memory));
    assert_eq!(try_ljust("x", i64::MAX, '안'), Err(SizeError::Memory));
    assert_eq!(try_rjust("x", i64::MAX, ' '), Err(SizeError::Memory));
    assert_eq!(try_zfill("-1", i64::MAX), Err(SizeError::Memory));
    assert_eq!(
        try_expandtabs("\t", 1 << 40),
        Err(SizeError::Overflow(
            "Python int too large to convert to C int"
        ))
    );
    assert_eq!(try_expandtabs("a\tb", 4).as_deref(), Ok("a   b"));
    assert_eq!(try_center("ab", 5, '안').as_deref(), Ok("안안ab안"));
    assert_eq!(try_replace("aaa", "a", "bb", -1).as_deref(), Ok("bbbbbb"));
    assert_eq!(try_zfill("+", 3).as_deref(), Ok("+00"));
}
