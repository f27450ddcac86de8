//! Hostile and broken input: never crash, never hang, never escape, always say what and
//! where.
//!
//! `tests/hostile/NAME.py` are scripts that break the rules on purpose: broken source,
//! CPython's limits (recursion, memory), programs that never end, and every way out of
//! the sandbox we know of. Each has `NAME.rc` (the exit code), `NAME.expect` (lines that
//! must appear in its output: the located message, or CPython's last line) and maybe
//! `NAME.out` (its exact stdout). `tests/hostile_lessons/NAME.toml` are broken lessons,
//! with `NAME.expect` (the located `NAME.toml:L:C: error: ...`).
//!
//! Every run happens in a scratch folder holding canary files, with a canary in the
//! environment, under a timeout (a hang is a failure), and its output is searched for
//! what must never be there: a panic, the canaries, `/etc/passwd`, this crate's
//! `Cargo.toml`, the output of a child process, a raw terminal escape.
//!
//! `NAME.pending` marks a case that fails for a known reason outside this suite (its text
//! says which): it is run and reported, and does not fail the suite while it fails.
//! A lesson's `NAME.app` lists what the app's loader must say where it differs from
//! `check`'s words for a reason its text gives.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A run longer than this is a hang. (The engine's own real-time limit is 30 s.)
const TIMEOUT: Duration = Duration::from_secs(60);

/// Output that means the process crashed or the engine failed.
const CRASH_MARKS: &[&str] = &[
    "panicked at",
    "RUST_BACKTRACE",
    "stack overflow",
    "has overflowed its stack",
    "internal error",
    "SIGSEGV",
    "Segmentation fault",
    "core dumped",
];

/// What a child process prints when a script manages to run one: the scripts ask a
/// shell for `echo CHILD-$((6*7))-RAN`, so the source (which tracebacks quote) never
/// holds this text; only a shell that ran would print it.
const CHILD_OUTPUT: &str = "CHILD-42-RAN";

fn random_token() -> String {
    let mut h = RandomState::new().build_hasher();
    h.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos());
    h.write_u32(std::process::id());
    format!("{:016x}", h.finish())
}

/// A scratch folder with canaries in it: `canary.txt`, and a `Cargo.toml` of its own.
struct Sandbox {
    dir: PathBuf,
    /// The content of the canary files.
    token: String,
    /// The value of `AIOTUTOR_CANARY` in the environment of every run.
    env_value: String,
}

