//! The event schema (the UI contract). JSON field names follow the Rust names
//! (`{"t": 0.1, "event": "task_step", "task": 2, ...}`); see `json.rs`.

use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Stamped {
    /// Virtual time, in seconds since the program started.
    pub t: f64,
    #[serde(flatten)]
    pub event: Event,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stream {
    Stdout,
    Stderr,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HandleKind {
    /// `call_soon`: straight into the ready queue.
    Soon,
    /// `call_later`/`call_at`: into the timer heap first.
    Timer,
}

/// What a suspended task is waiting for.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Awaiting {
    /// `await asyncio.sleep(0)`: a bare yield; the task is already back in the ready queue.
    Yield,
    /// `asyncio.sleep(d)`: a future resolved by a timer at `until`.
    Sleep { until: f64 },
    /// Another task.
    Task { task: u64, name: String },
    /// A future (`label` says which: `gather(Task-2, Task-3)`, `Queue.get`, ...).
    Future { future: u64, label: String },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TaskOutcome {
    Result { repr: String },
    Exception { repr: String },
    Cancelled,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// A new event loop started running (`asyncio.run`).
    LoopStarted { loop_id: u64 },
    LoopClosed { loop_id: u64 },
    /// The virtual clock jumped forward (the loop waited for a timer).
    ClockAdvanced { from: f64, to: f64 },
    /// One pass of `run_once`, with the handles it will run (in order) and the timers left.
    Pass { pass: u64, ready: Vec<String>, timers: Vec<(f64, String)> },
    TaskCreated { task: u64, name: String, coro: String, file: String, line: u32 },
    /// A handle entered the ready queue (`call_soon`) or the timer heap (`call_later`).
    HandleQueued { handle: u64, label: String, kind: HandleKind, when: Option<f64>, task: Option<u64> },
    /// A timer came due and moved to the ready queue.
    TimerFired { handle: u64 },
    TimerCancelled { handle: u64 },
    /// The loop popped a handle and runs it now.
    HandleRun { handle: u64, label: String, task: Option<u64> },
    /// `Task.__step` was called: the task's coroutine runs (this is a `step` line).
    TaskStep { task: u64, name: String },
    /// The task's coroutine suspended at `file:line`.
    TaskSuspended { task: u64, awaiting: Awaiting, file: String, line: u32 },
    TaskDone { task: u64, outcome: TaskOutcome },
    FutureDone { future: u64, label: String, cancelled: bool },
    /// A synchronous call kept the loop from running anything else.
    LoopBlocked { from: f64, to: f64, reason: String, file: String, line: u32 },
    /// The running code reached a new source line (`task` is None outside any task).
    Line { task: Option<u64>, file: String, line: u32 },
    /// A simulated process started (e.g. a uvicorn worker); the program itself is process 0.
    ProcessStarted { process: u64, name: String, pid: u32 },
    /// From here on, events belong to this process (its loop, its threads).
    ProcessRunning { process: u64 },
    /// A simulated thread came to life (a pool worker: `ThreadPoolExecutor-0_0`, `asyncio_0`).
    ThreadStarted { thread: u64, name: String },
    /// The thread holds the GIL and runs Python now.
    ThreadRunning { thread: u64 },
    /// The thread sleeps (blocking call, GIL released) until `until`.
    ThreadSleeping { thread: u64, until: f64 },
    /// The thread has no work (waiting on its pool's queue).
    ThreadIdle { thread: u64 },
    /// Work handed to an executor (`run_in_executor`, `to_thread`, `submit`).
    JobSubmitted { job: u64, label: String, executor: String },
    /// A worker thread (or process) picked the job up.
    JobStarted { job: u64, thread: u64, label: String },
    /// The job's function returned or raised; its result goes back to the loop with
    /// `call_soon_threadsafe`.
    JobDone { job: u64, thread: u64 },
    /// A simulated server accepted a client's TCP connection (`process` is the worker).
    ConnectionAccepted { process: u64 },
    /// A simulated server parsed a request and started handling it (a task on its loop).
    RequestStarted { process: u64, request: u64, method: String, path: String },
    /// It sent the response.
    RequestDone { process: u64, request: u64, status: u16 },
    /// The thread limiter of a server's event loop (anyio's `CapacityLimiter`, which caps
    /// FastAPI's `def` endpoints): tokens borrowed, its size, and callers waiting.
    ThreadLimiter { process: u64, borrowed: u32, total: u32, waiting: u32 },
    /// The script did not compile (a `SyntaxError`, or a construct aiotutor refuses):
    /// nothing ran. `line` and `col` are 1-based.
    CompileError { file: String, line: u32, col: u32, message: String },
    /// One line of program output (without its newline).
    Output { stream: Stream, line: String },
    /// The program ended.
    Exit { code: i32 },
}

impl Event {
    /// The bytes the event owns on the heap: the capacities of its strings and vectors,
    /// which is what the allocator was asked for.
    pub fn heap_bytes(&self) -> usize {
        fn s(x: &String) -> usize {
            x.capacity()
        }
        fn awaiting(a: &Awaiting) -> usize {
            match a {
                Awaiting::Task { name, .. } => s(name),
                Awaiting::Future { label, .. } => s(label),
                Awaiting::Yield | Awaiting::Sleep { .. } => 0,
            }
        }
        match self {
            Event::Pass { ready, timers, .. } => {
                ready.capacity() * std::mem::size_of::<String>()
                    + ready.iter().map(s).sum::<usize>()
                    + timers.capacity() * std::mem::size_of::<(f64, String)>()
                    + timers.iter().map(|(_, t)| s(t)).sum::<usize>()
            }
            Event::TaskCreated { name, coro, file, .. } => s(name) + s(coro) + s(file),
            Event::HandleQueued { label, .. } | Event::HandleRun { label, .. } | Event::FutureDone { label, .. } => s(label),
            Event::TaskStep { name, .. } => s(name),
            Event::TaskSuspended { awaiting: a, file, .. } => awaiting(a) + s(file),
            Event::TaskDone { outcome, .. } => match outcome {
                TaskOutcome::Result { repr } | TaskOutcome::Exception { repr } => s(repr),
                TaskOutcome::Cancelled => 0,
            },
            Event::LoopBlocked { reason, file, .. } => s(reason) + s(file),
            Event::Line { file, .. } => s(file),
            Event::ProcessStarted { name, .. } | Event::ThreadStarted { name, .. } => s(name),
            Event::JobSubmitted { label, executor, .. } => s(label) + s(executor),
            Event::JobStarted { label, .. } => s(label),
            Event::RequestStarted { method, path, .. } => s(method) + s(path),
            Event::CompileError { file, message, .. } => s(file) + s(message),
            Event::Output { line, .. } => s(line),
            Event::LoopStarted { .. }
            | Event::LoopClosed { .. }
            | Event::ClockAdvanced { .. }
            | Event::TimerFired { .. }
            | Event::TimerCancelled { .. }
            | Event::ProcessRunning { .. }
            | Event::ThreadRunning { .. }
            | Event::ThreadSleeping { .. }
            | Event::ThreadIdle { .. }
            | Event::JobDone { .. }
            | Event::ConnectionAccepted { .. }
            | Event::RequestDone { .. }
            | Event::ThreadLimiter { .. }
            | Event::Exit { .. } => 0,
        }
    }
}
