"""Publishing a questionnaire version: check, compare with the stored answers, write.

:func:`publish` is the one function the coordinator page, ``ankommen questionnaire
publish`` and the translation editor call.  It

1. checks the YAML (with the site file, pictures and the new media files) — errors stop it;
2. compares the new version with the current one (:func:`changes_between`) and with
   every answer already stored, read through earlier versions' decisions: a question
   or choice that has answers and is missing from the new version is a :class:`Loss`;
3. refuses while a loss has no decision (rename to X, or keep as retired);
4. records the version with its decisions and an audit entry, and writes the media
   files and the YAML into the questionnaire folder (in one transaction: if the file
   cannot be written, nothing is recorded).

The caller reloads the library afterwards (``survey_app.library.reload_library``).
No Flask here.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from survey_app.questionnaire import Problem, Question, Questionnaire
from survey_app.questionnaire.library import QuestionnaireLibrary
from survey_app.questionnaire.media import media_folder
from survey_app.questionnaire.problems import Where, make_problem
from survey_app.storage import Connection, Engine, iter_responses, log_action
from survey_app.uploads import check_yaml, safe_media_name
from survey_app.versions import AnswerMapping, Decision, answer_mapping, record_version

Status = Literal["published", "invalid", "needs_decisions", "unchanged", "ready"]
#: ``decisions`` maps a :attr:`Loss.key` to the new id/value, or to None for "retire".
Decisions = Mapping[str, str | None]


@dataclass(frozen=True)
class Loss:
    """A question or choice with stored answers that the new version does not have."""

    kind: str  # "question", "choice" or "row" (of a matrix)
    question: str
    value: str | None
    count: int
    #: What it may be renamed to: new question ids, or the question's new choice values.
    candidates: list[str]

    @property
    def key(self) -> str:
        """``question``, ``question:value`` or, for a matrix row, ``question/row``."""
        return decision_key(self.kind, self.question, self.value)


def decision_key(kind: str, question: str, value: str | None) -> str:
    """How a decision names its question, choice (``q:value``) or matrix row (``q/row``)."""
    if value is None:
        return question
    return f"{question}/{value}" if kind == "row" else f"{question}:{value}"


@dataclass
class Outcome:
    """What :func:`publish` did, or why it did not."""

    status: Status
    questionnaire: Questionnaire | None = None
    problems: list[Problem] = field(default_factory=list)
    losses: list[Loss] = field(default_factory=list)
    changes: list[list[str]] = field(default_factory=list)
    version_id: int | None = None
    path: Path | None = None
    decision_problems: list[str] = field(default_factory=list)
    #: Warnings about the publication itself (not the file's content).
    notes: list[Problem] = field(default_factory=list)


def _values(question: Question | None, answer: Any) -> list[str]:
    """The choice values a stored answer uses (by the question's type)."""
    if isinstance(answer, str):
        return [answer]
    if isinstance(answer, list):
        return [value for value in answer if isinstance(value, str)]
    if isinstance(answer, dict):
        if question is not None and question.type == "matrix":
            return [value for value in answer.values() if isinstance(value, str)]
        return [key for key, value in answer.items() if value]
    return []


@dataclass
class Counts:
    """Stored answers per question, per (question, choice value) and per (matrix, row)."""

    questions: Counter[str] = field(default_factory=Counter)
    choices: Counter[tuple[str, str]] = field(default_factory=Counter)
    rows: Counter[tuple[str, str]] = field(default_factory=Counter)


def stored_counts(conn: Connection, mapping: AnswerMapping) -> Counts:
    """How often each question, choice and matrix row was answered, under today's names."""
    counts = Counts()
    for response in iter_responses(conn, mapping.questionnaire.id):
        answers = mapping.apply(response.answers, response.questionnaire_hash)
        for question_id, answer in answers.items():
            if answer is None:
                continue
            counts.questions[question_id] += 1
            question = mapping.questionnaire.question(question_id)
            for value in set(_values(question, answer)):
                counts.choices[(question_id, value)] += 1
            if isinstance(answer, dict) and question is not None and question.type == "matrix":
                for row in answer:
                    counts.rows[(question_id, row)] += 1
    return counts


def find_losses(
    new: Questionnaire, mapping: AnswerMapping, counts: Counts, decisions: Decisions
) -> list[Loss]:
    """Every question, choice and matrix row with answers that ``new`` lacks (question
    renames in ``decisions`` applied before choices and rows are compared)."""
    new_ids = [q.id for q in new.questions() if q.is_stored]
    losses = [
        Loss("question", qid, None, count, new_ids)
        for qid, count in sorted(counts.questions.items())
        if new.question(qid) is None and qid not in mapping.retired_questions
    ]
    renamed = {
        loss.question: decisions[loss.key] for loss in losses if decisions.get(loss.key) in new_ids
    }
    for (qid, value), count in sorted(counts.choices.items()):
        question = new.question(renamed.get(qid) or qid)
        if question is None or not question.is_choice_type or question.choice(value):
            continue
        if question.type == "yes_no" or (question.id, value) in mapping.retired_choices:
            continue
        losses.append(Loss("choice", question.id, value, count, question.choice_values))
    for (qid, row), count in sorted(counts.rows.items()):
        question = new.question(renamed.get(qid) or qid)
        if question is None or question.type != "matrix":
            continue
        values = [r.value for r in question.rows]
        if row not in values and (question.id, row) not in mapping.retired_rows:
            losses.append(Loss("row", question.id, row, count, values))
    return losses


def _decision_for(
    loss: Loss, target: str | None, current: Questionnaire, renamed_from: Mapping[str, str]
) -> Decision:
    """The stored decision for ``loss``, with what a retirement needs to label it
    (``renamed_from``: the old id of each question this version renames)."""
    if target is not None:
        return Decision(loss.kind, loss.question, loss.value, target)
    old = current.question(renamed_from.get(loss.question, loss.question))
    if loss.kind == "question":
        label = old.label.values if old else {}
        choices = [(c.value, c.label.values) for c in old.choices] if old else []
        return Decision(
            "question", loss.question, None, None, old.type if old else "", label, choices
        )
    options = (old.rows if loss.kind == "row" else old.choices) if old else []
    choice = next((c for c in options if c.value == loss.value), None)
    return Decision(
        loss.kind,
        loss.question,
        loss.value,
        None,
        old.type if old else "",
        choice.label.values if choice else {},
    )


def changes_between(old: Questionnaire | None, new: Questionnaire) -> list[list[str]]:
    """What changed, as ``[what, subject, detail]`` entries: ``version``,
    ``question_added``, ``question_removed``, ``choice_added``, ``choice_removed``."""
    if old is None:
        return [["first", new.id, new.version]]
    changes: list[list[str]] = []
    if old.version != new.version:
        changes.append(["version", old.version, new.version])
    old_ids = {q.id for q in old.questions()}
    new_ids = {q.id for q in new.questions()}
    changes += [["question_added", q, ""] for q in sorted(new_ids - old_ids)]
    changes += [["question_removed", q, ""] for q in sorted(old_ids - new_ids)]
    for qid in sorted(old_ids & new_ids):
        before = set(old.question(qid).choice_values)  # type: ignore[union-attr]
        after = set(new.question(qid).choice_values)  # type: ignore[union-attr]
        changes += [["choice_added", qid, v] for v in sorted(after - before)]
        changes += [["choice_removed", qid, v] for v in sorted(before - after)]
    return changes


def _decision_problems(losses: list[Loss], decisions: Decisions) -> list[str]:
    """Decisions naming a target that the new version does not have."""
    return [
        f"{loss.key} → {decisions[loss.key]}"
        for loss in losses
        if decisions.get(loss.key) is not None and decisions[loss.key] not in loss.candidates
    ]


def _target_path(folder: Path, questionnaire: Questionnaire, current: Questionnaire | None) -> Path:
    if current is not None and current.path:
        existing = Path(current.path)
        if existing.resolve().parent == folder.resolve():
            return existing
    return folder / f"{questionnaire.id}.yaml"


def _write(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` at once (a temporary file, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.part")
    temporary.write_bytes(content)
    os.replace(temporary, path)


def publish(
    engine: Engine,
    folder: str | os.PathLike[str],
    file_name: str,
    source: str,
    media: Mapping[str, bytes],
    user_name: str,
    decisions: Decisions,
    *,
    dry_run: bool = False,
    today: date | None = None,
) -> Outcome:
    """Publish the questionnaire YAML ``source`` (named ``file_name``) into ``folder``.

    ``media`` are pictures (for ``folder/pictograms``) and sound files (``folder/audio``).  With
    ``dry_run`` nothing is written: the outcome says ``ready`` when it would publish.
    """
    folder = Path(folder)
    questionnaire, problems = check_yaml(folder, file_name, source, media)
    if questionnaire is None or any(p.is_error for p in problems):
        return Outcome("invalid", questionnaire, problems)
    current = QuestionnaireLibrary(folder).get(questionnaire.id)
    if current is not None and current.content_hash == questionnaire.content_hash:
        return Outcome("unchanged", questionnaire, problems)
    with engine.connect() as conn:
        mapping = answer_mapping(conn, current or questionnaire)
        counts = stored_counts(conn, mapping)
    notes = []
    if current is not None and current.version == questionnaire.version:
        workbook = file_name.lower().endswith(".xlsx")
        where = Where(f"{file_name}:settings", 2, "version") if workbook else Where(file_name, 1)
        version = questionnaire.version
        notes.append(make_problem(where, "warning", "version_unchanged", {"version": version}))
    losses = find_losses(questionnaire, mapping, counts, decisions)
    wrong = _decision_problems(losses, decisions)
    open_losses = [loss for loss in losses if loss.key not in decisions]
    changes = changes_between(current, questionnaire)
    outcome = Outcome(
        "ready", questionnaire, problems, losses, changes, decision_problems=wrong, notes=notes
    )
    if open_losses or wrong:
        outcome.status = "needs_decisions"
        return outcome
    if dry_run:
        return outcome
    renamed_from = {
        str(decisions[loss.key]): loss.question
        for loss in losses
        if loss.kind == "question" and decisions[loss.key] is not None
    }
    chosen = [
        _decision_for(loss, decisions[loss.key], mapping.questionnaire, renamed_from)
        for loss in losses
    ]
    changes += [
        ["renamed" if d.to else "retired", decision_key(d.kind, d.question, d.value), d.to or ""]
        for d in chosen
    ]
    # A transaction that starts with its write: on SQLite it waits for other writers
    # instead of failing when they committed since it read.
    with engine.begin() as conn:
        outcome.version_id = record_version(
            conn, questionnaire, source, user_name, changes, chosen, today
        )
        log_action(
            conn,
            user_name,
            "questionnaire_publish",
            f"{questionnaire.id} {questionnaire.version} ({questionnaire.content_hash[:12]})",
        )
        for name, content in media.items():
            _write(folder / media_folder(name) / safe_media_name(name), content)
        outcome.path = _target_path(folder, questionnaire, current)
        _write(outcome.path, source.encode("utf-8"))
    outcome.status = "published"
    return outcome
