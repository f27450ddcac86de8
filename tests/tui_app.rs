//! Every key binding, through `input::key_action` and `App::update`, without a terminal.

use std::time::Duration;

use aiotutor::lessons::find_embedded;
use aiotutor::tui::input::{key_action, mouse_action};
use aiotutor::tui::player::Region;
use aiotutor::tui::{Action, App, Effect, Player, Screen, Theme};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};

fn menu_app() -> App {
    App::new(Theme::new(false, false), 120, 40)
}

/// The player of a built-in lesson, its quizzes left out: these tests are about the keys
/// of playback (the quizzes have tests of their own below).
fn player_app(id: &str) -> App {
    let mut app = quiz_app(id);
    app.player.as_mut().expect("the player is open").quizzes.clear();
    app
}

/// The player of a built-in lesson, as a learner gets it.
fn quiz_app(id: &str) -> App {
    let lesson = find_embedded(id).expect("a built-in lesson");
    let mut app = menu_app();
    app.update(Action::Loaded(Box::new(Player::from_lesson(&lesson))));
    app
}

/// Press `code` and apply what it maps to.
fn press(app: &mut App, code: KeyCode) -> Option<Effect> {
    press_with(app, code, KeyModifiers::NONE)
}

fn press_with(app: &mut App, code: KeyCode, mods: KeyModifiers) -> Option<Effect> {
    let action = key_action(KeyEvent::new(code, mods), app)?;
    app.update(action)
}

fn player(app: &App) -> &Player {
    app.player.as_ref().expect("the player is open")
}

fn pos(app: &App) -> usize {
    player(app).cursors.iter().map(|c| c.pos()).sum()
}

#[test]
fn menu_moves_with_arrows_and_vi_keys() {
    let mut app = menu_app();
    press(&mut app, KeyCode::Down);
    assert_eq!(app.selected, 1);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.selected, 2);
    let last = app.menu.len() - 1;
    for _ in 0..last + 3 {
        press(&mut app, KeyCode::Char('j'));
    }
    assert_eq!(app.selected, last, "stops at the last lesson");
    press(&mut app, KeyCode::Up);
    assert_eq!(app.selected, last - 1);
    for _ in 0..last + 3 {
        press(&mut app, KeyCode::Char('k'));
    }
    assert_eq!(app.selected, 0);
}

#[test]
fn enter_opens_the_selected_lesson() {
    let mut app = menu_app();
    press(&mut app, KeyCode::Down);
    match press(&mut app, KeyCode::Enter) {
        Some(Effect::Open(lesson)) => assert_eq!(Some(lesson.id.as_str()), app.menu[1].id()),
        other => panic!("expected Open, got {other:?}"),
    }
}

#[test]
fn q_and_esc_quit_from_the_menu() {
    assert!(matches!(press(&mut menu_app(), KeyCode::Char('q')), Some(Effect::Quit)));
    assert!(matches!(press(&mut menu_app(), KeyCode::Esc), Some(Effect::Quit)));
    assert!(matches!(press_with(&mut menu_app(), KeyCode::Char('c'), KeyModifiers::CONTROL), Some(Effect::Quit)));
}

#[test]
fn q_leaves_the_player_for_the_menu() {
    let mut app = player_app("gather");
    assert!(press(&mut app, KeyCode::Char('q')).is_none());
    assert_eq!(app.screen, Screen::Menu);
    let mut app = player_app("gather");
    assert!(press(&mut app, KeyCode::Esc).is_none());
    assert_eq!(app.screen, Screen::Menu);
}

#[test]
fn q_quits_a_player_opened_directly() {
    let lesson = find_embedded("gather").expect("lesson");
    let mut app = menu_app().with_player(Player::from_lesson(&lesson));
    assert!(matches!(press(&mut app, KeyCode::Char('q')), Some(Effect::Quit)));
}

#[test]
fn question_mark_toggles_help_and_any_key_closes_it() {
    let mut app = player_app("gather");
    press(&mut app, KeyCode::Char('?'));
    assert!(app.help);
    let before = pos(&app);
    press(&mut app, KeyCode::Right);
    assert!(!app.help, "a key closes the help");
    assert_eq!(pos(&app), before, "and does nothing else");
    press(&mut app, KeyCode::Char('?'));
    press(&mut app, KeyCode::Char('q'));
    assert!(!app.help);
    assert_eq!(app.screen, Screen::Player, "q closes the help first");
}