impl Sandbox {
    fn new(what: &str) -> Sandbox {
        let token = random_token();
        let dir = std::env::temp_dir().join(format!("aiotutor-hostile-{what}-{}-{token}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        std::fs::write(dir.join("canary.txt"), format!("canary-file-{token}\n")).expect("canary.txt");
        std::fs::write(dir.join("Cargo.toml"), format!("[package]\nname = \"canary-{token}\"\n")).expect("Cargo.toml");
        Sandbox { dir, env_value: format!("secret-{token}-env"), token }
    }

    /// Copy `file` into the folder (under its own name).
    fn put(&self, file: &Path) -> String {
        let name = file.file_name().expect("a file name").to_string_lossy().to_string();
        std::fs::copy(file, self.dir.join(&name)).expect("copy into the sandbox");
        name
    }

    /// Run the binary with `args` in the folder; `None` if it had to be killed.
    fn run(&self, args: &[&str]) -> Result<Run, String> {
        let mut child = Command::new(env!("CARGO_BIN_EXE_aiotutor"))
            .args(args)
            .current_dir(&self.dir)
            .env("AIOTUTOR_CANARY", &self.env_value)
            .env("NO_COLOR", "1")
            .env_remove("AIOTUTOR_LESSONS")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start aiotutor: {e}"))?;
        let mut out = child.stdout.take().expect("piped");
        let mut err = child.stderr.take().expect("piped");
        let out_reader = std::thread::spawn(move || {
            let mut b = Vec::new();
            let _ = out.read_to_end(&mut b);
            b
        });
        let err_reader = std::thread::spawn(move || {
            let mut b = Vec::new();
            let _ = err.read_to_end(&mut b);
            b
        });
        let start = Instant::now();
        let status = loop {
            if let Some(s) = child.try_wait().map_err(|e| e.to_string())? {
                break s;
            }
            if start.elapsed() > TIMEOUT {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("hung: still running after {} s, killed", TIMEOUT.as_secs()));
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let stdout = String::from_utf8_lossy(&out_reader.join().unwrap_or_default()).into_owned();
        let stderr = String::from_utf8_lossy(&err_reader.join().unwrap_or_default()).into_owned();
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            if let Some(sig) = status.signal() {
                return Err(format!("killed by signal {sig}\nstdout:\n{stdout}\nstderr:\n{stderr}"));
            }
        }
        Ok(Run { code: status.code().unwrap_or(-1), stdout, stderr, took: start.elapsed() })
    }

    /// What must never be in a run's output, nor in the folder after it.
    fn leaks(&self, run: &Run) -> Vec<String> {
        let mut found = Vec::new();
        let both = format!("{}\n{}", run.stdout, run.stderr);
        for mark in CRASH_MARKS {
            if both.contains(mark) {
                found.push(format!("a crash: {mark:?}"));
            }
        }
        let cargo_toml = include_str!("../Cargo.toml");
        let secrets = [
            (self.token.as_str(), "a canary file's content"),
            (self.env_value.as_str(), "the environment"),
            ("root:x:0:0", "/etc/passwd"),
            (CHILD_OUTPUT, "a child process's output"),
        ];
        for (secret, what) in secrets {
            if both.contains(secret) {
                found.push(format!("{what} leaked ({secret:?})"));
            }
        }
        for line in cargo_toml.lines().filter(|l| l.len() > 30) {
            if both.contains(line) {
                found.push(format!("this crate's Cargo.toml leaked ({line:?})"));
            }
        }
        if both.contains('\u{1b}') {
            found.push("a raw terminal escape (ESC) in the output".into());
        }
        for made in ["pwned.txt", "out.json"] {
            if self.dir.join(made).exists() {
                found.push(format!("the script created {made}"));
            }
        }
        found
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    took: Duration,
}

fn read(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

/// Lines of an `.expect` file (blank lines ignored).
fn expected_lines(path: &Path) -> Vec<String> {
    read(path).unwrap_or_default().lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect()
}

fn cases(dir: &str, ext: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the cases folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    files
}

/// The outcome of one case: problems (empty: it holds), and its pending note, if any.
struct Outcome {
    name: String,
    problems: Vec<String>,
    pending: Option<String>,
}

/// Run `check` on every case, on a few threads, and fail with every problem found.
fn run_all(cases: Vec<PathBuf>, check: impl Fn(&Path) -> Vec<String> + Sync) {
    let queue = Mutex::new(cases.into_iter());
    let outcomes = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(2, 4);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let Some(case) = queue.lock().expect("queue").next() else { break };
                let problems = check(&case);
                let name = case.file_name().expect("name").to_string_lossy().to_string();
                let pending = read(&case.with_extension("pending")).map(|s| s.trim().to_string());
                outcomes.lock().expect("outcomes").push(Outcome { name, problems, pending });
            });
        }
    });
    let mut outcomes = outcomes.into_inner().expect("outcomes");
    outcomes.sort_by(|a, b| a.name.cmp(&b.name));
    let mut failures = Vec::new();
    for o in &outcomes {
        match (&o.pending, o.problems.is_empty()) {
            (None, true) => {}
            (None, false) => failures.push(format!("{}:\n  {}", o.name, o.problems.join("\n  "))),
            (Some(why), false) => eprintln!("PENDING {} ({why}):\n  {}", o.name, o.problems.join("\n  ")),
            (Some(_), true) => eprintln!("PENDING {} now holds: remove its .pending file", o.name),
        }
    }
    eprintln!("{} cases, {} failed", outcomes.len(), failures.len());
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), outcomes.len(), failures.join("\n"));
}

