//! Every label the app shows, in one place. What a learner reads to find their way
//! (menus, keys, quizzes, pane titles) is translated (`Ui`, one per language); the loop
//! panel keeps asyncio's own vocabulary (`ready`, `timers`, `Task-2.step`) in English,
//! as CPython's source and the lessons' prose name it.

use crate::lessons::Lang;

pub const PASS: &str = "pass";
pub const RUNNING: &str = "running";
pub const READY: &str = "ready";
pub const WAITING: &str = "waiting";
pub const TIMERS: &str = "timers";
pub const THREADS: &str = "threads";
pub const QUEUED_JOBS: &str = "queued";
pub const THREAD_RUNS: &str = "runs, holds the GIL";
pub const THREAD_BLOCKED: &str = "blocked, GIL released, until";
pub const THREAD_WAITS_GIL: &str = "waits for the GIL";
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
pub const TASK: &str = "task";
pub const IN_FLIGHT: &str = "in flight";
pub const DONE: &str = "done";
pub const CONNECTIONS: &str = "conns";
pub const BUSY: &str = "busy";
pub const TOKENS: &str = "tokens";
pub const LOOP_IN_SELECT: &str = "loop waits in select()";

pub const EXIT: &str = "exit";
pub const COMPILE_ERROR: &str = "does not compile";
pub const RUNTIME_ERROR: &str = "stopped with an error";
pub const TRUNCATED: &str = "the trace is too long: only its beginning is shown";

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

/// The translated labels.
#[derive(Debug)]
pub struct Ui {
    pub menu_title: &'static str,
    pub menu_lessons: &'static str,
    pub menu_about: &'static str,
    pub menu_broken: &'static str,
    pub menu_intro: &'static str,
    pub menu_side_by_side: &'static str,
    /// `3 of 16 lessons done`.
    pub menu_done: &'static str,
    pub menu_of: &'static str,
    pub menu_quizzes: &'static str,
    pub menu_from_folder: &'static str,
    pub menu_progress_error: &'static str,

    pub pane_prose: &'static str,
    pub pane_code: &'static str,
    pub pane_loop: &'static str,
    pub pane_output: &'static str,
    pub pane_processes: &'static str,
    pub pane_timeline: &'static str,
    pub page: &'static str,
    pub more: &'static str,
    pub no_prose: &'static str,

    pub playing: &'static str,
    pub paused: &'static str,
    pub finished: &'static str,
    pub present: &'static str,
    pub pause_note: &'static str,
    pub line: &'static str,
    pub pause_continue: &'static str,
    pub why: &'static str,

    pub quiz: &'static str,
    pub quiz_keys: &'static str,
    pub quiz_right: &'static str,
    pub quiz_wrong: &'static str,
    pub quiz_answer_is: &'static str,
    pub quiz_measured: &'static str,
    pub quiz_continue_right: &'static str,
    pub quiz_continue_wrong: &'static str,
    pub quiz_skipped: &'static str,
    pub hint: &'static str,
    pub no_hints: &'static str,
    pub hint_close: &'static str,
    pub recap: &'static str,
    pub recap_score: &'static str,
    pub recap_keys_next: &'static str,
    pub recap_keys_last: &'static str,

    pub watch_broken: &'static str,
    pub watch_keeps: &'static str,
    pub watch_reloaded: &'static str,
    pub watch_waiting: &'static str,

    pub footer_player: &'static [(&'static str, &'static str)],
    pub footer_menu: &'static [(&'static str, &'static str)],
    pub help_title: &'static str,
    pub help_close: &'static str,
    pub help_keys: &'static [(&'static str, &'static str)],

    pub too_small: &'static str,
    pub too_small_need: &'static str,
    pub too_small_quit: &'static str,
}

pub fn ui(lang: Lang) -> &'static Ui {
    match lang {
        Lang::En => &EN,
        Lang::Ko => &KO,
    }
}

