"""The brief looks the same everywhere: only the bundled fonts, all embedded.

A brief is rendered twice in processes of their own — once with the machine's fonts,
once with a fontconfig that knows no font directory at all — and both must use only
ankommen's bundled faces, have the same number of pages, and draw every character of
the Arabic, Turkish, Ukrainian and Russian quotes as a real glyph.
"""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from analysis.demo_data import fill_demo_data
from analysis.pdf_engine import font_files
from analysis.quotes import all_quotes, approve_quote, reject_quote
from survey_app.questionnaire import QuestionnaireLibrary
from survey_app.storage import NewResponse, make_engine, migrate, new_token, store_response
from tests.support.pdf_glyphs import notdef_glyphs, pdf_fonts, pdf_text

PROJECT_ROOT = Path(__file__).resolve().parents[2]
QUOTES = {
    "ar": "أتمنى ملعبًا أكبر",
    "tr": "Daha çok oyun alanı ve ağaç istiyorum",
    "uk": "Я бажаю більше їжачків у парку",
    "ru": "Хочу больше площадок и тёплый бассейн",
}


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Demo answers to the children's questionnaire with four approved wishes."""
    path = tmp_path_factory.mktemp("fonts") / "fonts.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    children = QuestionnaireLibrary(PROJECT_ROOT / "questionnaires").get("kinder-6-10")
    assert children is not None
    fill_demo_data(engine, [children], 300, seed=5)
    with engine.begin() as conn:
        for lang, wish in QUOTES.items():
            store_response(
                conn,
                NewResponse(
                    questionnaire_id=children.id,
                    questionnaire_version=children.version,
                    questionnaire_hash=children.content_hash,
                    language=lang,
                    mode="kiosk",
                    event_code=None,
                    district=None,
                    answers={"wunsch": wish},
                ),
                token=new_token(),
            )
        # Only these four are approved: the brief shows a limited number of quotes.
        for quote in all_quotes(conn, children):
            if quote.text in QUOTES.values():
                approve_quote(conn, quote.response_id, quote.question_id, "test")
            elif quote.approved is not False:
                reject_quote(conn, quote.response_id, quote.question_id, "test")
    engine.dispose()
    return path


def _render(database: Path, output: Path, env: dict[str, str]) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.support.render_brief",
            str(database),
            "kinder-6-10",
            str(output),
        ],
        cwd=PROJECT_ROOT,
        env=env,
        check=True,
        timeout=180,
    )
    return output


@pytest.fixture(scope="module")
def briefs(database: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same brief with the machine's fonts and with no system font at all."""
    folder = tmp_path_factory.mktemp("no-fonts")
    config = folder / "fonts.conf"
    config.write_text(
        f'<?xml version="1.0"?>\n<fontconfig><cachedir>{folder / "cache"}</cachedir></fontconfig>\n'
    )
    normal = _render(database, folder / "normal.pdf", dict(os.environ))
    bare_env = {
        **os.environ,
        "FONTCONFIG_FILE": str(config),
        "XDG_CACHE_HOME": str(folder / "cache"),
    }
    bare = _render(database, folder / "bare.pdf", bare_env)
    return normal, bare


def _bundled_names() -> set[str]:
    return {
        "ankommen-Sans",
        "ankommen-Sans-Bold",
        "ankommen-Sans-Italic",
        "ankommen-Sans-BoldItalic",
        "ankommen-Arabic",
        "ankommen-Arabic-Bold",
        "ankommen-Math",
        "ankommen-Math-Bold",
    }


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))


def test_fonts__ship_with_the_package_under_the_ofl() -> None:
    for path in font_files():
        assert path.is_file() and path.stat().st_size > 10_000, path
    licence = (font_files()[0].parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL Open Font License" in licence


@pytest.mark.parametrize("which", ["normal", "bare"])
def test_brief__uses_only_bundled_fonts_all_embedded(briefs: tuple[Path, Path], which: str) -> None:
    path = briefs[0] if which == "normal" else briefs[1]
    fonts = pdf_fonts(path)
    assert fonts
    for font in fonts:
        assert font.name.split("+", 1)[-1] in _bundled_names(), font.name
        assert font.embedded, font.name


def test_brief__same_page_count_without_any_system_font(briefs: tuple[Path, Path]) -> None:
    normal, bare = briefs
    assert _pages(normal) == _pages(bare)


def test_brief__quotes_in_four_scripts_are_glyphs_not_boxes(briefs: tuple[Path, Path]) -> None:
    for path in briefs:
        text = unicodedata.normalize("NFKC", pdf_text(path))
        flat = " ".join(text.split())
        for lang in ("tr", "uk", "ru"):
            assert QUOTES[lang] in flat, lang
        arabic_letters = {c for c in QUOTES["ar"] if unicodedata.category(c).startswith("L")}
        assert arabic_letters <= set(text)
        assert notdef_glyphs(path) == 0
