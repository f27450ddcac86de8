//! The dispatch loop: runs the top frame until it calls, returns, yields or raises, then
//! moves results between frames. Frames above `base` belong to this segment.

use std::rc::Rc;

use super::super::ast::{BinOp, CmpOp};
use super::super::bytecode::Op;
use super::super::value::types::{types, BuiltinType};
use super::super::value::{Args, Class, ExcKind, Function, GenKind, GenState, Resume, SendResult, TbEntry, Value};
use super::super::unawaited::may_be_coroutine;
use super::call::CallOutcome;
use super::frame::{Block, BlockKind};
use super::{ExitMode, Fatal, PyErr, PyResult, Vm};


/// How a segment of the frame stack ended.
#[derive(Debug)]
pub(crate) enum RunOutcome {
    Return(Value),
    Yield(Value),
    Suspend(Value),
    /// A thread's slice ended mid-way (only for thread slices, see `run_slice`).
    Preempted,
}

enum Action {
    /// A frame was pushed (a call or a resumed generator): run the new top.
    Enter,
    Return(Value),
    /// The top frame executed `yield`.
    Yield(Value),
    /// The awaitable the top frame delegates to (at `YieldFrom`) yielded.
    Delegated(Value),
    /// An exception raised by the current instruction.
    Error(PyErr),
    /// An exception re-raised as is (no new traceback entry).
    Reraise(PyErr),
    /// The thread's time slice is over: leave the frames as they are, to resume later.
    Preempt,
}

macro_rules! top {
    ($vm:ident) => {
        $vm.frames.last_mut().expect("the dispatch loop always has a frame")
    };
}

macro_rules! tri {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => return Action::Error(e),
        }
    };
}

impl Vm {
    pub(crate) fn run(&mut self) -> PyResult<RunOutcome> {
        let base = self.frames.len() - 1;
        self.run_loop(None, base)
    }

    pub(crate) fn run_with_error(&mut self, e: PyErr) -> PyResult<RunOutcome> {
        let base = self.frames.len() - 1;
        self.run_loop(Some((e, true)), base)
    }

    /// Continue a frame stack from its bottom frame (a preempted thread).
    pub(crate) fn run_from_bottom(&mut self) -> PyResult<RunOutcome> {
        self.run_loop(None, 0)
    }

    fn run_loop(&mut self, mut pending: Option<(PyErr, bool)>, base: usize) -> PyResult<RunOutcome> {
        loop {
            if let Some((e, add_tb)) = pending.take() {
                self.unwind(e, base, add_tb)?;
            }
            let result = match self.exec_top() {
                Action::Enter => continue,
                Action::Error(e) => {
                    pending = Some((e, true));
                    continue;
                }
                Action::Reraise(e) => {
                    pending = Some((e, false));
                    continue;
                }
                Action::Preempt => return Ok(RunOutcome::Preempted),
                Action::Return(v) => self.frame_return(v, base),
                Action::Yield(v) => Ok(self.frame_yield(v, base, true)),
                Action::Delegated(v) => Ok(self.frame_yield(v, base, false)),
            };
            match result {
                Ok(Some(outcome)) => return Ok(outcome),
                Ok(None) => {}
                Err(e) => pending = Some((e, true)),
            }
        }
    }
}

impl Vm {
    /// Find a handler for `e`, starting at the top frame. Frames without one are popped;
    /// returns `Err` when the segment's base frame is left.
    fn unwind(&mut self, e: PyErr, base: usize, add_tb: bool) -> PyResult<()> {
        // What the failing instruction freed, and the frames unwound, live on in the
        // exception's traceback (CPython's frames hold them).
        super::super::unawaited::hold();
        let r = self.unwind_frames(e, base, add_tb);
        super::super::unawaited::hold();
        r
    }

    fn unwind_frames(&mut self, e: PyErr, base: usize, mut add_tb: bool) -> PyResult<()> {
        let mut e = e;
        // A fresh exception raised while another is handled gets it as `__context__`
        // (`raise` statements did this already; this covers errors the VM raises).
        if let PyErr::Exc(v) = &e {
            if add_tb && v.exc().is_some_and(|d| d.borrow().traceback.is_empty()) {
                self.set_context(v);
            }
        }
        loop {
            let depth = self.frames.len() - 1;
            let f = top!(self);
            if add_tb {
                e.add_traceback(tb_entry(f));
            }
            if let PyErr::Fatal(fatal) = &e {
                if let Fatal::Host { msg, at: None } = &**fatal {
                    let at = Some((f.code.source.name.clone(), f.line()));
                    e = PyErr::Fatal(Rc::new(Fatal::Host { msg: msg.clone(), at }));
                }
            }
            add_tb = true;
            if let PyErr::Exc(exc) = &e {
                while let Some(block) = f.pop_block() {
                    match block.kind {
                        BlockKind::Setup => {
                            f.stack.truncate(block.level as usize);
                            f.push_block(Block { kind: BlockKind::Handler, handler: 0, level: block.level });
                            f.push_handling(exc.clone());
                            f.stack.push(exc.clone());
                            f.ip = block.handler as usize;
                            return Ok(());
                        }
                        BlockKind::Handler => {
                            f.pop_handling();
                        }
                    }
                }
            }
            let frame = self.frames.pop().expect("unwinding a frame that exists");
            e = match &frame.owner {
                Some(owner) => {
                    owner.state.set(GenState::Closed);
                    generator_exit_error(owner.kind, e)
                }
                None => e,
            };
            if depth == base {
                return Err(e);
            }
            // Continue in the caller: the exception appears at its current instruction.
        }
    }
}

