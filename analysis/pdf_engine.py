"""HTML → PDF with ankommen's own fonts, the same on every machine.

The brief never looks fonts up on the system: its faces are the OFL fonts shipped in
``analysis/fonts/`` (Noto Sans, Noto Sans Arabic, Noto Sans Math; see ``fonts/README.md``), declared
with ``@font-face`` under family names no system font has, and loaded by path. The URL
fetcher lets WeasyPrint read ``data:`` URLs and exactly those font files — nothing else
from the disk and nothing from the network.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from survey_app.resources import font_dir

#: The CSS family names of the bundled faces (unique, so no system font can match).
TEXT_FAMILY = "ankommen Sans"
ARABIC_FAMILY = "ankommen Arabic"
#: Signs Noto Sans lacks (the minus sign −, arrows →).
SYMBOL_FAMILY = "ankommen Math"
#: The ``font-family`` value for every text of the brief and its charts.
FONT_STACK = f'"{TEXT_FAMILY}", "{ARABIC_FAMILY}", "{SYMBOL_FAMILY}"'

#: (family, weight, style, file) of every bundled face.
FACES: tuple[tuple[str, str, str, str], ...] = (
    (TEXT_FAMILY, "normal", "normal", "NotoSans-Regular.ttf"),
    (TEXT_FAMILY, "bold", "normal", "NotoSans-Bold.ttf"),
    (TEXT_FAMILY, "normal", "italic", "NotoSans-Italic.ttf"),
    (TEXT_FAMILY, "bold", "italic", "NotoSans-BoldItalic.ttf"),
    (ARABIC_FAMILY, "normal", "normal", "NotoSansArabic-Regular.ttf"),
    (ARABIC_FAMILY, "bold", "normal", "NotoSansArabic-Bold.ttf"),
    (SYMBOL_FAMILY, "normal", "normal", "NotoSansMath-Regular.ttf"),
)


def font_files() -> list[Path]:
    """The bundled font files, in :data:`FACES` order."""
    return [font_dir() / name for *_, name in FACES]


def font_face_css() -> str:
    """``@font-face`` rules loading every bundled face by its file path."""
    rules = []
    for family, weight, style, name in FACES:
        url = (font_dir() / name).as_uri()
        rules.append(
            f'@font-face {{ font-family: "{family}"; src: url("{url}"); '
            f"font-weight: {weight}; font-style: {style}; }}"
        )
    return "\n".join(rules)


def write_pdf(html: str, **options: Any) -> bytes:
    """Render ``html`` to PDF with the bundled fonts; ``options`` go to ``write_pdf``."""
    import weasyprint  # imported here: building the HTML needs no PDF engine

    class BundledOnly(weasyprint.URLFetcher):
        """``data:`` URLs and the bundled font files; any other URL is refused."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("file:") and url not in allowed:
                raise ValueError(f"Not a bundled font: {url}")
            return super().fetch(url, headers)

    allowed = {path.as_uri() for path in font_files()}
    fonts = weasyprint.text.fonts.FontConfiguration()
    fetcher = BundledOnly(allowed_protocols=("data", "file"))
    stylesheet = weasyprint.CSS(string=font_face_css(), font_config=fonts, url_fetcher=fetcher)
    document = weasyprint.HTML(string=html, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[stylesheet], font_config=fonts, **options)
