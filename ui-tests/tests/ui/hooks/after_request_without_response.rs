// An after_request function takes the response.
#[flaxum::after_request]
async fn stamp() {}

fn main() {}
