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

from analysis.answer_columns import (
    categorical,
    flags,
    matrix_columns,
    numbers,
    present,
    question_columns,
    vote_columns,
)
from analysis.filters import Filters, condition_mask, filter_questions
from analysis.roles import Roles, roles_of
from survey_app.questionnaire.model import Question, Questionnaire, Score
from survey_app.storage import Engine
from survey_app.storage.submissions import response_batches
from survey_app.versions import answer_mapping

BATCH_SIZE = 20_000
MEMBER, REST = "member", "rest"
META_COLUMNS = ("response_id", "language", "event_code", "submitted_on", "district")


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


# --- building columns --------------------------------------------------------------


class FrameBuilder:
    """Turns batches of (metadata, answers) into frames with fixed column types."""

    def __init__(self, roles: Roles) -> None:
        self.roles = roles
        questionnaire = roles.questionnaire
        site = questionnaire.site
        self.offer_ids = [offer.id for offer in roles.offers]
        self.phase_ids = [phase.id for phase in site.life_phases] if site else []
        self.district_ids = [district.id for district in site.districts] if site else []
        wanted = [
            roles.child_age,
            roles.life_phase,
            roles.district,
            roles.awareness,
            roles.use,
            roles.benefit,
            roles.barrier,
            *roles.equity,
            *roles.smileys,
            *roles.priority,
        ]
        ids = [question.id for question in wanted if question is not None]
        ids += [item for score in questionnaire.scores for item in score.items]
        # Every stored question gets its summary columns (analysis.answer_columns).
        ids += [question.id for question in questionnaire.questions() if question.is_stored]
        self.filter_questions = filter_questions(questionnaire)
        ids += [question.id for question in self.filter_questions]
        #: The answers the frame is built from (all others are never looked at).
        self.question_ids = list(dict.fromkeys(ids))

    def concat(self, frames: list[pd.DataFrame]) -> pd.DataFrame:
        """Join the batches (an empty frame with all columns when there are none)."""
        if not frames:
            return self.build({name: [] for name in META_COLUMNS}, [])
        if len(frames) == 1:
            return frames[0]
        frame = pd.concat(frames, ignore_index=True)
        for column in ("language", "event_code"):  # batches saw different values
            frame[column] = frame[column].astype("category")
        return frame

    def build(
        self, meta: Mapping[str, Sequence[Any]], answers: list[dict[str, Any]]
    ) -> pd.DataFrame:
        """One batch: ``meta`` columns (see :data:`META_COLUMNS`) and decoded answers."""
        roles = self.roles
        table = pd.DataFrame(answers, columns=self.question_ids, dtype=object) if answers else None

        def values(question_id: str) -> np.ndarray:
            if table is None:
                return np.empty(0, dtype=object)
            return table[question_id].to_numpy(dtype=object)

        columns: dict[str, Any] = {
            "response_id": np.array([str(value) for value in meta["response_id"]], dtype=object),
            "language": pd.Categorical(list(meta["language"])),
            "event_code": pd.Categorical(list(meta["event_code"])),
            "submitted_on": _days(meta["submitted_on"]),
        }
        columns["life_phase"] = self._life_phase(values, len(answers))
        columns["district"] = self._district(meta["district"], values)
        for question in roles.equity:
            columns[f"eq:{question.id}"] = _equity(values(question.id), question)
        columns.update(self._offers(values, len(answers)))
        for score in roles.questionnaire.scores:
            columns[f"score:{score.id}"] = score_values(
                score, [values(item) for item in score.items]
            )
        for question in roles.smileys:
            columns[f"smiley:{question.id}"] = categorical(
                values(question.id), question.choice_values
            )
        for question in roles.priority:
            columns.update(vote_columns(values(question.id), question))
        columns.update(question_columns(values, roles.questionnaire.questions(), columns))
        for question in self.filter_questions:
            if question.type == "multiple_choice":
                ticked = flags(values(question.id), question.choice_values)
                for j, choice in enumerate(question.choice_values):
                    columns[f"choice:{question.id}:{choice}"] = ticked[:, j]
            else:
                columns[f"choice:{question.id}"] = categorical(
                    values(question.id), question.choice_values
                )
        frame = pd.DataFrame(columns)
        frame.index = pd.RangeIndex(len(frame))
        return frame

    def _life_phase(self, values, n: int) -> pd.Categorical:
        roles = self.roles
        if roles.life_phase is not None:
            return categorical(values(roles.life_phase.id), self.phase_ids)
        site = roles.questionnaire.site
        if roles.child_age is not None and site is not None:
            ages = pd.to_numeric(
                pd.Series(values(roles.child_age.id), dtype=object), errors="coerce"
            )
            lookup = {}
            for age in ages.dropna().unique():
                phase = site.life_phase_for_age(float(age))
                lookup[age] = phase.id if phase else None
            return categorical(ages.map(lookup).to_numpy(dtype=object), self.phase_ids)
        return categorical(np.full(n, None, dtype=object), self.phase_ids)

    def _district(self, stored: Sequence[Any], values) -> pd.Categorical:
        question = self.roles.district
        answered = (
            values(question.id) if question is not None else np.array(list(stored), dtype=object)
        )
        categories = self.district_ids or sorted({v for v in answered if isinstance(v, str)})
        return categorical(answered, categories)

    def _offers(self, values, n: int) -> dict[str, Any]:
        roles = self.roles
        offers = self.offer_ids
        columns: dict[str, Any] = {}
        known = np.zeros((n, len(offers)), dtype=bool)
        used = np.zeros((n, len(offers)), dtype=bool)
        if roles.awareness is not None:
            answers = values(roles.awareness.id)
            columns["answered:awareness"] = present(answers)
            known |= flags(answers, offers)
        if roles.use is not None:
            answers = values(roles.use.id)
            columns["answered:use"] = present(answers)
            used |= flags(answers, offers)
        known |= used  # whoever used an offer knows it
        if roles.awareness is not None or roles.use is not None:
            for j, offer in enumerate(offers):
                columns[f"known:{offer}"] = known[:, j]
                columns[f"used:{offer}"] = used[:, j]
        if roles.benefit is not None:
            columns.update(
                matrix_columns(values(roles.benefit.id), roles.benefit, "benefit", offers)
            )
        barrier = roles.barrier
        if barrier is not None and barrier.type == "matrix":
            columns.update(matrix_columns(values(barrier.id), barrier, "barrier", offers))
        elif barrier is not None and barrier.type == "multiple_choice":
            answers = values(barrier.id)
            columns["answered:barrier"] = present(answers)
            ticked = flags(answers, barrier.choice_values)
            for j, reason in enumerate(barrier.choice_values):
                columns[f"reason:{reason}"] = ticked[:, j]
        return columns


