//! The port's OpenAPI document, served at `GET /api/openapi.json` and
//! made by flaxum from the routes, against the RealWorld spec
//! (`realworld/spec/openapi.yml`, copied from the RealWorld project):
//! the same operations (paths and methods), the same path parameters, the
//! token required on the same operations, and request and response bodies
//! whose properties have the same names and JSON types.
//!
//! Properties are compared by name, JSON type (`null` included) and
//! whether they are required; formats, descriptions and bounds are not.
//! What differs is listed in [`DIFFERENCES`], each with its reason; a
//! difference that is not listed fails the test, and so does a listed one
//! that is gone.

use std::collections::{BTreeMap, BTreeSet};

use flaxum::test::Client;
use flaxum_examples::realworld::{create_app, Conduit, Settings};
use serde_json::Value;

/// Every way the port's document differs from the spec, and why. An
/// entry that starts with `*` stands for every difference that ends
/// with the rest.
const DIFFERENCES: &[(&str, &str)] = &[
    (
        "operation GET /health: not in the spec",
        "the port's health check for load balancers (scale-out.sh)",
    ),
    (
        "*.bio: type null|string, the spec's string",
        "a user who never wrote a bio has none: the port answers `null` (as the Flask app does, and as the spec's own examples show), and `PUT /user` takes `null` to clear it",
    ),
    (
        "*.image: type null|string, the spec's string",
        "a user without an image has `null` (as in the Flask app), and `PUT /user` takes `null` for \"unchanged\", as front ends send it",
    ),
    (
        "PUT /user: request user.email: type null|string, the spec's string",
        "the Flask schema's pre_load reads a null or empty email as \"unchanged\"; the port does too",
    ),
    (
        "PUT /user: request user.password: type null|string, the spec's string",
        "a null or empty password is \"unchanged\" (`if password:` in the Flask view)",
    ),
    (
        "GET /articles: response articles[].body: only the port has it",
        "the port lists articles with their body, as the Flask app does (the spec leaves it out of lists)",
    ),
    (
        "GET /articles/feed: response articles[].body: only the port has it",
        "the port lists articles with their body, as the Flask app does (the spec leaves it out of lists)",
    ),
    (
        "*: response user.createdAt: only the port has it",
        "the Flask app's UserSchema dumps createdAt and updatedAt with the user",
    ),
    (
        "*: response user.updatedAt: only the port has it",
        "the Flask app's UserSchema dumps createdAt and updatedAt with the user",
    ),
];

/// Whether `diff` is the listed difference `entry`.
fn matches(entry: &str, diff: &str) -> bool {
    match entry.strip_prefix('*') {
        Some(tail) => diff.ends_with(tail),
        None => entry == diff,
    }
}

/// The spec, as JSON.
fn spec() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/realworld/spec/openapi.yml");
    let text = std::fs::read_to_string(path).expect("realworld/spec/openapi.yml");
    serde_yaml::from_str(&text).expect("the spec is YAML")
}

/// The port's document, as it serves it.
async fn ours() -> Value {
    let conduit = Conduit::open(&Settings::new("sqlite::memory:"))
        .await
        .expect("open the database");
    let client = Client::new(create_app(conduit));
    let res = client.get("/api/openapi.json").await;
    assert_eq!(res.status(), 200, "{}", res.text());
    assert_eq!(res.header("content-type"), Some("application/json"));
    res.json().expect("the document is JSON")
}

/// The operations of `doc` by `METHOD /path`, the path without `prefix`.
fn operations<'a>(doc: &'a Value, prefix: &str) -> BTreeMap<String, &'a Value> {
    let mut out = BTreeMap::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        let path = path.strip_prefix(prefix).unwrap_or(path);
        for (method, op) in item.as_object().expect("a path item") {
            out.insert(format!("{} {path}", method.to_uppercase()), op);
        }
    }
    out
}

/// What `value` is, its `$ref`s followed (in `doc`'s components, both
/// `schemas` and `responses`/`requestBodies`).
fn resolve<'a>(doc: &'a Value, value: &'a Value) -> &'a Value {
    match value.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let pointer = r.strip_prefix('#').expect("a local $ref");
            resolve(doc, doc.pointer(pointer).expect("the $ref's target"))
        }
        None => value,
    }
}

/// The JSON types a schema allows (`null` for an `Option`).
fn types(schema: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    match &schema["type"] {
        Value::String(t) => {
            out.insert(t.clone());
        }
        Value::Array(list) => out.extend(list.iter().filter_map(Value::as_str).map(str::to_owned)),
        _ => {}
    }
    out
}

