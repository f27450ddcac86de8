//! `repr(str)` and `ascii(str)` exactly as CPython 3.11 (`unicode_repr`).

use std::fmt::Write;

use super::methods::is_printable_char;

/// Quote CPython picks: `'` unless the text contains `'` and no `"`.
fn pick_quote(s: &str) -> char {
    if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    }
}

/// `\xhh`, `\uhhhh` or `\Uhhhhhhhh` (lowercase hex), by code point size.
fn push_hex_escape(out: &mut String, c: char) {
    let cp = c as u32;
    // Writing to a String cannot fail.
    let _ = if cp < 0x100 {
        write!(out, "\\x{cp:02x}")
    } else if cp < 0x10000 {
        write!(out, "\\u{cp:04x}")
    } else {
        write!(out, "\\U{cp:08x}")
    };
}

fn repr_impl(s: &str, ascii_only: bool) -> String {
    let quote = pick_quote(s);
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            _ if c == quote => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            _ if c.is_ascii() => push_hex_escape(&mut out, c),
            _ if ascii_only => push_hex_escape(&mut out, c),
            _ if is_printable_char(c) => out.push(c),
            _ => push_hex_escape(&mut out, c),
        }
    }
    out.push(quote);
    out
}

/// `repr(s)`: quoted, with `\\ \t \n \r` and the chosen quote escaped,
/// non-printable chars as `\xhh` / `\uhhhh` / `\Uhhhhhhhh`, and printable
/// non-ASCII (Korean, accented letters, emoji, ...) kept as is.
pub fn str_repr(s: &str) -> String {
    repr_impl(s, false)
}

/// `ascii(s)`: like `repr(s)`, but every non-ASCII char is escaped too
/// (`repr` followed by the `backslashreplace` error handler).
pub fn str_ascii(s: &str) -> String {
    repr_impl(s, true)
}
