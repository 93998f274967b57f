"""The pieces a brief's sections are made of (shared by brief.py and brief_summaries.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Cell:
    """A formatted table cell: ``text`` (may be the gap mark), an optional second line."""

    text: str
    detail: str = ""
    shade: int | None = None
    hidden: bool = False
    numeric: bool = True
    #: The text in pieces, each with whether it is a hidden value (greyed alone).
    parts: tuple[tuple[str, bool], ...] = ()
    #: A further CSS class, e.g. ``not-offered`` for the "·" mark.
    css: str = ""


@dataclass
class Section:
    """One section of the brief: heading, findings, figures and tables to show."""

    anchor: str
    title: str
    findings: list[str] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)
