//! The server processes beside the program: for each uvicorn worker, its event loop
//! (waiting in select, running a callback, or blocked), its thread pool and thread
//! limiter, and its requests in flight, at the cursor's virtual time.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::panel::{fit_line, inner, panel, title};
use crate::trace::cursor::INSTANT;
use crate::trace::processes::{ProcState, ProcTrack};
use crate::tui::player::Player;
use crate::tui::strings as s;
use crate::tui::theme::Theme;

pub struct ProcessesView<'a> {
    pub player: &'a Player,
    pub pane: usize,
    pub theme: &'a Theme,
}

/// Rows the pane needs for a recording's processes: a border, and two rows each.
pub fn height_for(n: usize) -> u16 {
    if n == 0 {
        0
    } else {
        2 + 2 * n as u16
    }
}

impl Widget for &ProcessesView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let cursor = &self.player.cursors[self.pane];
        let now = cursor.snapshot().clock;
        let body = inner(area);
        let width = usize::from(body.width);
        let two_rows = usize::from(body.height) >= 2 * cursor.recording().processes.procs.len();
        let mut lines = Vec::new();
        for p in &cursor.recording().processes.procs {
            let (head, detail) = self.lines_for(p, now);
            if two_rows {
                lines.push(head);
                lines.push(detail);
            } else {
                let mut spans = head.spans;
                spans.push(Span::raw("  "));
                spans.extend(detail.spans);
                lines.push(Line::from(spans));
            }
        }
        let lines: Vec<Line> = lines.into_iter().map(|l| fit_line(l, width, self.theme.sym.ellipsis)).collect();
        panel(title(self.theme.ui().pane_processes), false, self.theme).render(area, buf);
        Paragraph::new(lines).render(body, buf);
    }
}

impl ProcessesView<'_> {
    /// `uvicorn worker 1 [1001]  loop BLOCKED by time.sleep(0.1)` and
    /// `  in flight 12 · done 37 · conns 49 · tokens 40/40 (8 waiting) · threads 40 busy`.
    fn lines_for(&self, p: &ProcTrack, now: f64) -> (Line<'static>, Line<'static>) {
        let t = self.theme;
        let st = p.state_at(now);
        let mut head = vec![Span::styled(format!("{} [{}]", p.name, p.pid), t.label()), Span::raw("  ")];
        head.extend(loop_status(p, st, now, t));
        let mut detail = vec![Span::raw("  ")];
        detail.push(Span::styled(format!("{} {}", s::IN_FLIGHT, st.in_flight), t.plain()));
        detail.push(Span::styled(format!(" · {} {} · {} {}", s::DONE, st.done, s::CONNECTIONS, st.connections), t.dim()));
        if let Some((borrowed, total, waiting)) = st.limiter {
            detail.push(Span::styled(format!(" · {} {borrowed}/{total}", s::TOKENS), t.plain()));
            if waiting > 0 {
                detail.push(Span::styled(format!(" ({waiting} {})", s::WAITING), t.blocked_text()));
            }
        }
        if st.threads > 0 {
            detail.push(Span::styled(format!(" · {} {} {}", s::THREADS, st.threads_busy, s::BUSY), t.plain()));
        }
        if let Some(gil) = &st.gil {
            detail.push(Span::styled(format!(" · GIL {gil}"), t.dim()));
        }
        (Line::from(head), Line::from(detail))
    }
}

fn loop_status(p: &ProcTrack, st: &ProcState, now: f64, t: &Theme) -> Vec<Span<'static>> {
    if let Some(why) = p.blocked_at(now) {
        return vec![Span::styled(s::LOOP_BLOCKED.to_string(), t.blocked()), Span::styled(format!(" {} {why}", s::BLOCKED_BY), t.blocked_text())];
    }
    match &st.last_handle {
        Some((at, label)) if now - at < INSTANT => {
            vec![Span::styled(format!("loop {} ", s::RUNNING), t.plain()), Span::styled(short_label(label), t.bold())]
        }
        _ => vec![Span::styled(s::LOOP_IN_SELECT.to_string(), t.dim())],
    }
}

/// A handle's label without its arguments: `Worker.accept_connections()`.
fn short_label(label: &str) -> String {
    match label.find('(') {
        Some(i) if !label[i..].starts_with("()") => format!("{}(...)", &label[..i]),
        _ => label.to_string(),
    }
}
