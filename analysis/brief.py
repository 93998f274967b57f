"""The PDF brief: numbers → findings → HTML (Jinja) → tagged PDF (WeasyPrint, PDF/UA).

:func:`build_brief_pdf` is what the CLI (``ankommen brief``) and the planner area call.
:func:`brief_html` gives the same document as HTML (for a preview, and for tests that
need no PDF engine). The brief shows only protected numbers (see
:mod:`analysis.suppression`) and approved quotes; it never contains a raw response.
"""

from __future__ import annotations

import base64
import re
from datetime import date
from pathlib import Path
from typing import Any

from babel.dates import format_date
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from analysis import charts
from analysis.barriers import ALL_OFFERS
from analysis.breakdowns import ALL, DISTRICT, LIFE_PHASE, NOT_STATED
from analysis.brief_parts import Cell, Section
from analysis.brief_summaries import ANCHOR as SUMMARY_ANCHOR
from analysis.brief_summaries import summary_section
from analysis.cells import Mean, Share
from analysis.equity import established
from analysis.findings import findings, key_findings
from analysis.i18n import BRIEF_LANGUAGES, Translator, translator
from analysis.labels import Labels
from analysis.loading import REST, Filters
from analysis.pdf_engine import FONT_STACK, write_pdf
from analysis.results import DEFAULT_MIN_QUOTE_RESPONDENTS, OTHERS, Analysis, analyse_stored
from analysis.roles import roles_of
from analysis.selection import describe
from analysis.suppression import DEFAULT_MIN_GROUP_SIZE
from survey_app.questionnaire.languages import primary_language
from survey_app.questionnaire.model import Questionnaire
from survey_app.storage import Engine
from survey_app.ui_languages import choose

TEMPLATES = Path(__file__).resolve().parent / "templates"
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}")
#: How many findings each section repeats under its heading.
SECTION_FINDINGS = 2


class BriefError(ValueError):
    """A brief cannot be made as asked (bad filter or group size); the message says why."""


def build_brief_pdf(
    engine: Engine,
    questionnaire: Questionnaire,
    filters: Filters | None = None,
    lang: str = "de",
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    translations_dir: str | Path | None = None,
    min_quote_respondents: int = DEFAULT_MIN_QUOTE_RESPONDENTS,
) -> bytes:
    """The PDF brief for the stored responses to ``questionnaire`` (filtered).

    Briefs are written in German or English: a German variant (``de-x-ls``) gives
    German, any other language English. Raises :class:`BriefError` for a filter that
    names no district or life phase of the site file, or a group size below 1.
    """
    filters = filters or Filters()
    check_filters(questionnaire, filters)
    if min_group_size < 1:
        raise BriefError("The minimum group size must be at least 1.")
    analysis = analyse_stored(engine, questionnaire, filters, min_group_size, min_quote_respondents)
    return render_pdf(analysis, translator(brief_language(lang), translations_dir))


def brief_language(lang: str) -> str:
    """The brief language for a UI language: German for German variants, else English."""
    return choose(lang, None, BRIEF_LANGUAGES, "de" if primary_language(lang) == "de" else "en")


def check_filters(questionnaire: Questionnaire, filters: Filters) -> None:
    """Raise :class:`BriefError` unless the filters name districts/phases of the site."""
    site = questionnaire.site
    districts = [d.id for d in site.districts] if site else []
    phases = [p.id for p in site.life_phases] if site else []
    if filters.district is not None and filters.district not in districts:
        known = ", ".join(districts) or "none"
        raise BriefError(f"No district {filters.district!r} in the site file (known: {known}).")
    if filters.life_phase is not None and filters.life_phase not in phases:
        known = ", ".join(phases) or "none"
        raise BriefError(f"No life phase {filters.life_phase!r} in the site file (known: {known}).")


def render_pdf(analysis: Analysis, tr: Translator) -> bytes:
    """A tagged, accessible A4 PDF (PDF/UA-1) of :func:`brief_html`, in bundled fonts."""
    return write_pdf(brief_html(analysis, tr), pdf_variant="pdf/ua-1", pdf_tags=True)


