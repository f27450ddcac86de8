//! Python 3.11 `str` method semantics on Rust `&str`.
//!
//! * Indices, lengths and widths are in code points, like Python; every
//!   optional `start`/`end` follows CPython's slice clamping (`ADJUST_INDICES`).
//!   When a string is ASCII, byte offsets are used directly.
//! * Character properties (`isalpha`, `isspace`, `isprintable`, XID, cased,
//!   case-ignorable, ...) and the full case mappings (upper / lower / title /
//!   casefold, including multi-character results such as `"ß".upper() == "SS"`)
//!   come from `unicode_tables.rs`, generated from the behaviour of CPython
//!   3.11.7 itself (Unicode 14.0.0), so results match CPython for every code
//!   point, not just ASCII.  Rust's own `char` tables (newer Unicode) are not
//!   used.
//! * Nothing here panics.  Calls that raise in Python return `Err` holding
//!   CPython's message (`split`/`rsplit`/`partition`/`rpartition` raise
//!   ValueError).  The `try_*` builders report results too large to allocate
//!   (MemoryError / OverflowError) instead of aborting.
//!
//! Divergence from CPython: a Rust `&str` cannot hold lone surrogates
//! (U+D800..U+DFFF), so those code points can never be seen here.

use std::cmp::Ordering;

#[rustfmt::skip]
#[path = "unicode_tables.rs"]
mod tables;

#[cfg(test)]
#[path = "tests.rs"]
mod tests;

/// Unicode version of the character tables (that of CPython 3.11).
pub const UNICODE_VERSION: &str = tables::UNICODE_VERSION;

// ---------------------------------------------------------------------------
// Character properties
// ---------------------------------------------------------------------------

const fn build_ascii_props() -> [u16; 128] {
    let mut out = [0u16; 128];
    let t = tables::PROPS;
    let mut k = 0;
    while k < t.len() {
        let start = t[k].0;
        let end = if k + 1 < t.len() {
            t[k + 1].0
        } else {
            0x110000
        };
        let mut cp = start;
        while cp < end && cp < 128 {
            out[cp as usize] = t[k].1;
            cp += 1;
        }
        k += 1;
    }
    out
}

static ASCII_PROPS: [u16; 128] = build_ascii_props();

/// Property flags (see `unicode_tables.rs`) of one code point.
#[inline]
fn props(c: char) -> u16 {
    let cp = c as u32;
    if cp < 128 {
        return ASCII_PROPS[cp as usize];
    }
    let t = tables::PROPS;
    let idx = t.partition_point(|&(start, _)| start <= cp);
    match idx.checked_sub(1).and_then(|i| t.get(i)) {
        Some(&(_, flags)) => flags,
        None => 0,
    }
}

#[inline]
fn has(c: char, flags: u16) -> bool {
    props(c) & flags != 0
}

/// `Py_UNICODE_ISSPACE`: what `str.isspace`, `str.split()` and `str.strip()` use.
#[inline]
pub fn is_space_char(c: char) -> bool {
    if c.is_ascii() {
        matches!(
            c,
            '\t' | '\n' | '\x0b' | '\x0c' | '\r' | '\x1c'..='\x1f' | ' '
        )
    } else {
        has(c, tables::SPACE)
    }
}

/// `Py_UNICODE_ISPRINTABLE`: what `repr` and `str.isprintable` use.
#[inline]
pub fn is_printable_char(c: char) -> bool {
    has(c, tables::PRINTABLE)
}

/// `Py_UNICODE_ISLINEBREAK`: the line boundaries of `str.splitlines`.
#[inline]
pub fn is_linebreak_char(c: char) -> bool {
    has(c, tables::LINEBREAK)
}

/// XID_Start (the `_` exception is handled by `isidentifier`).
#[inline]
pub fn is_xid_start_char(c: char) -> bool {
    has(c, tables::XID_START)
}

/// XID_Continue.
#[inline]
pub fn is_xid_continue_char(c: char) -> bool {
    has(c, tables::XID_CONTINUE)
}

#[inline]
fn is_cased(c: char) -> bool {
    has(c, tables::CASED)
}

#[inline]
fn is_case_ignorable(c: char) -> bool {
    has(c, tables::CASE_IGNORABLE)
}

#[inline]
fn is_upper_char(c: char) -> bool {
    has(c, tables::UPPER)
}

#[inline]
fn is_lower_char(c: char) -> bool {
    has(c, tables::LOWER)
}

// ---------------------------------------------------------------------------
// Case mapping
// ---------------------------------------------------------------------------

