//! Scope analysis, as CPython's symtable does it: which names are local, global, free
//! (captured from an enclosing function) or cells (captured by an inner function).
//!
//! Comprehensions and generator expressions get their own function scope, as in 3.11,
//! which is what makes `[lambda: i for i in range(3)]` return three functions seeing `2`.

use std::collections::HashMap;

use indexmap::IndexMap;

use super::ast::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Function,
    Class,
}

/// How a name is reached from inside one scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    /// A fast local slot.
    Local,
    /// A local captured by an inner scope: lives in a cell.
    Cell,
    /// Captured from an enclosing function.
    Free,
    /// Declared `global` or never bound in a function: module globals then builtins.
    Global,
    /// Module and class bodies: looked up by name in the namespace dict.
    Name,
}

#[derive(Debug, Default, Clone, Copy)]
struct Flags {
    assigned: bool,
    param: bool,
    global: bool,
    nonlocal: bool,
    used: bool,
    /// `name: annotation` (with or without a value).
    annotated: bool,
}

#[derive(Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    pub name: Name,
    symbols: IndexMap<Name, Flags>,
    pub resolved: HashMap<Name, Resolved>,
    /// Parameters first (in order), then other locals.
    pub varnames: Vec<Name>,
    pub cellvars: Vec<Name>,
    pub freevars: Vec<Name>,
    pub is_generator: bool,
    pub is_coroutine: bool,
    /// A comprehension that awaits: compiled as a coroutine and awaited in place (3.11).
    pub is_comprehension: bool,
    pub children: Vec<usize>,
    /// Names bound by `:=` inside comprehensions nested here.
    walrus_targets: Vec<Name>,
    /// A comprehension's iteration variables (`:=` may not rebind them).
    iter_vars: Vec<Name>,
    /// Where each name's first `global` or `nonlocal` is: where CPython reports the
    /// errors about a declaration ("no binding for nonlocal", "nonlocal and global").
    directive_at: HashMap<Name, Span>,
}

impl Scope {
    fn new(kind: ScopeKind, name: Name) -> Scope {
        Scope {
            kind,
            name,
            symbols: IndexMap::new(),
            resolved: HashMap::new(),
            varnames: vec![],
            cellvars: vec![],
            freevars: vec![],
            is_generator: false,
            is_coroutine: false,
            is_comprehension: false,
            children: vec![],
            walrus_targets: vec![],
            iter_vars: vec![],
            directive_at: HashMap::new(),
        }
    }

    pub fn lookup(&self, name: &str) -> Resolved {
        match self.resolved.get(name) {
            Some(r) => *r,
            None => match self.kind {
                ScopeKind::Function => Resolved::Global,
                _ => Resolved::Name,
            },
        }
    }

    fn flags(&mut self, name: &Name) -> &mut Flags {
        self.symbols.entry(name.clone()).or_default()
    }
}

/// All scopes of a module, keyed by the address of the AST node that opens each one.
pub struct SymbolTable {
    pub scopes: Vec<Scope>,
    by_node: HashMap<usize, usize>,
}

/// The identity of a scope-opening node.
pub fn func_key(f: &FuncDef) -> usize {
    f as *const FuncDef as usize
}
pub fn class_key(c: &ClassDef) -> usize {
    c as *const ClassDef as usize
}
pub fn expr_key(e: &Expr) -> usize {
    e as *const Expr as usize
}

/// A `SyntaxError` CPython's symtable raises: where, and the message.
pub type SymtableError = (Span, String);

impl SymbolTable {
    /// Scopes of `module`, or the first `SyntaxError` CPython's symtable would raise
    /// (`nonlocal` without a binding, `global` after use, `:=` in a class comprehension...).
    pub fn build(module: &Module) -> Result<SymbolTable, SymtableError> {
        let mut b = Builder {
            scopes: vec![Scope::new(ScopeKind::Module, "<module>".into())],
            by_node: HashMap::new(),
            stack: vec![0],
            error: None,
        };
        b.stmts(&module.body);
        if let Some(e) = b.error {
            return Err(e);
        }
        let mut table = SymbolTable { scopes: b.scopes, by_node: b.by_node };
        let mut error = None;
        table.analyze(0, &[], &mut error);
        match error {
            Some(e) => Err(e),
            None => Ok(table),
        }
    }

    pub fn scope_of(&self, key: usize) -> usize {
        *self.by_node.get(&key).expect("every scope-opening node was visited by the builder")
    }

