//! Input → actions: the key map. Pure, so every binding is testable without a terminal.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind};

use super::action::Action;
use super::app::{App, Screen};
use super::player::Overlay;

/// Lines one wheel notch scrolls; PageUp/PageDown scroll this many times more.
const WHEEL_LINES: i32 = 3;
const PAGE_LINES: i32 = 10;

pub fn key_action(key: KeyEvent, app: &App) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    if app.help {
        return Some(Action::Help);
    }
    if app.screen == Screen::Player && !app.too_small() {
        if let Some(overlay) = app.overlay() {
            return overlay_key(key.code, overlay, app);
        }
    }
    match key.code {
        KeyCode::Char('?') => Some(Action::Help),
        KeyCode::Char('q') | KeyCode::Esc => Some(Action::Back),
        _ if app.too_small() => None,
        _ => match app.screen {
            Screen::Menu => menu_key(key.code),
            Screen::Player => player_key(key.code),
        },
    }
}

fn menu_key(code: KeyCode) -> Option<Action> {
    match code {
        KeyCode::Up | KeyCode::Char('k') => Some(Action::MenuUp),
        KeyCode::Down | KeyCode::Char('j') => Some(Action::MenuDown),
        KeyCode::Enter | KeyCode::Right | KeyCode::Char('l') | KeyCode::Char(' ') => Some(Action::Open),
        _ => None,
    }
}

/// Keys while a box is open over the player: it takes them all.
fn overlay_key(code: KeyCode, overlay: Overlay, app: &App) -> Option<Action> {
    match (overlay, code) {
        (_, KeyCode::Char('?')) => Some(Action::Help),
        (_, KeyCode::Esc | KeyCode::Char('q')) => Some(Action::Back),
        (Overlay::Quiz(_), code) => {
            let answered = app.player.as_ref().and_then(|p| p.open_quiz()).is_some_and(|q| q.answered());
            match code {
                KeyCode::Char(' ') | KeyCode::Enter if answered => Some(Action::QuizContinue),
                KeyCode::Char(c @ '1'..='9') if !answered => Some(Action::QuizAnswer(c as usize - '1' as usize)),
                KeyCode::Up | KeyCode::Char('k') => Some(Action::QuizSelect(-1)),
                KeyCode::Down | KeyCode::Char('j') => Some(Action::QuizSelect(1)),
                KeyCode::Enter => Some(Action::QuizSubmit),
                KeyCode::Char('i') => Some(Action::Hint),
                _ => None,
            }
        }
        (Overlay::Hint(_), KeyCode::Char('i')) => Some(Action::Hint),
        (Overlay::Recap, KeyCode::Enter) => Some(Action::NextLesson),
        (Overlay::Recap, KeyCode::Char('r')) => Some(Action::Restart),
        (Overlay::Hint(_) | Overlay::Recap, _) => Some(Action::CloseOverlay),
    }
}

fn player_key(code: KeyCode) -> Option<Action> {
    Some(match code {
        KeyCode::Char(' ') => Action::TogglePlay,
        KeyCode::Right | KeyCode::Char('l') => Action::StepHandle,
        KeyCode::Down | KeyCode::Char('j') => Action::StepLine,
        KeyCode::Left | KeyCode::Char('h') => Action::BackHandle,
        KeyCode::Up | KeyCode::Char('k') => Action::BackLine,
        KeyCode::Char('+') | KeyCode::Char('=') => Action::Faster,
        KeyCode::Char('-') | KeyCode::Char('_') => Action::Slower,
        KeyCode::Char('r') => Action::Restart,
        KeyCode::End | KeyCode::Char('e') => Action::ToEnd,
        KeyCode::Char('n') => Action::NextPage,
        KeyCode::Char('i') => Action::Hint,
        KeyCode::Char('c') => Action::Recap,
        KeyCode::Char('p') => Action::PrevPage,
        KeyCode::Tab => Action::FocusNext,
        KeyCode::BackTab => Action::FocusPrev,
        KeyCode::PageDown => Action::ScrollFocused(PAGE_LINES),
        KeyCode::PageUp => Action::ScrollFocused(-PAGE_LINES),
        _ => return None,
    })
}

pub fn mouse_action(m: MouseEvent) -> Option<Action> {
    let delta = match m.kind {
        MouseEventKind::ScrollDown => WHEEL_LINES,
        MouseEventKind::ScrollUp => -WHEEL_LINES,
        _ => return None,
    };
    Some(Action::ScrollAt { col: m.column, row: m.row, delta })
}
