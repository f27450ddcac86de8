//! The bottom line: the keys that matter now, and the playback state.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::tui::player::Player;
use unicode_width::UnicodeWidthStr;

use crate::tui::strings::key_name;
use crate::tui::theme::Theme;

pub struct FooterView<'a> {
    pub keys: &'a [(&'a str, &'a str)],
    /// Shown on the right.
    pub status: Line<'a>,
    pub theme: &'a Theme,
}

impl Widget for &FooterView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let ascii = t.ascii;
        let room = usize::from(area.width).saturating_sub(self.status.width() + 1);
        let mut spans = vec![Span::raw(" ")];
        let mut used = 1;
        for (k, what) in self.keys {
            let k = key_name(k, ascii);
            let w = k.width() + what.width() + 3;
            if used + w > room {
                break;
            }
            spans.push(Span::styled(k, t.key()));
            spans.push(Span::styled(format!(" {what}  "), t.dim()));
            used += w;
        }
        buf.set_line(area.x, area.y, &Line::from(spans), area.width);
        let w = self.status.width() as u16;
        let x = area.x + area.width.saturating_sub(w + 1);
        buf.set_line(x, area.y, &self.status, w);
    }
}

/// `▶ playing 1× t=1.000 s`.
pub fn player_status<'a>(p: &Player, theme: &Theme) -> Line<'a> {
    let sym = &theme.sym;
    let (mark, word, style) = if p.finished() {
        (sym.done, theme.ui().finished, theme.ok())
    } else if p.playback.playing {
        (sym.play, theme.ui().playing, theme.ok())
    } else {
        (sym.pause, theme.ui().paused, theme.bold())
    };
    let speed = format_speed(p.playback.speed());
    Line::from(vec![
        Span::styled(format!("{mark} {word}"), style),
        Span::styled(format!("  {speed}{}", sym.times), theme.bold()),
        Span::styled(format!("  t={:.3} s", p.playback.clock), theme.dim()),
    ])
}

pub fn format_speed(x: f64) -> String {
    if x < 1.0 {
        format!("{x}")
    } else {
        format!("{x:.0}")
    }
}
