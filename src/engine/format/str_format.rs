//! Parsing of `str.format` format strings (CPython 3.11
//! Objects/stringlib/unicode_format.h): literal text, `{{`/`}}` escapes,
//! replacement fields with field name, accessors, conversion and a format
//! spec that may itself contain nested fields.
// Library-style module: not every helper is used by every caller.
#![allow(dead_code)]

use super::radix::decimal_value;

/// The part of a field name before any `.attr` / `[key]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldName {
    /// `{}`: automatic numbering (resolve with [`AutoNumber`]).
    Auto,
    /// `{3}`
    Index(usize),
    /// `{name}`
    Keyword(String),
}

/// One `.attr` / `[index]` / `[key]` step after the field name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Accessor {
    Attr(String),
    Index(usize),
    Key(String),
}

/// A piece of a parsed format string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Literal(String),
    Field {
        name: FieldName,
        accessors: Vec<Accessor>,
        /// The raw `!x` character; validate with [`check_conversion`].
        conversion: Option<char>,
        /// The spec, possibly with nested fields; empty = no spec.
        spec: Vec<Piece>,
    },
}

/// `str.format`'s nesting limit (`recursion_depth = 2` in CPython).
const TOP_DEPTH: u32 = 2;

/// Parse a whole format string. Adjacent literals are merged.
pub fn parse_format_string(s: &str) -> Result<Vec<Piece>, String> {
    parse_with_depth(s, TOP_DEPTH)
}

fn parse_with_depth(s: &str, depth: u32) -> Result<Vec<Piece>, String> {
    if depth == 0 {
        return Err("Max string recursion exceeded".to_string());
    }
    let mut out: Vec<Piece> = Vec::new();
    for piece in FormatIter::with_depth(s, depth) {
        match piece? {
            Piece::Literal(t) => {
                if let Some(Piece::Literal(prev)) = out.last_mut() {
                    prev.push_str(&t);
                } else {
                    out.push(Piece::Literal(t));
                }
            }
            f => out.push(f),
        }
    }
    Ok(out)
}

/// A replacement field as found by the scanner, before its name and spec are parsed.
struct RawField<'a> {
    name: &'a str,
    conversion: Option<char>,
    spec: &'a str,
    needs_expanding: bool,
}

/// CPython's `MarkupIterator`: each step yields (literal, optional field).
struct MarkupIter<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> MarkupIter<'a> {
    fn done(&self) -> bool {
        self.pos >= self.s.len()
    }

    /// One step of `MarkupIterator_next`.
    fn step(&mut self) -> Result<(&'a str, Option<RawField<'a>>), String> {
        let s = self.s;
        let b = s.as_bytes();
        let end = b.len();
        let start = self.pos;
        let mut c = 0u8;
        let mut markup_follows = false;
        while self.pos < end {
            c = b[self.pos];
            self.pos += 1;
            if c == b'{' || c == b'}' {
                markup_follows = true;
                break;
            }
        }
        let at_end = self.pos >= end;
        let mut len = self.pos - start;
        if markup_follows && c == b'}' && (at_end || b[self.pos] != b'}') {
            return Err("Single '}' encountered in format string".to_string());
        }
        if markup_follows && at_end && c == b'{' {
            return Err("Single '{' encountered in format string".to_string());
        }
        if !at_end && markup_follows {
            if b[self.pos] == c {
                self.pos += 1;
                markup_follows = false;
            } else {
                len -= 1;
            }
        }
        let lit = &s[start..start + len];
        if !markup_follows {
            return Ok((lit, None));
        }
        let field = self.parse_field()?;
        Ok((lit, Some(field)))
    }

    /// `parse_field`: after the opening '{'.
    fn parse_field(&mut self) -> Result<RawField<'a>, String> {
        let s = self.s;
        let b = s.as_bytes();
        let end = b.len();
        let name_start = self.pos;
        let mut c = 0u8;
        let mut terminated = false;
        while self.pos < end {
            c = b[self.pos];
            self.pos += 1;
            match c {
                b'{' => return Err("unexpected '{' in field name".to_string()),
                b'[' => {
                    while self.pos < end && b[self.pos] != b']' {
                        self.pos += 1;
                    }
                }
                b'}' | b':' | b'!' => {
                    terminated = true;
                    break;
                }
                _ => {}
            }
        }
        if !terminated {
            return Err("expected '}' before end of string".to_string());
        }
        let mut field = RawField {
            name: &s[name_start..self.pos - 1],
            conversion: None,
            spec: "",
            needs_expanding: false,
        };
        if c == b'}' {
            return Ok(field);
        }
        if c == b'!' {
            let conv = match s[self.pos..].chars().next() {
                None => {
                    return Err("end of string while looking for conversion specifier".to_string())
                }
                Some(ch) => ch,
            };
            self.pos += conv.len_utf8();
            field.conversion = Some(conv);
            if self.pos < end {
                let c2 = b[self.pos];
                self.pos += 1;
                if c2 == b'}' {
                    return Ok(field);
                }
                if c2 != b':' {
                    return Err("expected ':' after conversion specifier".to_string());
                }
            }
        }
        let spec_start = self.pos;
        let mut count = 1;
        while self.pos < end {
            let c3 = b[self.pos];
            self.pos += 1;
            if c3 == b'{' {
                field.needs_expanding = true;
                count += 1;
            } else if c3 == b'}' {
                count -= 1;
                if count == 0 {
                    field.spec = &s[spec_start..self.pos - 1];
                    return Ok(field);
                }
            }
        }
        Err("unmatched '{' in format spec".to_string())
    }
}

