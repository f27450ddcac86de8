//! Shared helpers: run the real `aiotutor` binary on fixture scripts and compare with
//! what CPython printed (recorded next to each script).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join(name)
}

pub fn scripts(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("fixture directory exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    v.sort();
    v
}

pub fn stem(p: &Path) -> String {
    p.file_stem().unwrap_or_default().to_string_lossy().into_owned()
}

pub fn aiotutor(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aiotutor"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the aiotutor binary runs")
}

pub fn last_line(s: &str) -> &str {
    s.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("")
}

/// The first differing line of two texts, for a readable failure.
pub fn first_difference(expected: &str, got: &str) -> String {
    let (e, g): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), got.lines().collect());
    let i = e.iter().zip(&g).position(|(a, b)| a != b).unwrap_or(e.len().min(g.len()));
    format!("line {}: expected {:?}, got {:?}", i + 1, e.get(i), g.get(i))
}

/// Compare stdout, exit code and last stderr line with `NAME.out` / `.rc` / `.err`.
pub fn check_run(dir: &Path, name: &str) -> Vec<String> {
    let mut failures = Vec::new();
    let out = aiotutor(dir, &["run", &format!("{name}.py")]);
    let expected = std::fs::read_to_string(dir.join(format!("{name}.out"))).expect(".out file");
    let rc: i32 = std::fs::read_to_string(dir.join(format!("{name}.rc")))
        .map(|s| s.trim().parse().expect("rc is a number"))
        .unwrap_or(0);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stdout != expected {
        failures.push(format!("{name}: stdout differs at {}", first_difference(&expected, &stdout)));
    }
    if out.status.code() != Some(rc) {
        failures.push(format!("{name}: exit code {:?}, expected {rc}; stderr: {stderr}", out.status.code()));
    }
    if let Ok(err) = std::fs::read_to_string(dir.join(format!("{name}.err"))) {
        if last_line(&stderr) != err.trim_end() {
            failures.push(format!(
                "{name}: last stderr line {:?}, expected {:?}",
                last_line(&stderr),
                err.trim_end()
            ));
        }
    }
    failures
}

/// Compare `trace --MODE` with the recorded `NAME.EXT` (skipped when there is none).
pub fn check_trace(dir: &Path, name: &str, mode: &str, ext: &str) -> Vec<String> {
    let Ok(expected) = std::fs::read_to_string(dir.join(format!("{name}.{ext}"))) else {
        return vec![];
    };
    let script = format!("{name}.py");
    let flag = format!("--{mode}");
    let mut args = vec!["trace", &script, &flag];
    // cpython-loop models ideal time: no CPU cost, exact wake-ups.
    if mode == "loop" {
        args.push("--ideal-time");
    }
    let out = aiotutor(dir, &args);
    let got = String::from_utf8_lossy(&out.stdout);
    if got != expected {
        return vec![format!("{name}: trace --{mode} differs at {}", first_difference(&expected, &got))];
    }
    vec![]
}
