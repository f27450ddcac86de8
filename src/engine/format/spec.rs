//! The format-spec mini-language (`format(value, spec)`, `f"{x:spec}"`,
//! `str.format`) for int, float and str, reproducing CPython 3.11's
//! Python/formatter_unicode.c byte for byte.
// Library-style module: not every helper is used by every caller.
#![allow(dead_code)]

use super::float_repr::{double_to_string, DtoaFlags};
use super::radix::{decimal_value, int_to_str_limit_error, INT_MAX_STR_DIGITS};
use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

/// Largest width/precision we agree to materialise. CPython would try to
/// allocate (and usually raise MemoryError); we refuse instead of aborting.
pub const MAX_FIELD_LEN: usize = 1 << 28;

/// Error text returned when a requested width/precision is absurdly large.
pub const MEMORY_ERROR: &str = "MemoryError: requested field width or precision is too large";

/// A parsed `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
///
/// `align == None` means "the type's default" ('<' for str, '>' for numbers,
/// '=' for numbers when `zero_pad` is set). When the `0` flag is given without
/// an explicit fill, the parser sets `fill = '0'` and `zero_pad = true`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatSpec {
    pub fill: char,
    pub align: Option<char>,
    pub sign: Option<char>,
    pub alternate: bool,
    pub zero_pad: bool,
    pub width: Option<usize>,
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    pub ty: Option<char>,
    /// The 'z' flag (coerce negative zero to positive zero, floats only).
    pub no_neg_zero: bool,
}

impl Default for FormatSpec {
    fn default() -> Self {
        FormatSpec {
            fill: ' ',
            align: None,
            sign: None,
            alternate: false,
            zero_pad: false,
            width: None,
            grouping: None,
            precision: None,
            ty: None,
            no_neg_zero: false,
        }
    }
}

fn char_desc(c: char) -> String {
    let cp = c as u32;
    if cp > 32 && cp < 128 {
        format!("'{}'", c)
    } else {
        format!("'\\x{:x}'", cp)
    }
}

/// CPython's `unknown_presentation_type` message.
pub fn unknown_format_code(ty: char, type_name: &str) -> String {
    format!(
        "Unknown format code {} for object of type '{}'",
        char_desc(ty),
        type_name
    )
}

fn invalid_thousands(sep: char, ty: char) -> String {
    format!("Cannot specify '{}' with {}.", sep, char_desc(ty))
}

/// Parse a spec without knowing the value's type. Identical to
/// [`parse_spec_for`] except that the "Invalid format specifier" message names
/// type `object`; prefer `parse_spec_for` (or the `*_spec` helpers) when the
/// type is known.
pub fn parse_spec(spec: &str) -> Result<FormatSpec, String> {
    parse_spec_for(spec, "object")
}

/// Parse a format spec for a value of Python type `type_name` (used only in
/// the "Invalid format specifier ... for object of type ..." message).
pub fn parse_spec_for(spec: &str, type_name: &str) -> Result<FormatSpec, String> {
    let mut out = FormatSpec::default();
    // Specs are short: collect into a small fixed array when possible.
    let mut small = ['\0'; 32];
    let heap: Vec<char>;
    let cs: &[char] = {
        let mut n = 0;
        let mut fits = true;
        for c in spec.chars() {
            if n == small.len() {
                fits = false;
                break;
            }
            small[n] = c;
            n += 1;
        }
        if fits {
            &small[..n]
        } else {
            heap = spec.chars().collect();
            &heap
        }
    };
    let end = cs.len();
    let mut pos = 0usize;
    let is_align = |c: char| matches!(c, '<' | '>' | '=' | '^');
    let mut fill_specified = false;
    if end - pos >= 2 && is_align(cs[pos + 1]) {
        out.align = Some(cs[pos + 1]);
        out.fill = cs[pos];
        fill_specified = true;
        pos += 2;
    } else if end - pos >= 1 && is_align(cs[pos]) {
        out.align = Some(cs[pos]);
        pos += 1;
    }
    if end - pos >= 1 && matches!(cs[pos], ' ' | '+' | '-') {
        out.sign = Some(cs[pos]);
        pos += 1;
    }
    if end - pos >= 1 && cs[pos] == 'z' {
        out.no_neg_zero = true;
        pos += 1;
    }
    if end - pos >= 1 && cs[pos] == '#' {
        out.alternate = true;
        pos += 1;
    }
    if !fill_specified && end - pos >= 1 && cs[pos] == '0' {
        out.fill = '0';
        out.zero_pad = true;
        pos += 1;
    }
    let (w, consumed) = get_integer(cs, &mut pos)?;
    if consumed > 0 {
        out.width = Some(w);
    }
    if pos < end && cs[pos] == ',' {
        out.grouping = Some(',');
        pos += 1;
    }
    if pos < end && cs[pos] == '_' {
        if out.grouping.is_some() {
            return Err("Cannot specify both ',' and '_'.".to_string());
        }
        out.grouping = Some('_');
        pos += 1;
    }
    if pos < end && cs[pos] == ',' && out.grouping == Some('_') {
        return Err("Cannot specify both ',' and '_'.".to_string());
    }
    if pos < end && cs[pos] == '.' {
        pos += 1;
        let (p, consumed) = get_integer(cs, &mut pos)?;
        if consumed == 0 {
            return Err("Format specifier missing precision".to_string());
        }
        out.precision = Some(p);
    }
    if end - pos > 1 {
        return Err(format!(
            "Invalid format specifier '{}' for object of type '{}'",
            spec, type_name
        ));
    }
    if end - pos == 1 {
        out.ty = Some(cs[pos]);
    }
    if let (Some(sep), Some(ty)) = (out.grouping, out.ty) {
        check_grouping_type(sep, ty)?;
    }
    Ok(out)
}

