//! The GitHub API's 203 routes on actix-web 4, with the handlers' work of
//! the other servers of `benches/http/run.sh`: add up the parameters'
//! lengths, answer 200 with an empty body.
//!
//! `flaxum-bench-actix te ADDR` serves the TechEmpower workload of
//! `benches/http/te.sh` instead (see `te.rs`).
//!
//! `flaxum-bench-actix ADDR` serves the routes. The routes are read from the same
//! file as the others' (`benches/routes/github.txt`), `:name` written as
//! actix's `{name}`, one resource per path. actix-web tries its resources
//! one after the other, so no scopes are added by hand: the other servers
//! get none either. actix-web's defaults stay: a worker per core, a 5 s
//! client request timeout (its header read timeout) and 5 s keep-alive.
#![forbid(unsafe_code)]

use std::hint::black_box;

use actix_web::http::Method;
use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};

mod te;

const ROUTES: &str = include_str!("../../../routes/github.txt");

async fn handler(req: HttpRequest) -> HttpResponse {
    let work: usize = req.match_info().iter().map(|(_, v)| v.len()).sum();
    black_box(work);
    HttpResponse::Ok().finish()
}

/// One resource per path, with a route per method, as actix-web's guide
/// writes them; resources in the file's order.
fn routes(cfg: &mut web::ServiceConfig) {
    let mut paths: Vec<(String, Vec<Method>)> = Vec::new();
    for line in ROUTES.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (method, path) = line.split_once(' ').expect("`METHOD /path`");
        let pattern: Vec<String> = path
            .split('/')
            .map(|s| match s.strip_prefix(':') {
                Some(p) => format!("{{{p}}}"),
                None => s.to_owned(),
            })
            .collect();
        let pattern = pattern.join("/");
        let method = Method::from_bytes(method.as_bytes()).expect("a method");
        match paths.iter_mut().find(|(p, _)| *p == pattern) {
            Some((_, methods)) => methods.push(method),
            None => paths.push((pattern, vec![method])),
        }
    }
    for (pattern, methods) in paths {
        let mut resource = web::resource(pattern);
        for m in methods {
            resource = resource.route(web::method(m).to(handler));
        }
        cfg.service(resource);
    }
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("te") {
        let addr = args
            .get(2)
            .cloned()
            .unwrap_or_else(|| "127.0.0.1:5004".to_owned());
        return te::serve(addr).await;
    }
    let addr = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| "127.0.0.1:5004".to_owned());
    HttpServer::new(|| App::new().configure(routes))
        .bind(addr)?
        .run()
        .await
}
