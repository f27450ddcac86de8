//! The built-in types as class objects (`int`, `list`, `ValueError`, ...), one registry per
//! thread, so `type(x)`, `isinstance` and `except` work uniformly on built-ins and user classes.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::object::{new_namespace, Class};
use super::Value;

/// What a class is underneath: the built-in behaviour its instances have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BuiltinType {
    Object,
    Type,
    NoneType,
    Bool,
    Int,
    Float,
    Str,
    List,
    Tuple,
    Dict,
    Set,
    FrozenSet,
    Range,
    Slice,
    Function,
    BuiltinFunction,
    Method,
    Generator,
    Coroutine,
    AsyncGenerator,
    Module,
    Property,
    StaticMethod,
    ClassMethod,
    Super,
    BaseException,
    /// Any other built-in type that exists only to be named (`list_iterator`, `dict_keys`...).
    Other,
}

macro_rules! exc_kinds {
    ($($kind:ident : $parent:ident),* $(,)?) => {
        /// The built-in exception classes, with their parents (CPython 3.11's hierarchy).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ExcKind { BaseException, $($kind),* }

        impl ExcKind {
            pub const ALL: &'static [ExcKind] = &[ExcKind::BaseException, $(ExcKind::$kind),*];

            pub fn name(self) -> &'static str {
                match self {
                    ExcKind::BaseException => "BaseException",
                    $(ExcKind::$kind => stringify!($kind)),*
                }
            }

            pub fn parent(self) -> Option<ExcKind> {
                match self {
                    ExcKind::BaseException => None,
                    $(ExcKind::$kind => Some(ExcKind::$parent)),*
                }
            }
        }
    };
}

exc_kinds! {
    BaseExceptionGroup: BaseException,
    GeneratorExit: BaseException,
    KeyboardInterrupt: BaseException,
    SystemExit: BaseException,
    Exception: BaseException,
    ArithmeticError: Exception,
    FloatingPointError: ArithmeticError,
    OverflowError: ArithmeticError,
    ZeroDivisionError: ArithmeticError,
    AssertionError: Exception,
    AttributeError: Exception,
    BufferError: Exception,
    EOFError: Exception,
    ExceptionGroup: BaseExceptionGroup,
    ImportError: Exception,
    ModuleNotFoundError: ImportError,
    LookupError: Exception,
    IndexError: LookupError,
    KeyError: LookupError,
    MemoryError: Exception,
    NameError: Exception,
    UnboundLocalError: NameError,
    OSError: Exception,
    BlockingIOError: OSError,
    ChildProcessError: OSError,
    ConnectionError: OSError,
    BrokenPipeError: ConnectionError,
    ConnectionAbortedError: ConnectionError,
    ConnectionRefusedError: ConnectionError,
    ConnectionResetError: ConnectionError,
    FileExistsError: OSError,
    FileNotFoundError: OSError,
    InterruptedError: OSError,
    IsADirectoryError: OSError,
    NotADirectoryError: OSError,
    PermissionError: OSError,
    ProcessLookupError: OSError,
    TimeoutError: OSError,
    ReferenceError: Exception,
    RuntimeError: Exception,
    NotImplementedError: RuntimeError,
    RecursionError: RuntimeError,
    StopAsyncIteration: Exception,
    StopIteration: Exception,
    SyntaxError: Exception,
    SystemError: Exception,
    TypeError: Exception,
    ValueError: Exception,
    UnicodeError: ValueError,
    Warning: Exception,
    DeprecationWarning: Warning,
    RuntimeWarning: Warning,
    UserWarning: Warning,
}

/// The class objects of every built-in type.
pub struct Types {
    pub object: Rc<Class>,
    pub type_: Rc<Class>,
    pub none: Rc<Class>,
    pub bool_: Rc<Class>,
    pub int: Rc<Class>,
    pub float: Rc<Class>,
    pub str_: Rc<Class>,
    pub list: Rc<Class>,
    pub tuple: Rc<Class>,
    pub dict: Rc<Class>,
    pub set: Rc<Class>,
    pub frozenset: Rc<Class>,
    pub range: Rc<Class>,
    pub slice: Rc<Class>,
    pub function: Rc<Class>,
    pub builtin_function: Rc<Class>,
    pub method: Rc<Class>,
    pub generator: Rc<Class>,
    pub coroutine: Rc<Class>,
    pub async_generator: Rc<Class>,
    pub module: Rc<Class>,
    pub property: Rc<Class>,
    pub staticmethod: Rc<Class>,
    pub classmethod: Rc<Class>,
    pub super_: Rc<Class>,
    exceptions: HashMap<ExcKind, Rc<Class>>,
    /// Types that are only named (`list_iterator`, `dict_keys`, ...), made on first use.
    named: RefCell<HashMap<&'static str, Rc<Class>>>,
}