fn check_grouping_type(sep: char, ty: char) -> Result<(), String> {
    match ty {
        'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' => Ok(()),
        'b' | 'o' | 'x' | 'X' if sep == '_' => Ok(()),
        _ => Err(invalid_thousands(sep, ty)),
    }
}

/// `get_integer` of formatter_unicode.c: Unicode decimal digits, overflow at `isize::MAX`.
fn get_integer(cs: &[char], pos: &mut usize) -> Result<(usize, usize), String> {
    let mut acc: usize = 0;
    let mut n = 0;
    while *pos < cs.len() {
        let d = match decimal_value(cs[*pos]) {
            Some(d) => d as usize,
            None => break,
        };
        if acc > (isize::MAX as usize - d) / 10 {
            return Err("Too many decimal digits in format string".to_string());
        }
        acc = acc * 10 + d;
        *pos += 1;
        n += 1;
    }
    Ok((acc, n))
}

// ---------------------------------------------------------------------------
// Number layout (calc_number_widths + fill_number)
// ---------------------------------------------------------------------------

/// Pieces of a formatted number, as CPython splits them.
struct NumberParts<'a> {
    negative: bool,
    prefix: &'a str,
    digits: &'a str,
    has_decimal: bool,
    remainder: &'a str,
}

fn push_n(out: &mut String, c: char, n: usize) {
    for _ in 0..n {
        out.push(c);
    }
}

/// `_PyUnicode_InsertThousandsGrouping`: digits grouped right-to-left with
/// zero padding up to `min_width` (which includes separators).
fn insert_grouping(out: &mut String, digits: &[u8], min_width: i64, group: Option<(char, i64)>) {
    let mut min_width = min_width.max(0);
    let mut remaining = digits.len() as i64;
    let mut dpos = digits.len();
    let mut rev: Vec<u8> =
        Vec::with_capacity(digits.len() + digits.len() / 3 + min_width as usize + 2);
    let mut use_sep = false;
    let mut loop_broken = false;
    let emit = |rev: &mut Vec<u8>,
                use_sep: bool,
                sep: u8,
                n_chars: i64,
                n_zeros: i64,
                dpos: &mut usize| {
        if use_sep {
            rev.push(sep);
        }
        for _ in 0..n_chars {
            *dpos -= 1;
            rev.push(digits[*dpos]);
        }
        for _ in 0..n_zeros {
            rev.push(b'0');
        }
    };
    let sep_byte = group.map(|(c, _)| c as u8).unwrap_or(b',');
    if let Some((_, glen)) = group {
        loop {
            let len = glen.min(remaining.max(min_width).max(1));
            let n_zeros = (len - remaining).max(0);
            let n_chars = remaining.min(len).max(0);
            emit(&mut rev, use_sep, sep_byte, n_chars, n_zeros, &mut dpos);
            use_sep = true;
            remaining -= n_chars;
            min_width -= len;
            if remaining <= 0 && min_width <= 0 {
                loop_broken = true;
                break;
            }
            min_width -= 1;
        }
    }
    if !loop_broken {
        let len = remaining.max(min_width).max(1);
        let n_zeros = (len - remaining).max(0);
        let n_chars = remaining.min(len).max(0);
        emit(&mut rev, use_sep, sep_byte, n_chars, n_zeros, &mut dpos);
    }
    out.extend(rev.iter().rev().map(|&b| b as char));
}

