//! The lesson player's state: the lesson's pages, its programs (each recorded once,
//! then replayed by a cursor), playback, focus and scrolling, and what the lesson asks
//! of the learner (quizzes, hints, the recap). Data changes only by moving cursors;
//! everything else is view state changed by input.

use std::collections::{BTreeMap, HashSet};
use std::rc::Rc;

use crate::lessons::{run_programs, traceback_line, Lesson, Pause, Program, Text};
use crate::program::{run_source, RunOptions, RunResult};
use crate::trace::{Cursor, Event, Recording, Stream};

use super::highlight::{highlight, HighlightedLine};
use super::playback::{program_clock, Playback};
use super::quiz::{score, QuizState};

/// One program of the lesson: its code and its recorded run.
#[derive(Debug)]
pub struct Pane {
    pub file: String,
    pub label: String,
    pub code: Vec<HighlightedLine>,
    pub pauses: Vec<Pause>,
    pub rec: Rc<Recording>,
}

impl Pane {
    /// Run the program on the engine and keep its trace.
    pub fn record(p: &Program) -> Pane {
        Pane::from_run(p, run_source(&p.file, &p.source, RunOptions::default()))
    }

    /// The pane of a program that has already run.
    pub fn from_run(p: &Program, run: RunResult) -> Pane {
        Pane {
            file: p.file.clone(),
            label: p.label.clone(),
            code: highlight(&p.source),
            pauses: p.pauses.clone(),
            rec: Rc::new(Recording::new(run.trace)),
        }
    }
}

/// A part of the player screen that can take focus and scroll.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Region {
    Prose,
    Code(usize),
    Loop(usize),
    Output(usize),
    Timeline(usize),
}

/// Where a program failed, once the cursor has reached the failure.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorMark {
    pub line: u32,
    /// Known for compile errors.
    pub col: Option<u32>,
    pub message: String,
}

/// A note over the prose: a pause point playback stopped at, or why a quiz's answer
/// is what it is (while the replay shows it).
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub pane: usize,
    /// The pause's line (None for a quiz's explanation).
    pub line: Option<u32>,
    pub text: Text,
}

/// A box over the player that takes the keys while it is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// The quiz with this index.
    Quiz(usize),
    /// The lesson's hint with this index.
    Hint(usize),
    Recap,
}

#[derive(Debug)]
pub struct Player {
    pub title: Text,
    /// The lesson's id (None for `aiotutor show`).
    pub lesson_id: Option<String>,
    pub pages: Vec<Text>,
    pub page: usize,
    pub panes: Vec<Pane>,
    pub cursors: Vec<Cursor>,
    pub playback: Playback,
    pub focus: Region,
    /// Lines scrolled by hand; a region absent here follows playback.
    pub scroll: BTreeMap<Region, usize>,
    pub note: Option<Note>,
    fired: HashSet<(usize, u32)>,
    pub quizzes: Vec<QuizState>,
    pub hints: Vec<Text>,
    pub recap: Option<Text>,
    pub overlay: Option<Overlay>,
    /// The recap has been shown once (it opens by itself only the first time).
    pub recap_seen: bool,
    /// Classroom mode: no quizzes, no recap popping up, playback by keypress only.
    pub present: bool,
}

impl Player {
    /// Run the lesson's programs and open the player at the start.
    pub fn from_lesson(lesson: &Lesson) -> Player {
        Player::from_runs(lesson, run_programs(lesson))
    }

    /// The player of a lesson whose programs have run (`runs[i]` is program i's run).
    pub fn from_runs(lesson: &Lesson, runs: Vec<RunResult>) -> Player {
        let events: Vec<&[crate::trace::Stamped]> = runs.iter().map(|r| r.trace.events.as_slice()).collect();
        let quizzes = QuizState::for_lesson(lesson, &events);
        let panes = lesson.programs.iter().zip(runs).map(|(p, run)| Pane::from_run(p, run)).collect();
        let mut player = Player::new(lesson.title.clone(), Some(lesson.id.clone()), lesson.pages.clone(), panes);
        player.quizzes = quizzes;
        player.hints = lesson.hints.clone();
        player.recap = lesson.recap.clone();
        player
    }

