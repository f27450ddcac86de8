//! Screens at fixed trace positions, drawn into a buffer (ratatui's `TestBackend` for
//! the whole-terminal path) and compared with the accepted snapshots in `snapshots/`.

use aiotutor::lessons::find_embedded;
use aiotutor::trace::GapKind;
use aiotutor::tui::{view, Action, App, Player, Theme};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::Terminal;

fn mono() -> Theme {
    Theme::new(false, false)
}

/// The player of a built-in lesson at a position, its quizzes left out (they would
/// open over the screen; `quiz_*` below draws them).
fn lesson_app(id: &str, w: u16, h: u16, theme: Theme) -> App {
    let mut app = quiz_app(id, w, h, theme);
    app.player.as_mut().expect("a player").quizzes.clear();
    app
}

fn quiz_app(id: &str, w: u16, h: u16, theme: Theme) -> App {
    let lesson = find_embedded(id).expect("a built-in lesson");
    App::new(theme, w, h).with_player(Player::from_lesson(&lesson))
}

/// The screen as text, one line per row (trailing spaces trimmed).
fn text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut row = String::new();
        let mut x = area.left();
        while x < area.right() {
            // A wide character covers the cell after it: that cell is not drawn.
            let symbol = buf[(x, y)].symbol();
            row.push_str(symbol);
            x += (unicode_width::UnicodeWidthStr::width(symbol) as u16).max(1);
        }
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

fn draw(app: &App) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, app.width, app.height));
    view::render(app, buf.area, &mut buf);
    buf
}

fn screen(app: &App) -> String {
    text(&draw(app))
}

fn steps(app: &mut App, action: fn() -> Action, n: usize) {
    for _ in 0..n {
        app.update(action());
    }
}

#[test]
fn menu() {
    let app = App::new(mono(), 100, 30);
    insta::assert_snapshot!("menu", screen(&app));
}

#[test]
fn menu_through_the_terminal_backend() {
    let app = App::new(mono(), 80, 24);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("a test terminal");
    terminal.draw(|f| view::draw(f, &app)).expect("drawn");
    let shown = text(terminal.backend().buffer());
    assert_eq!(shown, screen(&app));
    assert!(shown.contains("The problem: one thread at a time"), "{shown}");
}

#[test]
fn player_at_start() {
    let app = lesson_app("create-task", 120, 40, mono());
    insta::assert_snapshot!("player_start", screen(&app));
}

#[test]
fn player_after_three_handles() {
    let mut app = lesson_app("create-task", 120, 40, mono());
    steps(&mut app, || Action::StepHandle, 3);
    insta::assert_snapshot!("player_three_handles", screen(&app));
}

#[test]
fn player_at_a_pause_point() {
    let mut app = lesson_app("create-task", 120, 40, mono());
    for _ in 0..200 {
        if app.player.as_ref().is_some_and(|p| p.note.is_some()) {
            break;
        }
        app.update(Action::StepLine);
    }
    let shown = screen(&app);
    assert!(shown.contains("Pause · background.py line 17"), "{shown}");
    insta::assert_snapshot!("player_pause_note", shown);
}

#[test]
fn player_at_the_end() {
    let mut app = lesson_app("create-task", 120, 40, mono());
    app.update(Action::ToEnd);
    let shown = screen(&app);
    assert!(shown.contains("main: the task returned 'report'"));
    insta::assert_snapshot!("player_end", shown);
}

#[test]
fn side_by_side_mid_run() {
    let mut app = lesson_app("gather", 120, 40, mono());
    steps(&mut app, || Action::StepHandle, 12);
    insta::assert_snapshot!("side_by_side", screen(&app));
}

#[test]
fn side_by_side_wide() {
    let mut app = lesson_app("gather", 200, 50, mono());
    app.update(Action::ToEnd);
    let shown = screen(&app);
    assert!(shown.contains("3 pages in 3.0 s") && shown.contains("3 pages in 1.0 s"));
    insta::assert_snapshot!("side_by_side_wide_end", shown);
}

/// Step until the blocking program sits at its blocked gap, then play into it.
fn blocked_app(theme: Theme) -> App {
    let mut app = lesson_app("blocking", 120, 40, theme);
    for _ in 0..500 {
        let p = app.player.as_ref().expect("a player");
        if matches!(p.cursors[0].gap().map(|g| g.kind), Some(GapKind::Blocked { .. })) {
            break;
        }
        app.update(Action::StepLine);
    }
    app.update(Action::TogglePlay);
    app.update(Action::Tick(std::time::Duration::from_millis(400)));
    app
}

