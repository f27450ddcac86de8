//! The `asyncio` module object: the functions and classes scripts import.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use crate::engine::value::number::{as_number, to_f64};
use crate::engine::value::types::class_name;
use crate::engine::value::{Args, ExcKind, Module, NativeFunction, Value};
use crate::engine::vm::{PyErr, PyResult, Vm};

use super::event_loop::EventLoop;
use super::future::{Future, FutureKind};
use super::loop_object::LoopObject;
use super::Runtime;

fn running(rt: &Runtime) -> PyResult<Rc<EventLoop>> {
    rt.running().ok_or_else(|| PyErr::new(ExcKind::RuntimeError, "no running event loop"))
}

fn def(m: &Module, rt: &Rc<Runtime>, name: &str, f: impl Fn(&Rc<Runtime>, &mut Vm, Args) -> PyResult<Value> + 'static) {
    let rt = rt.clone();
    m.set(name, NativeFunction::new(name, "asyncio", move |vm, args| f(&rt, vm, args)));
}

pub fn make_asyncio_module(rt: &Rc<Runtime>) -> Value {
    let m = Module::new("asyncio");
    let c = &rt.classes;
    m.set("CancelledError", Value::Class(c.cancelled_error.clone()));
    m.set("InvalidStateError", Value::Class(c.invalid_state_error.clone()));
    m.set("QueueEmpty", Value::Class(c.queue_empty.clone()));
    m.set("QueueFull", Value::Class(c.queue_full.clone()));
    m.set("BrokenBarrierError", Value::Class(c.broken_barrier_error.clone()));
    m.set("TimeoutError", Value::Class(crate::engine::value::types::types().exc(ExcKind::TimeoutError)));
    m.set("Future", Value::Class(c.future.clone()));
    m.set("Task", Value::Class(c.task.clone()));
    m.set("Handle", Value::Class(c.handle.clone()));
    m.set("TimerHandle", Value::Class(c.timer_handle.clone()));
    install_future_constructor(rt);
    // Streams and subprocesses reach the network and the process table: refused by name
    // (the simulated services model servers and clients without them).
    for name in [
        "open_connection", "start_server", "open_unix_connection", "start_unix_server",
        "create_subprocess_exec", "create_subprocess_shell",
    ] {
        m.set(name, NativeFunction::new(name, "asyncio", move |_vm, _args| {
            Err(crate::engine::builtins::refused(&format!("asyncio.{name}()")))
        }));
    }
    def(&m, rt, "run", super::runner::asyncio_run);
    def(&m, rt, "sleep", |rt, _vm, mut args| {
        let result = args.take_kw("result");
        let delay = args.take_kw("delay").or_else(|| args.pos.first().cloned());
        let result = result.or_else(|| args.pos.get(1).cloned()).unwrap_or(Value::None);
        let Some(delay) = delay else {
            return Err(PyErr::type_error("sleep() missing 1 required positional argument: 'delay'"));
        };
        let d = match as_number(&delay) {
            Some(n) => to_f64(&n).map_err(|(k, m)| PyErr::new(k, m))?,
            None => {
                return Err(PyErr::type_error(format!(
                    "'<=' not supported between instances of '{}' and 'int'",
                    class_name(&delay)
                )))
            }
        };
        Ok(super::sleep::sleep_coroutine(rt.clone(), d, result))
    });
    def(&m, rt, "gather", |rt, vm, args| {
        let loop_ = running(rt)?;
        super::gather::gather(vm, &loop_, args)
    });
    def(&m, rt, "create_task", |rt, vm, mut args| {
        let name = args.take_kw("name");
        let _context = args.take_kw("context");
        let coro = args.pos.first().cloned().unwrap_or(Value::None);
        let loop_ = running(rt)?;
        super::task::new_task_named(&loop_, coro, name, true, vm).map(|t| t.value())
    });
    def(&m, rt, "ensure_future", |rt, vm, args| {
        let arg = args.pos.first().cloned().unwrap_or(Value::None);
        let loop_ = running(rt)?;
        super::gather::ensure_future(vm, &loop_, arg).map(|f| f.value())
    });
    def(&m, rt, "get_running_loop", |rt, _vm, _args| Ok(loop_object(&running(rt)?)));
    def(&m, rt, "get_event_loop", |rt, _vm, _args| match rt.running() {
        Some(l) => Ok(loop_object(&l)),
        // CPython 3.11 makes a loop here; aiotutor runs loops only inside asyncio.run.
        None => Err(PyErr::new(
            ExcKind::NotImplementedError,
            "asyncio.get_event_loop() outside a running loop is not supported by aiotutor yet: run the program with asyncio.run(main())",
        )),
    });
    def(&m, rt, "current_task", |rt, _vm, _args| {
        let loop_ = running(rt)?;
        let cur = loop_.current_task.borrow().clone();
        Ok(cur.map(|t| t.value()).unwrap_or(Value::None))
    });
    def(&m, rt, "all_tasks", |rt, vm, _args| {
        let loop_ = running(rt)?;
        let tasks: Vec<Value> = loop_
            .tasks
            .borrow()
            .iter()
            .filter_map(Weak::upgrade)
            .filter(|t| !t.done())
            .map(|t| t.value())
            .collect();
        vm.make_set(tasks)
    });
    def(&m, rt, "iscoroutine", |_rt, _vm, args| Ok(Value::Bool(args.pos.first().is_some_and(super::task::is_coroutine))));
    def(&m, rt, "iscoroutinefunction", |_rt, _vm, args| {
        Ok(Value::Bool(matches!(args.pos.first(), Some(Value::Function(f)) if f.code.flags.is_coroutine)))
    });
    def(&m, rt, "isfuture", |_rt, _vm, args| Ok(Value::Bool(args.pos.first().is_some_and(super::future::is_future))));
    for name in ["to_thread", "run_coroutine_threadsafe", "Runner", "new_event_loop", "set_event_loop"] {
        def(&m, rt, name, move |_rt, _vm, _args| {
            Err(PyErr::new(ExcKind::NotImplementedError, format!("asyncio.{name} is not supported by aiotutor yet")))
        });
    }
    // TaskGroup, timeouts, wait/wait_for/shield/as_completed, locks and queues: written in
    // Python (src/aio/prelude/). Executors may replace some of the stubs above.
    super::prelude::install(&m, rt);
    super::executor::register(&m, rt);
    Value::Module(m)
}

