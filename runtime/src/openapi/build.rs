//! The document of an app: every route of its table, in OpenAPI's path
//! syntax, with its methods, endpoint, blueprint and parameters; what the
//! route macros emitted for it (the item's [`Described`](super::Described)
//! impls, through the `routes!` expansion's function); flaxum's own
//! answers; the schemas and security schemes the operations named.

use std::collections::{BTreeMap, HashMap};

use serde_json::{json, Map, Value};

use super::schemas::rename_refs;
use super::{answers, Document, Operation, Shared};
use crate::blueprint::Owner;
use crate::route::{Converter, RouteDef, Segment};
use crate::table::Table;

/// What `routes!` emits for the document: how to describe the handler a
/// route's owner names.
pub(crate) type DescribeFn = fn(usize, &mut Operation<'_>);

/// What an app keeps for its document besides its table: who answers
/// each route, the `routes!` expansion's function that describes a
/// handler, and the crate's package name and version (the default
/// `info`).
#[derive(Clone, Copy)]
pub(crate) struct Source {
    pub(crate) owners: &'static [Owner],
    pub(crate) describe: Option<DescribeFn>,
    pub(crate) package: (&'static str, &'static str),
}

impl Source {
    /// An app around a service of its own: no routes to describe.
    pub(crate) const NONE: Source = Source {
        owners: &[],
        describe: None,
        package: ("", ""),
    };
}

/// One operation of the document, before its `operationId`.
struct Built {
    path: String,
    method: String,
    endpoint: String,
    object: Map<String, Value>,
}

/// The document of the routes of `table`.
pub(crate) fn document(table: &'static Table, source: &Source) -> Document {
    let mut shared = Shared::default();
    let mut built: Vec<Built> = Vec::new();
    let mut tags: Vec<&'static str> = Vec::new();
    for &i in table.match_order() {
        let i = usize::from(i);
        let route = table.route(i);
        let mut op = Operation::new(route, &mut shared);
        if let (Some(describe), Some(owner)) = (source.describe, source.owners.get(i)) {
            describe(usize::from(owner.handler), &mut op);
        }
        let object = op.finish();
        if !route.blueprint.is_empty() && !tags.contains(&route.blueprint) {
            tags.push(route.blueprint);
        }
        for method in route.methods.iter() {
            built.push(Built {
                path: openapi_path(route),
                method: method.to_ascii_lowercase(),
                endpoint: route.endpoint(),
                object: object.clone(),
            });
        }
    }
    let security_schemes = core::mem::take(&mut shared.security_schemes);
    let tag_about = core::mem::take(&mut shared.tags);
    let (schemas, renames) = shared.schemas.finish();
    let ids = operation_ids(&built);
    let mut paths: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    for (b, id) in built.into_iter().zip(ids) {
        let mut object = b.object;
        object.insert("operationId".into(), Value::String(id));
        if let Some(responses) = object.get_mut("responses") {
            rename_refs(responses, &renames);
        }
        let item = paths.entry(b.path).or_default();
        match item.get_mut(&b.method) {
            // Two routes of one method and one path template (`/a/<int:x>`
            // and `/a/<uuid:x>`): OpenAPI has room for one operation, the
            // route matched first; the other is named in its description.
            Some(first) => also(first, &object),
            None => {
                item.insert(b.method, Value::Object(object));
            }
        }
    }
    let mut components = Map::new();
    if !schemas.is_empty() {
        components.insert("schemas".into(), Value::Object(schemas));
    }
    if !security_schemes.is_empty() {
        components.insert("securitySchemes".into(), Value::Object(security_schemes));
    }
    components.insert(
        "responses".into(),
        json!({ "MethodNotAllowed": answers::method_not_allowed() }),
    );
    tags.sort_unstable();
    let tags: Vec<Value> = tags
        .iter()
        .map(|t| match tag_about.get(*t) {
            Some(about) => json!({ "name": t, "description": about }),
            None => json!({ "name": t }),
        })
        .collect();
    let (name, version) = source.package;
    let mut doc = json!({
        "openapi": "3.1.0",
        "info": {
            "title": if name.is_empty() { "API" } else { name },
            "version": if version.is_empty() { "0.0.0" } else { version },
        },
        "paths": paths,
        "components": components,
    });
    if !tags.is_empty() {
        doc["tags"] = Value::Array(tags);
    }
    Document::new(doc)
}

/// The path in OpenAPI's syntax: `/users/{id}`; a blueprint's prefix is
/// part of the route's segments.
pub(crate) fn openapi_path(route: &RouteDef) -> String {
    let mut out = String::new();
    for seg in route.segments {
        out.push('/');
        match seg {
            Segment::Static(text) => out.push_str(text),
            Segment::Param { name, .. } | Segment::CatchAll { name } => {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
        }
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

/// Each operation's `operationId`: its endpoint (`auth.login`), unless the
/// endpoint has several operations (a route with several methods, or
/// several routes): then the method follows it (`echo.post`), and a
/// number after that if the two still meet.
fn operation_ids(built: &[Built]) -> Vec<String> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for b in built {
        *count.entry(b.endpoint.as_str()).or_default() += 1;
    }
    let mut used: HashMap<String, usize> = HashMap::new();
    built
        .iter()
        .map(|b| {
            let base = if count[b.endpoint.as_str()] > 1 {
                format!("{}.{}", b.endpoint, b.method)
            } else {
                b.endpoint.clone()
            };
            let n = used.entry(base.clone()).or_default();
            *n += 1;
            if *n == 1 {
                base
            } else {
                format!("{base}.{n}")
            }
        })
        .collect()
}

/// Names `other` in the description of `first`, the operation that took
/// its method and path.
fn also(first: &mut Value, other: &Map<String, Value>) {
    let id = other
        .get("operationId")
        .and_then(Value::as_str)
        .unwrap_or("");
    let note = format!("When this route does not match, `{id}` may: OpenAPI has one operation for a method and a path template.");
    let text = match first.get("description").and_then(Value::as_str) {
        Some(d) => format!("{d}\n\n{note}"),
        None => note,
    };
    first["description"] = Value::String(text);
}

impl Operation<'_> {
    /// The operation object: what was described, the route's parameters
    /// and tag, flaxum's own answers.
    pub(crate) fn finish(mut self) -> Map<String, Value> {
        let route = self.route;
        let mut parameters = Vec::new();
        for seg in route.segments {
            let (name, schema, about) = match *seg {
                Segment::Static(_) => continue,
                Segment::Param { name, conv } => {
                    let typed = self.path_types.iter().find(|(n, _)| *n == name);
                    let (schema, about) = match typed {
                        Some((_, schema)) if is_plain(&conv) => {
                            (plain_schema(schema), String::new())
                        }
                        _ => converter_schema(&conv),
                    };
                    if !is_plain(&conv) {
                        let (status, response) = answers::not_found(name, converter_name(&conv));
                        self.response_value(status, response);
                    }
                    (name, schema, about)
                }
                Segment::CatchAll { name } => (
                    name,
                    json!({ "type": "string", "minLength": 1 }),
                    "The rest of the path: may hold `/`, never a `.` or `..` segment.".to_owned(),
                ),
            };
            let (status, response) =
                answers::bad_parameter(name, matches!(seg, Segment::CatchAll { .. }));
            self.response_value(status, response);
            let mut p = json!({ "name": name, "in": "path", "required": true, "schema": schema });
            if !about.is_empty() {
                p["description"] = Value::String(about);
            }
            parameters.push(p);
        }
        parameters.append(&mut self.parameters);
        let mut object = Map::new();
        if !route.blueprint.is_empty() {
            object.insert("tags".into(), json!([route.blueprint]));
        }
        if let Some(s) = self.summary.take() {
            object.insert("summary".into(), Value::String(s));
        }
        if let Some(d) = self.description.take() {
            object.insert("description".into(), Value::String(d));
        }
        if !parameters.is_empty() {
            object.insert("parameters".into(), Value::Array(parameters));
        }
        if let Some(body) = self.body.take() {
            object.insert("requestBody".into(), body);
        }
        object.insert("responses".into(), self.responses_object());
        if let Some(security) = self.security_object() {
            object.insert("security".into(), security);
        }
        object
    }

    /// The responses, by status; `default` when none says what the
    /// handler answers when it succeeds.
    fn responses_object(&mut self) -> Value {
        let mut responses = Map::new();
        let succeeds = self
            .responses
            .iter()
            .any(|(k, _)| k.starts_with('2') || k.starts_with('3'));
        if !succeeds {
            responses.insert(
                "default".into(),
                json!({ "description": "The handler's answer: its return type does not tell the status (name it with the route's `responses(…)`)" }),
            );
        }
        for (status, response) in self.responses.drain(..) {
            responses.insert(status, response);
        }
        Value::Object(responses)
    }

    /// `security`: each scheme an alternative, and no scheme at all one
    /// too when every scheme is optional.
    fn security_object(&self) -> Option<Value> {
        if self.security.is_empty() {
            return None;
        }
        let mut list = Vec::new();
        if self.security_optional && !self.security_required {
            list.push(json!({}));
        }
        for s in &self.security {
            list.push(json!({ s.as_str(): [] }));
        }
        Some(Value::Array(list))
    }
}

/// Whether a parameter has no converter (a plain `<name>`, `:name`,
/// `{name}`): its argument's type says what it holds.
fn is_plain(conv: &Converter) -> bool {
    matches!(
        conv,
        Converter::String {
            min: 1,
            max: u32::MAX
        }
    )
}

/// A plain parameter's type's schema, which is never empty when it is a
/// string.
fn plain_schema(schema: &Value) -> Value {
    let mut schema = schema.clone();
    if schema.get("type") == Some(&json!("string")) && schema.get("minLength").is_none() {
        schema["minLength"] = json!(1);
    }
    schema
}

/// The converter's name, as the path spells it.
fn converter_name(conv: &Converter) -> &'static str {
    match conv {
        Converter::String { .. } => "string",
        Converter::Int { .. } => "int",
        Converter::Float { .. } => "float",
        Converter::Uuid => "uuid",
        Converter::Any(_) => "any",
        Converter::Class { .. } => "custom",
    }
}

/// A JSON number for an `int` bound, when JSON's numbers can hold it.
fn int_number(v: i128) -> Option<Value> {
    if let Ok(n) = i64::try_from(v) {
        return Some(json!(n));
    }
    u64::try_from(v).ok().map(|n| json!(n))
}

/// The schema a converter gives its parameter, and what the schema cannot
/// say (an `int`'s fixed digits).
pub(crate) fn converter_schema(conv: &Converter) -> (Value, String) {
    match *conv {
        Converter::String { min, max } => {
            let mut s = json!({ "type": "string", "minLength": min });
            if max != u32::MAX {
                s["maxLength"] = json!(max);
            }
            (s, String::new())
        }
        Converter::Int {
            min,
            max,
            fixed_digits,
            ..
        } => {
            let mut s = json!({ "type": "integer" });
            if let Some(n) = int_number(min) {
                s["minimum"] = n;
            }
            if let Some(n) = int_number(max) {
                s["maximum"] = n;
            }
            let about = if fixed_digits > 0 {
                format!("Written with exactly {fixed_digits} digits (leading zeros included).")
            } else {
                String::new()
            };
            (s, about)
        }
        Converter::Float { min, max, signed } => {
            let mut s = json!({ "type": "number" });
            if min.is_finite() {
                s["minimum"] = json!(min);
            } else if !signed {
                s["minimum"] = json!(0);
            }
            if max.is_finite() {
                s["maximum"] = json!(max);
            }
            (s, String::new())
        }
        Converter::Uuid => (json!({ "type": "string", "format": "uuid" }), String::new()),
        Converter::Any(words) => (json!({ "type": "string", "enum": words }), String::new()),
        Converter::Class { chars, min, max } => {
            let mut s = json!({
                "type": "string",
                "pattern": format!("^{}+$", class_pattern(chars)),
                "minLength": min,
            });
            if max != u32::MAX {
                s["maxLength"] = json!(max);
            }
            (s, String::new())
        }
    }
}

/// A custom converter's characters (bit `c` for ASCII `c`) as a regular
/// expression's class, as OpenAPI's `pattern` (ECMA-262) reads it: runs of
/// three or more as ranges (`[a-z0-9-]`), and the characters a class
/// gives a meaning escaped.
pub(crate) fn class_pattern(chars: u128) -> String {
    let push = |out: &mut String, c: u8| {
        if matches!(c, b'\\' | b']' | b'[' | b'^' | b'-') {
            out.push('\\');
        }
        out.push(char::from(c));
    };
    let has = |c: u32| c < 128 && chars >> c & 1 == 1;
    let mut out = String::from("[");
    let mut c = 0;
    while c < 128 {
        if !has(c) {
            c += 1;
            continue;
        }
        let start = c;
        while has(c + 1) {
            c += 1;
        }
        // Both ends are ASCII: `c` < 128.
        let (first, last) = (start as u8, c as u8);
        push(&mut out, first);
        if last - first >= 2 {
            out.push('-');
        }
        if last > first {
            push(&mut out, last);
        }
        c += 1;
    }
    out.push(']');
    out
}

#[cfg(test)]
mod tests {
    use super::class_pattern;

    /// The bits of the characters of `text`.
    fn bits(text: &str) -> u128 {
        text.bytes().fold(0, |acc, c| acc | 1 << c)
    }

    #[test]
    fn a_class_is_written_as_ranges_with_its_special_characters_escaped() {
        let slug = bits("abcdefghijklmnopqrstuvwxyz0123456789-");
        assert_eq!(class_pattern(slug), "[\\-0-9a-z]");
        assert_eq!(class_pattern(bits("ab")), "[ab]");
        assert_eq!(class_pattern(bits("x")), "[x]");
        assert_eq!(class_pattern(bits("]^\\[")), "[\\[-\\^]");
        assert_eq!(class_pattern(bits("_.")), "[._]");
    }
}
