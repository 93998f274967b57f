"""Questionnaires from the browser without JavaScript (Flask test client): upload a
workbook made here, see its error, upload the fixed one, preview, publish, see it
served; hostile and oversized uploads refused; the version history; the CLI."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from flask import Flask
from flask.testing import FlaskClient

from survey_app.library import get_library
from tests.coordinator.conftest import audit_entries, csrf_token, store

PICTURE = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'


def kita_form(relevant: str = "${mitgebracht} != ''", rucksack: str = "rucksack") -> bytes:
    """An XLSForm: a multiple choice with a picture, a single choice shown by relevance, de + en."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    sheets: dict[str, list[list[Any]]] = {
        "survey": [
            ["type", "name", "label::Deutsch (de)", "label::English (en)", "relevant"],
            ["select_multiple dinge", "mitgebracht", "Was dabei?", "What with you?", None],
            ["select_one janein", "gefallen", "Gefallen?", "Liked it?", relevant],
        ],
        "choices": [
            [
                "list_name",
                "name",
                "label::Deutsch (de)",
                "label::English (en)",
                "image",
                "ankommen_image_alt_de",
                "ankommen_image_alt_en",
            ],
            [
                "dinge",
                rucksack,
                "Rucksack",
                "Backpack",
                "rucksack.svg",
                "Ein Rucksack",
                "A backpack",
            ],
            ["dinge", "brotdose", "Brotdose", "Lunch box", None, None, None],
            ["janein", "ja", "Ja", "Yes", None, None, None],
            ["janein", "nein", "Nein", "No", None, None, None],
        ],
        "settings": [["form_id", "version", "default_language"], ["kita", "1", "de"]],
    }
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client: FlaskClient, content: bytes, name: str = "kita.xlsx", media=None):  # type: ignore[no-untyped-def]
    files = [(io.BytesIO(data), media_name) for media_name, data in (media or {}).items()]
    data = {
        "csrf_token": csrf_token(client, "/admin/questionnaires"),
        "questionnaire": (io.BytesIO(content), name),
        "media": files,
    }
    return client.post("/admin/questionnaires/upload", data=data, follow_redirects=True)


def staged_path(html: str) -> str:
    found = re.search(r'action="(/admin/questionnaires/staged/[^"/]+)/publish"', html)
    assert found, html[:2000]
    return found.group(1)


def test_upload__error_listed_then_fixed_previewed_published_served(
    app: Flask, coordinator: FlaskClient
) -> None:
    broken = upload(
        coordinator, kita_form(relevant="${gefallenx} = 'ja'"), media={"rucksack.svg": PICTURE}
    )
    html = broken.get_data(as_text=True)
    assert broken.status_code == 200
    assert "Blatt „survey“, Zeile 3, Spalte „relevant“" in html and "gefallenx" in html
    assert "/publish" not in html  # nothing to publish while there is an error

    fixed = upload(coordinator, kita_form(), media={"rucksack.svg": PICTURE})
    html = fixed.get_data(as_text=True)
    assert "Keine Fehler" in html
    path = staged_path(html)
    with app.app_context():
        assert get_library().get("kita") is None  # staged, not served

    preview = coordinator.get(f"{path}/preview?lang=en&mode=adult")
    assert preview.status_code == 302
    page = coordinator.get(preview.headers["Location"], follow_redirects=True)
    assert page.status_code == 200

    published = coordinator.post(
        f"{path}/publish",
        data={"csrf_token": csrf_token(coordinator, "/admin/questionnaires")},
        follow_redirects=True,
    )
    assert published.status_code == 200
    assert "/admin/questionnaires/kita/versions" in published.request.path
    with app.app_context():
        served = get_library().get("kita")
        assert served is not None and served.question("mitgebracht").choice("rucksack").image
    assert (Path(app.config["QUESTIONNAIRE_DIR"]) / "pictograms" / "rucksack.svg").exists()
    assert coordinator.get("/q/kita").status_code == 200
    actions = [entry.action for entry in audit_entries(app)]
    assert actions.count("questionnaire_upload") == 2 and "questionnaire_publish" in actions

    # The next version renames a choice with stored answers: refused, then decided.
    with app.app_context():
        content_hash = get_library().get("kita").content_hash
    for _ in range(3):
        store(
            app,
            questionnaire_id="kita",
            questionnaire_hash=content_hash,
            answers={"mitgebracht": ["rucksack"]},
        )
    coordinator.get("/admin/?lang=en")  # the admin pages in English (a preview does not switch)
    renamed = upload(
        coordinator, kita_form(rucksack="rucksack_kita"), media={"rucksack.svg": PICTURE}
    )
    path = staged_path(renamed.get_data(as_text=True))
    assert "the version is still &#39;1&#39;" in renamed.get_data(as_text=True)
    token = csrf_token(coordinator, "/admin/questionnaires")
    refused = coordinator.post(f"{path}/publish", data={"csrf_token": token})
    assert refused.status_code == 422
    assert "mitgebracht:rucksack" in refused.get_data(as_text=True)
    decided = coordinator.post(
        f"{path}/publish",
        data={"csrf_token": token, "decision:mitgebracht:rucksack": "to:rucksack_kita"},
        follow_redirects=True,
    )
    history = decided.get_data(as_text=True)
    assert decided.status_code == 200
    assert "rucksack_kita" in history
    counts = re.findall(r'<td class="number">(\d+)</td>', history)
    assert counts == ["0", "3"]  # newest first: v2 has none yet, v1 has three


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("archive", "message"),
    [
        (_zip({"bomb.png": b"\0" * 5_000_000}), "verdächtig stark gepackt"),
        (_zip({"../../etc/evil.png": PICTURE}), "aus dem Ordner führen"),
        (_zip({"/abs.png": PICTURE}), "aus dem Ordner führen"),
        (b"PK\3\4 not really a zip", "beschädigt"),
    ],
)
def test_upload__hostile_archives_refused_with_a_message(
    app: Flask, coordinator: FlaskClient, archive: bytes, message: str
) -> None:
    response = upload(coordinator, kita_form(), media={"bilder.zip": archive})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert not (Path(app.instance_path) / "staging").exists() or not any(
        (Path(app.instance_path) / "staging").iterdir()
    )


