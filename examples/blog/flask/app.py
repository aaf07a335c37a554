"""The blog example, in Flask: the reference the flaxum port must match.

The behaviour contract is ../SPEC.md. Run it with:

    python examples/blog/flask/app.py        # PORT=5002, BLOG_DB=blog-flask.sqlite
"""

import functools
import os
import secrets
import sqlite3
import sys
from pathlib import Path

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from werkzeug.security import check_password_hash, generate_password_hash

BLOG_DIR = Path(__file__).resolve().parent.parent  # examples/blog


# Database ---------------------------------------------------------------------


def init_db(path):
    """Create the database file and its tables if they are missing."""
    db = sqlite3.connect(path)
    try:
        db.executescript((BLOG_DIR / "schema.sql").read_text())
    finally:
        db.close()


def get_db():
    """One connection per request, closed by close_db at teardown."""
    if "db" not in g:
        g.db = sqlite3.connect(current_app.config["DATABASE"])
        g.db.row_factory = sqlite3.Row
    return g.db


def close_db(exc=None):
    db = g.pop("db", None)
    if db is not None:
        db.close()


POST_SELECT = (
    "SELECT p.id, p.title, p.body, p.created, p.author_id, u.username AS author"
    " FROM post p JOIN user u ON u.id = p.author_id"
)


def all_posts():
    rows = get_db().execute(POST_SELECT + " ORDER BY p.created DESC, p.id DESC")
    return [dict(row) for row in rows]


def find_post(id):
    row = get_db().execute(POST_SELECT + " WHERE p.id = ?", (id,)).fetchone()
    return dict(row) if row else None


def field(name):
    """A form field; a missing field counts as empty. Values are not trimmed."""
    return request.form.get(name, "")


def page(template, status=200, **context):
    """Render a page; every page gets the logged-in user (or None) as `user`."""
    return render_template(template, user=g.user, **context), status


# Auth -------------------------------------------------------------------------

auth = Blueprint("auth", __name__, url_prefix="/auth")


@auth.before_app_request
def load_logged_in_user():
    user_id = session.get("user_id")
    row = None
    if user_id is not None:
        row = get_db().execute(
            "SELECT id, username FROM user WHERE id = ?", (user_id,)
        ).fetchone()
    g.user = dict(row) if row else None


def login_required(view):
    @functools.wraps(view)
    def wrapped(**kwargs):
        if g.user is None:
            return redirect(url_for("auth.login"))
        return view(**kwargs)

    return wrapped


@auth.route("/register", methods=("GET", "POST"))
def register():
    if request.method == "GET":
        return page("auth/register.html", username="", error=None)

    username, password = field("username"), field("password")
    if not username:
        error = "Username is required."
    elif not password:
        error = "Password is required."
    else:
        db = get_db()
        try:
            db.execute(
                "INSERT INTO user (username, password) VALUES (?, ?)",
                (username, generate_password_hash(password)),
            )
            db.commit()
            flash(f"User {username} registered. Please log in.")
            return redirect(url_for("auth.login"))
        except sqlite3.IntegrityError:
            error = f"User {username} is already registered."
    return page("auth/register.html", 400, username=username, error=error)


@auth.route("/login", methods=("GET", "POST"))
def login():
    if request.method == "GET":
        return page("auth/login.html", username="", error=None)

    username, password = field("username"), field("password")
    found = get_db().execute(
        "SELECT id, password FROM user WHERE username = ?", (username,)
    ).fetchone()
    if found is None:
        error = "Incorrect username."
    elif not check_password_hash(found["password"], password):
        error = "Incorrect password."
    else:
        session.clear()
        session["user_id"] = found["id"]
        session.permanent = True  # PERMANENT_SESSION_LIFETIME: 31 days
        flash(f"Logged in as {username}.")
        return redirect(url_for("blog.index"))
    return page("auth/login.html", 400, username=username, error=error)


