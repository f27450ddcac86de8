//! What the program printed, each line with the virtual time it was printed at.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::panel::{inner, panel, title};
use crate::trace::Stream;
use crate::tui::layout::offset;
use crate::tui::player::{Player, Region};
use crate::tui::strings as s;
use crate::tui::theme::Theme;

pub struct OutputView<'a> {
    pub player: &'a Player,
    pub pane: usize,
    pub theme: &'a Theme,
    pub focused: bool,
}

impl Widget for &OutputView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lines = output_lines(self.player, self.pane, self.theme);
        let body = inner(area);
        let top = position_of(self.player, self.pane, usize::from(body.height), lines.len());
        panel(title(self.theme.ui().pane_output), self.focused, self.theme).render(area, buf);
        Paragraph::new(lines).scroll((top as u16, 0)).render(body, buf);
    }
}

fn output_lines(p: &Player, i: usize, t: &Theme) -> Vec<Line<'static>> {
    let c = &p.cursors[i];
    let snap = c.snapshot();
    let mut lines: Vec<Line<'static>> = c
        .recording()
        .outputs(snap.outputs)
        .map(|o| {
            let style = if o.stream == Stream::Stderr { t.stderr() } else { t.plain() };
            Line::from(vec![Span::styled(format!("{:>7.3} ", o.t), t.dim()), Span::styled(o.text.to_string(), style)])
        })
        .collect();
    if c.recording().truncated && c.at_end() {
        lines.push(Line::styled(format!("{:>7} {}", "", s::TRUNCATED), t.error()));
    }
    if let Some(code) = snap.exit {
        let style = if code == 0 { t.dim() } else { t.error() };
        lines.push(Line::styled(format!("{:>7} {} {code}", "", s::EXIT), style));
    }
    lines
}

fn position_of(p: &Player, i: usize, height: usize, len: usize) -> usize {
    offset(p, Region::Output(i), height, len, Some(len))
}

pub fn position(p: &Player, i: usize, height: usize) -> usize {
    let len = p.cursors[i].snapshot().outputs + usize::from(p.cursors[i].snapshot().exit.is_some());
    position_of(p, i, height, len)
}
