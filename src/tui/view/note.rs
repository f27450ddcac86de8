//! A pause point's note, boxed over the bottom of the prose (it is lesson text too).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};

use super::panel::panel;
use crate::tui::player::{Note, Player};
use crate::tui::strings as s;
use crate::tui::theme::Theme;

pub struct NoteView<'a> {
    pub player: &'a Player,
    pub note: &'a Note,
    pub theme: &'a Theme,
}

impl Widget for &NoteView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let file = &self.player.panes[self.note.pane].file;
        let label = format!(" {} · {file} line {} ", s::PAUSE_NOTE, self.note.line);
        let text = format!("{}\n{}", self.note.text, s::PAUSE_CONTINUE);
        let inner_w = usize::from(area.width.saturating_sub(2)).max(10);
        let rows: usize = text.lines().map(|l| l.chars().count() / inner_w + 1).sum();
        let h = (rows as u16 + 2).min(area.height);
        let rect = Rect { y: area.y + area.height - h, height: h, ..area };
        Clear.render(rect, buf);
        let block = panel(Line::raw(label), true, t).style(t.note());
        Paragraph::new(text).style(t.note()).wrap(Wrap { trim: true }).block(block).render(rect, buf);
    }
}
