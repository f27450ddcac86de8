//! A simulated `threading` module: `Thread(target=..., args=...)` runs on a simulated
//! thread that shares the GIL (see threads.rs); `join()` blocks the caller until it ends.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use crate::engine::value::{Args, ExcKind, Module, NativeFunction, NativeObject, Value};
use crate::engine::vm::{PyErr, PyResult, Vm};

use super::threads::{Job, JobQueue, SimThread};
use super::Runtime;

pub struct ThreadObject {
    rt: Rc<Runtime>,
    name: RefCell<String>,
    target: Value,
    args: Args,
    queue: Rc<JobQueue>,
    thread: RefCell<Option<Rc<SimThread>>>,
    finished: Rc<Cell<bool>>,
    daemon: Cell<bool>,
}

impl ThreadObject {
    fn start(&self, vm: &mut Vm) -> PyResult<()> {
        if self.thread.borrow().is_some() {
            return Err(PyErr::new(ExcKind::RuntimeError, "threads can only be started once"));
        }
        let rt = self.rt.clone();
        let finished = self.finished.clone();
        let job = Job {
            id: rt.next_id(),
            func: self.target.clone(),
            args: Args { pos: self.args.pos.clone(), kw: self.args.kw.clone() },
            label: self.name.borrow().clone(),
            done: Box::new(move |vm, outcome| {
                finished.set(true);
                if let Err(PyErr::Exc(e)) = outcome {
                    // threading's excepthook: report and let the thread die.
                    let text = crate::engine::traceback::format_exception(vm, &e);
                    let host = vm.host.clone();
                    host.write_stderr(vm, &format!("Exception in thread:\n{text}"));
                }
            }),
        };
        self.queue.jobs.borrow_mut().push_back(Rc::new(job));
        let t = rt.world().spawn(&rt, self.name.borrow().clone(), self.queue.clone());
        *self.thread.borrow_mut() = Some(t.clone());
        rt.world().wake_idle(&self.queue);
        rt.world().give_gil(&rt, vm, &t)
    }

    fn join(&self, vm: &mut Vm) -> PyResult<()> {
        if self.thread.borrow().is_none() {
            return Err(PyErr::new(ExcKind::RuntimeError, "cannot join thread before it is started"));
        }
        let rt = self.rt.clone();
        rt.sync_cpu(vm);
        let from = rt.now();
        rt.world().wait_queue(&rt, vm, &self.queue)?;
        let to = rt.now();
        if to > from && rt.running().is_some() && rt.world().current_worker().is_none() {
            super::time_module::record_blocked(&rt, vm, from, to, "Thread.join()");
        }
        Ok(())
    }
}

impl NativeObject for ThreadObject {
    fn type_name(&self) -> &'static str {
        "Thread"
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_rc(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }

    fn repr(&self, _vm: &mut Vm) -> String {
        let state = match (self.thread.borrow().is_some(), self.finished.get()) {
            (false, _) => "initial",
            (true, false) => "started",
            (true, true) => "stopped",
        };
        format!("<Thread({}, {state})>", self.name.borrow())
    }

    fn get_attr(&self, _this: &Value, _vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
        Some(Ok(match name {
            "name" => Value::string(self.name.borrow().clone()),
            "daemon" => Value::Bool(self.daemon.get()),
            "ident" => match &*self.thread.borrow() {
                Some(t) => Value::Int(t.id as i64),
                None => Value::None,
            },
            _ => return None,
        }))
    }

    fn set_attr(&self, vm: &mut Vm, name: &str, value: Value) -> Option<PyResult<()>> {
        Some(match name {
            "name" => vm.str(&value).map(|s| *self.name.borrow_mut() = s),
            "daemon" => vm.truthy(&value).map(|b| self.daemon.set(b)),
            _ => return None,
        })
    }

    fn has_method(&self, name: &str) -> bool {
        matches!(name, "start" | "join" | "is_alive" | "run")
    }

    fn call_method(&self, _this: &Value, vm: &mut Vm, name: &str, _args: Args) -> Option<PyResult<Value>> {
        Some(match name {
            "start" => self.start(vm).map(|_| Value::None),
            "join" => self.join(vm).map(|_| Value::None),
            "is_alive" => Ok(Value::Bool(self.thread.borrow().is_some() && !self.finished.get())),
            "run" => vm.call(self.target.clone(), Args { pos: self.args.pos.clone(), kw: self.args.kw.clone() }),
            _ => return None,
        })
    }
}

