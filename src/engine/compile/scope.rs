//! Code objects nested in the current one: functions, lambdas, comprehensions, classes.

use std::rc::Rc;

use super::super::ast::*;
use super::super::bytecode::{Code, CodeFlags, Op};
use super::super::error::CompileErrorKind;
use super::super::symtable::{class_key, comp_name, expr_key, func_key, ScopeKind};
use super::super::value::Value;
use super::{Compiler, R};

impl<'a> Compiler<'a> {
    /// The qualified name of a child called `name` of the current unit.
    fn child_qualname(&self, name: &str) -> Rc<str> {
        let u = self.unit_ref();
        match self.table.scopes[u.scope].kind {
            ScopeKind::Module => Rc::from(name),
            ScopeKind::Class => Rc::from(format!("{}.{}", u.qualname, name)),
            ScopeKind::Function => Rc::from(format!("{}.<locals>.{}", u.qualname, name)),
        }
    }

    pub(super) fn function_def(&mut self, f: &'a Rc<FuncDef>) -> R {
        for d in &f.decorators {
            self.expr(d)?;
        }
        self.set_loc(f.span);
        self.make_function(f)?;
        for _ in &f.decorators {
            self.emit(Op::Call(1));
        }
        Ok(())
    }

    /// Push a new function object for `f` (defaults, keyword defaults, closure).
    pub(super) fn make_function(&mut self, f: &'a Rc<FuncDef>) -> R {
        let mut flags = 0;
        let p = &f.params;
        let positional: Vec<&Param> = p.posonly.iter().chain(&p.args).collect();
        let defaults: Vec<&Expr> = positional.iter().filter_map(|x| x.default.as_ref()).collect();
        if !defaults.is_empty() {
            for d in &defaults {
                self.expr(d)?;
            }
            self.emit(Op::BuildTuple(defaults.len() as u32));
            flags |= 1;
        }
        let kwdefaults: Vec<&Param> = p.kwonly.iter().filter(|x| x.default.is_some()).collect();
        if !kwdefaults.is_empty() {
            for k in &kwdefaults {
                self.load_const(Value::Str(k.name.clone()));
                self.expr(k.default.as_ref().expect("filtered on defaults"))?;
            }
            self.emit(Op::BuildMap(kwdefaults.len() as u32));
            flags |= 2;
        }
        let code = self.function_code(f)?;
        self.finish_function(code, flags);
        Ok(())
    }

    /// Emit closure + code + MakeFunction for a compiled child code object.
    fn finish_function(&mut self, code: Rc<Code>, mut flags: u32) {
        if !code.freevars.is_empty() {
            for name in code.freevars.iter() {
                let i = self.deref_idx(name);
                self.emit(Op::LoadClosure(i));
            }
            self.emit(Op::BuildTuple(code.freevars.len() as u32));
            flags |= 8;
        }
        let c = self.add_const(Value::Code(code));
        self.emit(Op::LoadConst(c));
        self.emit(Op::MakeFunction(flags));
    }

    fn function_code(&mut self, f: &'a Rc<FuncDef>) -> Result<Rc<Code>, super::super::error::CompileError> {
        let scope_id = self.table.scope_of(func_key(f));
        let qualname = self.child_qualname(&f.name);
        self.push_unit(scope_id, f.name.clone(), qualname, f.span.start);
        self.check_params(f)?;
        self.unit().annotations = self.param_annotations(&f.params);
        self.stmts(&f.body)?;
        self.load_const(Value::None);
        self.emit(Op::ReturnValue);
        let scope = &self.table.scopes[scope_id];
        let p = &f.params;
        let flags = CodeFlags {
            is_generator: scope.is_generator && !f.is_async,
            is_coroutine: f.is_async && !scope.is_generator,
            is_async_generator: f.is_async && scope.is_generator,
            has_varargs: p.vararg.is_some(),
            has_varkw: p.kwarg.is_some(),
            uses_namespace: false,
        };
        let argcount = (p.posonly.len() + p.args.len()) as u32;
        Ok(self.pop_unit(flags, argcount, p.posonly.len() as u32, p.kwonly.len() as u32))
    }

    fn param_annotations(&self, p: &Params) -> Vec<(Rc<str>, Rc<str>)> {
        let text = &self.src.text;
        p.posonly
            .iter()
            .chain(&p.args)
            .chain(&p.kwonly)
            .filter_map(|param| {
                let sp = param.annotation?;
                let written = text.get(sp.start as usize..sp.end as usize)?;
                Some((param.name.clone(), Rc::from(written)))
            })
            .collect()
    }

    fn check_params(&self, f: &FuncDef) -> R {
        let p = &f.params;
        let mut seen: Vec<&str> = vec![];
        let names = p
            .posonly
            .iter()
            .chain(&p.args)
            .map(|x| &*x.name)
            .chain(p.vararg.as_deref())
            .chain(p.kwonly.iter().map(|x| &*x.name))
            .chain(p.kwarg.as_deref());
        for n in names {
            if seen.contains(&n) {
                return Err(self.error(f.span, CompileErrorKind::Syntax, format!("duplicate argument '{n}' in function definition")));
            }
            seen.push(n);
        }
        Ok(())
    }

