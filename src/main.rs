fn main() {
    GLOBAL.activate();
    std::process::exit(aiotutor::cli::main());
}

// Small objects dominate (tasks, futures, frames, handles): mimalloc packs them tightly
// and allocates them fast. `Counting` keeps the per-thread count the memory budget uses.
#[global_allocator]
static GLOBAL: aiotutor::engine::alloc::Counting<mimalloc::MiMalloc> = aiotutor::engine::alloc::Counting(mimalloc::MiMalloc);
