//! Run one script end to end: compile it, run it on the asyncio model, and hand back
//! the trace and how it ended. `run`, `trace`, `check` and the TUI all go through here.

use std::io::Write;
use std::rc::Rc;
use std::sync::atomic::Ordering;

use crate::aio::{AioHost, Runtime};
use crate::engine::value::ExcKind;
use crate::engine::vm::{exc_summary, Fatal, PyErr, Vm};
use crate::engine::{compile_source, SourceFile};
use crate::trace::{Event, Level, Trace};

/// Knobs for one run.
#[derive(Clone)]
pub struct RunOptions {
    pub level: Level,
    /// Stream stdout to the real stdout as the program prints (`aiotutor run`).
    pub echo_stdout: bool,
    /// Instructions one callback may run before the loop counts as blocked.
    pub max_ticks: u64,
    /// The memory budget in bytes: beyond it allocations raise `MemoryError`.
    pub max_memory: usize,
    /// Instructions the whole program may run before it is stopped as never ending.
    pub max_total_instructions: u64,
    /// Loop callbacks the whole program may run before it is stopped as never ending.
    pub max_callbacks: u64,
    /// Real seconds the whole program may run (`None`: no limit).
    pub max_seconds: Option<f64>,
    /// Pace the virtual clock at wall-clock speed divided by this (`--realtime --speed`).
    pub realtime: Option<f64>,
    /// Virtual nanoseconds per VM instruction (the CPU cost model).
    pub ns_per_instruction: f64,
    /// The simulated `os.cpu_count()`.
    pub cpu_count: usize,
    /// "Ideal time", as `cpython-loop` models it: code takes no time and the selector
    /// wakes exactly at deadlines (no epoll millisecond rounding).
    pub ideal_time: bool,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            level: Level::Full,
            echo_stdout: false,
            max_ticks: 50_000_000,
            max_memory: crate::engine::vm::DEFAULT_MEMORY_BUDGET,
            max_total_instructions: crate::engine::vm::DEFAULT_MAX_TOTAL_TICKS,
            max_callbacks: crate::engine::vm::DEFAULT_MAX_WORK_UNITS,
            max_seconds: Some(crate::engine::vm::DEFAULT_MAX_SECONDS),
            realtime: None,
            ns_per_instruction: crate::aio::cpu::DEFAULT_NS_PER_TICK,
            cpu_count: 4,
            ideal_time: false,
        }
    }
}

/// How a run ended.
#[derive(Debug, Clone)]
pub struct RunResult {
    /// CPython's exit code: 0, 1 for an uncaught exception, `SystemExit`'s code;
    /// 2 when aiotutor refused the script, 3 when it stopped a hung program.
    pub exit_code: i32,
    /// Everything written to stderr (tracebacks, warnings, our own reports).
    pub stderr: String,
    /// The stderr text was already written out live (`echo_stdout`).
    pub stderr_echoed: bool,
    pub trace: Trace,
}

/// Stack for the engine thread: deep (but bounded) recursion in scripts must not
/// overflow the native stack.
const ENGINE_STACK: usize = 256 << 20;

/// A script's bytes as text, or CPython's located complaint (exit code 1) when they
/// are not UTF-8.
pub fn decode_script(name: &str, bytes: Vec<u8>) -> Result<String, (i32, String)> {
    crate::engine::source::decode_utf8(bytes).map_err(|b| {
        let (line, col) = (b.line, b.col);
        let message = format!(
            "{name}:{line}:{col}: SyntaxError: Non-UTF-8 code starting with '\\x{:02x}' in file {name} on line {line}, but no encoding declared; see https://peps.python.org/pep-0263/ for details",
            b.byte
        );
        (1, message)
    })
}

/// How long past its real-time limit a program may take to stop by itself before
/// `run_source` gives up waiting for it.
const GRACE_SECONDS: f64 = 5.0;