def _days(values: Sequence[Any]) -> pd.Series:
    """Days as datetimes; ISO text (SQLite) and date objects (PostgreSQL) both work."""
    series = pd.Series(list(values), dtype=object)
    if len(series) and isinstance(series.iloc[0], str):
        return pd.to_datetime(series, format="%Y-%m-%d", errors="coerce")
    return pd.to_datetime(series, errors="coerce")


def score_values(score: Score, items: Sequence[Sequence[Any]]) -> np.ndarray:
    """``score.compute`` for many responses at once (NaN where it gives None).

    ``items`` holds, per item of the score, the stored answers of all responses.
    """
    n = len(items[0]) if items else 0
    if not score.items:
        return np.full(n, np.nan)
    columns = []
    for item, answers in zip(score.items, items, strict=True):
        values = numbers(answers)
        if item in score.reverse:
            low, high = score.item_ranges[item]
            values = low + high - values
        columns.append(values)
    total = np.column_stack(columns).sum(axis=1)  # NaN when any item is missing
    if score.method == "mean":
        total = total / len(score.items)
    return total * float(score.factor)


def _equity(values: Any, question: Question) -> pd.Categorical:
    """``member``/``rest`` for each answer, missing where the question was skipped or
    answered only with a "not stated" choice (e.g. "I'd rather not say")."""
    assert question.equity_group is not None
    members = list(question.equity_group.members)
    not_stated = list(question.equity_group.not_stated)
    answered = present(values)
    if question.type == "multiple_choice":
        exploded = pd.Series(values, dtype=object).explode()
        member = exploded.isin(members).groupby(level=0).any().to_numpy(dtype=bool)
        if not_stated:
            said = (exploded.isna() | ~exploded.isin(not_stated)).groupby(level=0).any()
            answered = answered & said.to_numpy(dtype=bool)
    else:
        series = pd.Series(values, dtype=object)
        member = series.isin(members).to_numpy(dtype=bool)
        if not_stated:
            answered = answered & ~series.isin(not_stated).to_numpy(dtype=bool)
    codes = np.where(answered, np.where(member, 0, 1), -1).astype(np.int8)
    return pd.Categorical.from_codes(codes, categories=[MEMBER, REST])
