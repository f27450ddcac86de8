//! asyncio's higher layers (TaskGroup, timeouts, wait, locks, queues...): installed into
//! the `asyncio` module.

use std::rc::Rc;

use crate::engine::value::Module;

use super::Runtime;

pub fn install(_m: &Module, _rt: &Rc<Runtime>) {}
