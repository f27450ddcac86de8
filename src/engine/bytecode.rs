//! The instruction set and code objects the compiler emits and the VM runs.
//!
//! Close to CPython's own bytecode where that helps a reader, with a classic block stack
//! (`SetupExcept` / `PopBlock`) for exception handling, and `finally` bodies duplicated by
//! the compiler on each exit path as CPython 3.9+ does.

use std::cell::Cell;
use std::rc::Rc;

use super::ast::{BinOp, CmpOp, UnaryOp};
use super::source::SourceFile;
use super::value::Value;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Op {
    Nop,
    Pop,
    /// Duplicate the top of stack.
    Dup,
    /// Duplicate the top two values (`a b` → `a b a b`).
    Dup2,
    /// Swap the two top values.
    Rot2,
    /// `a b c` → `c a b` (top moves two down).
    Rot3,
    /// `a b c d` → `d a b c`.
    Rot4,

    LoadConst(u32),
    LoadFast(u32),
    StoreFast(u32),
    DeleteFast(u32),
    /// Cells: indexes into cellvars followed by freevars.
    LoadDeref(u32),
    StoreDeref(u32),
    DeleteDeref(u32),
    /// Push the cell itself (to build a closure).
    LoadClosure(u32),
    /// Class body reading a free variable: namespace first, then the cell.
    LoadClassDeref(u32),
    LoadGlobal(u32),
    StoreGlobal(u32),
    DeleteGlobal(u32),
    /// Module and class bodies: namespace, then globals, then builtins.
    LoadName(u32),
    StoreName(u32),
    DeleteName(u32),
    LoadAttr(u32),
    StoreAttr(u32),
    DeleteAttr(u32),
    /// `obj.name(args...)`: stack `obj arg1..argN` → result. Operand: name index << 8 | argc.
    CallMethod(u32),

    Binary(BinOp),
    Inplace(BinOp),
    Unary(UnaryOp),
    Compare(CmpOp),
    Subscr,
    StoreSubscr,
    DeleteSubscr,
    BuildSlice(u32),

    BuildTuple(u32),
    BuildList(u32),
    BuildSet(u32),
    BuildMap(u32),
    /// Concatenate N strings (f-strings).
    BuildString(u32),
    /// Comprehension appends: the operand is the depth of the target below the value.
    ListAppend(u32),
    SetAdd(u32),
    MapAdd(u32),
    ListExtend(u32),
    SetUpdate(u32),
    DictUpdate(u32),
    /// `**kwargs` into a call's keyword dict: duplicate keys raise TypeError.
    DictMerge(u32),
    ListToTuple,
    UnpackSequence(u32),
    /// Starred unpacking: operand = before | after << 8.
    UnpackEx(u32),
    /// f-string field: bits 0-1 conversion (0 none, 1 str, 2 repr, 3 ascii), bit 2 has spec.
    FormatValue(u32),

    Jump(u32),
    PopJumpIfFalse(u32),
    PopJumpIfTrue(u32),
    JumpIfFalseOrPop(u32),
    JumpIfTrueOrPop(u32),
    GetIter,
    /// Next item of the iterator on top, or pop it and jump when exhausted.
    ForIter(u32),
    GetAIter,
    /// Push the awaitable for the next item of the async iterator on top.
    GetANext,
    /// After `await anext()`: on StopAsyncIteration, pop the iterator and jump.
    /// Compiled as a handler block; see compile/stmt.rs.
    EndAsyncFor,

    /// Stack: [defaults tuple] [kwdefaults dict] [closure tuple] code → function.
    /// Flags: 1 defaults, 2 kwdefaults, 8 closure.
    MakeFunction(u32),
    /// `f(a, b)`: stack `f a b` → result.
    Call(u32),
    /// `f(a, k=b)`: stack `f a b ('k',)` → result; operand = total argument count.
    CallKw(u32),
    /// `f(*args, **kw)`: stack `f args_tuple [kwargs_dict]`; operand 1 = has kwargs.
    CallEx(u32),
    ReturnValue,
    YieldValue,
    /// Turn the top of stack into something `YieldFrom` can drive (`__await__`).
    /// Operand 1: `await` (coroutines must be awaited, not iterated).
    GetAwaitable(u32),
    /// Turn the top of stack into an iterator for `yield from`.
    GetYieldFromIter,
    /// Stack `awaitable value` → result: delegate to the awaitable until it returns.
    YieldFrom,

    /// Push a handler block: on an exception jump to the operand with the stack
    /// restored to its current depth and the exception pushed.
    SetupExcept(u32),
    /// `with`: like `SetupExcept`, but the handler's depth leaves out the `__enter__`
    /// result on top, which the target store pops inside the protected region.
    SetupWith(u32),
    PopBlock,
    /// Leave an except handler: restore the previously handled exception.
    PopExcept,
    /// Re-raise the exception on top of the stack (end of a finally or unmatched handlers).
    Reraise,
    /// `raise` (0), `raise exc` (1), `raise exc from cause` (2).
    Raise(u32),
    /// Stack `exc type` → `exc bool`.
    CheckExcMatch,
    /// `except*`: stack `eg type` → `rest match` (match is None when nothing matched).
    CheckEgMatch,
    /// End of an `except*` group: stack `orig rest raised_list` → re-raise what is left.
    PrepReraiseStar,
    /// Push the innermost currently-handled exception (for bare `raise` in except*).
    PushExcInfo,

    /// Stack `cm` → `exit cm.__enter__()`.
    BeforeWith,
    /// Stack `cm` → `aexit awaitable(cm.__aenter__())`.
    BeforeAsyncWith,
    /// Stack `exit exc` → `exit exc result-of-exit(type, exc, tb)`.
    WithExceptStart,
    /// Stack `exit` → call `exit(None, None, None)` and push its result.
    CallExitNone,

    ImportName(u32),
    ImportFrom(u32),
    /// Stack `ns_func name bases_tuple kw_dict` → class. Builds the class like `__build_class__`.
    BuildClass,
    LoadAssertionError,
    /// Store the function at the top into the class being built's `__class__` cell.
    /// (Used by class bodies that define methods calling zero-argument super().)
    StoreClassCell(u32),
}

