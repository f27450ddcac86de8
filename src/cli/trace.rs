//! `aiotutor trace FILE.py --steps | --json`.

use std::io::Write;
use std::path::PathBuf;

use crate::program::run_source;
use crate::trace::{json, loop_passes, steps, Level};

#[derive(clap::Args)]
pub struct TraceArgs {
    /// The Python script.
    pub file: PathBuf,
    /// One line per task step and output line, as `cpython-steps` prints them.
    #[arg(long, conflicts_with = "json")]
    pub steps: bool,
    /// Every event as a JSON object per line (the UI's contract).
    #[arg(long, conflicts_with = "loop_passes")]
    pub json: bool,
    /// Every loop pass with its ready queue and timers, as `cpython-loop` prints them.
    #[arg(long = "loop", id = "loop_passes")]
    pub loop_passes: bool,
    #[command(flatten)]
    pub sim: super::SimFlags,
}

pub fn main(a: TraceArgs) -> i32 {
    let source = match super::read_script(&a.file) {
        Ok(s) => s,
        Err((code, msg)) => {
            eprintln!("{msg}");
            return code;
        }
    };
    let level = if a.json || a.loop_passes { Level::Full } else { Level::Steps };
    let opts = a.sim.options(level);
    let result = run_source(&a.file.display().to_string(), &source, opts);
    let text = if a.json {
        json::render(&result.trace)
    } else if a.loop_passes {
        loop_passes::render(&result.trace)
    } else {
        steps::render(&result.trace)
    };
    let mut out = std::io::stdout();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
    if !a.steps && !a.json && !a.loop_passes {
        eprintln!("aiotutor trace: choose --steps, --loop or --json");
        return 2;
    }
    if !result.stderr.is_empty() {
        let _ = std::io::stderr().write_all(result.stderr.as_bytes());
    }
    0
}
