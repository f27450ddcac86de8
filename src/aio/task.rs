//! `asyncio.Task` (tasks.py): a future that drives a coroutine, one `__step` per handle.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::engine::value::types::class_of;
use crate::engine::value::{Args, ExcKind, GenState, Resume, Value};
use crate::engine::vm::{PyErr, PyResult, ResumeOutcome, Vm};
use crate::trace::{Awaiting, Event, Level, TaskOutcome};

use super::event_loop::EventLoop;
use super::future::{Future, FutureKind};
use super::handle::{Callback, DoneCallback};
use super::prelude::is_prelude_source;

/// The Task-only state (`_coro`, `_fut_waiter`, `_must_cancel`, ...).
pub struct TaskPart {
    /// `Task-N`'s number; the name is formatted on demand (one string less per task).
    number: u64,
    /// A name given by `name=` or `set_name`.
    custom_name: RefCell<Option<Rc<str>>>,
    pub coro: Value,
    /// The future this task waits on (`_fut_waiter`).
    pub fut_waiter: RefCell<Option<Rc<Future>>>,
    pub must_cancel: Cell<bool>,
    pub num_cancels_requested: Cell<u32>,
}

impl TaskPart {
    pub fn name(&self) -> String {
        match &*self.custom_name.borrow() {
            Some(n) => n.to_string(),
            None => format!("Task-{}", self.number),
        }
    }
}

/// `Task(coro, loop=loop, name=name)`: registers the task and schedules its first step.
pub fn new_task(loop_: &Rc<EventLoop>, coro: Value, name: Option<Value>, vm: &mut Vm) -> PyResult<Rc<Future>> {
    new_task_named(loop_, coro, name, false, vm)
}

/// `asyncio.create_task(coro, name=...)` makes a `Task-N` (using up a number) and renames
/// it afterwards; `loop.create_task(coro, name=...)` names it directly.
pub fn new_task_named(
    loop_: &Rc<EventLoop>,
    coro: Value,
    name: Option<Value>,
    count_anyway: bool,
    vm: &mut Vm,
) -> PyResult<Rc<Future>> {
    if !is_coroutine(&coro) {
        let r = vm.repr(&coro)?;
        return Err(PyErr::type_error(format!("a coroutine was expected, got {r}")));
    }
    let (number, custom): (u64, Option<Rc<str>>) = match name {
        None | Some(Value::None) => (loop_.rt.next_task_number(), None),
        Some(given) => {
            let number = if count_anyway { loop_.rt.next_task_number() } else { 0 };
            match given {
                Value::Str(ref s) => (number, Some(s.clone())),
                other => (number, Some(Rc::from(vm.str(&other)?))),
            }
        }
    };
    let coro_name = if loop_.rt.traces(Level::Full) { coro_qualname(vm, &coro) } else { String::new() };
    let task = Future::new(
        loop_.clone(),
        FutureKind::Task(Box::new(TaskPart {
            number,
            custom_name: RefCell::new(custom),
            coro,
            fut_waiter: RefCell::new(None),
            must_cancel: Cell::new(false),
            num_cancels_requested: Cell::new(0),
        })),
    );
    // Where the learner's code created it (TaskGroup.create_task runs in the prelude).
    let (file, line) = match vm.frames.iter().rev().find(|f| !is_prelude_source(&f.code.source.name)) {
        Some(f) => (f.code.source.name.clone(), f.line()),
        None => (String::new(), 0),
    };
    let tp = task.task().expect("just made a task");
    loop_.rt.record(Level::Full, || Event::TaskCreated { task: task.id, name: tp.name(), coro: coro_name, file, line });
    loop_.call_soon(Callback::TaskStep { task: task.clone(), exc: None });
    loop_.tasks.borrow_mut().push(Rc::downgrade(&task));
    Ok(task)
}

pub fn is_coroutine(v: &Value) -> bool {
    match v {
        Value::Generator(g) => g.kind == crate::engine::value::GenKind::Coroutine,
        Value::Object(o) => o.is_coroutine(),
        _ => false,
    }
}

fn coro_qualname(vm: &mut Vm, v: &Value) -> String {
    match v {
        Value::Generator(g) => g.qualname().to_string(),
        // Native coroutines (`BaseEventLoop.shutdown_asyncgens`) name themselves in their repr.
        Value::Object(o) => {
            let repr = o.repr(vm);
            match repr.strip_prefix("<coroutine object ").and_then(|r| r.strip_suffix('>')) {
                Some(name) => name.to_string(),
                None => o.type_name().to_string(),
            }
        }
        _ => "?".into(),
    }
}

fn part(task: &Future) -> &TaskPart {
    task.task().expect("Task.step is only scheduled for tasks")
}

