//! `str` semantics: methods and `repr`, matching CPython 3.11 for every code point.

pub mod methods;
pub mod repr;
