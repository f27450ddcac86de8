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

/// The shell command that runs the app, then shows how it ended and whether the terminal
/// is back in cooked mode (`stty` prints `-icanon` in raw mode), then waits to be read.
fn and_then_report(app: &str) -> String {
    format!("{app}; echo exit=$?; stty -a | grep -o -- '-*icanon' | sed 's/^/mode=/'; sleep 30")
}

/// The app's pid: the child of the pane's shell (`env` execs into the app).
fn app_pid(t: &Tmux) -> Option<String> {
    let shell = String::from_utf8_lossy(&t.run(&["display-message", "-p", "-t", "e2e", "#{pane_pid}"]).stdout).trim().to_string();
    let out = Command::new("pgrep").args(["-P", &shell]).output().ok()?;
    Some(String::from_utf8_lossy(&out.stdout).lines().next()?.trim().to_string()).filter(|p| !p.is_empty())
}

/// After the app ended: its exit code, the primary screen back, cooked mode back.
fn assert_restored(t: &Tmux, exit: &str) -> String {
    let s = t.wait_for("the app to exit", |s| s.contains("mode="));
    assert!(s.contains(&format!("exit={exit}")), "exit code {exit} expected:\n{s}");
    assert!(s.contains("mode=icanon"), "the terminal is back in cooked mode:\n{s}");
    assert!(!s.contains("Event loop") && !s.contains("Code ·"), "the alternate screen is gone:\n{s}");
    s
}

#[test]
fn signals_restore_the_terminal() {
    if !tmux_installed() {
        eprintln!("SKIPPED signals_restore_the_terminal: tmux is not installed");
        return;
    }
    // SIGTERM, SIGINT and SIGHUP: the app ends with 128 + the signal's number.
    for (signal, exit) in [("TERM", "143"), ("INT", "130"), ("HUP", "129")] {
        let data = data_dir(&format!("sig{signal}"));
        let app = app_command(&data, "lesson gather");
        let t = Tmux::start(&format!("sig{signal}"), &and_then_report(&app), 100, 30);
        t.wait_for("the player", |s| s.contains("Code · sequential.py"));
        t.keys(&["Space"]); // playing: the frame clock runs when the signal comes
        let Some(pid) = app_pid(&t) else {
            eprintln!("SKIPPED the signal part: pgrep is not available");
            return;
        };
        Command::new("kill").args([&format!("-{signal}"), &pid]).status().expect("kill runs");
        assert_restored(&t, exit);
        drop(t);
        let _ = std::fs::remove_dir_all(&data);
    }
}

#[test]
fn a_panic_restores_the_terminal_and_says_why() {
    if !tmux_installed() {
        eprintln!("SKIPPED a_panic_restores_the_terminal_and_says_why: tmux is not installed");
        return;
    }
    let data = data_dir("panic");
    let app = format!("env AIOTUTOR_TEST_PANIC=1 RUST_BACKTRACE=0 {}", app_command(&data, "lesson gather"));
    let t = Tmux::start("panic", &and_then_report(&app), 100, 30);
    let s = assert_restored(&t, "101");
    assert!(s.contains("a deliberate panic after the first frame"), "the panic message is readable:\n{s}");
    let _ = std::fs::remove_dir_all(&data);
}

#[test]
fn any_terminal_size_down_to_one_cell() {
    if !tmux_installed() {
        eprintln!("SKIPPED any_terminal_size_down_to_one_cell: tmux is not installed");
        return;
    }
    let data = data_dir("tiny");
    // Starts in a 1x1 terminal, plays, and lives through sizes down to one cell and back.
    let t = Tmux::start("tiny", &app_command(&data, "lesson gather"), 1, 1);
    std::thread::sleep(Duration::from_millis(500));
    assert!(t.alive(), "the app runs in a 1x1 terminal");
    t.keys(&["Space"]);
    for (w, h) in [(1, 1), (2, 1), (1, 5), (7, 3), (20, 6), (40, 12), (3, 30), (1, 1), (100, 30)] {
        t.run(&["resize-window", "-t", "e2e", "-x", &w.to_string(), "-y", &h.to_string()]);
        std::thread::sleep(Duration::from_millis(150));
        assert!(t.alive(), "the app survives a {w}x{h} terminal");
    }
    let s = t.wait_for("the player at full size again", |s| s.contains("Code · sequential.py"));
    assert!(s.contains("Event loop"), "the loop panel is back:\n{s}");
    t.keys(&["q"]);
    let _ = std::fs::remove_dir_all(&data);
}

