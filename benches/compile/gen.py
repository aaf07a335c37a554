#!/usr/bin/env python3
"""Writes two apps with the same routes, one of flaxum handlers and one of a
plain axum Router, into a throwaway workspace for benches/compile/run.py.

Each app has N/5 resources, each with list, create, show, update and delete
(`:id` as a `u64` on the last three), and a `main` that serves it.

    python3 benches/compile/gen.py OUT_DIR ROUTES
"""
import os
import sys

out, routes = sys.argv[1], int(sys.argv[2])
resources = routes // 5
# FLAXUM_ROOT points the flaxum app at another checkout (an older commit,
# to measure before and after a change).
root = os.environ.get("FLAXUM_ROOT") or os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", ".."))


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    # Only rewrite what changed, so cargo's fingerprints of the deps hold.
    if os.path.exists(path) and open(path).read() == text:
        return
    with open(path, "w") as f:
        f.write(text)


write(os.path.join(out, "Cargo.toml"), f"""[workspace]
resolver = "2"
members = ["flaxum-app", "axum-app"]

[workspace.dependencies]
flaxum = {{ path = "{root}/runtime" }}
axum = {{ version = "0.8", default-features = false, features = ["tokio", "http1"] }}
tokio = {{ version = "1", features = ["rt-multi-thread", "macros", "net"] }}
""")

for name in ("flaxum-app", "axum-app"):
    deps = "flaxum.workspace = true\n" if name == "flaxum-app" else "axum.workspace = true\n"
    write(os.path.join(out, name, "Cargo.toml"), f"""[package]
name = "{name}"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
{deps}tokio.workspace = true
""")

f = ["use flaxum::{delete, get, post, put, routes, App};\n"]
names = []
for r in range(resources):
    f.append(f"""
#[get("/r{r}")]
async fn list_{r}() -> &'static str {{
    "list {r}"
}}

#[post("/r{r}")]
async fn create_{r}(body: String) -> String {{
    body
}}

#[get("/r{r}/<int:id>")]
async fn show_{r}(id: u64) -> String {{
    format!("show {r} {{id}}")
}}

#[put("/r{r}/<int:id>")]
async fn update_{r}(id: u64, body: String) -> String {{
    format!("update {r} {{id}} {{body}}")
}}

#[delete("/r{r}/<int:id>")]
async fn delete_{r}(id: u64) -> String {{
    format!("delete {r} {{id}}")
}}
""")
    names += [f"list_{r}", f"create_{r}", f"show_{r}", f"update_{r}", f"delete_{r}"]
f.append(f"""
#[tokio::main]
async fn main() -> std::io::Result<()> {{
    let app = App::new(routes![{", ".join(names)}]);
    flaxum::serve("127.0.0.1:0", app).await
}}
""")
write(os.path.join(out, "flaxum-app", "src", "main.rs"), "".join(f))

a = ["use axum::extract::Path;\nuse axum::routing::get;\nuse axum::Router;\n"]
for r in range(resources):
    a.append(f"""
async fn list_{r}() -> &'static str {{
    "list {r}"
}}

async fn create_{r}(body: String) -> String {{
    body
}}

async fn show_{r}(Path(id): Path<u64>) -> String {{
    format!("show {r} {{id}}")
}}

async fn update_{r}(Path(id): Path<u64>, body: String) -> String {{
    format!("update {r} {{id}} {{body}}")
}}

async fn delete_{r}(Path(id): Path<u64>) -> String {{
    format!("delete {r} {{id}}")
}}
""")
chain = "".join(
    f'\n        .route("/r{r}", get(list_{r}).post(create_{r}))'
    f'\n        .route("/r{r}/{{id}}", get(show_{r}).put(update_{r}).delete(delete_{r}))'
    for r in range(resources)
)
a.append(f"""
#[tokio::main]
async fn main() -> std::io::Result<()> {{
    let app = Router::new(){chain};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    axum::serve(listener, app).await
}}
""")
write(os.path.join(out, "axum-app", "src", "main.rs"), "".join(a))
