//! The event loop (base_events.py): the ready deque, the timer heap, `run_once`.
//!
//! `run_once` is the only place callbacks run, and it runs exactly the handles that were
//! ready when the pass began; everything else only enqueues.

use std::cell::{Cell, RefCell};
use std::collections::{BinaryHeap, VecDeque};
use std::rc::{Rc, Weak};

use crate::engine::value::{Args, Value};
use crate::engine::vm::{PyErr, PyResult, Vm};
use crate::trace::{Event, HandleKind, Level};

use super::future::Future;
use super::handle::{Callback, DoneCallback, Handle, TimerEntry};
use super::Runtime;

/// `MAXIMUM_SELECT_TIMEOUT`: the longest single wait of the selector (one day).
const MAXIMUM_SELECT_TIMEOUT: f64 = 24.0 * 3600.0;
/// Seconds of waiting that count as forever (ten million day-long selector waits).
const NEVER_REACHED: f64 = MAXIMUM_SELECT_TIMEOUT * 1e7;
const NOTHING_SCHEDULED: &str = "no ready callbacks, no timers";
/// `time.get_clock_info('monotonic').resolution`.
const CLOCK_RESOLUTION: f64 = 1e-9;
/// asyncio's `slow_callback_duration`: longer callbacks are reported as blocking the loop.
const SLOW_CALLBACK: f64 = 0.1;

pub struct EventLoop {
    pub id: u64,
    pub rt: Rc<Runtime>,
    /// `_ready`: handles to run, FIFO.
    pub ready: RefCell<VecDeque<Rc<Handle>>>,
    /// `_scheduled`: the timer heap, soonest `(when, id)` first.
    pub scheduled: RefCell<BinaryHeap<TimerEntry>>,
    stopping: Cell<bool>,
    pub running: Cell<bool>,
    /// Debug mode (`asyncio.run(debug=True)`): slow callbacks are logged on stderr.
    pub debug: Cell<bool>,
    pub closed: Cell<bool>,
    /// The task whose step is running (`current_task()`).
    pub current_task: RefCell<Option<Rc<Future>>>,
    /// Every task created on this loop (`all_tasks()` filters the pending ones).
    pub tasks: RefCell<Vec<Weak<Future>>>,
    /// `_default_executor`, made on first use.
    default_exec: RefCell<Option<Rc<super::executor::Executor>>>,
    /// Handles that ran and that nobody else references, kept for reuse: one `call_soon`
    /// per task step would otherwise be one allocation per step.
    handle_pool: RefCell<Vec<Rc<Handle>>>,
}

const HANDLE_POOL_MAX: usize = 4096;

impl EventLoop {
    pub fn new(rt: Rc<Runtime>) -> Rc<EventLoop> {
        let id = rt.next_id();
        Rc::new(EventLoop {
            id,
            rt,
            ready: RefCell::new(VecDeque::new()),
            scheduled: RefCell::new(BinaryHeap::new()),
            stopping: Cell::new(false),
            running: Cell::new(false),
            debug: Cell::new(false),
            closed: Cell::new(false),
            current_task: RefCell::new(None),
            tasks: RefCell::new(Vec::new()),
            handle_pool: RefCell::new(Vec::new()),
            default_exec: RefCell::new(None),
        })
    }

    pub fn time(&self) -> f64 {
        self.rt.now()
    }

    fn new_handle(&self, callback: Callback, when: f64) -> Rc<Handle> {
        let fresh = Handle {
            id: self.rt.next_id(),
            callback,
            cancelled: Cell::new(false),
            scheduled: Cell::new(!when.is_nan()),
            when,
        };
        if let Some(mut h) = self.handle_pool.borrow_mut().pop() {
            if let Some(slot) = Rc::get_mut(&mut h) {
                *slot = fresh;
                return h;
            }
        }
        Rc::new(fresh)
    }

    /// Return a handle that has run to the pool, dropping what its callback held.
    fn recycle(&self, mut h: Rc<Handle>) {
        if let Some(slot) = Rc::get_mut(&mut h) {
            slot.callback = Callback::Empty;
            let mut pool = self.handle_pool.borrow_mut();
            if pool.len() < HANDLE_POOL_MAX {
                pool.push(h);
            }
        }
    }

    /// `call_soon`: append to the ready queue.
    pub fn call_soon(&self, callback: Callback) -> Rc<Handle> {
        let h = self.new_handle(callback, f64::NAN);
        self.rt.record(Level::Full, || Event::HandleQueued {
            handle: h.id,
            label: h.label(),
            kind: HandleKind::Soon,
            when: None,
            task: h.task_id(),
        });
        self.ready.borrow_mut().push_back(h.clone());
        h
    }

