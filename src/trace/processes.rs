//! The other simulated processes (uvicorn's workers) through a run: for each, what its
//! loop, its thread pool and its requests look like at any virtual time.
//!
//! The player animates the program's own process (`Recording` keeps only its events);
//! this index is built from the whole trace first, so the UI can show every worker
//! beside it at the cursor's time. Each process's events carry its own clock, and the
//! processes run in near lock-step, so "the state at time t" is well defined.

use super::snapshot::{Pool, ThreadState};
use super::{Event, Stamped};

/// What one process looks like from one of its events to the next.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProcState {
    /// Connections its loop accepted so far.
    pub connections: u32,
    /// Requests being handled (parsed, response not yet sent).
    pub in_flight: u32,
    /// Responses sent.
    pub done: u32,
    /// The thread limiter: borrowed tokens, its size, callers waiting for a token.
    pub limiter: Option<(u32, u32, u32)>,
    /// Worker threads started, and those with a job (running or in a blocking call).
    pub threads: u32,
    pub threads_busy: u32,
    /// The thread holding the GIL, when a worker thread does.
    pub gil: Option<String>,
    /// The handle its loop ran last, and when it started.
    pub last_handle: Option<(f64, String)>,
    /// The last request it started (`GET /test/sync`).
    pub last_request: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProcTrack {
    pub id: u64,
    pub name: String,
    pub pid: u32,
    /// From each time on, the state (time order).
    samples: Vec<(f64, ProcState)>,
    /// Blocking calls on its loop's thread: from, to, what.
    blocked: Vec<(f64, f64, String)>,
    /// Building: its threads.
    pool: Pool,
}

impl ProcTrack {
    fn new(id: u64, name: String, pid: u32) -> ProcTrack {
        ProcTrack { id, name, pid, samples: vec![(0.0, ProcState::default())], blocked: vec![], pool: Pool::default() }
    }

    /// The state at virtual time `t`.
    pub fn state_at(&self, t: f64) -> &ProcState {
        let n = self.samples.partition_point(|(at, _)| *at <= t);
        &self.samples[n.saturating_sub(1)].1
    }

    /// The blocking call holding its loop at `t`, if one does.
    pub fn blocked_at(&self, t: f64) -> Option<&str> {
        let n = self.blocked.partition_point(|(from, _, _)| *from <= t);
        self.blocked[..n].iter().rev().take(8).find(|(_, to, _)| *to > t).map(|(_, _, why)| why.as_str())
    }

    fn change(&mut self, t: f64, f: impl FnOnce(&mut ProcState)) {
        let mut next = self.samples.last().expect("a track starts with a sample").1.clone();
        f(&mut next);
        match self.samples.last_mut() {
            Some(last) if last.0 == t => last.1 = next,
            Some(last) if last.1 == next => {}
            _ => self.samples.push((t, next)),
        }
    }

    fn threads_changed(&mut self, t: f64) {
        let threads = self.pool.threads.len() as u32;
        let busy = self.pool.busy().count() as u32;
        let gil = self.pool.threads.iter().find(|th| th.state == ThreadState::Running).map(|th| th.name.clone());
        self.change(t, |s| {
            s.threads = threads;
            s.threads_busy = busy;
            s.gil = gil;
        });
    }
}

/// Every process the program started, in start order (the program itself is not one).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProcessIndex {
    pub procs: Vec<ProcTrack>,
}

impl ProcessIndex {
    pub fn build(events: &[Stamped]) -> ProcessIndex {
        let mut index = ProcessIndex::default();
        let mut current = 0;
        for e in events {
            if let Event::ProcessStarted { process, name, pid } = &e.event {
                index.procs.push(ProcTrack::new(*process, name.clone(), *pid));
                continue;
            }
            if let Event::ProcessRunning { process } = e.event {
                current = process;
                continue;
            }
            let owner = owner_of(&e.event).unwrap_or(current);
            if let Some(track) = index.procs.iter_mut().find(|p| p.id == owner) {
                observe(track, e);
            }
        }
        for p in &mut index.procs {
            p.samples.sort_by(|a, b| a.0.total_cmp(&b.0));
            p.blocked.sort_by(|a, b| a.0.total_cmp(&b.0));
            p.pool = Pool::default();
        }
        index
    }

    pub fn is_empty(&self) -> bool {
        self.procs.is_empty()
    }
}

/// The process an event names itself, if it does.
fn owner_of(e: &Event) -> Option<u64> {
    match e {
        Event::ConnectionAccepted { process }
        | Event::RequestStarted { process, .. }
        | Event::RequestDone { process, .. }
        | Event::ThreadLimiter { process, .. } => Some(*process),
        _ => None,
    }
}

fn observe(track: &mut ProcTrack, e: &Stamped) {
    let t = e.t;
    match &e.event {
        Event::ConnectionAccepted { .. } => track.change(t, |s| s.connections += 1),
        Event::RequestStarted { method, path, .. } => track.change(t, |s| {
            s.in_flight += 1;
            s.last_request = Some(format!("{method} {path}"));
        }),
        Event::RequestDone { .. } => track.change(t, |s| {
            s.in_flight = s.in_flight.saturating_sub(1);
            s.done += 1;
        }),
        Event::ThreadLimiter { borrowed, total, waiting, .. } => {
            track.change(t, |s| s.limiter = Some((*borrowed, *total, *waiting)))
        }
        Event::HandleRun { label, .. } => track.change(t, |s| s.last_handle = Some((t, label.clone()))),
        Event::LoopBlocked { from, to, reason, .. } => track.blocked.push((*from, *to, reason.clone())),
        other => {
            if track.pool.apply(other) {
                track.threads_changed(t);
            }
        }
    }
}