    pub(super) fn comprehension(&mut self, e: &'a Expr) -> R {
        let (gens, elt, key_value): (&'a [Comprehension], Option<&'a Expr>, Option<(&'a Expr, &'a Expr)>) = match &e.kind {
            ExprKind::ListComp { elt, gens } | ExprKind::SetComp { elt, gens } | ExprKind::GeneratorExp { elt, gens } => {
                (gens, Some(elt), None)
            }
            ExprKind::DictComp { key, value, gens } => (gens, None, Some((key, value))),
            _ => unreachable!("comprehension() is only called on comprehensions"),
        };
        let scope_id = self.table.scope_of(expr_key(e));
        let is_genexp = matches!(e.kind, ExprKind::GeneratorExp { .. });
        let is_async = self.table.scopes[scope_id].is_coroutine;
        if is_async && !is_genexp && !self.in_async_function() {
            return Err(self.error(e.span, CompileErrorKind::Syntax, "asynchronous comprehension outside of an asynchronous function"));
        }
        let name = comp_name(e);
        let qualname = self.child_qualname(name);
        self.push_unit(scope_id, Rc::from(name), qualname, e.span.start);
        match &e.kind {
            ExprKind::ListComp { .. } => self.emit(Op::BuildList(0)),
            ExprKind::SetComp { .. } => self.emit(Op::BuildSet(0)),
            ExprKind::DictComp { .. } => self.emit(Op::BuildMap(0)),
            _ => {}
        }
        self.comp_generator(e, gens, 0, elt, key_value)?;
        if is_genexp {
            self.load_const(Value::None);
        }
        self.emit(Op::ReturnValue);
        let flags = CodeFlags {
            is_generator: is_genexp && !is_async,
            is_coroutine: is_async && !is_genexp,
            is_async_generator: is_async && is_genexp,
            ..Default::default()
        };
        let code = self.pop_unit(flags, 1, 0, 0);
        self.finish_function(code, 0);
        self.expr(&gens[0].iter)?;
        self.emit(if gens[0].is_async { Op::GetAIter } else { Op::GetIter });
        self.set_loc(e.span);
        self.emit(Op::Call(1));
        if is_async && !is_genexp {
            self.emit_await();
        }
        Ok(())
    }

    fn comp_generator(
        &mut self,
        e: &'a Expr,
        gens: &'a [Comprehension],
        index: usize,
        elt: Option<&'a Expr>,
        key_value: Option<(&'a Expr, &'a Expr)>,
    ) -> R {
        let g = &gens[index];
        let top = self.new_label();
        let end = self.new_label();
        if index == 0 {
            self.emit(Op::LoadFast(0));
        } else {
            self.expr(&g.iter)?;
            self.emit(if g.is_async { Op::GetAIter } else { Op::GetIter });
        }
        self.bind(top);
        if g.is_async {
            self.anext_item(end);
        } else {
            self.emit(Op::ForIter(end.0));
        }
        self.assign(&g.target)?;
        for cond in &g.ifs {
            self.expr(cond)?;
            self.emit(Op::PopJumpIfFalse(top.0));
        }
        if index + 1 < gens.len() {
            self.comp_generator(e, gens, index + 1, elt, key_value)?;
        } else {
            let depth = gens.len() as u32 + 1;
            match &e.kind {
                ExprKind::ListComp { .. } => {
                    self.expr(elt.expect("list comprehensions have an element"))?;
                    self.emit(Op::ListAppend(depth));
                }
                ExprKind::SetComp { .. } => {
                    self.expr(elt.expect("set comprehensions have an element"))?;
                    self.emit(Op::SetAdd(depth));
                }
                ExprKind::DictComp { .. } => {
                    let (k, v) = key_value.expect("dict comprehensions have key and value");
                    self.expr(k)?;
                    self.expr(v)?;
                    self.emit(Op::MapAdd(depth));
                }
                _ => {
                    self.expr(elt.expect("generator expressions have an element"))?;
                    self.emit(Op::YieldValue);
                    self.emit(Op::Pop);
                }
            }
        }
        self.emit(Op::Jump(top.0));
        self.bind(end);
        if g.is_async {
            self.emit(Op::EndAsyncFor);
        }
        Ok(())
    }

    pub(super) fn class_def(&mut self, c: &'a Rc<ClassDef>) -> R {
        for d in &c.decorators {
            self.expr(d)?;
        }
        self.set_loc(c.span);
        let scope_id = self.table.scope_of(class_key(c));
        let qualname = self.child_qualname(&c.name);
        self.push_unit(scope_id, c.name.clone(), qualname, c.span.start);
        self.stmts(&c.body)?;
        let has_class_cell = self.table.scopes[scope_id].cellvars.iter().any(|n| &**n == "__class__");
        if has_class_cell {
            let i = self.deref_idx("__class__");
            self.emit(Op::LoadClosure(i));
        } else {
            self.load_const(Value::None);
        }
        self.emit(Op::ReturnValue);
        let code = self.pop_unit(CodeFlags { uses_namespace: true, ..Default::default() }, 0, 0, 0);
        self.finish_function(code, 0);
        self.load_const(Value::Str(c.name.clone()));
        for b in &c.bases {
            if matches!(b.kind, ExprKind::Starred(_)) {
                return Err(self.error(b.span, CompileErrorKind::Unsupported, "starred base classes are not supported yet"));
            }
            self.expr(b)?;
        }
        self.emit(Op::BuildTuple(c.bases.len() as u32));
        for k in &c.keywords {
            let Some(name) = &k.arg else {
                return Err(self.error(k.value.span, CompileErrorKind::Unsupported, "'**' in class arguments is not supported yet"));
            };
            self.load_const(Value::Str(name.clone()));
            self.expr(&k.value)?;
        }
        self.emit(Op::BuildMap(c.keywords.len() as u32));
        self.set_loc(c.span);
        self.emit(Op::BuildClass);
        for _ in &c.decorators {
            self.emit(Op::Call(1));
        }
        Ok(())
    }
}
