//! The bordered box every pane is drawn in.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use crate::tui::theme::Theme;

pub fn panel<'a>(title: impl Into<Line<'a>>, focused: bool, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .border_set(theme.sym.border)
        .border_style(theme.border(focused))
        .title(title.into().style(theme.title()))
}

/// ` Title ` with padding.
pub fn title(text: &str) -> Line<'static> {
    Line::from(Span::raw(format!(" {text} ")))
}

/// The inside of a panel drawn at `area`.
pub fn inner(area: Rect) -> Rect {
    Block::bordered().inner(area)
}

/// Cut `s` to `width` columns, ending with `ellipsis` when cut.
pub fn fit(s: &str, width: usize, ellipsis: &str) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if s.width() <= width {
        return s.to_string();
    }
    let room = width.saturating_sub(ellipsis.width());
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push_str(ellipsis);
    out
}

/// Cut a styled line to `width` columns, ending with `ellipsis` when cut.
pub fn fit_line(line: Line<'static>, width: usize, ellipsis: &str) -> Line<'static> {
    use unicode_width::UnicodeWidthStr;
    if line.width() <= width {
        return line;
    }
    let room = width.saturating_sub(ellipsis.width());
    let mut used = 0;
    let mut spans = Vec::new();
    let mut last_style = line.style;
    for span in line.spans {
        let w = span.width();
        last_style = span.style;
        if used + w <= room {
            used += w;
            spans.push(span);
        } else {
            let cut = fit(&span.content, room - used, "");
            spans.push(Span::styled(cut, span.style));
            break;
        }
    }
    spans.push(Span::styled(ellipsis.to_string(), last_style));
    Line::from(spans).style(line.style)
}

/// How many rows `text` takes when word-wrapped at `width` columns (wide characters
/// count double), as a wrapping `Paragraph` lays it out.
pub fn wrapped_rows(text: &str, width: u16) -> u16 {
    use unicode_width::UnicodeWidthStr;
    let width = usize::from(width.max(1));
    let rows: usize = text
        .lines()
        .map(|line| {
            let (mut rows, mut used) = (1, 0);
            for word in line.split(' ').filter(|w| !w.is_empty()) {
                let w = word.width().max(1);
                if used > 0 && used + 1 + w > width {
                    rows += 1;
                    used = 0;
                }
                if used > 0 {
                    used += 1;
                }
                rows += (used + w).saturating_sub(1) / width;
                used = (used + w - 1) % width + 1;
            }
            rows
        })
        .sum();
    rows as u16
}

/// A centred box of at most `width` × `height` inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}
