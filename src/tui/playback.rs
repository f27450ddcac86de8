//! Playback: cursors moving through recorded traces on one virtual clock.
//!
//! The clock runs at the chosen speed (virtual seconds per wall second) while every
//! cursor waits for time to pass (the loop idles until a timer, or is blocked). When a
//! cursor has work at the current instant, the clock stands still and cursors advance
//! one line or handle at a time at a steady rate, so each step of the loop is visible.

use crate::trace::cursor::INSTANT;
use crate::trace::Cursor;

/// The speeds `+` and `-` move through.
pub const SPEEDS: [f64; 7] = [0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0];
const NORMAL_SPEED: usize = 3;
/// Line or handle steps per wall second at 1×, while the clock stands still.
pub const STEPS_PER_SECOND: f64 = 8.0;

#[derive(Debug, Clone, PartialEq)]
pub struct Playback {
    pub playing: bool,
    /// Index into `SPEEDS`.
    pub speed: usize,
    /// The shared virtual clock shown on screen.
    pub clock: f64,
    /// Steps owed (fractions carry over between frames).
    budget: f64,
}

impl Default for Playback {
    fn default() -> Self {
        Playback { playing: false, speed: NORMAL_SPEED, clock: 0.0, budget: 0.0 }
    }
}

impl Playback {
    pub fn speed(&self) -> f64 {
        SPEEDS[self.speed]
    }

    pub fn faster(&mut self) {
        self.speed = (self.speed + 1).min(SPEEDS.len() - 1);
    }

    pub fn slower(&mut self) {
        self.speed = self.speed.saturating_sub(1);
    }

    /// After a manual move: the clock is where the furthest cursor is.
    pub fn sync(&mut self, cursors: &[Cursor]) {
        self.clock = cursors.iter().map(|c| c.snapshot().clock).fold(0.0, f64::max);
        self.budget = 0.0;
    }

    /// Play `dt` wall seconds. `stop(i, cursor)` is asked after cursor `i` steps; true
    /// pauses playback there. Returns whether anything moved.
    pub fn advance(&mut self, cursors: &mut [Cursor], dt: f64, mut stop: impl FnMut(usize, &Cursor) -> bool) -> bool {
        if !self.playing {
            return false;
        }
        let due: Vec<usize> = (0..cursors.len()).filter(|&i| self.is_due(&cursors[i])).collect();
        if due.is_empty() {
            return self.pass_time(cursors, dt);
        }
        self.budget += dt * STEPS_PER_SECOND * self.speed();
        let mut moved = false;
        while self.budget >= 1.0 {
            self.budget -= 1.0;
            let due: Vec<usize> = (0..cursors.len()).filter(|&i| self.is_due(&cursors[i])).collect();
            if due.is_empty() {
                break;
            }
            for i in due {
                moved |= cursors[i].step_play();
                // Running Python costs a little virtual time: the clock follows.
                self.clock = self.clock.max(cursors[i].snapshot().clock);
                if stop(i, &cursors[i]) {
                    self.playing = false;
                    return true;
                }
            }
        }
        moved
    }

    /// Whether cursor `c` has something to do at the current instant.
    fn is_due(&self, c: &Cursor) -> bool {
        c.next_event().is_some_and(|e| e.t < self.clock + INSTANT)
    }

    /// Nobody has work now: move the clock toward the soonest next event.
    fn pass_time(&mut self, cursors: &[Cursor], dt: f64) -> bool {
        self.budget = 0.0;
        let next = cursors.iter().filter_map(|c| c.next_event().map(|e| e.t)).fold(f64::INFINITY, f64::min);
        if next.is_infinite() {
            self.playing = false;
            return false;
        }
        self.clock = (self.clock + dt * self.speed()).min(next);
        true
    }
}

/// The time shown for one program: the shared clock, kept between the cursor's last
/// event and its next one (or its end).
pub fn program_clock(shared: f64, c: &Cursor) -> f64 {
    let now = c.snapshot().clock;
    match c.next_event() {
        Some(next) => shared.clamp(now, next.t.max(now)),
        None => now,
    }
}
