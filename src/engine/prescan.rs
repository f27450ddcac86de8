//! Before parsing: the limits CPython's tokenizer and parser enforce, checked on the raw
//! text in one linear pass, so that no later stage meets input deeper than it can take.
//!
//! - no NUL bytes: `SyntaxError: source code cannot contain null bytes`;
//! - at most 200 nested brackets: `SyntaxError: too many nested parentheses`;
//! - at most 99 levels of indentation: `IndentationError: too many levels of indentation`;
//! - a bound on the operator chains that parse recursively without brackets
//!   (`- - - x`, `not not x`, `await await x`, `lambda: lambda: ...`,
//!   `a if b else c if d else ...`, `a ** b ** ...`). ruff's parser grows its stack on the
//!   heap for those, about a kilobyte per level, so an unbounded chain costs unbounded
//!   memory; CPython refuses them too (`RecursionError ... during compilation`, or
//!   `MemoryError` from its parser).
//!
//! Left-associative chains (`1+1+...`, `a.b.c...`, `f()()()`) parse in a loop, but nest
//! just as deep in the tree; they are counted too, as is the size of the whole script
//! (its syntax tree takes about 200 bytes a token).
//!
//! This scanner only bounds depth: it over-approximates where unsure and leaves every
//! syntax question to the parser, except the few errors CPython's tokenizer raises
//! itself, which `Tokens` reports for the front-end to weigh against the parser's
//! (`lower.rs`): brackets that do not match, tabs and spaces mixed inconsistently, a
//! dedent to no outer level, a bracket never closed.

use super::error::{CompileError, CompileErrorKind};
use super::source::SourceFile;

/// CPython's tokenizer: `MAXLEVEL` nested brackets.
const MAX_PARENS: usize = 200;
/// CPython's tokenizer: `MAXINDENT`; a line indented this many levels is refused.
const MAX_INDENT: usize = 100;
/// Recursive-descent levels one statement may need (brackets included). CPython's
/// compiler stops near 3000 (`lower.rs` enforces that exactly, after parsing); this is
/// a looser bound on an estimate that may over-count.
const MAX_CHAIN: u32 = 5000;
/// Tokens in one script: beyond this its syntax tree alone would take hundreds of MB.
const MAX_TOKENS: usize = 1_000_000;
/// Bytes in one script.
pub const MAX_SOURCE_BYTES: usize = 16 << 20;

/// What CPython's tokenizer would say about a script the limits let through.
#[derive(Default)]
pub struct Tokens {
    /// The first error the tokenizer raises outright (`closing parenthesis ']' does not
    /// match opening parenthesis '('`, `unmatched ')'`): CPython tokenizes the whole
    /// file after a parser error, and such an error replaces the parser's.
    pub tok_error: Option<(u32, CompileError)>,
    /// The first indentation error (`TabError`, `unindent does not match any outer
    /// indentation level`): it wins only if the parser had not failed before it.
    pub indent_error: Option<(u32, CompileError)>,
    /// The innermost bracket still open at the end (its character and offset).
    pub unclosed: Option<(char, u32)>,
}

/// Check the raw text of a script against the limits above.
pub fn check(src: &SourceFile) -> Result<Tokens, CompileError> {
    if src.text.len() > MAX_SOURCE_BYTES {
        let msg = format!("the script is {} MB; aiotutor runs scripts of up to {} MB", src.text.len() >> 20, MAX_SOURCE_BYTES >> 20);
        return Err(CompileError::at(src, 0, CompileErrorKind::Unsupported, msg));
    }
    if let Some(at) = src.text.bytes().position(|b| b == 0) {
        return Err(CompileError::at(src, at as u32, CompileErrorKind::Syntax, "source code cannot contain null bytes"));
    }
    let mut s = Scanner::new(src);
    s.run()?;
    s.found.unclosed = s.brackets.last().map(|&(c, at)| (c as char, at as u32));
    Ok(s.found)
}

