//! Lessons: every shipped lesson passes `aiotutor check`; broken lesson files are
//! reported at file:line:col with a caret, and the command fails.

use std::path::Path;
use std::process::Command;

use aiotutor::lessons::{check_lesson, embedded, load_str};

fn aiotutor(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_aiotutor"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

#[test]
fn check_passes_on_the_lessons_folder() {
    let out = aiotutor(&["check", "lessons"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    let files = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons"))
        .expect("lessons/")
        .filter(|e| e.as_ref().is_ok_and(|e| e.path().extension().is_some_and(|x| x == "toml")))
        .count();
    assert!(stdout.contains(&format!("{files} lessons checked, {files} passed, 0 failed")), "{stdout}");
}

#[test]
fn every_lesson_file_is_built_in() {
    let built_in: Vec<&str> = embedded().iter().map(|(e, _)| e.path).collect();
    for e in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons")).expect("lessons/") {
        let name = format!("lessons/{}", e.expect("entry").file_name().to_string_lossy());
        if !name.ends_with(".toml") {
            continue; // README.md
        }
        assert!(built_in.contains(&name.as_str()), "{name} is not in lessons::catalog::EMBEDDED");
    }
}

#[test]
fn check_with_no_path_checks_the_built_in_lessons() {
    let out = aiotutor(&["check"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("lessons/01-gil.toml"));
}

const GOOD: &str = r##"id = "demo"
title.en = "Demo"
title.ko = "데모"
summary.en = "A demo."
summary.ko = "데모입니다."

[[page]]
text.en = "# Hi"
text.ko = "# 안녕"

[[program]]
file = "demo.py"
code = '''
import asyncio

async def main():
    await asyncio.sleep(1)

asyncio.run(main())
'''

[[program.pause]]
line = 4
note.en = "here"
note.ko = "여기"
"##;

#[test]
fn a_good_lesson_loads_and_checks() {
    let lesson = load_str("demo.toml", GOOD).expect("loads");
    assert_eq!(lesson.programs[0].first_line, 14);
    assert_eq!(lesson.programs[0].label, "demo");
    assert!(check_lesson(&lesson, GOOD).is_empty());
}

#[test]
fn unknown_keys_are_rejected_with_a_location() {
    let text = GOOD.replace("summary.ko = \"데모입니다.\"", "summary.ko = \"데모입니다.\"\nsumary = \"typo\"");
    let err = load_str("demo.toml", &text).expect_err("an unknown key");
    assert_eq!((err.line, err.col), (6, 1));
    assert!(err.message.contains("sumary"), "{}", err.message);
    let shown = err.render();
    assert!(shown.starts_with("demo.toml:6:1: error:"), "{shown}");
    assert!(shown.ends_with("    sumary = \"typo\"\n    ^"), "{shown}");
}

#[test]
fn a_pause_outside_the_program_is_located() {
    let text = GOOD.replace("line = 4", "line = 40");
    let err = load_str("demo.toml", &text).expect_err("out of range");
    assert_eq!(err.line, 23);
    assert!(err.message.contains("outside the program"));
}

#[test]
fn errors_in_the_python_point_into_the_toml() {
    let text = GOOD.replace("    await asyncio.sleep(1)", "    await asyncio.sleep(1) +");
    let lesson = load_str("demo.toml", &text).expect("the TOML is fine");
    let problems = check_lesson(&lesson, &text);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].line, 17, "{}", problems[0].render());
    assert!(problems[0].message.contains("SyntaxError") || problems[0].message.contains("demo.py"));
}

#[test]
fn a_runtime_error_fails_the_check() {
    let text = GOOD.replace("    await asyncio.sleep(1)", "    await asyncio.sleep(1)\n    1 / 0");
    let lesson = load_str("demo.toml", &text).expect("loads");
    let problems = check_lesson(&lesson, &text);
    assert!(problems.iter().any(|p| p.line == 18 && p.message.contains("ZeroDivisionError")), "{problems:?}");
}

#[test]
fn a_pause_never_reached_fails_the_check() {
    let text = GOOD.replace("line = 4", "line = 2");
    let lesson = load_str("demo.toml", &text).expect("loads");
    let problems = check_lesson(&lesson, &text);
    assert!(problems.iter().any(|p| p.message.contains("never runs line 2") && p.line == 23), "{problems:?}");
}

#[test]
fn check_exits_non_zero_on_a_broken_lesson() {
    let dir = std::env::temp_dir().join(format!("aiotutor-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, GOOD.replace("id = \"demo\"", "id = \"Demo Lesson\"")).expect("written");
    let out = aiotutor(&["check", bad.to_str().expect("utf-8 path")]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("bad.toml:1:6: error:"), "{stderr}");
    assert!(stderr.contains('^'));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_missing_language_is_located() {
    let text = GOOD.replace("text.ko = \"# 안녕\"\n", "");
    let err = load_str("demo.toml", &text).expect_err("no Korean page");
    assert_eq!(err.line, 8, "{}", err.render());
    assert!(err.message.contains("ko") || err.message.contains("Korean"), "{}", err.message);
}

#[test]
fn an_expected_output_the_engine_does_not_print_fails_the_check() {
    let text = GOOD.replace(
        "[[program.pause]]",
        "[program.expect]\noutput = \'\'\'\nhello\n\'\'\'\n\n[[program.pause]]",
    );
    let lesson = load_str("demo.toml", &text).expect("loads");
    let problems = check_lesson(&lesson, &text);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].line, 24, "{}", problems[0].render());
    assert!(problems[0].message.contains("\"hello\""), "{}", problems[0].message);
}