pub fn builtin_class(name: &str, bases: Vec<Rc<Class>>, builtin: BuiltinType) -> Rc<Class> {
    let mro = c3_mro(&bases).unwrap_or_default();
    let is_exception = builtin == BuiltinType::BaseException;
    Rc::new(Class {
        name: Rc::from(name),
        qualname: Rc::from(name),
        module: Rc::from("builtins"),
        bases,
        mro,
        dict: RefCell::new(new_namespace()),
        builtin,
        is_exception,
    })
}

/// A class created by a host layer (asyncio's classes), shown as `module.name`.
pub fn new_class(name: &str, module: &str, bases: Vec<Rc<Class>>, builtin: BuiltinType) -> Rc<Class> {
    let mro = c3_mro(&bases).unwrap_or_default();
    let is_exception = builtin == BuiltinType::BaseException;
    Rc::new(Class {
        name: Rc::from(name),
        qualname: Rc::from(name),
        module: Rc::from(module),
        bases,
        mro,
        dict: RefCell::new(new_namespace()),
        builtin,
        is_exception,
    })
}

/// C3 linearization of the bases (the MRO without the class itself); `None` if inconsistent.
pub fn c3_mro(bases: &[Rc<Class>]) -> Option<Vec<Rc<Class>>> {
    let mut seqs: Vec<Vec<Rc<Class>>> = bases
        .iter()
        .map(|b| b.mro_iter().cloned().collect())
        .collect();
    seqs.push(bases.to_vec());
    let mut out: Vec<Rc<Class>> = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Some(out);
        }
        let candidate = seqs.iter().find_map(|s| {
            let head = &s[0];
            let in_tail = seqs.iter().any(|t| t[1..].iter().any(|c| Rc::ptr_eq(c, head)));
            (!in_tail).then(|| head.clone())
        })?;
        for s in seqs.iter_mut() {
            if Rc::ptr_eq(&s[0], &candidate) {
                s.remove(0);
            }
        }
        out.push(candidate);
    }
}

impl Types {
    fn new() -> Types {
        let object = builtin_class("object", vec![], BuiltinType::Object);
        let mk = |name: &str, b: BuiltinType| builtin_class(name, vec![object.clone()], b);
        let int = mk("int", BuiltinType::Int);
        let bool_ = builtin_class("bool", vec![int.clone()], BuiltinType::Bool);
        let mut exceptions: HashMap<ExcKind, Rc<Class>> = HashMap::new();
        for &kind in ExcKind::ALL {
            let bases = match kind {
                ExcKind::BaseException => vec![object.clone()],
                ExcKind::ExceptionGroup => vec![
                    exceptions[&ExcKind::BaseExceptionGroup].clone(),
                    exceptions[&ExcKind::Exception].clone(),
                ],
                other => vec![exceptions[&other.parent().expect("only BaseException has no parent")].clone()],
            };
            exceptions.insert(kind, builtin_class(kind.name(), bases, BuiltinType::BaseException));
        }
        Types {
            type_: mk("type", BuiltinType::Type),
            none: mk("NoneType", BuiltinType::NoneType),
            bool_,
            int,
            float: mk("float", BuiltinType::Float),
            str_: mk("str", BuiltinType::Str),
            list: mk("list", BuiltinType::List),
            tuple: mk("tuple", BuiltinType::Tuple),
            dict: mk("dict", BuiltinType::Dict),
            set: mk("set", BuiltinType::Set),
            frozenset: mk("frozenset", BuiltinType::FrozenSet),
            range: mk("range", BuiltinType::Range),
            slice: mk("slice", BuiltinType::Slice),
            function: mk("function", BuiltinType::Function),
            builtin_function: mk("builtin_function_or_method", BuiltinType::BuiltinFunction),
            method: mk("method", BuiltinType::Method),
            generator: mk("generator", BuiltinType::Generator),
            coroutine: mk("coroutine", BuiltinType::Coroutine),
            async_generator: mk("async_generator", BuiltinType::AsyncGenerator),
            module: mk("module", BuiltinType::Module),
            property: mk("property", BuiltinType::Property),
            staticmethod: mk("staticmethod", BuiltinType::StaticMethod),
            classmethod: mk("classmethod", BuiltinType::ClassMethod),
            super_: mk("super", BuiltinType::Super),
            exceptions,
            named: RefCell::new(HashMap::new()),
            object,
        }
    }

