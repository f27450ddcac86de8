//! `RuntimeWarning: coroutine 'f' was never awaited`, printed where CPython prints it.
//!
//! CPython warns when a coroutine that never ran is freed (`_PyGen_Finalize`), naming
//! the line running at that moment: the `f()` statement that dropped it, the caller of
//! a function whose local it was, asyncio's `events.py` when a task's frame let it go,
//! and `sys:1` for what lives until the interpreter exits. A coroutine caught in a
//! traceback lives as long as the traceback; we keep those to the exit too.
//!
//! A value is freed deep inside some `drop`, where the VM is out of reach, so `drop`
//! only notes the name here; the VM prints the notes at the next point that knows where
//! it is (`Vm::warn_unawaited` and friends). The warnings module's registry prints each
//! message once per location (`__warningregistry__`).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::value::Value;
use super::vm::Vm;

thread_local! {
    /// Some coroutine was freed unawaited since the last flush.
    static PENDING: Cell<bool> = const { Cell::new(false) };
    /// Their qualified names, in the order they were freed.
    static FREED: RefCell<Vec<Rc<str>>> = const { RefCell::new(Vec::new()) };
    /// Freed while an exception propagated: held by its traceback until the exit.
    static HELD: RefCell<Vec<Rc<str>>> = const { RefCell::new(Vec::new()) };
}

/// A coroutine that never ran was freed (called from its `drop`).
pub(crate) fn note(qualname: Rc<str>) {
    // `try_with`: values may be freed while the thread's locals are torn down.
    let _ = FREED.try_with(|f| {
        if let Ok(mut f) = f.try_borrow_mut() {
            f.push(qualname);
            PENDING.with(|p| p.set(true));
        }
    });
}

/// Whether a note waits to be printed (cheap: for the VM's hot paths).
#[inline]
pub(crate) fn pending() -> bool {
    PENDING.with(|p| p.get())
}

/// Whether dropping `v` may free a coroutine: the VM looks for notes after dropping
/// one of these (a Python coroutine, or a native one such as `asyncio.sleep()`'s).
#[inline(always)]
pub(crate) fn may_be_coroutine(v: &Value) -> bool {
    matches!(v, Value::Generator(_) | Value::Object(_))
}

/// An exception starts to propagate: what was just freed belongs to its traceback.
pub(crate) fn hold() {
    if pending() {
        let freed = take(&FREED);
        HELD.with(|h| h.borrow_mut().extend(freed));
    }
}

/// Forget every note (a new program starts on this thread).
pub(crate) fn reset() {
    take(&FREED);
    take(&HELD);
}

fn take(list: &'static std::thread::LocalKey<RefCell<Vec<Rc<str>>>>) -> Vec<Rc<str>> {
    PENDING.with(|p| p.set(false));
    list.with(|l| std::mem::take(&mut *l.borrow_mut()))
}

/// Where a warning is reported: `file:line` and the source line shown under it.
struct Place {
    file: Rc<str>,
    line: u32,
    source: String,
}

impl Vm {
    /// Print pending warnings at the running Python line.
    pub(crate) fn warn_unawaited(&mut self) {
        if !pending() {
            return;
        }
        let place = match self.frames.last() {
            Some(f) => {
                let line = f.line();
                let source = f.code.source.line_text(line).trim().to_string();
                Place { file: Rc::from(f.code.source.name.as_str()), line, source }
            }
            None => return self.warn_unawaited_at_exit(),
        };
        self.print_unawaited(take(&FREED), Some(place));
    }

    /// Print pending warnings from inside the loop, outside any Python frame: CPython
    /// names the line of `Handle._run` that ran the callback.
    pub fn warn_unawaited_in_loop(&mut self) {
        if pending() {
            let place = Place {
                file: Rc::from("asyncio/events.py"),
                line: 80,
                source: "self._context.run(self._callback, *self._args)".into(),
            };
            self.print_unawaited(take(&FREED), Some(place));
        }
    }

    /// The program ended: everything still noted is reported as `sys:1`.
    pub fn warn_unawaited_at_exit(&mut self) {
        let mut names = take(&HELD);
        names.extend(take(&FREED));
        self.print_unawaited(names, None);
    }

    fn print_unawaited(&mut self, names: Vec<Rc<str>>, place: Option<Place>) {
        let (file, line) = match &place {
            Some(p) => (p.file.clone(), p.line),
            None => (Rc::from("sys"), 1),
        };
        let mut text = String::new();
        for name in names {
            let message = format!("coroutine '{name}' was never awaited");
            if !self.warning_registry.insert((file.clone(), line, message.clone())) {
                continue;
            }
            text.push_str(&format!("{file}:{line}: RuntimeWarning: {message}\n"));
            // At exit there is no source line, and `tracemalloc` cannot be imported any more.
            if let Some(p) = &place {
                if !p.source.is_empty() {
                    text.push_str(&format!("  {}\n", p.source));
                }
                text.push_str("RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n");
            }
        }
        if !text.is_empty() {
            let host = self.host.clone();
            host.write_stderr(self, &text);
        }
    }
}