#[allow(clippy::too_many_arguments)]
fn fill_number(
    parts: &NumberParts<'_>,
    fill: char,
    align: char,
    sign_opt: Option<char>,
    width: Option<usize>,
    group: Option<(char, i64)>,
) -> Result<String, String> {
    if let Some(w) = width {
        if w > MAX_FIELD_LEN {
            return Err(MEMORY_ERROR.to_string());
        }
    }
    let width: i64 = width.map(|w| w as i64).unwrap_or(-1);
    let sign_char = match sign_opt {
        Some('+') => Some(if parts.negative { '-' } else { '+' }),
        Some(' ') => Some(if parts.negative { '-' } else { ' ' }),
        _ => {
            if parts.negative {
                Some('-')
            } else {
                None
            }
        }
    };
    let n_sign = sign_char.is_some() as i64;
    let n_prefix = parts.prefix.chars().count() as i64;
    let n_decimal = parts.has_decimal as i64;
    let n_remainder = parts.remainder.chars().count() as i64;
    let non_digit = n_sign + n_prefix + n_decimal + n_remainder;
    let min_width = if fill == '0' && align == '=' {
        width - non_digit
    } else {
        0
    };
    let mut grouped = String::new();
    if !parts.digits.is_empty() {
        insert_grouping(&mut grouped, parts.digits.as_bytes(), min_width, group);
    }
    let n_grouped = grouped.len() as i64;
    let n_padding = width - (non_digit + n_grouped);
    let (mut lpad, mut spad, mut rpad) = (0i64, 0i64, 0i64);
    if n_padding > 0 {
        match align {
            '<' => rpad = n_padding,
            '^' => {
                lpad = n_padding / 2;
                rpad = n_padding - lpad;
            }
            '=' => spad = n_padding,
            _ => lpad = n_padding,
        }
    }
    let mut out = String::with_capacity((non_digit + n_grouped + n_padding.max(0)) as usize + 4);
    push_n(&mut out, fill, lpad as usize);
    if let Some(s) = sign_char {
        out.push(s);
    }
    out.push_str(parts.prefix);
    push_n(&mut out, fill, spad as usize);
    out.push_str(&grouped);
    if parts.has_decimal {
        out.push('.');
    }
    out.push_str(parts.remainder);
    push_n(&mut out, fill, rpad as usize);
    Ok(out)
}

fn numeric_align(spec: &FormatSpec) -> char {
    spec.align.unwrap_or(if spec.zero_pad { '=' } else { '>' })
}

// ---------------------------------------------------------------------------
// int
// ---------------------------------------------------------------------------

/// Exact int -> float conversion with round-half-even, like `float(int)`.
/// Err: "int too large to convert to float".
pub fn bigint_to_f64(v: &BigInt) -> Result<f64, String> {
    let mag = v.magnitude();
    let bits = mag.bits();
    let f = if bits <= 64 {
        mag.to_u64().map(|u| u as f64).unwrap_or(0.0)
    } else {
        let shift = bits - 64;
        let top = (mag >> shift).to_u64().unwrap_or(u64::MAX);
        // Sticky bit: any non-zero bit below the top 64.
        let sticky = mag.trailing_zeros().map(|tz| tz < shift).unwrap_or(false);
        let m = top | u64::from(sticky);
        let base = m as f64; // correctly rounded (ties-to-even, sticky breaks ties)
        if shift > 1100 {
            f64::INFINITY
        } else {
            let mut r = base;
            let mut s = shift;
            while s > 0 {
                let step = s.min(1000);
                r *= f64::from_bits((1023 + step) << 52);
                s -= step;
            }
            r
        }
    };
    if f.is_infinite() {
        return Err("int too large to convert to float".to_string());
    }
    Ok(if v.sign() == Sign::Minus { -f } else { f })
}

/// `format(v, spec)` for an int.
pub fn format_int(v: &BigInt, spec: &FormatSpec) -> Result<String, String> {
    format_int_as(v, spec, "int")
}

/// Parse `spec` (for type `int`) and format `v`.
pub fn format_int_spec(v: &BigInt, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return super::radix::int_to_decimal(v);
    }
    format_int(v, &parse_spec_for(spec, "int")?)
}