#[test]
fn a_quiz_answer_comes_from_the_run_and_a_choice_that_matches_nothing_fails() {
    let quiz = "\n[[quiz]]\nkind = \"duration\"\nquestion.en = \"How long?\"\nquestion.ko = \"얼마나?\"\nchoices = CHOICES\nexplain.en = \"One sleep.\"\nexplain.ko = \"sleep 한 번.\"\n";
    let good = format!("{GOOD}{}", quiz.replace("CHOICES", "[1, 3]"));
    let lesson = load_str("demo.toml", &good).expect("loads");
    assert!(check_lesson(&lesson, &good).is_empty());
    let bad = format!("{GOOD}{}", quiz.replace("CHOICES", "[2, 3]"));
    let lesson = load_str("demo.toml", &bad).expect("loads");
    let problems = check_lesson(&lesson, &bad);
    assert!(problems.iter().any(|p| p.message.contains("no choice is near")), "{problems:?}");
}

#[test]
fn new_scaffolds_a_lesson_that_checks_and_refuses_to_overwrite() {
    let dir = std::env::temp_dir().join(format!("aiotutor-new-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("17-my-topic");
    let out = aiotutor(&["new", file.to_str().expect("utf-8 path")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let toml = dir.join("17-my-topic.toml");
    let text = std::fs::read_to_string(&toml).expect("the file is written");
    assert!(text.contains("id = \"my-topic\""), "the id comes from the name, without its number");
    let out = aiotutor(&["check", toml.to_str().expect("utf-8 path")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let again = aiotutor(&["new", toml.to_str().expect("utf-8 path")]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn progress_lists_and_resets() {
    let dir = std::env::temp_dir().join(format!("aiotutor-progress-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("progress.json"), r#"{"lessons":{"gather":{"done":true,"quiz_best":1,"quiz_total":2}}}"#)
        .expect("written");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_aiotutor"))
            .args(args)
            .env("AIOTUTOR_DATA_DIR", &dir)
            .env("LANG", "C.UTF-8")
            .output()
            .expect("the binary runs")
    };
    let out = run(&["progress"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(stdout.contains("[x]  5. Sequential awaits vs gather  quiz 1/2"), "{stdout}");
    assert!(stdout.contains(&format!("1 of {} lessons done", embedded().len())), "{stdout}");
    assert!(run(&["progress", "--reset"]).status.success());
    assert!(!dir.join("progress.json").exists());
    let stdout = String::from_utf8_lossy(&run(&["progress"]).stdout).into_owned();
    assert!(stdout.contains("0 of"), "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn python_outside_the_subset_is_named_and_located_in_the_toml() {
    let text = GOOD.replace(
        "    await asyncio.sleep(1)",
        "    match 1:\n        case 1:\n            await asyncio.sleep(1)",
    );
    let lesson = load_str("demo.toml", &text).expect("the TOML is fine");
    let problems = check_lesson(&lesson, &text);
    assert_eq!(problems.len(), 1, "{problems:?}");
    let shown = problems[0].render();
    // The `match` is program line 4, TOML line 17, indented by 4.
    assert!(shown.starts_with("demo.toml:17:5: error:"), "{shown}");
    assert!(shown.contains("'match' statements are not supported yet"), "{shown}");
    assert!(shown.contains("    match 1:"), "the TOML line is shown: {shown}");
}