/// PEP 479: StopIteration escaping a generator or coroutine becomes RuntimeError.
fn generator_exit_error(kind: GenKind, e: PyErr) -> PyErr {
    let (from, msg) = match kind {
        GenKind::Generator => (ExcKind::StopIteration, "generator raised StopIteration"),
        GenKind::Coroutine => (ExcKind::StopIteration, "coroutine raised StopIteration"),
        GenKind::AsyncGenerator => {
            if e.is(ExcKind::StopAsyncIteration) {
                (ExcKind::StopAsyncIteration, "async generator raised StopAsyncIteration")
            } else {
                (ExcKind::StopIteration, "async generator raised StopIteration")
            }
        }
    };
    if !e.is(from) {
        return e;
    }
    let new = PyErr::new(ExcKind::RuntimeError, msg);
    if let (Some(n), Some(old)) = (new.value(), e.value()) {
        if let Some(data) = n.exc() {
            let mut d = data.borrow_mut();
            d.cause = old.clone();
            d.context = old.clone();
            d.suppress_context = true;
        }
    }
    new
}

pub(crate) fn tb_entry(f: &super::Frame) -> TbEntry {
    let line = f.line();
    TbEntry {
        file: Rc::from(f.code.source.name.as_str()),
        line,
        func: f.code.name.clone(),
        source_line: Rc::from(f.code.source.line_text(line).trim()),
    }
}

impl Vm {
    /// The top frame returned `v`: hand it to its caller.
    fn frame_return(&mut self, v: Value, base: usize) -> PyResult<Option<RunOutcome>> {
        let depth = self.frames.len() - 1;
        let frame = self.frames.pop().expect("returning from a frame that exists");
        if let Some(owner) = &frame.owner {
            owner.state.set(GenState::Closed);
        }
        let exit = frame.exit;
        // Its locals go now: CPython reports a coroutine among them at the caller's line.
        drop(frame);
        if depth == base {
            return Ok(Some(RunOutcome::Return(v)));
        }
        if super::super::unawaited::pending() {
            self.warn_unawaited();
        }
        let parent = top!(self);
        match exit {
            ExitMode::Call => parent.stack.push(v),
            ExitMode::YieldFrom => {
                parent.pop();
                parent.stack.push(v);
            }
            ExitMode::ForIter => {
                parent.pop();
                let Op::ForIter(target) = parent.code.ops[parent.ip - 1] else {
                    return Err(PyErr::internal("a ForIter child returned to something else"));
                };
                parent.ip = target as usize;
            }
            ExitMode::Base => return Err(PyErr::internal("a base frame above the segment base")),
        }
        Ok(None)
    }

    /// The top frame yielded (`own`) or its awaitable did: store suspended generator
    /// frames back into their objects until someone consumes the value.
    fn frame_yield(&mut self, v: Value, base: usize, own: bool) -> Option<RunOutcome> {
        let mut own = own;
        loop {
            let depth = self.frames.len() - 1;
            let mut frame = self.frames.pop().expect("yielding from a frame that exists");
            if !own {
                // Resume at the YieldFrom, which re-sends into the awaitable.
                frame.ip -= 1;
            }
            let exit = frame.exit;
            let is_agen = frame.code.flags.is_async_generator;
            let owner = frame.owner.take().expect("only generator frames yield");
            *owner.frame.borrow_mut() = Some(frame);
            owner.state.set(GenState::Suspended);
            if depth == base {
                return Some(if is_agen && !own { RunOutcome::Suspend(v) } else { RunOutcome::Yield(v) });
            }
            match exit {
                ExitMode::ForIter => {
                    top!(self).stack.push(v);
                    return None;
                }
                ExitMode::YieldFrom => own = false,
                ExitMode::Call | ExitMode::Base => {
                    // Cannot happen: generator frames are entered only by these modes.
                    top!(self).stack.push(Value::None);
                    return None;
                }
            }
        }
    }

    /// The slow path of the instruction counter: a slice ends, or a budget is exhausted.
    /// (The instruction that tripped it has not run yet: its `ip` is restored.)
    fn budget_check(&mut self) -> Option<Action> {
        top!(self).ip -= 1;
        if self.ticks >= self.preempt_at && self.native_depth == self.slice_depth {
            return Some(Action::Preempt);
        }
        if self.ticks >= self.callback_budget_end() {
            top!(self).ip += 1;
            return Some(Action::Error(self.blocked_error()));
        }
        if let Some(e) = self.periodic_check() {
            top!(self).ip += 1;
            return Some(Action::Error(e));
        }
        // A preemption point reached inside a nested native call: finish that call first.
        let budget_end = self.callback_budget_end();
        let next = if self.ticks >= self.preempt_at { budget_end.min(self.ticks + 1000) } else { budget_end.min(self.preempt_at) };
        self.check_at = next.min(self.next_periodic_check());
        None
    }