/// Like [`format_int`] but naming the Python type in error messages
/// (e.g. `"bool"` for `format(True, 'q')`).
pub fn format_int_as(v: &BigInt, spec: &FormatSpec, type_name: &str) -> Result<String, String> {
    match spec.ty {
        None | Some('d' | 'n' | 'b' | 'o' | 'x' | 'X' | 'c') => {}
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => {
            let f = bigint_to_f64(v)?;
            return format_float(f, spec);
        }
        Some(c) => return Err(unknown_format_code(c, type_name)),
    }
    if spec.precision.is_some() {
        return Err("Precision not allowed in integer format specifier".to_string());
    }
    if spec.no_neg_zero {
        return Err(
            "Negative zero coercion (z) not allowed in integer format specifier".to_string(),
        );
    }
    let align = numeric_align(spec);
    let ty = spec.ty.unwrap_or('d');
    if ty == 'c' {
        if spec.sign.is_some() {
            return Err("Sign not allowed with integer format specifier 'c'".to_string());
        }
        if spec.alternate {
            return Err(
                "Alternate form (#) not allowed with integer format specifier 'c'".to_string(),
            );
        }
        let x = v
            .to_i64()
            .ok_or_else(|| "Python int too large to convert to C long".to_string())?;
        if !(0..=0x10ffff).contains(&x) {
            return Err("%c arg not in range(0x110000)".to_string());
        }
        let ch = char::from_u32(x as u32)
            .ok_or_else(|| "%c arg is a lone surrogate, which is not supported".to_string())?;
        let mut buf = [0u8; 4];
        let rem: &str = ch.encode_utf8(&mut buf);
        let parts = NumberParts {
            negative: false,
            prefix: "",
            digits: "",
            has_decimal: false,
            remainder: rem,
        };
        return fill_number(&parts, spec.fill, align, None, spec.width, None);
    }
    let (radix, prefix) = match ty {
        'b' => (2, "0b"),
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
    let negative = v.sign() == Sign::Minus;
    // Fast path (same result): no sign option, width or grouping.
    if spec.sign.is_none() && spec.width.is_none() && spec.grouping.is_none() {
        let mut out = String::with_capacity(digits.len() + 3);
        if negative {
            out.push('-');
        }
        if spec.alternate {
            out.push_str(prefix);
        }
        out.push_str(&digits);
        return Ok(out);
    }
    let group = match (spec.grouping, ty) {
        (Some(_), 'n') => None,
        (Some('_'), 'b' | 'o' | 'x' | 'X') => Some(('_', 4)),
        (Some(c), _) => Some((c, 3)),
        (None, _) => None,
    };
    let parts = NumberParts {
        negative,
        prefix: if spec.alternate { prefix } else { "" },
        digits: &digits,
        has_decimal: false,
        remainder: "",
    };
    fill_number(&parts, spec.fill, align, spec.sign, spec.width, group)
}

// ---------------------------------------------------------------------------
// float
// ---------------------------------------------------------------------------

/// `format(x, spec)` for a float.
pub fn format_float(x: f64, spec: &FormatSpec) -> Result<String, String> {
    format_float_as(x, spec, "float")
}

/// Parse `spec` (for type `float`) and format `x`.
pub fn format_float_spec(x: f64, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(super::float_repr::float_repr(x));
    }
    format_float(x, &parse_spec_for(spec, "float")?)
}

/// Like [`format_float`] but naming the Python type in error messages.
pub fn format_float_as(x: f64, spec: &FormatSpec, type_name: &str) -> Result<String, String> {
    let ty = match spec.ty {
        None => None,
        Some(c @ ('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%')) => Some(c),
        Some(c) => return Err(unknown_format_code(c, type_name)),
    };
    if let Some(p) = spec.precision {
        if p > i32::MAX as usize {
            return Err("precision too big".to_string());
        }
        if p > MAX_FIELD_LEN {
            return Err(MEMORY_ERROR.to_string());
        }
    }
    let mut flags = DtoaFlags {
        alt: spec.alternate,
        no_neg_0: spec.no_neg_zero,
        ..DtoaFlags::default()
    };
    let mut default_precision = 6;
    let mut val = x;
    let mut add_pct = false;
    let mut code = match ty {
        None => {
            flags.add_dot_0 = true;
            default_precision = 0;
            'r'
        }
        Some('n') => 'g',
        Some('%') => {
            val *= 100.0;
            add_pct = true;
            'f'
        }
        Some(c) => c,
    };
    let precision = match spec.precision {
        None => default_precision,
        Some(p) => {
            if code == 'r' {
                code = 'g';
            }
            p
        }
    };
    // 'f' on a huge value produces ~310 digits plus the precision: fine.
    let mut buf = String::with_capacity(24);
    double_to_string(&mut buf, val, code, precision, flags);
    if add_pct {
        buf.push('%');
    }
    if spec.sign.is_none() && spec.width.is_none() && spec.grouping.is_none() {
        return Ok(buf);
    }
    let (negative, body) = match buf.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, buf.as_str()),
    };
    let ndig = body.bytes().take_while(|b| b.is_ascii_digit()).count();
    let digits = &body[..ndig];
    let has_decimal = body.as_bytes().get(ndig) == Some(&b'.');
    let remainder = &body[ndig + usize::from(has_decimal)..];
    let group = match (spec.grouping, ty) {
        (Some(_), Some('n')) => None,
        (Some(c), _) => Some((c, 3)),
        (None, _) => None,
    };
    let parts = NumberParts {
        negative,
        prefix: "",
        digits,
        has_decimal,
        remainder,
    };
    fill_number(
        &parts,
        spec.fill,
        numeric_align(spec),
        spec.sign,
        spec.width,
        group,
    )
}