/// `Task.__step(exc)`: resume the coroutine once and act on what it yields.
pub fn task_step(task: &Rc<Future>, vm: &mut Vm, exc: Option<Value>) -> PyResult<()> {
    let rt = task.loop_.rt.clone();
    let tp = part(task);
    rt.record(Level::Steps, || Event::TaskStep { task: task.id, name: tp.name() });
    if task.done() {
        return Err(PyErr::of_class(
            rt.classes.invalid_state_error.clone(),
            format!("_step(): already done: {}", task.short_repr()),
        ));
    }
    let mut exc = exc;
    if tp.must_cancel.get() {
        let is_cancel = exc.as_ref().is_some_and(|e| class_of(e).is_subclass(&rt.classes.cancelled_error));
        if !is_cancel {
            exc = task.make_cancelled_error().value().cloned();
        }
        tp.must_cancel.set(false);
    }
    tp.fut_waiter.borrow_mut().take();
    let previous = task.loop_.current_task.replace(Some(task.clone()));
    let how = match exc {
        None => Resume::Send(Value::None),
        Some(e) => Resume::Throw(e),
    };
    let outcome = vm.resume_awaitable(&tp.coro, how);
    *task.loop_.current_task.borrow_mut() = previous;
    match outcome {
        Ok(ResumeOutcome::Return(v)) => {
            if tp.must_cancel.get() {
                // Cancelled right before the coroutine returned.
                tp.must_cancel.set(false);
                let msg = task.cancel_message();
                task.future_cancel(msg);
            } else {
                task.set_result(v)?;
            }
            record_task_done(task, vm);
        }
        Ok(ResumeOutcome::Yield(y)) | Ok(ResumeOutcome::Suspend(y)) => handle_yield(task, vm, y)?,
        Err(PyErr::Fatal(f)) => return Err(PyErr::Fatal(f)),
        Err(PyErr::Exc(e)) => {
            let cls = class_of(&e);
            if cls.is_subclass(&rt.classes.cancelled_error) {
                task.set_cancelled_exc(e);
                task.future_cancel(Value::None);
                record_task_done(task, vm);
            } else {
                let fatal = cls.is_subclass(&crate::engine::value::types::types().exc(ExcKind::SystemExit))
                    || cls.is_subclass(&crate::engine::value::types::types().exc(ExcKind::KeyboardInterrupt));
                task.set_exception(vm, e.clone())?;
                record_task_done(task, vm);
                if fatal {
                    return Err(PyErr::Exc(e));
                }
            }
        }
    }
    Ok(())
}

/// The coroutine yielded `result`: a future to wait on, or `None` for a bare yield.
fn handle_yield(task: &Rc<Future>, vm: &mut Vm, result: Value) -> PyResult<()> {
    let tp = part(task);
    let loop_ = task.loop_.clone();
    if let Some(fut) = Future::from_value(&result) {
        if !Rc::ptr_eq(&fut.loop_, &loop_) {
            let msg = format!("Task {} got Future {} attached to a different loop", task.short_repr(), fut.short_repr());
            return reschedule_with_error(task, msg);
        }
        if !fut.blocking.get() {
            let msg = format!("yield was used instead of yield from in task {} with {}", task.short_repr(), fut.short_repr());
            return reschedule_with_error(task, msg);
        }
        if Rc::ptr_eq(&fut, task) {
            return reschedule_with_error(task, format!("Task cannot await on itself: {}", task.short_repr()));
        }
        fut.blocking.set(false);
        fut.add_done_callback(DoneCallback::TaskWakeup(task.clone()));
        *tp.fut_waiter.borrow_mut() = Some(fut.clone());
        record_suspended(task, vm, awaiting_of(&fut));
        if tp.must_cancel.get() {
            let msg = task.cancel_message();
            if fut.cancel(vm, msg)? {
                tp.must_cancel.set(false);
            }
        }
        return Ok(());
    }
    if result.is_none() {
        // A bare yield (`sleep(0)`): run again on the next loop iteration.
        record_suspended(task, vm, Awaiting::Yield);
        loop_.call_soon(Callback::TaskStep { task: task.clone(), exc: None });
        return Ok(());
    }
    let r = vm.repr(&result)?;
    reschedule_with_error(task, format!("Task got bad yield: {r}"))
}

fn reschedule_with_error(task: &Rc<Future>, msg: String) -> PyResult<()> {
    let err = PyErr::new(ExcKind::RuntimeError, msg);
    task.loop_.call_soon(Callback::TaskStep { task: task.clone(), exc: err.value().cloned() });
    Ok(())
}

