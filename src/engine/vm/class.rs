//! Classes: building them from a class body, and making instances.

use std::cell::RefCell;
use std::rc::Rc;

use super::super::value::types::{c3_mro, types};
use super::super::value::{new_namespace, Args, BuiltinType, Class, Instance, Value};
use super::{PyErr, PyResult, Vm};

impl Vm {
    /// `class Name(bases): body` — run the body in a fresh namespace, then make the class.
    pub(crate) fn build_class(&mut self, body: Value, name: Value, bases: Value, _kw: Value) -> PyResult<Value> {
        let Value::Function(ref body) = body else {
            return Err(PyErr::internal("class body is not a function"));
        };
        let Value::Str(ref name) = name else {
            return Err(PyErr::internal("class name is not a string"));
        };
        let mut base_classes = Vec::new();
        if let Value::Tuple(bs) = &bases {
            for b in bs.iter() {
                match b {
                    Value::Class(c) => {
                        if !c.is_user() && !matches!(c.builtin, BuiltinType::Object | BuiltinType::BaseException) {
                            return Err(PyErr::type_error(format!(
                                "subclassing the built-in type '{}' is not supported yet",
                                c.name
                            )));
                        }
                        base_classes.push(c.clone());
                    }
                    other => {
                        return Err(PyErr::type_error(format!(
                            "bases must be types, not {}",
                            super::super::value::types::type_name(other)
                        )))
                    }
                }
            }
        }
        if base_classes.is_empty() {
            base_classes.push(types().object.clone());
        }
        let namespace = Rc::new(RefCell::new(new_namespace()));
        let mut frame = self.bind_frame(&body, Args::default())?;
        frame.set_namespace(namespace.clone());
        self.native_depth += 1;
        let result = self.run_frame(frame);
        self.native_depth -= 1;
        let class_cell = result?;
        let mro = c3_mro(&base_classes).ok_or_else(|| {
            PyErr::type_error("Cannot create a consistent method resolution order (MRO) for bases")
        })?;
        let is_exception = base_classes.iter().any(|b| b.is_exception);
        let builtin = if is_exception { BuiltinType::BaseException } else { BuiltinType::Object };
        let mut dict = std::mem::take(&mut *namespace.borrow_mut());
        // Implicit classmethods, as CPython makes them.
        for special in ["__init_subclass__", "__class_getitem__"] {
            if let Some(f @ Value::Function(_)) = dict.get(special).cloned() {
                dict.insert(Rc::from(special), Value::ClassMethod(Rc::new(f)));
            }
        }
        let module = match body.globals.borrow().get("__name__") {
            Some(Value::Str(s)) => s.clone(),
            _ => Rc::from("__main__"),
        };
        let cls = Rc::new(Class {
            name: name.clone(),
            qualname: body.code.qualname.clone(),
            module,
            bases: base_classes,
            mro,
            dict: RefCell::new(dict),
            builtin,
            is_exception,
        });
        if let Value::Cell(ref cell) = class_cell {
            *cell.borrow_mut() = Value::Class(cls.clone());
        }
        Ok(Value::Class(cls))
    }

    /// `Cls(*args)`.
    pub fn instantiate(&mut self, cls: &Rc<Class>, args: Args) -> PyResult<Value> {
        if !cls.is_user() && cls.builtin != BuiltinType::BaseException {
            return super::super::builtins::constructors::construct(self, cls, args);
        }
        if let Some(new) = cls.lookup("__new__") {
            if matches!(new, Value::Function(_) | Value::StaticMethod(_)) {
                let f = match new {
                    Value::StaticMethod(ref f) => (**f).clone(),
                    f => f,
                };
                let mut new_args = Args { pos: args.pos.clone(), kw: args.kw.clone() };
                new_args.pos.insert(0, Value::Class(cls.clone()));
                let obj = self.call(f, new_args)?;
                if let Value::Instance(i) = &obj {
                    if Rc::ptr_eq(&i.class, cls) || i.class.is_subclass(cls) {
                        self.run_init(cls, &obj, args)?;
                    }
                }
                return Ok(obj);
            }
        }
        // Allocating an instance and dispatching __init__ (CPython's type call) costs.
        self.charge(20);
        let inst = Instance::new(super::exc_group::class_for_new(cls, &args));
        if let Some(exc) = &inst.exc {
            // BaseException.__new__ keeps every positional argument as `args`.
            exc.borrow_mut().args = args.pos.to_vec();
        }
        let obj = Value::Instance(inst);
        self.run_init(cls, &obj, args)?;
        Ok(obj)
    }

    fn run_init(&mut self, cls: &Rc<Class>, obj: &Value, mut args: Args) -> PyResult<()> {
        match cls.lookup("__init__") {
            Some(init @ Value::Function(_)) => {
                args.pos.insert(0, obj.clone());
                let r = self.call(init, args)?;
                if !r.is_none() {
                    return Err(PyErr::type_error(format!(
                        "__init__() should return None, not '{}'",
                        super::super::value::types::type_name(&r)
                    )));
                }
                Ok(())
            }
            Some(init @ Value::Native(_)) => {
                args.pos.insert(0, obj.clone());
                self.call(init, args).map(|_| ())
            }
            _ => {
                if !args.is_empty() && !cls.is_exception {
                    return Err(PyErr::type_error(format!("{}() takes no arguments", cls.name)));
                }
                Ok(())
            }
        }
    }
}
