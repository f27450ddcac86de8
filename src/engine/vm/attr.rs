//! Attribute access (`obj.name`), method calls and their binding rules.

use std::rc::Rc;

use super::super::builtins::methods as bmethods;
use super::super::value::types::{class_name, class_of, type_name, types};
use super::super::value::{Args, Class, ExcKind, GenKind, Value};
use super::call::CallOutcome;
use super::{PyErr, PyResult, Vm};

/// Bind a class attribute found for `obj` (the descriptor protocol, for the kinds we have).
fn bind(attr: Value, obj: &Value, cls: &Rc<Class>) -> Value {
    match attr {
        Value::Function(_) => Value::Method(Rc::new((obj.clone(), attr))),
        Value::Native(_) => Value::Method(Rc::new((obj.clone(), attr))),
        Value::StaticMethod(ref f) => (**f).clone(),
        Value::ClassMethod(ref f) => Value::Method(Rc::new((Value::Class(cls.clone()), (**f).clone()))),
        other => other,
    }
}

impl Vm {
    pub fn get_attr(&mut self, obj: &Value, name: &str) -> PyResult<Value> {
        match self.get_attr_opt(obj, name)? {
            Some(v) => Ok(v),
            None => Err(attribute_error(obj, name)),
        }
    }

    /// `getattr(obj, name, None)`-style lookup: `Ok(None)` when there is no such attribute.
    pub fn get_attr_opt(&mut self, obj: &Value, name: &str) -> PyResult<Option<Value>> {
        if name == "__class__" {
            return Ok(Some(Value::Class(class_of(obj))));
        }
        match obj {
            Value::Instance(inst) => {
                if let Some(v) = exception_attr(obj, name) {
                    return Ok(Some(v));
                }
                let class_attr = inst.class.lookup(name);
                if let Some(Value::Property(p)) = &class_attr {
                    let getter = p.fget.clone();
                    return self.call(getter, Args::new([obj.clone()])).map(Some);
                }
                if let Some(v) = inst.get(name) {
                    return Ok(Some(v));
                }
                if name == "__dict__" {
                    let mut d = super::super::value::Dict::new();
                    for (k, v) in inst.dict.borrow().iter() {
                        d.insert_str(k, v.clone());
                    }
                    return Ok(Some(Value::dict(d)));
                }
                if let Some(attr) = class_attr {
                    return Ok(Some(bind(attr, obj, &inst.class)));
                }
                if let Some(getattr) = inst.class.lookup("__getattr__") {
                    return self.call(getattr, Args::new([obj.clone(), Value::str(name)])).map(Some);
                }
                Ok(None)
            }
            Value::Class(cls) => Ok(self.class_attr(cls, name)),
            Value::Module(m) => Ok(m.get(name).or_else(|| (name == "__name__").then(|| Value::Str(m.name.clone())))),
            Value::Super(s) => {
                let (start, this) = (&s.0, &s.1);
                let cls = class_of(this);
                let target = match this {
                    Value::Class(c) => c.clone(),
                    _ => cls,
                };
                let mut after = false;
                for c in target.mro_iter() {
                    if after {
                        if let Some(v) = c.dict.borrow().get(name).cloned() {
                            return Ok(Some(match (&v, this) {
                                (Value::Function(_) | Value::Native(_), Value::Class(_)) => v,
                                _ => bind(v, this, &target),
                            }));
                        }
                    }
                    if Rc::ptr_eq(c, start) {
                        after = true;
                    }
                }
                Ok(None)
            }
            Value::Object(o) => {
                if let Some(r) = o.get_attr(obj, self, name) {
                    return r.map(Some);
                }
                if o.has_method(name) {
                    return Ok(Some(Value::BuiltinMethod(Rc::new((obj.clone(), Rc::from(name))))));
                }
                Ok(None)
            }
            Value::Function(f) => Ok(match name {
                "__name__" => Some(Value::Str(f.name.borrow().clone())),
                "__qualname__" => Some(Value::Str(f.qualname.clone())),
                "__module__" => Some(Value::str("__main__")),
                "__doc__" => Some(Value::None),
                "__defaults__" => Some(if f.defaults.is_empty() { Value::None } else { Value::tuple(f.defaults.clone()) }),
                _ => f.dict.borrow().get(name).cloned(),
            }),
            Value::Native(n) => Ok(match name {
                "__name__" | "__qualname__" => Some(Value::Str(n.name.clone())),
                "__module__" => Some(Value::str(n.module)),
                "__doc__" => Some(Value::None),
                _ => None,
            }),
            Value::Method(m) => Ok(match name {
                "__self__" => Some(m.0.clone()),
                "__func__" => Some(m.1.clone()),
                _ => return self.get_attr_opt(&m.1, name),
            }),
            Value::BuiltinMethod(m) => Ok(match name {
                "__self__" => Some(m.0.clone()),
                "__name__" | "__qualname__" => Some(Value::Str(m.1.clone())),
                _ => None,
            }),
            Value::Generator(g) => Ok(match name {
                "__name__" => Some(Value::Str(g.name().clone())),
                "__qualname__" => Some(Value::Str(g.qualname().clone())),
                "cr_running" | "gi_running" | "ag_running" => {
                    Some(Value::Bool(g.state.get() == super::super::value::GenState::Running))
                }
                "send" | "throw" | "close" | "__next__" | "asend" | "athrow" | "aclose" | "__anext__" | "__await__" => {
                    let ok = match g.kind {
                        GenKind::Generator => matches!(name, "send" | "throw" | "close" | "__next__"),
                        GenKind::Coroutine => matches!(name, "send" | "throw" | "close" | "__await__"),
                        GenKind::AsyncGenerator => matches!(name, "asend" | "athrow" | "aclose" | "__anext__"),
                    };
                    ok.then(|| Value::BuiltinMethod(Rc::new((obj.clone(), Rc::from(name)))))
                }
                _ => None,
            }),
            Value::Slice(s) => Ok(match name {
                "start" => Some(s[0].clone()),
                "stop" => Some(s[1].clone()),
                "step" => Some(s[2].clone()),
                _ => None,
            }),
            Value::Range(r) => Ok(match name {
                "start" => Some(Value::Int(r.start)),
                "stop" => Some(Value::Int(r.stop)),
                "step" => Some(Value::Int(r.step)),
                _ => bmethods::has_method(obj, name).then(|| Value::BuiltinMethod(Rc::new((obj.clone(), Rc::from(name))))),
            }),
            Value::Property(p) => Ok(match name {
                "fget" => Some(p.fget.clone()),
                "fset" => Some(p.fset.clone()),
                "setter" | "getter" => Some(Value::BuiltinMethod(Rc::new((obj.clone(), Rc::from(name))))),
                _ => None,
            }),
            _ => {
                if let Some(v) = bmethods::data_attr(obj, name) {
                    return Ok(Some(v));
                }
                Ok(bmethods::has_method(obj, name).then(|| Value::BuiltinMethod(Rc::new((obj.clone(), Rc::from(name))))))
            }
        }
    }