#[test]
fn loop_blocked() {
    let app = blocked_app(mono());
    let shown = screen(&app);
    assert!(shown.contains("LOOP BLOCKED by time.sleep"), "{shown}");
    insta::assert_snapshot!("loop_blocked", shown);
}

#[test]
fn loop_blocked_is_red_in_colour() {
    let app = blocked_app(Theme::new(true, false));
    let buf = draw(&app);
    let area = buf.area;
    let red_l = (area.top()..area.bottom())
        .flat_map(|y| (area.left()..area.right()).map(move |x| (x, y)))
        .filter(|&(x, y)| buf[(x, y)].symbol() == "L" && buf[(x, y)].bg == Color::Red)
        .count();
    assert!(red_l >= 2, "the LOOP BLOCKED banner has a red background");
}

#[test]
fn help_overlay() {
    let mut app = lesson_app("gather", 120, 40, mono());
    app.update(Action::Help);
    let shown = screen(&app);
    assert!(shown.contains("step one handle"));
    insta::assert_snapshot!("help", shown);
}

#[test]
fn too_small() {
    let app = App::new(mono(), 60, 20);
    let shown = screen(&app);
    assert!(shown.contains("Make the terminal larger"));
    insta::assert_snapshot!("too_small", shown);
}

#[test]
fn ascii_has_no_box_drawing() {
    let mut app = lesson_app("gather", 80, 24, Theme::new(false, true));
    steps(&mut app, || Action::StepHandle, 5);
    let shown = screen(&app);
    assert!(shown.is_ascii(), "{shown}");
    insta::assert_snapshot!("ascii_side_by_side_80x24", shown);
}

#[test]
fn show_a_script_with_a_syntax_error() {
    let p = Player::from_script("broken.py", "import asyncio\n\nasync def main(:\n    pass\n");
    let app = App::new(mono(), 100, 30).with_player(p);
    let shown = screen(&app);
    assert!(shown.contains("broken.py:3"), "{shown}");
    insta::assert_snapshot!("script_syntax_error", shown);
}

#[test]
fn show_a_script_that_raises() {
    let source =
        "import asyncio\n\nasync def main():\n    await asyncio.sleep(0.5)\n    return 1 / 0\n\nasyncio.run(main())\n";
    let mut app = App::new(mono(), 100, 30).with_player(Player::from_script("raises.py", source));
    app.update(Action::ToEnd);
    let shown = screen(&app);
    assert!(shown.contains("ZeroDivisionError: division by zero"), "{shown}");
    assert!(shown.contains("raises.py:5"), "{shown}");
    insta::assert_snapshot!("script_runtime_error", shown);
}

#[test]
fn quiz_before_playing() {
    let mut app = quiz_app("gather", 120, 40, mono());
    app.update(Action::TogglePlay);
    let shown = screen(&app);
    assert!(shown.contains("Quiz 1/"), "{shown}");
    insta::assert_snapshot!("quiz_open", shown);
}

#[test]
fn quiz_after_a_wrong_answer() {
    let mut app = quiz_app("gather", 120, 40, mono());
    app.update(Action::TogglePlay);
    let right = app.player.as_ref().and_then(|p| p.open_quiz()).expect("a quiz").answer.index;
    app.update(Action::QuizAnswer(usize::from(right == 0)));
    let shown = screen(&app);
    assert!(shown.contains("Not quite"), "{shown}");
    insta::assert_snapshot!("quiz_wrong", shown);
}

#[test]
fn recap_at_the_end() {
    let mut app = lesson_app("gather", 120, 40, mono());
    app.update(Action::ToEnd);
    let shown = screen(&app);
    assert!(shown.contains("Recap"), "{shown}");
    insta::assert_snapshot!("recap", shown);
}

#[test]
fn korean_menu_and_player_keep_their_columns() {
    let theme = mono().with_lang(aiotutor::lessons::Lang::Ko);
    let menu = App::new(theme, 100, 30);
    let shown = screen(&menu);
    assert!(shown.contains("수업") || shown.contains("강"), "{shown}");
    insta::assert_snapshot!("menu_ko", shown);
    let app = lesson_app("gather", 120, 40, theme);
    let buf = draw(&app);
    // Every row is exactly the screen's width in columns: wide characters take two cells
    // and nothing spills past the right border.
    let shown = text(&buf);
    for (y, row) in shown.lines().enumerate() {
        let last = buf[(buf.area.width - 1, y as u16)].symbol();
        assert!(unicode_width::UnicodeWidthStr::width(row) <= usize::from(buf.area.width), "row {y} spills: {row}");
        assert!(last == " " || last.is_ascii() || !last.trim().is_empty(), "row {y}");
    }
    assert!(shown.contains("가상") || shown.contains("루프"), "{shown}");
    insta::assert_snapshot!("player_ko", shown);
}
