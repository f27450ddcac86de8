//! `_sim`: the few native primitives the simulated services are built on. Everything
//! else (HTTP, the server, the clients, databases) is Python in `py/`, running on the
//! same loops, tasks and threads as the learner's code.
//!
//! - `burn(seconds)`: CPU work on the running thread (it holds the GIL meanwhile).
//! - `spawn(name, main)`: a new process with its own event loop, running `main()` as its
//!   first task; returns its pid.
//! - `post(pid, delay, fn, *args)`: a message: `fn(*args)` runs on that process's loop
//!   `delay` seconds from now (a packet arriving, a socket becoming readable).
//! - `block(seconds, reason)`: a blocking call of known length (a sync client waiting
//!   for a canned service): the thread waits, and on a loop thread the loop is blocked.
//! - `Mailbox()`, `wait(box, timeout, reason)`: a blocking client's wait for an answer
//!   from another process (see `mailbox.rs`).
//! - `signature(fn)`: whether it is `async def`, its parameters (FastAPI's routing).
//! - `log_stderr(line)`, `format_exception(e)`, `main_global(name)`, `wake_delay(pid)`,
//!   `now()`, `pid()`, `cpu_count()`.

use std::rc::Rc;

use crate::engine::value::number::{as_number, to_f64};
use crate::engine::value::{Args, Dict, ExcKind, Module, NativeFunction, Value};
use crate::engine::vm::{PyErr, PyResult, Vm};
use crate::trace::{Event, Level};

use crate::aio::event_loop::EventLoop;
use crate::aio::handle::Callback;
use crate::aio::process::Process;
use crate::aio::Runtime;

pub fn make_sim_module(rt: &Rc<Runtime>) -> Value {
    let m = Module::new("_sim");
    add(&m, rt, "burn", burn);
    add(&m, rt, "now", |rt, vm, _| Ok(Value::Float(rt.now_for_code(vm))));
    add(&m, rt, "pid", |rt, _, _| Ok(Value::Int(i64::from(rt.process().pid))));
    add(&m, rt, "cpu_count", |rt, _, _| Ok(Value::Int(rt.cpu_count.get() as i64)));
    add(&m, rt, "spawn", spawn);
    add(&m, rt, "post", post);
    add(&m, rt, "block", block);
    add(&m, rt, "Mailbox", |rt, _, _| Ok(super::mailbox::new_mailbox(rt)));
    let pending = Value::Object(Rc::new(Pending));
    m.set("PENDING", pending.clone());
    let rt2 = rt.clone();
    m.set("wait", NativeFunction::new("wait", "_sim", move |vm, args| super::mailbox::wait(&rt2, vm, args, &pending)));
    add(&m, rt, "signature", |_, _, args| signature(args.pos.first()));
    add(&m, rt, "log_stderr", log_stderr);
    add(&m, rt, "format_exception", |_, vm, args| match args.pos.first() {
        Some(e) if e.exc().is_some() => Ok(Value::string(crate::engine::traceback::format_exception(vm, e))),
        _ => Err(PyErr::type_error("_sim.format_exception needs an exception")),
    });
    add(&m, rt, "main_global", main_global);
    add(&m, rt, "wake_delay", |_, _, _| Ok(Value::Float(0.0)));
    add(&m, rt, "syscall", syscall);
    add(&m, rt, "connection_accepted", |rt, _, _| {
        let process = rt.process().id;
        rt.record(Level::Full, || Event::ConnectionAccepted { process });
        Ok(Value::None)
    });
    add(&m, rt, "request_started", request_started);
    add(&m, rt, "request_done", request_done);
    add(&m, rt, "thread_limiter", thread_limiter);
    Value::Module(m)
}

fn int_arg(args: &Args, i: usize, what: &str) -> PyResult<i64> {
    match args.pos.get(i) {
        Some(Value::Int(n)) => Ok(*n),
        Some(Value::Bool(b)) => Ok(i64::from(*b)),
        _ => Err(PyErr::type_error(format!("_sim: {what} must be an int"))),
    }
}

fn str_arg(args: &Args, i: usize) -> String {
    match args.pos.get(i) {
        Some(Value::Str(s)) => s.to_string(),
        _ => String::new(),
    }
}

/// `request_started(id, method, path)`: the trace shows the request in flight.
fn request_started(rt: &Rc<Runtime>, _vm: &mut Vm, args: Args) -> PyResult<Value> {
    let request = int_arg(&args, 0, "request id")? as u64;
    let (method, path) = (str_arg(&args, 1), str_arg(&args, 2));
    let process = rt.process().id;
    rt.record(Level::Full, || Event::RequestStarted { process, request, method, path });
    Ok(Value::None)
}

