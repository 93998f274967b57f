"""Events: create, edit, close, reopen; QR codes (SVG, PNG) and the A4 poster.

The QR test decodes nothing: no pure-Python QR decoder is installed (and zbar is not
available).  Instead it reads the PNG's module grid pixel by pixel and compares it with
the matrix segno builds for the expected URL with the same settings — equal grids
mean the code encodes exactly that URL.
"""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
import segno
from PIL import Image

from survey_app.coordinator.event_views import QR_BORDER, QR_ERROR, QR_PNG_SCALE, QR_SVG_SCALE
from survey_app.storage import event_store as events
from survey_app.storage.db import get_engine
from tests.coordinator.conftest import csrf_token

CODE = "FEST22"
OWN_DEVICE_URL = f"http://localhost/e/{CODE}"


@pytest.fixture
def event(app) -> events.Event:
    with app.app_context(), get_engine().begin() as conn:
        return events.create_event(
            conn,
            name="Stadtteilfest",
            questionnaire_ids=["familie"],
            district="altstadt",
            held_on=date(2025, 6, 14),
            mode="both",
            code=CODE,
        )


def _stored(app, code: str) -> events.Event:
    with app.app_context(), get_engine().connect() as conn:
        return events.get_event(conn, code)


def test_create_event__through_the_form(app, coordinator) -> None:
    form = coordinator.get("/admin/events/new").get_data(as_text=True)
    assert '<option value="altstadt">Altstadt</option>' in form  # districts of the site file
    token = csrf_token(coordinator, "/admin/events/new")
    reply = coordinator.post(
        "/admin/events/new",
        data={
            "csrf_token": token,
            "name": "Kita-Sommerfest",
            "held_on": "2025-07-01",
            "district": "nordviertel",
            "questionnaire_ids": ["familie"],
            "mode": "own_device",
        },
    )
    assert reply.status_code == 302
    with app.app_context(), get_engine().connect() as conn:
        [created] = events.list_events(conn)
    assert (created.name, created.district, created.mode, created.questionnaire_ids) == (
        "Kita-Sommerfest",
        "nordviertel",
        "own_device",
        ["familie"],
    )
    assert reply.headers["Location"] == f"/admin/events#event-{created.code}"
    listing = coordinator.get("/admin/events").get_data(as_text=True)
    assert f"http://localhost/e/{created.code}" in listing
    assert f"http://localhost/k/{created.code}" not in listing  # own device only: no kiosk URL


def test_create_event__missing_fields_are_named(coordinator) -> None:
    token = csrf_token(coordinator, "/admin/events/new")
    reply = coordinator.post(
        "/admin/events/new", data={"csrf_token": token, "name": "", "held_on": "", "mode": "both"}
    )
    page = reply.get_data(as_text=True)
    assert reply.status_code == 200 and 'role="alert"' in page
    assert "Bitte geben Sie einen Namen ein." in page
    assert "Bitte wählen Sie mindestens einen Fragebogen." in page
    assert 'aria-invalid="true"' in page


def test_events_list__code_and_absolute_urls(coordinator, event) -> None:
    page = coordinator.get("/admin/events").get_data(as_text=True)
    assert f'<code class="event-code">{CODE}</code>' in page
    assert f'href="http://localhost/k/{CODE}"' in page and f'href="{OWN_DEVICE_URL}"' in page
    assert "Altstadt" in page


def test_edit_event__keeps_the_code(app, coordinator, event) -> None:
    form = coordinator.get(f"/admin/events/{CODE}/edit").get_data(as_text=True)
    assert 'value="Stadtteilfest"' in form and 'value="2025-06-14"' in form
    token = csrf_token(coordinator, f"/admin/events/{CODE}/edit")
    coordinator.post(
        f"/admin/events/{CODE}/edit",
        data={
            "csrf_token": token,
            "name": "Stadtteilfest Nord",
            "held_on": "2025-06-15",
            "district": "",
            "questionnaire_ids": ["familie"],
            "mode": "kiosk",
        },
    )
    changed = _stored(app, CODE)
    assert (changed.name, changed.held_on, changed.district, changed.mode) == (
        "Stadtteilfest Nord",
        date(2025, 6, 15),
        None,
        "kiosk",
    )


def test_close_and_reopen(app, coordinator, event) -> None:
    token = csrf_token(coordinator, "/admin/events")
    coordinator.post(f"/admin/events/{CODE}/close", data={"csrf_token": token})
    assert _stored(app, CODE).closed
    assert "geschlossen" in coordinator.get("/admin/events").get_data(as_text=True)
    # The respondent side now refuses the event.
    assert coordinator.get(f"/e/{CODE}").status_code in (404, 410)
    coordinator.post(f"/admin/events/{CODE}/reopen", data={"csrf_token": token})
    assert not _stored(app, CODE).closed


def test_unknown_event__404(coordinator) -> None:
    assert coordinator.get("/admin/events/NOPE99/poster").status_code == 404
    assert coordinator.get("/admin/events/NOPE99/qr.png").status_code == 404


