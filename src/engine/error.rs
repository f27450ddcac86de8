//! Errors found before a script runs: syntax errors and constructs outside the subset.

use super::source::SourceFile;

/// Why a script could not be compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompileErrorKind {
    /// CPython would reject this too (`SyntaxError`).
    Syntax,
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
        let what = match self.kind {
            CompileErrorKind::Syntax => "SyntaxError",
            CompileErrorKind::Unsupported | CompileErrorKind::Refused => "error",
        };
        format!("{}:{}:{}: {}: {}", self.file, self.line, self.col, what, self.message)
    }

    /// Headline, the source line and a caret under the column.
    pub fn render(&self) -> String {
        let mut out = self.headline();
        if !self.source_line.is_empty() {
            let pad: String = self
                .source_line
                .chars()
                .take(self.col.saturating_sub(1) as usize)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            out.push_str(&format!("\n    {}\n    {}^", self.source_line, pad));
        }
        out
    }
}

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.headline())
    }
}
