//! Executors in virtual time: `ThreadPoolExecutor` (workers are simulated threads sharing
//! the GIL), `ProcessPoolExecutor` (workers are simulated processes on their own cores),
//! `loop.run_in_executor` and `asyncio.to_thread`.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use crate::engine::value::{Args, Class, ExcKind, Module, NativeFunction, NativeObject, Resume, SendResult, Value};
use crate::engine::vm::{PyErr, PyResult, Vm};
use crate::trace::{Event, Level};

use super::concurrent::{wrap_future, ConcurrentFuture};
use super::event_loop::EventLoop;
use super::threads::{Job, JobQueue};
use super::Runtime;

/// What kind of workers an executor has.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Threads,
    Processes,
}

pub struct Executor {
    rt: Rc<Runtime>,
    kind: Kind,
    pub max_workers: usize,
    prefix: String,
    queue: Rc<JobQueue>,
    threads_started: Cell<usize>,
    shut_down: Cell<bool>,
    /// Process pools: when each worker process is free again.
    process_free_at: RefCell<Vec<f64>>,
}

impl Executor {
    fn new(rt: &Rc<Runtime>, kind: Kind, max_workers: usize, prefix: String) -> Rc<Executor> {
        Rc::new(Executor {
            rt: rt.clone(),
            kind,
            max_workers,
            prefix,
            queue: Rc::new(JobQueue { jobs: RefCell::new(VecDeque::new()) }),
            threads_started: Cell::new(0),
            shut_down: Cell::new(false),
            process_free_at: RefCell::new(vec![0.0; max_workers]),
        })
    }

    /// The loop's default executor: `ThreadPoolExecutor(thread_name_prefix='asyncio')`.
    pub fn default_for(rt: &Rc<Runtime>) -> Rc<Executor> {
        let workers = (rt.cpu_count.get() + 4).min(32);
        Executor::new(rt, Kind::Threads, workers, "asyncio".into())
    }

    /// `submit(fn, *args, **kwargs)`.
    pub fn submit(self: &Rc<Self>, vm: &mut Vm, func: Value, args: Args) -> PyResult<Rc<ConcurrentFuture>> {
        if self.shut_down.get() {
            return Err(PyErr::new(ExcKind::RuntimeError, "cannot schedule new futures after shutdown"));
        }
        let rt = self.rt.clone();
        let cf = ConcurrentFuture::new(&rt);
        let label = job_label(&func);
        let id = rt.next_id();
        let executor = self.prefix.clone();
        if rt.traces(Level::Full) {
            let place = if self.kind == Kind::Threads { "a thread" } else { "a process" };
            cf.set_job(format!("{label} in {place}"));
        }
        rt.record(Level::Full, || Event::JobSubmitted { job: id, label: label.clone(), executor });
        match self.kind {
            Kind::Threads => {
                let cf2 = cf.clone();
                let job = Job {
                    id,
                    func,
                    args,
                    label,
                    done: Box::new(move |vm, outcome| cf2.finish(vm, outcome)),
                };
                cf.set_running();
                self.queue.jobs.borrow_mut().push_back(Rc::new(job));
                let started = self.adjust_thread_count();
                let world = rt.world();
                world.wake_idle(&self.queue);
                if let (Some(t), None) = (started, world.current_worker()) {
                    rt.sync_cpu(vm);
                    world.started_by_main(&rt, vm, &t)?;
                }
            }
            Kind::Processes => self.run_in_process(vm, id, &cf, func, args)?,
        }
        Ok(cf)
    }

    /// `_adjust_thread_count`: reuse an idle worker, or start one while under `max_workers`.
    fn adjust_thread_count(&self) -> Option<Rc<super::threads::SimThread>> {
        let world = self.rt.world();
        let idle = world
            .threads
            .borrow()
            .iter()
            .any(|t| Rc::ptr_eq(&t.queue, &self.queue) && t.state.get() == super::threads::ThreadState::Idle);
        let started = self.threads_started.get();
        if idle || started >= self.max_workers {
            return None;
        }
        let name = format!("{}_{}", self.prefix, started);
        self.threads_started.set(started + 1);
        Some(world.spawn(&self.rt, name, self.queue.clone()))
    }

