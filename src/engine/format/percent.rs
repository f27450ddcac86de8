//! printf-style `str % args`, a transcription of CPython 3.11's
//! `PyUnicode_Format` (Objects/unicodeobject.c).
// Library-style module: not every helper is used by every caller.
#![allow(dead_code)]

use super::float_repr::{double_to_string, DtoaFlags};
use super::radix::{ascii_escape, int_to_str_limit_error, INT_MAX_STR_DIGITS};
use super::spec::{MAX_FIELD_LEN, MEMORY_ERROR};
use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

/// The right operand of `%`, as seen by the formatter.
///
/// Positional arguments are addressed by index `0..count()`. For a mapping
/// operand (`is_mapping()`), `count()` is 1 (the mapping itself, used by a
/// bare `%s`) and `key(name)` returns a virtual index of the looked-up value,
/// accepted by all `*_at` methods.
pub trait PercentArgs {
    /// Number of positional args (a non-tuple right operand counts as 1).
    fn count(&self) -> usize;
    /// The right operand is a mapping, so `%(name)s` is allowed.
    fn is_mapping(&self) -> bool;
    /// Value for `%d %i %u %x %o %X` (and `*`, `%c` by default). Err = CPython TypeError text.
    fn int_at(&self, i: usize) -> Result<BigInt, String>;
    /// Value for `%e %f %g ...`. Err e.g. "must be real number, not str".
    fn float_at(&self, i: usize) -> Result<f64, String>;
    /// `str(arg)`.
    fn str_at(&self, i: usize) -> Result<String, String>;
    /// `repr(arg)`.
    fn repr_at(&self, i: usize) -> Result<String, String>;
    /// Mapping lookup; Err = the KeyError message.
    fn key(&self, name: &str) -> Result<usize, String>;

    /// Integer for conversion `conv` (one of `d i u o x X c`). The default
    /// calls `int_at` and rewrites a "%d format: ..." error for `conv`.
    /// Override to reject floats for `o x X c` as CPython does
    /// ("%x format: an integer is required, not float", "%c requires int or char").
    fn int_for(&self, i: usize, conv: char) -> Result<BigInt, String> {
        self.int_at(i).map_err(|e| fix_int_error(&e, conv))
    }
    /// Integer for a `*` width/precision. Err becomes "* wants int" by default.
    fn star_at(&self, i: usize) -> Result<BigInt, String> {
        self.int_at(i).map_err(|_| "* wants int".to_string())
    }
    /// True when the argument is a str (for `%c`, which accepts a 1-char str).
    fn is_str_at(&self, _i: usize) -> bool {
        false
    }
}

fn fix_int_error(e: &str, conv: char) -> String {
    if let Some(rest) = e.strip_prefix("%d format: ") {
        let rest = if matches!(conv, 'o' | 'x' | 'X') {
            rest.replacen("a real number is required", "an integer is required", 1)
        } else {
            rest.to_string()
        };
        format!("%{} format: {}", conv, rest)
    } else {
        e.to_string()
    }
}

const F_LJUST: u8 = 1;
const F_SIGN: u8 = 2;
const F_BLANK: u8 = 4;
const F_ALT: u8 = 8;
const F_ZERO: u8 = 16;

/// Character cursor over the format string (tracks the code-point index
/// used in error messages).
struct Cursor<'a> {
    s: &'a str,
    pos: usize,
    cidx: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.s[self.pos..].chars().next()
    }
    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        self.cidx += 1;
        Some(c)
    }
}

/// Argument source state (CPython's `argidx`/`arglen`).
enum ArgState {
    Positional { next: usize, len: usize },
    Keyed { index: usize, used: bool },
}

impl ArgState {
    fn next_arg(&mut self) -> Result<usize, String> {
        match self {
            ArgState::Positional { next, len } => {
                if *next < *len {
                    *next += 1;
                    Ok(*next - 1)
                } else {
                    Err("not enough arguments for format string".to_string())
                }
            }
            ArgState::Keyed { index, used } => {
                if !*used {
                    *used = true;
                    Ok(*index)
                } else {
                    Err("not enough arguments for format string".to_string())
                }
            }
        }
    }
}

/// `fmt % args`.
pub fn percent_format(fmt: &str, args: &dyn PercentArgs) -> Result<String, String> {
    let mapping = args.is_mapping();
    let mut state = ArgState::Positional {
        next: 0,
        len: args.count(),
    };
    let mut out = String::with_capacity(fmt.len() + 16);
    let mut cur = Cursor {
        s: fmt,
        pos: 0,
        cidx: 0,
    };
    loop {
        // Literal run up to the next '%'.
        let rest = &fmt[cur.pos..];
        match rest.find('%') {
            None => {
                out.push_str(rest);
                break;
            }
            Some(off) => {
                let lit = &rest[..off];
                out.push_str(lit);
                cur.cidx += lit.chars().count();
                cur.pos += off;
            }
        }
        cur.next(); // the '%'
        format_one(&mut cur, args, mapping, &mut state, &mut out)?;
    }
    if let ArgState::Positional { next, len } = state {
        if next < len && !mapping {
            return Err("not all arguments converted during string formatting".to_string());
        }
    }
    Ok(out)
}

