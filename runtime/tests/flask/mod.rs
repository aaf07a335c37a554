//! The Flask side of the tests that compare flaxum with Flask: a Python
//! program that reads its input as JSON on stdin and writes its answers as
//! JSON on stdout.
#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Stdio};

use serde::de::DeserializeOwned;
use serde::Serialize;

/// Whether `python3` can import Flask.
pub fn installed() -> bool {
    Command::new("python3")
        .args(["-c", "import flask"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The answers of `python3 args…`, run with `env` and given `input` on
/// stdin. Panics when the program fails.
pub fn run<T: DeserializeOwned>(args: &[&str], env: &[(&str, &str)], input: &impl Serialize) -> T {
    let mut child = Command::new("python3")
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs (the Flask side)");
    let json = serde_json::to_vec(input).expect("the input as JSON");
    // The pipe closes when the handle drops, at the end of the statement.
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&json)
        .expect("write the input");
    let out = child.wait_with_output().expect("the Flask side's output");
    assert!(
        out.status.success(),
        "the Flask side failed (is Flask 3 installed? `pip install flask`)"
    );
    serde_json::from_slice(&out.stdout).expect("the Flask side's answers as JSON")
}
