//! AST → bytecode. One `Unit` per code object being built (module, function, lambda,
//! comprehension, class body), with labels patched when the unit is finished.

mod expr;
mod scope;
mod stmt;

use std::collections::HashMap;
use std::rc::Rc;

use super::ast::*;
use super::bytecode::{Code, CodeFlags, Op};
use super::error::{CompileError, CompileErrorKind};
use super::source::SourceFile;
use super::symtable::{Resolved, ScopeKind, SymbolTable};
use super::value::Value;

pub fn compile_module(module: &Module, src: Rc<SourceFile>) -> Result<Rc<Code>, CompileError> {
    let table = SymbolTable::build(module)
        .map_err(|(span, message)| CompileError::at(&src, span.start, CompileErrorKind::Syntax, message))?;
    let mut c = Compiler { src, table, units: Vec::new() };
    c.push_unit(0, "<module>".into(), "<module>".into(), 0);
    c.stmts(&module.body)?;
    let none = c.const_none();
    c.emit(Op::LoadConst(none));
    c.emit(Op::ReturnValue);
    Ok(c.pop_unit(CodeFlags { uses_namespace: true, ..Default::default() }, 0, 0, 0))
}

/// A label: an index into `Unit::labels`, bound to an instruction address later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Label(u32);

/// What a `break`, `continue` or `return` must undo on its way out (CPython's fblocks).
#[derive(Clone)]
enum FBlock<'a> {
    /// A loop; `has_iter`: a `for` iterator sits on the stack.
    Loop { continue_to: Label, break_to: Label, has_iter: bool },
    /// Inside `try:` of a try/except (a handler block is active).
    TryExcept,
    /// Inside `try:` of a try/finally: the finally body runs on the way out.
    Finally { body: &'a [Stmt] },
    /// Inside the finally body on the exception path: the exception is on the stack.
    FinallyEnd,
    /// Inside an except handler; `name` is cleared on exit.
    Handler { name: Option<Name> },
    /// Inside a with body: the exit function sits on the stack.
    With { is_async: bool },
}

struct Unit<'a> {
    scope: usize,
    name: Rc<str>,
    qualname: Rc<str>,
    ops: Vec<Op>,
    offsets: Vec<u32>,
    labels: Vec<Option<u32>>,
    consts: Vec<Value>,
    names: Vec<Rc<str>>,
    name_index: HashMap<Rc<str>, u32>,
    fblocks: Vec<FBlock<'a>>,
    /// A function's parameter annotations, as source text.
    annotations: Vec<(Rc<str>, Rc<str>)>,
    /// Source offset stamped on emitted instructions.
    offset: u32,
    first_offset: u32,
    /// Where the innermost compound statement (or except clause) starts: where "too
    /// many statically nested blocks" points.
    block_at: u32,
}

struct Compiler<'a> {
    src: Rc<SourceFile>,
    table: SymbolTable,
    units: Vec<Unit<'a>>,
}

type R = Result<(), CompileError>;

