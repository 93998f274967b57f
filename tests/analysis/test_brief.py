"""The PDF brief: findings, n and the method box in the text; tagged and accessible."""

from __future__ import annotations

import html
import io
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from analysis.brief import brief_html, brief_language, build_brief_pdf
from analysis.demo_data import fill_demo_data
from analysis.findings import findings, key_findings
from analysis.i18n import translator
from analysis.loading import Filters
from analysis.quotes import approve_quote, pending_quotes, reject_quote
from analysis.report import build_report
from analysis.results import analyse, analyse_stored
from analysis.selection import SelectionError, parse_selection
from survey_app.questionnaire import QuestionnaireLibrary
from survey_app.storage import NewResponse, make_engine, migrate, new_token, store_response

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
def parents_pdf(demo, tmp_path_factory):
    engine, library = demo
    analysis = analyse_stored(engine, library.get("eltern-0-10"))
    path = tmp_path_factory.mktemp("pdf") / "eltern.pdf"
    path.write_bytes(build_brief_pdf(analysis, "de"))
    return analysis, path


@pytest.fixture(scope="module")
def parents_brief(parents_pdf):
    analysis, path = parents_pdf
    return analysis, PdfReader(io.BytesIO(path.read_bytes()))


def pdftotext(path: Path, *options: str) -> str:
    return subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pages_of_words(path: Path) -> list[tuple[float, list[tuple[float, float, float, float, str]]]]:
    """Per page: its height and its words as (x0, y0, x1, y1, text), from pdftotext -bbox."""
    result = []
    for page in pdftotext(path, "-bbox").split("<page ")[1:]:
        height = float(re.search(r'height="([\d.]+)"', page).group(1))
        words = [
            (float(a), float(b), float(c), float(d), html.unescape(text))
            for a, b, c, d, text in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                page,
            )
        ]
        result.append((height, words))
    return result


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
                NewResponse(
                    questionnaire_id=children.id,
                    questionnaire_version="1",
                    questionnaire_hash="",
                    language="de",
                    mode="kiosk",
                    event_code=None,
                    district=None,
                    answers={"alter": 4, "spass": "3", "wunsch": f"Wunsch Nummer {i}"},
                ),
                token=new_token(),
            )
        pending = pending_quotes(conn, children)
        approve_quote(conn, pending[0].response_id, "wunsch", "test")
        reject_quote(conn, pending[1].response_id, "wunsch", "test")
    html = brief_html(
        build_report(analyse_stored(engine, children, min_quote_respondents=8), translator("de"))
    )
    assert pending[0].text in html
    assert not any(quote.text in html for quote in pending[1:])
    assert pending[0].response_id not in html
    # With the default threshold (20 respondents) 8 responses are too few for quotes.
    assert pending[0].text not in brief_html(
        build_report(analyse_stored(engine, children), translator("de"))
    )
    engine.dispose()


def test_html__small_selection__shows_gaps_not_numbers(demo):
    engine, library = demo
    analysis = analyse_stored(engine, library.get("eltern-0-10"), Filters(district="lindenhof"), 40)
    html = brief_html(build_report(analysis, translator("en")))
    assert '<html lang="en">' in html
    assert 'class=" gap">•' in html  # hidden table cells carry the gap mark
    assert analysis.ledger.hidden


def test_html__fewer_than_k_responses__no_numbers_at_all(parents, frame_of):
    analysis = analyse(frame_of(parents, [{"alter": 1, "kennt": ["treff"]}] * 3), min_group_size=5)
    html = brief_html(build_report(analysis, translator("de")))
    assert "Zu wenige Antworten" in html
    assert "<svg" not in html and "Tabelle 1" not in html


def test_brief_selection__unknown_district__refused_by_the_one_selection_parser(demo):
    # Every caller of build_brief_pdf reads its selection with parse_selection.
    _engine, library = demo
    with pytest.raises(SelectionError) as refused:
        parse_selection(library.get("eltern-0-10"), {"district": "mars"})
    assert "mars" in refused.value.message(translator("en"))


def test_brief_language__german_variants_german__others_english():
    assert [brief_language(x) for x in ("de", "en", "de-x-ls", "tr", "ar")] == [
        "de",
        "en",
        "de",
        "en",
        "en",
    ]


# --- the brief reads well in a committee ------------------------------------------------


