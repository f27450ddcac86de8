//! aiotutor's own small Python AST: only what the subset runs.
//!
//! `lower.rs` builds it from ruff's AST and rejects everything else with a located error,
//! so the compiler never meets a construct it does not know.

use std::rc::Rc;

/// A byte range in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

pub type Name = Rc<str>;

#[derive(Debug, Clone)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum StmtKind {
    Expr(Expr),
    Assign { targets: Vec<Expr>, value: Expr },
    AugAssign { target: Expr, op: BinOp, value: Expr },
    /// `x: int = 3` (the annotation is not evaluated at function level; we drop it).
    AnnAssign { target: Expr, value: Option<Expr> },
    FunctionDef(Rc<FuncDef>),
    ClassDef(Rc<ClassDef>),
    Return(Option<Expr>),
    Delete(Vec<Expr>),
    If { test: Expr, body: Vec<Stmt>, orelse: Vec<Stmt> },
    While { test: Expr, body: Vec<Stmt>, orelse: Vec<Stmt> },
    For { is_async: bool, target: Expr, iter: Expr, body: Vec<Stmt>, orelse: Vec<Stmt> },
    With { is_async: bool, items: Vec<WithItem>, body: Vec<Stmt> },
    Raise { exc: Option<Expr>, cause: Option<Expr> },
    Try { body: Vec<Stmt>, handlers: Vec<Handler>, orelse: Vec<Stmt>, finalbody: Vec<Stmt>, is_star: bool },
    Assert { test: Expr, msg: Option<Expr> },
    Import(Vec<Alias>),
    ImportFrom { module: Name, names: Vec<Alias> },
    Global(Vec<Name>),
    Nonlocal(Vec<Name>),
    Pass,
    Break,
    Continue,
}

#[derive(Debug, Clone)]
pub struct WithItem {
    pub context: Expr,
    pub target: Option<Expr>,
}

#[derive(Debug, Clone)]
pub struct Handler {
    pub typ: Option<Expr>,
    pub name: Option<Name>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Alias {
    pub name: Name,
    pub asname: Option<Name>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Param {
    pub name: Name,
    pub default: Option<Expr>,
    /// Where its annotation is written (`x: int`): kept as source text, never evaluated
    /// (simulated FastAPI reads it to convert path and query parameters).
    pub annotation: Option<Span>,
}

#[derive(Debug, Clone, Default)]
pub struct Params {
    pub posonly: Vec<Param>,
    pub args: Vec<Param>,
    pub vararg: Option<Name>,
    pub kwonly: Vec<Param>,
    pub kwarg: Option<Name>,
}

#[derive(Debug, Clone)]
pub struct FuncDef {
    pub name: Name,
    pub params: Params,
    pub body: Vec<Stmt>,
    pub is_async: bool,
    pub is_lambda: bool,
    pub decorators: Vec<Expr>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct ClassDef {
    pub name: Name,
    pub bases: Vec<Expr>,
    pub keywords: Vec<Keyword>,
    pub body: Vec<Stmt>,
    pub decorators: Vec<Expr>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Keyword {
    /// `None` for `**kwargs`.
    pub arg: Option<Name>,
    pub value: Expr,
}

#[derive(Debug, Clone)]
pub struct Comprehension {
    pub target: Expr,
    pub iter: Expr,
    pub ifs: Vec<Expr>,
    pub is_async: bool,
}

#[derive(Debug, Clone)]
pub enum Constant {
    None,
    Bool(bool),
    Int(i64),
    /// Decimal digits of an int literal too big for i64.
    BigInt(Rc<str>),
    Float(f64),
    Str(Rc<str>),
    Ellipsis,
}

#[derive(Debug, Clone)]
pub enum FStringPart {
    Literal(Rc<str>),
    Value { expr: Box<Expr>, conversion: Option<char>, spec: Option<Vec<FStringPart>> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoolOp {
    And,
    Or,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    MatMul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    BitOr,
    BitXor,
    BitAnd,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::MatMul => "@",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::BitAnd => "&",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    Not,
    Neg,
    Pos,
    Invert,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}

#[derive(Debug, Clone)]
pub enum ExprKind {
    BoolOp { op: BoolOp, values: Vec<Expr> },
    Named { target: Name, value: Box<Expr> },
    BinOp { left: Box<Expr>, op: BinOp, right: Box<Expr> },
    UnaryOp { op: UnaryOp, operand: Box<Expr> },
    Lambda(Rc<FuncDef>),
    IfExp { test: Box<Expr>, body: Box<Expr>, orelse: Box<Expr> },
    /// `None` key = `**mapping`.
    Dict(Vec<(Option<Expr>, Expr)>),
    Set(Vec<Expr>),
    ListComp { elt: Box<Expr>, gens: Vec<Comprehension> },
    SetComp { elt: Box<Expr>, gens: Vec<Comprehension> },
    DictComp { key: Box<Expr>, value: Box<Expr>, gens: Vec<Comprehension> },
    GeneratorExp { elt: Box<Expr>, gens: Vec<Comprehension> },
    Await(Box<Expr>),
    Yield(Option<Box<Expr>>),
    YieldFrom(Box<Expr>),
    Compare { left: Box<Expr>, ops: Vec<CmpOp>, comparators: Vec<Expr> },
    Call { func: Box<Expr>, args: Vec<Expr>, keywords: Vec<Keyword> },
    FString(Vec<FStringPart>),
    Const(Constant),
    Attribute { value: Box<Expr>, attr: Name },
    Subscript { value: Box<Expr>, slice: Box<Expr> },
    Starred(Box<Expr>),
    Name(Name),
    List(Vec<Expr>),
    Tuple(Vec<Expr>),
    Slice { lower: Option<Box<Expr>>, upper: Option<Box<Expr>>, step: Option<Box<Expr>> },
}

/// A whole script.
#[derive(Debug, Clone)]
pub struct Module {
    pub body: Vec<Stmt>,
}
