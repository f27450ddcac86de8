//! Drawing: a pure function of `&App`. One view per file, each `impl Widget for &View`.

mod code;
mod footer;
mod help;
mod hint;
mod loop_panel;
mod menu;
mod note;
mod output;
mod panel;
mod player;
mod processes;
mod prose;
mod quiz;
mod recap;
mod timeline;
mod timer;
mod too_small;
mod watch;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use ratatui::Frame;

use super::app::{App, Screen};
use super::layout;
use super::player::{Overlay, Player, Region};
use super::theme::Theme;

pub use processes::height_for as processes_height;

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    render(app, area, frame.buffer_mut());
}

/// Draw the whole screen into `buf`.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    if app.too_small() {
        too_small::TooSmallView { width: area.width, height: area.height, theme }.render(area, buf);
        return;
    }
    match (app.screen, &app.player) {
        (Screen::Player, Some(p)) => {
            player::PlayerView { player: p, theme }.render(area, buf);
            render_overlay(app, p, area, buf);
        }
        (Screen::Player, None) if app.watch.is_some() => {}
        _ => menu::MenuView { app, theme }.render(area, buf),
    }
    if let Some(w) = &app.watch {
        if let Some(error) = &w.error {
            let playing = app.player.is_some();
            watch::WatchErrorView { path: &w.path, error, playing, theme }.render(area, buf);
        }
    }
    if app.help {
        help::HelpView { theme }.render(area, buf);
    }
    if theme.ascii {
        asciify(buf, area);
    }
}

/// The box open over the player: a quiz or the recap in the middle, a hint over the prose.
fn render_overlay(app: &App, p: &Player, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    match p.overlay {
        Some(Overlay::Quiz(k)) => {
            let Some(quiz) = p.quizzes.get(k) else { return };
            let file = p.side_by_side().then(|| p.panes[quiz.quiz.program].file.as_str());
            quiz::QuizView { quiz, number: (k + 1, p.quizzes.len()), file, theme }.render(area, buf);
        }
        Some(Overlay::Hint(index)) => {
            let prose = layout::player(area, p).prose;
            hint::HintView { player: p, index, theme }.render(prose, buf);
        }
        Some(Overlay::Recap) => {
            let has_next = app.next_item().is_some();
            recap::RecapView { player: p, has_next, theme }.render(area, buf);
        }
        None => {}
    }
}

/// `--ascii`: whatever non-ASCII text is left (lesson prose, labels) becomes its
/// closest ASCII character.
fn asciify(buf: &mut Buffer, area: Rect) {
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &mut buf[(x, y)];
            if !cell.symbol().is_ascii() {
                let c = cell.symbol().chars().next().map_or(' ', to_ascii);
                cell.set_char(c);
            }
        }
    }
}

fn to_ascii(c: char) -> char {
    match c {
        '→' | '▶' | '▸' | '»' => '>',
        '←' | '◂' | '«' => '<',
        '↑' => '^',
        '↓' => 'v',
        '·' | '•' | '●' => '*',
        '…' => '.',
        '—' | '–' | '─' | '━' => '-',
        '│' | '┃' => '|',
        '“' | '”' => '"',
        '‘' | '’' => '\'',
        '×' => 'x',
        '✓' => 'v',
        '✗' => 'x',
        '█' | '▓' | '▒' | '░' | '▀' | '▄' => '#',
        _ if c.is_whitespace() => ' ',
        _ => '?',
    }
}

/// The first line region `r` shows now (drawn at `area`): where scrolling starts from.
pub fn scroll_position(p: &Player, r: Region, area: Rect, theme: &Theme) -> usize {
    let inner = panel::inner(area);
    let height = usize::from(inner.height);
    match r {
        Region::Prose => prose::position(p, inner, theme),
        Region::Code(i) => code::position(p, i, height),
        Region::Output(i) => output::position(p, i, height),
        Region::Loop(_) | Region::Timeline(_) => p.scroll.get(&r).copied().unwrap_or(0),
    }
}
