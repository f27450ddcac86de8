//! Below 80×24: ask for a larger terminal.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::tui::layout::{MIN_HEIGHT, MIN_WIDTH};
use crate::tui::theme::Theme;

pub struct TooSmallView<'a> {
    pub width: u16,
    pub height: u16,
    pub theme: &'a Theme,
}

impl Widget for &TooSmallView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let times = self.theme.sym.times;
        let ui = self.theme.ui();
        let lines = vec![
            Line::styled(ui.too_small, self.theme.bold()),
            Line::raw(""),
            Line::raw(format!("{} {}{times}{}", ui.too_small_need, self.width, self.height)),
            Line::raw(format!("({MIN_WIDTH}{times}{MIN_HEIGHT})")),
            Line::raw(ui.too_small_quit),
        ];
        let top = area.height.saturating_sub(lines.len() as u16) / 2;
        let text = Rect { y: area.y + top, height: area.height - top, ..area };
        Paragraph::new(lines).alignment(Alignment::Center).wrap(Wrap { trim: true }).render(text, buf);
    }
}
