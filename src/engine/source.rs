//! A script's text plus the index that turns byte offsets into `line:col`.

use std::rc::Rc;

/// One Python source file, as the user wrote it.
#[derive(Debug)]
pub struct SourceFile {
    /// The name shown in errors and tracebacks (`demo.py`).
    pub name: String,
    pub text: String,
    /// Byte offset of the start of every line.
    line_starts: Vec<u32>,
}

/// A 1-based line and column (columns count characters, as CPython's messages do).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Rc<SourceFile> {
        let text = text.into();
        let mut line_starts = vec![0u32];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i as u32 + 1);
            }
        }
        Rc::new(SourceFile { name: name.into(), text, line_starts })
    }

    /// The 1-based line holding byte `offset`.
    pub fn line_of(&self, offset: u32) -> u32 {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        }
    }

    pub fn line_col(&self, offset: u32) -> LineCol {
        let line = self.line_of(offset);
        let start = self.line_starts[(line - 1) as usize] as usize;
        let end = (offset as usize).min(self.text.len());
        let col = self.text.get(start..end).map_or(end - start, |s| s.chars().count()) as u32 + 1;
        LineCol { line, col }
    }

    /// The text of a 1-based line, without its newline.
    pub fn line_text(&self, line: u32) -> &str {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1) as usize) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line as usize)
            .map_or(self.text.len(), |&e| e as usize);
        self.text
            .get(start as usize..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }

    pub fn line_count(&self) -> u32 {
        self.line_starts.len() as u32
    }
}

/// Where a file stops being UTF-8: the first bad byte and its 1-based line and column
/// (columns count the characters before it on its line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadUtf8 {
    pub byte: u8,
    pub line: u32,
    pub col: u32,
    /// That line, with what cannot be read shown as `\u{fffd}`.
    pub line_text: String,
}

/// The text of a file, or where it is not UTF-8.
pub fn decode_utf8(bytes: Vec<u8>) -> Result<String, BadUtf8> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = bytes[..at].iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let col = String::from_utf8_lossy(&bytes[line_start..at]).chars().count() + 1;
        let line_end = bytes[at..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |p| at + p);
        let line_text = String::from_utf8_lossy(&bytes[line_start..line_end]).into_owned();
        BadUtf8 { byte: bytes[at], line: line as u32, col: col as u32, line_text }
    })
}
