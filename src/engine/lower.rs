//! Front-end: parse with `ruff_python_parser`, then lower ruff's AST to ours.
//!
//! Everything outside the subset stops here with a located, plain message, so later
//! stages can assume a well-formed program.

use std::rc::Rc;

use ruff_python_ast as py;
use ruff_python_parser::{parse_unchecked, Mode, ParseOptions};
use ruff_text_size::Ranged;

use super::ast::*;
use super::error::{CompileError, CompileErrorKind};
use super::source::SourceFile;

mod syntax_error;
mod teardown;

/// CPython's compiler refuses code nested deeper than this (its AST optimizer and
/// symtable count one level per statement and expression); so do we, which also bounds
/// the recursion of every stage after this one.
const MAX_DEPTH: u32 = 3000;

pub fn parse_module(src: &SourceFile) -> Result<Module, CompileError> {
    let tokens = super::prescan::check(src)?;
    let options = ParseOptions::from(Mode::Module).with_target_version(py::PythonVersion::PY311);
    // `parse_unchecked` hands the tree back even on errors, so that it is always dropped
    // by `teardown` (iteratively), never by the recursive drop glue.
    let parsed = parse_unchecked(&src.text, options);
    let error = match syntax_error::choose(src, parsed.errors().first(), tokens) {
        Some(e) => Some(e),
        None => parsed
            .unsupported_syntax_errors()
            .first()
            .map(|e| CompileError::at(src, e.range.start().to_u32(), CompileErrorKind::Syntax, e.to_string())),
    };
    let py::Mod::Module(module) = parsed.into_syntax() else {
        unreachable!("Mode::Module always yields a module")
    };
    let lowered = match error {
        Some(e) => Err(e),
        None => {
            let mut lowerer = Lowerer { src, depth: 0, future_allowed: true, first_statement: true };
            lowerer.stmts(&module.body).map(|body| Module { body })
        }
    };
    teardown::drop_module(module);
    lowered
}

struct Lowerer<'a> {
    src: &'a SourceFile,
    depth: u32,
    /// No statement but a docstring and `from __future__` imports came before.
    future_allowed: bool,
    first_statement: bool,
}

type R<T> = Result<T, CompileError>;

fn span(r: ruff_text_size::TextRange) -> Span {
    Span { start: r.start().to_u32(), end: r.end().to_u32() }
}

fn name(id: &str) -> Name {
    Rc::from(id)
}

impl<'a> Lowerer<'a> {
    fn unsupported<T>(&self, at: ruff_text_size::TextRange, what: &str) -> R<T> {
        Err(CompileError::at(
            self.src,
            at.start().to_u32(),
            CompileErrorKind::Unsupported,
            format!("{what} not supported yet"),
        ))
    }

    /// `"\ud800"`: CPython's str holds a lone surrogate, a Rust string cannot (the parser
    /// has put U+FFFD in its place). Refused where it is written, rather than printed wrong.
    fn no_surrogates(&self, value: &str, at: ruff_text_size::TextRange) -> R<()> {
        if !value.contains('\u{FFFD}') {
            return Ok(());
        }
        let text = self.src.text.get(at.start().to_usize()..at.end().to_usize()).unwrap_or("");
        let b = text.as_bytes();
        for i in 0..b.len() {
            let escaped = b[..i].iter().rev().take_while(|&&c| c == b'\\').count() % 2 == 1;
            let digits = match b.get(i..i + 2) {
                Some(b"\\u") => 4,
                Some(b"\\U") => 8,
                _ => continue,
            };
            if escaped {
                continue;
            }
            let hex = text.get(i + 2..i + 2 + digits).and_then(|h| u32::from_str_radix(h, 16).ok());
            if let Some(cp @ 0xD800..=0xDFFF) = hex {
                let where_ = ruff_text_size::TextRange::at(at.start() + ruff_text_size::TextSize::from(i as u32), 0.into());
                return self.unsupported(where_, &format!("lone surrogates in strings (\\u{cp:04x}) are"));
            }
        }
        Ok(())
    }

