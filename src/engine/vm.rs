//! The bytecode VM. Frames are data (`Box<Frame>` on an explicit stack), so a coroutine
//! suspends at `await` by leaving the dispatch loop with its frame stored back in its
//! `Generator` object, and resumes by being pushed again (`resume`).
//!
//! Native code re-enters the VM through `call` (a nested dispatch over the same frame
//! stack, above a base index), which is how `sorted(key=...)` or `asyncio.run` work.

mod attr;
mod budget;
pub use budget::{note_output_wait, set_progress, Progress};
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

/// What was being done when CPython's recursion check failed: it ends the message
/// (`maximum recursion depth exceeded while getting the repr of an object`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recursion {
    /// A call of a built-in function (`repr`, `max`, `object.__format__`...).
    Call,
    Repr,
    Str,
    Compare,
    /// Recursion in native code that CPython does not check (nested iterators).
    Native,
}

impl Recursion {
    pub fn suffix(self) -> &'static str {
        match self {
            Recursion::Call => " while calling a Python object",
            Recursion::Repr => " while getting the repr of an object",
            Recursion::Str => " while getting the str of an object",
            Recursion::Compare => " in comparison",
            Recursion::Native => "",
        }
    }
}

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
    /// The memory budget: bytes the program may have live at once (counted by
    /// `engine::alloc`); an allocation beyond it raises `MemoryError`.
    pub max_alloc: usize,
    /// Instructions the whole program may run: past this it is stopped as never ending.
    pub max_total_ticks: u64,
    /// Units of work (loop callbacks) the whole program may run: a loop that only ever
    /// sleeps runs few instructions but never ends either.
    pub max_work_units: u64,
    /// Real time the program may run (`--max-seconds`), from `Vm::start_clock`: the
    /// last resort when instructions are a poor measure (a native scanning 100 MB per
    /// instruction). `None`: no limit (`--realtime` runs wait on the clock on purpose).
    pub max_seconds: Option<f64>,
}

/// The memory budget when nobody chose one.
pub const DEFAULT_MEMORY_BUDGET: usize = 512 << 20;
/// Instructions a whole program may run when nobody chose a limit.
pub const DEFAULT_MAX_TOTAL_TICKS: u64 = 2_000_000_000;
/// Loop callbacks a whole program may run when nobody chose a limit.
pub const DEFAULT_MAX_WORK_UNITS: u64 = 20_000_000;
/// Real seconds a whole program may run when nobody chose a limit.
pub const DEFAULT_MAX_SECONDS: f64 = 30.0;
/// Instructions between two looks at the memory budget.
pub(crate) const MEMORY_CHECK_EVERY: u64 = 4096;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 1000,
            max_ticks_per_callback: 50_000_000,
            max_alloc: DEFAULT_MEMORY_BUDGET,
            max_total_ticks: DEFAULT_MAX_TOTAL_TICKS,
            max_work_units: DEFAULT_MAX_WORK_UNITS,
            max_seconds: Some(DEFAULT_MAX_SECONDS),
        }
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
    /// Ticks that stand for modelled work, not instructions run (`_sim.burn`): they take
    /// virtual time but count against neither the callback nor the whole-run budget.
    pub virtual_ticks: u64,
    /// Stop the current thread's slice at this tick (threads share the GIL).
    pub preempt_at: u64,
    /// The native-call depth at which the running slice may be preempted.
    pub slice_depth: usize,
    /// The next tick at which the dispatch loop must look at budgets (min of the above).
    pub(crate) check_at: u64,
    /// The tick of the next periodic look at the whole run's limits (real time, memory):
    /// every `MEMORY_CHECK_EVERY` instructions of the run, however short its callbacks.
    pub(crate) periodic_at: u64,
    /// Modules imported so far.
    pub modules: RefCell<Vec<(Rc<str>, Value)>>,
    /// Nested native→Python calls in progress (for thread slices; frames bound the depth).
    pub native_depth: usize,
    /// CPython's C-level recursion checks in progress (`Py_EnterRecursiveCall`): reprs,
    /// comparisons, calls of built-ins. With the frames, they share the recursion limit.
    pub c_depth: usize,
    /// Report every new source line to the host (for the UI's "step one line").
    pub trace_lines: bool,
    /// Units of work begun so far (`begin_work`).
    pub work_units: u64,
    /// Memory in use at the last periodic look (`MemoryError` only while it grows).
    mem_seen: usize,
    /// An event-loop callback is running: the never-yields budget applies. Module code
    /// outside a loop (and a thread's job) blocks no loop; only the whole run's budget
    /// bounds it.
    pub(crate) in_callback: bool,
    /// `(file, line, message)` of warnings printed so far (CPython's `__warningregistry__`).
    pub(crate) warning_registry: rustc_hash::FxHashSet<(Rc<str>, u32, String)>,
    /// A limit of the whole run was reached: the next instruction stops the program.
    stop: Option<String>,
    /// Work natives charged for the budgets (`charge_checked`), apart from `ticks`.
    pub(crate) native_work: u64,
    /// `native_work` when the current unit of work began.
    pub(crate) native_work_start: u64,
    /// The next `native_work` at which to look at the budgets.
    pub(crate) native_check_at: u64,
    /// When the real-time limit runs out (set by `start_clock`).
    deadline: Option<std::time::Instant>,
}