/// Adds to `diffs` where the properties of the two schemas differ, by
/// name and type, recursively (`at` names the place).
fn compare(diffs: &mut Vec<String>, at: &str, docs: (&Value, &Value), ours: &Value, spec: &Value) {
    let (our_doc, spec_doc) = docs;
    let (ours, spec) = (resolve(our_doc, ours), resolve(spec_doc, spec));
    let (ot, st) = (types(ours), types(spec));
    if ot != st {
        let (ot, st) = (Vec::from_iter(ot).join("|"), Vec::from_iter(st).join("|"));
        diffs.push(format!("{at}: type {ot}, the spec's {st}"));
        return;
    }
    if ot.contains("array") {
        let at = format!("{at}[]");
        compare(diffs, &at, docs, &ours["items"], &spec["items"]);
    }
    let props = |s: &Value| s["properties"].as_object().cloned().unwrap_or_default();
    let (op, sp) = (props(ours), props(spec));
    let sep = if at.ends_with(": response") || at.ends_with(": request") {
        " "
    } else {
        "."
    };
    let required = |s: &Value, name: &str| {
        s["required"]
            .as_array()
            .is_some_and(|r| r.iter().any(|n| n == name))
    };
    for (name, o) in &op {
        let here = format!("{at}{sep}{name}");
        match sp.get(name) {
            Some(s) => {
                let (or, sr) = (required(ours, name), required(spec, name));
                if or != sr {
                    diffs.push(format!("{here}: required {or}, the spec's {sr}"));
                }
                compare(diffs, &here, docs, o, s);
            }
            None => diffs.push(format!("{here}: only the port has it")),
        }
    }
    for name in sp.keys().filter(|n| !op.contains_key(*n)) {
        diffs.push(format!("{at}{sep}{name}: only the spec has it"));
    }
}

/// The success status of an operation and its JSON body's schema.
fn success(doc: &Value, op: &Value) -> Option<(String, Value)> {
    let responses = op["responses"].as_object()?;
    let (status, response) = responses.iter().find(|(s, _)| s.starts_with('2'))?;
    let response = resolve(doc, response);
    let schema = response["content"]["application/json"]["schema"].clone();
    Some((status.clone(), schema))
}

/// Whether an operation requires the token (security with no empty
/// alternative).
fn requires_token(op: &Value) -> bool {
    let list = op["security"].as_array().cloned().unwrap_or_default();
    !list.is_empty()
        && list
            .iter()
            .all(|s| s.as_object().is_some_and(|m| !m.is_empty()))
        && list.iter().any(|s| s.get("Token").is_some())
}

/// The names of an operation's path parameters.
fn path_params(doc: &Value, op: &Value) -> Vec<String> {
    let list = op["parameters"].as_array().cloned().unwrap_or_default();
    list.iter()
        .map(|p| resolve(doc, p))
        .filter(|p| p["in"] == "path")
        .map(|p| p["name"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Every difference of `one` operation.
fn compare_operation(
    diffs: &mut Vec<String>,
    key: &str,
    docs: (&Value, &Value),
    ops: (&Value, &Value),
) {
    let (our_doc, spec_doc) = docs;
    let (ours, spec) = ops;
    let (op_, sp) = (path_params(our_doc, ours), path_params(spec_doc, spec));
    if op_ != sp {
        diffs.push(format!("{key}: path parameters {op_:?}, the spec's {sp:?}"));
    }
    let (ot, st) = (requires_token(ours), requires_token(spec));
    if ot != st {
        diffs.push(format!("{key}: token required {ot}, the spec's {st}"));
    }
    let body = |doc: &Value, op: &Value| {
        let body = resolve(doc, &op["requestBody"]).clone();
        body["content"]["application/json"]["schema"].clone()
    };
    let (ob, sb) = (body(our_doc, ours), body(spec_doc, spec));
    if ob.is_null() != sb.is_null() {
        diffs.push(format!(
            "{key}: request body {}, the spec's {}",
            !ob.is_null(),
            !sb.is_null()
        ));
    } else if !ob.is_null() {
        compare(diffs, &format!("{key}: request"), docs, &ob, &sb);
    }
    match (success(our_doc, ours), success(spec_doc, spec)) {
        (Some((os, ob)), Some((ss, sb))) => {
            if os != ss {
                diffs.push(format!("{key}: success status {os}, the spec's {ss}"));
            }
            if !ob.is_null() || !sb.is_null() {
                compare(diffs, &format!("{key}: response"), docs, &ob, &sb);
            }
        }
        (o, s) => diffs.push(format!("{key}: success response {o:?}, the spec's {s:?}")),
    }
}

#[tokio::test]
async fn the_ports_document_is_the_specs() {
    let (ours, spec) = (ours().await, spec());
    let (our_ops, spec_ops) = (operations(&ours, "/api"), operations(&spec, ""));
    assert_eq!(spec_ops.len(), 19, "the spec's operations");
    let mut diffs = Vec::new();
    for key in our_ops.keys().filter(|k| !spec_ops.contains_key(*k)) {
        diffs.push(format!("operation {key}: not in the spec"));
    }
    for key in spec_ops.keys().filter(|k| !our_ops.contains_key(*k)) {
        diffs.push(format!("operation {key}: not in the port"));
    }
    for (key, spec_op) in &spec_ops {
        if let Some(our_op) = our_ops.get(key) {
            compare_operation(&mut diffs, key, (&ours, &spec), (our_op, spec_op));
        }
    }
    let listed = |d: &String| DIFFERENCES.iter().any(|(e, _)| matches(e, d));
    let new: Vec<&String> = diffs.iter().filter(|d| !listed(d)).collect();
    let gone: Vec<&str> = DIFFERENCES
        .iter()
        .map(|(e, _)| *e)
        .filter(|e| !diffs.iter().any(|d| matches(e, d)))
        .collect();
    assert!(
        new.is_empty() && gone.is_empty(),
        "differences not listed in DIFFERENCES: {new:#?}\nlisted differences that are gone: {gone:#?}"
    );
}