    /// `aiotutor show FILE.py`: the player without prose.
    pub fn from_script(file: &str, source: &str) -> Player {
        let program = Program {
            file: file.to_string(),
            label: file.to_string(),
            source: source.to_string(),
            pauses: Vec::new(),
            expect: Default::default(),
            first_line: 1,
        };
        Player::new(Text::same(file), None, Vec::new(), vec![Pane::record(&program)])
    }

    fn new(title: Text, lesson_id: Option<String>, pages: Vec<Text>, panes: Vec<Pane>) -> Player {
        let cursors = panes.iter().map(|p| open_cursor(&p.rec)).collect();
        let mut player = Player {
            title,
            lesson_id,
            pages,
            page: 0,
            panes,
            cursors,
            playback: Playback::default(),
            focus: Region::Code(0),
            scroll: BTreeMap::new(),
            note: None,
            fired: HashSet::new(),
            quizzes: Vec::new(),
            hints: Vec::new(),
            recap: None,
            overlay: None,
            recap_seen: false,
            present: false,
        };
        player.playback.sync(&player.cursors);
        player
    }

    /// Classroom mode (`--present`).
    pub fn presenting(mut self, present: bool) -> Player {
        self.present = present;
        if present {
            self.playback.playing = false;
            if matches!(self.overlay, Some(Overlay::Quiz(_) | Overlay::Recap)) {
                self.overlay = None;
            }
        }
        self
    }

    /// Take over what can be kept from `old`, an earlier version of the same lesson
    /// (`--watch`): the page, focus and speed, each program's position (the same one
    /// when its code is unchanged, else the same moment of virtual time), the quizzes
    /// already asked, and whether it was playing.
    pub fn adopt(&mut self, old: &Player) {
        self.page = old.page.min(self.pages.len().saturating_sub(1));
        if self.regions().contains(&old.focus) {
            self.focus = old.focus;
        }
        self.playback.speed = old.playback.speed;
        for (i, c) in self.cursors.iter_mut().enumerate() {
            let (Some(oc), Some(op)) = (old.cursors.get(i), old.panes.get(i)) else { continue };
            if op.code == self.panes[i].code && oc.recording().len() == c.recording().len() {
                c.seek(oc.pos());
            } else if oc.at_end() {
                c.to_end();
            } else if oc.pos() > 0 {
                c.seek_time(oc.snapshot().clock);
            }
        }
        for q in &mut self.quizzes {
            if let Some(o) = old.quizzes.iter().find(|o| o.quiz.question == q.quiz.question && o.quiz.choices == q.quiz.choices) {
                (q.asked, q.chosen, q.selected) = (o.asked, o.chosen, o.selected);
            }
        }
        self.fired = old.fired.clone();
        self.recap_seen = old.recap_seen;
        self.note = old.note.clone().filter(|n| n.pane < self.panes.len());
        self.playback.sync(&self.cursors);
        self.playback.playing = old.playback.playing && !self.finished();
    }

    pub fn side_by_side(&self) -> bool {
        self.panes.len() > 1
    }

    pub fn finished(&self) -> bool {
        self.cursors.iter().all(Cursor::at_end)
    }

    /// The virtual time shown for program `i`.
    pub fn clock(&self, i: usize) -> f64 {
        program_clock(self.playback.clock, &self.cursors[i])
    }

    /// Program `i`'s compile error, or the uncaught exception it died of (located from
    /// the traceback it printed), once the cursor is there.
    pub fn error_mark(&self, i: usize) -> Option<ErrorMark> {
        let c = &self.cursors[i];
        let snap = c.snapshot();
        if let Some(e) = &snap.compile_error {
            return Some(ErrorMark { line: e.at.line, col: Some(e.col), message: e.message.clone() });
        }
        if snap.exit.unwrap_or(0) == 0 {
            return None;
        }
        let stderr: Vec<&str> =
            c.recording().outputs(snap.outputs).filter(|o| o.stream == Stream::Stderr).map(|o| o.text).collect();
        let line = traceback_line(&stderr.join("\n"), &self.panes[i].file)?;
        let message = stderr.iter().rev().find(|l| !l.trim().is_empty())?.trim().to_string();
        Some(ErrorMark { line, col: None, message })
    }

