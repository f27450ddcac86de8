//! A note boxed over the bottom of the prose (it is lesson text too): a pause point's
//! note, or why a quiz's answer is what it is while the replay shows it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};

use super::panel::{panel, wrapped_rows};
use crate::tui::player::{Note, Player};
use crate::tui::theme::Theme;

pub struct NoteView<'a> {
    pub player: &'a Player,
    pub note: &'a Note,
    pub theme: &'a Theme,
}

impl Widget for &NoteView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let ui = t.ui();
        let file = &self.player.panes[self.note.pane].file;
        let label = match self.note.line {
            Some(line) => format!(" {} · {file} {} {line} ", ui.pause_note, ui.line),
            None => format!(" {} · {file} ", ui.why),
        };
        let text = format!("{}\n{}", self.note.text.get(t.lang).trim_end(), ui.pause_continue);
        let inner_w = area.width.saturating_sub(2).max(10);
        let h = (wrapped_rows(&text, inner_w) + 2).min(area.height);
        let rect = Rect { y: area.y + area.height - h, height: h, ..area };
        Clear.render(rect, buf);
        let block = panel(Line::raw(label), true, t).style(t.note());
        Paragraph::new(text).style(t.note()).wrap(Wrap { trim: true }).block(block).render(rect, buf);
    }
}