/// Operator nesting counted on one bracket level since its last boundary (`,`, `=`, `:`...).
#[derive(Default, Clone, Copy)]
struct Level {
    /// Prefix `-` `+` `~` `*`, `await` and right-associative `**`: end at a binary operator.
    tight: u32,
    /// Prefix `not`: ends at `and` / `or`.
    not: u32,
    /// `lambda`, conditional `else`, `yield`: run to the end of the expression.
    loose: u32,
    /// Left-associative chains: binary operators, `.attr`, calls and subscripts.
    left: u32,
    /// `lambda`s whose parameter list is still open (its `,` and `=` are no boundaries).
    lambdas: u32,
}

impl Level {
    fn sum(&self) -> u32 {
        self.tight + self.not + self.loose + self.left
    }
}

/// What the scanner is inside.
#[derive(Clone, Copy)]
enum Ctx {
    /// Code between brackets, or an f-string replacement field (`field`).
    Code { field: bool },
    /// The literal text of an f-string.
    FStr { quote: u8, triple: bool, raw: bool },
    /// A replacement field's format spec (literal text; `{` nests a field, `}` ends it).
    Spec,
}

/// Token classes the depth estimate cares about.
#[derive(Clone, Copy, PartialEq)]
enum Tok {
    Operand,
    /// `-`, `+`: binary after an operand, prefix otherwise.
    Sign,
    /// `~`.
    Tilde,
    Star,
    DoubleStar,
    /// Any other arithmetic or bitwise binary operator.
    Binary,
    /// Comparisons (flat: `a < b < c` is one node) and `:=`.
    Compare,
    /// `.` of an attribute.
    Dot,
    /// `(` or `[` right after an operand: a call or a subscript.
    Postfix,
    /// `,`, `=`, `->`, augmented assignments.
    Separator,
    Colon,
    Semi,
    Word(Kw),
}

#[derive(Clone, Copy, PartialEq)]
enum Kw {
    Not,
    AndOr,
    Lambda,
    Await,
    Yield,
    Else,
    If,
    For,
    /// `in`, `is`: binary.
    InIs,
    Operand,
    /// Statement keywords: a new expression starts.
    Other,
}

struct Scanner<'a> {
    src: &'a SourceFile,
    b: &'a [u8],
    i: usize,
    ctx: Vec<Ctx>,
    /// One level per open bracket or field, above the statement's own level (`levels[0]`).
    levels: Vec<Level>,
    /// Σ of every level's `sum()`: the estimated recursion of the parser here.
    chain: u32,
    parens: usize,
    tokens: usize,
    prev_operand: bool,
    indents: Vec<usize>,
    /// The same indentation measured with tabs one column wide: CPython's `altcol`,
    /// which tells a consistent mix of tabs and spaces from an inconsistent one.
    alt_indents: Vec<usize>,
    at_line_start: bool,
    /// Code brackets open (not f-string fields): the character and its offset.
    brackets: Vec<(u8, usize)>,
    found: Tokens,
}

impl<'a> Scanner<'a> {
    fn new(src: &'a SourceFile) -> Self {
        Scanner {
            src,
            b: src.text.as_bytes(),
            i: 0,
            ctx: Vec::new(),
            levels: vec![Level::default()],
            chain: 0,
            parens: 0,
            tokens: 0,
            prev_operand: false,
            indents: vec![0],
            alt_indents: vec![0],
            at_line_start: true,
            brackets: Vec::new(),
            found: Tokens::default(),
        }
    }

    fn peek(&self, k: usize) -> u8 {
        self.b.get(self.i + k).copied().unwrap_or(0)
    }

    fn error(&self, at: usize, kind: CompileErrorKind, msg: &str) -> CompileError {
        CompileError::at(self.src, at as u32, kind, msg)
    }

    fn run(&mut self) -> Result<(), CompileError> {
        while self.i < self.b.len() {
            match self.ctx.last().copied() {
                Some(Ctx::FStr { quote, triple, raw }) => self.fstring_text(quote, triple, raw)?,
                Some(Ctx::Spec) => self.spec_text()?,
                _ => self.code()?,
            }
        }
        Ok(())
    }

