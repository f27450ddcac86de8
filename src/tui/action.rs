//! What input asks for (`Action`) and what the main loop must do outside the app state
//! (`Effect`).

use std::time::Duration;

use crate::lessons::Lesson;

use super::player::Player;

#[derive(Debug)]
pub enum Action {
    // Menu.
    MenuUp,
    MenuDown,
    Open,
    // Player.
    TogglePlay,
    StepHandle,
    StepLine,
    BackHandle,
    BackLine,
    Faster,
    Slower,
    Restart,
    ToEnd,
    NextPage,
    PrevPage,
    FocusNext,
    FocusPrev,
    /// Scroll the focused pane (PageUp/PageDown).
    ScrollFocused(i32),
    /// Scroll the pane under the pointer (mouse wheel).
    ScrollAt {
        col: u16,
        row: u16,
        delta: i32,
    },
    // Anywhere.
    Help,
    /// `q` / `Esc`: close the help, leave the player, or quit from the menu.
    Back,
    /// Ctrl-C, or a signal.
    Quit,
    Resize(u16, u16),
    /// Wall time passed while playing.
    Tick(Duration),
    /// A lesson finished recording (the answer to `Effect::Open`).
    Loaded(Box<Player>),
}

#[derive(Debug)]
pub enum Effect {
    Quit,
    /// Record the lesson's programs (runs the engine), then send `Action::Loaded`.
    Open(Box<Lesson>),
}