type Runs = &'static [(u32, u32, i32, u16)];
type Multi = &'static [(u32, &'static str)];

/// Push the full mapping of `c` (one of the four tables) onto `out`.
fn push_mapped(out: &mut String, c: char, runs: Runs, multi: Multi) {
    let cp = c as u32;
    let idx = runs.partition_point(|&(start, _, _, _)| start <= cp);
    if let Some(&(start, end, delta, stride)) = idx.checked_sub(1).and_then(|i| runs.get(i)) {
        if cp <= end && (cp - start).is_multiple_of(u32::from(stride.max(1))) {
            let mapped = (cp as i64 + i64::from(delta)) as u32;
            if let Some(m) = char::from_u32(mapped) {
                out.push(m);
                return;
            }
        }
    }
    if let Ok(i) = multi.binary_search_by_key(&cp, |&(k, _)| k) {
        if let Some(&(_, s)) = multi.get(i) {
            out.push_str(s);
            return;
        }
    }
    out.push(c);
}

#[inline]
fn push_upper(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_uppercase());
    } else {
        push_mapped(out, c, tables::MAP_UPPER_RUNS, tables::MAP_UPPER_MULTI);
    }
}

#[inline]
fn push_title(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_uppercase());
    } else {
        push_mapped(out, c, tables::MAP_TITLE_RUNS, tables::MAP_TITLE_MULTI);
    }
}

#[inline]
fn push_fold(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        push_mapped(out, c, tables::MAP_FOLD_RUNS, tables::MAP_FOLD_MULTI);
    }
}

/// CPython's `handle_capital_sigma`: is the U+03A3 at byte offset `i` in the
/// Final_Sigma context `\p{cased}\p{case-ignorable}* Σ !(\p{case-ignorable}* \p{cased})`?
fn final_sigma(s: &str, i: usize) -> bool {
    let before = s.get(..i).unwrap_or("");
    let after = s.get(i + 'Σ'.len_utf8()..).unwrap_or("");
    let preceded = match before.chars().rev().find(|&c| !is_case_ignorable(c)) {
        Some(c) => is_cased(c),
        None => false,
    };
    if !preceded {
        return false;
    }
    match after.chars().find(|&c| !is_case_ignorable(c)) {
        Some(c) => !is_cased(c),
        None => true,
    }
}

/// CPython's `lower_ucs4`: lowercase `c` found at byte offset `i` of `s`.
#[inline]
fn push_lower_at(out: &mut String, s: &str, i: usize, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if c == '\u{3a3}' {
        out.push(if final_sigma(s, i) {
            '\u{3c2}'
        } else {
            '\u{3c3}'
        });
    } else {
        push_mapped(out, c, tables::MAP_LOWER_RUNS, tables::MAP_LOWER_MULTI);
    }
}

/// String from bytes known to be ASCII (never fails in practice; no panic).
fn ascii_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// `str.upper()` (full mappings, e.g. `"ß"` -> `"SS"`).
pub fn upper(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_uppercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_upper(&mut out, c);
    }
    out
}

/// `str.lower()` (full mappings and the final-sigma rule, e.g. `"ΑΣ"` -> `"ας"`).
pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        push_lower_at(&mut out, s, i, c);
    }
    out
}

/// `str.casefold()`.
pub fn casefold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_fold(&mut out, c);
    }
    out
}

/// `str.title()`: a character following a cased character is lowercased,
/// any other is titlecased (so `"they're".title() == "They'Re"`).
pub fn title(s: &str) -> String {
    let mut prev_cased = false;
    if s.is_ascii() {
        let bytes = s
            .bytes()
            .map(|b| {
                let m = if prev_cased {
                    b.to_ascii_lowercase()
                } else {
                    b.to_ascii_uppercase()
                };
                prev_cased = b.is_ascii_alphabetic();
                m
            })
            .collect();
        return ascii_string(bytes);
    }
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if prev_cased {
            push_lower_at(&mut out, s, i, c);
        } else {
            push_title(&mut out, c);
        }
        prev_cased = is_cased(c);
    }
    out
}

/// `str.capitalize()`: first character titlecased, the rest lowercased.
pub fn capitalize(s: &str) -> String {
    if s.is_ascii() {
        let mut bytes = s.as_bytes().to_ascii_lowercase();
        if let Some(b) = bytes.first_mut() {
            b.make_ascii_uppercase();
        }
        return ascii_string(bytes);
    }
    let mut out = String::with_capacity(s.len());
    let mut it = s.char_indices();
    if let Some((_, c)) = it.next() {
        push_title(&mut out, c);
    }
    for (i, c) in it {
        push_lower_at(&mut out, s, i, c);
    }
    out
}

