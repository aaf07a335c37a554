//! Flask's `profile/serializers.py`: `ProfileSchema`, dumped as
//! `{"profile": …}`, and nested as an article's or a comment's `author`.
//!
//! The Flask schema dumps the user's `email` too; the spec's `Profile`
//! has none, and anyone may read a profile, so it is left out here.

use schemars::JsonSchema;
use serde::Serialize;

use crate::realworld::user::models::User;

/// A user as others see them.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct ProfileJson {
    /// The username.
    pub username: String,
    /// The bio, or `null`.
    pub bio: Option<String>,
    /// The image URL, or `null`.
    pub image: Option<String>,
    /// Whether the user asking follows them (`false` without a token).
    pub following: bool,
}

impl ProfileJson {
    /// `user`'s profile, `following` or not.
    pub fn new(user: User, following: bool) -> Self {
        ProfileJson {
            username: user.username,
            bio: user.bio,
            image: user.image,
            following,
        }
    }
}

/// `{"profile": …}` (`dump_user`).
#[derive(Debug, Serialize, JsonSchema)]
pub struct ProfileEnvelope {
    /// The profile.
    pub profile: ProfileJson,
}
