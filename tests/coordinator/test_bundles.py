"""Signed bundles: event laptop (SQLite) -> central installation (SQLite or PostgreSQL).

Exactly once (a second import changes nothing), all or nothing, audited; a tampered,
unsigned, foreign-key or oversized bundle is refused and stores nothing.
"""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, insert, select

from survey_app import bundles, create_app, storage
from survey_app.library import get_library
from survey_app.storage.db import get_engine
from survey_app.storage.event_store import create_event
from tests.conftest import make_test_config
from tests.coordinator.conftest import QUESTIONNAIRE_ID, audit_entries, store, write_questionnaires

KEY = "k" * 40
OTHER_KEY = "o" * 40
GOOD = [
    {"farbe": "rot", "alter": 7},
    {"farbe": "blau", "tiere": ["hund"], "idee": "Ein Baumhaus"},
    {"allein": "yes"},
]


def _app(tmp_path: Path, name: str, **overrides: Any) -> Flask:
    folder = write_questionnaires(tmp_path / "questionnaires")
    config = make_test_config(tmp_path / name, QUESTIONNAIRE_DIR=str(folder), BUNDLE_KEY=KEY)
    config.update(overrides)
    return create_app(config)


def _laptop(tmp_path: Path) -> Flask:
    """A laptop with one event, three valid responses and one quote decision."""
    laptop = _app(tmp_path, "laptop")
    with laptop.app_context():
        questionnaire = get_library().get(QUESTIONNAIRE_ID)
        with get_engine().begin() as conn:
            create_event(
                conn,
                name="Stadtteilfest",
                questionnaire_ids=[QUESTIONNAIRE_ID],
                district="altstadt",
                held_on=date(2026, 6, 14),
                code="FEST23",
            )
    for answers in GOOD:
        store(
            laptop,
            answers=answers,
            questionnaire_version=questionnaire.version,
            questionnaire_hash=questionnaire.content_hash,
            event_code="FEST23",
            district="altstadt",
        )
    with laptop.app_context(), get_engine().begin() as conn:
        wish = conn.execute(
            select(storage.responses.c.id).where(storage.responses.c.answers.like("%Baumhaus%"))
        ).scalar_one()
        conn.execute(
            insert(storage.quotes).values(
                response_id=wish,
                question_id="idee",
                approved=True,
                decided_by="koordination",
                decided_on=date(2026, 6, 15),
            )
        )
    return laptop


