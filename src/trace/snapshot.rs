//! The observable state of the loop at one point of a trace: a fold of its events.
//!
//! `Snapshot::apply` is the only way state changes. The UI never sees the VM or the loop,
//! only what the trace says happened: the clock, the handle running now, the ready queue
//! (FIFO, as `_run_once` pops it), the timer heap, each task's line and what it awaits.

use std::collections::VecDeque;

use super::{Awaiting, Event, Stamped, TaskOutcome};

mod pool;
pub use pool::{PendingJob, Pool, Thread, ThreadState};

/// A handle in the ready queue (or running): `Task-3.step`, `gather.<locals>._done_callback(Task-3)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Queued {
    pub handle: u64,
    pub label: String,
    pub task: Option<u64>,
}

/// A `TimerHandle` on the heap, ordered by `(when, seq)` as CPython orders it.
#[derive(Debug, Clone, PartialEq)]
pub struct Timer {
    pub handle: u64,
    pub when: f64,
    pub seq: usize,
    pub label: String,
    pub task: Option<u64>,
    /// The task whose code scheduled it (an `asyncio.sleep` inside that task).
    pub owner: Option<u64>,
}

/// Where code runs or waits.
#[derive(Debug, Clone, PartialEq)]
pub struct Loc {
    pub file: String,
    pub line: u32,
}

/// What a task is doing, for the loop panel and the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TaskStatus {
    /// Its coroutine runs now (inside `Task.__step`).
    Running,
    /// A step or wakeup of it sits in the ready queue.
    Ready,
    /// Suspended on an awaitable; nothing of it is queued.
    Waiting,
    /// Finished: result, exception or cancelled.
    Done,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub id: u64,
    pub name: String,
    /// The coroutine's function name (`fetch`).
    pub coro: String,
    /// Where `create_task` (or `gather`, `run`) made it.
    pub created: Loc,
    /// Creation order: the lane and the colour.
    pub index: usize,
    /// The line it runs, or last ran.
    pub line: Option<Loc>,
    /// What it awaits, while suspended.
    pub awaiting: Option<Awaiting>,
    /// Where it suspended.
    pub wait_at: Option<Loc>,
    pub outcome: Option<TaskOutcome>,
    /// Inside `__step` right now.
    pub stepping: bool,
    /// Handles of this task in the ready queue.
    pub queued: u32,
}

/// A synchronous call that held the loop (`time.sleep` inside `async def`).
#[derive(Debug, Clone, PartialEq)]
pub struct Blocked {
    pub from: f64,
    pub to: f64,
    pub reason: String,
    pub at: Loc,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LoopState {
    #[default]
    NotStarted,
    Running,
    Closed,
}

/// The script could not be compiled (the trace's `compile_error`).
#[derive(Debug, Clone, PartialEq)]
pub struct CompileFailure {
    pub at: Loc,
    pub col: u32,
    pub message: String,
}

#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// How many events are folded in.
    pub pos: usize,
    /// The virtual clock (the time of the last event).
    pub clock: f64,
    /// The last `run_once` pass announced.
    pub pass: u64,
    pub loop_state: LoopState,
    pub running: Option<Queued>,
    pub ready: VecDeque<Queued>,
    /// Soonest first.
    pub timers: Vec<Timer>,
    /// In creation order (ids increase, so also sorted by id).
    pub tasks: Vec<Task>,
    /// Set by `loop_blocked`; cleared when the loop runs its next handle.
    pub blocked: Option<Blocked>,
    /// The line executing now, and whose (`None`: module level, outside any task).
    pub at: Option<(Option<u64>, Loc)>,
    /// The last line run outside any task.
    pub module_line: Option<Loc>,
    /// How many output lines have been printed.
    pub outputs: usize,
    pub exit: Option<i32>,
    pub compile_error: Option<CompileFailure>,
    /// Worker threads and the executors' queued jobs.
    pub pool: Pool,
}

impl Snapshot {
    pub fn task(&self, id: u64) -> Option<&Task> {
        self.tasks.binary_search_by_key(&id, |t| t.id).ok().map(|i| &self.tasks[i])
    }