    /// Execute instructions of the top frame until something frame-level happens.
    fn exec_top(&mut self) -> Action {
        loop {
            let f = top!(self);
            if self.trace_lines {
                let line = f.code.lines[f.ip];
                if line != f.last_line {
                    f.last_line = line;
                    let code = f.code.clone();
                    let host = self.host.clone();
                    host.on_line(self, &code, line);
                    continue;
                }
            }
            let op = f.code.ops[f.ip];
            f.ip += 1;
            self.ticks += 1;
            if self.ticks >= self.check_at {
                if let Some(action) = self.budget_check() {
                    return action;
                }
                continue;
            }
            match op {
                Op::Nop => {}
                Op::Pop => {
                    let v = f.pop();
                    if may_be_coroutine(&v) {
                        drop(v);
                        self.warn_unawaited();
                    }
                }
                Op::Dup => {
                    let v = f.top().clone();
                    f.stack.push(v);
                }
                Op::Dup2 => {
                    let a = f.peek(2).clone();
                    let b = f.peek(1).clone();
                    f.stack.push(a);
                    f.stack.push(b);
                }
                Op::Rot2 => {
                    let n = f.stack.len();
                    f.stack.swap(n - 1, n - 2);
                }
                Op::Rot3 => {
                    let v = f.pop();
                    let n = f.stack.len();
                    f.stack.insert(n - 2, v);
                }
                Op::Rot4 => {
                    let v = f.pop();
                    let n = f.stack.len();
                    f.stack.insert(n - 3, v);
                }
                Op::LoadConst(i) => {
                    let v = f.code.consts[i as usize].clone();
                    f.stack.push(v);
                }
                Op::LoadFast(i) => {
                    let v = f.stack[i as usize].clone();
                    if let Value::Undefined = v {
                        let name = f.code.varnames[i as usize].clone();
                        return Action::Error(unbound_local(&name));
                    }
                    f.stack.push(v);
                }
                Op::StoreFast(i) => {
                    let v = f.pop();
                    let old = std::mem::replace(&mut f.stack[i as usize], v);
                    if may_be_coroutine(&old) {
                        drop(old);
                        self.warn_unawaited();
                    }
                }
                Op::DeleteFast(i) => {
                    if let Value::Undefined = f.stack[i as usize] {
                        let name = f.code.varnames[i as usize].clone();
                        return Action::Error(unbound_local(&name));
                    }
                    let old = std::mem::replace(&mut f.stack[i as usize], Value::Undefined);
                    if may_be_coroutine(&old) {
                        drop(old);
                        self.warn_unawaited();
                    }
                }
                Op::LoadDeref(i) => {
                    let v = f.cells[i as usize].borrow().clone();
                    if let Value::Undefined = v {
                        return Action::Error(unbound_deref(f, i as usize));
                    }
                    f.stack.push(v);
                }
                Op::StoreDeref(i) => {
                    let v = f.pop();
                    *f.cells[i as usize].borrow_mut() = v;
                }
                Op::DeleteDeref(i) => {
                    *f.cells[i as usize].borrow_mut() = Value::Undefined;
                }
                Op::LoadClosure(i) => {
                    let c = f.cells[i as usize].clone();
                    f.stack.push(Value::Cell(c));
                }
                Op::LoadClassDeref(i) => {
                    let ncell = f.code.cellvars.len();
                    let name = if (i as usize) < ncell {
                        f.code.cellvars[i as usize].clone()
                    } else {
                        f.code.freevars[i as usize - ncell].clone()
                    };
                    let from_ns = f.namespace().and_then(|ns| ns.borrow().get(&name).cloned());
                    let v = match from_ns {
                        Some(v) => v,
                        None => f.cells[i as usize].borrow().clone(),
                    };
                    if let Value::Undefined = v {
                        return Action::Error(unbound_deref(f, i as usize));
                    }
                    f.stack.push(v);
                }
                Op::LoadGlobal(i) => {
                    let v = match load_global(f, &self.builtins, i as usize) {
                        Some(v) => v,
                        None => return Action::Error(name_error(&f.code.names[i as usize])),
                    };
                    top!(self).stack.push(v);
                }
                Op::StoreGlobal(i) => {
                    let v = f.pop();
                    let name = f.code.names[i as usize].clone();
                    let old = f.globals.borrow_mut().insert(name, v);
                    if old.as_ref().is_some_and(may_be_coroutine) {
                        drop(old);
                        self.warn_unawaited();
                    }
                }
                Op::DeleteGlobal(i) => {
                    let name = f.code.names[i as usize].clone();
                    let old = f.globals.borrow_mut().shift_remove(&name);
                    match old {
                        None => return Action::Error(name_error(&name)),
                        Some(ref v) if may_be_coroutine(v) => {
                            drop(old);
                            self.warn_unawaited();
                        }
                        Some(_) => {}
                    }
                }
                Op::LoadName(i) => {
                    let name = f.code.names[i as usize].clone();
                    let mut found = f.namespace().and_then(|ns| ns.borrow().get(&name).cloned());
                    if found.is_none() {
                        found = f.globals.borrow().get(&name).cloned();
                    }
                    let v = match found {
                        Some(v) => v,
                        None => match self.builtins.dict.borrow().get(&name) {
                            Some(v) => v.clone(),
                            None => return Action::Error(name_error(&name)),
                        },
                    };
                    top!(self).stack.push(v);
                }
                Op::StoreName(i) => {
                    let v = f.pop();
                    let name = f.code.names[i as usize].clone();
                    let old = match f.namespace() {
                        Some(ns) => ns.borrow_mut().insert(name, v),
                        None => f.globals.borrow_mut().insert(name, v),
                    };
                    if old.as_ref().is_some_and(may_be_coroutine) {
                        drop(old);
                        self.warn_unawaited();
                    }
                }
                Op::DeleteName(i) => {
                    let name = f.code.names[i as usize].clone();
                    let removed = match f.namespace() {
                        Some(ns) => ns.borrow_mut().shift_remove(&name),
                        None => f.globals.borrow_mut().shift_remove(&name),
                    };
                    match removed {
                        None => return Action::Error(name_error(&name)),
                        Some(ref v) if may_be_coroutine(v) => {
                            drop(removed);
                            self.warn_unawaited();
                        }
                        Some(_) => {}
                    }
                }
                Op::LoadAttr(i) => {
                    let obj = f.pop();
                    if let Value::Module(m) = &obj {
                        if let Some(v) = module_attr(&f.code, m, i as usize) {
                            f.stack.push(v);
                            continue;
                        }
                    }
                    let name = f.code.names[i as usize].clone();
                    let v = tri!(self.get_attr(&obj, &name));
                    top!(self).stack.push(v);
                }
                Op::StoreAttr(i) => {
                    let obj = f.pop();
                    let v = f.pop();
                    let name = f.code.names[i as usize].clone();
                    tri!(self.set_attr(&obj, &name, v));
                }
                Op::DeleteAttr(i) => {
                    let obj = f.pop();
                    let name = f.code.names[i as usize].clone();
                    tri!(self.del_attr(&obj, &name));
                }
                Op::CallMethod(x) => {
                    let argc = (x & 0xff) as usize;
                    let name = f.code.names[(x >> 8) as usize].clone();
                    let args = Args { pos: take_args(&mut f.stack, argc), kw: Vec::new() };
                    let obj = f.pop();
                    if let Value::Module(m) = &obj {
                        if let Some(func) = module_attr(&f.code, m, (x >> 8) as usize) {
                            if let Some(a) = self.call_from_dispatch(func, args) {
                                return a;
                            }
                            continue;
                        }
                    }
                    match tri!(self.start_method_call(obj, &name, args)) {
                        CallOutcome::Value(v) => top!(self).stack.push(v),
                        CallOutcome::Frame(frame) => {
                            tri!(self.push_frame(frame));
                            return Action::Enter;
                        }
                    }
                }
                Op::Binary(bop) => {
                    let b = f.pop();
                    let a = f.pop();
                    if let (Value::Int(x), Value::Int(y)) = (&a, &b) {
                        let fast = match bop {
                            BinOp::Add => x.checked_add(*y),
                            BinOp::Sub => x.checked_sub(*y),
                            BinOp::Mul => x.checked_mul(*y),
                            _ => None,
                        };
                        if let Some(r) = fast {
                            f.stack.push(Value::Int(r));
                            continue;
                        }
                    }
                    let v = tri!(self.binary_op(bop, a, b));
                    top!(self).stack.push(v);
                }
                Op::Inplace(bop) => {
                    let b = f.pop();
                    let a = f.pop();
                    if let (Value::Int(x), Value::Int(y)) = (&a, &b) {
                        let fast = match bop {
                            BinOp::Add => x.checked_add(*y),
                            BinOp::Sub => x.checked_sub(*y),
                            _ => None,
                        };
                        if let Some(r) = fast {
                            f.stack.push(Value::Int(r));
                            continue;
                        }
                    }
                    let v = tri!(self.inplace_op(bop, a, b));
                    top!(self).stack.push(v);
                }
                Op::Unary(uop) => {
                    let a = f.pop();
                    let v = tri!(self.unary_op(uop, a));
                    top!(self).stack.push(v);
                }
                Op::Compare(cop) => {
                    let b = f.pop();
                    let a = f.pop();
                    if let (Value::Int(x), Value::Int(y)) = (&a, &b) {
                        let r = match cop {
                            CmpOp::Lt => Some(x < y),
                            CmpOp::LtE => Some(x <= y),
                            CmpOp::Gt => Some(x > y),
                            CmpOp::GtE => Some(x >= y),
                            CmpOp::Eq => Some(x == y),
                            CmpOp::NotEq => Some(x != y),
                            _ => None,
                        };
                        if let Some(r) = r {
                            f.stack.push(Value::Bool(r));
                            continue;
                        }
                    }
                    let v = tri!(self.compare_op(cop, a, b));
                    top!(self).stack.push(v);
                }
                Op::Subscr => {
                    let idx = f.pop();
                    let obj = f.pop();
                    let v = tri!(self.get_item(&obj, &idx));
                    top!(self).stack.push(v);
                }
                Op::StoreSubscr => {
                    let idx = f.pop();
                    let obj = f.pop();
                    let v = f.pop();
                    tri!(self.set_item(&obj, idx, v));
                }
                Op::DeleteSubscr => {
                    let idx = f.pop();
                    let obj = f.pop();
                    tri!(self.del_item(&obj, &idx));
                }
                Op::BuildSlice(n) => {
                    let step = if n == 3 { f.pop() } else { Value::None };
                    let stop = f.pop();
                    let start = f.pop();
                    f.stack.push(Value::Slice(Rc::new([start, stop, step])));
                }
                Op::BuildTuple(n) => {
                    let len = f.stack.len();
                    let items: Vec<Value> = f.stack.drain(len - n as usize..).collect();
                    f.stack.push(Value::tuple(items));
                }
                Op::BuildList(n) => {
                    let len = f.stack.len();
                    let items: Vec<Value> = f.stack.drain(len - n as usize..).collect();
                    f.stack.push(Value::list(items));
                }
                Op::BuildSet(n) => {
                    let len = f.stack.len();
                    let items: Vec<Value> = f.stack.drain(len - n as usize..).collect();
                    let set = tri!(self.make_set(items));
                    top!(self).stack.push(set);
                }
                Op::BuildMap(n) => {
                    let len = f.stack.len();
                    let items: Vec<Value> = f.stack.drain(len - 2 * n as usize..).collect();
                    let d = tri!(self.make_dict_from_pairs(items));
                    top!(self).stack.push(d);
                }
                Op::BuildString(n) => {
                    let len = f.stack.len();
                    let mut s = String::new();
                    for v in f.stack.drain(len - n as usize..) {
                        if let Value::Str(ref p) = v {
                            s.push_str(&p);
                        }
                    }
                    f.stack.push(Value::string(s));
                }
                Op::ListAppend(d) => {
                    let v = f.pop();
                    if let Value::List(l) = f.peek(d as usize) {
                        l.borrow_mut().push(v);
                    }
                }
                Op::SetAdd(d) => {
                    let v = f.pop();
                    let target = f.peek(d as usize).clone();
                    tri!(self.set_add(&target, v));
                }
                Op::MapAdd(d) => {
                    let v = f.pop();
                    let k = f.pop();
                    let target = f.peek(d as usize).clone();
                    tri!(self.set_item(&target, k, v));
                }
                Op::ListExtend(d) => {
                    let it = f.pop();
                    let target = f.peek(d as usize).clone();
                    let items = tri!(self.collect(it));
                    if let Value::List(ref l) = target {
                        l.borrow_mut().extend(items);
                    }
                }
                Op::SetUpdate(d) => {
                    let it = f.pop();
                    let target = f.peek(d as usize).clone();
                    let items = tri!(self.collect(it));
                    for v in items {
                        tri!(self.set_add(&target, v));
                    }
                }
                Op::DictUpdate(d) | Op::DictMerge(d) => {
                    let other = f.pop();
                    let target = f.peek(d as usize).clone();
                    let merge = matches!(op, Op::DictMerge(_));
                    tri!(self.dict_update(&target, other, merge));
                }
                Op::ListToTuple => {
                    let v = f.pop();
                    if let Value::List(ref l) = v {
                        let items = std::mem::take(&mut *l.borrow_mut());
                        f.stack.push(Value::tuple(items));
                    }
                }
                Op::UnpackSequence(n) => {
                    let seq = f.pop();
                    let items = tri!(self.unpack(seq, n as usize));
                    let f = top!(self);
                    f.stack.extend(items.into_iter().rev());
                }
                Op::UnpackEx(x) => {
                    let seq = f.pop();
                    let (before, after) = ((x & 0xff) as usize, (x >> 8) as usize);
                    let items = tri!(self.unpack_ex(seq, before, after));
                    let f = top!(self);
                    f.stack.extend(items.into_iter().rev());
                }
                Op::FormatValue(flags) => {
                    // Formatting a value is a call into CPython's C code: costlier than an opcode.
                    self.ticks += 8;
                    let spec = if flags & 4 != 0 { Some(f.pop()) } else { None };
                    let v = f.pop();
                    let s = tri!(self.format_value(v, flags & 3, spec));
                    top!(self).stack.push(s);
                }
                Op::Jump(t) => f.ip = t as usize,
                Op::PopJumpIfFalse(t) => {
                    let v = f.pop();
                    let truth = match v {
                        Value::Bool(b) => b,
                        other => tri!(self.truthy(&other)),
                    };
                    if !truth {
                        top!(self).ip = t as usize;
                    }
                }
                Op::PopJumpIfTrue(t) => {
                    let v = f.pop();
                    let truth = match v {
                        Value::Bool(b) => b,
                        other => tri!(self.truthy(&other)),
                    };
                    if truth {
                        top!(self).ip = t as usize;
                    }
                }
                Op::JumpIfFalseOrPop(t) => {
                    let v = f.top().clone();
                    if tri!(self.truthy(&v)) {
                        top!(self).pop();
                    } else {
                        top!(self).ip = t as usize;
                    }
                }
                Op::JumpIfTrueOrPop(t) => {
                    let v = f.top().clone();
                    if tri!(self.truthy(&v)) {
                        top!(self).ip = t as usize;
                    } else {
                        top!(self).pop();
                    }
                }
                Op::GetIter => {
                    let v = f.pop();
                    let it = tri!(self.get_iter(v));
                    top!(self).stack.push(it);
                }
                Op::ForIter(t) => {
                    if let Some(action) = self.for_iter(t) {
                        return action;
                    }
                }
                Op::GetAIter => {
                    let v = f.pop();
                    let it = tri!(self.get_aiter(v));
                    top!(self).stack.push(it);
                }
                Op::GetANext => {
                    let it = f.pop();
                    let aw = tri!(self.get_anext(it));
                    top!(self).stack.push(aw);
                }
                Op::EndAsyncFor => {
                    let exc = f.pop();
                    let is_stop = super::super::value::types::class_of(&exc).is_subclass(&types().exc(ExcKind::StopAsyncIteration));
                    if !is_stop {
                        return Action::Reraise(PyErr::Exc(exc));
                    }
                    f.pop_block();
                    f.pop_handling();
                    f.pop();
                }
                Op::MakeFunction(flags) => {
                    let code = f.pop();
                    let closure = if flags & 8 != 0 { f.pop() } else { Value::None };
                    let kwdefaults = if flags & 2 != 0 { f.pop() } else { Value::None };
                    let defaults = if flags & 1 != 0 { f.pop() } else { Value::None };
                    let globals = f.globals.clone();
                    let func = make_function(code, globals, defaults, kwdefaults, closure);
                    top!(self).stack.push(func);
                }
                Op::Call(n) => {
                    let args = Args { pos: take_args(&mut f.stack, n as usize), kw: Vec::new() };
                    let callee = f.pop();
                    if let Some(a) = self.call_from_dispatch(callee, args) {
                        return a;
                    }
                }
                Op::CallKw(n) => {
                    let names = f.pop();
                    let len = f.stack.len();
                    let mut all: Vec<Value> = f.stack.drain(len - n as usize..).collect();
                    let callee = f.pop();
                    let Value::Tuple(ref names) = names else {
                        return Action::Error(PyErr::internal("CallKw without a names tuple"));
                    };
                    let kwvals = all.split_off(all.len() - names.len());
                    let kw = names
                        .iter()
                        .zip(kwvals)
                        .map(|(k, v)| match k {
                            Value::Str(s) => (s.clone(), v),
                            _ => (Rc::from("?"), v),
                        })
                        .collect();
                    let args = Args { pos: all.into_iter().collect(), kw };
                    if let Some(a) = self.call_from_dispatch(callee, args) {
                        return a;
                    }
                }
                Op::CallEx(has_kw) => {
                    let kwargs = if has_kw != 0 { f.pop() } else { Value::None };
                    let pos = f.pop();
                    let callee = f.pop();
                    let args = tri!(self.args_from_ex(pos, kwargs));
                    if let Some(a) = self.call_from_dispatch(callee, args) {
                        return a;
                    }
                }
                Op::ReturnValue => {
                    let v = f.pop();
                    return Action::Return(v);
                }
                Op::YieldValue => {
                    let v = f.pop();
                    return Action::Yield(v);
                }
                Op::GetAwaitable(_) => {
                    let v = f.pop();
                    let aw = tri!(self.get_awaitable(v));
                    top!(self).stack.push(aw);
                }
                Op::GetYieldFromIter => {
                    let v = f.pop();
                    let it = match v {
                        Value::Generator(ref g) if g.kind == GenKind::Generator => Value::Generator(g.clone()),
                        Value::Generator(ref g) if g.kind == GenKind::Coroutine => {
                            return Action::Error(PyErr::type_error(
                                "cannot 'yield from' a coroutine object in a non-coroutine generator",
                            ))
                        }
                        other => tri!(self.get_iter(other)),
                    };
                    top!(self).stack.push(it);
                }
                Op::YieldFrom => {
                    if let Some(action) = self.yield_from() {
                        return action;
                    }
                }
                Op::SetupExcept(t) => {
                    let level = f.stack.len() as u32;
                    f.push_block(Block { kind: BlockKind::Setup, handler: t, level });
                }
                Op::SetupWith(t) => {
                    let level = f.stack.len() as u32 - 1;
                    f.push_block(Block { kind: BlockKind::Setup, handler: t, level });
                }
                Op::PopBlock => {
                    f.pop_block();
                }
                Op::PopExcept => {
                    if let Some(b) = f.pop_block() {
                        if b.kind == BlockKind::Handler {
                            f.pop_handling();
                        }
                    }
                }
                Op::Reraise => {
                    let exc = f.pop();
                    return Action::Reraise(PyErr::Exc(exc));
                }
                Op::Raise(n) => return self.raise(n),
                Op::CheckExcMatch => {
                    let typ = f.pop();
                    let exc = f.top().clone();
                    let m = tri!(self.exception_matches(&exc, &typ));
                    top!(self).stack.push(Value::Bool(m));
                }
                Op::CheckEgMatch => {
                    let typ = f.pop();
                    let eg = f.pop();
                    let (rest, matched) = tri!(self.exception_group_split(eg, &typ));
                    let f = top!(self);
                    f.stack.push(rest);
                    f.stack.push(matched);
                }
                Op::PrepReraiseStar => {
                    let raised = f.pop();
                    let rest = f.pop();
                    let orig = f.pop();
                    if let Some(e) = tri!(self.prep_reraise_star(orig, rest, raised)) {
                        return Action::Reraise(PyErr::Exc(e));
                    }
                }
                Op::PushExcInfo => {
                    let v = self.handled_exception().unwrap_or(Value::None);
                    top!(self).stack.push(v);
                }
                Op::BeforeWith => {
                    let cm = f.pop();
                    let (exit, entered) = tri!(self.enter_context(cm));
                    let f = top!(self);
                    f.stack.push(exit);
                    f.stack.push(entered);
                }
                Op::BeforeAsyncWith => {
                    let cm = f.pop();
                    let (exit, awaitable) = tri!(self.enter_async_context(cm));
                    let f = top!(self);
                    f.stack.push(exit);
                    f.stack.push(awaitable);
                }
                Op::WithExceptStart => {
                    let exc = f.top().clone();
                    let exit = f.peek(2).clone();
                    let typ = Value::Class(super::super::value::types::class_of(&exc));
                    let r = tri!(self.call(exit, Args::new([typ, exc, Value::None])));
                    top!(self).stack.push(r);
                }
                Op::CallExitNone => {
                    let exit = f.pop();
                    let r = tri!(self.call(exit, Args::new([Value::None, Value::None, Value::None])));
                    top!(self).stack.push(r);
                }
                Op::ImportName(i) => {
                    let name = f.code.names[i as usize].clone();
                    let m = tri!(self.import(&name));
                    top!(self).stack.push(m);
                }
                Op::ImportFrom(i) => {
                    let module = f.top().clone();
                    let name = f.code.names[i as usize].clone();
                    let v = tri!(self.import_from(&module, &name));
                    top!(self).stack.push(v);
                }
                Op::BuildClass => {
                    let kw = f.pop();
                    let bases = f.pop();
                    let name = f.pop();
                    let body = f.pop();
                    let cls = tri!(self.build_class(body, name, bases, kw));
                    top!(self).stack.push(cls);
                }
                Op::LoadAssertionError => {
                    f.stack.push(Value::Class(types().exc(ExcKind::AssertionError)));
                }
                Op::StoreClassCell(_) => {}
            }
        }
    }