    /// One step in code: a token, whitespace, a comment or a newline.
    fn code(&mut self) -> Result<(), CompileError> {
        if self.at_line_start {
            self.at_line_start = false;
            self.indentation()?;
            return Ok(());
        }
        let c = self.peek(0);
        let start = self.i;
        match c {
            b' ' | b'\t' | 0x0c => self.i += 1,
            b'#' => {
                while self.i < self.b.len() && !matches!(self.b[self.i], b'\n' | b'\r') {
                    self.i += 1;
                }
            }
            b'\\' if matches!(self.peek(1), b'\n' | b'\r') => {
                // A continuation line: no indentation, no logical newline.
                self.i += if self.peek(1) == b'\r' && self.peek(2) == b'\n' { 3 } else { 2 };
            }
            b'\n' | b'\r' => {
                self.i += if c == b'\r' && self.peek(1) == b'\n' { 2 } else { 1 };
                if self.ctx.is_empty() {
                    self.end_statement();
                    self.at_line_start = true;
                }
            }
            b'(' | b'[' | b'{' => {
                self.i += 1;
                self.parens += 1;
                if self.parens > MAX_PARENS {
                    return Err(self.error(start, CompileErrorKind::Syntax, "too many nested parentheses"));
                }
                if self.prev_operand {
                    self.token(Tok::Postfix, start)?;
                }
                self.ctx.push(Ctx::Code { field: false });
                self.brackets.push((c, start));
                self.open_level(start)?;
            }
            b')' | b']' | b'}' => {
                self.i += 1;
                match self.ctx.last().copied() {
                    Some(Ctx::Code { field }) => {
                        self.ctx.pop();
                        self.close_level();
                        if field {
                            // The end of an f-string field: back to the f-string's text.
                        } else {
                            self.parens -= 1;
                            self.prev_operand = true;
                            if let Some((open, at)) = self.brackets.pop() {
                                self.check_match(open, at, c, start);
                            }
                        }
                    }
                    None => {
                        let msg = format!("unmatched '{}'", c as char);
                        self.tok_error(start, msg);
                        self.prev_operand = true;
                    }
                    // In an f-string's text or spec: the parser reports it.
                    _ => self.prev_operand = true,
                }
            }
            b':' if matches!(self.ctx.last(), Some(Ctx::Code { field: true })) => {
                // `{value:spec}` (also `{x:=5}`): the rest of the field is a format spec.
                self.i += 1;
                self.ctx.push(Ctx::Spec);
            }
            b'\'' | b'"' => self.string(start, ""),
            b'0'..=b'9' => self.number(),
            b'.' if self.peek(1).is_ascii_digit() => self.number(),
            c if c == b'_' || c.is_ascii_alphabetic() || c >= 0x80 => self.word(start)?,
            _ => self.operator(start)?,
        }
        Ok(())
    }

    /// A closing bracket `close` at `at` for the bracket `open` opened at `open_at`.
    fn check_match(&mut self, open: u8, open_at: usize, close: u8, at: usize) {
        let expected = match open {
            b'(' => b')',
            b'[' => b']',
            _ => b'}',
        };
        if close == expected {
            return;
        }
        let (open_line, line) = (self.src.line_col(open_at as u32).line, self.src.line_col(at as u32).line);
        let mut msg = format!("closing parenthesis '{}' does not match opening parenthesis '{}'", close as char, open as char);
        if open_line != line {
            msg.push_str(&format!(" on line {open_line}"));
        }
        self.tok_error(at, msg);
    }

    fn tok_error(&mut self, at: usize, msg: String) {
        if self.found.tok_error.is_none() {
            self.found.tok_error = Some((at as u32, self.error(at, CompileErrorKind::Syntax, &msg)));
        }
    }

    fn indent_error(&mut self, at: usize, kind: CompileErrorKind, msg: &str) {
        if self.found.indent_error.is_none() {
            self.found.indent_error = Some((at as u32, self.error(at, kind, msg)));
        }
    }