    /// The task named `name` (`Task-2`); panics if there is none (for tests and lessons).
    pub fn task_by_name(&self, name: &str) -> &Task {
        self.tasks.iter().find(|t| t.name == name).expect("a task of that name exists")
    }

    fn task_mut(&mut self, id: u64) -> Option<&mut Task> {
        match self.tasks.binary_search_by_key(&id, |t| t.id) {
            Ok(i) => Some(&mut self.tasks[i]),
            Err(_) => None,
        }
    }

    pub fn status(&self, task: &Task) -> TaskStatus {
        if task.outcome.is_some() {
            TaskStatus::Done
        } else if task.stepping {
            TaskStatus::Running
        } else if task.queued > 0 || task.awaiting.is_none() {
            TaskStatus::Ready
        } else {
            TaskStatus::Waiting
        }
    }

    /// The task running now, if the running handle is a task's step.
    pub fn running_task(&self) -> Option<&Task> {
        self.tasks.iter().find(|t| t.stepping)
    }

    /// Tasks suspended with nothing of theirs queued.
    pub fn waiting(&self) -> impl Iterator<Item = &Task> {
        self.tasks.iter().filter(|t| self.status(t) == TaskStatus::Waiting)
    }

    /// Fold one more event in.
    pub fn apply(&mut self, e: &Stamped) {
        self.pos += 1;
        self.clock = e.t;
        match &e.event {
            Event::LoopStarted { .. } => self.loop_state = LoopState::Running,
            Event::LoopClosed { .. } => self.close_loop(),
            Event::ClockAdvanced { .. } => self.running = None,
            Event::Pass { pass, ready, .. } => self.begin_pass(*pass, ready),
            Event::TaskCreated { task, name, coro, file, line } => self.create_task(*task, name, coro, file, *line),
            Event::HandleQueued { handle, label, when, task, .. } => self.queue(*handle, label, *when, *task),
            Event::TimerFired { handle } => self.fire_timer(*handle),
            Event::TimerCancelled { handle } => self.timers.retain(|t| t.handle != *handle),
            Event::HandleRun { handle, label, task } => self.run_handle(*handle, label, *task),
            Event::TaskStep { task, .. } => self.with_task(*task, |t| {
                t.stepping = true;
                t.awaiting = None;
                t.wait_at = None;
            }),
            Event::TaskSuspended { task, awaiting, file, line } => self.suspend(*task, awaiting, file, *line),
            Event::TaskDone { task, outcome } => self.with_task(*task, |t| {
                t.stepping = false;
                t.awaiting = None;
                t.outcome = Some(outcome.clone());
            }),
            Event::FutureDone { .. } => {}
            Event::LoopBlocked { from, to, reason, file, line } => {
                let at = Loc { file: file.clone(), line: *line };
                self.blocked = Some(Blocked { from: *from, to: *to, reason: reason.clone(), at });
            }
            Event::Line { task, file, line } => self.line(*task, file, *line),
            Event::Output { .. } => self.outputs += 1,
            Event::CompileError { file, line, col, message } => {
                let at = Loc { file: file.clone(), line: *line };
                self.compile_error = Some(CompileFailure { at, col: *col, message: message.clone() });
            }
            Event::Exit { code } => {
                self.exit = Some(*code);
                self.running = None;
                self.at = None;
            }
            other => {
                self.pool.apply(other);
            }
        }
    }

    fn with_task(&mut self, id: u64, f: impl FnOnce(&mut Task)) {
        if let Some(t) = self.task_mut(id) {
            f(t);
        }
    }

    fn close_loop(&mut self) {
        self.loop_state = LoopState::Closed;
        self.running = None;
        self.blocked = None;
        for q in std::mem::take(&mut self.ready) {
            self.unqueue(q.task);
        }
        self.timers.clear();
    }

    /// A pass begins with exactly the handles that are ready now; handles cancelled
    /// while queued are skipped silently by `_run_once`, so drop them here too. Labels
    /// follow the pass (a task renamed with `set_name` renames its queued steps).
    fn begin_pass(&mut self, pass: u64, ready: &[String]) {
        self.pass = pass;
        self.running = None;
        self.blocked = None;
        if self.ready.len() > ready.len() {
            self.drop_cancelled(ready);
        }
        for (q, label) in self.ready.iter_mut().zip(ready) {
            if q.label != *label {
                q.label.clone_from(label);
            }
        }
    }

