//! A hint of the lesson, boxed over the prose.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::panel::panel;
use crate::tui::markdown;
use crate::tui::player::Player;
use crate::tui::theme::Theme;

pub struct HintView<'a> {
    pub player: &'a Player,
    /// Which hint (0-based).
    pub index: usize,
    pub theme: &'a Theme,
}

impl Widget for &HintView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let ui = t.ui();
        let hints = &self.player.hints;
        let width = area.width.saturating_sub(4).max(10);
        let mut lines = match hints.get(self.index) {
            Some(h) => markdown::render(h.get(t.lang), width, t),
            None => vec![Line::raw(ui.no_hints)],
        };
        lines.push(Line::default());
        lines.push(Line::styled(ui.hint_close, t.dim()));
        let h = (lines.len() as u16 + 2).min(area.height);
        let rect = Rect { y: area.y + area.height - h, height: h, ..area };
        Clear.render(rect, buf);
        let title = if hints.is_empty() {
            format!(" {} ", ui.hint)
        } else {
            format!(" {} {}/{} ", ui.hint, self.index + 1, hints.len())
        };
        let block = panel(Line::raw(title), true, t);
        let body = block.inner(rect).inner(Margin::new(1, 0));
        block.render(rect, buf);
        Paragraph::new(lines).render(body, buf);
    }
}
