//! `round()` exactly as CPython 3.11 (Objects/floatobject.c `double_round`,
//! Objects/longobject.c `long_round`).
// Library-style module: not every helper is used by every caller.
#![allow(dead_code)]

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Pow, Zero};

/// `NDIGITS_MAX` of floatobject.c: for larger ndigits, x rounds to itself.
const NDIGITS_MAX: i64 = 323;
/// `NDIGITS_MIN` of floatobject.c: for smaller ndigits, x rounds to +-0.0.
const NDIGITS_MIN: i64 = -308;

/// `round(x, ndigits)` for a float. On the (rare) overflow that CPython
/// reports as `OverflowError: rounded value too large to represent`, this
/// returns an infinity of the same sign; use [`try_round_float`] to get the error.
pub fn round_float(x: f64, ndigits: i64) -> f64 {
    match try_round_float(x, ndigits) {
        Ok(v) => v,
        Err(_) => {
            if x < 0.0 {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            }
        }
    }
}

/// `round(x, ndigits)` for a float, with CPython's OverflowError text.
pub fn try_round_float(x: f64, ndigits: i64) -> Result<f64, String> {
    if !x.is_finite() {
        return Ok(x);
    }
    if ndigits > NDIGITS_MAX {
        return Ok(x);
    }
    if ndigits < NDIGITS_MIN {
        return Ok(0.0 * x);
    }
    if ndigits >= 0 {
        // Correctly rounded (half-even on the exact binary value) decimal
        // string, read back with a correctly rounded parser.
        let s = format!("{:.*}", ndigits as usize, x);
        return Ok(s.parse::<f64>().unwrap_or(x));
    }
    // ndigits < 0: exact arithmetic. x = m * 2^e.
    let k = ndigits.unsigned_abs() as u32; // 1..=308
    let (m, e) = decompose(x.abs());
    let pow10: BigUint = BigUint::from(10u32).pow(k);
    let mut q: BigUint;
    let twice_r: BigUint;
    let divisor: BigUint;
    if e >= 0 {
        let n = BigUint::from(m) << (e as usize);
        let (qq, r) = n.div_rem(&pow10);
        q = qq;
        twice_r = r << 1usize;
        divisor = pow10.clone();
    } else {
        let d = &pow10 << ((-e) as usize);
        let (qq, r) = BigUint::from(m).div_rem(&d);
        q = qq;
        twice_r = r << 1usize;
        divisor = d;
    }
    if twice_r > divisor || (twice_r == divisor && q.is_odd()) {
        q += 1u32;
    }
    let result = BigInt::from_biguint(Sign::Plus, q * &pow10);
    let mut f = super::spec::bigint_to_f64(&result)
        .map_err(|_| "rounded value too large to represent".to_string())?;
    if x.is_sign_negative() {
        f = -f;
    }
    Ok(f)
}

/// (mantissa, exponent) with x == mantissa * 2^exponent, for finite x >= 0.
fn decompose(x: f64) -> (u64, i64) {
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp - 1075)
    }
}

/// Exact conversion of an integral finite float to an int.
pub fn f64_to_bigint(x: f64) -> Result<BigInt, String> {
    if x.is_nan() {
        return Err("cannot convert float NaN to integer".to_string());
    }
    if x.is_infinite() {
        return Err("cannot convert float infinity to integer".to_string());
    }
    let t = x.trunc();
    let (m, e) = decompose(t.abs());
    let mag = if e >= 0 {
        BigUint::from(m) << (e as usize)
    } else {
        BigUint::from(m >> ((-e).min(63) as u32))
    };
    let sign = if t < 0.0 { Sign::Minus } else { Sign::Plus };
    Ok(BigInt::from_biguint(sign, mag))
}

/// `round(x)` (no ndigits): round half to even, returned as an int.
pub fn round_float_to_int(x: f64) -> Result<BigInt, String> {
    if x.is_nan() {
        return Err("cannot convert float NaN to integer".to_string());
    }
    if x.is_infinite() {
        return Err("cannot convert float infinity to integer".to_string());
    }
    let mut r = x.round();
    if (x - r).abs() == 0.5 {
        r = 2.0 * (x / 2.0).round();
    }
    f64_to_bigint(r)
}

/// `round(v, ndigits)` for an int: half-even to a multiple of 10**-ndigits;
/// ndigits >= 0 returns v unchanged.
pub fn round_int(v: &BigInt, ndigits: i64) -> BigInt {
    if ndigits >= 0 {
        return v.clone();
    }
    let k = ndigits.unsigned_abs();
    // |v| < 10**(digits(v)); if k > digits(v) the result is 0.
    let max_digits = v.bits() * 30103 / 100000 + 2;
    if k > max_digits {
        return BigInt::zero();
    }
    let k = match u32::try_from(k) {
        Ok(k) => k,
        Err(_) => return BigInt::zero(),
    };
    let b = BigInt::from(10u32).pow(k);
    let (mut q, r) = v.div_mod_floor(&b);
    let twice = &r << 1usize;
    if twice > b || (twice == b && q.is_odd()) {
        q += BigInt::one();
    }
    q * b
}