    fn syntax<T>(&self, at: ruff_text_size::TextRange, what: impl Into<String>) -> R<T> {
        Err(CompileError::at(self.src, at.start().to_u32(), CompileErrorKind::Syntax, what))
    }

    fn enter(&mut self, at: ruff_text_size::TextRange) -> R<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(CompileError::at(
                self.src,
                at.start().to_u32(),
                CompileErrorKind::Recursion,
                "maximum recursion depth exceeded during compilation",
            ));
        }
        Ok(())
    }

    fn stmts(&mut self, body: &[py::Stmt]) -> R<Vec<Stmt>> {
        body.iter().map(|s| self.stmt(s)).collect()
    }

    /// `from __future__ import ...`: a compiler directive. Every feature CPython 3.11
    /// knows is already the behaviour of the subset (annotations are never evaluated).
    fn future_import(&mut self, i: &py::StmtImportFrom, sp: Span) -> R<Stmt> {
        const FEATURES: &[&str] = &[
            "nested_scopes", "generators", "division", "absolute_import", "with_statement",
            "print_function", "unicode_literals", "barry_as_FLUFL", "generator_stop", "annotations",
        ];
        if !self.future_allowed || self.depth > 1 {
            return self.syntax(i.range, "from __future__ imports must occur at the beginning of the file");
        }
        for a in &i.names {
            match a.name.as_str() {
                "braces" => return self.syntax(a.range, "not a chance"),
                f if FEATURES.contains(&f) => {}
                f => return self.syntax(a.range, format!("future feature {f} is not defined")),
            }
        }
        Ok(Stmt { kind: StmtKind::Pass, span: sp })
    }

    fn stmt(&mut self, s: &py::Stmt) -> R<Stmt> {
        self.enter(s.range())?;
        let out = self.stmt_inner(s);
        if self.depth == 1 {
            // Only a docstring and other __future__ imports may come before one.
            let is_future = matches!(s, py::Stmt::ImportFrom(i) if i.level == 0 && i.module.as_deref() == Some("__future__"));
            let is_docstring = self.first_statement && matches!(s, py::Stmt::Expr(e) if e.value.is_string_literal_expr());
            self.future_allowed &= is_future || is_docstring;
            self.first_statement = false;
        }
        self.depth -= 1;
        out
    }

    fn stmt_inner(&mut self, s: &py::Stmt) -> R<Stmt> {
        let sp = span(s.range());
        let kind = match s {
            py::Stmt::Expr(e) => StmtKind::Expr(self.expr(&e.value)?),
            py::Stmt::Assign(a) => StmtKind::Assign {
                targets: a.targets.iter().map(|t| self.target(t)).collect::<R<_>>()?,
                value: self.expr(&a.value)?,
            },
            py::Stmt::AugAssign(a) => StmtKind::AugAssign {
                target: self.target(&a.target)?,
                op: binop(a.op),
                value: self.expr(&a.value)?,
            },
            py::Stmt::AnnAssign(a) => StmtKind::AnnAssign {
                target: self.target(&a.target)?,
                value: a.value.as_deref().map(|v| self.expr(v)).transpose()?,
            },
            py::Stmt::FunctionDef(f) => {
                if f.type_params.is_some() {
                    return self.unsupported(f.range, "type parameters are");
                }
                StmtKind::FunctionDef(Rc::new(FuncDef {
                    name: name(&f.name),
                    params: self.params(&f.parameters)?,
                    body: self.stmts(&f.body)?,
                    is_async: f.is_async,
                    is_lambda: false,
                    decorators: f
                        .decorator_list
                        .iter()
                        .map(|d| self.expr(&d.expression))
                        .collect::<R<_>>()?,
                    span: sp,
                }))
            }
            py::Stmt::ClassDef(c) => {
                if c.type_params.is_some() {
                    return self.unsupported(c.range, "type parameters are");
                }
                let (bases, keywords) = match &c.arguments {
                    Some(args) => (
                        args.args.iter().map(|a| self.expr(a)).collect::<R<Vec<_>>>()?,
                        self.keywords(&args.keywords)?,
                    ),
                    None => (vec![], vec![]),
                };
                StmtKind::ClassDef(Rc::new(ClassDef {
                    name: name(&c.name),
                    bases,
                    keywords,
                    body: self.stmts(&c.body)?,
                    decorators: c
                        .decorator_list
                        .iter()
                        .map(|d| self.expr(&d.expression))
                        .collect::<R<_>>()?,
                    span: sp,
                }))
            }
            py::Stmt::Return(r) => StmtKind::Return(r.value.as_deref().map(|v| self.expr(v)).transpose()?),
            py::Stmt::Delete(d) => {
                StmtKind::Delete(d.targets.iter().map(|t| self.target(t)).collect::<R<_>>()?)
            }
            py::Stmt::If(i) => self.if_stmt(i)?,
            py::Stmt::While(w) => StmtKind::While {
                test: self.expr(&w.test)?,
                body: self.stmts(&w.body)?,
                orelse: self.stmts(&w.orelse)?,
            },
            py::Stmt::For(f) => StmtKind::For {
                is_async: f.is_async,
                target: self.target(&f.target)?,
                iter: self.expr(&f.iter)?,
                body: self.stmts(&f.body)?,
                orelse: self.stmts(&f.orelse)?,
            },
            py::Stmt::With(w) => StmtKind::With {
                is_async: w.is_async,
                items: w
                    .items
                    .iter()
                    .map(|it| {
                        Ok(WithItem {
                            context: self.expr(&it.context_expr)?,
                            target: it.optional_vars.as_deref().map(|t| self.target(t)).transpose()?,
                        })
                    })
                    .collect::<R<_>>()?,
                body: self.stmts(&w.body)?,
            },
            py::Stmt::Raise(r) => StmtKind::Raise {
                exc: r.exc.as_deref().map(|e| self.expr(e)).transpose()?,
                cause: r.cause.as_deref().map(|e| self.expr(e)).transpose()?,
            },
            py::Stmt::Try(t) => StmtKind::Try {
                body: self.stmts(&t.body)?,
                handlers: t
                    .handlers
                    .iter()
                    .map(|h| {
                        let py::ExceptHandler::ExceptHandler(h) = h;
                        Ok(Handler {
                            typ: h.type_.as_deref().map(|e| self.expr(e)).transpose()?,
                            name: h.name.as_ref().map(|n| name(n)),
                            body: self.stmts(&h.body)?,
                            span: span(h.range),
                        })
                    })
                    .collect::<R<_>>()?,
                orelse: self.stmts(&t.orelse)?,
                finalbody: self.stmts(&t.finalbody)?,
                is_star: t.is_star,
            },
            py::Stmt::Assert(a) => StmtKind::Assert {
                test: self.expr(&a.test)?,
                msg: a.msg.as_deref().map(|e| self.expr(e)).transpose()?,
            },
            py::Stmt::Import(i) => StmtKind::Import(self.aliases(&i.names)),
            py::Stmt::ImportFrom(i) => {
                if i.level > 0 {
                    return self.unsupported(i.range, "relative imports are");
                }
                let Some(module) = &i.module else {
                    return self.syntax(i.range, "invalid syntax");
                };
                if module.as_str() == "__future__" {
                    return self.future_import(i, sp);
                }
                StmtKind::ImportFrom { module: name(module), names: self.aliases(&i.names) }
            }
            py::Stmt::Global(g) => StmtKind::Global(g.names.iter().map(|n| name(n)).collect()),
            py::Stmt::Nonlocal(g) => StmtKind::Nonlocal(g.names.iter().map(|n| name(n)).collect()),
            py::Stmt::Pass(_) => StmtKind::Pass,
            py::Stmt::Break(_) => StmtKind::Break,
            py::Stmt::Continue(_) => StmtKind::Continue,
            py::Stmt::Match(m) => return self.unsupported(m.range, "'match' statements are"),
            py::Stmt::TypeAlias(t) => return self.unsupported(t.range, "'type' aliases are"),
            py::Stmt::IpyEscapeCommand(c) => return self.syntax(c.range, "invalid syntax"),
        };
        Ok(Stmt { kind, span: sp })
    }

    fn if_stmt(&mut self, i: &py::StmtIf) -> R<StmtKind> {
        let test = self.expr(&i.test)?;
        let body = self.stmts(&i.body)?;
        // `elif` chains become nested ifs in the else branch, as in CPython's AST: each
        // `elif` is one level deeper than the one before.
        let base = self.depth;
        let mut clauses = Vec::with_capacity(i.elif_else_clauses.len());
        for clause in &i.elif_else_clauses {
            let test = match &clause.test {
                Some(t) => {
                    self.enter(clause.range)?;
                    Some(self.expr(t)?)
                }
                None => None,
            };
            clauses.push((test, self.stmts(&clause.body)?, span(clause.range)));
        }
        self.depth = base;
        let mut orelse: Vec<Stmt> = Vec::new();
        for (test, body, sp) in clauses.into_iter().rev() {
            orelse = match test {
                None => body,
                Some(test) => vec![Stmt { kind: StmtKind::If { test, body, orelse }, span: sp }],
            };
        }
        Ok(StmtKind::If { test, body, orelse })
    }

    fn aliases(&self, names: &[py::Alias]) -> Vec<Alias> {
        names
            .iter()
            .map(|a| Alias {
                name: name(&a.name),
                asname: a.asname.as_ref().map(|n| name(n)),
                span: span(a.range),
            })
            .collect()
    }

    fn params(&mut self, p: &py::Parameters) -> R<Params> {
        let conv = |this: &mut Self, ps: &[py::ParameterWithDefault]| -> R<Vec<Param>> {
            ps.iter()
                .map(|pd| {
                    Ok(Param {
                        name: name(&pd.parameter.name),
                        default: pd.default.as_deref().map(|d| this.expr(d)).transpose()?,
                        annotation: pd.parameter.annotation.as_deref().map(|a| span(a.range())),
                    })
                })
                .collect()
        };
        Ok(Params {
            posonly: conv(self, &p.posonlyargs)?,
            args: conv(self, &p.args)?,
            vararg: p.vararg.as_ref().map(|v| name(&v.name)),
            kwonly: conv(self, &p.kwonlyargs)?,
            kwarg: p.kwarg.as_ref().map(|v| name(&v.name)),
        })
    }

    fn keywords(&mut self, kws: &[py::Keyword]) -> R<Vec<Keyword>> {
        kws.iter()
            .map(|k| Ok(Keyword { arg: k.arg.as_ref().map(|a| name(a)), value: self.expr(&k.value)? }))
            .collect()
    }

    /// An assignment target: names, attributes, subscripts, and (starred) tuples/lists of them.
    fn target(&mut self, e: &py::Expr) -> R<Expr> {
        match e {
            py::Expr::Name(_) | py::Expr::Attribute(_) | py::Expr::Subscript(_) => self.expr(e),
            py::Expr::Tuple(t) => Ok(Expr {
                kind: ExprKind::Tuple(t.elts.iter().map(|x| self.target(x)).collect::<R<_>>()?),
                span: span(t.range),
            }),
            py::Expr::List(t) => Ok(Expr {
                kind: ExprKind::List(t.elts.iter().map(|x| self.target(x)).collect::<R<_>>()?),
                span: span(t.range),
            }),
            py::Expr::Starred(s) => Ok(Expr {
                kind: ExprKind::Starred(Box::new(self.target(&s.value)?)),
                span: span(s.range),
            }),
            other => self.syntax(other.range(), "cannot assign to expression"),
        }
    }

    fn exprs(&mut self, es: &[py::Expr]) -> R<Vec<Expr>> {
        es.iter().map(|e| self.expr(e)).collect()
    }

    fn boxed(&mut self, e: &py::Expr) -> R<Box<Expr>> {
        Ok(Box::new(self.expr(e)?))
    }

    fn expr(&mut self, e: &py::Expr) -> R<Expr> {
        self.enter(e.range())?;
        let out = self.expr_inner(e);
        self.depth -= 1;
        out
    }

    fn expr_inner(&mut self, e: &py::Expr) -> R<Expr> {
        let sp = span(e.range());
        let kind = match e {
            py::Expr::BoolOp(b) => ExprKind::BoolOp {
                op: match b.op {
                    py::BoolOp::And => BoolOp::And,
                    py::BoolOp::Or => BoolOp::Or,
                },
                values: self.exprs(&b.values)?,
            },
            py::Expr::Named(n) => {
                let py::Expr::Name(target) = &*n.target else {
                    return self.syntax(n.range, "cannot use assignment expressions with this target");
                };
                ExprKind::Named { target: name(&target.id), value: self.boxed(&n.value)? }
            }
            py::Expr::BinOp(b) => ExprKind::BinOp {
                left: self.boxed(&b.left)?,
                op: binop(b.op),
                right: self.boxed(&b.right)?,
            },
            py::Expr::UnaryOp(u) => ExprKind::UnaryOp {
                op: match u.op {
                    py::UnaryOp::Not => UnaryOp::Not,
                    py::UnaryOp::USub => UnaryOp::Neg,
                    py::UnaryOp::UAdd => UnaryOp::Pos,
                    py::UnaryOp::Invert => UnaryOp::Invert,
                },
                operand: self.boxed(&u.operand)?,
            },
            py::Expr::Lambda(l) => {
                let params = match &l.parameters {
                    Some(p) => self.params(p)?,
                    None => Params::default(),
                };
                let body = self.expr(&l.body)?;
                let bsp = body.span;
                ExprKind::Lambda(Rc::new(FuncDef {
                    name: name("<lambda>"),
                    params,
                    body: vec![Stmt { kind: StmtKind::Return(Some(body)), span: bsp }],
                    is_async: false,
                    is_lambda: true,
                    decorators: vec![],
                    span: sp,
                }))
            }
            py::Expr::If(i) => ExprKind::IfExp {
                test: self.boxed(&i.test)?,
                body: self.boxed(&i.body)?,
                orelse: self.boxed(&i.orelse)?,
            },
            py::Expr::Dict(d) => ExprKind::Dict(
                d.items
                    .iter()
                    .map(|it| Ok((it.key.as_ref().map(|k| self.expr(k)).transpose()?, self.expr(&it.value)?)))
                    .collect::<R<_>>()?,
            ),
            py::Expr::Set(s) => ExprKind::Set(self.exprs(&s.elts)?),
            py::Expr::ListComp(c) => ExprKind::ListComp { elt: self.boxed(&c.elt)?, gens: self.gens(&c.generators)? },
            py::Expr::SetComp(c) => ExprKind::SetComp { elt: self.boxed(&c.elt)?, gens: self.gens(&c.generators)? },
            py::Expr::DictComp(c) => {
                let Some(key) = &c.key else {
                    return self.unsupported(c.range, "dict unpacking in comprehensions is");
                };
                ExprKind::DictComp {
                    key: self.boxed(key)?,
                    value: self.boxed(&c.value)?,
                    gens: self.gens(&c.generators)?,
                }
            }
            py::Expr::Generator(g) => {
                ExprKind::GeneratorExp { elt: self.boxed(&g.elt)?, gens: self.gens(&g.generators)? }
            }
            py::Expr::Await(a) => ExprKind::Await(self.boxed(&a.value)?),
            py::Expr::Yield(y) => ExprKind::Yield(y.value.as_deref().map(|v| self.boxed(v)).transpose()?),
            py::Expr::YieldFrom(y) => ExprKind::YieldFrom(self.boxed(&y.value)?),
            py::Expr::Compare(c) => ExprKind::Compare {
                left: self.boxed(&c.left)?,
                ops: c.ops.iter().map(|o| cmpop(*o)).collect(),
                comparators: self.exprs(&c.comparators)?,
            },
            py::Expr::Call(c) => {
                let mut args = Vec::with_capacity(c.arguments.args.len());
                for a in c.arguments.args.iter() {
                    args.push(self.expr(a)?);
                }
                ExprKind::Call {
                    func: self.boxed(&c.func)?,
                    args,
                    keywords: self.keywords(&c.arguments.keywords)?,
                }
            }
            py::Expr::FString(f) => ExprKind::FString(self.fstring(&f.value)?),
            py::Expr::TString(t) => return self.unsupported(t.range, "template strings (t-strings) are"),
            py::Expr::StringLiteral(s) => {
                for part in s.value.iter() {
                    self.no_surrogates(&part.value, part.range)?;
                }
                ExprKind::Const(Constant::Str(Rc::from(s.value.to_str())))
            }
            py::Expr::BytesLiteral(b) => return self.unsupported(b.range, "bytes literals are"),
            py::Expr::NumberLiteral(n) => match &n.value {
                py::Number::Int(i) => match i.as_i64() {
                    Some(v) => ExprKind::Const(Constant::Int(v)),
                    None => {
                        // CPython converts decimal literals under the int/str digit limit.
                        let text = self.src.text.get(n.range.start().to_usize()..n.range.end().to_usize()).unwrap_or("");
                        let decimal = !text.starts_with("0x") && !text.starts_with("0X") && !text.starts_with("0o")
                            && !text.starts_with("0O") && !text.starts_with("0b") && !text.starts_with("0B");
                        let digits = text.bytes().filter(u8::is_ascii_digit).count();
                        if decimal && digits > 4300 {
                            return self.syntax(n.range, format!(
                                "Exceeds the limit (4300 digits) for integer string conversion: value has {digits} digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal conversion limits."
                            ));
                        }
                        ExprKind::Const(Constant::BigInt(Rc::from(i.to_string())))
                    }
                },
                py::Number::Float(f) => ExprKind::Const(Constant::Float(*f)),
                py::Number::Complex { .. } => return self.unsupported(n.range, "complex numbers are"),
            },
            py::Expr::BooleanLiteral(b) => ExprKind::Const(Constant::Bool(b.value)),
            py::Expr::NoneLiteral(_) => ExprKind::Const(Constant::None),
            py::Expr::EllipsisLiteral(_) => ExprKind::Const(Constant::Ellipsis),
            py::Expr::Attribute(a) => ExprKind::Attribute { value: self.boxed(&a.value)?, attr: name(&a.attr) },
            py::Expr::Subscript(s) => ExprKind::Subscript { value: self.boxed(&s.value)?, slice: self.boxed(&s.slice)? },
            py::Expr::Starred(s) => ExprKind::Starred(self.boxed(&s.value)?),
            py::Expr::Name(n) => ExprKind::Name(name(&n.id)),
            py::Expr::List(l) => ExprKind::List(self.exprs(&l.elts)?),
            py::Expr::Tuple(t) => ExprKind::Tuple(self.exprs(&t.elts)?),
            py::Expr::Slice(s) => ExprKind::Slice {
                lower: s.lower.as_deref().map(|x| self.boxed(x)).transpose()?,
                upper: s.upper.as_deref().map(|x| self.boxed(x)).transpose()?,
                step: s.step.as_deref().map(|x| self.boxed(x)).transpose()?,
            },
            py::Expr::IpyEscapeCommand(c) => return self.syntax(c.range, "invalid syntax"),
        };
        Ok(Expr { kind, span: sp })
    }

    fn gens(&mut self, gens: &[py::Comprehension]) -> R<Vec<Comprehension>> {
        gens.iter()
            .map(|g| {
                Ok(Comprehension {
                    target: self.target(&g.target)?,
                    iter: self.expr(&g.iter)?,
                    ifs: self.exprs(&g.ifs)?,
                    is_async: g.is_async,
                })
            })
            .collect()
    }

    fn fstring(&mut self, value: &py::FStringValue) -> R<Vec<FStringPart>> {
        let mut parts = Vec::new();
        for part in value.iter() {
            match part {
                py::FStringPart::Literal(lit) => parts.push(FStringPart::Literal(Rc::from(lit.as_str()))),
                py::FStringPart::FString(f) => self.fstring_elements(&f.elements, &mut parts, 0)?,
            }
        }
        Ok(parts)
    }

    /// `level`: 0 for the f-string's own fields, 1 inside a format spec, and so on.
    fn fstring_elements(&mut self, elements: &[py::InterpolatedStringElement], parts: &mut Vec<FStringPart>, level: u32) -> R<()> {
        for el in elements {
            match el {
                py::InterpolatedStringElement::Literal(lit) => {
                    self.no_surrogates(&lit.value, lit.range)?;
                    parts.push(FStringPart::Literal(Rc::from(&*lit.value)))
                }
                py::InterpolatedStringElement::Interpolation(i) => {
                    // CPython 3.11: a field in the spec of a field in a spec.
                    if level >= 2 {
                        return self.syntax(i.range, "f-string: expressions nested too deeply");
                    }
                    let mut conversion = match i.conversion {
                        py::ConversionFlag::None => None,
                        py::ConversionFlag::Str => Some('s'),
                        py::ConversionFlag::Repr => Some('r'),
                        py::ConversionFlag::Ascii => Some('a'),
                    };
                    if let Some(debug) = &i.debug_text {
                        // f"{x=}" prints the expression text, then repr unless a spec/conversion says otherwise.
                        let text = format!("{}{}{}", debug.leading(), debug.expression(), debug.trailing());
                        parts.push(FStringPart::Literal(Rc::from(text.as_str())));
                        if conversion.is_none() && i.format_spec.is_none() {
                            conversion = Some('r');
                        }
                    }
                    let spec = match &i.format_spec {
                        Some(spec) => {
                            let mut sp = Vec::new();
                            self.fstring_elements(&spec.elements, &mut sp, level + 1)?;
                            Some(sp)
                        }
                        None => None,
                    };
                    parts.push(FStringPart::Value { expr: self.boxed(&i.expression)?, conversion, spec });
                }
            }
        }
        Ok(())
    }
}