/// Lazy parser: yields pieces in order, and an error at the point where
/// CPython's scanner would raise it.
pub struct FormatIter<'a> {
    inner: MarkupIter<'a>,
    depth: u32,
    pending: Option<Piece>,
    failed: bool,
}

impl<'a> FormatIter<'a> {
    pub fn new(s: &'a str) -> Self {
        Self::with_depth(s, TOP_DEPTH)
    }
    fn with_depth(s: &'a str, depth: u32) -> Self {
        FormatIter {
            inner: MarkupIter { s, pos: 0 },
            depth,
            pending: None,
            failed: false,
        }
    }
    fn to_piece(&self, f: RawField<'_>) -> Result<Piece, String> {
        let (name, accessors) = parse_field_name(f.name)?;
        let spec = if f.spec.is_empty() {
            Vec::new()
        } else if !f.needs_expanding {
            vec![Piece::Literal(f.spec.to_string())]
        } else {
            parse_with_depth(f.spec, self.depth - 1)?
        };
        Ok(Piece::Field {
            name,
            accessors,
            conversion: f.conversion,
            spec,
        })
    }
}

impl Iterator for FormatIter<'_> {
    type Item = Result<Piece, String>;
    fn next(&mut self) -> Option<Self::Item> {
        if let Some(p) = self.pending.take() {
            return Some(Ok(p));
        }
        loop {
            if self.failed || self.inner.done() {
                return None;
            }
            let step = self.inner.step().and_then(|(lit, field)| {
                let field = match field {
                    Some(f) => Some(self.to_piece(f)?),
                    None => None,
                };
                Ok((lit, field))
            });
            match step {
                Err(e) => {
                    self.failed = true;
                    return Some(Err(e));
                }
                Ok((lit, field)) if !lit.is_empty() => {
                    self.pending = field;
                    return Some(Ok(Piece::Literal(lit.to_string())));
                }
                Ok((_, Some(field))) => return Some(Ok(field)),
                Ok((_, None)) => continue,
            }
        }
    }
}

/// `get_integer` of unicode_format.h: None if not all decimal digits (or empty).
fn get_integer(s: &str) -> Result<Option<usize>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    let mut acc: usize = 0;
    for c in s.chars() {
        let d = match decimal_value(c) {
            Some(d) => d as usize,
            None => return Ok(None),
        };
        if acc > (isize::MAX as usize - d) / 10 {
            return Err("Too many decimal digits in format string".to_string());
        }
        acc = acc * 10 + d;
    }
    Ok(Some(acc))
}

/// Split a field name such as `0.attr[key][1]` (`field_name_split` plus the
/// `FieldNameIterator`).
pub fn parse_field_name(name: &str) -> Result<(FieldName, Vec<Accessor>), String> {
    let (field, rest) = split_first(name)?;
    let mut accessors = Vec::new();
    let mut pos = 0;
    while let Some(a) = next_accessor(rest, &mut pos) {
        accessors.push(a?);
    }
    Ok((field, accessors))
}

