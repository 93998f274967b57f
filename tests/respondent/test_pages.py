"""What the pages say and how: languages, right-to-left, errors, child mode, weight."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from flask import Flask
from flask.testing import FlaskClient

from survey_app import create_app
from tests.conftest import PROJECT_ROOT, make_test_config
from tests.respondent.helpers import Respondent, count_responses, stored_responses

PROBE = """\
id: probe
version: "1"
audience: parents
languages: [de, ar, de-x-ls]
default_language: de
title: {de: Probe, ar: "تجربة", de-x-ls: Probe leicht}
pages:
  - id: p1
    title: {de: Seite eins, ar: "الصفحة الأولى", de-x-ls: Seite 1}
    questions:
      - id: groesse
        type: decimal
        min: 0.5
        max: 2.5
        label: {de: "Wie groß?", ar: "كم الطول؟", de-x-ls: "Wie groß bist du?"}
      - id: geburt
        type: date
        label: {de: "Wann?"}
      - id: ok
        type: yes_no
        required: true
        label: {de: "Alles gut?", ar: "هل كل شيء بخير؟", de-x-ls: "Alles gut?"}
"""


@pytest.fixture
def probe_app(tmp_path: Path) -> Flask:
    """An app serving one small questionnaire with decimal, date and a missing translation."""
    folder = tmp_path / "questionnaires"
    folder.mkdir()
    (folder / "probe.yaml").write_text(PROBE, encoding="utf-8")
    return create_app(make_test_config(tmp_path, QUESTIONNAIRE_DIR=str(folder)))


def test_rtl__arabic_pages_are_right_to_left_with_lang(client: FlaskClient) -> None:
    respondent = Respondent(client).get("/q/eltern-0-10?lang=ar")
    pages = [respondent.html]
    respondent.post(respondent.url, {})
    pages.append(respondent.html)
    respondent.answer_all()
    pages.append(respondent.html)
    respondent.submit()
    pages.append(respondent.html)
    for html in pages:
        assert html.startswith('<!doctype html>\n<html lang="ar" dir="rtl">')


def test_lang__text_missing_in_the_language_is_marked_with_its_own(probe_app: Flask) -> None:
    respondent = Respondent(probe_app.test_client()).start("probe", "ar")
    html = respondent.html
    assert '<html lang="ar" dir="rtl">' in html
    assert '<label for="q-geburt"><span lang="de" dir="ltr">Wann?</span></label>' in html
    assert '<label for="q-groesse">كم الطول؟</label>' in html


def test_lang__leichte_sprache_falls_back_to_german_marked_de(probe_app: Flask) -> None:
    respondent = Respondent(probe_app.test_client()).start("probe", "de-x-ls")
    assert '<html lang="de-x-ls" dir="ltr">' in respondent.html
    assert "Wie groß bist du?" in respondent.html
    assert '<span lang="de" dir="ltr">Wann?</span>' in respondent.html


def test_decimal_and_date__comma_and_german_date_are_understood(probe_app: Flask) -> None:
    respondent = Respondent(probe_app.test_client()).start("probe", "de")
    respondent.next({"groesse": "1,25", "geburt": "24.12.2019", "ok": "yes"}, answer=False)
    assert respondent.url.endswith("/done")
    respondent.submit()
    assert stored_responses(probe_app)[0]["answers"] == {
        "groesse": 1.25,
        "geburt": "2019-12-24",
        "ok": "yes",
    }


def test_decimal_and_date__wrong_entries_get_messages(probe_app: Flask) -> None:
    respondent = Respondent(probe_app.test_client()).start("probe", "de")
    response = respondent.next({"groesse": "3", "geburt": "31.02.2020", "ok": "yes"}, answer=False)
    assert response.status_code == 422
    assert "Bitte geben Sie eine Zahl von 0.5 bis 2.5 ein." in respondent.html
    assert "Bitte geben Sie ein Datum ein, zum Beispiel 31.12.2024." in respondent.html
    assert 'value="31.02.2020"' in respondent.html, "what was typed is shown again"
    assert count_responses(probe_app) == 0


def test_error_state__summary_links_to_fields_and_aria_ties_messages(client: FlaskClient) -> None:
    respondent = Respondent(client).start("eltern-0-10", "de")
    response = respondent.next({}, answer=False)
    html = respondent.html
    assert response.status_code == 422
    assert "<title>Fehler: " in html
    summary = re.search(
        r'<div class="error-summary" role="alert" tabindex="-1" autofocus[^>]*>(.*?)</div>',
        html,
        re.S,
    )
    assert summary, "an error summary at the top, focused on load"
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary.group(1))
    assert links and links[0][0] == "q-life_phase"
    assert 'id="q-life_phase"' in html
    assert re.search(
        r'<fieldset aria-describedby="question-life_phase-hint question-life_phase-error">', html
    )
    assert re.search(r'<p class="field-error" id="question-life_phase-error">', html)
    assert 'name="life_phase" value="vor-geburt" id="q-life_phase" aria-invalid="true"' in html
    assert html.index("error-summary") < html.index("<form")


def test_error_state__children_get_their_own_friendly_message(client: FlaskClient) -> None:
    respondent = Respondent(client).start("kinder-6-10", "de")
    respondent.next({"alter": "7"})
    respondent.next({"stadtteil": "altstadt"})
    response = respondent.next({}, answer=False)
    assert response.status_code == 422
    assert "Bitte tippe ein Bild an." in respondent.html
    assert "Bitte schau noch mal:" in respondent.html, "du, not Sie"


def test_error_state__constraint_message_from_the_questionnaire(client: FlaskClient) -> None:
    respondent = Respondent(client).start("kinder-6-10", "en")
    respondent.next({"alter": "7"})
    respondent.next({"stadtteil": "altstadt"})
    response = respondent.next({"einrichtung": ["zuhause", "kita"]}, answer=False)
    assert response.status_code == 422
    assert "Tap either “I stay at home” or kindergarten" in respondent.html
    assert 'value="zuhause" checked' in respondent.html
    assert 'value="kita" id="q-einrichtung" checked' in respondent.html


def test_child_mode__one_question_per_screen_with_progress(client: FlaskClient) -> None:
    respondent = Respondent(client).start("kinder-6-10", "de")
    html = respondent.html
    assert 'class="respondent child"' in html
    assert 'id="progress">Frage 1</p>' in html
    assert html.count('class="question ') == 1
    assert '<h1 class="q-text speak"><label for="q-alter">Wie alt bist du?</label></h1>' in html
    assert 'class="read-aloud secondary" hidden' in html


def test_child_mode__smileys_have_a_word_under_every_face(client: FlaskClient) -> None:
    respondent = Respondent(client).start("kinder-6-10", "de")
    respondent.next({"alter": "7"})
    respondent.next({"stadtteil": "altstadt"})
    respondent.next({"einrichtung": ["schule"]}, answer=False)
    faces = re.findall(
        r'<label class="smiley"><input type="radio" name="schule_gefallen" value="(\d)"[^>]*>'
        r'<svg class="face"[^>]*aria-hidden="true"[^>]*>.*?</svg><span class="smiley-word speak">([^<]+)</span>',
        respondent.html,
    )
    assert faces == [
        ("1", "sehr schlecht"),
        ("2", "schlecht"),
        ("3", "geht so"),
        ("4", "gut"),
        ("5", "sehr gut"),
    ]


def test_child_mode__pictograms_with_alt_text_in_the_language(client: FlaskClient) -> None:
    respondent = Respondent(client).start("kinder-6-10", "ar")
    respondent.next({"alter": "7"})
    respondent.next({"stadtteil": "altstadt"})
    assert (
        '<img class="pictogram" src="/pictograms/kita.svg" alt="مكعبات ألعاب ملوّنة"'
        in respondent.html
    )
    images = re.findall(r"<img [^>]*>", respondent.html)
    assert images and all('alt="' in image and 'alt=""' not in image for image in images)


def test_parents__sie_and_one_page_of_several_questions(client: FlaskClient) -> None:
    respondent = Respondent(client).start("eltern-0-10", "de")
    assert 'class="respondent"' in respondent.html
    assert (
        'id="progress">Seite 1</p>' in respondent.html
        and respondent.html.count('class="question ') == 2
    )
    respondent.next({"life_phase": "3-6"})
    respondent.answer_all()
    assert "Sie haben alle Fragen beantwortet." in respondent.html


def test_matrix__every_row_is_its_own_fieldset_with_the_row_in_the_legend(
    client: FlaskClient,
) -> None:
    respondent = Respondent(client).start("eltern-0-10", "de")
    respondent.next({"life_phase": "3-6"})
    respondent.next()
    respondent.next({"offers_known": ["familienzentrum", "elterncafe"]}, answer=False)
    respondent.next({"offers_used": ["familienzentrum", "elterncafe"]}, answer=False)
    rows = re.findall(
        r'<fieldset class="matrix-row">\s*<legend class="speak">([^<]+)</legend>', respondent.html
    )
    assert (
        rows == ["Elterncafé", "Familienzentrum"]
        or rows == ["Familienzentrum", "Elterncafé"]
        or len(rows) == 2
    )
    assert "<table" not in respondent.html


def test_dot_vote__a_number_per_choice_and_the_total_explained(client: FlaskClient) -> None:
    respondent = Respondent(client).start("jugend-10-16", "de")
    for _ in range(10):
        if 'class="dot-vote"' in respondent.html:
            break
        respondent.next()
    html = respondent.html
    inputs = re.findall(
        r'<input type="number" class="input-points" id="(q-prioritaeten-[\w-]+)"[^>]* min="0" max="5"'
        r'[^>]*aria-describedby="question-prioritaeten-points"',
        html,
    )
    assert len(inputs) >= 3
    assert 'id="question-prioritaeten-points">Du hast 5 Punkte.' in html


def test_pictogram_route__serves_images_only(client: FlaskClient) -> None:
    with client.get("/pictograms/kita.svg") as response:
        assert response.status_code == 200 and response.mimetype == "image/svg+xml"
        assert response.data.startswith(b"<svg")
    assert client.get("/pictograms/../site.yaml").status_code == 404
    assert client.get("/pictograms/site.yaml").status_code == 404
    assert client.get("/pictograms/nope.svg").status_code == 404


def test_leichte_sprache__ui_texts_come_from_the_leichte_sprache_catalog(tmp_path: Path) -> None:
    catalog = Catalog(locale="de", domain="leichte_sprache")
    catalog.add("Weiter", "Weiter gehen")
    catalog.add("Frage %(n)d", "Das ist Frage %(n)d.")
    shutil.copytree(PROJECT_ROOT / "translations", tmp_path / "translations")
    target = tmp_path / "translations" / "de" / "LC_MESSAGES"
    with open(target / "leichte_sprache.mo", "wb") as handle:
        write_mo(handle, catalog)
    app = create_app(make_test_config(tmp_path, TRANSLATIONS_DIR=str(tmp_path / "translations")))
    client = app.test_client()
    easy = Respondent(client).start("kinder-6-10", "de-x-ls")
    assert '<html lang="de-x-ls" dir="ltr">' in easy.html
    assert ">Weiter gehen</button>" in easy.html
    assert "Das ist Frage 1." in easy.html
    plain = Respondent(app.test_client()).start("kinder-6-10", "de")
    assert ">Weiter</button>" in plain.html and "Weiter gehen" not in plain.html


def test_no_inline_script_or_style_on_any_page(client: FlaskClient) -> None:
    respondent = Respondent(client).start("kinder-6-10", "ar")
    respondent.answer_all()
    pages = list(respondent.history)
    respondent.submit()
    pages.append(respondent.url)
    for url in ["/", "/q/kinder-6-10"]:
        html = client.get(url).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)", html)
        assert " style=" not in html and "<style" not in html and "onclick" not in html


PAGE_BUDGET = 50 * 1024


def test_page_weight__every_question_page_under_50_kb_with_css_and_js(client: FlaskClient) -> None:
    css = (PROJECT_ROOT / "survey_app/static/css/ankommen.css").stat().st_size
    js = (PROJECT_ROOT / "survey_app/static/js/respondent.js").stat().st_size
    heaviest = 0
    for questionnaire_id, overrides in [
        (
            "eltern-0-10",
            {
                "offers_known": [
                    "babybegruessung",
                    "familienhebamme",
                    "elterncafe",
                    "krabbelgruppe",
                    "sprachfoerderung-kita",
                    "familienzentrum",
                    "erziehungsberatung",
                    "schulsozialarbeit",
                    "hausaufgabenhilfe",
                    "jugendclub",
                    "but-zuschuss",
                    "ferienangebote",
                ],
                "offers_used": ["babybegruessung"],
            },
        ),
        ("jugend-10-16", {}),
        ("kinder-6-10", {}),
    ]:
        respondent = Respondent(client).start(questionnaire_id, "ar")
        for _ in range(30):
            if respondent.url.endswith("/done"):
                break
            html_bytes = len(client.get(respondent.url).data)
            heaviest = max(heaviest, html_bytes)
            assert html_bytes + css + js < PAGE_BUDGET, (respondent.url, html_bytes, css, js)
            respondent.next(overrides)
    assert heaviest > 5000, "the heaviest page was measured"


def test_language_page__a_tag_not_offered_is_not_used_as_the_page_language(
    client: FlaskClient,
) -> None:
    html = client.get("/q/kinder-6-10?lang=fr").get_data(as_text=True)
    assert '<html lang="de" dir="ltr">' in html and 'class="language-buttons"' in html


def test_start_page__language_links_each_in_its_own_script(client: FlaskClient) -> None:
    html = client.get("/?lang=ar").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in html
    assert '<a href="/?lang=uk" lang="uk" dir="ltr" hreflang="uk">Українська</a>' in html
    assert 'href="/q/kinder-6-10?lang=ar"' in html, "the chosen language is carried on"
