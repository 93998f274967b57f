"""Findings in plain words, generated from the protected numbers.

Every sentence prints published cells only (never a hidden one), and every ranking
("the most frequent reason", "the least known offers", "the second") is computed on
*all* cells, hidden ones included, and then either stated without naming a hidden
value or not stated at all: a sentence is true of the full data. A ranking whose
first places are hidden is not stated.

One rule for "gesichert" (statistically established), as the brief's method box says:
a comparison is stated only when its 95 % interval, widened by a Bonferroni
correction over all comparisons of its kind, excludes zero — gaps between groups
(Newcombe), district differences, score bands between groups, the lead of the most
frequent reason (multinomial difference), the lead of children's top priority
(paired points), and the offers tied for least known. The printed interval stays the
plain 95 % one. Comparisons between offers treat the shares as independent, which is
conservative when knowing one offer goes with knowing others.

What a sentence implies about hidden cells (e.g. that no hidden reason is more
frequent) is recorded as ``claims`` and audited with everything else
(:func:`published_findings`): a finding that would let a hidden small cell be worked
out is dropped.

Each finding names the section of the brief with its chart or table (``ref``).
"""

from __future__ import annotations

from analysis.finding_words import Finding
from analysis.findings_reach import ReachFindings
from analysis.findings_voice import VoiceFindings
from analysis.i18n import Translator
from analysis.labels import Labels
from analysis.results import Analysis

#: Sections of a brief a finding can point to.
SECTIONS = ("reach", "life-phases", "districts", "equity", "barriers", "voice", "scores")
#: The order in which kinds of findings are picked for the first page.
KEY_ORDER = (
    "equity",
    "use_gap",
    "district",
    "life_phase",
    "priority",
    "barrier",
    "score",
    "smiley",
)


def findings(analysis: Analysis, tr: Translator, labels: Labels | None = None) -> list[Finding]:
    """Every finding the numbers support and the audit allows, most important first.

    ``labels`` (else made from the analysis's roles) name offers, groups and reasons.
    """
    if analysis.too_small:
        return []
    candidates = _candidates(analysis, tr, labels or Labels(analysis.roles, tr))
    allowed = published_findings(analysis, candidates)
    return [finding for i, finding in enumerate(candidates) if i in allowed]


def published_findings(analysis: Analysis, candidates: list[Finding]) -> set[int]:
    """The indices of ``candidates`` whose claims, audited with every published
    number, let no hidden small cell be worked out (the result is kept per analysis:
    the claims do not depend on the language)."""
    signature = tuple(finding.claims for finding in candidates)
    cached = analysis.released.get(signature)
    if cached is not None:
        return cached
    allowed = set(range(len(candidates)))
    ledger = analysis.ledger
    while any(candidates[i].claims for i in allowed):
        extra = [claim for i in sorted(allowed) for claim in candidates[i].claims]
        near = {key for claim in extra for key, _ in claim.terms}
        audit = ledger.run_audit(analysis.min_group_size, extra=extra, near=near)
        if not audit.exposed:
            break
        touched = set(audit.exposed)
        for key in audit.exposed:
            touched.update(audit.binding.get(key, ()))
        dropped = {
            i
            for i in allowed
            if any(key in touched for claim in candidates[i].claims for key, _ in claim.terms)
        }
        allowed -= dropped or {i for i in allowed if candidates[i].claims}
    analysis.released[signature] = allowed
    return allowed


def _candidates(analysis: Analysis, tr: Translator, labels: Labels) -> list[Finding]:
    writer = _Writer(analysis, tr, labels)
    result = [
        *writer.equity_gaps(),
        *writer.use_gaps(),
        *writer.district_differences(),
        *writer.lowest_reach_by_life_phase(),
        *writer.barriers(),
        *writer.priorities(),
        *writer.scores(),
        *writer.smileys(),
    ]
    return sorted(result, key=lambda finding: -finding.weight)


def key_findings(ranked: list[Finding], limit: int = 5) -> list[Finding]:
    """The first page's findings: the best of each kind first, then by weight."""
    chosen: list[Finding] = []
    for kind in KEY_ORDER:
        best = next((f for f in ranked if f.kind == kind), None)
        if best is not None and len(chosen) < limit:
            chosen.append(best)
    for finding in ranked:
        if len(chosen) >= limit:
            break
        if finding not in chosen:
            chosen.append(finding)
    return sorted(chosen, key=lambda finding: -finding.weight)


class _Writer(ReachFindings, VoiceFindings):
    """Every topic's sentences about one analysis."""
