//! The machine's cores, shared by the simulated processes.
//!
//! Each process has its own GIL, so it runs Python on at most one core at a time. While
//! no more processes want the CPU than the machine has cores (`os.cpu_count()`), each
//! runs at full speed. Beyond that the OS shares the cores out: with `k` processes
//! wanting the CPU on `n` cores, each gets `n / k` of a core, so a burst of CPU work
//! takes `k / n` times longer in wall time. This is why 4 uvicorn workers and their
//! client on 2 cores answer a trivial endpoint more slowly than 1 worker does
//! (../shared/fastapi-truth: 0.15 s against 0.10 s).
//!
//! How many processes compete is read from what they did just before: every CPU burst is
//! recorded as the interval during which its process wanted the CPU, and a new burst
//! counts the other processes' share of the last `WINDOW` (processes run in near
//! lock-step, see `Runtime::catch_up`, so every process's past is known up to now).

use std::cell::RefCell;
use std::collections::VecDeque;

use super::cpu::SWITCH_INTERVAL;
use super::Runtime;

/// The window the competition is measured over: one GIL switch interval, the longest
/// slice a process runs before the others catch up.
const WINDOW: f64 = SWITCH_INTERVAL;

#[derive(Default)]
pub struct Machine {
    /// Per process id: recent intervals during which it wanted the CPU, in time order.
    runs: RefCell<Vec<(u64, VecDeque<(f64, f64)>)>>,
}

impl Machine {
    /// How many other processes wanted the CPU just before `now`, on average.
    fn others_around(&self, me: u64, now: f64) -> f64 {
        let (lo, hi) = (now - WINDOW, now);
        let mut busy = 0.0;
        for (id, runs) in self.runs.borrow().iter() {
            if *id == me {
                continue;
            }
            for &(a, b) in runs.iter().rev() {
                if b <= lo {
                    break;
                }
                busy += (b.min(hi) - a.max(lo)).max(0.0);
            }
        }
        busy / (hi - lo)
    }

    fn record(&self, me: u64, from: f64, to: f64) {
        let mut all = self.runs.borrow_mut();
        let runs = match all.iter().position(|(id, _)| *id == me) {
            Some(i) => &mut all[i].1,
            None => {
                all.push((me, VecDeque::new()));
                &mut all.last_mut().expect("just pushed").1
            }
        };
        // Merge with the previous burst when it ends where this one starts.
        match runs.back_mut() {
            Some(last) if (last.1 - from).abs() < 1e-12 => last.1 = to,
            _ => runs.push_back((from, to)),
        }
        // Keep what a window can still reach (processes are never far apart).
        while runs.front().is_some_and(|r| r.1 < from - 100.0 * WINDOW) {
            runs.pop_front();
        }
    }
}

impl Runtime {
    /// More processes than cores: CPU bursts may have to share.
    pub fn cores_contended(&self) -> bool {
        self.processes.borrow().len() > self.cpu_count.get()
    }

    /// The running process used `cpu` seconds of CPU from now: the clock moves by the
    /// wall time that took on the shared cores.
    pub fn spend_cpu(&self, cpu: f64) {
        if cpu <= 0.0 {
            return;
        }
        if !self.cores_contended() {
            self.clock.advance(cpu);
            return;
        }
        let me = self.current_process.borrow().id;
        let now = self.clock.now();
        let competing = 1.0 + self.machine.others_around(me, now);
        let speed = (self.cpu_count.get() as f64 / competing).min(1.0);
        let wall = cpu / speed;
        self.machine.record(me, now, now + wall);
        self.clock.advance(wall);
    }
}
