//! The program's code, highlighted, with each task's current line marked in the task's
//! colour, the running line emphasised, pause notes and located errors.

use std::collections::BTreeMap;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::panel::{inner, panel};
use crate::trace::snapshot::{Snapshot, Task};
use crate::trace::TaskStatus;
use crate::tui::layout::offset;
use crate::tui::player::{ErrorMark, Player, Region};
use crate::tui::strings as s;
use crate::tui::theme::Theme;

pub struct CodeView<'a> {
    pub player: &'a Player,
    pub pane: usize,
    pub theme: &'a Theme,
    pub focused: bool,
}

/// Who is where in the code, at the cursor.
struct Marks<'a> {
    /// The line executing now, and the task running it (None: outside any task).
    exec: Option<(u32, Option<&'a Task>)>,
    /// Tasks (alive, not running) by the line they are at.
    tasks: BTreeMap<u32, Vec<&'a Task>>,
    error: Option<ErrorMark>,
    /// The line run last (in this file).
    last: Option<u32>,
}

impl Widget for &CodeView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (p, t, i) = (self.player, self.theme, self.pane);
        let pane = &p.panes[i];
        let marks = marks(p, i);
        let (lines, numbers) = self.lines(&marks, usize::from(inner(area).width));
        let body = inner(area);
        let top = offset(p, Region::Code(i), usize::from(body.height), lines.len(), follow_line(&marks));
        let title = Line::raw(format!(" {} · {} ", t.ui().pane_code, pane.file));
        let mut block = panel(title, self.focused, t);
        if let Some(err) = &marks.error {
            block =
                block.title_bottom(Line::styled(format!(" {} {} ", t.sym.failed, error_title(p, i, err)), t.error()));
        }
        block.render(area, buf);
        let widths: Vec<usize> = lines.iter().map(Line::width).collect();
        Paragraph::new(lines).scroll((top as u16, 0)).render(body, buf);
        for (row, n) in numbers.iter().enumerate().skip(top).take(usize::from(body.height)) {
            if let Some(n) = n {
                self.render_annotation(*n, &marks, widths[row], body, (row - top) as u16, buf);
            }
        }
    }
}

impl CodeView<'_> {
    /// The drawn lines, and the source line number of each (None: an error caret).
    fn lines(&self, marks: &Marks, width: usize) -> (Vec<Line<'static>>, Vec<Option<u32>>) {
        let t = self.theme;
        let code = &self.player.panes[self.pane].code;
        let digits = code.len().max(1).to_string().len();
        let mut out = Vec::with_capacity(code.len() + 1);
        let mut numbers = Vec::with_capacity(code.len() + 1);
        for (n, pieces) in code.iter().enumerate() {
            let line_no = n as u32 + 1;
            let exec = marks.exec.filter(|(l, _)| *l == line_no);
            let (mark, mark_style) = self.gutter_mark(line_no, marks);
            let mut spans = vec![
                Span::styled(format!("{mark:<2}"), mark_style),
                Span::styled(format!("{line_no:>digits$} "), t.dim()),
            ];
            let base = if exec.is_some() { t.running_line() } else { Style::new() };
            spans.extend(pieces.iter().map(|(text, class)| Span::styled(text.clone(), t.syntax(*class).patch(base))));
            let mut line = Line::from(spans);
            if exec.is_some() {
                let pad = width.saturating_sub(line.width());
                line.spans.push(Span::styled(" ".repeat(pad), base));
            }
            out.push(line);
            numbers.push(Some(line_no));
            if let Some(err) = marks.error.as_ref().filter(|e| e.line == line_no) {
                out.push(caret_line(err, digits, pieces, width, t));
                numbers.push(None);
            }
        }
        (out, numbers)
    }

    /// Task names after the code, or over its end when the line is too long.
    fn render_annotation(&self, line: u32, marks: &Marks, used: usize, body: Rect, row: u16, buf: &mut Buffer) {
        let spans = self.annotation(line, marks);
        if spans.is_empty() {
            return;
        }
        let ann = Line::from(spans);
        let w = ann.width() as u16;
        let x = (body.x + used.min(usize::from(body.width)) as u16).min(body.right().saturating_sub(w)).max(body.x);
        buf.set_line(x, body.y + row, &ann, body.right() - x);
    }

    fn gutter_mark(&self, line: u32, marks: &Marks) -> (&'static str, Style) {
        let t = self.theme;
        if marks.error.as_ref().is_some_and(|e| e.line == line) {
            return (t.sym.failed, t.error());
        }
        match marks.exec {
            Some((l, task)) if l == line => {
                return (t.sym.running, task.map_or(t.bold(), |k| t.task(k.index).patch(t.bold())))
            }
            _ => {}
        }
        match marks.tasks.get(&line).and_then(|v| v.first()) {
            Some(task) => (t.sym.task, t.task(task.index)),
            None => (" ", t.plain()),
        }
    }

    /// `◂ Task-2 Task-3` after the line: who is there.
    fn annotation(&self, line: u32, marks: &Marks) -> Vec<Span<'static>> {
        let t = self.theme;
        let mut who: Vec<(&Task, bool)> = Vec::new();
        if let Some((l, Some(task))) = marks.exec {
            if l == line {
                who.push((task, true));
            }
        }
        who.extend(marks.tasks.get(&line).into_iter().flatten().map(|k| (*k, false)));
        if who.is_empty() {
            return Vec::new();
        }
        let mut spans = vec![Span::styled(format!(" {}", t.sym.back_arrow), t.dim())];
        for (task, running) in who {
            let style = if running { t.task(task.index).patch(t.bold()) } else { t.task(task.index) };
            spans.push(Span::styled(format!(" {}", task.name), style));
        }
        spans
    }
}

