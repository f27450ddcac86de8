//! `aiotutor trace --loop`: every pass of the loop with its ready queue and timers, in the
//! format of CPython's `cpython-loop` tool (`pass N t=T ready=[...] timers=[...]`,
//! `run HANDLE`, `out LINE`, `exit CODE`).

use super::{Event, Stream, Trace};

pub fn render(trace: &Trace) -> String {
    let mut out = String::new();
    for e in &trace.events {
        match &e.event {
            Event::Pass { pass, ready, timers } => {
                let timers: Vec<String> = timers.iter().map(|(w, l)| format!("{w:.3} {l}")).collect();
                out.push_str(&format!(
                    "pass {pass} t={:.3} ready=[{}] timers=[{}]\n",
                    e.t,
                    ready.join(", "),
                    timers.join(", ")
                ));
            }
            Event::HandleRun { label, .. } => out.push_str(&format!("run {label}\n")),
            Event::Output { stream: Stream::Stdout, line } => out.push_str(&format!("out {line}\n")),
            Event::Exit { code } => out.push_str(&format!("exit {code}\n")),
            _ => {}
        }
    }
    out
}
