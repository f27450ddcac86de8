//! Statements: assignment, control flow, try/except/finally, with, imports.

use super::super::ast::*;
use super::super::bytecode::Op;
use super::super::error::CompileErrorKind;
use super::{Compiler, FBlock, Label, R};

impl<'a> Compiler<'a> {
    pub(super) fn stmts(&mut self, body: &'a [Stmt]) -> R {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &'a Stmt) -> R {
        self.set_loc(s.span);
        if matches!(s.kind, StmtKind::While { .. } | StmtKind::For { .. } | StmtKind::With { .. } | StmtKind::Try { .. }) {
            self.unit().block_at = s.span.start;
        }
        match &s.kind {
            StmtKind::Expr(e) => {
                self.expr(e)?;
                self.emit(Op::Pop);
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit(Op::Dup);
                    }
                    self.assign(t)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value)?,
            StmtKind::AnnAssign { target, value } => {
                if let Some(v) = value {
                    self.expr(v)?;
                    self.assign(target)?;
                }
            }
            StmtKind::FunctionDef(f) => {
                self.function_def(f)?;
                self.store_name(&f.name);
            }
            StmtKind::ClassDef(c) => {
                self.class_def(c)?;
                self.store_name(&c.name);
            }
            StmtKind::Return(v) => self.return_stmt(s.span, v.as_ref())?,
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.delete(t)?;
                }
            }
            StmtKind::If { test, body, orelse } => {
                let else_l = self.new_label();
                let end = self.new_label();
                self.expr(test)?;
                self.emit(Op::PopJumpIfFalse(else_l.0));
                self.stmts(body)?;
                if !orelse.is_empty() {
                    self.emit(Op::Jump(end.0));
                }
                self.bind(else_l);
                self.stmts(orelse)?;
                self.bind(end);
            }
            StmtKind::While { test, body, orelse } => {
                let top = self.new_label();
                let else_l = self.new_label();
                let brk = self.new_label();
                self.bind(top);
                self.set_loc(test.span);
                self.expr(test)?;
                self.emit(Op::PopJumpIfFalse(else_l.0));
                self.loop_body(body, top, brk, false)?;
                self.emit(Op::Jump(top.0));
                self.bind(else_l);
                self.stmts(orelse)?;
                self.bind(brk);
            }
            StmtKind::For { is_async, target, iter, body, orelse } => {
                if *is_async {
                    self.async_for(s.span, target, iter, body, orelse)?;
                } else {
                    self.for_loop(target, iter, body, orelse)?;
                }
            }
            StmtKind::With { is_async, items, body } => {
                if *is_async && !self.in_async_function() {
                    return Err(self.error(s.span, CompileErrorKind::Syntax, "'async with' outside async function"));
                }
                self.with(*is_async, items, body)?;
            }
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.expr(e)?;
                    n = 1;
                    if let Some(c) = cause {
                        self.expr(c)?;
                        n = 2;
                    }
                }
                self.set_loc(s.span);
                self.emit(Op::Raise(n));
            }
            StmtKind::Try { body, handlers, orelse, finalbody, is_star } => {
                if finalbody.is_empty() {
                    self.try_except(body, handlers, orelse, *is_star)?;
                } else {
                    self.try_finally(body, handlers, orelse, finalbody, *is_star)?;
                }
            }
            StmtKind::Assert { test, msg } => {
                let ok = self.new_label();
                self.expr(test)?;
                self.emit(Op::PopJumpIfTrue(ok.0));
                self.emit(Op::LoadAssertionError);
                if let Some(m) = msg {
                    self.expr(m)?;
                    self.emit(Op::Call(1));
                }
                self.set_loc(s.span);
                self.emit(Op::Raise(1));
                self.bind(ok);
            }
            StmtKind::Import(names) => {
                for a in names {
                    self.set_loc(a.span);
                    let idx = self.name_idx(&a.name);
                    self.emit(Op::ImportName(idx));
                    match &a.asname {
                        Some(asname) => self.store_name(asname),
                        None => {
                            let top = a.name.split('.').next().unwrap_or(&a.name).to_string();
                            if top != *a.name {
                                self.emit(Op::Pop);
                                let i = self.name_idx(&top);
                                self.emit(Op::ImportName(i));
                            }
                            self.store_name(&top);
                        }
                    }
                }
            }
            StmtKind::ImportFrom { module, names } => {
                let idx = self.name_idx(module);
                self.emit(Op::ImportName(idx));
                for a in names {
                    self.set_loc(a.span);
                    if &*a.name == "*" {
                        return Err(self.error(a.span, CompileErrorKind::Unsupported, "'import *' is not supported yet"));
                    }
                    let i = self.name_idx(&a.name);
                    self.emit(Op::ImportFrom(i));
                    self.store_name(a.asname.as_ref().unwrap_or(&a.name));
                }
                self.emit(Op::Pop);
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) | StmtKind::Pass => {}
            StmtKind::Break => self.break_continue(s.span, true)?,
            StmtKind::Continue => self.break_continue(s.span, false)?,
        }
        Ok(())
    }

    fn loop_body(&mut self, body: &'a [Stmt], continue_to: Label, break_to: Label, has_iter: bool) -> R {
        self.push_fblock(FBlock::Loop { continue_to, break_to, has_iter })?;
        let r = self.stmts(body);
        self.unit().fblocks.pop();
        r
    }

    fn for_loop(&mut self, target: &'a Expr, iter: &'a Expr, body: &'a [Stmt], orelse: &'a [Stmt]) -> R {
        let top = self.new_label();
        let exhausted = self.new_label();
        let brk = self.new_label();
        self.expr(iter)?;
        self.emit(Op::GetIter);
        self.bind(top);
        self.set_loc(iter.span);
        self.emit(Op::ForIter(exhausted.0));
        self.assign(target)?;
        self.loop_body(body, top, brk, true)?;
        self.emit(Op::Jump(top.0));
        self.bind(exhausted);
        self.stmts(orelse)?;
        self.bind(brk);
        Ok(())
    }

    fn async_for(&mut self, span: Span, target: &'a Expr, iter: &'a Expr, body: &'a [Stmt], orelse: &'a [Stmt]) -> R {
        if !self.in_async_function() {
            return Err(self.error(span, CompileErrorKind::Syntax, "'async for' outside async function"));
        }
        let top = self.new_label();
        let stop = self.new_label();
        let brk = self.new_label();
        self.expr(iter)?;
        self.emit(Op::GetAIter);
        self.bind(top);
        self.set_loc(iter.span);
        self.anext_item(stop);
        self.assign(target)?;
        self.loop_body(body, top, brk, true)?;
        self.emit(Op::Jump(top.0));
        self.bind(stop);
        self.emit(Op::EndAsyncFor);
        self.stmts(orelse)?;
        self.bind(brk);
        Ok(())
    }

    /// `[aiter] → [aiter item]`, jumping to `stop` (with `[aiter exc]`) when the iterator ends.
    pub(super) fn anext_item(&mut self, stop: Label) {
        self.emit(Op::SetupExcept(stop.0));
        self.emit(Op::Dup);
        self.emit(Op::GetANext);
        self.emit_await_tail();
        self.emit(Op::PopBlock);
    }

    /// `awaitable → result`, once `GetAwaitable` has been emitted or is implied.
    pub(super) fn emit_await_tail(&mut self) {
        let none = self.const_none();
        self.emit(Op::LoadConst(none));
        self.emit(Op::YieldFrom);
    }

    pub(super) fn emit_await(&mut self) {
        self.emit(Op::GetAwaitable(1));
        self.emit_await_tail();
    }

    fn with(&mut self, is_async: bool, items: &'a [WithItem], body: &'a [Stmt]) -> R {
        let Some((first, rest)) = items.split_first() else {
            return self.stmts(body);
        };
        let exc = self.new_label();
        let suppress = self.new_label();
        let end = self.new_label();
        // The exit calls belong to the `with` line (as in CPython's tracebacks).
        let at = self.unit_ref().offset;
        self.expr(&first.context)?;
        if is_async {
            self.emit(Op::BeforeAsyncWith);
            self.emit_await();
        } else {
            self.emit(Op::BeforeWith);
        }
        // [exit enter_result]: the handler runs with [exit exc].
        self.emit(Op::SetupWith(exc.0));
        match &first.target {
            Some(t) => self.assign(t)?,
            None => self.emit(Op::Pop),
        }
        self.push_fblock(FBlock::With { is_async })?;
        let r = if rest.is_empty() { self.stmts(body) } else { self.with(is_async, rest, body) };
        self.unit().fblocks.pop();
        r?;
        self.unit().offset = at;
        self.emit(Op::PopBlock);
        self.call_exit_none(is_async);
        self.emit(Op::Jump(end.0));
        // Exception path: [exit exc]
        self.bind(exc);
        self.emit(Op::WithExceptStart);
        if is_async {
            self.emit_await();
        }
        self.emit(Op::PopJumpIfTrue(suppress.0));
        self.emit(Op::Reraise);
        self.bind(suppress);
        self.emit(Op::Pop);
        self.emit(Op::PopExcept);
        self.emit(Op::Pop);
        self.bind(end);
        Ok(())
    }

    /// `[exit] → []`: call `exit(None, None, None)` (awaiting it for async with).
    fn call_exit_none(&mut self, is_async: bool) {
        self.emit(Op::CallExitNone);
        if is_async {
            self.emit_await();
        }
        self.emit(Op::Pop);
    }

    fn try_except(&mut self, body: &'a [Stmt], handlers: &'a [Handler], orelse: &'a [Stmt], is_star: bool) -> R {
        let handler_l = self.new_label();
        let end = self.new_label();
        self.emit(Op::SetupExcept(handler_l.0));
        self.push_fblock(FBlock::TryExcept)?;
        let r = self.stmts(body);
        self.unit().fblocks.pop();
        r?;
        self.emit(Op::PopBlock);
        self.stmts(orelse)?;
        self.emit(Op::Jump(end.0));
        self.bind(handler_l);
        if is_star {
            self.star_handlers(handlers, end)?;
        } else {
            self.handlers(handlers, end)?;
        }
        self.bind(end);
        Ok(())
    }

    /// Stack on entry: `[exc]`, with a handler block active.
    fn handlers(&mut self, handlers: &'a [Handler], end: Label) -> R {
        for h in handlers {
            self.set_loc(h.span);
            self.unit().block_at = h.span.start;
            let next = self.new_label();
            if let Some(t) = &h.typ {
                // `CheckExcMatch` keeps the exception under its verdict.
                self.expr(t)?;
                self.emit(Op::CheckExcMatch);
                self.emit(Op::PopJumpIfFalse(next.0));
            }
            match &h.name {
                Some(n) => self.store_name(n),
                None => self.emit(Op::Pop),
            }
            self.push_fblock(FBlock::Handler { name: h.name.clone() })?;
            let r = self.stmts(&h.body);
            self.unit().fblocks.pop();
            r?;
            self.emit(Op::PopExcept);
            if let Some(n) = &h.name {
                self.clear_name(n);
            }
            self.emit(Op::Jump(end.0));
            self.bind(next);
            if h.typ.is_none() {
                break;
            }
        }
        self.emit(Op::Reraise);
        Ok(())
    }

    /// `except*`: each clause takes the matching part of the group; what is left (plus
    /// anything the clauses raised) is re-raised at the end. Stack on entry: `[eg]`.
    fn star_handlers(&mut self, handlers: &'a [Handler], end: Label) -> R {
        // Layout while matching: [orig rest raised_list]
        self.emit(Op::Dup);
        self.emit(Op::BuildList(0));
        for h in handlers {
            self.set_loc(h.span);
            let no_match = self.new_label();
            let after = self.new_label();
            let Some(t) = &h.typ else {
                return Err(self.error(h.span, CompileErrorKind::Syntax, "expected 'except' or 'finally' block"));
            };
            self.emit(Op::Rot2); // orig raised rest
            self.expr(t)?;
            self.emit(Op::CheckEgMatch); // orig raised rest match
            self.emit(Op::Dup);
            let none = self.const_none();
            self.emit(Op::LoadConst(none));
            self.emit(Op::Compare(CmpOp::Is));
            self.emit(Op::PopJumpIfTrue(no_match.0));
            match &h.name {
                Some(n) => self.store_name(n),
                None => self.emit(Op::Pop),
            } // orig raised rest
            let clause_exc = self.new_label();
            let clause_done = self.new_label();
            self.emit(Op::SetupExcept(clause_exc.0));
            self.push_fblock(FBlock::TryExcept)?;
            let r = self.stmts(&h.body);
            self.unit().fblocks.pop();
            r?;
            self.emit(Op::PopBlock);
            self.emit(Op::Jump(clause_done.0));
            // The clause raised: collect it. [orig raised rest exc]
            self.bind(clause_exc);
            self.emit(Op::ListAppend(2));
            self.emit(Op::PopExcept);
            self.bind(clause_done);
            if let Some(n) = &h.name {
                self.clear_name(n);
            }
            self.emit(Op::Jump(after.0));
            self.bind(no_match); // orig raised rest None
            self.emit(Op::Pop);
            self.bind(after); // orig raised rest
            self.emit(Op::Rot2); // orig rest raised
        }
        // Raises what is left, or consumes the three values when everything was handled.
        self.emit(Op::PrepReraiseStar);
        self.emit(Op::PopExcept);
        self.emit(Op::Jump(end.0));
        Ok(())
    }

    fn clear_name(&mut self, n: &Name) {
        self.load_const(super::super::value::Value::None);
        self.store_name(n);
        self.delete_name(n);
    }

    fn try_finally(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [Handler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
        is_star: bool,
    ) -> R {
        let exc = self.new_label();
        let end = self.new_label();
        self.emit(Op::SetupExcept(exc.0));
        self.push_fblock(FBlock::Finally { body: finalbody })?;
        let r = if handlers.is_empty() {
            self.stmts(body).and_then(|_| self.stmts(orelse))
        } else {
            self.try_except(body, handlers, orelse, is_star)
        };
        self.unit().fblocks.pop();
        r?;
        self.emit(Op::PopBlock);
        self.stmts(finalbody)?;
        self.emit(Op::Jump(end.0));
        self.bind(exc);
        self.push_fblock(FBlock::FinallyEnd)?;
        let r = self.stmts(finalbody);
        self.unit().fblocks.pop();
        r?;
        self.emit(Op::Reraise);
        self.bind(end);
        Ok(())
    }

    fn return_stmt(&mut self, span: Span, value: Option<&'a Expr>) -> R {
        if !self.in_function() {
            return Err(self.error(span, CompileErrorKind::Syntax, "'return' outside function"));
        }
        let is_async_gen = {
            let scope = &self.table.scopes[self.unit_ref().scope];
            scope.is_coroutine && scope.is_generator
        };
        match value {
            Some(v) => {
                if is_async_gen {
                    return Err(self.error(span, CompileErrorKind::Syntax, "'return' with value in async generator"));
                }
                self.expr(v)?;
            }
            None => self.load_const(super::super::value::Value::None),
        }
        self.unwind_fblocks(true, None)?;
        self.set_loc(span);
        self.emit(Op::ReturnValue);
        Ok(())
    }

    fn break_continue(&mut self, span: Span, is_break: bool) -> R {
        let loop_at = self.unit_ref().fblocks.iter().rposition(|b| matches!(b, FBlock::Loop { .. }));
        let Some(loop_at) = loop_at else {
            let what = if is_break { "'break' outside loop" } else { "'continue' not properly in loop" };
            return Err(self.error(span, CompileErrorKind::Syntax, what));
        };
        self.unwind_fblocks(false, Some(loop_at + 1))?;
        let FBlock::Loop { continue_to, break_to, has_iter } = self.unit_ref().fblocks[loop_at].clone() else {
            unreachable!("rposition found a loop")
        };
        if is_break {
            if has_iter {
                self.emit(Op::Pop);
            }
            self.emit(Op::Jump(break_to.0));
        } else {
            self.emit(Op::Jump(continue_to.0));
        }
        Ok(())
    }

    /// Emit the clean-up of every fblock above `down_to` (all of them when `None`), innermost
    /// first. With `preserve_top`, a return value sits on top of the stack throughout.
    fn unwind_fblocks(&mut self, preserve_top: bool, down_to: Option<usize>) -> R {
        let stop = down_to.unwrap_or(0);
        let saved = self.unit_ref().fblocks.clone();
        let mut i = saved.len();
        while i > stop {
            i -= 1;
            let block = saved[i].clone();
            // Code emitted for this block runs with only the outer blocks active.
            self.unit().fblocks.truncate(i);
            self.unwind_one(&block, preserve_top)?;
        }
        self.unit().fblocks = saved;
        Ok(())
    }

    fn unwind_one(&mut self, block: &FBlock<'a>, preserve_top: bool) -> R {
        match block {
            FBlock::Loop { has_iter, .. } => {
                if *has_iter && preserve_top {
                    self.emit(Op::Rot2);
                    self.emit(Op::Pop);
                }
            }
            FBlock::TryExcept => self.emit(Op::PopBlock),
            FBlock::Finally { body } => {
                self.emit(Op::PopBlock);
                self.stmts(body)?;
            }
            FBlock::FinallyEnd => {
                if preserve_top {
                    self.emit(Op::Rot2);
                }
                self.emit(Op::Pop);
                self.emit(Op::PopExcept);
            }
            FBlock::Handler { name } => {
                self.emit(Op::PopExcept);
                if let Some(n) = name {
                    self.clear_name(n);
                }
            }
            FBlock::With { is_async } => {
                self.emit(Op::PopBlock);
                if preserve_top {
                    self.emit(Op::Rot2);
                }
                self.call_exit_none(*is_async);
            }
        }
        Ok(())
    }

    /// Store the value on top of the stack into a target.
    pub(super) fn assign(&mut self, t: &'a Expr) -> R {
        match &t.kind {
            ExprKind::Name(n) => self.store_name(n),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.name_idx(attr);
                self.set_loc(t.span);
                self.emit(Op::StoreAttr(i));
            }
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.set_loc(t.span);
                self.emit(Op::StoreSubscr);
            }
            ExprKind::Tuple(elts) | ExprKind::List(elts) => {
                let star = elts.iter().position(|e| matches!(e.kind, ExprKind::Starred(_)));
                self.set_loc(t.span);
                match star {
                    None => self.emit(Op::UnpackSequence(elts.len() as u32)),
                    Some(i) => {
                        if elts.iter().filter(|e| matches!(e.kind, ExprKind::Starred(_))).count() > 1 {
                            return Err(self.error(t.span, CompileErrorKind::Syntax, "multiple starred expressions in assignment"));
                        }
                        let after = elts.len() - i - 1;
                        self.emit(Op::UnpackEx(i as u32 | (after as u32) << 8));
                    }
                }
                for e in elts {
                    match &e.kind {
                        ExprKind::Starred(inner) => self.assign(inner)?,
                        _ => self.assign(e)?,
                    }
                }
            }
            ExprKind::Starred(_) => {
                return Err(self.error(t.span, CompileErrorKind::Syntax, "starred assignment target must be in a list or tuple"))
            }
            _ => return Err(self.error(t.span, CompileErrorKind::Syntax, "cannot assign to expression")),
        }
        Ok(())
    }

    fn aug_assign(&mut self, target: &'a Expr, op: BinOp, value: &'a Expr) -> R {
        match &target.kind {
            ExprKind::Name(n) => {
                self.load_name(n);
                self.expr(value)?;
                self.set_loc(target.span);
                self.emit(Op::Inplace(op));
                self.store_name(n);
            }
            ExprKind::Attribute { value: obj, attr } => {
                self.expr(obj)?;
                self.emit(Op::Dup);
                let i = self.name_idx(attr);
                self.emit(Op::LoadAttr(i));
                self.expr(value)?;
                self.set_loc(target.span);
                self.emit(Op::Inplace(op));
                self.emit(Op::Rot2);
                self.emit(Op::StoreAttr(i));
            }
            ExprKind::Subscript { value: obj, slice } => {
                self.expr(obj)?;
                self.expr(slice)?;
                self.emit(Op::Dup2);
                self.emit(Op::Subscr);
                self.expr(value)?;
                self.set_loc(target.span);
                self.emit(Op::Inplace(op));
                self.emit(Op::Rot3);
                self.emit(Op::StoreSubscr);
            }
            _ => return Err(self.error(target.span, CompileErrorKind::Syntax, "illegal expression for augmented assignment")),
        }
        Ok(())
    }

    fn delete(&mut self, t: &'a Expr) -> R {
        self.set_loc(t.span);
        match &t.kind {
            ExprKind::Name(n) => self.delete_name(n),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.name_idx(attr);
                self.emit(Op::DeleteAttr(i));
            }
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.emit(Op::DeleteSubscr);
            }
            ExprKind::Tuple(es) | ExprKind::List(es) => {
                for e in es {
                    self.delete(e)?;
                }
            }
            _ => return Err(self.error(t.span, CompileErrorKind::Syntax, "cannot delete expression")),
        }
        Ok(())
    }
}
