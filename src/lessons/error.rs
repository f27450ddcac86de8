//! A located lesson error: `file:line:col: error: message`, the line, and a caret.

use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub struct LessonError {
    pub file: String,
    /// 1-based.
    pub line: u32,
    /// 1-based, in characters.
    pub col: u32,
    pub message: String,
    /// The offending line of the file (empty if unknown).
    pub source_line: String,
}

impl LessonError {
    /// An error at byte `offset` of `text` (the file `file`).
    pub fn at(file: &str, text: &str, offset: usize, message: impl Into<String>) -> LessonError {
        let (line, col) = line_col(text, offset);
        LessonError::at_line_col(file, text, line, col, message)
    }

    pub fn at_line_col(file: &str, text: &str, line: u32, col: u32, message: impl Into<String>) -> LessonError {
        let source_line = text.lines().nth(line.saturating_sub(1) as usize).unwrap_or("").to_string();
        LessonError { file: file.to_string(), line, col, message: message.into(), source_line }
    }

    /// The headline, the line, and a caret under the column. What comes from the file
    /// (or from a program's output) is shown with control characters escaped, and a
    /// long line as a window around the column.
    pub fn render(&self) -> String {
        let mut out = crate::engine::error::visible(&self.to_string()).into_owned();
        if !self.source_line.is_empty() {
            out.push_str(&crate::engine::error::caret_lines(&self.source_line, self.col));
        }
        out
    }
}

impl fmt::Display for LessonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: error: {}", self.file, self.line, self.col, self.message)
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (u32, u32) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() as u32 + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[start..].chars().count() as u32 + 1;
    (line, col)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