fn binop(op: py::Operator) -> BinOp {
    match op {
        py::Operator::Add => BinOp::Add,
        py::Operator::Sub => BinOp::Sub,
        py::Operator::Mult => BinOp::Mul,
        py::Operator::MatMult => BinOp::MatMul,
        py::Operator::Div => BinOp::Div,
        py::Operator::Mod => BinOp::Mod,
        py::Operator::Pow => BinOp::Pow,
        py::Operator::LShift => BinOp::LShift,
        py::Operator::RShift => BinOp::RShift,
        py::Operator::BitOr => BinOp::BitOr,
        py::Operator::BitXor => BinOp::BitXor,
        py::Operator::BitAnd => BinOp::BitAnd,
        py::Operator::FloorDiv => BinOp::FloorDiv,
    }
}

fn cmpop(op: py::CmpOp) -> CmpOp {
    match op {
        py::CmpOp::Eq => CmpOp::Eq,
        py::CmpOp::NotEq => CmpOp::NotEq,
        py::CmpOp::Lt => CmpOp::Lt,
        py::CmpOp::LtE => CmpOp::LtE,
        py::CmpOp::Gt => CmpOp::Gt,
        py::CmpOp::GtE => CmpOp::GtE,
        py::CmpOp::Is => CmpOp::Is,
        py::CmpOp::IsNot => CmpOp::IsNot,
        py::CmpOp::In => CmpOp::In,
        py::CmpOp::NotIn => CmpOp::NotIn,
    }
}
