"""The wording side of the findings: :class:`Finding` and the writer's helpers.

The sentences themselves are written by :mod:`analysis.findings_reach` (equity gaps,
use gaps, barriers, districts, life phases) and :mod:`analysis.findings_voice`
(children's voice and scores); :mod:`analysis.findings` ranks and audits them.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.lists import format_list

from analysis.cells import Share
from analysis.disclosure import Relation
from analysis.i18n import Translator
from analysis.labels import Labels
from analysis.results import Analysis
from analysis.statistics import wilson


@dataclass(frozen=True)
class Finding:
    """One sentence; ``kind`` says what it is about, ``ref`` where its chart is."""

    kind: str
    text: str
    ref: str
    weight: float
    #: What the sentence implies about the cells it ranks (ledger relations).
    claims: tuple[Relation, ...] = ()


class Writer:
    """Writes findings about one analysis in one language (base of the topic writers)."""

    def __init__(self, analysis: Analysis, tr: Translator, labels: Labels) -> None:
        self.analysis = analysis
        self.tr = tr
        self.labels = labels

    # --- wording helpers ----------------------------------------------------------

    def _of_respondents(self) -> str:
        _ = self.tr.gettext
        audience = self.analysis.questionnaire.audience
        if audience == "children":
            return _("der befragten Kinder")
        if audience == "youth":
            return _("der befragten Jugendlichen")
        return _("der befragten Familien")

    def _pct(self, share: Share) -> str:
        return self.tr.percent(share.proportion)

    def _and(self, items: list[str]) -> str:
        return format_list(items, locale=self.tr.locale)

    @staticmethod
    def _subject(label: str) -> str:
        """A group label as sentence subject; a relative clause needs a closing comma."""
        return label + "," if ", " in label else label


def wilson_low(count: int, n: int) -> float:
    """The lower Wilson bound of ``count`` of ``n`` (0 for no base)."""
    return wilson(max(count, 0), n).low if n else 0.0