    /// `call_soon_threadsafe`: from another thread; wakes the loop up.
    pub fn call_soon_threadsafe(&self, callback: Callback) -> Rc<Handle> {
        let h = self.call_soon(callback);
        self.rt.world().posted.set(true);
        h
    }

    /// The default executor (`run_in_executor(None, ...)`), created on first use.
    pub fn default_executor(&self) -> Rc<super::executor::Executor> {
        self.default_exec
            .borrow_mut()
            .get_or_insert_with(|| super::executor::Executor::default_for(&self.rt))
            .clone()
    }

    pub fn default_executor_used(&self) -> Option<Rc<super::executor::Executor>> {
        self.default_exec.borrow().clone()
    }

    /// `call_at`: push a `TimerHandle` on the heap.
    pub fn call_at(&self, when: f64, callback: Callback) -> Rc<Handle> {
        let h = self.new_handle(callback, when);
        // (A NaN deadline still makes a timer: `asyncio.sleep(nan)` fires at once.)
        h.scheduled.set(true);
        self.rt.record(Level::Full, || Event::HandleQueued {
            handle: h.id,
            label: h.label(),
            kind: HandleKind::Timer,
            when: Some(when),
            task: h.task_id(),
        });
        self.scheduled.borrow_mut().push(TimerEntry(h.clone()));
        h
    }

    /// `call_later`: `call_at(self.time() + delay)`.
    pub fn call_later(&self, delay: f64, callback: Callback) -> Rc<Handle> {
        self.call_at(self.time() + delay, callback)
    }

    pub fn cancel_handle(&self, h: &Handle) {
        if !h.cancelled.get() {
            h.cancelled.set(true);
            if h.scheduled.get() {
                self.rt.record(Level::Full, || Event::TimerCancelled { handle: h.id });
            }
        }
    }

    pub fn stop(&self) {
        self.stopping.set(true);
    }

    /// `run_forever`: passes until `stop()`.
    pub fn run_forever(self: &Rc<Self>, vm: &mut Vm) -> PyResult<()> {
        if self.running.get() {
            return Err(PyErr::new(crate::engine::value::ExcKind::RuntimeError, "This event loop is already running"));
        }
        self.running.set(true);
        let previous = self.rt.running_loop.replace(Some(self.clone()));
        let result = (|| {
            loop {
                self.run_once(vm)?;
                if self.stopping.get() {
                    return Ok(());
                }
            }
        })();
        self.stopping.set(false);
        self.running.set(false);
        *self.rt.running_loop.borrow_mut() = previous;
        result
    }

    /// `run_until_complete(future)`: run until the future is done, return its result.
    pub fn run_until_complete(self: &Rc<Self>, vm: &mut Vm, fut: &Rc<Future>) -> PyResult<Value> {
        fut.add_done_callback(DoneCallback::RunUntilComplete);
        let r = self.run_forever(vm);
        fut.remove_run_until_complete();
        r?;
        if !fut.done() {
            return Err(PyErr::new(
                crate::engine::value::ExcKind::RuntimeError,
                "Event loop stopped before Future completed.",
            ));
        }
        fut.get_result()
    }

    /// One iteration of the loop (`_run_once`).
    pub fn run_once(self: &Rc<Self>, vm: &mut Vm) -> PyResult<()> {
        self.drop_cancelled_timers();
        self.rt.sync_cpu(vm);
        let timeout = if !self.ready.borrow().is_empty() || self.stopping.get() {
            Some(0.0)
        } else {
            self.scheduled
                .borrow()
                .peek()
                .map(|t| (t.0.when - self.time()).max(0.0).min(MAXIMUM_SELECT_TIMEOUT))
        };
        let others = self.rt.has_other_processes();
        if timeout.is_some_and(|t| t > 0.0) && !self.rt.world().active() && !others {
            // A deadline never reached (`sleep(inf)`, or ages away): CPython's selector would
            // wake once a day, forever, with nothing else able to happen.
            if let Some(when) = self.next_timer() {
                if when.is_infinite() || when - self.time() > NEVER_REACHED {
                    let why = format!("the next timer is {} s away", crate::engine::format::float_repr::float_repr(when - self.time()));
                    return Err(self.deadlock(vm, &format!("{why}: the program would wait forever")));
                }
            }
        }
        match timeout {
            Some(timeout) => self.select(vm, timeout)?,
            // Nothing scheduled here: only another thread or process can still wake the loop.
            None if self.rt.world().active() || others => self.select(vm, f64::INFINITY)?,
            None => return Err(self.deadlock(vm, NOTHING_SCHEDULED)),
        }
        if self.ready.borrow().is_empty()
            && self.scheduled.borrow().is_empty()
            && !self.rt.world().active()
            && !self.stopping.get()
        {
            return Err(self.deadlock(vm, NOTHING_SCHEDULED));
        }
        self.run_due(vm)
    }

