//! A quiz, boxed over the player: the question and its choices; once answered, which
//! choice was right (from the recorded run), what the run measured, and why.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::panel::{centered, fit, panel};
use crate::lessons::quiz::Choice;
use crate::tui::markdown;
use crate::tui::quiz::QuizState;
use crate::tui::theme::Theme;

pub struct QuizView<'a> {
    pub quiz: &'a QuizState,
    /// Its number and how many the lesson has.
    pub number: (usize, usize),
    /// The program it is about (shown when two run side by side).
    pub file: Option<&'a str>,
    pub theme: &'a Theme,
}

/// The widest a quiz box gets.
const MAX_WIDTH: u16 = 76;

impl Widget for &QuizView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let width = area.width.saturating_sub(4).min(MAX_WIDTH);
        let inner_w = width.saturating_sub(4);
        let lines = self.lines(inner_w);
        let rect = centered(area, width, lines.len() as u16 + 2);
        Clear.render(rect, buf);
        let ui = t.ui();
        let file = self.file.map(|f| format!(" · {f}")).unwrap_or_default();
        let title = format!(" {} {}/{}{file} ", ui.quiz, self.number.0, self.number.1);
        let block = panel(Line::raw(title), true, t);
        let body = block.inner(rect).inner(ratatui::layout::Margin::new(1, 0));
        block.render(rect, buf);
        Paragraph::new(lines).render(body, buf);
    }
}

impl QuizView<'_> {
    fn lines(&self, width: u16) -> Vec<Line<'static>> {
        let (t, q) = (self.theme, self.quiz);
        let ui = t.ui();
        let mut lines = markdown::render(q.quiz.question.get(t.lang), width, t);
        lines.push(Line::default());
        for (k, choice) in q.quiz.choices.iter().enumerate() {
            lines.extend(self.choice_lines(k, choice, usize::from(width)));
        }
        lines.push(Line::default());
        if q.answered() {
            let c = &q.quiz.choices[q.answer.index];
            let measured = format!("({} {})", ui.quiz_measured, one_line(&q.answer.actual));
            let verdict = if q.right() {
                Line::from(vec![
                    Span::styled(format!("{} {} ", t.sym.done, ui.quiz_right), t.ok()),
                    Span::styled(measured, t.dim()),
                ])
            } else {
                Line::from(vec![
                    Span::styled(format!("{} {} ", t.sym.failed, ui.quiz_wrong), t.error()),
                    Span::raw(format!("{} {}) {} ", ui.quiz_answer_is, q.answer.index + 1, one_line(&c.to_string()))),
                    Span::styled(measured, t.dim()),
                ])
            };
            lines.extend(wrap_line(verdict, usize::from(width)));
            if !q.right() {
                lines.push(Line::default());
                lines.extend(markdown::render(q.quiz.explain.get(t.lang), width, t));
            }
            lines.push(Line::default());
            let keys = if q.right() { ui.quiz_continue_right } else { ui.quiz_continue_wrong };
            lines.push(Line::styled(keys.to_string(), t.key()));
        } else {
            if let Some(hint) = q.quiz.hint.as_ref().filter(|_| q.hint) {
                lines.extend(markdown::render(&format!("*{}:* {}", ui.hint, hint.get(t.lang)), width, t));
                lines.push(Line::default());
            }
            lines.push(Line::styled(fit(ui.quiz_keys, usize::from(width), t.sym.ellipsis), t.dim()));
        }
        lines
    }

    /// `▸ 1  1 s`, the marks of the answer once given; several lines for an output.
    fn choice_lines(&self, k: usize, choice: &Choice, width: usize) -> Vec<Line<'static>> {
        let (t, q) = (self.theme, self.quiz);
        let (mark, style) = match q.chosen {
            None if k == q.selected => (t.sym.selected, t.selected()),
            None => (" ", Style::new()),
            Some(_) if k == q.answer.index => (t.sym.done, t.ok()),
            Some(c) if c == k => (t.sym.failed, t.error()),
            Some(_) => (" ", t.dim()),
        };
        let text = choice.to_string();
        let mut out = Vec::new();
        for (n, line) in text.trim_end_matches('\n').split('\n').enumerate() {
            let head = if n == 0 { format!("{mark:>2} {} ", k + 1) } else { "     ".to_string() };
            let room = width.saturating_sub(5);
            out.push(Line::from(vec![
                Span::styled(head, if n == 0 { style } else { Style::new() }),
                Span::styled(fit(line, room, t.sym.ellipsis), style),
            ]));
        }
        out
    }
}

/// The first line of a possibly multi-line text, with `…` if there was more.
fn one_line(s: &str) -> String {
    match s.split_once('\n') {
        Some((first, _)) => format!("{first} …"),
        None => s.to_string(),
    }
}

/// Wrap a styled line at `width` columns, word by word.
fn wrap_line(line: Line<'static>, width: usize) -> Vec<Line<'static>> {
    use unicode_width::UnicodeWidthStr;
    let mut out = Vec::new();
    let mut cur: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for span in line.spans {
        let style = span.style;
        for (i, word) in span.content.split(' ').enumerate() {
            let piece = if i == 0 { word.to_string() } else { format!(" {word}") };
            let w = piece.width();
            if used + w > width && used > 0 {
                out.push(Line::from(std::mem::take(&mut cur)));
                used = 0;
                let trimmed = piece.trim_start().to_string();
                used += trimmed.width();
                cur.push(Span::styled(trimmed, style));
            } else {
                used += w;
                cur.push(Span::styled(piece, style));
            }
        }
    }
    out.push(Line::from(cur));
    out
}