    fn class_attr(&mut self, cls: &Rc<Class>, name: &str) -> Option<Value> {
        match name {
            "__name__" => return Some(Value::Str(cls.name.clone())),
            "__qualname__" => return Some(Value::Str(cls.qualname.clone())),
            "__module__" => return Some(Value::Str(cls.module.clone())),
            "__mro__" => {
                return Some(Value::tuple(cls.mro_iter().map(|c| Value::Class(c.clone())).collect()))
            }
            "__bases__" => return Some(Value::tuple(cls.bases.iter().map(|c| Value::Class(c.clone())).collect())),
            "__doc__" => return cls.lookup("__doc__").or(Some(Value::None)),
            _ => {}
        }
        if let Some(v) = cls.lookup(name) {
            return Some(match v {
                Value::ClassMethod(ref f) => Value::Method(Rc::new((Value::Class(cls.clone()), (**f).clone()))),
                Value::StaticMethod(ref f) => (**f).clone(),
                other => other,
            });
        }
        // Methods of built-in types used unbound: `str.upper`, `dict.fromkeys`.
        if !cls.is_user() && bmethods::type_has_method(cls, name) {
            return Some(Value::BuiltinMethod(Rc::new((Value::Class(cls.clone()), Rc::from(name)))));
        }
        None
    }

