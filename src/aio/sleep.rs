//! `asyncio.sleep(delay, result=None)` as a native coroutine, mirroring tasks.py:
//! `sleep(0)` is one bare yield; otherwise a future resolved by a `call_later` timer.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use crate::engine::value::{ExcKind, NativeObject, Resume, SendResult, Value};
use crate::engine::vm::{PyErr, PyResult, Vm};

use super::event_loop::EventLoop;
use super::future::{Future, FutureKind};
use super::handle::{Callback, Handle};
use super::Runtime;

enum State {
    /// Not started. The result is boxed: `sleep(d, result)` is rare, and 100,000 sleeping
    /// tasks are 100,000 of these objects.
    Created { delay: f64, result: Option<Box<Value>> },
    /// `await __sleep0()`: yielded once.
    Yielded { result: Option<Box<Value>> },
    /// Waiting on `future` (which will hold the result), whose timer is `handle`.
    Waiting { future: Rc<Future>, handle: Rc<Handle> },
    Done,
}

pub struct Sleep {
    rt: Rc<Runtime>,
    state: RefCell<State>,
}

pub fn sleep_coroutine(rt: Rc<Runtime>, delay: f64, result: Value) -> Value {
    let result = if result.is_none() { None } else { Some(Box::new(result)) };
    Value::Object(Rc::new(Sleep { rt, state: RefCell::new(State::Created { delay, result }) }))
}

fn unbox(result: Option<Box<Value>>) -> Value {
    result.map_or(Value::None, |r| *r)
}

impl Sleep {
    fn running_loop(&self) -> PyResult<Rc<EventLoop>> {
        self.rt.running().ok_or_else(|| PyErr::new(ExcKind::RuntimeError, "no running event loop"))
    }

    fn step(&self, vm: &mut Vm, how: Resume) -> PyResult<SendResult> {
        self.rt.sync_cpu(vm);
        let state = std::mem::replace(&mut *self.state.borrow_mut(), State::Done);
        match state {
            State::Done => Err(PyErr::new(ExcKind::RuntimeError, "cannot reuse already awaited coroutine")),
            State::Created { delay, result } => {
                if let Resume::Throw(e) = how {
                    return Err(PyErr::Exc(e));
                }
                if delay <= 0.0 {
                    *self.state.borrow_mut() = State::Yielded { result };
                    return Ok(SendResult::Yield(Value::None));
                }
                let loop_ = self.running_loop()?;
                let future = Future::new(loop_.clone(), FutureKind::Plain);
                let until = loop_.time() + delay;
                if self.rt.traces(crate::trace::Level::Full) {
                    future.set_sleep_until(until);
                    let label = format!("sleep({})", crate::engine::format::float_repr::float_repr(delay));
                    future.set_label(&label);
                }
                let handle = loop_.call_at(
                    until,
                    Callback::SetResultUnlessCancelled { fut: future.clone(), value: unbox(result) },
                );
                future.blocking.set(true);
                *self.state.borrow_mut() = State::Waiting { future: future.clone(), handle };
                Ok(SendResult::Yield(future.value()))
            }
            State::Yielded { result } => match how {
                Resume::Throw(e) => Err(PyErr::Exc(e)),
                Resume::Send(_) => Ok(SendResult::Return(unbox(result))),
            },
            State::Waiting { future, handle } => {
                // `finally: h.cancel()` runs on every way out.
                let outcome = match how {
                    Resume::Throw(e) => Err(PyErr::Exc(e)),
                    Resume::Send(_) => {
                        if !future.done() {
                            *self.state.borrow_mut() = State::Waiting { future: future.clone(), handle };
                            future.blocking.set(true);
                            return Ok(SendResult::Yield(future.value()));
                        }
                        future.get_result().map(SendResult::Return)
                    }
                };
                future.loop_.cancel_handle(&handle);
                outcome
            }
        }
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        // `asyncio.sleep(1)` without `await`: CPython's coroutine finalizer warns.
        if matches!(self.state.get_mut(), State::Created { .. }) {
            crate::engine::unawaited::note(Rc::from("sleep"));
        }
    }
}

impl NativeObject for Sleep {
    fn type_name(&self) -> &'static str {
        "coroutine"
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_rc(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }

    fn repr(&self, _vm: &mut Vm) -> String {
        format!("<coroutine object sleep at 0x{:012x}>", self as *const Sleep as usize)
    }

    fn is_coroutine(&self) -> bool {
        true
    }

    fn send(&self, _this: &Value, vm: &mut Vm, how: Resume) -> Option<PyResult<SendResult>> {
        Some(self.step(vm, how))
    }

    fn has_method(&self, name: &str) -> bool {
        matches!(name, "send" | "throw" | "close" | "__await__")
    }

    fn call_method(&self, this: &Value, vm: &mut Vm, name: &str, args: crate::engine::value::Args) -> Option<PyResult<Value>> {
        Some(match name {
            "__await__" => Ok(this.clone()),
            "close" => {
                *self.state.borrow_mut() = State::Done;
                Ok(Value::None)
            }
            "send" | "throw" => {
                let v = args.pos.first().cloned().unwrap_or(Value::None);
                let how = if name == "send" { Resume::Send(v) } else { Resume::Throw(v) };
                match self.step(vm, how) {
                    Ok(SendResult::Yield(y)) => Ok(y),
                    Ok(SendResult::Return(r)) => Err(PyErr::stop_iteration(r)),
                    Err(e) => Err(e),
                }
            }
            _ => return None,
        })
    }
}
