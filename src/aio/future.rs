//! `asyncio.Future` (futures.py), which `Task` and `_GatheringFuture` extend.
//!
//! State transitions: `Pending → Finished` (`set_result`/`set_exception`) or
//! `Pending → Cancelled` (`cancel`). Done-callbacks never run inline: completing a future
//! schedules each of them with `call_soon`, which is what makes the loop's order visible.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use smallvec::SmallVec;

use crate::engine::value::types::class_of;
use crate::engine::value::{Args, Class, ExcKind, NativeObject, Resume, SendResult, Value};
use crate::engine::vm::{PyErr, PyResult, Vm};
use crate::trace::{Event, Level};

use super::event_loop::EventLoop;
use super::handle::{Callback, DoneCallback};
use super::task::TaskPart;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FutureState {
    Pending,
    Cancelled,
    Finished,
}

impl FutureState {
    pub fn name(self) -> &'static str {
        match self {
            FutureState::Pending => "PENDING",
            FutureState::Cancelled => "CANCELLED",
            FutureState::Finished => "FINISHED",
        }
    }
}

/// What kind of future this is (Python sees `Future`, `Task` or `_GatheringFuture`).
pub enum FutureKind {
    Plain,
    /// Boxed: plain futures (one per `sleep`) should not pay for a task's fields.
    Task(Box<TaskPart>),
    Gathering(Rc<super::gather::GatherState>),
}

pub struct Future {
    pub id: u64,
    pub loop_: Rc<EventLoop>,
    pub state: Cell<FutureState>,
    /// `_asyncio_future_blocking`: set while a coroutine awaits it.
    pub blocking: Cell<bool>,
    /// A `Cell`, not a `RefCell` (no borrow flag): read it with `result()`.
    result: Cell<Value>,
    /// Most futures have exactly one done-callback (the task awaiting them).
    pub callbacks: RefCell<SmallVec<[DoneCallback; 1]>>,
    /// The rarely used fields, allocated on first use (100,000 tasks mean 200,000 futures).
    /// A `Cell` (taken out and put back around each use): no borrow flag either.
    rare: Cell<Option<Box<Rare>>>,
    pub kind: FutureKind,
}

#[derive(Default)]
struct Rare {
    exception: Option<Value>,
    cancel_message: Value,
    /// The CancelledError raised inside a task's coroutine, kept for chaining.
    cancelled_exc: Option<Value>,
    /// What this future stands for, for the UI (`sleep(1.0)`, `Queue.get`...).
    label: Option<Rc<str>>,
    /// `sleep()` futures: the deadline of their timer.
    sleep_until: Option<f64>,
}

impl Future {
    pub fn new(loop_: Rc<EventLoop>, kind: FutureKind) -> Rc<Future> {
        let id = loop_.rt.next_id();
        Rc::new(Future {
            id,
            loop_,
            state: Cell::new(FutureState::Pending),
            blocking: Cell::new(false),
            result: Cell::new(Value::None),
            callbacks: RefCell::new(SmallVec::new()),
            rare: Cell::new(None),
            kind,
        })
    }

    fn rare_mut<R>(&self, f: impl FnOnce(&mut Rare) -> R) -> R {
        let mut rare = self.rare.take().unwrap_or_default();
        let out = f(&mut rare);
        self.rare.set(Some(rare));
        out
    }

    fn rare<R>(&self, f: impl FnOnce(&Rare) -> R, default: R) -> R {
        let rare = self.rare.take();
        let out = match &rare {
            Some(r) => f(r),
            None => default,
        };
        self.rare.set(rare);
        out
    }

    /// The result it holds (`None` until it finished with one).
    pub fn result(&self) -> Value {
        let v = self.result.take();
        let out = v.clone();
        self.result.set(v);
        out
    }

    /// The exception it finished with, if any.
    pub fn exception(&self) -> Option<Value> {
        self.rare(|r| r.exception.clone(), None)
    }

    pub fn cancel_message(&self) -> Value {
        self.rare(|r| r.cancel_message.clone(), Value::None)
    }

    pub fn set_cancel_message(&self, msg: Value) {
        if !msg.is_none() || self.rare_present() {
            self.rare_mut(|r| r.cancel_message = msg);
        }
    }

