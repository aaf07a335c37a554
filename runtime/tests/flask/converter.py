"""Flask's answers for the routes of custom_converter.rs.

The same routes, with each flaxum `UrlConverter` written as a Werkzeug
`BaseConverter` whose `regex` is the class or the words of its `MATCHES`.
Rules whose converter shares the default weight with `string` are added
first, so that Flask tries them before the plain parameter, as flaxum's
ranking does.

Reads a JSON list of [method, path] on stdin, sends each through Flask's
test client, and writes a JSON list of [status, body] on stdout.

Run it by hand:
  echo '[["GET", "/posts/hello-world"]]' | python3 converter.py
"""

import json
import sys

from flask import Flask
from werkzeug.routing import BaseConverter, ValidationError


class SlugConverter(BaseConverter):
    regex = r"[a-z0-9-]{1,20}"


class WordConverter(BaseConverter):
    regex = r"[a-z]+"


class ColorConverter(BaseConverter):
    regex = r"red|green|blue"

    def to_python(self, value):
        return value.capitalize()


class CodeConverter(BaseConverter):
    regex = r"[0-9a-f]{4}"

    def to_python(self, value):
        n = int(value, 16)
        if n == 0:
            raise ValidationError()
        return n


class SpacedConverter(BaseConverter):
    regex = r"[ a-z]+"


app = Flask(__name__)
app.url_map.converters.update(
    slug=SlugConverter,
    word=WordConverter,
    color=ColorConverter,
    code=CodeConverter,
    spaced=SpacedConverter,
)


@app.get("/posts/<slug:slug>")
def post_by_slug(slug):
    return f"slug {slug}"


@app.get("/posts/new")
def new_post():
    return "new"


@app.get("/items/<int:id>")
def item_by_id(id):
    return f"id {id}"


@app.get("/items/<word:w>")
def item_by_word(w):
    return f"word {w}"


@app.get("/items/<name>")
def item_by_name(name):
    return f"name {name}"


@app.get("/posts/<title>")
def post_by_title(title):
    return f"title {title}"


@app.get("/paint/<color:c>")
def paint(c):
    return c


@app.get("/paint/<shade>")
def shade(shade):
    return f"shade {shade}"


@app.get("/codes/<code:code>")
def code(code):
    return f"code {code}"


@app.get("/codes/<other>")
def other_code(other):
    return f"other {other}"


@app.get("/say/<spaced:words>")
def say(words):
    return words


@app.get("/pairs/<slug:a>/<b>")
def pair(a, b):
    return f"{a} {b}"


@app.get("/tags/<color:c>")
def tag(c):
    return f"tag {c}"


@app.post("/tags/<color:c>/set")
def tag_set(c):
    return f"tag {c}"


@app.get("/docs/<slug:s>")
def in_blueprint(s):
    return f"bp {s}"


client = app.test_client()
out = []
for method, path in json.load(sys.stdin):
    r = client.open(path, method=method)
    out.append([r.status_code, r.get_data(as_text=True)])
json.dump(out, sys.stdout)