/// `str.swapcase()`.
pub fn swapcase(s: &str) -> String {
    if s.is_ascii() {
        let bytes = s
            .bytes()
            .map(|b| if b.is_ascii_alphabetic() { b ^ 0x20 } else { b })
            .collect();
        return ascii_string(bytes);
    }
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if c.is_ascii() {
            out.push(if c.is_ascii_uppercase() {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            });
        } else if is_upper_char(c) {
            push_lower_at(&mut out, s, i, c);
        } else if is_lower_char(c) {
            push_upper(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Predicates
// ---------------------------------------------------------------------------

fn all_nonempty(s: &str, flags: u16) -> bool {
    !s.is_empty() && s.chars().all(|c| has(c, flags))
}

/// `str.isalpha()` (categories Lu Ll Lt Lm Lo).
pub fn isalpha(s: &str) -> bool {
    all_nonempty(s, tables::ALPHA)
}

/// `str.isdigit()`.
pub fn isdigit(s: &str) -> bool {
    all_nonempty(s, tables::DIGIT)
}

/// `str.isdecimal()`.
pub fn isdecimal(s: &str) -> bool {
    all_nonempty(s, tables::DECIMAL)
}

/// `str.isnumeric()`.
pub fn isnumeric(s: &str) -> bool {
    all_nonempty(s, tables::NUMERIC)
}

/// `str.isalnum()`: every char is alpha, decimal, digit or numeric.
pub fn isalnum(s: &str) -> bool {
    all_nonempty(
        s,
        tables::ALPHA | tables::DECIMAL | tables::DIGIT | tables::NUMERIC,
    )
}

/// `str.isspace()`.
pub fn isspace(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_space_char)
}

/// `str.islower()`: has a cased char, and no uppercase or titlecase chars.
pub fn islower(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        let p = props(c);
        if p & (tables::UPPER | tables::TITLE) != 0 {
            return false;
        }
        if p & tables::LOWER != 0 {
            cased = true;
        }
    }
    cased
}

/// `str.isupper()`: has a cased char, and no lowercase or titlecase chars.
pub fn isupper(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        let p = props(c);
        if p & (tables::LOWER | tables::TITLE) != 0 {
            return false;
        }
        if p & tables::UPPER != 0 {
            cased = true;
        }
    }
    cased
}

/// `str.istitle()`.
pub fn istitle(s: &str) -> bool {
    let mut cased = false;
    let mut prev_cased = false;
    for c in s.chars() {
        let p = props(c);
        if p & (tables::UPPER | tables::TITLE) != 0 {
            if prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else if p & tables::LOWER != 0 {
            if !prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    cased
}

/// `str.isidentifier()` (XID_Start or `_`, then XID_Continue; keywords allowed).
pub fn isidentifier(s: &str) -> bool {
    let mut it = s.chars();
    match it.next() {
        Some(c) if c == '_' || is_xid_start_char(c) => it.all(is_xid_continue_char),
        _ => false,
    }
}

/// `str.isprintable()` (true for the empty string).
pub fn isprintable(s: &str) -> bool {
    s.chars().all(is_printable_char)
}

/// `str.isascii()`.
pub fn isascii(s: &str) -> bool {
    s.is_ascii()
}

// ---------------------------------------------------------------------------
// Strip / prefix / suffix
// ---------------------------------------------------------------------------

/// `str.strip(chars)`; `None` strips whitespace (`str.isspace` chars).
pub fn strip<'a>(s: &'a str, chars: Option<&str>) -> &'a str {
    match chars {
        None => s.trim_matches(is_space_char),
        Some(set) => s.trim_matches(|c| set.contains(c)),
    }
}

/// `str.lstrip(chars)`.
pub fn lstrip<'a>(s: &'a str, chars: Option<&str>) -> &'a str {
    match chars {
        None => s.trim_start_matches(is_space_char),
        Some(set) => s.trim_start_matches(|c| set.contains(c)),
    }
}

/// `str.rstrip(chars)`.
pub fn rstrip<'a>(s: &'a str, chars: Option<&str>) -> &'a str {
    match chars {
        None => s.trim_end_matches(is_space_char),
        Some(set) => s.trim_end_matches(|c| set.contains(c)),
    }
}

/// `str.removeprefix(p)`.
pub fn removeprefix<'a>(s: &'a str, p: &str) -> &'a str {
    s.strip_prefix(p).unwrap_or(s)
}

