//! Bytes → a Python script → a run on the asyncio model with small budgets, as
//! `aiotutor run FILE` does it (`decode_script`, then `run_source`). See `oracle.rs`.
#![no_main]

mod oracle;

// The binary's memory accounting (`main.rs` wraps mimalloc the same way), so that the
// memory budget sees what the program allocates.
#[global_allocator]
static GLOBAL: aiotutor::engine::alloc::Counting<std::alloc::System> = aiotutor::engine::alloc::Counting(std::alloc::System);

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    GLOBAL.activate();
    oracle::python(data);
});