/// Like `wait_for`, with a longer limit (lessons with simulated servers record for a while
/// on a loaded machine) and a choice between outcomes: the index of the first that holds.
fn wait_any(t: &Tmux, what: &str, secs: u64, oks: &[&dyn Fn(&str) -> bool]) -> (usize, String) {
    let start = Instant::now();
    loop {
        let s = t.screen();
        if let Some(i) = oks.iter().position(|ok| ok(&s)) {
            return (i, s);
        }
        assert!(start.elapsed() < Duration::from_secs(secs), "timed out waiting for {what}; the screen:\n{s}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The words of one language that the walk looks for.
struct Words {
    lang: &'static str,
    code: &'static str,
    quiz: &'static str,
    verdicts: [&'static str; 2],
    /// The recap's key line (next lesson, back to the menu): only the recap shows it.
    recap: [&'static str; 2],
    done: fn(usize, usize) -> String,
    /// The menu's quiz score label (`quizzes 17/38`).
    score: &'static str,
}

/// A learner's walk through the whole curriculum from the menu: every lesson opened, every
/// quiz answered (with the first choice), every recap reached, "next lesson" from each
/// recap; at the end every lesson counts as done and the quiz score is on the menu.
fn walk_the_curriculum(w: &Words) {
    let data = data_dir(&format!("walk-{}", w.lang));
    let total = aiotutor::lessons::embedded().len();
    let t = Tmux::start(&format!("walk-{}", w.lang), &app_command(&data, &format!("--lang {}", w.lang)), 120, 40);
    t.wait_for("the menu", |s| s.contains(&(w.done)(0, total)));
    t.keys(&["Enter"]);
    let title = |s: &str| s.lines().next().unwrap_or_default().to_string();
    let recap = |s: &str| w.recap.iter().any(|r| s.contains(r));
    // `Quiz 1/2`
    let quiz_title = format!("{} ", w.quiz);
    let quiz = |s: &str| s.match_indices(&quiz_title).any(|(i, m)| s[i + m.len()..].starts_with(|c: char| c.is_ascii_digit()));
    let mut previous = String::new();
    for lesson in 1..=total {
        // The next lesson's player: a new title, no recap over it.
        let code = format!("{} ·", w.code);
        let (_, s) = wait_any(&t, &format!("lesson {lesson}'s player"), 60, &[&|s: &str| {
            s.contains(&code) && !recap(s) && title(s) != previous
        }]);
        previous = title(&s);
        let mut quizzes = 0;
        loop {
            t.keys(&["e"]);
            let (i, s) = wait_any(&t, &format!("a quiz or the recap of lesson {lesson}"), 60, &[&recap, &quiz]);
            if i == 0 {
                break;
            }
            quizzes += 1;
            assert!(quizzes <= 10, "lesson {lesson} keeps asking:\n{s}");
            t.keys(&["1"]);
            wait_any(&t, "the verdict", 10, &[&|s: &str| w.verdicts.iter().any(|v| s.contains(v))]);
            t.keys(&["Enter"]);
            // This quiz closes (the next one, if any, opens unanswered).
            wait_any(&t, "the quiz to close", 10, &[&|s: &str| !w.verdicts.iter().any(|v| s.contains(v))]);
        }
        // Enter on the recap: the next lesson (from the last one, the menu).
        t.keys(&["Enter"]);
    }
    let s = t.wait_for("the menu, every lesson done", |s| s.contains(&(w.done)(total, total)));
    assert!(s.contains('✓'), "done lessons are marked:\n{s}");
    let score = format!("· {} ", w.score);
    let scored = s.match_indices(&score).any(|(i, m)| s[i + m.len()..].split(' ').next().is_some_and(|x| x.contains('/')));
    assert!(scored, "the quizzes are scored on the menu:\n{s}");
    t.keys(&["q"]);
    drop(t);
    let _ = std::fs::remove_dir_all(&data);
}

#[test]
fn the_whole_curriculum_can_be_walked_in_english() {
    if !tmux_installed() {
        eprintln!("SKIPPED the_whole_curriculum_can_be_walked_in_english: tmux is not installed");
        return;
    }
    walk_the_curriculum(&Words {
        lang: "en",
        code: "Code",
        quiz: "Quiz",
        verdicts: ["Right!", "Not quite."],
        recap: ["enter: next lesson", "enter: back to the menu"],
        done: |n, total| format!("{n} of {total} done"),
        score: "quizzes",
    });
}

#[test]
fn the_whole_curriculum_can_be_walked_in_korean() {
    if !tmux_installed() {
        eprintln!("SKIPPED the_whole_curriculum_can_be_walked_in_korean: tmux is not installed");
        return;
    }
    walk_the_curriculum(&Words {
        lang: "ko",
        code: "코드",
        quiz: "퀴즈",
        verdicts: ["정답!", "아쉽습니다."],
        recap: ["enter: 다음 수업", "enter: 메뉴로"],
        done: |n, total| format!("{n} / {total} 완료"),
        score: "퀴즈",
    });
}
