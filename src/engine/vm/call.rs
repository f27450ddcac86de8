//! Calling: argument binding with CPython's messages, Python functions (new frames),
//! natives, bound methods, classes.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use smallvec::SmallVec;

use super::super::bytecode::Code;
use super::super::value::types::type_name;
use super::super::value::{Args, Dict, Function, GenKind, GenState, Generator, NativeFunction, Value};
use super::{ExitMode, Frame, PyErr, PyResult, Vm};

/// What a call turned into.
pub(crate) enum CallOutcome {
    /// The result is ready.
    Value(Value),
    /// A Python frame to run; its return value is the result.
    Frame(Box<Frame>),
}

impl Vm {
    /// Call anything callable and run it to completion (re-entering the VM if needed).
    pub fn call(&mut self, callee: Value, args: Args) -> PyResult<Value> {
        match self.start_call(callee, args)? {
            CallOutcome::Value(v) => Ok(v),
            CallOutcome::Frame(frame) => {
                self.native_depth += 1;
                let r = self.run_frame(frame);
                self.native_depth -= 1;
                r
            }
        }
    }

    /// Run a built-in, one C-level recursion deeper when CPython would check the call.
    pub(crate) fn call_native(&mut self, n: &Rc<NativeFunction>, args: Args, checked: bool) -> PyResult<Value> {
        if !checked {
            return (n.func)(self, args);
        }
        self.enter_c(super::Recursion::Call)?;
        let r = (n.func)(self, args);
        self.leave_c();
        r
    }

    pub fn call0(&mut self, callee: Value) -> PyResult<Value> {
        self.call(callee, Args::default())
    }

    pub fn call1(&mut self, callee: Value, a: Value) -> PyResult<Value> {
        self.call(callee, Args::new([a]))
    }

    /// Begin a call: natives run now; Python functions yield a frame for the caller to run.
    pub(crate) fn start_call(&mut self, callee: Value, mut args: Args) -> PyResult<CallOutcome> {
        match callee {
            Value::Function(ref func) => self.function_call(&func, args),
            // Native code calling a built-in: CPython's `cfunction_vectorcall_*` checks it.
            Value::Native(ref n) => Ok(CallOutcome::Value(self.call_native(&n, args, true)?)),
            Value::Method(ref m) => {
                let (this, func) = (**m).clone();
                args.pos.insert(0, this);
                self.start_call(func, args)
            }
            Value::BuiltinMethod(ref m) => {
                let (this, name) = (**m).clone();
                Ok(CallOutcome::Value(self.call_method(this, &name, args)?))
            }
            // Classes written in Python have no vectorcall: CPython's generic type call
            // (`_PyObject_MakeTpCall`) checks the recursion limit.
            Value::Class(ref cls) if cls.is_user() => {
                Ok(CallOutcome::Value(self.nested(super::Recursion::Call, |vm| vm.instantiate(&cls, args))?))
            }
            Value::Class(ref cls) => Ok(CallOutcome::Value(self.instantiate(&cls, args)?)),
            Value::Object(ref o) => match o.call(&Value::Object(o.clone()), self, args) {
                Some(r) => Ok(CallOutcome::Value(r?)),
                None => Err(PyErr::type_error(format!("'{}' object is not callable", o.type_name()))),
            },
            Value::StaticMethod(ref f) => self.start_call((**f).clone(), args),
            Value::Instance(ref inst) => match inst.class.lookup("__call__") {
                Some(f) => {
                    args.pos.insert(0, callee.clone());
                    self.start_call(f, args)
                }
                None => Err(PyErr::type_error(format!("'{}' object is not callable", inst.class.name))),
            },
            other => Err(PyErr::type_error(format!("'{}' object is not callable", type_name(&other)))),
        }
    }

    /// A Python function: bind arguments into a new frame. Generator and coroutine
    /// functions return their generator object instead of running.
    pub(crate) fn function_call(&mut self, func: &Rc<Function>, args: Args) -> PyResult<CallOutcome> {
        let frame = self.bind_frame(func, args)?;
        let flags = func.code.flags;
        let kind = if flags.is_coroutine {
            GenKind::Coroutine
        } else if flags.is_async_generator {
            GenKind::AsyncGenerator
        } else if flags.is_generator {
            GenKind::Generator
        } else {
            return Ok(CallOutcome::Frame(frame));
        };
        Ok(CallOutcome::Value(Value::Generator(make_generator(frame, kind, func))))
    }

    /// Bind call arguments to a new frame for `func` (CPython's argument rules and messages).
    pub(crate) fn bind_frame(&mut self, func: &Rc<Function>, args: Args) -> PyResult<Box<Frame>> {
        let code = &func.code;
        let mut frame = Frame::new(code.clone(), func.globals.clone(), None);
        frame.cells.extend(func.closure.iter().cloned());
        let argcount = code.argcount as usize;
        let Args { pos, kw } = args;
        // Fast path: exactly the positional parameters, nothing else.
        if pos.len() == argcount && kw.is_empty() && code.kwonlyargcount == 0 && !code.flags.has_varargs && !code.flags.has_varkw {
            for (slot, v) in frame.stack.iter_mut().zip(pos) {
                *slot = v;
            }
        } else {
            bind_slow(func, code, &mut frame, pos, kw)?;
        }
        for &(cell, param) in &code.cell_params {
            let v = std::mem::replace(&mut frame.stack[param as usize], Value::Undefined);
            *frame.cells[cell as usize].borrow_mut() = v;
        }
        Ok(frame)
    }
}

