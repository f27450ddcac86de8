//! The terminal app: state (`App`), input → actions (`input`), `App::update`, and views
//! drawn as a pure function of `&App`. It reads only recorded traces (`trace::Cursor`).

pub mod action;
pub mod app;
pub mod highlight;
pub mod input;
pub mod layout;
pub mod markdown;
pub mod playback;
pub mod player;
pub mod quiz;
mod runtime;
pub mod strings;
mod terminal;
pub mod theme;
pub mod view;
pub mod watch;

pub use action::{Action, Effect};
pub use app::{App, Screen};
pub use player::Player;
pub use theme::Theme;

/// Where the app opens.
pub enum Start {
    Menu,
    Player(Box<Player>),
    /// `aiotutor lesson FILE.toml --watch`: the player of the file (or why it does not
    /// check), reloaded each time the file changes.
    Watch { path: std::path::PathBuf, first: Result<Box<Player>, String> },
}

/// Everything the app is opened with.
pub struct Session {
    pub start: Start,
    pub theme: Theme,
    /// The lessons of the menu (built in, and the teacher's folder).
    pub catalog: Vec<crate::lessons::Entry>,
    /// Where progress is saved (None: nowhere, e.g. no home directory).
    pub store: Option<crate::lessons::progress::Store>,
    /// Classroom mode.
    pub present: bool,
}

/// Open the app; returns the process exit code.
pub fn run(session: Session) -> i32 {
    runtime::run(session)
}

/// `NO_COLOR` set (to anything non-empty) asks for no colour.
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}