    fn drop_cancelled_timers(&self) {
        let mut heap = self.scheduled.borrow_mut();
        while heap.peek().is_some_and(|t| t.0.cancelled.get()) {
            if let Some(t) = heap.pop() {
                t.0.scheduled.set(false);
            }
        }
    }

    /// The deadline of the soonest live timer.
    pub fn next_timer(&self) -> Option<f64> {
        self.drop_cancelled_timers();
        self.scheduled.borrow().peek().map(|t| t.0.when)
    }

    /// When this loop next has something to run (for the process scheduler).
    pub fn next_event_time(&self, now: f64) -> Option<f64> {
        if !self.ready.borrow().is_empty() {
            return Some(now);
        }
        self.next_timer()
    }

    /// One pass of a loop that does not own the caller (another process's loop, driven by
    /// the scheduler): run what is due now, without waiting.
    pub fn run_pass_nowait(self: &Rc<Self>, vm: &mut Vm) -> PyResult<()> {
        self.drop_cancelled_timers();
        self.run_due(vm)
    }

    /// Move due timers to the ready queue, then run exactly the handles ready now.
    fn run_due(self: &Rc<Self>, vm: &mut Vm) -> PyResult<()> {
        let end_time = self.time() + CLOCK_RESOLUTION;
        loop {
            let due = {
                let mut heap = self.scheduled.borrow_mut();
                match heap.peek() {
                    // `if handle._when >= end_time: break` (so a NaN deadline is due).
                    Some(t) if !(t.0.when >= end_time) => heap.pop().map(|t| t.0),
                    _ => None,
                }
            };
            let Some(h) = due else { break };
            h.scheduled.set(false);
            if !h.cancelled.get() {
                self.rt.record(Level::Full, || Event::TimerFired { handle: h.id });
            }
            self.ready.borrow_mut().push_back(h);
        }
        let ntodo = self.ready.borrow().len();
        let mut announced = false;
        for _ in 0..ntodo {
            let h = self.ready.borrow_mut().pop_front();
            let Some(h) = h else { break };
            if h.cancelled.get() {
                continue;
            }
            if !announced && self.rt.traces(Level::Full) {
                // A pass is shown once it runs something (as cpython-loop shows it).
                announced = true;
                self.record_pass(&h);
            }
            let t0 = self.time();
            self.run_handle(vm, &h)?;
            self.after_handle(vm, &h)?;
            self.warn_if_slow(vm, &h, t0);
            self.recycle(h);
        }
        Ok(())
    }

    /// The selector's wait, in virtual time: the clock jumps to the next deadline — unless
    /// other threads are busy, which then run until one of them wakes the loop.
    fn select(&self, vm: &mut Vm, timeout: f64) -> PyResult<()> {
        let before = self.time();
        // epoll_wait() counts in whole milliseconds, rounded up: timers due within the same
        // millisecond wake the loop together, as on a real Linux CPython.
        let timeout = if self.rt.epoll_rounding.get() && timeout > 0.0 && timeout.is_finite() {
            (timeout * 1e3).ceil() * 1e-3
        } else {
            timeout
        };
        if self.rt.has_other_processes() {
            // Other processes run meanwhile (and catch up even when we do not wait).
            let rt = self.rt.clone();
            rt.world().posted.set(false);
            rt.wait_until(vm, before + timeout)?;
        } else if self.rt.world().active() && timeout > 0.0 {
            let rt = self.rt.clone();
            rt.world().loop_waits(&rt, vm, before + timeout)?;
        } else if timeout.is_finite() {
            self.rt.clock.advance(timeout);
        }
        // select() released the GIL: busy threads took it, and the loop waits its turn.
        if self.rt.world().wants_gil() {
            let rt = self.rt.clone();
            rt.world().yield_round(&rt, vm)?;
        }
        if timeout <= 0.0 && self.ready.borrow().is_empty() && !self.stopping.get() {
            // Far from 0 a float cannot hold now + resolution: step just past the deadline.
            if let Some(t) = self.scheduled.borrow().peek() {
                let next = next_up(t.0.when);
                if self.time() < next {
                    self.rt.clock.set(next);
                }
            }
        }
        let after = self.time();
        if after > before {
            self.rt.record(Level::Full, || Event::ClockAdvanced { from: before, to: after });
        }
        Ok(())
    }

