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
        let mut out = visible(&self.headline()).into_owned();
        if !self.source_line.is_empty() {
            out.push_str(&caret_lines(&self.source_line, self.col));
        }
        out
    }
}

/// `line` with a caret under column `col` (1-based, in characters), as the two lines
/// shown under a located error: indented by four, cut to a window around the column
/// when long, and with control characters written as escapes (`\x1b`), so that what a
/// file holds is shown, never obeyed by the terminal.
pub fn caret_lines(line: &str, col: u32) -> String {
    let chars: Vec<char> = line.chars().collect();
    let col = (col.saturating_sub(1) as usize).min(chars.len());
    let (from, to) = if chars.len() <= MAX_SHOWN_LINE {
        (0, chars.len())
    } else {
        let from = col.saturating_sub(MAX_SHOWN_LINE / 2);
        (from, (from + MAX_SHOWN_LINE).min(chars.len()))
    };
    let lead = if from > 0 { "..." } else { "" };
    let tail = if to < chars.len() { "..." } else { "" };
    let shown: String = chars[from..to].iter().map(|&c| shown_char(c)).collect();
    let pad: String = lead
        .chars()
        .map(|_| ' ')
        .chain(chars[from..col].iter().flat_map(|&c| {
            let w = if c == '\t' { 1 } else { shown_char(c).chars().count() };
            std::iter::repeat_n(if c == '\t' { '\t' } else { ' ' }, w)
        }))
        .collect();
    format!("\n    {lead}{shown}{tail}\n    {pad}^")
}

/// A character as an error message shows it: controls (but tab) and the bidirectional
/// overrides that make text display in another order than it reads, as escapes.
fn shown_char(c: char) -> std::borrow::Cow<'static, str> {
    let bidi = matches!(c as u32, 0x202A..=0x202E | 0x2066..=0x2069);
    if (c.is_control() && c != '\t') || bidi {
        let n = c as u32;
        if n < 0x100 { format!("\\x{n:02x}").into() } else { format!("\\u{n:04x}").into() }
    } else {
        let mut b = [0u8; 4];
        String::from(c.encode_utf8(&mut b) as &str).into()
    }
}

/// `text` with its control characters (but newline and tab) written as escapes.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    let odd = |c: char| (c.is_control() && c != '\n' && c != '\t') || matches!(c as u32, 0x202A..=0x202E | 0x2066..=0x2069);
    if !text.chars().any(odd) {
        return text.into();
    }
    text.chars().map(|c| if c == '\n' { "\n".into() } else { shown_char(c) }).collect::<String>().into()
}

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.headline())
    }
}
