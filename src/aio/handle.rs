//! `Handle` and `TimerHandle`: a callback with its arguments, queued on the loop.

use std::cell::Cell;
use std::cmp::Ordering;
use std::rc::Rc;

use crate::engine::value::Value;

use super::future::Future;

/// Who is called back when a future completes (`Future.add_done_callback`).
#[derive(Clone)]
pub enum DoneCallback {
    /// A Python callable (or native function value), called with the future.
    Python(Value),
    /// `Task.__wakeup`: the task awaiting this future resumes.
    TaskWakeup(Rc<Future>),
    /// `gather.<locals>._done_callback` for one child of a gather.
    Gather(Rc<super::gather::GatherState>),
    /// `_run_until_complete_cb`: stop the loop once the future is done.
    RunUntilComplete,
    /// `_chain_future.<locals>._call_check_cancel`: cancelling the asyncio future
    /// cancels the concurrent one.
    ChainCheckCancel(Rc<super::concurrent::ConcurrentFuture>),
}

impl DoneCallback {
    /// Identity for `remove_done_callback`.
    pub fn same(&self, other: &Value) -> bool {
        match self {
            DoneCallback::Python(v) => v.is(other) || matches!((v, other), (Value::Method(a), Value::Method(b)) if a.0.is(&b.0) && a.1.is(&b.1)),
            _ => false,
        }
    }
}

/// The callback of a handle.
#[derive(Clone)]
pub enum Callback {
    /// `Task.__step(exc)`.
    TaskStep { task: Rc<Future>, exc: Option<Value> },
    /// A done-callback of `fut`, scheduled by `Future.__schedule_callbacks`.
    Done { cb: DoneCallback, fut: Rc<Future> },
    /// `loop.call_soon(func, *args)` from Python code (boxed: keeps every handle small).
    Python(Box<(Value, Vec<Value>)>),
    /// Nothing (a recycled handle).
    Empty,
    /// `futures._set_result_unless_cancelled(fut, result)` (how `sleep` wakes up).
    SetResultUnlessCancelled { fut: Rc<Future>, value: Value },
    /// `fut.set_result(value)` called through the loop (`call_soon(fut.set_result, v)`).
    SetResult { fut: Rc<Future>, value: Value },
    /// `_chain_future.<locals>._set_state(dest, source)`: a worker's result reaches the
    /// loop (posted with `call_soon_threadsafe`).
    ChainSetState { dest: Rc<Future>, source: Rc<super::concurrent::ConcurrentFuture> },
}

pub struct Handle {
    /// Unique and increasing in creation order, which for timers is their insertion order
    /// (equal deadlines run first-scheduled first).
    pub id: u64,
    pub callback: Callback,
    pub cancelled: Cell<bool>,
    /// A timer still in the heap (`TimerHandle._scheduled`).
    pub scheduled: Cell<bool>,
    /// Timers: the deadline (`TimerHandle._when`); `NaN` for plain handles.
    pub when: f64,
}

impl Handle {
    pub fn is_timer(&self) -> bool {
        !self.when.is_nan()
    }

    /// The task this handle resumes, if any (for the trace and the UI).
    pub fn task_id(&self) -> Option<u64> {
        match &self.callback {
            Callback::TaskStep { task, .. } => Some(task.id),
            Callback::Done { cb: DoneCallback::TaskWakeup(task), .. } => Some(task.id),
            _ => None,
        }
    }

    /// The handle as cpython-loop writes it: `Task-3.step`, `gather.<locals>._done_callback(Task-3)`.
    pub fn label(&self) -> String {
        match &self.callback {
            Callback::TaskStep { task, .. } => format!("{}.step", task.task_name()),
            Callback::Done { cb, fut } => match cb {
                DoneCallback::TaskWakeup(task) => format!("{}.wakeup", task.task_name()),
                DoneCallback::Gather(_) => format!("gather.<locals>._done_callback({})", fut.describe_arg()),
                DoneCallback::RunUntilComplete => format!("_run_until_complete_cb({})", fut.describe_arg()),
                DoneCallback::ChainCheckCancel(_) => format!("_chain_future.<locals>._call_check_cancel({})", fut.describe_arg()),
                DoneCallback::Python(f) => format!("{}({})", callable_name(f), fut.describe_arg()),
            },
            Callback::Python(call) => {
                let args: Vec<String> = call.1.iter().map(describe_value).collect();
                format!("{}({})", callable_name(&call.0), args.join(", "))
            }
            Callback::Empty => "<empty>".into(),
            Callback::ChainSetState { dest, .. } => format!("_chain_future.<locals>._set_state({}, ...)", dest.describe_arg()),
            Callback::SetResultUnlessCancelled { value, .. } => {
                format!("_set_result_unless_cancelled(fut, {})", describe_value(value))
            }
            Callback::SetResult { value, .. } => format!("Future.set_result({})", describe_value(value)),
        }
    }
}

/// A callable's `__qualname__`-ish name for labels.
pub fn callable_name(f: &Value) -> String {
    match f {
        Value::Function(func) => func.qualname.to_string(),
        Value::Native(n) => n.name.to_string(),
        Value::Method(m) => match &m.1 {
            Value::Function(func) => func.qualname.to_string(),
            other => callable_name(other),
        },
        Value::BuiltinMethod(m) => {
            let owner = match &m.0 {
                Value::Object(o) => o.type_name().to_string(),
                other => crate::engine::value::types::type_name(other).to_string(),
            };
            format!("{owner}.{}", m.1)
        }
        // Objects without a `__qualname__` (functools.partial...) go by their type's name.
        Value::Instance(i) => i.class.name.to_string(),
        Value::Class(c) => c.qualname.to_string(),
        Value::Object(o) => o.type_name().to_string(),
        _ => "callback".into(),
    }
}

/// An argument as cpython-loop describes it.
pub fn describe_value(v: &Value) -> String {
    if let Some(f) = v.as_object::<Future>() {
        return f.describe_arg();
    }
    match v {
        Value::Int(i) => i.to_string(),
        Value::Float(x) => crate::engine::format::float_repr::float_repr(*x),
        Value::Str(s) if s.len() < 28 => crate::engine::text::repr::str_repr(s),
        _ => "...".into(),
    }
}

/// The timer heap's order: `(when, id)`, soonest first (reversed for `BinaryHeap`).
pub struct TimerEntry(pub Rc<Handle>);

impl PartialEq for TimerEntry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for TimerEntry {}

impl PartialOrd for TimerEntry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for TimerEntry {
    fn cmp(&self, other: &Self) -> Ordering {
        // Reversed: BinaryHeap is a max-heap.
        other
            .0
            .when
            .total_cmp(&self.0.when)
            .then_with(|| other.0.id.cmp(&self.0.id))
    }
}
