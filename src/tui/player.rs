//! The lesson player's state: the lesson's pages, its programs (each recorded once,
//! then replayed by a cursor), playback, focus and scrolling. Data changes only by
//! moving cursors; everything else is view state changed by input.

use std::collections::{BTreeMap, HashSet};
use std::rc::Rc;

use crate::lessons::{traceback_line, Lesson, Pause, Program};
use crate::program::{run_source, RunOptions};
use crate::trace::{Cursor, Event, Recording, Stream};

use super::highlight::{highlight, HighlightedLine};
use super::playback::{program_clock, Playback};

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
        let run = run_source(&p.file, &p.source, RunOptions::default());
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

/// A pause point that playback stopped at.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub pane: usize,
    pub line: u32,
    pub text: String,
}

#[derive(Debug)]
pub struct Player {
    pub title: String,
    /// The lesson's id (None for `aiotutor show`).
    pub lesson_id: Option<String>,
    pub pages: Vec<String>,
    pub page: usize,
    pub panes: Vec<Pane>,
    pub cursors: Vec<Cursor>,
    pub playback: Playback,
    pub focus: Region,
    /// Lines scrolled by hand; a region absent here follows playback.
    pub scroll: BTreeMap<Region, usize>,
    pub note: Option<Note>,
    fired: HashSet<(usize, u32)>,
}

impl Player {
    pub fn from_lesson(lesson: &Lesson) -> Player {
        let panes = lesson.programs.iter().map(Pane::record).collect();
        Player::new(lesson.title.clone(), Some(lesson.id.clone()), lesson.pages.clone(), panes)
    }

    /// `aiotutor show FILE.py`: the player without prose.
    pub fn from_script(file: &str, source: &str) -> Player {
        let program = Program {
            file: file.to_string(),
            label: file.to_string(),
            source: source.to_string(),
            pauses: Vec::new(),
            first_line: 1,
        };
        Player::new(file.to_string(), None, Vec::new(), vec![Pane::record(&program)])
    }

    fn new(title: String, lesson_id: Option<String>, pages: Vec<String>, panes: Vec<Pane>) -> Player {
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
        };
        player.playback.sync(&player.cursors);
        player
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

    pub fn toggle_play(&mut self) {
        if self.finished() {
            self.restart();
        }
        self.playback.playing = !self.playback.playing;
        self.note = None;
        self.follow();
    }

    /// Play `dt` wall seconds; true if anything changed.
    pub fn tick(&mut self, dt: f64) -> bool {
        let (panes, fired) = (&self.panes, &mut self.fired);
        let mut note = None;
        let moved = self.playback.advance(&mut self.cursors, dt, |i, c| {
            let at = c.pos().saturating_sub(1)..c.pos();
            note = passed_pause(&panes[i], i, c, at, fired);
            note.is_some()
        });
        if note.is_some() {
            self.note = note;
        }
        if moved {
            self.follow();
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
        self.playback.playing = false;
        self.note = None;
        let pick = if forward { self.earliest_next() } else { self.latest_back() };
        if let Some(i) = pick {
            let from = self.cursors[i].pos();
            step(&mut self.cursors[i]);
            if forward {
                let c = &self.cursors[i];
                self.note = passed_pause(&self.panes[i], i, c, from..c.pos(), &mut self.fired);
            }
        }
        self.playback.sync(&self.cursors);
        self.follow();
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
        self.playback.sync(&self.cursors);
        self.follow();
    }

    pub fn to_end(&mut self) {
        self.playback.playing = false;
        for c in &mut self.cursors {
            c.to_end();
        }
        self.note = None;
        self.playback.sync(&self.cursors);
        self.follow();
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
        fired.insert((i, *line)).then(|| Note { pane: i, line: *line, text: pause.note.clone() })
    })
}
