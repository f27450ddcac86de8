//! Simulated threads and the GIL, in virtual time.
//!
//! Worker threads (thread-pool workers) run Python jobs on frame stacks of their own, in
//! slices of at most the GIL switch interval. Only one thread runs Python at a time:
//! - while the loop thread waits in `select`, workers take turns (5 ms slices) until the
//!   loop has something to do (a timer is due, or a worker posted a result with
//!   `call_soon_threadsafe`);
//! - while the loop thread runs callbacks, workers wanting the GIL get their share every
//!   switch interval, which stretches the loop's own CPU bursts as the GIL does;
//! - `time.sleep` releases the GIL: a sleeping worker lets others run; a sleeping loop
//!   thread blocks the loop while workers carry on.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use crate::engine::value::{Args, Value};
use crate::engine::vm::{PyErr, PyResult, SliceOutcome, ThreadFrames, Vm};
use crate::trace::{Event, Level};

use super::cpu::SWITCH_INTERVAL;
use super::Runtime;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ThreadState {
    /// No job: waiting on its pool's work queue.
    Idle,
    /// Has Python to run: waiting for (or holding) the GIL.
    Runnable,
    /// In `time.sleep` until then (the GIL is released).
    Sleeping(f64),
    /// Gone (its pool shut down).
    Done,
}

/// A piece of work for a thread: call `func(*args)`, then hand the outcome to `done`.
pub struct Job {
    pub id: u64,
    pub func: Value,
    pub args: Args,
    pub label: String,
    pub done: Box<dyn Fn(&mut Vm, PyResult<Value>)>,
}

/// Where a worker takes its jobs from (its executor's work queue).
pub struct JobQueue {
    pub jobs: RefCell<VecDeque<Rc<Job>>>,
}

pub struct SimThread {
    pub id: u64,
    pub name: String,
    pub state: Cell<ThreadState>,
    frames: RefCell<ThreadFrames>,
    job: RefCell<Option<Rc<Job>>>,
    /// A job that finished inside a blocking call (a native job like `time.sleep`): its
    /// outcome is delivered when the thread wakes.
    pending: RefCell<Option<PyResult<Value>>>,
    pub queue: Rc<JobQueue>,
}

impl SimThread {
    pub fn job_label(&self) -> Option<String> {
        self.job.borrow().as_ref().map(|j| j.label.clone())
    }
}

/// Something that happens at a set virtual time outside any thread (a process-pool
/// worker finishing its job).
struct Timed {
    at: f64,
    seq: u64,
    job: Option<u64>,
    action: Box<dyn FnOnce(&mut Vm)>,
}

#[derive(Default)]
pub struct World {
    timed: RefCell<Vec<Timed>>,
    timed_seq: Cell<u64>,
    pub threads: RefCell<Vec<Rc<SimThread>>>,
    /// Threads wanting the GIL, in the order they will get it.
    gil_queue: RefCell<VecDeque<Rc<SimThread>>>,
    /// The worker running Python now (`None`: the loop thread).
    current: RefCell<Option<Rc<SimThread>>>,
    /// Set when a worker posted a callback for the loop (`call_soon_threadsafe`).
    pub posted: Cell<bool>,
    /// Loop-thread CPU not yet shared with waiting workers.
    loop_debt: Cell<f64>,
}

impl World {
    /// Run `action` at virtual time `at` (as time passes in `run_workers`).
    pub fn at(&self, at: f64, action: Box<dyn FnOnce(&mut Vm)>, job: Option<u64>) {
        let seq = self.timed_seq.get();
        self.timed_seq.set(seq + 1);
        self.timed.borrow_mut().push(Timed { at, seq, job, action });
    }

