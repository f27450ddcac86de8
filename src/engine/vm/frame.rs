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
    /// The fast locals (`code.nlocals()` slots, `Value::Undefined` when unbound),
    /// followed by the value stack: one allocation per frame.
    pub stack: Vec<Value>,
    /// Cell variables, then free variables.
    pub cells: Vec<Rc<RefCell<Value>>>,
    pub globals: Globals,
    /// The generator or coroutine that owns this frame.
    pub owner: Option<Rc<Generator>>,
    pub exit: ExitMode,
    /// The source line last reported to the host (line tracing).
    pub last_line: u32,
    /// State most frames never need, allocated on first use (keeps frames small:
    /// 100,000 suspended tasks are 100,000 frames).
    extra: Option<Box<FrameExtra>>,
}

#[derive(Default)]
struct FrameExtra {
    blocks: Vec<Block>,
    /// Exceptions currently being handled in this frame, innermost last.
    handling: Vec<Value>,
    /// An exception to throw into the awaitable at the `YieldFrom` this frame resumes at.
    pending_throw: Option<Value>,
    /// Class bodies: the namespace being filled (`LoadName`/`StoreName`).
    namespace: Option<Globals>,
}

impl Frame {
    pub fn new(code: Rc<Code>, globals: Globals, namespace: Option<Globals>) -> Box<Frame> {
        let nlocals = code.nlocals();
        let ncells = code.cellvars.len();
        let mut stack = Vec::with_capacity(nlocals + 4);
        stack.resize(nlocals, Value::Undefined);
        Box::new(Frame {
            stack,
            cells: (0..ncells).map(|_| Rc::new(RefCell::new(Value::Undefined))).collect(),
            globals,
            owner: None,
            exit: ExitMode::Call,
            last_line: 0,
            extra: namespace.map(|ns| Box::new(FrameExtra { namespace: Some(ns), ..Default::default() })),
            ip: 0,
            code,
        })
    }

    fn extra_mut(&mut self) -> &mut FrameExtra {
        self.extra.get_or_insert_with(Default::default)
    }

    pub fn push_block(&mut self, b: Block) {
        self.extra_mut().blocks.push(b);
    }

    pub fn pop_block(&mut self) -> Option<Block> {
        self.extra.as_mut()?.blocks.pop()
    }

    pub fn push_handling(&mut self, exc: Value) {
        self.extra_mut().handling.push(exc);
    }

    pub fn pop_handling(&mut self) {
        if let Some(x) = self.extra.as_mut() {
            x.handling.pop();
        }
    }

    /// The innermost exception this frame is handling.
    pub fn handling(&self) -> Option<&Value> {
        self.extra.as_ref()?.handling.last()
    }

    pub fn set_pending_throw(&mut self, exc: Value) {
        self.extra_mut().pending_throw = Some(exc);
    }

    pub fn take_pending_throw(&mut self) -> Option<Value> {
        self.extra.as_mut()?.pending_throw.take()
    }

    pub fn namespace(&self) -> Option<&Globals> {
        self.extra.as_ref()?.namespace.as_ref()
    }

    pub fn set_namespace(&mut self, ns: Globals) {
        self.extra_mut().namespace = Some(ns);
    }

    /// The fast locals (for the UI and `super()`).
    pub fn locals(&self) -> &[Value] {
        &self.stack[..self.code.nlocals().min(self.stack.len())]
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
