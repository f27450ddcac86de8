//! Lessons: a TOML schema, a loader whose errors point at `file:line:col`, the catalog of
//! lessons (built into the binary, plus a folder of the teacher's own), `check` (every
//! program runs to the end and does what the lesson expects), quizzes whose answers
//! come from running the code, and the learner's progress.
//!
//! A lesson is prose pages (Markdown, in every language of `Lang`) beside one program,
//! or two run side by side on one virtual clock. New keys go into `schema.rs` (unknown
//! keys are rejected, so a typo is an error, not a silent default) and, once validated,
//! into the types below. `lessons/README.md` documents the format for authors.

mod catalog;
mod check;
mod error;
mod load;
pub mod progress;
pub mod quiz;
mod scaffold;
mod schema;
mod text;

pub use catalog::{catalog, embedded, find, find_embedded, lessons_dir_from_env, toml_files, EmbeddedLesson, Entry};
pub use check::{check_lesson, check_runs, run_programs, traceback_line, Problem};
pub use error::LessonError;
pub use load::{decode_lesson, load_file, load_str, read_lesson, MAX_LESSON_BYTES};
pub use quiz::{Quiz, QuizKind};
pub use scaffold::{id_for, scaffold};
pub use text::{Lang, Text};

/// A lesson, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Lesson {
    /// Short and stable (`gather`): `aiotutor lesson ID`, and the progress key.
    pub id: String,
    /// Where the id is written in the TOML (line, col).
    pub id_at: (u32, u32),
    pub title: Text,
    /// One or two sentences for the menu.
    pub summary: Text,
    /// Markdown, one page per screen of prose.
    pub pages: Vec<Text>,
    /// One program, or two to compare side by side.
    pub programs: Vec<Program>,
    /// Predict-then-watch questions, in the order they are asked.
    pub quizzes: Vec<Quiz>,
    /// Shown one at a time on request.
    pub hints: Vec<Text>,
    /// Shown once the lesson has been played to the end.
    pub recap: Option<Text>,
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
    /// What `check` holds the program to.
    pub expect: Expect,
    /// The TOML line of the script's first line (errors in the script point into the lesson).
    pub first_line: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Pause {
    pub line: u32,
    pub note: Text,
    /// Where the pause is written in the TOML (line, col).
    pub at: (u32, u32),
}

/// The author's expectations of one program (`[program.expect]`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Expect {
    /// Exactly what it prints on stdout, and the TOML line of its first line.
    pub output: Option<(String, u32)>,
    /// The virtual time it ends at, in seconds, and where that is written.
    pub time: Option<(f64, (u32, u32))>,
    /// Its exit code (0 unless the lesson says otherwise), and where that is written.
    pub exit: (i32, Option<(u32, u32)>),
}

impl Lesson {
    pub fn side_by_side(&self) -> bool {
        self.programs.len() > 1
    }
}
