//! CPython's number formatting: float repr, the format-spec mini-language, `round`,
//! `%`-formatting, `str.format` parsing, int/float parsing.

pub mod float_repr;
pub mod percent;
pub mod radix;
pub mod round;
pub mod spec;
pub mod str_format;

#[cfg(test)]
mod tests;
