//! The app's state and `update`: every action changes state here, and returns what the
//! main loop must do outside (`Effect`). Drawing reads `&App` only.

use ratatui::layout::Rect;

use crate::lessons::progress::Progress;
use crate::lessons::{catalog, Entry, Lesson, Text};

use super::action::{Action, Effect};
use super::layout::{self, MIN_HEIGHT, MIN_WIDTH};
use super::player::{Overlay, Player, Region};
use super::theme::Theme;
use super::view;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Menu,
    Player,
}

/// One line of the lesson menu.
#[derive(Debug, Clone)]
pub struct MenuItem {
    pub title: Text,
    pub summary: Text,
    /// The lesson, or why its file does not load.
    pub lesson: Result<Lesson, String>,
    /// Where it comes from (a file of the teacher's folder, or built in).
    pub origin: String,
    pub extra: bool,
}

impl MenuItem {
    fn from_entry(e: Entry) -> MenuItem {
        match e.lesson {
            Ok(l) => MenuItem {
                title: l.title.clone(),
                summary: l.summary.clone(),
                lesson: Ok(l),
                origin: e.origin,
                extra: e.extra,
            },
            Err(err) => MenuItem {
                title: Text::same(e.origin.clone()),
                summary: Text::default(),
                lesson: Err(err.render()),
                origin: e.origin,
                extra: e.extra,
            },
        }
    }

    pub fn id(&self) -> Option<&str> {
        self.lesson.as_ref().ok().map(|l| l.id.as_str())
    }
}

/// `aiotutor lesson FILE.toml --watch`: the file, and why its last save was refused.
#[derive(Debug, Clone, PartialEq)]
pub struct Watch {
    pub path: String,
    pub error: Option<String>,
}

#[derive(Debug)]
pub struct App {
    pub screen: Screen,
    pub menu: Vec<MenuItem>,
    pub selected: usize,
    pub player: Option<Player>,
    /// The menu item the player is playing (for "next lesson").
    pub playing_item: Option<usize>,
    pub help: bool,
    /// The terminal size.
    pub width: u16,
    pub height: u16,
    pub theme: Theme,
    /// Lessons done and quiz scores (saved by the main loop on `Effect::Save`).
    pub progress: Progress,
    /// Why progress cannot be loaded or saved, if it cannot.
    pub progress_error: Option<String>,
    /// Opened straight into a lesson or script: leaving the player quits.
    pub standalone: bool,
    /// Classroom mode: no quizzes, no footers, large timers, keypress pacing.
    pub present: bool,
    pub watch: Option<Watch>,
}

impl App {
    /// The app over the built-in lessons, with no saved progress.
    pub fn new(theme: Theme, width: u16, height: u16) -> App {
        let entries = catalog(None).expect("the built-in catalog needs no files");
        App {
            screen: Screen::Menu,
            menu: entries.into_iter().map(MenuItem::from_entry).collect(),
            selected: 0,
            player: None,
            playing_item: None,
            help: false,
            width,
            height,
            theme,
            progress: Progress::default(),
            progress_error: None,
            standalone: false,
            present: false,
            watch: None,
        }
    }

    /// The menu over these lessons (built in, and the teacher's folder).
    pub fn with_catalog(mut self, entries: Vec<Entry>) -> App {
        self.menu = entries.into_iter().map(MenuItem::from_entry).collect();
        self.selected = 0;
        self
    }

    /// Saved progress; the menu starts at the first lesson not done yet.
    pub fn with_progress(mut self, progress: Progress) -> App {
        self.progress = progress;
        self.selected = self.menu.iter().position(|m| m.id().is_some_and(|id| !self.progress.is_done(id))).unwrap_or(0);
        self
    }

    pub fn presenting(mut self, present: bool) -> App {
        self.present = present;
        if let Some(p) = self.player.take() {
            self.player = Some(p.presenting(present));
        }
        self
    }

    /// The app opened on a player (`aiotutor lesson`, `aiotutor show`).
    pub fn with_player(mut self, player: Player) -> App {
        self.playing_item = player.lesson_id.as_deref().and_then(|id| self.menu.iter().position(|m| m.id() == Some(id)));
        self.player = Some(player.presenting(self.present));
        self.screen = Screen::Player;
        self.standalone = true;
        self
    }

    /// `--watch` on `path`; `error` when its first version already does not check.
    pub fn watching(mut self, path: &str, error: Option<String>) -> App {
        self.watch = Some(Watch { path: path.to_string(), error });
        self.screen = Screen::Player;
        self.standalone = true;
        self
    }

    pub fn too_small(&self) -> bool {
        self.width < MIN_WIDTH || self.height < MIN_HEIGHT
    }

    pub fn area(&self) -> Rect {
        Rect::new(0, 0, self.width, self.height)
    }

    /// Playback runs: the main loop sends ticks only then.
    pub fn playing(&self) -> bool {
        self.screen == Screen::Player && self.player.as_ref().is_some_and(|p| p.playback.playing)
    }

    /// The menu item after the one playing, if it loads.
    pub fn next_item(&self) -> Option<usize> {
        let next = self.playing_item? + 1;
        self.menu.get(next).filter(|m| m.lesson.is_ok()).map(|_| next)
    }