/// Check a run against the expected exit code, lines and stdout, and for leaks.
fn judge(sandbox: &Sandbox, run: &Result<Run, String>, rc: Option<i32>, expect: &[String], out: Option<String>) -> Vec<String> {
    let run = match run {
        Ok(r) => r,
        Err(e) => return vec![e.clone()],
    };
    let mut problems = sandbox.leaks(run);
    let shown = || format!("\n    stdout: {:?}\n    stderr: {:?}", cut(&run.stdout), cut(&run.stderr));
    match rc {
        Some(want) if run.code != want => problems.push(format!("exit code {}, expected {want}{}", run.code, shown())),
        None if run.code == 0 => problems.push(format!("exit code 0, expected a failure{}", shown())),
        _ => {}
    }
    let both = format!("{}\n{}", run.stdout, run.stderr);
    for line in expect {
        if !both.contains(line.as_str()) {
            problems.push(format!("missing {line:?}{}", shown()));
        }
    }
    if let Some(out) = out {
        if run.stdout != out {
            problems.push(format!("stdout {:?}, expected {out:?}", cut(&run.stdout)));
        }
    }
    if run.took > Duration::from_secs(45) {
        eprintln!("note: took {:.1} s", run.took.as_secs_f64());
    }
    problems
}

fn cut(s: &str) -> String {
    if s.chars().count() <= 1500 {
        return s.to_string();
    }
    let head: String = s.chars().take(700).collect();
    let tail: String = s.chars().rev().take(700).collect::<Vec<_>>().into_iter().rev().collect();
    format!("{head}[...]{tail}")
}

#[test]
fn hostile_scripts() {
    let scripts = cases("tests/hostile", "py");
    assert!(scripts.len() >= 40, "at least 40 hostile scripts, found {}", scripts.len());
    run_all(scripts, |script| {
        let sandbox = Sandbox::new("script");
        let name = sandbox.put(script);
        let rc = read(&script.with_extension("rc")).and_then(|s| s.trim().parse().ok());
        if rc.is_none() {
            return vec!["no .rc file".into()];
        }
        let expect = expected_lines(&script.with_extension("expect"));
        let out = read(&script.with_extension("out"));
        let run = sandbox.run(&["run", &name]);
        judge(&sandbox, &run, rc, &expect, out)
    });
}

#[test]
fn hostile_lessons() {
    let lessons = cases("tests/hostile_lessons", "toml");
    assert!(lessons.len() >= 15, "at least 15 broken lessons, found {}", lessons.len());
    run_all(lessons, |lesson| {
        let sandbox = Sandbox::new("lesson");
        let name = sandbox.put(lesson);
        let expect = expected_lines(&lesson.with_extension("expect"));
        if expect.is_empty() {
            return vec!["no .expect file".into()];
        }
        if !expect.iter().any(|l| l.starts_with(&format!("{name}:"))) {
            return vec![format!("the .expect file must name the location ({name}:LINE:COL)")];
        }
        let run = sandbox.run(&["check", &name]);
        let mut problems = judge(&sandbox, &run, Some(1), &expect, None);
        // The app's loaders say the same: `aiotutor lesson FILE` (which stops before the
        // terminal opens when the file does not load) and `--watch`'s loader, which also
        // runs the programs and checks them.
        let path = sandbox.dir.join(&name);
        if aiotutor::lessons::load_file(&path).is_err() {
            let run = sandbox.run(&["lesson", &name]);
            problems.extend(judge(&sandbox, &run, Some(1), &expect, Some(String::new())).into_iter().map(|p| format!("lesson FILE: {p}")));
        }
        let in_app = aiotutor::tui::watch::load(Path::new(&path)).err().unwrap_or_default();
        // The loader names the file as it was given: compare from the file name on.
        let in_app = in_app.replace(&format!("{}/", sandbox.dir.display()), "");
        // `NAME.app`: what the app says instead, where it differs for a reason.
        let app_expect = match read(&lesson.with_extension("app")) {
            Some(_) => expected_lines(&lesson.with_extension("app")),
            None => expect.clone(),
        };
        for line in &app_expect {
            if !in_app.contains(line.as_str()) {
                problems.push(format!("the app's loader does not say {line:?}: {:?}", cut(&in_app)));
            }
        }
        problems
    });
}

