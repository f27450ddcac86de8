//! Python values. `Value` is a 16-byte enum: small immediates inline, everything else
//! behind an `Rc`. Identity (`is`) is pointer identity of that `Rc`.

pub mod dict;
pub mod namespace;
pub mod number;
pub mod object;
pub mod set;
pub mod teardown;
mod trashcan;
pub mod types;

use std::cell::RefCell;
use std::rc::Rc;

use num_bigint::BigInt;

pub use dict::{Dict, HashKey};
pub use object::*;
pub use set::Set;
pub use types::{BuiltinType, ExcKind};

use super::bytecode::Code;

pub type List = Rc<RefCell<Vec<Value>>>;

#[derive(Default)]
pub enum Value {
    #[default]
    None,
    /// Marks an unbound local / empty slot; never visible to Python code.
    Undefined,
    NotImplemented,
    Ellipsis,
    Bool(bool),
    Int(i64),
    BigInt(Rc<BigInt>),
    Float(f64),
    Str(Rc<str>),
    List(List),
    Tuple(Rc<[Value]>),
    Dict(Rc<RefCell<Dict>>),
    Set(Rc<RefCell<Set>>),
    FrozenSet(Rc<Set>),
    Range(Rc<Range>),
    Slice(Rc<[Value; 3]>),
    Function(Rc<Function>),
    Native(Rc<NativeFunction>),
    /// A Python function bound to its first argument (`obj.method`).
    Method(Rc<(Value, Value)>),
    /// A built-in type's method bound to its receiver (`lst.append`), dispatched by name.
    BuiltinMethod(Rc<(Value, Rc<str>)>),
    Generator(Rc<Generator>),
    Class(Rc<Class>),
    Instance(Rc<Instance>),
    Module(Rc<Module>),
    Iter(Rc<RefCell<Iter>>),
    DictView(Rc<(Rc<RefCell<Dict>>, DictViewKind)>),
    Cell(Rc<RefCell<Value>>),
    Code(Rc<Code>),
    Property(Rc<Property>),
    StaticMethod(Rc<Value>),
    ClassMethod(Rc<Value>),
    Super(Rc<(Rc<Class>, Value)>),
    /// Objects implemented by a host layer (asyncio's futures, tasks, the loop...).
    Object(Rc<dyn NativeObject>),
}