/// `str.removesuffix(p)`.
pub fn removesuffix<'a>(s: &'a str, p: &str) -> &'a str {
    s.strip_suffix(p).unwrap_or(s)
}

// ---------------------------------------------------------------------------
// Splitting
// ---------------------------------------------------------------------------

const EMPTY_SEPARATOR: &str = "empty separator";

/// Python's maxsplit: negative means unlimited.
fn max_count(maxsplit: i64) -> usize {
    if maxsplit < 0 {
        usize::MAX
    } else {
        usize::try_from(maxsplit).unwrap_or(usize::MAX)
    }
}

/// Byte offset of the first non-space char at or after byte `i` (or `s.len()`).
fn skip_space_fwd(s: &str, i: usize, space: bool) -> usize {
    let rest = s.get(i..).unwrap_or("");
    match rest
        .char_indices()
        .find(|&(_, c)| is_space_char(c) != space)
    {
        Some((k, _)) => i + k,
        None => s.len(),
    }
}

/// Byte offset just past the last char before byte `end` whose
/// `is_space_char` differs from `space` (or 0).
fn skip_space_back(s: &str, end: usize, space: bool) -> usize {
    let head = s.get(..end).unwrap_or("");
    match head
        .char_indices()
        .rev()
        .find(|&(_, c)| is_space_char(c) != space)
    {
        Some((k, c)) => k + c.len_utf8(),
        None => 0,
    }
}

/// `str.split(sep, maxsplit)`; `sep = None` splits on runs of whitespace.
/// `Err("empty separator")` (ValueError) when `sep == Some("")`.
pub fn split(s: &str, sep: Option<&str>, maxsplit: i64) -> Result<Vec<String>, String> {
    let mut maxcount = max_count(maxsplit);
    let mut out = Vec::new();
    match sep {
        Some("") => Err(EMPTY_SEPARATOR.to_string()),
        Some(sep) => {
            if maxcount == usize::MAX {
                out.extend(s.split(sep).map(str::to_string));
            } else {
                out.extend(
                    s.splitn(maxcount.saturating_add(1), sep)
                        .map(str::to_string),
                );
            }
            Ok(out)
        }
        None => {
            let n = s.len();
            let mut i = 0;
            while maxcount > 0 {
                maxcount -= 1;
                i = skip_space_fwd(s, i, true);
                if i == n {
                    break;
                }
                let j = i;
                i = skip_space_fwd(s, i, false);
                out.push(s.get(j..i).unwrap_or("").to_string());
            }
            if i < n {
                i = skip_space_fwd(s, i, true);
                if i != n {
                    out.push(s.get(i..).unwrap_or("").to_string());
                }
            }
            Ok(out)
        }
    }
}

/// `str.rsplit(sep, maxsplit)`.
pub fn rsplit(s: &str, sep: Option<&str>, maxsplit: i64) -> Result<Vec<String>, String> {
    let mut maxcount = max_count(maxsplit);
    let mut out = Vec::new();
    match sep {
        Some("") => Err(EMPTY_SEPARATOR.to_string()),
        Some(sep) => {
            if maxcount == usize::MAX {
                out.extend(s.rsplit(sep).map(str::to_string));
            } else {
                out.extend(
                    s.rsplitn(maxcount.saturating_add(1), sep)
                        .map(str::to_string),
                );
            }
            out.reverse();
            Ok(out)
        }
        None => {
            let mut end = s.len();
            while maxcount > 0 {
                maxcount -= 1;
                end = skip_space_back(s, end, true);
                if end == 0 {
                    break;
                }
                let j = end;
                end = skip_space_back(s, end, false);
                out.push(s.get(end..j).unwrap_or("").to_string());
            }
            if end > 0 {
                end = skip_space_back(s, end, true);
                if end > 0 {
                    out.push(s.get(..end).unwrap_or("").to_string());
                }
            }
            out.reverse();
            Ok(out)
        }
    }
}

/// `str.splitlines(keepends)`; boundaries are `\n \r \r\n \v \f \x1c \x1d
/// \x1e \x85 \u2028 \u2029`.
pub fn splitlines(s: &str, keepends: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if !is_linebreak_char(c) {
            continue;
        }
        let mut eol = i + c.len_utf8();
        if c == '\r' {
            if let Some(&(_, '\n')) = it.peek() {
                it.next();
                eol += 1;
            }
        }
        let line_end = if keepends { eol } else { i };
        out.push(s.get(start..line_end).unwrap_or("").to_string());
        start = eol;
    }
    if start < s.len() {
        out.push(s.get(start..).unwrap_or("").to_string());
    }
    out
}

