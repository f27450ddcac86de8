//! `--watch`: why the last save of the lesson was refused, over the bottom of the
//! screen while the last good version keeps playing (or alone, when there is none).

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::panel::{fit, panel};
use crate::tui::theme::Theme;

pub struct WatchErrorView<'a> {
    pub path: &'a str,
    pub error: &'a str,
    /// A good version is playing behind the box.
    pub playing: bool,
    pub theme: &'a Theme,
}

impl Widget for &WatchErrorView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let ui = t.ui();
        let room = usize::from(area.width.saturating_sub(4));
        let mut lines: Vec<Line> = vec![Line::styled(ui.watch_broken, t.error())];
        lines.extend(self.error.lines().map(|l| Line::raw(fit(l, room, t.sym.ellipsis))));
        lines.push(Line::default());
        lines.push(Line::styled(if self.playing { ui.watch_keeps } else { ui.watch_waiting }, t.dim()));
        let h = if self.playing { (lines.len() as u16 + 2).min(area.height / 2) } else { area.height };
        let rect = Rect { y: area.y + area.height - h, height: h, ..area };
        Clear.render(rect, buf);
        let block = panel(Line::raw(format!(" {} ", self.path)), true, t).border_style(t.error());
        let body = block.inner(rect).inner(Margin::new(1, 0));
        block.render(rect, buf);
        Paragraph::new(lines).render(body, buf);
    }
}