    pub fn set_attr(&mut self, obj: &Value, name: &str, v: Value) -> PyResult<()> {
        match obj {
            Value::Instance(inst) => {
                if let Some(Value::Property(ref p)) = inst.class.lookup(name) {
                    if p.fset.is_none() {
                        return Err(PyErr::new(ExcKind::AttributeError, format!("can't set attribute '{name}'")));
                    }
                    let setter = p.fset.clone();
                    self.call(setter, Args::new([obj.clone(), v]))?;
                    return Ok(());
                }
                if let Some(exc) = &inst.exc {
                    let mut d = exc.borrow_mut();
                    match name {
                        "__cause__" => {
                            d.cause = v;
                            d.suppress_context = true;
                            return Ok(());
                        }
                        "__context__" => {
                            d.context = v;
                            return Ok(());
                        }
                        "__suppress_context__" => {
                            d.suppress_context = matches!(v, Value::Bool(true));
                            return Ok(());
                        }
                        "args" => {
                            d.args = match v {
                                Value::Tuple(ref t) => t.to_vec(),
                                other => vec![other],
                            };
                            return Ok(());
                        }
                        _ => {}
                    }
                }
                if let Some(setattr) = inst.class.lookup("__setattr__") {
                    if !matches!(setattr, Value::Native(_)) {
                        self.call(setattr, Args::new([obj.clone(), Value::str(name), v]))?;
                        return Ok(());
                    }
                }
                inst.set(name, v);
                Ok(())
            }
            Value::Class(cls) if cls.is_user() => {
                cls.dict.borrow_mut().insert(Rc::from(name), v);
                Ok(())
            }
            Value::Function(f) => {
                if name == "__name__" {
                    if let Value::Str(s) = &v {
                        *f.name.borrow_mut() = s.clone();
                    }
                }
                f.dict.borrow_mut().insert(Rc::from(name), v);
                Ok(())
            }
            Value::Module(m) => {
                m.set(name, v);
                Ok(())
            }
            Value::Object(o) => match o.set_attr(self, name, v) {
                Some(r) => r,
                None => Err(attribute_error(obj, name)),
            },
            Value::Class(cls) => Err(PyErr::type_error(format!(
                "cannot set '{name}' attribute of immutable type '{}'",
                cls.name
            ))),
            _ => Err(PyErr::new(
                ExcKind::AttributeError,
                format!("'{}' object has no attribute '{name}'", class_name(obj)),
            )),
        }
    }

    pub fn del_attr(&mut self, obj: &Value, name: &str) -> PyResult<()> {
        match obj {
            Value::Instance(inst) => match inst.dict.borrow_mut().shift_remove(name) {
                Some(_) => Ok(()),
                None => Err(attribute_error(obj, name)),
            },
            Value::Class(cls) if cls.is_user() => match cls.dict.borrow_mut().shift_remove(name) {
                Some(_) => Ok(()),
                None => Err(attribute_error(obj, name)),
            },
            _ => Err(attribute_error(obj, name)),
        }
    }

    /// `obj.name(*args)` from the dispatch loop: Python methods become frames.
    pub(crate) fn start_method_call(&mut self, obj: Value, name: &str, mut args: Args) -> PyResult<CallOutcome> {
        if let Value::Instance(inst) = &obj {
            if inst.exc.is_none() || !is_exception_attr(name) {
                if let Some(Value::Function(ref f)) = inst.class.lookup(name) {
                    if inst.get(name).is_none() {
                        args.pos.insert(0, obj.clone());
                        return self.function_call(&f, args);
                    }
                }
            }
            let m = self.get_attr(&obj, name)?;
            return self.start_call(m, args);
        }
        if let Value::Module(m) = &obj {
            let f = m.get(name).ok_or_else(|| attribute_error(&obj, name))?;
            return self.start_call(f, args);
        }
        // A method of a built-in type: a C call in CPython, costlier than an opcode.
        self.charge(4);
        Ok(CallOutcome::Value(self.call_method(obj, name, args)?))
    }

