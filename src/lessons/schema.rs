//! The lesson file format, as written (serde). Unknown keys are errors. `lessons/README.md`
//! documents every key; `load.rs` validates what serde cannot (languages, line numbers,
//! quiz choices) and points its errors into the file.
//!
//! ```toml
//! id = "gather"
//! title.en = "Sequential awaits vs gather"
//! title.ko = "순차 await와 gather"
//! summary.en = "..."
//! summary.ko = "..."
//!
//! [[page]]                 # one or more pages of Markdown prose
//! text.en = """..."""
//! text.ko = """..."""
//!
//! [[program]]              # one, or two run side by side
//! file = "sequential.py"
//! label = "Sequential"     # optional: the name over its timer
//! code = '''...'''
//!
//! [program.expect]         # optional: what the program must do (checked by `check`)
//! output = '''...'''
//! time = 3.0               # optional: seconds of virtual time, within 2 %
//! exit = 0                 # optional: the exit code (default 0)
//!
//! [[program.pause]]        # optional: playback stops at this line with the note
//! line = 8
//! note.en = "..."
//! note.ko = "..."
//!
//! [[quiz]]                 # optional: predict before you watch
//! kind = "duration"        # "first" | "output" | "duration"
//! program = "gathered.py"  # optional: which program (default: the first)
//! line = 12                # optional: ask when playback reaches this line
//! question.en = "..."
//! question.ko = "..."
//! choices = [1, 2, 3]      # the answer is computed by running the program
//! explain.en = "..."       # shown after a wrong answer
//! explain.ko = "..."
//! hint.en = "..."          # optional
//! hint.ko = "..."
//!
//! [[hint]]                 # optional: `i` shows them one at a time
//! text.en = "..."
//! text.ko = "..."
//!
//! [recap]                  # optional: shown when the lesson is done
//! text.en = """..."""
//! text.ko = """..."""
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// Text in several languages: `title.en = "…"`, `title.ko = "…"`.
pub type LocalizedSpec = Spanned<BTreeMap<String, Spanned<String>>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonFile {
    pub id: Spanned<String>,
    pub title: LocalizedSpec,
    pub summary: LocalizedSpec,
    #[serde(rename = "page", default)]
    pub pages: Vec<Spanned<PageSpec>>,
    #[serde(rename = "program", default)]
    pub programs: Vec<Spanned<ProgramSpec>>,
    #[serde(rename = "quiz", default)]
    pub quizzes: Vec<Spanned<QuizSpec>>,
    #[serde(rename = "hint", default)]
    pub hints: Vec<Spanned<PageSpec>>,
    pub recap: Option<Spanned<PageSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageSpec {
    pub text: LocalizedSpec,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramSpec {
    pub file: Spanned<String>,
    pub label: Option<String>,
    pub code: Spanned<String>,
    pub expect: Option<Spanned<ExpectSpec>>,
    #[serde(rename = "pause", default)]
    pub pauses: Vec<Spanned<PauseSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectSpec {
    pub output: Option<Spanned<String>>,
    pub time: Option<Spanned<f64>>,
    pub exit: Option<Spanned<i32>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PauseSpec {
    pub line: Spanned<u32>,
    pub note: LocalizedSpec,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuizSpec {
    pub kind: Spanned<String>,
    pub program: Option<Spanned<String>>,
    pub line: Option<Spanned<u32>>,
    pub question: LocalizedSpec,
    pub choices: Spanned<Vec<Spanned<toml::Value>>>,
    pub explain: LocalizedSpec,
    pub hint: Option<LocalizedSpec>,
}
