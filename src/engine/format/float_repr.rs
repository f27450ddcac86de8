//! `repr(float)` and the digit-layout core shared by all float formatting
//! (a transcription of CPython's `format_float_short` from Python/pystrtod.c).
//!
//! Digit generation relies on Rust's float formatting: `{:e}` yields the
//! shortest round-trip digits (like David Gay's mode 0) and `{:.Ne}` / `{:.N}`
//! are correctly rounded (round-half-even on the exact binary value), like
//! Gay's modes 2 and 3.
// Library-style module: not every helper is used by every caller.
#![allow(dead_code)]

use std::fmt::{self, Write};

/// Fixed-capacity, stack-allocated `fmt::Write` sink.
pub(super) struct StackBuf<const N: usize> {
    buf: [u8; N],
    len: usize,
}

impl<const N: usize> StackBuf<N> {
    pub(super) fn new() -> Self {
        StackBuf {
            buf: [0u8; N],
            len: 0,
        }
    }
    pub(super) fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

impl<const N: usize> fmt::Write for StackBuf<N> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let b = s.as_bytes();
        let end = self.len.checked_add(b.len()).ok_or(fmt::Error)?;
        if end > N {
            return Err(fmt::Error);
        }
        self.buf[self.len..end].copy_from_slice(b);
        self.len = end;
        Ok(())
    }
}

/// Run `f` on the text produced by `args`, using a stack buffer when it fits.
fn with_formatted<R>(args: fmt::Arguments<'_>, f: impl FnOnce(&[u8]) -> R) -> R {
    let mut sb = StackBuf::<512>::new();
    if sb.write_fmt(args).is_ok() {
        return f(sb.as_bytes());
    }
    let mut s = String::new();
    let _ = s.write_fmt(args);
    f(s.as_bytes())
}

/// More significant digits than any f64's exact decimal expansion has.
const MAX_EXACT_SIG_DIGITS: i64 = 800;
/// More fractional digits than any f64's exact decimal expansion has.
const MAX_EXACT_FRAC_DIGITS: i64 = 1100;

/// Options of CPython's `PyOS_double_to_string` (the `Py_DTSF_*` flags).
#[derive(Clone, Copy, Debug, Default)]
pub struct DtoaFlags {
    /// `Py_DTSF_SIGN`: always write a sign.
    pub always_sign: bool,
    /// `Py_DTSF_ADD_DOT_0`: integral values in fixed notation get ".0".
    pub add_dot_0: bool,
    /// `Py_DTSF_ALT`: alternate form ('#'): keep the decimal point and trailing zeros ('g').
    pub alt: bool,
    /// `Py_DTSF_NO_NEG_0`: a result that rounds to zero loses its '-' ('z').
    pub no_neg_0: bool,
}

/// Split exponent-form text ("1.2345e-5", "1e16") into (digits, decpt),
/// with trailing zeros removed ("0" for zero).
fn split_exp_form(text: &[u8], digits: &mut StackDigits) -> i64 {
    let mut exp_pos = text.len();
    for (i, &c) in text.iter().enumerate() {
        if c == b'e' {
            exp_pos = i;
            break;
        }
    }
    for &c in &text[..exp_pos] {
        if c.is_ascii_digit() {
            digits.push(c);
        }
    }
    let mut exp: i64 = 0;
    let mut neg = false;
    for &c in text.get(exp_pos + 1..).unwrap_or(&[]) {
        match c {
            b'-' => neg = true,
            b'0'..=b'9' => exp = exp * 10 + (c - b'0') as i64,
            _ => {}
        }
    }
    if neg {
        exp = -exp;
    }
    digits.strip_trailing_zeros();
    if digits.is_empty() {
        digits.push(b'0');
        return 1;
    }
    exp + 1
}

/// Digit buffer: inline for the common short case, heap beyond that.
pub(super) struct StackDigits {
    inline: [u8; 40],
    len: usize,
    heap: Vec<u8>,
}

