//! The snapshot fold (the data behind the loop panel) against the engine's own view:
//! before every `pass` event the folded ready queue and timer heap must equal what the
//! loop announces, for every fixture script; and known positions of known scripts.

use std::path::Path;
use std::rc::Rc;

use aiotutor::program::{run_source, RunOptions};
use aiotutor::trace::snapshot::{Snapshot, TaskStatus};
use aiotutor::trace::{Awaiting, Cursor, Event, GapKind, Recording};

/// Record in ideal time (code costs no virtual time), so positions have exact times.
fn record(name: &str, source: &str) -> Rc<Recording> {
    let r = run_source(name, source, RunOptions { ideal_time: true, ..RunOptions::default() });
    Rc::new(Recording::new(r.trace))
}

/// Record with the CPU cost model, as the app does.
fn record_costed(name: &str, source: &str) -> Rc<Recording> {
    Rc::new(Recording::new(run_source(name, source, RunOptions::default()).trace))
}

fn record_file(path: &Path) -> Rc<Recording> {
    let source = std::fs::read_to_string(path).expect("fixture is readable");
    record(&path.display().to_string(), &source)
}

fn fixtures() -> Vec<std::path::PathBuf> {
    let mut v = Vec::new();
    for dir in ["tests/conformance", "tests/loop_order"] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        for e in std::fs::read_dir(dir).expect("fixture dir") {
            let p = e.expect("entry").path();
            if p.extension().is_some_and(|x| x == "py") {
                v.push(p);
            }
        }
    }
    v.sort();
    v
}

fn ready_labels(s: &Snapshot) -> Vec<String> {
    s.ready.iter().map(|q| q.label.clone()).collect()
}

#[test]
fn fold_matches_every_pass_of_every_fixture() {
    let mut checked = 0;
    for path in fixtures() {
        let rec = record_file(&path);
        let mut snap = Snapshot::default();
        for e in &rec.events {
            if let Event::Pass { ready, timers, pass } = &e.event {
                let name = path.display();
                // Handles cancelled while queued are skipped silently by the loop.
                // Tasks renamed with set_name rename their queued steps: compare what
                // the handles do, not whose they are.
                let kind = |l: &String| l.rsplit('.').next().unwrap_or_default().to_string();
                let want: Vec<String> = ready.iter().map(kind).collect();
                let mut got: Vec<String> = ready_labels(&snap).iter().map(kind).collect();
                got.retain(|l| want.contains(l));
                assert_eq!(got, want, "{name}: ready queue before pass {pass}");
                let got: Vec<(f64, String)> = snap.timers.iter().map(|t| (t.when, t.label.clone())).collect();
                assert_eq!(&got, timers, "{name}: timers before pass {pass}");
                checked += 1;
            }
            snap.apply(e);
        }
        assert!(snap.exit.is_some(), "{}: the trace ends with exit", path.display());
    }
    assert!(checked > 500, "only {checked} passes checked");
}

const GATHER: &str = "import asyncio

async def fetch(n):
    await asyncio.sleep(1)
    return n

async def main():
    r = await asyncio.gather(fetch(1), fetch(2))
    print(r)

asyncio.run(main())
";