fn marks(p: &Player, i: usize) -> Marks<'_> {
    let snap = p.cursors[i].snapshot();
    let file = &p.panes[i].file;
    let exec = executing(snap).filter(|(f, _, _)| f == file).map(|(_, l, task)| (l, task));
    let mut tasks: BTreeMap<u32, Vec<&Task>> = BTreeMap::new();
    for task in
        snap.tasks.iter().filter(|k| snap.status(k) != TaskStatus::Done && snap.status(k) != TaskStatus::Running)
    {
        if let Some(loc) = task.line.as_ref().filter(|l| l.file == *file) {
            tasks.entry(loc.line).or_default().push(task);
        }
    }
    let last = snap.at.as_ref().filter(|(_, l)| l.file == *file).map(|(_, l)| l.line);
    Marks { exec, tasks, error: p.error_mark(i), last }
}

/// The line running now: the running task's, or module-level code (or a plain callback).
fn executing(snap: &Snapshot) -> Option<(&str, u32, Option<&Task>)> {
    if snap.exit.is_some() {
        return None;
    }
    if let Some(task) = snap.running_task() {
        return task.line.as_ref().map(|l| (l.file.as_str(), l.line, Some(task)));
    }
    match &snap.at {
        Some((None, loc)) if snap.running.as_ref().is_none_or(|r| r.task.is_none()) => {
            Some((loc.file.as_str(), loc.line, None))
        }
        _ => None,
    }
}

/// The line to keep in view: what runs now, else the error, else the line run last.
fn follow_line(m: &Marks) -> Option<usize> {
    let line = m
        .exec
        .map(|(l, _)| l)
        .or(m.error.as_ref().map(|e| e.line))
        .or(m.last)
        .or_else(|| m.tasks.keys().next().copied());
    line.map(|l| l as usize - 1)
}

/// `    ^ message` under the failing column; when that column is too far right for the
/// message to be seen (a long line, a deep indent), `^ column N: message` at the start
/// of the code instead.
fn caret_line(
    err: &ErrorMark,
    digits: usize,
    pieces: &[(String, crate::tui::highlight::Class)],
    width: usize,
    t: &Theme,
) -> Line<'static> {
    let indent = match err.col {
        Some(c) => c.saturating_sub(1) as usize,
        None => pieces.iter().flat_map(|(s, _)| s.chars()).take_while(|c| *c == ' ').count(),
    };
    let gutter = 2 + digits + 1;
    let fits = gutter + indent + 2 + err.message.chars().count().min(20) <= width;
    if fits || indent == 0 {
        let pad = " ".repeat(gutter + indent);
        return Line::styled(format!("{pad}^ {}", err.message), t.error());
    }
    let pad = " ".repeat(gutter);
    Line::styled(format!("{pad}^ column {}: {}", indent + 1, err.message), t.error())
}

fn error_title(p: &Player, i: usize, err: &ErrorMark) -> String {
    let what = if err.col.is_some() { s::COMPILE_ERROR } else { s::RUNTIME_ERROR };
    let col = err.col.map(|c| format!(":{c}")).unwrap_or_default();
    format!("{}:{}{col} {what}", p.panes[i].file, err.line)
}

/// The first line shown now.
pub fn position(p: &Player, i: usize, height: usize) -> usize {
    let m = marks(p, i);
    let len = p.panes[i].code.len() + usize::from(m.error.is_some());
    offset(p, Region::Code(i), height, len, follow_line(&m))
}