pub const EN: Ui = Ui {
    menu_title: " aiotutor — how Python's asyncio really works ",
    menu_lessons: " Lessons ",
    menu_about: " About this lesson ",
    menu_broken: "this lesson file has an error:",
    menu_intro: "Each lesson runs real asyncio code on a model of CPython 3.11's event loop, in virtual time. Watch the loop: the running handle, the ready queue, the waiting tasks, the timers.",
    menu_side_by_side: "two programs, side by side",
    menu_done: "done",
    menu_of: "of",
    menu_quizzes: "quizzes",
    menu_from_folder: "from",
    menu_progress_error: "progress is not saved:",

    pane_prose: "Lesson",
    pane_code: "Code",
    pane_loop: "Event loop",
    pane_output: "Output",
    pane_processes: "Server processes",
    pane_timeline: "Timeline",
    page: "page",
    more: "more",
    no_prose: "No lesson text: this is a script opened with `aiotutor show`.\n\nPress `space` to play, `→` to step one handle, `↓` to step one line, `←` to step back.",

    playing: "playing",
    paused: "paused",
    finished: "finished",
    present: "present",
    pause_note: "Pause",
    line: "line",
    pause_continue: "(space: play on · → / ↓: step)",
    why: "Why",

    quiz: "Quiz",
    quiz_keys: "1-9 or ↑/↓ enter: answer · i: hint · esc: skip",
    quiz_right: "Right!",
    quiz_wrong: "Not quite.",
    quiz_answer_is: "The answer is",
    quiz_measured: "the run measured",
    quiz_continue_right: "space: play",
    quiz_continue_wrong: "space: watch why",
    quiz_skipped: "skipped",
    hint: "Hint",
    no_hints: "This lesson has no hints.",
    hint_close: "i: next hint · any key: close",
    recap: "Recap",
    recap_score: "Quizzes right at the first try:",
    recap_keys_next: "enter: next lesson · r: replay · any key: close",
    recap_keys_last: "enter: back to the menu · r: replay · any key: close",

    watch_broken: "The saved lesson does not check:",
    watch_keeps: "The last good version keeps playing. Fix the file and save.",
    watch_reloaded: "reloaded",
    watch_waiting: "Waiting for a version of the lesson that checks. Fix the file and save.",

    footer_player: &[
        ("space", "play"),
        ("→/↓", "step"),
        ("←", "back"),
        ("i", "hint"),
        ("?", "help"),
        ("n/p", "page"),
        ("+/-", "speed"),
        ("tab", "focus"),
        ("q", "back"),
    ],
    footer_menu: &[("↑/↓", "choose"), ("enter", "open"), ("?", "help"), ("q", "quit")],
    help_title: " Keys ",
    help_close: "press any key to close",
    help_keys: &[
        ("space", "play / pause"),
        ("→ / l", "step one handle (one loop callback)"),
        ("↓ / j", "step one line"),
        ("← / h", "step back one handle"),
        ("↑ / k", "step back one line"),
        ("+ / -", "speed: 0.1× … 10× virtual seconds per second"),
        ("r", "restart from the beginning"),
        ("end / e", "jump to the end"),
        ("n / p", "next / previous page of the lesson"),
        ("i", "a hint"),
        ("c", "the recap (once the lesson is done)"),
        ("1-9", "answer a quiz"),
        ("tab / shift-tab", "focus the next / previous pane"),
        ("pgup / pgdn", "scroll the focused pane"),
        ("mouse wheel", "scroll the pane under the pointer"),
        ("enter", "open the lesson (menu)"),
        ("?", "this help"),
        ("q / esc", "back to the menu, or quit"),
        ("ctrl-c", "quit"),
    ],

    too_small: "Make the terminal larger",
    too_small_need: "aiotutor needs at least 80 × 24; this one is",
    too_small_quit: "(q quits)",
};

