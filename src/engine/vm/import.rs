//! `import`: the sandbox's modules come from the host; everything that could reach the
//! file system, the network, processes or the environment is refused by name.

use super::super::value::{ExcKind, Value};
use super::{PyErr, PyResult, Vm};

/// Modules refused on purpose: lesson code is untrusted. (A server's pid, which real code
/// reads with `os.getpid()`, is `aiotutor.pid()` in the simulation.)
const REFUSED: &[&str] = &[
    "os", "sys", "subprocess", "socket", "pathlib", "shutil", "ctypes", "io", "builtins", "importlib",
    "multiprocessing", "signal", "select", "selectors", "mmap", "pickle", "marshal", "tempfile",
    "glob", "fcntl", "resource", "pty", "urllib", "http", "ftplib", "smtplib", "ssl", "sqlite3", "code",
    "codeop", "inspect", "gc", "platform", "posix", "nt", "pwd", "grp", "webbrowser", "runpy",
];

impl Vm {
    pub fn import(&mut self, name: &str) -> PyResult<Value> {
        if let Some((_, m)) = self.modules.borrow().iter().find(|(n, _)| &**n == name) {
            return Ok(m.clone());
        }
        let top = name.split('.').next().unwrap_or(name);
        if REFUSED.contains(&top) {
            return Err(PyErr::new(
                ExcKind::ImportError,
                format!("import of '{name}' is refused: aiotutor runs lesson code in a sandbox without file, network, process or environment access"),
            ));
        }
        let host = self.host.clone();
        match host.import(self, name) {
            Some(Ok(m)) => {
                self.modules.borrow_mut().push((name.into(), m.clone()));
                Ok(m)
            }
            Some(Err(e)) => Err(e),
            None => Err(PyErr::new(
                ExcKind::ModuleNotFoundError,
                format!("No module named '{name}'"),
            )),
        }
    }

    pub(crate) fn import_from(&mut self, module: &Value, name: &str) -> PyResult<Value> {
        match self.get_attr_opt(module, name)? {
            Some(v) => Ok(v),
            None => {
                // A submodule: `from concurrent import futures`.
                if let Value::Module(m) = module {
                    let full = format!("{}.{name}", m.name);
                    if let Ok(sub) = self.import(&full) {
                        return Ok(sub);
                    }
                    return Err(PyErr::new(
                        ExcKind::ImportError,
                        format!("cannot import name '{name}' from '{}' (unknown location)", m.name),
                    ));
                }
                Err(PyErr::new(ExcKind::ImportError, format!("cannot import name '{name}'")))
            }
        }
    }
}