    /// A process-pool job runs to completion at once, on its own clock (it shares nothing
    /// with the parent while it runs); its result arrives when a worker process would
    /// have finished it.
    fn run_in_process(&self, vm: &mut Vm, id: u64, cf: &Rc<ConcurrentFuture>, func: Value, args: Args) -> PyResult<()> {
        let rt = self.rt.clone();
        rt.sync_cpu(vm);
        let start = rt.now();
        let (outcome, duration) = rt.in_process(vm, |vm| vm.call(func, args));
        if let Err(PyErr::Fatal(f)) = outcome {
            return Err(PyErr::Fatal(f));
        }
        let finish = {
            let mut free = self.process_free_at.borrow_mut();
            let (slot, free_at) = free
                .iter()
                .copied()
                .enumerate()
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .unwrap_or((0, 0.0));
            let end = start.max(free_at) + duration;
            if let Some(s) = free.get_mut(slot) {
                *s = end;
            }
            end
        };
        cf.set_running();
        let cf2 = cf.clone();
        rt.world().at(finish, Box::new(move |vm: &mut Vm| cf2.finish(vm, outcome)), Some(id));
        Ok(())
    }

    /// `shutdown(wait=True)`: the caller blocks until every job is done.
    pub fn shutdown(&self, vm: &mut Vm, wait: bool) -> PyResult<()> {
        self.shut_down.set(true);
        let rt = self.rt.clone();
        if wait {
            rt.sync_cpu(vm);
            let from = rt.now();
            match self.kind {
                Kind::Threads => rt.world().wait_queue(&rt, vm, &self.queue)?,
                Kind::Processes => rt.world().wait_timed(&rt, vm)?,
            }
            let to = rt.now();
            if to > from {
                super::time_module::record_blocked(&rt, vm, from, to, "executor.shutdown(wait=True)");
            }
        }
        rt.world().retire(&self.queue);
        Ok(())
    }

    fn busy(&self) -> bool {
        self.rt.world().queue_busy(&self.queue)
    }
}

/// `time.sleep`, `crunch`: module functions keep their module, so the label reads as code.
fn job_label(func: &Value) -> String {
    match func {
        Value::Native(n) if !n.module.is_empty() && n.module != "builtins" => format!("{}.{}", n.module, n.name),
        other => super::handle::callable_name(other),
    }
}

