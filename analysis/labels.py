"""Names for what the analysis counts, in the language of a brief.

Offer, district, life phase, reason and band names come from the questionnaire and
site files (translated there); the words the analysis adds ("not stated", "other
respondents") come from the gettext catalogs.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale, UnknownLocaleError

from analysis.groups import ALL, DISTRICT, LIFE_PHASE, MEMBER, NOT_STATED, OTHERS, REST
from analysis.i18n import Translator
from analysis.roles import Roles
from survey_app.questionnaire.model import Question
from survey_app.questionnaire.text import Text


@dataclass(frozen=True)
class Labels:
    """Looks up display names for one questionnaire in one language."""

    roles: Roles
    tr: Translator

    @property
    def lang(self) -> str:
        """The language of the brief."""
        return self.tr.lang

    def text(self, text: Text | None) -> str:
        """A translated text from a questionnaire or site file."""
        if text is None:
            return ""
        return text.get(self.lang, self.roles.questionnaire.default_language)

    def offer(self, offer_id: str) -> str:
        """The offer's name."""
        offer = self.roles.offer(offer_id)
        return self.text(offer.name) if offer else offer_id

    def municipality(self) -> str:
        """The municipality's name, or empty."""
        site = self.roles.questionnaire.site
        return self.text(site.municipality) if site else ""

    def title(self) -> str:
        """The questionnaire's title."""
        return self.text(self.roles.questionnaire.title)

    def district(self, district_id: str) -> str:
        """A district's name (the id when the site file does not know it)."""
        return self._site_name(district_id, "district")

    def life_phase(self, phase_id: str) -> str:
        """A life phase's name (the id when the site file does not know it)."""
        return self._site_name(phase_id, "life_phase")

    def _site_name(self, item_id: str, kind: str) -> str:
        if item_id == NOT_STATED:
            return self.tr.gettext("ohne Angabe")
        site = self.roles.questionnaire.site
        item = getattr(site, kind)(item_id) if site else None
        return self.text(item.name) if item else item_id

    def equity_question(self, question_id: str) -> Question | None:
        """The question that defines an equity group."""
        return next((q for q in self.roles.equity if q.id == question_id), None)

    def equity_group(self, question_id: str) -> str:
        """The group's label, e.g. "Alleinerziehende"."""
        question = self.equity_question(question_id)
        if question is None or question.equity_group is None:
            return question_id
        return self.text(question.equity_group.label)

    def group(self, dimension: str, group: str) -> str:
        """The name of a group within a breakdown."""
        _ = self.tr.gettext
        if dimension == ALL:
            return _("alle")
        if dimension == LIFE_PHASE:
            return self.life_phase(group)
        if dimension == DISTRICT:
            return self.district(group)
        if group == MEMBER:
            return self.equity_group(dimension.removeprefix("eq:"))
        if group == REST:
            return _("übrige Befragte")
        return _("ohne Angabe")

    def reason(self, reason: str) -> str:
        """A barrier reason's label."""
        question = self.roles.barrier
        choice = question.choice(reason) if question else None
        return self.text(choice.label) if choice else reason

    def choice(self, question: Question, value: str) -> str:
        """The label of one of a question's choices."""
        choice = question.choice(value)
        return self.text(choice.label) if choice else value

    def respondents(self) -> str:
        """Who answered, as a plural noun: families, children or young people."""
        _ = self.tr.gettext
        audience = self.roles.questionnaire.audience
        if audience == "children":
            return _("Kinder")
        if audience == "youth":
            return _("Jugendliche")
        return _("Familien")

    def language(self, tag: str) -> str:
        """A language's name in the brief's language (Leichte Sprache by name)."""
        _ = self.tr.gettext
        if tag == OTHERS:
            return _("weitere Sprachen")
        if tag == NOT_STATED:
            return _("ohne Angabe")
        if tag.endswith("-x-ls"):
            return _("Leichte Sprache")
        try:
            return Locale.parse(tag, sep="-").get_display_name(self.tr.locale) or tag
        except (UnknownLocaleError, ValueError):
            return tag

    def dimension(self, dimension: str) -> str:
        """The heading of a breakdown."""
        _ = self.tr.gettext
        if dimension == LIFE_PHASE:
            return _("Lebensphase")
        if dimension == DISTRICT:
            return _("Stadtteil")
        if dimension == ALL:
            return _("insgesamt")
        return self.equity_group(dimension.removeprefix("eq:"))