pub(crate) fn make_generator(mut frame: Box<Frame>, kind: GenKind, func: &Function) -> Rc<Generator> {
    frame.exit = ExitMode::Base;
    let gen = Rc::new(Generator {
        kind,
        code: func.code.clone(),
        frame: RefCell::new(None),
        state: Cell::new(GenState::Created),
        started: Cell::new(false),
        ag_running: Cell::new(false),
        ag_closing: Cell::new(false),
    });
    // No `frame.owner` while the frame is stored in the generator: that would be a
    // reference cycle, and a generator nobody runs again could never be freed.
    *gen.frame.borrow_mut() = Some(frame);
    gen
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn quoted_list(names: &[&str]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match q.len() {
        0 => String::new(),
        1 => q[0].clone(),
        2 => format!("{} and {}", q[0], q[1]),
        _ => format!("{}, and {}", q[..q.len() - 1].join(", "), q[q.len() - 1]),
    }
}

fn bind_slow(
    func: &Function,
    code: &Rc<Code>,
    frame: &mut Frame,
    pos: SmallVec<[Value; 3]>,
    kw: Vec<(Rc<str>, Value)>,
) -> PyResult<()> {
    let fname = func.qualname.clone();
    let argcount = code.argcount as usize;
    let posonly = code.posonlyargcount as usize;
    let kwonly = code.kwonlyargcount as usize;
    let npos = pos.len();
    let mut extra: Vec<Value> = Vec::new();
    for (i, v) in pos.into_iter().enumerate() {
        if i < argcount {
            frame.stack[i] = v;
        } else {
            extra.push(v);
        }
    }
    let mut slot = argcount + kwonly;
    if code.flags.has_varargs {
        frame.stack[slot] = Value::tuple(extra);
        slot += 1;
    } else if !extra.is_empty() {
        let defaults = func.defaults.len();
        let takes = if defaults > 0 {
            format!("from {} to {} positional arguments", argcount - defaults, argcount)
        } else {
            plural(argcount, "positional argument")
        };
        let given = if npos == 1 { "1 was".to_string() } else { format!("{npos} were") };
        return Err(PyErr::type_error(format!("{fname}() takes {takes} but {given} given")));
    }
    let mut kwargs = Dict::new();
    for (name, v) in kw {
        let idx = code.varnames[..argcount + kwonly].iter().position(|n| *n == name);
        match idx {
            Some(i) if i >= posonly => {
                if !matches!(frame.stack[i], Value::Undefined) {
                    return Err(PyErr::type_error(format!("{fname}() got multiple values for argument '{name}'")));
                }
                frame.stack[i] = v;
            }
            _ if code.flags.has_varkw => kwargs.insert_str(&name, v),
            Some(_) => {
                return Err(PyErr::type_error(format!(
                    "{fname}() got some positional-only arguments passed as keyword arguments: '{name}'"
                )))
            }
            None => return Err(PyErr::type_error(format!("{fname}() got an unexpected keyword argument '{name}'"))),
        }
    }
    if code.flags.has_varkw {
        frame.stack[slot] = Value::dict(kwargs);
    }
    // Defaults for missing positional parameters.
    let first_default = argcount - func.defaults.len();
    let mut missing: Vec<&str> = vec![];
    for i in 0..argcount {
        if matches!(frame.stack[i], Value::Undefined) {
            if i >= first_default {
                frame.stack[i] = func.defaults[i - first_default].clone();
            } else {
                missing.push(&code.varnames[i]);
            }
        }
    }
    if !missing.is_empty() {
        return Err(PyErr::type_error(format!(
            "{fname}() missing {} required positional {}: {}",
            missing.len(),
            if missing.len() == 1 { "argument" } else { "arguments" },
            quoted_list(&missing)
        )));
    }
    let mut missing_kw: Vec<&str> = vec![];
    for i in argcount..argcount + kwonly {
        if matches!(frame.stack[i], Value::Undefined) {
            let name = &code.varnames[i];
            match func.kwdefaults.iter().find(|(k, _)| k == name) {
                Some((_, v)) => frame.stack[i] = v.clone(),
                None => missing_kw.push(name),
            }
        }
    }
    if !missing_kw.is_empty() {
        return Err(PyErr::type_error(format!(
            "{fname}() missing {} required keyword-only {}: {}",
            missing_kw.len(),
            if missing_kw.len() == 1 { "argument" } else { "arguments" },
            quoted_list(&missing_kw)
        )));
    }
    Ok(())
}