impl<'a> Compiler<'a> {
    fn unit(&mut self) -> &mut Unit<'a> {
        self.units.last_mut().expect("a unit is always open while compiling")
    }

    fn unit_ref(&self) -> &Unit<'a> {
        self.units.last().expect("a unit is always open while compiling")
    }

    fn push_unit(&mut self, scope: usize, name: Rc<str>, qualname: Rc<str>, offset: u32) {
        self.units.push(Unit {
            scope,
            name,
            qualname,
            ops: vec![],
            offsets: vec![],
            labels: vec![],
            consts: vec![],
            names: vec![],
            name_index: HashMap::new(),
            fblocks: vec![],
            annotations: vec![],
            offset,
            first_offset: offset,
            block_at: offset,
        });
    }

    fn pop_unit(&mut self, flags: CodeFlags, argcount: u32, posonly: u32, kwonly: u32) -> Rc<Code> {
        let u = self.units.pop().expect("pop_unit matches push_unit");
        let scope = &self.table.scopes[u.scope];
        let mut ops = u.ops;
        for op in ops.iter_mut() {
            let resolve = |l: u32| u.labels[l as usize].expect("every label used is bound");
            *op = match *op {
                Op::Jump(l) => Op::Jump(resolve(l)),
                Op::PopJumpIfFalse(l) => Op::PopJumpIfFalse(resolve(l)),
                Op::PopJumpIfTrue(l) => Op::PopJumpIfTrue(resolve(l)),
                Op::JumpIfFalseOrPop(l) => Op::JumpIfFalseOrPop(resolve(l)),
                Op::JumpIfTrueOrPop(l) => Op::JumpIfTrueOrPop(resolve(l)),
                Op::ForIter(l) => Op::ForIter(resolve(l)),
                Op::SetupExcept(l) => Op::SetupExcept(resolve(l)),
                Op::SetupWith(l) => Op::SetupWith(resolve(l)),
                other => other,
            };
        }
        let lines = u.offsets.iter().map(|&o| self.src.line_of(o)).collect();
        let varnames = scope.varnames.clone();
        let cell_params = scope
            .cellvars
            .iter()
            .enumerate()
            .filter_map(|(ci, name)| {
                let pi = varnames.iter().position(|v| v == name)?;
                ((pi as u32) < argcount + kwonly + flags.has_varargs as u32 + flags.has_varkw as u32)
                    .then_some((ci as u32, pi as u32))
            })
            .collect();
        let ncache = u.names.len();
        Rc::new(Code {
            global_cache: vec![Default::default(); ncache],
            attr_cache: vec![Default::default(); ncache],
            warmup: std::cell::Cell::new(0),
            name: u.name,
            qualname: u.qualname,
            ops,
            lines,
            offsets: u.offsets,
            consts: u.consts,
            names: u.names,
            varnames,
            cellvars: scope.cellvars.clone(),
            freevars: scope.freevars.clone(),
            cell_params,
            argcount,
            posonlyargcount: posonly,
            kwonlyargcount: kwonly,
            flags,
            annotations: u.annotations,
            source: self.src.clone(),
            first_line: self.src.line_of(u.first_offset),
        })
    }

    fn emit(&mut self, op: Op) {
        let u = self.unit();
        u.ops.push(op);
        let off = u.offset;
        u.offsets.push(off);
    }

    /// Enter a block (CPython's `compiler_push_fblock`): at most `CO_MAXBLOCKS` (20) per
    /// code object, an except clause counting two (its handler and its cleanup), as in 3.11.
    fn push_fblock(&mut self, b: FBlock<'a>) -> R {
        const CO_MAXBLOCKS: usize = 20;
        let weight = |b: &FBlock| if matches!(b, FBlock::Handler { .. }) { 2 } else { 1 };
        let depth: usize = self.unit_ref().fblocks.iter().map(weight).sum::<usize>() + weight(&b);
        if depth > CO_MAXBLOCKS {
            let at = self.unit_ref().block_at;
            return Err(CompileError::at(&self.src, at, CompileErrorKind::Syntax, "too many statically nested blocks"));
        }
        self.unit().fblocks.push(b);
        Ok(())
    }

    fn set_loc(&mut self, span: Span) {
        self.unit().offset = span.start;
    }

    fn new_label(&mut self) -> Label {
        let u = self.unit();
        u.labels.push(None);
        Label(u.labels.len() as u32 - 1)
    }

    fn bind(&mut self, l: Label) {
        let u = self.unit();
        u.labels[l.0 as usize] = Some(u.ops.len() as u32);
    }

    fn add_const(&mut self, v: Value) -> u32 {
        let u = self.unit();
        u.consts.push(v);
        u.consts.len() as u32 - 1
    }

    fn const_none(&mut self) -> u32 {
        // Reuse an existing None constant.
        let u = self.unit_ref();
        if let Some(i) = u.consts.iter().position(|c| c.is_none()) {
            return i as u32;
        }
        self.add_const(Value::None)
    }

    fn load_const(&mut self, v: Value) {
        let i = match v {
            Value::None => self.const_none(),
            v => self.add_const(v),
        };
        self.emit(Op::LoadConst(i));
    }

    fn name_idx(&mut self, name: &str) -> u32 {
        let u = self.unit();
        if let Some(&i) = u.name_index.get(name) {
            return i;
        }
        let rc: Rc<str> = Rc::from(name);
        u.names.push(rc.clone());
        let i = u.names.len() as u32 - 1;
        u.name_index.insert(rc, i);
        i
    }

    fn scope_kind(&self) -> ScopeKind {
        self.table.scopes[self.unit_ref().scope].kind
    }

    fn resolve(&self, name: &str) -> Resolved {
        self.table.scopes[self.unit_ref().scope].lookup(name)
    }

    fn local_idx(&self, name: &str) -> u32 {
        let scope = &self.table.scopes[self.unit_ref().scope];
        scope.varnames.iter().position(|v| &**v == name).expect("locals are laid out by the symtable") as u32
    }

    fn deref_idx(&self, name: &str) -> u32 {
        let scope = &self.table.scopes[self.unit_ref().scope];
        if let Some(i) = scope.cellvars.iter().position(|v| &**v == name) {
            return i as u32;
        }
        let j = scope.freevars.iter().position(|v| &**v == name).expect("free names are laid out by the symtable");
        (scope.cellvars.len() + j) as u32
    }

    fn load_name(&mut self, name: &str) {
        let op = match self.resolve(name) {
            Resolved::Local => Op::LoadFast(self.local_idx(name)),
            Resolved::Cell | Resolved::Free if self.scope_kind() == ScopeKind::Class => {
                Op::LoadClassDeref(self.deref_idx(name))
            }
            Resolved::Cell | Resolved::Free => Op::LoadDeref(self.deref_idx(name)),
            Resolved::Global => Op::LoadGlobal(self.name_idx(name)),
            Resolved::Name => match self.scope_kind() {
                ScopeKind::Module => Op::LoadGlobal(self.name_idx(name)),
                _ => Op::LoadName(self.name_idx(name)),
            },
        };
        self.emit(op);
    }

    fn store_name(&mut self, name: &str) {
        let op = match self.resolve(name) {
            Resolved::Local => Op::StoreFast(self.local_idx(name)),
            Resolved::Cell | Resolved::Free => Op::StoreDeref(self.deref_idx(name)),
            Resolved::Global => Op::StoreGlobal(self.name_idx(name)),
            Resolved::Name => match self.scope_kind() {
                ScopeKind::Module => Op::StoreGlobal(self.name_idx(name)),
                _ => Op::StoreName(self.name_idx(name)),
            },
        };
        self.emit(op);
    }

    fn delete_name(&mut self, name: &str) {
        let op = match self.resolve(name) {
            Resolved::Local => Op::DeleteFast(self.local_idx(name)),
            Resolved::Cell | Resolved::Free => Op::DeleteDeref(self.deref_idx(name)),
            Resolved::Global => Op::DeleteGlobal(self.name_idx(name)),
            Resolved::Name => match self.scope_kind() {
                ScopeKind::Module => Op::DeleteGlobal(self.name_idx(name)),
                _ => Op::DeleteName(self.name_idx(name)),
            },
        };
        self.emit(op);
    }

    fn error(&self, span: Span, kind: CompileErrorKind, msg: impl Into<String>) -> CompileError {
        CompileError::at(&self.src, span.start, kind, msg)
    }

    fn in_function(&self) -> bool {
        self.scope_kind() == ScopeKind::Function
    }

    fn in_async_function(&self) -> bool {
        let scope = &self.table.scopes[self.unit_ref().scope];
        scope.kind == ScopeKind::Function && scope.is_coroutine
    }
}
