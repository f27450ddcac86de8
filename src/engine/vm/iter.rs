//! Iteration (`iter`, `next`), async iteration and `await`-ability.

use std::cell::RefCell;
use std::rc::Rc;

use super::super::value::types::class_name;
use super::super::value::{Args, DictViewKind, ExcKind, GenKind, Iter, Resume, Value};
use super::generator::ResumeOutcome;
use super::{PyErr, PyResult, Vm};

fn iter_value(it: Iter) -> Value {
    Value::Iter(Rc::new(RefCell::new(it)))
}

impl Vm {
    pub fn is_iterable(&self, v: &Value) -> bool {
        match v {
            Value::List(_)
            | Value::Tuple(_)
            | Value::Str(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::FrozenSet(_)
            | Value::Range(_)
            | Value::Iter(_)
            | Value::DictView(_) => true,
            Value::Generator(g) => g.kind == GenKind::Generator,
            Value::Instance(i) => i.class.lookup("__iter__").is_some() || i.class.lookup("__getitem__").is_some(),
            _ => false,
        }
    }

    /// `iter(v)`.
    pub fn get_iter(&mut self, v: Value) -> PyResult<Value> {
        Ok(match v {
            Value::List(_) | Value::Tuple(_) => iter_value(Iter::Seq { seq: v, idx: 0 }),
            Value::Str(ref s) => iter_value(Iter::Str { s: s.clone(), pos: 0 }),
            Value::Range(ref r) => iter_value(Iter::Range { next: r.start, stop: r.stop, step: r.step }),
            Value::Dict(ref d) => {
                let len = d.borrow().len();
                iter_value(Iter::Dict { dict: d.clone(), idx: 0, kind: DictViewKind::Keys, len })
            }
            Value::DictView(ref view) => {
                let len = view.0.borrow().len();
                iter_value(Iter::Dict { dict: view.0.clone(), idx: 0, kind: view.1, len })
            }
            Value::Set(ref s) => {
                let items: Vec<Value> = s.borrow().iter().cloned().collect();
                let len = items.len();
                iter_value(Iter::SetItems { set: s.clone(), items, idx: 0, len })
            }
            Value::FrozenSet(ref s) => {
                let items: Vec<Value> = s.iter().cloned().collect();
                iter_value(Iter::Items { items, idx: 0, type_name: "set_iterator" })
            }
            Value::Iter(_) => v,
            Value::Generator(ref g) if g.kind == GenKind::Generator => v,
            Value::Instance(_) => {
                if let Some(r) = self.call_special(&v, "__iter__", vec![]) {
                    return r;
                }
                return Err(not_iterable(&v));
            }
            Value::Object(ref o) => match o.call_method(&v, self, "__iter__", Args::default()) {
                Some(r) => return r,
                None => return Err(not_iterable(&v)),
            },
            other => return Err(not_iterable(&other)),
        })
    }

    /// The next item, or `None` when the iterator is exhausted (for natives). Items of
    /// built-in iterators are charged as an instruction each, so that
    /// `sum(range(10**12))` stays within the budgets; generators count their own.
    pub fn next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        if let Value::Iter(_) | Value::Object(_) = it {
            self.charge_checked(1)?;
        }
        self.next_uncharged(it)
    }

    /// `next` for the dispatch loop, whose instructions are counted already.
    pub(crate) fn next_uncharged(&mut self, it: &Value) -> PyResult<Option<Value>> {
        // `map(f, map(f, map(...)))` nests natively as deep as the script builds it.
        if super::super::stack::low() {
            return Err(PyErr::new(ExcKind::RecursionError, "maximum recursion depth exceeded"));
        }
        match it {
            Value::Iter(state) => self.next_builtin(state),
            Value::Generator(g) => match self.resume(g, Resume::Send(Value::None)) {
                Ok(ResumeOutcome::Yield(v)) | Ok(ResumeOutcome::Suspend(v)) => Ok(Some(v)),
                Ok(ResumeOutcome::Return(_)) => Ok(None),
                Err(e) if e.is(ExcKind::StopIteration) && g.kind == GenKind::Generator => Ok(None),
                Err(e) => Err(e),
            },
            Value::Instance(_) => match self.call_special(it, "__next__", vec![]) {
                Some(Ok(v)) => Ok(Some(v)),
                Some(Err(e)) if e.is(ExcKind::StopIteration) => Ok(None),
                Some(Err(e)) => Err(e),
                None => Err(PyErr::type_error(format!("'{}' object is not an iterator", class_name(it)))),
            },
            Value::Object(o) => match o.call_method(it, self, "__next__", Args::default()) {
                Some(Ok(v)) => Ok(Some(v)),
                Some(Err(e)) if e.is(ExcKind::StopIteration) => Ok(None),
                Some(Err(e)) => Err(e),
                None => Err(PyErr::type_error(format!("'{}' object is not an iterator", o.type_name()))),
            },
            other => Err(PyErr::type_error(format!("'{}' object is not an iterator", class_name(other)))),
        }
    }