    /// Call from an instruction: Python functions get a frame (no Rust recursion).
    fn call_from_dispatch(&mut self, callee: Value, args: Args) -> Option<Action> {
        if let Value::Native(n) = &callee {
            // CPython checks a built-in's call unless the calling code is specialized
            // and the built-in is a fast-call one.
            let checked = n.always_checked || !top!(self).code.is_warm();
            return match self.call_native(n, args, checked) {
                Ok(v) => {
                    top!(self).stack.push(v);
                    None
                }
                Err(e) => Some(Action::Error(e)),
            };
        }
        if let Value::Class(c) = &callee {
            // `str(x)` from code not yet specialized goes through the checked type call.
            if c.builtin == BuiltinType::Str && !c.is_user() && !top!(self).code.is_warm() {
                return match self.nested(super::Recursion::Call, |vm| vm.instantiate(c, args)) {
                    Ok(v) => {
                        top!(self).stack.push(v);
                        None
                    }
                    Err(e) => Some(Action::Error(e)),
                };
            }
        }
        match self.start_call(callee, args) {
            Ok(CallOutcome::Value(v)) => {
                top!(self).stack.push(v);
                None
            }
            Ok(CallOutcome::Frame(frame)) => match self.push_frame(frame) {
                Ok(()) => Some(Action::Enter),
                Err(e) => Some(Action::Error(e)),
            },
            Err(e) => Some(Action::Error(e)),
        }
    }