impl NativeObject for Executor {
    fn type_name(&self) -> &'static str {
        match self.kind {
            Kind::Threads => "ThreadPoolExecutor",
            Kind::Processes => "ProcessPoolExecutor",
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_rc(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }

    fn class(&self) -> Option<Rc<Class>> {
        let c = &self.rt.classes;
        Some(match self.kind {
            Kind::Threads => c.thread_pool.clone(),
            Kind::Processes => c.process_pool.clone(),
        })
    }

    fn get_attr(&self, _this: &Value, _vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
        match name {
            "_max_workers" => Some(Ok(Value::Int(self.max_workers as i64))),
            _ => None,
        }
    }

    fn has_method(&self, name: &str) -> bool {
        matches!(name, "submit" | "map" | "shutdown" | "__enter__" | "__exit__")
    }

    fn call_method(&self, this: &Value, vm: &mut Vm, name: &str, mut args: Args) -> Option<PyResult<Value>> {
        let me: Rc<Executor> = match this {
            Value::Object(o) => o.clone().as_any_rc().downcast().ok()?,
            _ => return None,
        };
        Some(match name {
            "submit" => {
                if args.pos.is_empty() {
                    return Some(Err(PyErr::type_error("submit() missing 1 required positional argument: 'fn'")));
                }
                let func = args.pos.remove(0);
                me.submit(vm, func, args).map(|cf| Value::Object(cf))
            }
            "map" => executor_map(&me, vm, args),
            "shutdown" => {
                let wait = match args.take_kw("wait").or_else(|| args.pos.first().cloned()) {
                    Some(v) => match vm.truthy(&v) {
                        Ok(b) => b,
                        Err(e) => return Some(Err(e)),
                    },
                    None => true,
                };
                me.shutdown(vm, wait).map(|_| Value::None)
            }
            "__enter__" => Ok(this.clone()),
            "__exit__" => me.shutdown(vm, true).map(|_| Value::Bool(false)),
            _ => return None,
        })
    }
}

/// `executor.map(fn, *iterables)`: submit everything, then collect results in order
/// (each `result()` blocks the caller until that job is done).
fn executor_map(me: &Rc<Executor>, vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(func) = args.pos.first().cloned() else {
        return Err(PyErr::type_error("map() missing 1 required positional argument: 'fn'"));
    };
    let mut columns = Vec::new();
    for it in args.pos[1..].iter() {
        columns.push(vm.collect(it.clone())?);
    }
    let n = columns.iter().map(Vec::len).min().unwrap_or(0);
    let mut futures = Vec::new();
    for i in 0..n {
        let call_args = Args::new(columns.iter().map(|c| c[i].clone()));
        futures.push(me.submit(vm, func.clone(), call_args)?);
    }
    let mut results = Vec::new();
    for f in futures {
        results.push(vm.call_method(Value::Object(f), "result", Args::default())?);
    }
    let _ = me.busy();
    Ok(Value::list(results))
}

/// `loop.run_in_executor(executor, func, *args)`.
pub fn run_in_executor(vm: &mut Vm, loop_: &Rc<EventLoop>, args: Args) -> PyResult<Value> {
    let rt = loop_.rt.clone();
    let mut pos = args.pos.into_iter();
    let executor = pos.next().unwrap_or(Value::None);
    let Some(func) = pos.next() else {
        return Err(PyErr::type_error("run_in_executor() missing 1 required positional argument: 'func'"));
    };
    let exec: Rc<Executor> = match &executor {
        Value::None => loop_.default_executor(),
        Value::Object(o) => match o.clone().as_any_rc().downcast::<Executor>() {
            Ok(e) => e,
            Err(_) => return Err(PyErr::type_error("executor must be an Executor")),
        },
        _ => return Err(PyErr::type_error("executor must be an Executor")),
    };
    let cf = exec.submit(vm, func, Args::new(pos))?;
    let _ = rt;
    Ok(wrap_future(vm, loop_, &cf).value())
}

/// `asyncio.to_thread(func, *args, **kwargs)`: a coroutine that runs `func` in the
/// default executor and returns its result.
struct ToThread {
    rt: Rc<Runtime>,
    call: RefCell<Option<(Value, Args)>>,
    waiting: RefCell<Option<Rc<super::future::Future>>>,
    done: Cell<bool>,
}

impl Drop for ToThread {
    fn drop(&mut self) {
        // `asyncio.to_thread(f)` without `await`: CPython's coroutine finalizer warns.
        if !self.done.get() && self.call.get_mut().is_some() {
            crate::engine::unawaited::note(Rc::from("to_thread"));
        }
    }
}

impl NativeObject for ToThread {
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
        "<coroutine object to_thread>".into()
    }

    fn is_coroutine(&self) -> bool {
        true
    }

    fn send(&self, _this: &Value, vm: &mut Vm, how: Resume) -> Option<PyResult<SendResult>> {
        if self.done.get() {
            return Some(Err(PyErr::new(ExcKind::RuntimeError, "cannot reuse already awaited coroutine")));
        }
        if let Resume::Throw(e) = how {
            self.done.set(true);
            return Some(Err(PyErr::Exc(e)));
        }
        let waiting = self.waiting.borrow().clone();
        if let Some(fut) = waiting {
            if !fut.done() {
                fut.blocking.set(true);
                return Some(Ok(SendResult::Yield(fut.value())));
            }
            self.done.set(true);
            return Some(fut.get_result().map(SendResult::Return));
        }
        let Some((func, args)) = self.call.borrow_mut().take() else {
            return Some(Err(PyErr::internal("to_thread without a call")));
        };
        let loop_ = match self.rt.running() {
            Some(l) => l,
            None => return Some(Err(PyErr::new(ExcKind::RuntimeError, "no running event loop"))),
        };
        let exec = loop_.default_executor();
        let outcome = exec.submit(vm, func, args).map(|cf| wrap_future(vm, &loop_, &cf));
        match outcome {
            Ok(fut) => {
                fut.blocking.set(true);
                *self.waiting.borrow_mut() = Some(fut.clone());
                Some(Ok(SendResult::Yield(fut.value())))
            }
            Err(e) => {
                self.done.set(true);
                Some(Err(e))
            }
        }
    }
}

