"""What a conversion reads: a file's bytes and what the loader found around it.

The loader (:mod:`survey_app.questionnaire.loader`) is the one step that opens files;
it fills a :class:`Source`, and :func:`survey_app.questionnaire.pipeline.convert` turns
it into the model without touching the file system.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field

from survey_app.questionnaire.problems import Problem
from survey_app.questionnaire.site import Site

WORKBOOK_SUFFIXES = (".xlsx", ".xls")


@dataclass(frozen=True)
class SiteFile:
    """The site file a questionnaire names (``site:``), as the loader found it.

    ``site`` is None when the file has errors (its ``problems``) or was not found
    (``found`` False; ``looked`` says where it was looked for).
    """

    site: Site | None
    problems: tuple[Problem, ...] = ()
    found: bool = True
    looked: str = ""


@dataclass(frozen=True)
class Source:
    """A questionnaire file to convert: YAML or workbook bytes named ``path``.

    ``sites`` holds the site file for the name the file gives after ``site:``;
    ``pictures`` and ``recordings`` are the file names in the ``pictograms/`` and
    ``audio/`` folders (None: not looked, so not checked); ``default_language`` is a
    workbook's language of plain ``label`` columns when its settings name none;
    ``workbook`` reads the bytes as a workbook whatever the file is called.
    """

    path: str
    data: bytes
    sites: Mapping[str, SiteFile] = field(default_factory=dict)
    pictures: frozenset[str] | None = None
    recordings: frozenset[str] | None = None
    default_language: str = "de"
    workbook: bool = False

    @property
    def is_workbook(self) -> bool:
        """True for an XLSForm workbook (``.xlsx``, or read as one; ``.xls`` is refused)."""
        return self.workbook or self.path.lower().endswith(WORKBOOK_SUFFIXES)

    @property
    def content_hash(self) -> str:
        """The SHA-256 of the bytes (a questionnaire's version fingerprint)."""
        return hashlib.sha256(self.data).hexdigest()