    fn rare_present(&self) -> bool {
        self.rare(|_| true, false)
    }

    pub fn set_cancelled_exc(&self, exc: Value) {
        self.rare_mut(|r| r.cancelled_exc = Some(exc));
    }

    pub fn label(&self) -> Option<Rc<str>> {
        self.rare(|r| r.label.clone(), None)
    }

    pub fn set_label(&self, label: &str) {
        self.rare_mut(|r| r.label = Some(Rc::from(label)));
    }

    pub fn sleep_until(&self) -> Option<f64> {
        self.rare(|r| r.sleep_until, None)
    }

    pub fn set_sleep_until(&self, t: f64) {
        self.rare_mut(|r| r.sleep_until = Some(t));
    }

    pub fn value(self: &Rc<Self>) -> Value {
        Value::Object(self.clone())
    }

    /// The `Rc<Future>` behind a value, if it is one.
    pub fn from_value(v: &Value) -> Option<Rc<Future>> {
        match v {
            Value::Object(o) => o.clone().as_any_rc().downcast::<Future>().ok(),
            _ => None,
        }
    }

    pub fn task(&self) -> Option<&TaskPart> {
        match &self.kind {
            FutureKind::Task(t) => Some(t),
            _ => None,
        }
    }

    pub fn is_task(&self) -> bool {
        self.task().is_some()
    }

    pub fn task_name(&self) -> String {
        match self.task() {
            Some(t) => t.name(),
            None => format!("Future-{}", self.id),
        }
    }

    /// As cpython-loop prints an argument: a task by name, anything else as `fut`.
    pub fn describe_arg(&self) -> String {
        match self.task() {
            Some(t) => t.name(),
            None => "fut".into(),
        }
    }

    pub fn done(&self) -> bool {
        self.state.get() != FutureState::Pending
    }

    pub fn cancelled(&self) -> bool {
        self.state.get() == FutureState::Cancelled
    }

    fn invalid_state(&self, msg: impl Into<String>) -> PyErr {
        PyErr::of_class(self.loop_.rt.classes.invalid_state_error.clone(), msg)
    }

    /// `__schedule_callbacks`: every done-callback goes through `call_soon`.
    fn schedule_callbacks(self: &Rc<Self>) {
        let callbacks = std::mem::take(&mut *self.callbacks.borrow_mut());
        for cb in callbacks {
            self.loop_.call_soon(Callback::Done { cb, fut: self.clone() });
        }
    }

    fn record_done(&self) {
        let rt = &self.loop_.rt;
        if self.is_task() {
            return; // Tasks record TaskDone themselves.
        }
        rt.record(Level::Full, || Event::FutureDone {
            future: self.id,
            label: self.label().as_deref().unwrap_or("Future").to_string(),
            cancelled: self.cancelled(),
        });
    }

    pub fn set_result(self: &Rc<Self>, v: Value) -> PyResult<()> {
        if self.done() {
            return Err(self.invalid_state(format!("{}: {}", self.state.get().name(), self.short_repr())));
        }
        self.result.set(v);
        self.state.set(FutureState::Finished);
        self.record_done();
        self.schedule_callbacks();
        Ok(())
    }

    pub fn set_exception(self: &Rc<Self>, vm: &mut Vm, exc: Value) -> PyResult<()> {
        if self.done() {
            return Err(self.invalid_state(format!("{}: {}", self.state.get().name(), self.short_repr())));
        }
        let exc = match exc {
            Value::Class(_) => vm.call(exc, Args::default())?,
            other => other,
        };
        if exc.exc().is_none() {
            return Err(PyErr::type_error("invalid exception object"));
        }
        if crate::engine::value::types::class_of(&exc).name.as_ref() == "StopIteration" {
            return Err(PyErr::type_error(
                "StopIteration interacts badly with generators and cannot be raised into a Future",
            ));
        }
        self.rare_mut(|r| r.exception = Some(exc));
        self.state.set(FutureState::Finished);
        self.record_done();
        self.schedule_callbacks();
        Ok(())
    }

    /// `Future.cancel(msg)` (the base method, without Task's override).
    pub fn future_cancel(self: &Rc<Self>, msg: Value) -> bool {
        if self.done() {
            return false;
        }
        self.state.set(FutureState::Cancelled);
        self.set_cancel_message(msg);
        self.record_done();
        self.schedule_callbacks();
        true
    }

