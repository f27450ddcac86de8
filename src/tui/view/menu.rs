//! The lesson menu: titles with done marks and quiz scores, the learner's progress, and
//! the chosen lesson's summary.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use super::footer::FooterView;
use super::panel::{fit, panel};
use crate::tui::app::{App, MenuItem};
use crate::tui::markdown;
use crate::tui::theme::Theme;

pub struct MenuView<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl Widget for &MenuView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let ui = t.ui();
        let footer_h = if self.app.present { 0 } else { 1 };
        let [body, footer] = Layout::vertical([Constraint::Fill(1), Constraint::Length(footer_h)]).areas(area);
        let outer = panel(ui.menu_title, false, t);
        let inner = outer.inner(body);
        outer.render(body, buf);
        let mut intro_lines = markdown::render(ui.menu_intro, inner.width.saturating_sub(2), t);
        intro_lines.push(self.progress_line());
        let intro_h = intro_lines.len() as u16 + 2;
        let [intro, lists] = Layout::vertical([Constraint::Length(intro_h), Constraint::Fill(1)]).areas(inner);
        Paragraph::new(intro_lines).render(intro.inner(Margin::new(1, 1)), buf);
        let longest = self.app.menu.iter().map(|m| m.title.get(t.lang).width()).max().unwrap_or(20) as u16;
        let list_w = (longest + 14).min(inner.width * 11 / 20);
        let [list, about] = Layout::horizontal([Constraint::Length(list_w), Constraint::Fill(1)]).areas(lists);
        self.render_list(list, buf);
        self.render_about(about, buf);
        if footer_h > 0 {
            FooterView { keys: ui.footer_menu, status: Line::default(), theme: t }.render(footer, buf);
        }
    }
}

impl MenuView<'_> {
    /// `3 of 16 lessons done · quizzes 7/20`, or why progress is not saved.
    fn progress_line(&self) -> Line<'static> {
        let (t, app) = (self.theme, self.app);
        let ui = t.ui();
        if let Some(e) = &app.progress_error {
            return Line::styled(format!("{} {e}", ui.menu_progress_error), t.error());
        }
        let ids: Vec<&str> = app.menu.iter().filter_map(MenuItem::id).collect();
        let done = ids.iter().filter(|id| app.progress.is_done(id)).count();
        let (right, total) = ids.iter().map(|id| app.progress.get(id)).fold((0, 0), |(r, n), p| {
            if p.quiz_total > 0 {
                (r + p.quiz_best, n + p.quiz_total)
            } else {
                (r, n)
            }
        });
        let mut spans = vec![Span::styled(format!("{done} {} {} {}", ui.menu_of, ids.len(), ui.menu_done), t.bold())];
        if total > 0 {
            spans.push(Span::styled(format!(" · {} {right}/{total}", ui.menu_quizzes), t.dim()));
        }
        Line::from(spans)
    }

    fn render_list(&self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let block = panel(t.ui().menu_lessons, true, t);
        let inner = block.inner(area);
        block.render(area, buf);
        let rows = usize::from(inner.height);
        // Keep the selected lesson in view.
        let top = self.app.selected.saturating_sub(rows.saturating_sub(1));
        for (row, (i, item)) in self.app.menu.iter().enumerate().skip(top).take(rows).enumerate() {
            let line = self.item_line(i, item, usize::from(inner.width));
            buf.set_line(inner.x, inner.y + row as u16, &line, inner.width);
        }
    }

    fn item_line(&self, i: usize, item: &MenuItem, width: usize) -> Line<'static> {
        let t = self.theme;
        let progress = item.id().map(|id| self.app.progress.get(id)).unwrap_or_default();
        let mark = if item.lesson.is_err() {
            Span::styled(format!("{:>2} ", t.sym.failed), t.error())
        } else if progress.done {
            Span::styled(format!("{:>2} ", t.sym.done), t.ok())
        } else {
            Span::raw("   ")
        };
        let score = if progress.quiz_total > 0 { format!(" {}/{}", progress.quiz_best, progress.quiz_total) } else { String::new() };
        let room = width.saturating_sub(4 + score.width());
        let text = fit(&format!("{}. {}", i + 1, item.title.get(t.lang)), room, t.sym.ellipsis);
        let pad = " ".repeat(room.saturating_sub(text.width()));
        let selected = i == self.app.selected;
        let pointer = if selected { t.sym.selected } else { " " };
        let style = if selected { t.selected() } else { t.plain() };
        Line::from(vec![
            Span::raw(format!("{pointer:>1}")),
            mark,
            Span::styled(format!("{text}{pad}"), style),
            Span::styled(score, if selected { style } else { t.dim() }),
        ])
    }

    fn render_about(&self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let ui = t.ui();
        let block = panel(ui.menu_about, false, t);
        let inner = block.inner(area).inner(Margin::new(1, 0));
        block.render(area, buf);
        let Some(item) = self.app.menu.get(self.app.selected) else { return };
        let mut lines = vec![Line::styled(item.title.get(t.lang).to_string(), t.heading()), Line::raw("")];
        match &item.lesson {
            Ok(lesson) => {
                lines.extend(markdown::render(lesson.summary.get(t.lang), inner.width, t));
                if lesson.side_by_side() {
                    let labels: Vec<&str> = lesson.programs.iter().map(|p| p.label.as_str()).collect();
                    lines.push(Line::raw(""));
                    lines.push(Line::styled(format!("{}: {}", ui.menu_side_by_side, labels.join(" | ")), t.dim()));
                }
                if item.extra {
                    lines.push(Line::raw(""));
                    lines.push(Line::styled(format!("{} {}", ui.menu_from_folder, item.origin), t.dim()));
                }
            }
            Err(e) => {
                lines.push(Line::styled(ui.menu_broken, t.error()));
                lines.extend(e.lines().map(|l| Line::raw(l.to_string())));
            }
        }
        Paragraph::new(lines).wrap(Wrap { trim: false }).render(inner, buf);
    }
}
