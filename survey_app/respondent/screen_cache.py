"""A question page rendered once per screen structure, then filled in per respondent.

Most of a question page is the same for every respondent on the same screen: the
frame (header, flow links, kiosk footer and dialog), the progress line, the questions'
markup with their texts in the page language.  Rendering that through Jinja was more
than half of a question page's CPU time.  Here it is rendered once as a *skeleton*:
the page with *holes* where the respondent's own values go — each field's value, each
choice's ``checked`` and the CSRF token — and kept.  A request then only joins the
skeleton's pieces with its own values, escaped exactly as the template escapes them.

Skeletons are kept per app (``app.extensions["ankommen_skeletons"]``), and there per
questionnaire object, page language (which decides the UI catalog), script root, mode
(web, own device, kiosk with its event and timings), child mode, screen, progress,
and the screen's structure (questions, fields, visible choices): everything the
page's markup depends on besides the holes.  A page shown from its skeleton builds
no form at all: the holes are filled from the plan's saved answers
(:meth:`~survey_app.respondent.form_plan.FormPlan.saved_fields`).  Pages with
messages (422) and previews are rendered as before;
``tests/respondent/test_screen_cache.py`` checks that a filled skeleton equals a
fresh render, byte for byte.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Mapping
from typing import Any

from flask import current_app, request, session
from markupsafe import Markup, escape

from survey_app.questionnaire.model import Questionnaire
from survey_app.respondent import bp
from survey_app.respondent.flow import ENTRY_KEY, kiosk_settings
from survey_app.respondent.form_plan import FormPlan
from survey_app.respondent.forms import Part, QuestionView, ScreenFormView
from survey_app.respondent.links import draft_csrf_token
from survey_app.respondent.rendering import checked_attribute
from survey_app.storage.draft_store import Draft

#: A hole in a skeleton: NUL, this process's random mark, its number, NUL (all pass HTML
#: escaping unchanged).  A page whose texts contain NUL is not kept (rendered afresh).
_MARK = secrets.token_hex(8)
_HOLE = re.compile(f"\x00{_MARK}([0-9]+)\x00")
#: Skeletons kept per process (each is a page, some 10-40 KB).
MAX_SKELETONS = 512

bp.add_app_template_global(checked_attribute, "checked")

#: A hole's filler: (the fields' saved answers, the CSRF token getter) -> its text.
Filler = Callable[[Mapping[str, Any], Callable[[], str]], str]


class _Holes:
    """The holes made while a skeleton is rendered, in the order they were made."""

    def __init__(self) -> None:
        self.fillers: list[Filler] = []

    def add(self, filler: Filler) -> Markup:
        self.fillers.append(filler)
        return Markup(f"\x00{_MARK}{len(self.fillers) - 1}\x00")

    def csrf_token(self) -> Markup:
        """Stands for ``csrf_token()`` in the template."""
        return self.add(lambda _fields, token: str(escape(token())))


class _HoleField:
    """Stands for a bound field while a skeleton is rendered: the real id and name; its
    value and its choices' ``checked`` are holes (the page has no messages)."""

    errors: tuple[str, ...] = ()

    def __init__(self, field: Any, holes: _Holes) -> None:
        self.id = field.id
        self.name = field.name
        self._holes = holes

    def _value(self) -> Markup:
        name = self.name
        return self._holes.add(lambda fields, _token: str(escape(fields[name]._value())))

    def checked_hole(self, value: str) -> Markup:
        """The hole for `` checked`` on the choice ``value`` (see ``checked_attribute``)."""
        name = self.name
        return self._holes.add(
            lambda fields, _token: " checked" if fields[name].is_checked(value) else ""
        )


class Skeleton:
    """A rendered page split at its holes: ``pieces[0] hole[0] pieces[1] … pieces[n]``."""

    def __init__(self, questionnaire: Questionnaire, html: str, holes: _Holes) -> None:
        self.questionnaire = questionnaire  # kept alive, so its id() is not reused
        parts = _HOLE.split(html)
        self.pieces = parts[0::2]
        self.fillers = [holes.fillers[int(number)] for number in parts[1::2]]
        #: False when the page has a NUL of its own, or a hole was changed on the way.
        self.usable = not any("\x00" in piece for piece in self.pieces)

    def fill(self, fields: Mapping[str, Any], token: Callable[[], str]) -> str:
        """The page with the respondent's values in its holes."""
        pieces = self.pieces
        out = [pieces[0]]
        for index, filler in enumerate(self.fillers, 1):
            out.append(filler(fields, token))
            out.append(pieces[index])
        return "".join(out)


def _skeleton_view(view: ScreenFormView, holes: _Holes) -> ScreenFormView:
    questions = [
        QuestionView(
            question.question,
            parts=[
                Part(_HoleField(part.field, holes), part.label, part.image, part.image_alt)  # type: ignore[arg-type]
                for part in question.parts
            ],
            options=question.options,
        )
        for question in view.questions
    ]
    return ScreenFormView(view.form, questions)


def _key(
    questionnaire: Questionnaire, draft: Draft, plan: FormPlan, context: Mapping[str, Any]
) -> tuple[Any, ...]:
    progress = context["progress"]
    kiosk = draft.mode == "kiosk"
    timing = kiosk_settings() if kiosk else None
    entry = session.get(ENTRY_KEY) if kiosk and not draft.event_code else None
    return (
        id(questionnaire),
        draft.language,
        request.script_root,
        draft.mode,
        draft.child_mode,
        draft.submitted,
        (draft.event_code, entry.get("event") if isinstance(entry, dict) else entry)
        if kiosk
        else None,
        (timing["idle"], timing["warning"]) if timing else None,
        context["screen"].number,
        (progress.number, progress.total, progress.percent),
        plan.structure(),
    )


def render_screen(
    render: Callable[..., Any],
    questionnaire: Questionnaire,
    draft: Draft,
    plan: FormPlan,
    bind: Callable[[], ScreenFormView],
    context: dict[str, Any],
) -> Any:
    """The question page of ``plan`` with the saved answers, from its kept skeleton.

    ``render(**context)`` renders ``respondent/page.html`` for this questionnaire and
    draft (it must let a given ``csrf_token`` stand); ``bind()`` builds the plan's form,
    which only a page rendered through Jinja needs; ``context`` holds the screen and
    its progress.  Previews are rendered afresh, every time.
    """
    if draft.preview:
        return render(view=bind(), errors=[], **context)
    skeletons = _skeletons()
    key = _key(questionnaire, draft, plan, context)
    skeleton = skeletons.get(key)
    if skeleton is None or skeleton.questionnaire is not questionnaire:
        holes = _Holes()
        html = render(
            view=_skeleton_view(bind(), holes), errors=[], csrf_token=holes.csrf_token, **context
        )
        skeleton = Skeleton(questionnaire, html, holes)
        if len(skeletons) >= MAX_SKELETONS:
            skeletons.clear()
        skeletons[key] = skeleton
    if not skeleton.usable:
        return render(view=bind(), errors=[], **context)
    return skeleton.fill(plan.saved_fields(), lambda: draft_csrf_token(draft))


def _skeletons() -> dict[tuple[Any, ...], Skeleton]:
    """This app's skeletons (the app's config and catalogs are part of every page)."""
    return current_app.extensions.setdefault("ankommen_skeletons", {})  # type: ignore[no-any-return]
