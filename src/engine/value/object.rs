//! Heap objects behind `Value`'s `Rc`s: functions, classes, instances, generators,
//! modules, iterators, exceptions, and the trait host layers implement for their own objects.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use smallvec::SmallVec;

use super::super::bytecode::Code;
use super::super::vm::{Frame, PyResult, Vm};
use super::dict::Dict;
use super::types::BuiltinType;
use super::Value;

pub use super::namespace::Namespace;
pub type Globals = Rc<RefCell<Namespace>>;

pub fn new_namespace() -> Namespace {
    Namespace::new()
}

/// Positional and keyword arguments of one call.
#[derive(Default)]
pub struct Args {
    pub pos: SmallVec<[Value; 3]>,
    pub kw: Vec<(Rc<str>, Value)>,
}

impl Args {
    pub fn new(pos: impl IntoIterator<Item = Value>) -> Args {
        Args { pos: pos.into_iter().collect(), kw: Vec::new() }
    }

    pub fn len(&self) -> usize {
        self.pos.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pos.is_empty() && self.kw.is_empty()
    }

    /// Remove and return a keyword argument.
    pub fn take_kw(&mut self, name: &str) -> Option<Value> {
        let i = self.kw.iter().position(|(k, _)| &**k == name)?;
        Some(self.kw.remove(i).1)
    }
}

pub struct Function {
    pub code: Rc<Code>,
    pub globals: Globals,
    pub name: RefCell<Rc<str>>,
    pub qualname: Rc<str>,
    /// Defaults of the trailing positional parameters.
    pub defaults: Vec<Value>,
    pub kwdefaults: Vec<(Rc<str>, Value)>,
    pub closure: Vec<Rc<RefCell<Value>>>,
    /// `func.attr = ...` and `__doc__`-style attributes.
    pub dict: RefCell<Namespace>,
}

pub type NativeFn = dyn Fn(&mut Vm, Args) -> PyResult<Value>;

/// A function implemented in Rust (`len`, `print`, `asyncio.sleep`...).
pub struct NativeFunction {
    pub name: Rc<str>,
    /// The module shown in reprs and traceback-less errors, e.g. `asyncio`.
    pub module: &'static str,
    pub func: Box<NativeFn>,
    /// Every call counts toward the recursion limit, as CPython's `METH_O`, `METH_NOARGS`
    /// and `METH_VARARGS` built-ins do; the others count only until the calling code is
    /// specialized (see `Code::is_warm`).
    pub always_checked: bool,
}

impl NativeFunction {
    pub fn new(name: &str, module: &'static str, func: impl Fn(&mut Vm, Args) -> PyResult<Value> + 'static) -> Value {
        Value::Native(Rc::new(NativeFunction { name: Rc::from(name), module, func: Box::new(func), always_checked: false }))
    }