fn request_done(rt: &Rc<Runtime>, _vm: &mut Vm, args: Args) -> PyResult<Value> {
    let request = int_arg(&args, 0, "request id")? as u64;
    let status = int_arg(&args, 1, "status")?.clamp(0, 999) as u16;
    let process = rt.process().id;
    rt.record(Level::Full, || Event::RequestDone { process, request, status });
    Ok(Value::None)
}

/// `thread_limiter(borrowed, total, waiting)`: a server loop's CapacityLimiter changed.
fn thread_limiter(rt: &Rc<Runtime>, _vm: &mut Vm, args: Args) -> PyResult<Value> {
    let n = |i, what| int_arg(&args, i, what).map(|v| v.clamp(0, i64::from(u32::MAX)) as u32);
    let (borrowed, total, waiting) = (n(0, "borrowed")?, n(1, "total")?, n(2, "waiting")?);
    let process = rt.process().id;
    rt.record(Level::Full, || Event::ThreadLimiter { process, borrowed, total, waiting });
    Ok(Value::None)
}

/// A system call on the loop's thread (a socket send): it releases the GIL, and busy
/// threads take their turn before the loop goes on.
fn syscall(rt: &Rc<Runtime>, vm: &mut Vm, _args: Args) -> PyResult<Value> {
    let world = rt.world();
    if world.current_worker().is_none() && world.wants_gil() {
        world.yield_round(rt, vm)?;
    }
    Ok(Value::None)
}

/// `_sim.PENDING`: "not yet, call again once woken".
struct Pending;

impl crate::engine::value::NativeObject for Pending {
    fn type_name(&self) -> &'static str {
        "pending"
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn as_any_rc(self: Rc<Self>) -> Rc<dyn std::any::Any> {
        self
    }
}

fn log_stderr(_rt: &Rc<Runtime>, vm: &mut Vm, args: Args) -> PyResult<Value> {
    let text = match args.pos.first() {
        Some(Value::Str(s)) => s.to_string(),
        _ => return Err(PyErr::type_error("_sim.log_stderr needs a str")),
    };
    let host = vm.host.clone();
    host.write_stderr(vm, &format!("{text}\n"));
    Ok(Value::None)
}

/// A global of the script itself (`uvicorn.run("main:app")`): the outermost frame's.
fn main_global(_rt: &Rc<Runtime>, vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(Value::Str(name)) = args.pos.first() else {
        return Err(PyErr::type_error("_sim.main_global needs a name"));
    };
    Ok(vm.frames.first().and_then(|f| f.globals.borrow().get(name).cloned()).unwrap_or(Value::None))
}

/// `{"async": bool, "params": [{"name", "has_default", "default", "annotation"}]}` for
/// the named parameters of a Python function (no `*args`/`**kwargs`).
fn signature(f: Option<&Value>) -> PyResult<Value> {
    let func = match f {
        Some(Value::Function(func)) => func.clone(),
        Some(Value::Method(m)) => match &m.1 {
            Value::Function(func) => func.clone(),
            _ => return Err(PyErr::type_error("_sim.signature needs a Python function")),
        },
        _ => return Err(PyErr::type_error("_sim.signature needs a Python function")),
    };
    let code = &func.code;
    let npos = code.argcount as usize;
    let nkw = code.kwonlyargcount as usize;
    let first_default = npos.saturating_sub(func.defaults.len());
    let mut params = Vec::new();
    for (i, name) in code.varnames.iter().take(npos + nkw).enumerate() {
        let default = if i < npos {
            (i >= first_default).then(|| func.defaults[i - first_default].clone())
        } else {
            func.kwdefaults.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
        };
        let mut d = Dict::new();
        d.insert_str("name", Value::Str(name.clone()));
        d.insert_str("has_default", Value::Bool(default.is_some()));
        d.insert_str("default", default.unwrap_or(Value::None));
        let annotation = code.annotations.iter().find(|(k, _)| k == name).map(|(_, a)| Value::Str(a.clone()));
        d.insert_str("annotation", annotation.unwrap_or(Value::None));
        params.push(Value::dict(d));
    }
    let mut out = Dict::new();
    out.insert_str("async", Value::Bool(code.flags.is_coroutine));
    out.insert_str("params", Value::list(params));
    Ok(Value::dict(out))
}

