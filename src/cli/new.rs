//! `aiotutor new NAME`: write a commented lesson file that passes `check`.

use std::path::PathBuf;

use crate::lessons::{id_for, scaffold};

#[derive(clap::Args)]
pub struct NewArgs {
    /// The lesson file to create (`my-lesson` becomes `my-lesson.toml`).
    pub name: PathBuf,
    /// Overwrite the file if it exists.
    #[arg(long)]
    pub force: bool,
}

pub fn main(a: NewArgs) -> i32 {
    let mut path = a.name.clone();
    if path.extension().is_none_or(|x| x != "toml") {
        path.set_extension("toml");
    }
    if path.exists() && !a.force {
        eprintln!("aiotutor new: {} exists; pass --force to overwrite it", path.display());
        return 2;
    }
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let id = id_for(&stem);
    if let Err(e) = std::fs::write(&path, scaffold(&id)) {
        eprintln!("aiotutor new: cannot write {}: {e}", path.display());
        return 2;
    }
    println!("wrote {} (lesson id {id:?})", path.display());
    println!("next: aiotutor check {0}   ·   aiotutor lesson {0} --watch", path.display());
    0
}