/// Run `source` (named `name`) on a dedicated engine thread and wait for it.
pub fn run_source(name: &str, source: &str, opts: RunOptions) -> RunResult {
    let (name_owned, source) = (name.to_string(), source.to_string());
    let secs = opts.max_seconds.filter(|_| opts.realtime.is_none());
    let wait = secs.map(|s| std::time::Duration::from_secs_f64(s.min(1e9) + GRACE_SECONDS));
    let progress = crate::engine::vm::Progress::default();
    let (tx, rx) = std::sync::mpsc::channel();
    let published = progress.clone();
    let worker = std::thread::Builder::new()
        .name("aiotutor-engine".into())
        .stack_size(ENGINE_STACK)
        .spawn(move || {
            // Natives that recurse over data stop (RecursionError) this far from the end.
            crate::engine::stack::set_budget(ENGINE_STACK - (32 << 20));
            let _ = tx.send(run_with_progress(&name_owned, &source, &opts, published));
        });
    let result = match (worker, wait) {
        (Err(_), _) => Err(std::sync::mpsc::RecvTimeoutError::Disconnected),
        (Ok(_), Some(d)) => wait_for_engine(&rx, d, &progress),
        (Ok(_), None) => rx.recv().map_err(|_| std::sync::mpsc::RecvTimeoutError::Disconnected),
    };
    match result {
        Ok(r) => r,
        // The budgets are checked between instructions and inside natives that loop; a
        // native that runs for ever anyway is left behind (a bug to fix where it is).
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            let at = match progress.line.load(Ordering::Relaxed) {
                0 => String::new(),
                n => format!("{n}:"),
            };
            let secs = secs.unwrap_or_default();
            stopped(format!("{name}:{at} error: the program ran for {secs} s of real time and did not stop: it looks like it never ends, and aiotutor gave up on it (raise the limit with --max-seconds)\n"), 3)
        }
        Err(_) => internal_error(),
    }
}

/// The result of a run whose engine failed (a bug in aiotutor, reported as one).
pub fn internal_error() -> RunResult {
    stopped("aiotutor: internal error: the engine thread failed (this is a bug in aiotutor)\n".into(), 70)
}

/// A run that ended without a result from the engine.
fn stopped(stderr: String, exit_code: i32) -> RunResult {
    let mut trace = Trace::new(Level::Steps);
    trace.push(0.0, Event::Exit { code: exit_code });
    RunResult { exit_code, stderr, stderr_echoed: false, trace }
}

/// The engine's result, waiting at most `allowed` of its running time: time it spent
/// blocked writing output (to a slow reader) extends the wait.
fn wait_for_engine(
    rx: &std::sync::mpsc::Receiver<RunResult>,
    allowed: std::time::Duration,
    progress: &crate::engine::vm::Progress,
) -> Result<RunResult, std::sync::mpsc::RecvTimeoutError> {
    let started = std::time::Instant::now();
    loop {
        let left = (allowed + progress.output_wait()).saturating_sub(started.elapsed());
        match rx.recv_timeout(left) {
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) if started.elapsed() < allowed + progress.output_wait() => continue,
            r => return r,
        }
    }
}

fn run_with_progress(name: &str, source: &str, opts: &RunOptions, progress: crate::engine::vm::Progress) -> RunResult {
    crate::engine::vm::set_progress(Some(progress));
    let r = run_here(name, source, opts);
    crate::engine::vm::set_progress(None);
    r
}

/// Run on the current thread (it needs a large stack for deep scripts).
pub fn run_here(name: &str, source: &str, opts: &RunOptions) -> RunResult {
    let src = SourceFile::new(name, source);
    let code = match compile_source(&src) {
        Ok(c) => c,
        Err(e) => {
            // CPython exits 1 on its own compile errors; 2 is aiotutor refusing the script.
            let code = if e.kind.python_exception().is_some() { 1 } else { 2 };
            let text = format!("{}\n", e.render());
            let mut trace = Trace::new(opts.level);
            let (file, line, col, message) = (e.file.clone(), e.line, e.col, e.message.clone());
            trace.push(0.0, Event::CompileError { file, line, col, message });
            trace.push(0.0, Event::Exit { code });
            return RunResult { exit_code: code, stderr: text, stderr_echoed: false, trace };
        }
    };
    let echo: Option<Box<dyn Write>> = if opts.echo_stdout {
        Some(Box::new(std::io::BufWriter::with_capacity(1 << 16, OutputWait(std::io::stdout()))))
    } else {
        None
    };
    let rt = Runtime::new(opts.level, echo);
    rt.clock.set_realtime(opts.realtime);
    rt.cpu.ns_per_tick.set(if opts.ideal_time { 0.0 } else { opts.ns_per_instruction });
    rt.epoll_rounding.set(!opts.ideal_time);
    rt.cpu_count.set(opts.cpu_count.max(1));
    let host = AioHost::new(rt.clone());
    let mut vm = Vm::new(host.clone());
    vm.limits.max_ticks_per_callback = opts.max_ticks;
    vm.limits.max_alloc = opts.max_memory;
    vm.limits.max_total_ticks = opts.max_total_instructions;
    vm.limits.max_work_units = opts.max_callbacks;
    // A paced run waits on the wall clock on purpose.
    vm.limits.max_seconds = if opts.realtime.is_some() { None } else { opts.max_seconds };
    vm.start_clock();
    vm.begin_work();
    vm.trace_lines = opts.level >= Level::Full;
    let globals = Vm::main_globals();
    let outcome = vm.run_module(code, globals.clone()).and_then(|_| {
        // The interpreter waits for running threads before it exits.
        let rt2 = rt.clone();
        rt2.world().finish(&rt2, &mut vm)
    });
    let (exit_code, as_cpython) = match outcome {
        Ok(_) => (0, true),
        Err(e) => {
            let fatal = matches!(e, PyErr::Fatal(_));
            (report_error(&mut vm, &host, e), !fatal)
        }
    };
    if as_cpython {
        // CPython's finalization clears `__main__`: coroutines still in it were never awaited.
        let values: Vec<_> = globals.borrow_mut().drain_values().collect();
        drop(values);
        vm.warn_unawaited_at_exit();
    }
    host.finish();
    let stderr = std::mem::take(&mut rt.output.borrow_mut().stderr);
    rt.record(Level::Steps, || Event::Exit { code: exit_code });
    let trace = std::mem::replace(&mut *rt.trace.borrow_mut(), Trace::new(Level::Off));
    // Nothing of the program runs again: free what it left in reference cycles (its
    // modules, the asyncio prelude's functions and classes), or every run would leak them.
    let mut roots: Vec<crate::engine::value::Value> = globals.borrow_mut().drain_values().collect();
    roots.extend(host.take_modules());
    roots.extend(vm.modules.borrow_mut().drain(..).map(|(_, m)| m));
    roots.extend(vm.builtins.dict.borrow_mut().drain_values());
    crate::engine::value::teardown::clear_all(roots);
    RunResult { exit_code, stderr, stderr_echoed: opts.echo_stdout, trace }
}

