"""Building the scores of a questionnaire (sums or means of items, with bands)."""

from __future__ import annotations

from survey_app.questionnaire.locations import Locations
from survey_app.questionnaire.messages import Term, term
from survey_app.questionnaire.model import Band, Page, Question, Score
from survey_app.questionnaire.nodes import Node
from survey_app.questionnaire.reader import VALUE, Reader

SCORE_KEYS = ("id", "label", "items", "method", "reverse", "factor", "bands")
BAND_KEYS = ("id", "label", "below")
SCORE_METHODS = ("sum", "mean")


def build_scores(
    reader: Reader, node: Node | None, pages: list[Page], locations: Locations
) -> list[Score]:
    """The ``scores`` list (each id once); where each is written goes to ``locations``."""
    questions = {question.id: question for page in pages for question in page.questions}
    built = [
        (_score(reader, element, questions, locations), element)
        for element in reader.sequence(node, "scores")
    ]
    return reader.unique(built, "duplicate_score")


def _score(
    reader: Reader, node: Node, questions: dict[str, Question], locations: Locations
) -> Score | None:
    report = reader.report
    entry = reader.record(node, term("a_score"), SCORE_KEYS, ("id", "label", "items"))
    if entry is None:
        return None
    score_id = reader.identifier(entry.get("id"), "id")

    def of(key: str) -> Term:
        return term("key_of_score", key=key, id=score_id)

    label = reader.text(entry.get("label"), of("label"))
    items = reader.strings(entry.get("items"), of("items"))
    if entry.get("items") is not None and not items:
        report.error(entry.where_of("items"), "score_no_items", id=score_id)
    method = (
        reader.choice_of(entry.get("method"), "method", SCORE_METHODS)
        if "method" in entry.entries
        else "sum"
    )
    reverse = reader.strings(entry.get("reverse"), of("reverse"))
    for item in reverse:
        if item not in items:
            report.error(entry.where_of("reverse"), "reverse_not_in_items", id=score_id, item=item)
    factor = reader.number(entry.get("factor"), "factor") if "factor" in entry.entries else 1
    bands = _bands(reader, entry.get("bands"), score_id)
    if score_id is None or label is None or method is None or factor is None:
        return None
    locations.scores[score_id] = entry
    ranges = {
        item: question.numeric_range()
        for item in items
        if (question := questions.get(item)) is not None and question.numeric_range() is not None
    }
    return Score(score_id, label, items, method, reverse, factor, bands, ranges, entry.where.line)


def _bands(reader: Reader, node: Node | None, score_id: str | None) -> list[Band]:
    report = reader.report
    bands: list[Band] = []
    elements = reader.sequence(node, term("key_of_score", key="bands", id=score_id))
    for index, element in enumerate(elements):
        entry = reader.mapping(element, term("a_band"))
        if entry is None:
            continue
        reader.keys(entry, BAND_KEYS, ("id", "label"), term("band_of_score", id=score_id))
        band_id = reader.identifier(entry.get("id"), "id", VALUE)
        label = reader.text(entry.get("label"), term("key_of_band", key="label", id=band_id))
        below = reader.number(entry.get("below"), "below") if "below" in entry.entries else None
        last = index == len(elements) - 1
        if below is None and not last and "below" not in entry.entries:
            report.error(entry.where, "band_needs_below", id=band_id)
        if below is not None and bands and bands[-1].below is not None and below <= bands[-1].below:
            report.error(
                entry.where_of("below"),
                "band_below_order",
                id=band_id,
                below=below,
                previous=bands[-1].below,
            )
        if band_id in (band.id for band in bands):
            report.error(entry.where_of("id"), "duplicate_band", id=band_id, score=score_id)
            continue
        if band_id is not None and label is not None:
            bands.append(Band(band_id, label, below))
    return bands