pub const KO: Ui = Ui {
    menu_title: " aiotutor — 파이썬 asyncio는 실제로 어떻게 동작하나 ",
    menu_lessons: " 수업 ",
    menu_about: " 이 수업은 ",
    menu_broken: "이 수업 파일에 오류가 있습니다:",
    menu_intro: "각 수업은 실제 asyncio 코드를 CPython 3.11 이벤트 루프의 모형 위에서 가상 시간으로 실행합니다. 루프를 지켜보세요: 실행 중인 핸들, ready 큐, 기다리는 태스크, 타이머.",
    menu_side_by_side: "두 프로그램을 나란히",
    menu_done: "완료",
    menu_of: "/",
    menu_quizzes: "퀴즈",
    menu_from_folder: "출처",
    menu_progress_error: "진행 상황이 저장되지 않습니다:",

    pane_prose: "수업",
    pane_code: "코드",
    pane_loop: "이벤트 루프",
    pane_output: "출력",
    pane_processes: "서버 프로세스",
    pane_timeline: "타임라인",
    page: "쪽",
    more: "더 보기",
    no_prose: "수업 글이 없습니다. `aiotutor show`로 연 스크립트입니다.\n\n`space`로 재생, `→`로 핸들 하나, `↓`로 한 줄, `←`로 뒤로 갑니다.",

    playing: "재생 중",
    paused: "일시 정지",
    finished: "끝",
    present: "발표",
    pause_note: "멈춤",
    line: "줄",
    pause_continue: "(space: 계속 재생 · → / ↓: 한 단계)",
    why: "왜 그럴까",

    quiz: "퀴즈",
    quiz_keys: "1-9 또는 ↑/↓ enter: 답하기 · i: 힌트 · esc: 건너뛰기",
    quiz_right: "정답!",
    quiz_wrong: "아쉽습니다.",
    quiz_answer_is: "정답은",
    quiz_measured: "실행 결과",
    quiz_continue_right: "space: 재생",
    quiz_continue_wrong: "space: 이유 보기",
    quiz_skipped: "건너뜀",
    hint: "힌트",
    no_hints: "이 수업에는 힌트가 없습니다.",
    hint_close: "i: 다음 힌트 · 다른 키: 닫기",
    recap: "정리",
    recap_score: "첫 시도에 맞힌 퀴즈:",
    recap_keys_next: "enter: 다음 수업 · r: 다시 보기 · 다른 키: 닫기",
    recap_keys_last: "enter: 메뉴로 · r: 다시 보기 · 다른 키: 닫기",

    watch_broken: "저장된 수업이 검사를 통과하지 못합니다:",
    watch_keeps: "마지막으로 성공한 버전이 계속 재생됩니다. 파일을 고쳐 저장하세요.",
    watch_reloaded: "다시 불러옴",
    watch_waiting: "검사를 통과하는 수업 파일을 기다립니다. 파일을 고쳐 저장하세요.",

    footer_player: &[
        ("space", "재생"),
        ("→/↓", "진행"),
        ("←", "뒤로"),
        ("i", "힌트"),
        ("?", "도움말"),
        ("n/p", "쪽"),
        ("+/-", "속도"),
        ("tab", "포커스"),
        ("q", "나가기"),
    ],
    footer_menu: &[("↑/↓", "선택"), ("enter", "열기"), ("?", "도움말"), ("q", "종료")],
    help_title: " 키 ",
    help_close: "아무 키나 누르면 닫힙니다",
    help_keys: &[
        ("space", "재생 / 일시 정지"),
        ("→ / l", "핸들 하나 진행 (루프 콜백 하나)"),
        ("↓ / j", "한 줄 진행"),
        ("← / h", "핸들 하나 뒤로"),
        ("↑ / k", "한 줄 뒤로"),
        ("+ / -", "속도: 초당 가상 0.1초 … 10초"),
        ("r", "처음부터 다시"),
        ("end / e", "끝으로"),
        ("n / p", "수업의 다음 / 이전 쪽"),
        ("i", "힌트"),
        ("c", "정리 (수업을 마친 뒤)"),
        ("1-9", "퀴즈에 답하기"),
        ("tab / shift-tab", "다음 / 이전 창에 포커스"),
        ("pgup / pgdn", "포커스된 창 스크롤"),
        ("마우스 휠", "포인터 아래의 창 스크롤"),
        ("enter", "수업 열기 (메뉴)"),
        ("?", "이 도움말"),
        ("q / esc", "메뉴로, 또는 종료"),
        ("ctrl-c", "종료"),
    ],

    too_small: "터미널을 더 크게 해 주세요",
    too_small_need: "aiotutor에는 최소 80 × 24가 필요합니다. 지금은",
    too_small_quit: "(q: 종료)",
};
