//! Exception groups: construction, `split`, and the `except*` machinery.

use std::rc::Rc;

use super::super::value::types::{class_of, types};
use super::super::value::{Args, Class, ExcKind, Value};
use super::except::new_exception;
use super::{PyErr, PyResult, Vm};

pub fn is_group(v: &Value) -> bool {
    class_of(v).is_subclass(&types().exc(ExcKind::BaseExceptionGroup))
}

/// The sub-exceptions of a group.
pub fn group_exceptions(v: &Value) -> Vec<Value> {
    match v.as_instance().and_then(|i| i.get("exceptions")) {
        Some(Value::Tuple(ref t)) => t.to_vec(),
        _ => vec![],
    }
}

fn group_message(v: &Value) -> Value {
    v.as_instance().and_then(|i| i.get("message")).unwrap_or_else(|| Value::str(""))
}

/// Build `BaseExceptionGroup(message, excs)`: an `ExceptionGroup` when every member is an
/// `Exception`, as CPython's `__new__` decides.
pub fn make_exception_group(class: Option<Rc<Class>>, message: Value, excs: Vec<Value>) -> PyResult<Value> {
    let t = types();
    let exception = t.exc(ExcKind::Exception);
    let all_exceptions = excs.iter().all(|e| class_of(e).is_subclass(&exception));
    let base_group = t.exc(ExcKind::BaseExceptionGroup);
    let class = match class {
        Some(c) if !Rc::ptr_eq(&c, &base_group) => {
            if c.is_subclass(&t.exc(ExcKind::ExceptionGroup)) && !all_exceptions {
                return Err(PyErr::type_error("Cannot nest BaseExceptions in an ExceptionGroup"));
            }
            c
        }
        _ => {
            if all_exceptions {
                t.exc(ExcKind::ExceptionGroup)
            } else {
                base_group
            }
        }
    };
    let group = new_exception(class, vec![message.clone(), Value::list(excs.clone())]);
    if let Some(inst) = group.as_instance() {
        inst.set("message", message);
        inst.set("exceptions", Value::tuple(excs));
    }
    Ok(group)
}

/// The class `BaseExceptionGroup(message, excs)` really makes: `ExceptionGroup` when
/// every member is an `Exception` (what `BaseExceptionGroup.__new__` decides).
pub fn class_for_new(cls: &Rc<Class>, args: &Args) -> Rc<Class> {
    let t = types();
    if !Rc::ptr_eq(cls, &t.exc(ExcKind::BaseExceptionGroup)) || args.pos.len() != 2 {
        return cls.clone();
    }
    let exception = t.exc(ExcKind::Exception);
    let all_exceptions = |items: &[Value]| {
        !items.is_empty() && items.iter().all(|e| e.exc().is_some() && class_of(e).is_subclass(&exception))
    };
    let narrow = match &args.pos[1] {
        Value::List(l) => all_exceptions(&l.borrow()),
        Value::Tuple(items) => all_exceptions(items),
        _ => false,
    };
    if narrow {
        t.exc(ExcKind::ExceptionGroup)
    } else {
        cls.clone()
    }
}

/// Validate and initialise a group (`BaseExceptionGroup.__init__`).
pub fn init_exception_group(this: &Value, args: &Args) -> PyResult<()> {
    if args.pos.len() != 2 {
        return Err(PyErr::type_error(format!(
            "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)",
            args.pos.len()
        )));
    }
    let message = args.pos[0].clone();
    if !matches!(message, Value::Str(_)) {
        return Err(PyErr::type_error("argument 1 must be str, not ".to_string() + super::super::value::types::type_name(&message)));
    }
    let excs: Vec<Value> = match &args.pos[1] {
        Value::List(l) => l.borrow().clone(),
        Value::Tuple(t) => t.to_vec(),
        _ => return Err(PyErr::type_error("second argument (exceptions) must be a sequence")),
    };
    if excs.is_empty() {
        return Err(PyErr::value_error("second argument (exceptions) must be a non-empty sequence"));
    }
    for (i, e) in excs.iter().enumerate() {
        if e.exc().is_none() {
            return Err(PyErr::value_error(format!("Item {i} of second argument (exceptions) is not an exception")));
        }
    }
    let cls = class_of(this);
    let t = types();
    if cls.is_subclass(&t.exc(ExcKind::ExceptionGroup)) && !excs.iter().all(|e| class_of(e).is_subclass(&t.exc(ExcKind::Exception))) {
        return Err(PyErr::type_error("Cannot nest BaseExceptions in an ExceptionGroup"));
    }
    if let Some(inst) = this.as_instance() {
        inst.set("message", message.clone());
        inst.set("exceptions", Value::tuple(excs.clone()));
        if let Some(d) = &inst.exc {
            d.borrow_mut().args = vec![message, Value::list(excs)];
        }
    }
    Ok(())
}

