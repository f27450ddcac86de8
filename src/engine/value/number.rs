//! int/float arithmetic with CPython's semantics: unbounded ints (i64 fast path, BigInt
//! on overflow), floor division and modulo rounding toward negative infinity, true division
//! of ints correctly rounded, and CPython's error messages.

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::types::ExcKind;
use super::Value;
use crate::engine::ast::BinOp;

/// A numeric operand (bool already widened to int).
#[derive(Clone, Debug)]
pub enum Num {
    Int(i64),
    Big(BigInt),
    Float(f64),
}

pub type NumResult = Result<Value, (ExcKind, String)>;

pub fn as_number(v: &Value) -> Option<Num> {
    match v {
        Value::Bool(b) => Some(Num::Int(*b as i64)),
        Value::Int(i) => Some(Num::Int(*i)),
        Value::BigInt(b) => Some(Num::Big((**b).clone())),
        Value::Float(f) => Some(Num::Float(*f)),
        _ => None,
    }
}

/// BigInt → Value::Int when it fits.
pub fn normalize(b: BigInt) -> Value {
    match b.to_i64() {
        Some(i) => Value::Int(i),
        None => Value::BigInt(std::rc::Rc::new(b)),
    }
}

pub fn to_big(n: &Num) -> Option<BigInt> {
    match n {
        Num::Int(i) => Some(BigInt::from(*i)),
        Num::Big(b) => Some(b.clone()),
        Num::Float(_) => None,
    }
}

/// int → float, raising OverflowError like CPython for huge ints.
pub fn to_f64(n: &Num) -> Result<f64, (ExcKind, String)> {
    match n {
        Num::Int(i) => Ok(*i as f64),
        Num::Float(f) => Ok(*f),
        Num::Big(b) => {
            let f = b.to_f64().unwrap_or(f64::INFINITY);
            if f.is_infinite() {
                Err((ExcKind::OverflowError, "int too large to convert to float".into()))
            } else {
                Ok(f)
            }
        }
    }
}

pub fn num_eq(a: &Num, b: &Num) -> bool {
    num_cmp(a, b) == Some(Ordering::Equal)
}

/// Exact comparison across int and float (CPython compares ints and floats exactly).
pub fn num_cmp(a: &Num, b: &Num) -> Option<Ordering> {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => Some(x.cmp(y)),
        (Num::Float(x), Num::Float(y)) => x.partial_cmp(y),
        (Num::Float(x), other) => int_float_cmp(other, *x).map(Ordering::reverse),
        (other, Num::Float(y)) => int_float_cmp(other, *y),
        (x, y) => Some(to_big(x)?.cmp(&to_big(y)?)),
    }
}

fn int_float_cmp(i: &Num, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 { Ordering::Less } else { Ordering::Greater });
    }
    if let Num::Int(x) = i {
        if x.unsigned_abs() < (1u64 << 53) {
            return (*x as f64).partial_cmp(&f);
        }
    }
    // Compare exactly: floor(f) against the int, then the fractional part.
    let fl = f.floor();
    let fb = BigInt::from_f64_exact(fl)?;
    let ib = to_big(i)?;
    match ib.cmp(&fb) {
        Ordering::Equal => {
            if f > fl {
                Some(Ordering::Less)
            } else {
                Some(Ordering::Equal)
            }
        }
        o => Some(o),
    }
}

trait FromF64Exact: Sized {
    fn from_f64_exact(f: f64) -> Option<Self>;
}

impl FromF64Exact for BigInt {
    fn from_f64_exact(f: f64) -> Option<BigInt> {
        num_traits::FromPrimitive::from_f64(f)
    }
}

pub fn float_to_int(f: f64) -> Result<Value, (ExcKind, String)> {
    if f.is_nan() {
        return Err((ExcKind::ValueError, "cannot convert float NaN to integer".into()));
    }
    if f.is_infinite() {
        return Err((ExcKind::OverflowError, "cannot convert float infinity to integer".into()));
    }
    let t = f.trunc();
    if t.abs() < 9.2e18 {
        Ok(Value::Int(t as i64))
    } else {
        Ok(normalize(BigInt::from_f64_exact(t).unwrap_or_default()))
    }
}

fn zero_div(msg: &str) -> (ExcKind, String) {
    (ExcKind::ZeroDivisionError, msg.to_string())
}

