//! A blocking client's wait for an answer from another simulated process.
//!
//! `Mailbox()`: `put(delay, value)` delivers `value` `delay` seconds from the sender's
//! now. `_sim.wait(box, timeout, reason)` holds the calling thread until the value is
//! there: a worker thread releases the GIL and sleeps; a loop's own thread blocks the
//! whole loop (the trace records it as LOOP BLOCKED, with `reason`) while the other
//! processes run on. Returns the value, `None` on timeout, or `_sim.PENDING` when a
//! worker thread must sleep first (the Python side calls `wait` again: see `sync.py`).

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use crate::engine::value::{Args, NativeObject, Value};
use crate::engine::vm::{PyErr, PyResult, Vm};

use crate::aio::threads::{SimThread, World};
use crate::aio::Runtime;

pub struct Mailbox {
    rt: Rc<Runtime>,
    /// The value and when it arrives.
    slot: RefCell<Option<(f64, Value)>>,
    /// A worker thread parked on this box.
    waiter: RefCell<Option<Rc<SimThread>>>,
}

impl Mailbox {
    fn arrived_by(&self, t: f64) -> bool {
        self.slot.borrow().as_ref().is_some_and(|(at, _)| *at <= t)
    }

    fn arrival(&self) -> Option<f64> {
        self.slot.borrow().as_ref().map(|(at, _)| *at)
    }
}

impl NativeObject for Mailbox {
    fn type_name(&self) -> &'static str {
        "Mailbox"
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_rc(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }

    fn has_method(&self, name: &str) -> bool {
        name == "put"
    }

    fn call_method(&self, _this: &Value, vm: &mut Vm, name: &str, args: Args) -> Option<PyResult<Value>> {
        if name != "put" {
            return None;
        }
        let rt = self.rt.clone();
        Some((|| {
            let delay = super::sim::seconds(args.pos.first(), "put(delay)")?;
            let value = args.pos.get(1).cloned().unwrap_or(Value::None);
            let at = rt.now_for_code(vm) + delay;
            *self.slot.borrow_mut() = Some((at, value));
            if let Some(t) = self.waiter.borrow_mut().take() {
                World::unpark_at(&t, at);
            }
            Ok(Value::None)
        })())
    }
}

pub fn new_mailbox(rt: &Rc<Runtime>) -> Value {
    Value::Object(Rc::new(Mailbox { rt: rt.clone(), slot: RefCell::new(None), waiter: RefCell::new(None) }))
}

/// `_sim.wait(box, timeout, reason)`.
pub fn wait(rt: &Rc<Runtime>, vm: &mut Vm, args: Args, pending: &Value) -> PyResult<Value> {
    let mb: Rc<Mailbox> = match args.pos.first() {
        Some(Value::Object(o)) => o.clone().as_any_rc().downcast().map_err(|_| PyErr::type_error("_sim.wait needs a Mailbox"))?,
        _ => return Err(PyErr::type_error("_sim.wait needs a Mailbox")),
    };
    let timeout = match args.pos.get(1) {
        None | Some(Value::None) => f64::INFINITY,
        other => super::sim::seconds(other, "wait(timeout)")?,
    };
    let reason = match args.pos.get(2) {
        Some(Value::Str(s)) => s.to_string(),
        _ => "a blocking call".into(),
    };
    let now = rt.now_for_code(vm);
    if let Some(worker) = rt.world().current_worker() {
        return wait_on_worker(rt, vm, &mb, &worker, now, timeout, pending);
    }
    let deadline = now + timeout;
    let from = rt.now();
    rt.block_until(vm, deadline, &|| mb.arrived_by(deadline))?;
    let got = mb.arrival().filter(|at| *at <= deadline);
    if let Some(at) = got {
        if rt.now() < at {
            rt.clock.set(at);
        }
    } else if deadline.is_finite() && rt.now() < deadline {
        rt.clock.set(deadline);
    }
    if rt.running().is_some() {
        crate::aio::time_module::record_blocked(rt, vm, from, rt.now(), &reason);
    }
    Ok(match got {
        Some(_) => mb.slot.borrow().as_ref().map(|(_, v)| v.clone()).unwrap_or(Value::None),
        None => Value::None,
    })
}

/// On a worker thread: if the answer is known, sleep until it (or the timeout) and
/// return it; otherwise park until it comes and return `pending`.
fn wait_on_worker(
    rt: &Rc<Runtime>,
    vm: &mut Vm,
    mb: &Rc<Mailbox>,
    worker: &Rc<SimThread>,
    now: f64,
    timeout: f64,
    pending: &Value,
) -> PyResult<Value> {
    let world = rt.world();
    match mb.arrival() {
        Some(at) if at - now <= timeout => {
            if at > now {
                world.worker_sleeps(vm, worker, at);
            }
            Ok(mb.slot.borrow().as_ref().map(|(_, v)| v.clone()).unwrap_or(Value::None))
        }
        Some(_) => {
            world.worker_sleeps(vm, worker, now + timeout);
            Ok(Value::None)
        }
        None if timeout <= 0.0 => Ok(Value::None),
        None => {
            *mb.waiter.borrow_mut() = Some(worker.clone());
            world.worker_parks(vm, worker, now + timeout);
            Ok(pending.clone())
        }
    }
}
