//! The `json` module (`tests/stdlib/json_*.py`): every script's stdout (and, where
//! recorded, exit status and last stderr line) must equal CPython 3.11's, recorded with
//! `python3`. `tests/stdlib/sandbox/` holds aiotutor's own behaviour where the sandbox
//! cannot give CPython's (expected output written by hand).

mod common;

use common::*;

fn json_scripts(dir: &std::path::Path) -> Vec<String> {
    scripts(dir).iter().map(|p| stem(p)).filter(|n| n.starts_with("json_")).collect()
}

#[test]
fn json_scripts_match_cpython() {
    let dir = fixture_dir("stdlib");
    let names = json_scripts(&dir);
    assert!(names.len() >= 10, "only {} json scripts", names.len());
    let failures: Vec<String> = names.iter().flat_map(|n| check_run(&dir, n)).collect();
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn json_sandbox_refusals() {
    let dir = fixture_dir("stdlib").join("sandbox");
    let names = json_scripts(&dir);
    assert!(!names.is_empty(), "no sandbox scripts");
    let failures: Vec<String> = names.iter().flat_map(|n| check_run(&dir, n)).collect();
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}