/// `threading.current_thread()`: the running simulated thread, or the main thread.
struct CurrentThread {
    name: String,
    ident: i64,
}

impl NativeObject for CurrentThread {
    fn type_name(&self) -> &'static str {
        if self.ident == 0 {
            "_MainThread"
        } else {
            "Thread"
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_rc(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }

    fn repr(&self, _vm: &mut Vm) -> String {
        format!("<{}({}, started)>", self.type_name(), self.name)
    }

    fn get_attr(&self, _this: &Value, _vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
        match name {
            "name" => Some(Ok(Value::string(self.name.clone()))),
            "ident" => Some(Ok(Value::Int(self.ident))),
            _ => None,
        }
    }
}

pub fn make_threading_module(rt: &Rc<Runtime>) -> Value {
    let m = Module::new("threading");
    let rt2 = rt.clone();
    let counter = Rc::new(Cell::new(0u64));
    m.set(
        "Thread",
        NativeFunction::new("Thread", "threading", move |vm, mut args| {
            let target = args.take_kw("target").unwrap_or(Value::None);
            let name = args.take_kw("name");
            let call_args = args.take_kw("args");
            let kwargs = args.take_kw("kwargs");
            let daemon = args.take_kw("daemon");
            if !args.pos.is_empty() {
                return Err(PyErr::type_error("Thread() takes keyword arguments (target=..., args=...)"));
            }
            let n = counter.get() + 1;
            counter.set(n);
            let name = match name {
                Some(v) if !v.is_none() => vm.str(&v)?,
                _ => match &target {
                    Value::None => format!("Thread-{n}"),
                    t => format!("Thread-{n} ({})", super::handle::callable_name(t)),
                },
            };
            let mut a = Args::default();
            if let Some(v) = call_args {
                a.pos = vm.collect(v)?.into_iter().collect();
            }
            if let Some(Value::Dict(ref d)) = kwargs {
                for (k, v) in d.borrow().iter() {
                    if let Value::Str(s) = k {
                        a.kw.push((s.clone(), v.clone()));
                    }
                }
            }
            let daemon = match daemon {
                Some(v) => vm.truthy(&v)?,
                None => false,
            };
            Ok(Value::Object(Rc::new(ThreadObject {
                rt: rt2.clone(),
                name: RefCell::new(name),
                target,
                args: a,
                queue: Rc::new(JobQueue { jobs: RefCell::new(VecDeque::new()) }),
                thread: RefCell::new(None),
                finished: Rc::new(Cell::new(false)),
                daemon: Cell::new(daemon),
            })))
        }),
    );
    let rt3 = rt.clone();
    let current = move |_vm: &mut Vm, _args: Args| -> PyResult<Value> {
        Ok(Value::Object(Rc::new(match rt3.world().current_worker() {
            Some(t) => CurrentThread { name: t.name.clone(), ident: t.id as i64 },
            None => CurrentThread { name: "MainThread".into(), ident: 0 },
        })))
    };
    let current = Rc::new(current);
    for name in ["current_thread", "main_thread"] {
        let c = current.clone();
        let is_main = name == "main_thread";
        m.set(
            name,
            NativeFunction::new(name, "threading", move |vm, args| {
                if is_main {
                    return Ok(Value::Object(Rc::new(CurrentThread { name: "MainThread".into(), ident: 0 })));
                }
                c(vm, args)
            }),
        );
    }
    let rt4 = rt.clone();
    m.set(
        "get_ident",
        NativeFunction::new("get_ident", "threading", move |_vm, _args| {
            Ok(Value::Int(rt4.world().current_worker().map_or(0, |t| t.id as i64)))
        }),
    );
    for (name, reentrant) in [("Lock", false), ("RLock", true)] {
        let rt = rt.clone();
        m.set(name, NativeFunction::new(name, "threading", move |_vm, _args| Ok(super::thread_lock::new_lock(&rt, reentrant))));
    }
    let rt5 = rt.clone();
    m.set(
        "active_count",
        NativeFunction::new("active_count", "threading", move |_vm, _args| {
            let busy = rt5
                .world()
                .threads
                .borrow()
                .iter()
                .filter(|t| !matches!(t.state.get(), super::threads::ThreadState::Idle | super::threads::ThreadState::Done))
                .count();
            Ok(Value::Int(busy as i64 + 1))
        }),
    );
    Value::Module(m)
}
