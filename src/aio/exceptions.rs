//! asyncio's own classes: its exceptions (asyncio.exceptions) and the class objects
//! `isinstance` sees for futures and tasks.

use std::rc::Rc;

use crate::engine::value::types::{new_class, types};
use crate::engine::value::{BuiltinType, Class, ExcKind};

pub struct AsyncioClasses {
    pub cancelled_error: Rc<Class>,
    pub invalid_state_error: Rc<Class>,
    pub queue_empty: Rc<Class>,
    pub queue_full: Rc<Class>,
    pub broken_barrier_error: Rc<Class>,
    pub future: Rc<Class>,
    pub task: Rc<Class>,
    pub gathering_future: Rc<Class>,
    pub handle: Rc<Class>,
    pub timer_handle: Rc<Class>,
    pub event_loop: Rc<Class>,
    pub cf_future: Rc<Class>,
    pub cf_cancelled_error: Rc<Class>,
    pub thread_pool: Rc<Class>,
    pub process_pool: Rc<Class>,
}

impl AsyncioClasses {
    pub fn new() -> AsyncioClasses {
        let t = types();
        let exc = |name: &str, base: ExcKind| new_class(name, "asyncio.exceptions", vec![t.exc(base)], BuiltinType::BaseException);
        let plain = |name: &str, module: &str, bases: Vec<Rc<Class>>| new_class(name, module, bases, BuiltinType::Other);
        let future = plain("Future", "_asyncio", vec![t.object.clone()]);
        let task = plain("Task", "_asyncio", vec![future.clone()]);
        let gathering_future = plain("_GatheringFuture", "asyncio.tasks", vec![future.clone()]);
        let handle = plain("Handle", "asyncio.events", vec![t.object.clone()]);
        let timer_handle = plain("TimerHandle", "asyncio.events", vec![handle.clone()]);
        AsyncioClasses {
            cancelled_error: exc("CancelledError", ExcKind::BaseException),
            invalid_state_error: exc("InvalidStateError", ExcKind::Exception),
            queue_empty: new_class("QueueEmpty", "asyncio.queues", vec![t.exc(ExcKind::Exception)], BuiltinType::BaseException),
            queue_full: new_class("QueueFull", "asyncio.queues", vec![t.exc(ExcKind::Exception)], BuiltinType::BaseException),
            broken_barrier_error: exc("BrokenBarrierError", ExcKind::RuntimeError),
            future,
            task,
            gathering_future,
            handle,
            timer_handle,
            event_loop: plain("_UnixSelectorEventLoop", "asyncio.unix_events", vec![t.object.clone()]),
            cf_future: plain("Future", "concurrent.futures._base", vec![t.object.clone()]),
            cf_cancelled_error: new_class(
                "CancelledError",
                "concurrent.futures._base",
                vec![t.exc(ExcKind::Exception)],
                BuiltinType::BaseException,
            ),
            thread_pool: plain("ThreadPoolExecutor", "concurrent.futures.thread", vec![t.object.clone()]),
            process_pool: plain("ProcessPoolExecutor", "concurrent.futures.process", vec![t.object.clone()]),
        }
    }
}

impl Default for AsyncioClasses {
    fn default() -> Self {
        AsyncioClasses::new()
    }
}
