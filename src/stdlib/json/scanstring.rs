//! JSON string literals (`scanstring_unicode`): escapes, surrogate pairs, and the
//! control characters `strict` mode refuses.

use super::scanner::{Scan, Scanner};

impl Scanner<'_> {
    /// The string whose opening quote is just before `start`, and the index past its
    /// closing quote.
    pub(super) fn scan_string(&self, start: usize) -> Scan<(String, usize)> {
        let s = &self.chars;
        let begin = start - 1;
        let mut out = String::new();
        let mut end = start;
        loop {
            // The run of plain characters up to the next quote or backslash.
            let mut next = end;
            while next < s.len() && !matches!(s[next], '"' | '\\') {
                if (s[next] as u32) <= 0x1f && self.opts.strict {
                    return Err(self.error("Invalid control character at", next).into());
                }
                next += 1;
            }
            if next == s.len() {
                return Err(self.error("Unterminated string starting at", begin).into());
            }
            out.extend(&s[end..next]);
            if s[next] == '"' {
                return Ok((out, next + 1));
            }
            next += 1; // past the backslash
            let Some(&esc) = s.get(next) else {
                return Err(self.error("Unterminated string starting at", begin).into());
            };
            if esc != 'u' {
                end = next + 1;
                out.push(match esc {
                    '"' | '\\' | '/' => esc,
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    _ => return Err(self.error("Invalid \\escape", end - 2).into()),
                });
                continue;
            }
            let (c, after) = self.unicode_escape(next + 1)?;
            end = after;
            out.push(c);
        }
    }

    /// `\uXXXX` whose hex digits start at `first`, joined with a following `\uXXXX`
    /// when the two form a surrogate pair. Returns the character and the index after.
    fn unicode_escape(&self, first: usize) -> Scan<(char, usize)> {
        let s = &self.chars;
        let mut end = first + 4;
        // CPython wants a character after the four digits (a string must still close).
        if end >= s.len() {
            return Err(self.error("Invalid \\uXXXX escape", first - 1).into());
        }
        let mut c = self.hex4(first).ok_or_else(|| self.error("Invalid \\uXXXX escape", first - 1))?;
        if (0xd800..0xdc00).contains(&c) && end + 6 < s.len() && s[end] == '\\' && s[end + 1] == 'u' {
            let low = self.hex4(end + 2).ok_or_else(|| self.error("Invalid \\uXXXX escape", end + 1))?;
            if (0xdc00..0xe000).contains(&low) {
                c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
                end += 6;
            }
        }
        let ch = char::from_u32(c).unwrap_or_else(|| {
            // CPython keeps a lone surrogate in the str; a Rust string cannot hold one.
            // Scanning goes on (a later syntax error is still CPython's to report) and
            // the decode is refused once the document proves valid.
            self.lone_surrogate.set(self.lone_surrogate.get().or(Some(c)));
            char::REPLACEMENT_CHARACTER
        });
        Ok((ch, end))
    }

    fn hex4(&self, at: usize) -> Option<u32> {
        self.chars[at..at + 4].iter().try_fold(0u32, |acc, d| Some(acc << 4 | d.to_digit(16)?))
    }
}
