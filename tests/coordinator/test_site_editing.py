"""The coordinator's own offers, districts and life phases, without writing YAML."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from survey_app.questionnaire import read_site
from survey_app.storage import audit_log
from survey_app.storage.db import get_engine
from tests.coordinator.conftest import csrf_token
from tests.respondent.helpers import Respondent

OFFERS_YAML = """\
id: angebote
version: "1"
site: site.yaml
audience: parents
languages: [de, en, ar]
title: {de: Angebote, en: Services, ar: الخدمات}
pages:
  - id: p
    questions:
      - id: kennen
        type: multiple_choice
        role: offer_awareness
        label: {de: "Welche kennen Sie?", en: "Which do you know?", ar: "ما الذي تعرفه؟"}
        choices: offers
"""
LINDENHOF = {
    "id": "familienzentrum-lindenhof",
    "name_de": "Familienzentrum Lindenhof",
    "name_en": "Lindenhof family centre",
    "name_ar": "مركز العائلة ليندنهوف",
    "districts": "nordviertel",
}


def _folder(app) -> Path:
    return Path(app.config["QUESTIONNAIRE_DIR"])


def _audit(app) -> list[str]:
    with get_engine(app).connect() as conn:
        return [row.detail for row in conn.execute(select(audit_log)) if row.action == "site"]


def test_add_offer__appears_in_the_questionnaire_that_uses_it(app, coordinator) -> None:
    (_folder(app) / "angebote.yaml").write_text(OFFERS_YAML, encoding="utf-8")
    before = (_folder(app) / "site.yaml").read_text(encoding="utf-8")
    page = coordinator.get("/admin/site").get_data(as_text=True)
    assert "Angebot hinzufügen" in page and 'name="name_ar" lang="ar" dir="rtl"' in page
    reply = coordinator.post(
        "/admin/site/offers",
        data={"csrf_token": csrf_token(coordinator, "/admin/site"), **LINDENHOF},
        follow_redirects=True,
    )
    assert "„Familienzentrum Lindenhof“ wurde gespeichert." in reply.get_data(as_text=True)
    after = (_folder(app) / "site.yaml").read_text(encoding="utf-8")
    assert after.startswith(before.split("offers: []")[0])  # the rest as it was
    site, problems = read_site(_folder(app) / "site.yaml")
    offer = site.offer("familienzentrum-lindenhof")
    assert offer.name.values["en"] == "Lindenhof family centre"
    assert offer.districts == ["nordviertel"] and offer.life_phases == []
    assert _audit(app) == ["offers: added familienzentrum-lindenhof"]
    respondent = Respondent(app.test_client()).start("angebote", "ar")
    assert "مركز العائلة ليندنهوف" in respondent.html
    assert 'value="familienzentrum-lindenhof"' in respondent.html


def test_add__every_problem_shown_nothing_written(app, coordinator) -> None:
    before = (_folder(app) / "site.yaml").read_bytes()
    reply = coordinator.post(
        "/admin/site/districts",
        data={
            "csrf_token": csrf_token(coordinator, "/admin/site"),
            "id": "alt stadt",
            "name_en": "x",
        },
    )
    page = reply.get_data(as_text=True)
    assert reply.status_code == 422
    assert "Der Name in der Standardsprache fehlt." in page
    assert "Die Kennung fehlt oder enthält andere Zeichen" in page
    reply = coordinator.post(
        "/admin/site/districts",
        data={
            "csrf_token": csrf_token(coordinator, "/admin/site"),
            "id": "altstadt",
            "name_de": "A",
        },
    )
    assert reply.status_code == 422 and "Diese Kennung gibt es schon." in reply.get_data(
        as_text=True
    )
    assert (_folder(app) / "site.yaml").read_bytes() == before and _audit(app) == []
    tampered = {"csrf_token": csrf_token(coordinator, "/admin/site"), **LINDENHOF, "districts": "x"}
    assert coordinator.post("/admin/site/offers", data=tampered).status_code == 400
    assert coordinator.post("/admin/site/nope", data=tampered).status_code == 404


def test_rename_district_and_add_life_phase(app, coordinator) -> None:
    path = "/admin/site/districts/altstadt"
    assert 'value="Old Town"' in coordinator.get(path).get_data(as_text=True)
    coordinator.post(
        path,
        data={
            "csrf_token": csrf_token(coordinator, path),
            "name_de": "Altstadt",
            "name_en": "Old Town Centre",
        },
    )
    coordinator.post(
        "/admin/site/life_phases",
        data={
            "csrf_token": csrf_token(coordinator, "/admin/site"),
            "id": "0-3",
            "name_de": "unter 3 Jahren",
            "from_age": "0",
            "to_age": "3",
        },
    )
    site, _ = read_site(_folder(app) / "site.yaml")
    assert site.district("altstadt").name.values["en"] == "Old Town Centre"
    assert site.district("altstadt").name.values["ar"] == "البلدة القديمة"
    phase = site.life_phase("0-3")
    assert (phase.from_age, phase.to_age) == (0, 3) and site.life_phase_for_age(2) == phase
    assert _audit(app) == ["districts: renamed altstadt", "life_phases: added 0-3"]
