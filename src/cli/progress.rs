//! `aiotutor progress [--reset]`: what the learner has done, kept in the data directory.

use crate::lessons::progress::{env_var, Store};
use crate::lessons::{catalog, Entry};

use super::app::UiFlags;

#[derive(clap::Args)]
pub struct ProgressArgs {
    /// Forget all progress.
    #[arg(long)]
    pub reset: bool,
}

pub fn main(a: ProgressArgs, ui: &UiFlags) -> i32 {
    let Some(store) = Store::from_env(env_var) else {
        eprintln!("aiotutor progress: no data directory (set HOME or AIOTUTOR_DATA_DIR)");
        return 2;
    };
    if a.reset {
        return match store.reset() {
            Ok(true) => {
                println!("progress reset ({} removed)", store.path.display());
                0
            }
            Ok(false) => {
                println!("no progress saved yet");
                0
            }
            Err(e) => {
                eprintln!("aiotutor progress: {e}");
                1
            }
        };
    }
    let progress = match store.load() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("aiotutor progress: {e}");
            return 1;
        }
    };
    let entries = match catalog(ui.lessons_dir().as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return 2;
        }
    };
    let lang = ui.language();
    let mut done = 0;
    for (i, e) in entries.iter().enumerate() {
        let Some(id) = e.id() else { continue };
        let p = progress.get(&id);
        done += usize::from(p.done);
        let mark = if p.done { "[x]" } else { "[ ]" };
        let title = title(e, lang).unwrap_or_else(|| id.clone());
        let quiz = if p.quiz_total > 0 { format!("  quiz {}/{}", p.quiz_best, p.quiz_total) } else { String::new() };
        println!("{mark} {:>2}. {title}{quiz}", i + 1);
    }
    println!("{done} of {} lessons done  ({})", entries.len(), store.path.display());
    0
}

fn title(e: &Entry, lang: crate::lessons::Lang) -> Option<String> {
    e.lesson.as_ref().ok().map(|l| l.title.get(lang).to_string())
}
