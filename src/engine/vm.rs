//! The bytecode VM. Frames are data (`Box<Frame>` on an explicit stack), so a coroutine
//! suspends at `await` by leaving the dispatch loop with its frame stored back in its
//! `Generator` object, and resumes by being pushed again (`resume`).
//!
//! Native code re-enters the VM through `call` (a nested dispatch over the same frame
//! stack, above a base index), which is how `sorted(key=...)` or `asyncio.run` work.

mod attr;
mod import;
mod call;
mod class;
mod context;
pub mod exc_group;
mod dispatch;
mod except;
mod frame;
mod generator;
mod iter;
mod ops;
mod repr;
mod slice;
mod subscript;

use std::cell::RefCell;
use std::rc::Rc;

pub use except::{exc_summary, new_exception as except_new, Fatal, PyErr};
pub use ops::set_of;
pub use frame::{Block, ExitMode, Frame};
pub use generator::ResumeOutcome;
pub use slice::{SliceOutcome, ThreadFrames};

use super::bytecode::Code;
use super::value::{types::types, ExcKind, Globals, Module, Value};

pub type PyResult<T> = Result<T, PyErr>;

/// What the VM cannot answer itself: modules (asyncio, time), the output streams, the clock.
pub trait Host {
    /// `import name`; `None` when the host has no such module.
    fn import(&self, vm: &mut Vm, name: &str) -> Option<PyResult<Value>>;
    /// Text written to stdout (by `print`).
    fn write_stdout(&self, vm: &mut Vm, text: &str);
    fn write_stderr(&self, vm: &mut Vm, text: &str);
    /// Line tracing (when `Vm::trace_lines` is on): the running frame reached a new line.
    fn on_line(&self, _vm: &mut Vm, _code: &Rc<Code>, _line: u32) {}
}

/// Limits that keep untrusted scripts from hanging or exhausting the machine.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Python frames (CPython's default recursion limit).
    pub max_depth: usize,
    /// Instructions one callback may run before the loop counts as blocked forever.
    pub max_ticks_per_callback: u64,
    /// Bytes any single allocation (list repeat, string repeat...) may request.
    pub max_alloc: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_depth: 1000, max_ticks_per_callback: 50_000_000, max_alloc: 400 << 20 }
    }
}

pub struct Vm {
    /// The frame stack of the running thread of execution.
    pub frames: Vec<Box<Frame>>,
    pub builtins: Rc<Module>,
    pub host: Rc<dyn Host>,
    pub limits: Limits,
    /// Work done in total: one tick per instruction, plus what costly natives charge
    /// (`sorted` of a big list...). Virtual CPU time is derived from it.
    pub ticks: u64,
    /// `ticks` when the current unit of work began (a loop callback, a thread's job):
    /// the budget against a program that never yields counts from here.
    pub work_start: u64,
    /// Stop the current thread's slice at this tick (threads share the GIL).
    pub preempt_at: u64,
    /// The native-call depth at which the running slice may be preempted.
    pub slice_depth: usize,
    /// The next tick at which the dispatch loop must look at budgets (min of the above).
    pub(crate) check_at: u64,
    /// Modules imported so far.
    pub modules: RefCell<Vec<(Rc<str>, Value)>>,
    /// Nested native→Python calls in progress (bounded with the frame depth).
    pub native_depth: usize,
    /// Report every new source line to the host (for the UI's "step one line").
    pub trace_lines: bool,
}

impl Vm {
    pub fn new(host: Rc<dyn Host>) -> Vm {
        Vm {
            frames: Vec::with_capacity(64),
            builtins: super::builtins::make_builtins_module(),
            host,
            limits: Limits::default(),
            ticks: 0,
            work_start: 0,
            preempt_at: u64::MAX,
            slice_depth: 0,
            check_at: 50_000_000,
            modules: RefCell::new(Vec::new()),
            native_depth: 0,
            trace_lines: false,
        }
    }

    /// Run a module's code object to completion in fresh globals named `__main__`.
    pub fn run_module(&mut self, code: Rc<Code>) -> PyResult<Globals> {
        let module = Module::new("__main__");
        module.set("__name__", Value::str("__main__"));
        let globals = module.dict.clone();
        let frame = Frame::new(code, globals.clone(), None);
        self.run_frame(frame)?;
        Ok(globals)
    }

    /// Push `frame` and run it until it returns.
    pub fn run_frame(&mut self, mut frame: Box<Frame>) -> PyResult<Value> {
        frame.exit = ExitMode::Base;
        self.push_frame(frame)?;
        match self.run()? {
            dispatch::RunOutcome::Return(v) => Ok(v),
            dispatch::RunOutcome::Yield(_) | dispatch::RunOutcome::Suspend(_) | dispatch::RunOutcome::Preempted => {
                Err(PyErr::internal("a plain frame yielded"))
            }
        }
    }

    pub(crate) fn push_frame(&mut self, frame: Box<Frame>) -> PyResult<()> {
        if self.frames.len() + self.native_depth >= self.limits.max_depth {
            return Err(PyErr::new(ExcKind::RecursionError, "maximum recursion depth exceeded"));
        }
        self.frames.push(frame);
        Ok(())
    }

    /// The line each frame on the stack is at, innermost last (for the UI and tracebacks).
    pub fn current_line(&self) -> Option<(Rc<Code>, u32)> {
        let f = self.frames.last()?;
        Some((f.code.clone(), f.code.line_at(f.ip.saturating_sub(1))))
    }

    pub fn none_type() -> Rc<super::value::Class> {
        types().none.clone()
    }

    /// A new unit of work starts (a loop callback): its instruction budget restarts.
    pub fn begin_work(&mut self) {
        self.work_start = self.ticks;
        self.update_check();
    }

    /// Charge extra work done by a native (a sort, a big copy) as `n` instructions.
    pub fn charge(&mut self, n: u64) {
        self.ticks = self.ticks.saturating_add(n);
    }

    pub(crate) fn update_check(&mut self) {
        let budget_end = self.work_start.saturating_add(self.limits.max_ticks_per_callback);
        self.check_at = budget_end.min(self.preempt_at);
    }
}
