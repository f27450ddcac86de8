//! asyncio's higher layers (TaskGroup, timeouts, wait/wait_for/shield/as_completed,
//! locks, queues), written in Python as CPython structures them and run by our own VM.
//!
//! Their ordering is CPython's because they are built the same way: futures,
//! done-callbacks, `loop.call_later`, FIFO waiter lists. The sources live in
//! `prelude/*.py`; each runs once per `Runtime` into its own module (`asyncio.locks`...),
//! and the names in its `__all__` fill the `asyncio` module.
//!
//! Prelude code is machinery, not the learner's code: its sources are named
//! `<asyncio>/...` so that line events and "where is this task waiting" skip them
//! (`is_prelude_source`).

use std::cell::RefCell;
use std::rc::Rc;

use crate::engine::bytecode::Code;
use crate::engine::value::{Module, NativeFunction, Value};
use crate::engine::vm::{Frame, Host, PyErr, PyResult, Vm};
use crate::engine::{compile_source, SourceFile};

use super::future::{Future, FutureKind};
use super::loop_object::LoopObject;
use super::Runtime;

/// The prefix of every prelude source name.
const PRELUDE_PREFIX: &str = "<asyncio>/";

/// The prelude modules in load order (a module may import the ones before it).
const SOURCES: &[(&str, &str, &str)] = &[
    ("functools", "functools.py", include_str!("prelude/functools.py")),
    ("heapq", "heapq.py", include_str!("prelude/heapq.py")),
    ("asyncio.mixins", "mixins.py", include_str!("prelude/mixins.py")),
    ("asyncio.locks", "locks.py", include_str!("prelude/locks.py")),
    ("asyncio.queues", "queues.py", include_str!("prelude/queues.py")),
    ("asyncio.tasks", "tasks.py", include_str!("prelude/tasks.py")),
    ("asyncio.timeouts", "timeouts.py", include_str!("prelude/timeouts.py")),
    ("asyncio.taskgroups", "taskgroups.py", include_str!("prelude/taskgroups.py")),
];

/// Is this code part of the prelude (hidden from line events and task locations)?
pub fn is_prelude_source(name: &str) -> bool {
    name.starts_with(PRELUDE_PREFIX) || name.starts_with(crate::services::loader::SERVICE_PREFIX)
}

/// Run every prelude module and export their public names from `asyncio`.
pub fn install(m: &Rc<Module>, rt: &Rc<Runtime>) {
    let host = Rc::new(PreludeHost { modules: RefCell::new(Vec::new()) });
    host.add("asyncio", Value::Module(m.clone()));
    host.add("_aio", Value::Module(make_aio_module(rt)));
    // The module bodies only define classes and functions: a VM of their own runs them.
    // What they define runs later on the program's VM, like any Python function.
    let mut vm = Vm::new(host.clone());
    for (name, file, text) in SOURCES {
        let module = run_prelude_module(&mut vm, name, file, text)
            .unwrap_or_else(|e| panic!("the asyncio prelude module {name} failed to load: {}", describe(&e)));
        if name.starts_with("asyncio.") {
            export_all(m, &module);
        }
        host.add(name, Value::Module(module));
    }
}

fn describe(e: &PyErr) -> String {
    match e.value() {
        Some(v) => crate::engine::vm::exc_summary(v),
        None => "a fatal error".into(),
    }
}

fn run_prelude_module(vm: &mut Vm, name: &str, file: &str, text: &str) -> PyResult<Rc<Module>> {
    let src = SourceFile::new(format!("{PRELUDE_PREFIX}{file}"), text);
    let code: Rc<Code> = compile_source(&src).unwrap_or_else(|e| panic!("the asyncio prelude does not compile: {}", e.render()));
    let module = Module::new(name);
    module.set("__name__", Value::str(name));
    let frame = Frame::new(code, module.dict.clone(), None);
    vm.run_frame(frame)?;
    Ok(module)
}

/// Copy the names listed in a prelude module's `__all__` into `asyncio`.
fn export_all(asyncio: &Module, module: &Module) {
    let names = match module.get("__all__") {
        Some(Value::Tuple(ref t)) => t.to_vec(),
        Some(Value::List(ref l)) => l.borrow().clone(),
        _ => panic!("prelude module {} has no __all__", module.name),
    };
    for n in names {
        let Value::Str(ref n) = n else { panic!("__all__ of {} holds a non-string", module.name) };
        let v = module.get(&n).unwrap_or_else(|| panic!("{} lists {n} in __all__ but does not define it", module.name));
        asyncio.set(&n, v);
    }
}

/// `_aio`: what the prelude needs from the running loop beyond asyncio's public API.
fn make_aio_module(_rt: &Rc<Runtime>) -> Rc<Module> {
    let m = Module::new("_aio");
    // `create_future(loop, label)`: `loop.create_future()`, labelled for the UI with what
    // the future stands for ("Lock.acquire", "Queue.get"...).
    m.set(
        "create_future",
        NativeFunction::new("create_future", "_aio", move |_vm, args| {
            let loop_ = args
                .pos
                .first()
                .and_then(|v| v.as_object::<LoopObject>())
                .map(|l| l.loop_.clone())
                .ok_or_else(|| PyErr::type_error("create_future() needs an event loop"))?;
            let fut = Future::new(loop_, FutureKind::Plain);
            // Kept also without a trace: a deadlock report says what each task waits for.
            if let Some(Value::Str(label)) = args.pos.get(1) {
                fut.set_label(label);
            }
            Ok(fut.value())
        }),
    );
    m
}

/// The host of the VM that runs the prelude's module bodies: imports resolve to the
/// prelude modules loaded so far (and `asyncio`, `_aio`); nothing else is reachable.
struct PreludeHost {
    modules: RefCell<Vec<(String, Value)>>,
}

impl PreludeHost {
    fn add(&self, name: &str, m: Value) {
        self.modules.borrow_mut().push((name.to_string(), m));
    }
}

impl Host for PreludeHost {
    fn import(&self, _vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
        self.modules.borrow().iter().find(|(n, _)| n == name).map(|(_, m)| Ok(m.clone()))
    }

    fn write_stdout(&self, _vm: &mut Vm, _text: &str) {}

    fn write_stderr(&self, _vm: &mut Vm, _text: &str) {}
}
