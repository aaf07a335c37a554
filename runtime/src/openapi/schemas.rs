//! The schemas of a document: one schemars generator for what requests
//! carry (the types' `Deserialize` side) and one for what responses carry
//! (`Serialize`), each naming its types under `#/components/schemas/`;
//! merged at the end, where a type whose two sides differ gets a second
//! name for its response side.

use schemars::generate::{SchemaGenerator, SchemaSettings};
use schemars::JsonSchema;
use serde_json::{Map, Value};

/// Where the generators' `$ref`s point.
const PATH: &str = "/components/schemas";
const PREFIX: &str = "#/components/schemas/";

/// The two generators.
pub(crate) struct Schemas {
    input: SchemaGenerator,
    output: SchemaGenerator,
}

impl Default for Schemas {
    fn default() -> Self {
        let settings = SchemaSettings::draft2020_12().with(|s| {
            s.definitions_path = PATH.into();
            s.meta_schema = None;
        });
        Schemas {
            input: settings.clone().for_deserialize().into_generator(),
            output: settings.for_serialize().into_generator(),
        }
    }
}

impl Schemas {
    /// `T` as requests carry it.
    pub(crate) fn input<T: JsonSchema>(&mut self) -> Value {
        self.input.subschema_for::<T>().to_value()
    }

    /// `T` as responses carry it; its `$ref`s are renamed by
    /// [`Schemas::finish`] where the two sides differ.
    pub(crate) fn output<T: JsonSchema>(&mut self) -> Value {
        self.output.subschema_for::<T>().to_value()
    }

    /// The schema `schema` refers to (for a `$ref` to an input type), or
    /// `schema` itself.
    pub(crate) fn resolve_input(&self, schema: &Value) -> Value {
        let target = schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix(PREFIX))
            .and_then(|name| self.input.definitions().get(name));
        target.unwrap_or(schema).clone()
    }

    /// The document's `components/schemas`, and the new names of the
    /// response-side schemas that differ from their request side (to
    /// rewrite in the operations' responses with [`rename_refs`]).
    pub(crate) fn finish(mut self) -> (Map<String, Value>, Vec<(String, String)>) {
        let mut all = self.input.take_definitions(true);
        let mut outputs = self.output.take_definitions(true);
        let mut renames = Vec::new();
        for (name, schema) in &outputs {
            match all.get(name) {
                Some(same) if same == schema => {}
                Some(_) => {
                    let mut new = format!("{name}Output");
                    let mut n = 2;
                    while all.contains_key(&new) || outputs.contains_key(&new) {
                        new = format!("{name}Output{n}");
                        n += 1;
                    }
                    renames.push((name.clone(), new));
                }
                None => {}
            }
        }
        for value in outputs.values_mut() {
            rename_refs(value, &renames);
        }
        for (name, schema) in outputs {
            let name = match renames.iter().find(|(old, _)| *old == name) {
                Some((_, new)) => new.clone(),
                None => name,
            };
            all.entry(name).or_insert(schema);
        }
        (all, renames)
    }
}

/// Rewrites each `$ref` to a renamed schema in `value`.
pub(crate) fn rename_refs(value: &mut Value, renames: &[(String, String)]) {
    if renames.is_empty() {
        return;
    }
    match value {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get_mut("$ref") {
                let renamed = r.strip_prefix(PREFIX).and_then(|name| {
                    renames
                        .iter()
                        .find(|(old, _)| old == name)
                        .map(|(_, new)| format!("{PREFIX}{new}"))
                });
                if let Some(new) = renamed {
                    *r = new;
                }
            }
            for v in map.values_mut() {
                rename_refs(v, renames);
            }
        }
        Value::Array(items) => {
            for v in items {
                rename_refs(v, renames);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A type whose two sides differ: `text` may be missing on the way
    /// in, and is always there on the way out.
    #[derive(schemars::JsonSchema, serde::Serialize, serde::Deserialize)]
    #[allow(dead_code)]
    struct Note {
        #[serde(default)]
        text: String,
    }

    #[derive(schemars::JsonSchema, serde::Serialize)]
    #[allow(dead_code)]
    struct Page {
        notes: Vec<Note>,
    }

    #[derive(schemars::JsonSchema, serde::Serialize, serde::Deserialize)]
    #[allow(dead_code)]
    struct Plain {
        text: String,
    }

    #[test]
    fn the_response_side_of_a_type_gets_its_own_name_when_it_differs() {
        let mut s = Schemas::default();
        assert_eq!(
            s.input::<Note>(),
            json!({"$ref": "#/components/schemas/Note"})
        );
        let mut page = s.output::<Page>();
        let (all, renames) = s.finish();
        assert_eq!(renames, [("Note".to_owned(), "NoteOutput".to_owned())]);
        rename_refs(&mut page, &renames);
        assert_eq!(page, json!({"$ref": "#/components/schemas/Page"}));
        assert_eq!(
            all["Page"]["properties"]["notes"]["items"]["$ref"],
            "#/components/schemas/NoteOutput"
        );
        assert_eq!(all["Note"].get("required"), None);
        assert_eq!(all["NoteOutput"]["required"], json!(["text"]));
    }

    #[test]
    fn a_type_alike_on_both_sides_has_one_name() {
        let mut s = Schemas::default();
        s.input::<Plain>();
        s.output::<Plain>();
        let (all, renames) = s.finish();
        assert!(renames.is_empty());
        assert_eq!(all.keys().collect::<Vec<_>>(), ["Plain"]);
    }

    #[test]
    fn a_ref_resolves_to_its_schema() {
        let mut s = Schemas::default();
        let r = s.input::<Plain>();
        assert_eq!(s.resolve_input(&r)["properties"]["text"]["type"], "string");
        let inline = json!({"type": "integer"});
        assert_eq!(s.resolve_input(&inline), inline);
    }
}
