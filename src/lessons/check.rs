//! `aiotutor check`: a lesson is good when it loads, each program compiles and runs to
//! the end with exit code 0, and every pause line is reached. Problems point into the TOML.

use crate::program::{run_source, RunOptions};
use crate::trace::{Event, Level};

use super::{Lesson, LessonError, Program};

/// What is wrong with a lesson, located in its TOML file.
pub type Problem = LessonError;

/// Run every program of `lesson` (whose TOML text is `text`) and report what fails.
pub fn check_lesson(lesson: &Lesson, text: &str) -> Vec<Problem> {
    lesson.programs.iter().flat_map(|p| check_program(lesson, p, text)).collect()
}

fn check_program(lesson: &Lesson, p: &Program, text: &str) -> Vec<Problem> {
    let opts = RunOptions { level: Level::Full, ..RunOptions::default() };
    let run = run_source(&p.file, &p.source, opts);
    let at_code_line = |line: u32, col: u32, msg: String| {
        LessonError::at_line_col(&lesson.origin, text, p.first_line + line.saturating_sub(1), col, msg)
    };
    let mut problems = Vec::new();
    let mut reached = std::collections::HashSet::new();
    for e in &run.trace.events {
        match &e.event {
            Event::CompileError { line, col, message, .. } => {
                problems.push(at_code_line(*line, *col, format!("{}: {message}", p.file)));
            }
            Event::Line { file, line, .. } if *file == p.file => {
                reached.insert(*line);
            }
            _ => {}
        }
    }
    if run.exit_code != 0 && problems.is_empty() {
        let line = traceback_line(&run.stderr, &p.file).unwrap_or(1);
        let last = run.stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
        problems.push(at_code_line(line, 1, format!("{} exits with code {}: {last}", p.file, run.exit_code)));
    }
    if !problems.is_empty() {
        return problems;
    }
    for pause in p.pauses.iter().filter(|pause| !reached.contains(&pause.line)) {
        let (line, col) = pause.at;
        let msg = format!("{} never runs line {}: the pause would never stop playback", p.file, pause.line);
        problems.push(LessonError::at_line_col(&lesson.origin, text, line, col, msg));
    }
    problems
}

/// The innermost `File "<file>", line N` of a CPython traceback (or an `file:N:` report).
pub fn traceback_line(stderr: &str, file: &str) -> Option<u32> {
    let quoted = format!("File \"{file}\", line ");
    let located = format!("{file}:");
    stderr.lines().rev().find_map(|l| {
        let l = l.trim();
        if let Some(rest) = l.strip_prefix(&quoted) {
            return rest.split(',').next()?.trim().parse().ok();
        }
        l.strip_prefix(&located)?.split(':').next()?.parse().ok()
    })
}