@auth.get("/logout")
def logout():
    session.clear()
    flash("Logged out.")
    return redirect(url_for("blog.index"))


# Blog -------------------------------------------------------------------------

blog = Blueprint("blog", __name__)


def own_post(id):
    """The post `id`, if the logged-in user wrote it: else 404, or 403."""
    post = find_post(id)
    if post is None:
        abort(404)
    if post["author_id"] != g.user["id"]:
        abort(403)
    return post


@blog.get("/")
def index():
    return page("blog/index.html", posts=all_posts())


@blog.route("/create", methods=("GET", "POST"))
@login_required
def create():
    if request.method == "GET":
        return page("blog/create.html", title="", body="", error=None)

    title, body = field("title"), field("body")
    if not title:
        return page("blog/create.html", 400, title=title, body=body,
                    error="Title is required.")
    db = get_db()
    db.execute(
        "INSERT INTO post (title, body, author_id) VALUES (?, ?, ?)",
        (title, body, g.user["id"]),
    )
    db.commit()
    return redirect(url_for("blog.index"))


@blog.route("/<int:id>/update", methods=("GET", "POST"))
@login_required
def update(id):
    post = own_post(id)
    if request.method == "GET":
        return page("blog/update.html", post=post, title=post["title"],
                    body=post["body"], error=None)

    title, body = field("title"), field("body")
    if not title:
        return page("blog/update.html", 400, post=post, title=title, body=body,
                    error="Title is required.")
    db = get_db()
    db.execute("UPDATE post SET title = ?, body = ? WHERE id = ?", (title, body, id))
    db.commit()
    return redirect(url_for("blog.index"))


@blog.post("/<int:id>/delete")
@login_required
def delete(id):
    own_post(id)
    db = get_db()
    db.execute("DELETE FROM post WHERE id = ?", (id,))
    db.commit()
    return redirect(url_for("blog.index"))


# JSON API ---------------------------------------------------------------------

api = Blueprint("api", __name__, url_prefix="/api")


def post_json(post):
    return {key: post[key] for key in ("id", "title", "body", "created", "author")}


@api.get("/posts")
def posts():
    return jsonify([post_json(p) for p in all_posts()])


@api.get("/posts/<int:id>")
def post(id):
    found = find_post(id)
    if found is None:
        return jsonify(error="not found"), 404
    return jsonify(post_json(found))


# Application ------------------------------------------------------------------


def page_not_found(error):
    # g.user is set unless the 404 was raised before the before_request hook ran.
    return render_template("404.html", user=g.get("user")), 404


def same_origin():
    # A form posted from another site is refused, as in the flaxum port.
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return None
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        abort(403)
    origin = request.headers.get("Origin")
    if origin is not None and origin.split("://", 1)[-1] != request.headers.get("Host"):
        abort(403)
    return None


def secret_key():
    """SECRET_KEY from the environment; without it, a random key for this
    process only (sessions end when it does), never a key others know."""
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    print(
        " * Warning: SECRET_KEY is not set; sessions are signed with a random key"
        " and end when this process does",
        file=sys.stderr,
    )
    return secrets.token_hex()


def create_app(db_path):
    app = Flask(
        __name__,
        template_folder=str(BLOG_DIR / "templates"),
        static_folder=str(BLOG_DIR / "static"),
    )
    app.config.update(
        SECRET_KEY=secret_key(),
        SESSION_COOKIE_SAMESITE="Lax",
        DATABASE=str(db_path),
    )
    app.before_request(same_origin)
    init_db(app.config["DATABASE"])
    app.teardown_appcontext(close_db)
    app.register_blueprint(auth)
    app.register_blueprint(blog)
    app.register_blueprint(api)
    app.register_error_handler(404, page_not_found)
    return app


if __name__ == "__main__":
    app = create_app(os.environ.get("BLOG_DB", "blog-flask.sqlite"))
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "5002")))
