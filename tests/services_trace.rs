//! What the trace says about simulated server processes, as the player's "Server
//! processes" pane reads it: each worker's connections, requests in flight, thread
//! limiter, threads and blocked loop, at any virtual time.

use std::rc::Rc;

use aiotutor::program::{run_source, RunOptions};
use aiotutor::trace::Recording;

fn record(file: &str, cpu_count: usize) -> Rc<Recording> {
    let path = format!("{}/tests/services/{file}", env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(&path).expect("scenario is readable");
    let r = run_source(file, &source, RunOptions { cpu_count, ..RunOptions::default() });
    assert_eq!(r.exit_code, 0, "{}", r.stderr);
    Rc::new(Recording::new(r.trace))
}

#[test]
fn each_worker_has_its_own_limiter_and_threads() {
    let rec = record("sync_4w_untimed.py", 2);
    let procs = &rec.processes.procs;
    assert_eq!(procs.len(), 4, "four uvicorn workers");
    let end = rec.end_time();
    let accepted: u32 = procs.iter().map(|p| p.state_at(end).connections).sum();
    let done: u32 = procs.iter().map(|p| p.state_at(end).done).sum();
    assert_eq!((accepted, done), (100, 100));
    // Early on, the busiest worker has 40 requests in its threads and the rest of its
    // connections waiting for a token of its own limiter.
    let busiest = procs.iter().max_by_key(|p| p.state_at(end).connections).expect("workers");
    let t = (0..300).map(|i| i as f64 * 0.001).find(|&t| busiest.state_at(t).limiter.is_some_and(|l| l.2 > 0));
    let t = t.expect("requests of the busiest worker wait for a token");
    let st = busiest.state_at(t);
    assert_eq!(st.limiter.map(|l| (l.0, l.1)), Some((40, 40)), "{st:?}");
    assert!(st.threads_busy >= 39, "{st:?}");
    assert_eq!(busiest.state_at(end).in_flight, 0);
}

#[test]
fn a_blocking_call_in_async_def_shows_as_a_blocked_worker_loop() {
    let rec = record("async_blocking_1w_untimed.py", 2);
    let worker = &rec.processes.procs[0];
    assert!(worker.blocked_at(1.0).is_some_and(|why| why.contains("time.sleep")), "blocked at 1 s");
    let st = worker.state_at(1.0);
    assert!(st.in_flight >= 1 && st.done >= 5 && st.done < 15, "{st:?}");
    assert!(st.limiter.is_none(), "no def endpoint, no thread limiter");
}
