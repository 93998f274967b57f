"""Questionnaire texts in the page language, marked with ``lang`` where they are not.

A text missing in the chosen language falls back (Leichte Sprache → German → the
questionnaire's default language); a screen reader must then switch voice, so the
fallback is wrapped in an element with its own ``lang`` (and ``dir``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from babel.support import NullTranslations
from markupsafe import Markup, escape

from survey_app.i18n import text_direction
from survey_app.questionnaire.text import Text


class Localizer:
    """Renders questionnaire :class:`Text` for one page language.

    In templates: ``tx(text)`` (inline, escaped), ``tx.lines(text)`` (one ``<p>`` per
    line), ``tx.plain(text)`` (for attributes) and ``tx.attrs(text)`` (the ``lang``/``dir``
    attributes for an element holding the text, e.g. an ``<img>``'s ``alt``).
    """

    def __init__(self, lang: str, default_language: str) -> None:
        self.lang = lang
        self.default_language = default_language

    def tag_of(self, text: Text | None) -> str:
        """The language the text is actually shown in ('' when it has none)."""
        if text is None:
            return self.lang
        return text.resolve(self.lang, self.default_language)[1]

    def plain(self, text: Text | None) -> str:
        """The text as a plain string ('' for None)."""
        return text.get(self.lang, self.default_language) if text is not None else ""

    def attrs(self, text: Text | None) -> Markup:
        """`` lang=".." dir=".."`` when the text is in another language, else nothing."""
        tag = self.tag_of(text)
        if not tag or tag == self.lang:
            return Markup("")
        return Markup(f' lang="{escape(tag)}" dir="{text_direction(tag)}"')

    def __call__(self, text: Text | None) -> Markup:
        value = escape(self.plain(text))
        attrs = self.attrs(text)
        return Markup(f"<span{attrs}>{value}</span>") if attrs else value

    def lines(self, text: Text | None) -> Markup:
        """One paragraph per non-empty line (consent texts are written that way)."""
        attrs = self.attrs(text)
        paragraphs = [line.strip() for line in self.plain(text).splitlines() if line.strip()]
        return Markup("").join(Markup("<p{}>{}</p>").format(attrs, line) for line in paragraphs)


def template_gettext(translations: NullTranslations) -> Callable[..., Markup]:
    """The templates' ``_()`` bound to one catalog, for one render.

    Does what Jinja's new-style ``gettext`` around Flask-Babel's does (look the message
    up, mark it safe, always ``%``-format it with the escaped variables) without finding
    the request's catalog again for each of a page's dozen messages.
    """
    lookup = translations.ugettext

    def gettext(message: str, **variables: Any) -> Markup:
        return Markup(lookup(message)) % variables

    return gettext


def checked_attribute(field: Any, value: str) -> str:
    """`` checked`` when ``value`` is (among) the field's answer, else ''.

    A field standing in for the respondent's while a page skeleton is rendered
    (``screen_cache``) has ``checked_hole`` and answers with a hole instead.
    """
    hole = getattr(field, "checked_hole", None)
    if hole is not None:
        return hole(value)  # type: ignore[no-any-return]
    return " checked" if field.is_checked(value) else ""


class OptionLike(Protocol):
    """What :func:`choice_inputs` needs of an option."""

    value: str
    label: Text
    image: Text | str | None
    image_alt: Text | None


def pictogram_img(
    tx: Localizer,
    url_for_image: Callable[[str], str],
    image: Text | str | None,
    alt: Text | None,
) -> Markup:
    """An ``<img>`` of a pictogram with its alt text in the page language (or nothing);
    pictures by language show the page language's (else the default language's)."""
    if isinstance(image, Text):
        image = tx.plain(image)
    if not image:
        return Markup("")
    return Markup(
        f'<img class="pictogram" src="{escape(url_for_image(image))}" alt="{escape(tx.plain(alt))}"'
        f'{tx.attrs(alt)} width="64" height="64">'
    )


def choice_inputs(
    tx: Localizer,
    url_for_image: Callable[[str], str],
    options: Sequence[OptionLike],
    field: Any,
    input_type: str,
    invalid: bool,
    compact: bool = False,
) -> Markup:
    """Radio buttons or checkboxes, each inside its own (44 px) label.

    ``compact`` (matrix rows, which repeat the same scale many times) leaves out the
    classes: the rows' container styles them, and read-aloud reads the row names.

    Written in Python rather than as a template loop: matrix questions repeat it for
    every row, and it is the hottest part of a page.  Only the first input has an id
    (the target of the error summary's link).  Every value is escaped here.
    """
    parts = []
    name = escape(field.name)
    kind = escape(input_type)
    invalid_attribute = ' aria-invalid="true"' if invalid else ""
    for index, option in enumerate(options):
        first = f' id="{escape(field.id)}"' if index == 0 else ""
        checked = checked_attribute(field, option.value)
        tile = " tile" if option.image else ""
        picture = pictogram_img(tx, url_for_image, option.image, option.image_alt)
        control = (
            f'<input type="{kind}" name="{name}" value="{escape(option.value)}"'
            f"{first}{checked}{invalid_attribute}>{picture}"
        )
        if compact:
            parts.append(f"<label>{control}<span>{tx(option.label)}</span></label>")
        else:
            parts.append(
                f'<label class="choice{tile}">{control}<span class="speak">{tx(option.label)}</span></label>'
            )
    return Markup("".join(parts))
