"""The Flask side of the differential test (runtime/tests/flask_diff.rs).

Reads a JSON list of [method, path] requests on stdin, answers each with
Flask's test client, and prints a JSON list of {status, body, location,
allow}. Every view answers `name|key=value|…` with its arguments sorted by
key, which the flaxum handlers mirror.
"""
import json
import sys

from flask import Flask

app = Flask(__name__)


def view(name):
    def answer(**kwargs):
        return name + "".join(f"|{k}={kwargs[k]!s}" for k in sorted(kwargs))

    answer.__name__ = name
    return answer


RULES = [
    ("/", "index", ["GET"]),
    ("/users/<int:id>", "user_id", ["GET"]),
    ("/users/me", "user_me", ["GET"]),
    ("/users/<name>", "user_name", ["POST"]),
    ("/projects/", "projects", ["GET"]),
    ("/about", "about", ["GET"]),
    ("/x/<path:p>", "x_rest", ["GET"]),
    ("/x/proj/", "x_proj", ["GET"]),
    ("/f/<float:v>", "float_v", ["GET"]),
    ("/s/<string(length=2):v>", "two_chars", ["GET"]),
    ("/u/<uuid:id>", "uuid_id", ["GET"]),
    ("/l/<any(en, de, fr):lang>/", "lang", ["GET"]),
    ("/n/<int(min=1, max=100):n>", "ranged", ["GET"]),
    ("/sig/<int(signed=True):n>", "signed", ["GET"]),
    ("/fd/<int(fixed_digits=4):n>", "fixed", ["GET"]),
    ("/a/<x>/b", "a_x_b", ["GET"]),
    ("/a/b", "a_b", ["GET"]),
    ("/café", "cafe", ["GET"]),
    ("/m", "multi", ["GET", "POST", "DELETE"]),
    ("/q/<v>/", "q_slash", ["GET"]),
    ("/p/<a>/<b>", "two_params", ["GET", "PUT"]),
]

for rule, name, methods in RULES:
    app.add_url_rule(rule, endpoint=name, view_func=view(name), methods=methods)


def main():
    client = app.test_client()
    out = []
    for method, path in json.load(sys.stdin):
        res = client.open(path, method=method)
        out.append(
            {
                "status": res.status_code,
                "body": res.get_data(as_text=True),
                "location": res.headers.get("Location"),
                "allow": res.headers.get("Allow"),
            }
        )
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
