//! Flask's `app.config`, as far as flaxum reads it (the `sessions`
//! feature): settings from the environment, and the session layer they
//! describe.
//!
//! ```
//! use flaxum::config::Config;
//!
//! // As `FLASK_SECRET_KEY=… FLASK_PERMANENT_SESSION_LIFETIME=3600` would.
//! let config = Config::from_prefixed_vars("FLASK", [
//!     ("FLASK_SECRET_KEY", "a secret of at least thirty-two bytes"),
//!     ("FLASK_PERMANENT_SESSION_LIFETIME", "3600"),
//!     ("FLASK_SESSION_COOKIE_SECURE", "true"),
//! ]);
//! assert_eq!(config.get::<u64>("PERMANENT_SESSION_LIFETIME"), Some(3600));
//! let layer = config.session_layer().unwrap();
//! let app = flaxum::App::new(flaxum::routes![]).layer(layer);
//! # let _ = app;
//! ```

use std::fmt;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::session::{SameSite, SecretKey, SessionLayer};

/// Settings by name, each a JSON value, like Flask's `app.config`.
///
/// ```
/// let mut config = flaxum::config::Config::new();
/// config.set("DEBUG", true);
/// assert_eq!(config.get::<bool>("DEBUG"), Some(true));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    values: Map<String, Value>,
}

impl Config {
    /// No settings.
    ///
    /// ```
    /// assert!(flaxum::config::Config::new().get_value("SECRET_KEY").is_none());
    /// ```
    pub fn new() -> Config {
        Config::default()
    }

