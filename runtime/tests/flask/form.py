"""What Flask reads as request.form and request.files, for form_flask.rs.

Reads a JSON list of requests on stdin, each [content_type or null, body
as hex], posts each through Flask's test client with exactly that body,
and writes a JSON list of answers on stdout:
{"status": 200, "form": [[name, [values…]], …], "files": [[name, filename,
content_type or null, contents as hex], …]}. Names come in the order
Flask keeps them (first appearance), each with its values in body order.

Run it by hand to see Flask's answer to a request:
  echo '[["application/x-www-form-urlencoded", "613d254646"]]' | python3 form.py
"""

import json
import sys

from flask import Flask, request

app = Flask(__name__)


@app.post("/f")
def dump():
    files = []
    for name in request.files:
        for f in request.files.getlist(name):
            files.append([name, f.filename, f.content_type, f.read().hex()])
    return {
        "form": [[name, request.form.getlist(name)] for name in request.form],
        "files": files,
    }


client = app.test_client()
out = []
for content_type, body in json.load(sys.stdin):
    headers = {} if content_type is None else {"Content-Type": content_type}
    r = client.post("/f", data=bytes.fromhex(body), headers=headers)
    answer = {"status": r.status_code}
    if r.status_code == 200:
        answer.update(r.get_json())
    out.append(answer)
json.dump(out, sys.stdout)
