//! Async generators' awaitables (`__anext__`/`asend`, `athrow`, `aclose`) and the
//! generator methods `send`/`throw`/`close`.
//!
//! Each awaitable resumes the async generator's frame as a nested VM segment: when the
//! generator `yield`s, the awaitable finishes with that value; when it awaits something
//! that suspends, the suspension is handed up to the awaiting coroutine (and its Task).

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::value::types::types;
use super::value::{Args, ExcKind, GenKind, GenState, Generator, NativeObject, Resume, SendResult, Value};
use super::vm::{PyErr, PyResult, ResumeOutcome, Vm};

#[derive(Clone, Copy, PartialEq, Eq)]
enum AwState {
    Init,
    Iter,
    Closed,
}

enum Mode {
    /// `__anext__()` / `asend(value)`.
    Send(Value),
    /// `athrow(exc)`.
    Throw(Value),
    /// `aclose()`: throw GeneratorExit; yielding again is an error.
    Close,
}

struct AgenAwaitable {
    gen: Rc<Generator>,
    mode: RefCell<Mode>,
    state: Cell<AwState>,
}

pub fn asend(gen: Rc<Generator>, value: Value) -> Value {
    Value::Object(Rc::new(AgenAwaitable { gen, mode: RefCell::new(Mode::Send(value)), state: Cell::new(AwState::Init) }))
}

fn athrow(gen: Rc<Generator>, exc: Value) -> Value {
    Value::Object(Rc::new(AgenAwaitable { gen, mode: RefCell::new(Mode::Throw(exc)), state: Cell::new(AwState::Init) }))
}

fn aclose(gen: Rc<Generator>) -> Value {
    Value::Object(Rc::new(AgenAwaitable { gen, mode: RefCell::new(Mode::Close), state: Cell::new(AwState::Init) }))
}

impl AgenAwaitable {
    fn is_close(&self) -> bool {
        matches!(*self.mode.borrow(), Mode::Close)
    }

    fn step(&self, vm: &mut Vm, how: Resume) -> PyResult<SendResult> {
        if self.state.get() == AwState::Closed {
            return Err(PyErr::new(
                ExcKind::RuntimeError,
                "cannot reuse already awaited __anext__()/asend()",
            ));
        }
        let first = self.state.get() == AwState::Init;
        self.state.set(AwState::Iter);
        let how = if first {
            match &*self.mode.borrow() {
                Mode::Send(v) => Resume::Send(v.clone()),
                Mode::Throw(e) => Resume::Throw(e.clone()),
                Mode::Close => {
                    let e = PyErr::new(ExcKind::GeneratorExit, "");
                    Resume::Throw(e.value().cloned().unwrap_or_default())
                }
            }
        } else {
            how
        };
        if first && self.is_close() && matches!(self.gen.state.get(), GenState::Created | GenState::Closed) {
            self.gen.state.set(GenState::Closed);
            self.gen.frame.borrow_mut().take();
            self.state.set(AwState::Closed);
            return Ok(SendResult::Return(Value::None));
        }
        let result = vm.resume(&self.gen, how);
        match result {
            Ok(ResumeOutcome::Suspend(v)) => Ok(SendResult::Yield(v)),
            Ok(ResumeOutcome::Yield(v)) => {
                self.state.set(AwState::Closed);
                if self.is_close() {
                    return Err(PyErr::new(ExcKind::RuntimeError, "async generator ignored GeneratorExit"));
                }
                Ok(SendResult::Return(v))
            }
            Ok(ResumeOutcome::Return(_)) => {
                self.state.set(AwState::Closed);
                if self.is_close() {
                    return Ok(SendResult::Return(Value::None));
                }
                Err(PyErr::with_args(ExcKind::StopAsyncIteration, vec![]))
            }
            Err(e) => {
                self.state.set(AwState::Closed);
                if self.is_close() && (e.is(ExcKind::GeneratorExit) || e.is(ExcKind::StopAsyncIteration)) {
                    return Ok(SendResult::Return(Value::None));
                }
                Err(e)
            }
        }
    }
}