/// `str.partition(sep)`; `Err("empty separator")` (ValueError) for `sep == ""`.
pub fn partition(s: &str, sep: &str) -> Result<(String, String, String), String> {
    if sep.is_empty() {
        return Err(EMPTY_SEPARATOR.to_string());
    }
    Ok(match s.find(sep) {
        Some(i) => (
            s.get(..i).unwrap_or("").to_string(),
            sep.to_string(),
            s.get(i + sep.len()..).unwrap_or("").to_string(),
        ),
        None => (s.to_string(), String::new(), String::new()),
    })
}

/// `str.rpartition(sep)`.
pub fn rpartition(s: &str, sep: &str) -> Result<(String, String, String), String> {
    if sep.is_empty() {
        return Err(EMPTY_SEPARATOR.to_string());
    }
    Ok(match s.rfind(sep) {
        Some(i) => (
            s.get(..i).unwrap_or("").to_string(),
            sep.to_string(),
            s.get(i + sep.len()..).unwrap_or("").to_string(),
        ),
        None => (String::new(), String::new(), s.to_string()),
    })
}

// ---------------------------------------------------------------------------
// Index helpers
// ---------------------------------------------------------------------------

/// Number of code points (Python's `len`).
#[inline]
pub fn char_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// Byte offset of code point `ci` (`ci` is clamped to `0..=len`).
fn byte_offset(s: &str, ascii: bool, ci: i64) -> usize {
    if ci <= 0 {
        return 0;
    }
    let ci = usize::try_from(ci).unwrap_or(usize::MAX);
    if ascii {
        return ci.min(s.len());
    }
    match s.char_indices().nth(ci) {
        Some((b, _)) => b,
        None => s.len(),
    }
}

