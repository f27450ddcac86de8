//! `aiotutor trace --steps`: the format of `cpython-steps` (`step Task-N`, `out LINE`, `exit N`).

use super::{Event, Stream, Trace};

pub fn render(trace: &Trace) -> String {
    let mut out = String::new();
    for e in &trace.events {
        match &e.event {
            Event::TaskStep { name, .. } => {
                out.push_str("step ");
                out.push_str(name);
                out.push('\n');
            }
            Event::Output { stream: Stream::Stdout, line } => {
                out.push_str("out ");
                out.push_str(line);
                out.push('\n');
            }
            Event::Exit { code } => {
                out.push_str(&format!("exit {code}\n"));
            }
            _ => {}
        }
    }
    out
}
