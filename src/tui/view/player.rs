//! The lesson player: prose, and for each program its code, loop, output and timeline.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::code::CodeView;
use super::footer::{player_status, FooterView};
use super::loop_panel::LoopView;
use super::note::NoteView;
use super::output::OutputView;
use super::processes::ProcessesView;
use super::prose::ProseView;
use super::timeline::TimelineView;
use super::timer::TimerView;
use crate::trace::timeline::Axis;
use crate::tui::layout;
use crate::tui::player::{Player, Region};
use crate::tui::theme::Theme;

pub struct PlayerView<'a> {
    pub player: &'a Player,
    pub theme: &'a Theme,
}

impl Widget for &PlayerView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (p, theme) = (self.player, self.theme);
        let areas = layout::player(area, p);
        let focus = |r: Region| p.focus == r;
        ProseView { player: p, theme, focused: focus(Region::Prose) }.render(areas.prose, buf);
        if let Some(note) = &p.note {
            NoteView { player: p, note, theme }.render(areas.prose, buf);
        }
        let axis = shared_axis(p);
        for (pane, a) in areas.panes.iter().enumerate() {
            if a.timer.height > 0 {
                TimerView { player: p, pane, theme }.render(a.timer, buf);
            }
            CodeView { player: p, pane, theme, focused: focus(Region::Code(pane)) }.render(a.code, buf);
            LoopView { player: p, pane, theme, focused: focus(Region::Loop(pane)) }.render(a.loop_panel, buf);
            OutputView { player: p, pane, theme, focused: focus(Region::Output(pane)) }.render(a.output, buf);
            if a.processes.height > 2 {
                ProcessesView { player: p, pane, theme }.render(a.processes, buf);
            }
            if a.timeline.height > 2 {
                let focused = focus(Region::Timeline(pane));
                TimelineView { player: p, pane, axis: axis.unwrap_or(pane_axis(p, pane)), theme, focused }
                    .render(a.timeline, buf);
            }
        }
        if !p.present {
            FooterView { keys: theme.ui().footer_player, status: player_status(p, theme), theme }.render(areas.footer, buf);
        }
    }
}

fn pane_axis(p: &Player, i: usize) -> Axis {
    p.cursors[i].recording().timeline.axis()
}

/// Side by side on one clock: one time scale for every program that has time in it.
fn shared_axis(p: &Player) -> Option<Axis> {
    let ends: Vec<f64> = (0..p.panes.len())
        .filter_map(|i| match pane_axis(p, i) {
            Axis::Time { end } => Some(end),
            Axis::Steps { .. } => None,
        })
        .collect();
    (ends.len() == p.panes.len()).then(|| Axis::Time { end: ends.into_iter().fold(0.0, f64::max) })
}