    /// The pass about to run `first`, then whatever else is ready now.
    fn record_pass(&self, first: &Handle) {
        let n = self.rt.next_pass();
        let ready: Vec<String> = std::iter::once(first.label())
            .chain(self.ready.borrow().iter().filter(|h| !h.cancelled.get()).map(|h| h.label()))
            .collect();
        let mut timers: Vec<(f64, u64, String)> = self
            .scheduled
            .borrow()
            .iter()
            .filter(|t| !t.0.cancelled.get())
            .map(|t| (t.0.when, t.0.id, t.0.label()))
            .collect();
        timers.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let timers = timers.into_iter().map(|(w, _, l)| (w, l)).collect();
        self.rt.record(Level::Full, || Event::Pass { pass: n, ready, timers });
    }

    /// `Handle._run()`: exceptions in plain callbacks go to the exception handler.
    fn run_handle(self: &Rc<Self>, vm: &mut Vm, h: &Rc<Handle>) -> PyResult<()> {
        self.rt.record(Level::Full, || Event::HandleRun { handle: h.id, label: h.label(), task: h.task_id() });
        let outer = vm.begin_callback();
        let result = self.dispatch_handle(vm, h);
        vm.end_callback(outer);
        vm.warn_unawaited_in_loop();
        match result {
            Ok(()) => Ok(()),
            Err(PyErr::Fatal(f)) => Err(PyErr::Fatal(f)),
            Err(e) if e.is(crate::engine::value::ExcKind::SystemExit) || e.is(crate::engine::value::ExcKind::KeyboardInterrupt) => {
                Err(e)
            }
            Err(PyErr::Exc(e)) => {
                // As asyncio logs it: the callback, where it was defined, and the handle.
                let label = h.label();
                let at = match &h.callback {
                    Callback::Python(call) => function_source(&call.0),
                    Callback::Done { cb: DoneCallback::Python(f), .. } => function_source(f),
                    _ => String::new(),
                };
                let msg = format!("Exception in callback {label}{at}\nhandle: <Handle {label}{at}>");
                self.call_exception_handler(vm, &msg, &e);
                Ok(())
            }
        }
    }

    /// Run the handle's callback.
    fn dispatch_handle(self: &Rc<Self>, vm: &mut Vm, h: &Rc<Handle>) -> PyResult<()> {
        match &h.callback {
            Callback::TaskStep { task, exc } => super::task::task_step(task, vm, exc.clone()),
            Callback::Done { cb, fut } => match cb {
                DoneCallback::TaskWakeup(task) => super::task::task_wakeup(task, vm, fut),
                DoneCallback::Gather(state) => super::gather::gather_done(state, vm, fut),
                DoneCallback::RunUntilComplete => {
                    self.run_until_complete_cb(fut);
                    Ok(())
                }
                DoneCallback::Python(f) => vm.call(f.clone(), Args::new([fut.value()])).map(|_| ()),
                DoneCallback::ChainCheckCancel(cf) => {
                    if fut.cancelled() {
                        cf.cancel(vm);
                    }
                    Ok(())
                }
            },
            Callback::Python(call) => vm.call(call.0.clone(), Args::new(call.1.iter().cloned())).map(|_| ()),
            Callback::Empty => Ok(()),
            Callback::SetResultUnlessCancelled { fut, value } => {
                if !fut.cancelled() {
                    fut.set_result(value.clone())
                } else {
                    Ok(())
                }
            }
            Callback::SetResult { fut, value } => fut.set_result(value.clone()),
            Callback::ChainSetState { dest, source } => source.copy_state_to(vm, dest),
        }
    }

    /// The handle's CPU time moves the clock (the loop was busy); threads waiting for the
    /// GIL get their share; a long burst is recorded as a blocked loop.
    fn after_handle(self: &Rc<Self>, vm: &mut Vm, h: &Handle) -> PyResult<()> {
        let start = self.time();
        let cpu = self.rt.cpu.take(vm);
        if cpu <= 0.0 {
            return Ok(());
        }
        self.rt.spend_cpu(cpu);
        if cpu >= SLOW_CALLBACK {
            let (file, line) = match &h.callback {
                Callback::TaskStep { task, .. } | Callback::Done { cb: DoneCallback::TaskWakeup(task), .. } => {
                    task.task().and_then(|t| super::task::suspended_at(&t.coro)).unwrap_or_default()
                }
                _ => Default::default(),
            };
            let reason = format!("{} ran {:.3} s of CPU without awaiting", h.label(), cpu);
            let to = self.time();
            self.rt.record(Level::Full, || Event::LoopBlocked { from: start, to, reason, file, line });
        }
        let rt = self.rt.clone();
        rt.world().after_loop_burst(&rt, vm, cpu)?;
        if rt.cores_contended() {
            rt.catch_up(vm)?;
        }
        Ok(())
    }

