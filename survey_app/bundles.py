"""Signed bundles: the responses of an event laptop, carried to the central installation.

A bundle is one zip file with two members: ``bundle.json`` (events, responses and quote
decisions, as stored) and ``signature`` (HMAC-SHA256 of ``bundle.json``'s bytes, hex,
with a key both installations share: the ``BUNDLE_KEY`` setting).  The signature is
checked before the JSON is parsed; a file over :data:`MAX_FILE_BYTES`, a member over
:data:`MAX_CONTENT_BYTES` (a zip bomb) or any other member is refused without
decompressing it.

Privacy: a bundle carries nothing the database does not.  Responses are sorted by their
(random) id, so the bundle does not reveal the order of submission, and the zip members
carry a fixed timestamp instead of the time of export.

This module reads and writes the file and collects what goes into it; storing a bundle
is :mod:`survey_app.bundle_import`.  No Flask here.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import io
import json
import os
import secrets
import tempfile
import zipfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from survey_app.storage import Connection, iter_responses, log_action
from survey_app.storage.event_store import get_event, list_events
from survey_app.storage.quote_store import all_quote_decisions

FORMAT = "ankommen-bundle"
FORMAT_VERSION = 1
CONTENT_NAME = "bundle.json"
SIGNATURE_NAME = "signature"
#: A bundle file may be at most this large (a laptop's event is far smaller) ...
MAX_FILE_BYTES = 64 * 1024 * 1024
#: ... and its ``bundle.json`` at most this large once unpacked.
MAX_CONTENT_BYTES = 256 * 1024 * 1024
#: Keys shorter than this are refused (``ankommen bundle key`` makes 64 hex digits).
MIN_KEY_LENGTH = 32
#: Signed together with the content, so a signature cannot be reused for another format.
_DOMAIN = b"ankommen-bundle-v1\n"
#: Zip members get this timestamp, not the time of day of the export.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class BundleError(ValueError):
    """A bundle cannot be written or read as asked; the message says why."""


def new_key() -> str:
    """A fresh random bundle key (64 hex digits) to put on both installations."""
    return secrets.token_hex(32)


def check_key(key: Any) -> bytes:
    """The key as bytes; a missing or short key is refused with what to do."""
    if key is None or key == "":
        raise BundleError(
            "No bundle key is set. Run `ankommen bundle key` once and put the same key on "
            "both installations: ANKOMMEN_BUNDLE_KEY=... in the environment, or "
            'BUNDLE_KEY = "..." in the instance\'s config.toml.'
        )
    text = str(key).strip()
    if len(text) < MIN_KEY_LENGTH:
        raise BundleError(
            f"The bundle key is too short ({len(text)} characters, at least "
            f"{MIN_KEY_LENGTH}); make one with `ankommen bundle key`."
        )
    return text.encode("utf-8")


def sign(content: bytes, key: Any) -> str:
    """HMAC-SHA256 of ``content`` under ``key``, as hex."""
    return hmac.new(check_key(key), _DOMAIN + content, hashlib.sha256).hexdigest()


# --- collecting what goes into a bundle ---------------------------------------------


def collect(conn: Connection, event_codes: Iterable[str] = ()) -> dict[str, Any]:
    """The bundle's content: responses (of ``event_codes``, or all), their events and
    the quote decisions on them; a requested code that does not exist is refused."""
    codes = sorted({code.strip().upper() for code in event_codes})
    for code in codes:
        if get_event(conn, code) is None:
            raise BundleError(f"There is no event {code} here (see `ankommen event list`).")
    found: list[dict[str, Any]] = []
    for code in codes or [None]:
        for response in iter_responses(conn, event_code=code):
            item = dataclasses.asdict(response)
            found.append({**item, "submitted_on": response.submitted_on.isoformat()})
    found.sort(key=lambda item: item["id"])
    wanted = set(codes) | {item["event_code"] for item in found if item["event_code"]}
    event_list = [
        {
            "code": event.code,
            "name": event.name,
            "questionnaire_ids": event.questionnaire_ids,
            "district": event.district,
            "held_on": event.held_on.isoformat(),
            "mode": event.mode,
            "closed": event.closed,
        }
        for event in sorted(list_events(conn), key=lambda event: event.code)
        if event.code in wanted or not codes
    ]
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_on": date.today().isoformat(),
        "events": event_list,
        "responses": found,
        "quotes": _quote_decisions(conn, {item["id"] for item in found}),
    }


def _quote_decisions(conn: Connection, response_ids: set[str]) -> list[dict[str, Any]]:
    rows = all_quote_decisions(conn)
    return [
        {
            "response_id": row.response_id,
            "question_id": row.question_id,
            "approved": bool(row.approved),
            "decided_by": row.decided_by,
            "decided_on": row.decided_on.isoformat(),
        }
        for row in sorted(rows, key=lambda row: (row.response_id, row.question_id))
        if row.response_id in response_ids
    ]


def export_bundle(
    conn: Connection, path: Path, key: Any, event_codes: Iterable[str] = (), user_name: str = "cli"
) -> dict[str, Any]:
    """Write the signed bundle to ``path`` (atomically), log it, and return its content."""
    check_key(key)
    content = collect(conn, event_codes)
    write_file(path, content, key)
    log_action(
        conn,
        user_name,
        "bundle_export",
        f"{len(content['responses'])} responses, events: "
        f"{', '.join(event['code'] for event in content['events']) or '-'}",
    )
    return content


# --- the file -------------------------------------------------------------------------


def encode(content: dict[str, Any]) -> bytes:
    """``bundle.json``'s bytes: UTF-8 JSON with sorted keys."""
    return json.dumps(content, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


def write_file(path: Path, content: dict[str, Any], key: Any) -> None:
    """Write ``content`` and its signature as a zip file, replacing ``path`` atomically."""
    data = encode(content)
    signature = sign(data, key)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, payload in ((CONTENT_NAME, data), (SIGNATURE_NAME, signature.encode())):
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, payload)
    if buffer.tell() > MAX_FILE_BYTES:
        raise BundleError(
            f"The bundle would be {buffer.tell()} bytes, more than the {MAX_FILE_BYTES} an "
            "import accepts; export fewer events at a time (--event CODE)."
        )
    path = Path(path)
    fd, temporary = tempfile.mkstemp(dir=path.parent or ".", prefix=".bundle-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(buffer.getvalue())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_file(
    path: Path,
    key: Any,
    *,
    max_file_bytes: int = MAX_FILE_BYTES,
    max_content_bytes: int = MAX_CONTENT_BYTES,
) -> tuple[dict[str, Any], str]:
    """The verified content of the bundle at ``path`` and the SHA-256 of its bytes.

    Refused (:class:`BundleError`) before anything is parsed: a file that is too large,
    not a bundle, holds other members, unpacks to too much, or whose signature is
    missing or does not match ``key``.
    """
    key_bytes = check_key(key)
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise BundleError(f"Cannot read {path}: {error.strerror}.") from None
    if size > max_file_bytes:
        raise BundleError(
            f"{path} is {size} bytes; a bundle may be at most {max_file_bytes}. Refused."
        )
    raw = path.read_bytes()
    data, signature = _unpack(raw, path, max_content_bytes)
    expected = hmac.new(key_bytes, _DOMAIN + data, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        raise BundleError(
            f"{path}: the signature does not match. The bundle was changed after it was "
            "written, or it was signed with another key (BUNDLE_KEY must be the same on "
            "both installations). Nothing was imported."
        )
    try:
        content = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BundleError(f"{path}: bundle.json cannot be read ({error}).") from None
    if not isinstance(content, dict) or content.get("format") != FORMAT:
        raise BundleError(f"{path} is not an ankommen bundle.")
    if content.get("format_version") != FORMAT_VERSION:
        raise BundleError(
            f"{path} has bundle format {content.get('format_version')!r}; this installation "
            f"reads format {FORMAT_VERSION}. Update ankommen on both installations."
        )
    return content, hashlib.sha256(raw).hexdigest()


def _unpack(raw: bytes, path: Path, max_content_bytes: int) -> tuple[bytes, str]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile:
        raise BundleError(f"{path} is not a bundle (not a zip file).") from None
    with archive:
        infos = {info.filename: info for info in archive.infolist()}
        unexpected = sorted(set(infos) - {CONTENT_NAME, SIGNATURE_NAME})
        if unexpected or len(infos) != len(archive.infolist()):
            raise BundleError(
                f"{path} holds files a bundle does not ({', '.join(unexpected) or 'twice'})."
            )
        if CONTENT_NAME not in infos:
            raise BundleError(f"{path} holds no {CONTENT_NAME}; it is not a bundle.")
        if SIGNATURE_NAME not in infos:
            raise BundleError(f"{path} is not signed (no {SIGNATURE_NAME}). Refused.")
        limits = {CONTENT_NAME: max_content_bytes, SIGNATURE_NAME: 128}
        payloads = {}
        for name, info in infos.items():
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise BundleError(f"{path}: {name} is compressed in a way bundles never are.")
            if info.file_size > limits[name]:
                raise BundleError(
                    f"{path}: {name} unpacks to {info.file_size} bytes, more than "
                    f"{limits[name]}. Refused."
                )
            try:
                with archive.open(info) as member:
                    payloads[name] = member.read(limits[name] + 1)
            except (zipfile.BadZipFile, OSError, EOFError) as error:
                raise BundleError(f"{path} is damaged ({error}).") from None
            if len(payloads[name]) > limits[name]:
                raise BundleError(f"{path}: {name} unpacks to too much. Refused.")
    try:
        signature = payloads[SIGNATURE_NAME].decode("ascii").strip()
    except UnicodeDecodeError:
        signature = ""
    return payloads[CONTENT_NAME], signature
