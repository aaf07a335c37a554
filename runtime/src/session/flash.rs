//! Flask's message flashing: messages kept in the session for the next
//! request, under `_flashes`, each a `[category, message]` pair.

use serde_json::Value;

use super::Session;

/// Where the messages are kept in the session, as Flask keeps them.
const FLASHES: &str = "_flashes";

/// The category of [`flash`]: Flask's default.
const DEFAULT_CATEGORY: &str = "message";

impl Session {
    fn push_flash(&self, category: String, message: String) {
        self.with(|data, modified| {
            let pair = Value::Array(vec![Value::String(category), Value::String(message)]);
            match data.get_mut(FLASHES) {
                Some(Value::Array(list)) => list.push(pair),
                _ => {
                    data.insert(FLASHES.to_owned(), Value::Array(vec![pair]));
                }
            }
            *modified = true;
        });
    }

    /// The flashed messages, taken out of the session on the first call of
    /// the request and the same ones on the next calls.
    fn flashes(&self) -> Vec<(String, String)> {
        let mut state = self.lock();
        state.accessed = true;
        if let Some(read) = &state.flashes {
            return read.clone();
        }
        let data = state.data(self.shared.settings.as_deref());
        let taken = data.remove(FLASHES);
        let had = taken.is_some();
        let list: Vec<(String, String)> = match taken {
            Some(Value::Array(list)) => list.into_iter().filter_map(pair).collect(),
            _ => Vec::new(),
        };
        state.modified |= had;
        state.flashes = Some(list.clone());
        list
    }
}

/// A stored `[category, message]`, or `None` if it is not one.
fn pair(value: Value) -> Option<(String, String)> {
    let Value::Array(mut two) = value else {
        return None;
    };
    let message = match two.pop()? {
        Value::String(s) => s,
        _ => return None,
    };
    let category = match two.pop()? {
        Value::String(s) => s,
        _ => return None,
    };
    two.is_empty().then_some((category, message))
}

/// Flask's `flash(message)`: keeps `message` in `session`, in the
/// category `"message"`, for the next [`get_flashed_messages`].
///
/// ```
/// use flaxum::session::{flash, get_flashed_messages, Session};
/// let session = Session::default();
/// flash(&session, "Saved.");
/// assert_eq!(get_flashed_messages(&session), ["Saved."]);
/// ```
pub fn flash(session: &Session, message: impl Into<String>) {
    session.push_flash(DEFAULT_CATEGORY.to_owned(), message.into());
}

/// Flask's `flash(message, category)`: keeps `message` in `session`, in
/// `category` (`"error"`, `"info"`, … : any string the templates know).
///
/// ```
/// use flaxum::session::{flash_with, get_flashed_messages_with_categories, Session};
/// let session = Session::default();
/// flash_with(&session, "error", "Wrong password.");
/// assert_eq!(
///     get_flashed_messages_with_categories(&session),
///     [("error".to_owned(), "Wrong password.".to_owned())]
/// );
/// ```
pub fn flash_with(session: &Session, category: impl Into<String>, message: impl Into<String>) {
    session.push_flash(category.into(), message.into());
}

/// Flask's `get_flashed_messages()`: the messages flashed so far, oldest
/// first, removed from the session. Within one request every call
/// returns the same messages (a template and its handler can both ask);
/// a message flashed after the first call is for the next request.
///
/// ```
/// use flaxum::session::{flash, get_flashed_messages, Session};
/// let session = Session::default();
/// flash(&session, "one");
/// flash(&session, "two");
/// assert_eq!(get_flashed_messages(&session), ["one", "two"]);
/// assert_eq!(get_flashed_messages(&session), ["one", "two"]);
/// assert!(session.is_empty());
/// ```
pub fn get_flashed_messages(session: &Session) -> Vec<String> {
    session.flashes().into_iter().map(|(_, m)| m).collect()
}

/// Flask's `get_flashed_messages(with_categories=True)`: the messages as
/// `(category, message)` pairs.
///
/// ```
/// use flaxum::session::{flash, flash_with, get_flashed_messages_with_categories, Session};
/// let session = Session::default();
/// flash(&session, "Hello.");
/// flash_with(&session, "warning", "Careful.");
/// let got = get_flashed_messages_with_categories(&session);
/// assert_eq!(got[0], ("message".to_owned(), "Hello.".to_owned()));
/// assert_eq!(got[1], ("warning".to_owned(), "Careful.".to_owned()));
/// ```
pub fn get_flashed_messages_with_categories(session: &Session) -> Vec<(String, String)> {
    session.flashes()
}

/// Flask's `get_flashed_messages(with_categories=True,
/// category_filter=categories)`: the messages of those categories. As in
/// Flask, the others are removed from the session all the same.
///
/// ```
/// use flaxum::session::{flash, flash_with, get_flashed_messages, get_flashed_messages_filtered, Session};
/// let session = Session::default();
/// flash(&session, "Hello.");
/// flash_with(&session, "error", "Broken.");
/// let errors = get_flashed_messages_filtered(&session, &["error"]);
/// assert_eq!(errors, [("error".to_owned(), "Broken.".to_owned())]);
/// assert_eq!(get_flashed_messages(&session), ["Hello.", "Broken."]);
/// ```
pub fn get_flashed_messages_filtered(
    session: &Session,
    categories: &[&str],
) -> Vec<(String, String)> {
    let mut flashes = session.flashes();
    flashes.retain(|(c, _)| categories.contains(&c.as_str()));
    flashes
}

/// The templates' `get_flashed_messages(with_categories=false,
/// category_filter=[])`, on the session of the request being answered.
#[cfg(feature = "templates")]
pub(crate) fn in_template(
    with_categories: Option<bool>,
    category_filter: Option<Vec<String>>,
    kwargs: minijinja::value::Kwargs,
) -> Result<minijinja::Value, minijinja::Error> {
    use minijinja::{Error, ErrorKind};
    let with_categories = match kwargs.get::<Option<bool>>("with_categories")? {
        Some(on) => on,
        None => with_categories.unwrap_or(false),
    };
    let category_filter = match kwargs.get::<Option<Vec<String>>>("category_filter")? {
        Some(list) => list,
        None => category_filter.unwrap_or_default(),
    };
    kwargs.assert_all_used()?;
    let Some(session) = Session::current() else {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            "get_flashed_messages: no session in this request; add \
             `.layer(flaxum::session::SessionLayer::new(key))` to the App",
        ));
    };
    let mut flashes = session.flashes();
    if !category_filter.is_empty() {
        flashes.retain(|(c, _)| category_filter.contains(c));
    }
    Ok(if with_categories {
        minijinja::Value::from_serialize(&flashes)
    } else {
        let messages: Vec<String> = flashes.into_iter().map(|(_, m)| m).collect();
        minijinja::Value::from_serialize(&messages)
    })
}