#[test]
fn gather_positions() {
    let rec = record("g.py", GATHER);
    let mut c = Cursor::new(rec.clone());
    // 1: Task-1.step runs main.
    assert!(c.step_handle());
    let s = c.snapshot();
    assert_eq!(s.running.as_ref().map(|q| q.label.as_str()), Some("Task-1.step"));
    assert_eq!(s.status(s.task_by_name("Task-1")), TaskStatus::Running);
    // 2: main suspended on the gather; both children queued, FIFO.
    assert!(c.step_handle());
    let s = c.snapshot();
    assert_eq!(s.running.as_ref().map(|q| q.label.as_str()), Some("Task-2.step"));
    assert_eq!(ready_labels(s), vec!["Task-3.step"]);
    let main = s.task_by_name("Task-1");
    assert_eq!(s.status(main), TaskStatus::Waiting);
    assert!(matches!(&main.awaiting, Some(Awaiting::Future { label, .. }) if label == "gather(Task-2, Task-3)"));
    assert_eq!(main.wait_at.as_ref().map(|l| l.line), Some(8));
    // 3: Task-3 runs; Task-2 sleeps with a timer at t=1.
    assert!(c.step_handle());
    let s = c.snapshot();
    assert_eq!(s.status(s.task_by_name("Task-2")), TaskStatus::Waiting);
    assert_eq!(s.timers.len(), 1);
    assert_eq!(s.timers[0].when, 1.0);
    assert_eq!(s.timers[0].owner, Some(s.task_by_name("Task-2").id));
    // 4: nothing is ready: the loop is about to idle until the first timer, at t=1.
    assert!(c.step_handle());
    assert_eq!(c.gap().map(|g| (g.from, g.to, g.kind)), Some((0.0, 1.0, GapKind::Idle)));
    // 5: the clock jumped; the first timer callback runs.
    let before = c.clone();
    assert!(c.step_handle());
    let s = c.snapshot();
    assert_eq!(s.clock, 1.0);
    assert!(s.running.as_ref().is_some_and(|q| q.label.starts_with("_set_result_unless_cancelled")));
    assert_eq!(s.timers.len(), 0, "both timers are due: one runs, one is ready");
    assert_eq!(s.ready.len(), 1);
    // Stepping back lands exactly where we were.
    assert!(c.back_handle());
    assert_eq!(c.pos(), before.pos());
    assert_eq!(ready_labels(c.snapshot()), ready_labels(before.snapshot()));
    assert_eq!(c.snapshot().timers, before.snapshot().timers);
}

#[test]
fn idle_gap_before_a_timer() {
    let rec = record("g.py", GATHER);
    let mut c = Cursor::new(rec);
    while c.gap().is_none() {
        assert!(c.step_line(), "a gap comes before the end");
    }
    let gap = c.gap().expect("a gap");
    assert_eq!((gap.from, gap.to, gap.kind), (0.0, 1.0, GapKind::Idle));
}

const BLOCKING: &str = "import asyncio
import time

async def beat():
    for _ in range(3):
        await asyncio.sleep(0.2)

async def block():
    await asyncio.sleep(0.1)
    time.sleep(0.5)

async def main():
    await asyncio.gather(beat(), block())

asyncio.run(main())
";

#[test]
fn blocked_loop_is_seen_as_a_gap_then_a_state() {
    let rec = record("b.py", BLOCKING);
    let mut c = Cursor::new(rec.clone());
    loop {
        if let Some(g) = c.gap() {
            if let GapKind::Blocked { reason, line, .. } = &g.kind {
                assert_eq!(reason, "time.sleep(0.5)");
                assert_eq!(*line, 10);
                assert!((g.from - 0.1).abs() < 1e-9 && (g.to - 0.6).abs() < 1e-9);
                break;
            }
        }
        assert!(c.step_line(), "the blocked gap comes before the end");
    }
    // The blocking task is the one running, at the blocking line.
    let s = c.snapshot();
    let blocker = s.running_task().expect("a task runs");
    assert_eq!(blocker.line.as_ref().map(|l| l.line), Some(10));
    // The heartbeat's timer is overdue while blocked.
    assert!(s.timers.iter().any(|t| t.when < 0.6));
    c.step_line();
    assert!(c.snapshot().blocked.is_some(), "after the gap the snapshot says the loop was blocked");
    assert_eq!(rec.timeline.blocked.len(), 1);
}