def _module_grid(png: bytes, scale: int, border: int) -> list[list[bool]]:
    """The dark (True) and light modules of a QR PNG, sampled at each module's centre."""
    image = Image.open(io.BytesIO(png)).convert("L")
    modules = image.width // scale
    assert image.width == image.height == modules * scale
    return [
        [
            image.getpixel((x * scale + scale // 2, y * scale + scale // 2)) < 128
            for x in range(border, modules - border)
        ]
        for y in range(border, modules - border)
    ]


def test_qr_png__module_grid_is_the_own_device_url(coordinator, event) -> None:
    reply = coordinator.get(f"/admin/events/{CODE}/qr.png")
    assert reply.status_code == 200 and reply.mimetype == "image/png"
    expected = segno.make(OWN_DEVICE_URL, error=QR_ERROR, micro=False, boost_error=False)
    assert expected.error == "M" and not expected.is_micro
    grid = _module_grid(reply.get_data(), QR_PNG_SCALE, QR_BORDER)
    assert grid == [[bool(module) for module in row] for row in expected.matrix]
    other = segno.make("http://localhost/e/ANDERS", error=QR_ERROR, micro=False)
    assert grid != [[bool(module) for module in row] for row in other.matrix]


def test_qr_svg__same_code_as_segno_builds_for_the_url(coordinator, event) -> None:
    reply = coordinator.get(f"/admin/events/{CODE}/qr.svg?download=1")
    assert reply.mimetype == "image/svg+xml"
    assert reply.headers["Content-Disposition"] == f'attachment; filename="qr-{CODE}.svg"'
    buffer = io.BytesIO()
    segno.make(OWN_DEVICE_URL, error=QR_ERROR, micro=False, boost_error=False).save(
        buffer,
        kind="svg",
        scale=QR_SVG_SCALE,
        border=QR_BORDER,
        xmldecl=False,
        svgclass=None,
        lineclass=None,
    )
    assert reply.get_data() == buffer.getvalue()


def test_poster__titles_in_each_language_qr_and_short_url(coordinator, event) -> None:
    page = coordinator.get(f"/admin/events/{CODE}/poster").get_data(as_text=True)
    assert '<li lang="de" dir="ltr">Familienbefragung</li>' in page
    assert '<li lang="en" dir="ltr">Family survey</li>' in page
    assert '<li lang="ar" dir="rtl">استبيان العائلة</li>' in page
    assert f'src="/admin/events/{CODE}/qr.svg"' in page
    assert re.search(rf'alt="QR-Code für die Adresse {re.escape(OWN_DEVICE_URL)}"', page)
    assert f'<p class="poster-url" dir="ltr">localhost/e/{CODE}</p>' in page
    assert "Mit der Handy-Kamera scannen" in page and "admin-poster.js" in page


PUBLIC = "https://umfrage.lindenau.example"


def test_public_url__unset__event_page_and_poster_warn_what_to_set(coordinator, event) -> None:
    for url in ("/admin/events", f"/admin/events/{CODE}/poster"):
        page = coordinator.get(url).get_data(as_text=True)
        assert "Diese Adressen funktionieren nur auf diesem Gerät." in page
        assert "QR-Code und Plakat zeigen auf localhost." in page
        assert "ANKOMMEN_PUBLIC_URL=https://umfrage.example.de" in page


def test_public_url__set__qr_poster_and_links_use_it_and_no_warning(
    app, coordinator, event
) -> None:
    app.config["PUBLIC_URL"] = PUBLIC + "/"
    page = coordinator.get(f"/admin/events/{CODE}/poster").get_data(as_text=True)
    assert "nur auf diesem Gerät" not in page
    assert f"QR-Code für die Adresse {PUBLIC}/e/{CODE}" in page
    assert f'<p class="poster-url" dir="ltr">umfrage.lindenau.example/e/{CODE}</p>' in page
    listing = coordinator.get("/admin/events").get_data(as_text=True)
    assert f'href="{PUBLIC}/k/{CODE}"' in listing and "nur auf diesem Gerät" not in listing
    grid = _module_grid(
        coordinator.get(f"/admin/events/{CODE}/qr.png").get_data(), QR_PNG_SCALE, QR_BORDER
    )
    expected = segno.make(f"{PUBLIC}/e/{CODE}", error=QR_ERROR, micro=False, boost_error=False)
    assert grid == [[bool(module) for module in row] for row in expected.matrix]


def test_public_url__cli_event_list_prints_it(app, event) -> None:
    app.config["PUBLIC_URL"] = PUBLIC
    result = app.test_cli_runner().invoke(args=["event", "list"])
    assert result.exit_code == 0, result.output
    assert f"{PUBLIC}/e/{CODE}" in result.output and f"{PUBLIC}/k/{CODE}" in result.output
    app.config["PUBLIC_URL"] = None
    result = app.test_cli_runner().invoke(args=["event", "list"])
    assert "set PUBLIC_URL" in result.stderr