impl StackDigits {
    fn new() -> Self {
        StackDigits {
            inline: [0; 40],
            len: 0,
            heap: Vec::new(),
        }
    }
    fn push(&mut self, c: u8) {
        if self.heap.is_empty() && self.len < self.inline.len() {
            self.inline[self.len] = c;
            self.len += 1;
        } else {
            if self.heap.is_empty() {
                self.heap.extend_from_slice(&self.inline[..self.len]);
            }
            self.heap.push(c);
        }
    }
    fn as_slice(&self) -> &[u8] {
        if self.heap.is_empty() {
            &self.inline[..self.len]
        } else {
            &self.heap
        }
    }
    fn is_empty(&self) -> bool {
        self.as_slice().is_empty()
    }
    fn strip_trailing_zeros(&mut self) {
        if self.heap.is_empty() {
            while self.len > 0 && self.inline[self.len - 1] == b'0' {
                self.len -= 1;
            }
        } else {
            while self.heap.last() == Some(&b'0') {
                self.heap.pop();
            }
            if self.heap.is_empty() {
                self.len = 0;
            }
        }
    }
    fn strip_leading_zeros(&mut self) -> usize {
        let s = self.as_slice();
        let n = s.iter().take_while(|&&c| c == b'0').count();
        if n == 0 {
            return 0;
        }
        if self.heap.is_empty() {
            self.inline.copy_within(n..self.len, 0);
            self.len -= n;
        } else {
            self.heap.drain(..n);
            if self.heap.is_empty() {
                self.len = 0;
            }
        }
        n
    }
}

fn push_zeros(out: &mut String, n: i64) {
    for _ in 0..n.max(0) {
        out.push('0');
    }
}

/// CPython's `PyOS_double_to_string(x, code, precision, flags)` appended to `out`.
///
/// `code` is one of `e E f F g G r` (`r` = repr: shortest digits, `precision` ignored).
/// Returns false (and writes nothing) for an unknown code.
pub fn double_to_string(
    out: &mut String,
    x: f64,
    code: char,
    precision: usize,
    flags: DtoaFlags,
) -> bool {
    let upper = matches!(code, 'E' | 'F' | 'G');
    let code = code.to_ascii_lowercase();
    if !matches!(code, 'e' | 'f' | 'g' | 'r') {
        return false;
    }
    let mut negative = x.is_sign_negative();
    if x.is_nan() || x.is_infinite() {
        if x.is_nan() {
            negative = false;
        }
        if negative {
            out.push('-');
        } else if flags.always_sign {
            out.push('+');
        }
        out.push_str(match (x.is_nan(), upper) {
            (true, false) => "nan",
            (true, true) => "NAN",
            (false, false) => "inf",
            (false, true) => "INF",
        });
        return true;
    }
    let ax = x.abs();
    // Gay's mode and digit count.
    let mut precision = precision as i64;
    let mut digits = StackDigits::new();
    let decpt: i64 = match code {
        'r' => {
            let mut sb = StackBuf::<48>::new();
            if write!(sb, "{:e}", ax).is_err() {
                return false;
            }
            let decpt = split_exp_form(sb.as_bytes(), &mut digits);
            let n = digits.as_slice().len();
            if n >= 16 {
                // Rust's shortest algorithm breaks an exact tie between two
                // shortest candidates upwards; Gay's dtoa (CPython) picks the
                // even one, which is the correctly rounded n-digit value.
                // Ties are only possible with 16+ digits.
                let mut rb = StackBuf::<48>::new();
                if write!(rb, "{:.*e}", n - 1, ax).is_ok() {
                    let mut alt = StackDigits::new();
                    let alt_decpt = split_exp_form(rb.as_bytes(), &mut alt);
                    if (alt.as_slice() != digits.as_slice() || alt_decpt != decpt)
                        && std::str::from_utf8(rb.as_bytes())
                            .ok()
                            .and_then(|t| t.parse::<f64>().ok())
                            == Some(ax)
                    {
                        digits = alt;
                        return finish(
                            out, negative, &digits, alt_decpt, code, precision, flags, upper,
                        );
                    }
                }
            }
            decpt
        }
        'e' | 'g' => {
            if code == 'e' {
                precision += 1;
            } else if precision == 0 {
                precision = 1;
            }
            // An f64's exact decimal expansion has at most 767 significant
            // digits, so asking for more only appends zeros (which are
            // stripped anyway). Rust also rejects precisions above u16::MAX.
            let nd = (precision - 1).min(MAX_EXACT_SIG_DIGITS) as usize;
            with_formatted(format_args!("{:.*e}", nd, ax), |t| {
                split_exp_form(t, &mut digits)
            })
        }
        _ => {
            // 'f': mode 3, `precision` digits after the point.
            // At most 1074 fractional digits are ever non-zero.
            let p = precision.min(MAX_EXACT_FRAC_DIGITS) as usize;
            with_formatted(format_args!("{:.*}", p, ax), |t| {
                let mut int_len: i64 = t.len() as i64;
                for (i, &c) in t.iter().enumerate() {
                    if c == b'.' {
                        int_len = i as i64;
                    } else {
                        digits.push(c);
                    }
                }
                let lead = digits.strip_leading_zeros() as i64;
                digits.strip_trailing_zeros();
                if digits.is_empty() {
                    if ax == 0.0 {
                        digits.push(b'0');
                        1
                    } else {
                        -precision
                    }
                } else {
                    int_len - lead
                }
            })
        }
    };
    finish(out, negative, &digits, decpt, code, precision, flags, upper)
}

