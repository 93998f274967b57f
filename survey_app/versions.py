"""Published questionnaire versions, and reading every stored answer through them.

A version row (``questionnaire_versions``) holds the YAML as published, who published
it on which day, what changed, and the *decisions* on answers that the new version
would otherwise lose: a question or choice with stored answers that was removed or
renamed is either **renamed** (its answers count for the new question or choice) or
**retired** (its answers keep their own column and label).

:func:`answer_mapping` is the one place that turns stored answers into answers of the
current questionnaire: exports (``survey_app/exports.py``) and the analysis
(``analysis/loading.py``) both call it.  Nothing stored is dropped or turned into
"not ticked": a renamed choice's ticks move to the new name, a retired choice keeps
its own column.

No Flask here (the analysis imports it); only ``storage`` and ``questionnaire``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from survey_app.questionnaire.model import Choice, Page, Question, Questionnaire
from survey_app.questionnaire.text import Text
from survey_app.storage import Connection, StoredResponse, version_store
from survey_app.storage.tallies import responses_per_hash

#: The id of the page that collects retired questions in the mapped questionnaire.
RETIRED_PAGE = "_retired"


@dataclass(frozen=True)
class Decision:
    """What happens to the stored answers of one removed or renamed question or choice.

    ``question`` is the question's id *before* the version for a question decision, and
    its id *in* the version for a choice decision (question renames apply first).
    ``to`` is the new id/value of a rename, None for a retirement.  A retirement keeps
    what exports need to label the old item: ``label`` (per language), ``type`` and,
    for a question, its ``choices`` as ``[value, {lang: label}]`` pairs.
    """

    kind: str  # "question", "choice" or "row" (of a matrix)
    question: str
    value: str | None = None
    to: str | None = None
    type: str = ""
    label: dict[str, str] = field(default_factory=dict)
    choices: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    @property
    def retires(self) -> bool:
        """True for "keep as retired", False for a rename."""
        return self.to is None

    def as_json(self) -> dict[str, Any]:
        """The stored form (one entry of the version's ``decisions`` list)."""
        data: dict[str, Any] = {"kind": self.kind, "question": self.question, "to": self.to}
        if self.value is not None:
            data["value"] = self.value
        if self.type:
            data["type"] = self.type
        if self.label:
            data["label"] = self.label
        if self.choices:
            data["choices"] = [[value, label] for value, label in self.choices]
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Decision:
        """A decision from its stored form."""
        return cls(
            kind=str(data["kind"]),
            question=str(data["question"]),
            value=data.get("value"),
            to=data.get("to"),
            type=str(data.get("type", "")),
            label=dict(data.get("label", {})),
            choices=[(str(v), dict(label)) for v, label in data.get("choices", [])],
        )


@dataclass(frozen=True)
class Version:
    """One published version of a questionnaire."""

    id: int
    questionnaire_id: str
    version: str
    content_hash: str
    published_by: str
    published_on: date
    changes: list[list[str]]
    decisions: list[Decision]


def list_versions(conn: Connection, questionnaire_id: str) -> list[Version]:
    """The published versions of a questionnaire, oldest first."""
    rows = version_store.version_rows(conn, questionnaire_id)
    return [
        Version(
            id=row.id,
            questionnaire_id=row.questionnaire_id,
            version=row.version,
            content_hash=row.content_hash,
            published_by=row.published_by,
            published_on=row.published_on,
            changes=json.loads(row.changes or "[]"),
            decisions=[Decision.from_json(d) for d in json.loads(row.decisions or "[]")],
        )
        for row in rows
    ]


def version_source(conn: Connection, version_id: int) -> str | None:
    """The YAML text a version was published with, or None."""
    return version_store.version_source(conn, version_id)


def record_version(
    conn: Connection,
    questionnaire: Questionnaire,
    source_text: str,
    user_name: str,
    changes: list[list[str]],
    decisions: Iterable[Decision],
    today: date | None = None,
) -> int:
    """Store a published version; returns its id."""
    return version_store.insert_version(
        conn,
        questionnaire_id=questionnaire.id,
        version=questionnaire.version,
        content_hash=questionnaire.content_hash,
        source_text=source_text,
        published_by=user_name,
        published_on=today or date.today(),
        changes=json.dumps(changes, ensure_ascii=False),
        decisions=json.dumps([d.as_json() for d in decisions], ensure_ascii=False),
    )


def response_counts(conn: Connection, questionnaire_id: str) -> dict[str, int]:
    """Stored responses per questionnaire content hash."""
    return responses_per_hash(conn, questionnaire_id)


# --- reading stored answers through the decisions ---------------------------------------


def _rename_value(answer: Any, kind: str, old: str, new: str) -> Any:
    """``answer`` with the choice value ``old`` called ``new`` (by the answer's shape)."""
    if isinstance(answer, str):
        return new if answer == old else answer
    if isinstance(answer, list):
        renamed = [new if value == old else value for value in answer]
        return list(dict.fromkeys(renamed))
    if isinstance(answer, dict):
        if kind == "matrix":  # rows → chosen value
            return {row: new if value == old else value for row, value in answer.items()}
        if old in answer and new not in answer:  # dot vote: choice → points
            return {new if key == old else key: value for key, value in answer.items()}
    return answer


def _apply(answers: dict[str, Any], decisions: Iterable[Decision]) -> dict[str, Any]:
    mapped = dict(answers)
    for decision in decisions:
        if decision.retires:
            continue
        target = str(decision.to)
        if decision.kind == "question":
            if decision.question in mapped and target not in mapped:
                mapped[target] = mapped.pop(decision.question)
        elif decision.kind == "row" and isinstance(mapped.get(decision.question), dict):
            rows = mapped[decision.question]
            if decision.value in rows and target not in rows:
                renamed = {target if k == decision.value else k: v for k, v in rows.items()}
                mapped[decision.question] = renamed
        elif decision.question in mapped and decision.value is not None:
            old = mapped[decision.question]
            mapped[decision.question] = _rename_value(old, decision.type, decision.value, target)
    return mapped


def _ordered(decisions: Iterable[Decision]) -> list[Decision]:
    """Question decisions before choice decisions (choices name the new question id)."""
    items = list(decisions)
    return [d for d in items if d.kind == "question"] + [d for d in items if d.kind != "question"]


@dataclass
class AnswerMapping:
    """Stored answers of any version → answers of the current questionnaire.

    ``questionnaire`` is the current questionnaire with every retired question (on an
    extra page) and retired choice added, so exports give them their own columns.
    """

    questionnaire: Questionnaire
    versions: list[Version]
    retired_questions: set[str] = field(default_factory=set)
    retired_choices: set[tuple[str, str]] = field(default_factory=set)
    retired_rows: set[tuple[str, str]] = field(default_factory=set)
    _plans: dict[str, list[Decision]] = field(default_factory=dict, repr=False)

    @property
    def is_identity(self) -> bool:
        """True when no version renamed anything (answers are read as stored)."""
        return not any(not d.retires for v in self.versions for d in v.decisions)

    def decisions_after(self, content_hash: str) -> list[Decision]:
        """The renames a response answered in the version ``content_hash`` goes through.

        A hash of no published version (answered before versions were recorded) goes
        through all of them.
        """
        plan = self._plans.get(content_hash)
        if plan is None:
            hashes = [version.content_hash for version in self.versions]
            start = len(hashes) - hashes[::-1].index(content_hash) if content_hash in hashes else 0
            plan = [d for v in self.versions[start:] for d in _ordered(v.decisions)]
            self._plans[content_hash] = plan
        return plan

    def apply(self, answers: dict[str, Any], content_hash: str) -> dict[str, Any]:
        """The stored ``answers`` (answered in ``content_hash``) under today's names."""
        if self.is_identity:
            return answers
        plan = self.decisions_after(content_hash)
        return _apply(answers, plan) if plan else answers


def mapping_from_versions(questionnaire: Questionnaire, versions: list[Version]) -> AnswerMapping:
    """The mapping of ``questionnaire`` (the current file) given its published versions."""
    retired_questions: dict[str, Decision] = {}
    retired: dict[tuple[str, str, str], Decision] = {}  # (kind, question, value)
    for version in versions:
        for decision in _ordered(version.decisions):
            if decision.kind == "question" and decision.retires:
                retired_questions[decision.question] = decision
            elif decision.kind == "question" and decision.to is not None:
                # a later rename carries earlier retired choices and rows to the new id
                retired = {
                    (kind, decision.to if q == decision.question else q, v): d
                    for (kind, q, v), d in retired.items()
                }
            elif decision.retires and decision.value is not None:
                retired[(decision.kind, decision.question, decision.value)] = decision
    mapped = _with_retired(questionnaire, retired_questions, retired)
    kept = {key for key in retired if mapped.question(key[1]) is not None}
    return AnswerMapping(
        mapped,
        versions,
        {q for q in retired_questions if questionnaire.question(q) is None},
        {(q, v) for kind, q, v in kept if kind == "choice"},
        {(q, v) for kind, q, v in kept if kind == "row"},
    )


def _choice(value: str, label: Mapping[str, str]) -> Choice:
    return Choice(value=value, label=Text(dict(label) or {"de": value}))


def _with_retired(
    questionnaire: Questionnaire,
    questions: Mapping[str, Decision],
    retired: Mapping[tuple[str, str, str], Decision],
) -> Questionnaire:
    if not questions and not retired:
        return questionnaire
    pages = []
    for page in questionnaire.pages:
        changed = []
        for question in page.questions:
            extra: dict[str, list[Choice]] = {"choice": [], "row": []}
            for (kind, q, value), d in retired.items():
                known = question.rows if kind == "row" else question.choices
                if q == question.id and all(c.value != value for c in known):
                    extra[kind].append(_choice(value, d.label))
            if extra["choice"] or extra["row"]:
                question = replace(
                    question,
                    choices=[*question.choices, *extra["choice"]],
                    rows=[*question.rows, *extra["row"]],
                )
            changed.append(question)
        pages.append(replace(page, questions=changed))
    retired = [
        Question(
            id=qid,
            type=d.type or "text",
            label=Text(dict(d.label) or {"de": qid}),
            choices=[_choice(value, label) for value, label in d.choices],
        )
        for qid, d in questions.items()
        if questionnaire.question(qid) is None
    ]
    if retired:
        pages.append(Page(id=RETIRED_PAGE, title=None, relevant=None, questions=retired))
    return replace(questionnaire, pages=pages)


def mapped_responses(
    mapping: AnswerMapping, stored: Iterable[StoredResponse]
) -> Iterator[StoredResponse]:
    """``stored`` with each response's answers under today's names (lazily)."""
    for response in stored:
        answers = mapping.apply(response.answers, response.questionnaire_hash)
        yield response if answers is response.answers else replace(response, answers=answers)


def answer_mapping(conn: Connection, questionnaire: Questionnaire) -> AnswerMapping:
    """The one way exports and the analysis read stored answers of ``questionnaire``."""
    return mapping_from_versions(questionnaire, list_versions(conn, questionnaire.id))
