//! The terminal app's commands: `aiotutor` (the menu), `aiotutor lesson ID|FILE.toml
//! [--watch]`, `aiotutor show FILE.py`. Each builds a `tui::Session` and opens the app.

use std::path::{Path, PathBuf};

use crate::lessons::progress::{env_var, Store};
use crate::lessons::{catalog, find, lessons_dir_from_env, load_file, Entry, Lang};
use crate::tui::{self, Player, Session, Start, Theme};

/// Flags every command accepts.
#[derive(clap::Args, Debug, Clone)]
pub struct UiFlags {
    /// No colour (also when NO_COLOR is set).
    #[arg(long, global = true)]
    pub no_color: bool,
    /// Plain ASCII: no box drawing, no symbols.
    #[arg(long, global = true)]
    pub ascii: bool,
    /// The language of lessons and labels: en or ko (default: the system locale).
    #[arg(long, global = true, value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// A folder of lesson files that add to, or replace, the built-in ones
    /// (also AIOTUTOR_LESSONS).
    #[arg(long, global = true, value_name = "DIR")]
    pub lessons: Option<PathBuf>,
    /// Classroom mode: no quizzes or footers, large timers, playback by keypress only.
    #[arg(long, global = true)]
    pub present: bool,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::from_code(s).ok_or_else(|| {
        let known: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
        format!("no language {s:?}; aiotutor speaks {}", known.join(", "))
    })
}

impl UiFlags {
    pub fn language(&self) -> Lang {
        self.lang.unwrap_or_else(|| Lang::from_env(env_var))
    }

    fn theme(&self) -> Theme {
        Theme::new(!self.no_color && !tui::no_color_env(), self.ascii).with_lang(self.language())
    }

    /// The teacher's lesson folder: `--lessons`, else `AIOTUTOR_LESSONS`.
    pub fn lessons_dir(&self) -> Option<PathBuf> {
        self.lessons.clone().or_else(lessons_dir_from_env)
    }

    /// The menu's lessons, or why the teacher's folder cannot be read.
    fn catalog(&self) -> Result<Vec<Entry>, String> {
        catalog(self.lessons_dir().as_deref())
    }

    fn open(&self, start: Start, catalog: Vec<Entry>) -> i32 {
        let session = Session {
            start,
            theme: self.theme(),
            catalog,
            store: Store::from_env(env_var),
            present: self.present,
        };
        tui::run(session)
    }
}

#[derive(clap::Args)]
pub struct LessonArgs {
    /// A lesson's id (`gather`), or a lesson file (`my-lesson.toml`).
    pub lesson: String,
    /// Reload the lesson file each time it is saved (a broken save shows its errors;
    /// the last good version keeps playing).
    #[arg(long)]
    pub watch: bool,
}

#[derive(clap::Args)]
pub struct ShowArgs {
    /// The Python script to watch.
    pub file: PathBuf,
}

pub fn menu(ui: &UiFlags) -> i32 {
    match ui.catalog() {
        Ok(c) => ui.open(Start::Menu, c),
        Err(e) => fail(&e, 2),
    }
}

pub fn lesson(a: LessonArgs, ui: &UiFlags) -> i32 {
    let entries = match ui.catalog() {
        Ok(c) => c,
        Err(e) => return fail(&e, 2),
    };
    let path = Path::new(&a.lesson);
    let is_file = a.lesson.ends_with(".toml") || path.exists();
    if a.watch {
        if !is_file {
            return fail("aiotutor: --watch needs a lesson file (FILE.toml), not an id", 2);
        }
        let first = tui::watch::load(path).map(Box::new);
        return ui.open(Start::Watch { path: path.to_path_buf(), first }, entries);
    }
    let lesson = if is_file {
        match load_file(path) {
            Ok(l) => l,
            Err(e) => return fail(&e.render(), 1),
        }
    } else {
        match find(&entries, &a.lesson) {
            Some(l) => l,
            // A file of the folder has this id but does not load: say why, where.
            None if entries.iter().any(|e| e.lesson.is_err() && e.id().as_deref() == Some(a.lesson.as_str())) => {
                let broken = entries.iter().find(|e| e.lesson.is_err() && e.id().as_deref() == Some(a.lesson.as_str()));
                let msg = broken.and_then(|e| e.lesson.as_ref().err()).map(|e| e.render()).unwrap_or_default();
                return fail(&msg, 1);
            }
            None => {
                let ids: Vec<String> = entries.iter().filter_map(Entry::id).collect();
                return fail(&format!("aiotutor: no lesson {:?}; the lessons are: {}", a.lesson, ids.join(", ")), 2);
            }
        }
    };
    let player = Player::from_lesson(&lesson);
    ui.open(Start::Player(Box::new(player)), entries)
}

pub fn show(a: ShowArgs, ui: &UiFlags) -> i32 {
    let source = match super::read_script(&a.file) {
        Ok(s) => s,
        Err((code, msg)) => return fail(&msg, code),
    };
    let entries = match ui.catalog() {
        Ok(c) => c,
        Err(e) => return fail(&e, 2),
    };
    let name = a.file.display().to_string();
    let player = Player::from_script(&name, &source);
    ui.open(Start::Player(Box::new(player)), entries)
}

fn fail(msg: &str, code: i32) -> i32 {
    eprintln!("{msg}");
    code
}