#[test]
fn timeline_has_one_lane_per_task() {
    let rec = record("g.py", GATHER);
    let names: Vec<&str> = rec.timeline.lanes.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(&names[..3], ["Task-1", "Task-2", "Task-3"]);
    let axis = rec.timeline.axis();
    let cells = rec.timeline.lanes[1].cells(axis, 10, rec.len(), rec.end_time());
    assert_eq!(cells[0], Some(TaskStatus::Running));
    assert_eq!(cells[5], Some(TaskStatus::Waiting));
}

#[test]
fn cpu_cost_is_not_a_gap() {
    // Running Python moves the clock by nanoseconds: stepping still stops only before
    // the one real wait (the loop idling until t≈1).
    let rec = record_costed("g.py", GATHER);
    let mut c = Cursor::new(rec);
    let mut gaps = Vec::new();
    while c.step_line() {
        if let Some(g) = c.gap() {
            gaps.push((g.from, g.to, g.kind));
        }
    }
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    assert!(gaps[0].0 < 1e-3 && (gaps[0].1 - 1.0).abs() < 1e-3 && gaps[0].2 == GapKind::Idle, "{gaps:?}");
}

#[test]
fn outputs_carry_their_virtual_time() {
    let rec = record("g.py", GATHER);
    let out: Vec<(f64, String)> = rec.outputs(10).map(|o| (o.t, o.text.to_string())).collect();
    assert_eq!(out, vec![(1.0, "[1, 2]".to_string())]);
}

#[test]
fn compile_errors_are_in_the_trace() {
    let rec = record("bad.py", "x = (1 +\n");
    let err = rec.last.compile_error.as_ref().expect("a compile error");
    // CPython's `'(' was never closed`, at the bracket.
    assert_eq!(err.at.line, 1);
    assert!(err.message.contains("'(' was never closed"), "{}", err.message);
}

#[test]
fn stepping_back_from_the_end_matches_a_fresh_fold() {
    let rec = record("g.py", GATHER);
    let mut c = Cursor::new(rec.clone());
    c.to_end();
    let mut positions = vec![c.pos()];
    while c.back_line() {
        positions.push(c.pos());
        let fresh = rec.snapshot_at(c.pos());
        assert_eq!(ready_labels(c.snapshot()), ready_labels(&fresh));
        assert_eq!(c.snapshot().clock, fresh.clock);
    }
    assert_eq!(c.pos(), 0);
    assert!(positions.windows(2).all(|w| w[0] > w[1]));
}

/// A thread job shows in the snapshot's pool: the worker, its job, its blocking call;
/// the task awaiting it names the job.
#[test]
fn thread_jobs_are_in_the_snapshot() {
    let src = "import asyncio, time\n\nasync def main():\n    await asyncio.to_thread(time.sleep, 0.5)\n    print('done')\n\nasyncio.run(main())\n";
    let rec = record("thread.py", src);
    let mut snap = Snapshot::default();
    let mut seen = None;
    for e in &rec.events {
        // The state while the worker sleeps: just before its job is done.
        if matches!(e.event, Event::JobDone { .. }) && seen.is_none() {
            seen = Some(snap.clone());
        }
        snap.apply(e);
    }
    let mid = seen.expect("the job ended");
    let busy: Vec<_> = mid.pool.busy().collect();
    assert_eq!(busy.len(), 1, "one busy worker: {:?}", mid.pool);
    assert_eq!(busy[0].name, "asyncio_0");
    assert_eq!(busy[0].job.as_deref(), Some("time.sleep"));
    assert!(matches!(busy[0].state, aiotutor::trace::snapshot::ThreadState::Sleeping { until } if (until - 0.5).abs() < 1e-9));
    let waiter = mid.waiting().map(|t| t.awaiting.clone()).collect::<Vec<_>>();
    assert!(
        waiter.iter().any(|a| matches!(a, Some(Awaiting::Future { label, .. }) if label == "time.sleep in a thread")),
        "{waiter:?}"
    );
    assert!(rec.last.pool.busy().next().is_none(), "the worker is idle at the end");
}
