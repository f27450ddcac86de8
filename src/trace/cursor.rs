//! A cursor over a recorded trace. The engine runs the whole program first; playback,
//! stepping and stepping back only move a position through the recording.
//!
//! Positions count folded events (0 = nothing happened yet, `len` = the end). Stepping
//! back reloads the nearest checkpoint at or before the target and folds forward, so
//! every move costs at most one checkpoint interval.

use std::rc::Rc;

use super::snapshot::Snapshot;
use super::timeline::Timeline;
use super::{Event, Stamped, Stream, Trace};

/// Time steps shorter than this are "no time" for stepping and playback: the CPU cost of
/// running some Python (the engine charges virtual nanoseconds per instruction), not
/// the loop waiting. Longer steps are gaps: the loop idles, or something blocks it.
pub const INSTANT: f64 = 1e-3;

/// A playback step runs a handle's lines one by one, unless it has more than this many
/// left (a long loop): then the step takes the rest of the handle at once.
pub const MAX_LINE_STEPS: usize = 64;

/// One program's trace with the indexes playback needs; built once, shared read-only.
#[derive(Debug)]
pub struct Recording {
    pub events: Vec<Stamped>,
    /// Positions just after each handle starts running (`handle_run`, plus its `task_step`).
    handle_stops: Vec<usize>,
    /// Handle stops and the position after every `line` event.
    line_stops: Vec<usize>,
    /// Event indexes of the output lines, in order.
    outputs: Vec<usize>,
    checkpoints: Vec<Snapshot>,
    every: usize,
    pub timeline: Timeline,
    /// The final state.
    pub last: Snapshot,
    pub truncated: bool,
    /// The other processes (server workers) the program started, through the run.
    pub processes: super::processes::ProcessIndex,
}

/// An output line as the UI shows it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OutputLine<'a> {
    pub t: f64,
    pub stream: Stream,
    pub text: &'a str,
}

impl Recording {
    pub fn new(trace: Trace) -> Recording {
        let processes = super::processes::ProcessIndex::build(&trace.events);
        let events = main_process_view(trace.events);
        let every = (events.len() / 128).max(1024);
        let (mut handle_stops, mut line_stops, mut outputs) = (Vec::new(), Vec::new(), Vec::new());
        let mut checkpoints = Vec::with_capacity(events.len() / every + 1);
        let mut timeline = Timeline::default();
        let mut snap = Snapshot::default();
        for (i, e) in events.iter().enumerate() {
            if i % every == 0 {
                checkpoints.push(snap.clone());
            }
            let prev_running = snap.running_task().map(|t| t.id);
            snap.apply(e);
            timeline.observe(&snap, e, prev_running);
            if i > 0 && e.t - events[i - 1].t >= INSTANT {
                // Time jumps here: stop before (the loop idles or is held) and after.
                push_stop(&mut handle_stops, i);
                push_stop(&mut line_stops, i);
                push_stop(&mut line_stops, i + 1);
            }
            match &e.event {
                Event::HandleRun { .. } if stops_after_step(&events, i) => {}
                Event::HandleRun { .. } | Event::TaskStep { .. } if is_handle_stop(&events, i) => {
                    push_stop(&mut handle_stops, i + 1);
                    push_stop(&mut line_stops, i + 1);
                }
                Event::Line { .. } => push_stop(&mut line_stops, i + 1),
                Event::Output { .. } => outputs.push(i),
                // A simulated thread takes or leaves the GIL, starts or ends a job:
                // stepping stops there, so the GIL's hand-overs can be watched.
                Event::ThreadRunning { .. }
                | Event::ThreadSleeping { .. }
                | Event::ThreadIdle { .. }
                | Event::JobStarted { .. }
                | Event::JobDone { .. } => {
                    push_stop(&mut handle_stops, i + 1);
                    push_stop(&mut line_stops, i + 1);
                }
                _ => {}
            }
        }
        timeline.finish(&snap);
        Recording {
            events,
            handle_stops,
            line_stops,
            outputs,
            checkpoints,
            every,
            timeline,
            last: snap,
            truncated: trace.truncated,
            processes,
        }
    }

    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// The virtual time the program ended at.
    pub fn end_time(&self) -> f64 {
        self.last.clock
    }

    /// The first `n` output lines.
    pub fn outputs(&self, n: usize) -> impl DoubleEndedIterator<Item = OutputLine<'_>> + ExactSizeIterator {
        self.outputs[..n.min(self.outputs.len())].iter().map(|&i| {
            let e = &self.events[i];
            match &e.event {
                Event::Output { stream, line } => OutputLine { t: e.t, stream: *stream, text: line },
                _ => unreachable!("the output index holds only output events"),
            }
        })
    }

    /// The state after the first `pos` events.
    pub fn snapshot_at(&self, pos: usize) -> Snapshot {
        let pos = pos.min(self.len());
        let mut snap = self.checkpoints.get(pos / self.every).cloned().unwrap_or_default();
        self.fold(&mut snap, pos);
        snap
    }

    fn fold(&self, snap: &mut Snapshot, to: usize) {
        while snap.pos < to {
            snap.apply(&self.events[snap.pos]);
        }
    }
}

/// The player animates the program's own process. Worker processes it started (uvicorn
/// workers, say) run their own loops; of those only the output is kept, in time order.
fn main_process_view(events: Vec<Stamped>) -> Vec<Stamped> {
    if !events.iter().any(|e| matches!(e.event, Event::ProcessRunning { .. })) {
        return events;
    }
    let mut current = 0;
    let mut kept = Vec::with_capacity(events.len());
    for e in events {
        match e.event {
            Event::ProcessRunning { process } => current = process,
            Event::Output { .. } | Event::ProcessStarted { .. } => kept.push(e),
            _ if current == 0 => kept.push(e),
            _ => {}
        }
    }
    kept
}