    /// `obj.name(*args)`, run to completion.
    pub fn call_method(&mut self, obj: Value, name: &str, args: Args) -> PyResult<Value> {
        match &obj {
            Value::Instance(_) | Value::Module(_) | Value::Function(_) | Value::Super(_) => {
                let m = self.get_attr(&obj, name)?;
                self.call(m, args)
            }
            Value::Class(cls) => {
                if let Some(m) = self.class_attr(cls, name) {
                    if let Value::BuiltinMethod(bm) = &m {
                        if matches!(bm.0, Value::Class(_)) {
                            // Unbound built-in method: the first argument is the receiver.
                            let mut args = args;
                            if args.pos.is_empty() {
                                return bmethods::call_type_method(self, cls, name, args);
                            }
                            let this = args.pos.remove(0);
                            return self.call_method(this, name, args);
                        }
                    }
                    return self.call(m, args);
                }
                Err(attribute_error(&obj, name))
            }
            Value::Object(o) => {
                if let Some(r) = o.call_method(&obj, self, name, args) {
                    return r;
                }
                Err(attribute_error(&obj, name))
            }
            Value::Generator(g) => super::super::asyncgen::generator_method(self, g, name, args)
                .unwrap_or_else(|| Err(attribute_error(&obj, name))),
            Value::Property(p) => match name {
                "setter" => {
                    let fset = args.pos.first().cloned().unwrap_or(Value::None);
                    Ok(Value::Property(Rc::new(super::super::value::Property { fget: p.fget.clone(), fset })))
                }
                "getter" => {
                    let fget = args.pos.first().cloned().unwrap_or(Value::None);
                    Ok(Value::Property(Rc::new(super::super::value::Property { fget, fset: p.fset.clone() })))
                }
                _ => Err(attribute_error(&obj, name)),
            },
            _ => match bmethods::call(self, &obj, name, args) {
                Some(r) => r,
                None => Err(attribute_error(&obj, name)),
            },
        }
    }
}

fn is_exception_attr(name: &str) -> bool {
    matches!(name, "args" | "__cause__" | "__context__" | "__suppress_context__" | "__traceback__" | "with_traceback" | "add_note")
}

/// The attributes every exception has (args, __cause__, ...).
fn exception_attr(obj: &Value, name: &str) -> Option<Value> {
    let exc = obj.exc()?;
    let d = exc.borrow();
    Some(match name {
        "args" => Value::tuple(d.args.clone()),
        "__cause__" => d.cause.clone(),
        "__context__" => d.context.clone(),
        "__suppress_context__" => Value::Bool(d.suppress_context),
        "__traceback__" => Value::None,
        "__notes__" if !d.notes.is_empty() => Value::list(d.notes.clone()),
        "value" if class_of(obj).is_subclass(&types().exc(ExcKind::StopIteration)) => {
            d.args.first().cloned().unwrap_or(Value::None)
        }
        "code" if class_of(obj).is_subclass(&types().exc(ExcKind::SystemExit)) => {
            d.args.first().cloned().unwrap_or(Value::None)
        }
        "add_note" | "with_traceback" => Value::BuiltinMethod(Rc::new((obj.clone(), Rc::from(name)))),
        _ => return None,
    })
}

/// Attributes that lead, in CPython, from any object to frames, globals, code or the
/// builtins module, and from there to `open` and `__import__`: where they would be,
/// lesson code is told they are refused (a clear message, not a missing attribute).
pub const INTROSPECTION: &[&str] = &[
    "__subclasses__", "__base__", "__self__", "__globals__", "__code__", "__closure__", "__builtins__", "__loader__", "__spec__",
    "gi_frame", "gi_code", "cr_frame", "cr_code", "ag_frame", "ag_code", "tb_frame", "f_globals", "f_locals",
    "f_builtins", "f_back", "f_code",
];

pub(crate) fn attribute_error(obj: &Value, name: &str) -> PyErr {
    if INTROSPECTION.contains(&name) {
        return super::super::builtins::refused(&format!("the attribute '{name}'"));
    }
    let msg = match obj {
        Value::Module(m) => format!("module '{}' has no attribute '{name}'", m.name),
        Value::Class(c) => format!("type object '{}' has no attribute '{name}'", c.name),
        Value::Object(o) => format!("'{}' object has no attribute '{name}'", o.type_name()),
        other => format!("'{}' object has no attribute '{name}'", class_name(other)),
    };
    let _ = type_name;
    PyErr::new(ExcKind::AttributeError, msg)
}