    /// Resolve names top-down; returns the free names this scope needs from its parents.
    fn analyze(&mut self, id: usize, enclosing: &[Name], error: &mut Option<SymtableError>) -> Vec<Name> {
        let kind = self.scopes[id].kind;
        let symbols: Vec<(Name, Flags)> = self.scopes[id].symbols.iter().map(|(k, v)| (k.clone(), *v)).collect();
        let mut bound_here: Vec<Name> = Vec::new();
        for (name, f) in &symbols {
            let r = match kind {
                ScopeKind::Module => Resolved::Name,
                ScopeKind::Class => {
                    if f.global {
                        Resolved::Global
                    } else if f.nonlocal {
                        self.check_nonlocal(id, name, enclosing, error);
                        Resolved::Free
                    } else if f.assigned || f.param {
                        Resolved::Name
                    } else if enclosing.contains(name) {
                        Resolved::Free
                    } else {
                        Resolved::Name
                    }
                }
                ScopeKind::Function => {
                    if f.global {
                        Resolved::Global
                    } else if f.nonlocal {
                        self.check_nonlocal(id, name, enclosing, error);
                        Resolved::Free
                    } else if f.assigned || f.param {
                        bound_here.push(name.clone());
                        Resolved::Local
                    } else if enclosing.contains(name) {
                        Resolved::Free
                    } else {
                        Resolved::Global
                    }
                }
            };
            self.scopes[id].resolved.insert(name.clone(), r);
        }
        // Names visible to children: a class body's names are not.
        let mut child_env: Vec<Name> = enclosing.to_vec();
        match kind {
            ScopeKind::Function => {
                // A `global` here hides an enclosing function's binding from the scopes
                // inside (CPython discards it from the bound set).
                child_env.retain(|n| !symbols.iter().any(|(s, f)| s == n && f.global));
                child_env.extend(bound_here.iter().cloned())
            }
            // Methods see the class being built through the implicit `__class__` cell (super()).
            ScopeKind::Class => child_env.push("__class__".into()),
            ScopeKind::Module => {}
        }
        let children = self.scopes[id].children.clone();
        for child in children {
            let needed = self.analyze(child, &child_env, error);
            for name in needed {
                let current = self.scopes[id].resolved.get(&name).copied();
                match current {
                    Some(Resolved::Local) | Some(Resolved::Cell) => {
                        self.scopes[id].resolved.insert(name, Resolved::Cell);
                    }
                    Some(Resolved::Free) => {}
                    _ if kind == ScopeKind::Class && &*name == "__class__" => {
                        self.scopes[id].resolved.insert(name, Resolved::Cell);
                    }
                    _ => {
                        // Pass-through: this scope does not use it, but must carry it down.
                        if kind != ScopeKind::Module {
                            self.scopes[id].resolved.insert(name, Resolved::Free);
                        }
                    }
                }
            }
        }
        self.layout(id);
        self.scopes[id].freevars.clone()
    }

    /// `nonlocal name` in scope `id` needs a binding in an enclosing function.
    fn check_nonlocal(&self, id: usize, name: &Name, enclosing: &[Name], error: &mut Option<SymtableError>) {
        if enclosing.contains(name) || error.is_some() {
            return;
        }
        // A comprehension's `:=` target is marked nonlocal by the builder, which has
        // already checked that a function encloses it.
        if let Some(span) = self.scopes[id].directive_at.get(name) {
            *error = Some((*span, format!("no binding for nonlocal '{name}' found")));
        }
    }

    /// Slot order: params (as declared), then locals; cells and frees in first-seen order.
    fn layout(&mut self, id: usize) {
        let scope = &mut self.scopes[id];
        let mut varnames: Vec<Name> = scope.symbols.iter().filter(|(_, f)| f.param).map(|(k, _)| k.clone()).collect();
        for (name, f) in scope.symbols.iter() {
            if !f.param && scope.resolved.get(name) == Some(&Resolved::Local) {
                varnames.push(name.clone());
            }
        }
        let mut cellvars = vec![];
        let mut freevars = vec![];
        let mut names: Vec<&Name> = scope.symbols.keys().collect();
        let extra: Vec<&Name> = scope.resolved.keys().filter(|k| !scope.symbols.contains_key(*k)).collect();
        let mut extra = extra;
        extra.sort();
        names.extend(extra);
        for name in names {
            match scope.resolved.get(name) {
                Some(Resolved::Cell) => cellvars.push(name.clone()),
                Some(Resolved::Free) => freevars.push(name.clone()),
                _ => {}
            }
        }
        scope.varnames = varnames;
        scope.cellvars = cellvars;
        scope.freevars = freevars;
    }
}

