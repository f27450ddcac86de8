//! One lane per task over virtual time: running, ready, waiting; blocked spans in red.
//! Only what has happened up to the cursor is drawn.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::panel::{fit, inner, panel, title};
use crate::trace::timeline::{column, Axis, Lane};
use crate::trace::TaskStatus;
use crate::tui::player::{Player, Region};
use crate::tui::strings as s;
use crate::tui::theme::Theme;

pub struct TimelineView<'a> {
    pub player: &'a Player,
    pub pane: usize,
    /// Shared by the panes side by side, so their lanes compare.
    pub axis: Axis,
    pub theme: &'a Theme,
    pub focused: bool,
}

const NAME_MAX: usize = 12;

impl Widget for &TimelineView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        panel(title(t.ui().pane_timeline), self.focused, t).title_bottom(self.legend()).render(area, buf);
        let body = inner(area);
        if body.height == 0 || body.width < 10 {
            return;
        }
        let rec = self.player.cursors[self.pane].recording();
        let name_w = rec.timeline.lanes.iter().map(|l| l.name.chars().count()).max().unwrap_or(4).clamp(4, NAME_MAX);
        let cols = usize::from(body.width).saturating_sub(name_w + 1);
        buf.set_line(body.x, body.y, &self.axis_line(name_w, cols), body.width);
        let rows = usize::from(body.height - 1);
        let lanes = self.visible_lanes();
        let follow = self.follow_lane(&lanes).saturating_sub(rows.saturating_sub(1));
        let top = self.player.scroll.get(&Region::Timeline(self.pane)).copied().unwrap_or(follow);
        let top = top.min(lanes.len().saturating_sub(rows));
        for (n, (index, lane)) in lanes.iter().skip(top).take(rows).enumerate() {
            let line = self.lane_line(*index, lane, name_w, cols);
            buf.set_line(body.x, body.y + 1 + n as u16, &line, body.width);
        }
    }
}

impl TimelineView<'_> {
    fn now(&self) -> (usize, f64) {
        (self.player.cursors[self.pane].pos(), self.player.clock(self.pane))
    }

    /// `0     0.5     1.0 s` with the now marker.
    fn axis_line(&self, name_w: usize, cols: usize) -> Line<'static> {
        let t = self.theme;
        let mut row = vec![' '; cols];
        let unit = match self.axis {
            Axis::Time { end } => {
                let step = tick_step(end, cols);
                let mut x = 0.0;
                while x <= end + 1e-9 {
                    let c = column(self.axis, x, 0, cols);
                    let text = format_tick(x, step);
                    if c + text.len() <= cols
                        && row[c..c + text.len()].iter().all(|ch| *ch == ' ')
                        && (c == 0 || row[c - 1] == ' ')
                    {
                        for (k, ch) in text.chars().enumerate() {
                            row[c + k] = ch;
                        }
                    }
                    x += step;
                }
                s::TIMELINE_SECONDS
            }
            Axis::Steps { .. } => s::TIMELINE_STEPS,
        };
        let (pos, now) = self.now();
        let now_col = column(self.axis, now, pos, cols);
        let before: String = row[..now_col].iter().collect();
        let after: String = row[now_col + 1..].iter().collect();
        let at_now = if row[now_col] == ' ' { t.sym.now.to_string() } else { row[now_col].to_string() };
        Line::from(vec![
            Span::styled(format!("{:>name_w$} ", fit(unit, name_w, "")), t.dim()),
            Span::styled(before, t.dim()),
            Span::styled(at_now, t.selected()),
            Span::styled(after, t.dim()),
        ])
    }

    /// The lane to keep in view: the running task's, else the newest.
    fn follow_lane(&self, lanes: &[(usize, &Lane)]) -> usize {
        let running = self.player.cursors[self.pane].snapshot().running_task().map(|t| t.id);
        lanes.iter().position(|(_, l)| Some(l.task) == running).unwrap_or(lanes.len().saturating_sub(1))
    }

    /// The lanes of tasks created by now.
    fn visible_lanes(&self) -> Vec<(usize, &Lane)> {
        let pos = self.player.cursors[self.pane].pos();
        let lanes = &self.player.cursors[self.pane].recording().timeline.lanes;
        lanes.iter().enumerate().filter(|(_, l)| l.changes.first().is_some_and(|c| c.pos < pos)).collect()
    }

    fn lane_line(&self, index: usize, lane: &Lane, name_w: usize, cols: usize) -> Line<'static> {
        let t = self.theme;
        let (pos, now) = self.now();
        let cells = lane.cells(self.axis, cols, pos, now);
        let timeline = &self.player.cursors[self.pane].recording().timeline;
        let mut spans =
            vec![Span::styled(format!("{:<name_w$} ", fit(&lane.name, name_w, t.sym.ellipsis)), t.task(index))];
        for (c, cell) in cells.iter().enumerate() {
            let blocked = match self.axis {
                Axis::Time { end } => {
                    let (t0, t1) = (end * c as f64 / cols as f64, end * (c + 1) as f64 / cols as f64);
                    timeline.blocked_in(t0, t1, now)
                }
                Axis::Steps { .. } => false,
            };
            let (glyph, style) = self.cell(*cell, index, blocked);
            spans.push(Span::styled(glyph, style));
        }
        Line::from(spans)
    }

    fn cell(&self, cell: Option<TaskStatus>, index: usize, blocked: bool) -> (&'static str, Style) {
        let t = self.theme;
        let sym = &t.sym;
        match cell {
            Some(TaskStatus::Running) if blocked => (sym.bar_blocked, t.blocked_text()),
            Some(TaskStatus::Running) => (sym.bar_running, t.task(index)),
            Some(TaskStatus::Ready) => (sym.bar_ready, if blocked { t.blocked_text() } else { t.task(index) }),
            Some(TaskStatus::Waiting) => (sym.bar_waiting, if blocked { t.blocked_text() } else { t.task(index) }),
            Some(TaskStatus::Done) | None => (" ", t.plain()),
        }
    }

    fn legend(&self) -> Line<'static> {
        let t = self.theme;
        let sym = &t.sym;
        let glyphs = [sym.bar_running, sym.bar_ready, sym.bar_waiting, sym.bar_blocked];
        let mut spans = vec![Span::raw(" ")];
        for ((_, word), glyph) in s::TIMELINE_LEGEND.iter().zip(glyphs) {
            let style = if glyph == sym.bar_blocked { t.blocked_text() } else { t.dim() };
            spans.push(Span::styled(format!("{glyph} {word}  "), style));
        }
        Line::from(spans).right_aligned()
    }
}

/// A round tick spacing that leaves room for the labels.
fn tick_step(end: f64, cols: usize) -> f64 {
    let ticks = (cols / 8).max(1) as f64;
    [
        0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 30.0, 60.0, 120.0,
        300.0, 600.0,
    ]
    .into_iter()
    .find(|s| end / s <= ticks)
    .unwrap_or(end / ticks)
}

fn format_tick(x: f64, step: f64) -> String {
    let decimals = if step >= 1.0 {
        0
    } else if step >= 0.1 {
        1
    } else if step >= 0.01 {
        2
    } else {
        3
    };
    let decimals = if step == 0.25 { 2 } else { decimals };
    format!("{x:.decimals$}")
}
