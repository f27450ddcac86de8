//! Loop ordering rules, one small scenario each (`tests/loop_order/`): call_soon FIFO,
//! timer ties, cancelled handles, done-callbacks through call_soon, wakeup chains, nested
//! gathers, callback errors. Each must reproduce CPython's loop pass by pass.

mod common;

use common::*;

#[test]
fn loop_ordering_scenarios_match_cpython() {
    let dir = fixture_dir("loop_order");
    let names: Vec<String> = scripts(&dir).iter().map(|p| stem(p)).collect();
    assert!(names.len() >= 8);
    let mut failures = Vec::new();
    for n in &names {
        failures.extend(check_run(&dir, n));
        failures.extend(check_trace(&dir, n, "steps", "steps"));
        failures.extend(check_trace(&dir, n, "loop", "loop"));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