struct Builder {
    scopes: Vec<Scope>,
    by_node: HashMap<usize, usize>,
    stack: Vec<usize>,
    /// The first `SyntaxError` found while building.
    error: Option<SymtableError>,
}

impl Builder {
    fn cur(&mut self) -> &mut Scope {
        let id = *self.stack.last().expect("scope stack is never empty");
        &mut self.scopes[id]
    }

    fn push_scope(&mut self, key: usize, kind: ScopeKind, name: Name) -> usize {
        let id = self.scopes.len();
        self.scopes.push(Scope::new(kind, name));
        let parent = *self.stack.last().expect("scope stack is never empty");
        self.scopes[parent].children.push(id);
        self.by_node.insert(key, id);
        self.stack.push(id);
        id
    }

    fn assign(&mut self, name: &Name) {
        self.cur().flags(name).assigned = true;
    }

    fn use_name(&mut self, name: &Name) {
        self.cur().flags(name).used = true;
    }

    fn fail(&mut self, span: Span, message: String) {
        if self.error.is_none() {
            self.error = Some((span, message));
        }
    }

    /// `global` / `nonlocal` declarations: the checks of CPython's symtable.
    fn declare(&mut self, span: Span, names: &[Name], is_global: bool) {
        let what = if is_global { "global" } else { "nonlocal" };
        if !is_global && self.cur().kind == ScopeKind::Module {
            return self.fail(span, "nonlocal declaration not allowed at module level".into());
        }
        for n in names {
            let f = *self.cur().flags(n);
            if f.param {
                return self.fail(span, format!("name '{n}' is parameter and {what}"));
            }
            if f.annotated {
                return self.fail(span, format!("annotated name '{n}' can't be {what}"));
            }
            if f.assigned {
                return self.fail(span, format!("name '{n}' is assigned to before {what} declaration"));
            }
            if f.used {
                return self.fail(span, format!("name '{n}' is used prior to {what} declaration"));
            }
            let first = *self.cur().directive_at.entry(n.clone()).or_insert(span);
            if (is_global && f.nonlocal) || (!is_global && f.global) {
                return self.fail(first, format!("name '{n}' is nonlocal and global"));
            }
            let scope = self.cur();
            if is_global {
                scope.flags(n).global = true;
            } else {
                scope.flags(n).nonlocal = true;
            }
        }
    }

