//! The worker threads of the snapshot: who holds the GIL, who sleeps in a blocking call,
//! which job each runs and which jobs still wait in an executor's queue.

use crate::trace::Event;

/// What a simulated thread does at this point of the trace.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ThreadState {
    /// Holds the GIL and runs Python.
    Running,
    /// In a blocking call with the GIL released, until `until`.
    Sleeping { until: f64 },
    /// Waiting for the GIL or for its pool's next job.
    Idle,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Thread {
    pub id: u64,
    /// `asyncio_0`, `ThreadPoolExecutor-0_1`, `Thread-1`.
    pub name: String,
    pub state: ThreadState,
    /// The job it runs (`time.sleep`), if any.
    pub job: Option<String>,
}

/// A job submitted to an executor and not yet picked up by a worker.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingJob {
    pub id: u64,
    pub label: String,
    pub executor: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pool {
    /// In start order.
    pub threads: Vec<Thread>,
    /// FIFO, as the executors' work queues hand them out.
    pub pending: Vec<PendingJob>,
}

impl Pool {
    /// Folds a thread or job event in; returns false for events that are not about threads.
    pub fn apply(&mut self, event: &Event) -> bool {
        match event {
            Event::ThreadStarted { thread, name } => self.threads.push(Thread {
                id: *thread,
                name: name.clone(),
                state: ThreadState::Idle,
                job: None,
            }),
            Event::ThreadRunning { thread } => self.set_state(*thread, ThreadState::Running),
            Event::ThreadSleeping { thread, until } => self.set_state(*thread, ThreadState::Sleeping { until: *until }),
            Event::ThreadIdle { thread } => self.set_state(*thread, ThreadState::Idle),
            Event::JobSubmitted { job, label, executor } => {
                self.pending.push(PendingJob { id: *job, label: label.clone(), executor: executor.clone() })
            }
            Event::JobStarted { job, thread, label } => {
                self.pending.retain(|j| j.id != *job);
                if let Some(t) = self.thread_mut(*thread) {
                    t.job = Some(label.clone());
                }
            }
            Event::JobDone { thread, .. } => {
                if let Some(t) = self.thread_mut(*thread) {
                    t.job = None;
                }
            }
            _ => return false,
        }
        true
    }

    fn thread_mut(&mut self, id: u64) -> Option<&mut Thread> {
        self.threads.iter_mut().find(|t| t.id == id)
    }

    fn set_state(&mut self, id: u64, state: ThreadState) {
        if let Some(t) = self.thread_mut(id) {
            t.state = state;
        }
    }

    /// Threads worth showing: those with a job, or not idle.
    pub fn busy(&self) -> impl Iterator<Item = &Thread> {
        self.threads.iter().filter(|t| t.job.is_some() || t.state != ThreadState::Idle)
    }
}