    fn next_builtin(&mut self, state: &Rc<RefCell<Iter>>) -> PyResult<Option<Value>> {
        let mut st = state.borrow_mut();
        Ok(match &mut *st {
            Iter::Seq { seq, idx } => {
                let item = match seq {
                    Value::List(l) => l.borrow().get(*idx).cloned(),
                    Value::Tuple(t) => t.get(*idx).cloned(),
                    _ => None,
                };
                if item.is_some() {
                    *idx += 1;
                }
                item
            }
            Iter::Range { next, stop, step } => {
                let more = if *step > 0 { *next < *stop } else { *next > *stop };
                if more {
                    let v = *next;
                    *next += *step;
                    Some(Value::Int(v))
                } else {
                    None
                }
            }
            Iter::Str { s, pos } => match s[*pos..].chars().next() {
                Some(c) => {
                    *pos += c.len_utf8();
                    let mut buf = [0u8; 4];
                    Some(Value::str(c.encode_utf8(&mut buf)))
                }
                None => None,
            },
            Iter::Dict { dict, idx, kind, len } => {
                let d = dict.borrow();
                if d.len() != *len {
                    *len = usize::MAX;
                    return Err(PyErr::new(ExcKind::RuntimeError, "dictionary changed size during iteration"));
                }
                match d.map.get_index(*idx) {
                    Some((k, v)) => {
                        *idx += 1;
                        Some(match kind {
                            DictViewKind::Keys => k.value.clone(),
                            DictViewKind::Values => v.clone(),
                            DictViewKind::Items => Value::tuple(vec![k.value.clone(), v.clone()]),
                        })
                    }
                    None => None,
                }
            }
            Iter::SetItems { set, items, idx, len } => {
                if set.borrow().len() != *len {
                    *len = usize::MAX;
                    return Err(PyErr::new(ExcKind::RuntimeError, "Set changed size during iteration"));
                }
                let item = items.get(*idx).cloned();
                if item.is_some() {
                    *idx += 1;
                }
                item
            }
            Iter::Items { items, idx, .. } => {
                let item = items.get(*idx).cloned();
                if item.is_some() {
                    *idx += 1;
                }
                item
            }
            Iter::Reversed { seq, idx } => {
                if *idx == 0 {
                    return Ok(None);
                }
                *idx -= 1;
                match seq {
                    Value::List(l) => l.borrow().get(*idx).cloned(),
                    Value::Tuple(t) => t.get(*idx).cloned(),
                    _ => None,
                }
            }
            Iter::Enumerate { it, n } => {
                let it = it.clone();
                let i = *n;
                drop(st);
                return match self.next(&it)? {
                    Some(v) => {
                        if let Iter::Enumerate { n, .. } = &mut *state.borrow_mut() {
                            *n += 1;
                        }
                        Ok(Some(Value::tuple(vec![Value::Int(i), v])))
                    }
                    None => Ok(None),
                };
            }
            Iter::Zip { its, strict } => {
                let its = its.clone();
                let strict = *strict;
                drop(st);
                let mut out = Vec::with_capacity(its.len());
                for (i, it) in its.iter().enumerate() {
                    match self.next(it)? {
                        Some(v) => out.push(v),
                        None => {
                            if strict && i > 0 {
                                return Err(PyErr::value_error(format!("zip() argument {} is shorter than argument 1", i + 1)));
                            }
                            *state.borrow_mut() = Iter::Exhausted;
                            return Ok(None);
                        }
                    }
                }
                if out.is_empty() {
                    return Ok(None);
                }
                Some(Value::tuple(out))
            }
            Iter::Map { func, its } => {
                let (func, its) = (func.clone(), its.clone());
                drop(st);
                let mut args = Vec::with_capacity(its.len());
                for it in &its {
                    match self.next(it)? {
                        Some(v) => args.push(v),
                        None => return Ok(None),
                    }
                }
                Some(self.call(func, Args::new(args))?)
            }
            Iter::Filter { func, it } => {
                let (func, it) = (func.clone(), it.clone());
                drop(st);
                loop {
                    let Some(v) = self.next(&it)? else {
                        return Ok(None);
                    };
                    let keep = if func.is_none() {
                        self.truthy(&v)?
                    } else {
                        let r = self.call(func.clone(), Args::new([v.clone()]))?;
                        self.truthy(&r)?
                    };
                    if keep {
                        return Ok(Some(v));
                    }
                }
            }
            Iter::Callable { func, sentinel } => {
                let (func, sentinel) = (func.clone(), sentinel.clone());
                drop(st);
                let v = self.call(func, Args::default())?;
                if self.eq(&v, &sentinel)? {
                    *state.borrow_mut() = Iter::Exhausted;
                    return Ok(None);
                }
                Some(v)
            }
            Iter::Exhausted => None,
        })
    }

