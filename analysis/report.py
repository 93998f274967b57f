"""The report structure: one protected analysis, worded once, for every renderer.

compute (``results.analyse`` → :class:`~analysis.results.Analysis`) → **structure**
(:func:`build_report` → :class:`Report`) → render (the PDF brief in ``brief*.py``,
the tables export in ``tables.py``, the planner's results page in ``results_page.py``).

The report carries what the renderers share: the labels (from the roles the analysis
was read by — found once, when the responses were loaded), the audited findings and
the key findings (on first use), the offers with data, the equity gaps by question with whether each
is established, and the quotes that may be shown with their language. Renderers read
it and compute nothing; they import no findings or compute module (a test checks it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from analysis.equity import Gap, established
from analysis.findings import Finding
from analysis.findings import findings as audited_findings
from analysis.findings import key_findings as first_page_findings
from analysis.i18n import Translator
from analysis.labels import Labels
from analysis.results import Analysis

#: How many findings each section repeats under its heading.
SECTION_FINDINGS = 2
#: How many approved quotes a brief prints at most.
MAX_QUOTES = 8


@dataclass(frozen=True)
class ShownQuote:
    """An approved quote; ``lang`` only when that language's count is shown."""

    text: str
    lang: str


@dataclass
class Report:
    """What every renderer of one analysis in one language reads (see module doc)."""

    analysis: Analysis
    tr: Translator
    labels: Labels
    #: Offers with at least one relevant respondent, in the analysis's order.
    offers: list[str]
    #: Equity gaps: question → offer → measure (``known``, ``used``) → gap.
    gap_groups: dict[str, dict[str, dict[str, Gap]]]
    quotes: list[ShownQuote] = field(default_factory=list)
    _established: dict[int, bool] = field(default_factory=dict, repr=False)

    @cached_property
    def findings(self) -> list[Finding]:
        """Every finding the audit allows, most important first (worded and audited on
        first use: the results page shows none, so it never pays for their audit)."""
        return audited_findings(self.analysis, self.tr, self.labels)

    @cached_property
    def key_findings(self) -> list[Finding]:
        """The first page's findings (a subset of :attr:`findings`)."""
        return first_page_findings(self.findings)

    def holds(self, gap: Gap) -> bool:
        """Whether ``gap`` is established (Bonferroni over all gaps; see equity.py)."""
        return self._established[id(gap)]

    def section_findings(self, anchor: str) -> list[str]:
        """The texts a section repeats under its heading (not already on page one)."""
        texts = [f.text for f in self.findings if f.ref == anchor and f not in self.key_findings]
        return texts[:SECTION_FINDINGS]


def build_report(analysis: Analysis, tr: Translator) -> Report:
    """Arrange ``analysis`` for the renderers in the language of ``tr`` (its findings are
    worded and audited once, when a renderer first reads them)."""
    labels = Labels(analysis.roles, tr)
    reach = analysis.reach
    offers = [
        offer.id
        for offer in reach.offers
        if (cell := reach.cell(offer.id)) is not None and cell.n > 0
    ]
    groups: dict[str, dict[str, dict[str, Gap]]] = {}
    for gap in analysis.gaps:
        groups.setdefault(gap.question_id, {}).setdefault(gap.offer, {})[gap.measure] = gap
    holds = dict(zip(map(id, analysis.gaps), established(analysis.gaps), strict=True))
    shown = {tag for tag, share in analysis.scope.languages.items() if share.shown}
    quotes = [
        ShownQuote(quote.text, quote.language if quote.language in shown else "")
        for quote in analysis.quotes[:MAX_QUOTES]
    ]
    return Report(
        analysis=analysis,
        tr=tr,
        labels=labels,
        offers=offers,
        gap_groups=groups,
        quotes=quotes,
        _established=holds,
    )
