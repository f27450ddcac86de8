//! `concurrent.futures.Future`, and how asyncio chains one to an asyncio future
//! (`wrap_future` / `_chain_future`): the worker finishes the concurrent future, and the
//! result crosses to the loop with `call_soon_threadsafe(_set_state, ...)`.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::engine::value::{Args, Class, ExcKind, NativeObject, Value};
use crate::engine::vm::{PyErr, PyResult, Vm};

use super::event_loop::EventLoop;
use super::future::{Future, FutureKind};
use super::handle::{Callback, DoneCallback};
use super::Runtime;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CfState {
    Pending,
    Running,
    Cancelled,
    Finished,
}

/// What happens when a concurrent future completes (in the worker thread).
pub enum CfCallback {
    /// A Python callable, called with the future.
    Python(Value),
    /// `_chain_future.<locals>._call_set_state`: post the outcome to this asyncio future.
    Chain(Rc<Future>),
}

pub struct ConcurrentFuture {
    pub id: u64,
    rt: Rc<Runtime>,
    pub state: Cell<CfState>,
    result: RefCell<Value>,
    exception: RefCell<Option<Value>>,
    callbacks: RefCell<Vec<CfCallback>>,
    /// What the job is, for the trace (`time.sleep in a thread`); set only when tracing.
    job: RefCell<Option<String>>,
}

impl ConcurrentFuture {
    pub fn new(rt: &Rc<Runtime>) -> Rc<ConcurrentFuture> {
        Rc::new(ConcurrentFuture {
            id: rt.next_id(),
            rt: rt.clone(),
            state: Cell::new(CfState::Pending),
            result: RefCell::new(Value::None),
            exception: RefCell::new(None),
            callbacks: RefCell::new(Vec::new()),
            job: RefCell::new(None),
        })
    }

    pub fn set_job(&self, what: String) {
        *self.job.borrow_mut() = Some(what);
    }

    pub fn done(&self) -> bool {
        matches!(self.state.get(), CfState::Cancelled | CfState::Finished)
    }

    /// `set_running_or_notify_cancel()`: false if it was cancelled before it started.
    pub fn set_running(&self) -> bool {
        match self.state.get() {
            CfState::Cancelled => false,
            _ => {
                self.state.set(CfState::Running);
                true
            }
        }
    }

    /// The worker's outcome: set it and run the callbacks (in the worker thread).
    pub fn finish(self: &Rc<Self>, vm: &mut Vm, outcome: PyResult<Value>) {
        if self.done() {
            return;
        }
        match outcome {
            Ok(v) => *self.result.borrow_mut() = v,
            Err(PyErr::Exc(e)) => *self.exception.borrow_mut() = Some(e),
            Err(PyErr::Fatal(_)) => return,
        }
        self.state.set(CfState::Finished);
        self.invoke_callbacks(vm);
    }

    pub fn cancel(self: &Rc<Self>, vm: &mut Vm) -> bool {
        match self.state.get() {
            CfState::Running | CfState::Finished => false,
            CfState::Cancelled => true,
            CfState::Pending => {
                self.state.set(CfState::Cancelled);
                self.invoke_callbacks(vm);
                true
            }
        }
    }

    fn invoke_callbacks(self: &Rc<Self>, vm: &mut Vm) {
        let callbacks = std::mem::take(&mut *self.callbacks.borrow_mut());
        for cb in callbacks {
            self.run_callback(vm, cb);
        }
    }

    fn run_callback(self: &Rc<Self>, vm: &mut Vm, cb: CfCallback) {
        match cb {
            CfCallback::Python(f) => {
                // concurrent.futures logs and swallows exceptions raised by callbacks.
                let _ = vm.call(f, Args::new([Value::Object(self.clone())]));
            }
            CfCallback::Chain(dest) => {
                if dest.cancelled() && dest.loop_.closed.get() {
                    return;
                }
                if !dest.loop_.closed.get() {
                    dest.loop_.call_soon_threadsafe(Callback::ChainSetState { dest: dest.clone(), source: self.clone() });
                }
            }
        }
    }

    pub fn add_callback(self: &Rc<Self>, vm: &mut Vm, cb: CfCallback) {
        if self.done() {
            self.run_callback(vm, cb);
        } else {
            self.callbacks.borrow_mut().push(cb);
        }
    }