    /// `space`: play or pause. Before the program first plays, its quizzes are asked;
    /// in classroom mode it steps one handle instead (the teacher sets the pace).
    pub fn toggle_play(&mut self) {
        if self.present {
            return self.step_handle();
        }
        if !self.playback.playing && self.ask_start_quiz() {
            return;
        }
        if self.finished() {
            self.restart();
        }
        self.playback.playing = !self.playback.playing;
        self.note = None;
        self.follow();
    }

    /// Play `dt` wall seconds; true if anything changed. Playback stops at a pause
    /// line (showing its note) and at a quiz's line (asking it).
    pub fn tick(&mut self, dt: f64) -> bool {
        if self.present || self.overlay.is_some() {
            return false;
        }
        let mut prev: Vec<usize> = self.cursors.iter().map(Cursor::pos).collect();
        let mut stopped = None;
        let (quizzes, panes, fired) = (&self.quizzes, &self.panes, &self.fired);
        let moved = self.playback.advance(&mut self.cursors, dt, |i, c| {
            let range = prev[i]..c.pos();
            prev[i] = c.pos();
            let stop = line_quiz(quizzes, &panes[i], i, c, range.clone()).is_some()
                || would_pause(&panes[i], i, c, range.clone(), fired);
            if stop {
                stopped = Some((i, range));
            }
            stop
        });
        if let Some((i, range)) = stopped {
            self.stop_in(i, range);
        }
        if moved {
            self.follow();
            self.after_move();
        }
        moved
    }

    /// `→`: the program whose next step comes first moves one handle.
    pub fn step_handle(&mut self) {
        self.manual(|c| c.step_handle(), true);
    }

    /// `↓`: one line (or one handle, when the next handle runs no line of Python).
    pub fn step_line(&mut self) {
        self.manual(|c| c.step_line(), true);
    }

    pub fn back_handle(&mut self) {
        self.manual(|c| c.back_handle(), false);
    }

    pub fn back_line(&mut self) {
        self.manual(|c| c.back_line(), false);
    }

    fn manual(&mut self, step: impl Fn(&mut Cursor) -> bool, forward: bool) {
        if forward && self.ask_start_quiz() {
            return;
        }
        self.playback.playing = false;
        self.note = None;
        let pick = if forward { self.earliest_next() } else { self.latest_back() };
        if let Some(i) = pick {
            let from = self.cursors[i].pos();
            step(&mut self.cursors[i]);
            if forward {
                let to = self.cursors[i].pos();
                self.stop_in(i, from..to);
            }
        }
        self.playback.sync(&self.cursors);
        self.follow();
        self.after_move();
    }

    /// Cursor `i` ran through event positions `range`: stop at the first line quiz in
    /// it (moving the cursor back to just after the quiz's line, so what the quiz asks
    /// about has not happened yet), and show the note of the first pause line passed.
    fn stop_in(&mut self, i: usize, range: std::ops::Range<usize>) {
        let quiz = line_quiz(&self.quizzes, &self.panes[i], i, &self.cursors[i], range.clone());
        let range = match quiz {
            Some((k, pos)) => {
                self.cursors[i].seek(pos);
                self.quizzes[k].asked = true;
                self.overlay = Some(Overlay::Quiz(k));
                self.playback.playing = false;
                self.playback.sync(&self.cursors);
                range.start..pos
            }
            None => range,
        };
        if let Some(note) = passed_pause(&self.panes[i], i, &self.cursors[i], range, &mut self.fired) {
            self.note = Some(note);
            self.playback.playing = false;
        }
    }

    /// Ask the first quiz meant for before playback, if one has not been asked yet.
    fn ask_start_quiz(&mut self) -> bool {
        if self.present || self.overlay.is_some() {
            return false;
        }
        let Some(k) = self.quizzes.iter().position(|q| q.quiz.line.is_none() && !q.asked) else { return false };
        self.quizzes[k].asked = true;
        self.overlay = Some(Overlay::Quiz(k));
        self.playback.playing = false;
        true
    }

    /// The first time every program has run to its end, the recap opens.
    fn after_move(&mut self) {
        if self.finished() && !self.recap_seen && self.recap.is_some() && !self.present && self.overlay.is_none() {
            self.recap_seen = true;
            self.overlay = Some(Overlay::Recap);
            self.playback.playing = false;
        }
    }

