//! The recap, boxed over the player once the lesson has been played to its end: what
//! to remember, the quiz score, and the way on.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::panel::{centered, fit, panel};
use crate::tui::markdown;
use crate::tui::player::Player;
use crate::tui::theme::Theme;

pub struct RecapView<'a> {
    pub player: &'a Player,
    /// Enter opens another lesson (else it goes back to the menu).
    pub has_next: bool,
    pub theme: &'a Theme,
}

const MAX_WIDTH: u16 = 76;

impl Widget for &RecapView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (p, t) = (self.player, self.theme);
        let ui = t.ui();
        let width = area.width.saturating_sub(4).min(MAX_WIDTH);
        let inner_w = width.saturating_sub(4);
        let mut lines = p.recap.as_ref().map(|r| markdown::render(r.get(t.lang), inner_w, t)).unwrap_or_default();
        let (right, total) = p.score();
        if total > 0 {
            lines.push(Line::default());
            lines.push(Line::from(vec![
                Span::raw(format!("{} ", ui.recap_score)),
                Span::styled(format!("{right}/{total}"), if right == total { t.ok() } else { t.bold() }),
            ]));
        }
        lines.push(Line::default());
        let keys = if self.has_next { ui.recap_keys_next } else { ui.recap_keys_last };
        lines.push(Line::styled(fit(keys, usize::from(inner_w), t.sym.ellipsis), t.key()));
        let rect = centered(area, width, lines.len() as u16 + 2);
        Clear.render(rect, buf);
        let room = usize::from(width).saturating_sub(ui.recap.len() + 8);
        let title = format!(" {} · {} ", ui.recap, fit(p.title.get(t.lang), room, t.sym.ellipsis));
        let block = panel(Line::raw(title), true, t);
        let body = block.inner(rect).inner(Margin::new(1, 0));
        block.render(rect, buf);
        Paragraph::new(lines).render(body, buf);
    }
}
