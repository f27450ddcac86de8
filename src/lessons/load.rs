//! TOML text → a validated `Lesson`, or an error located in the file.

use std::path::Path;

use toml::Spanned;

use super::error::{line_col, LessonError};
use super::schema::{LessonFile, ProgramSpec};
use super::{Lesson, Pause, Program};

/// Programs a lesson may have: one, or two side by side.
const MAX_PROGRAMS: usize = 2;

pub fn load_file(path: &Path) -> Result<Lesson, LessonError> {
    let origin = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| LessonError {
        file: origin.clone(),
        line: 1,
        col: 1,
        message: format!("cannot read the lesson: {e}"),
        source_line: String::new(),
    })?;
    load_str(&origin, &text)
}

/// Parse and validate the lesson `text`, read from `origin`.
pub fn load_str(origin: &str, text: &str) -> Result<Lesson, LessonError> {
    let raw: LessonFile = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        LessonError::at(origin, text, offset, e.message().trim().to_string())
    })?;
    let err = |span: std::ops::Range<usize>, msg: String| LessonError::at(origin, text, span.start, msg);
    validate_id(&raw.id).map_err(|m| err(raw.id.span(), m))?;
    if raw.title.get_ref().trim().is_empty() {
        return Err(err(raw.title.span(), "the title is empty".into()));
    }
    if raw.pages.is_empty() {
        return Err(err(0..0, "a lesson needs at least one [[page]] of prose".into()));
    }
    match raw.programs.len() {
        0 => return Err(err(0..0, "a lesson needs a [[program]]: the code it runs".into())),
        n if n > MAX_PROGRAMS => {
            let span = raw.programs[MAX_PROGRAMS].span();
            return Err(err(
                span,
                format!("at most {MAX_PROGRAMS} programs (side by side); this is number {}", MAX_PROGRAMS + 1),
            ));
        }
        _ => {}
    }
    let programs = raw
        .programs
        .iter()
        .map(|p| program(p.get_ref(), text).map_err(|(span, m)| err(span, m)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Lesson {
        id: raw.id.into_inner(),
        title: raw.title.into_inner(),
        summary: raw.summary,
        pages: raw.pages.into_iter().map(|p| p.into_inner().text).collect(),
        programs,
        origin: origin.to_string(),
    })
}

fn validate_id(id: &Spanned<String>) -> Result<(), String> {
    let id = id.get_ref();
    let ok = !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if ok {
        Ok(())
    } else {
        Err(format!("the id {id:?} must be lowercase letters, digits and '-'"))
    }
}

type Located<T> = Result<T, (std::ops::Range<usize>, String)>;

fn program(p: &ProgramSpec, text: &str) -> Located<Program> {
    let file = p.file.get_ref();
    if !file.ends_with(".py") || file.contains('/') {
        return Err((p.file.span(), format!("the program's file name {file:?} must be a plain name ending in .py")));
    }
    let source = p.code.get_ref().clone();
    let lines = source.lines().count() as u32;
    let mut pauses = Vec::new();
    for pause in &p.pauses {
        let line = *pause.get_ref().line.get_ref();
        let span = pause.get_ref().line.span();
        if line == 0 || line > lines {
            return Err((span, format!("pause line {line} is outside the program (it has {lines} lines)")));
        }
        let at = line_col(text, span.start);
        pauses.push(Pause { line, note: pause.get_ref().note.clone(), at });
    }
    let label = p.label.clone().unwrap_or_else(|| file.trim_end_matches(".py").to_string());
    Ok(Program { file: file.clone(), label, source, pauses, first_line: first_code_line(text, p.code.span().start) })
}

/// The TOML line holding the first line of a string value starting at `start`
/// (a newline right after an opening `'''` or `"""` is not part of the string).
fn first_code_line(text: &str, start: usize) -> u32 {
    let (line, _) = line_col(text, start);
    let rest = &text[start.min(text.len())..];
    let triple = rest.starts_with("'''") || rest.starts_with("\"\"\"");
    if triple && (rest[3..].starts_with('\n') || rest[3..].starts_with("\r\n")) {
        line + 1
    } else {
        line
    }
}
