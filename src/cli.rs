//! The command line: thin dispatch to the layers.

mod app;
mod check;
mod new;
mod progress;
mod run;
mod trace;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "aiotutor", version, about = "Learn how Python's asyncio really works: run the code on a faithful model of CPython 3.11's event loop and watch it")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    ui: app::UiFlags,
}

#[derive(Subcommand)]
enum Command {
    /// Run a script headless: its stdout, stderr and exit code are CPython 3.11's.
    Run(run::RunArgs),
    /// Print the loop's trace: `--steps` (cpython-steps format) or `--json` (every event).
    Trace(trace::TraceArgs),
    /// Open a lesson in the player: a built-in lesson's id, or a lesson file.
    Lesson(app::LessonArgs),
    /// Watch any script run in the player (no lesson text).
    Show(app::ShowArgs),
    /// Validate lessons: the TOML schema, and every program runs to the end.
    Check(check::CheckArgs),
    /// Write a new lesson file, commented, that passes `check`.
    New(new::NewArgs),
    /// The lessons done and quiz scores (`--reset` forgets them).
    Progress(progress::ProgressArgs),
}

pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match cli.command {
        Some(Command::Run(a)) => run::main(a),
        Some(Command::Trace(a)) => trace::main(a),
        Some(Command::Lesson(a)) => app::lesson(a, &cli.ui),
        Some(Command::Show(a)) => app::show(a, &cli.ui),
        Some(Command::Check(a)) => check::main(a),
        Some(Command::New(a)) => new::main(a),
        Some(Command::Progress(a)) => progress::main(a, &cli.ui),
        None => app::menu(&cli.ui),
    }
}

/// Flags of the simulation shared by `run` and `trace`.
#[derive(clap::Args, Clone)]
pub struct SimFlags {
    /// Instructions one callback may run without awaiting before it counts as a blocked loop.
    #[arg(long, default_value_t = 50_000_000)]
    pub max_instructions: u64,
    /// The program's memory budget in MB: allocating beyond it raises MemoryError.
    #[arg(long, default_value_t = crate::engine::vm::DEFAULT_MEMORY_BUDGET >> 20)]
    pub max_memory: usize,
    /// Instructions the whole program may run before aiotutor stops it as never ending.
    #[arg(long, default_value_t = crate::engine::vm::DEFAULT_MAX_TOTAL_TICKS)]
    pub max_total_instructions: u64,
    /// Event-loop callbacks the whole program may run before aiotutor stops it as never ending.
    #[arg(long, default_value_t = crate::engine::vm::DEFAULT_MAX_WORK_UNITS)]
    pub max_callbacks: u64,
    /// Real seconds the whole program may run before aiotutor stops it as never ending (0: no limit).
    #[arg(long, default_value_t = crate::engine::vm::DEFAULT_MAX_SECONDS)]
    pub max_seconds: f64,
    /// Virtual nanoseconds each VM instruction takes (the CPU cost model).
    #[arg(long, default_value_t = crate::aio::cpu::DEFAULT_NS_PER_TICK)]
    pub ns_per_instruction: f64,
    /// The simulated os.cpu_count() (sizes the default executor and process pools).
    #[arg(long, default_value_t = 4)]
    pub cpu_count: usize,
    /// Code takes no time and the loop wakes exactly at deadlines (as `cpython-loop` models).
    #[arg(long)]
    pub ideal_time: bool,
}

impl SimFlags {
    pub fn options(&self, level: crate::trace::Level) -> crate::program::RunOptions {
        crate::program::RunOptions {
            level,
            echo_stdout: false,
            max_ticks: self.max_instructions,
            max_memory: self.max_memory.saturating_mul(1 << 20),
            max_total_instructions: self.max_total_instructions,
            max_callbacks: self.max_callbacks,
            max_seconds: (self.max_seconds > 0.0).then_some(self.max_seconds),
            realtime: None,
            ns_per_instruction: self.ns_per_instruction,
            cpu_count: self.cpu_count,
            ideal_time: self.ideal_time,
        }
    }
}

/// Read a script, or explain why not: unreadable, too large (`/dev/zero` included), or
/// not UTF-8 (located, with CPython's wording).
pub(crate) fn read_script(path: &std::path::Path) -> Result<String, (i32, String)> {
    use std::io::Read;
    let cannot = |e: std::io::Error| (2, format!("aiotutor: cannot read {}: {e}", path.display()));
    let limit = crate::engine::prescan::MAX_SOURCE_BYTES;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limit as u64 + 1).read_to_end(&mut bytes))
        .map_err(cannot)?;
    if bytes.len() > limit {
        return Err((2, format!("aiotutor: {} is larger than {} MB: too large to be a script", path.display(), limit >> 20)));
    }
    crate::program::decode_script(&path.display().to_string(), bytes)
}
