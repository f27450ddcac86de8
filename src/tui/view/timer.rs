//! Side by side: each program's large live timer (`Sequential  2.13 s ▶`).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::panel::{inner, panel, title};
use crate::tui::player::Player;
use crate::tui::theme::Theme;

pub struct TimerView<'a> {
    pub player: &'a Player,
    pub pane: usize,
    pub theme: &'a Theme,
}

/// Three-row digits drawn with half blocks.
const DIGITS: [[&str; 3]; 10] = [
    ["█▀█", "█ █", "█▄█"],
    ["▀█ ", " █ ", "▄█▄"],
    ["▀▀█", "█▀▀", "█▄▄"],
    ["▀▀█", " ▀█", "▄▄█"],
    ["█ █", "▀▀█", "  █"],
    ["█▀▀", "▀▀█", "▄▄█"],
    ["█▀▀", "█▀█", "█▄█"],
    ["▀▀█", "  █", "  █"],
    ["█▀█", "█▀█", "█▄█"],
    ["█▀█", "▀▀█", "▄▄█"],
];

impl Widget for &TimerView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (p, t, i) = (self.player, self.theme, self.pane);
        let done = p.cursors[i].at_end();
        let seconds = format!("{:.2}", p.clock(i));
        let state = if done {
            t.sym.done
        } else if p.playback.playing {
            t.sym.play
        } else {
            t.sym.pause
        };
        let style = if done { t.ok() } else { t.task(i).patch(t.bold()) };
        let label = &p.panes[i].label;
        panel(title(label), false, t).render(area, buf);
        let body = inner(area);
        if body.height >= 5 && !t.ascii && huge_width(&seconds) + 6 <= usize::from(body.width) {
            huge(&seconds, state, style, body, buf);
        } else if body.height >= 3 && !t.ascii {
            big(&seconds, state, style, body, buf);
        } else {
            let line = Line::styled(format!("{seconds} s {state}"), style);
            let x = body.x + body.width.saturating_sub(line.width() as u16) / 2;
            buf.set_line(x, body.y + body.height.saturating_sub(1) / 2, &line, body.right() - x);
        }
    }
}

/// Five-row digits for classroom mode: a 3 × 5 pixel font, two columns per pixel.
const PIXELS: [[u8; 5]; 10] = [
    [0b111, 0b101, 0b101, 0b101, 0b111],
    [0b010, 0b110, 0b010, 0b010, 0b111],
    [0b111, 0b001, 0b111, 0b100, 0b111],
    [0b111, 0b001, 0b111, 0b001, 0b111],
    [0b101, 0b101, 0b111, 0b001, 0b001],
    [0b111, 0b100, 0b111, 0b001, 0b111],
    [0b111, 0b100, 0b111, 0b101, 0b111],
    [0b111, 0b001, 0b001, 0b001, 0b001],
    [0b111, 0b101, 0b111, 0b101, 0b111],
    [0b111, 0b101, 0b111, 0b001, 0b111],
];

/// Columns `huge` draws the digits of `seconds` in.
fn huge_width(seconds: &str) -> usize {
    seconds.chars().map(|c| if c.is_ascii_digit() { 7 } else { 3 }).sum::<usize>() + 4
}

fn huge(seconds: &str, state: &str, style: Style, body: Rect, buf: &mut Buffer) {
    let y = body.y + (body.height - 5) / 2;
    for row in 0..5 {
        let mut text = String::new();
        for ch in seconds.chars() {
            match ch.to_digit(10) {
                Some(d) => {
                    let bits = PIXELS[d as usize][row];
                    for b in (0..3).rev() {
                        text.push_str(if bits >> b & 1 == 1 { "██" } else { "  " });
                    }
                    text.push(' ');
                }
                None => text.push_str(if row == 4 { "██ " } else { "   " }),
            }
        }
        text.push_str(if row == 4 { "s " } else { "  " });
        if row == 4 {
            text.push_str(state);
        }
        let x = body.x + body.width.saturating_sub(huge_width(seconds) as u16) / 2;
        buf.set_line(x, y + row as u16, &Line::styled(text, style), body.right().saturating_sub(x));
    }
}

fn glyph_row(digit: u32, row: usize) -> &'static str {
    DIGITS[digit as usize][row]
}

fn big(seconds: &str, state: &str, style: Style, body: Rect, buf: &mut Buffer) {
    let y = body.y + (body.height - 3) / 2;
    for row in 0..3 {
        let mut text = String::from(" ");
        for ch in seconds.chars() {
            match ch.to_digit(10) {
                Some(d) => text.push_str(glyph_row(d, row)),
                None => text.push_str(if row == 2 { "▄" } else { " " }),
            }
            text.push(' ');
        }
        if row == 2 {
            text.push_str(&format!(" s {state}"));
        }
        let x = body.x + body.width.saturating_sub(text.chars().count() as u16) / 2;
        buf.set_line(x, y + row as u16, &Line::styled(text, style), body.width);
    }
}