fn push_stop(stops: &mut Vec<usize>, pos: usize) {
    if stops.last() != Some(&pos) {
        stops.push(pos);
    }
}

/// A `handle_run` directly followed by its `task_step` stops after the step instead.
fn stops_after_step(events: &[Stamped], i: usize) -> bool {
    matches!(events.get(i + 1).map(|e| &e.event), Some(Event::TaskStep { .. }))
}

fn is_handle_stop(events: &[Stamped], i: usize) -> bool {
    match &events[i].event {
        Event::HandleRun { .. } => true,
        Event::TaskStep { .. } => i > 0 && matches!(events[i - 1].event, Event::HandleRun { .. }),
        _ => false,
    }
}

/// Time passes before the next event: the loop idles in `select()` until a timer is due,
/// or a synchronous call holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    pub from: f64,
    pub to: f64,
    pub kind: GapKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum GapKind {
    /// Nothing is ready: the selector waits for the soonest timer.
    Idle,
    /// A blocking call (`time.sleep`) holds the loop: nothing else can run.
    Blocked { reason: String, file: String, line: u32 },
    /// Time moves for another reason.
    Other,
}

/// A position in a recording and the loop state there.
#[derive(Debug, Clone)]
pub struct Cursor {
    rec: Rc<Recording>,
    snap: Snapshot,
}

impl Cursor {
    pub fn new(rec: Rc<Recording>) -> Cursor {
        Cursor { rec, snap: Snapshot::default() }
    }

    pub fn recording(&self) -> &Rc<Recording> {
        &self.rec
    }

    pub fn snapshot(&self) -> &Snapshot {
        &self.snap
    }

    pub fn pos(&self) -> usize {
        self.snap.pos
    }

    pub fn at_end(&self) -> bool {
        self.snap.pos >= self.rec.len()
    }

    pub fn next_event(&self) -> Option<&Stamped> {
        self.rec.events.get(self.snap.pos)
    }

    /// Move to `pos` (clamped to the recording).
    pub fn seek(&mut self, pos: usize) {
        let pos = pos.min(self.rec.len());
        if pos < self.snap.pos || pos - self.snap.pos > self.rec.every {
            self.snap = self.rec.snapshot_at(pos);
        } else {
            self.rec.fold(&mut self.snap, pos);
        }
    }

    pub fn restart(&mut self) {
        self.snap = Snapshot::default();
    }

    /// Move to the last handle stop at or before virtual time `t` (the start if none):
    /// the same moment in another recording of a changed program.
    pub fn seek_time(&mut self, t: f64) {
        let stops = &self.rec.handle_stops;
        let n = stops.partition_point(|&s| self.rec.events[s - 1].t <= t);
        let pos = n.checked_sub(1).map_or(0, |k| stops[k]);
        self.seek(pos);
    }

    pub fn to_end(&mut self) {
        self.seek(self.rec.len());
    }

    /// Forward until the next handle is running (or to the end). False when already at the end.
    pub fn step_handle(&mut self) -> bool {
        self.forward_to(next_stop(&self.rec.handle_stops, self.snap.pos))
    }

    /// Forward to the next line (or the next handle, whichever comes first).
    pub fn step_line(&mut self) -> bool {
        self.forward_to(next_stop(&self.rec.line_stops, self.snap.pos))
    }

    /// One playback step: the next line, or the rest of a handle that runs too many lines
    /// to watch one by one.
    pub fn step_play(&mut self) -> bool {
        let pos = self.snap.pos;
        let lines = &self.rec.line_stops;
        let next_handle = next_stop(&self.rec.handle_stops, pos).unwrap_or(self.rec.len());
        let left = lines.partition_point(|&s| s < next_handle) - lines.partition_point(|&s| s <= pos);
        if left > MAX_LINE_STEPS {
            self.step_handle()
        } else {
            self.step_line()
        }
    }

    /// Back to the previous handle start. False when already at the start.
    pub fn back_handle(&mut self) -> bool {
        self.back_to(prev_stop(&self.rec.handle_stops, self.snap.pos))
    }

    /// Back to the previous line (or handle start).
    pub fn back_line(&mut self) -> bool {
        self.back_to(prev_stop(&self.rec.line_stops, self.snap.pos))
    }

    fn forward_to(&mut self, stop: Option<usize>) -> bool {
        if self.at_end() {
            return false;
        }
        self.seek(stop.unwrap_or(self.rec.len()));
        true
    }

    fn back_to(&mut self, stop: Option<usize>) -> bool {
        if self.snap.pos == 0 {
            return false;
        }
        self.seek(stop.unwrap_or(0));
        true
    }

    /// The time that passes before the next event, if any.
    pub fn gap(&self) -> Option<Gap> {
        let next = self.next_event()?;
        if next.t < self.snap.clock + INSTANT {
            return None;
        }
        let kind = match &next.event {
            Event::ClockAdvanced { .. } => GapKind::Idle,
            Event::LoopBlocked { reason, file, line, .. } => {
                GapKind::Blocked { reason: reason.clone(), file: file.clone(), line: *line }
            }
            _ => GapKind::Other,
        };
        Some(Gap { from: self.snap.clock, to: next.t, kind })
    }
}

fn next_stop(stops: &[usize], pos: usize) -> Option<usize> {
    stops.get(stops.partition_point(|&s| s <= pos)).copied()
}

fn prev_stop(stops: &[usize], pos: usize) -> Option<usize> {
    let i = stops.partition_point(|&s| s < pos);
    i.checked_sub(1).map(|i| stops[i])
}