// ---------------------------------------------------------------------------
// str
// ---------------------------------------------------------------------------

/// `format(s, spec)` for a str.
pub fn format_str(s: &str, spec: &FormatSpec) -> Result<String, String> {
    format_str_as(s, spec, "str")
}

/// Parse `spec` (for type `str`) and format `s`.
pub fn format_str_spec(s: &str, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(s.to_string());
    }
    format_str(s, &parse_spec_for(spec, "str")?)
}

/// Like [`format_str`] but naming the Python type in error messages.
pub fn format_str_as(s: &str, spec: &FormatSpec, type_name: &str) -> Result<String, String> {
    if let Some(sep) = spec.grouping {
        if matches!(spec.ty, None | Some('s')) {
            return Err(invalid_thousands(sep, 's'));
        }
    }
    match spec.ty {
        None | Some('s') => {}
        Some(c) => return Err(unknown_format_code(c, type_name)),
    }
    match spec.sign {
        Some(' ') => return Err("Space not allowed in string format specifier".to_string()),
        Some(_) => return Err("Sign not allowed in string format specifier".to_string()),
        None => {}
    }
    if spec.no_neg_zero {
        return Err(
            "Negative zero coercion (z) not allowed in string format specifier".to_string(),
        );
    }
    if spec.alternate {
        return Err("Alternate form (#) not allowed in string format specifier".to_string());
    }
    if spec.align == Some('=') {
        return Err("'=' alignment not allowed in string format specifier".to_string());
    }
    if spec.width.is_none() && spec.precision.is_none() {
        return Ok(s.to_string());
    }
    if let Some(w) = spec.width {
        if w > MAX_FIELD_LEN {
            return Err(MEMORY_ERROR.to_string());
        }
    }
    let mut text = s;
    let mut len = s.chars().count();
    if let Some(p) = spec.precision {
        if len > p {
            text = super::radix::truncate_chars(s, p);
            len = p;
        }
    }
    let total = spec.width.map_or(len, |w| w.max(len));
    let lpad = match spec.align.unwrap_or('<') {
        '>' => total - len,
        '^' => (total - len) / 2,
        _ => 0,
    };
    let rpad = total - len - lpad;
    let mut out = String::with_capacity(text.len() + (lpad + rpad) * spec.fill.len_utf8());
    push_n(&mut out, spec.fill, lpad);
    out.push_str(text);
    push_n(&mut out, spec.fill, rpad);
    Ok(out)
}

/// Which Python exception class CPython raises for an error text produced by
/// this module family (spec, percent, radix, round, str_format).
/// Returns "ValueError" for anything not recognised.
pub fn exception_type_for(msg: &str) -> &'static str {
    const TYPE_ERRORS: &[&str] = &[
        "not enough arguments for format string",
        "not all arguments converted during string formatting",
        "format requires a mapping",
        "* wants int",
        "%c requires int or char",
        "must be real number",
    ];
    const OVERFLOW_ERRORS: &[&str] = &[
        "int too large to convert to float",
        "%c arg not in range(0x110000)",
        "Python int too large to convert",
        "cannot convert float infinity to integer",
        "rounded value too large to represent",
        "precision too large",
    ];
    if msg == MEMORY_ERROR {
        return "MemoryError";
    }
    if TYPE_ERRORS.iter().any(|p| msg.starts_with(p))
        || (msg.starts_with('%')
            && (msg.contains("format: a real number is required")
                || msg.contains("format: an integer is required")))
    {
        return "TypeError";
    }
    if OVERFLOW_ERRORS.iter().any(|p| msg.starts_with(p)) {
        return "OverflowError";
    }
    "ValueError"
}
