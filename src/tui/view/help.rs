//! `?`: every key, in a box over the screen.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::panel::panel;
use unicode_width::UnicodeWidthStr;

use crate::tui::strings::key_name;
use crate::tui::theme::Theme;

pub struct HelpView<'a> {
    pub theme: &'a Theme,
}

impl Widget for &HelpView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let keys: Vec<(String, String)> =
            t.ui().help_keys.iter().map(|(k, what)| (key_name(k, t.ascii), key_name(what, t.ascii))).collect();
        let key_w = keys.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
        let mut lines: Vec<Line> = keys
            .into_iter()
            .map(|(k, what)| {
                let pad = " ".repeat(key_w - k.width());
                Line::from(vec![Span::styled(format!(" {k}{pad}  "), t.key()), Span::raw(what)])
            })
            .collect();
        lines.push(Line::raw(""));
        lines.push(Line::styled(format!(" {}", t.ui().help_close), t.dim()));
        let width = lines.iter().map(Line::width).max().unwrap_or(0) as u16 + 3;
        let height = lines.len() as u16 + 2;
        let [row] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(area);
        let [rect] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(row);
        Clear.render(rect, buf);
        Paragraph::new(lines).block(panel(t.ui().help_title, true, t)).render(rect, buf);
    }
}