def _export(laptop: Flask, path: Path, *args: str) -> Path:
    result = laptop.test_cli_runner().invoke(args=["bundle", "export", *args, "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path


def _import(central: Flask, path: Path, *args: str) -> Any:
    return central.test_cli_runner().invoke(args=["bundle", "import", str(path), *args])


def _rows(app: Flask) -> dict[str, Any]:
    with app.app_context(), get_engine().connect() as conn:
        return {
            "responses": sorted(
                tuple(row) for row in conn.execute(select(storage.responses)).all()
            ),
            "events": [tuple(row) for row in conn.execute(select(storage.events)).all()],
            "quotes": [tuple(row) for row in conn.execute(select(storage.quotes)).all()],
        }


def _count(app: Flask) -> int:
    with app.app_context(), get_engine().connect() as conn:
        return conn.execute(select(func.count()).select_from(storage.responses)).scalar_one()


def test_export_import__exactly_once_and_audited(tmp_path: Path, db_url: str) -> None:
    laptop = _laptop(tmp_path)
    bundle = _export(laptop, tmp_path / "fest.zip", "--event", "fest23")
    central = _app(tmp_path, "central", DATABASE_URL=db_url)

    dry = _import(central, bundle, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "nothing was stored" in dry.output and "responses: 3 new" in dry.output
    assert _count(central) == 0 and not audit_entries(central)

    first = _import(central, bundle)
    assert first.exit_code == 0, first.output
    assert "responses: 3 new, 0 already there" in first.output
    assert "quote decisions: 1 new" in first.output
    assert _rows(central) == _rows(laptop)

    second = _import(central, bundle)
    assert second.exit_code == 0, second.output
    assert "responses: 0 new, 3 already there" in second.output
    assert "events: 0 new, 1 already there" in second.output
    assert _rows(central) == _rows(laptop)

    imports = [entry for entry in audit_entries(central) if entry.action == "bundle_import"]
    assert len(imports) == 2
    assert "3 new" in imports[0].detail and "0 new" in imports[1].detail
    assert [entry.action for entry in audit_entries(laptop)] == ["bundle_export"]
    with central.app_context():
        get_engine().dispose()


def test_bundle__sorted_by_id_without_time_of_day(tmp_path: Path) -> None:
    laptop = _laptop(tmp_path)
    store(laptop, answers={"farbe": "rot"})  # no event: only in a bundle of everything
    with zipfile.ZipFile(_export(laptop, tmp_path / "fest.zip", "--event", "FEST23")) as archive:
        assert len(json.loads(archive.read("bundle.json"))["responses"]) == 3
    bundle = _export(laptop, tmp_path / "all.zip")
    with zipfile.ZipFile(bundle) as archive:
        assert sorted(archive.namelist()) == ["bundle.json", "signature"]
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        content = json.loads(archive.read("bundle.json"))
    ids = [item["id"] for item in content["responses"]]
    assert ids == sorted(ids) and len(ids) == 4
    assert set(content["responses"][0]) == {
        "id", "questionnaire_id", "questionnaire_version", "questionnaire_hash", "language",
        "mode", "event_code", "district", "submitted_on", "answers",
    }  # fmt: skip


def _rewrite(source: Path, target: Path, change: Any) -> Path:
    """Copy a bundle, letting ``change(members)`` edit the dict of member bytes."""
    with zipfile.ZipFile(source) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    change(members)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return target


def _edit_answer(members: dict[str, bytes]) -> None:
    content = json.loads(members["bundle.json"])
    content["responses"][0]["answers"]["idee"] = "nachträglich geändert"
    members["bundle.json"] = bundles.encode(content)


def _one_byte(members: dict[str, bytes]) -> None:
    data = bytearray(members["bundle.json"])
    index = data.index(b'"rot"') + 1
    data[index : index + 3] = b"rod"
    members["bundle.json"] = bytes(data)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_one_byte, "signature does not match"),
        (_edit_answer, "signature does not match"),
        (lambda members: members.pop("signature"), "not signed"),
        (lambda members: members.update(signature=b"0" * 64), "signature does not match"),
        (lambda members: members.update({"extra.txt": b"x"}), "holds files a bundle does not"),
    ],
)
def test_import__tampered_bundle_refused_and_nothing_stored(
    tmp_path: Path, change: Any, message: str
) -> None:
    bundle = _export(_laptop(tmp_path), tmp_path / "fest.zip")
    tampered = _rewrite(bundle, tmp_path / "tampered.zip", change)
    central = _app(tmp_path, "central")
    result = _import(central, tampered)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output
    assert _count(central) == 0
    assert not audit_entries(central)