/// How `split` decides membership.
enum Condition {
    Type(Value),
    Pred(Value),
    Leaves(Vec<usize>),
}

impl Vm {
    fn matches_condition(&mut self, exc: &Value, cond: &Condition) -> PyResult<bool> {
        match cond {
            Condition::Type(t) => self.exception_matches(exc, t),
            Condition::Pred(f) => {
                let r = self.call(f.clone(), Args::new([exc.clone()]))?;
                self.truthy(&r)
            }
            Condition::Leaves(ids) => Ok(ids.contains(&exc.identity())),
        }
    }

    /// `group.split(condition)` → (match, rest), each a group or None.
    fn split_group(&mut self, group: &Value, cond: &Condition) -> PyResult<(Value, Value)> {
        if self.matches_condition(group, cond)? {
            return Ok((group.clone(), Value::None));
        }
        if !is_group(group) {
            return Ok((Value::None, group.clone()));
        }
        let mut matched = vec![];
        let mut rest = vec![];
        for e in group_exceptions(group) {
            let (m, r) = self.split_group(&e, cond)?;
            if !m.is_none() {
                matched.push(m);
            }
            if !r.is_none() {
                rest.push(r);
            }
        }
        let derive = |vm: &mut Vm, excs: Vec<Value>| -> PyResult<Value> {
            if excs.is_empty() {
                return Ok(Value::None);
            }
            let _ = vm;
            let g = make_exception_group(Some(class_of(group)), group_message(group), excs)?;
            copy_chaining(group, &g);
            Ok(g)
        };
        let m = derive(self, matched)?;
        let r = derive(self, rest)?;
        Ok((m, r))
    }

    /// `group.split(type_or_predicate)`.
    pub fn exception_group_split_method(&mut self, group: &Value, cond: Value) -> PyResult<(Value, Value)> {
        let cond = match &cond {
            Value::Class(_) | Value::Tuple(_) => Condition::Type(cond),
            _ => Condition::Pred(cond),
        };
        self.split_group(group, &cond)
    }

    /// `except* T`: (rest, match) of the exception being handled.
    pub(crate) fn exception_group_split(&mut self, eg: Value, typ: &Value) -> PyResult<(Value, Value)> {
        if let Value::Class(c) = typ {
            if c.is_subclass(&types().exc(ExcKind::BaseExceptionGroup)) {
                return Err(PyErr::type_error(
                    "catching ExceptionGroup with except* is not allowed. Use except instead.",
                ));
            }
        }
        if !is_group(&eg) {
            if self.exception_matches(&eg, typ)? {
                let wrapped = make_exception_group(None, Value::str(""), vec![eg])?;
                return Ok((Value::None, wrapped));
            }
            return Ok((eg, Value::None));
        }
        let (m, r) = self.split_group(&eg, &Condition::Type(typ.clone()))?;
        Ok((r, m))
    }

    /// End of an `except*` statement: what, if anything, to raise.
    pub(crate) fn prep_reraise_star(&mut self, orig: Value, rest: Value, raised: Value) -> PyResult<Option<Value>> {
        let mut items: Vec<Value> = match raised {
            Value::List(ref l) => l.borrow().clone(),
            _ => vec![],
        };
        if !rest.is_none() {
            items.push(rest);
        }
        if items.is_empty() {
            return Ok(None);
        }
        let orig_leaves = leaves(&orig);
        let mut reraised_leaves = vec![];
        let mut new = vec![];
        for it in items {
            let ls = leaves(&it);
            if !ls.is_empty() && ls.iter().all(|l| orig_leaves.contains(l)) {
                reraised_leaves.extend(ls);
            } else {
                new.push(it);
            }
        }
        let keep = if reraised_leaves.is_empty() {
            Value::None
        } else if !is_group(&orig) {
            orig.clone()
        } else {
            self.split_group(&orig, &Condition::Leaves(reraised_leaves))?.0
        };
        if new.is_empty() {
            return Ok((!keep.is_none()).then_some(keep));
        }
        if !keep.is_none() {
            new.push(keep);
        }
        Ok(Some(make_exception_group(None, Value::str(""), new)?))
    }
}

fn leaves(v: &Value) -> Vec<usize> {
    if is_group(v) {
        group_exceptions(v).iter().flat_map(leaves).collect()
    } else {
        vec![v.identity()]
    }
}

fn copy_chaining(from: &Value, to: &Value) {
    if let (Some(a), Some(b)) = (from.exc(), to.exc()) {
        let a = a.borrow();
        let mut b = b.borrow_mut();
        b.cause = a.cause.clone();
        b.context = a.context.clone();
        b.suppress_context = a.suppress_context;
        b.traceback = a.traceback.clone();
        b.notes = a.notes.clone();
    }
}
