//! The app's two speed goals, measured (not a test):
//! - one frame of the player at 200×50, mid-run, side by side: goal ≤ 1 ms;
//! - start to first frame of the real binary (seen in tmux): goal ≤ 50 ms.
//!
//! `cargo bench --bench tui_frame` (release build).

use std::process::Command;
use std::time::{Duration, Instant};

use aiotutor::lessons::find_embedded;
use aiotutor::tui::{view, Action, App, Player, Theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn main() {
    frame_times();
    start_to_first_frame();
}

fn frame_times() {
    for (id, steps) in [("gather", 25), ("blocking", 30), ("create-task", 10)] {
        let lesson = find_embedded(id).expect("a built-in lesson");
        let t0 = Instant::now();
        let player = Player::from_lesson(&lesson);
        let record = t0.elapsed();
        let mut app = App::new(Theme::new(true, false), 200, 50).with_player(player);
        // Mid-run, not behind the quiz that opens before the first step.
        app.player.as_mut().expect("the player is open").quizzes.clear();
        for _ in 0..steps {
            app.update(Action::StepHandle);
        }
        let area = Rect::new(0, 0, 200, 50);
        let mut buf = Buffer::empty(area);
        let mut times = Vec::new();
        for _ in 0..300 {
            buf.reset();
            let t = Instant::now();
            view::render(&app, area, &mut buf);
            times.push(t.elapsed());
        }
        times.sort();
        println!(
            "frame 200x50 {id:<12} median {:>7.3} ms  p99 {:>7.3} ms   (recording the lesson: {:.1} ms)",
            ms(times[times.len() / 2]),
            ms(times[times.len() * 99 / 100]),
            ms(record)
        );
    }
}

/// Spawn the binary in tmux and poll the screen until the menu shows.
fn start_to_first_frame() {
    if !Command::new("tmux").arg("-V").output().is_ok_and(|o| o.status.success()) {
        println!("start to first frame: skipped (tmux is not installed)");
        return;
    }
    let bin = env!("CARGO_BIN_EXE_aiotutor");
    let socket = format!("aiotutor-bench-{}", std::process::id());
    let tmux = |args: &[&str]| Command::new("tmux").arg("-L").arg(&socket).args(args).output().expect("tmux runs");
    // A server with an idle shell first, so the measurement does not include tmux's start.
    tmux(&["-f", "/dev/null", "new-session", "-d", "-s", "idle", "-x", "200", "-y", "50", "sleep 60"]);
    let mut best = Duration::MAX;
    for (run, target) in [("menu", "Lessons"), ("menu", "Lessons"), ("menu", "Lessons"), ("lesson", "Event loop")] {
        let cmd = if run == "menu" { bin.to_string() } else { format!("{bin} lesson gather") };
        let t = Instant::now();
        tmux(&["new-window", "-d", "-t", "idle", "-n", "app", &cmd]);
        loop {
            let screen = String::from_utf8_lossy(&tmux(&["capture-pane", "-p", "-t", "idle:app"]).stdout).into_owned();
            if screen.contains(target) {
                break;
            }
            if t.elapsed() > Duration::from_secs(10) {
                println!("start to first frame: no frame after 10 s");
                break;
            }
        }
        let took = t.elapsed();
        if run == "menu" {
            best = best.min(took);
        } else {
            println!("start to first frame, `aiotutor lesson gather` (records two programs first): {:.1} ms", ms(took));
        }
        tmux(&["kill-window", "-t", "idle:app"]);
    }
    println!("start to first frame, `aiotutor` (menu), best of 3 (includes tmux polling): {:.1} ms", ms(best));
    tmux(&["kill-server"]);
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
