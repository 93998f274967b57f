"""The questionnaires of a folder, reloaded when a file changes."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from survey_app.questionnaire.loader import read_files, yaml_files
from survey_app.questionnaire.model import Questionnaire
from survey_app.questionnaire.problems import Problem, Where, make_problem

Signature = tuple[tuple[str, int, int], ...]


class QuestionnaireLibrary:
    """The valid questionnaires of ``directory``; problems of the others in ``problems``.

    Call :meth:`refresh` (e.g. once per request): it only looks at file times and sizes
    unless something changed. Safe to use from several threads.
    """

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)
        self._lock = threading.Lock()
        self._signature: Signature | None = None
        self._extra_files: list[str] = []
        self._questionnaires: dict[str, Questionnaire] = {}
        self._problems: list[Problem] = []
        self.refresh()

    def all(self) -> list[Questionnaire]:
        """The valid questionnaires, sorted by id."""
        return [self._questionnaires[key] for key in sorted(self._questionnaires)]

    def get(self, questionnaire_id: str) -> Questionnaire | None:
        """The valid questionnaire with this id, or None."""
        return self._questionnaires.get(questionnaire_id)

    @property
    def problems(self) -> list[Problem]:
        """Every problem found in the folder's files at the last (re)load."""
        return list(self._problems)

    def refresh(self) -> bool:
        """Reload everything if a file was added, removed or changed; True if it reloaded."""
        if self._current_signature() == self._signature:
            return False
        with self._lock:
            signature = self._current_signature()
            if signature == self._signature:
                return False
            self._load()
            self._signature = self._current_signature()
            return True

    def _current_signature(self) -> Signature:
        files = yaml_files([self.directory]) if self.directory.is_dir() else []
        entries = []
        for path in [*files, *self._extra_files]:
            try:
                stat = os.stat(path)
                entries.append((path, stat.st_mtime_ns, stat.st_size))
            except OSError:
                entries.append((path, -1, -1))
        return tuple(entries)

    def _load(self) -> None:
        if not self.directory.is_dir():
            self._questionnaires, self._extra_files = {}, []
            self._problems = [
                make_problem(Where(str(self.directory), 1), "error", "folder_missing", {})
            ]
            return
        questionnaires, problems = read_files([self.directory])
        self._questionnaires = questionnaires
        self._problems = problems
        self._extra_files = sorted(
            {
                q.site.path
                for q in questionnaires.values()
                if q.site and not _inside(q.site.path, self.directory)
            }
        )


def _inside(path: str, directory: Path) -> bool:
    return Path(path).resolve().parent == directory.resolve()
