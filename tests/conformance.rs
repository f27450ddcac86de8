//! The conformance suite: each script in `tests/conformance/` runs through the real
//! binary and must print exactly what CPython 3.11 printed (stdout, exit code, last
//! stderr line); `trace --steps` must equal CPython's step order (`cpython-steps`), and
//! `trace --loop` every pass of CPython's loop (`cpython-loop`).

mod common;

use common::*;

/// Scripts whose asyncio features are not built yet (the list shrinks to nothing).
const NOT_YET: &[&str] = &[];

/// Scripts whose `.loop` (from `cpython-loop`) cannot be compared pass by pass:
const NO_LOOP_COMPARISON: &[&str] = &[
    // TaskGroup cancels its children in set order, which follows memory addresses: CPython
    // gives either of two orders (the suite has no `.steps` for it for that reason).
    "t2_02",
    // Executors: `cpython-loop` runs jobs at submission and delivers results with
    // `call_at` timers; aiotutor models what CPython really does (worker threads, results
    // posted with `call_soon_threadsafe(_chain_future.._set_state)`), so the passes differ
    // while output and step order match CPython's.
    "t3_02", "t3_03", "t3_04", "t3_11", "t4_06",
];

fn supported() -> Vec<String> {
    let dir = fixture_dir("conformance");
    scripts(&dir)
        .iter()
        .map(|p| stem(p))
        .filter(|n| !NOT_YET.iter().any(|p| n.starts_with(p)))
        .collect()
}

#[test]
fn stdout_exit_code_and_stderr_match_cpython() {
    let dir = fixture_dir("conformance");
    let names = supported();
    assert!(names.len() >= 40, "only {} scripts checked", names.len());
    let failures: Vec<String> = names.iter().flat_map(|n| check_run(&dir, n)).collect();
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn step_order_matches_cpython() {
    let dir = fixture_dir("conformance");
    let failures: Vec<String> = supported().iter().flat_map(|n| check_trace(&dir, n, "steps", "steps")).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_loop_pass_matches_cpython() {
    let dir = fixture_dir("conformance");
    let failures: Vec<String> = supported()
        .iter()
        .filter(|n| !NO_LOOP_COMPARISON.iter().any(|p| n.starts_with(p)))
        .flat_map(|n| check_trace(&dir, n, "loop", "loop"))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
