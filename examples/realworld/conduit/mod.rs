//! The RealWorld ("Conduit") API, ported from the Flask reference backend
//! (`flask-realworld-example-app`, brought to Flask 3.1) to flaxum, laid
//! out as that app is: one module per Python module, one `blueprint!` per
//! Flask blueprint (`user`, `profiles`, `articles`).
//!
//! | Flask (`conduit/…`) | here |
//! |---|---|
//! | `app.py`: `create_app`, `register_errorhandlers`, CORS | [`app`]: [`create_app`], `#[errorhandler(InvalidUsage)]`, tower-http's CORS layer |
//! | `settings.py` | [`settings`]: [`Settings::from_env`] |
//! | `extensions.py`: `db`, `jwt`, `bcrypt` | [`extensions`]: [`Conduit`] (the pool, the JWT keys), Argon2 hashes |
//! | `database.py`, the models' `db.Column`s | [`database`]: the schema, for SQLite and PostgreSQL |
//! | `exceptions.py`: `InvalidUsage` | [`exceptions`]: [`InvalidUsage`](exceptions::InvalidUsage), raised with `flaxum::raise` |
//! | `utils.py`, `@jwt_required()`, `current_user` | [`utils`]: the `jwt_required` and `jwt_optional` middleware, [`CurrentUser`](utils::CurrentUser) |
//! | webargs' `use_kwargs`, marshmallow's validation | [`schema`]: the [`Payload`](schema::Payload) extractor and the [`Schema`](schema::Schema) trait |
//! | `slugify` (unicode-slugify) | [`slugify`] |
//! | `user/`, `profile/`, `articles/` (`models.py`, `serializers.py`, `views.py`) | [`user`], [`profile`], [`articles`], each with `models`, `serializers` and `views` |
//!
//! `examples/realworld/README.md` says how to run it, what the official
//! suite says of it, and where it answers otherwise than the Flask app.

pub mod app;
pub mod articles;
pub mod database;
pub mod exceptions;
pub mod extensions;
pub mod profile;
pub mod schema;
pub mod settings;
pub mod slugify;
pub mod user;
pub mod utils;

pub use app::create_app;
pub use extensions::Conduit;
pub use settings::Settings;