/// The first part of a field name and the unparsed rest (`.x[y]...`).
fn split_first(name: &str) -> Result<(FieldName, &str), String> {
    let first_end = name
        .bytes()
        .position(|c| c == b'.' || c == b'[')
        .unwrap_or(name.len());
    let first = &name[..first_end];
    let field = if first.is_empty() {
        FieldName::Auto
    } else {
        match get_integer(first)? {
            Some(i) => FieldName::Index(i),
            None => FieldName::Keyword(first.to_string()),
        }
    };
    Ok((field, &name[first_end..]))
}

/// `FieldNameIterator_next`: the next `.attr` / `[item]`, or None at the end.
fn next_accessor(rest: &str, pos: &mut usize) -> Option<Result<Accessor, String>> {
    let b = rest.as_bytes();
    if *pos >= b.len() {
        return None;
    }
    let c = b[*pos];
    *pos += 1;
    let (acc, empty) = match c {
        b'.' => {
            let start = *pos;
            while *pos < b.len() && b[*pos] != b'.' && b[*pos] != b'[' {
                *pos += 1;
            }
            let t = &rest[start..*pos];
            (Accessor::Attr(t.to_string()), t.is_empty())
        }
        b'[' => {
            let start = *pos;
            while *pos < b.len() && b[*pos] != b']' {
                *pos += 1;
            }
            if *pos >= b.len() {
                return Some(Err("Missing ']' in format string".to_string()));
            }
            let t = &rest[start..*pos];
            *pos += 1;
            let acc = match get_integer(t) {
                Err(e) => return Some(Err(e)),
                Ok(Some(i)) => Accessor::Index(i),
                Ok(None) => Accessor::Key(t.to_string()),
            };
            (acc, t.is_empty())
        }
        _ => {
            return Some(Err(
                "Only '.' or '[' may follow ']' in format field specifier".to_string(),
            ));
        }
    };
    if empty {
        return Some(Err("Empty attribute in format string".to_string()));
    }
    Some(Ok(acc))
}