    /// `ForIter`: the next item, or jump past the loop. Returns an action when a
    /// generator frame must run to produce the item.
    fn for_iter(&mut self, target: u32) -> Option<Action> {
        let f = top!(self);
        let it = f.top().clone();
        match &it {
            Value::Iter(state) => {
                let mut st = state.borrow_mut();
                use super::super::value::Iter;
                match &mut *st {
                    Iter::Range { next, stop, step } => {
                        let more = if *step > 0 { *next < *stop } else { *next > *stop };
                        if more {
                            let v = *next;
                            *next += *step;
                            drop(st);
                            f.stack.push(Value::Int(v));
                        } else {
                            drop(st);
                            f.pop();
                            f.ip = target as usize;
                        }
                        return None;
                    }
                    Iter::Seq { seq: Value::List(l), idx } => {
                        let item = l.borrow().get(*idx).cloned();
                        match item {
                            Some(v) => {
                                *idx += 1;
                                drop(st);
                                f.stack.push(v);
                            }
                            None => {
                                drop(st);
                                f.pop();
                                f.ip = target as usize;
                            }
                        }
                        return None;
                    }
                    _ => {}
                }
            }
            Value::Generator(g) if g.kind == GenKind::Generator => {
                if g.state.get() == GenState::Closed {
                    f.pop();
                    f.ip = target as usize;
                    return None;
                }
                let g = g.clone();
                return match self.enter_generator(&g, Resume::Send(Value::None), ExitMode::ForIter) {
                    Ok(()) => Some(Action::Enter),
                    Err(e) => Some(Action::Error(e)),
                };
            }
            _ => {}
        }
        match self.next_uncharged(&it) {
            Ok(Some(v)) => top!(self).stack.push(v),
            Ok(None) => {
                let f = top!(self);
                f.pop();
                f.ip = target as usize;
            }
            Err(e) => return Some(Action::Error(e)),
        }
        None
    }