fn to_isize(v: &BigInt) -> Result<isize, String> {
    v.to_isize()
        .ok_or_else(|| "Python int too large to convert to C ssize_t".to_string())
}

fn format_one(
    cur: &mut Cursor<'_>,
    args: &dyn PercentArgs,
    mapping: bool,
    state: &mut ArgState,
    out: &mut String,
) -> Result<(), String> {
    let mut ch: char = cur.peek().unwrap_or('\0');
    if ch == '%' {
        cur.next();
        out.push('%');
        return Ok(());
    }
    let mut flags: u8 = 0;
    let mut width: isize = -1;
    let mut prec: i64 = -1;
    let mut ran_out = false;

    if ch == '(' {
        if !mapping {
            return Err("format requires a mapping".to_string());
        }
        cur.next();
        let key_start = cur.pos;
        let mut pcount = 1;
        let mut key_end = key_start;
        while pcount > 0 {
            match cur.next() {
                None => return Err("incomplete format key".to_string()),
                Some(c) => {
                    ch = c;
                    if c == ')' {
                        pcount -= 1;
                        if pcount == 0 {
                            key_end = cur.pos - 1;
                        }
                    } else if c == '(' {
                        pcount += 1;
                    }
                }
            }
        }
        let key = &cur.s[key_start..key_end];
        let index = args.key(key)?;
        *state = ArgState::Keyed { index, used: false };
    }

    // Flags.
    loop {
        match cur.next() {
            None => {
                ran_out = true;
                break;
            }
            Some(c) => {
                ch = c;
                match c {
                    '-' => flags |= F_LJUST,
                    '+' => flags |= F_SIGN,
                    ' ' => flags |= F_BLANK,
                    '#' => flags |= F_ALT,
                    '0' => flags |= F_ZERO,
                    _ => break,
                }
            }
        }
    }
    let read = |cur: &mut Cursor<'_>, ch: &mut char, ran_out: &mut bool| {
        if *ran_out {
            return false;
        }
        match cur.next() {
            None => {
                *ran_out = true;
                false
            }
            Some(c) => {
                *ch = c;
                true
            }
        }
    };

    // Width.
    if ch == '*' {
        let i = state.next_arg()?;
        let mut w = to_isize(&args.star_at(i)?)?;
        if w < 0 {
            flags |= F_LJUST;
            w = w.checked_neg().unwrap_or(isize::MAX);
        }
        width = w;
        read(cur, &mut ch, &mut ran_out);
    } else if ch.is_ascii_digit() {
        width = (ch as u8 - b'0') as isize;
        while read(cur, &mut ch, &mut ran_out) {
            if !ch.is_ascii_digit() {
                break;
            }
            let d = (ch as u8 - b'0') as isize;
            if width > (isize::MAX - d) / 10 {
                return Err("width too big".to_string());
            }
            width = width * 10 + d;
        }
    }

    // Precision.
    if ch == '.' {
        prec = 0;
        read(cur, &mut ch, &mut ran_out);
        if ch == '*' {
            let i = state.next_arg()?;
            let p = args
                .star_at(i)?
                .to_i32()
                .ok_or_else(|| "Python int too large to convert to C int".to_string())?;
            prec = p.max(0) as i64;
            read(cur, &mut ch, &mut ran_out);
        } else if ch.is_ascii_digit() {
            prec = (ch as u8 - b'0') as i64;
            while read(cur, &mut ch, &mut ran_out) {
                if !ch.is_ascii_digit() {
                    break;
                }
                let d = (ch as u8 - b'0') as i64;
                if prec > (i32::MAX as i64 - d) / 10 {
                    return Err("precision too big".to_string());
                }
                prec = prec * 10 + d;
            }
        }
    }

    // Length modifiers are ignored.
    if !ran_out && matches!(ch, 'h' | 'l' | 'L') {
        read(cur, &mut ch, &mut ran_out);
    }
    if ran_out {
        return Err("incomplete format".to_string());
    }

    let idx = state.next_arg()?;
    let mut sign = false;
    let text: String = match ch {
        's' => args.str_at(idx)?,
        'r' => args.repr_at(idx)?,
        'a' => ascii_escape(&args.repr_at(idx)?),
        'i' | 'd' | 'u' | 'o' | 'x' | 'X' => {
            let v = args.int_for(idx, ch)?;
            sign = true;
            format_long(&v, flags & F_ALT != 0, prec, ch)?
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            let x = args.float_at(idx)?;
            sign = true;
            let p = if prec < 0 { 6 } else { prec as usize };
            if p > MAX_FIELD_LEN {
                return Err(MEMORY_ERROR.to_string());
            }
            let mut s = String::with_capacity(24);
            let flags = DtoaFlags {
                alt: flags & F_ALT != 0,
                ..DtoaFlags::default()
            };
            double_to_string(&mut s, x, ch, p, flags);
            s
        }
        'c' => {
            let c = if args.is_str_at(idx) {
                let s = args.str_at(idx)?;
                let mut it = s.chars();
                match (it.next(), it.next()) {
                    (Some(c), None) => c,
                    _ => return Err("%c requires int or char".to_string()),
                }
            } else {
                let v = args
                    .int_for(idx, 'c')
                    .map_err(|_| "%c requires int or char".to_string())?;
                let x = v.to_i64().unwrap_or(-1);
                if !(0..=0x10ffff).contains(&x) {
                    return Err("%c arg not in range(0x110000)".to_string());
                }
                char::from_u32(x as u32).ok_or_else(|| {
                    "%c arg is a lone surrogate, which is not supported".to_string()
                })?
            };
            c.to_string()
        }
        _ => {
            let shown = if (31..=126).contains(&(ch as u32)) {
                ch
            } else {
                '?'
            };
            return Err(format!(
                "unsupported format character '{}' (0x{:x}) at index {}",
                shown,
                ch as u32,
                cur.cidx - 1
            ));
        }
    };
    output_arg(out, &text, ch, flags, width, prec, sign)
}

