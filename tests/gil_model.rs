//! The CPU cost model and the GIL, in virtual time (deterministic, so exact checks):
//! CPU-bound code on the loop freezes it; two threads doing CPU work take twice as long
//! as one; two processes take as long as one; threads sleeping overlap.

mod common;

use common::*;

fn figures(script: &str) -> Vec<(String, f64)> {
    let dir = fixture_dir("gil_model");
    let out = aiotutor(&dir, &["run", script]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let (name, value) = l.rsplit_once(' ').expect("lines are `name value`");
            (name.trim().to_string(), value.parse().expect("a number"))
        })
        .collect()
}

fn get(f: &[(String, f64)], name: &str) -> f64 {
    f.iter().find(|(n, _)| n == name).map(|(_, v)| *v).unwrap_or_else(|| panic!("no figure {name}"))
}

#[test]
fn cpu_work_blocks_the_loop_and_threads_share_one_gil() {
    let f = figures("cpu_demo.py");
    let one = get(&f, "thread x1");
    let two = get(&f, "thread x2");
    assert!(one > 0.02, "a sort of 600,000 ints takes real CPU time: {one}");
    assert!((two / one - 2.0).abs() < 0.15, "two threads take twice as long as one: {one} vs {two}");
    let p1 = get(&f, "process x1");
    let p2 = get(&f, "process x2");
    assert!((p2 / p1 - 1.0).abs() < 0.1, "two processes take as long as one: {p1} vs {p2}");
    let gap = get(&f, "loop   longest heartbeat gap");
    assert!(gap > one * 0.8, "the heartbeat waits for the sort on the loop: gap {gap}, sort {one}");
}

#[test]
fn a_slice_ending_inside_a_generator_driven_by_a_native_loses_nothing() {
    let dir = fixture_dir("gil_model");
    let out = aiotutor(&dir, &["run", "genexpr_in_threads.py"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "[8999955000050000, 8999955000050000]\n");
}
