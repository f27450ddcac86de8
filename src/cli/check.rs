//! `aiotutor check [PATH…]`: validate lessons (schema, and every program runs to the end).

use std::path::PathBuf;

use crate::lessons::{check_lesson, embedded, load_str, read_lesson, toml_files, LessonError};

#[derive(clap::Args)]
pub struct CheckArgs {
    /// Lesson files or folders of them (default: the lessons built into aiotutor).
    pub paths: Vec<PathBuf>,
}

pub fn main(a: CheckArgs) -> i32 {
    let sources = match sources(&a.paths) {
        Ok(s) => s,
        Err(msg) => {
            eprintln!("{msg}");
            return 2;
        }
    };
    let mut failed = 0;
    // Lessons checked together are one catalog: an id names one lesson (and its progress).
    let mut ids: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for (origin, text) in &sources {
        let mut problems = check_one(origin, text);
        if let Some(Ok(lesson)) = text.as_ref().ok().map(|t| load_str(origin, t)) {
            match ids.get(&lesson.id) {
                Some(first) => {
                    let (line, col) = lesson.id_at;
                    let msg = format!("the id {:?} is also the id of {first}: each lesson needs an id of its own", lesson.id);
                    problems.insert(0, LessonError::at_line_col(origin, text.as_ref().map_or("", |t| t), line, col, msg));
                }
                None => {
                    ids.insert(lesson.id.clone(), origin.clone());
                }
            }
        }
        if problems.is_empty() {
            println!("ok    {origin}");
        } else {
            failed += 1;
            for p in problems {
                eprintln!("{}", p.render());
            }
        }
    }
    println!("{} lessons checked, {} passed, {} failed", sources.len(), sources.len() - failed, failed);
    i32::from(failed > 0)
}

fn check_one(origin: &str, text: &Result<String, LessonError>) -> Vec<LessonError> {
    let text = match text {
        Ok(t) => t,
        Err(e) => return vec![e.clone()],
    };
    match load_str(origin, text) {
        Ok(lesson) => check_lesson(&lesson, text),
        Err(e) => vec![e],
    }
}

/// `(origin, text)` of every lesson to check (the text, or why the file is none).
fn sources(paths: &[PathBuf]) -> Result<Vec<(String, Result<String, LessonError>)>, String> {
    if paths.is_empty() {
        return Ok(embedded().into_iter().map(|(e, _)| (e.path.to_string(), Ok(e.text.to_string()))).collect());
    }
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            files.extend(toml_files(p)?);
        } else {
            files.push(p.clone());
        }
    }
    Ok(files.iter().map(|f| (f.display().to_string(), read_lesson(f))).collect())
}
