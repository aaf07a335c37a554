//! Flask's `user/serializers.py`: `UserSchema`, split into what each view
//! loads (serde `Deserialize` plus validators) and what they dump
//! (`Serialize`, in the `{"user": …}` envelope of `dump_user`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::realworld::schema::{nullable, Errors, Schema};
use crate::realworld::user::models::User;

/// The column sizes of the Flask model.
const USERNAME_MAX: usize = 80;
const EMAIL_MAX: usize = 100;
const BIO_MAX: usize = 300;
const IMAGE_MAX: usize = 120;

/// `POST /api/users`: `{"user": {"username", "email", "password"}}`.
///
/// A field that is missing or null is read as `None`, for the validators
/// to name it in a 422 as marshmallow does; the document says what they
/// accept (`#[schemars(with = "String")]`: a string, required). The other
/// bodies' fields are described the same way (`skip_serializing_if`
/// keeps `"default": null` out of an optional field's schema).
#[derive(Debug, Deserialize, JsonSchema)]
pub struct RegisterUser {
    /// Required.
    #[schemars(with = "String")]
    pub username: Option<String>,
    /// Required, an email address.
    #[schemars(with = "String")]
    pub email: Option<String>,
    /// Required.
    #[schemars(with = "String")]
    pub password: Option<String>,
}

impl Schema for RegisterUser {
    const ENVELOPE: &'static str = "user";

    fn validate(&self, errors: &mut Errors) {
        let username = errors.required("username", self.username.as_deref());
        errors.max_chars("username", username, USERNAME_MAX);
        let email = errors.required("email", self.email.as_deref());
        errors.email("email", email);
        errors.max_chars("email", email, EMAIL_MAX);
        errors.required("password", self.password.as_deref());
    }
}

/// `POST /api/users/login`: `{"user": {"email", "password"}}`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct LoginUser {
    /// Required.
    #[schemars(with = "String")]
    pub email: Option<String>,
    /// Required.
    #[schemars(with = "String")]
    pub password: Option<String>,
}

impl Schema for LoginUser {
    const ENVELOPE: &'static str = "user";

    fn validate(&self, errors: &mut Errors) {
        errors.required("email", self.email.as_deref());
        errors.required("password", self.password.as_deref());
    }
}

/// `PUT /api/user`: any of the fields. As the Flask schema's `pre_load`
/// has it, an empty or null `email` or `image` is left out (front ends
/// send one or the other for "unchanged"), and so is an empty `password`
/// (`if password:` in the view); `bio` may be set to `null`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct UpdateUser {
    /// A new username, not blank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub username: Option<String>,
    /// A new email address.
    #[serde(default, deserialize_with = "nullable")]
    pub email: Option<Option<String>>,
    /// A new password.
    #[serde(default, deserialize_with = "nullable")]
    pub password: Option<Option<String>>,
    /// A new bio, or `null`.
    #[serde(default, deserialize_with = "nullable")]
    pub bio: Option<Option<String>>,
    /// A new image URL.
    #[serde(default, deserialize_with = "nullable")]
    pub image: Option<Option<String>>,
}

/// `Some(text)` unless it is missing, null or empty.
fn given(field: &Option<Option<String>>) -> Option<&str> {
    field.as_ref()?.as_deref().filter(|v| !v.is_empty())
}

impl UpdateUser {
    /// The new email, if one is given.
    pub fn email(&self) -> Option<&str> {
        given(&self.email)
    }

    /// The new password, if one is given.
    pub fn password(&self) -> Option<&str> {
        given(&self.password)
    }

    /// The new image, if one is given.
    pub fn image(&self) -> Option<&str> {
        given(&self.image)
    }
}

impl Schema for UpdateUser {
    const ENVELOPE: &'static str = "user";

    fn validate(&self, errors: &mut Errors) {
        if let Some(username) = &self.username {
            errors.required("username", Some(username));
            errors.max_chars("username", Some(username), USERNAME_MAX);
        }
        errors.email("email", self.email());
        errors.max_chars("email", self.email(), EMAIL_MAX);
        let bio = self.bio.as_ref().and_then(|b| b.as_deref());
        errors.max_chars("bio", bio, BIO_MAX);
        errors.url("image", self.image());
        errors.max_chars("image", self.image(), IMAGE_MAX);
    }
}

/// A user as the API shows it to themself (`user_schema.dump(user)`).
#[derive(Debug, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct UserJson {
    /// The email address.
    pub email: String,
    /// A token for the next requests.
    pub token: String,
    /// The username.
    pub username: String,
    /// The bio, or `null`.
    pub bio: Option<String>,
    /// The image URL, or `null`.
    pub image: Option<String>,
    /// When registered.
    pub created_at: String,
    /// When last changed.
    pub updated_at: String,
}

/// `{"user": …}` (`dump_user`).
#[derive(Debug, Serialize, JsonSchema)]
pub struct UserEnvelope {
    /// The user.
    pub user: UserJson,
}

impl UserEnvelope {
    /// `user` with `token`.
    pub fn new(user: User, token: String) -> Self {
        UserEnvelope {
            user: UserJson {
                email: user.email,
                token,
                username: user.username,
                bio: user.bio,
                image: user.image,
                created_at: user.created_at,
                updated_at: user.updated_at,
            },
        }
    }
}
