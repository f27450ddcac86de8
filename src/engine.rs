//! The Python front-end, compiler and bytecode VM.
//!
//! `source → lower (ruff's parser → our AST) → symtable → compile → bytecode → vm`.
//! What the VM cannot answer itself (asyncio, time, output) it asks its `Host`.

pub mod ast;
pub mod alloc;
pub mod asyncgen;
pub mod builtins;
pub mod bytecode;
pub mod compile;
pub mod error;
pub mod format;
pub mod lower;
pub mod prescan;
pub mod source;
pub mod stack;
pub mod symtable;
pub mod text;
pub mod traceback;
pub mod unawaited;
pub mod value;
pub mod vm;

use std::rc::Rc;

pub use error::{CompileError, CompileErrorKind};
pub use source::SourceFile;

/// Parse and compile a script.
pub fn compile_source(src: &Rc<SourceFile>) -> Result<Rc<bytecode::Code>, CompileError> {
    let module = lower::parse_module(src)?;
    compile::compile_module(&module, src.clone())
}
