//! The event loop now: the clock, the handle running, the ready queue in FIFO order,
//! the waiting tasks and what they wait on, the timer heap, and LOOP BLOCKED.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::panel::{fit_line, inner, panel};
use crate::trace::snapshot::{LoopState, Snapshot, ThreadState, Timer};
use crate::trace::{Awaiting, GapKind};
use crate::tui::player::{Player, Region};
use crate::tui::strings as s;
use crate::tui::theme::Theme;

pub struct LoopView<'a> {
    pub player: &'a Player,
    pub pane: usize,
    pub theme: &'a Theme,
    pub focused: bool,
}

/// Width of the left column of labels (`running `).
const LABEL: usize = 9;

impl Widget for &LoopView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let blocked = self.blocked_now();
        let lines = self.lines(blocked.as_ref(), usize::from(inner(area).width));
        let mut block = panel(self.title(), self.focused, self.theme);
        if blocked.is_some() {
            block = block.border_style(self.theme.blocked_text());
        }
        let top = self.player.scroll.get(&Region::Loop(self.pane)).copied().unwrap_or(0);
        let top = top.min(lines.len().saturating_sub(usize::from(inner(area).height)));
        let width = usize::from(inner(area).width);
        let lines: Vec<Line> = lines.into_iter().map(|l| fit_line(l, width, self.theme.sym.ellipsis)).collect();
        Paragraph::new(lines).block(block).scroll((top as u16, 0)).render(area, buf);
    }
}

/// Why the loop is blocked now: `(reason, file, line, from, to)`.
struct BlockedNow {
    reason: String,
    file: String,
    line: u32,
    from: f64,
    to: f64,
}

