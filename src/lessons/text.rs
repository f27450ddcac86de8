//! Lesson text in every language the app speaks, and how the language is chosen.

use std::fmt;

/// A language of the lessons and of the app's labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum Lang {
    #[default]
    En,
    Ko,
}

impl Lang {
    /// Every language a lesson must be written in, in the order `check` asks for them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// The key in a lesson file (`title.ko`) and the value of `--lang`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ko => "Korean",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language of a POSIX locale value (`ko_KR.UTF-8`, `en_US`, `C`): None when it
    /// names none of ours.
    pub fn from_locale(value: &str) -> Option<Lang> {
        let code = value.split(['_', '.', '@', '-']).next()?.to_ascii_lowercase();
        Lang::from_code(&code)
    }

    /// The system's language, as gettext reads it: `LC_ALL`, then `LC_MESSAGES`, then
    /// `LANG` (the first one set and not empty decides); English otherwise.
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(|k| var(k).filter(|v| !v.is_empty()))
            .next()
            .and_then(|v| Lang::from_locale(&v))
            .unwrap_or_default()
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One piece of lesson text, in every language (the loader makes sure all are there).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Text {
    pub en: String,
    pub ko: String,
}

impl Text {
    /// The same text in every language (file names, scripts opened with `show`).
    pub fn same(s: impl Into<String>) -> Text {
        let s = s.into();
        Text { en: s.clone(), ko: s }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ko => &self.ko,
        }
    }

    pub(crate) fn slot(&mut self, lang: Lang) -> &mut String {
        match lang {
            Lang::En => &mut self.en,
            Lang::Ko => &mut self.ko,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_values() {
        assert_eq!(Lang::from_locale("ko_KR.UTF-8"), Some(Lang::Ko));
        assert_eq!(Lang::from_locale("ko"), Some(Lang::Ko));
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_locale("C.UTF-8"), None);
        assert_eq!(Lang::from_locale("fr_FR"), None);
    }

    #[test]
    fn lc_all_wins_over_lang() {
        let env = |k: &str| match k {
            "LC_ALL" => Some("ko_KR.UTF-8".to_string()),
            "LANG" => Some("en_US.UTF-8".to_string()),
            _ => None,
        };
        assert_eq!(Lang::from_env(env), Lang::Ko);
        let env = |k: &str| (k == "LANG").then(|| "ko_KR.UTF-8".to_string());
        assert_eq!(Lang::from_env(env), Lang::Ko);
        assert_eq!(Lang::from_env(|_| None), Lang::En);
        let env = |k: &str| match k {
            "LC_ALL" => Some(String::new()),
            "LANG" => Some("C".to_string()),
            _ => None,
        };
        assert_eq!(Lang::from_env(env), Lang::En);
    }
}
