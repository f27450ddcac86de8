fn main() {
    std::process::exit(aiotutor::cli::main());
}

// Small objects dominate (tasks, futures, frames, handles): mimalloc packs them tightly
// and allocates them fast.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
