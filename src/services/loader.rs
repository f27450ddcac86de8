//! Loading the Python service modules on first import.
//!
//! A module body runs on a VM of its own (it only defines classes and functions), with
//! imports resolved by the program's host, so a service module sees exactly the modules
//! a script sees. What it defines then runs on the program's VM like any Python code.
//! A module may declare `SUBMODULES = {"responses": ("JSONResponse", ...)}`: each becomes
//! `package.sub` with those names (`from fastapi.responses import JSONResponse`), or
//! with renamed ones (`{"asyncio": {"Redis": "_AsyncRedis"}}`).

use std::rc::Rc;

use crate::engine::bytecode::Code;
use crate::engine::value::{Module, Value};
use crate::engine::vm::{Frame, Host, PyErr, PyResult, Vm};
use crate::engine::{compile_source, SourceFile};

/// The prefix of every service source name (see `aio::prelude::is_prelude_source`).
pub const SERVICE_PREFIX: &str = "<aiotutor>/";

/// Importable name, file name, source. Private helpers start with `_`.
const SOURCES: &[(&str, &str, &str)] = &[
    ("_cost", "cost.py", include_str!("py/cost.py")),
    ("_http", "http.py", include_str!("py/http.py")),
    ("_net", "net.py", include_str!("py/net.py")),
    ("_canned", "canned.py", include_str!("py/canned.py")),
    ("_sync", "sync.py", include_str!("py/sync.py")),
    ("httpcore", "httpcore.py", include_str!("py/httpcore.py")),
    ("_db", "db.py", include_str!("py/db.py")),
    ("aiotutor", "aiotutor.py", include_str!("py/aiotutor.py")),
    ("psycopg2", "psycopg2.py", include_str!("py/psycopg2.py")),
    ("asyncpg", "asyncpg.py", include_str!("py/asyncpg.py")),
    ("redis", "redis.py", include_str!("py/redis.py")),
    ("anyio", "anyio.py", include_str!("py/anyio.py")),
    ("fastapi", "fastapi.py", include_str!("py/fastapi.py")),
    ("uvicorn", "uvicorn.py", include_str!("py/uvicorn.py")),
    ("httpx", "httpx.py", include_str!("py/httpx.py")),
    ("requests", "requests.py", include_str!("py/requests.py")),
];

/// What the program's host needs to import service modules.
pub trait ServiceModules {
    /// The module `name` if it is loaded already.
    fn cached_module(&self, name: &str) -> Option<Value>;
    /// Remember a loaded module under `name`.
    fn cache_module(&self, name: &str, m: Value);
}

pub fn is_service(name: &str) -> bool {
    let top = name.split('.').next().unwrap_or(name);
    SOURCES.iter().any(|(n, _, _)| *n == top)
}

/// Load service module `name` (a top-level one, or `package.sub`).
pub fn load(host: Rc<dyn LoaderHost>, name: &str) -> Option<PyResult<Value>> {
    let (top, sub) = match name.split_once('.') {
        Some((t, s)) => (t, Some(s)),
        None => (name, None),
    };
    let (_, file, text) = SOURCES.iter().find(|(n, _, _)| *n == top)?;
    if host.cached_module(top).is_none() {
        match run_body(host.clone(), top, file, text) {
            Ok(m) => {
                host.cache_module(top, Value::Module(m.clone()));
                if let Err(e) = derive_submodules(&*host, top, &m) {
                    return Some(Err(e));
                }
            }
            Err(e) => return Some(Err(e)),
        }
    }
    match sub {
        None => host.cached_module(top).map(Ok),
        Some(_) => host.cached_module(name).map(Ok),
    }
}

/// The program host, as the loader sees it.
pub trait LoaderHost: ServiceModules + Host {}
impl<T: ServiceModules + Host> LoaderHost for T {}

fn run_body(host: Rc<dyn LoaderHost>, name: &str, file: &str, text: &str) -> PyResult<Rc<Module>> {
    let src = SourceFile::new(format!("{SERVICE_PREFIX}{file}"), text);
    let code: Rc<Code> = compile_source(&src).map_err(|e| {
        PyErr::new(crate::engine::value::ExcKind::ImportError, format!("aiotutor's {name} module does not compile: {}", e.render()))
    })?;
    let module = Module::new(name);
    module.set("__name__", Value::str(name));
    let as_host: Rc<dyn Host> = Rc::new(BodyHost(host));
    let mut vm = Vm::new(as_host);
    vm.run_frame(Frame::new(code, module.dict.clone(), None))?;
    Ok(module)
}

fn derive_submodules(host: &dyn LoaderHost, top: &str, m: &Rc<Module>) -> PyResult<()> {
    let Some(Value::Dict(ref subs)) = m.get("SUBMODULES") else { return Ok(()) };
    let entries: Vec<(Value, Value)> = subs.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    for (k, names) in entries {
        let Value::Str(ref sub) = k else { continue };
        let full = format!("{top}.{sub}");
        let child = Module::new(&full);
        child.set("__name__", Value::str(&full));
        // A tuple of names the submodule shares with its parent, or a dict
        // `{name in the submodule: name in the parent}` (`redis.asyncio.Redis` is
        // `redis._AsyncRedis`).
        let pairs: Vec<(Value, Value)> = match names {
            Value::Tuple(ref t) => t.iter().map(|n| (n.clone(), n.clone())).collect(),
            Value::List(ref l) => l.borrow().iter().map(|n| (n.clone(), n.clone())).collect(),
            Value::Dict(ref d) => d.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            _ => vec![],
        };
        for (name, parent_name) in pairs {
            if let (Value::Str(ref name), Value::Str(ref parent_name)) = (&name, &parent_name) {
                if let Some(v) = m.get(&parent_name) {
                    child.set(&name, v);
                }
            }
        }
        let v = Value::Module(child);
        m.set(&sub, v.clone());
        host.cache_module(&full, v);
    }
    Ok(())
}

/// The host of a module body's VM: imports go to the program's host; the body itself
/// prints nothing.
struct BodyHost(Rc<dyn LoaderHost>);

impl Host for BodyHost {
    fn import(&self, vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
        self.0.import(vm, name)
    }

    fn write_stdout(&self, _vm: &mut Vm, _text: &str) {}

    fn write_stderr(&self, _vm: &mut Vm, _text: &str) {}
}
