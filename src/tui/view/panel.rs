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
