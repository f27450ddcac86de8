//! Bytes → a lesson, or an error located in the file, through the reader `aiotutor
//! check` and the app use (`decode_lesson`, then `load_str`); a lesson that loads is
//! checked with its programs run on small budgets. See `oracle.rs`.
#![no_main]

mod oracle;

#[global_allocator]
static GLOBAL: aiotutor::engine::alloc::Counting<std::alloc::System> = aiotutor::engine::alloc::Counting(std::alloc::System);

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    GLOBAL.activate();
    oracle::lesson(data);
});