/// Validate a `!x` conversion (only `r`, `s`, `a`), with CPython's message.
pub fn check_conversion(c: char) -> Result<(), String> {
    match c {
        'r' | 's' | 'a' => Ok(()),
        c if (c as u32) > 32 && (c as u32) < 127 => {
            Err(format!("Unknown conversion specifier {}", c))
        }
        c => Err(format!("Unknown conversion specifier \\x{:x}", c as u32)),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AnState {
    Init,
    Auto,
    Manual,
}

/// Automatic field numbering state for one `str.format` call (shared by
/// nested spec fields, which are resolved after their enclosing field).
#[derive(Clone, Debug)]
pub struct AutoNumber {
    state: AnState,
    next: usize,
}

impl Default for AutoNumber {
    fn default() -> Self {
        Self::new()
    }
}

impl AutoNumber {
    pub fn new() -> Self {
        AutoNumber {
            state: AnState::Init,
            next: 0,
        }
    }

    /// Positional index for `name` (None for a keyword), or CPython's
    /// "cannot switch from ..." ValueError text.
    pub fn resolve(&mut self, name: &FieldName) -> Result<Option<usize>, String> {
        let empty = matches!(name, FieldName::Auto);
        let numeric = !matches!(name, FieldName::Keyword(_));
        if self.state == AnState::Init && numeric {
            self.state = if empty {
                AnState::Auto
            } else {
                AnState::Manual
            };
        }
        if numeric {
            if self.state == AnState::Manual && empty {
                return Err(manual_to_auto_error());
            }
            if self.state == AnState::Auto && !empty {
                return Err(auto_to_manual_error());
            }
        }
        match name {
            FieldName::Auto => {
                self.next += 1;
                Ok(Some(self.next - 1))
            }
            FieldName::Index(i) => Ok(Some(*i)),
            FieldName::Keyword(_) => Ok(None),
        }
    }
}

/// "cannot switch from manual field specification to automatic field numbering"
pub fn manual_to_auto_error() -> String {
    "cannot switch from manual field specification to automatic field numbering".to_string()
}

/// "cannot switch from automatic field numbering to manual field specification"
pub fn auto_to_manual_error() -> String {
    "cannot switch from automatic field numbering to manual field specification".to_string()
}

/// A resolved field reference handed to [`FormatTarget::lookup`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldRef<'a> {
    Index(usize),
    Keyword(&'a str),
}

/// Callbacks used by [`render_format_str`] / [`render_format`] (the
/// interpreter's value model).
pub trait FormatTarget {
    type Value;
    /// Fetch a positional or keyword argument (IndexError/KeyError text on failure).
    fn lookup(&mut self, field: FieldRef<'_>) -> Result<Self::Value, String>;
    /// Apply one `.attr` / `[index]` / `[key]` step (getattr / getitem).
    fn access(&mut self, v: Self::Value, accessor: &Accessor) -> Result<Self::Value, String>;
    /// Apply `!r`, `!s` or `!a` (already validated).
    fn convert(&mut self, v: Self::Value, conversion: char) -> Result<Self::Value, String>;
    /// `format(v, spec)`.
    fn format(&mut self, v: Self::Value, spec: &str) -> Result<String, String>;
}

/// `fmt.format(...)` rendered lazily, raising every error exactly where
/// CPython does (scanner errors, field lookups, conversions and nested specs
/// happen strictly left to right). This is the recommended entry point.
pub fn render_format_str<T: FormatTarget>(
    fmt: &str,
    auto: &mut AutoNumber,
    target: &mut T,
) -> Result<String, String> {
    build_string(fmt, TOP_DEPTH, auto, target)
}

fn build_string<T: FormatTarget>(
    fmt: &str,
    depth: u32,
    auto: &mut AutoNumber,
    target: &mut T,
) -> Result<String, String> {
    if depth == 0 {
        return Err("Max string recursion exceeded".to_string());
    }
    let mut out = String::with_capacity(fmt.len() + 16);
    let mut it = MarkupIter { s: fmt, pos: 0 };
    while !it.done() {
        let (lit, field) = it.step()?;
        out.push_str(lit);
        let f = match field {
            Some(f) => f,
            None => continue,
        };
        let (name, rest) = split_first(f.name)?;
        let mut v = lookup_field(&name, auto, target)?;
        let mut pos = 0;
        while let Some(a) = next_accessor(rest, &mut pos) {
            v = target.access(v, &a?)?;
        }
        if let Some(c) = f.conversion {
            check_conversion(c)?;
            v = target.convert(v, c)?;
        }
        let text = if f.needs_expanding {
            let spec = build_string(f.spec, depth - 1, auto, target)?;
            target.format(v, &spec)?
        } else {
            target.format(v, f.spec)?
        };
        out.push_str(&text);
    }
    Ok(out)
}

fn lookup_field<T: FormatTarget>(
    name: &FieldName,
    auto: &mut AutoNumber,
    target: &mut T,
) -> Result<T::Value, String> {
    match (auto.resolve(name)?, name) {
        (Some(i), _) => target.lookup(FieldRef::Index(i)),
        (None, FieldName::Keyword(k)) => target.lookup(FieldRef::Keyword(k)),
        (None, _) => target.lookup(FieldRef::Index(0)),
    }
}

/// Render already parsed pieces (see [`parse_format_string`]). Errors found
/// by the parser are reported before any lookup; use [`render_format_str`]
/// for CPython's exact left-to-right error order.
pub fn render_format<T: FormatTarget>(
    pieces: &[Piece],
    auto: &mut AutoNumber,
    target: &mut T,
) -> Result<String, String> {
    let mut out = String::new();
    for p in pieces {
        match p {
            Piece::Literal(t) => out.push_str(t),
            Piece::Field {
                name,
                accessors,
                conversion,
                spec,
            } => {
                let mut v = lookup_field(name, auto, target)?;
                for a in accessors {
                    v = target.access(v, a)?;
                }
                if let Some(c) = conversion {
                    check_conversion(*c)?;
                    v = target.convert(v, *c)?;
                }
                let spec_text = render_format(spec, auto, target)?;
                out.push_str(&target.format(v, &spec_text)?);
            }
        }
    }
    Ok(out)
}
