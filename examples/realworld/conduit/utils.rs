//! Flask's `conduit/utils.py` (the JWT user loader) and the decorators of
//! flask-jwt-extended: `@jwt_required()` is the route middleware
//! [`jwt_required`], `@jwt_required(optional=True)` is [`jwt_optional`],
//! and `current_user` is the [`CurrentUser`] they put on the request,
//! which views take as `Extension<CurrentUser>` (or
//! `Option<Extension<CurrentUser>>` behind `jwt_optional`).
//!
//! The token comes in `Authorization: Token <jwt>` (`JWT_HEADER_TYPE =
//! 'Token'`). Where flask-jwt-extended answers 401 or 422 depending on
//! what is wrong, every refusal here is a 401 (the RealWorld spec's
//! `Unauthorized`), with the reason under `errors.token`.

use axum::extract::{Request, State};
use axum::response::Response;
use flaxum::openapi::{Input, Operation};
use flaxum::{middleware, Next};
use http::{header, HeaderMap};

use super::exceptions::InvalidUsage;
use super::extensions::Conduit;
use super::user::models::User;

/// The user a valid token names (flask-jwt-extended's `current_user`),
/// with the token itself (the `GET /api/user` answer repeats it).
#[derive(Clone, Debug)]
pub struct CurrentUser {
    /// The user, as loaded for this request.
    pub user: User,
    /// The token the request came with.
    pub token: String,
}

/// The token of `Authorization: Token <jwt>`: `None` without the header,
/// an error for a header of another form.
fn token_of(headers: &HeaderMap) -> Result<Option<&str>, InvalidUsage> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let malformed = || InvalidUsage::unauthorized("Authorization header must be `Token <jwt>`");
    let value = value.to_str().map_err(|_| malformed())?;
    match value.trim().split_once(' ') {
        Some((scheme, token))
            if scheme.eq_ignore_ascii_case("token") && !token.trim().is_empty() =>
        {
            Ok(Some(token.trim()))
        }
        _ => Err(malformed()),
    }
}

/// The request's user: `None` without a token; an error for a token that
/// is not valid or names no user (a deleted one), as flask-jwt-extended's
/// `user_lookup_loader` refuses it.
async fn load_user(
    app: &Conduit,
    headers: &HeaderMap,
) -> Result<Option<CurrentUser>, InvalidUsage> {
    let Some(token) = token_of(headers)? else {
        return Ok(None);
    };
    let id = app
        .jwt
        .identity(token)
        .map_err(InvalidUsage::unauthorized)?;
    let user = User::get_by_id(&app.db, id)
        .await?
        .ok_or_else(|| InvalidUsage::unauthorized("The token's user does not exist"))?;
    let token = token.to_owned();
    Ok(Some(CurrentUser { user, token }))
}

/// `@jwt_required()`: the view runs only for a request with a valid
/// token, and finds its user in the request's extensions.
#[middleware]
pub async fn jwt_required(
    State(app): State<Conduit>,
    req: Request,
    next: Next,
) -> Result<Response, InvalidUsage> {
    let mut req = req;
    match load_user(&app, req.headers()).await? {
        Some(user) => {
            req.extensions_mut().insert(user);
            Ok(next.run(req).await)
        }
        None => Err(InvalidUsage::unauthorized("Missing Authorization Header")),
    }
}

/// `@jwt_required(optional=True)`: a request without a token goes on
/// with no user; one with a token that is not valid is refused, as in
/// flask-jwt-extended.
#[middleware]
pub async fn jwt_optional(
    State(app): State<Conduit>,
    req: Request,
    next: Next,
) -> Result<Response, InvalidUsage> {
    let mut req = req;
    if let Some(user) = load_user(&app, req.headers()).await? {
        req.extensions_mut().insert(user);
    }
    Ok(next.run(req).await)
}

/// The OpenAPI document's security scheme, as the spec names it: `Token`,
/// the `Authorization` header.
fn token_scheme(op: &mut Operation<'_>) {
    let scheme = serde_json::json!({
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": "`Authorization: Token <jwt>`, the token of `POST /api/users` or `POST /api/users/login`.",
    });
    op.security_scheme("Token", scheme);
    op.response_empty(
        401,
        "No valid token: missing, malformed, expired, or its user is gone",
    );
}

/// Routes behind [`jwt_required`] need the token.
impl Input for jwt_required {
    fn describe(op: &mut Operation<'_>) {
        token_scheme(op);
        op.security("Token");
    }
}

/// Routes behind [`jwt_optional`] read a token when there is one (and
/// refuse one that is not valid).
impl Input for jwt_optional {
    fn describe(op: &mut Operation<'_>) {
        token_scheme(op);
        op.security_optional("Token");
    }
}