/// The lesson menu lists a broken file of the teacher's folder with the same located
/// error `check` prints.
#[test]
fn the_menu_lists_broken_lessons_with_their_location() {
    let sandbox = Sandbox::new("menu");
    let picked = ["truncated", "wrong_type_id", "unknown_key", "invalid_utf8", "binary", "duplicate_program"];
    for name in picked {
        sandbox.put(&Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/hostile_lessons/{name}.toml")));
    }
    let entries = aiotutor::lessons::catalog(Some(&sandbox.dir)).expect("the folder is read");
    for name in picked {
        let file = format!("{name}.toml");
        let entry = entries.iter().find(|e| e.origin.ends_with(&format!("/{file}"))).unwrap_or_else(|| panic!("{file} is listed"));
        let err = entry.lesson.as_ref().expect_err("a broken lesson is listed as broken").render();
        let err = err.replace(&format!("{}/", sandbox.dir.display()), "");
        for line in expected_lines(&Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/hostile_lessons/{name}.expect"))) {
            assert!(err.contains(&line), "{file}: the menu shows {err:?}, not {line:?}");
        }
        assert!(!err.contains('\u{1b}') && !err.contains('\0'), "{file}: raw control characters in {err:?}");
    }
    // The built-in lessons are all still there, whole.
    assert!(entries.iter().filter(|e| !e.extra).all(|e| e.lesson.is_ok()));
}

/// Files no lesson could be: larger than 1 MB (a real file, and `/dev/zero`), a
/// 400 kB line (shown as a window around the error, not whole), a folder.
#[test]
fn oversized_and_odd_lesson_files() {
    let sandbox = Sandbox::new("odd-lessons");
    let good = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile_lessons/quiz_wrong.toml")).expect("a lesson");
    std::fs::write(sandbox.dir.join("huge.toml"), format!("{good}\n# {}\n", "x".repeat(1 << 20))).expect("huge.toml");
    let long = good.replace("summary.en = \"A demo.\"", &format!("summary.en = \"{}\"x", "ab".repeat(200_000)));
    std::fs::write(sandbox.dir.join("long_line.toml"), long).expect("long_line.toml");
    std::fs::create_dir_all(sandbox.dir.join("folder.toml")).expect("a folder");
    let mut problems = Vec::new();
    let cases: &[(&[&str], &str)] = &[
        (&["check", "huge.toml"], "huge.toml:1:1: error: the file is larger than 1 MB: too large to be a lesson"),
        (&["lesson", "huge.toml"], "huge.toml:1:1: error: the file is larger than 1 MB: too large to be a lesson"),
        (&["check", "/dev/zero"], "/dev/zero:1:1: error: the file is larger than 1 MB: too large to be a lesson"),
        (&["check", "long_line.toml"], "long_line.toml:4:400016: error: unexpected key or value"),
        (&["check", "no-such-lesson.toml"], "no-such-lesson.toml:1:1: error: cannot read the lesson"),
    ];
    for (args, want) in cases {
        let run = sandbox.run(args);
        for p in judge(&sandbox, &run, None, &[want.to_string()], None) {
            problems.push(format!("{args:?}: {p}"));
        }
        if let Ok(r) = &run {
            if r.stderr.len() > 4000 {
                problems.push(format!("{args:?}: {} bytes of errors: a long line must be shown as a window", r.stderr.len()));
            }
        }
    }
    // A folder is checked as a folder of lessons (none here).
    let run = sandbox.run(&["check", "folder.toml"]);
    problems.extend(judge(&sandbox, &run, Some(0), &["0 lessons checked".to_string()], None));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// `run` and `show` on files that are no script: missing, a folder, endless
/// (`/dev/zero`), not UTF-8. `show` stops before the terminal opens.
#[test]
fn files_that_are_no_script() {
    let sandbox = Sandbox::new("odd-scripts");
    let bad = sandbox.put(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile/syntax_invalid_utf8.py"));
    std::fs::create_dir_all(sandbox.dir.join("folder.py")).expect("a folder");
    let mut problems = Vec::new();
    let non_utf8 = format!("{bad}:1:9: SyntaxError: Non-UTF-8 code starting with '\\xff'");
    let cases: &[(&[&str], i32, &str)] = &[
        (&["run", "missing.py"], 2, "aiotutor: cannot read missing.py"),
        (&["show", "missing.py"], 2, "aiotutor: cannot read missing.py"),
        (&["run", "folder.py"], 2, "aiotutor: cannot read folder.py"),
        (&["run", "/dev/zero"], 2, "aiotutor: /dev/zero is larger than 16 MB: too large to be a script"),
        (&["show", "/dev/zero"], 2, "aiotutor: /dev/zero is larger than 16 MB: too large to be a script"),
        (&["run", &bad], 1, &non_utf8),
        (&["show", &bad], 1, &non_utf8),
        (&["trace", "--json", &bad], 1, &non_utf8),
    ];
    for (args, rc, want) in cases {
        let run = sandbox.run(args);
        for p in judge(&sandbox, &run, Some(*rc), &[want.to_string()], None) {
            problems.push(format!("{args:?}: {p}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The app records every event of a run (`trace --json` shows what it sees): the limits
/// hold there too, and the trace's own size never turns into the program's MemoryError.
#[test]
fn limits_hold_when_everything_is_recorded() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let cases = [
        // Blocked loop or, on a loaded machine, the real-time limit: stopped, not a MemoryError.
        ("never_yields.py", 3, "never_yields.py:4: error: "),
        ("deadlock_event.py", 3, "Task-2 waits for Event.wait at deadlock_event.py:4"),
        ("recursion_await_chain.py", 1, "RecursionError: maximum recursion depth exceeded"),
        ("memory_list_growth.py", 1, "MemoryError"),
        ("nonlocal_no_binding.py", 1, "nonlocal_no_binding.py:3:9: SyntaxError: no binding for nonlocal 'count' found"),
        ("open_etc_passwd.py", 2, "open_etc_passwd.py:1: error: open() is refused"),
    ];
    let mut problems = Vec::new();
    for (file, rc, want) in cases {
        let sandbox = Sandbox::new("trace");
        let name = sandbox.put(&dir.join(file));
        let run = sandbox.run(&["trace", "--json", &name]);
        // `trace` succeeds; the program's exit code is the trace's last event.
        let exit = format!("\"event\":\"exit\",\"code\":{rc}}}");
        for p in judge(&sandbox, &run, Some(0), &[want.to_string(), exit], None) {
            problems.push(format!("trace --json {file}: {}", cut(&p)));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// `aiotutor show FILE` draws the same runs in the player: broken scripts, refusals,
/// deadlocks and crashes of the program draw (at the start and at the end, in a small
/// and a large terminal) without a panic, and the error is on the screen.
#[test]
fn the_player_shows_broken_scripts() {
    use aiotutor::tui::{view, Action, App, Player, Theme};
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let cases = [
        ("syntax_unclosed_paren", "'(' was never closed"),
        ("syntax_nul_byte", "source code cannot contain null bytes"),
        ("terminal_escape_in_source", "invalid non-printable character U+001B"),
        ("nested_parens_5000", "too many nested parentheses"),
        ("nonlocal_no_binding", "no binding for nonlocal 'count' found"),
        ("match_statement", "'match' statements are not supported yet"),
        ("recursion_await_chain", "RecursionError: maximum recursion depth exceeded"),
        ("deadlock_event", "deadlock"),
        ("open_etc_passwd", "open() is refused"),
        ("subclasses_walk", "the attribute '__base__' is refused"),
        ("print_file_odd", "AttributeError: 'int' object has no attribute 'write'"),
        ("nested_asyncio_run", "RuntimeError: asyncio.run() cannot be called from a running event loop"),
    ];
    let screen = |app: &App| {
        let mut buf = Buffer::empty(Rect::new(0, 0, app.width, app.height));
        view::render(app, buf.area, &mut buf);
        let mut text = String::new();
        for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                text.push_str(buf[(x, y)].symbol());
            }
            text.push('\n');
        }
        text
    };
    let mut problems = Vec::new();
    for (name, want) in cases {
        let file = format!("{name}.py");
        let bytes = std::fs::read(dir.join(&file)).expect("the script");
        let source = match aiotutor::program::decode_script(&file, bytes) {
            Ok(s) => s,
            Err((_, msg)) => {
                problems.push(format!("{file}: not readable: {msg}"));
                continue;
            }
        };
        for (w, h) in [(60, 16), (160, 50)] {
            let mut app = App::new(Theme::new(false, false), w, h).with_player(Player::from_script(&file, &source));
            let first = screen(&app);
            app.update(Action::ToEnd);
            let last = screen(&app);
            let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            let want_flat = flat(want);
            // Narrow screens wrap the message: look for its start.
            let head: String = want_flat.chars().take(if w < 100 { 20 } else { want_flat.len() }).collect();
            if w >= 100 && !flat(&first).contains(&head) && !flat(&last).contains(&head) {
                problems.push(format!("{file} at {w}x{h}: {want:?} is not on the screen:\n{last}"));
            }
            if first.contains('\u{1b}') || last.contains('\u{1b}') {
                problems.push(format!("{file}: a raw ESC on the screen"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A broken file of the teacher's folder that takes a built-in lesson's id: opening the
/// lesson by id says why the file does not load, where (not "no lesson 'gather'").
#[test]
fn a_broken_lesson_in_place_of_a_built_in_one_says_why() {
    let sandbox = Sandbox::new("replace");
    let broken = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile_lessons/quiz_bad_kind.toml"))
        .expect("a broken lesson")
        .replace("id = \"demo\"", "id = \"gather\"");
    std::fs::create_dir_all(sandbox.dir.join("mine")).expect("a lessons folder");
    std::fs::write(sandbox.dir.join("mine/gather.toml"), broken).expect("the lesson");
    let run = sandbox.run(&["--lessons", "mine", "lesson", "gather"]);
    let want = "mine/gather.toml:24:8: error: unknown quiz kind \"length\"".to_string();
    let problems = judge(&sandbox, &run, Some(1), &[want], Some(String::new()));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Two lessons with one id (it names the lesson and its progress): `check` of both, and
/// the menu of a folder holding both, point at the second one's id.
#[test]
fn duplicate_lesson_ids_are_located() {
    let sandbox = Sandbox::new("dup-ids");
    let good = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile_lessons/quiz_wrong.toml"))
        .expect("a lesson")
        .replace("choices = [2, 3, 4]", "choices = [1, 2, 3]");
    std::fs::create_dir_all(sandbox.dir.join("mine")).expect("a folder");
    std::fs::write(sandbox.dir.join("mine/a.toml"), &good).expect("a.toml");
    std::fs::write(sandbox.dir.join("mine/b.toml"), &good).expect("b.toml");
    let want = "mine/b.toml:1:6: error: the id \"demo\" is also the id of mine/a.toml".to_string();
    let mut problems = Vec::new();
    for args in [&["check", "mine/a.toml", "mine/b.toml"][..], &["check", "mine"][..]] {
        let run = sandbox.run(args);
        problems.extend(judge(&sandbox, &run, Some(1), &[want.clone(), "ok    mine/a.toml".into()], None));
    }
    let entries = aiotutor::lessons::catalog(Some(&sandbox.dir.join("mine"))).expect("the folder");
    let b = entries.iter().find(|e| e.origin.ends_with("b.toml")).expect("b.toml is listed");
    let shown = b.lesson.as_ref().expect_err("the second one is broken").render();
    if !shown.contains("b.toml:1:6: error: the id \"demo\" is also the id of") {
        problems.push(format!("the menu shows {shown:?}"));
    }
    assert!(entries.iter().find(|e| e.origin.ends_with("a.toml")).is_some_and(|e| e.lesson.is_ok()), "a.toml loads");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