impl Vm {
    pub fn new(host: Rc<dyn Host>) -> Vm {
        // Threads other than the engine's (tests, tools) get a conservative native stack.
        super::stack::ensure_budget(1 << 20);
        super::unawaited::reset();
        Vm {
            frames: Vec::with_capacity(64),
            builtins: super::builtins::make_builtins_module(),
            host,
            limits: Limits::default(),
            ticks: 0,
            work_start: 0,
            virtual_ticks: 0,
            preempt_at: u64::MAX,
            slice_depth: 0,
            check_at: 50_000_000,
            periodic_at: MEMORY_CHECK_EVERY,
            modules: RefCell::new(Vec::new()),
            native_depth: 0,
            c_depth: 0,
            trace_lines: false,
            work_units: 0,
            mem_seen: 0,
            in_callback: false,
            warning_registry: Default::default(),
            stop: None,
            deadline: None,
            native_work: 0,
            native_work_start: 0,
            native_check_at: MEMORY_CHECK_EVERY,
        }
    }

    /// Fresh globals for the `__main__` module.
    pub fn main_globals() -> Globals {
        let module = Module::new("__main__");
        module.set("__name__", Value::str("__main__"));
        module.dict.clone()
    }

    /// Run a module's code object to completion in `globals`.
    pub fn run_module(&mut self, code: Rc<Code>, globals: Globals) -> PyResult<()> {
        let frame = Frame::new(code, globals, None);
        self.run_frame(frame)?;
        Ok(())
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
        if self.frames.len() + self.c_depth >= self.limits.max_depth || super::stack::low() {
            return Err(PyErr::new(ExcKind::RecursionError, "maximum recursion depth exceeded"));
        }
        frame.code.warm_up();
        self.frames.push(frame);
        Ok(())
    }

    /// CPython's `Py_EnterRecursiveCall(where)`: one more level of C recursion (a repr,
    /// a comparison, a call of a built-in), counted with the frames against the limit.
    /// Every successful `enter_c` is paired with a `leave_c`.
    pub(crate) fn enter_c(&mut self, what: Recursion) -> PyResult<()> {
        if self.frames.len() + self.c_depth >= self.limits.max_depth || super::stack::low() {
            return Err(PyErr::new(ExcKind::RecursionError, format!("maximum recursion depth exceeded{}", what.suffix())));
        }
        self.c_depth += 1;
        Ok(())
    }

    pub(crate) fn leave_c(&mut self) {
        self.c_depth -= 1;
    }

    /// Run `f` one C-level recursion deeper (`enter_c` ... `leave_c`).
    pub(crate) fn nested<T>(&mut self, what: Recursion, f: impl FnOnce(&mut Vm) -> PyResult<T>) -> PyResult<T> {
        self.enter_c(what)?;
        let r = f(self);
        self.leave_c();
        r
    }

    /// The line each frame on the stack is at, innermost last (for the UI and tracebacks).
    pub fn current_line(&self) -> Option<(Rc<Code>, u32)> {
        let f = self.frames.last()?;
        Some((f.code.clone(), f.code.line_at(f.ip.saturating_sub(1))))
    }

    pub fn none_type() -> Rc<super::value::Class> {
        types().none.clone()
    }
}

/// `1234567` → `1,234,567`.
pub fn group_digits(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
