//! What the fuzz targets check, shared with `tests/fuzz_regressions.rs` (which replays
//! the inputs the fuzzers found through exactly these functions).
//!
//! Whatever the bytes, aiotutor must not panic, abort or overflow its stack; a run must
//! stop within its budgets (never "gave up" on a native that does not return), must not
//! report an internal error (exit 70), and must explain every failure; a lesson loads or
//! fails with an error located in the file.
#![allow(dead_code)]

use aiotutor::lessons::{check_runs, decode_lesson, load_str, Lang};
use aiotutor::program::{decode_script, run_source, RunOptions, RunResult};
use aiotutor::trace::Level;

/// Small budgets: two million instructions, 64 MB, one second of real time.
pub fn options() -> RunOptions {
    RunOptions {
        level: Level::Full,
        max_ticks: 1_000_000,
        max_total_instructions: 2_000_000,
        max_callbacks: 100_000,
        max_memory: 64 << 20,
        max_seconds: Some(1.0),
        ..RunOptions::default()
    }
}

/// How a script's run may end: `SystemExit(n)` exits with any code, and may be quiet;
/// every other failure is exit 1, 2 or 3 with a message on stderr.
fn check_run(source: &str, r: &RunResult) {
    assert!(!r.stderr.contains("gave up on it"), "the run did not stop within its budgets:\n{}", r.stderr);
    assert!(r.exit_code != 70, "internal error:\n{}", r.stderr);
    let may_exit_quietly = source.to_ascii_lowercase().contains("exit");
    if !may_exit_quietly {
        assert!((0..=3).contains(&r.exit_code), "exit code {}:\n{}", r.exit_code, r.stderr);
        if r.exit_code != 0 {
            assert!(!r.stderr.trim().is_empty(), "exit code {} without a message", r.exit_code);
        }
    }
}

/// Bytes → a script → a run, as `aiotutor run FILE` does it. Returns the exit code.
pub fn python(data: &[u8]) -> i32 {
    let name = "fuzz.py";
    let source = match decode_script(name, data.to_vec()) {
        Ok(s) => s,
        Err((code, msg)) => {
            assert_eq!(code, 1, "a script that is not UTF-8 exits 1");
            assert!(msg.contains("SyntaxError"), "not UTF-8 but no SyntaxError: {msg}");
            return code;
        }
    };
    let r = run_source(name, &source, options());
    check_run(&source, &r);
    r.exit_code
}

/// Bytes → a lesson or a located error, as `aiotutor check`, `lesson FILE`, `--watch`
/// and the menu read a lesson file; a lesson that loads is then checked as `aiotutor
/// check` does (its programs run, with small budgets, and the quizzes are answered from
/// the runs). Returns whether it loaded.
pub fn lesson(data: &[u8]) -> bool {
    let origin = "fuzz.toml";
    let text = match decode_lesson(origin, data.to_vec()) {
        Ok(t) => t,
        Err(e) => {
            assert!(e.line >= 1 && e.col >= 1, "unlocated: {e}");
            assert!(!e.message.is_empty());
            let _ = e.render();
            return false;
        }
    };
    let lines = text.lines().count().max(1) as u32;
    match load_str(origin, &text) {
        Ok(lesson) => {
            // What the menu and the lesson screen read of a lesson.
            for lang in Lang::ALL {
                let _ = lesson.title.get(lang);
                let _ = lesson.summary.get(lang);
                for p in &lesson.pages {
                    let _ = p.get(lang);
                }
            }
            for p in &lesson.programs {
                assert!(p.first_line >= 1 && p.first_line <= lines + 1, "program at line {} of {lines}", p.first_line);
            }
            let runs: Vec<_> = lesson.programs.iter().map(|p| run_source(&p.file, &p.source, options())).collect();
            for (p, r) in lesson.programs.iter().zip(&runs) {
                check_run(&p.source, r);
            }
            for problem in check_runs(&lesson, &text, &runs) {
                assert!(problem.line >= 1 && problem.col >= 1, "unlocated: {problem}");
                assert!(!problem.message.is_empty());
                let _ = problem.render();
            }
            true
        }
        Err(e) => {
            assert!(e.line >= 1 && e.col >= 1, "unlocated: {e}");
            assert!(e.line <= lines + 1, "error at line {} of {lines}: {e}", e.line);
            assert!(!e.message.is_empty(), "empty message at {}:{}", e.line, e.col);
            let _ = e.render();
            false
        }
    }
}