fn add(m: &Module, rt: &Rc<Runtime>, name: &'static str, f: fn(&Rc<Runtime>, &mut Vm, Args) -> PyResult<Value>) {
    let rt = rt.clone();
    m.set(name, NativeFunction::new(name, "_sim", move |vm, args| f(&rt, vm, args)));
}

pub(super) fn seconds(v: Option<&Value>, what: &str) -> PyResult<f64> {
    let n = v.and_then(as_number).ok_or_else(|| PyErr::type_error(format!("_sim: {what} must be a number")))?;
    let s = to_f64(&n).map_err(|(k, m)| PyErr::new(k, m))?;
    if s.is_nan() || s < 0.0 {
        return Err(PyErr::new(ExcKind::ValueError, format!("_sim: {what} must be >= 0")));
    }
    Ok(s)
}

/// CPU work: the clock moves as if the thread ran that long, holding the GIL.
fn burn(rt: &Rc<Runtime>, vm: &mut Vm, args: Args) -> PyResult<Value> {
    let secs = seconds(args.pos.first(), "burn(seconds)")?;
    if secs > 0.0 {
        vm.charge_virtual(rt.cpu.ticks_in(secs));
    }
    Ok(Value::None)
}

fn block(rt: &Rc<Runtime>, vm: &mut Vm, args: Args) -> PyResult<Value> {
    let secs = seconds(args.pos.first(), "block(seconds)")?;
    let reason = match args.pos.get(1) {
        Some(Value::Str(s)) => s.to_string(),
        _ => "a blocking call".to_string(),
    };
    crate::aio::time_module::blocking_sleep(rt, vm, secs, &reason)?;
    Ok(Value::None)
}

fn spawn(rt: &Rc<Runtime>, vm: &mut Vm, args: Args) -> PyResult<Value> {
    let name = match args.pos.first() {
        Some(Value::Str(s)) => s.to_string(),
        _ => return Err(PyErr::type_error("_sim.spawn(name, main): name must be a str")),
    };
    let Some(main) = args.pos.get(1).cloned() else {
        return Err(PyErr::type_error("_sim.spawn(name, main): main is missing"));
    };
    rt.sync_cpu(vm);
    let p = rt.spawn_process(&name);
    let loop_ = EventLoop::new(rt.clone());
    *p.loop_.borrow_mut() = Some(loop_.clone());
    rt.as_process(vm, &p, |vm| -> PyResult<()> {
        rt.record(Level::Full, || Event::LoopStarted { loop_id: loop_.id });
        let coro = vm.call(main, Args::new([]))?;
        crate::aio::task::new_task(&loop_, coro, None, vm)?;
        Ok(())
    })?;
    Ok(Value::Int(i64::from(p.pid)))
}

fn process_by_pid(rt: &Runtime, pid: &Value) -> PyResult<Rc<Process>> {
    let Value::Int(pid) = pid else {
        return Err(PyErr::type_error("_sim: pid must be an int"));
    };
    rt.processes
        .borrow()
        .iter()
        .find(|p| i64::from(p.pid) == *pid)
        .cloned()
        .ok_or_else(|| PyErr::new(ExcKind::ProcessLookupError, format!("_sim: no process {pid}")))
}

/// Deliver a message: a timer handle on the target process's loop. Its trace events
/// belong to the target process (the UI folds each process's events separately).
fn post(rt: &Rc<Runtime>, vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mut pos = args.pos.into_iter();
    let (Some(pid), Some(delay), Some(func)) = (pos.next(), pos.next(), pos.next()) else {
        return Err(PyErr::type_error("_sim.post(pid, delay, fn, *args)"));
    };
    let delay = seconds(Some(&delay), "post(delay)")?;
    let target = process_by_pid(rt, &pid)?;
    let when = rt.now_for_code(vm) + delay;
    let Some(loop_) = target.loop_.borrow().clone() else {
        return Err(PyErr::new(ExcKind::ConnectionRefusedError, format!("process {} has no event loop", target.pid)));
    };
    let callback = Callback::Python(Box::new((func, pos.collect())));
    let me = rt.process();
    if Rc::ptr_eq(&me, &target) {
        loop_.call_at(when, callback);
    } else {
        rt.record(Level::Full, || Event::ProcessRunning { process: target.id });
        loop_.call_at(when, callback);
        rt.record(Level::Full, || Event::ProcessRunning { process: me.id });
    }
    Ok(Value::None)
}