    /// Indentation at the start of a line outside brackets (CPython's tokenizer counts
    /// levels on a stack of column widths; tabs go to the next multiple of 8, and to the
    /// next column for `altcol`: the two must order the levels the same way).
    fn indentation(&mut self) -> Result<(), CompileError> {
        let line_start = self.i;
        let mut col = 0usize;
        let mut alt = 0usize;
        while self.i < self.b.len() {
            match self.b[self.i] {
                b' ' => {
                    col += 1;
                    alt += 1;
                }
                b'\t' => {
                    col = (col / 8 + 1) * 8;
                    alt += 1;
                }
                0x0c => {
                    col = 0;
                    alt = 0;
                }
                _ => break,
            }
            self.i += 1;
        }
        if matches!(self.peek(0), b'\n' | b'\r' | b'#' | 0) || self.peek(0) == b'\\' && matches!(self.peek(1), b'\n' | b'\r') {
            return Ok(()); // a blank or comment-only line does not indent
        }
        const TAB_ERROR: &str = "inconsistent use of tabs and spaces in indentation";
        let top = *self.indents.last().expect("the indent stack keeps its base");
        let alt_top = *self.alt_indents.last().expect("the indent stack keeps its base");
        if col == top {
            if alt != alt_top {
                self.indent_error(line_start, CompileErrorKind::Tab, TAB_ERROR);
            }
        } else if col > top {
            if alt <= alt_top {
                self.indent_error(line_start, CompileErrorKind::Tab, TAB_ERROR);
            }
            self.indents.push(col);
            self.alt_indents.push(alt);
            if self.indents.len() > MAX_INDENT {
                return Err(self.error(line_start, CompileErrorKind::Indentation, "too many levels of indentation"));
            }
        } else {
            while self.indents.len() > 1 && *self.indents.last().expect("non-empty") > col {
                self.indents.pop();
                self.alt_indents.pop();
            }
            if *self.indents.last().expect("non-empty") != col {
                let msg = "unindent does not match any outer indentation level";
                self.indent_error(self.i, CompileErrorKind::Indentation, msg);
            } else if *self.alt_indents.last().expect("non-empty") != alt {
                self.indent_error(line_start, CompileErrorKind::Tab, TAB_ERROR);
            }
        }
        Ok(())
    }

