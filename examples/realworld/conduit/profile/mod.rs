//! The `profile` package of the Flask app: its models, serializers and views
//! (the blueprint).

pub mod models;
pub mod serializers;
pub mod views;
