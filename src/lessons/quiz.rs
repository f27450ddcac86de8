//! Predict-the-output quizzes. The author writes the question and the choices; which
//! choice is right is never written down: it comes from the program's recorded run.

use std::fmt;

use crate::trace::{Event, Stamped, Stream};

use super::Text;

/// What a quiz asks about the program's run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuizKind {
    /// "Which of these lines prints first?" (from the quiz's point on).
    First,
    /// "What does it print?": each choice is a whole output (from the quiz's point on).
    Output,
    /// "How long will it take?": each choice is a number of seconds, up to the end.
    Duration,
}

impl QuizKind {
    pub const NAMES: [&'static str; 3] = ["first", "output", "duration"];

    pub fn from_name(name: &str) -> Option<QuizKind> {
        match name {
            "first" => Some(QuizKind::First),
            "output" => Some(QuizKind::Output),
            "duration" => Some(QuizKind::Duration),
            _ => None,
        }
    }
}

/// One choice as the learner sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum Choice {
    /// A line (`first`) or a whole output (`output`).
    Text(String),
    /// A duration in seconds.
    Seconds(f64),
}

impl fmt::Display for Choice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Choice::Text(s) => f.write_str(s),
            Choice::Seconds(x) => write!(f, "{x} s"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Quiz {
    pub kind: QuizKind,
    /// Which program it is about (an index into the lesson's programs).
    pub program: usize,
    /// Asked when playback first reaches this line; None: before the program starts.
    pub line: Option<u32>,
    pub question: Text,
    pub choices: Vec<Choice>,
    /// Why the right answer is right: shown after a wrong answer, before the replay.
    pub explain: Text,
    pub hint: Option<Text>,
    /// Where `[[quiz]]` is written (line, col), and each choice.
    pub at: (u32, u32),
    pub choices_at: Vec<(u32, u32)>,
}

/// The right answer, found in a run.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// Index into the choices.
    pub index: usize,
    /// What the run really did (`1.003 s`, the first line printed), for the learner.
    pub actual: String,
}

/// Why a quiz cannot be answered from the run (the quiz is wrong, not the learner):
/// the message, and which choice it is about (if one).
#[derive(Debug, Clone, PartialEq)]
pub struct Unanswerable {
    pub message: String,
    pub choice: Option<usize>,
}

fn unanswerable(message: String, choice: Option<usize>) -> Unanswerable {
    Unanswerable { message, choice }
}

/// The right choice of `quiz`, from the events of its program (`file`)'s run.
pub fn answer(quiz: &Quiz, file: &str, events: &[Stamped]) -> Result<Answer, Unanswerable> {
    let start = match quiz.line {
        None => 0,
        Some(line) => events
            .iter()
            .position(|e| matches!(&e.event, Event::Line { file: f, line: l, .. } if f == file && *l == line))
            .ok_or_else(|| unanswerable(format!("{file} never runs line {line}, where the quiz is asked"), None))?,
    };
    let rest = &events[start..];
    match quiz.kind {
        QuizKind::First => first(quiz, rest),
        QuizKind::Output => output(quiz, rest),
        QuizKind::Duration => duration(quiz, events, start),
    }
}

fn stdout(events: &[Stamped]) -> impl Iterator<Item = &str> {
    events.iter().filter_map(|e| match &e.event {
        Event::Output { stream: Stream::Stdout, line } => Some(line.as_str()),
        _ => None,
    })
}

fn text(c: &Choice) -> &str {
    match c {
        Choice::Text(s) => s,
        Choice::Seconds(_) => "",
    }
}

fn first(quiz: &Quiz, events: &[Stamped]) -> Result<Answer, Unanswerable> {
    let printed: Vec<&str> = stdout(events).collect();
    let mut best: Option<(usize, usize)> = None;
    for (i, c) in quiz.choices.iter().enumerate() {
        let Some(at) = printed.iter().position(|l| *l == text(c)) else {
            return Err(unanswerable(format!("choice {} ({:?}) is never printed", i + 1, text(c)), Some(i)));
        };
        if best.is_some_and(|(_, b)| b == at) {
            return Err(unanswerable(format!("choices {} and {} are the same line", best.map_or(0, |b| b.0) + 1, i + 1), Some(i)));
        }
        if best.is_none_or(|(_, b)| at < b) {
            best = Some((i, at));
        }
    }
    let (index, _) = best.ok_or_else(|| unanswerable("the quiz has no choices".into(), None))?;
    Ok(Answer { index, actual: text(&quiz.choices[index]).to_string() })
}

fn output(quiz: &Quiz, events: &[Stamped]) -> Result<Answer, Unanswerable> {
    let printed: Vec<&str> = stdout(events).collect();
    let printed = printed.join("\n");
    let matching: Vec<usize> =
        (0..quiz.choices.len()).filter(|&i| text(&quiz.choices[i]).trim_end_matches('\n') == printed).collect();
    match matching.as_slice() {
        [index] => Ok(Answer { index: *index, actual: printed }),
        [] => Err(unanswerable(format!("no choice is what the program prints, which is:\n{printed}"), None)),
        [a, b, ..] => Err(unanswerable(format!("choices {} and {} are the same output", a + 1, b + 1), Some(*b))),
    }
}

/// How close the nearest choice must be to the real duration (a fraction of it), and
/// never closer than this in seconds.
const DURATION_TOLERANCE: f64 = 0.05;
const DURATION_FLOOR: f64 = 0.005;

fn duration(quiz: &Quiz, events: &[Stamped], start: usize) -> Result<Answer, Unanswerable> {
    let from = events.get(start).map_or(0.0, |e| e.t);
    let end = events.iter().rev().find(|e| matches!(e.event, Event::Exit { .. })).or(events.last()).map_or(0.0, |e| e.t);
    let took = end - from;
    let seconds = |i: usize| match quiz.choices[i] {
        Choice::Seconds(x) => x,
        Choice::Text(_) => f64::NAN,
    };
    let tolerance = (took * DURATION_TOLERANCE).max(DURATION_FLOOR);
    let close: Vec<usize> = (0..quiz.choices.len()).filter(|&i| (seconds(i) - took).abs() <= tolerance).collect();
    let actual = format!("{took:.3} s");
    match close.as_slice() {
        [index] => Ok(Answer { index: *index, actual }),
        [] => Err(unanswerable(format!("no choice is near what the program takes: {actual}"), None)),
        [a, b, ..] => Err(unanswerable(
            format!("choices {} and {} are both near what the program takes ({actual}): make them further apart", a + 1, b + 1),
            Some(*b),
        )),
    }
}
