"""The TechEmpower workload in Flask, for benches/http/te.sh under
gunicorn: plaintext, JSON serialized per request, and fortunes (the rows
of FORTUNES_DB plus one added per request, sorted, rendered by Jinja2 with
autoescaping). gunicorn writes the Date header; the Server header is set
here, as the Rust servers set theirs.
"""

import os
import sqlite3
import threading

from flask import Flask, jsonify, render_template

app = Flask(__name__, template_folder="templates")
local = threading.local()


def db():
    if not hasattr(local, "db"):
        local.db = sqlite3.connect(os.environ["FORTUNES_DB"], check_same_thread=False)
    return local.db


@app.after_request
def server(response):
    response.headers["Server"] = "flask"
    return response


@app.get("/plaintext")
def plaintext():
    return "Hello, World!", 200, {"Content-Type": "text/plain"}


@app.get("/json")
def json_():
    return jsonify(message="Hello, World!")


@app.get("/fortunes")
def fortunes():
    rows = [{"id": i, "message": m} for i, m in db().execute("SELECT id, message FROM fortune")]
    rows.append({"id": 0, "message": "Additional fortune added at request time."})
    rows.sort(key=lambda f: f["message"])
    return render_template("fortunes.html", fortunes=rows)
