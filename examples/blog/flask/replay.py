"""Replay tests/session.json against the Flask blog with Flask's test client.

    python examples/blog/flask/replay.py [path/to/session.json]

Each run uses a fresh database in a temporary directory. The client keeps
cookies between steps and never follows redirects. Exits 1 on any mismatch.
Step fields are described in ../SPEC.md ("The scripted session").
"""

import json
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from app import create_app  # noqa: E402

DEFAULT_SESSION = Path(__file__).resolve().parent.parent / "tests" / "session.json"


def location_path(location):
    """A Location header reduced to path (and query), whatever its form."""
    parts = urlsplit(location)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def json_matches(expected, actual):
    """Objects: every expected key present and matching (extra keys allowed).
    Lists: same length, item by item. Anything else: equal."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(
            key in actual and json_matches(value, actual[key])
            for key, value in expected.items()
        )
    if isinstance(expected, list):
        return (
            isinstance(actual, list)
            and len(expected) == len(actual)
            and all(json_matches(e, a) for e, a in zip(expected, actual))
        )
    return type(expected) is type(actual) and expected == actual


def check(step, response):
    """The list of problems with one response (empty if it matches)."""
    problems = []
    if response.status_code != step["expect_status"]:
        problems.append(f"status {response.status_code}, expected {step['expect_status']}")
    location = response.headers.get("Location")
    if "expect_location" in step:
        got = location_path(location) if location is not None else None
        if got != step["expect_location"]:
            problems.append(f"Location {location!r}, expected {step['expect_location']!r}")
    text = response.get_data(as_text=True)
    for needle in step.get("expect_text", []):
        if needle not in text:
            problems.append(f"body lacks {needle!r}")
    for needle in step.get("expect_absent", []):
        if needle in text:
            problems.append(f"body contains {needle!r}")
    if "expect_json" in step:
        try:
            actual = json.loads(text)
        except ValueError:
            problems.append("body is not JSON")
        else:
            if not json_matches(step["expect_json"], actual):
                problems.append(f"JSON {actual!r} does not match {step['expect_json']!r}")
    return problems


def replay(steps):
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(Path(tmp) / "blog.sqlite")
        client = app.test_client()
        for number, step in enumerate(steps, 1):
            kwargs = {}
            if "form" in step:
                kwargs["data"] = step["form"]  # sent as x-www-form-urlencoded
            if "json" in step:
                kwargs["json"] = step["json"]
            response = client.open(step["path"], method=step["method"], **kwargs)
            problems = check(step, response)
            label = f"{number:2} {step['method']:4} {step['path']:20} {step['name']}"
            print(("FAIL " if problems else "ok   ") + label)
            for problem in problems:
                print(f"       {problem}")
            failures += bool(problems)
    print(f"\n{len(steps) - failures}/{len(steps)} steps passed")
    return failures


if __name__ == "__main__":
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SESSION
    sys.exit(1 if replay(json.loads(path.read_text())) else 0)
