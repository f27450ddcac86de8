//! Every label the app shows, in one place (wording and, later, translation).

pub const MENU_TITLE: &str = " aiotutor — how Python's asyncio really works ";
pub const MENU_LESSONS: &str = " Lessons ";
pub const MENU_ABOUT: &str = " About this lesson ";
pub const MENU_BROKEN: &str = "this lesson file has an error:";
pub const MENU_INTRO: &str = "Each lesson runs real asyncio code on a model of CPython 3.11's event loop, in virtual time. Watch the loop: the running handle, the ready queue, the waiting tasks, the timers.";
pub const MENU_SIDE_BY_SIDE: &str = "two programs, side by side";

pub const PANE_PROSE: &str = "Lesson";
pub const PANE_CODE: &str = "Code";
pub const PANE_LOOP: &str = "Event loop";
pub const PANE_OUTPUT: &str = "Output";
pub const PANE_TIMELINE: &str = "Timeline";
pub const PAGE: &str = "page";
pub const NO_PROSE: &str = "No lesson text: this is a script opened with `aiotutor show`.\n\nPress `space` to play, `→` to step one handle, `↓` to step one line, `←` to step back.";

pub const PASS: &str = "pass";
pub const RUNNING: &str = "running";
pub const READY: &str = "ready";
pub const WAITING: &str = "waiting";
pub const TIMERS: &str = "timers";
pub const NOTHING: &str = "—";
pub const LOOP_NOT_STARTED: &str = "the loop has not started (module level code runs)";
pub const LOOP_CLOSED: &str = "the loop is closed";
pub const IDLE: &str = "idle: select() sleeps until";
pub const LOOP_BLOCKED: &str = "LOOP BLOCKED";
pub const BLOCKED_BY: &str = "by";
pub const BLOCKED_NOTHING_RUNS: &str = "nothing else runs, no timer fires";
pub const WAS_BLOCKED: &str = "the loop was blocked";
pub const SLEEP_UNTIL: &str = "sleep";
pub const YIELDED: &str = "yielded (sleep(0))";
pub const IN: &str = "in";
pub const OVERDUE: &str = "overdue";
pub const MORE: &str = "more";
pub const TASK: &str = "task";

pub const PLAYING: &str = "playing";
pub const PAUSED: &str = "paused";
pub const FINISHED: &str = "finished";
pub const EXIT: &str = "exit";
pub const PAUSE_NOTE: &str = "Pause";
pub const PAUSE_CONTINUE: &str = "(space: play on · → / ↓: step)";
pub const COMPILE_ERROR: &str = "does not compile";
pub const RUNTIME_ERROR: &str = "stopped with an error";
pub const TRUNCATED: &str = "the trace is too long: only its beginning is shown";

pub const FOOTER_PLAYER: &[(&str, &str)] = &[
    ("space", "play"),
    ("→/↓", "step"),
    ("←", "back"),
    ("?", "help"),
    ("+/-", "speed"),
    ("n/p", "page"),
    ("tab", "focus"),
    ("q", "back"),
];
pub const FOOTER_MENU: &[(&str, &str)] = &[("↑/↓", "choose"), ("enter", "open"), ("?", "help"), ("q", "quit")];

pub const HELP_TITLE: &str = " Keys ";
pub const HELP_CLOSE: &str = "press any key to close";
pub const HELP_KEYS: &[(&str, &str)] = &[
    ("space", "play / pause"),
    ("→ / l", "step one handle (one loop callback)"),
    ("↓ / j", "step one line"),
    ("← / h", "step back one handle"),
    ("↑ / k", "step back one line"),
    ("+ / -", "speed: 0.1× … 10× virtual seconds per second"),
    ("r", "restart from the beginning"),
    ("end / e", "jump to the end"),
    ("n / p", "next / previous page of the lesson"),
    ("tab / shift-tab", "focus the next / previous pane"),
    ("pgup / pgdn", "scroll the focused pane"),
    ("mouse wheel", "scroll the pane under the pointer"),
    ("enter", "open the lesson (menu)"),
    ("?", "this help"),
    ("q / esc", "back to the menu, or quit"),
    ("ctrl-c", "quit"),
];

pub const TOO_SMALL: &str = "Make the terminal larger";
pub const TOO_SMALL_NEED: &str = "aiotutor needs at least 80 × 24; this one is";
pub const TOO_SMALL_QUIT: &str = "(q quits)";

pub const TIMELINE_SECONDS: &str = "s";
pub const TIMELINE_STEPS: &str = "events";
pub const TIMELINE_LEGEND: &[(&str, &str)] =
    &[("run", "running"), ("ready", "ready"), ("wait", "waiting"), ("blocked", "blocked")];

/// Key names as `--ascii` shows them (arrows spelled out).
pub fn key_name(key: &str, ascii: bool) -> String {
    if !ascii {
        return key.to_string();
    }
    key.replace('→', "right")
        .replace('←', "left")
        .replace('↑', "up")
        .replace('↓', "down")
        .replace('…', "...")
        .replace('×', "x")
}