/// What the UI shows a waiting task waiting for.
fn awaiting_of(fut: &Rc<Future>) -> Awaiting {
    if let Some(until) = fut.sleep_until() {
        return Awaiting::Sleep { until };
    }
    if let Some(t) = fut.task() {
        return Awaiting::Task { task: fut.id, name: t.name() };
    }
    let label = match &fut.label() {
        Some(l) => l.to_string(),
        None => match &fut.kind {
            FutureKind::Gathering(state) => {
                let names: Vec<String> = state.children().iter().map(|c| c.describe_arg()).collect();
                format!("gather({})", names.join(", "))
            }
            _ => "Future".into(),
        },
    };
    Awaiting::Future { future: fut.id, label }
}

fn record_suspended(task: &Rc<Future>, vm: &mut Vm, awaiting: Awaiting) {
    let rt = task.loop_.rt.clone();
    if !rt.traces(Level::Full) {
        return;
    }
    let (file, line) = suspended_at(&part(task).coro).unwrap_or_default();
    let _ = vm;
    rt.record(Level::Full, || Event::TaskSuspended { task: task.id, awaiting, file, line });
}

/// The innermost Python frame of a suspended coroutine chain: where it waits. Frames of
/// asyncio's own Python code are skipped: a task in `await q.get()` waits at that line.
pub fn suspended_at(coro: &Value) -> Option<(String, u32)> {
    let mut cur = coro.clone();
    let mut found = None;
    for _ in 0..1000 {
        let Value::Generator(g) = &cur else { break };
        let frame = g.frame.borrow();
        let Some(f) = frame.as_ref() else { break };
        if !is_prelude_source(&f.code.source.name) {
            found = Some((f.code.source.name.clone(), f.code.line_at(f.ip)));
        }
        let next = if g.state.get() == GenState::Suspended { f.stack.last().cloned() } else { None };
        drop(frame);
        match next {
            Some(v) => cur = v,
            None => break,
        }
    }
    found
}

fn record_task_done(task: &Rc<Future>, vm: &mut Vm) {
    let rt = task.loop_.rt.clone();
    if !rt.traces(Level::Full) {
        return;
    }
    let outcome = if task.cancelled() {
        TaskOutcome::Cancelled
    } else if let Some(e) = task.exception() {
        TaskOutcome::Exception { repr: vm.repr(&e).unwrap_or_default() }
    } else {
        let v = task.result();
        TaskOutcome::Result { repr: vm.repr(&v).unwrap_or_default() }
    };
    rt.record(Level::Full, || Event::TaskDone { task: task.id, outcome });
}

/// `Task.__wakeup(future)`: the awaited future is done; step with its exception, if any.
pub fn task_wakeup(task: &Rc<Future>, vm: &mut Vm, fut: &Rc<Future>) -> PyResult<()> {
    match fut.get_result() {
        Ok(_) => task_step(task, vm, None),
        Err(PyErr::Exc(e)) => task_step(task, vm, Some(e)),
        Err(fatal) => Err(fatal),
    }
}

/// `Task.cancel(msg)`.
pub fn task_cancel(task: &Rc<Future>, vm: &mut Vm, msg: Value) -> PyResult<bool> {
    if task.done() {
        return Ok(false);
    }
    let tp = part(task);
    tp.num_cancels_requested.set(tp.num_cancels_requested.get() + 1);
    let waiter = tp.fut_waiter.borrow().clone();
    if let Some(w) = waiter {
        if w.cancel(vm, msg.clone())? {
            // Keep _fut_waiter: it may be a task that swallows the cancellation.
            return Ok(true);
        }
    }
    tp.must_cancel.set(true);
    task.set_cancel_message(msg);
    Ok(true)
}

/// Task-only methods (`get_name`, `uncancel`, ...).
pub fn task_method(task: &Rc<Future>, vm: &mut Vm, name: &str, args: &Args) -> Option<PyResult<Value>> {
    let tp = task.task()?;
    Some(match name {
        "get_name" => Ok(Value::string(tp.name())),
        "set_name" => {
            let v = args.pos.first().cloned().unwrap_or(Value::None);
            match vm.str(&v) {
                Ok(s) => {
                    *tp.custom_name.borrow_mut() = Some(Rc::from(s));
                    Ok(Value::None)
                }
                Err(e) => Err(e),
            }
        }
        "get_coro" => Ok(tp.coro.clone()),
        "cancelling" => Ok(Value::Int(tp.num_cancels_requested.get() as i64)),
        "uncancel" => {
            let n = tp.num_cancels_requested.get();
            if n > 0 {
                tp.num_cancels_requested.set(n - 1);
            }
            Ok(Value::Int(tp.num_cancels_requested.get() as i64))
        }
        "get_stack" => Ok(Value::list(vec![])),
        _ => return None,
    })
}