    fn number(&mut self) {
        let start = self.i;
        let hex = self.peek(0) == b'0' && matches!(self.peek(1), b'x' | b'X');
        while self.i < self.b.len() {
            let c = self.b[self.i];
            if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' {
                self.i += 1;
            } else if !hex && matches!(c, b'+' | b'-') && matches!(self.b[self.i - 1], b'e' | b'E') {
                self.i += 1; // an exponent's sign
            } else {
                break;
            }
        }
        self.radix_digits(start);
        self.operand();
    }

    /// `0b102`, `0o8`: CPython's tokenizer names the digit the base does not have.
    fn radix_digits(&mut self, start: usize) {
        let tok = &self.b[start..self.i];
        let (name, base) = match tok.get(..2) {
            Some(b"0b" | b"0B") => ("binary", 2),
            Some(b"0o" | b"0O") => ("octal", 8),
            _ => return,
        };
        for (k, &c) in tok.iter().enumerate().skip(2) {
            match c {
                b'_' => {}
                b'0'..=b'9' if u32::from(c - b'0') < base => {}
                b'0'..=b'9' => {
                    let msg = format!("invalid digit '{}' in {name} literal", c as char);
                    self.tok_error(start + k, msg);
                    return;
                }
                _ => return,
            }
        }
    }

    /// A name, a keyword, or a string prefix.
    fn word(&mut self, start: usize) -> Result<(), CompileError> {
        while self.i < self.b.len() && {
            let c = self.b[self.i];
            c == b'_' || c.is_ascii_alphanumeric() || c >= 0x80
        } {
            self.i += 1;
        }
        let word = self.src.text.get(start..self.i).unwrap_or("");
        if matches!(self.peek(0), b'\'' | b'"') && is_string_prefix(word) {
            self.string(self.i, word);
            return Ok(());
        }
        let kw = match word {
            "not" => Kw::Not,
            "and" | "or" => Kw::AndOr,
            "lambda" => Kw::Lambda,
            "await" => Kw::Await,
            "yield" => Kw::Yield,
            "else" => Kw::Else,
            "if" => Kw::If,
            "for" => Kw::For,
            "in" | "is" => Kw::InIs,
            "None" | "True" | "False" => Kw::Operand,
            "return" | "del" | "assert" | "import" | "from" | "as" | "class" | "def" | "raise" | "global"
            | "nonlocal" | "while" | "with" | "try" | "except" | "finally" | "async" | "pass" | "break"
            | "continue" | "elif" => Kw::Other,
            _ => {
                self.operand();
                return Ok(());
            }
        };
        self.token(Tok::Word(kw), start)
    }

    /// A string literal starting at the quote at `at`; f-strings open their own context.
    fn string(&mut self, at: usize, prefix: &str) {
        self.i = at;
        let quote = self.b[at];
        let triple = self.peek(1) == quote && self.peek(2) == quote;
        self.i += if triple { 3 } else { 1 };
        let lower = prefix.to_ascii_lowercase();
        let raw = lower.contains('r');
        if lower.contains('f') || lower.contains('t') {
            self.ctx.push(Ctx::FStr { quote, triple, raw });
            return;
        }
        self.skip_string_body(quote, triple);
        self.operand();
    }

    fn skip_string_body(&mut self, quote: u8, triple: bool) {
        while self.i < self.b.len() {
            let c = self.b[self.i];
            if c == b'\\' {
                self.i += 2;
            } else if c == quote && (!triple || self.peek(1) == quote && self.peek(2) == quote) {
                self.i += if triple { 3 } else { 1 };
                return;
            } else if !triple && matches!(c, b'\n' | b'\r') {
                return; // unterminated: the parser reports it
            } else {
                self.i += 1;
            }
        }
    }

    /// Literal text of an f-string, up to a replacement field or the closing quote.
    fn fstring_text(&mut self, quote: u8, triple: bool, raw: bool) -> Result<(), CompileError> {
        let c = self.peek(0);
        if c == b'\\' && !raw {
            // `\N{NAME}` holds braces that open no field.
            if self.peek(1) == b'N' && self.peek(2) == b'{' {
                while self.i < self.b.len() && self.b[self.i] != b'}' {
                    self.i += 1;
                }
            }
            self.i += 2;
        } else if c == quote && (!triple || self.peek(1) == quote && self.peek(2) == quote) {
            self.i += if triple { 3 } else { 1 };
            self.ctx.pop();
            self.operand();
        } else if !triple && matches!(c, b'\n' | b'\r') {
            self.ctx.pop(); // unterminated: the newline is code again
            self.operand();
        } else if (c == b'{' || c == b'}') && self.peek(1) == c {
            self.i += 2;
        } else if c == b'{' {
            self.open_field()?;
        } else {
            self.i += 1;
        }
        Ok(())
    }

    /// A format spec: literal text where `{` nests a field and `}` ends the field.
    fn spec_text(&mut self) -> Result<(), CompileError> {
        match self.peek(0) {
            b'{' => self.open_field()?,
            b'}' => {
                self.i += 1;
                self.ctx.pop(); // the spec
                if let Some(Ctx::Code { field: true }) = self.ctx.last() {
                    self.ctx.pop();
                    self.close_level();
                }
            }
            b'\'' | b'"' => {
                // The f-string's closing quote inside an unfinished field: give up on
                // the field (the parser reports it) and let the f-string text end.
                while let Some(Ctx::Spec | Ctx::Code { field: true }) = self.ctx.last() {
                    if let Some(Ctx::Code { .. }) = self.ctx.pop() {
                        self.close_level();
                    }
                }
                if !matches!(self.ctx.last(), Some(Ctx::FStr { .. })) {
                    self.i += 1;
                } // else fstring_text sees the quote
            }
            _ => self.i += 1,
        }
        Ok(())
    }

    /// `{` in an f-string: a replacement field, which nests like a bracket.
    fn open_field(&mut self) -> Result<(), CompileError> {
        let at = self.i;
        self.i += 1;
        self.ctx.push(Ctx::Code { field: true });
        self.open_level(at)
    }

    fn operator(&mut self, start: usize) -> Result<(), CompileError> {
        let (c, d, e) = (self.peek(0), self.peek(1), self.peek(2));
        let (len, tok) = match (c, d) {
            (b'*', b'*') => (if e == b'=' { 3 } else { 2 }, if e == b'=' { Tok::Separator } else { Tok::DoubleStar }),
            (b'/', b'/') | (b'<', b'<') | (b'>', b'>') => (if e == b'=' { 3 } else { 2 }, if e == b'=' { Tok::Separator } else { Tok::Binary }),
            (b'-', b'>') => (2, Tok::Separator),
            (b':', b'=') => (2, Tok::Compare),
            (b'=' | b'!' | b'<' | b'>', b'=') => (2, Tok::Compare),
            (b'<' | b'>', _) => (1, Tok::Compare),
            (b'+' | b'-' | b'*' | b'/' | b'%' | b'@' | b'&' | b'|' | b'^', b'=') => (2, Tok::Separator),
            (b'.', b'.') if e == b'.' => (3, Tok::Operand),
            (b'+' | b'-', _) => (1, Tok::Sign),
            (b'~', _) => (1, Tok::Tilde),
            (b'*', _) => (1, Tok::Star),
            (b',' | b'=', _) => (1, Tok::Separator),
            (b':', _) => (1, Tok::Colon),
            (b';', _) => (1, Tok::Semi),
            (b'.', _) => (1, Tok::Dot),
            _ => (1, Tok::Binary),
        };
        self.i += len;
        self.token(tok, start)
    }

    fn operand(&mut self) {
        self.prev_operand = true;
        self.tokens += 1;
    }

    /// Update the depth estimate for one token.
    fn token(&mut self, tok: Tok, at: usize) -> Result<(), CompileError> {
        self.tokens += 1;
        if self.tokens > MAX_TOKENS {
            let msg = format!("the script has more than {MAX_TOKENS} tokens: too large for aiotutor");
            return Err(self.error(at, CompileErrorKind::Unsupported, &msg));
        }
        let after_operand = std::mem::replace(&mut self.prev_operand, false);
        let lv = *self.levels.last().expect("the statement level is never popped");
        let mut next = lv;
        match tok {
            Tok::Operand | Tok::Word(Kw::Operand) => {
                self.prev_operand = true;
                return Ok(());
            }
            Tok::Sign | Tok::Star | Tok::Binary if after_operand => {
                next.tight = 0;
                next.left += 1;
            }
            Tok::Binary => {}
            Tok::Sign | Tok::Star | Tok::Tilde | Tok::Word(Kw::Await) => next.tight += 1,
            Tok::DoubleStar => next.tight += u32::from(after_operand),
            Tok::Dot | Tok::Postfix => next.left += 1,
            Tok::Compare | Tok::Word(Kw::InIs) => {
                next.tight = 0;
                next.left = 0;
            }
            Tok::Word(Kw::Not) if after_operand => {
                // `not in`
                next.tight = 0;
                next.left = 0;
            }
            Tok::Word(Kw::Not) => next.not += 1,
            Tok::Word(Kw::AndOr | Kw::If) => {
                next.tight = 0;
                next.not = 0;
                next.left = 0;
            }
            Tok::Word(Kw::Else) if after_operand => {
                next.tight = 0;
                next.not = 0;
                next.left = 0;
                next.loose += 1;
            }
            Tok::Word(Kw::Lambda) => {
                next.loose += 1;
                next.lambdas += 1;
            }
            Tok::Word(Kw::Yield) => next.loose += 1,
            Tok::Colon if lv.lambdas > 0 => next.lambdas -= 1,
            Tok::Separator if lv.lambdas > 0 => {}
            Tok::Separator | Tok::Colon | Tok::Word(Kw::For) => next = Level { lambdas: lv.lambdas, ..Level::default() },
            Tok::Semi | Tok::Word(Kw::Else | Kw::Other) => next = Level::default(),
        }
        self.set_level(next);
        if self.chain + self.levels.len() as u32 > MAX_CHAIN {
            return Err(self.error(at, CompileErrorKind::Recursion, "maximum recursion depth exceeded during compilation"));
        }
        Ok(())
    }

    fn set_level(&mut self, next: Level) {
        let lv = self.levels.last_mut().expect("the statement level is never popped");
        self.chain = self.chain - lv.sum() + next.sum();
        *lv = next;
    }

    fn open_level(&mut self, at: usize) -> Result<(), CompileError> {
        self.levels.push(Level::default());
        self.prev_operand = false;
        if self.chain + self.levels.len() as u32 > MAX_CHAIN {
            return Err(self.error(at, CompileErrorKind::Recursion, "maximum recursion depth exceeded during compilation"));
        }
        Ok(())
    }

    fn close_level(&mut self) {
        if self.levels.len() > 1 {
            let lv = self.levels.pop().expect("checked above");
            self.chain -= lv.sum();
        }
    }

    /// A logical line ended: every count restarts.
    fn end_statement(&mut self) {
        self.set_level(Level::default());
        self.prev_operand = false;
    }
}

