//! The main loop: terminal events, the frame clock (only while playing: a paused app
//! sleeps until input), the watched lesson file and signals, turned into actions;
//! effects (opening a lesson, saving progress) performed here.

use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime};

use crossterm::event::{Event as TermEvent, EventStream};
use futures::StreamExt;
use tokio::signal::unix::{signal, Signal, SignalKind};

use super::action::{Action, Effect};
use super::app::App;
use super::input::{key_action, mouse_action};
use super::player::Player;
use super::terminal::Guard;
use super::{view, watch, Session, Start};
use crate::lessons::progress::Store;

/// Set, the app panics after drawing its first frame: how the end-to-end tests check that
/// a panic leaves the terminal restored (tests/e2e_tmux.rs).
const TEST_PANIC: &str = "AIOTUTOR_TEST_PANIC";

/// Frames per second while playing.
const FRAME: Duration = Duration::from_millis(33);
/// How often a watched lesson file is looked at.
const WATCH_EVERY: Duration = Duration::from_millis(250);

pub fn run(session: Session) -> i32 {
    let rt = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("aiotutor: cannot start: {e}");
            return 1;
        }
    };
    rt.block_on(main_loop(session))
}

async fn main_loop(session: Session) -> i32 {
    let mut guard = match Guard::enter() {
        Ok(g) => g,
        Err(e) => {
            eprintln!("aiotutor: cannot open the terminal: {e}");
            return 1;
        }
    };
    let size = guard.terminal.size().unwrap_or_default();
    let (mut app, mut watched) = open_app(session.start, session.theme, session.catalog, &session.store, session.present, size.width, size.height);
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
    let mut watch_timer = tokio::time::interval(WATCH_EVERY);
    watch_timer.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let fault = std::env::var_os(TEST_PANIC).is_some();
    loop {
        if dirty {
            if let Err(e) = guard.terminal.draw(|f| view::draw(f, &app)) {
                drop(guard);
                eprintln!("aiotutor: cannot draw: {e}");
                return 1;
            }
            dirty = false;
            if fault {
                panic!("{TEST_PANIC} is set: a deliberate panic after the first frame");
            }
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
            _ = watch_timer.tick(), if watched.is_some() => changed(&mut watched),
            code = signals.next() => return code,
        };
        let Some(action) = action else { continue };
        dirty = true;
        let mut effect = app.update(action);
        while let Some(e) = effect.take() {
            match e {
                Effect::Quit => return 0,
                Effect::Open(lesson) => effect = app.update(Action::Loaded(Box::new(Player::from_lesson(&lesson)))),
                Effect::Save(progress) => {
                    if let Some(store) = &session.store {
                        app.progress_error = store.save(&progress).err();
                    }
                }
            }
        }
        if !playing {
            // Playback (re)starts now: the first frame must not count the pause.
            last_frame = Instant::now();
        }
    }
}

/// The app as the session asks, with saved progress; and the watched file, if any.
fn open_app(
    start: Start,
    theme: super::Theme,
    catalog: Vec<crate::lessons::Entry>,
    store: &Option<Store>,
    present: bool,
    width: u16,
    height: u16,
) -> (App, Option<Watched>) {
    let mut app = App::new(theme, width, height).with_catalog(catalog);
    match store.as_ref().map(Store::load) {
        Some(Ok(progress)) => app = app.with_progress(progress),
        Some(Err(e)) => app.progress_error = Some(e),
        None => {}
    }
    app = app.presenting(present);
    let mut watched = None;
    match start {
        Start::Menu => {}
        Start::Player(p) => app = app.with_player(*p),
        Start::Watch { path, first } => {
            watched = Some(Watched { signature: watch::signature(&path), path: path.clone() });
            let shown = path.display().to_string();
            app = match first {
                Ok(p) => app.with_player(*p).watching(&shown, None),
                Err(e) => app.watching(&shown, Some(e)),
            };
        }
    }
    (app, watched)
}

/// The lesson file `--watch` looks at, and the version of it last loaded.
struct Watched {
    path: PathBuf,
    signature: Option<(SystemTime, u64)>,
}

/// The reload action when the watched file changed since it was last loaded.
fn changed(watched: &mut Option<Watched>) -> Option<Action> {
    let w = watched.as_mut()?;
    let now = watch::signature(&w.path);
    if now.is_none() || now == w.signature {
        return None;
    }
    w.signature = now;
    Some(watch::reload(&w.path))
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