    /// Iterate `v` to the end.
    pub fn collect(&mut self, v: Value) -> PyResult<Vec<Value>> {
        match &v {
            Value::List(l) => {
                self.charge_items(l.borrow().len())?;
                return Ok(l.borrow().clone());
            }
            Value::Tuple(t) => {
                self.charge_items(t.len())?;
                return Ok(t.to_vec());
            }
            Value::Range(r) => {
                let n = r.len().max(0) as usize;
                self.reserve(n.saturating_mul(16))?;
                self.charge_items(n)?;
                return Ok((0..n as i64).map(|i| Value::Int(r.get(i))).collect());
            }
            _ => {}
        }
        let it = self.get_iter(v)?;
        let mut out = Vec::new();
        while let Some(x) = self.next(&it)? {
            out.push(x);
            if out.len() % 4096 == 0 {
                self.reserve(0)?;
            }
        }
        Ok(out)
    }

    /// `aiter(v)`.
    pub fn get_aiter(&mut self, v: Value) -> PyResult<Value> {
        match &v {
            Value::Generator(g) if g.kind == GenKind::AsyncGenerator => Ok(v),
            Value::Instance(_) => match self.call_special(&v, "__aiter__", vec![]) {
                Some(r) => r,
                None => Err(PyErr::type_error(format!(
                    "'async for' requires an object with __aiter__ method, got {}",
                    class_name(&v)
                ))),
            },
            Value::Object(o) => match o.call_method(&v, self, "__aiter__", Args::default()) {
                Some(r) => r,
                None => Err(PyErr::type_error(format!(
                    "'async for' requires an object with __aiter__ method, got {}",
                    o.type_name()
                ))),
            },
            _ => Err(PyErr::type_error(format!(
                "'async for' requires an object with __aiter__ method, got {}",
                class_name(&v)
            ))),
        }
    }

    /// The awaitable for `anext(it)`.
    pub fn get_anext(&mut self, it: Value) -> PyResult<Value> {
        match &it {
            Value::Generator(g) if g.kind == GenKind::AsyncGenerator => {
                Ok(super::super::asyncgen::asend(g.clone(), Value::None))
            }
            Value::Instance(_) => match self.call_special(&it, "__anext__", vec![]) {
                Some(r) => {
                    let aw = r?;
                    self.get_awaitable(aw)
                }
                None => Err(PyErr::type_error(format!(
                    "'async for' received an object from __aiter__ that does not implement __anext__: {}",
                    class_name(&it)
                ))),
            },
            Value::Object(o) => match o.call_method(&it, self, "__anext__", Args::default()) {
                Some(r) => r,
                None => Err(PyErr::type_error(format!(
                    "'async for' received an object from __aiter__ that does not implement __anext__: {}",
                    o.type_name()
                ))),
            },
            _ => Err(PyErr::type_error(format!(
                "'async for' received an object from __aiter__ that does not implement __anext__: {}",
                class_name(&it)
            ))),
        }
    }

    /// What `await v` drives: coroutines themselves, `__await__` iterators, host awaitables.
    pub fn get_awaitable(&mut self, v: Value) -> PyResult<Value> {
        match &v {
            Value::Generator(g) if g.kind == GenKind::Coroutine => Ok(v),
            Value::Object(_) => Ok(v),
            Value::Instance(_) => match self.call_special(&v, "__await__", vec![]) {
                Some(r) => {
                    let it = r?;
                    match &it {
                        Value::Generator(g) if g.kind == GenKind::Coroutine => {
                            Err(PyErr::type_error("__await__() returned a coroutine"))
                        }
                        Value::Generator(_) | Value::Iter(_) | Value::Object(_) => Ok(it),
                        other => Err(PyErr::type_error(format!(
                            "__await__() returned non-iterator of type '{}'",
                            class_name(other)
                        ))),
                    }
                }
                None => Err(not_awaitable(&v)),
            },
            _ => Err(not_awaitable(&v)),
        }
    }
}

fn not_iterable(v: &Value) -> PyErr {
    PyErr::type_error(format!("'{}' object is not iterable", class_name(v)))
}

fn not_awaitable(v: &Value) -> PyErr {
    PyErr::type_error(format!("object {} can't be used in 'await' expression", class_name(v)))
}
