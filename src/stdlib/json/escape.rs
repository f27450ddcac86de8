//! JSON string literals: CPython's `encode_basestring_ascii` (`ensure_ascii=True`) and
//! `encode_basestring` (`ensure_ascii=False`), written into the output buffer.

use std::fmt::Write;

/// Append `s` as a quoted JSON string.
pub fn write_json_str(out: &mut String, s: &str, ensure_ascii: bool) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            // Other control characters are escaped either way; `ensure_ascii` escapes
            // everything outside printable ASCII (DEL included).
            c if (c as u32) < 0x20 || ensure_ascii => write_u_escape(out, c),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `\uXXXX` in lower-case hex; code points past the BMP as a UTF-16 surrogate pair.
fn write_u_escape(out: &mut String, c: char) {
    let mut units = [0u16; 2];
    for unit in c.encode_utf16(&mut units) {
        write!(out, "\\u{unit:04x}").expect("writing to a String cannot fail");
    }
}

#[cfg(test)]
mod tests {
    use super::write_json_str;

    fn enc(s: &str, ascii: bool) -> String {
        let mut out = String::new();
        write_json_str(&mut out, s, ascii);
        out
    }

    #[test]
    fn escapes_like_cpython() {
        assert_eq!(enc("a\"b\\c\n\u{1}\u{7f}", true), r#""a\"b\\c\n\u0001\u007f""#);
        assert_eq!(enc("é😀", true), r#""\u00e9\ud83d\ude00""#);
        assert_eq!(enc("é😀\u{7f}\u{1f}", false), "\"é😀\u{7f}\\u001f\"");
    }
}
