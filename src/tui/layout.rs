//! Where each part of the screen goes: a pure function of the terminal size and the
//! player, shared by drawing and by mouse hit-testing.

use ratatui::layout::{Constraint, Layout, Position, Rect};

use super::player::{Player, Region};

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// The areas of one program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PaneAreas {
    /// The large timer (side by side only).
    pub timer: Rect,
    pub code: Rect,
    pub loop_panel: Rect,
    pub output: Rect,
    /// Empty when there is no room.
    pub timeline: Rect,
    /// The server processes the program started (empty when it started none).
    pub processes: Rect,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlayerAreas {
    pub prose: Rect,
    pub panes: Vec<PaneAreas>,
    pub footer: Rect,
}

impl PlayerAreas {
    pub fn region(&self, r: Region) -> Rect {
        let pane = |i: usize| self.panes.get(i).copied().unwrap_or_default();
        match r {
            Region::Prose => self.prose,
            Region::Code(i) => pane(i).code,
            Region::Loop(i) => pane(i).loop_panel,
            Region::Output(i) => pane(i).output,
            Region::Timeline(i) => pane(i).timeline,
        }
    }

    /// The region under a screen position.
    pub fn region_at(&self, regions: &[Region], col: u16, row: u16) -> Option<Region> {
        regions.iter().copied().find(|r| self.region(*r).contains(Position::new(col, row)))
    }
}

pub fn player(area: Rect, p: &Player) -> PlayerAreas {
    // Classroom mode has no footer: the screen is for the class, not for the keys.
    let footer_h = if p.present { 0 } else { 1 };
    let [body, footer] = Layout::vertical([Constraint::Fill(1), Constraint::Length(footer_h)]).areas(area);
    if p.side_by_side() {
        side_by_side(body, footer, p)
    } else {
        single(body, footer, p)
    }
}

/// Prose and the loop on the left, code and output on the right, the timeline below.
fn single(body: Rect, footer: Rect, p: &Player) -> PlayerAreas {
    let lanes = p.panes[0].rec.timeline.lanes.len() as u16;
    let timeline_h = (lanes + 3).clamp(5, (body.height / 4).max(5));
    let [top, timeline] = Layout::vertical([Constraint::Fill(1), Constraint::Length(timeline_h)]).areas(body);
    let left_w = (body.width * 2 / 5).clamp(36, 72);
    let [left, right] = Layout::horizontal([Constraint::Length(left_w), Constraint::Fill(1)]).areas(top);
    let loop_h = (top.height / 2).clamp(8, 16);
    let [prose, loop_panel] = Layout::vertical([Constraint::Fill(1), Constraint::Length(loop_h)]).areas(left);
    let output_h = (top.height / 3).clamp(5, 12);
    // Classroom mode shows the virtual clock large over the code.
    let timer_h = if p.present { timer_height(right.height) } else { 0 };
    let procs_h = processes_height(p, 0, right.height / 3);
    let [timer, code, processes, output] = Layout::vertical([
        Constraint::Length(timer_h),
        Constraint::Fill(1),
        Constraint::Length(procs_h),
        Constraint::Length(output_h),
    ])
    .areas(right);
    let pane = PaneAreas { timer, code, loop_panel, output, timeline, processes };
    PlayerAreas { prose, panes: vec![pane], footer }
}

/// One column per program; the prose on the left when the screen is wide, else on top.
fn side_by_side(body: Rect, footer: Rect, p: &Player) -> PlayerAreas {
    let (prose, columns) = if body.width >= WIDE {
        let prose_w = (body.width / 4).clamp(40, 60);
        let [prose, columns] = Layout::horizontal([Constraint::Length(prose_w), Constraint::Fill(1)]).areas(body);
        (prose, columns)
    } else {
        let prose_h = (body.height / 5).clamp(5, 9);
        let [prose, columns] = Layout::vertical([Constraint::Length(prose_h), Constraint::Fill(1)]).areas(body);
        (prose, columns)
    };
    let n = p.panes.len() as u32;
    let cols = Layout::horizontal((0..n).map(|_| Constraint::Ratio(1, n))).split(columns);
    let lanes = p.panes.iter().map(|pane| pane.rec.timeline.lanes.len()).max().unwrap_or(0) as u16;
    let panes = cols
        .iter()
        .enumerate()
        .map(|(i, c)| column(*c, lanes, p.present, processes_height(p, i, c.height / 4)))
        .collect();
    PlayerAreas { prose, panes, footer }
}

/// The timer's rows: large digits (5 rows inside a border) in classroom mode when
/// there is room, else the 3-row digits.
fn timer_height(h: u16) -> u16 {
    if h >= 30 {
        7
    } else {
        5
    }
}

/// Rows the code pane keeps when panes compete for a column.
const MIN_CODE: u16 = 10;

/// Screens at least this wide put the prose beside the programs.
const WIDE: u16 = 160;

/// The processes pane's rows for program `i`: all it needs, up to `max` (then one row
/// per process), none when the program started no other process.
fn processes_height(p: &Player, i: usize, max: u16) -> u16 {
    let n = p.panes[i].rec.processes.procs.len();
    let want = super::view::processes_height(n);
    if want <= max {
        want
    } else if n > 0 && max >= 3 {
        (2 + n as u16).min(max)
    } else {
        0
    }
}

fn column(area: Rect, lanes: u16, present: bool, procs_h: u16) -> PaneAreas {
    let h = area.height;
    let timer_h = match (present, h >= 30) {
        (true, _) => timer_height(h),
        (false, true) => 5,
        (false, false) => 3,
    };
    let loop_h = (h / 4).clamp(6, 11);
    let output_h = (h / 7).clamp(3, 7);
    let mut timeline_h = if h >= 26 { (lanes + 3).clamp(5, h / 4) } else { 0 };
    // The code keeps room to be read: a server's processes pane takes the timeline's
    // place when both do not fit, and shrinks to one row per process, or goes.
    let code_h = |timeline_h: u16, procs_h: u16| h.saturating_sub(timer_h + loop_h + output_h + timeline_h + procs_h);
    let mut procs_h = procs_h;
    if procs_h > 0 && code_h(timeline_h, procs_h) < MIN_CODE {
        timeline_h = 0;
    }
    while procs_h > 0 && code_h(timeline_h, procs_h) < MIN_CODE {
        procs_h = if procs_h > 3 { procs_h - 1 } else { 0 };
    }
    let [timer, code, processes, loop_panel, output, timeline] = Layout::vertical([
        Constraint::Length(timer_h),
        Constraint::Fill(1),
        Constraint::Length(procs_h),
        Constraint::Length(loop_h),
        Constraint::Length(output_h),
        Constraint::Length(timeline_h),
    ])
    .areas(area);
    PaneAreas { timer, code, loop_panel, output, timeline, processes }
}

/// The first line shown in a scrollable region of `height` inner rows that holds
/// `len` lines: where the user scrolled it, else where playback wants it
/// (`follow`: the line to keep in view, or None for the top).
pub fn offset(p: &Player, r: Region, height: usize, len: usize, follow: Option<usize>) -> usize {
    let max = len.saturating_sub(height);
    match p.scroll.get(&r) {
        Some(&manual) => manual.min(max),
        None => follow.map_or(0, |line| line.saturating_sub(height / 2).min(max)),
    }
}
