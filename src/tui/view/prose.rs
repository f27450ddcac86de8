//! The lesson's prose, one page at a time.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::panel::{fit, inner, panel};
use crate::tui::layout::offset;
use crate::tui::markdown;
use crate::tui::player::{Player, Region};
use unicode_width::UnicodeWidthStr;

use crate::tui::theme::Theme;

pub struct ProseView<'a> {
    pub player: &'a Player,
    pub theme: &'a Theme,
    pub focused: bool,
}

impl Widget for &ProseView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (p, t) = (self.player, self.theme);
        let page =
            if p.pages.len() > 1 { format!(" · {} {}/{}", t.ui().page, p.page + 1, p.pages.len()) } else { String::new() };
        let room = usize::from(area.width).saturating_sub(page.width() + 4);
        let title = format!(" {}{page} ", fit(p.title.get(t.lang), room, t.sym.ellipsis));
        let text_area = text_area(inner(area));
        let lines = page_lines(p, text_area, t);
        let top = offset(p, Region::Prose, usize::from(text_area.height), lines.len(), None);
        let mut block = panel(Line::raw(title), self.focused, t);
        if let Some(hint) = more_hint(p, lines.len(), top, text_area, t) {
            block = block.title_bottom(Line::styled(hint, t.dim()).right_aligned());
        }
        block.render(area, buf);
        Paragraph::new(lines).scroll((top as u16, 0)).render(text_area, buf);
    }
}

fn text_area(inner: Rect) -> Rect {
    inner.inner(Margin::new(1, 0))
}

fn page_lines(p: &Player, area: Rect, t: &Theme) -> Vec<Line<'static>> {
    let text = p.pages.get(p.page).map_or(t.ui().no_prose, |page| page.get(t.lang));
    markdown::render(text, area.width, t)
}

/// `↓ more` when the page overflows, `n: next page` when there is one.
fn more_hint(p: &Player, len: usize, top: usize, area: Rect, t: &Theme) -> Option<String> {
    let mut hints = Vec::new();
    if top + usize::from(area.height) < len {
        hints.push(format!("pgdn {}", t.ui().more));
    }
    if p.page + 1 < p.pages.len() {
        hints.push(format!("n {} {}", t.ui().page, t.sym.arrow));
    }
    (!hints.is_empty()).then(|| format!(" {} ", hints.join(" · ")))
}

/// The first line shown now.
pub fn position(p: &Player, inner: Rect, t: &Theme) -> usize {
    let area = text_area(inner);
    let len = page_lines(p, area, t).len();
    offset(p, Region::Prose, usize::from(area.height), len, None)
}
