//! The lesson menu: titles with done marks, and the chosen lesson's summary.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::footer::FooterView;
use super::panel::{fit, panel};
use crate::tui::app::{App, MenuItem};
use crate::tui::markdown;
use crate::tui::strings as s;
use crate::tui::theme::Theme;

pub struct MenuView<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl Widget for &MenuView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let [body, footer] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        let outer = panel(s::MENU_TITLE, false, t);
        let inner = outer.inner(body);
        outer.render(body, buf);
        let intro_lines = markdown::render(s::MENU_INTRO, inner.width.saturating_sub(2), t);
        let intro_h = intro_lines.len() as u16 + 2;
        let [intro, lists] = Layout::vertical([Constraint::Length(intro_h), Constraint::Fill(1)]).areas(inner);
        Paragraph::new(intro_lines).render(intro.inner(ratatui::layout::Margin::new(1, 1)), buf);
        let longest = self.app.menu.iter().map(|m| m.title.chars().count()).max().unwrap_or(20) as u16;
        let list_w = (longest + 10).min(inner.width * 11 / 20);
        let [list, about] = Layout::horizontal([Constraint::Length(list_w), Constraint::Fill(1)]).areas(lists);
        self.render_list(list, buf);
        self.render_about(about, buf);
        FooterView { keys: s::FOOTER_MENU, status: Line::default(), theme: t }.render(footer, buf);
    }
}

impl MenuView<'_> {
    fn render_list(&self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let block = panel(s::MENU_LESSONS, true, t);
        let inner = block.inner(area);
        block.render(area, buf);
        for (i, item) in self.app.menu.iter().enumerate().take(usize::from(inner.height)) {
            let line = self.item_line(i, item, usize::from(inner.width));
            buf.set_line(inner.x, inner.y + i as u16, &line, inner.width);
        }
    }

    fn item_line(&self, i: usize, item: &MenuItem, width: usize) -> Line<'static> {
        let t = self.theme;
        let done = item.lesson.as_ref().is_ok_and(|l| self.app.done.contains(&l.id));
        let mark = if item.lesson.is_err() {
            Span::styled(format!("{:>2} ", t.sym.failed), t.error())
        } else if done {
            Span::styled(format!("{:>2} ", t.sym.done), t.ok())
        } else {
            Span::raw("   ")
        };
        let text = fit(&format!("{}. {}", i + 1, item.title), width.saturating_sub(5), t.sym.ellipsis);
        let selected = i == self.app.selected;
        let pointer = if selected { t.sym.selected } else { " " };
        let style = if selected { t.selected() } else { t.plain() };
        Line::from(vec![
            Span::raw(format!("{pointer:>1}")),
            mark,
            Span::styled(format!("{text:<w$}", w = width.saturating_sub(5)), style),
        ])
    }

    fn render_about(&self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let block = panel(s::MENU_ABOUT, false, t);
        let inner = block.inner(area).inner(ratatui::layout::Margin::new(1, 0));
        block.render(area, buf);
        let Some(item) = self.app.menu.get(self.app.selected) else { return };
        let mut lines = vec![Line::styled(item.title.clone(), t.heading()), Line::raw("")];
        match &item.lesson {
            Ok(lesson) => {
                lines.extend(markdown::render(&lesson.summary, inner.width, t));
                if lesson.side_by_side() {
                    let labels: Vec<&str> = lesson.programs.iter().map(|p| p.label.as_str()).collect();
                    lines.push(Line::raw(""));
                    lines.push(Line::styled(format!("{}: {}", s::MENU_SIDE_BY_SIDE, labels.join(" | ")), t.dim()));
                }
            }
            Err(e) => {
                lines.push(Line::styled(s::MENU_BROKEN, t.error()));
                lines.extend(e.lines().map(|l| Line::raw(l.to_string())));
            }
        }
        Paragraph::new(lines).wrap(Wrap { trim: false }).render(inner, buf);
    }
}