    /// `YieldFrom`: stack `awaitable value`. Drive the awaitable one step; `None` when it
    /// finished at once and this frame simply continues.
    fn yield_from(&mut self) -> Option<Action> {
        let f = top!(self);
        let value = f.pop();
        let aw = f.top().clone();
        let how = match f.take_pending_throw() {
            Some(exc) => Resume::Throw(exc),
            None => Resume::Send(value),
        };
        match &aw {
            Value::Generator(g) if g.kind != GenKind::AsyncGenerator => {
                let g = g.clone();
                Some(match self.enter_generator(&g, how, ExitMode::YieldFrom) {
                    Ok(()) => Action::Enter,
                    Err(e) => Action::Error(e),
                })
            }
            Value::Object(o) => match o.send(&aw, self, how) {
                Some(Ok(SendResult::Yield(v))) => Some(Action::Delegated(v)),
                Some(Ok(SendResult::Return(v))) => {
                    let f = top!(self);
                    f.pop();
                    f.stack.push(v);
                    None
                }
                Some(Err(e)) => Some(Action::Error(e)),
                None => Some(Action::Error(PyErr::type_error(format!(
                    "object {} can't be used in 'await' expression",
                    o.type_name()
                )))),
            },
            _ => match how {
                Resume::Throw(e) => Some(Action::Error(PyErr::Exc(e))),
                Resume::Send(_) => match self.next_uncharged(&aw) {
                    Ok(Some(v)) => Some(Action::Delegated(v)),
                    Ok(None) => {
                        let f = top!(self);
                        f.pop();
                        f.stack.push(Value::None);
                        None
                    }
                    Err(e) => Some(Action::Error(e)),
                },
            },
        }
    }