def test_pdf__header_labels_do_not_touch_their_values(parents_pdf):
    _, path = parents_pdf
    _, words = pages_of_words(path)[0]
    labels = {"Befragung", "Stadtteile", "Zeitraum", "Veranstaltungen", "Antworten"}
    checked = set()
    for x0, y0, x1, _y1, text in words:
        if text not in labels or y0 > 300:
            continue
        # The next word on the same line starts clearly to the right of the label.
        after = [w for w in words if abs(w[1] - y0) < 1 and w[0] > x0 and w[4] != text]
        following = min(after, key=lambda w: w[0])
        assert following[0] - x1 >= 4, (text, following[4])
        checked.add(text)
    assert checked == labels


def test_html__a_hidden_value_greys_only_itself(demo):
    engine, library = demo
    page = brief_html(
        build_report(analyse_stored(engine, library.get("eltern-0-10")), translator("de"))
    )
    cells = re.findall(r'<td class="([^"]*)">(.*?)</td>', page)
    greyed = [body.split('<span class="detail">')[0] for css, body in cells if "gap" in css.split()]
    assert greyed and not any(re.search(r"\d", text) for text in greyed), greyed[:3]
    # "35 % / •": the shown value stays black, only the mark is greyed.
    mixed = [body for _, body in cells if re.match(r'\d+\s%\s/\s<span class="gap">•</span>', body)]
    assert mixed


def test_pdf__not_offered_mark_is_large(parents_pdf):
    _, path = parents_pdf
    marks = [
        w for _, words in pages_of_words(path) for w in words if w[4] == "·" and w[3] - w[1] > 14
    ]
    # Life phases: 40 of the 55 cells are offers not meant for that phase.
    assert len(marks) >= 30


def test_pdf__no_half_empty_pages_but_the_last(parents_pdf):
    _, path = parents_pdf
    pages = pages_of_words(path)
    assert len(pages) <= 6
    for number, (height, words) in enumerate(pages[:-1], start=1):
        lowest = max(y1 for _, _, _, y1, _ in words if y1 < height - 60)  # above the footer
        assert lowest / height >= 0.6, (number, round(lowest / height, 2))


def test_pdf__key_findings_quote_figures_that_the_brief_shows_elsewhere(parents_pdf):
    _, path = parents_pdf
    text = words(pdftotext(path, "-layout"))
    start = text.index("Die wichtigsten Ergebnisse")
    end = text.index("Alle Anteile beziehen sich", start)
    key, rest = text[start:end], text[:start] + text[end:]
    figures = re.findall(r"\d+ %", key)
    assert len(figures) >= 5
    assert [f for f in figures if f not in rest] == []


@pytest.mark.parametrize("questionnaire_id", ["kinder-6-10", "jugend-10-16"])
def test_html__key_findings_quote_figures_shown_outside_charts(demo, questionnaire_id):
    engine, library = demo
    page = brief_html(
        build_report(analyse_stored(engine, library.get(questionnaire_id)), translator("de"))
    )
    key = page[page.index('class="key-findings"') : page.index('class="reading-note"')]
    rest = page.replace(key, "")
    # What a reader sees besides the findings: tables and the charts' labels, not the
    # charts' text alternatives (<title>).
    visible = re.sub(r"<title>.*?</title>", "", rest, flags=re.S)
    rest = words(html.unescape(re.sub(r"<[^>]+>", " ", visible)))
    figures = re.findall(r"\d+ %", words(html.unescape(key)))
    assert figures
    assert [f for f in figures if f not in rest] == []


def test_html__a_smiley_finding_quotes_a_share_of_the_smiley_table(demo):
    engine, library = demo
    page = brief_html(
        build_report(analyse_stored(engine, library.get("kinder-6-10")), translator("de"))
    )
    key = page[page.index('class="key-findings"') : page.index('class="reading-note"')]
    found = re.search(r"Bei der Frage „(.+?)“ wählten (\d+)\xa0%", html.unescape(key))
    assert found, key
    question, percent = found.groups()
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</th>(.*?)</tr>", page, flags=re.S)
    cells = [
        re.sub(r"<[^>]+>", "", body) for label, body in rows if html.unescape(label) == question
    ]
    assert any(f"{percent}\xa0%" in html.unescape(body) for body in cells), (question, percent)