#[test]
fn space_plays_and_pauses() {
    let mut app = player_app("create-task");
    press(&mut app, KeyCode::Char(' '));
    assert!(app.playing());
    press(&mut app, KeyCode::Char(' '));
    assert!(!app.playing());
}

#[test]
fn ticks_move_only_while_playing() {
    let mut app = player_app("create-task");
    app.update(Action::Tick(Duration::from_secs(1)));
    assert_eq!(pos(&app), 0, "paused: nothing moves");
    press(&mut app, KeyCode::Char(' '));
    app.update(Action::Tick(Duration::from_secs(1)));
    assert!(pos(&app) > 0);
}

#[test]
fn playing_to_the_end_marks_the_lesson_done() {
    let mut app = player_app("create-task");
    press(&mut app, KeyCode::Char(' '));
    for _ in 0..20_000 {
        if !app.playing() {
            if player(&app).note.is_some() {
                press(&mut app, KeyCode::Char(' '));
                continue;
            }
            break;
        }
        app.update(Action::Tick(Duration::from_millis(100)));
    }
    assert!(player(&app).finished());
    assert!(app.progress.is_done("create-task"));
}

#[test]
fn right_and_l_step_one_handle() {
    for key in [KeyCode::Right, KeyCode::Char('l')] {
        let mut app = player_app("create-task");
        press(&mut app, key);
        let snap = player(&app).cursors[0].snapshot();
        assert_eq!(snap.running.as_ref().map(|h| h.label.as_str()), Some("Task-1.step"));
    }
}

#[test]
fn down_and_j_step_one_line() {
    for key in [KeyCode::Down, KeyCode::Char('j')] {
        let mut app = player_app("create-task");
        press(&mut app, key);
        let snap = player(&app).cursors[0].snapshot();
        assert_eq!(snap.at.as_ref().map(|(_, l)| l.line), Some(2), "the first line run is `import asyncio`");
    }
}

#[test]
fn left_h_up_k_step_back() {
    for key in [KeyCode::Left, KeyCode::Char('h'), KeyCode::Up, KeyCode::Char('k')] {
        let mut app = player_app("create-task");
        press(&mut app, KeyCode::Right);
        press(&mut app, KeyCode::Right);
        let there = pos(&app);
        press(&mut app, key);
        assert!(pos(&app) < there, "{key:?} steps back");
    }
}

#[test]
fn plus_and_minus_change_speed_within_bounds() {
    let mut app = player_app("gather");
    let speed = |app: &App| player(app).playback.speed();
    assert_eq!(speed(&app), 1.0);
    for _ in 0..10 {
        press(&mut app, KeyCode::Char('+'));
    }
    assert_eq!(speed(&app), 10.0);
    for _ in 0..10 {
        press(&mut app, KeyCode::Char('-'));
    }
    assert_eq!(speed(&app), 0.1);
    press(&mut app, KeyCode::Char('='));
    assert!(speed(&app) > 0.1, "= is + without shift");
}

#[test]
fn r_restarts_and_e_jumps_to_the_end() {
    let mut app = player_app("gather");
    press(&mut app, KeyCode::Char('e'));
    assert!(player(&app).finished());
    press(&mut app, KeyCode::Char('r'));
    assert_eq!(pos(&app), 0);
    press(&mut app, KeyCode::End);
    assert!(player(&app).finished());
}

#[test]
fn n_and_p_turn_pages() {
    let mut app = player_app("gather");
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(player(&app).page, 2, "stops at the last page");
    press(&mut app, KeyCode::Char('p'));
    assert_eq!(player(&app).page, 1);
}

#[test]
fn tab_cycles_focus_both_ways() {
    let mut app = player_app("create-task");
    assert_eq!(player(&app).focus, Region::Code(0));
    press(&mut app, KeyCode::Tab);
    assert_eq!(player(&app).focus, Region::Loop(0));
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::BackTab);
    assert_eq!(player(&app).focus, Region::Prose);
}

