//! How much native stack the engine thread has left.
//!
//! Python-level recursion is bounded by the recursion limit, but some natives recurse
//! over data (an iterator wrapping an iterator wrapping..., a tuple nested a million
//! deep): those check `low()` and raise `RecursionError` instead of overflowing.

use std::cell::Cell;

thread_local! {
    /// Stack addresses below this are off limits (0: not set on this thread).
    static FLOOR: Cell<usize> = const { Cell::new(0) };
}

/// Roughly the current stack pointer.
#[inline(never)]
fn stack_pointer() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// Allow the code running on this thread `bytes` more of stack from here (the engine
/// thread calls this first, with most of its stack; others get a small default).
pub fn set_budget(bytes: usize) {
    FLOOR.with(|f| f.set(stack_pointer().saturating_sub(bytes)));
}

/// Give this thread a conservative budget if nobody set one.
pub fn ensure_budget(bytes: usize) {
    if FLOOR.with(|f| f.get()) == 0 {
        set_budget(bytes);
    }
}

/// Is the stack nearly used up?
#[inline]
pub fn low() -> bool {
    let floor = FLOOR.with(|f| f.get());
    floor != 0 && stack_pointer() < floor
}
