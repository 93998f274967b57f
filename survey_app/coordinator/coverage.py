"""Translation coverage: for each language of a questionnaire, which texts are there.

Every text a respondent can see is listed once under a readable key such as
``page kind / question child_age / label``.  A shared choice list counts once (under
``choices NAME``), not once per question using it; the site file's lists
(``offers``, ``districts``, ``life_phases``) count once each when a question uses them.
No Flask here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from survey_app.questionnaire.model import SITE_LISTS, Choice, Question, Questionnaire
from survey_app.questionnaire.text import Text


@dataclass(frozen=True)
class LanguageCoverage:
    """How many of a questionnaire's texts are given in one language, and which are not."""

    language: str
    total: int
    missing: list[str]

    @property
    def translated(self) -> int:
        """How many texts are given in this language."""
        return self.total - len(self.missing)

    @property
    def complete(self) -> bool:
        """True when nothing is missing."""
        return not self.missing


def _choice_texts(prefix: str, choices: list[Choice]) -> Iterator[tuple[str, Text]]:
    for choice in choices:
        yield f"{prefix} / {choice.value} / label", choice.label
        if choice.image_alt is not None:
            yield f"{prefix} / {choice.value} / image_alt", choice.image_alt


def _question_texts(prefix: str, question: Question) -> Iterator[tuple[str, Text | None]]:
    yield f"{prefix} / label", question.label
    yield f"{prefix} / hint", question.hint
    yield f"{prefix} / required_message", question.required_message
    yield f"{prefix} / constraint_message", question.constraint_message
    yield f"{prefix} / low_label", question.low_label
    yield f"{prefix} / high_label", question.high_label
    if question.equity_group is not None:
        yield f"{prefix} / equity_group / label", question.equity_group.label
    if question.choice_list is None:
        yield from _choice_texts(f"{prefix} / choice", question.choices)
    if question.type == "matrix" and question.row_list is None:
        yield from _choice_texts(f"{prefix} / row", question.rows)


def _site_list_texts(questionnaire: Questionnaire) -> Iterator[tuple[str, Text]]:
    used: dict[str, list[Choice]] = {}
    for question in questionnaire.questions():
        if question.choice_list in SITE_LISTS:
            used.setdefault(question.choice_list, question.choices)
        if question.row_list in SITE_LISTS:
            used.setdefault(question.row_list, question.rows)
    for name, choices in used.items():
        yield from _choice_texts(f"site {name}", choices)


def questionnaire_texts(questionnaire: Questionnaire) -> list[tuple[str, Text]]:
    """Every translatable text of the questionnaire with its key, in file order."""
    texts: list[tuple[str, Text | None]] = [
        ("title", questionnaire.title),
        ("description", questionnaire.description),
        ("consent", questionnaire.consent),
    ]
    for name, choices in questionnaire.choice_lists.items():
        texts.extend(_choice_texts(f"choices {name}", choices))
    for page in questionnaire.pages:
        texts.append((f"page {page.id} / title", page.title))
        for question in page.questions:
            texts.extend(_question_texts(f"page {page.id} / question {question.id}", question))
    texts.extend(_site_list_texts(questionnaire))
    for score in questionnaire.scores:
        texts.append((f"score {score.id} / label", score.label))
        texts.extend(
            (f"score {score.id} / band {band.id} / label", band.label) for band in score.bands
        )
    return [(key, text) for key, text in texts if text is not None and text.values]


def translation_coverage(questionnaire: Questionnaire) -> list[LanguageCoverage]:
    """One :class:`LanguageCoverage` per declared language, in the declared order."""
    texts = questionnaire_texts(questionnaire)
    return [
        LanguageCoverage(
            language=language,
            total=len(texts),
            missing=[key for key, text in texts if not text.has(language)],
        )
        for language in questionnaire.languages
    ]
