//! `threading.Lock` and `threading.RLock` for simulated threads.
//!
//! A contended lock is handed over on release, in FIFO order: the waiting thread is
//! parked (its slice ends, the GIL is released) and wakes owning the lock. A loop's own
//! thread waiting for a lock holds its loop meanwhile, while the other threads run.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use crate::engine::value::{Args, NativeObject, Value};
use crate::engine::vm::{PyErr, PyResult, Vm};

use super::threads::{SimThread, World};
use super::Runtime;

/// Who holds or waits: a worker thread, or a process's own (main/loop) thread.
#[derive(Clone, PartialEq)]
enum Holder {
    Worker(u64),
    Main(u64),
}

enum Waiter {
    Worker(Rc<SimThread>),
    Main(u64, Rc<Cell<bool>>),
}

pub struct ThreadLock {
    rt: Rc<Runtime>,
    reentrant: bool,
    owner: RefCell<Option<Holder>>,
    count: Cell<u32>,
    waiters: RefCell<VecDeque<Waiter>>,
}

pub fn new_lock(rt: &Rc<Runtime>, reentrant: bool) -> Value {
    Value::Object(Rc::new(ThreadLock {
        rt: rt.clone(),
        reentrant,
        owner: RefCell::new(None),
        count: Cell::new(0),
        waiters: RefCell::new(VecDeque::new()),
    }))
}

impl ThreadLock {
    fn me(&self) -> (Holder, Option<Rc<SimThread>>) {
        match self.rt.world().current_worker() {
            Some(t) => (Holder::Worker(t.id), Some(t)),
            None => (Holder::Main(self.rt.process().id), None),
        }
    }

    fn acquire(&self, vm: &mut Vm, blocking: bool) -> PyResult<bool> {
        let (me, worker) = self.me();
        let owner = self.owner.borrow().clone();
        match owner {
            None => {
                *self.owner.borrow_mut() = Some(me);
                self.count.set(1);
                return Ok(true);
            }
            Some(o) if self.reentrant && o == me => {
                self.count.set(self.count.get() + 1);
                return Ok(true);
            }
            Some(_) if !blocking => return Ok(false),
            Some(_) => {}
        }
        match worker {
            Some(t) => {
                // Wakes up owning the lock (see `release`).
                self.waiters.borrow_mut().push_back(Waiter::Worker(t.clone()));
                self.rt.world().worker_parks(vm, &t, f64::INFINITY);
            }
            None => {
                let granted = Rc::new(Cell::new(false));
                let Holder::Main(pid) = me else { unreachable!("a main holder") };
                self.waiters.borrow_mut().push_back(Waiter::Main(pid, granted.clone()));
                let from = self.rt.now();
                let rt = self.rt.clone();
                let g = granted.clone();
                rt.block_until(vm, f64::INFINITY, &move || g.get())?;
                if !granted.get() {
                    return Err(PyErr::new(
                        crate::engine::value::ExcKind::RuntimeError,
                        "deadlock: this thread waits for a threading.Lock that no other thread will release",
                    ));
                }
                if rt.running().is_some() && rt.now() > from {
                    super::time_module::record_blocked(&rt, vm, from, rt.now(), "threading.Lock.acquire()");
                }
            }
        }
        Ok(true)
    }

    fn release(&self) -> PyResult<()> {
        let (me, _) = self.me();
        let owner = self.owner.borrow().clone();
        match owner {
            None => return Err(PyErr::new(crate::engine::value::ExcKind::RuntimeError, "release unlocked lock")),
            Some(o) if self.reentrant && o != me => {
                return Err(PyErr::new(crate::engine::value::ExcKind::RuntimeError, "cannot release un-acquired lock"))
            }
            Some(_) => {}
        }
        if self.reentrant && self.count.get() > 1 {
            self.count.set(self.count.get() - 1);
            return Ok(());
        }
        let next = self.waiters.borrow_mut().pop_front();
        match next {
            Some(Waiter::Worker(t)) => {
                *self.owner.borrow_mut() = Some(Holder::Worker(t.id));
                World::unpark_at(&t, self.rt.now());
            }
            Some(Waiter::Main(pid, granted)) => {
                *self.owner.borrow_mut() = Some(Holder::Main(pid));
                granted.set(true);
            }
            None => *self.owner.borrow_mut() = None,
        }
        self.count.set(1);
        Ok(())
    }
}

impl NativeObject for ThreadLock {
    fn type_name(&self) -> &'static str {
        if self.reentrant {
            "_thread.RLock"
        } else {
            "_thread.lock"
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_rc(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }

    fn repr(&self, _vm: &mut Vm) -> String {
        let state = if self.owner.borrow().is_some() { "locked" } else { "unlocked" };
        format!("<{state} {} object at 0x{:012x}>", self.type_name(), self as *const Self as usize)
    }

    fn has_method(&self, name: &str) -> bool {
        matches!(name, "acquire" | "release" | "locked" | "__enter__" | "__exit__")
    }

    fn call_method(&self, _this: &Value, vm: &mut Vm, name: &str, mut args: Args) -> Option<PyResult<Value>> {
        Some(match name {
            "acquire" | "__enter__" => {
                let blocking = match args.take_kw("blocking").or_else(|| args.pos.first().cloned()) {
                    Some(v) => match vm.truthy(&v) {
                        Ok(b) => b,
                        Err(e) => return Some(Err(e)),
                    },
                    None => true,
                };
                self.acquire(vm, blocking).map(Value::Bool)
            }
            "release" => self.release().map(|_| Value::None),
            "__exit__" => self.release().map(|_| Value::Bool(false)),
            "locked" => Ok(Value::Bool(self.owner.borrow().is_some())),
            _ => return None,
        })
    }
}
