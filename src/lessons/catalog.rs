//! The lessons: those built into the binary, in curriculum order, and a folder of the
//! teacher's own (`--lessons DIR` or `AIOTUTOR_LESSONS`), whose files add lessons or
//! replace the built-in lesson with the same id.

use std::path::{Path, PathBuf};

use super::{load_str, read_lesson, Lesson, LessonError};

/// A lesson file compiled into the binary.
#[derive(Debug, Clone, Copy)]
pub struct EmbeddedLesson {
    /// Its path in the repository (`lessons/05-gather.toml`), for error messages.
    pub path: &'static str,
    pub text: &'static str,
}

macro_rules! lesson {
    ($name:literal) => {
        EmbeddedLesson { path: concat!("lessons/", $name), text: include_str!(concat!("../../lessons/", $name)) }
    };
}

/// The curriculum, in order.
pub const EMBEDDED: &[EmbeddedLesson] = &[
    lesson!("01-gil.toml"),
    lesson!("02-event-loop.toml"),
    lesson!("03-coroutines.toml"),
    lesson!("04-await.toml"),
    lesson!("05-gather.toml"),
    lesson!("06-gather-errors.toml"),
    lesson!("07-create-task.toml"),
    lesson!("08-taskgroup.toml"),
    lesson!("09-futures.toml"),
    lesson!("10-blocking.toml"),
    lesson!("11-async-clients.toml"),
    lesson!("12-cpu-bound.toml"),
    lesson!("13-processes.toml"),
    lesson!("14-handler.toml"),
    lesson!("15-timeouts.toml"),
    lesson!("16-backpressure.toml"),
    lesson!("17-fastapi-endpoints.toml"),
    lesson!("18-fastapi-blocking.toml"),
    lesson!("19-fastapi-cpu.toml"),
    lesson!("20-fastapi-benchmark.toml"),
];

/// Every built-in lesson, parsed (a broken one is a bug that `cargo test` catches).
pub fn embedded() -> Vec<(EmbeddedLesson, Result<Lesson, LessonError>)> {
    EMBEDDED.iter().map(|e| (*e, load_str(e.path, e.text))).collect()
}

/// The built-in lesson with this id.
pub fn find_embedded(id: &str) -> Option<Lesson> {
    embedded().into_iter().filter_map(|(_, l)| l.ok()).find(|l| l.id == id)
}

/// One lesson of the catalog, loaded or not.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Where it comes from (`lessons/05-gather.toml`, `/home/t/mine/async.toml`).
    pub origin: String,
    pub text: String,
    pub lesson: Result<Lesson, LessonError>,
    /// From the teacher's folder rather than the binary.
    pub extra: bool,
}

impl Entry {
    /// The lesson's id, even when the file does not validate (if its TOML parses).
    pub fn id(&self) -> Option<String> {
        match &self.lesson {
            Ok(l) => Some(l.id.clone()),
            Err(_) => {
                let table: toml::Table = toml::from_str(&self.text).ok()?;
                table.get("id")?.as_str().map(str::to_string)
            }
        }
    }
}

/// The folder `AIOTUTOR_LESSONS` names, if set.
pub fn lessons_dir_from_env() -> Option<PathBuf> {
    std::env::var_os("AIOTUTOR_LESSONS").filter(|v| !v.is_empty()).map(PathBuf::from)
}

/// The built-in lessons, with the `.toml` files of `extra` (if any) added at the end or
/// put in the place of the built-in lesson they share an id with.
pub fn catalog(extra: Option<&Path>) -> Result<Vec<Entry>, String> {
    let mut entries: Vec<Entry> = EMBEDDED
        .iter()
        .map(|e| Entry { origin: e.path.into(), text: e.text.into(), lesson: load_str(e.path, e.text), extra: false })
        .collect();
    let Some(dir) = extra else { return Ok(entries) };
    for path in toml_files(dir)? {
        let origin = path.display().to_string();
        // A file that cannot be read is listed with its error, as a broken lesson is.
        let (text, lesson) = match read_lesson(&path) {
            Ok(text) => {
                let lesson = load_str(&origin, &text);
                (text, lesson)
            }
            Err(e) => (String::new(), Err(e)),
        };
        let mut entry = Entry { origin, text, lesson, extra: true };
        let id = entry.id();
        // Two files of the folder with one id: the second is listed as broken, at its id.
        if let (Some(id), Ok(lesson)) = (&id, &entry.lesson) {
            if let Some(first) = entries.iter().find(|e| e.extra && e.lesson.as_ref().is_ok_and(|l| &l.id == id)) {
                let (line, col) = lesson.id_at;
                let msg = format!("the id {id:?} is also the id of {}: each lesson needs an id of its own", first.origin);
                entry.lesson = Err(LessonError::at_line_col(&entry.origin, &entry.text, line, col, msg));
                entries.push(entry);
                continue;
            }
        }
        match entries.iter().position(|e| !e.extra && id.is_some() && e.id() == id) {
            Some(i) => entries[i] = entry,
            None => entries.push(entry),
        }
    }
    Ok(entries)
}

/// The loaded lesson with this id.
pub fn find(entries: &[Entry], id: &str) -> Option<Lesson> {
    entries.iter().filter_map(|e| e.lesson.as_ref().ok()).find(|l| l.id == id).cloned()
}

/// The `.toml` files of `dir`, sorted by name.
pub fn toml_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("aiotutor: cannot read the lessons folder {}: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
        .collect();
    files.sort();
    Ok(files)
}
