//! The rest of asyncio, scenario by scenario (`tests/asyncio_extra/`): cancellation and
//! finally blocks, wait_for, timeouts, shield, wait/as_completed, TaskGroup corner cases,
//! locks, semaphores, conditions, events and queues. Each script's stdout, exit status,
//! step order and every loop pass must equal CPython 3.11's (recorded with `python3`,
//! `cpython-steps` and `cpython-loop`).

mod common;

use common::*;

#[test]
fn asyncio_scenarios_match_cpython() {
    let dir = fixture_dir("asyncio_extra");
    let names: Vec<String> = scripts(&dir).iter().map(|p| stem(p)).collect();
    assert!(names.len() >= 20, "only {} scenarios", names.len());
    let mut failures = Vec::new();
    for n in &names {
        failures.extend(check_run(&dir, n));
        failures.extend(check_trace(&dir, n, "steps", "steps"));
        failures.extend(check_trace(&dir, n, "loop", "loop"));
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}
