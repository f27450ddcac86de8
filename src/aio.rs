//! CPython 3.11's asyncio, modelled in virtual time: the event loop (`run_once`, the
//! ready deque, the timer heap), handles, futures with done-callbacks, tasks stepping
//! coroutines, `sleep`, `gather`, `asyncio.run` — recording every observable change
//! in the trace.
//!
//! Files mirror CPython's `Lib/asyncio`: `event_loop` (base_events), `handle` (events),
//! `future` (futures), `task` (tasks), `gather`, `sleep`, `runner` (runners).

pub mod clock;
pub mod concurrent;
pub mod cpu;
pub mod event_loop;
pub mod exceptions;
pub mod executor;
pub mod future;
pub mod gather;
pub mod handle;
pub mod host;
pub mod loop_object;
pub mod machine;
pub mod module;
pub mod prelude;
pub mod process;
pub mod runner;
pub mod sleep;
pub mod task;
pub mod thread_lock;
pub mod threading_module;
pub mod threads;
pub mod time_module;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::trace::{Event, Level, Trace};

pub use event_loop::EventLoop;
pub use future::Future;
pub use host::AioHost;

/// Process-wide state: what CPython keeps in module globals (the task-name counter, the
/// running loop) plus the virtual clock and the trace.
pub struct Runtime {
    pub clock: clock::Clock,
    /// The trace's level, copied here so the hot paths test it without a borrow.
    level: Level,
    pub trace: RefCell<Trace>,
    /// Ids for futures, handles and loops (trace identities).
    next_id: Cell<u64>,
    pub running_loop: RefCell<Option<Rc<EventLoop>>>,
    pub classes: exceptions::AsyncioClasses,
    pub output: RefCell<host::Output>,
    /// Simulated processes (the program, simulated servers), each with its own loop,
    /// threads and GIL; `current_process` runs now.
    pub processes: RefCell<Vec<Rc<process::Process>>>,
    pub current_process: RefCell<Rc<process::Process>>,
    pub cpu: cpu::CpuModel,
    /// The cores the processes share.
    pub machine: machine::Machine,
    /// Round the selector's timeouts up to whole milliseconds, as epoll does (off in
    /// "ideal time" mode, which is what `cpython-loop` models).
    pub epoll_rounding: Cell<bool>,
    /// The simulated `os.cpu_count()` (the default executor's size derives from it).
    pub cpu_count: Cell<usize>,
    /// While a process-pool job runs eagerly: its own elapsed time (sleeps and CPU).
    process_clock: Cell<Option<f64>>,
}

impl Runtime {
    pub fn new(level: Level, echo: Option<Box<dyn std::io::Write>>) -> Rc<Runtime> {
        let main = process::Process::main();
        Rc::new(Runtime {
            clock: clock::Clock::new(),
            level,
            trace: RefCell::new(Trace::new(level)),
            next_id: Cell::new(1),
            running_loop: RefCell::new(None),
            classes: exceptions::AsyncioClasses::new(),
            output: RefCell::new(host::Output::new(echo)),
            processes: RefCell::new(vec![main.clone()]),
            current_process: RefCell::new(main),
            cpu: cpu::CpuModel::default(),
            machine: machine::Machine::default(),
            cpu_count: Cell::new(4),
            epoll_rounding: Cell::new(true),
            process_clock: Cell::new(None),
        })
    }

    pub fn next_id(&self) -> u64 {
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        id
    }

    /// The running process's next loop pass number (over every loop it runs).
    pub fn next_pass(&self) -> u64 {
        let p = self.current_process.borrow();
        p.passes.set(p.passes.get() + 1);
        p.passes.get()
    }

    /// The next `Task-N` number: one counter per process, as CPython's module global.
    pub fn next_task_number(&self) -> u64 {
        let p = self.current_process.borrow();
        p.task_counter.set(p.task_counter.get() + 1);
        p.task_counter.get()
    }

    pub fn now(&self) -> f64 {
        self.clock.now()
    }

    #[inline]
    pub fn traces(&self, level: Level) -> bool {
        self.level >= level
    }

    /// Record an event at the current virtual time (if the trace level wants it).
    pub fn record(&self, level: Level, event: impl FnOnce() -> Event) {
        if self.level < level {
            return;
        }
        let mut trace = self.trace.borrow_mut();
        if trace.wants(level) {
            let t = self.clock.now();
            // The trace is the tool's record, not the program's data: it has its own bound
            // (`Trace::max_bytes`), and a program that runs for long is not made to raise
            // MemoryError by the events it causes. What the event owns leaves the
            // program's count when the trace keeps it; the trace's own vector grows
            // outside it. (An event the trace drops is freed, and counted, as usual.)
            let event = event();
            if !trace.accepts(&event) {
                trace.truncated = true;
                return; // dropped here, its memory given back to the program's count
            }
            crate::engine::alloc::forget(event.heap_bytes());
            crate::engine::alloc::uncounted(|| trace.push(t, event));
        }
    }

    /// Account the CPU time the running thread used since the last sync: the clock moves
    /// (or, inside a process-pool job, that job's own time does).
    pub fn sync_cpu(&self, vm: &crate::engine::vm::Vm) {
        let dt = self.cpu.take(vm);
        if dt > 0.0 {
            match self.process_clock.get() {
                Some(local) => self.process_clock.set(Some(local + dt)),
                None => self.spend_cpu(dt),
            }
        }
    }

    /// The current time as the running code sees it (a process job sees its own time).
    pub fn now_for_code(&self, vm: &crate::engine::vm::Vm) -> f64 {
        self.sync_cpu(vm);
        self.now() + self.process_clock.get().unwrap_or(0.0)
    }

    /// `time.sleep` inside a process-pool job: only that job's time passes.
    pub fn process_sleep(&self, secs: f64) -> bool {
        match self.process_clock.get() {
            Some(local) => {
                self.process_clock.set(Some(local + secs));
                true
            }
            None => false,
        }
    }

    /// Run `f` as a process-pool job: eagerly, on its own clock. Returns its outcome and
    /// how long it took (CPU plus sleeps).
    pub fn in_process<T>(&self, vm: &mut crate::engine::vm::Vm, f: impl FnOnce(&mut crate::engine::vm::Vm) -> T) -> (T, f64) {
        self.sync_cpu(vm);
        let outer = self.process_clock.replace(Some(0.0));
        let out = f(vm);
        self.sync_cpu(vm);
        let elapsed = self.process_clock.replace(outer).unwrap_or(0.0);
        (out, elapsed)
    }

    pub fn running(&self) -> Option<Rc<EventLoop>> {
        self.running_loop.borrow().clone()
    }
}
