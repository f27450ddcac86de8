//! The budgets that keep an untrusted script from running forever or exhausting the
//! machine: instructions per loop callback (a blocked loop), instructions, callbacks and
//! real time for the whole run, and memory. The dispatch loop counts one tick per
//! instruction and takes the slow path here at `check_at`; natives that loop over data
//! charge their work with `charge_checked`, so that no single instruction outruns them.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::super::value::ExcKind;
use super::{group_digits, Fatal, PyErr, PyResult, Vm, MEMORY_CHECK_EVERY};

/// What one instruction's worth of native work is (an instruction is ~5 ns of CPU in
/// the cost model): scanning this many bytes of text, or touching this many items.
const BYTES_PER_TICK: usize = 64;
const ITEMS_PER_TICK: usize = 4;

thread_local! {
    /// Where the program is, published for whoever waits for this engine thread: if a
    /// native never returns, the waiter can still say which line it was called from.
    static PROGRESS: RefCell<Option<Progress>> = const { RefCell::new(None) };
}

/// What an engine thread publishes for the thread waiting for it.
#[derive(Clone, Default)]
pub struct Progress {
    /// The running line, updated at each periodic check.
    pub line: Arc<AtomicU32>,
    /// Nanoseconds spent blocked writing the program's output (a slow pipe, a pager):
    /// waiting for the reader is not running, so the real-time limit does not count it.
    pub output_wait_ns: Arc<AtomicU64>,
}

impl Progress {
    pub fn output_wait(&self) -> Duration {
        Duration::from_nanos(self.output_wait_ns.load(Ordering::Relaxed))
    }
}

/// Publish this thread's progress (`None` to stop).
pub fn set_progress(progress: Option<Progress>) {
    PROGRESS.with(|p| *p.borrow_mut() = progress);
}

/// Note time this thread spent blocked writing output (see `Progress::output_wait_ns`).
pub fn note_output_wait(waited: Duration) {
    let ns = u64::try_from(waited.as_nanos()).unwrap_or(u64::MAX);
    PROGRESS.with(|p| p.borrow().as_ref().map(|p| p.output_wait_ns.fetch_add(ns, Ordering::Relaxed)));
}

/// The output wait so far on this thread.
fn output_wait() -> Duration {
    PROGRESS.with(|p| p.borrow().as_ref().map(Progress::output_wait).unwrap_or_default())
}

impl Vm {
    /// Start the real-time limit's clock: the program starts to run now.
    pub fn start_clock(&mut self) {
        self.deadline = self.limits.max_seconds.map(|s| Instant::now() + Duration::from_secs_f64(s.clamp(0.0, 1e9)));
    }

    /// Count `n` instructions' worth of work a native did against the budgets, and stop
    /// the program there if that exhausts one. (Natives that loop over data call this:
    /// one instruction may otherwise run for as long as the data is big, or forever over
    /// `range(10**12)`.) The CPU cost model does not see this work: virtual time, and
    /// the lessons calibrated on it, stay as they were.
    #[inline]
    pub fn charge_checked(&mut self, n: u64) -> PyResult<()> {
        self.native_work = self.native_work.saturating_add(n);
        if self.native_work < self.native_check_at {
            return Ok(());
        }
        self.native_budget_check()
    }

    /// Instructions run plus native work charged: what the run's budgets count.
    /// What the budgets against never-ending programs count: instructions and native
    /// work, but not the modelled work of simulated libraries (`charge_virtual`).
    pub(crate) fn total_work(&self) -> u64 {
        self.ticks.saturating_add(self.native_work).saturating_sub(self.virtual_ticks)
    }

    /// Charge a native's pass over `n` bytes of text.
    #[inline]
    pub fn charge_bytes(&mut self, n: usize) -> PyResult<()> {
        self.charge_checked((n / BYTES_PER_TICK) as u64)
    }

    /// Charge a native's pass over `n` items of a sequence.
    #[inline]
    pub fn charge_items(&mut self, n: usize) -> PyResult<()> {
        self.charge_checked((n / ITEMS_PER_TICK) as u64)
    }