    /// `cancel()` as Python sees it: dispatches to Task and _GatheringFuture overrides.
    pub fn cancel(self: &Rc<Self>, vm: &mut Vm, msg: Value) -> PyResult<bool> {
        match &self.kind {
            FutureKind::Plain => Ok(self.future_cancel(msg)),
            FutureKind::Task(_) => super::task::task_cancel(self, vm, msg),
            FutureKind::Gathering(state) => {
                if self.done() {
                    return Ok(false);
                }
                let mut ret = false;
                for c in state.children() {
                    if c.cancel(vm, msg.clone())? {
                        ret = true;
                    }
                }
                if ret {
                    state.cancel_requested.set(true);
                }
                Ok(ret)
            }
        }
    }

    /// `_make_cancelled_error()`.
    pub fn make_cancelled_error(&self) -> PyErr {
        let saved = if self.rare_present() { self.rare_mut(|r| r.cancelled_exc.take()) } else { None };
        if let Some(exc) = saved {
            return PyErr::Exc(exc);
        }
        let cls = self.loop_.rt.classes.cancelled_error.clone();
        let msg = self.cancel_message();
        let args = if msg.is_none() { vec![] } else { vec![msg] };
        PyErr::Exc(crate::engine::vm::except_new(cls, args))
    }

    /// `result()`.
    pub fn get_result(&self) -> PyResult<Value> {
        match self.state.get() {
            FutureState::Cancelled => Err(self.make_cancelled_error()),
            FutureState::Pending => Err(self.invalid_state("Result is not ready.")),
            FutureState::Finished => match self.exception() {
                Some(e) => Err(PyErr::Exc(e)),
                None => Ok(self.result()),
            },
        }
    }

    /// `exception()`.
    pub fn get_exception(&self) -> PyResult<Value> {
        match self.state.get() {
            FutureState::Cancelled => Err(self.make_cancelled_error()),
            FutureState::Pending => Err(self.invalid_state("Exception is not set.")),
            FutureState::Finished => Ok(self.exception().unwrap_or(Value::None)),
        }
    }

    pub fn add_done_callback(self: &Rc<Self>, cb: DoneCallback) {
        if self.done() {
            self.loop_.call_soon(Callback::Done { cb, fut: self.clone() });
        } else {
            self.callbacks.borrow_mut().push(cb);
        }
    }

    pub fn remove_done_callback(&self, f: &Value) -> usize {
        let mut cbs = self.callbacks.borrow_mut();
        let before = cbs.len();
        cbs.retain(|cb| !cb.same(f));
        before - cbs.len()
    }

    /// Remove internal callbacks of a kind (what `run_until_complete`'s finally does).
    pub fn remove_run_until_complete(&self) {
        self.callbacks.borrow_mut().retain(|cb| !matches!(cb, DoneCallback::RunUntilComplete));
    }

    pub fn short_repr(&self) -> String {
        let cls = match &self.kind {
            FutureKind::Plain => "Future",
            FutureKind::Task(_) => "Task",
            FutureKind::Gathering(_) => "_GatheringFuture",
        };
        let state = self.state.get().name().to_lowercase();
        match self.task() {
            Some(t) => format!("<{cls} {state} name='{}'>", t.name()),
            None => format!("<{cls} {state}>"),
        }
    }

    /// One step of `await fut` (`Future.__await__`).
    fn await_step(self: &Rc<Self>, how: Resume) -> PyResult<SendResult> {
        if let Resume::Throw(e) = how {
            return Err(PyErr::Exc(e));
        }
        if !self.done() {
            self.blocking.set(true);
            return Ok(SendResult::Yield(self.value()));
        }
        self.get_result().map(SendResult::Return)
    }
}