    /// Debug mode: `Executing <handle> took 0.500 seconds` for callbacks over 100 ms.
    fn warn_if_slow(&self, vm: &mut Vm, h: &Handle, t0: f64) {
        let dt = self.time() - t0;
        if self.debug.get() && dt >= SLOW_CALLBACK {
            let what = match &h.callback {
                Callback::TaskStep { task, .. } | Callback::Done { cb: DoneCallback::TaskWakeup(task), .. } => {
                    let state = if task.done() { "finished" } else { "pending" };
                    let coro = task.task().map(|t| {
                        let at = super::task::suspended_at(&t.coro).map(|(f, l)| format!(" running at {f}:{l}")).unwrap_or_default();
                        let name = match &t.coro {
                            Value::Generator(g) => g.qualname().to_string(),
                            _ => "coroutine".into(),
                        };
                        format!(" coro=<{name}(){at}>")
                    });
                    format!("<Task {state} name='{}'{}>", task.task_name(), coro.unwrap_or_default())
                }
                _ => format!("<Handle {}>", h.label()),
            };
            let host = vm.host.clone();
            host.write_stderr(vm, &format!("Executing {what} took {dt:.3} seconds\n"));
        }
    }

    /// `_run_until_complete_cb`.
    fn run_until_complete_cb(&self, fut: &Rc<Future>) {
        if !fut.cancelled() {
            if let Some(e) = fut.exception().as_ref() {
                let cls = crate::engine::value::types::class_of(e);
                let t = crate::engine::value::types::types();
                if cls.is_subclass(&t.exc(crate::engine::value::ExcKind::SystemExit))
                    || cls.is_subclass(&t.exc(crate::engine::value::ExcKind::KeyboardInterrupt))
                {
                    return;
                }
            }
        }
        fut.loop_.stop();
    }

    /// The default exception handler: log the message and the traceback on stderr.
    pub fn call_exception_handler(&self, vm: &mut Vm, message: &str, exc: &Value) {
        let tb = crate::engine::traceback::format_exception(vm, exc);
        let text = format!("{message}\n{tb}");
        let host = vm.host.clone();
        host.write_stderr(vm, &text);
    }

    /// Nothing is ready, no timer is set: every task waits on something that nothing
    /// can ever complete. CPython would block forever; we report who waits on what.
    fn deadlock(&self, vm: &mut Vm, why: &str) -> PyErr {
        let _ = vm;
        let mut waiting = Vec::new();
        for t in self.tasks.borrow().iter().filter_map(Weak::upgrade) {
            if t.done() {
                continue;
            }
            let Some(tp) = t.task() else { continue };
            let what = match &*tp.fut_waiter.borrow() {
                Some(f) => match f.task() {
                    Some(other) => other.name(),
                    None => match (f.label(), &f.kind) {
                        (Some(label), _) => label.to_string(),
                        (None, super::future::FutureKind::Gathering(_)) => "gather()".into(),
                        (None, _) => "a Future".into(),
                    },
                },
                None => "nothing".into(),
            };
            let at = super::task::suspended_at(&tp.coro)
                .map(|(f, l)| format!(" at {f}:{l}"))
                .unwrap_or_default();
            waiting.push(format!("{} waits for {what}{at}", tp.name()));
        }
        let detail = if waiting.is_empty() { String::new() } else { format!(": {}", waiting.join("; ")) };
        PyErr::fatal(format!(
            "deadlock: every task is waiting and nothing can wake them ({why}){detail}"
        ))
    }
}

/// The next representable float above `x`.
fn next_up(x: f64) -> f64 {
    if x.is_nan() || x == f64::INFINITY {
        return x;
    }
    if x == 0.0 {
        return f64::from_bits(1);
    }
    let bits = x.to_bits();
    f64::from_bits(if x > 0.0 { bits + 1 } else { bits - 1 })
}

/// ` at file:line` of a Python function (where asyncio's handle reprs point).
fn function_source(f: &Value) -> String {
    let func = match f {
        Value::Function(func) => func.clone(),
        Value::Method(m) => match &m.1 {
            Value::Function(func) => func.clone(),
            _ => return String::new(),
        },
        _ => return String::new(),
    };
    format!(" at {}:{}", func.code.source.name, func.code.first_line)
}