/// Code-object flags.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CodeFlags {
    pub is_generator: bool,
    pub is_coroutine: bool,
    pub is_async_generator: bool,
    pub has_varargs: bool,
    pub has_varkw: bool,
    /// A module or class body: names go through the namespace (`LoadName`).
    pub uses_namespace: bool,
}

#[derive(Debug)]
pub struct Code {
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    pub ops: Vec<Op>,
    /// Source line of each instruction.
    pub lines: Vec<u32>,
    /// Source byte offset of each instruction (column info for tracebacks and the UI).
    pub offsets: Vec<u32>,
    pub consts: Vec<Value>,
    pub names: Vec<Rc<str>>,
    pub varnames: Vec<Rc<str>>,
    pub cellvars: Vec<Rc<str>>,
    pub freevars: Vec<Rc<str>>,
    /// For each cellvar that is also a parameter: (cell index, parameter slot).
    pub cell_params: Vec<(u32, u32)>,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: CodeFlags,
    /// Parameter annotations as written (`("item_id", "int")`); never evaluated.
    pub annotations: Vec<(Rc<str>, Rc<str>)>,
    pub source: Rc<SourceFile>,
    pub first_line: u32,
    /// Inline caches, one per name: where `LoadGlobal` found it, and where a module
    /// attribute lives (valid while the namespace's version is unchanged).
    pub global_cache: Vec<Cell<GlobalCache>>,
    pub attr_cache: Vec<Cell<AttrCache>>,
    /// Frames entered so far, up to `WARM_AFTER` (CPython 3.11 specializes a code
    /// object's instructions once it has run this often; some specialized calls skip
    /// the recursion check, which decides where a `RecursionError` strikes).
    pub warmup: Cell<u8>,
}

/// Entries after which CPython 3.11 quickens a code object (`QUICKENING_WARMUP_DELAY`).
pub const WARM_AFTER: u8 = 8;

impl Code {
    pub fn warm_up(&self) {
        let n = self.warmup.get();
        if n < WARM_AFTER {
            self.warmup.set(n + 1);
        }
    }

    /// Quickened: its calls of fast built-ins are specialized.
    pub fn is_warm(&self) -> bool {
        self.warmup.get() >= WARM_AFTER
    }
}

/// Where a global was last found.
#[derive(Debug, Clone, Copy, Default)]
pub struct GlobalCache {
    pub globals_version: u64,
    /// Non-zero when the name lives in builtins (it was absent from globals).
    pub builtins_version: u64,
    pub slot: u32,
}

/// Where a module attribute was last found.
#[derive(Debug, Clone, Copy, Default)]
pub struct AttrCache {
    pub version: u64,
    pub slot: u32,
}

impl Code {
    pub fn line_at(&self, ip: usize) -> u32 {
        self.lines.get(ip).copied().unwrap_or(self.first_line)
    }

    pub fn nlocals(&self) -> usize {
        self.varnames.len()
    }

    pub fn ncells(&self) -> usize {
        self.cellvars.len() + self.freevars.len()
    }

    /// Number of parameter slots (positional, keyword-only, *args, **kwargs).
    pub fn total_params(&self) -> usize {
        (self.argcount + self.kwonlyargcount) as usize
            + self.flags.has_varargs as usize
            + self.flags.has_varkw as usize
    }
}
