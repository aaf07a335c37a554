//! One expansion per macro, kept in `macros/snapshots/`, so that a change
//! to the generated code shows in review. Each is the macro's output for a
//! small input, formatted by `rustfmt` (the output as one line when
//! `rustfmt` is not there). After a deliberate change, write them anew
//! with `FLAXUM_UPDATE_SNAPSHOTS=1 cargo test -p flaxum-macros snapshots`
//! and read the diff.
//!
//! With the `openapi` feature (which `cargo test --workspace` turns on,
//! the examples enabling it), the expansions are compared with
//! `snapshots/openapi/` instead: write those with `--features openapi`
//! added to the command above.

use proc_macro2::TokenStream;
use quote::quote;

use crate::hooks::Kind;

/// The expansion as rustfmt writes it.
fn pretty(out: &TokenStream) -> String {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let text = out.to_string();
    let formatted = (|| {
        let mut child = Command::new("rustfmt")
            .args(["--edition", "2021", "--emit", "stdout"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        child.stdin.take()?.write_all(text.as_bytes()).ok()?;
        let done = child.wait_with_output().ok()?;
        done.status
            .success()
            .then(|| String::from_utf8(done.stdout).ok())
            .flatten()
    })();
    formatted.unwrap_or(text + "\n")
}

/// Compares the expansion with `snapshots/<name>.rs`, or writes it there.
fn check(name: &str, out: TokenStream) {
    let mut path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshots");
    if cfg!(feature = "openapi") {
        path.push("openapi");
    }
    let path = path.join(format!("{name}.rs"));
    let got = pretty(&out);
    if std::env::var_os("FLAXUM_UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        got == want,
        "the expansion of {name} changed; if on purpose, run \
         FLAXUM_UPDATE_SNAPSHOTS=1 cargo test -p flaxum-macros snapshots \
         (with --features openapi for snapshots/openapi/) and review the \
         diff of {}.\n--- got ---\n{got}",
        path.display()
    );
}

/// An expression's expansion, in a function so that rustfmt formats it.
fn check_expr(name: &str, out: TokenStream) {
    check(name, quote!(fn expansion() { #out }));
}

#[test]
fn a_get_route_with_a_parameter() {
    let out = crate::route_attr::expand(
        Some("GET"),
        quote!("/users/<int:id>"),
        quote! {
            async fn user(id: u64) -> String {
                format!("user {id}")
            }
        },
    );
    check("get", out);
}

#[test]
fn a_route_with_methods_middleware_and_a_borrowed_parameter() {
    let out = crate::route_attr::expand(
        None,
        quote!(
            "/hello/<name>",
            methods = ["GET", "POST"],
            middleware = [auth]
        ),
        quote! {
            async fn hello(name: &str, body: String) -> String {
                format!("{name}: {body}")
            }
        },
    );
    check("route", out);
}

#[test]
fn routes_with_app_middleware() {
    check_expr(
        "routes",
        crate::routes::expand(quote!(index, user, auth::bp; middleware = [timing])),
    );
}

#[test]
fn a_blueprint() {
    check(
        "blueprint",
        crate::routes::blueprint(quote!(
            pub bp = "auth", url_prefix = "/auth", routes = [login, logout],
            before_request = [load_user]
        )),
    );
}

#[test]
fn a_middleware() {
    let out = crate::hooks::expand(
        Kind::Middleware,
        TokenStream::new(),
        quote! {
            async fn timing(headers: HeaderMap, req: Request, next: Next) -> Response {
                next.run(req).await
            }
        },
    );
    check("middleware", out);
}

#[test]
fn the_hooks() {
    let mut out = crate::hooks::expand(
        Kind::Before,
        TokenStream::new(),
        quote! {
            async fn load_user(req: &mut Request) -> Option<Response> {
                None
            }
        },
    );
    out.extend(crate::hooks::expand(
        Kind::After,
        TokenStream::new(),
        quote! {
            async fn stamp(res: Response) -> Response {
                res
            }
        },
    ));
    out.extend(crate::hooks::expand(
        Kind::Error,
        quote!(404),
        quote! {
            async fn not_found() -> &'static str {
                "not here"
            }
        },
    ));
    check("hooks", out);
}

#[test]
fn url_for() {
    check_expr("url_for", crate::url::expand(quote!(user, id = 7)));
}
