//! Simulated processes on one virtual clock: the program itself, and e.g. the worker
//! processes of a simulated uvicorn server. Each process has its own event loop, its own
//! threads and GIL, and its own local time; they run in parallel (on separate cores).
//!
//! The scheduler is conservative: when a process waits (its loop in `select`), the other
//! processes run their pending work in virtual-time order, until something wakes the
//! waiting one (a message delivered to its loop, a thread posting a callback) or its
//! deadline comes.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::engine::vm::{PyResult, Vm};
use crate::trace::{Event, Level};

use super::event_loop::EventLoop;
use super::threads::World;
use super::Runtime;

pub struct Process {
    pub id: u64,
    /// A made-up pid, as servers report (`os.getpid()`).
    pub pid: u32,
    pub name: String,
    pub world: Rc<World>,
    /// The process's event loop (the program's is set by `asyncio.run`).
    pub loop_: RefCell<Option<Rc<EventLoop>>>,
    /// Its time while another process runs.
    pub clock: Cell<f64>,
    /// On the call stack right now (running, or waiting in `select`): not schedulable.
    pub active: Cell<bool>,
    /// `Task-N` numbering (asyncio.tasks' module global: each process has its own).
    pub task_counter: Cell<u64>,
    /// Loop passes that ran something, over every loop of this process.
    pub passes: Cell<u64>,
}

impl Process {
    /// The program itself: process 0, running from the start.
    pub fn main() -> Rc<Process> {
        Rc::new(Process::blank(0, 4242, "main", 0.0, true))
    }

    pub fn new(rt: &Runtime, name: &str, pid: u32) -> Rc<Process> {
        Rc::new(Process::blank(rt.next_id(), pid, name, rt.now(), false))
    }

    fn blank(id: u64, pid: u32, name: &str, now: f64, active: bool) -> Process {
        Process {
            id,
            pid,
            name: name.to_string(),
            world: Rc::new(World::default()),
            loop_: RefCell::new(None),
            clock: Cell::new(now),
            active: Cell::new(active),
            task_counter: Cell::new(0),
            passes: Cell::new(0),
        }
    }

    /// When this process next has something to do, if ever.
    fn next_event(&self, _rt: &Runtime) -> Option<f64> {
        let now = self.clock.get();
        let from_loop = self.loop_.borrow().as_ref().and_then(|l| l.next_event_time(now));
        let from_threads = self.world.next_event_time(now);
        match (from_loop, from_threads) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
        .map(|t| t.max(now))
    }
}

impl Runtime {
    /// The process whose code runs now.
    pub fn process(&self) -> Rc<Process> {
        self.current_process.borrow().clone()
    }

    /// The running process's threads and GIL.
    pub fn world(&self) -> Rc<World> {
        self.current_process.borrow().world.clone()
    }

    pub fn spawn_process(&self, name: &str) -> Rc<Process> {
        let pid = 1000 + self.processes.borrow().len() as u32;
        let p = Process::new(self, name, pid);
        self.record(Level::Full, || Event::ProcessStarted { process: p.id, name: p.name.clone(), pid });
        self.processes.borrow_mut().push(p.clone());
        p
    }

    pub fn has_other_processes(&self) -> bool {
        self.processes.borrow().len() > 1
    }

    /// Run `f` as process `p` (its clock, its running loop, its threads).
    pub fn as_process<T>(self: &Rc<Self>, vm: &mut Vm, p: &Rc<Process>, f: impl FnOnce(&mut Vm) -> T) -> T {
        self.sync_cpu(vm);
        let me = self.process();
        me.clock.set(self.now());
        let my_loop = self.running_loop.replace(p.loop_.borrow().clone());
        *self.current_process.borrow_mut() = p.clone();
        self.clock.set(p.clock.get());
        let was_active = p.active.replace(true);
        self.record(Level::Full, || Event::ProcessRunning { process: p.id });
        let out = f(vm);
        self.sync_cpu(vm);
        p.active.set(was_active);
        p.clock.set(self.now());
        *self.current_process.borrow_mut() = me.clone();
        *self.running_loop.borrow_mut() = my_loop;
        self.clock.set(me.clock.get());
        self.record(Level::Full, || Event::ProcessRunning { process: me.id });
        out
    }

    /// The running process waits until `deadline` at most: meanwhile its own threads and
    /// the other processes do their work, in time order. Returns when the waiting
    /// process has something to do, with its clock at that moment.
    pub fn wait_until(self: &Rc<Self>, vm: &mut Vm, deadline: f64) -> PyResult<()> {
        let me = self.process();
        let start = self.now();
        let was_active = me.active.replace(true);
        let r = self.wait_loop(vm, &me, deadline);
        me.active.set(was_active);
        if self.now() < start {
            self.clock.set(start);
        }
        r
    }

