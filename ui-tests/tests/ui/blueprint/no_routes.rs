// A blueprint lists its handlers.
flaxum::blueprint!(pub bp = "site", url_prefix = "/site");

fn main() {}
