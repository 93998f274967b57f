"""The PDF brief: report → HTML (Jinja) → tagged PDF (WeasyPrint, PDF/UA).

:func:`build_brief_pdf` is what every caller uses (``ankommen brief``, ``ankommen
demo-data --brief``, ``ankommen demo setup`` and the planner area): a protected
:class:`~analysis.results.Analysis` in, PDF bytes out. :func:`brief_html` renders a
:class:`~analysis.report.Report` as HTML (for a preview, and for tests that need no
PDF engine). The brief shows only protected numbers (see :mod:`analysis.suppression`)
and approved quotes; it never contains a raw response.
"""

from __future__ import annotations

import base64
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel.dates import format_date
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from analysis import charts
from analysis.brief_groups import GroupSections
from analysis.brief_parts import Section
from analysis.brief_reach import ReachSections
from analysis.brief_summaries import ANCHOR as SUMMARY_ANCHOR
from analysis.brief_summaries import summary_section
from analysis.brief_voice import VoiceSections
from analysis.groups import NOT_STATED, OTHERS
from analysis.i18n import BRIEF_LANGUAGES, translator
from analysis.pdf_engine import FONT_STACK, write_pdf
from analysis.report import Report, build_report

if TYPE_CHECKING:
    from analysis.results import Analysis
from survey_app.questionnaire.languages import primary_language
from survey_app.ui_languages import choose

TEMPLATES = Path(__file__).resolve().parent / "templates"


def build_brief_pdf(
    analysis: Analysis, lang: str = "de", translations_dir: str | Path | None = None
) -> bytes:
    """The tagged, accessible A4 PDF brief (PDF/UA-1, bundled fonts) of ``analysis``.

    Briefs are written in German or English: a German variant (``de-x-ls``) gives
    German, any other UI language English (:func:`brief_language`).
    """
    report = build_report(analysis, translator(brief_language(lang), translations_dir))
    return write_pdf(brief_html(report), pdf_variant="pdf/ua-1", pdf_tags=True)


def brief_language(lang: str) -> str:
    """The brief language for a UI language: German for German variants, else English."""
    return choose(lang, None, BRIEF_LANGUAGES, "de" if primary_language(lang) == "de" else "en")


def brief_html(report: Report) -> str:
    """The brief as one self-contained HTML document."""
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
    )
    environment.install_gettext_translations(report.tr.catalog, newstyle=True)  # type: ignore[attr-defined]
    css = (TEMPLATES / "brief.css").read_text(encoding="utf-8").replace("$FONTS", FONT_STACK)
    context = _Document(report).context()
    return environment.get_template("brief.html").render(view=context, css=Markup(css))


class _Document(ReachSections, GroupSections, VoiceSections):
    """The whole brief: title page, sections in their order, method box."""

    def context(self) -> dict[str, Any]:
        """Everything the template shows."""
        _ = self.tr.gettext
        analysis = self.analysis
        sections = [] if analysis.too_small else self.sections()
        anchors = {section.anchor: section for section in sections}
        key = []
        for section in sections:
            section.findings = self.report.section_findings(section.anchor)
        for finding in self.report.key_findings:
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
        """The municipality's logo from the site folder, embedded (None if absent or outside)."""
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

    def sections(self) -> list[Section]:
        """The role-based sections with something to show, else the per-question section."""
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

    def method(self) -> dict[str, Any]:
        """The method box's counts per language and event."""
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
