"""The PDF brief: findings, n and the method box in the text; tagged and accessible."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from analysis.brief import BriefError, brief_html, brief_language, build_brief_pdf, render_pdf
from analysis.demo_data import fill_demo_data
from analysis.findings import findings, key_findings
from analysis.i18n import translator
from analysis.loading import Filters
from analysis.quotes import approve_quote, pending_quotes, reject_quote
from analysis.results import analyse, analyse_stored
from survey_app.questionnaire import QuestionnaireLibrary
from survey_app.storage import make_engine, migrate, new_token, store_response

SHIPPED = Path(__file__).resolve().parents[2] / "questionnaires"


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("brief")
    engine = make_engine(f"sqlite:///{folder / 'demo.sqlite3'}")
    migrate(engine)
    library = QuestionnaireLibrary(SHIPPED)
    fill_demo_data(engine, library.all(), 700, seed=11)
    yield engine, library
    engine.dispose()


@pytest.fixture(scope="module")
def parents_brief(demo):
    engine, library = demo
    analysis = analyse_stored(engine, library.get("eltern-0-10"))
    pdf = render_pdf(analysis, translator("de"))
    return analysis, PdfReader(io.BytesIO(pdf))


def test_pdf__text_has_key_findings_n_and_method_box(parents_brief):
    analysis, reader = parents_brief
    text = words(" ".join(page.extract_text() for page in reader.pages))
    chosen = key_findings(findings(analysis, translator("de")))
    assert len(chosen) >= 3
    for finding in chosen:
        assert words(finding.text)[:60] in text
    assert f"Antworten {analysis.n}" in text
    assert "So wurde gefragt" in text and "Gelegenheitsstichprobe" in text
    assert "Wilson" in text and "Newcombe" in text
    assert "Kein Wert beruht auf weniger als 5 Antworten" in text


def test_pdf__two_to_six_pages(parents_brief):
    _, reader = parents_brief
    assert 2 <= len(reader.pages) <= 6


def test_pdf__tagged_with_title_and_language(parents_brief):
    _, reader = parents_brief
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject)
    assert catalog["/Lang"] == "de"
    assert reader.metadata.title.startswith("Kurzbericht: Elternbefragung")


def test_pdf__every_chart_has_a_text_alternative(parents_brief):
    _, reader = parents_brief
    figures = []

    def walk(node):
        node = node.get_object()
        if node.get("/S") == "/Figure":
            figures.append(node.get("/Alt"))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict):
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    assert figures[0] == "Logo: Stadt Lindenau"
    charts = figures[1:]
    assert len(charts) >= 4
    assert all(alt and len(alt) > 60 for alt in charts)  # the numbers, not just a name


def test_html__only_approved_wishes_are_quoted(tmp_path, children):
    engine = make_engine(f"sqlite:///{tmp_path / 'wishes.sqlite3'}")
    migrate(engine)
    with engine.begin() as conn:
        for i in range(8):
            store_response(
                conn,
                token=new_token(),
                questionnaire_id=children.id,
                questionnaire_version="1",
                questionnaire_hash="",
                language="de",
                mode="kiosk",
                event_code=None,
                district=None,
                answers={"alter": 4, "spass": "3", "wunsch": f"Wunsch Nummer {i}"},
            )
        pending = pending_quotes(conn, children)
        approve_quote(conn, pending[0].response_id, "wunsch", "test")
        reject_quote(conn, pending[1].response_id, "wunsch", "test")
    html = brief_html(analyse_stored(engine, children, min_quote_respondents=8), translator("de"))
    assert pending[0].text in html
    assert not any(quote.text in html for quote in pending[1:])
    assert pending[0].response_id not in html
    # With the default threshold (20 respondents) 8 responses are too few for quotes.
    assert pending[0].text not in brief_html(analyse_stored(engine, children), translator("de"))
    engine.dispose()


def test_html__small_selection__shows_gaps_not_numbers(demo):
    engine, library = demo
    analysis = analyse_stored(engine, library.get("eltern-0-10"), Filters(district="lindenhof"), 40)
    html = brief_html(analysis, translator("en"))
    assert '<html lang="en">' in html
    assert 'class=" gap">•' in html  # hidden table cells carry the gap mark
    assert analysis.ledger.hidden


def test_html__fewer_than_k_responses__no_numbers_at_all(parents, frame_of):
    analysis = analyse(frame_of(parents, [{"alter": 1, "kennt": ["treff"]}] * 3), min_group_size=5)
    html = brief_html(analysis, translator("de"))
    assert "Zu wenige Antworten" in html
    assert "<svg" not in html and "Tabelle 1" not in html


def test_build_brief_pdf__unknown_district__raises_brief_error(demo):
    engine, library = demo
    with pytest.raises(BriefError, match="No district 'mars'"):
        build_brief_pdf(engine, library.get("eltern-0-10"), Filters(district="mars"))


def test_brief_language__german_variants_german__others_english():
    assert [brief_language(x) for x in ("de", "en", "de-x-ls", "tr", "ar")] == [
        "de",
        "en",
        "de",
        "en",
        "en",
    ]