    /// `_copy_future_state(source, dest)`, run on the loop by `_set_state`.
    pub fn copy_state_to(&self, vm: &mut Vm, dest: &Rc<Future>) -> PyResult<()> {
        if dest.cancelled() {
            return Ok(());
        }
        match self.state.get() {
            CfState::Cancelled => {
                dest.cancel(vm, Value::None)?;
            }
            _ => match self.exception.borrow().clone() {
                Some(e) => dest.set_exception(vm, e)?,
                None => dest.set_result(self.result.borrow().clone())?,
            },
        }
        Ok(())
    }

    fn get_result(&self) -> PyResult<Value> {
        match self.state.get() {
            CfState::Cancelled => Err(PyErr::of_class(self.rt.classes.cf_cancelled_error.clone(), "")),
            CfState::Finished => match self.exception.borrow().clone() {
                Some(e) => Err(PyErr::Exc(e)),
                None => Ok(self.result.borrow().clone()),
            },
            _ => Err(PyErr::new(ExcKind::TimeoutError, "")),
        }
    }

    /// `result()` from the loop thread blocks it until the worker is done.
    fn wait(&self, vm: &mut Vm) -> PyResult<()> {
        let rt = self.rt.clone();
        while !self.done() {
            let before = rt.now();
            rt.world().loop_waits(&rt, vm, f64::INFINITY)?;
            if !self.done() && rt.now() == before && !rt.world().posted.get() {
                return Err(PyErr::fatal(
                    "deadlock: waiting for a concurrent.futures.Future that no thread will ever complete",
                ));
            }
        }
        Ok(())
    }
}

impl NativeObject for ConcurrentFuture {
    fn type_name(&self) -> &'static str {
        "Future"
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_rc(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }

    fn class(&self) -> Option<Rc<Class>> {
        Some(self.rt.classes.cf_future.clone())
    }

    fn repr(&self, _vm: &mut Vm) -> String {
        let state = match self.state.get() {
            CfState::Pending => "pending",
            CfState::Running => "running",
            CfState::Cancelled => "cancelled",
            CfState::Finished => "finished",
        };
        format!("<Future at 0x{:012x} state={state}>", self.id)
    }

    fn has_method(&self, name: &str) -> bool {
        matches!(name, "result" | "exception" | "done" | "cancelled" | "cancel" | "running" | "add_done_callback")
    }

    fn call_method(&self, this: &Value, vm: &mut Vm, name: &str, args: Args) -> Option<PyResult<Value>> {
        let me: Rc<ConcurrentFuture> = match this {
            Value::Object(o) => o.clone().as_any_rc().downcast().ok()?,
            _ => return None,
        };
        Some(match name {
            "done" => Ok(Value::Bool(me.done())),
            "cancelled" => Ok(Value::Bool(me.state.get() == CfState::Cancelled)),
            "running" => Ok(Value::Bool(me.state.get() == CfState::Running)),
            "cancel" => Ok(Value::Bool(me.cancel(vm))),
            "result" => me.wait(vm).and_then(|_| me.get_result()),
            "exception" => me.wait(vm).and_then(|_| match me.state.get() {
                CfState::Cancelled => me.get_result(),
                _ => Ok(me.exception.borrow().clone().unwrap_or(Value::None)),
            }),
            "add_done_callback" => {
                let f = args.pos.first().cloned().unwrap_or(Value::None);
                me.add_callback(vm, CfCallback::Python(f));
                Ok(Value::None)
            }
            _ => return None,
        })
    }
}

/// `asyncio.wrap_future(cf)`: an asyncio future that follows `cf`.
pub fn wrap_future(vm: &mut Vm, loop_: &Rc<EventLoop>, cf: &Rc<ConcurrentFuture>) -> Rc<Future> {
    let dest = Future::new(loop_.clone(), FutureKind::Plain);
    if loop_.rt.traces(crate::trace::Level::Full) {
        let label = cf.job.borrow().clone().unwrap_or_else(|| "executor job".into());
        dest.set_label(&label);
    }
    dest.add_done_callback(DoneCallback::ChainCheckCancel(cf.clone()));
    cf.add_callback(vm, CfCallback::Chain(dest.clone()));
    dest
}

#[allow(dead_code)]
fn flag(c: &Cell<bool>) -> bool {
    c.get()
}