    /// Flask 3's `app.config.from_prefixed_env(prefix)`: every environment
    /// variable named `{prefix}_NAME` sets `NAME`, its value parsed as
    /// JSON (`3600`, `true`, `"x"`, `{"a": 1}`), or kept as a string when
    /// it is not JSON. `__` nests: `FLASK_DB__HOST` sets `HOST` in the
    /// object `DB`. Variables whose name or value is not Unicode are
    /// skipped. JSON is read strictly: `NaN` and `Infinity`, which
    /// Python's parser takes as numbers, stay strings.
    ///
    /// ```
    /// let config = flaxum::config::Config::from_prefixed_env("FLASK");
    /// # let _ = config;
    /// ```
    pub fn from_prefixed_env(prefix: &str) -> Config {
        Config::from_prefixed_vars(
            prefix,
            std::env::vars_os()
                .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?))),
        )
    }

    /// [`from_prefixed_env`](Self::from_prefixed_env) on the given
    /// variables instead of the process's: for tests, and for variables
    /// read elsewhere.
    ///
    /// ```
    /// use flaxum::config::Config;
    /// let config = Config::from_prefixed_vars("APP", [
    ///     ("APP_NAME", "blog"),
    ///     ("APP_PORT", "5000"),
    ///     ("APP_DB__HOST", "\"localhost\""),
    ///     ("OTHER", "ignored"),
    /// ]);
    /// assert_eq!(config.get::<String>("NAME").as_deref(), Some("blog"));
    /// assert_eq!(config.get::<u16>("PORT"), Some(5000));
    /// assert_eq!(config.get_value("DB").unwrap()["HOST"], "localhost");
    /// assert!(config.get_value("OTHER").is_none());
    /// ```
    pub fn from_prefixed_vars<K, V>(prefix: &str, vars: impl IntoIterator<Item = (K, V)>) -> Config
    where
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let prefix = format!("{prefix}_");
        let mut vars: Vec<(String, Value)> = vars
            .into_iter()
            .filter_map(|(k, v)| {
                let name = k.as_ref().strip_prefix(&prefix)?.to_owned();
                let text = v.as_ref();
                let value = serde_json::from_str(text).unwrap_or_else(|_| text.into());
                Some((name, value))
            })
            .collect();
        // Flask sets them in the order of their sorted names.
        vars.sort_by(|a, b| a.0.cmp(&b.0));
        let mut config = Config::new();
        for (name, value) in vars {
            let mut parts: Vec<&str> = name.split("__").collect();
            let last = parts.pop().unwrap_or_default().to_owned();
            let mut current = &mut config.values;
            for part in parts {
                let entry = current
                    .entry(part.to_owned())
                    .or_insert_with(|| Value::Object(Map::new()));
                if !entry.is_object() {
                    *entry = Value::Object(Map::new());
                }
                let Value::Object(inner) = entry else {
                    unreachable!("just made an object");
                };
                current = inner;
            }
            current.insert(last, value);
        }
        config
    }

    /// The setting `name` as a `T`, if it is set and is one.
    ///
    /// ```
    /// let config = flaxum::config::Config::from_prefixed_vars("F", [("F_N", "7")]);
    /// assert_eq!(config.get::<u32>("N"), Some(7));
    /// assert_eq!(config.get::<bool>("N"), None);
    /// ```
    pub fn get<T: DeserializeOwned>(&self, name: &str) -> Option<T> {
        T::deserialize(self.values.get(name)?).ok()
    }

    /// The setting `name` as it is stored.
    ///
    /// ```
    /// let config = flaxum::config::Config::from_prefixed_vars("F", [("F_X", "not json")]);
    /// assert_eq!(config.get_value("X"), Some(&serde_json::json!("not json")));
    /// ```
    pub fn get_value(&self, name: &str) -> Option<&Value> {
        self.values.get(name)
    }

    /// Sets `name` (`app.config[name] = value`).
    ///
    /// # Panics
    ///
    /// If `value` has no JSON form (a map whose keys are not strings).
    ///
    /// ```
    /// let mut config = flaxum::config::Config::new();
    /// config.set("SESSION_COOKIE_NAME", "sid");
    /// assert_eq!(config.get::<String>("SESSION_COOKIE_NAME").as_deref(), Some("sid"));
    /// ```
    pub fn set(&mut self, name: impl Into<String>, value: impl Serialize) {
        let name = name.into();
        match serde_json::to_value(value) {
            Ok(value) => {
                self.values.insert(name, value);
            }
            Err(e) => panic!("config.set({name:?}): the value has no JSON form: {e}"),
        }
    }

    /// The [`SecretKey`] of `SECRET_KEY`: an error if it is missing, or
    /// as [`SecretKey::new`]. A value that parsed as another JSON type
    /// than a string is used as written (`FLASK_SECRET_KEY=1234…`).
    ///
    /// ```
    /// use flaxum::config::Config;
    /// let err = Config::new().secret_key().unwrap_err();
    /// assert!(err.to_string().contains("SECRET_KEY is not set"), "{err}");
    /// ```
    pub fn secret_key(&self) -> Result<SecretKey, ConfigError> {
        let text = match self.values.get("SECRET_KEY") {
            None | Some(Value::Null) => {
                return Err(ConfigError(
                    "SECRET_KEY is not set: sessions need a secret key (for example \
                     FLASK_SECRET_KEY, made with `python3 -c 'import secrets; \
                     print(secrets.token_hex())'`)"
                        .to_owned(),
                ))
            }
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
        };
        SecretKey::new(text).map_err(|e| ConfigError(format!("SECRET_KEY: {e}")))
    }

    /// The [`SessionLayer`] these settings describe, with Flask's names:
    /// `SECRET_KEY` (required), `PERMANENT_SESSION_LIFETIME` (seconds),
    /// `SESSION_COOKIE_NAME`, `SESSION_COOKIE_DOMAIN`,
    /// `SESSION_COOKIE_PATH`, `SESSION_COOKIE_SECURE`,
    /// `SESSION_COOKIE_HTTPONLY`, `SESSION_COOKIE_SAMESITE` (`"Strict"`,
    /// `"Lax"`, `"None"`, or `null` for no attribute) and
    /// `SESSION_REFRESH_EACH_REQUEST`. A setting that is absent or
    /// `null` (Flask's `None`) keeps the layer's default, but
    /// `SESSION_COOKIE_SAMESITE`, where `null` leaves the attribute out;
    /// one of the wrong type is an error that names it.
    ///
    /// ```
    /// use flaxum::config::Config;
    /// let config = Config::from_prefixed_vars("FLASK", [
    ///     ("FLASK_SECRET_KEY", "a secret of at least thirty-two bytes"),
    ///     ("FLASK_SESSION_COOKIE_SAMESITE", "Strict"),
    /// ]);
    /// assert!(config.session_layer().is_ok());
    ///
    /// let wrong = Config::from_prefixed_vars("FLASK", [
    ///     ("FLASK_SECRET_KEY", "a secret of at least thirty-two bytes"),
    ///     ("FLASK_SESSION_COOKIE_SECURE", "yes"),
    /// ]);
    /// let err = wrong.session_layer().unwrap_err();
    /// assert!(err.to_string().contains("SESSION_COOKIE_SECURE"), "{err}");
    /// ```
    pub fn session_layer(&self) -> Result<SessionLayer, ConfigError> {
        let mut layer = SessionLayer::new(self.secret_key()?);
        if let Some(seconds) = self.typed::<u64>("PERMANENT_SESSION_LIFETIME", "seconds")? {
            layer = layer.permanent_lifetime(Duration::from_secs(seconds));
        }
        if let Some(name) = self.typed::<String>("SESSION_COOKIE_NAME", "a string")? {
            layer = layer.cookie_name(name);
        }
        if let Some(domain) = self.typed::<String>("SESSION_COOKIE_DOMAIN", "a string")? {
            layer = layer.cookie_domain(domain);
        }
        if let Some(path) = self.typed::<String>("SESSION_COOKIE_PATH", "a string")? {
            layer = layer.cookie_path(path);
        }
        if let Some(on) = self.typed::<bool>("SESSION_COOKIE_SECURE", "true or false")? {
            layer = layer.secure(on);
        }
        if let Some(on) = self.typed::<bool>("SESSION_COOKIE_HTTPONLY", "true or false")? {
            layer = layer.http_only(on);
        }
        if let Some(on) = self.typed::<bool>("SESSION_REFRESH_EACH_REQUEST", "true or false")? {
            layer = layer.refresh_each_request(on);
        }
        match self.values.get("SESSION_COOKIE_SAMESITE") {
            None => {}
            Some(Value::Null) => layer = layer.same_site(None::<SameSite>),
            Some(Value::String(s)) if s.eq_ignore_ascii_case("strict") => {
                layer = layer.same_site(SameSite::Strict);
            }
            Some(Value::String(s)) if s.eq_ignore_ascii_case("lax") => {
                layer = layer.same_site(SameSite::Lax);
            }
            Some(Value::String(s)) if s.eq_ignore_ascii_case("none") => {
                layer = layer.same_site(SameSite::None);
            }
            Some(other) => {
                return Err(ConfigError(format!(
                    "SESSION_COOKIE_SAMESITE is {other}; it must be \"Strict\", \"Lax\", \"None\" or null"
                )))
            }
        }
        Ok(layer)
    }

    /// The setting `name` as a `T`, `None` when absent, an error saying
    /// it must be `what` when it is not a `T`.
    fn typed<T: DeserializeOwned>(&self, name: &str, what: &str) -> Result<Option<T>, ConfigError> {
        match self.values.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => T::deserialize(value)
                .map(Some)
                .map_err(|_| ConfigError(format!("{name} is {value}; it must be {what}"))),
        }
    }
}

/// A setting [`Config`] cannot use; the message names it and says why.
///
/// ```
/// let err = flaxum::config::Config::new().secret_key().unwrap_err();
/// println!("{err}");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}
