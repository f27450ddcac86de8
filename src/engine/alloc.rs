//! Memory accounting for the memory budget (`Limits::max_alloc`).
//!
//! `Counting` wraps the global allocator and keeps, per thread, the bytes allocated
//! minus the bytes freed there. A program runs on an engine thread of its own, so that
//! count is the program's memory: the VM compares it with the budget before large
//! allocations and every few thousand instructions, and raises `MemoryError` as CPython
//! does when `malloc` fails. (When the binary does not install `Counting` — some tests
//! and tools — only the checks of single large allocations apply.)

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};

thread_local! {
    /// Bytes allocated minus bytes freed on this thread (frees of memory allocated on
    /// another thread can drive it below zero).
    static LIVE: Cell<isize> = const { Cell::new(0) };
    /// Set while the engine works for the tool rather than the program (recording the
    /// trace): what it allocates and frees then is not the program's memory.
    static UNCOUNTED: Cell<bool> = const { Cell::new(false) };
}

/// Set once `Counting` has served an allocation: the counts mean something.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// A global allocator that counts live bytes per thread, delegating to `A`.
pub struct Counting<A>(pub A);

#[inline]
fn add(delta: isize) {
    // Const-initialized and without a destructor: usable at any point of a thread's life.
    if UNCOUNTED.with(Cell::get) {
        return;
    }
    LIVE.with(|c| c.set(c.get().wrapping_add(delta)));
}

/// `bytes` allocated on this thread now belong to the tool (they moved into the trace,
/// which lives on after the program): they no longer count as the program's.
pub fn forget(bytes: usize) {
    add(-(bytes as isize));
}

/// Run `f` without charging what it allocates to the program's memory budget. For the
/// tool's own records (the trace), which must be bounded by their own limit; memory
/// allocated in `f` must be freed outside the program's accounting too (on another
/// thread, or in another `uncounted` scope), as the trace is.
pub fn uncounted<T>(f: impl FnOnce() -> T) -> T {
    let was = UNCOUNTED.with(|c| c.replace(true));
    let r = f();
    UNCOUNTED.with(|c| c.set(was));
    r
}

// SAFETY: every method delegates to the wrapped allocator with the caller's arguments
// unchanged; the bookkeeping only touches a thread-local integer.
unsafe impl<A: GlobalAlloc> GlobalAlloc for Counting<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { self.0.alloc(layout) };
        if !p.is_null() {
            add(layout.size() as isize);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { self.0.alloc_zeroed(layout) };
        if !p.is_null() {
            add(layout.size() as isize);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { self.0.dealloc(ptr, layout) };
        add(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { self.0.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            add(new_size as isize - layout.size() as isize);
        }
        p
    }
}

impl<A> Counting<A> {
    /// Call once at start-up (from `main`) so that the budget checks trust the counts.
    pub fn activate(&self) {
        ACTIVE.store(true, Ordering::Relaxed);
    }
}

/// Bytes live on this thread now (0 when the counting allocator is not installed).
pub fn live_bytes() -> usize {
    if !ACTIVE.load(Ordering::Relaxed) {
        return 0;
    }
    LIVE.with(|c| c.get()).max(0) as usize
}
