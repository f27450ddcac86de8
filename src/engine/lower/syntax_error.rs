//! The parser's first error, said as CPython 3.11 says it.
//!
//! ruff's parser words its errors its own way (`Expected `:`, found newline`); where the
//! mistake is one a learner makes every day, the message here is CPython's
//! (`expected ':'`), with CPython's exception class (`IndentationError`, `TabError`).
//! The tokenizer-level errors found by `prescan` are weighed against the parser's the
//! way CPython weighs them: after a parser error CPython tokenizes the rest of the file,
//! and a bracket error found there replaces the parser's; a bracket still open at the
//! end replaces an error on a later line ("'(' was never closed").

use ruff_python_parser::{LexicalErrorType, ParseError, ParseErrorType};

use super::super::error::{CompileError, CompileErrorKind};
use super::super::prescan::Tokens;
use super::super::source::SourceFile;

/// The error to report for a script whose parse failed with `e` (or `None`: the parse
/// succeeded, but the tokenizer found something CPython refuses).
pub fn choose(src: &SourceFile, e: Option<&ParseError>, tokens: Tokens) -> Option<CompileError> {
    let Some(e) = e else {
        return tokens.tok_error.or(tokens.indent_error).map(|(_, e)| e);
    };
    let at = e.location.start().to_u32();
    // The end of the file inside brackets is the parser's failure in CPython.
    let eof = matches!(e.error, ParseErrorType::Lexical(LexicalErrorType::Eof));
    let lexical = !eof && matches!(e.error, ParseErrorType::Lexical(_) | ParseErrorType::FStringError(_));
    if lexical {
        // A tokenizer error itself: the first one in the file wins.
        let parser = translate(src, e);
        return Some(match tokens.tok_error {
            Some((b, be)) if b < at => be,
            _ => match tokens.indent_error {
                Some((i, ie)) if i <= at => ie,
                _ => parser,
            },
        });
    }
    if let Some((_, b)) = tokens.tok_error {
        return Some(b);
    }
    if let Some((i, ie)) = tokens.indent_error {
        if i <= at {
            return Some(ie);
        }
    }
    if let Some((c, open)) = tokens.unclosed {
        if src.line_col(at).line > src.line_col(open).line || at as usize >= src.text.trim_end().len() {
            return Some(CompileError::at(src, open, CompileErrorKind::Syntax, format!("'{c}' was never closed")));
        }
    }
    Some(translate(src, e))
}

/// ruff's error `e` with CPython's wording where they differ on common mistakes.
fn translate(src: &SourceFile, e: &ParseError) -> CompileError {
    let at = e.location.start().to_u32();
    let message = e.error.to_string();
    let syntax = |msg: String| CompileError::at(src, at, CompileErrorKind::Syntax, msg);
    match &e.error {
        ParseErrorType::UnexpectedIndentation => {
            return CompileError::at(src, at, CompileErrorKind::Indentation, "unexpected indent")
        }
        ParseErrorType::Lexical(LexicalErrorType::IndentationError) => {
            let msg = "unindent does not match any outer indentation level";
            return CompileError::at(src, at, CompileErrorKind::Indentation, msg);
        }
        ParseErrorType::Lexical(LexicalErrorType::UnclosedStringError) => return unterminated_string(src, at),
        ParseErrorType::Lexical(LexicalErrorType::UnrecognizedToken { tok }) => return syntax(invalid_character(*tok)),
        _ => {}
    }
    if let Some(clause) = message.strip_prefix("Expected an indented block after ") {
        return expected_block(src, at, clause);
    }
    if message.starts_with("Expected `:`") {
        return syntax("expected ':'".into());
    }
    if message == "Simple statements must be separated by newlines or semicolons" {
        if let Some(print_at) = print_statement(src, at) {
            let msg = "Missing parentheses in call to 'print'. Did you mean print(...)?";
            return CompileError::at(src, print_at, CompileErrorKind::Syntax, msg);
        }
    }
    if message.contains("ParseIntError") || message.contains("ParseFloatError") || message == "Invalid decimal integer literal" {
        return syntax(number_error(src, at));
    }
    syntax(message)
}

/// `print "x"`: the statement starts with `print`, then a space, then the error.
fn print_statement(src: &SourceFile, at: u32) -> Option<u32> {
    let lc = src.line_col(at);
    let line = src.line_text(lc.line);
    let indent = line.len() - line.trim_start().len();
    let rest = line[indent..].strip_prefix("print")?;
    let gap = rest.len() - rest.trim_start().len();
    let before: usize = line.char_indices().take((lc.col - 1) as usize).map(|(_, c)| c.len_utf8()).sum();
    (gap > 0 && before == indent + 5 + gap).then(|| at - (5 + gap) as u32)
}

