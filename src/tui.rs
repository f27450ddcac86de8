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
mod runtime;
pub mod strings;
mod terminal;
pub mod theme;
pub mod view;

pub use action::{Action, Effect};
pub use app::{App, Screen};
pub use player::Player;
pub use theme::Theme;

/// Where the app opens.
pub enum Start {
    Menu,
    Player(Box<Player>),
}

/// Open the app; returns the process exit code.
pub fn run(start: Start, theme: Theme) -> i32 {
    runtime::run(start, theme)
}

/// `NO_COLOR` set (to anything non-empty) asks for no colour.
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}
