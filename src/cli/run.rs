//! `aiotutor run FILE.py`.

use std::io::Write;
use std::path::PathBuf;

use crate::program::{run_source, RunOptions};
use crate::trace::Level;

#[derive(clap::Args)]
pub struct RunArgs {
    /// The Python script.
    pub file: PathBuf,
    /// Pace the virtual clock at wall-clock speed (a 3 s sleep takes 3 s).
    #[arg(long)]
    pub realtime: bool,
    /// With --realtime: how many virtual seconds pass per wall-clock second.
    #[arg(long, default_value_t = 1.0)]
    pub speed: f64,
    #[command(flatten)]
    pub sim: super::SimFlags,
}

pub fn main(a: RunArgs) -> i32 {
    let source = match super::read_script(&a.file) {
        Ok(s) => s,
        Err((code, msg)) => {
            eprintln!("{msg}");
            return code;
        }
    };
    let opts = RunOptions {
        echo_stdout: true,
        realtime: a.realtime.then_some(a.speed),
        ..a.sim.options(Level::Off)
    };
    let name = a.file.display().to_string();
    let result = run_source(&name, &source, opts);
    let _ = std::io::stdout().flush();
    if !result.stderr.is_empty() && !result.stderr_echoed {
        let mut err = std::io::stderr();
        let _ = err.write_all(result.stderr.as_bytes());
    }
    result.exit_code
}
