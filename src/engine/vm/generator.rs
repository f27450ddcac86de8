//! Generators and coroutines: resuming a suspended frame (`send`/`throw`), and storing it
//! back when it yields. This is what `Task.step` drives.

use std::rc::Rc;

use super::super::value::{ExcKind, GenKind, GenState, Generator, Resume, Value};
use super::dispatch::RunOutcome;
use super::{ExitMode, PyErr, PyResult, Vm};

/// What one resumption of a generator or coroutine produced.
#[derive(Debug)]
pub enum ResumeOutcome {
    /// It finished, returning this value.
    Return(Value),
    /// It yielded this value: a generator's item, or what a coroutine's innermost
    /// awaitable handed up (a future, or `None` for a bare `sleep(0)` yield).
    Yield(Value),
    /// An async generator suspended inside an `await` (not at one of its own `yield`s).
    Suspend(Value),
}

impl Vm {
    /// Push a generator's frame and deliver `how` to it: the frame runs next.
    pub(crate) fn enter_generator(&mut self, gen: &Rc<Generator>, how: Resume, exit: ExitMode) -> PyResult<()> {
        match gen.state.get() {
            GenState::Running => {
                let what = match gen.kind {
                    GenKind::Coroutine => "coroutine",
                    GenKind::Generator => "generator",
                    GenKind::AsyncGenerator => "async generator",
                };
                return Err(PyErr::value_error(format!("{what} already executing")));
            }
            GenState::Closed => {
                return Err(match gen.kind {
                    GenKind::Coroutine => PyErr::new(ExcKind::RuntimeError, "cannot reuse already awaited coroutine"),
                    GenKind::AsyncGenerator => PyErr::with_args(ExcKind::StopAsyncIteration, vec![]),
                    GenKind::Generator => PyErr::stop_iteration(Value::None),
                });
            }
            GenState::Created => {
                if let Resume::Send(v) = &how {
                    if !v.is_none() {
                        let what = if gen.kind == GenKind::Coroutine { "coroutine" } else { "generator" };
                        return Err(PyErr::type_error(format!("can't send non-None value to a just-started {what}")));
                    }
                }
                if let Resume::Throw(e) = &how {
                    // Throwing into an unstarted generator closes it without running it.
                    gen.state.set(GenState::Closed);
                    gen.frame.borrow_mut().take();
                    return Err(PyErr::Exc(e.clone()));
                }
            }
            GenState::Suspended => {}
        }
        let mut frame = gen.frame.borrow_mut().take().ok_or_else(|| PyErr::internal("suspended generator without a frame"))?;
        // The running frame knows its generator (to store itself back at a `yield`).
        frame.owner = Some(gen.clone());
        gen.state.set(GenState::Running);
        gen.started.set(true);
        frame.exit = exit;
        let fresh = frame.ip == 0;
        match how {
            Resume::Send(v) => {
                if !fresh {
                    frame.stack.push(v);
                }
                self.push_frame(frame)?;
            }
            Resume::Throw(exc) => {
                let at_yield_from = frame
                    .ip
                    .checked_sub(0)
                    .and_then(|ip| frame.code.ops.get(ip))
                    .is_some_and(|op| matches!(op, super::super::bytecode::Op::YieldFrom));
                if at_yield_from {
                    // Re-run the YieldFrom: it throws into the awaitable it delegates to.
                    frame.set_pending_throw(exc);
                    frame.stack.push(Value::None);
                    self.push_frame(frame)?;
                } else {
                    self.push_frame(frame)?;
                    return Err(PyErr::Exc(exc));
                }
            }
        }
        Ok(())
    }

    /// Resume a generator or coroutine until it yields or finishes (a nested VM segment).
    ///
    /// The segment is nested in a native call (`sum(genexpr)`, `list(gen)`, a task
    /// step), so a simulated thread's slice cannot end inside it: the native caller
    /// expects a value back, not a preempted frame.
    pub fn resume(&mut self, gen: &Rc<Generator>, how: Resume) -> PyResult<ResumeOutcome> {
        self.native_depth += 1;
        let r = self.resume_nested(gen, how);
        self.native_depth -= 1;
        r
    }

    fn resume_nested(&mut self, gen: &Rc<Generator>, how: Resume) -> PyResult<ResumeOutcome> {
        let depth = self.frames.len();
        if let Err(e) = self.enter_generator(gen, how, ExitMode::Base) {
            if self.frames.len() > depth {
                // The throw happens inside the frame: let its handlers see it.
                return self.run_with_error(e).map(into_resume);
            }
            return Err(e);
        }
        self.run().map(into_resume)
    }

    /// Resume a Python or native coroutine (what `Task.step` calls).
    pub fn resume_awaitable(&mut self, coro: &Value, how: Resume) -> PyResult<ResumeOutcome> {
        match coro {
            Value::Generator(g) => self.resume(g, how),
            Value::Object(o) => match o.send(coro, self, how) {
                Some(Ok(super::super::value::SendResult::Yield(v))) => Ok(ResumeOutcome::Yield(v)),
                Some(Ok(super::super::value::SendResult::Return(v))) => Ok(ResumeOutcome::Return(v)),
                Some(Err(e)) => Err(e),
                None => Err(PyErr::type_error(format!("'{}' object is not a coroutine", o.type_name()))),
            },
            other => Err(PyErr::type_error(format!(
                "a coroutine was expected, got {}",
                super::super::value::types::type_name(other)
            ))),
        }
    }

    /// `gen.close()`: throw GeneratorExit in; it must not yield again.
    pub fn close_generator(&mut self, gen: &Rc<Generator>) -> PyResult<()> {
        match gen.state.get() {
            GenState::Closed => return Ok(()),
            GenState::Created => {
                gen.state.set(GenState::Closed);
                gen.frame.borrow_mut().take();
                return Ok(());
            }
            _ => {}
        }
        let exit = PyErr::new(ExcKind::GeneratorExit, "");
        let exc = exit.value().cloned().expect("a fresh exception");
        match self.resume(gen, Resume::Throw(exc)) {
            Ok(ResumeOutcome::Return(_)) => Ok(()),
            Ok(_) => Err(PyErr::new(ExcKind::RuntimeError, "generator ignored GeneratorExit")),
            Err(e) if e.is(ExcKind::GeneratorExit) || e.is(ExcKind::StopIteration) => Ok(()),
            Err(e) => Err(e),
        }
    }
}

fn into_resume(outcome: RunOutcome) -> ResumeOutcome {
    match outcome {
        RunOutcome::Return(v) => ResumeOutcome::Return(v),
        RunOutcome::Yield(v) => ResumeOutcome::Yield(v),
        RunOutcome::Suspend(v) => ResumeOutcome::Suspend(v),
        RunOutcome::Preempted => ResumeOutcome::Suspend(Value::None),
    }
}