    fn stmts(&mut self, body: &[Stmt]) {
        for s in body {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::Assign { targets, value } => {
                self.expr(value);
                for t in targets {
                    self.target(t);
                }
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(value);
                if let ExprKind::Name(n) = &target.kind {
                    self.use_name(n);
                }
                self.target(target);
            }
            StmtKind::AnnAssign { target, value } => {
                if let ExprKind::Name(n) = &target.kind {
                    self.cur().flags(n).annotated = true;
                }
                if let Some(v) = value {
                    self.expr(v);
                    self.target(target);
                } else if !matches!(target.kind, ExprKind::Name(_)) {
                    self.target(target);
                }
            }
            StmtKind::FunctionDef(f) => {
                for d in &f.decorators {
                    self.expr(d);
                }
                self.function(f);
                self.assign(&f.name);
            }
            StmtKind::ClassDef(c) => {
                for d in &c.decorators {
                    self.expr(d);
                }
                for b in &c.bases {
                    self.expr(b);
                }
                for k in &c.keywords {
                    self.expr(&k.value);
                }
                self.push_scope(class_key(c), ScopeKind::Class, c.name.clone());
                self.stmts(&c.body);
                self.stack.pop();
                self.assign(&c.name);
            }
            StmtKind::Return(v) => {
                if let Some(v) = v {
                    self.expr(v)
                }
            }
            StmtKind::Delete(ts) => {
                for t in ts {
                    self.target(t);
                }
            }
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                self.expr(test);
                self.stmts(body);
                self.stmts(orelse);
            }
            StmtKind::For { target, iter, body, orelse, .. } => {
                self.expr(iter);
                self.target(target);
                self.stmts(body);
                self.stmts(orelse);
            }
            StmtKind::With { items, body, .. } => {
                for it in items {
                    self.expr(&it.context);
                    if let Some(t) = &it.target {
                        self.target(t);
                    }
                }
                self.stmts(body);
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.expr(e);
                }
                if let Some(c) = cause {
                    self.expr(c);
                }
            }
            StmtKind::Try { body, handlers, orelse, finalbody, .. } => {
                self.stmts(body);
                for h in handlers {
                    if let Some(t) = &h.typ {
                        self.expr(t);
                    }
                    if let Some(n) = &h.name {
                        self.assign(n);
                    }
                    self.stmts(&h.body);
                }
                self.stmts(orelse);
                self.stmts(finalbody);
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test);
                if let Some(m) = msg {
                    self.expr(m);
                }
            }
            StmtKind::Import(names) => {
                for a in names {
                    let bound: Name = match &a.asname {
                        Some(n) => n.clone(),
                        None => a.name.split('.').next().unwrap_or(&a.name).into(),
                    };
                    self.assign(&bound);
                }
            }
            StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    let bound = a.asname.clone().unwrap_or_else(|| a.name.clone());
                    if &*bound != "*" {
                        self.assign(&bound);
                    }
                }
            }
            StmtKind::Global(names) => self.declare(s.span, names, true),
            StmtKind::Nonlocal(names) => self.declare(s.span, names, false),
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
        }
    }

    fn params_defaults(&mut self, p: &Params) {
        for param in p.posonly.iter().chain(&p.args).chain(&p.kwonly) {
            if let Some(d) = &param.default {
                self.expr(d);
            }
        }
    }

    fn function(&mut self, f: &FuncDef) {
        self.params_defaults(&f.params);
        let id = self.push_scope(func_key(f), ScopeKind::Function, f.name.clone());
        self.scopes[id].is_coroutine = f.is_async;
        let p = &f.params;
        for param in p.posonly.iter().chain(&p.args) {
            self.cur().flags(&param.name).param = true;
        }
        // CPython's slot order: positional, keyword-only, then *args and **kwargs.
        for param in &p.kwonly {
            self.cur().flags(&param.name).param = true;
        }
        if let Some(v) = &p.vararg {
            self.cur().flags(v).param = true;
        }
        if let Some(k) = &p.kwarg {
            self.cur().flags(k).param = true;
        }
        self.stmts(&f.body);
        self.stack.pop();
    }

    fn target(&mut self, t: &Expr) {
        match &t.kind {
            ExprKind::Name(n) => self.assign(n),
            ExprKind::Tuple(es) | ExprKind::List(es) => {
                for e in es {
                    self.target(e);
                }
            }
            ExprKind::Starred(e) => self.target(e),
            _ => self.expr(t),
        }
    }

    fn comprehension(&mut self, e: &Expr, gens: &[Comprehension], elts: &[&Expr]) {
        // The outermost iterable is evaluated in the enclosing scope.
        self.expr(&gens[0].iter);
        let is_genexp = matches!(e.kind, ExprKind::GeneratorExp { .. });
        let id = self.push_scope(expr_key(e), ScopeKind::Function, comp_name(e).into());
        self.scopes[id].is_comprehension = true;
        self.scopes[id].is_generator = is_genexp;
        self.cur().flags(&".0".into()).param = true;
        for (i, g) in gens.iter().enumerate() {
            if i > 0 {
                self.expr(&g.iter);
            }
            self.target(&g.target);
            let mut vars = vec![];
            target_names(&g.target, &mut vars);
            self.scopes[id].iter_vars.extend(vars);
            for cond in &g.ifs {
                self.expr(cond);
            }
            if g.is_async {
                self.scopes[id].is_coroutine = true;
            }
        }
        for elt in elts {
            self.expr(elt);
        }
        self.stack.pop();
        // A walrus inside binds in the nearest enclosing non-comprehension scope.
        let targets = std::mem::take(&mut self.scopes[id].walrus_targets);
        if targets.is_empty() {
            return;
        }
        // The scope the `:=` binds in: the nearest one that is not a comprehension.
        let owner = self.stack.iter().rev().copied().find(|&s| !self.scopes[s].is_comprehension).unwrap_or(0);
        match self.scopes[owner].kind {
            ScopeKind::Class => self.fail(e.span, "assignment expression within a comprehension cannot be used in a class body".into()),
            // At module level the name is a global of the comprehension.
            ScopeKind::Module => {
                for t in targets {
                    self.scopes[id].flags(&t).global = true;
                    self.bind_walrus(&t);
                }
            }
            ScopeKind::Function => {
                for t in targets {
                    self.scopes[id].flags(&t).nonlocal = true;
                    self.bind_walrus(&t);
                }
            }
        }
    }

    fn bind_walrus(&mut self, name: &Name) {
        let cur = *self.stack.last().expect("scope stack is never empty");
        if self.scopes[cur].is_comprehension {
            self.scopes[cur].walrus_targets.push(name.clone());
        } else if self.scopes[cur].kind == ScopeKind::Module {
            self.scopes[cur].flags(name).assigned = true;
        } else {
            self.scopes[cur].flags(name).assigned = true;
        }
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::BoolOp { values, .. } => {
                for v in values {
                    self.expr(v);
                }
            }
            ExprKind::Named { target, value } => {
                self.expr(value);
                let cur = *self.stack.last().expect("scope stack is never empty");
                let rebinds = self.stack.iter().rev().take_while(|&&s| self.scopes[s].is_comprehension).any(|&s| self.scopes[s].iter_vars.contains(target));
                if rebinds {
                    self.fail(e.span, format!("assignment expression cannot rebind comprehension iteration variable '{target}'"));
                } else if self.scopes[cur].is_comprehension {
                    self.scopes[cur].walrus_targets.push(target.clone());
                } else {
                    self.assign(target);
                }
            }
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left);
                self.expr(right);
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand),
            ExprKind::Lambda(f) => self.function(f),
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test);
                self.expr(body);
                self.expr(orelse);
            }
            ExprKind::Dict(items) => {
                for (k, v) in items {
                    if let Some(k) = k {
                        self.expr(k);
                    }
                    self.expr(v);
                }
            }
            ExprKind::Set(es) | ExprKind::List(es) | ExprKind::Tuple(es) => {
                for x in es {
                    self.expr(x);
                }
            }
            ExprKind::ListComp { elt, gens } | ExprKind::SetComp { elt, gens } | ExprKind::GeneratorExp { elt, gens } => {
                self.comprehension(e, gens, &[elt])
            }
            ExprKind::DictComp { key, value, gens } => self.comprehension(e, gens, &[key, value]),
            ExprKind::Await(v) => {
                self.expr(v);
                let cur = *self.stack.last().expect("scope stack is never empty");
                if self.scopes[cur].is_comprehension {
                    self.scopes[cur].is_coroutine = true;
                }
            }
            ExprKind::Yield(v) => {
                if let Some(v) = v {
                    self.expr(v);
                }
                self.cur().is_generator = true;
            }
            ExprKind::YieldFrom(v) => {
                self.expr(v);
                self.cur().is_generator = true;
            }
            ExprKind::Compare { left, comparators, .. } => {
                self.expr(left);
                for c in comparators {
                    self.expr(c);
                }
            }
            ExprKind::Call { func, args, keywords } => {
                self.expr(func);
                for a in args {
                    self.expr(a);
                }
                for k in keywords {
                    self.expr(&k.value);
                }
                // Zero-argument super() needs the class cell, as in CPython.
                if let ExprKind::Name(n) = &func.kind {
                    if &**n == "super" && args.is_empty() {
                        self.use_name(&"__class__".into());
                        // `self` is the first parameter: make sure it is known as used.
                    }
                }
            }
            ExprKind::FString(parts) => self.fparts(parts),
            ExprKind::Const(_) => {}
            ExprKind::Attribute { value, .. } => self.expr(value),
            ExprKind::Subscript { value, slice } => {
                self.expr(value);
                self.expr(slice);
            }
            ExprKind::Starred(v) => self.expr(v),
            ExprKind::Name(n) => self.use_name(n),
            ExprKind::Slice { lower, upper, step } => {
                for x in [lower, upper, step].into_iter().flatten() {
                    self.expr(x);
                }
            }
        }
    }

    fn fparts(&mut self, parts: &[FStringPart]) {
        for p in parts {
            if let FStringPart::Value { expr, spec, .. } = p {
                self.expr(expr);
                if let Some(spec) = spec {
                    self.fparts(spec);
                }
            }
        }
    }
}

/// The names a target binds.
fn target_names(t: &Expr, out: &mut Vec<Name>) {
    match &t.kind {
        ExprKind::Name(n) => out.push(n.clone()),
        ExprKind::Tuple(es) | ExprKind::List(es) => es.iter().for_each(|e| target_names(e, out)),
        ExprKind::Starred(e) => target_names(e, out),
        _ => {}
    }
}

pub fn comp_name(e: &Expr) -> &'static str {
    match e.kind {
        ExprKind::ListComp { .. } => "<listcomp>",
        ExprKind::SetComp { .. } => "<setcomp>",
        ExprKind::DictComp { .. } => "<dictcomp>",
        _ => "<genexpr>",
    }
}