    pub fn exc(&self, kind: ExcKind) -> Rc<Class> {
        self.exceptions[&kind].clone()
    }

    pub fn named(&self, name: &'static str) -> Rc<Class> {
        self.named
            .borrow_mut()
            .entry(name)
            .or_insert_with(|| builtin_class(name, vec![self.object.clone()], BuiltinType::Other))
            .clone()
    }
}

thread_local! {
    // Leaked once per engine thread: the registry lives as long as the thread's programs.
    static TYPES: &'static Types = Box::leak(Box::new(Types::new()));
}

pub fn types() -> &'static Types {
    TYPES.with(|t| *t)
}

/// `type(v)`.
pub fn class_of(v: &Value) -> Rc<Class> {
    let t = types();
    match v {
        Value::None => t.none.clone(),
        Value::Bool(_) => t.bool_.clone(),
        Value::Int(_) | Value::BigInt(_) => t.int.clone(),
        Value::Float(_) => t.float.clone(),
        Value::Str(_) => t.str_.clone(),
        Value::List(_) => t.list.clone(),
        Value::Tuple(_) => t.tuple.clone(),
        Value::Dict(_) => t.dict.clone(),
        Value::Set(_) => t.set.clone(),
        Value::FrozenSet(_) => t.frozenset.clone(),
        Value::Range(_) => t.range.clone(),
        Value::Slice(_) => t.slice.clone(),
        Value::Function(_) => t.function.clone(),
        Value::Native(_) | Value::BuiltinMethod(_) => t.builtin_function.clone(),
        Value::Method(_) => t.method.clone(),
        Value::Generator(g) => match g.kind {
            super::GenKind::Generator => t.generator.clone(),
            super::GenKind::Coroutine => t.coroutine.clone(),
            super::GenKind::AsyncGenerator => t.async_generator.clone(),
        },
        Value::Class(_) => t.type_.clone(),
        Value::Instance(i) => i.class.clone(),
        Value::Module(_) => t.module.clone(),
        Value::Property(_) => t.property.clone(),
        Value::StaticMethod(_) => t.staticmethod.clone(),
        Value::ClassMethod(_) => t.classmethod.clone(),
        Value::Super(_) => t.super_.clone(),
        Value::Object(o) => o.class().unwrap_or_else(|| t.named(o.type_name())),
        other => t.named(type_name(other)),
    }
}

/// `type(v).__name__`, without building a class for the common cases.
pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::None => "NoneType",
        Value::Undefined => "undefined",
        Value::NotImplemented => "NotImplementedType",
        Value::Ellipsis => "ellipsis",
        Value::Bool(_) => "bool",
        Value::Int(_) | Value::BigInt(_) => "int",
        Value::Float(_) => "float",
        Value::Str(_) => "str",
        Value::List(_) => "list",
        Value::Tuple(_) => "tuple",
        Value::Dict(_) => "dict",
        Value::Set(_) => "set",
        Value::FrozenSet(_) => "frozenset",
        Value::Range(_) => "range",
        Value::Slice(_) => "slice",
        Value::Function(_) => "function",
        Value::Native(_) | Value::BuiltinMethod(_) => "builtin_function_or_method",
        Value::Method(_) => "method",
        Value::Generator(g) => match g.kind {
            super::GenKind::Generator => "generator",
            super::GenKind::Coroutine => "coroutine",
            super::GenKind::AsyncGenerator => "async_generator",
        },
        Value::Class(_) => "type",
        Value::Instance(_) => "object",
        Value::Module(_) => "module",
        Value::Iter(it) => it.borrow().type_name(),
        Value::DictView(v) => match v.1 {
            super::DictViewKind::Keys => "dict_keys",
            super::DictViewKind::Values => "dict_values",
            super::DictViewKind::Items => "dict_items",
        },
        Value::Cell(_) => "cell",
        Value::Code(_) => "code",
        Value::Property(_) => "property",
        Value::StaticMethod(_) => "staticmethod",
        Value::ClassMethod(_) => "classmethod",
        Value::Super(_) => "super",
        Value::Object(o) => o.type_name(),
    }
}

/// The name of the value's class, including user classes (for messages).
pub fn class_name(v: &Value) -> Rc<str> {
    match v {
        Value::Instance(i) => i.class.name.clone(),
        Value::Object(o) => match o.class() {
            Some(c) => c.name.clone(),
            None => Rc::from(o.type_name()),
        },
        other => Rc::from(type_name(other)),
    }
}
