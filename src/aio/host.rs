//! The engine's `Host`: the modules asyncio code imports, and the output streams
//! (recorded in the trace line by line, and echoed to the real stdout for `run`).

use std::io::Write;
use std::rc::Rc;

use crate::engine::value::Value;
use crate::engine::vm::{Host, PyResult, Vm};
use crate::trace::{Event, Level, Stream};

use super::Runtime;

/// Where program output goes.
/// A line of output longer than this is recorded in pieces.
const MAX_PARTIAL: usize = 1 << 20;
/// What is kept of stderr (its end: the error a program dies of).
const MAX_STDERR: usize = 8 << 20;

pub struct Output {
    /// `run`: bytes straight to the real stdout (buffered).
    echo: Option<Box<dyn Write>>,
    /// Partial stdout line not yet recorded in the trace.
    partial: String,
    partial_err: String,
    /// Everything written to stderr (for tests and the UI).
    pub stderr: String,
}

impl Output {
    pub fn new(echo: Option<Box<dyn Write>>) -> Output {
        Output { echo, partial: String::new(), partial_err: String::new(), stderr: String::new() }
    }
}

pub struct AioHost {
    pub rt: Rc<Runtime>,
    modules: std::cell::RefCell<Vec<(String, Value)>>,
    /// Itself, for the service loader (which runs module bodies with this host).
    me: std::rc::Weak<AioHost>,
}

impl AioHost {
    pub fn new(rt: Rc<Runtime>) -> Rc<AioHost> {
        Rc::new_cyclic(|me| AioHost { rt, modules: std::cell::RefCell::new(Vec::new()), me: me.clone() })
    }

    /// Cut `text` into the trace's output lines. What the tool keeps of the program's
    /// output is not the program's memory (CPython's output goes to a file): the lines
    /// leave the budget as the trace takes them (`Runtime::record`), and a line without
    /// an end is cut every `MAX_PARTIAL` bytes.
    fn record_lines(&self, stream: Stream, text: &str) {
        {
            let mut out = self.rt.output.borrow_mut();
            let buf = match stream {
                Stream::Stdout => &mut out.partial,
                Stream::Stderr => &mut out.partial_err,
            };
            buf.push_str(text);
            if !buf.contains('\n') {
                if buf.len() > MAX_PARTIAL {
                    let line = std::mem::take(buf);
                    drop(out);
                    self.rt.record(Level::Output, || Event::Output { stream, line });
                }
                return;
            }
            let mut lines: Vec<String> = buf.split('\n').map(str::to_string).collect();
            *buf = lines.pop().unwrap_or_default();
            drop(out);
            for line in lines {
                self.rt.record(Level::Output, || Event::Output { stream, line });
            }
        }
    }

    /// The modules imported so far, taken out (the run is over: `teardown`).
    pub fn take_modules(&self) -> Vec<Value> {
        self.modules.borrow_mut().drain(..).map(|(_, m)| m).collect()
    }

    /// Flush the partial last lines (at exit), like `cpython-steps` does.
    pub fn finish(&self) {
        let (rest, rest_err) = {
            let mut out = self.rt.output.borrow_mut();
            if let Some(w) = out.echo.as_mut() {
                let _ = w.flush();
            }
            (std::mem::take(&mut out.partial), std::mem::take(&mut out.partial_err))
        };
        if !rest.is_empty() {
            self.rt.record(Level::Output, || Event::Output { stream: Stream::Stdout, line: rest });
        }
        if !rest_err.is_empty() {
            self.rt.record(Level::Output, || Event::Output { stream: Stream::Stderr, line: rest_err });
        }
    }

    fn module(&self, name: &str) -> Option<PyResult<Value>> {
        if let Some((_, m)) = self.modules.borrow().iter().find(|(n, _)| n == name) {
            return Some(Ok(m.clone()));
        }
        if crate::services::loader::is_service(name) {
            let me: Rc<AioHost> = self.me.upgrade()?;
            return crate::services::loader::load(me, name);
        }
        let m = match name {
            "asyncio" => super::module::make_asyncio_module(&self.rt),
            "time" => super::time_module::make_time_module(&self.rt),
            "concurrent.futures" => super::executor::make_concurrent_futures(&self.rt),
            "threading" => super::threading_module::make_threading_module(&self.rt),
            "_sim" => crate::services::sim::make_sim_module(&self.rt),
            "concurrent" => {
                let pkg = crate::engine::value::Module::new("concurrent");
                if let Some(Ok(sub)) = self.module("concurrent.futures") {
                    pkg.set("futures", sub);
                }
                Value::Module(pkg)
            }
            _ => crate::stdlib::module(name)?,
        };
        self.modules.borrow_mut().push((name.to_string(), m.clone()));
        Some(Ok(m))
    }
}

impl Host for AioHost {
    fn import(&self, _vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
        self.module(name)
    }

    fn write_stdout(&self, _vm: &mut Vm, text: &str) {
        {
            let mut out = self.rt.output.borrow_mut();
            if let Some(w) = out.echo.as_mut() {
                let _ = w.write_all(text.as_bytes());
            }
        }
        if self.rt.traces(Level::Output) {
            self.record_lines(Stream::Stdout, text);
        }
    }

    fn on_line(&self, _vm: &mut Vm, code: &Rc<crate::engine::bytecode::Code>, line: u32) {
        if super::prelude::is_prelude_source(&code.source.name) {
            return; // asyncio's own machinery is not the learner's code
        }
        if self.rt.current_process.borrow().id != 0 {
            // Another process (a server worker): the player animates only the program's
            // own lines, and a worker's CPU loop would fill the trace with them.
            return;
        }
        let task = self.rt.running().and_then(|l| l.current_task.borrow().as_ref().map(|t| t.id));
        self.rt.record(Level::Full, || Event::Line { task, file: code.source.name.clone(), line });
    }

    fn write_stderr(&self, _vm: &mut Vm, text: &str) {
        {
            let mut out = self.rt.output.borrow_mut();
            crate::engine::alloc::uncounted(|| {
                out.stderr.push_str(text);
                if out.stderr.len() > MAX_STDERR {
                    let mut cut = out.stderr.len() - MAX_STDERR / 2;
                    while !out.stderr.is_char_boundary(cut) {
                        cut += 1;
                    }
                    out.stderr.drain(..cut);
                }
            });
            // `run`: stderr goes out live, in order with stdout.
            if let Some(w) = out.echo.as_mut() {
                let _ = w.flush();
                let t = std::time::Instant::now();
                let _ = std::io::stderr().write_all(text.as_bytes());
                crate::engine::vm::note_output_wait(t.elapsed());
            }
        }
        if self.rt.traces(Level::Output) {
            self.record_lines(Stream::Stderr, text);
        }
    }
}

impl crate::services::ServiceModules for AioHost {
    fn cached_module(&self, name: &str) -> Option<Value> {
        self.modules.borrow().iter().find(|(n, _)| n == name).map(|(_, m)| m.clone())
    }

    fn cache_module(&self, name: &str, m: Value) {
        self.modules.borrow_mut().push((name.to_string(), m));
    }
}