impl Clone for Value {
    // Hand-written so it inlines: cloning values is on every hot path of the VM.
    #[inline(always)]
    fn clone(&self) -> Self {
        match self {
            Value::None => Value::None,
            Value::Undefined => Value::Undefined,
            Value::NotImplemented => Value::NotImplemented,
            Value::Ellipsis => Value::Ellipsis,
            Value::Bool(x) => Value::Bool(x.clone()),
            Value::Int(x) => Value::Int(x.clone()),
            Value::BigInt(x) => Value::BigInt(x.clone()),
            Value::Float(x) => Value::Float(x.clone()),
            Value::Str(x) => Value::Str(x.clone()),
            Value::List(x) => Value::List(x.clone()),
            Value::Tuple(x) => Value::Tuple(x.clone()),
            Value::Dict(x) => Value::Dict(x.clone()),
            Value::Set(x) => Value::Set(x.clone()),
            Value::FrozenSet(x) => Value::FrozenSet(x.clone()),
            Value::Range(x) => Value::Range(x.clone()),
            Value::Slice(x) => Value::Slice(x.clone()),
            Value::Function(x) => Value::Function(x.clone()),
            Value::Native(x) => Value::Native(x.clone()),
            Value::Method(x) => Value::Method(x.clone()),
            Value::BuiltinMethod(x) => Value::BuiltinMethod(x.clone()),
            Value::Generator(x) => Value::Generator(x.clone()),
            Value::Class(x) => Value::Class(x.clone()),
            Value::Instance(x) => Value::Instance(x.clone()),
            Value::Module(x) => Value::Module(x.clone()),
            Value::Iter(x) => Value::Iter(x.clone()),
            Value::DictView(x) => Value::DictView(x.clone()),
            Value::Cell(x) => Value::Cell(x.clone()),
            Value::Code(x) => Value::Code(x.clone()),
            Value::Property(x) => Value::Property(x.clone()),
            Value::StaticMethod(x) => Value::StaticMethod(x.clone()),
            Value::ClassMethod(x) => Value::ClassMethod(x.clone()),
            Value::Super(x) => Value::Super(x.clone()),
            Value::Object(x) => Value::Object(x.clone()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DictViewKind {
    Keys,
    Values,
    Items,
}

#[derive(Debug, Clone)]
pub struct Range {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl Range {
    pub fn len(&self) -> i64 {
        let (start, stop, step) = (self.start as i128, self.stop as i128, self.step as i128);
        let n = if step > 0 {
            if stop > start { (stop - start + step - 1) / step } else { 0 }
        } else if start > stop {
            (start - stop - step - 1) / (-step)
        } else {
            0
        };
        n as i64
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, i: i64) -> i64 {
        self.start + i * self.step
    }
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::from(s))
    }

    pub fn string(s: String) -> Value {
        Value::Str(Rc::from(s))
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(RefCell::new(items)))
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::from(items))
    }

    pub fn empty_tuple() -> Value {
        Value::Tuple(Rc::from(Vec::new()))
    }

    pub fn dict(d: Dict) -> Value {
        Value::Dict(Rc::new(RefCell::new(d)))
    }

    pub fn from_bigint(b: BigInt) -> Value {
        number::normalize(b)
    }

    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// `a is b`.
    pub fn is(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (None, None) | (Undefined, Undefined) | (NotImplemented, NotImplemented) | (Ellipsis, Ellipsis) => true,
            (Bool(a), Bool(b)) => a == b,
            // Small ints are cached in CPython; all our i64s behave like that.
            (Int(a), Int(b)) => a == b,
            (Float(a), Float(b)) => a.to_bits() == b.to_bits(),
            (BigInt(a), BigInt(b)) => Rc::ptr_eq(a, b),
            (Str(a), Str(b)) => Rc::ptr_eq(a, b) || (a.len() <= 1 && a == b),
            (List(a), List(b)) => Rc::ptr_eq(a, b),
            (Tuple(a), Tuple(b)) => Rc::ptr_eq(a, b) || (a.is_empty() && b.is_empty()),
            (Dict(a), Dict(b)) => Rc::ptr_eq(a, b),
            (Set(a), Set(b)) => Rc::ptr_eq(a, b),
            (FrozenSet(a), FrozenSet(b)) => Rc::ptr_eq(a, b),
            (Range(a), Range(b)) => Rc::ptr_eq(a, b),
            (Slice(a), Slice(b)) => Rc::ptr_eq(a, b),
            (Function(a), Function(b)) => Rc::ptr_eq(a, b),
            (Native(a), Native(b)) => Rc::ptr_eq(a, b),
            (Method(a), Method(b)) => Rc::ptr_eq(a, b),
            (BuiltinMethod(a), BuiltinMethod(b)) => Rc::ptr_eq(a, b),
            (Generator(a), Generator(b)) => Rc::ptr_eq(a, b),
            (Class(a), Class(b)) => Rc::ptr_eq(a, b),
            (Instance(a), Instance(b)) => Rc::ptr_eq(a, b),
            (Module(a), Module(b)) => Rc::ptr_eq(a, b),
            (Iter(a), Iter(b)) => Rc::ptr_eq(a, b),
            (DictView(a), DictView(b)) => Rc::ptr_eq(a, b),
            (Cell(a), Cell(b)) => Rc::ptr_eq(a, b),
            (Code(a), Code(b)) => Rc::ptr_eq(a, b),
            (Property(a), Property(b)) => Rc::ptr_eq(a, b),
            (StaticMethod(a), StaticMethod(b)) => Rc::ptr_eq(a, b),
            (ClassMethod(a), ClassMethod(b)) => Rc::ptr_eq(a, b),
            (Super(a), Super(b)) => Rc::ptr_eq(a, b),
            (Object(a), Object(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// A stable identity number, for `id()` and default hashes.
    pub fn identity(&self) -> usize {
        use Value::*;
        match self {
            None => 0x1000,
            Undefined => 0x1008,
            NotImplemented => 0x1010,
            Ellipsis => 0x1018,
            Bool(b) => 0x1020 + *b as usize * 8,
            Int(i) => *i as usize,
            Float(f) => f.to_bits() as usize,
            BigInt(a) => Rc::as_ptr(a) as usize,
            Str(a) => Rc::as_ptr(a) as *const u8 as usize,
            List(a) => Rc::as_ptr(a) as usize,
            Tuple(a) => Rc::as_ptr(a) as *const Value as usize,
            Dict(a) => Rc::as_ptr(a) as usize,
            Set(a) => Rc::as_ptr(a) as usize,
            FrozenSet(a) => Rc::as_ptr(a) as usize,
            Range(a) => Rc::as_ptr(a) as usize,
            Slice(a) => Rc::as_ptr(a) as usize,
            Function(a) => Rc::as_ptr(a) as usize,
            Native(a) => Rc::as_ptr(a) as usize,
            Method(a) => Rc::as_ptr(a) as usize,
            BuiltinMethod(a) => Rc::as_ptr(a) as usize,
            Generator(a) => Rc::as_ptr(a) as usize,
            Class(a) => Rc::as_ptr(a) as usize,
            Instance(a) => Rc::as_ptr(a) as usize,
            Module(a) => Rc::as_ptr(a) as usize,
            Iter(a) => Rc::as_ptr(a) as usize,
            DictView(a) => Rc::as_ptr(a) as usize,
            Cell(a) => Rc::as_ptr(a) as usize,
            Code(a) => Rc::as_ptr(a) as usize,
            Property(a) => Rc::as_ptr(a) as usize,
            StaticMethod(a) => Rc::as_ptr(a) as usize,
            ClassMethod(a) => Rc::as_ptr(a) as usize,
            Super(a) => Rc::as_ptr(a) as usize,
            Object(a) => Rc::as_ptr(a) as *const u8 as usize,
        }
    }

    pub fn as_instance(&self) -> Option<&Rc<Instance>> {
        match self {
            Value::Instance(i) => Some(i),
            _ => None,
        }
    }

    /// The exception data, if this value is an exception instance.
    pub fn exc(&self) -> Option<&RefCell<ExcData>> {
        match self {
            Value::Instance(i) => i.exc.as_deref(),
            _ => None,
        }
    }

    pub fn as_object<T: 'static>(&self) -> Option<&T> {
        match self {
            Value::Object(o) => o.as_any().downcast_ref::<T>(),
            _ => None,
        }
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::None => write!(f, "None"),
            Value::Undefined => write!(f, "<undefined>"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(i) => write!(f, "{i}"),
            Value::BigInt(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{x:?}"),
            Value::Str(s) => write!(f, "{s:?}"),
            Value::List(l) => write!(f, "{:?}", l.borrow()),
            Value::Tuple(t) => write!(f, "{:?}", &t[..]),
            other => write!(f, "<{}>", types::type_name(other)),
        }
    }
}