/// CPython: `unterminated string literal (detected at line N)` at the opening quote, or
/// `unterminated triple-quoted string literal (detected at line N)` where N is the last.
fn unterminated_string(src: &SourceFile, at: u32) -> CompileError {
    let tail = src.text.get(at as usize..).unwrap_or("");
    let quoted = tail.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let triple = quoted.starts_with("'''") || quoted.starts_with("\"\"\"");
    let msg = if triple {
        let last = src.line_col(src.text.len() as u32).line;
        let last = if src.text.ends_with('\n') { last.saturating_sub(1).max(1) } else { last };
        format!("unterminated triple-quoted string literal (detected at line {last})")
    } else {
        format!("unterminated string literal (detected at line {})", src.line_col(at).line)
    };
    CompileError::at(src, at, CompileErrorKind::Syntax, msg)
}

/// CPython's tokenizer on a character no token starts with.
fn invalid_character(c: char) -> String {
    let format_char = matches!(c as u32, 0xAD | 0x200B..=0x200F | 0x2028..=0x202E | 0x2060..=0x2064 | 0xFEFF);
    if c.is_control() || format_char || (c.is_whitespace() && c != ' ') {
        format!("invalid non-printable character U+{:04X}", c as u32)
    } else if c.is_ascii() {
        "invalid syntax".into()
    } else {
        format!("invalid character '{c}' (U+{:04X})", c as u32)
    }
}

/// `Expected an indented block after `if` statement` → CPython's IndentationError,
/// naming the line the clause starts on.
fn expected_block(src: &SourceFile, at: u32, clause: &str) -> CompileError {
    let (what, keywords): (&str, &[&str]) = match clause {
        "`if` statement" => ("'if' statement", &["if"]),
        "`else` clause" => ("'else' statement", &["else"]),
        "`elif` clause" => ("'elif' statement", &["elif"]),
        "`for` statement" => ("'for' statement", &["for", "async for"]),
        "`with` statement" => ("'with' statement", &["with", "async with"]),
        "`class` definition" => ("class definition", &["class"]),
        "`while` statement" => ("'while' statement", &["while"]),
        "function definition" => ("function definition", &["def", "async def"]),
        "`try` statement" => ("'try' statement", &["try"]),
        "`except` clause" => ("'except' statement", &["except"]),
        "`finally` clause" => ("'finally' statement", &["finally"]),
        _ => ("", &[]),
    };
    let here = src.line_col(at).line;
    let header = (1..here).rev().take(200).find(|&l| {
        let t = src.line_text(l).trim_start();
        keywords.iter().any(|k| t.strip_prefix(k).is_some_and(|r| r.starts_with(|c: char| !c.is_alphanumeric() && c != '_')))
    });
    let msg = match (what, header) {
        ("'except' statement", Some(l)) if src.line_text(l).trim_start()["except".len()..].trim_start().starts_with('*') => {
            format!("expected an indented block after 'except*' statement on line {l}")
        }
        ("", _) | (_, None) => format!("expected an indented block after {}", clause.replace('`', "'")),
        (what, Some(l)) => format!("expected an indented block after {what} on line {l}"),
    };
    CompileError::at(src, at, CompileErrorKind::Indentation, msg)
}

/// An invalid number literal at `at`, as CPython's tokenizer names it.
fn number_error(src: &SourceFile, at: u32) -> String {
    let tail = src.text.get(at as usize..).unwrap_or("");
    let end = tail.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.')).unwrap_or(tail.len());
    let tok = &tail[..end];
    let lower = tok.to_ascii_lowercase();
    let radix = |name: &str, digits: &str, rest: &str| -> String {
        match rest.chars().find(|c| c.is_ascii_digit() && !digits.contains(*c)) {
            Some(d) => format!("invalid digit '{d}' in {name} literal"),
            None => format!("invalid {name} literal"),
        }
    };
    if let Some(rest) = lower.strip_prefix("0x") {
        let _ = rest;
        "invalid hexadecimal literal".into()
    } else if let Some(rest) = lower.strip_prefix("0o") {
        radix("octal", "01234567", rest)
    } else if let Some(rest) = lower.strip_prefix("0b") {
        radix("binary", "01", rest)
    } else if lower.len() > 1 && lower.starts_with('0') && lower.bytes().all(|b| b.is_ascii_digit() || b == b'_') {
        "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers".into()
    } else {
        "invalid decimal literal".into()
    }
}
