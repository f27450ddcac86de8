//! `aiotutor trace --json`: one JSON object per event per line.

use super::Trace;

pub fn render(trace: &Trace) -> String {
    let mut out = String::new();
    for e in &trace.events {
        match serde_json::to_string(e) {
            Ok(line) => out.push_str(&line),
            Err(err) => out.push_str(&format!("{{\"error\":\"{err}\"}}")),
        }
        out.push('\n');
    }
    out
}
