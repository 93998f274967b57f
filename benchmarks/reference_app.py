"""Reference apps: what Flask alone costs here.

``create_hello_app`` is the bare Flask "hello" of ``wrk_respondent.py``.  The two pages
of ``create_reference_app`` are for ``respondent.py --reference``:

- ``/plain``: a constant 22 KB string; no session, no template — Flask's own floor.
- ``/page``: what every question page needs at least — the session cookie read, a
  Flask-WTF CSRF token, a cached Jinja template of 22 KB with 60 radio buttons — and
  nothing of ankommen (no questionnaire, no relevance, no WTForms form, no gettext).

They run under the same waitress settings and the same load generator as the real
pages, so the three figures can be compared line by line.
"""

from __future__ import annotations

from flask import Flask, render_template, session
from flask_wtf.csrf import CSRFProtect
from jinja2 import DictLoader

PAGE = """<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>{{ title }}</title>
<link rel="stylesheet" href="{{ url_for('static', filename='page.css') }}"></head>
<body><main><h1>{{ title }}</h1>
<form method="post" action="{{ url_for('page') }}">
<input type="hidden" name="csrf_token" value="{{ csrf_token() }}">
{% for row in rows %}<label class="choice"><input type="radio" name="{{ row.name }}" \
value="{{ row.value }}"><span class="speak">{{ row.label }}</span></label>
{% endfor %}{{ filler }}
<button type="submit" name="action" value="next">Weiter</button></form></main></body></html>
"""
ROWS = [
    {"name": f"frage{i // 5}", "value": str(i % 5), "label": f"Antwort {i} zu den Angeboten"}
    for i in range(60)
]
FILLER = "<!-- " + "x" * 14_000 + " -->"
PLAIN = "x" * 22_000


def create_hello_app() -> Flask:
    """A bare Flask app: ``/hello`` answers a constant short text, nothing else."""
    app = Flask(__name__)

    @app.get("/hello")
    def hello() -> str:
        return "Hello, world!"

    return app


def create_reference_app() -> Flask:
    """The reference app (a fixed secret key: it holds nothing)."""
    app = Flask(__name__)
    app.secret_key = "reference-only-" * 4
    app.jinja_loader = DictLoader({"page.html": PAGE})
    CSRFProtect(app)

    @app.get("/plain")
    def plain() -> str:
        return PLAIN

    @app.get("/page")
    def page() -> str:
        session.setdefault("seen", True)
        return render_template("page.html", title="Seite 1 von 9", rows=ROWS, filler=FILLER)

    return app
