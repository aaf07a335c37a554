// An error handler handles an error status.
#[flaxum::errorhandler(200)]
async fn ok_page() -> &'static str {
    "fine"
}

fn main() {}
