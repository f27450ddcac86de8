//! The conformance suite: every script in `tests/conformance/` runs through the real
//! binary and must print exactly what CPython 3.11 printed (stdout, exit code, last
//! stderr line), and `trace --steps` must equal CPython's step order.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Scripts whose asyncio features are not built yet (the list shrinks to nothing).
const NOT_YET: &[&str] = &[
    "t2_01", "t2_02", "t2_03", "t2_06", "t2_07", "t2_08", "t2_09", "t2_10", "t2_11", "t2_16", "t2_17", "t2_18",
    "t2_19", "t2_20", "t2_21", "t3_02", "t3_03", "t3_04", "t3_07", "t3_11", "t3_12", "t4_03", "t4_04", "t4_05",
    "t4_06", "t4_07", "t4_08",
];

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance")
}

fn scripts() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir())
        .expect("tests/conformance exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    v.sort();
    v
}

fn stem(p: &Path) -> String {
    p.file_stem().unwrap_or_default().to_string_lossy().into_owned()
}

fn aiotutor(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_aiotutor"))
        .args(args)
        .current_dir(dir())
        .output()
        .expect("the aiotutor binary runs")
}

fn last_line(s: &str) -> &str {
    s.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("")
}

#[test]
fn stdout_exit_code_and_stderr_match_cpython() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for py in scripts() {
        let name = stem(&py);
        if NOT_YET.iter().any(|p| name.starts_with(p)) {
            continue;
        }
        checked += 1;
        let out = aiotutor(&["run", &format!("{name}.py")]);
        let expected = std::fs::read_to_string(dir().join(format!("{name}.out"))).expect(".out file");
        let rc: i32 = std::fs::read_to_string(dir().join(format!("{name}.rc")))
            .map(|s| s.trim().parse().expect("rc is a number"))
            .unwrap_or(0);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        if stdout != expected {
            failures.push(format!("{name}: stdout differs\n--- expected\n{expected}--- got\n{stdout}"));
        }
        if out.status.code() != Some(rc) {
            failures.push(format!("{name}: exit code {:?}, expected {rc}\n{stderr}", out.status.code()));
        }
        if let Ok(err) = std::fs::read_to_string(dir().join(format!("{name}.err"))) {
            if last_line(&stderr) != err.trim_end() {
                failures.push(format!("{name}: last stderr line {:?}, expected {:?}", last_line(&stderr), err.trim_end()));
            }
        }
    }
    assert!(checked >= 40, "only {checked} scripts checked");
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n\n"));
}

#[test]
fn step_order_matches_cpython() {
    let mut failures = Vec::new();
    for py in scripts() {
        let name = stem(&py);
        let steps_file = dir().join(format!("{name}.steps"));
        if NOT_YET.iter().any(|p| name.starts_with(p)) || !steps_file.exists() {
            continue;
        }
        let expected = std::fs::read_to_string(&steps_file).expect(".steps file");
        let out = aiotutor(&["trace", &format!("{name}.py"), "--steps"]);
        let got = String::from_utf8_lossy(&out.stdout);
        if got != expected {
            let first = expected
                .lines()
                .zip(got.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(expected.lines().count().min(got.lines().count()));
            failures.push(format!(
                "{name}: step order differs at line {}: expected {:?}, got {:?}",
                first + 1,
                expected.lines().nth(first),
                got.lines().nth(first)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
