//! Each task's status over the run (one lane per task), and the spans the loop was
//! blocked: the data behind the timeline view. Built once while the recording is folded.

use super::snapshot::{Snapshot, TaskStatus};
use super::{Event, Stamped};

/// A task's status from event position `pos` (at virtual time `t`) on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Change {
    pub pos: usize,
    pub t: f64,
    pub status: TaskStatus,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Lane {
    pub task: u64,
    pub name: String,
    pub coro: String,
    pub changes: Vec<Change>,
}

/// A span during which a synchronous call held the loop.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BlockedSpan {
    pub from: f64,
    pub to: f64,
    /// Position of the `loop_blocked` event.
    pub pos: usize,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timeline {
    pub lanes: Vec<Lane>,
    pub blocked: Vec<BlockedSpan>,
    /// The last position, and the time the program ended.
    pub end_pos: usize,
    pub end_t: f64,
}

/// How the horizontal axis is measured: virtual seconds, or (when the clock never
/// moves) event positions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Axis {
    Time { end: f64 },
    Steps { end: usize },
}

impl Timeline {
    /// Record the status changes that event `e` (just folded into `snap`) caused.
    pub fn observe(&mut self, snap: &Snapshot, e: &Stamped, prev_running: Option<u64>) {
        let pos = snap.pos - 1;
        if let Event::LoopBlocked { from, to, .. } = &e.event {
            self.blocked.push(BlockedSpan { from: *from, to: *to, pos });
        }
        let touched = touched_task(e, snap);
        for id in [prev_running, touched].into_iter().flatten() {
            self.note(snap, id, pos, e.t);
        }
        if matches!(e.event, Event::LoopClosed { .. }) {
            let ids: Vec<u64> = snap.tasks.iter().filter(|t| t.outcome.is_none()).map(|t| t.id).collect();
            for id in ids {
                self.note(snap, id, pos, e.t);
            }
        }
    }

    fn note(&mut self, snap: &Snapshot, id: u64, pos: usize, t: f64) {
        let Some(task) = snap.task(id) else { return };
        let status = snap.status(task);
        if task.index >= self.lanes.len() {
            self.lanes.push(Lane { task: id, name: task.name.clone(), coro: task.coro.clone(), changes: Vec::new() });
        }
        let lane = &mut self.lanes[task.index];
        if lane.changes.last().map(|c| c.status) != Some(status) {
            lane.changes.push(Change { pos, t, status });
        }
    }

    pub fn finish(&mut self, last: &Snapshot) {
        self.end_pos = last.pos;
        self.end_t = last.clock;
    }

    /// Time when the program spends any (beyond its CPU cost), else event positions.
    pub fn axis(&self) -> Axis {
        if self.end_t >= 0.01 {
            Axis::Time { end: self.end_t }
        } else {
            Axis::Steps { end: self.end_pos.max(1) }
        }
    }

    /// Whether the loop was blocked somewhere in `[t0, t1)`, as seen at display time `now`.
    pub fn blocked_in(&self, t0: f64, t1: f64, now: f64) -> bool {
        self.blocked.iter().any(|b| now > b.from && b.from < t1 && t0 < b.to.min(now))
    }
}

/// The task an event concerns, if any.
fn touched_task(e: &Stamped, snap: &Snapshot) -> Option<u64> {
    match &e.event {
        Event::TaskCreated { task, .. }
        | Event::TaskStep { task, .. }
        | Event::TaskSuspended { task, .. }
        | Event::TaskDone { task, .. } => Some(*task),
        Event::HandleQueued { task, .. } | Event::HandleRun { task, .. } => *task,
        Event::TimerFired { .. } => snap.ready.back().and_then(|q| q.task),
        _ => None,
    }
}

impl Lane {
    /// The strongest status of this lane in each of `cols` columns of `axis`, seeing
    /// only what happened before position `upto` and time `now`. `None`: not alive there.
    pub fn cells(&self, axis: Axis, cols: usize, upto: usize, now: f64) -> Vec<Option<TaskStatus>> {
        let mut cells = vec![None; cols];
        if cols == 0 {
            return cells;
        }
        let visible: Vec<&Change> = self.changes.iter().filter(|c| c.pos < upto).collect();
        for (i, c) in visible.iter().enumerate() {
            let start = column(axis, c.t, c.pos, cols);
            let end = match visible.get(i + 1) {
                Some(n) => column(axis, n.t, n.pos, cols),
                None => column(axis, now, upto, cols),
            };
            for cell in &mut cells[start..=end.max(start).min(cols - 1)] {
                *cell = strongest(*cell, c.status);
            }
        }
        cells
    }
}

/// Column of a moment on the axis.
pub fn column(axis: Axis, t: f64, pos: usize, cols: usize) -> usize {
    let x = match axis {
        Axis::Time { end } => t / end,
        Axis::Steps { end } => pos as f64 / end as f64,
    };
    ((x * cols as f64) as usize).min(cols.saturating_sub(1))
}

/// Running beats ready beats waiting; done shows nothing.
fn strongest(cell: Option<TaskStatus>, s: TaskStatus) -> Option<TaskStatus> {
    let rank = |s: Option<TaskStatus>| match s {
        Some(TaskStatus::Running) => 4,
        Some(TaskStatus::Ready) => 3,
        Some(TaskStatus::Waiting) => 2,
        Some(TaskStatus::Done) => 1,
        None => 0,
    };
    if rank(Some(s)) > rank(cell) {
        Some(s)
    } else {
        cell
    }
}