    /// The quiz open now, if any.
    pub fn open_quiz(&self) -> Option<&QuizState> {
        match self.overlay {
            Some(Overlay::Quiz(k)) => self.quizzes.get(k),
            _ => None,
        }
    }

    fn open_quiz_mut(&mut self) -> Option<&mut QuizState> {
        match self.overlay {
            Some(Overlay::Quiz(k)) => self.quizzes.get_mut(k),
            _ => None,
        }
    }

    /// Answer the open quiz with choice `k` (0-based); true if that answered it.
    pub fn answer(&mut self, k: usize) -> bool {
        self.open_quiz_mut().is_some_and(|q| q.choose(k))
    }

    /// Move the quiz's cursor (↑/↓).
    pub fn quiz_select(&mut self, delta: i32) {
        if let Some(q) = self.open_quiz_mut().filter(|q| !q.answered()) {
            q.select(delta);
        }
    }

    /// `enter` on a quiz: answer with the selected choice, or go on once answered.
    pub fn quiz_submit(&mut self) -> bool {
        match self.open_quiz() {
            Some(q) if !q.answered() => {
                let k = q.selected;
                self.answer(k)
            }
            Some(_) => {
                self.quiz_continue();
                false
            }
            None => false,
        }
    }

    /// After the answer: close the quiz and play. A wrong answer leaves its explanation
    /// on screen while the run shows why.
    pub fn quiz_continue(&mut self) {
        self.close_quiz();
        if self.ask_start_quiz() {
            return;
        }
        if self.finished() {
            self.restart();
        }
        self.playback.playing = true;
    }

    fn close_quiz(&mut self) {
        let Some(q) = self.open_quiz() else { return };
        if q.answered() && !q.right() {
            self.note = Some(Note { pane: q.quiz.program, line: None, text: q.quiz.explain.clone() });
        }
        self.overlay = None;
    }

    /// `i`: the open quiz's hint; else the lesson's next hint (closing after the last).
    pub fn hint(&mut self) {
        match self.overlay {
            Some(Overlay::Quiz(_)) => {
                if let Some(q) = self.open_quiz_mut() {
                    q.hint = q.quiz.hint.is_some() && !q.hint;
                }
            }
            Some(Overlay::Hint(h)) if h + 1 < self.hints.len() => self.overlay = Some(Overlay::Hint(h + 1)),
            Some(Overlay::Hint(_)) => self.overlay = None,
            Some(Overlay::Recap) => {}
            None => {
                self.playback.playing = false;
                self.overlay = Some(Overlay::Hint(0));
            }
        }
    }

    /// `c`: the recap again, once the lesson is done.
    pub fn show_recap(&mut self) {
        if self.recap.is_some() && self.overlay.is_none() && (self.recap_seen || self.finished()) {
            self.recap_seen = true;
            self.playback.playing = false;
            self.overlay = Some(Overlay::Recap);
        }
    }

    /// `esc` over a box: skip an unanswered quiz, close anything else. False when no
    /// box is open.
    pub fn close_overlay(&mut self) -> bool {
        match self.overlay {
            None => false,
            Some(Overlay::Quiz(_)) => {
                self.close_quiz();
                true
            }
            Some(_) => {
                self.overlay = None;
                true
            }
        }
    }

    /// Quizzes answered right at the first try, and how many there are.
    pub fn score(&self) -> (u32, u32) {
        score(&self.quizzes)
    }

    /// The cursor whose next event is soonest (the left one on ties).
    fn earliest_next(&self) -> Option<usize> {
        let next = |i: usize| self.cursors[i].next_event().map(|e| e.t);
        (0..self.cursors.len())
            .filter(|&i| next(i).is_some())
            .min_by(|&a, &b| next(a).partial_cmp(&next(b)).expect("times are not NaN").then(a.cmp(&b)))
    }

    /// The cursor furthest on in time (the right one on ties).
    fn latest_back(&self) -> Option<usize> {
        let now = |i: usize| self.cursors[i].snapshot().clock;
        (0..self.cursors.len())
            .filter(|&i| self.cursors[i].pos() > 0)
            .max_by(|&a, &b| now(a).partial_cmp(&now(b)).expect("times are not NaN").then(a.cmp(&b)))
    }

