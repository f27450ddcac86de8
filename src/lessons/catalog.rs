//! The lessons built into the binary, in menu order.

use super::{load_str, Lesson, LessonError};

/// A lesson file compiled into the binary.
#[derive(Debug, Clone, Copy)]
pub struct EmbeddedLesson {
    /// Its path in the repository (`lessons/01-gather.toml`), for error messages.
    pub path: &'static str,
    pub text: &'static str,
}

macro_rules! lesson {
    ($name:literal) => {
        EmbeddedLesson { path: concat!("lessons/", $name), text: include_str!(concat!("../../lessons/", $name)) }
    };
}

pub const EMBEDDED: &[EmbeddedLesson] =
    &[lesson!("01-gather.toml"), lesson!("02-create-task.toml"), lesson!("03-blocking.toml")];

/// Every built-in lesson, parsed (a broken one is a bug that `cargo test` catches).
pub fn embedded() -> Vec<(EmbeddedLesson, Result<Lesson, LessonError>)> {
    EMBEDDED.iter().map(|e| (*e, load_str(e.path, e.text))).collect()
}

/// The built-in lesson with this id.
pub fn find_embedded(id: &str) -> Option<Lesson> {
    embedded().into_iter().filter_map(|(_, l)| l.ok()).find(|l| l.id == id)
}