thread_local! {
    /// The loop objects handed out and still held by someone.
    static LOOP_OBJECTS: RefCell<Vec<Weak<LoopObject>>> = const { RefCell::new(Vec::new()) };
}

/// The loop as Python code sees it: the same object each time while anyone holds it, so
/// that `get_running_loop() is loop` holds, as do the primitives' loop binding checks.
pub fn loop_object(loop_: &Rc<EventLoop>) -> Value {
    LOOP_OBJECTS.with(|cell| {
        let mut held = cell.borrow_mut();
        held.retain(|w| w.strong_count() > 0);
        if let Some(obj) = held.iter().filter_map(Weak::upgrade).find(|o| Rc::ptr_eq(&o.loop_, loop_)) {
            return Value::Object(obj);
        }
        let obj = Rc::new(LoopObject { loop_: loop_.clone() });
        held.push(Rc::downgrade(&obj));
        Value::Object(obj)
    })
}

/// `asyncio.Future()` creates a future on the running loop.
fn install_future_constructor(rt: &Rc<Runtime>) {
    let rt2 = rt.clone();
    let new = NativeFunction::new("__new__", "asyncio", move |_vm, _args| {
        let loop_ = running(&rt2)?;
        Ok(Future::new(loop_, FutureKind::Plain).value())
    });
    rt.classes.future.dict.borrow_mut().insert(Rc::from("__new__"), Value::StaticMethod(Rc::new(new)));
}
