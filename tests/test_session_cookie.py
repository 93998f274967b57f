"""The session cookie's serializer: a cookie seen before is not verified again, but
its age still counts, and no other cookie gets through."""

from __future__ import annotations

import hashlib
import time

import pytest
from flask import Flask, request, session
from flask.json.tag import TaggedJSONSerializer
from itsdangerous import BadSignature, SignatureExpired

from survey_app import session_cookie
from survey_app.session_cookie import KeyKeepingSigner, RememberingSerializer


def _serializer() -> RememberingSerializer:
    return RememberingSerializer(
        ["secret-key-for-the-test"],
        salt="cookie-session",
        serializer=TaggedJSONSerializer(),
        signer=KeyKeepingSigner,
        signer_kwargs={"key_derivation": "hmac", "digest_method": hashlib.sha1},  # Flask's
    )


def test_the_same_cookie_is_verified_once_and_decoded_afresh(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    serializer = _serializer()
    cookie = serializer.dumps({"lang": "de", "entry": {"mode": "kiosk", "event": "FEST1"}})
    verified = []
    check = KeyKeepingSigner.verify_signature
    monkeypatch.setattr(
        KeyKeepingSigner,
        "verify_signature",
        lambda self, *args: verified.append(1) or check(self, *args),
    )
    first = serializer.loads(cookie, max_age=3600)
    first["entry"]["event"] = "CHANGED"  # one request's session changes its own copy
    second = serializer.loads(cookie, max_age=3600)
    assert second == {"lang": "de", "entry": {"mode": "kiosk", "event": "FEST1"}}
    assert len(verified) == 1


def test_a_changed_cookie_is_refused_after_the_right_one_was_remembered() -> None:
    serializer = _serializer()
    cookie = serializer.dumps({"respondent_draft": "abc"})
    assert serializer.loads(cookie, max_age=3600) == {"respondent_draft": "abc"}
    payload, stamp, signature = cookie.split(".")
    forged = ".".join((payload[:-2] + ("AA" if payload[-2:] != "AA" else "BB"), stamp, signature))
    with pytest.raises(BadSignature):
        serializer.loads(forged, max_age=3600)
    other = _serializer().dumps({"respondent_draft": "xyz"})
    with pytest.raises(BadSignature):  # signed with the same key but another signature
        serializer.loads(".".join((*other.split(".")[:2], signature)), max_age=3600)


def test_a_remembered_cookie_still_expires(monkeypatch: pytest.MonkeyPatch) -> None:
    serializer = _serializer()
    cookie = serializer.dumps({"lang": "ar"})
    assert serializer.loads(cookie, max_age=60) == {"lang": "ar"}
    now = time.time()
    monkeypatch.setattr(session_cookie.time, "time", lambda: now + 61)
    with pytest.raises(SignatureExpired):
        serializer.loads(cookie, max_age=60)
    monkeypatch.setattr(session_cookie.time, "time", lambda: now - 3600)
    with pytest.raises(SignatureExpired):  # signed "in the future": refused as itsdangerous does
        serializer.loads(cookie, max_age=60)


def test_an_unchanged_session_sets_no_cookie_but_varies_by_it(app: Flask) -> None:
    @app.get("/read-session")
    def read_session() -> tuple[str, int, dict[str, str]]:
        vary = request.args.get("vary")
        return str(session.get("lang")), 200, {"Vary": vary} if vary else {}

    @app.get("/write-session")
    def write_session() -> str:
        session["lang"] = "tr"
        return "ok"

    client = app.test_client()
    written = client.get("/write-session")
    assert "session=" in written.headers["Set-Cookie"] and written.headers["Vary"] == "Cookie"
    read = client.get("/read-session")
    assert read.get_data(as_text=True) == "tr"
    assert "Set-Cookie" not in read.headers and read.headers["Vary"] == "Cookie"
    both = client.get("/read-session?vary=Accept-Language")
    assert "Set-Cookie" not in both.headers
    assert both.headers.getlist("Vary") == ["Accept-Language, Cookie"]
    client.delete_cookie("session")
    assert client.get("/read-session").headers.get("Vary") == "Cookie"  # read, even if empty
