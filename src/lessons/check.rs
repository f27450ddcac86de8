//! `aiotutor check`: a lesson is good when it loads, each program compiles and runs to
//! the end with the exit code it expects, every pause line is reached, the output and
//! time it expects are what the engine produces, and every quiz has exactly one right
//! answer in the run. Problems point into the TOML.

use crate::program::{run_source, RunOptions, RunResult};
use crate::trace::{Event, Level, Stream};

use super::quiz::answer;
use super::{Lesson, LessonError, Program};

/// What is wrong with a lesson, located in its TOML file.
pub type Problem = LessonError;

/// How far the program's end may be from `expect.time`: a fraction of it, and at least
/// this many seconds (running code costs a little virtual time).
const TIME_TOLERANCE: f64 = 0.02;
const TIME_FLOOR: f64 = 0.005;

/// Run every program of `lesson` (whose TOML text is `text`) and report what fails.
pub fn check_lesson(lesson: &Lesson, text: &str) -> Vec<Problem> {
    check_runs(lesson, text, &run_programs(lesson))
}

/// Run the lesson's programs on the engine, recording everything. They are independent
/// (each runs on an engine thread of its own), so they run at once: a side-by-side lesson
/// opens as soon as its slower program has run.
pub fn run_programs(lesson: &Lesson) -> Vec<RunResult> {
    let opts = RunOptions { level: Level::Full, ..RunOptions::default() };
    std::thread::scope(|scope| {
        let runs: Vec<_> = lesson
            .programs
            .iter()
            .map(|p| {
                let opts = opts.clone();
                scope.spawn(move || run_source(&p.file, &p.source, opts))
            })
            .collect();
        runs.into_iter().map(|r| r.join().unwrap_or_else(|_| crate::program::internal_error())).collect()
    })
}

/// The problems of `lesson`, given its programs' runs (in order).
pub fn check_runs(lesson: &Lesson, text: &str, runs: &[RunResult]) -> Vec<Problem> {
    let mut problems: Vec<Problem> =
        lesson.programs.iter().zip(runs).flat_map(|(p, run)| check_program(lesson, p, run, text)).collect();
    if problems.is_empty() {
        problems.extend(check_quizzes(lesson, text, runs));
    }
    problems
}

fn check_program(lesson: &Lesson, p: &Program, run: &RunResult, text: &str) -> Vec<Problem> {
    let at = |line: u32, col: u32, msg: String| LessonError::at_line_col(&lesson.origin, text, line, col, msg);
    let at_code_line = |line: u32, col: u32, msg: String| at(p.first_line + line.saturating_sub(1), col, msg);
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
    let (want_exit, exit_at) = p.expect.exit;
    if run.exit_code != want_exit && problems.is_empty() {
        let last = run.stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
        let msg = format!("{} exits with code {}: {last}", p.file, run.exit_code);
        problems.push(match (run.exit_code, exit_at) {
            (0, Some((line, col))) => at(line, col, format!("{} exits with code 0, not {want_exit}", p.file)),
            _ => at_code_line(traceback_line(&run.stderr, &p.file).unwrap_or(1), 1, msg),
        });
    }
    if !problems.is_empty() {
        return problems;
    }
    for pause in p.pauses.iter().filter(|pause| !reached.contains(&pause.line)) {
        let (line, col) = pause.at;
        let msg = format!("{} never runs line {}: the pause would never stop playback", p.file, pause.line);
        problems.push(at(line, col, msg));
    }
    if let Some((want, first)) = &p.expect.output {
        let got: Vec<&str> = run
            .trace
            .events
            .iter()
            .filter_map(|e| match &e.event {
                Event::Output { stream: Stream::Stdout, line } => Some(line.as_str()),
                _ => None,
            })
            .collect();
        if let Some((n, msg)) = output_difference(want, &got) {
            problems.push(at(first + n as u32, 1, format!("{}: {msg}", p.file)));
        }
    }
    if let Some((want, (line, col))) = p.expect.time {
        let took = run.trace.events.last().map_or(0.0, |e| e.t);
        if (took - want).abs() > (want * TIME_TOLERANCE).max(TIME_FLOOR) {
            problems.push(at(line, col, format!("{} ends at {took:.3} s of virtual time, not {want} s", p.file)));
        }
    }
    problems
}

/// The first line where the expected output and the printed one differ (0-based), and
/// what differs there.
fn output_difference(want: &str, got: &[&str]) -> Option<(usize, String)> {
    let want: Vec<&str> = want.strip_suffix('\n').unwrap_or(want).split('\n').collect();
    let want: &[&str] = if want == [""] { &[] } else { &want };
    for i in 0..want.len().max(got.len()) {
        match (want.get(i), got.get(i)) {
            (Some(w), Some(g)) if w == g => {}
            (Some(w), Some(g)) => {
                return Some((i, format!("expected output line {}: {w:?}, but the engine printed {g:?}", i + 1)))
            }
            (Some(w), None) => {
                return Some((i, format!("expected output line {}: {w:?}, but the program printed only {} lines", i + 1, got.len())))
            }
            (None, Some(g)) => {
                return Some((i, format!("the program prints more than expected: line {} is {g:?}", i + 1)))
            }
            (None, None) => unreachable!("i is below the longer length"),
        }
    }
    None
}

fn check_quizzes(lesson: &Lesson, text: &str, runs: &[RunResult]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (n, quiz) in lesson.quizzes.iter().enumerate() {
        let file = &lesson.programs[quiz.program].file;
        if let Err(e) = answer(quiz, file, &runs[quiz.program].trace.events) {
            let (line, col) = e.choice.map_or(quiz.at, |c| quiz.choices_at[c]);
            let msg = format!("quiz {}: {}", n + 1, e.message);
            problems.push(LessonError::at_line_col(&lesson.origin, text, line, col, msg));
        }
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

#[cfg(test)]
mod tests {
    use super::output_difference;

    #[test]
    fn output_differences() {
        assert_eq!(output_difference("a\nb\n", &["a", "b"]), None);
        assert_eq!(output_difference("", &[]), None);
        assert_eq!(output_difference("a\nc\n", &["a", "b"]).map(|d| d.0), Some(1));
        assert_eq!(output_difference("a\n", &["a", "b"]).map(|d| d.0), Some(1));
        assert_eq!(output_difference("a\nb\n", &["a"]).map(|d| d.0), Some(1));
    }
}