    /// Fire the timed actions that are due (in time order).
    fn fire_timed(&self, rt: &Runtime, vm: &mut Vm) {
        loop {
            let due = {
                let mut timed = self.timed.borrow_mut();
                let now = rt.now();
                let best = timed
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| t.at <= now + 1e-12)
                    .min_by(|a, b| a.1.at.total_cmp(&b.1.at).then(a.1.seq.cmp(&b.1.seq)))
                    .map(|(i, _)| i);
                best.map(|i| timed.remove(i))
            };
            let Some(t) = due else { break };
            if let Some(job) = t.job {
                rt.record(Level::Full, || Event::JobDone { job, thread: 0 });
            }
            (t.action)(vm);
        }
    }

    /// Block the caller until every timed action has fired (`ProcessPoolExecutor.shutdown`).
    pub fn wait_timed(&self, rt: &Rc<Runtime>, vm: &mut Vm) -> PyResult<()> {
        while !self.timed.borrow().is_empty() {
            self.run_workers(rt, vm, f64::INFINITY, true)?;
            self.posted.set(false);
        }
        Ok(())
    }

    /// Is anything outside the loop thread still going to happen?
    pub fn active(&self) -> bool {
        self.any_runnable() || self.next_wake().is_some()
    }

    pub fn current_worker(&self) -> Option<Rc<SimThread>> {
        self.current.borrow().clone()
    }

    fn any_runnable(&self) -> bool {
        !self.gil_queue.borrow().is_empty()
    }

    fn has_threads(&self) -> bool {
        !self.threads.borrow().is_empty() || !self.timed.borrow().is_empty()
    }

    pub fn spawn(&self, rt: &Runtime, name: String, queue: Rc<JobQueue>) -> Rc<SimThread> {
        let t = Rc::new(SimThread {
            id: rt.next_id(),
            name,
            state: Cell::new(ThreadState::Idle),
            frames: RefCell::new(ThreadFrames::default()),
            job: RefCell::new(None),
            pending: RefCell::new(None),
            queue,
        });
        rt.record(Level::Full, || Event::ThreadStarted { thread: t.id, name: t.name.clone() });
        self.threads.borrow_mut().push(t.clone());
        t
    }

    /// A job was queued: an idle thread of that queue picks it up (wants the GIL).
    pub fn wake_idle(&self, queue: &Rc<JobQueue>) {
        for t in self.threads.borrow().iter() {
            if Rc::ptr_eq(&t.queue, queue) && t.state.get() == ThreadState::Idle && !queue.jobs.borrow().is_empty() {
                t.state.set(ThreadState::Runnable);
                self.gil_queue.borrow_mut().push_back(t.clone());
            }
        }
    }

    /// Threads whose sleep is over want the GIL again.
    fn wake_sleepers(&self, now: f64) {
        let mut woken: Vec<(f64, u64, Rc<SimThread>)> = self
            .threads
            .borrow()
            .iter()
            .filter_map(|t| match t.state.get() {
                ThreadState::Sleeping(until) if until <= now + 1e-12 => Some((until, t.id, t.clone())),
                _ => None,
            })
            .collect();
        woken.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        for (_, _, t) in woken {
            t.state.set(ThreadState::Runnable);
            self.gil_queue.borrow_mut().push_back(t);
        }
    }

    fn next_wake(&self) -> Option<f64> {
        let sleeper = self
            .threads
            .borrow()
            .iter()
            .filter_map(|t| match t.state.get() {
                ThreadState::Sleeping(until) => Some(until),
                _ => None,
            })
            .min_by(|a, b| a.total_cmp(b));
        let timed = self.timed.borrow().iter().map(|t| t.at).min_by(|a, b| a.total_cmp(b));
        match (sleeper, timed) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// The loop thread waits (in `select`) until `deadline` at the latest. Workers run
    /// meanwhile; returns early once one of them posts a callback to the loop.
    pub fn loop_waits(&self, rt: &Rc<Runtime>, vm: &mut Vm, deadline: f64) -> PyResult<()> {
        self.loop_debt.set(0.0);
        self.posted.set(false);
        self.run_workers(rt, vm, deadline, true)
    }

    /// The loop thread itself blocks in `time.sleep(secs)`: the loop is frozen, but other
    /// threads get the GIL until the sleep is over.
    pub fn loop_sleeps(&self, rt: &Rc<Runtime>, vm: &mut Vm, secs: f64) -> PyResult<()> {
        let end = rt.now() + secs;
        self.loop_debt.set(0.0);
        if self.has_threads() {
            self.run_workers(rt, vm, end, false)?;
        }
        if rt.now() < end {
            rt.clock.set(end);
        }
        Ok(())
    }

    /// The loop thread just used `cpu` seconds holding the GIL. Threads waiting for the
    /// GIL get their turn once a switch interval has passed.
    pub fn after_loop_burst(&self, rt: &Rc<Runtime>, vm: &mut Vm, cpu: f64) -> PyResult<()> {
        if !self.any_runnable() && !self.has_sleepers_due(rt.now()) {
            self.loop_debt.set(0.0);
            return Ok(());
        }
        let debt = self.loop_debt.get() + cpu;
        if debt < SWITCH_INTERVAL {
            self.loop_debt.set(debt);
            return Ok(());
        }
        self.loop_debt.set(0.0);
        // Each waiting thread gets about as much CPU as the loop had.
        let deadline = rt.now() + debt * self.gil_queue.borrow().len().max(1) as f64;
        self.run_workers(rt, vm, deadline, false)
    }

    fn has_sleepers_due(&self, now: f64) -> bool {
        self.next_wake().is_some_and(|t| t <= now)
    }

    /// When a thread of this world next wants to run (`now` if one is runnable).
    pub fn next_event_time(&self, now: f64) -> Option<f64> {
        if self.any_runnable() {
            return Some(now);
        }
        self.next_wake()
    }

    /// Run this world's threads until `deadline` (the process scheduler's entry).
    pub fn run_workers_until(&self, rt: &Rc<Runtime>, vm: &mut Vm, deadline: f64, stop_on_post: bool) -> PyResult<()> {
        self.run_workers(rt, vm, deadline, stop_on_post)
    }

    /// Run workers in GIL order until `deadline` (or a post, with `stop_on_post`).
    fn run_workers(&self, rt: &Rc<Runtime>, vm: &mut Vm, deadline: f64, stop_on_post: bool) -> PyResult<()> {
        loop {
            self.fire_timed(rt, vm);
            self.wake_sleepers(rt.now());
            if stop_on_post && self.posted.get() {
                return Ok(());
            }
            let next = self.gil_queue.borrow_mut().pop_front();
            match next {
                Some(t) => {
                    let remaining = (deadline - rt.now()).max(0.0);
                    if remaining <= 0.0 {
                        self.gil_queue.borrow_mut().push_front(t);
                        return Ok(());
                    }
                    self.run_one_slice(rt, vm, &t, remaining.min(SWITCH_INTERVAL))?;
                }
                None => {
                    // Nobody wants the GIL: jump to the next sleeper or the deadline.
                    let wake = self.next_wake().unwrap_or(f64::INFINITY);
                    if wake >= deadline {
                        if rt.now() < deadline && deadline.is_finite() {
                            rt.clock.set(deadline);
                        }
                        return Ok(());
                    }
                    if wake > rt.now() {
                        rt.clock.set(wake);
                    }
                }
            }
        }
    }

    /// Give `t` the GIL for at most `secs` of CPU.
    fn run_one_slice(&self, rt: &Rc<Runtime>, vm: &mut Vm, t: &Rc<SimThread>, secs: f64) -> PyResult<()> {
        let pending = t.pending.borrow_mut().take();
        if let Some(result) = pending {
            return self.finish_job(rt, vm, t, result);
        }
        if t.job.borrow().is_none() {
            let job = t.queue.jobs.borrow_mut().pop_front();
            let Some(job) = job else {
                t.state.set(ThreadState::Idle);
                return Ok(());
            };
            rt.record(Level::Full, || Event::JobStarted { job: job.id, thread: t.id, label: job.label.clone() });
            *t.job.borrow_mut() = Some(job.clone());
            let mut frames = t.frames.borrow_mut();
            rt.cpu.take(vm);
            let prev = self.current.replace(Some(t.clone()));
            let started = vm.start_job(&mut frames, job.func.clone(), Args { pos: job.args.pos.clone(), kw: job.args.kw.clone() });
            *self.current.borrow_mut() = prev;
            drop(frames);
            rt.spend_cpu(rt.cpu.take(vm));
            if let Some(SliceOutcome::Finished(result)) = started {
                if let ThreadState::Sleeping(until) = t.state.get() {
                    *t.pending.borrow_mut() = Some(result);
                    rt.record(Level::Full, || Event::ThreadSleeping { thread: t.id, until });
                    return Ok(());
                }
                return self.finish_job(rt, vm, t, result);
            }
        }
        rt.record(Level::Full, || Event::ThreadRunning { thread: t.id });
        rt.cpu.take(vm);
        // Slices can nest (a thread starting a thread): restore whoever ran before.
        let prev = self.current.replace(Some(t.clone()));
        let budget = rt.cpu.ticks_in(secs);
        let outcome = vm.run_slice(&mut t.frames.borrow_mut(), budget);
        *self.current.borrow_mut() = prev;
        let ran = rt.cpu.take(vm);
        rt.spend_cpu(ran + self.waiters_cost(ran));
        match outcome {
            SliceOutcome::Finished(result) => self.finish_job(rt, vm, t, result),
            SliceOutcome::Preempted => {
                if let ThreadState::Sleeping(until) = t.state.get() {
                    rt.record(Level::Full, || Event::ThreadSleeping { thread: t.id, until });
                } else {
                    self.gil_queue.borrow_mut().push_back(t.clone());
                }
                Ok(())
            }
        }
    }

    fn finish_job(&self, rt: &Rc<Runtime>, vm: &mut Vm, t: &Rc<SimThread>, result: PyResult<Value>) -> PyResult<()> {
        if let Err(PyErr::Fatal(f)) = result {
            return Err(PyErr::Fatal(f));
        }
        let job = t.job.borrow_mut().take().expect("a finishing thread has a job");
        rt.record(Level::Full, || Event::JobDone { job: job.id, thread: t.id });
        (job.done)(vm, result);
        if t.queue.jobs.borrow().is_empty() {
            t.state.set(ThreadState::Idle);
            rt.record(Level::Full, || Event::ThreadIdle { thread: t.id });
        } else {
            t.state.set(ThreadState::Runnable);
            self.gil_queue.borrow_mut().push_back(t.clone());
        }
        Ok(())
    }

    /// A new thread takes the GIL right away (`Thread.start()` waits until the thread has
    /// started, and the thread keeps the GIL until it blocks or its slice ends).
    pub fn give_gil(&self, rt: &Rc<Runtime>, vm: &mut Vm, t: &Rc<SimThread>) -> PyResult<()> {
        let queued = {
            let mut q = self.gil_queue.borrow_mut();
            match q.iter().position(|x| Rc::ptr_eq(x, t)) {
                Some(i) => q.remove(i).is_some(),
                None => false,
            }
        };
        if queued {
            rt.sync_cpu(vm);
            self.run_one_slice(rt, vm, t, SWITCH_INTERVAL)?;
        }
        Ok(())
    }

    /// `time.sleep` on a worker: it releases the GIL until `until`.
    pub fn worker_sleeps(&self, vm: &mut Vm, t: &Rc<SimThread>, until: f64) {
        t.state.set(ThreadState::Sleeping(until));
        vm.request_preempt();
    }

    /// The machine time lost while a thread held the GIL for `ran` seconds, to the other
    /// threads' periodic wake-ups (see `GIL_WAITER_WAKE_COST`).
    fn waiters_cost(&self, ran: f64) -> f64 {
        let waiting = self.gil_queue.borrow().len() as f64;
        ran / super::cpu::SWITCH_INTERVAL * waiting * super::cpu::GIL_WAITER_WAKE_COST
    }

    /// Threads are waiting for the GIL.
    pub fn wants_gil(&self) -> bool {
        self.any_runnable()
    }

    /// The loop's thread released the GIL for a system call (`select`, a socket send)
    /// while other threads wanted it. Taking it back, it queues behind all of them: each
    /// gets its slice first (the "convoy effect" of I/O threads under the GIL).
    pub fn yield_round(&self, rt: &Rc<Runtime>, vm: &mut Vm) -> PyResult<()> {
        rt.sync_cpu(vm);
        self.fire_timed(rt, vm);
        self.wake_sleepers(rt.now());
        let ahead = self.gil_queue.borrow().len();
        for _ in 0..ahead {
            let next = self.gil_queue.borrow_mut().pop_front();
            let Some(t) = next else { break };
            self.run_one_slice(rt, vm, &t, SWITCH_INTERVAL)?;
        }
        self.loop_debt.set(0.0);
        Ok(())
    }

    /// `Thread.start()` from the loop's (or main) thread: it waits until the new thread
    /// has started, which takes the GIL and runs its first slice; taking the GIL back,
    /// the starter queues behind every other thread that wants it.
    pub fn started_by_main(&self, rt: &Rc<Runtime>, vm: &mut Vm, t: &Rc<SimThread>) -> PyResult<()> {
        self.give_gil(rt, vm, t)?;
        let ahead = self.gil_queue.borrow().iter().filter(|x| !Rc::ptr_eq(x, t)).count();
        for _ in 0..ahead {
            let next = {
                let mut q = self.gil_queue.borrow_mut();
                match q.iter().position(|x| !Rc::ptr_eq(x, t)) {
                    Some(i) => q.remove(i),
                    None => None,
                }
            };
            let Some(next) = next else { break };
            self.run_one_slice(rt, vm, &next, SWITCH_INTERVAL)?;
        }
        self.loop_debt.set(0.0);
        Ok(())
    }

    /// A blocking wait whose end is not known yet (an answer from another process): the
    /// thread releases the GIL until `unpark_at` names the moment, or `deadline` comes.
    pub fn worker_parks(&self, vm: &mut Vm, t: &Rc<SimThread>, deadline: f64) {
        t.state.set(ThreadState::Sleeping(deadline));
        vm.request_preempt();
    }

    /// The answer a parked thread waits for arrives at `at`: it wakes then (if that is
    /// before its deadline).
    pub fn unpark_at(t: &Rc<SimThread>, at: f64) {
        if let ThreadState::Sleeping(until) = t.state.get() {
            if at < until {
                t.state.set(ThreadState::Sleeping(at));
            }
        }
    }

    /// Is any thread of this queue still busy (running, sleeping or with queued work)?
    pub fn queue_busy(&self, queue: &Rc<JobQueue>) -> bool {
        !queue.jobs.borrow().is_empty()
            || self.threads.borrow().iter().any(|t| {
                Rc::ptr_eq(&t.queue, queue) && matches!(t.state.get(), ThreadState::Runnable | ThreadState::Sleeping(_))
            })
    }

    /// Block the calling (loop) thread until the queue's work is all done
    /// (`executor.shutdown(wait=True)`).
    pub fn wait_queue(&self, rt: &Rc<Runtime>, vm: &mut Vm, queue: &Rc<JobQueue>) -> PyResult<()> {
        while self.queue_busy(queue) {
            let before = rt.now();
            self.run_workers(rt, vm, f64::INFINITY, true)?;
            self.posted.set(false);
            if rt.now() == before && !self.any_runnable() && self.next_wake().is_none() {
                break;
            }
        }
        Ok(())
    }

    /// At exit: let every thread finish its work (CPython joins non-daemon threads).
    pub fn finish(&self, rt: &Rc<Runtime>, vm: &mut Vm) -> PyResult<()> {
        while self.active() {
            let before = rt.now();
            self.run_workers(rt, vm, f64::INFINITY, false)?;
            if rt.now() == before && !self.any_runnable() {
                break;
            }
        }
        Ok(())
    }

    pub fn retire(&self, queue: &Rc<JobQueue>) {
        for t in self.threads.borrow().iter() {
            if Rc::ptr_eq(&t.queue, queue) {
                t.state.set(ThreadState::Done);
            }
        }
        self.threads.borrow_mut().retain(|t| t.state.get() != ThreadState::Done);
    }
}