#[allow(clippy::too_many_arguments)]
fn finish(
    out: &mut String,
    mut negative: bool,
    digits: &StackDigits,
    decpt: i64,
    code: char,
    precision: i64,
    flags: DtoaFlags,
    upper: bool,
) -> bool {
    let d = digits.as_slice();
    if flags.no_neg_0 && negative && (d.is_empty() || d == b"0") {
        negative = false;
    }
    layout(out, negative, d, decpt, code, precision, flags, upper);
    true
}

#[allow(clippy::too_many_arguments)]
fn layout(
    out: &mut String,
    negative: bool,
    digits: &[u8],
    mut decpt: i64,
    code: char,
    precision: i64,
    flags: DtoaFlags,
    upper: bool,
) {
    let digits_len = digits.len() as i64;
    let mut vdigits_end = digits_len;
    let mut use_exp = false;
    match code {
        'e' => {
            use_exp = true;
            vdigits_end = precision;
        }
        'f' => vdigits_end = decpt + precision,
        'g' => {
            let limit = if flags.add_dot_0 {
                precision - 1
            } else {
                precision
            };
            if decpt <= -4 || decpt > limit {
                use_exp = true;
            }
            if flags.alt {
                vdigits_end = precision;
            }
        }
        _ => {
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }
    let mut exp = 0i64;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    if !use_exp && flags.add_dot_0 {
        vdigits_end = vdigits_end.max(decpt + 1);
    } else {
        vdigits_end = vdigits_end.max(decpt);
    }
    let total = (vdigits_end - vdigits_start).max(0) as usize + 8;
    out.reserve(total);
    if negative {
        out.push('-');
    } else if flags.always_sign {
        out.push('+');
    }
    // Zero padding on the left of the digit string.
    if decpt <= 0 {
        push_zeros(out, decpt - vdigits_start);
        out.push('.');
        push_zeros(out, -decpt);
    } else {
        push_zeros(out, -vdigits_start);
    }
    // Digits, with included decimal point.
    let push_digits = |out: &mut String, ds: &[u8]| {
        for &c in ds {
            out.push(c as char);
        }
    };
    if 0 < decpt && decpt <= digits_len {
        let k = decpt as usize;
        push_digits(out, &digits[..k]);
        out.push('.');
        push_digits(out, &digits[k..]);
    } else {
        push_digits(out, digits);
    }
    // And zeros on the right.
    if digits_len < decpt {
        push_zeros(out, decpt - digits_len);
        out.push('.');
        push_zeros(out, vdigits_end - decpt);
    } else {
        push_zeros(out, vdigits_end - digits_len);
    }
    if out.ends_with('.') && !flags.alt {
        out.pop();
    }
    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        out.push(if exp < 0 { '-' } else { '+' });
        let a = exp.unsigned_abs();
        if a < 10 {
            out.push('0');
        }
        let _ = write!(out, "{}", a);
    }
}

/// Python's `repr(x)` / `str(x)` for a float: shortest round-trip digits,
/// scientific notation when the decimal exponent is < -4 or >= 16,
/// `.0` appended to integral values in fixed notation.
pub fn float_repr(x: f64) -> String {
    let mut out = String::with_capacity(24);
    let flags = DtoaFlags {
        add_dot_0: true,
        ..DtoaFlags::default()
    };
    double_to_string(&mut out, x, 'r', 0, flags);
    out
}

/// Append `repr(x)` to an existing buffer (no intermediate allocation).
pub fn float_repr_into(out: &mut String, x: f64) {
    let flags = DtoaFlags {
        add_dot_0: true,
        ..DtoaFlags::default()
    };
    double_to_string(out, x, 'r', 0, flags);
}