def test_import__other_key_or_damaged_file_refused(tmp_path: Path) -> None:
    bundle = _export(_laptop(tmp_path), tmp_path / "fest.zip")
    foreign = _app(tmp_path, "foreign", BUNDLE_KEY=OTHER_KEY)
    assert "another key" in _import(foreign, bundle).output
    raw = bytearray(bundle.read_bytes())
    raw[len(raw) // 3] ^= 0xFF
    (tmp_path / "damaged.zip").write_bytes(bytes(raw))
    result = _import(foreign, tmp_path / "damaged.zip")
    assert result.exit_code != 0 and "Traceback" not in result.output
    unkeyed = _app(tmp_path, "unkeyed", BUNDLE_KEY=None)
    assert "ankommen bundle key" in _import(unkeyed, bundle).output
    assert _count(foreign) == 0 and _count(unkeyed) == 0


def test_read_file__too_large_and_zip_bomb_refused_fast(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bundle.json", b"\0" * (8 * 1024 * 1024))
        archive.writestr("signature", b"0" * 64)
    assert bomb.stat().st_size < 64 * 1024
    with pytest.raises(bundles.BundleError, match="unpacks to"):
        bundles.read_file(bomb, KEY, max_content_bytes=1024 * 1024)
    with pytest.raises(bundles.BundleError, match="at most 1000"):
        bundles.read_file(bomb, KEY, max_file_bytes=1000)
    (tmp_path / "not.zip").write_bytes(b"hello")
    with pytest.raises(bundles.BundleError, match="not a zip file"):
        bundles.read_file(tmp_path / "not.zip", KEY)


def test_import__invalid_refused_unknown_stored_and_reported(tmp_path: Path) -> None:
    laptop = _laptop(tmp_path)
    store(laptop, answers={"farbe": "lila"}, questionnaire_version="3",
          questionnaire_hash="f" * 64, event_code="FEST23")  # fmt: skip
    store(laptop, answers={"x": 1}, questionnaire_id="alt", questionnaire_version="9",
          event_code="FEST23")  # fmt: skip
    central = _app(tmp_path, "central")
    result = _import(central, _export(laptop, tmp_path / "fest.zip"))
    assert result.exit_code == 0, result.output
    assert "responses: 4 new" in result.output
    assert "refused: 1" in result.output and "farbe: unknown_choice" in result.output
    assert "stored unchecked: 1 responses of alt version 9" in result.output
    with central.app_context(), get_engine().connect() as conn:
        stored = conn.execute(select(storage.responses.c.answers)).scalars().all()
    assert '{"x": 1}' in stored and not any("lila" in answers for answers in stored)


def test_import__differing_event_refused_unless_accepted(tmp_path: Path) -> None:
    bundle = _export(_laptop(tmp_path), tmp_path / "fest.zip")
    central = _app(tmp_path, "central")
    with central.app_context(), get_engine().begin() as conn:
        create_event(
            conn,
            name="Kitafest",
            questionnaire_ids=[QUESTIONNAIRE_ID],
            district="altstadt",
            held_on=date(2026, 6, 14),
            code="FEST23",
        )
    refused = _import(central, bundle)
    assert refused.exit_code != 0
    assert "FEST23: name: here 'Kitafest', bundle 'Stadtteilfest'" in refused.output
    assert _count(central) == 0
    accepted = _import(central, bundle, "--accept-event-differences")
    assert accepted.exit_code == 0, accepted.output
    assert "event FEST23 kept as here" in accepted.output
    assert _count(central) == 3
    assert _rows(central)["events"][0][1] == "Kitafest"


def test_export__unknown_event_and_key_command(tmp_path: Path) -> None:
    laptop = _laptop(tmp_path)
    runner = laptop.test_cli_runner()
    result = runner.invoke(args=["bundle", "export", "--event", "NOPE22", "-o", "x.zip"])
    assert result.exit_code != 0 and "There is no event NOPE22" in result.output
    key = runner.invoke(args=["bundle", "key"]).output.strip()
    assert len(key) == 64 and bundles.check_key(key)


def test_import__quote_decision_made_here_is_kept(tmp_path: Path) -> None:
    bundle = _export(_laptop(tmp_path), tmp_path / "fest.zip")
    central = _app(tmp_path, "central")
    assert _import(central, bundle).exit_code == 0
    with central.app_context(), get_engine().begin() as conn:
        conn.execute(storage.quotes.update().values(approved=False))
    again = _import(central, bundle)
    assert "quote decisions: 0 new, 0 already there, 1 differing" in again.output
    assert [row[2] for row in _rows(central)["quotes"]] == [False]