/// `a op b` for numbers; `None` if the operand types do not apply (caller raises TypeError).
pub fn binary(op: BinOp, a: &Num, b: &Num) -> Option<NumResult> {
    if let (Num::Int(x), Num::Int(y)) = (a, b) {
        if let Some(r) = int_fast(op, *x, *y) {
            return Some(r);
        }
    }
    let any_float = matches!(a, Num::Float(_)) || matches!(b, Num::Float(_));
    if any_float {
        return float_op(op, a, b);
    }
    let (x, y) = (to_big(a)?, to_big(b)?);
    Some(big_op(op, &x, &y))
}

fn int_fast(op: BinOp, x: i64, y: i64) -> Option<NumResult> {
    let r = match op {
        BinOp::Add => x.checked_add(y).map(Value::Int)?,
        BinOp::Sub => x.checked_sub(y).map(Value::Int)?,
        BinOp::Mul => x.checked_mul(y).map(Value::Int)?,
        BinOp::FloorDiv => {
            if y == 0 {
                return Some(Err(zero_div("integer division or modulo by zero")));
            }
            Value::Int(x.checked_div_euclid(y).map(|_| Integer::div_floor(&x, &y))?)
        }
        BinOp::Mod => {
            if y == 0 {
                return Some(Err(zero_div("integer modulo by zero")));
            }
            Value::Int(x.checked_rem(y).map(|_| Integer::mod_floor(&x, &y))?)
        }
        BinOp::Div => {
            if y == 0 {
                return Some(Err(zero_div("division by zero")));
            }
            if x.unsigned_abs() < (1 << 53) && y.unsigned_abs() < (1 << 53) {
                Value::Float(x as f64 / y as f64)
            } else {
                return None;
            }
        }
        BinOp::Pow => {
            if y < 0 {
                return None;
            }
            let e = u32::try_from(y).ok()?;
            x.checked_pow(e).map(Value::Int)?
        }
        BinOp::BitAnd => Value::Int(x & y),
        BinOp::BitOr => Value::Int(x | y),
        BinOp::BitXor => Value::Int(x ^ y),
        BinOp::LShift => {
            if y < 0 {
                return Some(Err((ExcKind::ValueError, "negative shift count".into())));
            }
            if y >= 63 {
                return None;
            }
            let r = x.checked_shl(y as u32)?;
            if r >> y != x {
                return None;
            }
            Value::Int(r)
        }
        BinOp::RShift => {
            if y < 0 {
                return Some(Err((ExcKind::ValueError, "negative shift count".into())));
            }
            Value::Int(if y >= 64 { if x < 0 { -1 } else { 0 } } else { x >> y })
        }
        BinOp::MatMul => return None,
    };
    Some(Ok(r))
}

fn big_op(op: BinOp, x: &BigInt, y: &BigInt) -> NumResult {
    Ok(match op {
        BinOp::Add => normalize(x + y),
        BinOp::Sub => normalize(x - y),
        BinOp::Mul => normalize(x * y),
        BinOp::FloorDiv => {
            if y.is_zero() {
                return Err(zero_div("integer division or modulo by zero"));
            }
            normalize(x.div_floor(y))
        }
        BinOp::Mod => {
            if y.is_zero() {
                return Err(zero_div("integer modulo by zero"));
            }
            normalize(x.mod_floor(y))
        }
        BinOp::Div => {
            if y.is_zero() {
                return Err(zero_div("division by zero"));
            }
            Value::Float(big_true_div(x, y)?)
        }
        BinOp::Pow => {
            if y.is_negative() {
                let (fx, fy) = (to_f64(&Num::Big(x.clone()))?, to_f64(&Num::Big(y.clone()))?);
                if fx == 0.0 {
                    return Err(zero_div("0.0 cannot be raised to a negative power"));
                }
                return Ok(Value::Float(fx.powf(fy)));
            }
            let e = y.to_u32().ok_or((ExcKind::MemoryError, String::new()))?;
            if x.bits().saturating_mul(e as u64) > 64_000_000 {
                return Err((ExcKind::MemoryError, String::new()));
            }
            normalize(num_traits::pow(x.clone(), e as usize))
        }
        BinOp::BitAnd => normalize(x & y),
        BinOp::BitOr => normalize(x | y),
        BinOp::BitXor => normalize(x ^ y),
        BinOp::LShift => {
            if y.is_negative() {
                return Err((ExcKind::ValueError, "negative shift count".into()));
            }
            if x.is_zero() {
                return Ok(Value::Int(0));
            }
            // A result beyond the memory budget's reach: what CPython raises when the
            // allocation fails.
            let s = y.to_u64().filter(|s| *s < 64_000_000).ok_or((ExcKind::MemoryError, String::new()))?;
            normalize(x << s)
        }
        BinOp::RShift => {
            if y.is_negative() {
                return Err((ExcKind::ValueError, "negative shift count".into()));
            }
            let s = y.to_u64().unwrap_or(u64::MAX);
            if s >= x.bits() + 1 {
                Value::Int(if x.is_negative() { -1 } else { 0 })
            } else {
                normalize(x >> s)
            }
        }
        BinOp::MatMul => return Err((ExcKind::TypeError, "unsupported operand type(s) for @: 'int' and 'int'".into())),
    })
}