    fn raise(&mut self, n: u32) -> Action {
        let f = top!(self);
        if n == 0 {
            return match self.handled_exception() {
                Some(e) => Action::Reraise(PyErr::Exc(e)),
                None => Action::Error(PyErr::new(ExcKind::RuntimeError, "No active exception to reraise")),
            };
        }
        let cause = if n == 2 { Some(f.pop()) } else { None };
        let exc = f.pop();
        let exc = tri!(self.make_raisable(exc));
        if let Some(cause) = cause {
            let cause = match cause {
                Value::None => Value::None,
                Value::Class(_) => tri!(self.make_raisable(cause)),
                v if v.exc().is_some() => v,
                _ => return Action::Error(PyErr::type_error("exception causes must derive from BaseException")),
            };
            if let Some(d) = exc.exc() {
                let mut d = d.borrow_mut();
                d.cause = cause;
                d.suppress_context = true;
            }
        }
        self.set_context(&exc);
        Action::Error(PyErr::Exc(exc))
    }

    /// Implicit chaining: a new exception raised while handling another.
    pub(crate) fn set_context(&self, exc: &Value) {
        if let Some(ctx) = self.handled_exception() {
            if !ctx.is(exc) {
                if let Some(d) = exc.exc() {
                    let mut d = d.borrow_mut();
                    if d.context.is_none() {
                        d.context = ctx;
                    }
                }
            }
        }
    }
}