/// Print what ended the program on stderr; return the exit code.
fn report_error(vm: &mut Vm, host: &Rc<AioHost>, e: PyErr) -> i32 {
    use crate::engine::vm::Host;
    match e {
        PyErr::Exc(exc) => {
            if e_is(&exc, ExcKind::SystemExit) {
                return system_exit_code(vm, host, &exc);
            }
            let text = crate::engine::traceback::format_exception(vm, &exc);
            host.write_stderr(vm, &text);
            1
        }
        PyErr::Fatal(f) => {
            let text = match &*f {
                Fatal::LoopBlocked { ticks, func, file, line } => format!(
                    "{file}:{line}: error: `{func}()` ran {} instructions without awaiting: it blocked the event loop (aiotutor stopped it; raise the limit with --max-instructions)\n",
                    crate::engine::vm::group_digits(*ticks)
                ),
                Fatal::Host { msg, at } => match at {
                    Some((file, line)) => format!("{file}:{line}: error: {msg}\n"),
                    None => format!("{}error: {msg}\n", location(vm)),
                },
                Fatal::Internal(msg) => format!("aiotutor: internal error: {msg} (this is a bug in aiotutor)\n"),
            };
            host.write_stderr(vm, &text);
            match &*f {
                Fatal::Internal(_) => 70,
                Fatal::Host { msg, .. } if msg.contains("refused") => 2,
                _ => 3,
            }
        }
    }
}

/// `file:line: ` of the innermost frame still on the stack, if any.
fn location(vm: &Vm) -> String {
    match vm.frames.last() {
        Some(f) => format!("{}:{}: ", f.code.source.name, f.line()),
        None => String::new(),
    }
}

fn e_is(exc: &crate::engine::value::Value, kind: ExcKind) -> bool {
    crate::engine::value::types::class_of(exc).is_subclass(&crate::engine::value::types::types().exc(kind))
}

/// `SystemExit(code)`: None → 0, int → it, anything else printed and 1.
fn system_exit_code(vm: &mut Vm, host: &Rc<AioHost>, exc: &crate::engine::value::Value) -> i32 {
    use crate::engine::value::Value;
    use crate::engine::vm::Host;
    let code = exc.exc().and_then(|d| d.borrow().args.first().cloned()).unwrap_or(Value::None);
    match code {
        Value::None => 0,
        Value::Int(i) => i as i32,
        Value::Bool(b) => b as i32,
        other => {
            let s = vm.str(&other).unwrap_or_else(|_| exc_summary(exc));
            host.write_stderr(vm, &format!("{s}\n"));
            1
        }
    }
}

/// The program's stdout, timing how long each write waits for the reader (a pipe to a
/// slow reader can block for as long as it likes; that is not the program running).
struct OutputWait<W>(W);

impl<W: Write> Write for OutputWait<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let t = std::time::Instant::now();
        let r = self.0.write(buf);
        crate::engine::vm::note_output_wait(t.elapsed());
        r
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let t = std::time::Instant::now();
        let r = self.0.flush();
        crate::engine::vm::note_output_wait(t.elapsed());
        r
    }
}