fn is_string_prefix(word: &str) -> bool {
    word.len() <= 2
        && matches!(
            word.to_ascii_lowercase().as_str(),
            "r" | "u" | "b" | "f" | "t" | "br" | "rb" | "fr" | "rf" | "tr" | "rt"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_str(text: &str) -> Result<(), String> {
        let src = SourceFile::new("t.py", text);
        check(&src).map(|_| ()).map_err(|e| e.headline())
    }

    #[test]
    fn ordinary_code_passes() {
        let ok = [
            "x = -1 + -2 + -3\n",
            "f = lambda a, b=1: a + b\n",
            "s = f\"{x!r:>{width}} and {{braces}} \\N{DASH}\"\n",
            "if a:\n    if b:\n        pass\n",
            "x = [-i for i in range(3) if not i]\n",
            "y = a if b else c if d else e\n",
            "t = '''(((\n((('''\n",
            "u = '('  # ((((\n",
        ];
        for src in ok {
            assert_eq!(check_str(src), Ok(()), "{src}");
        }
    }

    #[test]
    fn long_flat_data_passes() {
        let items: Vec<String> = (0..20_000).map(|i| format!("-{i}")).collect();
        assert_eq!(check_str(&format!("x = [{}]\n", items.join(", "))), Ok(()));
        let test: Vec<String> = (0..20_000).map(|i| format!("x.a == -{i}")).collect();
        assert_eq!(check_str(&format!("y = {}\n", test.join(" or "))), Ok(()));
    }

    #[test]
    fn limits_are_located() {
        let parens = format!("x = {}1{}\n", "(".repeat(201), ")".repeat(201));
        assert_eq!(check_str(&parens).unwrap_err(), "t.py:1:205: SyntaxError: too many nested parentheses");
        let unary = format!("\nx = {}1\n", "-".repeat(100_000));
        assert!(check_str(&unary).unwrap_err().starts_with("t.py:2:"));
        let nots = format!("x = {}1\n", "not ".repeat(10_000));
        assert!(check_str(&nots).unwrap_err().contains("RecursionError"));
        let lambdas = format!("x = {}1\n", "lambda a, b=1: ".repeat(10_000));
        assert!(check_str(&lambdas).unwrap_err().contains("RecursionError"));
        let sum = format!("x = {}1\n", "1 + ".repeat(10_000));
        assert!(check_str(&sum).unwrap_err().contains("RecursionError"));
        let attrs = format!("x = a{}\n", ".b".repeat(10_000));
        assert!(check_str(&attrs).unwrap_err().contains("RecursionError"));
        let calls = format!("x = f{}\n", "()".repeat(10_000));
        assert!(check_str(&calls).unwrap_err().contains("RecursionError"));
        let fields = format!("x = {}\n", "f'{".repeat(6000) + &"}'".repeat(6000));
        assert!(check_str(&fields).is_err());
        let nul = "print(1)\n\0\n";
        assert_eq!(check_str(nul).unwrap_err(), "t.py:2:1: SyntaxError: source code cannot contain null bytes");
        let deep: String = (0..100).map(|i| format!("{}if x:\n", " ".repeat(i))).collect::<String>() + &" ".repeat(100) + "pass\n";
        assert_eq!(check_str(&deep).unwrap_err(), "t.py:101:1: IndentationError: too many levels of indentation");
    }
}
