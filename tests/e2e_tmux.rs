//! End to end: the real binary in a real terminal (tmux): start, open a lesson, play,
//! pause, step, step back, quit. Skipped, with a message, when tmux is not installed.

use std::process::Command;
use std::time::{Duration, Instant};

/// A private tmux server, killed when dropped.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(name: &str, cmd: &str, width: u16, height: u16) -> Tmux {
        let tmux = Tmux { socket: format!("aiotutor-e2e-{}-{name}", std::process::id()) };
        let (w, h) = (width.to_string(), height.to_string());
        tmux.run(&["-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", &w, "-y", &h, cmd]);
        tmux
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux").arg("-L").arg(&self.socket).args(args).output().expect("tmux runs")
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.run(&["send-keys", "-t", "e2e", k]);
        }
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "e2e"]).stdout).into_owned()
    }

    /// Wait until the screen satisfies `ok`; panic with the screen after 10 s.
    fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!("timed out waiting for {what}; the screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The screen once two captures 100 ms apart agree.
    fn settled(&self) -> String {
        let mut last = self.screen();
        loop {
            std::thread::sleep(Duration::from_millis(100));
            let now = self.screen();
            if now == last {
                return now;
            }
            last = now;
        }
    }

    fn alive(&self) -> bool {
        self.run(&["has-session", "-t", "e2e"]).status.success()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

fn tmux_installed() -> bool {
    Command::new("tmux").arg("-V").output().is_ok_and(|o| o.status.success())
}

/// The loop panel's `pass N` in the first program's title.
fn pass_number(screen: &str) -> Option<u32> {
    let line = screen.lines().find(|l| l.contains("Event loop ·"))?;
    let after = &line[line.find("pass ")? + 5..];
    after.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
}

/// A data directory of its own, so the test neither reads nor writes the user's progress.
fn data_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("aiotutor-e2e-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    dir
}

fn app_command(data: &std::path::Path, args: &str) -> String {
    format!("env AIOTUTOR_DATA_DIR={} LANG=C.UTF-8 {} {args}", data.display(), env!("CARGO_BIN_EXE_aiotutor"))
}

#[test]
fn play_step_back_and_quit_in_tmux() {
    if !tmux_installed() {
        eprintln!("SKIPPED play_step_back_and_quit_in_tmux: tmux is not installed (apt-get install tmux)");
        return;
    }
    let data = data_dir("play");
    let t = Tmux::start("play", &app_command(&data, ""), 120, 40);
    t.wait_for("the lesson menu", |s| s.contains("Lessons") && s.contains("create_task and background work"));
    // Open the seventh lesson.
    t.keys(&["Down", "Down", "Down", "Down", "Down", "Down", "Enter"]);
    t.wait_for("the player", |s| s.contains("Code · background.py") && s.contains("paused"));
    // Play: first the lesson asks what will happen; answer, and it plays fast.
    t.keys(&["+", "+", "+", "Space"]);
    t.wait_for("the first quiz", |s| s.contains("Quiz 1/2") && s.contains("Which line is printed first?"));
    t.keys(&["2"]);
    t.wait_for("the verdict", |s| s.contains("Right") || s.contains("Not quite"));
    t.keys(&["Enter"]);
    t.wait_for("output while playing", |s| s.contains("main: task created"));
    // Playback stops at line 17 with a second question; skip it.
    t.wait_for("the quiz at line 17", |s| s.contains("Quiz 2/2"));
    t.keys(&["Escape"]);
    t.wait_for("paused", |s| !s.contains("Quiz 2/2") && (s.contains("paused") || s.contains("Pause ·")));
    // Step one handle forward, and back to exactly the same screen.
    t.keys(&["Right"]);
    t.wait_for("a loop pass", |s| pass_number(s).is_some());
    let before = t.settled();
    t.keys(&["Right"]);
    t.wait_for("one handle on", |s| s != before);
    t.keys(&["Left"]);
    t.wait_for("one handle back", |s| s == before);
    // Help, then back to the menu, then quit.
    t.keys(&["?"]);
    t.wait_for("the help", |s| s.contains("step one handle"));
    t.keys(&["q", "q"]);
    t.wait_for("the menu again", |s| s.contains("About this lesson"));
    t.keys(&["q"]);
    let start = Instant::now();
    while t.alive() && start.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(!t.alive(), "q on the menu quits the app");
    let _ = std::fs::remove_dir_all(&data);
}

#[test]
fn progress_survives_a_restart_in_korean() {
    if !tmux_installed() {
        eprintln!("SKIPPED progress_survives_a_restart_in_korean: tmux is not installed");
        return;
    }
    let data = data_dir("progress");
    let total = aiotutor::lessons::embedded().len();
    let done = |n: usize| format!("{n} / {total} 완료");
    let t = Tmux::start("progress", &app_command(&data, "--lang ko"), 120, 40);
    t.wait_for("the Korean menu", |s| s.contains(&done(0)));
    t.keys(&["Enter"]);
    t.wait_for("the player", |s| s.contains("코드 ·"));
    // The lesson asks its two questions before it plays: answer both.
    t.keys(&["e"]);
    for n in 1..=2 {
        t.wait_for("a quiz", |s| s.contains(&format!("퀴즈 {n}/2")));
        t.keys(&["1"]);
        t.wait_for("the verdict", |s| s.contains("정답!") || s.contains("아쉽습니다."));
        t.keys(&["Enter"]);
    }
    // To the end: the lesson counts as done, and its recap opens.
    t.keys(&["e"]);
    t.wait_for("the recap", |s| s.contains("정리") || s.contains("Recap"));
    t.keys(&["Escape", "q"]);
    t.wait_for("the menu, one lesson done", |s| s.contains(&done(1)));
    t.keys(&["q"]);
    drop(t);
    assert!(data.join("progress.json").is_file(), "progress is saved in the data directory");
    let t = Tmux::start("progress2", &app_command(&data, "--lang ko"), 120, 40);
    let s = t.wait_for("the menu after a restart", |s| s.contains(&done(1)));
    assert!(s.contains('✓'), "the done lesson is marked:\n{s}");
    drop(t);
    let _ = std::fs::remove_dir_all(&data);
}

#[test]
fn sigterm_restores_the_terminal() {
    if !tmux_installed() {
        eprintln!("SKIPPED sigterm_restores_the_terminal: tmux is not installed");
        return;
    }
    let bin = env!("CARGO_BIN_EXE_aiotutor");
    let data = data_dir("sigterm");
    // The shell stays after the app ends, so the restored screen can be read.
    let cmd = format!("{}; echo exit=$?; sleep 30", app_command(&data, "lesson gather"));
    let t = Tmux::start("sigterm", &cmd, 100, 30);
    t.wait_for("the player", |s| s.contains("Code · sequential.py"));
    let pid = Command::new("pgrep").args(["-n", "-f", &format!("{bin} lesson gather")]).output();
    let Some(pid) = pid.ok().map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string()).filter(|p| !p.is_empty())
    else {
        eprintln!("SKIPPED the signal part: pgrep is not available");
        return;
    };
    Command::new("kill").args(["-TERM", &pid]).status().expect("kill runs");
    let s = t.wait_for("the app to exit", |s| s.contains("exit=143"));
    assert!(!s.contains("Event loop"), "the alternate screen is gone:\n{s}");
}
