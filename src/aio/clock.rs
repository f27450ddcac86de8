//! The virtual clock. `loop.time()`, `time.time()`, `time.monotonic()` and
//! `time.perf_counter()` all read it; it moves only when the loop waits for a timer or
//! when a blocking call (`time.sleep`) holds the loop.

use std::cell::Cell;

pub struct Clock {
    now: Cell<f64>,
    /// `--realtime`: wall-clock seconds per virtual second (1 / speed).
    realtime: Cell<Option<f64>>,
}

impl Default for Clock {
    fn default() -> Self {
        Clock::new()
    }
}

impl Clock {
    pub fn new() -> Clock {
        Clock { now: Cell::new(0.0), realtime: Cell::new(None) }
    }

    pub fn now(&self) -> f64 {
        self.now.get()
    }

    /// Move forward by `dt` seconds, the way the selector's timeout does.
    pub fn advance(&self, dt: f64) {
        let dt = dt.max(0.0);
        if let Some(speed) = self.realtime.get() {
            if dt > 0.0 && dt.is_finite() {
                std::thread::sleep(std::time::Duration::from_secs_f64((dt / speed).min(3600.0)));
            }
        }
        self.now.set(self.now.get() + dt);
    }

    /// Pace virtual time at wall-clock speed × `speed` (`None`: as fast as possible).
    pub fn set_realtime(&self, speed: Option<f64>) {
        self.realtime.set(speed.filter(|s| *s > 0.0));
    }

    pub fn set(&self, t: f64) {
        self.now.set(t);
    }
}
