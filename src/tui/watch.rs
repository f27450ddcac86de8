//! `--watch`: notice when the lesson file changes, and turn its new text into a player
//! (when it checks) or the errors to show (when it does not).

use std::path::Path;
use std::time::SystemTime;

use crate::lessons::{check_runs, load_str, run_programs};

use super::action::Action;
use super::player::Player;

/// What identifies a version of the file: its modification time and length (None
/// while it cannot be read, e.g. in the middle of an editor's atomic save).
pub fn signature(path: &Path) -> Option<(SystemTime, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// Load, run and check the lesson at `path`: its player, or the located errors.
pub fn load(path: &Path) -> Result<Player, String> {
    let origin = path.display().to_string();
    let text = crate::lessons::read_lesson(path).map_err(|e| e.render())?;
    let lesson = load_str(&origin, &text).map_err(|e| e.render())?;
    let runs = run_programs(&lesson);
    let problems = check_runs(&lesson, &text, &runs);
    if !problems.is_empty() {
        return Err(problems.iter().map(|p| p.render()).collect::<Vec<_>>().join("\n"));
    }
    Ok(Player::from_runs(&lesson, runs))
}

/// The action for a new version of the file.
pub fn reload(path: &Path) -> Action {
    match load(path) {
        Ok(p) => Action::Reloaded(Box::new(p)),
        Err(e) => Action::ReloadFailed(e),
    }
}