    pub fn update(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Quit => return Some(Effect::Quit),
            Action::Help => self.help = !self.help,
            Action::Back => return self.back(),
            Action::Resize(w, h) => (self.width, self.height) = (w, h),
            Action::MenuUp => self.selected = self.selected.saturating_sub(1),
            Action::MenuDown => self.selected = (self.selected + 1).min(self.menu.len().saturating_sub(1)),
            Action::Open => return self.open(),
            Action::Loaded(player) => {
                self.player = Some(player.presenting(self.present));
                self.playing_item = Some(self.selected);
                self.screen = Screen::Player;
            }
            Action::Reloaded(player) => self.reloaded(*player),
            Action::ReloadFailed(error) => {
                if let Some(w) = self.watch.as_mut() {
                    w.error = Some(error);
                }
            }
            Action::NextLesson => return self.next_lesson(),
            Action::Tick(dt) => {
                if let Some(p) = self.player.as_mut() {
                    p.tick(dt.as_secs_f64());
                }
                return self.note_progress();
            }
            Action::ScrollAt { col, row, delta } => self.scroll_at(col, row, delta),
            Action::ScrollFocused(delta) => {
                if let Some(r) = self.player.as_ref().map(|p| p.focus) {
                    self.scroll(r, delta);
                }
            }
            other => {
                self.player_action(other);
                return self.note_progress();
            }
        }
        None
    }

    fn back(&mut self) -> Option<Effect> {
        if self.help {
            self.help = false;
            return None;
        }
        if let Some(p) = self.player.as_mut() {
            if p.close_overlay() {
                return self.note_progress();
            }
        }
        match self.screen {
            Screen::Player if !self.standalone => {
                self.screen = Screen::Menu;
                self.player = None;
                None
            }
            _ => Some(Effect::Quit),
        }
    }

    fn open(&mut self) -> Option<Effect> {
        let item = self.menu.get(self.selected)?;
        item.lesson.as_ref().ok().map(|l| Effect::Open(Box::new(l.clone())))
    }

    /// `enter` on the recap: the next lesson, or the menu after the last one.
    fn next_lesson(&mut self) -> Option<Effect> {
        if let Some(p) = self.player.as_mut() {
            p.close_overlay();
        }
        match self.next_item() {
            Some(next) => {
                self.selected = next;
                self.open()
            }
            None if self.standalone => Some(Effect::Quit),
            None => {
                self.screen = Screen::Menu;
                self.player = None;
                None
            }
        }
    }

    /// A saved lesson file checked: play the new version from where the old one was.
    fn reloaded(&mut self, mut player: Player) {
        if let Some(w) = self.watch.as_mut() {
            w.error = None;
        }
        if let Some(old) = self.player.take() {
            player.adopt(&old);
        }
        self.player = Some(player.presenting(self.present));
        self.screen = Screen::Player;
    }

    /// Record what the player has done: a lesson played to its end, a quiz answered.
    fn note_progress(&mut self) -> Option<Effect> {
        let p = self.player.as_ref()?;
        let id = p.lesson_id.clone()?;
        let mut changed = false;
        if p.finished() {
            changed |= self.progress.mark_done(&id);
        }
        if p.quizzes.iter().any(|q| q.answered()) {
            let (right, total) = p.score();
            changed |= self.progress.record_quiz(&id, right, total);
        }
        changed.then(|| Effect::Save(self.progress.clone()))
    }

    fn player_action(&mut self, action: Action) {
        let Some(p) = self.player.as_mut() else { return };
        match action {
            Action::TogglePlay => p.toggle_play(),
            Action::StepHandle => p.step_handle(),
            Action::StepLine => p.step_line(),
            Action::BackHandle => p.back_handle(),
            Action::BackLine => p.back_line(),
            Action::Faster => p.playback.faster(),
            Action::Slower => p.playback.slower(),
            Action::Restart => p.restart(),
            Action::ToEnd => p.to_end(),
            Action::NextPage => p.next_page(),
            Action::PrevPage => p.prev_page(),
            Action::FocusNext => p.focus_step(true),
            Action::FocusPrev => p.focus_step(false),
            Action::QuizAnswer(k) => {
                p.answer(k);
            }
            Action::QuizSelect(delta) => p.quiz_select(delta),
            Action::QuizSubmit => {
                p.quiz_submit();
            }
            Action::QuizContinue => p.quiz_continue(),
            Action::Hint => p.hint(),
            Action::Recap => p.show_recap(),
            Action::CloseOverlay => {
                p.close_overlay();
            }
            _ => {}
        }
    }

    fn scroll_at(&mut self, col: u16, row: u16, delta: i32) {
        let Some(p) = self.player.as_ref() else { return };
        if p.overlay.is_some() {
            return;
        }
        let areas = layout::player(self.area(), p);
        if let Some(r) = areas.region_at(&p.regions(), col, row) {
            self.scroll(r, delta);
        }
    }

    fn scroll(&mut self, r: Region, delta: i32) {
        let Some(p) = self.player.as_ref() else { return };
        let area = layout::player(self.area(), p).region(r);
        let from = view::scroll_position(p, r, area, &self.theme);
        if let Some(p) = self.player.as_mut() {
            p.scroll_by(r, from, delta);
        }
    }

    /// The box open over the player, if any.
    pub fn overlay(&self) -> Option<Overlay> {
        self.player.as_ref().and_then(|p| p.overlay)
    }
}
