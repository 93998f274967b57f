"""Problems found in questionnaire files and in submitted answers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One finding of the checker, printed as ``PATH:LINE: error: MESSAGE``.

    ``path`` may name a place inside a file, e.g. ``form.xlsx:survey`` for a sheet, and
    ``column`` the column header of a workbook cell. ``message`` is English (for the
    CLI and logs); ``code`` and ``params`` let :mod:`survey_app.questionnaire.messages`
    word the problem in another language (``code`` is empty for a few free texts).
    """

    path: str
    line: int
    severity: Severity
    message: str
    column: str = ""
    code: str = field(default="", compare=False)
    params: tuple[tuple[str, Any], ...] = field(default=(), compare=False)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"

    @property
    def is_error(self) -> bool:
        """True for errors, False for warnings."""
        return self.severity == "error"

    def without_prefix(self, prefix: str) -> Problem:
        """The same problem with ``prefix`` (say a temporary folder) removed from its path,
        message and values, keeping its code so it is still translated."""

        def strip(value: Any) -> Any:
            return value.replace(prefix, "") if isinstance(value, str) else value

        params = tuple((key, strip(value)) for key, value in self.params)
        return replace(self, path=strip(self.path), message=strip(self.message), params=params)


class QuestionnaireError(Exception):
    """The one exception the loader, checker and expression parser raise.

    ``problems`` holds every problem found (errors and warnings), not only the first.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


@dataclass(frozen=True)
class AnswerProblem:
    """A problem with one answer of a submission; the app turns ``code`` into a message.

    Codes: ``required``, ``unknown_question``, ``not_relevant``, ``wrong_type``,
    ``unknown_choice``, ``out_of_range``, ``constraint``, ``too_many_points``,
    ``invalid_date``, ``too_long``.
    """

    question_id: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Where:
    """A place in a source: a file (or ``file:sheet``), a 1-based line (or row) and,
    in a workbook, the column header."""

    source: str
    line: int
    column: str = ""


class Report:
    """Collects problems while a file is read, so that all are reported in one run."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def error(self, where: Where, code: str, **params: Any) -> None:
        """Record an error at ``where``: a message ``code`` of ``messages.py`` and its values."""
        self.problems.append(make_problem(where, "error", code, params))

    def warning(self, where: Where, code: str, **params: Any) -> None:
        """Record a warning at ``where`` (``code`` and values as for :meth:`error`)."""
        self.problems.append(make_problem(where, "warning", code, params))

    def extend(self, problems: Iterable[Problem]) -> None:
        """Add problems found elsewhere (e.g. in the site file)."""
        self.problems.extend(problems)

    @property
    def has_errors(self) -> bool:
        """True when at least one error was recorded."""
        return any(problem.is_error for problem in self.problems)


def make_problem(where: Where, severity: Severity, code: str, params: dict[str, Any]) -> Problem:
    """A problem with its English message; ``code`` must be a code of ``messages.py``."""
    from survey_app.questionnaire.messages import english, is_workbook

    values = tuple(params.items())
    text = english(code, values, is_workbook(where.source))
    return Problem(where.source, where.line, severity, text, where.column, code, values)


def unique_sorted(problems: Iterable[Problem]) -> list[Problem]:
    """Problems without repeats, by file and line (a site file is read by many)."""
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.severity, p.message))


def closest(word: str, candidates: Iterable[str]) -> str:
    """The candidate closest to ``word`` (for "did you mean"), or an empty string."""
    import difflib

    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return close[0] if close else ""
