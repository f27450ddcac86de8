//! The main loop: terminal events, the frame clock (only while playing: a paused app
//! sleeps until input) and signals, turned into actions; effects performed here.

use std::time::{Duration, Instant};

use crossterm::event::{Event as TermEvent, EventStream};
use futures::StreamExt;
use tokio::signal::unix::{signal, Signal, SignalKind};

use super::action::{Action, Effect};
use super::app::App;
use super::input::{key_action, mouse_action};
use super::player::Player;
use super::terminal::Guard;
use super::theme::Theme;
use super::{view, Start};

/// Frames per second while playing.
const FRAME: Duration = Duration::from_millis(33);

pub fn run(start: Start, theme: Theme) -> i32 {
    let rt = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("aiotutor: cannot start: {e}");
            return 1;
        }
    };
    rt.block_on(main_loop(start, theme))
}

async fn main_loop(start: Start, theme: Theme) -> i32 {
    let mut guard = match Guard::enter() {
        Ok(g) => g,
        Err(e) => {
            eprintln!("aiotutor: cannot open the terminal: {e}");
            return 1;
        }
    };
    let size = guard.terminal.size().unwrap_or_default();
    let mut app = App::new(theme, size.width, size.height);
    if let Start::Player(p) = start {
        app = app.with_player(*p);
    }
    let mut signals = match Signals::new() {
        Ok(s) => s,
        Err(e) => {
            drop(guard);
            eprintln!("aiotutor: cannot watch signals: {e}");
            return 1;
        }
    };
    let mut events = EventStream::new();
    let mut last_frame = Instant::now();
    let mut dirty = true;
    loop {
        if dirty {
            if let Err(e) = guard.terminal.draw(|f| view::draw(f, &app)) {
                drop(guard);
                eprintln!("aiotutor: cannot draw: {e}");
                return 1;
            }
            dirty = false;
        }
        let playing = app.playing();
        let action = tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(ev)) => event_action(ev, &app),
                Some(Err(_)) | None => Some(Action::Quit),
            },
            _ = frame(playing) => {
                let now = Instant::now();
                let dt = now - last_frame;
                last_frame = now;
                Some(Action::Tick(dt))
            }
            code = signals.next() => return code,
        };
        let Some(action) = action else { continue };
        dirty = true;
        match app.update(action) {
            Some(Effect::Quit) => return 0,
            Some(Effect::Open(lesson)) => {
                app.update(Action::Loaded(Box::new(Player::from_lesson(&lesson))));
            }
            None => {}
        }
        if !playing {
            // Playback (re)starts now: the first frame must not count the pause.
            last_frame = Instant::now();
        }
    }
}

fn event_action(ev: TermEvent, app: &App) -> Option<Action> {
    match ev {
        TermEvent::Key(k) => key_action(k, app),
        TermEvent::Mouse(m) => mouse_action(m),
        TermEvent::Resize(w, h) => Some(Action::Resize(w, h)),
        _ => None,
    }
}

/// Resolves after one frame while playing; never while paused.
async fn frame(playing: bool) {
    if playing {
        tokio::time::sleep(FRAME).await;
    } else {
        std::future::pending::<()>().await;
    }
}

/// SIGTERM, SIGINT and SIGHUP end the app (the terminal guard restores the screen).
struct Signals {
    term: Signal,
    int: Signal,
    hup: Signal,
}

impl Signals {
    fn new() -> std::io::Result<Signals> {
        Ok(Signals {
            term: signal(SignalKind::terminate())?,
            int: signal(SignalKind::interrupt())?,
            hup: signal(SignalKind::hangup())?,
        })
    }

    /// The exit code for the signal that came: 128 + its number.
    async fn next(&mut self) -> i32 {
        tokio::select! {
            _ = self.term.recv() => 128 + 15,
            _ = self.int.recv() => 128 + 2,
            _ = self.hup.recv() => 128 + 1,
        }
    }
}
