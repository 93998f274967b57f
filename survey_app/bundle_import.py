"""Storing a verified bundle on the central installation, exactly once.

A response's id is its identity: a response already stored is skipped and counted, so
importing the same bundle twice changes nothing.  Events are kept as the bundle has
them; an event code that exists here with other details is reported and never
overwritten (the import is refused unless the caller accepts the central details).
Each response is validated against its questionnaire when this installation has that
questionnaire in the same version (same id and version, or same file hash); one that
fails is refused (it stays on the laptop).  A response of a questionnaire or version
not known here is stored as it is and reported, since stored answers are never dropped.

Everything happens on the caller's connection: run it in one transaction, so an error
stores nothing.  No Flask here.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from survey_app.bundles import BundleError
from survey_app.questionnaire.model import Questionnaire
from survey_app.storage import Connection, NewResponse, events, log_action, quotes, responses
from survey_app.storage.event_store import MODES, Event, get_event, insert_event
from survey_app.storage.quote_store import add_quote_decision, quote_decision
from survey_app.storage.submissions import insert_response_rows, response_rows
from survey_app.storage.tables import text_limits

#: Fields compared between a bundle's event and the central one (``closed`` is not:
#: closing an event on the laptop after the event is normal).
EVENT_FIELDS = ("name", "questionnaire_ids", "district", "held_on", "mode")
_CHUNK = 500


@dataclass
class ImportReport:
    """What an import did (or would do), for the CLI and the audit log."""

    events_new: list[str] = field(default_factory=list)
    events_same: list[str] = field(default_factory=list)
    #: code -> differences, as "field: here X, bundle Y"
    events_differing: dict[str, list[str]] = field(default_factory=dict)
    responses_new: int = 0
    responses_already: int = 0
    #: responses stored here before whose stored content differs from the bundle's
    responses_already_differing: list[str] = field(default_factory=list)
    #: response id -> problems
    responses_refused: dict[str, list[str]] = field(default_factory=dict)
    #: (questionnaire id, version) -> count of responses stored without a check
    unchecked: Counter[tuple[str, str]] = field(default_factory=Counter)
    quotes_new: int = 0
    quotes_already: int = 0
    quotes_differing: int = 0

    def summary(self) -> str:
        """One line of counts (also the audit log's detail)."""
        return (
            f"responses: {self.responses_new} new, {self.responses_already} already there, "
            f"{len(self.responses_refused)} refused, {sum(self.unchecked.values())} "
            f"stored unchecked; events: {len(self.events_new)} new, {len(self.events_same)} "
            f"already there, {len(self.events_differing)} differing (kept as here); "
            f"quote decisions: {self.quotes_new} new, {self.quotes_already} already there, "
            f"{self.quotes_differing} differing (kept as here)"
        )


def import_content(
    conn: Connection,
    content: dict[str, Any],
    questionnaires: Iterable[Questionnaire],
    *,
    user_name: str = "cli",
    bundle_hash: str = "",
    accept_event_differences: bool = False,
) -> ImportReport:
    """Store a verified bundle's content on ``conn`` and write the audit entry.

    Raises :class:`BundleError` (store nothing: roll back) for a malformed bundle, or for
    events that differ from the central ones unless ``accept_event_differences``.
    """
    event_list = _list_of(content, "events", _check_event)
    response_list = _list_of(content, "responses", _check_response)
    quote_list = _list_of(content, "quotes", _check_quote)
    report = ImportReport()
    _import_events(conn, event_list, report)
    if report.events_differing and not accept_event_differences:
        lines = [
            f"  {code}: {'; '.join(differences)}"
            for code, differences in sorted(report.events_differing.items())
        ]
        raise BundleError(
            "These events exist here with other details:\n"
            + "\n".join(lines)
            + "\nNothing was imported. To import anyway and keep the details as they are "
            "here, run again with --accept-event-differences."
        )
    known = {questionnaire.id: questionnaire for questionnaire in questionnaires}
    stored = _import_responses(conn, response_list, known, report)
    _import_quotes(conn, quote_list, stored, report)
    log_action(
        conn,
        user_name,
        "bundle_import",
        f"bundle sha256 {bundle_hash[:16]}: {report.summary()}",
    )
    return report


# --- shape of the content ---------------------------------------------------------------


def _list_of(content: dict[str, Any], name: str, check: Any) -> list[dict[str, Any]]:
    items = content.get(name)
    if not isinstance(items, list):
        raise BundleError(f"The bundle has no list of {name}.")
    for index, item in enumerate(items):
        problem = check(item) if isinstance(item, dict) else "not an object"
        if problem:
            raise BundleError(f"The bundle's {name}[{index}] is malformed: {problem}.")
    return items


def _text(item: dict[str, Any], name: str, limit: int, optional: bool = False) -> str | None:
    value = item.get(name)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value or len(value) > limit:
        return f"{name} must be a text of 1 to {limit} characters"
    return None


def _texts(item: dict[str, Any], table: Any) -> str | None:
    """The first text column of ``table`` that ``item`` does not fill within its length."""
    for name, (limit, optional) in text_limits(table).items():
        problem = _text(item, name, limit, optional)
        if problem:
            return problem
    return None


def _day(item: dict[str, Any], name: str) -> str | None:
    try:
        date.fromisoformat(item[name])
    except (KeyError, TypeError, ValueError):
        return f"{name} must be a date (YYYY-MM-DD)"
    return None


def _check_event(item: dict[str, Any]) -> str | None:
    ids = item.get("questionnaire_ids")
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
        return "questionnaire_ids must be a list of texts"
    if item.get("mode") not in MODES:
        return "unknown mode"
    if not isinstance(item.get("closed"), bool):
        return "closed must be true or false"
    return _texts(item, events) or _day(item, "held_on")


def _check_response(item: dict[str, Any]) -> str | None:
    try:
        if str(uuid.UUID(item["id"])) != item["id"]:
            return "id must be a UUID in lower case"
    except (KeyError, TypeError, ValueError, AttributeError):
        return "id must be a UUID"
    if not isinstance(item.get("answers"), dict):
        return "answers must be an object"
    return _texts(item, responses) or _day(item, "submitted_on")


def _check_quote(item: dict[str, Any]) -> str | None:
    if not isinstance(item.get("approved"), bool):
        return "approved must be true or false"
    return _texts(item, quotes) or _day(item, "decided_on")


# --- storing ------------------------------------------------------------------------------


def _import_events(
    conn: Connection, event_list: list[dict[str, Any]], report: ImportReport
) -> None:
    for item in event_list:
        code = item["code"].strip().upper()
        stored = get_event(conn, code)
        if stored is None:
            insert_event(
                conn,
                Event(
                    code=code,
                    name=item["name"],
                    questionnaire_ids=item["questionnaire_ids"],
                    district=item["district"],
                    held_on=date.fromisoformat(item["held_on"]),
                    mode=item["mode"],
                    closed=item["closed"],
                ),
            )
            report.events_new.append(code)
            continue
        here = {
            "name": stored.name,
            "questionnaire_ids": stored.questionnaire_ids,
            "district": stored.district,
            "held_on": stored.held_on.isoformat(),
            "mode": stored.mode,
        }
        differences = [
            f"{name}: here {here[name]!r}, bundle {item[name]!r}"
            for name in EVENT_FIELDS
            if here[name] != item[name]
        ]
        if differences:
            report.events_differing[code] = differences
        else:
            report.events_same.append(code)


def _existing(conn: Connection, ids: list[str]) -> dict[str, Any]:
    found = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        for row in response_rows(conn, chunk):
            found[row.id] = row
    return found


def _same_as_stored(row: Any, item: dict[str, Any]) -> bool:
    return (
        row.questionnaire_id == item["questionnaire_id"]
        and row.questionnaire_hash == item["questionnaire_hash"]
        and row.submitted_on.isoformat() == item["submitted_on"]
        and json.loads(row.answers) == item["answers"]
    )


def _questionnaire_for(
    item: dict[str, Any], known: dict[str, Questionnaire]
) -> Questionnaire | None:
    questionnaire = known.get(item["questionnaire_id"])
    if questionnaire is None:
        return None
    if questionnaire.content_hash == item["questionnaire_hash"]:
        return questionnaire
    if questionnaire.version == item["questionnaire_version"]:
        return questionnaire
    return None


def _import_responses(
    conn: Connection,
    response_list: list[dict[str, Any]],
    known: dict[str, Questionnaire],
    report: ImportReport,
) -> set[str]:
    """Insert the new, valid responses; return the ids now stored here."""
    existing = _existing(conn, [item["id"] for item in response_list])
    stored = set(existing)
    rows = []
    seen: set[str] = set()
    for item in response_list:
        if item["id"] in existing or item["id"] in seen:
            report.responses_already += 1
            row = existing.get(item["id"])
            if row is not None and not _same_as_stored(row, item):
                report.responses_already_differing.append(item["id"])
            continue
        seen.add(item["id"])
        questionnaire = _questionnaire_for(item, known)
        if questionnaire is None:
            report.unchecked[(item["questionnaire_id"], item["questionnaire_version"])] += 1
        else:
            problems = _problems(questionnaire, item["answers"])
            if problems:
                report.responses_refused[item["id"]] = problems
                continue
        rows.append(
            {
                **NewResponse.of_mapping(item).row(),
                "id": item["id"],
                "submitted_on": date.fromisoformat(item["submitted_on"]),
            }
        )
    for start in range(0, len(rows), _CHUNK):
        insert_response_rows(conn, rows[start : start + _CHUNK])
    report.responses_new = len(rows)
    return stored | {row["id"] for row in rows}


def _problems(questionnaire: Questionnaire, answers: dict[str, Any]) -> list[str]:
    """The validation problems of ``answers``, as "question: code"."""
    try:
        found = questionnaire.validate(answers)
    except (TypeError, ValueError, AttributeError, KeyError):
        return ["answers of a shape the questionnaire cannot check"]
    return [f"{problem.question_id}: {problem.code}" for problem in found]


def _import_quotes(
    conn: Connection, quote_list: list[dict[str, Any]], stored: set[str], report: ImportReport
) -> None:
    """Quote decisions on responses stored here; a decision made here is kept."""
    for item in quote_list:
        if item["response_id"] not in stored:
            continue
        approved = quote_decision(conn, item["response_id"], item["question_id"])
        if approved is None:
            add_quote_decision(
                conn,
                item["response_id"],
                item["question_id"],
                approved=item["approved"],
                decided_by=item["decided_by"],
                decided_on=date.fromisoformat(item["decided_on"]),
            )
            report.quotes_new += 1
        elif approved == item["approved"]:
            report.quotes_already += 1
        else:
            report.quotes_differing += 1
