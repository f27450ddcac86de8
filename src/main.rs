fn main() {
    GLOBAL.activate();
    std::process::exit(aiotutor::cli::main());
}

// Small objects dominate (tasks, futures, frames, handles): mimalloc packs them tightly
// and allocates them fast. `Counting` keeps the per-thread count the memory budget uses.
#[global_allocator]
static GLOBAL: aiotutor::engine::alloc::Counting<mimalloc::MiMalloc> = aiotutor::engine::alloc::Counting(mimalloc::MiMalloc);

/// mimalloc commits a whole arena up front on Linux (where memory is overcommitted
/// anyway), which shows up as ~8 MB of resident memory a run never touches: commit pages
/// as they are used instead. mimalloc reads its options in a constructor that runs before
/// `main` and reserves its first arena then, so this must run earlier still: an
/// `.init_array` entry with a priority below the default constructors'.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array.00099")]
static COMMIT_MEMORY_ON_USE: extern "C" fn() = commit_memory_on_use;

#[cfg(target_os = "linux")]
extern "C" fn commit_memory_on_use() {
    // SAFETY: runs before any thread exists (the option functions are not thread safe);
    // setting an option only writes mimalloc's static option table.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0) };
}

/// `mi_option_arena_eager_commit` in mimalloc.h (v2 and v3), which the bindings lack.
#[cfg(target_os = "linux")]
const MI_OPTION_ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
