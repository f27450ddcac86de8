//! The terminal app's commands: `aiotutor` (the menu), `aiotutor lesson ID|FILE.toml`,
//! `aiotutor show FILE.py`.

use std::path::{Path, PathBuf};

use crate::lessons::{embedded, find_embedded, load_file};
use crate::tui::{self, Player, Start, Theme};

/// Flags every command accepts.
#[derive(clap::Args, Debug, Clone, Copy)]
pub struct UiFlags {
    /// No colour (also when NO_COLOR is set).
    #[arg(long, global = true)]
    pub no_color: bool,
    /// Plain ASCII: no box drawing, no symbols.
    #[arg(long, global = true)]
    pub ascii: bool,
}

impl UiFlags {
    fn theme(self) -> Theme {
        Theme::new(!self.no_color && !tui::no_color_env(), self.ascii)
    }
}

#[derive(clap::Args)]
pub struct LessonArgs {
    /// A built-in lesson's id (`gather`), or a lesson file (`my-lesson.toml`).
    pub lesson: String,
}

#[derive(clap::Args)]
pub struct ShowArgs {
    /// The Python script to watch.
    pub file: PathBuf,
}

pub fn menu(ui: UiFlags) -> i32 {
    tui::run(Start::Menu, ui.theme())
}

pub fn lesson(a: LessonArgs, ui: UiFlags) -> i32 {
    let path = Path::new(&a.lesson);
    let lesson = if a.lesson.ends_with(".toml") || path.exists() {
        match load_file(path) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("{}", e.render());
                return 1;
            }
        }
    } else {
        match find_embedded(&a.lesson) {
            Some(l) => l,
            None => {
                let ids: Vec<String> = embedded().into_iter().filter_map(|(_, l)| l.ok().map(|l| l.id)).collect();
                eprintln!("aiotutor: no lesson {:?}; the lessons are: {}", a.lesson, ids.join(", "));
                return 2;
            }
        }
    };
    let player = Player::from_lesson(&lesson);
    tui::run(Start::Player(Box::new(player)), ui.theme())
}

pub fn show(a: ShowArgs, ui: UiFlags) -> i32 {
    let source = match super::read_script(&a.file) {
        Ok(s) => s,
        Err((code, msg)) => {
            eprintln!("{msg}");
            return code;
        }
    };
    let name = a.file.display().to_string();
    let player = Player::from_script(&name, &source);
    tui::run(Start::Player(Box::new(player)), ui.theme())
}