def test_upload__oversized_request_refused_with_413_page(
    app: Flask, coordinator: FlaskClient
) -> None:
    app.config["UPLOAD_MAX_BYTES"] = 200_000
    response = upload(coordinator, kita_form(), media={"big.png": b"x" * 300_000})
    assert response.status_code == 413
    assert "größer als" in response.get_data(as_text=True)


def test_cli_publish__refuses_a_lost_choice_until_renamed(app: Flask, tmp_path: Path) -> None:
    runner = app.test_cli_runner()
    form = tmp_path / "kita.xlsx"
    picture = tmp_path / "rucksack.svg"
    picture.write_bytes(PICTURE)
    form.write_bytes(kita_form())
    first = runner.invoke(args=["questionnaire", "publish", str(form), "--media", str(picture)])
    assert first.exit_code == 0, first.output
    with app.app_context():
        content_hash = get_library().get("kita").content_hash
    store(
        app,
        questionnaire_id="kita",
        questionnaire_hash=content_hash,
        answers={"mitgebracht": ["rucksack"]},
    )
    form.write_bytes(kita_form(rucksack="rucksack_kita"))
    refused = runner.invoke(args=["questionnaire", "publish", str(form)])
    assert refused.exit_code == 1
    assert "mitgebracht:rucksack: 1 stored answer(s)" in refused.output
    renamed = runner.invoke(
        args=[
            "questionnaire",
            "publish",
            str(form),
            "--rename",
            "mitgebracht:rucksack=rucksack_kita",
        ]
    )
    assert renamed.exit_code == 0, renamed.output


def test_staged_preview__shows_the_uploaded_picture(app: Flask, coordinator: FlaskClient) -> None:
    staged = upload(coordinator, kita_form(), media={"rucksack.svg": PICTURE})
    path = staged_path(staged.get_data(as_text=True))
    assert coordinator.get("/pictograms/rucksack.svg").status_code == 404  # not published
    started = coordinator.get(f"{path}/preview?lang=de&mode=adult")
    page = coordinator.get(started.headers["Location"], follow_redirects=True)
    assert page.status_code == 200
    picture = coordinator.get("/pictograms/rucksack.svg")
    content = picture.get_data()
    picture.close()
    assert picture.status_code == 200 and content == PICTURE


def test_upload__warns_before_a_picture_of_the_folder_is_replaced(
    app: Flask, coordinator: FlaskClient
) -> None:
    pictograms = Path(app.config["QUESTIONNAIRE_DIR"]) / "pictograms"
    pictograms.mkdir()
    (pictograms / "rucksack.svg").write_bytes(PICTURE.replace(b"10", b"12"))
    staged = upload(coordinator, kita_form(), media={"rucksack.svg": PICTURE})
    assert "pictograms/rucksack.svg" in staged.get_data(as_text=True)
