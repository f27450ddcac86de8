//! `asyncio.run` (runners.py): a new loop, the main task, then the shutdown steps that
//! CPython also runs as tasks (cancel leftovers, `shutdown_asyncgens`,
//! `shutdown_default_executor`).

use std::any::Any;
use std::cell::Cell;
use std::rc::{Rc, Weak};

use crate::engine::value::{Args, ExcKind, NativeObject, Resume, SendResult, Value};
use crate::engine::vm::{PyErr, PyResult, Vm};
use crate::trace::{Event, Level};

use super::event_loop::EventLoop;
use super::task::{is_coroutine, new_task};
use super::Runtime;

pub fn asyncio_run(rt: &Rc<Runtime>, vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let debug = args.take_kw("debug");
    if let Some((k, _)) = args.kw.first() {
        return Err(PyErr::type_error(format!("run() got an unexpected keyword argument '{k}'")));
    }
    if rt.running().is_some() {
        return Err(PyErr::new(ExcKind::RuntimeError, "asyncio.run() cannot be called from a running event loop"));
    }
    let Some(main) = args.pos.first().cloned() else {
        return Err(PyErr::type_error("run() missing 1 required positional argument: 'main'"));
    };
    if !is_coroutine(&main) {
        let r = vm.repr(&main)?;
        return Err(PyErr::value_error(format!("a coroutine was expected, got {r}")));
    }
    let loop_ = EventLoop::new(rt.clone());
    let previous_loop = rt.process().loop_.replace(Some(loop_.clone()));
    if let Some(d) = debug {
        loop_.debug.set(vm.truthy(&d)?);
    }
    rt.record(Level::Full, || Event::LoopStarted { loop_id: loop_.id });
    let task = new_task(&loop_, main, None, vm)?;
    // Under CPython's asyncio.run the task steps run below `Runner.run`,
    // `run_until_complete`, `run_forever`, `_run_once` and `Handle._run` (Python
    // frames) and `Context.run` and the task's `__step` (C calls), all counted against
    // the recursion limit: a coroutine chain hits it as many levels sooner.
    const LOOP_DEPTH: usize = 7;
    vm.c_depth += LOOP_DEPTH;
    let result = loop_.run_until_complete(vm, &task);
    vm.c_depth -= LOOP_DEPTH;
    if let Err(PyErr::Fatal(f)) = result {
        return Err(PyErr::Fatal(f));
    }
    let closed = close(&loop_, vm);
    *rt.process().loop_.borrow_mut() = previous_loop;
    rt.record(Level::Full, || Event::LoopClosed { loop_id: loop_.id });
    let v = result?;
    closed?;
    Ok(v)
}

/// `Runner.close()`.
fn close(loop_: &Rc<EventLoop>, vm: &mut Vm) -> PyResult<()> {
    cancel_all_tasks(loop_, vm)?;
    for which in [Shutdown::AsyncGens, Shutdown::DefaultExecutor] {
        let coro = Value::Object(Rc::new(ShutdownCoro {
            which,
            loop_: loop_.clone(),
            started: Cell::new(false),
            waiting: std::cell::RefCell::new(None),
        }));
        let task = new_task(loop_, coro, None, vm)?;
        loop_.run_until_complete(vm, &task)?;
    }
    loop_.closed.set(true);
    Ok(())
}

/// `_cancel_all_tasks`: cancel what is still pending and wait for it.
fn cancel_all_tasks(loop_: &Rc<EventLoop>, vm: &mut Vm) -> PyResult<()> {
    let pending: Vec<_> = loop_
        .tasks
        .borrow()
        .iter()
        .filter_map(Weak::upgrade)
        .filter(|t| !t.done())
        .collect();
    if pending.is_empty() {
        return Ok(());
    }
    for t in &pending {
        t.cancel(vm, Value::None)?;
    }
    let mut args = Args::new(pending.iter().map(|t| t.value()));
    args.kw.push((Rc::from("return_exceptions"), Value::Bool(true)));
    let gathered = super::gather::gather(vm, loop_, args)?;
    let fut = super::future::Future::from_value(&gathered).expect("gather returns a future");
    loop_.run_until_complete(vm, &fut)?;
    for t in &pending {
        if t.cancelled() {
            continue;
        }
        if let Some(e) = t.exception() {
            loop_.call_exception_handler(vm, "unhandled exception during asyncio.run() shutdown", &e);
        }
    }
    Ok(())
}

#[derive(Clone, Copy)]
enum Shutdown {
    AsyncGens,
    DefaultExecutor,
}

/// `loop.shutdown_asyncgens()` / `loop.shutdown_default_executor()`: coroutines that
/// finish in one step when there is nothing to shut down.
struct ShutdownCoro {
    which: Shutdown,
    loop_: Rc<EventLoop>,
    started: Cell<bool>,
    /// `shutdown_default_executor`: the future a helper thread resolves once the
    /// executor's threads are joined.
    waiting: std::cell::RefCell<Option<Rc<super::future::Future>>>,
}

impl NativeObject for ShutdownCoro {
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
        let name = match self.which {
            Shutdown::AsyncGens => "BaseEventLoop.shutdown_asyncgens",
            Shutdown::DefaultExecutor => "BaseEventLoop.shutdown_default_executor",
        };
        format!("<coroutine object {name}>")
    }

    fn is_coroutine(&self) -> bool {
        true
    }

    fn send(&self, _this: &Value, _vm: &mut Vm, how: Resume) -> Option<PyResult<SendResult>> {
        if let Resume::Throw(e) = how {
            return Some(Err(PyErr::Exc(e)));
        }
        let waiting = self.waiting.borrow().clone();
        if let Some(fut) = waiting {
            self.waiting.borrow_mut().take();
            return Some(fut.get_result().map(|_| SendResult::Return(Value::None)));
        }
        if self.started.replace(true) {
            return Some(Err(PyErr::new(ExcKind::RuntimeError, "cannot reuse already awaited coroutine")));
        }
        if let Shutdown::DefaultExecutor = self.which {
            if let Some(exec) = self.loop_.default_executor_used() {
                // A helper thread joins the executor's workers, then posts
                // `future.set_result(None)` with call_soon_threadsafe.
                let fut = super::future::Future::new(self.loop_.clone(), super::future::FutureKind::Plain);
                if let Err(e) = exec.shutdown(_vm, true) {
                    return Some(Err(e));
                }
                self.loop_.call_soon_threadsafe(super::handle::Callback::SetResult { fut: fut.clone(), value: Value::None });
                fut.blocking.set(true);
                *self.waiting.borrow_mut() = Some(fut.clone());
                return Some(Ok(SendResult::Yield(fut.value())));
            }
        }
        Some(Ok(SendResult::Return(Value::None)))
    }
}