/// `_PyUnicode_FormatLong`: sign, optional 0x/0o prefix, zero padding to `prec` digits.
fn format_long(v: &BigInt, alt: bool, prec: i64, ty: char) -> Result<String, String> {
    if prec > i32::MAX as i64 - 3 {
        return Err("precision too large".to_string());
    }
    if prec > MAX_FIELD_LEN as i64 {
        return Err(MEMORY_ERROR.to_string());
    }
    let (radix, prefix) = match ty {
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    if radix == 10 && v.bits() > (INT_MAX_STR_DIGITS as u64 + 1) * 10 / 3 + 8 {
        return Err(int_to_str_limit_error());
    }
    let mut digits = v.magnitude().to_str_radix(radix);
    if radix == 10 && digits.len() > INT_MAX_STR_DIGITS {
        return Err(int_to_str_limit_error());
    }
    if ty == 'X' {
        digits.make_ascii_uppercase();
    }
    let nzeros = (prec.max(0) as usize).saturating_sub(digits.len());
    let mut s = String::with_capacity(digits.len() + nzeros + 3);
    if v.sign() == Sign::Minus {
        s.push('-');
    }
    if alt {
        s.push_str(prefix);
    }
    for _ in 0..nzeros {
        s.push('0');
    }
    s.push_str(&digits);
    Ok(s)
}

/// `unicode_format_arg_output`: sign, prefix, fill and truncation.
fn output_arg(
    out: &mut String,
    s: &str,
    ch: char,
    flags: u8,
    width: isize,
    prec: i64,
    mut sign: bool,
) -> Result<(), String> {
    let fill = if sign && flags & F_ZERO != 0 {
        '0'
    } else {
        ' '
    };
    let mut len = s.chars().count() as isize;
    let mut width = width;
    if (width == -1 || width <= len)
        && (prec == -1 || prec >= len as i64)
        && flags & (F_SIGN | F_BLANK) == 0
    {
        out.push_str(s);
        return Ok(());
    }
    if width > MAX_FIELD_LEN as isize {
        return Err(MEMORY_ERROR.to_string());
    }
    if matches!(ch, 's' | 'r' | 'a') && prec >= 0 && len as i64 > prec {
        len = prec as isize;
    }
    let mut pindex = 0usize; // in chars
    let mut signchar = '\0';
    if sign {
        let first = s.chars().next().unwrap_or('\0');
        if first == '-' || first == '+' {
            signchar = first;
            len -= 1;
            pindex += 1;
        } else if flags & F_SIGN != 0 {
            signchar = '+';
        } else if flags & F_BLANK != 0 {
            signchar = ' ';
        } else {
            sign = false;
        }
    }
    if width < len {
        width = len;
    }
    let alt_prefix = flags & F_ALT != 0 && matches!(ch, 'x' | 'X' | 'o');
    if sign {
        if fill != ' ' {
            out.push(signchar);
        }
        if width > len {
            width -= 1;
        }
    }
    if alt_prefix {
        if fill != ' ' {
            out.push('0');
            out.push(ch);
            pindex += 2;
        }
        width = (width - 2).max(0);
        len -= 2;
    }
    if width > len && flags & F_LJUST == 0 {
        for _ in 0..(width - len) {
            out.push(fill);
        }
        width = len;
    }
    if fill == ' ' {
        if sign {
            out.push(signchar);
        }
        if alt_prefix {
            out.push('0');
            out.push(ch);
            pindex += 2;
        }
    }
    if len > 0 {
        out.extend(s.chars().skip(pindex).take(len as usize));
    }
    if width > len {
        for _ in 0..(width - len) {
            out.push(' ');
        }
    }
    Ok(())
}
