//! Flask's `conduit/extensions.py`: what the extensions held, as the app's
//! state. `db = SQLAlchemy()` is the [`Db`] pool, `jwt = JWTManager()` is
//! [`Jwt`], `bcrypt = Bcrypt()` is [`crate::password`] (Argon2id on
//! bounded threads), and `cors = CORS()` is the layer `app.rs` adds.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use super::database::{Db, OpenError};
use super::exceptions::InvalidUsage;
use super::settings::Settings;

/// The app's state, which every view takes as `State<Conduit>`.
#[derive(Clone)]
pub struct Conduit {
    /// The database.
    pub db: Db,
    /// Token signing and checking.
    pub jwt: Arc<Jwt>,
    /// The origins CORS lets in.
    pub cors_origins: Arc<[String]>,
}

impl Conduit {
    /// Opens the database of `settings` (creating the tables it lacks) and
    /// keeps the keys.
    pub async fn open(settings: &Settings) -> Result<Conduit, OpenError> {
        Ok(Conduit {
            db: Db::open(&settings.database_url).await?,
            jwt: Arc::new(Jwt::new(&settings.jwt_secret, settings.jwt_expires)),
            cors_origins: settings.cors_origins.clone().into(),
        })
    }
}

/// flask-jwt-extended's `JWTManager`: HS256 tokens whose subject is the
/// user's id (`identity_loader` in the Flask app's `utils.py`).
pub struct Jwt {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    expires: Duration,
}

/// A token's claims, as flask-jwt-extended writes an access token's.
#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    /// The user's id, as text.
    pub sub: String,
    /// Issued at (seconds since 1970).
    pub iat: u64,
    /// Not before.
    pub nbf: u64,
    /// Expires at.
    pub exp: u64,
    /// `access`, the only kind this API makes.
    #[serde(rename = "type")]
    pub kind: String,
}

impl Jwt {
    /// Keys from `secret`; tokens last `expires`.
    pub fn new(secret: &[u8], expires: Duration) -> Jwt {
        let mut validation = Validation::new(Algorithm::HS256);
        // Only HS256 is accepted: not `none`, not another algorithm the
        // header names.
        validation.algorithms = vec![Algorithm::HS256];
        validation.set_required_spec_claims(&["exp", "nbf", "sub"]);
        validation.validate_nbf = true;
        Jwt {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            expires,
        }
    }

    /// A new token for user `id` (`create_access_token(identity=user)`).
    pub fn create_access_token(&self, id: i64) -> Result<String, InvalidUsage> {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs();
        let claims = Claims {
            sub: id.to_string(),
            iat: now,
            nbf: now,
            exp: now + self.expires.as_secs(),
            kind: "access".to_owned(),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| InvalidUsage::unknown_error(&e))
    }

    /// The user id a valid access token names; the reason otherwise.
    pub fn identity(&self, token: &str) -> Result<i64, &'static str> {
        use jsonwebtoken::errors::ErrorKind;
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .map_err(|e| match e.kind() {
                ErrorKind::ExpiredSignature => "Token has expired",
                ErrorKind::ImmatureSignature => "Token is not valid yet",
                ErrorKind::InvalidSignature => "Signature verification failed",
                ErrorKind::InvalidAlgorithm => "Token algorithm is not HS256",
                _ => "Token is malformed",
            })?;
        if data.claims.kind != "access" {
            return Err("Only access tokens are allowed");
        }
        data.claims.sub.parse().map_err(|_| "Token is malformed")
    }
}