fn cpu_count_arg(rt: &Runtime, vm: &mut Vm, args: &mut Args, kind: Kind) -> PyResult<usize> {
    let v = args.take_kw("max_workers").or_else(|| args.pos.first().cloned());
    match v {
        None | Some(Value::None) => Ok(match kind {
            Kind::Threads => (rt.cpu_count.get() + 4).min(32),
            Kind::Processes => rt.cpu_count.get(),
        }),
        Some(v) => {
            let n = crate::engine::builtins::int_arg(&v, "")?;
            if n <= 0 {
                return Err(PyErr::value_error("max_workers must be greater than 0"));
            }
            let _ = vm;
            Ok(n as usize)
        }
    }
}

/// The `concurrent.futures` module.
pub fn make_concurrent_futures(rt: &Rc<Runtime>) -> Value {
    let m = Module::new("concurrent.futures");
    let rt2 = rt.clone();
    let pools = Rc::new(Cell::new(0usize));
    install_constructor(&rt.classes.thread_pool, "ThreadPoolExecutor", move |vm, mut args| {
        let workers = cpu_count_arg(&rt2, vm, &mut args, Kind::Threads)?;
        let prefix = match args.take_kw("thread_name_prefix") {
            Some(Value::Str(ref s)) if !s.is_empty() => s.to_string(),
            _ => {
                let n = pools.get();
                pools.set(n + 1);
                format!("ThreadPoolExecutor-{n}")
            }
        };
        Ok(Value::Object(Executor::new(&rt2, Kind::Threads, workers, prefix)))
    });
    let rt3 = rt.clone();
    install_constructor(&rt.classes.process_pool, "ProcessPoolExecutor", move |vm, mut args| {
        let workers = cpu_count_arg(&rt3, vm, &mut args, Kind::Processes)?;
        Ok(Value::Object(Executor::new(&rt3, Kind::Processes, workers, "ProcessPoolExecutor".into())))
    });
    m.set("ThreadPoolExecutor", Value::Class(rt.classes.thread_pool.clone()));
    m.set("ProcessPoolExecutor", Value::Class(rt.classes.process_pool.clone()));
    m.set("Future", Value::Class(rt.classes.cf_future.clone()));
    m.set("CancelledError", Value::Class(rt.classes.cf_cancelled_error.clone()));
    m.set("TimeoutError", Value::Class(crate::engine::value::types::types().exc(ExcKind::TimeoutError)));
    Value::Module(m)
}

/// Calling `cls(...)` runs `f` (the class's `__new__`).
fn install_constructor(cls: &Rc<Class>, name: &str, f: impl Fn(&mut Vm, Args) -> PyResult<Value> + 'static) {
    let new = NativeFunction::new(name, "concurrent.futures", move |vm, mut args| {
        if !args.pos.is_empty() {
            args.pos.remove(0); // the class
        }
        f(vm, args)
    });
    cls.dict.borrow_mut().insert(Rc::from("__new__"), Value::StaticMethod(Rc::new(new)));
}

/// `asyncio.to_thread` in the `asyncio` module.
pub fn register(m: &Module, rt: &Rc<Runtime>) {
    let rt2 = rt.clone();
    m.set(
        "to_thread",
        NativeFunction::new("to_thread", "asyncio", move |_vm, mut args| {
            if args.pos.is_empty() {
                return Err(PyErr::type_error("to_thread() missing 1 required positional argument: 'func'"));
            }
            let func = args.pos.remove(0);
            Ok(Value::Object(Rc::new(ToThread {
                rt: rt2.clone(),
                call: RefCell::new(Some((func, args))),
                waiting: RefCell::new(None),
                done: Cell::new(false),
            })))
        }),
    );
}
