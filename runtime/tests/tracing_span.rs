//! Each request gets one `request` span whose `route` field is the route
//! template, never the raw path (which may hold user data).

use std::sync::{Arc, Mutex};

use axum::body::Body;
use flaxum::{get, routes, App};
use tower::ServiceExt;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

#[get("/users/<int:id>/posts/<slug>")]
async fn post(id: u64, slug: String) -> String {
    format!("{id} {slug}")
}

/// The fields of one span, `name` first.
type SpanFields = Vec<(String, String)>;

/// Records the fields of every new span.
#[derive(Clone, Default)]
struct Spans(Arc<Mutex<Vec<SpanFields>>>);

struct Fields<'a>(&'a mut Vec<(String, String)>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }
}

impl Subscriber for Spans {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut fields = vec![("name".to_owned(), span.metadata().name().to_owned())];
        span.record(&mut Fields(&mut fields));
        let mut all = self.0.lock().unwrap();
        all.push(fields);
        Id::from_u64(all.len() as u64)
    }
    fn record(&self, _: &Id, _: &Record<'_>) {}
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, _: &Event<'_>) {}
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

#[tokio::test]
async fn the_span_names_the_route_template_not_the_path() {
    let spans = Spans::default();
    let _guard = tracing::subscriber::set_default(spans.clone());
    let app = App::new(routes![post]);
    for path in ["/users/7/posts/secret-title", "/nope/secret"] {
        let req = http::Request::get(path).body(Body::empty()).unwrap();
        app.clone().oneshot(req).await.unwrap();
    }
    let all = spans.0.lock().unwrap().clone();
    let requests: Vec<_> = all.iter().filter(|s| s[0].1 == "request").collect();
    assert_eq!(requests.len(), 2, "one span per request: {all:?}");
    let field =
        |s: &Vec<(String, String)>, k: &str| s.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    assert_eq!(
        field(requests[0], "route").as_deref(),
        Some("/users/<int:id>/posts/<slug>")
    );
    assert_eq!(field(requests[0], "method").as_deref(), Some("GET"));
    assert_eq!(field(requests[1], "status").as_deref(), Some("404"));
    let text = format!("{all:?}");
    assert!(!text.contains("secret"), "no raw path in any span: {text}");
}
