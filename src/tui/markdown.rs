//! The lesson prose: a small Markdown subset (headings, paragraphs, `-`/`1.` lists,
//! fenced code blocks, `**strong**`, `*emphasis*`, `` `code` ``) rendered to wrapped,
//! styled lines for a given width.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;

/// One block of the document.
#[derive(Debug, Clone, PartialEq)]
enum Block {
    Heading(usize, String),
    Paragraph(String),
    Item { marker: String, text: String },
    Code(Vec<String>),
}

/// Render `md` into lines at most `width` columns wide.
pub fn render(md: &str, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let width = usize::from(width.max(8));
    let mut out: Vec<Line<'static>> = Vec::new();
    let blocks = parse_blocks(md);
    for (i, block) in blocks.iter().enumerate() {
        let tight =
            matches!((i.checked_sub(1).map(|p| &blocks[p]), block), (Some(Block::Item { .. }), Block::Item { .. }));
        if i > 0 && !tight {
            out.push(Line::default());
        }
        match block {
            Block::Heading(level, text) => {
                let style = if *level == 1 { theme.heading() } else { theme.bold() };
                out.extend(wrap(&inline(text, style, theme), width, "", ""));
            }
            Block::Paragraph(text) => out.extend(wrap(&inline(text, theme.plain(), theme), width, "", "")),
            Block::Item { marker, text } => {
                let first = format!("{marker} ");
                let hang = " ".repeat(first.width());
                out.extend(wrap(&inline(text, theme.plain(), theme), width, &first, &hang));
            }
            Block::Code(lines) => {
                for l in lines {
                    out.push(Line::from(Span::styled(format!("  {l}"), theme.inline_code())));
                }
            }
        }
    }
    out
}

fn parse_blocks(md: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut lines = md.lines().peekable();
    while let Some(line) = lines.next() {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if t.starts_with("```") {
            let code = lines.by_ref().take_while(|l| !l.trim().starts_with("```")).map(str::to_string).collect();
            blocks.push(Block::Code(code));
        } else if let Some((level, text)) = heading(t) {
            blocks.push(Block::Heading(level, text.to_string()));
        } else if let Some((marker, first)) = list_marker(t) {
            let mut text = first.to_string();
            while let Some(next) = lines.next_if(|l| continues(l) && l.starts_with([' ', '\t'])) {
                text.push(' ');
                text.push_str(next.trim());
            }
            blocks.push(Block::Item { marker, text });
        } else {
            let mut text = t.to_string();
            while let Some(next) = lines.next_if(|l| continues(l)) {
                text.push(' ');
                text.push_str(next.trim());
            }
            blocks.push(Block::Paragraph(text));
        }
    }
    blocks
}

/// A line that continues the current paragraph or list item.
fn continues(l: &str) -> bool {
    let t = l.trim();
    !t.is_empty() && !t.starts_with("```") && heading(t).is_none() && list_marker(t).is_none()
}

fn heading(t: &str) -> Option<(usize, &str)> {
    let level = t.chars().take_while(|&c| c == '#').count();
    let rest = t.get(level..)?;
    (level > 0 && level <= 6 && rest.starts_with(' ')).then(|| (level, rest.trim()))
}

/// `- item`, `* item` → ("•", "item"); `1. item` → ("1.", "item").
fn list_marker(t: &str) -> Option<(String, &str)> {
    if let Some(rest) = t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")) {
        return Some(("•".to_string(), rest));
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let rest = t[digits..].strip_prefix(". ")?;
    (digits > 0).then(|| (t[..digits + 1].to_string(), rest))
}

/// Split inline markup into styled pieces.
fn inline(text: &str, base: Style, theme: &Theme) -> Vec<(String, Style)> {
    let mut out: Vec<(String, Style)> = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let (marker, style) = match rest {
            r if r.starts_with('`') => ("`", theme.inline_code()),
            r if r.starts_with("**") => ("**", base.patch(theme.bold())),
            r if r.starts_with('*') || r.starts_with('_') && !r[1..].starts_with(' ') => {
                (&r[..1], base.patch(theme.emphasis()))
            }
            _ => ("", base),
        };
        if !marker.is_empty() {
            if let Some(end) = rest[marker.len()..].find(marker) {
                let inner = &rest[marker.len()..marker.len() + end];
                if !inner.is_empty() {
                    out.push((inner.to_string(), style));
                    rest = &rest[marker.len() * 2 + end..];
                    continue;
                }
            }
        }
        let next =
            rest.char_indices().skip(1).find(|(_, c)| matches!(c, '`' | '*' | '_')).map_or(rest.len(), |(i, _)| i);
        out.push((rest[..next].to_string(), base));
        rest = &rest[next..];
    }
    out
}

/// Greedy word wrap of styled pieces; `first` prefixes the first line, `hang` the others.
fn wrap(pieces: &[(String, Style)], width: usize, first: &str, hang: &str) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut line: Vec<Span<'static>> = vec![Span::raw(first.to_string())];
    let mut used = first.width();
    let (mut fresh, mut space) = (true, false);
    for (text, style) in pieces {
        for (k, word) in text.split(' ').enumerate() {
            space |= k > 0;
            if word.is_empty() {
                continue;
            }
            let w = word.width();
            let gap = usize::from(space && !fresh);
            if !fresh && used + gap + w > width {
                lines.push(Line::from(std::mem::take(&mut line)));
                line.push(Span::raw(hang.to_string()));
                used = hang.width();
            } else if gap == 1 {
                line.push(Span::raw(" "));
                used += 1;
            }
            line.push(Span::styled(word.to_string(), *style));
            used += w;
            (fresh, space) = (false, false);
        }
    }
    lines.push(Line::from(line));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect()).collect()
    }

    #[test]
    fn blocks_and_wrapping() {
        let t = Theme::new(false, false);
        let md = "# Title\n\nSome `code` and **bold**\nwords here.\n\n- one\n- two is longer than the width\n\n```\nx = 1\n```";
        let got = text(&render(md, 20, &t));
        assert_eq!(
            got,
            vec![
                "Title",
                "",
                "Some code and bold",
                "words here.",
                "",
                "• one",
                "• two is longer than",
                "  the width",
                "",
                "  x = 1",
            ]
        );
    }

    #[test]
    fn inline_styles() {
        let t = Theme::new(true, false);
        let pieces = inline("a `b` *c* **d**", t.plain(), &t);
        let words: Vec<&str> = pieces.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(words, vec!["a ", "b", " ", "c", " ", "d"]);
        assert_eq!(pieces[1].1, t.inline_code());
    }
}