/// Correctly rounded int / int (CPython's long_true_divide).
fn big_true_div(x: &BigInt, y: &BigInt) -> Result<f64, (ExcKind, String)> {
    if let (Some(a), Some(b)) = (x.to_i64(), y.to_i64()) {
        if a.unsigned_abs() < (1 << 53) && b.unsigned_abs() < (1 << 53) {
            return Ok(a as f64 / b as f64);
        }
    }
    let negative = x.is_negative() != y.is_negative();
    let (a, b) = (x.abs(), y.abs());
    // Scale so the quotient has 55+ significant bits, divide, then round half-even via f64 conversion.
    let shift: i64 = 55 - (a.bits() as i64 - b.bits() as i64);
    let (num, den) = if shift >= 0 { (a << shift as u64, b.clone()) } else { (a.clone(), b << (-shift) as u64) };
    let (q, r) = num.div_rem(&den);
    // Sticky bit for correct rounding.
    let q = if r.is_zero() { q } else { (q << 1u32) | BigInt::one() };
    let extra = if r.is_zero() { 0 } else { 1 };
    let qf = q.to_f64().unwrap_or(f64::INFINITY);
    let exp = -(shift as i32) - extra;
    let v = if exp.abs() > 2000 { if exp > 0 { f64::INFINITY } else { 0.0 } } else { qf * 2f64.powi(exp) };
    if v.is_infinite() {
        return Err((ExcKind::OverflowError, "integer division result too large for a float".into()));
    }
    Ok(if negative { -v } else { v })
}

fn float_op(op: BinOp, a: &Num, b: &Num) -> Option<NumResult> {
    let x = match to_f64(a) {
        Ok(v) => v,
        Err(e) => return Some(Err(e)),
    };
    let y = match to_f64(b) {
        Ok(v) => v,
        Err(e) => return Some(Err(e)),
    };
    Some(Ok(Value::Float(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::Div => {
            if y == 0.0 {
                return Some(Err(zero_div("float division by zero")));
            }
            x / y
        }
        BinOp::FloorDiv => {
            if y == 0.0 {
                return Some(Err(zero_div("float floor division by zero")));
            }
            float_divmod(x, y).0
        }
        BinOp::Mod => {
            if y == 0.0 {
                return Some(Err(zero_div("float modulo")));
            }
            float_divmod(x, y).1
        }
        BinOp::Pow => {
            if x == 0.0 && y < 0.0 {
                return Some(Err(zero_div("0.0 cannot be raised to a negative power")));
            }
            if x < 0.0 && y.fract() != 0.0 {
                return Some(Err((ExcKind::ValueError, "complex results are not supported".into())));
            }
            let r = x.powf(y);
            if r.is_infinite() && x.is_finite() && y.is_finite() {
                return Some(Err((ExcKind::OverflowError, "(34, 'Numerical result out of range')".into())));
            }
            r
        }
        _ => return None,
    })))
}

/// CPython's float_divmod: floor division and a modulo with the divisor's sign.
pub fn float_divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(x / y)
    };
    (floordiv, m)
}

pub fn negate(n: &Num) -> Value {
    match n {
        Num::Int(i) => match i.checked_neg() {
            Some(v) => Value::Int(v),
            None => normalize(-BigInt::from(*i)),
        },
        Num::Big(b) => normalize(-b.clone()),
        Num::Float(f) => Value::Float(-f),
    }
}

pub fn is_zero(n: &Num) -> bool {
    match n {
        Num::Int(i) => *i == 0,
        Num::Big(b) => b.is_zero(),
        Num::Float(f) => *f == 0.0,
    }
}

pub fn abs(n: &Num) -> Value {
    match n {
        Num::Int(i) => match i.checked_abs() {
            Some(v) => Value::Int(v),
            None => normalize(BigInt::from(*i).abs()),
        },
        Num::Big(b) => normalize(b.abs()),
        Num::Float(f) => Value::Float(f.abs()),
    }
}

pub fn int_to_string(v: &Value) -> String {
    match v {
        Value::Int(i) => i.to_string(),
        Value::BigInt(b) => b.to_string(),
        Value::Bool(b) => (*b as i64).to_string(),
        _ => String::new(),
    }
}
