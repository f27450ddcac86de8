//! Simulated services: the network between simulated processes, a FastAPI server under
//! uvicorn, the httpx and requests clients, databases, canned external APIs.
//!
//! They are Python modules (`services/py/*.py`, embedded) built on asyncio, threads and
//! a few native primitives (`_sim`, in `sim.rs`), so that a simulated server's requests
//! are real tasks on a real (modelled) loop, and its `def` endpoints real threads under
//! the GIL. Their sources are named `<aiotutor>/...`: machinery, hidden from the learner's
//! line events like asyncio's own prelude.

pub mod loader;
pub mod mailbox;
pub mod sim;

pub use loader::ServiceModules;