    /// A native whose every call is checked against the recursion limit.
    pub fn new_checked(name: &str, module: &'static str, func: impl Fn(&mut Vm, Args) -> PyResult<Value> + 'static) -> Value {
        Value::Native(Rc::new(NativeFunction { name: Rc::from(name), module, func: Box::new(func), always_checked: true }))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GenKind {
    Generator,
    Coroutine,
    AsyncGenerator,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GenState {
    Created,
    Suspended,
    Running,
    Closed,
}

/// A generator, coroutine or async generator: a function frame kept alive between resumptions.
pub struct Generator {
    pub kind: GenKind,
    /// Its code object: the source of `__name__` and `__qualname__`.
    pub code: Rc<Code>,
    pub frame: RefCell<Option<Box<Frame>>>,
    pub state: Cell<GenState>,
    /// Set once anything awaited or stepped it (for "coroutine ... was never awaited").
    pub started: Cell<bool>,
    /// Async generators: an `athrow`/`aclose` in progress, or finalizer bookkeeping.
    pub ag_running: Cell<bool>,
    /// Async generators: `aclose()` was requested while suspended at a `yield`.
    pub ag_closing: Cell<bool>,
}

impl Drop for Generator {
    fn drop(&mut self) {
        // CPython's `_PyGen_Finalize`: a coroutine freed before it ever ran.
        if self.kind == GenKind::Coroutine && self.state.get() == GenState::Created {
            crate::engine::unawaited::note(self.code.qualname.clone());
        }
    }
}

impl Generator {
    pub fn name(&self) -> &Rc<str> {
        &self.code.name
    }

    pub fn qualname(&self) -> &Rc<str> {
        &self.code.qualname
    }
}

pub struct Class {
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    pub module: Rc<str>,
    pub bases: Vec<Rc<Class>>,
    /// Method resolution order, without the class itself.
    pub mro: Vec<Rc<Class>>,
    pub dict: RefCell<Namespace>,
    /// The built-in type this class is (or the nearest one it derives from).
    pub builtin: BuiltinType,
    /// Instances carry exception state (the class derives from BaseException).
    pub is_exception: bool,
}

impl Class {
    /// The class itself followed by its MRO.
    pub fn mro_iter<'a>(self: &'a Rc<Self>) -> impl Iterator<Item = &'a Rc<Class>> + 'a {
        std::iter::once(self).chain(self.mro.iter())
    }

    pub fn lookup(self: &Rc<Self>, name: &str) -> Option<Value> {
        for c in self.mro_iter() {
            if let Some(v) = c.dict.borrow().get(name) {
                return Some(v.clone());
            }
        }
        None
    }

    pub fn is_subclass(self: &Rc<Self>, other: &Rc<Class>) -> bool {
        self.mro_iter().any(|c| Rc::ptr_eq(c, other))
    }

    /// Defined in Python code (not a built-in type).
    pub fn is_user(&self) -> bool {
        &*self.module != "builtins"
    }
}

/// One line of a traceback: where an exception passed through.
#[derive(Debug, Clone)]
pub struct TbEntry {
    pub file: Rc<str>,
    pub line: u32,
    pub func: Rc<str>,
    pub source_line: Rc<str>,
}

/// The state every exception instance carries.
#[derive(Default)]
pub struct ExcData {
    pub args: Vec<Value>,
    pub cause: Value,
    pub context: Value,
    pub suppress_context: bool,
    pub traceback: Vec<TbEntry>,
    pub notes: Vec<Value>,
}

pub struct Instance {
    pub class: Rc<Class>,
    pub dict: RefCell<Namespace>,
    pub exc: Option<Box<RefCell<ExcData>>>,
}

impl Instance {
    pub fn new(class: Rc<Class>) -> Rc<Instance> {
        let exc = class.is_exception.then(|| Box::new(RefCell::new(ExcData::default())));
        Rc::new(Instance { class, dict: RefCell::new(new_namespace()), exc })
    }

    pub fn get(&self, name: &str) -> Option<Value> {
        self.dict.borrow().get(name).cloned()
    }

    pub fn set(&self, name: &str, v: Value) {
        self.dict.borrow_mut().insert(Rc::from(name), v);
    }
}

pub struct Module {
    pub name: Rc<str>,
    pub dict: Globals,
}

impl Module {
    pub fn new(name: &str) -> Rc<Module> {
        Rc::new(Module { name: Rc::from(name), dict: Rc::new(RefCell::new(new_namespace())) })
    }

    pub fn set(&self, name: &str, v: Value) {
        self.dict.borrow_mut().insert(Rc::from(name), v);
    }

    pub fn get(&self, name: &str) -> Option<Value> {
        self.dict.borrow().get(name).cloned()
    }
}

pub struct Property {
    pub fget: Value,
    pub fset: Value,
}

/// Built-in iterators. List iterators index into the live list, as CPython's do.
pub enum Iter {
    Seq { seq: Value, idx: usize },
    Range { next: i64, stop: i64, step: i64 },
    Str { s: Rc<str>, pos: usize },
    Dict { dict: Rc<RefCell<Dict>>, idx: usize, kind: super::DictViewKind, len: usize },
    Items { items: Vec<Value>, idx: usize, type_name: &'static str },
    /// A set's elements as they were when iteration began; a change of the set's size
    /// is CPython's "Set changed size during iteration".
    SetItems { set: Rc<RefCell<super::set::Set>>, items: Vec<Value>, idx: usize, len: usize },
    Reversed { seq: Value, idx: usize },
    Enumerate { it: Value, n: i64 },
    Zip { its: Vec<Value>, strict: bool },
    Map { func: Value, its: Vec<Value> },
    Filter { func: Value, it: Value },
    /// `iter(callable, sentinel)`.
    Callable { func: Value, sentinel: Value },
    Exhausted,
}

impl Iter {
    pub fn type_name(&self) -> &'static str {
        match self {
            Iter::Seq { seq: Value::Tuple(_), .. } => "tuple_iterator",
            Iter::Seq { .. } => "list_iterator",
            Iter::Range { .. } => "range_iterator",
            Iter::Str { s, .. } => {
                if s.is_ascii() {
                    "str_ascii_iterator"
                } else {
                    "str_iterator"
                }
            }
            Iter::Dict { kind, .. } => match kind {
                super::DictViewKind::Keys => "dict_keyiterator",
                super::DictViewKind::Values => "dict_valueiterator",
                super::DictViewKind::Items => "dict_itemiterator",
            },
            Iter::Items { type_name, .. } => type_name,
            Iter::SetItems { .. } => "set_iterator",
            Iter::Reversed { .. } => "list_reverseiterator",
            Iter::Enumerate { .. } => "enumerate",
            Iter::Zip { .. } => "zip",
            Iter::Map { .. } => "map",
            Iter::Filter { .. } => "filter",
            Iter::Callable { .. } => "callable_iterator",
            Iter::Exhausted => "iterator",
        }
    }
}

/// How a suspended awaitable is resumed.
pub enum Resume {
    Send(Value),
    Throw(Value),
}

/// What one resumption of an awaitable produced.
pub enum SendResult {
    /// Suspended, handing this value up to whoever drives the coroutine (the Task).
    Yield(Value),
    /// Finished with this value (`StopIteration.value`).
    Return(Value),
}

/// Objects implemented by host layers (asyncio's Future, Task, loop, handles...).
///
/// The VM knows nothing of their semantics: it asks for attributes, calls methods by
/// name, and drives them with `send` when they are awaited.
pub trait NativeObject {
    fn type_name(&self) -> &'static str;
    fn as_any(&self) -> &dyn Any;
    /// For `Rc::downcast` back to the concrete type.
    fn as_any_rc(self: Rc<Self>) -> Rc<dyn Any>;

    /// `repr(obj)`.
    fn repr(&self, _vm: &mut Vm) -> String {
        format!("<{} object>", self.type_name())
    }

    /// A data attribute (`eg.exceptions`, `handle._when`). Methods go through `call_method`.
    fn get_attr(&self, _this: &Value, _vm: &mut Vm, _name: &str) -> Option<PyResult<Value>> {
        None
    }

    fn set_attr(&self, _vm: &mut Vm, _name: &str, _value: Value) -> Option<PyResult<()>> {
        None
    }

    fn has_method(&self, _name: &str) -> bool {
        false
    }

    /// `obj.name(*args)`; `None` when there is no such method.
    fn call_method(&self, _this: &Value, _vm: &mut Vm, _name: &str, _args: Args) -> Option<PyResult<Value>> {
        None
    }

    /// `obj(*args)` for callable objects.
    fn call(&self, _this: &Value, _vm: &mut Vm, _args: Args) -> Option<PyResult<Value>> {
        None
    }

    /// Awaitable objects: one step of `await obj` (its `__await__` iterator).
    /// `None` means the object is not awaitable.
    fn send(&self, _this: &Value, _vm: &mut Vm, _how: Resume) -> Option<PyResult<SendResult>> {
        None
    }

    /// Is this a coroutine object (accepted by `create_task`, `asyncio.run`)?
    fn is_coroutine(&self) -> bool {
        false
    }

    /// Close a native coroutine that will never run (cancelled before its first step).
    fn close(&self, _vm: &mut Vm) {}

    /// The class object for `type(obj)` / isinstance checks, when the host has one.
    fn class(&self) -> Option<Rc<Class>> {
        None
    }

    /// Equality/hash identity by default.
    fn hash(&self) -> Option<i64> {
        None
    }
}
