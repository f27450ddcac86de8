//! Dropping ruff's syntax tree without recursion.
//!
//! The tree's drop glue recurses once per level, and some shapes nest as deep as the
//! source is long without any bracket (`a.b.b.b...`, `f()()()...`, `1+1+1...`), so a
//! large hostile script could overflow the native stack while merely being freed.
//! Instead, nodes are taken apart one level at a time: every direct child is moved out
//! onto a work list (its place taken by a leaf), then the emptied node is dropped.

use std::cell::RefCell;

use ruff_python_ast as py;
use ruff_python_ast::visitor::transformer::{walk_expr, walk_stmt, Transformer};

/// A node waiting to be taken apart.
enum Node {
    Stmt(py::Stmt),
    Expr(py::Expr),
}

/// Moves the direct children of the node being walked onto `out`.
struct Detach {
    out: RefCell<Vec<Node>>,
}

impl Transformer for Detach {
    fn visit_stmt(&self, stmt: &mut py::Stmt) {
        let leaf = py::Stmt::Pass(py::StmtPass { node_index: Default::default(), range: Default::default() });
        self.out.borrow_mut().push(Node::Stmt(std::mem::replace(stmt, leaf)));
    }

    fn visit_expr(&self, expr: &mut py::Expr) {
        let leaf = py::Expr::NoneLiteral(py::ExprNoneLiteral::default());
        self.out.borrow_mut().push(Node::Expr(std::mem::replace(expr, leaf)));
    }
}

/// Drop a parsed module, however deep, in bounded stack.
pub fn drop_module(module: py::ModModule) {
    let detach = Detach { out: RefCell::new(Vec::new()) };
    let mut work: Vec<Node> = module.body.into_iter().map(Node::Stmt).collect();
    while let Some(mut node) = work.pop() {
        // `walk_*` visits the direct children (through patterns, parameters, f-string
        // parts...) and calls back `visit_stmt` / `visit_expr`, which detach them.
        match &mut node {
            Node::Stmt(s) => walk_stmt(&detach, s),
            Node::Expr(e) => walk_expr(&detach, e),
        }
        drop(node);
        work.append(&mut detach.out.borrow_mut());
    }
}
