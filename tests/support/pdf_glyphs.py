"""What a PDF really draws: its fonts (``pdffonts``) and the glyphs of its text.

WeasyPrint writes text as Type0 fonts with ``Identity-H`` encoding, where every
two-byte code is a glyph id of the embedded font; glyph 0 is ``.notdef``, the empty box
a font draws for a character it lacks.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ContentStream, DictionaryObject

TEXT_OPERATORS = {b"Tj", b"TJ", b"'", b'"'}


@dataclass(frozen=True)
class PdfFont:
    """One row of ``pdffonts``: the font's name and whether it is embedded."""

    name: str
    embedded: bool


def pdf_fonts(path: Path) -> list[PdfFont]:
    """The fonts ``pdffonts`` (poppler-utils) lists for the PDF at ``path``."""
    lines = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    fonts = []
    for line in lines:
        fields = line.split()
        # name type... encoding emb sub uni object ID: emb is the 5th field from the end
        fonts.append(PdfFont(name=fields[0], embedded=fields[-5] == "yes"))
    return fonts


def _strings(operands: list[object], operator: bytes) -> list[bytes]:
    if operator == b"TJ":
        return [bytes(item) for item in operands[0] if isinstance(item, bytes)]  # type: ignore[attr-defined]
    return [bytes(operands[-1])] if operands and isinstance(operands[-1], bytes) else []  # type: ignore[arg-type]


def _notdef_in(stream: object, resources: DictionaryObject, reader: PdfReader) -> int:
    fonts = resources.get("/Font", DictionaryObject())
    fonts = fonts.get_object() if fonts else DictionaryObject()
    two_byte = False
    count = 0
    for operands, operator in ContentStream(stream, reader).operations:
        if operator == b"Tf":
            font = fonts[operands[0]].get_object()
            two_byte = font.get("/Subtype") == "/Type0"
        elif operator in TEXT_OPERATORS:
            for data in _strings(operands, operator):
                if two_byte:
                    codes = [data[i] << 8 | data[i + 1] for i in range(0, len(data) - 1, 2)]
                    count += codes.count(0)
        elif operator == b"Do":
            xobjects = resources["/XObject"].get_object()
            form = xobjects[operands[0]].get_object()
            if form.get("/Subtype") == "/Form":
                inner = form.get("/Resources", resources).get_object()
                count += _notdef_in(form, inner, reader)
    return count


def notdef_glyphs(path: Path) -> int:
    """How many times the PDF draws glyph 0 (``.notdef``), pages and forms included."""
    reader = PdfReader(str(path))
    return sum(
        _notdef_in(page.get_contents(), page["/Resources"].get_object(), reader)
        for page in reader.pages
    )


def pdf_text(path: Path) -> str:
    """The PDF's text layer as ``pdftotext`` extracts it."""
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