def brief_html(analysis: Analysis, tr: Translator) -> str:
    """The brief as one self-contained HTML document."""
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
    )
    environment.install_gettext_translations(tr.catalog, newstyle=True)  # type: ignore[attr-defined]
    view = _BriefView(analysis, tr)
    css = (TEMPLATES / "brief.css").read_text(encoding="utf-8").replace("$FONTS", FONT_STACK)
    return environment.get_template("brief.html").render(view=view.context(), css=Markup(css))


class _BriefView:
    """Turns an analysis into the strings and charts the template shows."""

    def __init__(self, analysis: Analysis, tr: Translator) -> None:
        self.analysis = analysis
        self.tr = tr
        self.labels = Labels(roles_of(analysis.questionnaire), tr)
        site = analysis.questionnaire.site
        branding = site.branding if site else {}
        colour = str(branding.get("colour") or "")
        self.colour = colour if _COLOUR.fullmatch(colour) else charts.DEFAULT_COLOUR
        self.palette = charts.palette_for(self.colour)
        self.figures = 0
        self.tables = 0

    # --- helpers -----------------------------------------------------------------

    def pct(self, share: Share) -> str:
        if share.empty:
            return "–"
        if share.hidden:
            return charts.GAP_MARK
        return self.tr.percent(share.proportion)

    def n(self, share: Share | Mean) -> str:
        if share.base_hidden:
            return charts.GAP_MARK
        return self.tr.number(share.n)

    def value(self, share: Share | None) -> float | None:
        return share.proportion if share is not None and share.shown else None

    def figure(self, svg: str, caption: str) -> dict[str, Any]:
        self.figures += 1
        label = self.tr.gettext("Abbildung %(number)d", number=self.figures)
        return {"kind": "figure", "svg": Markup(svg), "caption": f"{label}: {caption}"}

    def table(
        self,
        caption: str,
        head: list[str],
        rows: list[list[Cell | str]],
        text_columns: tuple[int, ...] = (),
        **extra: Any,
    ) -> dict[str, Any]:
        self.tables += 1
        label = self.tr.gettext("Tabelle %(number)d", number=self.tables)
        cells = [
            [
                cell if isinstance(cell, Cell) else Cell(cell, numeric=i not in text_columns)
                for i, cell in enumerate(row)
            ]
            for row in rows
        ]
        return {
            "kind": "table",
            "caption": f"{label}: {caption}",
            "head": head,
            "rows": cells,
            "text_columns": text_columns,
            **extra,
        }

    def shade(self, share: Share) -> int | None:
        if not share.shown or share.proportion is None:
            return None
        return min(4, int(share.proportion * 5))

    # --- the document ----------------------------------------------------------------

    def context(self) -> dict[str, Any]:
        _ = self.tr.gettext
        analysis = self.analysis
        ranked = findings(analysis, self.tr)
        sections = [] if analysis.too_small else self.sections()
        anchors = {section.anchor: section for section in sections}
        key = []
        chosen = key_findings(ranked)
        for section in sections:
            section.findings = [
                f.text for f in ranked if f.ref == section.anchor and f not in chosen
            ][:SECTION_FINDINGS]
        for finding in chosen:
            section = anchors.get(finding.ref)
            key.append(
                {
                    "text": finding.text,
                    "anchor": finding.ref,
                    "section": section.title if section else "",
                }
            )
        municipality = self.labels.municipality()
        title = self.labels.title()
        return {
            "lang": self.tr.lang,
            "document_title": _("Kurzbericht: %(title)s", title=title),
            "title": title,
            "municipality": municipality,
            "logo": self.logo(),
            "colour": self.colour,
            "palette": self.palette,
            "scope": self.scope(),
            "key_findings": key,
            "sections": sections,
            "method": self.method(),
            "too_small": analysis.too_small,
            "per_question": any(section.anchor == SUMMARY_ANCHOR for section in sections),
            "k": analysis.min_group_size,
            "gap_mark": charts.GAP_MARK,
            "made_on": format_date(date.today(), format="long", locale=self.tr.locale),
        }

    def logo(self) -> dict[str, str] | None:
        site = self.analysis.questionnaire.site
        if site is None or not site.branding.get("logo") or not site.path:
            return None
        folder = Path(site.path).resolve().parent
        path = (folder / str(site.branding["logo"])).resolve()
        if folder not in path.parents or not path.is_file():
            return None
        kinds = {
            ".svg": "image/svg+xml",
            ".png": "image/png",
            ".jpg": "image/jpeg",
            ".jpeg": "image/jpeg",
        }
        kind = kinds.get(path.suffix.lower())
        if kind is None:
            return None
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        alt = self.tr.gettext("Logo: %(name)s", name=self.labels.municipality())
        return {"src": f"data:{kind};base64,{data}", "alt": alt}

    def scope(self) -> list[tuple[str, str]]:
        _ = self.tr.gettext
        analysis = self.analysis
        scope = analysis.scope
        filters = analysis.filters
        site = analysis.questionnaire.site
        rows = [(_("Befragung"), self.labels.title())]
        if filters.district:
            rows.append((_("Stadtteil"), self.labels.district(filters.district)))
        elif site and site.districts:
            rows.append((_("Stadtteile"), _("alle (%(count)d)", count=len(site.districts))))
        if filters.life_phase:
            rows.append((_("Lebensphase"), self.labels.life_phase(filters.life_phase)))
        if scope.first_day and scope.last_day:
            rows.append(
                (
                    _("Zeitraum"),
                    _(
                        "%(first)s bis %(last)s",
                        first=format_date(scope.first_day, format="medium", locale=self.tr.locale),
                        last=format_date(scope.last_day, format="medium", locale=self.tr.locale),
                    ),
                )
            )
        events = [code for code in scope.events if code not in (NOT_STATED, OTHERS)]
        if filters.event:
            details = scope.event_details.get(filters.event)
            rows.append((_("Veranstaltung"), details.name if details else filters.event))
        elif events:
            rows.append((_("Veranstaltungen"), str(len(events))))
        rows.extend(describe(analysis.questionnaire, filters, self.tr))
        rows.append((_("Antworten"), self.n(scope.n)))
        return rows

    # --- sections -------------------------------------------------------------------

    def sections(self) -> list[Section]:
        result = []
        for builder in (
            self.reach_section,
            self.life_phase_section,
            self.district_section,
            self.equity_section,
            self.barrier_section,
            self.voice_section,
            self.score_section,
        ):
            section = builder()
            if section is not None and section.items:
                result.append(section)
        if not result:  # no roles to read it by (e.g. an own XLSForm): every question
            section = summary_section(self, self.analysis.summaries)
            if section.items:
                result.append(section)
        return result

    def _offers_with_data(self) -> list[str]:
        reach = self.analysis.reach
        return [
            offer.id
            for offer in reach.offers
            if (cell := reach.cell(offer.id)) is not None and cell.n > 0
        ]

    def reach_section(self) -> Section | None:
        _ = self.tr.gettext
        reach = self.analysis.reach
        offers = self._offers_with_data()
        if not offers:
            return None
        section = Section("reach", _("Reichweite der Angebote"))
        rows = []
        has_benefit = self.analysis.questionnaire.questions_with_role("offer_benefit") != []
        steps = (
            (_("kennen"), _("nutzen"), _("hilft")) if has_benefit else (_("kennen"), _("nutzen"))
        )
        for offer in offers:
            cell = reach.cell(offer)
            assert cell is not None
            shares = [cell.known, cell.used] + (
                [cell.helped] if has_benefit and cell.helped else []
            )
            rows.append(
                charts.StaircaseRow(
                    label=self.labels.offer(offer),
                    values=tuple(self.value(share) for share in shares),
                    texts=tuple(self.pct(share) for share in shares),
                )
            )
        alt = (
            _(
                "Balkendiagramm: Für jedes Angebot der Anteil der Befragten, für die es gedacht ist, "
                "die es kennen, nutzen und hilfreich finden."
            )
            + " "
            + "; ".join(
                f"{row.label}: "
                + ", ".join(f"{step} {text}" for step, text in zip(steps, row.texts, strict=False))
                for row in rows
            )
        )
        svg = charts.staircase_chart(
            rows,
            steps,
            alt,
            self.palette,
            _("Anteil in Prozent der Befragten, für die das Angebot gedacht ist"),
        )
        section.items.append(
            self.figure(
                svg,
                _(
                    "Wirkungstreppe je Angebot: kennen, nutzen, hilft (in Prozent der Befragten, für die das Angebot gedacht ist)"
                ),
            )
        )
        head = [
            _("Angebot"),
            _("n"),
            _("kennen"),
            _("nutzen"),
            _("nutzen, von denen, die es kennen"),
        ]
        if has_benefit:
            head.append(_("hilfreich, von denen, die es nutzen"))
        table_rows = []
        for offer in offers:
            cell = reach.cell(offer)
            assert cell is not None
            row: list[Cell | str] = [
                self.labels.offer(offer),
                self.n(cell.known),
                self._interval_cell(cell.known),
                self._interval_cell(cell.used),
                self._interval_cell(cell.used_of_known),
            ]
            if has_benefit:
                row.append(self._interval_cell(cell.helpful) if cell.helpful else Cell("–"))
            table_rows.append(row)
        # The table first: it fits below the key findings, the chart starts a page.
        section.items.insert(
            0,
            self.table(
                _("Reichweite je Angebot mit 95-%-Konfidenzintervall"),
                head,
                table_rows,
                inline=True,
            ),
        )
        return section

    def _interval_cell(self, share: Share) -> Cell:
        if not share.shown:
            return Cell(self.pct(share), hidden=share.hidden)
        interval = share.interval
        detail = f"{round(interval.low * 100)}–{round(interval.high * 100)}"
        return Cell(self.pct(share), detail)

    def _breakdown_table(
        self, dimension_id: str, caption: str, group_label
    ) -> dict[str, Any] | None:
        _ = self.tr.gettext
        reach = self.analysis.reach
        dimension = reach.dimension(dimension_id)
        if dimension is None:
            return None
        offers = self._offers_with_data()
        groups = [
            g
            for g in dimension.groups
            if any((c := reach.cell(o, dimension_id, g)) is not None and c.n > 0 for o in offers)
        ]
        if not groups or not offers:
            return None
        head = [_("Angebot"), *[group_label(g) for g in groups]]
        rows = []
        for offer in offers:
            row: list[Cell | str] = [self.labels.offer(offer)]
            for group in groups:
                cell = reach.cell(offer, dimension_id, group)
                if cell is None:
                    row.append(Cell("·", css="not-offered"))
                elif cell.known.empty:
                    row.append(Cell("–"))
                else:
                    known, used = self.pct(cell.known), self.pct(cell.used)
                    row.append(
                        Cell(
                            f"{known} / {used}",
                            f"n = {self.n(cell.known)}",
                            self.shade(cell.known),
                            # Only a hidden value is greyed, never the shown one beside it.
                            cell.known.hidden and cell.used.hidden,
                            parts=(
                                (known, cell.known.hidden),
                                (" / ", False),
                                (used, cell.used.hidden),
                            ),
                        )
                    )
            rows.append(row)
        return self.table(caption, head, rows, shaded=True)

    def life_phase_section(self) -> Section | None:
        _ = self.tr.gettext
        table = self._breakdown_table(
            LIFE_PHASE,
            _(
                "Kennen / nutzen je Angebot und Lebensphase (in Prozent der Befragten, für die das Angebot gedacht ist; · = nicht für diese Lebensphase)"
            ),
            self.labels.life_phase,
        )
        if table is None:
            return None
        return Section("life-phases", _("Nach Lebensphase"), items=[table])

    def district_section(self) -> Section | None:
        _ = self.tr.gettext
        table = self._breakdown_table(
            DISTRICT,
            _(
                "Kennen / nutzen je Angebot und Stadtteil (in Prozent der Befragten, für die das Angebot gedacht ist; · = dort nicht angeboten)"
            ),
            self.labels.district,
        )
        if table is None:
            return None
        return Section("districts", _("Stadtteile im Vergleich"), items=[table])

    def equity_section(self) -> Section | None:
        _ = self.tr.gettext
        analysis = self.analysis
        if not analysis.gaps:
            return None
        section = Section("equity", _("Unterschiede zwischen Gruppen"))
        by_question: dict[str, dict[str, dict[str, Any]]] = {}
        holds = dict(zip(map(id, analysis.gaps), established(analysis.gaps), strict=True))
        for gap in analysis.gaps:
            by_question.setdefault(gap.question_id, {}).setdefault(gap.offer, {})[gap.measure] = gap
        for question_id, offers in by_question.items():
            rows = []
            for offer_id, gaps in offers.items():
                known, used = gaps.get("known"), gaps.get("used")
                if known is None or (known.member.empty and known.rest.empty):
                    continue

                def mark(gap):
                    if gap is None or not gap.shown:
                        return None
                    interval = gap.interval
                    return charts.GapMark(
                        gap.difference, interval.low, interval.high, holds[id(gap)]
                    )

                text = _(
                    "kennen %(member)s / %(rest)s",
                    member=self.pct(known.member),
                    rest=self.pct(known.rest),
                )
                rows.append(
                    charts.GapRow(self.labels.offer(offer_id), mark(known), mark(used), text)
                )
            if not rows:
                continue
            group = self.labels.equity_group(question_id)
            alt = (
                _(
                    "Punktdiagramm: Unterschied in Prozentpunkten zwischen der Gruppe „%(group)s“ und den "
                    "übrigen Befragten beim Kennen (Kreis) und Nutzen (Quadrat), mit 95-%%-Konfidenzintervall.",
                    group=group,
                )
                + " "
                + "; ".join(
                    f"{row.label}: "
                    + (self.tr.points(row.known.difference) if row.known else charts.GAP_MARK)
                    for row in rows
                )
            )
            svg = charts.gap_chart(
                rows,
                alt,
                self.palette,
                (_("kennen"), _("nutzen"), _("gefüllt: gesichert"), _("leer: nicht gesichert")),
                _("Prozentpunkte: Gruppe minus übrige Befragte"),
                lambda value: self.tr.points(value),
            )
            section.items.append(
                self.figure(
                    svg,
                    _(
                        "%(group)s im Vergleich zu den übrigen Befragten (rechts: kennen in der Gruppe / bei den übrigen)",
                        group=group,
                    ),
                )
            )
        return section

    def barrier_section(self) -> Section | None:
        _ = self.tr.gettext
        analysis = self.analysis
        if not analysis.barriers:
            return None
        section = Section("barriers", _("Warum Angebote nicht genutzt werden"))
        summary = next((b for b in analysis.barriers if b.offer in (ALL_OFFERS, None)), None)
        if summary is not None and summary.base:
            bars = [
                charts.Bar(self.labels.reason(reason), self.value(share), self.pct(share))
                for reason, share in _ordered(summary)
            ]
            alt = (
                _(
                    "Balkendiagramm: Gründe, ein bekanntes Angebot nicht zu nutzen, über alle Angebote."
                )
                + " "
                + "; ".join(f"{bar.label}: {bar.text}" for bar in bars)
            )
            svg = charts.bar_chart(bars, alt, self.palette, _("Anteil an allen Nennungen in %"))
            caption = _(
                "Gründe, ein bekanntes Angebot nicht zu nutzen, über alle Angebote (n = %(n)s Nennungen)",
                n=self.n(next(iter(summary.reasons.values()))),
            )
            section.items.append(self.figure(svg, caption))
        rows = []
        for barriers in analysis.barriers:
            if barriers.offer in (ALL_OFFERS, None) or barriers.base == 0:
                continue
            # The true top two (hidden reasons ranked too), cut before a hidden one.
            shown = []
            for reason, share in barriers.ranked()[:2]:
                if not share.shown or share.count == 0:
                    break
                shown.append((reason, share))
            reasons = "; ".join(
                f"{self.labels.reason(reason)} {self.pct(share)}" for reason, share in shown
            )
            base_share = next(iter(barriers.reasons.values()))
            rows.append(
                [self.labels.offer(barriers.offer), self.n(base_share), reasons or charts.GAP_MARK]
            )
        if rows:
            section.items.append(
                self.table(
                    _(
                        "Die zwei häufigsten Gründe je Angebot (in Prozent derer, die es kennen, aber nicht nutzen und einen Grund nannten)"
                    ),
                    [_("Angebot"), _("n"), _("häufigste Gründe")],
                    rows,
                    text_columns=(2,),
                )
            )
        return section

    def voice_section(self) -> Section | None:
        _ = self.tr.gettext
        analysis = self.analysis
        if not (analysis.smileys or analysis.priorities or analysis.quotes):
            return None
        children = analysis.questionnaire.audience == "children"
        title = _("Was Kinder sagen") if children else _("Was die Befragten sagen")
        section = Section("voice", title)
        groups: dict[tuple[str, ...], list[Any]] = {}
        for distribution in analysis.smileys:
            if distribution.n == 0:
                continue
            groups.setdefault(tuple(distribution.question.choice_values), []).append(distribution)
        for distributions in groups.values():
            question = distributions[0].question
            categories = [self.labels.choice(question, value) for value in question.choice_values]
            rows = [
                charts.StackRow(
                    self.labels.text(d.question.label),
                    tuple(self.value(d.shares[v]) for v in d.question.choice_values),
                    f"n = {self.n(next(iter(d.shares.values())))}",
                )
                for d in distributions
            ]
            alt = (
                _("Gestapelte Balken: Verteilung der Antworten je Frage.")
                + " "
                + "; ".join(
                    f"{row.label}: "
                    + ", ".join(
                        f"{c} {self.pct(d.shares[v])}"
                        for c, v in zip(categories, d.question.choice_values, strict=True)
                    )
                    for row, d in zip(rows, distributions, strict=True)
                )
            )
            svg = charts.stacked_chart(rows, categories, alt, self.palette)
            section.items.append(self.figure(svg, _("Antworten auf die Smiley-Fragen (in %)")))
            # The same numbers as a table: a finding may quote a share too narrow to label.
            table_rows: list[list[Cell | str]] = [
                [
                    self.labels.text(d.question.label),
                    self.n(next(iter(d.shares.values()))),
                    *(
                        Cell(self.pct(d.shares[v]), hidden=d.shares[v].hidden)
                        for v in d.question.choice_values
                    ),
                ]
                for d in distributions
            ]
            section.items.append(
                self.table(
                    _("Antworten auf die Smiley-Fragen (in %)"),
                    [_("Frage"), _("n"), *categories],
                    table_rows,
                )
            )
        for priority in analysis.priorities:
            bars = [
                charts.Bar(
                    self.labels.choice(priority.question, item.choice),
                    self.value(item.points),
                    self.pct_portion(item.points),
                )
                for item in (
                    priority.items
                    if all(i.points.shown for i in priority.items)
                    else sorted(
                        priority.items,
                        key=lambda i: priority.question.choice_values.index(i.choice),
                    )
                )
            ]
            alt = (
                _("Balkendiagramm: Anteil an allen vergebenen Punkten je Wunsch.")
                + " "
                + "; ".join(f"{bar.label}: {bar.text}" for bar in bars)
            )
            svg = charts.bar_chart(bars, alt, self.palette, _("Anteil an allen Punkten in %"))
            section.items.append(
                self.figure(
                    svg,
                    _(
                        "%(question)s – Anteil an allen Punkten (n = %(n)s)",
                        question=self.labels.text(priority.question.label),
                        n=self.n(priority.items[0].voters) if priority.items else "–",
                    ),
                )
            )
        if analysis.quotes:
            # A quote's language is attached only when that language's count is shown.
            shown = {tag for tag, share in analysis.scope.languages.items() if share.shown}
            quotes = [
                {"text": quote.text, "lang": quote.language if quote.language in shown else ""}
                for quote in analysis.quotes[:8]
            ]
            section.items.append(
                {
                    "kind": "quotes",
                    "quotes": quotes,
                    "title": _(
                        "Wünsche in eigenen Worten (von der Koordination zum Zitieren freigegeben)"
                    ),
                }
            )
        return section

    def pct_portion(self, portion) -> str:
        if portion.empty:
            return "–"
        if portion.hidden:
            return charts.GAP_MARK
        return self.tr.percent(portion.proportion)

    def score_section(self) -> Section | None:
        _ = self.tr.gettext
        analysis = self.analysis
        summaries = [s for s in analysis.scores if s.cell() and s.cell().mean.n > 0]
        if not summaries:
            return None
        section = Section("scores", _("Wohlbefinden"))
        for summary in summaries:
            score = summary.score
            head = [
                _("Gruppe"),
                _("n"),
                _("Mittelwert"),
                *[self.labels.text(band.label) for band in score.bands],
            ]
            rows = []
            for dimension in analysis.dimensions:
                if (
                    dimension.id == LIFE_PHASE
                    and self.analysis.reach.dimension(LIFE_PHASE)
                    and len(dimension.groups) > 4
                ):
                    continue  # many phases: the table would not fit; the export has them
                for group in dimension.groups:
                    cell = summary.cell(dimension.id, group)
                    if cell is None or cell.mean.empty or group == NOT_STATED:
                        continue
                    label = (
                        self.labels.group(dimension.id, group)
                        if dimension.id != ALL
                        else _("alle Befragten")
                    )
                    if dimension.id == LIFE_PHASE or dimension.id == DISTRICT:
                        label = f"{self.labels.dimension(dimension.id)}: {label}"
                    elif dimension.is_equity and group == REST:
                        label = _(
                            "übrige Befragte (zu „%(group)s“)",
                            group=self.labels.equity_group(dimension.question_id or ""),
                        )
                    mean = cell.mean
                    mean_text = (
                        charts.GAP_MARK if mean.hidden else self.tr.number(mean.value or 0, 1)
                    )
                    rows.append(
                        [label, self.n(mean), Cell(mean_text, hidden=mean.hidden)]
                        + [
                            Cell(self.pct(cell.bands[band.id]), hidden=cell.bands[band.id].hidden)
                            for band in score.bands
                        ]
                    )
            section.items.append(
                self.table(
                    _(
                        "%(score)s: Mittelwert und Anteil je Bereich",
                        score=self.labels.text(score.label),
                    ),
                    head,
                    rows,
                )
            )
        return section

    # --- method box -----------------------------------------------------------------

    def method(self) -> dict[str, Any]:
        _ = self.tr.gettext
        scope = self.analysis.scope
        languages = [
            (self.labels.language(tag), self.n_of(share)) for tag, share in scope.languages.items()
        ]
        events = []
        for code, share in scope.events.items():
            if code == OTHERS:
                name = _("weitere Veranstaltungen")
            elif code == NOT_STATED:
                name = _("ohne Veranstaltung (eigenes Gerät)")
            else:
                event = scope.event_details.get(code)
                if event is not None:
                    held = format_date(event.held_on, format="medium", locale=self.tr.locale)
                    name = f"{event.name} ({held})"
                else:
                    name = code
            events.append((name, self.n_of(share)))
        return {"languages": languages, "events": events}

    def n_of(self, share: Share) -> str:
        return charts.GAP_MARK if share.hidden else self.tr.number(share.count)


def _ordered(barriers) -> list[tuple[str, Share]]:
    """Reasons by frequency — or in questionnaire order when one is hidden, so that
    the order of the bars says nothing about a hidden count."""
    if any(share.hidden for share in barriers.reasons.values()):
        return list(barriers.reasons.items())
    return barriers.ranked()
