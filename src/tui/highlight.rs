//! Syntax classes for the code view, from ruff's own token stream (the same lexer the
//! engine parses with), split into source lines.

use ruff_python_ast::token::TokenKind;
use ruff_python_ast::PySourceType;
use ruff_python_parser::parse_unchecked_source;
use ruff_text_size::Ranged;

/// How a piece of source is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Keyword,
    /// `async` and `await`: what this app is about.
    Async,
    /// The name after `def` or `class`.
    Definition,
    /// A name called: `print(`, `asyncio.sleep(`.
    Call,
    Name,
    String,
    Number,
    /// `True`, `False`, `None`.
    Constant,
    Comment,
    Operator,
    Plain,
}

/// One source line as `(text, class)` pieces.
pub type HighlightedLine = Vec<(String, Class)>;

/// Classify every character of `source`, line by line (tabs expanded to 4 spaces).
pub fn highlight(source: &str) -> Vec<HighlightedLine> {
    let parsed = parse_unchecked_source(source, PySourceType::Python);
    let tokens = parsed.tokens();
    let mut classes = vec![Class::Plain; source.len()];
    for (i, tok) in tokens.iter().enumerate() {
        let next = tokens[i + 1..].iter().map(|t| t.kind()).find(|k| !k.is_trivia());
        let prev = tokens[..i].iter().rev().map(|t| t.kind()).find(|k| !k.is_trivia());
        let class = classify(tok.kind(), prev, next);
        let r = tok.range();
        classes[r.start().to_usize()..r.end().to_usize()].fill(class);
    }
    split_lines(source, &classes)
}

fn classify(kind: TokenKind, prev: Option<TokenKind>, next: Option<TokenKind>) -> Class {
    match kind {
        TokenKind::Async | TokenKind::Await => Class::Async,
        TokenKind::True | TokenKind::False | TokenKind::None => Class::Constant,
        TokenKind::Name if matches!(prev, Some(TokenKind::Def | TokenKind::Class)) => Class::Definition,
        TokenKind::Name if next == Some(TokenKind::Lpar) => Class::Call,
        TokenKind::Name => Class::Name,
        TokenKind::Int | TokenKind::Float | TokenKind::Complex => Class::Number,
        TokenKind::String
        | TokenKind::FStringStart
        | TokenKind::FStringMiddle
        | TokenKind::FStringEnd
        | TokenKind::TStringStart
        | TokenKind::TStringMiddle
        | TokenKind::TStringEnd => Class::String,
        TokenKind::Comment => Class::Comment,
        k if k.is_keyword() => Class::Keyword,
        k if k.is_operator() => Class::Operator,
        _ => Class::Plain,
    }
}

/// Group runs of equal class, one `Vec` per source line.
fn split_lines(source: &str, classes: &[Class]) -> Vec<HighlightedLine> {
    let mut lines = Vec::new();
    let mut offset = 0;
    for raw in source.split_inclusive('\n') {
        let text = raw.trim_end_matches(['\n', '\r']);
        let mut pieces: HighlightedLine = Vec::new();
        for (i, ch) in text.char_indices() {
            let class = classes[offset + i];
            let piece = if ch == '\t' { "    ".to_string() } else { ch.to_string() };
            match pieces.last_mut() {
                Some((s, c)) if *c == class => s.push_str(&piece),
                _ => pieces.push((piece, class)),
            }
        }
        lines.push(pieces);
        offset += raw.len();
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_of_a_small_program() {
        let lines = highlight("async def f():\n    await g(1)  # wait\n");
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0][0], ("async".to_string(), Class::Async));
        assert!(lines[0].contains(&("f".to_string(), Class::Definition)));
        assert!(lines[1].contains(&("g".to_string(), Class::Call)));
        assert!(lines[1].contains(&("1".to_string(), Class::Number)));
        assert!(lines[1].contains(&("# wait".to_string(), Class::Comment)));
    }

    #[test]
    fn broken_code_still_highlights() {
        let lines = highlight("x = (1 +\nprint('a')\n");
        assert_eq!(lines.len(), 2);
    }
}