    pub fn restart(&mut self) {
        for c in &mut self.cursors {
            c.restart();
        }
        self.fired.clear();
        self.note = None;
        if self.overlay == Some(Overlay::Recap) {
            self.overlay = None;
        }
        self.playback.sync(&self.cursors);
        self.follow();
    }

    pub fn to_end(&mut self) {
        if self.ask_start_quiz() {
            return;
        }
        self.playback.playing = false;
        for c in &mut self.cursors {
            c.to_end();
        }
        self.note = None;
        self.playback.sync(&self.cursors);
        self.follow();
        self.after_move();
    }

    pub fn next_page(&mut self) {
        self.page = (self.page + 1).min(self.pages.len().saturating_sub(1));
        self.scroll.remove(&Region::Prose);
    }

    pub fn prev_page(&mut self) {
        self.page = self.page.saturating_sub(1);
        self.scroll.remove(&Region::Prose);
    }

    /// Every region, in tab order.
    pub fn regions(&self) -> Vec<Region> {
        let mut v = vec![Region::Prose];
        for i in 0..self.panes.len() {
            v.extend([Region::Code(i), Region::Loop(i), Region::Output(i), Region::Timeline(i)]);
        }
        v
    }

    pub fn focus_step(&mut self, forward: bool) {
        let regions = self.regions();
        let at = regions.iter().position(|r| *r == self.focus).unwrap_or(0);
        let n = regions.len();
        self.focus = regions[if forward { (at + 1) % n } else { (at + n - 1) % n }];
    }

    /// Scroll `region` by `delta` lines from `from` (where it shows now).
    pub fn scroll_by(&mut self, region: Region, from: usize, delta: i32) {
        let to = (from as i64 + i64::from(delta)).max(0) as usize;
        self.scroll.insert(region, to);
    }

    /// Code and output follow playback again.
    fn follow(&mut self) {
        self.scroll.retain(|r, _| !matches!(r, Region::Code(_) | Region::Output(_) | Region::Loop(_)));
    }
}

/// A cursor at the start, or at the end when the script did not compile (there is
/// nothing to play, only the error to show).
fn open_cursor(rec: &Rc<Recording>) -> Cursor {
    let mut c = Cursor::new(rec.clone());
    if rec.last.compile_error.is_some() {
        c.to_end();
    }
    c
}

/// The note of the first pause line (not shown before) that cursor `c` ran through
/// between event positions `range`.
fn passed_pause(
    pane: &Pane,
    i: usize,
    c: &Cursor,
    range: std::ops::Range<usize>,
    fired: &mut HashSet<(usize, u32)>,
) -> Option<Note> {
    let events = &c.recording().events[range];
    events.iter().find_map(|e| {
        let Event::Line { file, line, .. } = &e.event else { return None };
        if *file != pane.file {
            return None;
        }
        let pause = pane.pauses.iter().find(|p| p.line == *line)?;
        fired.insert((i, *line)).then(|| Note { pane: i, line: Some(*line), text: pause.note.clone() })
    })
}

/// Whether cursor `c` ran through a pause line (not shown before) in `range`.
fn would_pause(pane: &Pane, i: usize, c: &Cursor, range: std::ops::Range<usize>, fired: &HashSet<(usize, u32)>) -> bool {
    c.recording().events[range].iter().any(|e| match &e.event {
        Event::Line { file, line, .. } => {
            *file == pane.file && !fired.contains(&(i, *line)) && pane.pauses.iter().any(|p| p.line == *line)
        }
        _ => false,
    })
}

/// The first quiz (not asked yet) at a line of program `i` that cursor `c` ran through
/// in `range`, and the position just after that line's event.
fn line_quiz(
    quizzes: &[QuizState],
    pane: &Pane,
    i: usize,
    c: &Cursor,
    range: std::ops::Range<usize>,
) -> Option<(usize, usize)> {
    let start = range.start;
    c.recording().events[range].iter().enumerate().find_map(|(k, e)| {
        let Event::Line { file, line, .. } = &e.event else { return None };
        if *file != pane.file {
            return None;
        }
        let q = quizzes.iter().position(|q| q.quiz.program == i && q.quiz.line == Some(*line) && !q.asked)?;
        Some((q, start + k + 1))
    })
}
