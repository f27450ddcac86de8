//! The app's state and `update`: every action changes state here, and returns what the
//! main loop must do outside (`Effect`). Drawing reads `&App` only.

use std::collections::BTreeSet;

use ratatui::layout::Rect;

use crate::lessons::{embedded, Lesson};

use super::action::{Action, Effect};
use super::layout::{self, MIN_HEIGHT, MIN_WIDTH};
use super::player::{Player, Region};
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
    pub title: String,
    pub summary: String,
    /// The lesson, or why its file does not load.
    pub lesson: Result<Lesson, String>,
}

#[derive(Debug)]
pub struct App {
    pub screen: Screen,
    pub menu: Vec<MenuItem>,
    pub selected: usize,
    pub player: Option<Player>,
    pub help: bool,
    /// The terminal size.
    pub width: u16,
    pub height: u16,
    pub theme: Theme,
    /// Lessons played to the end (kept in memory for now).
    pub done: BTreeSet<String>,
    /// Opened straight into a lesson or script: leaving the player quits.
    pub standalone: bool,
}

impl App {
    pub fn new(theme: Theme, width: u16, height: u16) -> App {
        App {
            screen: Screen::Menu,
            menu: menu_items(),
            selected: 0,
            player: None,
            help: false,
            width,
            height,
            theme,
            done: BTreeSet::new(),
            standalone: false,
        }
    }

    /// The app opened on a player (`aiotutor lesson`, `aiotutor show`).
    pub fn with_player(mut self, player: Player) -> App {
        self.player = Some(player);
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
                self.player = Some(*player);
                self.screen = Screen::Player;
            }
            Action::Tick(dt) => self.tick(dt.as_secs_f64()),
            Action::ScrollAt { col, row, delta } => self.scroll_at(col, row, delta),
            Action::ScrollFocused(delta) => {
                if let Some(r) = self.player.as_ref().map(|p| p.focus) {
                    self.scroll(r, delta);
                }
            }
            other => self.player_action(other),
        }
        None
    }

    fn back(&mut self) -> Option<Effect> {
        if self.help {
            self.help = false;
            return None;
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

    fn tick(&mut self, dt: f64) {
        let Some(p) = self.player.as_mut() else { return };
        p.tick(dt);
        self.note_progress();
    }

    /// A lesson played to its end counts as done.
    fn note_progress(&mut self) {
        if let Some(p) = &self.player {
            if p.finished() {
                if let Some(id) = &p.lesson_id {
                    self.done.insert(id.clone());
                }
            }
        }
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
            _ => {}
        }
        self.note_progress();
    }

    fn scroll_at(&mut self, col: u16, row: u16, delta: i32) {
        let Some(p) = self.player.as_ref() else { return };
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
}

fn menu_items() -> Vec<MenuItem> {
    embedded()
        .into_iter()
        .map(|(e, l)| match l {
            Ok(l) => MenuItem { title: l.title.clone(), summary: l.summary.clone(), lesson: Ok(l) },
            Err(err) => MenuItem { title: e.path.to_string(), summary: String::new(), lesson: Err(err.render()) },
        })
        .collect()
}
