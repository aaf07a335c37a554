//! Flask's `articles/serializers.py`: `ArticleSchema`, `ArticleSchemas`
//! (a page of articles with `articlesCount`), `CommentSchema` and
//! `CommentsSchema`, as serde types, with what the views load.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::models::{Article, Comment};
use crate::realworld::profile::serializers::ProfileJson;
use crate::realworld::schema::{Errors, Schema};

/// The `title` column's size in the Flask model.
const TITLE_MAX: usize = 100;

/// `POST /api/articles`: `{"article": {"title", "description", "body",
/// "tagList"}}`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NewArticle {
    /// Required; its slug names the article.
    #[schemars(with = "String")]
    pub title: Option<String>,
    /// Required.
    #[schemars(with = "String")]
    pub description: Option<String>,
    /// Required.
    #[schemars(with = "String")]
    pub body: Option<String>,
    /// Optional tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Vec<String>")]
    pub tag_list: Option<Vec<String>>,
}

impl NewArticle {
    /// The tags, each once, in the order given, blank ones left out.
    pub fn tags(&self) -> Vec<String> {
        let mut tags: Vec<String> = Vec::new();
        for tag in self.tag_list.iter().flatten() {
            let tag = tag.trim();
            if !tag.is_empty() && !tags.iter().any(|t| t == tag) {
                tags.push(tag.to_owned());
            }
        }
        tags
    }
}

impl Schema for NewArticle {
    const ENVELOPE: &'static str = "article";

    fn validate(&self, errors: &mut Errors) {
        let title = errors.required("title", self.title.as_deref());
        errors.max_chars("title", title, TITLE_MAX);
        errors.required("description", self.description.as_deref());
        errors.required("body", self.body.as_deref());
    }
}

/// `PUT /api/articles/<slug>`: any of `title`, `description`, `body`; a
/// field given may not be blank. The slug stays as it was, as in the
/// Flask app, so links to the article keep working.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct UpdateArticle {
    /// A new title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub title: Option<String>,
    /// A new description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub description: Option<String>,
    /// A new text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub body: Option<String>,
}

impl Schema for UpdateArticle {
    const ENVELOPE: &'static str = "article";

    fn validate(&self, errors: &mut Errors) {
        for (field, value) in [
            ("title", &self.title),
            ("description", &self.description),
            ("body", &self.body),
        ] {
            if value.is_some() {
                errors.required(field, value.as_deref());
            }
        }
        errors.max_chars("title", self.title.as_deref(), TITLE_MAX);
    }
}

/// `POST /api/articles/<slug>/comments`: `{"comment": {"body"}}`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct NewComment {
    /// Required.
    #[schemars(with = "String")]
    pub body: Option<String>,
}

impl Schema for NewComment {
    const ENVELOPE: &'static str = "comment";

    fn validate(&self, errors: &mut Errors) {
        errors.required("body", self.body.as_deref());
    }
}

/// An article as the API shows it (`article_schema.dump(article)`).
#[derive(Debug, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ArticleJson {
    /// The slug.
    pub slug: String,
    /// The title.
    pub title: String,
    /// The description.
    pub description: String,
    /// The text.
    pub body: String,
    /// The tags, sorted.
    pub tag_list: Vec<String>,
    /// When written.
    #[schemars(extend("format" = "date-time"))]
    pub created_at: String,
    /// When last changed.
    #[schemars(extend("format" = "date-time"))]
    pub updated_at: String,
    /// Whether the user asking favorited it.
    pub favorited: bool,
    /// How many did.
    pub favorites_count: i64,
    /// Its author's profile.
    pub author: ProfileJson,
}

impl From<Article> for ArticleJson {
    fn from(a: Article) -> Self {
        ArticleJson {
            slug: a.slug,
            title: a.title,
            description: a.description,
            body: a.body,
            tag_list: a.tags,
            created_at: a.created_at,
            updated_at: a.updated_at,
            favorited: a.favorited,
            favorites_count: a.favorites_count,
            author: ProfileJson::new(a.author, a.following),
        }
    }
}

/// `{"article": …}`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ArticleEnvelope {
    /// The article.
    pub article: ArticleJson,
}

/// `{"articles": […], "articlesCount": n}`: a page, and how many articles
/// the query matches in all.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ArticlesEnvelope {
    /// The page.
    pub articles: Vec<ArticleJson>,
    /// How many there are in all.
    pub articles_count: i64,
}

/// A comment as the API shows it.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CommentJson {
    /// Its id, for deleting it.
    pub id: i64,
    /// When written.
    #[schemars(extend("format" = "date-time"))]
    pub created_at: String,
    /// When last changed.
    #[schemars(extend("format" = "date-time"))]
    pub updated_at: String,
    /// The text.
    pub body: String,
    /// Its author's profile.
    pub author: ProfileJson,
}

impl From<Comment> for CommentJson {
    fn from(c: Comment) -> Self {
        CommentJson {
            id: c.id,
            created_at: c.created_at,
            updated_at: c.updated_at,
            body: c.body,
            author: ProfileJson::new(c.author, c.following),
        }
    }
}

/// `{"comment": …}`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct CommentEnvelope {
    /// The comment.
    pub comment: CommentJson,
}

/// `{"comments": […]}`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct CommentsEnvelope {
    /// The comments, oldest first.
    pub comments: Vec<CommentJson>,
}

/// `{"tags": […]}`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct TagsEnvelope {
    /// Every tag.
    pub tags: Vec<String>,
}
