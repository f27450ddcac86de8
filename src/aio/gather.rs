//! `asyncio.gather` and `_GatheringFuture` (tasks.py): children report through a done
//! callback; the outer future completes when the last child does (or the first fails).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use crate::engine::value::{Args, Value};
use crate::engine::vm::{PyErr, PyResult, Vm};

use super::event_loop::EventLoop;
use super::future::{Future, FutureKind};
use super::handle::DoneCallback;

/// The closure state of `gather.<locals>._done_callback`.
pub struct GatherState {
    /// The outer future; released once it is done (it points back at this state).
    outer: RefCell<Option<Rc<Future>>>,
    children: RefCell<Vec<Rc<Future>>>,
    nfuts: Cell<usize>,
    nfinished: Cell<usize>,
    return_exceptions: bool,
    /// `_GatheringFuture._cancel_requested`.
    pub cancel_requested: Cell<bool>,
}

impl GatherState {
    pub fn children(&self) -> Vec<Rc<Future>> {
        self.children.borrow().clone()
    }
}

/// `gather(*coros_or_futures, return_exceptions=False)`.
pub fn gather(vm: &mut Vm, loop_: &Rc<EventLoop>, mut args: Args) -> PyResult<Value> {
    let return_exceptions = match args.take_kw("return_exceptions") {
        Some(v) => vm.truthy(&v)?,
        None => false,
    };
    if let Some((k, _)) = args.kw.first() {
        return Err(PyErr::type_error(format!("gather() got an unexpected keyword argument '{k}'")));
    }
    if args.pos.is_empty() {
        let outer = Future::new(loop_.clone(), FutureKind::Plain);
        outer.set_result(Value::list(vec![]))?;
        return Ok(outer.value());
    }
    let state = Rc::new(GatherState {
        outer: RefCell::new(None),
        children: RefCell::new(Vec::new()),
        nfuts: Cell::new(0),
        nfinished: Cell::new(0),
        return_exceptions,
        cancel_requested: Cell::new(false),
    });
    // `arg_to_fut`: the same awaitable twice is awaited once.
    let mut seen: HashMap<usize, Rc<Future>> = HashMap::new();
    for arg in args.pos.iter() {
        let fut = match seen.get(&arg.identity()) {
            Some(f) => f.clone(),
            None => {
                let fut = ensure_future(vm, loop_, arg.clone())?;
                state.nfuts.set(state.nfuts.get() + 1);
                seen.insert(arg.identity(), fut.clone());
                fut.add_done_callback(DoneCallback::Gather(state.clone()));
                fut
            }
        };
        state.children.borrow_mut().push(fut);
    }
    drop(seen);
    let outer = Future::new(loop_.clone(), FutureKind::Gathering(state.clone()));
    *state.outer.borrow_mut() = Some(outer.clone());
    Ok(outer.value())
}

/// `ensure_future`: futures pass through, coroutines become tasks.
pub fn ensure_future(vm: &mut Vm, loop_: &Rc<EventLoop>, arg: Value) -> PyResult<Rc<Future>> {
    if let Some(f) = Future::from_value(&arg) {
        return Ok(f);
    }
    if super::task::is_coroutine(&arg) {
        return super::task::new_task(loop_, arg, None, vm);
    }
    Err(PyErr::type_error("An asyncio.Future, a coroutine or an awaitable is required"))
}

/// `_done_callback(fut)` for one finished child.
pub fn gather_done(state: &Rc<GatherState>, vm: &mut Vm, fut: &Rc<Future>) -> PyResult<()> {
    let _ = vm;
    state.nfinished.set(state.nfinished.get() + 1);
    let outer = state.outer.borrow().clone();
    let Some(outer) = outer else { return Ok(()) };
    let r = gather_child_done(state, vm, fut, &outer);
    if outer.done() {
        state.outer.borrow_mut().take();
    }
    r
}

fn gather_child_done(state: &Rc<GatherState>, vm: &mut Vm, fut: &Rc<Future>, outer: &Rc<Future>) -> PyResult<()> {
    if outer.done() {
        return Ok(());
    }
    if !state.return_exceptions {
        if fut.cancelled() {
            let exc = fut.make_cancelled_error();
            return outer.set_exception(vm, exc.value().cloned().unwrap_or_default());
        }
        if let Some(e) = fut.exception() {
            return outer.set_exception(vm, e);
        }
    }
    if state.nfinished.get() == state.nfuts.get() {
        let mut results = Vec::new();
        for child in state.children.borrow().iter() {
            let res = if child.cancelled() {
                let msg = child.cancel_message();
                let msg = if msg.is_none() { Value::str("") } else { msg };
                crate::engine::vm::except_new(outer.loop_.rt.classes.cancelled_error.clone(), vec![msg])
            } else {
                match child.exception() {
                    Some(e) => e,
                    None => child.result(),
                }
            };
            results.push(res);
        }
        if state.cancel_requested.get() {
            let exc = fut.make_cancelled_error();
            outer.set_exception(vm, exc.value().cloned().unwrap_or_default())?;
        } else {
            outer.set_result(Value::list(results))?;
        }
    }
    Ok(())
}