/// Code-point count of `s[..b]` (`b` a char boundary).
fn char_index(s: &str, ascii: bool, b: usize) -> i64 {
    let n = if ascii {
        b
    } else {
        s.get(..b).map_or(0, |h| h.chars().count())
    };
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// CPython's `ADJUST_INDICES`: returns `(start, end)` with `0 <= end <= len`
/// and `start >= 0` (start may exceed `len`).
fn adjust_indices(start: Option<i64>, end: Option<i64>, len: i64) -> (i64, i64) {
    let mut start = start.unwrap_or(0);
    let mut end = end.unwrap_or(i64::MAX);
    if end > len {
        end = len;
    } else if end < 0 {
        end = end.saturating_add(len).max(0);
    }
    if start < 0 {
        start = start.saturating_add(len).max(0);
    }
    (start, end)
}

fn len_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Window `s[start:end]` (code points) as bytes, or `None` if shorter than `need` chars.
struct Window {
    ascii: bool,
    start: i64,
    end: i64,
    bstart: usize,
    bend: usize,
}

fn window(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> Option<Window> {
    let ascii = s.is_ascii();
    if start.is_none() && end.is_none() && !sub.is_empty() {
        // Whole string: no index conversion needed (`end` is unused for a
        // non-empty `sub`; a too-long `sub` simply is not found).
        return Some(Window {
            ascii,
            start: 0,
            end: 0,
            bstart: 0,
            bend: s.len(),
        });
    }
    let len = len_i64(if ascii { s.len() } else { s.chars().count() });
    let (start, end) = adjust_indices(start, end, len);
    let sublen = len_i64(char_len(sub));
    if end - start < sublen {
        return None;
    }
    let bstart = byte_offset(s, ascii, start);
    let bend = if end == len {
        s.len()
    } else {
        byte_offset(s, ascii, end)
    };
    Some(Window {
        ascii,
        start,
        end,
        bstart,
        bend,
    })
}

/// `str.find(sub, start, end)`: lowest code-point index, or -1.
pub fn find(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> i64 {
    let Some(w) = window(s, sub, start, end) else {
        return -1;
    };
    if sub.is_empty() {
        return w.start;
    }
    let hay = s.get(w.bstart..w.bend).unwrap_or("");
    match hay.find(sub) {
        Some(p) => w.start + char_index(hay, w.ascii, p),
        None => -1,
    }
}

/// `str.rfind(sub, start, end)`: highest code-point index, or -1.
pub fn rfind(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> i64 {
    let Some(w) = window(s, sub, start, end) else {
        return -1;
    };
    if sub.is_empty() {
        return w.end;
    }
    let hay = s.get(w.bstart..w.bend).unwrap_or("");
    match hay.rfind(sub) {
        Some(p) => w.start + char_index(hay, w.ascii, p),
        None => -1,
    }
}

/// `str.count(sub, start, end)`: non-overlapping occurrences.
pub fn count(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> i64 {
    let Some(w) = window(s, sub, start, end) else {
        return 0;
    };
    if sub.is_empty() {
        return w.end - w.start + 1;
    }
    let hay = s.get(w.bstart..w.bend).unwrap_or("");
    len_i64(hay.matches(sub).count())
}

/// `str.startswith(prefix, start, end)` for one prefix (tuples: caller loops).
pub fn startswith(s: &str, prefix: &str, start: Option<i64>, end: Option<i64>) -> bool {
    match window(s, prefix, start, end) {
        None => false,
        Some(w) => s.get(w.bstart..).unwrap_or("").starts_with(prefix),
    }
}

/// `str.endswith(suffix, start, end)` for one suffix.
pub fn endswith(s: &str, suffix: &str, start: Option<i64>, end: Option<i64>) -> bool {
    match window(s, suffix, start, end) {
        None => false,
        Some(w) => s.get(..w.bend).unwrap_or("").ends_with(suffix),
    }
}

// ---------------------------------------------------------------------------
// Building new strings
// ---------------------------------------------------------------------------

/// Why a `try_*` builder could not produce its result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SizeError {
    /// Raise `OverflowError` with this message.
    Overflow(&'static str),
    /// Raise `MemoryError` (CPython gives no message).
    Memory,
}

fn alloc(bytes: Option<usize>) -> Result<String, SizeError> {
    let bytes = bytes.ok_or(SizeError::Memory)?;
    if bytes > isize::MAX as usize {
        return Err(SizeError::Memory);
    }
    let mut out = String::new();
    out.try_reserve_exact(bytes)
        .map_err(|_| SizeError::Memory)?;
    Ok(out)
}

fn push_repeat(out: &mut String, c: char, n: usize) {
    out.extend(std::iter::repeat_n(c, n));
}

fn pad(s: &str, left: usize, right: usize, fill: char) -> Result<String, SizeError> {
    let w = fill.len_utf8();
    let bytes = left
        .checked_add(right)
        .and_then(|n| n.checked_mul(w))
        .and_then(|n| n.checked_add(s.len()));
    let mut out = alloc(bytes)?;
    push_repeat(&mut out, fill, left);
    out.push_str(s);
    push_repeat(&mut out, fill, right);
    Ok(out)
}

/// Margin to add for `width`, or `None` when `s` is already wide enough.
fn margin(s: &str, width: i64) -> Option<i64> {
    let len = len_i64(char_len(s));
    if len >= width {
        None
    } else {
        Some(width - len)
    }
}

fn to_usize(n: i64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// `str.center(width, fill)`, reporting allocation failure.
pub fn try_center(s: &str, width: i64, fill: char) -> Result<String, SizeError> {
    let Some(marg) = margin(s, width) else {
        return Ok(s.to_string());
    };
    let left = marg / 2 + (marg & width & 1);
    pad(s, to_usize(left), to_usize(marg - left), fill)
}

/// `str.ljust(width, fill)`, reporting allocation failure.
pub fn try_ljust(s: &str, width: i64, fill: char) -> Result<String, SizeError> {
    let Some(marg) = margin(s, width) else {
        return Ok(s.to_string());
    };
    pad(s, 0, to_usize(marg), fill)
}

/// `str.rjust(width, fill)`, reporting allocation failure.
pub fn try_rjust(s: &str, width: i64, fill: char) -> Result<String, SizeError> {
    let Some(marg) = margin(s, width) else {
        return Ok(s.to_string());
    };
    pad(s, to_usize(marg), 0, fill)
}

/// `str.zfill(width)`, reporting allocation failure.
pub fn try_zfill(s: &str, width: i64) -> Result<String, SizeError> {
    let Some(fill) = margin(s, width) else {
        return Ok(s.to_string());
    };
    let fill = to_usize(fill);
    match s.chars().next() {
        Some(sign @ ('+' | '-')) => {
            let mut out = pad(s.get(1..).unwrap_or(""), fill, 0, '0')?;
            out.insert(0, sign);
            Ok(out)
        }
        _ => pad(s, fill, 0, '0'),
    }
}

/// `str.center(width, fill)` (left gets the extra char when `marg & width` is odd,
/// like CPython).  Use [`try_center`] for untrusted huge widths.
pub fn center(s: &str, width: i64, fill: char) -> String {
    try_center(s, width, fill).unwrap_or_else(|_| oom())
}

/// `str.ljust(width, fill)`.
pub fn ljust(s: &str, width: i64, fill: char) -> String {
    try_ljust(s, width, fill).unwrap_or_else(|_| oom())
}

/// `str.rjust(width, fill)`.
pub fn rjust(s: &str, width: i64, fill: char) -> String {
    try_rjust(s, width, fill).unwrap_or_else(|_| oom())
}

/// `str.zfill(width)`: pads with `0` after a leading `+`/`-`.
pub fn zfill(s: &str, width: i64) -> String {
    try_zfill(s, width).unwrap_or_else(|_| oom())
}

/// Allocation failure in an infallible builder: behave like any Rust
/// allocation failure (abort via the allocation error handler, not a panic).
fn oom() -> String {
    std::alloc::handle_alloc_error(std::alloc::Layout::new::<[u8; 1]>())
}

/// `str.expandtabs(tabsize)`, reporting errors.  Python takes `tabsize` as a C
/// int: outside `i32` range it raises OverflowError("Python int too large to
/// convert to C int"); a result longer than `isize::MAX` raises
/// OverflowError("new string is too long").
pub fn try_expandtabs(s: &str, tabsize: i64) -> Result<String, SizeError> {
    if i32::try_from(tabsize).is_err() {
        return Err(SizeError::Overflow(
            "Python int too large to convert to C int",
        ));
    }
    expandtabs_impl(s, tabsize)
}

fn expandtabs_impl(s: &str, tabsize: i64) -> Result<String, SizeError> {
    if !s.contains('\t') {
        return Ok(s.to_string());
    }
    const TOO_LONG: SizeError = SizeError::Overflow("new string is too long");
    // Column after appending `seg` (no tabs inside) at column `line_pos`;
    // only `\n` and `\r` restart the column, like CPython.
    let advance = |line_pos: usize, seg: &str| -> usize {
        match seg.rfind(['\n', '\r']) {
            Some(p) => char_len(seg.get(p + 1..).unwrap_or("")),
            None => line_pos.saturating_add(char_len(seg)),
        }
    };
    let tab = usize::try_from(tabsize).unwrap_or(0);
    // First pass: result size in bytes (tabs become ASCII spaces).  Columns
    // never exceed the byte count, which is checked against isize::MAX.
    let mut bytes: usize = 0;
    let mut line_pos: usize = 0;
    for (k, seg) in s.split('\t').enumerate() {
        if k > 0 && tab > 0 {
            bytes = bytes.checked_add(tab - line_pos % tab).ok_or(TOO_LONG)?;
            line_pos += tab - line_pos % tab;
        }
        bytes = bytes.checked_add(seg.len()).ok_or(TOO_LONG)?;
        if bytes > isize::MAX as usize {
            return Err(TOO_LONG);
        }
        line_pos = advance(line_pos, seg);
    }
    let mut out = alloc(Some(bytes))?;
    let mut line_pos: usize = 0;
    for (k, seg) in s.split('\t').enumerate() {
        if k > 0 && tab > 0 {
            let incr = tab - line_pos % tab;
            push_repeat(&mut out, ' ', incr);
            line_pos += incr;
        }
        out.push_str(seg);
        line_pos = advance(line_pos, seg);
    }
    Ok(out)
}

/// `str.expandtabs(tabsize)`: columns restart after `\n` and `\r`;
/// `tabsize <= 0` deletes tabs.  (The caller should reject a `tabsize` outside
/// the C int range, see [`try_expandtabs`].)
pub fn expandtabs(s: &str, tabsize: i64) -> String {
    expandtabs_impl(s, tabsize).unwrap_or_else(|_| oom())
}

/// `str.replace(old, new, count)`, reporting allocation failure.
pub fn try_replace(s: &str, old: &str, new: &str, count: i64) -> Result<String, SizeError> {
    let maxcount = max_count(count);
    if maxcount == 0 {
        return Ok(s.to_string());
    }
    if old.is_empty() {
        // Insert `new` before every char and at the end, at most `maxcount` times.
        if new.is_empty() {
            return Ok(s.to_string());
        }
        let n = char_len(s).saturating_add(1).min(maxcount);
        let bytes = n
            .checked_mul(new.len())
            .and_then(|b| b.checked_add(s.len()));
        let mut out = alloc(bytes)?;
        let mut done = 0;
        let mut rest = s;
        while done < n {
            out.push_str(new);
            done += 1;
            let mut it = rest.chars();
            match it.next() {
                Some(c) => {
                    out.push(c);
                    rest = it.as_str();
                }
                None => break,
            }
        }
        out.push_str(rest);
        return Ok(out);
    }
    let n = s.matches(old).take(maxcount).count();
    if n == 0 {
        return Ok(s.to_string());
    }
    let bytes =
        (s.len() - n * old.len()).checked_add(n.checked_mul(new.len()).ok_or(SizeError::Memory)?);
    let mut out = alloc(bytes)?;
    let mut last = 0;
    for (i, _) in s.match_indices(old).take(n) {
        out.push_str(s.get(last..i).unwrap_or(""));
        out.push_str(new);
        last = i + old.len();
    }
    out.push_str(s.get(last..).unwrap_or(""));
    Ok(out)
}

/// `str.replace(old, new, count)`; `count < 0` replaces all; an empty `old`
/// inserts `new` around every char (`"".replace("", "x") == "x"`).
pub fn replace(s: &str, old: &str, new: &str, count: i64) -> String {
    try_replace(s, old, new, count).unwrap_or_else(|_| oom())
}

// ---------------------------------------------------------------------------
// Indexing, slicing, comparison
// ---------------------------------------------------------------------------

/// `s[i]` with Python's negative indexing; `None` means
/// IndexError("string index out of range").
pub fn char_at(s: &str, i: i64) -> Option<char> {
    if s.is_ascii() {
        let len = len_i64(s.len());
        let j = if i < 0 { i.checked_add(len)? } else { i };
        return usize::try_from(j)
            .ok()
            .and_then(|j| s.as_bytes().get(j))
            .map(|&b| b as char);
    }
    if i >= 0 {
        s.chars().nth(usize::try_from(i).ok()?)
    } else {
        // -i - 1 == !i, which cannot overflow.
        s.chars().rev().nth(usize::try_from(!i).ok()?)
    }
}

/// `s[start:stop:step]` (`PySlice_AdjustIndices` semantics, any step sign).
/// `step == 0` is a ValueError the caller reports; here it yields `""`.
pub fn slice(s: &str, start: Option<i64>, stop: Option<i64>, step: i64) -> String {
    if step == 0 {
        return String::new();
    }
    let step = step.max(-i64::MAX);
    let ascii = s.is_ascii();
    let len = len_i64(if ascii { s.len() } else { s.chars().count() });
    let (lo_default, hi_default) = if step < 0 {
        (i64::MAX, i64::MIN)
    } else {
        (0, i64::MAX)
    };
    let clamp = |v: i64| -> i64 {
        if v < 0 {
            let v = v.saturating_add(len);
            if v < 0 {
                if step < 0 {
                    -1
                } else {
                    0
                }
            } else {
                v
            }
        } else if v >= len {
            if step < 0 {
                len - 1
            } else {
                len
            }
        } else {
            v
        }
    };
    let start = clamp(start.unwrap_or(lo_default));
    let stop = clamp(stop.unwrap_or(hi_default));
    let n = if step < 0 {
        if stop < start {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        }
    } else if start < stop {
        (stop - start - 1) / step + 1
    } else {
        0
    };
    if n <= 0 {
        return String::new();
    }
    let n = to_usize(n);
    if step == 1 {
        let b0 = byte_offset(s, ascii, start);
        let b1 = byte_offset(s, ascii, stop);
        return s.get(b0..b1).unwrap_or("").to_string();
    }
    let stride = usize::try_from(step.unsigned_abs()).unwrap_or(usize::MAX);
    if ascii {
        let bytes = s.as_bytes();
        let start = to_usize(start);
        let picked: Vec<u8> = if step > 0 {
            bytes
                .iter()
                .skip(start)
                .step_by(stride)
                .take(n)
                .copied()
                .collect()
        } else {
            let skip = bytes.len().saturating_sub(start.saturating_add(1));
            bytes
                .iter()
                .rev()
                .skip(skip)
                .step_by(stride)
                .take(n)
                .copied()
                .collect()
        };
        return ascii_string(picked);
    }
    if step > 0 {
        s.chars()
            .skip(to_usize(start))
            .step_by(stride)
            .take(n)
            .collect()
    } else {
        let skip = to_usize(len - 1 - start);
        s.chars().rev().skip(skip).step_by(stride).take(n).collect()
    }
}

/// Python's ordering of two strs (`<`, `>`, ...): lexicographic by code
/// point.  UTF-8 preserves code-point order, so this is Rust's byte order.
pub fn py_str_lt(a: &str, b: &str) -> Ordering {
    a.cmp(b)
}
