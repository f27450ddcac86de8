//! Operators: arithmetic, comparison, containment, truth, subscripts — built-in types
//! first, then the dunder methods of user classes, with CPython's TypeError messages.

use std::cmp::Ordering;
use std::rc::Rc;

use super::super::ast::{BinOp, CmpOp, UnaryOp};
use super::super::text::methods as strm;
use super::super::value::dict::{hash_builtin, HashKey};
use super::super::value::number::{self, as_number, Num};
use super::super::value::types::{class_name, type_name};
use super::super::value::{Args, Dict, DictViewKind, ExcKind, Set, Value};
use super::{PyErr, PyResult, Recursion, Vm};

fn dunder(op: BinOp) -> (&'static str, &'static str, &'static str) {
    match op {
        BinOp::Add => ("__add__", "__radd__", "__iadd__"),
        BinOp::Sub => ("__sub__", "__rsub__", "__isub__"),
        BinOp::Mul => ("__mul__", "__rmul__", "__imul__"),
        BinOp::MatMul => ("__matmul__", "__rmatmul__", "__imatmul__"),
        BinOp::Div => ("__truediv__", "__rtruediv__", "__itruediv__"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
        BinOp::Mod => ("__mod__", "__rmod__", "__imod__"),
        BinOp::Pow => ("__pow__", "__rpow__", "__ipow__"),
        BinOp::LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
        BinOp::RShift => ("__rshift__", "__rrshift__", "__irshift__"),
        BinOp::BitOr => ("__or__", "__ror__", "__ior__"),
        BinOp::BitXor => ("__xor__", "__rxor__", "__ixor__"),
        BinOp::BitAnd => ("__and__", "__rand__", "__iand__"),
    }
}

fn num_err((kind, msg): (ExcKind, String)) -> PyErr {
    PyErr::new(kind, msg)
}

impl Vm {
    /// Look up a special method on the value's class (not the instance), bound to it.
    pub(crate) fn special_method(&self, v: &Value, name: &str) -> Option<Value> {
        match v {
            Value::Instance(i) => i.class.lookup(name),
            _ => None,
        }
    }

    pub(crate) fn call_special(&mut self, v: &Value, name: &str, args: Vec<Value>) -> Option<PyResult<Value>> {
        let f = self.special_method(v, name)?;
        let mut all = Vec::with_capacity(args.len() + 1);
        all.push(v.clone());
        all.extend(args);
        Some(self.call(f, Args::new(all)))
    }

    pub fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        Ok(match v {
            Value::None | Value::Undefined => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::BigInt(_) => true,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::List(l) => !l.borrow().is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Dict(d) => !d.borrow().is_empty(),
            Value::Set(s) => !s.borrow().is_empty(),
            Value::FrozenSet(s) => !s.is_empty(),
            Value::Range(r) => !r.is_empty(),
            Value::DictView(v) => !v.0.borrow().is_empty(),
            Value::Instance(_) => {
                if let Some(r) = self.call_special(v, "__bool__", vec![]) {
                    return match r? {
                        Value::Bool(b) => Ok(b),
                        other => Err(PyErr::type_error(format!("__bool__ should return bool, returned {}", type_name(&other)))),
                    };
                }
                if let Some(r) = self.call_special(v, "__len__", vec![]) {
                    return Ok(!matches!(r?, Value::Int(0)));
                }
                true
            }
            _ => true,
        })
    }

    pub fn binary_op(&mut self, op: BinOp, a: Value, b: Value) -> PyResult<Value> {
        if let Some(work) = big_int_work(op, &a, &b) {
            // Big-number arithmetic takes time with the size of its operands (and of its
            // result): charged before it runs, so that the budgets stop `10 ** 10 ** 8`
            // instead of waiting for it.
            self.charge_checked(work)?;
        }
        if let (Some(x), Some(y)) = (as_number(&a), as_number(&b)) {
            if let Some(r) = number::binary(op, &x, &y) {
                return r.map_err(num_err);
            }
        }
        if let Some(v) = self.builtin_binary(op, &a, &b)? {
            return Ok(v);
        }
        let (name, rname, _) = dunder(op);
        if let Some(r) = self.call_special(&a, name, vec![b.clone()]) {
            let r = r?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(r);
            }
        }
        if let Some(r) = self.call_special(&b, rname, vec![a.clone()]) {
            let r = r?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(r);
            }
        }
        Err(binary_type_error(op, &a, &b))
    }

    /// Operators of built-in containers and strings.
    fn builtin_binary(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
        use Value::*;
        Ok(Some(match (op, a, b) {
            (BinOp::Add, Str(x), Str(y)) => {
                self.reserve(x.len().saturating_add(y.len()))?;
                self.charge_bytes(x.len() + y.len())?;
                let mut s = String::with_capacity(x.len() + y.len());
                s.push_str(x);
                s.push_str(y);
                Value::string(s)
            }
            (BinOp::Add, List(x), List(y)) => {
                self.reserve((x.borrow().len() + y.borrow().len()).saturating_mul(16))?;
                self.charge_items(x.borrow().len() + y.borrow().len())?;
                let mut v = x.borrow().clone();
                v.extend(y.borrow().iter().cloned());
                Value::list(v)
            }
            (BinOp::Add, Tuple(x), Tuple(y)) => {
                self.reserve((x.len() + y.len()).saturating_mul(16))?;
                self.charge_items(x.len() + y.len())?;
                let mut v = x.to_vec();
                v.extend(y.iter().cloned());
                Value::tuple(v)
            }
            (BinOp::Mul, Str(_) | List(_) | Tuple(_), Int(_) | Bool(_)) => self.repeat(a, b)?,
            (BinOp::Mul, Int(_) | Bool(_), Str(_) | List(_) | Tuple(_)) => self.repeat(b, a)?,
            (BinOp::Mul, Str(_) | List(_) | Tuple(_), BigInt(_)) | (BinOp::Mul, BigInt(_), Str(_) | List(_) | Tuple(_)) => {
                return Err(PyErr::new(ExcKind::OverflowError, "cannot fit 'int' into an index-sized integer"))
            }
            (BinOp::Mod, Str(fmt), _) => self.percent_format(fmt, b)?,
            (BinOp::BitOr, Dict(x), Dict(y)) => {
                let mut d = x.borrow().clone();
                for (k, v) in y.borrow().map.iter() {
                    d.insert(k.clone(), v.clone());
                }
                Value::dict(d)
            }
            (BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor, Set(_) | FrozenSet(_), Set(_) | FrozenSet(_)) => {
                let r = set_op(op, &set_of(a), &set_of(b));
                if matches!(a, FrozenSet(_)) {
                    Value::FrozenSet(Rc::new(r))
                } else {
                    Value::Set(Rc::new(std::cell::RefCell::new(r)))
                }
            }
            _ => return Ok(Option::None),
        }))
    }

    fn repeat(&mut self, seq: &Value, n: &Value) -> PyResult<Value> {
        let n = match n {
            Value::Int(i) => (*i).max(0) as usize,
            Value::Bool(b) => *b as usize,
            _ => 0,
        };
        let unit = match seq {
            Value::Str(s) => s.len(),
            Value::List(l) => l.borrow().len() * 16,
            Value::Tuple(t) => t.len() * 16,
            _ => 0,
        };
        // Beyond what an index can count: CPython's overflow checks, before any budget.
        let len = match seq {
            Value::Str(s) => s.len(),
            Value::List(l) => l.borrow().len(),
            Value::Tuple(t) => t.len(),
            _ => 0,
        };
        if len.checked_mul(n).is_none_or(|total| total > isize::MAX as usize) {
            return Err(match seq {
                Value::Str(_) => PyErr::new(ExcKind::OverflowError, "repeated string is too long"),
                _ => PyErr::new(ExcKind::MemoryError, ""),
            });
        }
        self.reserve(unit.saturating_mul(n))?;
        self.charge_bytes(unit.saturating_mul(n))?;
        Ok(match seq {
            Value::Str(s) => Value::string(s.repeat(n)),
            Value::List(l) => {
                let items = l.borrow();
                let mut v = Vec::with_capacity(items.len() * n);
                for _ in 0..n {
                    v.extend(items.iter().cloned());
                }
                Value::list(v)
            }
            Value::Tuple(t) => {
                let mut v = Vec::with_capacity(t.len() * n);
                for _ in 0..n {
                    v.extend(t.iter().cloned());
                }
                Value::tuple(v)
            }
            _ => Value::None,
        })
    }

    pub fn inplace_op(&mut self, op: BinOp, a: Value, b: Value) -> PyResult<Value> {
        match (&op, &a) {
            (BinOp::Add, Value::List(l)) => {
                let items = self.collect(b)?;
                l.borrow_mut().extend(items);
                return Ok(a);
            }
            (BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor, Value::Set(s)) if matches!(b, Value::Set(_) | Value::FrozenSet(_)) => {
                let r = set_op(op, &s.borrow(), &set_of(&b));
                *s.borrow_mut() = r;
                return Ok(a);
            }
            (BinOp::BitOr, Value::Dict(_)) if matches!(b, Value::Dict(_)) => {
                self.dict_update(&a, b, false)?;
                return Ok(a);
            }
            _ => {}
        }
        let (_, _, iname) = dunder(op);
        if let Some(r) = self.call_special(&a, iname, vec![b.clone()]) {
            let r = r?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(r);
            }
        }
        self.binary_op(op, a, b).map_err(|e| {
            // CPython names the augmented operator in the message.
            if e.is(ExcKind::TypeError) {
                if let Some(v) = e.value().and_then(|v| v.exc()) {
                    let mut d = v.borrow_mut();
                    if let Some(Value::Str(s)) = d.args.first() {
                        let sym = op.symbol();
                        let from = format!("for {sym}:");
                        let to = format!("for {sym}=:");
                        d.args[0] = Value::string(s.replacen(&from, &to, 1));
                    }
                }
            }
            e
        })
    }

    pub fn unary_op(&mut self, op: UnaryOp, a: Value) -> PyResult<Value> {
        if op == UnaryOp::Not {
            return Ok(Value::Bool(!self.truthy(&a)?));
        }
        if let Some(n) = as_number(&a) {
            return Ok(match op {
                UnaryOp::Neg => number::negate(&n),
                UnaryOp::Pos => match n {
                    Num::Int(i) => Value::Int(i),
                    Num::Big(b) => number::normalize(b),
                    Num::Float(f) => Value::Float(f),
                },
                UnaryOp::Invert => match n {
                    Num::Int(i) => Value::Int(!i),
                    Num::Big(b) => number::normalize(-b - 1),
                    Num::Float(_) => return Err(PyErr::type_error("bad operand type for unary ~: 'float'")),
                },
                UnaryOp::Not => unreachable!("handled above"),
            });
        }
        let (name, sym) = match op {
            UnaryOp::Neg => ("__neg__", "-"),
            UnaryOp::Pos => ("__pos__", "+"),
            UnaryOp::Invert => ("__invert__", "~"),
            UnaryOp::Not => unreachable!("handled above"),
        };
        if let Some(r) = self.call_special(&a, name, vec![]) {
            return r;
        }
        Err(PyErr::type_error(format!("bad operand type for unary {sym}: '{}'", class_name(&a))))
    }

    pub fn compare_op(&mut self, op: CmpOp, a: Value, b: Value) -> PyResult<Value> {
        Ok(match op {
            CmpOp::Is => Value::Bool(a.is(&b)),
            CmpOp::IsNot => Value::Bool(!a.is(&b)),
            CmpOp::In => Value::Bool(self.contains(&b, &a)?),
            CmpOp::NotIn => Value::Bool(!self.contains(&b, &a)?),
            CmpOp::Eq => return self.rich_eq(&a, &b, false),
            CmpOp::NotEq => return self.rich_eq(&a, &b, true),
            _ => return self.rich_order(op, &a, &b),
        })
    }

    /// `a == b` / `a != b` (CPython's `PyObject_RichCompare`: one recursion level deeper).
    fn rich_eq(&mut self, a: &Value, b: &Value, negate: bool) -> PyResult<Value> {
        self.nested(Recursion::Compare, |vm| vm.rich_eq_inner(a, b, negate))
    }

    fn rich_eq_inner(&mut self, a: &Value, b: &Value, negate: bool) -> PyResult<Value> {
        let (name, rname) = if negate { ("__ne__", "__ne__") } else { ("__eq__", "__eq__") };
        if matches!(a, Value::Instance(_)) || matches!(b, Value::Instance(_)) {
            if let Some(r) = self.call_special(a, name, vec![b.clone()]) {
                let r = r?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(r);
                }
            }
            if let Some(r) = self.call_special(b, rname, vec![a.clone()]) {
                let r = r?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(r);
                }
            }
            if negate {
                // Default __ne__ inverts __eq__.
                if let Some(r) = self.call_special(a, "__eq__", vec![b.clone()]) {
                    let r = r?;
                    if !matches!(r, Value::NotImplemented) {
                        return Ok(Value::Bool(!self.truthy(&r)?));
                    }
                }
            }
        }
        let eq = self.eq_inner(a, b)?;
        Ok(Value::Bool(eq != negate))
    }

    /// `a == b` for built-in values (instances compare by identity unless `__eq__`),
    /// one recursion level deeper: comparing nested containers recurses through here.
    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        self.nested(Recursion::Compare, |vm| vm.eq_inner(a, b))
    }

    fn eq_inner(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        use Value::*;
        if let (Some(x), Some(y)) = (as_number(a), as_number(b)) {
            return Ok(number::num_eq(&x, &y));
        }
        Ok(match (a, b) {
            (Str(x), Str(y)) => {
                self.charge_bytes(x.len().min(y.len()))?;
                x == y
            }
            (List(x), List(y)) => {
                if Rc::ptr_eq(x, y) {
                    return Ok(true);
                }
                self.list_eq(x, y)?
            }
            (Tuple(x), Tuple(y)) => self.seq_eq(x, y)?,
            (Dict(x), Dict(y)) => {
                if x.borrow().len() != y.borrow().len() {
                    return Ok(false);
                }
                let xs: Vec<(HashKey, Value)> = x.borrow().map.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
                for (k, v) in xs {
                    let other = y.borrow().get(&k).cloned();
                    match other {
                        Some(w) => {
                            if !self.eq(&v, &w)? {
                                return Ok(false);
                            }
                        }
                        Option::None => return Ok(false),
                    }
                }
                true
            }
            (Set(_) | FrozenSet(_), Set(_) | FrozenSet(_)) => {
                let (x, y) = (set_of(a), set_of(b));
                x.len() == y.len() && x.keys().all(|k| y.contains(k))
            }
            (Range(x), Range(y)) => {
                let (lx, ly) = (x.len(), y.len());
                lx == ly && (lx == 0 || (x.start == y.start && (lx == 1 || x.step == y.step)))
            }
            (DictView(x), DictView(y)) if x.1 == DictViewKind::Keys && y.1 == DictViewKind::Keys => {
                let xk: Vec<HashKey> = x.0.borrow().map.keys().cloned().collect();
                let yd = y.0.borrow();
                xk.len() == yd.len() && xk.iter().all(|k| yd.get(k).is_some())
            }
            (Instance(_), _) | (_, Instance(_)) => {
                if let Some(r) = self.call_special(a, "__eq__", vec![b.clone()]) {
                    let r = r?;
                    if !matches!(r, Value::NotImplemented) {
                        return self.truthy(&r);
                    }
                }
                a.is(b)
            }
            _ => a.is(b),
        })
    }

    /// `list == list` by index, as CPython does (`__eq__` may change either list).
    fn list_eq(&mut self, x: &super::super::value::List, y: &super::super::value::List) -> PyResult<bool> {
        if x.borrow().len() != y.borrow().len() {
            return Ok(false);
        }
        self.charge_items(x.borrow().len())?;
        let mut i = 0;
        loop {
            let (a, b) = (x.borrow().get(i).cloned(), y.borrow().get(i).cloned());
            let (Some(a), Some(b)) = (a, b) else {
                return Ok(x.borrow().len() == y.borrow().len());
            };
            if !(a.is(&b) || self.eq(&a, &b)?) {
                return Ok(false);
            }
            i += 1;
        }
    }

    fn seq_eq(&mut self, xs: &[Value], ys: &[Value]) -> PyResult<bool> {
        if xs.len() != ys.len() {
            return Ok(false);
        }
        self.charge_items(xs.len())?;
        for (x, y) in xs.iter().zip(ys) {
            if !(x.is(y) || self.eq(x, y)?) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn rich_order(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<Value> {
        self.nested(Recursion::Compare, |vm| vm.rich_order_inner(op, a, b))
    }

    fn rich_order_inner(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<Value> {
        let (name, rname) = match op {
            CmpOp::Lt => ("__lt__", "__gt__"),
            CmpOp::LtE => ("__le__", "__ge__"),
            CmpOp::Gt => ("__gt__", "__lt__"),
            _ => ("__ge__", "__le__"),
        };
        if matches!(a, Value::Instance(_)) || matches!(b, Value::Instance(_)) {
            if let Some(r) = self.call_special(a, name, vec![b.clone()]) {
                let r = r?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(r);
                }
            }
            if let Some(r) = self.call_special(b, rname, vec![a.clone()]) {
                let r = r?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(r);
                }
            }
            return Err(order_error(op, a, b));
        }
        if let (Value::Set(_) | Value::FrozenSet(_), Value::Set(_) | Value::FrozenSet(_)) = (a, b) {
            let (x, y) = (set_of(a), set_of(b));
            let sub = x.keys().all(|k| y.contains(k));
            let sup = y.keys().all(|k| x.contains(k));
            return Ok(Value::Bool(match op {
                CmpOp::Lt => sub && x.len() < y.len(),
                CmpOp::LtE => sub,
                CmpOp::Gt => sup && x.len() > y.len(),
                _ => sup,
            }));
        }
        let ord = self.cmp_inner(a, b).map_err(|e| if e.is(ExcKind::TypeError) { order_error(op, a, b) } else { e })?;
        Ok(Value::Bool(match ord {
            None => false,
            Some(o) => match op {
                CmpOp::Lt => o == Ordering::Less,
                CmpOp::LtE => o != Ordering::Greater,
                CmpOp::Gt => o == Ordering::Greater,
                _ => o != Ordering::Less,
            },
        }))
    }

    /// Total order used by `<` and `sorted` for built-ins. `Ok(None)` = unordered (NaN).
    /// One recursion level deeper, like `eq`.
    pub fn cmp(&mut self, a: &Value, b: &Value) -> PyResult<Option<Ordering>> {
        self.nested(Recursion::Compare, |vm| vm.cmp_inner(a, b))
    }

    fn cmp_inner(&mut self, a: &Value, b: &Value) -> PyResult<Option<Ordering>> {
        use Value::*;
        if let (Some(x), Some(y)) = (as_number(a), as_number(b)) {
            return Ok(number::num_cmp(&x, &y));
        }
        match (a, b) {
            (Str(x), Str(y)) => Ok(Some(strm::py_str_lt(x, y))),
            (List(x), List(y)) => {
                let (xs, ys) = (x.borrow().clone(), y.borrow().clone());
                self.seq_cmp(&xs, &ys)
            }
            (Tuple(x), Tuple(y)) => self.seq_cmp(x, y),
            (Instance(_), _) | (_, Instance(_)) => {
                if let Some(r) = self.call_special(a, "__lt__", vec![b.clone()]) {
                    let r = r?;
                    if !matches!(r, Value::NotImplemented) {
                        if self.truthy(&r)? {
                            return Ok(Some(Ordering::Less));
                        }
                        if let Some(r2) = self.call_special(b, "__lt__", vec![a.clone()]) {
                            let r2 = r2?;
                            if self.truthy(&r2)? {
                                return Ok(Some(Ordering::Greater));
                            }
                        }
                        return Ok(Some(Ordering::Equal));
                    }
                }
                if let Some(r) = self.call_special(b, "__gt__", vec![a.clone()]) {
                    let r = r?;
                    if !matches!(r, Value::NotImplemented) {
                        return Ok(Some(if self.truthy(&r)? { Ordering::Less } else { Ordering::Equal }));
                    }
                }
                Err(order_error(CmpOp::Lt, a, b))
            }
            _ => Err(order_error(CmpOp::Lt, a, b)),
        }
    }

    fn seq_cmp(&mut self, xs: &[Value], ys: &[Value]) -> PyResult<Option<Ordering>> {
        self.charge_items(xs.len().min(ys.len()))?;
        for (x, y) in xs.iter().zip(ys) {
            if x.is(y) || self.eq(x, y)? {
                continue;
            }
            return self.cmp(x, y);
        }
        Ok(Some(xs.len().cmp(&ys.len())))
    }

    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        match container {
            Value::Str(s) => match item {
                Value::Str(sub) => {
                    self.charge_bytes(s.len())?;
                    Ok(s.contains(&**sub))
                }
                other => Err(PyErr::type_error(format!(
                    "'in <string>' requires string as left operand, not {}",
                    type_name(other)
                ))),
            },
            Value::List(l) => {
                self.charge_items(l.borrow().len())?;
                // By index, as CPython does: `__eq__` may change the list as we go.
                let mut i = 0;
                while let Some(x) = l.borrow().get(i).cloned() {
                    if x.is(item) || self.eq(&x, item)? {
                        return Ok(true);
                    }
                    i += 1;
                }
                Ok(false)
            }
            Value::Tuple(t) => {
                self.charge_items(t.len())?;
                for x in t.iter() {
                    if x.is(item) || self.eq(x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Dict(d) => {
                let k = self.hash_key(item)?;
                Ok(d.borrow().get(&k).is_some())
            }
            Value::DictView(v) if v.1 == DictViewKind::Keys => {
                let k = self.hash_key(item)?;
                Ok(v.0.borrow().get(&k).is_some())
            }
            Value::Set(_) | Value::FrozenSet(_) => {
                let k = self.hash_key(item)?;
                Ok(set_of(container).contains(&k))
            }
            Value::Range(r) => match as_number(item) {
                Some(Num::Int(i)) => {
                    let inside = if r.step > 0 { i >= r.start && i < r.stop } else { i <= r.start && i > r.stop };
                    Ok(inside && (i - r.start) % r.step == 0)
                }
                _ => Ok(false),
            },
            Value::Instance(_) => {
                if let Some(r) = self.call_special(container, "__contains__", vec![item.clone()]) {
                    let r = r?;
                    return self.truthy(&r);
                }
                let it = self.get_iter(container.clone())?;
                while let Some(x) = self.next(&it)? {
                    if x.is(item) || self.eq(&x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Iter(_) | Value::Generator(_) | Value::DictView(_) => {
                let it = self.get_iter(container.clone())?;
                while let Some(x) = self.next(&it)? {
                    if x.is(item) || self.eq(&x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            other => Err(PyErr::type_error(format!("argument of type '{}' is not iterable", class_name(other)))),
        }
    }

    /// A dict/set key, with `__hash__` of user classes honoured.
    pub fn hash_key(&mut self, v: &Value) -> PyResult<HashKey> {
        if let Some(hash) = hash_builtin(v) {
            return Ok(HashKey { hash, value: v.clone() });
        }
        match v {
            Value::Instance(inst) => {
                if let Some(f) = inst.class.lookup("__hash__") {
                    if f.is_none() {
                        return Err(PyErr::type_error(format!("unhashable type: '{}'", inst.class.name)));
                    }
                    let h = self.call(f, Args::new([v.clone()]))?;
                    let hash = match h {
                        Value::Int(i) => i,
                        _ => return Err(PyErr::type_error("__hash__ method should return an integer")),
                    };
                    return Ok(HashKey { hash, value: v.clone() });
                }
                if inst.class.lookup("__eq__").is_some() {
                    return Err(PyErr::type_error(format!("unhashable type: '{}'", inst.class.name)));
                }
                Ok(HashKey { hash: (v.identity() >> 4) as i64, value: v.clone() })
            }
            Value::Tuple(items) => {
                // A tuple holding instances: hash each element through the VM.
                if super::super::stack::low() {
                    return Err(PyErr::new(ExcKind::RecursionError, "maximum recursion depth exceeded"));
                }
                let mut parts = Vec::with_capacity(items.len());
                for it in items.iter() {
                    parts.push(Value::Int(self.hash_key(it)?.hash));
                }
                let hash = hash_builtin(&Value::tuple(parts)).unwrap_or(0);
                Ok(HashKey { hash, value: v.clone() })
            }
            other => Err(PyErr::type_error(format!("unhashable type: '{}'", class_name(other)))),
        }
    }

    pub fn make_set(&mut self, items: Vec<Value>) -> PyResult<Value> {
        let mut s = Set::new();
        for v in items {
            let k = self.hash_key(&v)?;
            s.insert(k);
        }
        Ok(Value::Set(Rc::new(std::cell::RefCell::new(s))))
    }

    pub fn set_add(&mut self, set: &Value, v: Value) -> PyResult<()> {
        let k = self.hash_key(&v)?;
        if let Value::Set(s) = set {
            s.borrow_mut().insert(k);
        }
        Ok(())
    }

    /// `{k1: v1, k2: v2}` from a flat `[k1, v1, k2, v2]`.
    pub fn make_dict_from_pairs(&mut self, items: Vec<Value>) -> PyResult<Value> {
        let mut d = Dict::new();
        let mut it = items.into_iter();
        while let (Some(k), Some(v)) = (it.next(), it.next()) {
            let key = self.hash_key(&k)?;
            d.insert(key, v);
        }
        Ok(Value::dict(d))
    }

    /// `target.update(other)`; with `merge`, duplicate keys are an error (`f(**a, **b)`).
    pub fn dict_update(&mut self, target: &Value, other: Value, merge: bool) -> PyResult<()> {
        let Value::Dict(t) = target else {
            return Err(PyErr::internal("dict_update on a non-dict"));
        };
        let pairs: Vec<(Value, Value)> = match &other {
            Value::Dict(o) => o.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            Value::Instance(_) => {
                let keys = self.call_method(other.clone(), "keys", Args::default())?;
                let keys = self.collect(keys)?;
                let mut out = vec![];
                for k in keys {
                    let v = self.get_item(&other, &k)?;
                    out.push((k, v));
                }
                out
            }
            _ if merge => {
                return Err(PyErr::type_error(format!(
                    "argument after ** must be a mapping, not {}",
                    class_name(&other)
                )))
            }
            _ => {
                let items = self.collect(other)?;
                let mut out = vec![];
                for (i, item) in items.into_iter().enumerate() {
                    let kv = self.collect(item).map_err(|_| {
                        PyErr::type_error(format!("cannot convert dictionary update sequence element #{i} to a sequence"))
                    })?;
                    if kv.len() != 2 {
                        return Err(PyErr::value_error(format!(
                            "dictionary update sequence element #{i} has length {}; 2 is required",
                            kv.len()
                        )));
                    }
                    let mut kv = kv.into_iter();
                    out.push((kv.next().unwrap_or_default(), kv.next().unwrap_or_default()));
                }
                out
            }
        };
        for (k, v) in pairs {
            let key = self.hash_key(&k)?;
            if merge && t.borrow().get(&key).is_some() {
                let name = match &k {
                    Value::Str(s) => s.to_string(),
                    other => self.repr(other)?,
                };
                return Err(PyErr::type_error(format!("got multiple values for keyword argument '{name}'")));
            }
            t.borrow_mut().insert(key, v);
        }
        Ok(())
    }

    fn percent_format(&mut self, fmt: &str, args: &Value) -> PyResult<Value> {
        let adapter = super::repr::PercentAdapter::new(self, args)?;
        super::super::format::percent::percent_format(fmt, &adapter)
            .map(Value::string)
            .map_err(|msg| adapter.error(msg))
    }
}

pub fn set_of(v: &Value) -> Set {
    match v {
        Value::Set(s) => s.borrow().clone(),
        Value::FrozenSet(s) => (**s).clone(),
        _ => Set::new(),
    }
}

fn set_op(op: BinOp, x: &Set, y: &Set) -> Set {
    let mut out = Set::new();
    match op {
        BinOp::BitOr => {
            for k in x.keys().chain(y.keys()) {
                out.insert(k.clone());
            }
        }
        BinOp::BitAnd => {
            let (small, big) = if x.len() <= y.len() { (x, y) } else { (y, x) };
            for k in small.keys() {
                if big.contains(k) {
                    out.insert(k.clone());
                }
            }
        }
        BinOp::Sub => {
            for k in x.keys() {
                if !y.contains(k) {
                    out.insert(k.clone());
                }
            }
        }
        _ => {
            for k in x.keys() {
                if !y.contains(k) {
                    out.insert(k.clone());
                }
            }
            for k in y.keys() {
                if !x.contains(k) {
                    out.insert(k.clone());
                }
            }
        }
    }
    out
}

fn binary_type_error(op: BinOp, a: &Value, b: &Value) -> PyErr {
    if op == BinOp::Add {
        if let Value::Str(_) = a {
            return PyErr::type_error(format!("can only concatenate str (not \"{}\") to str", class_name(b)));
        }
        if let (Value::List(_), _) = (a, b) {
            return PyErr::type_error(format!("can only concatenate list (not \"{}\") to list", class_name(b)));
        }
        if let (Value::Tuple(_), _) = (a, b) {
            return PyErr::type_error(format!("can only concatenate tuple (not \"{}\") to tuple", class_name(b)));
        }
    }
    if op == BinOp::Mul {
        if let (Value::Str(_) | Value::List(_) | Value::Tuple(_), Value::Float(_)) = (a, b) {
            return PyErr::type_error(format!("can't multiply sequence by non-int of type '{}'", class_name(b)));
        }
    }
    let sym = if op == BinOp::Pow { "** or pow()" } else { op.symbol() };
    PyErr::type_error(format!(
        "unsupported operand type(s) for {sym}: '{}' and '{}'",
        class_name(a),
        class_name(b)
    ))
}

fn order_error(op: CmpOp, a: &Value, b: &Value) -> PyErr {
    let sym = match op {
        CmpOp::Lt => "<",
        CmpOp::LtE => "<=",
        CmpOp::Gt => ">",
        _ => ">=",
    };
    PyErr::type_error(format!(
        "'{sym}' not supported between instances of '{}' and '{}'",
        class_name(a),
        class_name(b)
    ))
}

/// Instructions' worth of native work that `a op b` costs when it is big-integer
/// arithmetic (None when neither operand is, or may become, a big integer). 64-bit limb
/// operations, about four to an instruction: adding and shifting are linear, multiplying
/// is Karatsuba-like (`n^1.585` for equal sizes, linear in the larger one), dividing is
/// quadratic, and a power is dominated by its last squarings, of the result's size.
fn big_int_work(op: BinOp, a: &Value, b: &Value) -> Option<u64> {
    let bits = |v: &Value| match v {
        Value::BigInt(n) => Some(n.bits() as f64),
        Value::Int(i) => Some(f64::from(64 - i.unsigned_abs().leading_zeros())),
        Value::Bool(_) => Some(1.0),
        _ => None,
    };
    let (x, y) = (bits(a)?, bits(b)?);
    let is_big = matches!(a, Value::BigInt(_)) || matches!(b, Value::BigInt(_));
    let limbs = |bits: f64| (bits / 64.0).max(1.0);
    let (la, lb) = (limbs(x), limbs(y));
    let ops = match op {
        BinOp::Pow => {
            // The result's size: |a| ** b has about bits(a) * b bits (b is the exponent).
            let exponent = match b {
                Value::Int(e) if *e >= 0 => *e as f64,
                Value::BigInt(e) if e.sign() != num_bigint::Sign::Minus => f64::INFINITY,
                _ => return None, // a float result
            };
            let result_bits = if x <= 1.0 { 1.0 } else { (x - 1.0).max(1.0) * exponent };
            if result_bits <= 63.0 || result_bits > 64e6 {
                return None; // machine integers; or too large, a MemoryError (`number::binary`)
            }
            limbs(result_bits).powf(1.585) * 1.5
        }
        _ if !is_big => return None,
        BinOp::Mul => la.max(lb) * la.min(lb).powf(0.585),
        BinOp::FloorDiv | BinOp::Mod | BinOp::Div => la * lb,
        _ => la + lb,
    };
    Some((ops / 4.0).min(u64::MAX as f64 / 2.0) as u64)
}
