//! Flask's `conduit/settings.py`: the configuration, read from the
//! environment once, at start.
//!
//! | variable | default | Flask's |
//! |---|---|---|
//! | `DATABASE_URL` | `sqlite://conduit.sqlite?mode=rwc` (a file in the working directory, created on first start) | `SQLALCHEMY_DATABASE_URI` from `DATABASE_URL` |
//! | `JWT_SECRET` | a random key for this process, with a warning | `SECRET_KEY` from `CONDUIT_SECRET`, else the fixed `secret-key` |
//! | `PORT` | 5004 (read by `main.rs`) | `flask run -p` |

use std::time::Duration;

use argon2::password_hash::rand_core::{OsRng, RngCore};

/// The database when `DATABASE_URL` is not set: a SQLite file in the
/// working directory, created if missing (`mode=rwc`).
pub const DEFAULT_DATABASE_URL: &str = "sqlite://conduit.sqlite?mode=rwc";

/// The shortest `JWT_SECRET` accepted: HS256 keys shorter than the hash
/// can be guessed offline from one token.
pub const MIN_SECRET_BYTES: usize = 32;

/// The app's configuration (Flask's `app.config`).
#[derive(Clone)]
pub struct Settings {
    /// Where the data lives: `sqlite:…` or `postgres://…`.
    pub database_url: String,
    /// The HS256 key that signs and checks tokens.
    pub jwt_secret: Vec<u8>,
    /// How long a token is valid (`JWT_ACCESS_TOKEN_EXPIRES`).
    pub jwt_expires: Duration,
    /// The origins a browser may call the API from
    /// (`CORS_ORIGIN_WHITELIST`).
    pub cors_origins: Vec<String>,
}

/// A setting that cannot be used.
#[derive(Debug)]
pub struct SettingsError(pub String);

impl std::fmt::Display for SettingsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SettingsError {}

impl Settings {
    /// The settings from `DATABASE_URL` and `JWT_SECRET`. Without
    /// `JWT_SECRET` the key is random, made anew by each process, and a
    /// warning says so: tokens then end with the process and are not
    /// shared between processes. There is never a fixed default key (the
    /// Flask app falls back to `secret-key`, and tokens forged with it
    /// pass there).
    pub fn from_env() -> Result<Settings, SettingsError> {
        let database_url = match std::env::var("DATABASE_URL") {
            Ok(url) if !url.is_empty() => url,
            _ => DEFAULT_DATABASE_URL.to_owned(),
        };
        let jwt_secret = match std::env::var_os("JWT_SECRET") {
            Some(secret) if !secret.is_empty() => {
                let secret = secret.as_encoded_bytes().to_vec();
                if secret.len() < MIN_SECRET_BYTES {
                    return Err(SettingsError(format!(
                        "JWT_SECRET has {} bytes; it needs {MIN_SECRET_BYTES} or more \
                         (make one with `openssl rand -hex 32`)",
                        secret.len()
                    )));
                }
                secret
            }
            _ => {
                eprintln!(
                    " * Warning: JWT_SECRET is not set; tokens are signed with a random key \
                     and end when this process does"
                );
                random_secret()
            }
        };
        Ok(Settings {
            database_url,
            jwt_secret,
            ..Settings::new("")
        })
    }

    /// Settings for `database_url` with a random key, as tests use them.
    pub fn new(database_url: &str) -> Settings {
        Settings {
            database_url: database_url.to_owned(),
            jwt_secret: random_secret(),
            jwt_expires: Duration::from_secs(24 * 60 * 60),
            cors_origins: CORS_ORIGIN_WHITELIST
                .iter()
                .map(|o| o.to_string())
                .collect(),
        }
    }
}

/// The Flask app's `CORS_ORIGIN_WHITELIST`: the front ends' development
/// servers.
const CORS_ORIGIN_WHITELIST: &[&str] = &[
    "http://0.0.0.0:4100",
    "http://localhost:4100",
    "http://0.0.0.0:8000",
    "http://localhost:8000",
    "http://0.0.0.0:4200",
    "http://localhost:4200",
    "http://0.0.0.0:4000",
    "http://localhost:4000",
];

/// 32 random bytes from the operating system.
fn random_secret() -> Vec<u8> {
    let mut secret = vec![0u8; MIN_SECRET_BYTES];
    OsRng.fill_bytes(&mut secret);
    secret
}
