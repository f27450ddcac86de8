//! aiotutor: a terminal app that teaches how Python's asyncio really works.
//!
//! Layers (dependencies point one way):
//! - `engine`: Python subset front-end, compiler and bytecode VM;
//! - `aio`: CPython 3.11's asyncio modelled in virtual time (writes the trace);
//! - `stdlib`: other standard modules (`json`);
//! - `services`: simulated processes and services on that loop (FastAPI, uvicorn,
//!   httpx, requests, databases);
//! - `trace`: the recorded, observable state of the loop over time (the UI's contract);
//! - `cli`: the commands.

pub mod aio;
pub mod cli;
pub mod engine;
pub mod lessons;
pub mod program;
pub mod services;
pub mod stdlib;
pub mod trace;
pub mod tui;
