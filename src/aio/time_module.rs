//! The `time` module, on the virtual clock. `time.sleep` blocks the loop: the clock
//! moves, nothing else runs, and the trace records the blocked span.

use std::rc::Rc;

use crate::engine::value::number::as_number;
use crate::engine::value::types::class_name;
use crate::engine::value::{ExcKind, Module, NativeFunction, Value};
use crate::engine::vm::{PyErr, PyResult, Vm};
use crate::trace::{Event, Level};

use super::Runtime;

pub fn make_time_module(rt: &Rc<Runtime>) -> Value {
    let m = Module::new("time");
    for name in ["time", "monotonic", "perf_counter", "process_time", "thread_time"] {
        let rt = rt.clone();
        m.set(name, NativeFunction::new(name, "time", move |vm, _args| Ok(Value::Float(rt.now_for_code(vm)))));
    }
    for name in ["time_ns", "monotonic_ns", "perf_counter_ns"] {
        let rt = rt.clone();
        m.set(
            name,
            NativeFunction::new(name, "time", move |vm, _args| Ok(Value::Int((rt.now_for_code(vm) * 1e9).round() as i64))),
        );
    }
    let rt2 = rt.clone();
    m.set(
        "sleep",
        NativeFunction::new("sleep", "time", move |vm, args| {
            let Some(v) = args.pos.first() else {
                return Err(PyErr::type_error("time.sleep() takes exactly one argument (0 given)"));
            };
            let secs = match as_number(v) {
                Some(n) => timeout_seconds(&n)?,
                None => {
                    return Err(PyErr::type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        class_name(v)
                    )))
                }
            };
            if secs < 0.0 {
                return Err(PyErr::new(ExcKind::ValueError, "sleep length must be non-negative"));
            }
            // The reason reads as the code does: `time.sleep(1)`, not `time.sleep(1.0)`.
            let shown = match v {
                Value::Float(f) => crate::engine::format::float_repr::float_repr(*f),
                other => vm.repr(other)?,
            };
            blocking_sleep(&rt2, vm, secs, &format!("time.sleep({shown})"))?;
            Ok(Value::None)
        }),
    );
    Value::Module(m)
}

/// A blocking call holds its thread for `secs` (releasing the GIL). On a worker only that
/// worker waits; on the loop thread the whole loop is frozen, which the trace records
/// with `reason` (the call as written: `time.sleep(0.1)`).
pub fn blocking_sleep(rt: &Rc<Runtime>, vm: &mut Vm, secs: f64, reason: &str) -> PyResult<()> {
    rt.sync_cpu(vm);
    if rt.process_sleep(secs) {
        return Ok(());
    }
    if let Some(worker) = rt.world().current_worker() {
        let until = rt.now() + secs;
        rt.world().worker_sleeps(vm, &worker, until);
        return Ok(());
    }
    let from = rt.now();
    rt.world().loop_sleeps(rt, vm, secs)?;
    let to = rt.now();
    record_blocked(rt, vm, from, to, reason);
    Ok(())
}

/// The loop thread was blocked from `from` to `to` by `reason` (at the running line).
pub fn record_blocked(rt: &Rc<Runtime>, vm: &Vm, from: f64, to: f64, reason: &str) {
    if !rt.traces(Level::Full) {
        return;
    }
    let (file, line) = match vm.frames.last() {
        Some(f) => (f.code.source.name.clone(), f.line()),
        None => (String::new(), 0),
    };
    rt.record(Level::Full, || Event::LoopBlocked { from, to, reason: reason.to_string(), file, line });
}

/// CPython's `_PyTime_FromSecondsObject`: the value must fit in a 64-bit count of
/// nanoseconds (about 292 years), and NaN is no length of time.
fn timeout_seconds(n: &crate::engine::value::number::Num) -> PyResult<f64> {
    use crate::engine::value::number::Num;
    const NS: f64 = 1e9;
    match n {
        Num::Float(f) => {
            if f.is_nan() {
                return Err(PyErr::new(ExcKind::ValueError, "Invalid value NaN (not a number)"));
            }
            let ns = (f * NS).ceil();
            if !(ns >= -(2f64.powi(63)) && ns < 2f64.powi(63)) {
                return Err(PyErr::new(ExcKind::OverflowError, "timestamp out of range for platform time_t"));
            }
            Ok(*f)
        }
        Num::Int(i) if i.checked_mul(1_000_000_000).is_some() => Ok(*i as f64),
        _ => Err(PyErr::new(ExcKind::OverflowError, "timestamp too large to convert to C _PyTime_t")),
    }
}
