//! What input asks for (`Action`) and what the main loop must do outside the app state
//! (`Effect`).

use std::time::Duration;

use crate::lessons::progress::Progress;
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
    // Boxes over the player: quizzes, hints, the recap.
    /// Answer the open quiz with choice k (0-based).
    QuizAnswer(usize),
    /// Move the quiz's cursor.
    QuizSelect(i32),
    /// `enter`: answer with the selected choice, or go on once answered.
    QuizSubmit,
    /// `space` after an answer: close the quiz and play.
    QuizContinue,
    /// `i`: a hint (the quiz's, or the lesson's next one).
    Hint,
    /// `c`: the recap again.
    Recap,
    /// `enter` on the recap.
    NextLesson,
    /// Any other key on a hint or the recap.
    CloseOverlay,
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
    /// `--watch`: the saved lesson file checks; here is its player.
    Reloaded(Box<Player>),
    /// `--watch`: the saved lesson file does not check (the errors, rendered).
    ReloadFailed(String),
}

#[derive(Debug)]
pub enum Effect {
    Quit,
    /// Record the lesson's programs (runs the engine), then send `Action::Loaded`.
    Open(Box<Lesson>),
    /// Write the learner's progress to their data directory.
    Save(Progress),
}