    /// The budgets, looked at every few thousand units of native work.
    #[cold]
    fn native_budget_check(&mut self) -> PyResult<()> {
        self.native_check_at = self.native_work.saturating_add(MEMORY_CHECK_EVERY);
        let callback_work = (self.ticks - self.work_start).saturating_add(self.native_work - self.native_work_start);
        if self.in_callback && callback_work >= self.limits.max_ticks_per_callback {
            return Err(self.blocked_error());
        }
        match self.periodic_check() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// The running callback used up its instructions without awaiting.
    pub(crate) fn blocked_error(&self) -> PyErr {
        let f = self.frames.last().expect("a loop callback runs inside asyncio.run's frame");
        PyErr::Fatal(Rc::new(Fatal::LoopBlocked {
            ticks: (self.ticks - self.work_start).saturating_add(self.native_work - self.native_work_start),
            func: f.code.qualname.to_string(),
            file: f.code.source.name.clone(),
            line: f.line(),
        }))
    }

    /// A loop callback starts: it may run `max_ticks_per_callback` instructions before
    /// it counts as blocking the loop. Returns whether one was running (for `end_callback`).
    pub fn begin_callback(&mut self) -> bool {
        let was = std::mem::replace(&mut self.in_callback, true);
        self.begin_work();
        was
    }

    /// The callback begun by `begin_callback` ended; `was` is what it returned.
    pub fn end_callback(&mut self, was: bool) {
        self.in_callback = was;
        self.update_check();
    }

    /// The tick at which the running callback counts as blocking the loop (never, when
    /// no loop callback is running).
    pub(crate) fn callback_budget_end(&self) -> u64 {
        if self.in_callback {
            self.work_start.saturating_add(self.limits.max_ticks_per_callback)
        } else {
            u64::MAX
        }
    }

    /// A new unit of work starts (a loop callback): its instruction budget restarts.
    pub fn begin_work(&mut self) {
        self.work_start = self.ticks;
        self.native_work_start = self.native_work;
        self.work_units += 1;
        if self.work_units > self.limits.max_work_units && self.stop.is_none() {
            self.stop = Some(format!(
                "the event loop ran {} callbacks and the program still runs: it looks like it never ends, so aiotutor stopped it (raise the limit with --max-callbacks)",
                group_digits(self.limits.max_work_units)
            ));
        }
        self.update_check();
    }

    /// Charge extra work done by a native (a sort, a big copy) as `n` instructions.
    pub fn charge(&mut self, n: u64) {
        self.ticks = self.ticks.saturating_add(n);
    }

    /// Charge modelled work (CPU time a simulated library would spend) as `n` ticks
    /// that the budgets against never-ending programs do not count.
    pub fn charge_virtual(&mut self, n: u64) {
        self.ticks = self.ticks.saturating_add(n);
        self.virtual_ticks = self.virtual_ticks.saturating_add(n);
        self.work_start = self.work_start.saturating_add(n);
    }

    /// Raise `MemoryError` (as CPython's failed `malloc` does) unless `bytes` more fit in
    /// the memory budget. Called before allocations whose size the script controls.
    pub fn reserve(&self, bytes: usize) -> PyResult<()> {
        let live = super::super::alloc::live_bytes();
        if bytes > self.limits.max_alloc || live.saturating_add(bytes) > self.limits.max_alloc {
            return Err(PyErr::new(ExcKind::MemoryError, ""));
        }
        Ok(())
    }

    pub(crate) fn update_check(&mut self) {
        let budget_end = self.callback_budget_end();
        self.check_at = budget_end.min(self.preempt_at).min(self.next_periodic_check());
    }

    /// When the slow path must next look at the whole run's limits and at memory.
    pub(crate) fn next_periodic_check(&self) -> u64 {
        if self.stop.is_some() {
            return self.ticks;
        }
        let total_end = self.limits.max_total_ticks.saturating_add(self.ticks).saturating_sub(self.total_work());
        // Not `ticks + MEMORY_CHECK_EVERY` from now: each loop callback recomputes this,
        // and a program of callbacks shorter than that would never be looked at (the
        // real-time limit then never stopped `while True: await asyncio.sleep(0)`).
        self.periodic_at.min(total_end)
    }

    /// The limits of the whole run, looked at every few thousand instructions: a stop
    /// decided elsewhere, the total instruction budget, the memory budget.
    pub(crate) fn periodic_check(&mut self) -> Option<PyErr> {
        self.periodic_at = self.ticks.saturating_add(MEMORY_CHECK_EVERY);
        if let Some(f) = self.frames.last() {
            let line = f.line();
            PROGRESS.with(|p| p.borrow().as_ref().map(|p| p.line.store(line, Ordering::Relaxed)));
        }
        if self.stop.is_none() && self.deadline.is_some_and(|d| Instant::now() >= d + output_wait()) {
            let secs = self.limits.max_seconds.unwrap_or_default();
            self.stop = Some(format!(
                "the program ran for {secs} s of real time and still runs: it looks like it never ends, so aiotutor stopped it (raise the limit with --max-seconds)"
            ));
        }
        if self.stop.is_none() && self.total_work() >= self.limits.max_total_ticks {
            self.stop = Some(format!(
                "the program ran {} instructions and still runs: it looks like it never ends, so aiotutor stopped it (raise the limit with --max-total-instructions)",
                group_digits(self.limits.max_total_ticks)
            ));
        }
        if let Some(msg) = &self.stop {
            return Some(PyErr::fatal(msg.clone()));
        }
        self.warn_unawaited();
        let live = super::super::alloc::live_bytes();
        let grew = live > self.mem_seen;
        self.mem_seen = live;
        if grew && live > self.limits.max_alloc {
            return Some(PyErr::new(ExcKind::MemoryError, ""));
        }
        None
    }
}
