//! Simulated threads: a thread is a frame stack of its own, run in slices of the shared
//! VM (the frames are swapped in), so the host can interleave threads the way the GIL
//! does, at instruction boundaries.

use super::super::value::{Args, Value};
use super::call::CallOutcome;
use super::dispatch::RunOutcome;
use super::{ExitMode, Frame, PyResult, Vm};

/// How one slice of a thread ended.
pub enum SliceOutcome {
    /// The thread's job finished (its function returned or raised).
    Finished(PyResult<Value>),
    /// The slice's budget ran out, or the thread blocked (`time.sleep`): resume later.
    Preempted,
}

/// A thread's own execution state.
#[derive(Default)]
pub struct ThreadFrames {
    pub frames: Vec<Box<Frame>>,
    /// Ticks its current job has used.
    pub job_ticks: u64,
}

impl Vm {
    /// Start a job on a thread: Python functions get a frame (run by `run_slice`);
    /// natives and other callables run at once.
    pub fn start_job(&mut self, thread: &mut ThreadFrames, func: Value, args: Args) -> Option<SliceOutcome> {
        thread.job_ticks = 0;
        // A native job runs to completion here; a blocking call inside it must not
        // preempt whoever runs next.
        let saved = self.preempt_at;
        let started = self.start_call(func, args);
        self.preempt_at = saved;
        self.update_check();
        match started {
            Ok(CallOutcome::Frame(mut frame)) => {
                frame.exit = ExitMode::Base;
                thread.frames.push(frame);
                None
            }
            Ok(CallOutcome::Value(v)) => Some(SliceOutcome::Finished(Ok(v))),
            Err(e) => Some(SliceOutcome::Finished(Err(e))),
        }
    }

    /// Run a thread's frames for at most `budget` ticks.
    pub fn run_slice(&mut self, thread: &mut ThreadFrames, budget: u64) -> SliceOutcome {
        if thread.frames.is_empty() {
            return SliceOutcome::Finished(Ok(Value::None));
        }
        std::mem::swap(&mut self.frames, &mut thread.frames);
        let saved = (self.preempt_at, self.slice_depth, self.work_start, self.in_callback);
        // A thread's job blocks no event loop, however long it runs.
        self.in_callback = false;
        self.preempt_at = self.ticks.saturating_add(budget);
        self.slice_depth = self.native_depth;
        self.work_start = self.ticks - thread.job_ticks;
        self.update_check();
        let outcome = self.run_from_bottom();
        thread.job_ticks = self.ticks - self.work_start;
        (self.preempt_at, self.slice_depth, self.work_start, self.in_callback) = saved;
        self.update_check();
        let result = match outcome {
            Ok(RunOutcome::Preempted) => SliceOutcome::Preempted,
            Ok(RunOutcome::Return(v)) => SliceOutcome::Finished(Ok(v)),
            Ok(_) => SliceOutcome::Finished(Ok(Value::None)),
            Err(e) => SliceOutcome::Finished(Err(e)),
        };
        std::mem::swap(&mut self.frames, &mut thread.frames);
        if matches!(result, SliceOutcome::Finished(_)) {
            thread.frames.clear();
        }
        result
    }

    /// End the running slice at the next instruction (the thread blocked).
    pub fn request_preempt(&mut self) {
        self.preempt_at = self.ticks;
        self.update_check();
    }
}