impl LoopView<'_> {
    fn snap(&self) -> &Snapshot {
        self.player.cursors[self.pane].snapshot()
    }

    /// Blocked while the clock runs through a blocking call.
    fn blocked_now(&self) -> Option<BlockedNow> {
        let gap = self.player.cursors[self.pane].gap()?;
        match gap.kind {
            GapKind::Blocked { reason, file, line } => {
                Some(BlockedNow { reason, file, line, from: gap.from, to: gap.to })
            }
            _ => None,
        }
    }

    fn lines(&self, blocked: Option<&BlockedNow>, width: usize) -> Vec<Line<'static>> {
        let t = self.theme;
        let snap = self.snap();
        let now = self.player.clock(self.pane);
        let mut lines = Vec::new();
        if let Some(b) = blocked {
            lines.extend(blocked_banner(b, width, t));
        } else if let Some(b) = &snap.blocked {
            let text =
                format!("{} {:.3} {} {:.3} {} {}", s::WAS_BLOCKED, b.from, t.sym.arrow, b.to, s::BLOCKED_BY, b.reason);
            lines.push(Line::styled(text, t.blocked_text()));
        }
        lines.push(self.running_line(blocked));
        lines.extend(self.ready_lines(width));
        lines.extend(self.timer_lines(now, blocked.is_some()));
        lines.extend(self.waiting_lines());
        lines.extend(self.thread_lines());
        lines
    }

    /// ` Event loop · 0.371 s · pass 6 `.
    fn title(&self) -> Line<'static> {
        let t = self.theme;
        let snap = self.snap();
        let mut spans = vec![
            Span::raw(format!(" {} · ", t.ui().pane_loop)),
            Span::styled(format!("{:.3} s", self.player.clock(self.pane)), t.bold()),
        ];
        if snap.pass > 0 {
            spans.push(Span::raw(format!(" · {} {}", s::PASS, snap.pass)));
        }
        spans.push(Span::raw(" "));
        Line::from(spans)
    }

    fn running_line(&self, blocked: Option<&BlockedNow>) -> Line<'static> {
        let t = self.theme;
        let snap = self.snap();
        let mut spans = vec![label(s::RUNNING, t)];
        let gap = self.player.cursors[self.pane].gap();
        match (&snap.running, snap.loop_state) {
            (_, LoopState::NotStarted) => spans.push(Span::styled(s::LOOP_NOT_STARTED, t.dim())),
            (_, LoopState::Closed) => spans.push(Span::styled(s::LOOP_CLOSED, t.dim())),
            (_, _) if gap.as_ref().is_some_and(|g| g.kind == GapKind::Idle) => {
                let until = gap.map_or(0.0, |g| g.to);
                spans.push(Span::styled(format!("{} {until:.3}", s::IDLE), t.dim()));
            }
            (Some(h), _) => {
                spans.push(Span::styled(h.label.clone(), self.handle_style(h.task).patch(t.bold())));
                if let Some(task) = snap.running_task() {
                    let line = task.line.as_ref().map(|l| format!(" line {}", l.line)).unwrap_or_default();
                    spans.push(Span::styled(format!("  {}(){line}", task.coro), t.dim()));
                }
                if let Some(b) = blocked {
                    spans.push(Span::styled(format!("  {}", b.reason), t.blocked_text()));
                }
            }
            (None, _) => spans.push(Span::styled(s::NOTHING, t.dim())),
        }
        Line::from(spans)
    }

    fn handle_style(&self, task: Option<u64>) -> Style {
        match task.and_then(|id| self.snap().task(id)) {
            Some(k) => self.theme.task(k.index),
            None => self.theme.plain(),
        }
    }

    /// `ready    Task-2.step → Task-3.step`, wrapped under the label.
    fn ready_lines(&self, width: usize) -> Vec<Line<'static>> {
        let t = self.theme;
        let snap = self.snap();
        let mut lines = Vec::new();
        let mut line = vec![label(s::READY, t)];
        let mut used = LABEL;
        if snap.ready.is_empty() {
            line.push(Span::styled(s::NOTHING, t.dim()));
        }
        for (n, q) in snap.ready.iter().enumerate() {
            let text = format!("{} {}", n + 1, q.label);
            let w = text.chars().count() + 2;
            if used + w > width && used > LABEL {
                lines.push(Line::from(std::mem::take(&mut line)));
                line.push(Span::raw(" ".repeat(LABEL)));
                used = LABEL;
            }
            line.push(Span::styled(format!("{} ", n + 1), t.dim()));
            line.push(Span::styled(format!("{}  ", q.label), self.handle_style(q.task)));
            used += w;
        }
        lines.push(Line::from(line));
        lines
    }

    /// One line per waiting task: what it awaits, and where.
    fn waiting_lines(&self) -> Vec<Line<'static>> {
        let t = self.theme;
        let snap = self.snap();
        let name_w = snap.tasks.iter().map(|k| k.name.chars().count()).max().unwrap_or(0);
        let mut lines: Vec<Line<'static>> = snap
            .waiting()
            .enumerate()
            .map(|(n, task)| {
                let head = if n == 0 { label(s::WAITING, t) } else { Span::raw(" ".repeat(LABEL)) };
                let what = task.awaiting.as_ref().map(|a| awaiting_text(a, t)).unwrap_or_default();
                let at = task.wait_at.as_ref().map(|l| format!("  line {}", l.line)).unwrap_or_default();
                Line::from(vec![
                    head,
                    Span::styled(format!("{:<name_w$}  ", task.name), t.task(task.index)),
                    Span::raw(what),
                    Span::styled(at, t.dim()),
                ])
            })
            .collect();
        if lines.is_empty() {
            lines.push(Line::from(vec![label(s::WAITING, t), Span::styled(s::NOTHING, t.dim())]));
        }
        lines
    }

    /// The worker threads with work (a job, or a blocking call), then the jobs queued
    /// behind them. Nothing at all when the program uses no threads.
    fn thread_lines(&self) -> Vec<Line<'static>> {
        let t = self.theme;
        let pool = &self.snap().pool;
        let name_w = pool.threads.iter().map(|k| k.name.chars().count()).max().unwrap_or(0);
        let mut lines: Vec<Line<'static>> = pool
            .busy()
            .enumerate()
            .map(|(n, th)| {
                let head = if n == 0 { label(s::THREADS, t) } else { Span::raw(" ".repeat(LABEL)) };
                let job = th.job.as_ref().map(|j| format!("{j}  ")).unwrap_or_default();
                let state = match th.state {
                    ThreadState::Running => s::THREAD_RUNS.to_string(),
                    ThreadState::Sleeping { until } => format!("{} t={until:.3}", s::THREAD_BLOCKED),
                    ThreadState::Idle => s::THREAD_WAITS_GIL.to_string(),
                };
                Line::from(vec![
                    head,
                    Span::styled(format!("{:<name_w$}  ", th.name), t.bold()),
                    Span::raw(job),
                    Span::styled(state, t.dim()),
                ])
            })
            .collect();
        if !pool.pending.is_empty() {
            let jobs: Vec<&str> = pool.pending.iter().map(|j| j.label.as_str()).collect();
            lines.push(Line::from(vec![label(s::QUEUED_JOBS, t), Span::raw(jobs.join("  "))]));
        }
        lines
    }

    /// The timer heap, soonest first, with the time left (or how late, when blocked).
    fn timer_lines(&self, now: f64, blocked: bool) -> Vec<Line<'static>> {
        let t = self.theme;
        let snap = self.snap();
        if snap.timers.is_empty() {
            return vec![Line::from(vec![label(s::TIMERS, t), Span::styled(s::NOTHING, t.dim())])];
        }
        snap.timers
            .iter()
            .enumerate()
            .map(|(n, timer)| {
                let head = if n == 0 { label(s::TIMERS, t) } else { Span::raw(" ".repeat(LABEL)) };
                let mut spans = vec![head, Span::styled(format!("{:.3} ", timer.when), t.bold())];
                spans.push(time_left(timer, now, blocked, t));
                if let Some(owner) = timer.owner.and_then(|id| snap.task(id)) {
                    spans.push(Span::styled(format!("{} ", owner.name), t.task(owner.index)));
                }
                spans.push(Span::styled(timer.label.clone(), t.dim()));
                Line::from(spans)
            })
            .collect()
    }
}

