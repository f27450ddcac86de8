//! Lessons: a TOML schema, a loader whose errors point at `file:line:col`, the catalog of
//! lessons built into the binary, and `check` (every program compiles and runs to the end).
//!
//! A lesson is prose pages (Markdown) beside one program, or two run side by side on
//! one virtual clock. New keys go into `schema.rs` (unknown keys are rejected, so a typo
//! is an error, not a silent default) and, once validated, into the types below.

mod catalog;
mod check;
mod error;
mod load;
mod schema;

pub use catalog::{embedded, find_embedded, EmbeddedLesson};
pub use check::{check_lesson, traceback_line, Problem};
pub use error::LessonError;
pub use load::{load_file, load_str};

/// A lesson, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Lesson {
    /// Short and stable (`gather`): `aiotutor lesson ID`, and the progress key.
    pub id: String,
    pub title: String,
    /// One or two sentences for the menu.
    pub summary: String,
    /// Markdown, one page per screen of prose.
    pub pages: Vec<String>,
    /// One program, or two to compare side by side.
    pub programs: Vec<Program>,
    /// Where the lesson came from (`lessons/01-gather.toml`), for error messages.
    pub origin: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    /// The script's file name, as tracebacks show it (`fetch.py`).
    pub file: String,
    /// The name over its timer when two programs run side by side (`Sync`).
    pub label: String,
    pub source: String,
    /// Playback stops when the program first reaches one of these lines.
    pub pauses: Vec<Pause>,
    /// The TOML line of the script's first line (errors in the script point into the lesson).
    pub first_line: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Pause {
    pub line: u32,
    pub note: String,
    /// Where the pause is written in the TOML (line, col).
    pub at: (u32, u32),
}

impl Lesson {
    pub fn side_by_side(&self) -> bool {
        self.programs.len() > 1
    }
}
