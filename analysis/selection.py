"""A planner's selection: which stored responses a results page, brief or table covers.

One parser for the browser's query arguments and the CLI's options
(:func:`parse_selection`): ``district``, ``life_phase``, ``event``, ``since``,
``until`` (ISO days), ``language`` and any number of ``answer=question:value`` (only
responses that gave, or ticked, that choice). A bad value raises
:class:`SelectionError`, whose message is a gettext text (German msgid) for the UI
language.

Differencing: a planner can compare any two selections. :func:`refusal` therefore
shows a selection only when it has at least k responses *and* differs from every
selection with one restriction fewer by none or by at least k responses — otherwise
the two pages' difference would be a group smaller than k. A refused selection shows
nothing but its size class ("fewer than k", or "differs by fewer than k").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from analysis.filters import Filters, condition_mask, filter_questions
from analysis.i18n import Translator
from analysis.loading import ResponseData
from survey_app.questionnaire.model import Questionnaire

#: The query argument (and CLI option) names, in the order a form shows them.
FIELDS = ("district", "life_phase", "event", "language", "since", "until", "answer")
#: Why a selection is not shown.
TOO_SMALL, SMALL_DIFFERENCE = "too_small", "small_difference"
_EVENT_CODE = re.compile(r"[A-Z0-9-]{1,20}")


def _(message: str) -> str:
    """Mark a message for extraction; it is translated when shown."""
    return message


@dataclass
class SelectionError(ValueError):
    """A selection cannot be made as asked; :meth:`message` says why."""

    msgid: str
    values: dict[str, Any] = field(default_factory=dict)

    def message(self, tr: Translator) -> str:
        """The reason in ``tr``'s language."""
        return tr.gettext(self.msgid, **self.values)

    def __str__(self) -> str:
        return self.msgid % self.values if self.values else self.msgid


def parse_selection(
    questionnaire: Questionnaire,
    args: Mapping[str, Any],
    prefix: str = "",
) -> Filters:
    """The :class:`Filters` named by ``args`` (query arguments or CLI options).

    A value may be a string or a list of strings (a repeated query argument); empty
    values mean "no restriction". ``prefix`` reads a second selection from the same
    arguments (``b_district``, ...).
    """

    def values(name: str) -> list[str]:
        raw = args.get(prefix + name)
        items = [raw] if isinstance(raw, str) or raw is None else list(raw)
        return [str(item).strip() for item in items if item is not None and str(item).strip()]

    def single(name: str) -> str | None:
        found = values(name)
        if len(found) > 1:
            raise SelectionError(
                _("„%(field)s“ darf nur einmal angegeben werden."), {"field": name}
            )
        return found[0] if found else None

    site = questionnaire.site
    district = _known(
        single("district"), [d.id for d in site.districts] if site else [], "district"
    )
    life_phase = _known(
        single("life_phase"), [p.id for p in site.life_phases] if site else [], "life_phase"
    )
    language = _known(single("language"), list(questionnaire.languages), "language")
    event = single("event")
    if event is not None:
        event = event.upper()
        if not _EVENT_CODE.fullmatch(event):
            raise SelectionError(
                _("Unbekannter Wert für „%(field)s“: %(value)s (möglich: %(known)s)"),
                {"field": "event", "value": event, "known": "A-Z, 0-9, -"},
            )
    since, until = _day(single("since"), "since"), _day(single("until"), "until")
    if since is not None and until is not None and since > until:
        raise SelectionError(_("Der Zeitraum beginnt nach seinem Ende."))
    answers = tuple(dict.fromkeys(_answer(questionnaire, text) for text in values("answer")))
    return Filters(
        district=district,
        life_phase=life_phase,
        event=event,
        since=since,
        until=until,
        language=language,
        answers=answers,
    )


def _known(value: str | None, known: Sequence[str], name: str) -> str | None:
    if value is None or value in known:
        return value
    raise SelectionError(
        _("Unbekannter Wert für „%(field)s“: %(value)s (möglich: %(known)s)"),
        {"field": name, "value": value, "known": ", ".join(known) or "–"},
    )


def _day(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise SelectionError(
            _("Kein Datum für „%(field)s“: %(value)s (erwartet: JJJJ-MM-TT)"),
            {"field": name, "value": value},
        ) from None


def _answer(questionnaire: Questionnaire, text: str) -> tuple[str, str]:
    question_id, separator, value = text.partition(":")
    if not separator:
        question_id, separator, value = text.partition("=")
    questions = filter_questions(questionnaire)
    question = next((q for q in questions if q.id == question_id), None)
    if question is None or value not in question.choice_values:
        known = (
            [f"{question.id}={v}" for v in question.choice_values]
            if question is not None
            else [f"{q.id}=…" for q in questions]
        )
        raise SelectionError(
            _("Unbekannter Wert für „%(field)s“: %(value)s (möglich: %(known)s)"),
            {"field": "answer", "value": text, "known": ", ".join(known) or "–"},
        )
    return question_id, value


def selection_args(filters: Filters, prefix: str = "") -> list[tuple[str, str]]:
    """``filters`` back as query arguments (for links that keep the selection)."""
    pairs = [
        (prefix + name, value.isoformat() if isinstance(value, date) else str(value))
        for name, value in filters.conditions()
        if name != "answers"
    ]
    return pairs + [(prefix + "answer", f"{q}:{v}") for q, v in filters.answers]


def refusal(full: ResponseData, filters: Filters, min_group_size: int) -> str | None:
    """Why the selection ``filters`` of ``full`` may not be shown (None: it may).

    :data:`TOO_SMALL`: fewer than ``min_group_size`` responses (none included).
    :data:`SMALL_DIFFERENCE`: dropping one restriction adds between 1 and k-1
    responses, so comparing the two selections would show that small group.
    """
    frame = full.frame
    masks = [condition_mask(frame, name, value) for name, value in filters.conditions()]
    everything = np.ones(len(frame), dtype=bool)
    selected = np.logical_and.reduce([everything, *masks])
    if int(selected.sum()) < min_group_size:
        return TOO_SMALL
    for i in range(len(masks)):
        others = np.logical_and.reduce([everything, *masks[:i], *masks[i + 1 :]])
        added = int(others.sum()) - int(selected.sum())
        if 0 < added < min_group_size:
            return SMALL_DIFFERENCE
    return None


def choice_options(questionnaire: Questionnaire, tr: Translator) -> list[dict[str, Any]]:
    """The answer filters a form offers: per question its label and (value, label) pairs."""
    lang, default = tr.lang, questionnaire.default_language
    return [
        {
            "label": question.label.get(lang, default),
            "options": [
                (f"{question.id}:{choice.value}", choice.label.get(lang, default))
                for choice in question.choices
            ],
        }
        for question in filter_questions(questionnaire)
    ]


def merged(filters: Filters, extra: Iterable[tuple[str, Any]]) -> Filters:
    """``filters`` with more restrictions (for a comparison group)."""
    values = dict(vars(filters))
    for name, value in extra:
        if name == "answers":
            values["answers"] = tuple(dict.fromkeys((*values["answers"], value)))
        else:
            values[name] = value
    return Filters(**values)
