//! The CPU cost model: every instruction the VM executes (and every unit of work a
//! costly native charges) takes virtual time. CPU-bound code on the loop thread therefore
//! holds the loop for a realistic time, and threads share one GIL.
//!
//! The clock always equals the time at the last sync plus the running thread's ticks
//! since then; `sync` makes that explicit before anyone reads or schedules by the clock.

use std::cell::Cell;

use crate::engine::vm::Vm;

/// Virtual nanoseconds per VM tick. Calibrated so pure-Python loops take about as long
/// as on CPython 3.11 (bench/calibrate_cpu.py measures it against python3).
pub const DEFAULT_NS_PER_TICK: f64 = 4.9;

/// CPython's `sys.getswitchinterval()`: a thread waiting for the GIL gets it after 5 ms.
pub const SWITCH_INTERVAL: f64 = 0.005;

/// What each thread waiting for the GIL costs the machine per switch interval: its
/// timed wait on the GIL's condition variable expires every 5 ms, the OS wakes it, it
/// asks the holder to drop the GIL and sleeps again. Negligible with two threads; with
/// twenty CPU-bound request threads it slows the holder by about 15 %, as measured with
/// FastAPI's thread pool (../shared/fastapi-truth: 11.0 s for 9.5 s of CPU work).
pub const GIL_WAITER_WAKE_COST: f64 = 0.00004;

pub struct CpuModel {
    pub ns_per_tick: Cell<f64>,
    /// VM ticks already accounted for in the clock.
    synced_ticks: Cell<u64>,
}

impl Default for CpuModel {
    fn default() -> Self {
        CpuModel { ns_per_tick: Cell::new(DEFAULT_NS_PER_TICK), synced_ticks: Cell::new(0) }
    }
}

impl CpuModel {
    /// Seconds of CPU for `ticks` ticks.
    pub fn seconds(&self, ticks: u64) -> f64 {
        ticks as f64 * self.ns_per_tick.get() * 1e-9
    }

    /// Ticks in `secs` seconds of CPU (at least 1).
    pub fn ticks_in(&self, secs: f64) -> u64 {
        let ns = self.ns_per_tick.get();
        if ns <= 0.0 {
            // Ideal time: code takes no time, so a slice ends only when the thread blocks.
            return u64::MAX / 4;
        }
        ((secs / (ns * 1e-9)) as u64).max(1)
    }

    /// CPU seconds used by the running thread since the last sync; marks them accounted.
    pub fn take(&self, vm: &Vm) -> f64 {
        let done = vm.ticks.saturating_sub(self.synced_ticks.get());
        self.synced_ticks.set(vm.ticks);
        self.seconds(done)
    }

    /// Forget ticks run without consuming the clock (a process-pool job ran eagerly).
    pub fn skip(&self, vm: &Vm) {
        self.synced_ticks.set(vm.ticks);
    }
}
