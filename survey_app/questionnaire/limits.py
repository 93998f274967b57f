"""Limits that keep hostile files from eating time and memory, and the workbook guard.

The readers themselves apply them (YAML in ``nodes.py`` and ``loader.py``, workbooks
in ``xlsform_import.py`` through :func:`check_workbook`), so the CLI and a browser
upload are protected alike. A real questionnaire is a few dozen kilobytes and a few
thousand entries; every limit here is far above that.
"""

from __future__ import annotations

import io
import re
import zipfile

from survey_app.questionnaire.problems import Report, Where

#: The largest questionnaire or site file (YAML) read.
MAX_YAML_BYTES = 5 * 1024 * 1024
#: The most mappings, lists and values one YAML file may hold, aliases expanded
#: (an anchor/alias bomb expands to billions; it is stopped here).
MAX_YAML_NODES = 200_000
#: How deep YAML (and so the questionnaire tree) may nest.
MAX_YAML_NESTING = 60

#: The largest workbook file read (pictures are separate files, not embedded).
MAX_WORKBOOK_BYTES = 10 * 1024 * 1024
#: The most a workbook's parts may unpack to, all together (by their declared sizes).
MAX_WORKBOOK_UNPACKED_BYTES = 60 * 1024 * 1024
#: The largest packing ratio of one part bigger than :data:`RATIO_CHECK_FROM_BYTES`.
MAX_PACKING_RATIO = 200
RATIO_CHECK_FROM_BYTES = 1024 * 1024
#: The most parts (files inside the zip) a workbook may have.
MAX_WORKBOOK_PARTS = 2000

_MB = 1024 * 1024
_CHUNK = 256 * 1024
_DECLARATION = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def check_workbook(data: bytes, path: str, report: Report) -> bool:
    """True when the workbook ``data`` (read from ``path``) is safe to give to openpyxl.

    Checks, before any XML is parsed: the size, the number of parts, the declared
    unpacked sizes and packing ratios (zip bombs), and that no XML part declares a DTD
    or entities ("billion laughs", external entities). Problems go to ``report``.
    """
    where = Where(path, 1)
    if len(data) > MAX_WORKBOOK_BYTES:
        report.error(where, "file_too_large", limit=MAX_WORKBOOK_BYTES // _MB)
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if not _sizes_are_safe(members, where, report):
                return False
            for member in members:  # every part: openpyxl follows the rels, not the names
                if _declares_entities(archive, member):
                    report.error(where, "workbook_xml_entities", part=member.filename)
                    return False
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as error:
        if isinstance(error, FileNotFoundError):
            report.error(where, "no_such_file")
        else:
            report.error(where, "not_workbook", detail=str(error) or type(error).__name__)
        return False
    except NotImplementedError as error:  # an unsupported compression method
        report.error(where, "not_workbook", detail=str(error))
        return False
    return True


def _sizes_are_safe(members: list[zipfile.ZipInfo], where: Where, report: Report) -> bool:
    if len(members) > MAX_WORKBOOK_PARTS:
        report.error(where, "workbook_too_many_parts", limit=MAX_WORKBOOK_PARTS)
        return False
    if sum(member.file_size for member in members) > MAX_WORKBOOK_UNPACKED_BYTES:
        report.error(where, "workbook_too_large_unpacked", limit=MAX_WORKBOOK_UNPACKED_BYTES // _MB)
        return False
    for member in members:
        if member.file_size < RATIO_CHECK_FROM_BYTES:
            continue
        ratio = member.file_size / max(member.compress_size, 1)
        if ratio > MAX_PACKING_RATIO:
            report.error(
                where, "workbook_packed_too_densely", part=member.filename, ratio=int(ratio)
            )
            return False
    return True


def _declares_entities(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    """True when the part holds ``<!DOCTYPE`` or ``<!ENTITY`` (read in chunks; zipfile
    stops at the declared size, so a part cannot unpack to more than it claims)."""
    tail = b""
    with archive.open(member) as handle:
        while chunk := handle.read(_CHUNK):
            if _DECLARATION.search(tail + chunk):
                return True
            tail = chunk[-16:]
    return False