#[test]
fn page_keys_scroll_the_focused_pane() {
    let mut app = player_app("create-task");
    press(&mut app, KeyCode::PageDown);
    assert!(player(&app).scroll.get(&Region::Code(0)).is_some_and(|&top| top > 0));
    press(&mut app, KeyCode::PageUp);
    assert_eq!(player(&app).scroll.get(&Region::Code(0)), Some(&0));
}

#[test]
fn the_mouse_wheel_scrolls_the_pane_under_the_pointer() {
    let mut app = player_app("create-task");
    // The code pane is on the right, near the top.
    let wheel = MouseEvent { kind: MouseEventKind::ScrollDown, column: 100, row: 5, modifiers: KeyModifiers::NONE };
    let action = mouse_action(wheel).expect("the wheel maps to an action");
    app.update(action);
    assert!(player(&app).scroll.get(&Region::Code(0)).is_some_and(|&top| top > 0));
}

#[test]
fn resize_and_too_small() {
    let mut app = player_app("gather");
    app.update(Action::Resize(70, 20));
    assert!(app.too_small());
    assert!(key_action(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE), &app).is_none(), "no stepping blind");
    assert!(press(&mut app, KeyCode::Char('q')).is_none() && app.screen == Screen::Menu);
    app.update(Action::Resize(80, 24));
    assert!(!app.too_small());
}

#[test]
fn side_by_side_steps_keep_one_clock() {
    let mut app = player_app("gather");
    for _ in 0..40 {
        press(&mut app, KeyCode::Right);
        let p = player(&app);
        let clocks: Vec<f64> = p.cursors.iter().filter(|c| !c.at_end()).map(|c| c.snapshot().clock).collect();
        // While both run, neither runs ahead of the other by more than one timer.
        let ahead = clocks.iter().cloned().fold(0.0, f64::max) - clocks.iter().cloned().fold(f64::INFINITY, f64::min);
        assert!(ahead <= 1.0 + 1e-9, "clocks {clocks:?}");
    }
}

/// Answer every quiz the player opens with choice `k` and go on, until none is open.
fn answer_all(app: &mut App, k: char) -> usize {
    let mut asked = 0;
    while player(app).open_quiz().is_some() {
        press(app, KeyCode::Char(k));
        assert!(player(app).open_quiz().is_some_and(|q| q.answered()), "a digit answers");
        press(app, KeyCode::Enter);
        asked += 1;
    }
    asked
}

#[test]
fn quizzes_are_asked_before_the_program_first_plays() {
    let mut app = quiz_app("gather");
    assert!(player(&app).open_quiz().is_none(), "nothing is asked before the learner starts");
    press(&mut app, KeyCode::Char(' '));
    assert!(player(&app).open_quiz().is_some(), "space asks first");
    assert!(!app.playing());
    let asked = answer_all(&mut app, '1');
    assert!(asked >= 1);
    assert!(app.playing(), "after the last answer the program plays");
    let (_, total) = player(&app).score();
    assert_eq!(total as usize, player(&app).quizzes.len());
}

#[test]
fn esc_skips_a_quiz_without_leaving_the_player() {
    let mut app = quiz_app("gather");
    press(&mut app, KeyCode::Right);
    assert!(player(&app).open_quiz().is_some(), "stepping asks first too");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Player);
    assert!(player(&app).open_quiz().is_none(), "esc closes the quiz");
    assert!(!player(&app).quizzes[0].answered(), "skipped, not answered");
}

#[test]
fn a_right_answer_scores_and_the_score_is_kept_as_progress() {
    // Try each choice for the first quiz on a fresh player: exactly one scores.
    let n = quiz_app("gather").player.as_ref().expect("player").quizzes[0].quiz.choices.len();
    let mut scored = 0;
    for k in 0..n {
        let mut app = quiz_app("gather");
        press(&mut app, KeyCode::Char(' '));
        let digit = char::from(b'1' + k as u8);
        let effect = press(&mut app, KeyCode::Char(digit));
        let right = player(&app).quizzes[0].right();
        scored += usize::from(right);
        if right {
            assert!(matches!(effect, Some(Effect::Save(_))), "a right answer is saved as progress");
            assert!(app.progress.get("gather").quiz_best >= 1);
        }
    }
    assert_eq!(scored, 1, "exactly one choice is right: the engine's answer");
}