impl NativeObject for Future {
    fn type_name(&self) -> &'static str {
        match &self.kind {
            FutureKind::Plain => "Future",
            FutureKind::Task(_) => "Task",
            FutureKind::Gathering(_) => "_GatheringFuture",
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_rc(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }

    fn class(&self) -> Option<Rc<Class>> {
        let c = &self.loop_.rt.classes;
        Some(match &self.kind {
            FutureKind::Task(_) => c.task.clone(),
            FutureKind::Plain => c.future.clone(),
            FutureKind::Gathering(_) => c.gathering_future.clone(),
        })
    }

    fn repr(&self, vm: &mut Vm) -> String {
        let _ = vm;
        self.short_repr()
    }

    fn get_attr(&self, _this: &Value, _vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
        match name {
            "_state" => Some(Ok(Value::str(self.state.get().name()))),
            "_asyncio_future_blocking" => Some(Ok(Value::Bool(self.blocking.get()))),
            _ => None,
        }
    }

    fn has_method(&self, name: &str) -> bool {
        const FUT: &[&str] = &[
            "result", "exception", "done", "cancelled", "cancel", "add_done_callback", "remove_done_callback",
            "set_result", "set_exception", "get_loop", "__await__",
        ];
        const TASK: &[&str] = &["get_name", "set_name", "get_coro", "uncancel", "cancelling", "get_stack"];
        FUT.contains(&name) || (self.is_task() && TASK.contains(&name))
    }

    fn call_method(&self, this: &Value, vm: &mut Vm, name: &str, args: Args) -> Option<PyResult<Value>> {
        let me = Future::from_value(this)?;
        if let Some(r) = super::task::task_method(&me, vm, name, &args) {
            return Some(r);
        }
        Some(match name {
            "result" => me.get_result(),
            "exception" => me.get_exception(),
            "done" => Ok(Value::Bool(me.done())),
            "cancelled" => Ok(Value::Bool(me.cancelled())),
            "cancel" => {
                let msg = args.kw.iter().find(|(k, _)| &**k == "msg").map(|(_, v)| v.clone());
                let msg = msg.or_else(|| args.pos.first().cloned()).unwrap_or(Value::None);
                me.cancel(vm, msg).map(Value::Bool)
            }
            "add_done_callback" => match args.pos.first() {
                Some(f) => {
                    me.add_done_callback(DoneCallback::Python(f.clone()));
                    Ok(Value::None)
                }
                None => Err(PyErr::type_error("add_done_callback() missing 1 required positional argument: 'fn'")),
            },
            "remove_done_callback" => match args.pos.first() {
                Some(f) => Ok(Value::Int(me.remove_done_callback(f) as i64)),
                None => Err(PyErr::type_error("remove_done_callback() takes exactly one argument (0 given)")),
            },
            "set_result" if !me.is_task() => {
                let v = args.pos.first().cloned().unwrap_or(Value::None);
                me.set_result(v).map(|_| Value::None)
            }
            "set_exception" if !me.is_task() => {
                let v = args.pos.first().cloned().unwrap_or(Value::None);
                me.set_exception(vm, v).map(|_| Value::None)
            }
            "set_result" | "set_exception" => Err(PyErr::new(
                ExcKind::RuntimeError,
                format!("Task does not support {name}() operation"),
            )),
            "get_loop" => Ok(super::module::loop_object(&me.loop_)),
            "__await__" => Ok(this.clone()),
            _ => return None,
        })
    }

    fn send(&self, this: &Value, _vm: &mut Vm, how: Resume) -> Option<PyResult<SendResult>> {
        let me = Future::from_value(this)?;
        Some(me.await_step(how))
    }

    fn hash(&self) -> Option<i64> {
        Some(self.id as i64)
    }
}

/// Is `v` an asyncio future (or task)?
pub fn is_future(v: &Value) -> bool {
    v.as_object::<Future>().is_some()
}

#[allow(dead_code)]
fn class_name_of(v: &Value) -> Rc<str> {
    class_of(v).name.clone()
}

#[cfg(test)]
mod size_tests {
    use std::mem::size_of;

    /// 100,000 sleeping tasks are 200,000 futures, 100,000 sleeps and timers: these sizes
    /// are the memory benchmark (bench/b2). A field added here should be a rare one.
    #[test]
    fn per_task_objects_stay_small() {
        assert!(size_of::<super::Future>() <= 112, "Future is {} bytes", size_of::<super::Future>());
        assert!(size_of::<super::super::handle::Handle>() <= 64, "Handle is {} bytes", size_of::<super::super::handle::Handle>());
        assert!(size_of::<super::super::sleep::Sleep>() <= 40, "Sleep is {} bytes", size_of::<super::super::sleep::Sleep>());
    }
}
