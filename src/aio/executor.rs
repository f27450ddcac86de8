//! Executors and threads: `run_in_executor`, `to_thread`, thread pools in virtual time.

use std::rc::Rc;

use crate::engine::value::Module;

use super::Runtime;

pub fn register(_m: &Module, _rt: &Rc<Runtime>) {}
