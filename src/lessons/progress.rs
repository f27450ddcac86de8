//! The learner's progress: lessons played to the end and quiz scores, kept as JSON in
//! the user's data directory (`$AIOTUTOR_DATA_DIR`, else `$XDG_DATA_HOME/aiotutor`, else
//! `~/.local/share/aiotutor`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

const FILE: &str = "progress.json";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// By lesson id.
    #[serde(default)]
    pub lessons: BTreeMap<String, LessonProgress>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonProgress {
    /// Played to the end at least once.
    #[serde(default)]
    pub done: bool,
    /// The best quiz score so far: right at the first try, out of `quiz_total`.
    #[serde(default)]
    pub quiz_best: u32,
    #[serde(default)]
    pub quiz_total: u32,
}

impl Progress {
    pub fn get(&self, id: &str) -> LessonProgress {
        self.lessons.get(id).copied().unwrap_or_default()
    }

    pub fn is_done(&self, id: &str) -> bool {
        self.get(id).done
    }

    /// Mark a lesson done; true if that is news.
    pub fn mark_done(&mut self, id: &str) -> bool {
        let entry = self.lessons.entry(id.to_string()).or_default();
        !std::mem::replace(&mut entry.done, true)
    }

    /// A quiz score of this attempt; the best one is kept. True if anything changed.
    pub fn record_quiz(&mut self, id: &str, correct: u32, total: u32) -> bool {
        let entry = self.lessons.entry(id.to_string()).or_default();
        let before = *entry;
        if total != entry.quiz_total {
            // The lesson's quizzes changed: an old best no longer compares.
            entry.quiz_best = 0;
        }
        entry.quiz_total = total;
        entry.quiz_best = entry.quiz_best.max(correct.min(total));
        *entry != before
    }
}

/// Where progress is saved.
#[derive(Debug, Clone, PartialEq)]
pub struct Store {
    pub path: PathBuf,
}

impl Store {
    /// The store in data directory `dir`.
    pub fn in_dir(dir: &Path) -> Store {
        Store { path: dir.join(FILE) }
    }

    /// The user's store, found from the environment (`var` reads a variable).
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Option<Store> {
        data_dir(var).map(|d| Store::in_dir(&d))
    }

    /// The saved progress: none yet is empty progress; an unreadable or corrupt file
    /// is an error (the caller goes on with empty progress and says so).
    pub fn load(&self) -> Result<Progress, String> {
        match std::fs::read_to_string(&self.path) {
            Ok(text) => serde_json::from_str(&text)
                .map_err(|e| format!("the progress file {} is damaged ({e}); `aiotutor progress --reset` starts afresh", self.path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Progress::default()),
            Err(e) => Err(format!("cannot read the progress file {}: {e}", self.path.display())),
        }
    }

    /// Write atomically (a temporary file renamed over the old one).
    pub fn save(&self, p: &Progress) -> Result<(), String> {
        let fail = |e: std::io::Error| format!("cannot save progress to {}: {e}", self.path.display());
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(fail)?;
        }
        let json = serde_json::to_string_pretty(p).expect("progress is plain data");
        let tmp = self.path.with_extension("json.tmp");
        std::fs::write(&tmp, json + "\n").map_err(fail)?;
        std::fs::rename(&tmp, &self.path).map_err(fail)
    }

    /// Forget everything: true if there was a file.
    pub fn reset(&self) -> Result<bool, String> {
        match std::fs::remove_file(&self.path) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(format!("cannot remove {}: {e}", self.path.display())),
        }
    }
}

/// `$AIOTUTOR_DATA_DIR`; else `$XDG_DATA_HOME/aiotutor` (when absolute, as the XDG spec
/// asks); else `$HOME/.local/share/aiotutor`.
pub fn data_dir(var: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let set = |k: &str| var(k).filter(|v| !v.is_empty());
    if let Some(d) = set("AIOTUTOR_DATA_DIR") {
        return Some(PathBuf::from(d));
    }
    if let Some(d) = set("XDG_DATA_HOME").map(PathBuf::from).filter(|p| p.is_absolute()) {
        return Some(d.join("aiotutor"));
    }
    set("HOME").map(|h| PathBuf::from(h).join(".local/share/aiotutor"))
}

/// Read a variable of this process's environment.
pub fn env_var(k: &str) -> Option<String> {
    std::env::var(k).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    }

    #[test]
    fn the_data_directory() {
        assert_eq!(data_dir(env(&[("HOME", "/home/a")])), Some(PathBuf::from("/home/a/.local/share/aiotutor")));
        assert_eq!(
            data_dir(env(&[("HOME", "/home/a"), ("XDG_DATA_HOME", "/x/data")])),
            Some(PathBuf::from("/x/data/aiotutor"))
        );
        assert_eq!(
            data_dir(env(&[("HOME", "/home/a"), ("XDG_DATA_HOME", "relative")])),
            Some(PathBuf::from("/home/a/.local/share/aiotutor")),
            "a relative XDG_DATA_HOME is ignored"
        );
        assert_eq!(
            data_dir(env(&[("HOME", "/home/a"), ("XDG_DATA_HOME", "/x"), ("AIOTUTOR_DATA_DIR", "/tmp/t")])),
            Some(PathBuf::from("/tmp/t"))
        );
        assert_eq!(data_dir(env(&[])), None);
    }

    #[test]
    fn scores_keep_the_best() {
        let mut p = Progress::default();
        assert!(p.record_quiz("gather", 1, 2));
        assert!(!p.record_quiz("gather", 0, 2));
        assert_eq!(p.get("gather").quiz_best, 1);
        assert!(p.record_quiz("gather", 2, 2));
        assert_eq!(p.get("gather").quiz_best, 2);
        assert!(p.mark_done("gather"));
        assert!(!p.mark_done("gather"));
    }
}
