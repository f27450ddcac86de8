//! The lesson file format, as written (serde). Unknown keys are errors.
//!
//! ```toml
//! id = "gather"
//! title = "Sequential awaits vs gather"
//! summary = "Three one-second fetches: 3 s awaited one by one, 1 s with gather."
//!
//! [[page]]
//! text = """
//! # Markdown prose
//! """
//!
//! [[program]]          # one, or two for side by side
//! file = "sequential.py"
//! label = "Sync"       # optional: the name over its timer
//! code = '''
//! import asyncio
//! '''
//!
//! [[program.pause]]    # optional: playback stops at this line with the note
//! line = 8
//! note = "..."
//! ```

use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonFile {
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    pub summary: String,
    #[serde(rename = "page", default)]
    pub pages: Vec<Spanned<PageSpec>>,
    #[serde(rename = "program", default)]
    pub programs: Vec<Spanned<ProgramSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageSpec {
    pub text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramSpec {
    pub file: Spanned<String>,
    pub label: Option<String>,
    pub code: Spanned<String>,
    #[serde(rename = "pause", default)]
    pub pauses: Vec<Spanned<PauseSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PauseSpec {
    pub line: Spanned<u32>,
    pub note: String,
}