impl NativeObject for AgenAwaitable {
    fn type_name(&self) -> &'static str {
        match *self.mode.borrow() {
            Mode::Send(_) => "async_generator_asend",
            _ => "async_generator_athrow",
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_rc(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }

    fn send(&self, _this: &Value, vm: &mut Vm, how: Resume) -> Option<PyResult<SendResult>> {
        Some(self.step(vm, how))
    }

    fn has_method(&self, name: &str) -> bool {
        matches!(name, "send" | "throw" | "close" | "__await__" | "__next__")
    }

    fn call_method(&self, this: &Value, vm: &mut Vm, name: &str, args: Args) -> Option<PyResult<Value>> {
        Some(match name {
            "__await__" => Ok(this.clone()),
            "send" | "__next__" => {
                let v = args.pos.first().cloned().unwrap_or(Value::None);
                match self.step(vm, Resume::Send(v)) {
                    Ok(SendResult::Yield(v)) => Ok(v),
                    Ok(SendResult::Return(v)) => Err(PyErr::stop_iteration(v)),
                    Err(e) => Err(e),
                }
            }
            "close" => {
                self.state.set(AwState::Closed);
                Ok(Value::None)
            }
            _ => return None,
        })
    }
}

/// `anext(it, default)`: the default instead of StopAsyncIteration.
struct AnextDefault {
    inner: Value,
    default: Value,
}

pub fn anext_with_default(inner: Value, default: Value) -> Value {
    Value::Object(Rc::new(AnextDefault { inner, default }))
}

impl NativeObject for AnextDefault {
    fn type_name(&self) -> &'static str {
        "anext_awaitable"
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_rc(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }

    fn send(&self, _this: &Value, vm: &mut Vm, how: Resume) -> Option<PyResult<SendResult>> {
        let r = match &self.inner {
            Value::Object(o) => o.send(&self.inner, vm, how)?,
            Value::Generator(g) => vm.resume(g, how).map(|o| match o {
                ResumeOutcome::Return(v) => SendResult::Return(v),
                ResumeOutcome::Yield(v) | ResumeOutcome::Suspend(v) => SendResult::Yield(v),
            }),
            _ => return None,
        };
        Some(match r {
            Err(e) if e.is(ExcKind::StopAsyncIteration) => Ok(SendResult::Return(self.default.clone())),
            other => other,
        })
    }
}

/// `send`/`throw`/`close` on generators and coroutines; `asend`/`athrow`/`aclose` on async ones.
pub fn generator_method(vm: &mut Vm, g: &Rc<Generator>, name: &str, args: Args) -> Option<PyResult<Value>> {
    match (g.kind, name) {
        (GenKind::AsyncGenerator, "__anext__") => Some(Ok(asend(g.clone(), Value::None))),
        (GenKind::AsyncGenerator, "asend") => Some(Ok(asend(g.clone(), args.pos.first().cloned().unwrap_or(Value::None)))),
        (GenKind::AsyncGenerator, "aclose") => Some(Ok(aclose(g.clone()))),
        (GenKind::AsyncGenerator, "athrow") => Some(throw_value(vm, &args).map(|e| athrow(g.clone(), e))),
        (GenKind::AsyncGenerator, _) => None,
        (_, "send") | (GenKind::Generator, "__next__") => {
            let v = args.pos.first().cloned().unwrap_or(Value::None);
            Some(sync_result(vm.resume(g, Resume::Send(v))))
        }
        (_, "throw") => Some(throw_value(vm, &args).and_then(|e| sync_result(vm.resume(g, Resume::Throw(e))))),
        (_, "close") => Some(vm.close_generator(g).map(|_| Value::None)),
        _ => None,
    }
}

fn sync_result(r: PyResult<ResumeOutcome>) -> PyResult<Value> {
    match r? {
        ResumeOutcome::Yield(v) | ResumeOutcome::Suspend(v) => Ok(v),
        ResumeOutcome::Return(v) => Err(PyErr::stop_iteration(v)),
    }
}

/// `throw(exc)` / `throw(Type)` / `throw(Type, value)`.
fn throw_value(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let Some(first) = args.pos.first() else {
        return Err(PyErr::type_error("throw expected at least 1 argument, got 0"));
    };
    match first {
        Value::Class(c) if c.is_exception => {
            let call_args = match args.pos.get(1) {
                Some(v) if !v.is_none() => Args::new([v.clone()]),
                _ => Args::default(),
            };
            vm.call(first.clone(), call_args)
        }
        v if v.exc().is_some() => Ok(v.clone()),
        _ => Err(PyErr::type_error("exceptions must be classes or instances deriving from BaseException, not ".to_string()
            + super::value::types::type_name(first))),
    }
}

#[allow(dead_code)]
fn unused() -> Rc<super::value::Class> {
    types().object.clone()
}
