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
    /// ... or past about this many bytes of events (`bytes` counts them).
    pub max_bytes: usize,
    pub bytes: usize,
    pub truncated: bool,
    /// Past the bounds, the last lines of output (the error a never-ending program ends
    /// with): they join the trace before its `Exit`, so that how it ended is recorded.
    tail: std::collections::VecDeque<Stamped>,
}

/// Output lines kept past the trace's bounds (the last ones).
const TAIL_LINES: usize = 200;

/// What the trace of one run may take: a loop that never ends records events as fast as
/// it runs, and the record must stop long before memory does.
pub const MAX_TRACE_BYTES: usize = 256 << 20;

impl Trace {
    pub fn new(level: Level) -> Trace {
        Trace {
            level,
            events: Vec::new(),
            max_events: 5_000_000,
            max_bytes: MAX_TRACE_BYTES,
            bytes: 0,
            truncated: false,
            tail: Default::default(),
        }
    }

    #[inline]
    pub fn wants(&self, level: Level) -> bool {
        self.level >= level
    }

    /// Whether `push` would keep `event` (past the bounds, only the program's last output
    /// and how it ended are kept).
    pub fn accepts(&self, event: &Event) -> bool {
        let full = self.events.len() >= self.max_events || self.bytes >= self.max_bytes;
        !full || matches!(event, Event::Exit { .. } | Event::CompileError { .. } | Event::Output { .. })
    }

    /// Record `event`; whether it was kept (past the bounds, most events are not).
    pub fn push(&mut self, t: f64, event: Event) -> bool {
        if self.events.len() >= self.max_events || self.bytes >= self.max_bytes {
            self.truncated = true;
            match event {
                Event::Exit { .. } | Event::CompileError { .. } => {
                    self.events.extend(self.tail.drain(..));
                    self.events.push(Stamped { t, event });
                    return true;
                }
                // Kept aside: only the last lines stay, and they are the trace's from now
                // on (what they own is no longer the program's).
                Event::Output { .. } => {
                    if self.tail.len() == TAIL_LINES {
                        self.tail.pop_front();
                    }
                    self.tail.push_back(Stamped { t, event });
                    return true;
                }
                _ => return false,
            }
        }
        // The event itself, its strings, and the vector's slack as it doubles.
        self.bytes += std::mem::size_of::<Stamped>() * 3 / 2 + event.heap_bytes();
        self.events.push(Stamped { t, event });
        true
    }
}