/// The top `n` values of the stack as call arguments, in order.
#[inline]
fn take_args(stack: &mut Vec<Value>, n: usize) -> smallvec::SmallVec<[Value; 3]> {
    let mut args = smallvec::SmallVec::new();
    if n <= 3 {
        for _ in 0..n {
            args.push(stack.pop().expect("the compiler pushed the arguments"));
        }
        args.reverse();
    } else {
        let start = stack.len() - n;
        args.extend(stack.drain(start..));
    }
    args
}

/// `LoadGlobal` through the code object's inline cache: globals, then builtins.
#[inline]
fn load_global(f: &super::Frame, builtins: &super::super::value::Module, i: usize) -> Option<Value> {
    let cache = &f.code.global_cache[i];
    let c = cache.get();
    let g = f.globals.borrow();
    if c.globals_version == g.version() {
        if c.builtins_version == 0 {
            return g.get_index(c.slot as usize).cloned();
        }
        let b = builtins.dict.borrow();
        if c.builtins_version == b.version() {
            return b.get_index(c.slot as usize).cloned();
        }
    }
    let name = &f.code.names[i];
    if let Some((slot, v)) = g.get_full(name) {
        cache.set(super::super::bytecode::GlobalCache { globals_version: g.version(), builtins_version: 0, slot: slot as u32 });
        return Some(v.clone());
    }
    let b = builtins.dict.borrow();
    let (slot, v) = b.get_full(name)?;
    cache.set(super::super::bytecode::GlobalCache {
        globals_version: g.version(),
        builtins_version: b.version(),
        slot: slot as u32,
    });
    Some(v.clone())
}

/// A module attribute through the inline cache (`asyncio.sleep`).
#[inline]
fn module_attr(code: &super::super::bytecode::Code, m: &super::super::value::Module, i: usize) -> Option<Value> {
    let cache = &code.attr_cache[i];
    let c = cache.get();
    let d = m.dict.borrow();
    if c.version == d.version() {
        return d.get_index(c.slot as usize).cloned();
    }
    let (slot, v) = d.get_full(&code.names[i])?;
    cache.set(super::super::bytecode::AttrCache { version: d.version(), slot: slot as u32 });
    Some(v.clone())
}

fn make_function(code: Value, globals: super::super::value::Globals, defaults: Value, kwdefaults: Value, closure: Value) -> Value {
    let Value::Code(code) = &code else {
        return Value::None;
    };
    let defaults = match defaults {
        Value::Tuple(ref t) => t.to_vec(),
        _ => vec![],
    };
    let kwdefaults = match kwdefaults {
        Value::Dict(ref d) => d
            .borrow()
            .iter()
            .filter_map(|(k, v)| match k {
                Value::Str(s) => Some((s.clone(), v.clone())),
                _ => None,
            })
            .collect(),
        _ => vec![],
    };
    let closure = match closure {
        Value::Tuple(ref t) => t
            .iter()
            .filter_map(|c| match c {
                Value::Cell(c) => Some(c.clone()),
                _ => None,
            })
            .collect(),
        _ => vec![],
    };
    Value::Function(Rc::new(Function {
        name: std::cell::RefCell::new(code.name.clone()),
        qualname: code.qualname.clone(),
        code: code.clone(),
        globals,
        defaults,
        kwdefaults,
        closure,
        dict: std::cell::RefCell::new(super::super::value::new_namespace()),
    }))
}

fn unbound_local(name: &str) -> PyErr {
    PyErr::new(
        ExcKind::UnboundLocalError,
        format!("cannot access local variable '{name}' where it is not associated with a value"),
    )
}

fn unbound_deref(f: &super::Frame, i: usize) -> PyErr {
    let ncell = f.code.cellvars.len();
    if i < ncell {
        unbound_local(&f.code.cellvars[i])
    } else {
        let name = &f.code.freevars[i - ncell];
        PyErr::new(
            ExcKind::NameError,
            format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
        )
    }
}

pub(crate) fn name_error(name: &str) -> PyErr {
    // CPython's way from a script to its loader and the builtins module (`open`,
    // `__import__`): refused by name.
    if matches!(name, "__builtins__" | "__loader__" | "__spec__") {
        return super::super::builtins::refused(&format!("the name '{name}'"));
    }
    PyErr::new(ExcKind::NameError, format!("name '{name}' is not defined"))
}

#[allow(dead_code)]
fn _class_unused(_: &Class) {}
