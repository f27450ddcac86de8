//! The fuzzers' findings, kept: every input in `tests/fuzz_regressions/python/` (and
//! the hand-made seeds there, `seed-*`) goes through the Python front-end target's
//! checks, every one in `lessons/` (and the built-in lessons) through the lesson
//! loader's: no panic, no internal error, a run that stops within its small budgets, an
//! exit code in {0, 1, 2, 3} (or `SystemExit`'s) with a message when it is not 0, and
//! lesson errors located in the file. `fuzz/README.md` tells how to run the fuzzers.

#[path = "../fuzz/fuzz_targets/oracle.rs"]
mod oracle;

use std::path::{Path, PathBuf};

// As in `main.rs` and the fuzz targets: the memory budget counts what a program allocates.
#[global_allocator]
static GLOBAL: aiotutor::engine::alloc::Counting<std::alloc::System> = aiotutor::engine::alloc::Counting(std::alloc::System);

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    v.sort();
    v
}

fn dir(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(sub)
}

/// Replay `inputs` through `check` on a few threads; the names of those that panicked.
fn replay(inputs: Vec<PathBuf>, check: fn(&[u8])) -> Vec<String> {
    let queue = std::sync::Mutex::new(inputs);
    let failed = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| loop {
                let Some(p) = queue.lock().unwrap().pop() else { break };
                let data = std::fs::read(&p).unwrap();
                if std::panic::catch_unwind(|| check(&data)).is_err() {
                    failed.lock().unwrap().push(p.display().to_string());
                }
            });
        }
    });
    let mut failed = failed.into_inner().unwrap();
    failed.sort();
    failed
}

#[test]
fn python_inputs_run_and_stop_cleanly() {
    GLOBAL.activate();
    let inputs = files(&dir("tests/fuzz_regressions/python"));
    assert!(inputs.len() >= 10, "the seeds and findings are there");
    let failed = replay(inputs, |d| {
        oracle::python(d);
    });
    assert!(failed.is_empty(), "these inputs broke the Python front-end's checks (see the panics above): {failed:#?}");
}

#[test]
fn lesson_inputs_load_or_fail_located() {
    GLOBAL.activate();
    let mut inputs = files(&dir("tests/fuzz_regressions/lessons"));
    assert!(inputs.len() >= 5, "the seeds and findings are there");
    inputs.extend(files(&dir("lessons")).into_iter().filter(|p| p.extension().is_some_and(|x| x == "toml")));
    let failed = replay(inputs, |d| {
        oracle::lesson(d);
    });
    assert!(failed.is_empty(), "these inputs broke the lesson loader's checks (see the panics above): {failed:#?}");
}

/// The oracle is not vacuous: the seeds' exit codes are what they say.
#[test]
fn seeds_end_as_expected() {
    GLOBAL.activate();
    let py = dir("tests/fuzz_regressions/python");
    let run = |name: &str| oracle::python(&std::fs::read(py.join(name)).unwrap());
    assert_eq!(run("seed-empty.py"), 0);
    assert_eq!(run("seed-invalid-utf8.py"), 1);
    // Never-ending programs stop: exit 3 from a budget, or 1 from MemoryError when the
    // full trace's line events fill the small memory budget first.
    assert!(matches!(run("seed-forever.py"), 1 | 3), "stopped by a budget");
    assert_eq!(run("seed-recursion.py"), 1, "RecursionError");
    assert_eq!(run("seed-taskgroup.py"), 1, "ExceptionGroup from the TaskGroup");
    // Findings of the first fuzz run (the oracle also checks that no run was given up on):
    // callbacks shorter than the periodic check never looked at the real-time limit, and
    // big-integer powers were not charged against the budgets before they ran.
    assert!(matches!(run("seed-forever-async.py"), 1 | 3), "stopped by a budget");
    assert_eq!(run("seed-big-pow.py"), 3, "10 ** 10 ** 7 exceeds the small instruction budget");
    let lessons = dir("tests/fuzz_regressions/lessons");
    assert!(oracle::lesson(&std::fs::read(lessons.join("seed-minimal.toml")).unwrap()));
    assert!(oracle::lesson(&std::fs::read(lessons.join("seed-minimal-crlf.toml")).unwrap()));
    assert!(!oracle::lesson(&std::fs::read(lessons.join("seed-invalid-utf8.toml")).unwrap()));
}

/// A finished run frees what it made, cycles included (modules, the asyncio prelude,
/// classes, closures, suspended coroutines): a process that runs many programs (the
/// app replaying lessons, a fuzzer) must not grow with each one.
#[test]
fn a_finished_run_frees_its_objects() {
    GLOBAL.activate();
    const SOURCE: &str = r#"
import asyncio

class Node:
    def __init__(self, parent=None):
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()

def counter():
    n = 0
    def bump():
        nonlocal n
        n += 1
        return bump
    return bump

async def worker(i, q):
    root = Node()
    Node(Node(root))
    await q.put(sum(1 for _ in root.walk()))
    if i == 3:
        raise ValueError(i)

async def forever():
    await asyncio.Event().wait()

async def main():
    q = asyncio.Queue()
    pending = asyncio.create_task(forever())
    try:
        async with asyncio.TaskGroup() as tg:
            for i in range(5):
                tg.create_task(worker(i, q))
    except* ValueError as eg:
        print("caught", eg.exceptions)
    print(q.qsize(), counter()()())
    me = [asyncio.current_task()]
    me.append(me)

asyncio.run(main())
"#;
    let per_run = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(|| {
            let opts = oracle::options();
            let first = aiotutor::program::run_here("leak.py", SOURCE, &opts);
            assert_eq!(first.exit_code, 0, "{}", first.stderr);
            drop(first);
            let before = aiotutor::engine::alloc::live_bytes();
            for _ in 0..4 {
                drop(aiotutor::program::run_here("leak.py", SOURCE, &opts));
            }
            aiotutor::engine::alloc::live_bytes().saturating_sub(before) / 4
        })
        .unwrap()
        .join()
        .unwrap();
    // About 26 KB stays: cycles through host objects (tasks, futures) are not broken.
    assert!(per_run < 48 << 10, "each run leaves {per_run} bytes behind");
}