    /// The running process's thread is held in a blocking call until `done()` (an answer
    /// arrived) or `deadline`: its loop cannot run, but its other threads and the other
    /// processes go on, in time order.
    pub fn block_until(self: &Rc<Self>, vm: &mut Vm, deadline: f64, done: &dyn Fn() -> bool) -> PyResult<()> {
        let me = self.process();
        let start = self.now();
        let was_active = me.active.replace(true);
        let r = self.run_others(vm, &me, deadline, false, done);
        me.active.set(was_active);
        if self.now() < start {
            self.clock.set(start);
        }
        r
    }

    fn wait_loop(self: &Rc<Self>, vm: &mut Vm, me: &Rc<Process>, deadline: f64) -> PyResult<()> {
        self.run_others(vm, me, deadline, true, &|| false)
    }

    /// Run the other work of the world in time order until `deadline`, `done()`, or
    /// (when `loop_wakes`) something for the waiting process's own loop.
    fn run_others(
        self: &Rc<Self>,
        vm: &mut Vm,
        me: &Rc<Process>,
        deadline: f64,
        loop_wakes: bool,
        done: &dyn Fn() -> bool,
    ) -> PyResult<()> {
        let mut deadline = deadline;
        loop {
            let now = self.now();
            if done() {
                return Ok(());
            }
            if loop_wakes {
                if me.world.posted.get() {
                    return Ok(());
                }
                if let Some(l) = me.loop_.borrow().as_ref() {
                    if !l.ready.borrow().is_empty() {
                        return Ok(());
                    }
                    if let Some(t) = l.next_timer() {
                        deadline = deadline.min(t.max(now));
                    }
                }
            }
            let own = me.world.next_event_time(now);
            let other = self.next_other_process(me);
            let t_other = other.as_ref().map(|(_, t)| *t);
            let next = match (own, t_other) {
                (Some(a), Some(b)) => a.min(b),
                (a, b) => match a.or(b) {
                    Some(t) => t,
                    None => f64::INFINITY,
                },
            };
            if next > deadline || next.is_infinite() {
                if deadline.is_finite() && deadline > now {
                    self.clock.set(deadline);
                }
                return Ok(());
            }
            match (own, other) {
                (Some(t), Some((_, to))) if t <= to => {
                    let until = to.min(deadline);
                    me.world.run_workers_until(self, vm, until, true)?;
                }
                (Some(t), None) => {
                    // With a `done` condition, go one slice at a time so it is seen in time.
                    let until = if loop_wakes { deadline } else { deadline.min(t + super::cpu::SWITCH_INTERVAL) };
                    me.world.run_workers_until(self, vm, until, loop_wakes)?
                }
                (_, Some((p, t))) => {
                    if p.clock.get() < t {
                        p.clock.set(t);
                    }
                    self.as_process(vm, &p, |vm| p.step(self, vm))?;
                }
                (None, None) => return Ok(()),
            }
        }
    }

    /// Sharing cores, processes keep in step: after each callback of the running process,
    /// the others run whatever they had to do before its now.
    pub fn catch_up(self: &Rc<Self>, vm: &mut Vm) -> PyResult<()> {
        let me = self.process();
        let now = self.now();
        let was_active = me.active.replace(true);
        let mut r = Ok(());
        while let Some((p, t)) = self.next_other_process(&me) {
            if t >= now {
                break;
            }
            if p.clock.get() < t {
                p.clock.set(t);
            }
            r = self.as_process(vm, &p, |vm| p.step(self, vm));
            if r.is_err() {
                break;
            }
        }
        me.active.set(was_active);
        r
    }

    fn next_other_process(&self, me: &Rc<Process>) -> Option<(Rc<Process>, f64)> {
        let procs = self.processes.borrow().clone();
        procs
            .into_iter()
            .filter(|p| !Rc::ptr_eq(p, me) && !p.active.get())
            .filter_map(|p| p.next_event(self).map(|t| (p, t)))
            .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.id.cmp(&b.0.id)))
    }
}

impl Process {
    /// One step of a passive process (running as the current one): one loop pass if its
    /// loop has something due, otherwise its threads up to its next loop event.
    fn step(&self, rt: &Rc<Runtime>, vm: &mut Vm) -> PyResult<()> {
        let now = rt.now();
        let loop_ = self.loop_.borrow().clone();
        let loop_due = loop_.as_ref().and_then(|l| l.next_event_time(now)).is_some_and(|t| t <= now);
        if loop_due {
            if let Some(l) = loop_ {
                // Its select() returned: with threads wanting the GIL, the loop's thread
                // waits its turn first.
                if self.world.wants_gil() {
                    self.world.yield_round(rt, vm)?;
                }
                return l.run_pass_nowait(vm);
            }
        }
        // Threads: at most one switch interval, so other processes keep pace.
        let next_loop = loop_.as_ref().and_then(|l| l.next_event_time(now)).unwrap_or(f64::INFINITY);
        let until = next_loop.min(now + super::cpu::SWITCH_INTERVAL);
        self.world.run_workers_until(rt, vm, until, true)?;
        self.world.posted.set(false);
        Ok(())
    }
}
