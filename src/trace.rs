//! The trace: an append-only record of everything observable about a run — the one
//! contract between the engine (which writes it) and the UI (which only reads it).
//!
//! Every event carries the virtual time at which it happened. `--steps` and `--json`
//! are two renderings of the same events; the TUI folds them into snapshots.

pub mod cursor;
pub mod event;
pub mod json;
pub mod loop_passes;
pub mod processes;
pub mod snapshot;
pub mod steps;
pub mod timeline;

pub use cursor::{Cursor, Gap, GapKind, OutputLine, Recording};
pub use event::{Awaiting, Event, HandleKind, Stamped, Stream, TaskOutcome};
pub use snapshot::{Snapshot, TaskStatus};

/// How much a run records: `run` needs only the output; `trace` and the UI need it all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Nothing (`aiotutor run` streams output straight to stdout).
    Off,
    /// Output lines only.
    Output,
    /// Task steps and output (what `--steps` prints).
    Steps,
    /// Everything.
    Full,
}

#[derive(Debug, Clone)]
pub struct Trace {
    pub level: Level,
    pub events: Vec<Stamped>,
    /// Stops recording past this many events (the program keeps running).
    pub max_events: usize,
    pub truncated: bool,
}

impl Trace {
    pub fn new(level: Level) -> Trace {
        Trace { level, events: Vec::new(), max_events: 5_000_000, truncated: false }
    }

    #[inline]
    pub fn wants(&self, level: Level) -> bool {
        self.level >= level
    }

    pub fn push(&mut self, t: f64, event: Event) {
        if self.events.len() >= self.max_events {
            self.truncated = true;
            return;
        }
        self.events.push(Stamped { t, event });
    }
}
