//! Errors found before a script runs: syntax errors and constructs outside the subset.

use super::source::SourceFile;

/// Why a script could not be compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompileErrorKind {
    /// CPython would reject this too (`SyntaxError`).
    Syntax,
    /// CPython's `IndentationError` (too many levels of indentation, unexpected indent...).
    Indentation,
    /// CPython's `TabError`: tabs and spaces mixed inconsistently.
    Tab,
    /// CPython's `RecursionError: maximum recursion depth exceeded during compilation`.
    Recursion,
    /// Valid Python that aiotutor does not run yet.
    Unsupported,
    /// A refused capability (file, network, process access) in the sandbox.
    Refused,
}

/// A located compile-time error: `demo.py:12:5: error: 'match' statements are not supported yet`.
#[derive(Debug, Clone)]
pub struct CompileError {
    pub kind: CompileErrorKind,
    pub file: String,
    pub line: u32,
    pub col: u32,
    pub message: String,
    /// The offending source line, for a caret display.
    pub source_line: String,
}

impl CompileErrorKind {
    /// The exception CPython raises for this, when it refuses the script too.
    pub fn python_exception(&self) -> Option<&'static str> {
        match self {
            CompileErrorKind::Syntax => Some("SyntaxError"),
            CompileErrorKind::Indentation => Some("IndentationError"),
            CompileErrorKind::Tab => Some("TabError"),
            CompileErrorKind::Recursion => Some("RecursionError"),
            CompileErrorKind::Unsupported | CompileErrorKind::Refused => None,
        }
    }
}

/// Source lines longer than this are shown as a window around the error's column.
const MAX_SHOWN_LINE: usize = 160;

impl CompileError {
    pub fn at(src: &SourceFile, offset: u32, kind: CompileErrorKind, message: impl Into<String>) -> Self {
        let lc = src.line_col(offset);
        CompileError {
            kind,
            file: src.name.clone(),
            line: lc.line,
            col: lc.col,
            message: message.into(),
            source_line: src.line_text(lc.line).to_string(),
        }
    }

    /// The one-line form used by `aiotutor run` and `check`.
    pub fn headline(&self) -> String {
        let what = self.kind.python_exception().unwrap_or("error");
        format!("{}:{}:{}: {}: {}", self.file, self.line, self.col, what, self.message)
    }

    /// Headline, the source line and a caret under the column. (A very long line is cut
    /// to a window around the column, marked with `...`.)
    pub fn render(&self) -> String {
        let mut out = self.headline();
        if !self.source_line.is_empty() {
            let chars: Vec<char> = self.source_line.chars().collect();
            let col = (self.col.saturating_sub(1) as usize).min(chars.len());
            let (from, to) = if chars.len() <= MAX_SHOWN_LINE {
                (0, chars.len())
            } else {
                let from = col.saturating_sub(MAX_SHOWN_LINE / 2);
                (from, (from + MAX_SHOWN_LINE).min(chars.len()))
            };
            let lead = if from > 0 { "..." } else { "" };
            let tail = if to < chars.len() { "..." } else { "" };
            let shown: String = chars[from..to].iter().collect();
            let pad: String = lead
                .chars()
                .chain(chars[from..col].iter().map(|&c| if c == '\t' { '\t' } else { ' ' }))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            out.push_str(&format!("\n    {lead}{shown}{tail}\n    {pad}^"));
        }
        out
    }
}

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.headline())
    }
}
