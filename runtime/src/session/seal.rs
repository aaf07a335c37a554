//! The cookie's value: the session's JSON with the time it was made,
//! signed (`MAC` `timestamp` `.` `base64url(JSON)`).

use std::time::{SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use cookie::{Cookie, CookieJar};
use serde_json::{Map, Value};

use super::key::SecretKey;

/// The name the values are signed under. The MAC covers the value only,
/// and the key is the session's own, so the name does not matter.
const NAME: &str = "session";

/// Seconds since 1970, by the system's clock.
pub(super) fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The signed value of `data`, made at `now`.
pub(super) fn seal(key: &SecretKey, data: &Map<String, Value>, now: u64) -> String {
    // A map of JSON values always has a JSON form.
    let json = serde_json::to_vec(data).unwrap_or_default();
    let payload = format!("{now}.{}", URL_SAFE_NO_PAD.encode(json));
    let mut jar = CookieJar::new();
    jar.signed_mut(&key.key).add(Cookie::new(NAME, payload));
    jar.get(NAME)
        .map(|c| c.value().to_owned())
        .unwrap_or_default()
}

/// The values of a signed value, if its signature is `key`'s, it is at
/// most `max_age` seconds old, and it holds a JSON object.
pub(super) fn open(key: &SecretKey, raw: &str, max_age: u64) -> Option<Map<String, Value>> {
    let jar = CookieJar::new();
    let verified = jar
        .signed(&key.key)
        .verify(Cookie::new(NAME, raw.to_owned()))?;
    let (made, b64) = verified.value().split_once('.')?;
    let made: u64 = made.parse().ok()?;
    if now().saturating_sub(made) > max_age {
        return None;
    }
    let json = URL_SAFE_NO_PAD.decode(b64).ok()?;
    serde_json::from_slice(&json).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> SecretKey {
        SecretKey::new("0123456789abcdef0123456789abcdef").unwrap()
    }

    fn data() -> Map<String, Value> {
        let mut data = Map::new();
        data.insert("user_id".into(), 7.into());
        data
    }

    #[test]
    fn a_sealed_value_opens_with_its_key_only() {
        let sealed = seal(&key(), &data(), now());
        assert_eq!(open(&key(), &sealed, 60), Some(data()));
        let other = SecretKey::new("another secret of thirty-two bytes").unwrap();
        assert_eq!(open(&other, &sealed, 60), None);
    }

    #[test]
    fn a_changed_or_old_value_does_not_open() {
        let sealed = seal(&key(), &data(), now());
        let mut tampered = sealed.clone();
        tampered.pop();
        tampered.push(if sealed.ends_with('A') { 'B' } else { 'A' });
        assert_eq!(open(&key(), &tampered, 60), None);
        assert_eq!(open(&key(), "", 60), None);
        assert_eq!(
            open(&key(), "not a signed value at all, but long enough", 60),
            None
        );
        let old = seal(&key(), &data(), now() - 120);
        assert_eq!(open(&key(), &old, 60), None);
        assert_eq!(open(&key(), &old, 180), Some(data()));
    }
}
