//! One activation of a code object.

use std::cell::RefCell;
use std::rc::Rc;

use super::super::bytecode::Code;
use super::super::value::{Generator, Globals, Value};

/// What happens to a frame's result when it returns or yields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitMode {
    /// Hand the result to the Rust caller that pushed this frame (the segment base).
    Base,
    /// A plain call: push the return value on the caller's stack.
    Call,
    /// The caller sits at `YieldFrom`, delegating to this generator or coroutine.
    YieldFrom,
    /// The caller sits at `ForIter`, iterating this generator.
    ForIter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// `SetupExcept`: jump to `handler` on an exception.
    Setup,
    /// Running an except/finally handler: the handled exception is on `Frame::handling`.
    Handler,
}

#[derive(Debug, Clone, Copy)]
pub struct Block {
    pub kind: BlockKind,
    pub handler: u32,
    /// Value-stack depth to restore before entering the handler.
    pub level: u32,
}

pub struct Frame {
    pub code: Rc<Code>,
    /// Index of the next instruction.
    pub ip: usize,
    pub stack: Vec<Value>,
    /// Fast locals; `Value::Undefined` means unbound.
    pub locals: Vec<Value>,
    /// Cell variables, then free variables.
    pub cells: Vec<Rc<RefCell<Value>>>,
    pub blocks: Vec<Block>,
    pub globals: Globals,
    /// Class bodies: the namespace being filled (`LoadName`/`StoreName`).
    pub namespace: Option<Globals>,
    /// Exceptions currently being handled in this frame, innermost last.
    pub handling: Vec<Value>,
    /// The generator or coroutine that owns this frame.
    pub owner: Option<Rc<Generator>>,
    pub exit: ExitMode,
    /// An exception to throw into the awaitable at the `YieldFrom` this frame resumes at.
    pub pending_throw: Option<Value>,
}

impl Frame {
    pub fn new(code: Rc<Code>, globals: Globals, namespace: Option<Globals>) -> Box<Frame> {
        let nlocals = code.nlocals();
        let ncells = code.cellvars.len();
        Box::new(Frame {
            stack: Vec::with_capacity(8),
            locals: vec![Value::Undefined; nlocals],
            cells: (0..ncells).map(|_| Rc::new(RefCell::new(Value::Undefined))).collect(),
            blocks: Vec::new(),
            globals,
            namespace,
            handling: Vec::new(),
            owner: None,
            exit: ExitMode::Call,
            pending_throw: None,
            ip: 0,
            code,
        })
    }

    pub fn line(&self) -> u32 {
        self.code.line_at(self.ip.saturating_sub(1))
    }

    #[inline]
    pub fn pop(&mut self) -> Value {
        self.stack.pop().expect("the compiler keeps the value stack balanced")
    }

    #[inline]
    pub fn top(&self) -> &Value {
        self.stack.last().expect("the compiler keeps the value stack balanced")
    }

    #[inline]
    pub fn peek(&self, depth: usize) -> &Value {
        &self.stack[self.stack.len() - depth]
    }
}
