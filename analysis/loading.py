"""Responses into one tidy DataFrame: a row per response, a column per analysed fact.

The frame is built from the questionnaire's roles, not from question ids:

==========================  ====================================================
column                      meaning
==========================  ====================================================
``response_id``             the stored response id
``language``                language the questionnaire was answered in
``event_code``              the event, or missing for answers without one
``submitted_on``            the day (never a time)
``life_phase``              site life phase id (from ``life_phase`` or ``child_age``)
``district``                district id (the ``district`` answer; without that
                            question, the district stored with the response)
``eq:<question>``           ``member``/``rest`` of an equity group; missing if
                            the question was not answered
``answered:awareness``      whether the awareness question was answered
``answered:use``            whether the use question was answered
``known:<offer>``           knows the offer (named it as known *or* as used)
``used:<offer>``            has used the offer
``benefit:<offer>``         the benefit answer (e.g. ``ja``/``teils``/``nein``)
``barrier:<offer>``         the reason given for not using the offer
``reason:<value>``          (barrier as a plain list of reasons) reason chosen
``answered:barrier``        (same) whether that list was answered
``score:<score>``           the score's value, missing unless all items answered
``smiley:<question>``       the face chosen
``vote:<question>:<value>`` dot-vote points; missing if the question was skipped
``q:<question>…``           every stored question's summary columns (see
                            :mod:`analysis.answer_columns`)
``choice:<question>``       (single choice) the answer, for selections
``choice:<question>:<v>``   (multiple choice) whether ``v`` was ticked, for selections
==========================  ====================================================

Responses are read in batches and each batch is reduced to these compact columns at
once, so a million responses fit in memory. Within a batch the work is vectorised
(explode, categoricals); the only per-response Python is decoding the JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis.filters import Filters, condition_mask
from analysis.frame_builder import META_COLUMNS, FrameBuilder
from analysis.roles import Roles, roles_of
from survey_app.questionnaire.model import Question, Questionnaire
from survey_app.storage import Engine
from survey_app.storage.submissions import response_batches
from survey_app.versions import answer_mapping

BATCH_SIZE = 20_000


@dataclass(frozen=True)
class ResponseData:
    """The responses to one questionnaire as a frame, with the roles to read it by."""

    roles: Roles
    frame: pd.DataFrame
    filters: Filters = Filters()

    @property
    def questionnaire(self) -> Questionnaire:
        """The questionnaire the responses answer."""
        return self.roles.questionnaire

    def __len__(self) -> int:
        return len(self.frame)

    def filtered(self, filters: Filters) -> ResponseData:
        """Only the responses that match ``filters``."""
        frame = self.frame
        mask = np.ones(len(frame), dtype=bool)
        for name, value in filters.conditions():
            mask &= condition_mask(frame, name, value)
        return replace(self, frame=frame.loc[mask].reset_index(drop=True), filters=filters)


# --- reading ---------------------------------------------------------------------


def load_responses(
    engine: Engine,
    questionnaire: Questionnaire,
    filters: Filters | None = None,
    batch_size: int = BATCH_SIZE,
) -> ResponseData:
    """Read all stored responses to ``questionnaire`` from the database.

    Event, period and language filters are applied in SQL; district, life phase and
    answer filters after decoding (they may come from the answers).  Answers of earlier
    versions are read through the published versions' decisions
    (:func:`survey_app.versions.answer_mapping`).
    """
    filters = filters or Filters()
    frames = []
    with engine.connect() as conn:
        mapping = answer_mapping(conn, questionnaire)  # every version under today's names
        builder = FrameBuilder(roles_of(mapping.questionnaire))
        for rows in response_batches(
            conn,
            questionnaire.id,
            event_code=filters.event,
            since=filters.since,
            until=filters.until,
            language=filters.language,
            batch_size=batch_size,
        ):
            ids, languages, events, districts, days, texts, hashes = zip(*rows, strict=True)
            meta = {
                "response_id": ids,
                "language": languages,
                "event_code": events,
                "district": districts,
                "submitted_on": days,
            }
            answers = [
                mapping.apply(_decode(text), content_hash)
                for text, content_hash in zip(texts, hashes, strict=True)
            ]
            frames.append(builder.build(meta, answers))
    data = ResponseData(builder.roles, builder.concat(frames))
    return data.filtered(filters) if filters.active else data


_DECODER = json.JSONDecoder()


def _decode(text: str) -> Any:
    """One stored answers text (``raw_decode`` skips ``json.loads``' whitespace checks)."""
    try:
        value, end = _DECODER.raw_decode(text)
    except json.JSONDecodeError:
        return json.loads(text)  # e.g. leading whitespace; raises if really broken
    return value if end == len(text) else json.loads(text)


def responses_from_records(
    records: Iterable[Mapping[str, Any]],
    questionnaire: Questionnaire,
    batch_size: int = BATCH_SIZE,
) -> ResponseData:
    """Build the frame from plain records, e.g. an export file or a test's data.

    A record holds ``answers`` (a mapping) and optionally ``id``, ``language``,
    ``event_code``, ``district`` and ``submitted_on``. A record without ``answers``
    is taken as flat: every key that is not one of those is an answer.
    """
    builder = FrameBuilder(roles_of(questionnaire))
    frames = [builder.build(*_split(batch)) for batch in _batches(records, batch_size)]
    return ResponseData(builder.roles, builder.concat(frames))


def load_export(path: str | Path, questionnaire: Questionnaire) -> ResponseData:
    """Read responses from an export file.

    ``.csv``/``.xlsx``: the raw export of ``ankommen export`` (one column per
    question, ``question__choice`` columns for multiple choice, matrix and dot vote).
    ``.json``: a list of records (or ``{"responses": [...]}``); other suffixes: JSON
    Lines. A JSON record holds ``answers`` or is flat (see :func:`responses_from_records`).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".csv", ".xlsx"):
        if suffix == ".csv":
            table = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
        else:
            table = pd.read_excel(path, sheet_name="responses", dtype=str)
        return responses_from_records(_records_from_table(table, questionnaire), questionnaire)
    with path.open(encoding="utf-8") as handle:
        if suffix == ".json":
            payload = json.load(handle)
            records = payload.get("responses", []) if isinstance(payload, dict) else payload
        else:
            records = [json.loads(line) for line in handle if line.strip()]
    return responses_from_records(records, questionnaire)


#: How the raw export names the stored metadata (newer names first).
_EXPORT_META = {
    "id": ("response_id",),
    "language": ("response_language", "language"),
    "event_code": ("event", "event_code"),
    "district": ("event_district", "district"),
    "submitted_on": ("submitted_on",),
}
_SEPARATOR = "__"


def _records_from_table(
    table: pd.DataFrame, questionnaire: Questionnaire
) -> Iterator[dict[str, Any]]:
    """Answers back from the raw export's columns (all read as text)."""
    table = table.astype(object).where(table.notna(), None)
    questions = [q for q in questionnaire.questions() if q.is_stored]
    for row in table.to_dict(orient="records"):
        record = {
            key: next((row[c] for c in columns if row.get(c) is not None), None)
            for key, columns in _EXPORT_META.items()
        }
        answers: dict[str, Any] = {}
        for question in questions:
            value = _answer_from_cells(question, row)
            if value is not None:
                answers[question.id] = value
        record["answers"] = answers
        yield record


def _answer_from_cells(question: Question, row: Mapping[str, Any]) -> Any:
    if question.type in ("multiple_choice", "dot_vote", "matrix"):
        options = question.rows if question.type == "matrix" else question.choices
        cells = {o.value: row.get(f"{question.id}{_SEPARATOR}{o.value}") for o in options}
        if all(cell is None for cell in cells.values()):
            return None
        if question.type == "multiple_choice":
            return [value for value, cell in cells.items() if cell is not None and float(cell) == 1]
        if question.type == "dot_vote":
            points = {value: int(float(cell)) for value, cell in cells.items() if cell is not None}
            return {value: amount for value, amount in points.items() if amount > 0}
        return {value: str(cell) for value, cell in cells.items() if cell is not None}
    cell = row.get(question.id)
    if cell is None:
        return None
    if question.type in ("integer", "rating"):
        return int(float(cell))
    if question.type == "decimal":
        return float(cell)
    return str(cell)


def _batches(records: Iterable[Mapping[str, Any]], size: int) -> Iterator[list[Mapping[str, Any]]]:
    batch: list[Mapping[str, Any]] = []
    for record in records:
        batch.append(record)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _split(
    batch: Sequence[Mapping[str, Any]],
) -> tuple[dict[str, Sequence[Any]], list[dict[str, Any]]]:
    meta: dict[str, list[Any]] = {name: [] for name in META_COLUMNS}
    answers = []
    for number, record in enumerate(batch):
        meta["response_id"].append(str(record.get("id", record.get("response_id", number))))
        meta["language"].append(record.get("language"))
        meta["event_code"].append(record.get("event_code"))
        meta["district"].append(record.get("district"))
        meta["submitted_on"].append(record.get("submitted_on"))
        if isinstance(record.get("answers"), Mapping):
            answers.append(dict(record["answers"]))
        else:
            answers.append({k: v for k, v in record.items() if k not in (*META_COLUMNS, "id")})
    return meta, answers