fn label(text: &str, t: &Theme) -> Span<'static> {
    Span::styled(format!("{text:<LABEL$}"), t.label())
}

fn time_left(timer: &Timer, now: f64, blocked: bool, t: &Theme) -> Span<'static> {
    let left = timer.when - now;
    if left < 0.0 && blocked {
        Span::styled(format!("({} {:.3}) ", s::OVERDUE, -left), t.blocked_text())
    } else {
        Span::styled(format!("({} {:.3}) ", s::IN, left.max(0.0)), t.dim())
    }
}

fn awaiting_text(a: &Awaiting, t: &Theme) -> String {
    match a {
        Awaiting::Yield => s::YIELDED.to_string(),
        Awaiting::Sleep { until } => format!("{} {} t={until:.3}", s::SLEEP_UNTIL, t.sym.arrow),
        Awaiting::Task { name, .. } => format!("{} {name}", s::TASK),
        Awaiting::Future { label, .. } => label.clone(),
    }
}

fn blocked_banner(b: &BlockedNow, width: usize, t: &Theme) -> Vec<Line<'static>> {
    let head = format!(" {} {} {} · {}:{} ", s::LOOP_BLOCKED, s::BLOCKED_BY, b.reason, b.file, b.line);
    let pad = width.saturating_sub(head.chars().count());
    let span = format!("{:.3} {} {:.3}: ", b.from, t.sym.arrow, b.to);
    vec![
        Line::styled(format!("{head}{}", " ".repeat(pad)), t.blocked()),
        Line::styled(format!("{span}{}", s::BLOCKED_NOTHING_RUNS), t.blocked_text()),
    ]
}