    fn drop_cancelled(&mut self, ready: &[String]) {
        let mut expected = ready.iter().peekable();
        let (mut kept, mut dropped) = (VecDeque::with_capacity(ready.len()), Vec::new());
        for q in std::mem::take(&mut self.ready) {
            if expected.peek().is_some_and(|l| **l == q.label) {
                expected.next();
                kept.push_back(q);
            } else {
                dropped.push(q);
            }
        }
        if kept.len() != ready.len() {
            // Renamed and cancelled at once: keep the newest handles.
            let mut all: VecDeque<Queued> = kept.into_iter().chain(dropped).collect();
            all.make_contiguous().sort_by_key(|q| q.handle);
            dropped = all.drain(..all.len() - ready.len()).collect();
            kept = all;
        }
        for q in dropped {
            self.unqueue(q.task);
        }
        self.ready = kept;
    }

    fn create_task(&mut self, id: u64, name: &str, coro: &str, file: &str, line: u32) {
        let index = self.tasks.len();
        let task = Task {
            id,
            name: name.to_string(),
            coro: coro.to_string(),
            created: Loc { file: file.to_string(), line },
            index,
            line: None,
            awaiting: None,
            wait_at: None,
            outcome: None,
            stepping: false,
            queued: 0,
        };
        match self.tasks.binary_search_by_key(&id, |t| t.id) {
            Ok(i) => self.tasks[i] = Task { index: self.tasks[i].index, ..task },
            Err(i) => self.tasks.insert(i, task),
        }
    }

    fn queue(&mut self, handle: u64, label: &str, when: Option<f64>, task: Option<u64>) {
        match when {
            Some(when) => {
                let owner = self.running_task().map(|t| t.id);
                let timer = Timer { handle, when, seq: self.pos, label: label.to_string(), task, owner };
                let at = self.timers.partition_point(|t| (t.when, t.seq) <= (when, timer.seq));
                self.timers.insert(at, timer);
            }
            None => self.push_ready(Queued { handle, label: label.to_string(), task }),
        }
    }

    fn push_ready(&mut self, q: Queued) {
        if let Some(id) = q.task {
            self.with_task(id, |t| t.queued += 1);
        }
        self.ready.push_back(q);
    }

    fn unqueue(&mut self, task: Option<u64>) {
        if let Some(id) = task {
            self.with_task(id, |t| t.queued = t.queued.saturating_sub(1));
        }
    }

    fn fire_timer(&mut self, handle: u64) {
        if let Some(i) = self.timers.iter().position(|t| t.handle == handle) {
            let t = self.timers.remove(i);
            self.push_ready(Queued { handle, label: t.label, task: t.task });
        }
    }

    fn run_handle(&mut self, handle: u64, label: &str, task: Option<u64>) {
        self.blocked = None;
        for t in self.tasks.iter_mut().filter(|t| t.stepping) {
            t.stepping = false;
        }
        let popped = match self.ready.front() {
            Some(q) if q.handle == handle => self.ready.pop_front(),
            _ => self.ready.iter().position(|q| q.handle == handle).and_then(|i| self.ready.remove(i)),
        };
        if let Some(q) = popped {
            self.unqueue(q.task);
        }
        self.running = Some(Queued { handle, label: label.to_string(), task });
    }

    fn suspend(&mut self, id: u64, awaiting: &Awaiting, file: &str, line: u32) {
        self.with_task(id, |t| {
            t.stepping = false;
            t.awaiting = Some(awaiting.clone());
            // Line 0: the task waits inside asyncio's own code (`to_thread`): no line of
            // the script to point at.
            t.wait_at = (line > 0).then(|| Loc { file: file.to_string(), line });
            if line > 0 {
                t.line = Some(Loc { file: file.to_string(), line });
            }
        });
    }

    fn line(&mut self, task: Option<u64>, file: &str, line: u32) {
        let loc = Loc { file: file.to_string(), line };
        match task {
            Some(id) => self.with_task(id, |t| t.line = Some(loc.clone())),
            None => self.module_line = Some(loc.clone()),
        }
        self.at = Some((task, loc));
    }
}
