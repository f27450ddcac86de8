//! Expressions.

use std::rc::Rc;

use num_bigint::BigInt;

use super::super::ast::*;
use super::super::bytecode::Op;
use super::super::error::CompileErrorKind;
use super::super::value::Value;
use super::{Compiler, R};

impl<'a> Compiler<'a> {
    pub(super) fn expr(&mut self, e: &'a Expr) -> R {
        let saved = self.unit_ref().offset;
        self.set_loc(e.span);
        self.expr_inner(e)?;
        self.unit().offset = saved;
        Ok(())
    }

    fn expr_inner(&mut self, e: &'a Expr) -> R {
        match &e.kind {
            ExprKind::Const(c) => self.constant(c),
            ExprKind::Name(n) => self.load_name(n),
            ExprKind::BoolOp { op, values } => {
                let end = self.new_label();
                for (i, v) in values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < values.len() {
                        self.emit(match op {
                            BoolOp::And => Op::JumpIfFalseOrPop(end.0),
                            BoolOp::Or => Op::JumpIfTrueOrPop(end.0),
                        });
                    }
                }
                self.bind(end);
            }
            ExprKind::Named { target, value } => {
                self.expr(value)?;
                self.emit(Op::Dup);
                self.store_name(target);
            }
            ExprKind::BinOp { left, op, right } => {
                self.expr(left)?;
                self.expr(right)?;
                self.set_loc(e.span);
                self.emit(Op::Binary(*op));
            }
            ExprKind::UnaryOp { op, operand } => {
                self.expr(operand)?;
                self.set_loc(e.span);
                self.emit(Op::Unary(*op));
            }
            ExprKind::Lambda(f) => self.make_function(f)?,
            ExprKind::IfExp { test, body, orelse } => {
                let else_l = self.new_label();
                let end = self.new_label();
                self.expr(test)?;
                self.emit(Op::PopJumpIfFalse(else_l.0));
                self.expr(body)?;
                self.emit(Op::Jump(end.0));
                self.bind(else_l);
                self.expr(orelse)?;
                self.bind(end);
            }
            ExprKind::Dict(items) => self.dict_display(items)?,
            ExprKind::Set(elts) => self.sequence_display(elts, Op::BuildSet, Op::SetUpdate, false)?,
            ExprKind::List(elts) => self.sequence_display(elts, Op::BuildList, Op::ListExtend, false)?,
            ExprKind::Tuple(elts) => self.sequence_display(elts, Op::BuildTuple, Op::ListExtend, true)?,
            ExprKind::ListComp { .. } | ExprKind::SetComp { .. } | ExprKind::DictComp { .. } | ExprKind::GeneratorExp { .. } => {
                self.comprehension(e)?
            }
            ExprKind::Await(v) => {
                if !self.in_function() {
                    return Err(self.error(e.span, CompileErrorKind::Syntax, "'await' outside function"));
                }
                if !self.in_async_function() {
                    return Err(self.error(e.span, CompileErrorKind::Syntax, "'await' outside async function"));
                }
                self.expr(v)?;
                self.set_loc(e.span);
                self.emit_await();
            }
            ExprKind::Yield(v) => {
                if !self.in_function() {
                    return Err(self.error(e.span, CompileErrorKind::Syntax, "'yield' outside function"));
                }
                match v {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Value::None),
                }
                self.set_loc(e.span);
                self.emit(Op::YieldValue);
            }
            ExprKind::YieldFrom(v) => {
                if !self.in_function() {
                    return Err(self.error(e.span, CompileErrorKind::Syntax, "'yield' outside function"));
                }
                if self.in_async_function() {
                    return Err(self.error(e.span, CompileErrorKind::Syntax, "'yield from' inside async function"));
                }
                self.expr(v)?;
                self.set_loc(e.span);
                self.emit(Op::GetYieldFromIter);
                self.emit_await_tail();
            }
            ExprKind::Compare { left, ops, comparators } => self.compare(e.span, left, ops, comparators)?,
            ExprKind::Call { func, args, keywords } => self.call(e.span, func, args, keywords)?,
            ExprKind::FString(parts) => self.fstring(parts)?,
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.name_idx(attr);
                self.set_loc(e.span);
                self.emit(Op::LoadAttr(i));
            }
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.set_loc(e.span);
                self.emit(Op::Subscr);
            }
            ExprKind::Starred(_) => {
                return Err(self.error(e.span, CompileErrorKind::Syntax, "can't use starred expression here"))
            }
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper] {
                    match part {
                        Some(p) => self.expr(p)?,
                        None => self.load_const(Value::None),
                    }
                }
                match step {
                    Some(s) => {
                        self.expr(s)?;
                        self.emit(Op::BuildSlice(3));
                    }
                    None => self.emit(Op::BuildSlice(2)),
                }
            }
        }
        Ok(())
    }

    fn constant(&mut self, c: &Constant) {
        let v = match c {
            Constant::None => Value::None,
            Constant::Bool(b) => Value::Bool(*b),
            Constant::Int(i) => Value::Int(*i),
            Constant::BigInt(digits) => Value::from_bigint(parse_big_literal(digits)),
            Constant::Float(f) => Value::Float(*f),
            Constant::Str(s) => Value::Str(s.clone()),
            Constant::Ellipsis => Value::Ellipsis,
        };
        self.load_const(v);
    }

    /// Lists, tuples, sets, with `*unpacking` support.
    fn sequence_display(&mut self, elts: &'a [Expr], build: fn(u32) -> Op, extend: fn(u32) -> Op, is_tuple: bool) -> R {
        let has_star = elts.iter().any(|e| matches!(e.kind, ExprKind::Starred(_)));
        if !has_star {
            for e in elts {
                self.expr(e)?;
            }
            self.emit(build(elts.len() as u32));
            return Ok(());
        }
        // Build a list (or set) incrementally, then convert a list to a tuple if needed.
        let (start, add_one): (Op, fn(u32) -> Op) = if is_tuple || matches!(build(0), Op::BuildList(_)) {
            (Op::BuildList(0), Op::ListAppend)
        } else {
            (Op::BuildSet(0), Op::SetAdd)
        };
        let extend = if is_tuple { Op::ListExtend } else { extend };
        self.emit(start);
        for e in elts {
            match &e.kind {
                ExprKind::Starred(inner) => {
                    self.expr(inner)?;
                    self.emit(extend(1));
                }
                _ => {
                    self.expr(e)?;
                    self.emit(add_one(1));
                }
            }
        }
        if is_tuple {
            self.emit(Op::ListToTuple);
        }
        Ok(())
    }

    fn dict_display(&mut self, items: &'a [(Option<Expr>, Expr)]) -> R {
        let has_unpack = items.iter().any(|(k, _)| k.is_none());
        if !has_unpack {
            for (k, v) in items {
                self.expr(k.as_ref().expect("no unpacking here"))?;
                self.expr(v)?;
            }
            self.emit(Op::BuildMap(items.len() as u32));
            return Ok(());
        }
        self.emit(Op::BuildMap(0));
        for (k, v) in items {
            match k {
                Some(k) => {
                    self.expr(k)?;
                    self.expr(v)?;
                    self.emit(Op::MapAdd(1));
                }
                None => {
                    self.expr(v)?;
                    self.emit(Op::DictUpdate(1));
                }
            }
        }
        Ok(())
    }

    fn compare(&mut self, span: Span, left: &'a Expr, ops: &[CmpOp], comparators: &'a [Expr]) -> R {
        self.expr(left)?;
        if ops.len() == 1 {
            self.expr(&comparators[0])?;
            self.set_loc(span);
            self.emit(Op::Compare(ops[0]));
            return Ok(());
        }
        let cleanup = self.new_label();
        let end = self.new_label();
        for (i, (op, right)) in ops.iter().zip(comparators).enumerate() {
            self.expr(right)?;
            self.set_loc(span);
            if i + 1 < ops.len() {
                self.emit(Op::Dup);
                self.emit(Op::Rot3);
                self.emit(Op::Compare(*op));
                self.emit(Op::JumpIfFalseOrPop(cleanup.0));
            } else {
                self.emit(Op::Compare(*op));
            }
        }
        self.emit(Op::Jump(end.0));
        self.bind(cleanup);
        self.emit(Op::Rot2);
        self.emit(Op::Pop);
        self.bind(end);
        Ok(())
    }

    fn call(&mut self, span: Span, func: &'a Expr, args: &'a [Expr], keywords: &'a [Keyword]) -> R {
        let has_star = args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)));
        let has_kwstar = keywords.iter().any(|k| k.arg.is_none());
        // Method call fast path: obj.name(positional args).
        if let ExprKind::Attribute { value, attr } = &func.kind {
            if !has_star && keywords.is_empty() && args.len() < 256 {
                self.expr(value)?;
                for a in args {
                    self.expr(a)?;
                }
                let i = self.name_idx(attr);
                self.set_loc(span);
                self.emit(Op::CallMethod(i << 8 | args.len() as u32));
                return Ok(());
            }
        }
        self.expr(func)?;
        if has_star || has_kwstar {
            self.sequence_display(args, Op::BuildTuple, Op::ListExtend, true)?;
            if !keywords.is_empty() {
                self.emit(Op::BuildMap(0));
                for k in keywords {
                    match &k.arg {
                        Some(name) => {
                            self.load_const(Value::Str(name.clone()));
                            self.expr(&k.value)?;
                            self.emit(Op::MapAdd(1));
                        }
                        None => {
                            self.expr(&k.value)?;
                            self.emit(Op::DictMerge(1));
                        }
                    }
                }
            }
            self.set_loc(span);
            self.emit(Op::CallEx(!keywords.is_empty() as u32));
            return Ok(());
        }
        for a in args {
            self.expr(a)?;
        }
        if keywords.is_empty() {
            self.set_loc(span);
            self.emit(Op::Call(args.len() as u32));
            return Ok(());
        }
        let mut names = Vec::with_capacity(keywords.len());
        for k in keywords {
            let name = k.arg.clone().expect("no **kwargs on this path");
            if names.iter().any(|n: &Value| matches!(n, Value::Str(s) if *s == name)) {
                return Err(self.error(k.value.span, CompileErrorKind::Syntax, format!("keyword argument repeated: {name}")));
            }
            self.expr(&k.value)?;
            names.push(Value::Str(name));
        }
        self.load_const(Value::tuple(names));
        self.set_loc(span);
        self.emit(Op::CallKw((args.len() + keywords.len()) as u32));
        Ok(())
    }

    fn fstring(&mut self, parts: &'a [FStringPart]) -> R {
        let mut n = 0;
        for p in parts {
            match p {
                FStringPart::Literal(s) => {
                    if s.is_empty() {
                        continue;
                    }
                    self.load_const(Value::Str(s.clone()));
                }
                FStringPart::Value { expr, conversion, spec } => {
                    self.expr(expr)?;
                    let conv = match conversion {
                        None => 0,
                        Some('s') => 1,
                        Some('r') => 2,
                        _ => 3,
                    };
                    let mut flags = conv;
                    if let Some(spec) = spec {
                        self.fstring(spec)?;
                        flags |= 4;
                    }
                    self.emit(Op::FormatValue(flags));
                }
            }
            n += 1;
        }
        match n {
            0 => self.load_const(Value::Str(Rc::from(""))),
            1 => {}
            n => self.emit(Op::BuildString(n)),
        }
        Ok(())
    }
}

/// Integer literal text (decimal, or with a 0x/0o/0b prefix, underscores allowed).
pub fn parse_big_literal(text: &str) -> BigInt {
    let t: String = text.chars().filter(|c| *c != '_').collect();
    let lower = t.to_ascii_lowercase();
    let (digits, radix) = if let Some(r) = lower.strip_prefix("0x") {
        (r.to_string(), 16)
    } else if let Some(r) = lower.strip_prefix("0o") {
        (r.to_string(), 8)
    } else if let Some(r) = lower.strip_prefix("0b") {
        (r.to_string(), 2)
    } else {
        (lower, 10)
    };
    BigInt::parse_bytes(digits.as_bytes(), radix).unwrap_or_default()
}
