"""Reading questionnaire and site files, and checking many files in one run."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from survey_app.questionnaire.build_questionnaire import QuestionnaireBuilder
from survey_app.questionnaire.build_site import build_site
from survey_app.questionnaire.checks import check_translations
from survey_app.questionnaire.model import Questionnaire
from survey_app.questionnaire.nodes import Node, parse_yaml
from survey_app.questionnaire.problems import (
    Problem,
    QuestionnaireError,
    Report,
    Where,
    unique_sorted,
)
from survey_app.questionnaire.site import Site

#: The largest file read (a questionnaire is a few dozen kilobytes).
MAX_FILE_BYTES = 5 * 1024 * 1024
SITE_FILE_NAME = "site.yaml"
YAML_SUFFIXES = (".yaml", ".yml")


class SiteCache:
    """Site files read so far, so that a folder's questionnaires read their site once."""

    def __init__(self) -> None:
        self._sites: dict[str, tuple[Site | None, list[Problem]]] = {}

    def read(self, path: str | os.PathLike[str]) -> tuple[Site | None, list[Problem]]:
        """The site at ``path`` and its problems (from the cache when read before)."""
        key = os.path.abspath(path)
        if key not in self._sites:
            self._sites[key] = _read_site_uncached(str(path))
        return self._sites[key]


def _read_bytes(path: str, report: Report) -> bytes | None:
    where = Where(path, 1)
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            report.error(
                where,
                f"the file is larger than {MAX_FILE_BYTES // 1024 // 1024} MB; is it the right file?",
            )
            return None
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        report.error(where, "no such file; check the path")
    except IsADirectoryError:
        report.error(where, "this is a folder, not a file")
    except OSError as error:
        report.error(where, f"cannot read the file: {error.strerror or error}")
    return None


def _read_site_uncached(path: str) -> tuple[Site | None, list[Problem]]:
    report = Report()
    data = _read_bytes(path, report)
    root = parse_yaml(data, path, report) if data is not None else None
    if root is None:
        return None, report.problems
    return site_from_tree(root, path, report)


def site_from_tree(root: Node, path: str, report: Report) -> tuple[Site | None, list[Problem]]:
    """Build a site from a parsed tree; returns it (None on errors) and all problems."""
    site, reader = build_site(root, path, report)
    check_translations(reader.texts, reader.languages or [], report)
    return (None if report.has_errors else site), report.problems


def read_site(path: str | os.PathLike[str]) -> tuple[Site | None, list[Problem]]:
    """The site file at ``path`` (None if it has errors) and every problem found."""
    return _read_site_uncached(str(path))


def load_site(path: str | os.PathLike[str]) -> Site:
    """Load a site file; raises :class:`QuestionnaireError` listing all problems on errors."""
    site, problems = read_site(path)
    if site is None:
        raise QuestionnaireError(problems)
    return site


def build_questionnaire(
    root: Node,
    path: str,
    content_hash: str,
    base_dir: Path | None,
    report: Report,
    sites: SiteCache | None = None,
) -> Questionnaire | None:
    """Build a questionnaire from a tree (from YAML or a spreadsheet); None on errors.

    ``base_dir`` is where ``site:`` and ``pictograms/`` are looked up.
    """
    sites = sites or SiteCache()

    def load_site_for(site_file: str, where: Where) -> Site | None:
        site_path = (base_dir or Path(".")) / site_file
        if not site_path.is_file():
            report.error(
                where, f"site file '{site_file}' not found (looked for {site_path}); fix the path"
            )
            return None
        site, problems = sites.read(site_path)
        report.extend(problems)
        if site is None:
            report.error(where, f"the site file '{site_file}' has errors; fix them first")
        return site

    return QuestionnaireBuilder(root, report, load_site_for, base_dir).build(path, content_hash)


def parse_questionnaire(
    data: bytes | str, path: str | os.PathLike[str], sites: SiteCache | None = None
) -> tuple[Questionnaire | None, list[Problem]]:
    """A questionnaire from file content (``path`` names it and locates its site file)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    name = str(path)
    report = Report()
    root = parse_yaml(raw, name, report)
    if root is None:
        return None, report.problems
    return _questionnaire_from_tree(root, raw, name, report, sites)


def _questionnaire_from_tree(
    root: Node, raw: bytes, name: str, report: Report, sites: SiteCache | None
) -> tuple[Questionnaire | None, list[Problem]]:
    content_hash = hashlib.sha256(raw).hexdigest()
    questionnaire = build_questionnaire(root, name, content_hash, Path(name).parent, report, sites)
    if questionnaire is not None and Path(name).stem != questionnaire.id:
        report.warning(
            root.where_of("id"),
            f"the file name '{Path(name).name}' does not match the id '{questionnaire.id}'; "
            f"rename the file to {questionnaire.id}.yaml",
        )
    return questionnaire, report.problems


def read_questionnaire(
    path: str | os.PathLike[str], sites: SiteCache | None = None
) -> tuple[Questionnaire | None, list[Problem]]:
    """The questionnaire at ``path`` (None if it has errors) and every problem found."""
    report = Report()
    data = _read_bytes(str(path), report)
    if data is None:
        return None, report.problems
    return parse_questionnaire(data, path, sites)


def load_questionnaire(path: str | os.PathLike[str]) -> Questionnaire:
    """Load a questionnaire; raises :class:`QuestionnaireError` listing all problems on errors."""
    questionnaire, problems = read_questionnaire(path)
    if questionnaire is None:
        raise QuestionnaireError(problems)
    return questionnaire


def loads_questionnaire(data: bytes | str, path: str | os.PathLike[str]) -> Questionnaire:
    """Like :func:`load_questionnaire` for content not (yet) in a file at ``path``."""
    questionnaire, problems = parse_questionnaire(data, path)
    if questionnaire is None:
        raise QuestionnaireError(problems)
    return questionnaire


# --- checking files ------------------------------------------------------------------


def yaml_files(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """The files to check: each file given, and every ``*.yaml`` in each folder given."""
    files: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            names = sorted(name for name in os.listdir(path) if name.endswith(YAML_SUFFIXES))
            files.extend(str(Path(path) / name) for name in names)
        else:
            files.append(str(path))
    return files


def is_site_file(path: str, root: Node | None) -> bool:
    """Site files are named ``site.yaml`` or start with ``municipality:``."""
    if Path(path).name == SITE_FILE_NAME:
        return True
    return root is not None and root.kind == "map" and "municipality" in root.entries


def read_files(
    paths: Iterable[str | os.PathLike[str]],
) -> tuple[dict[str, Questionnaire], list[Problem]]:
    """The valid questionnaires (by id; the first file wins) and every problem, sorted."""
    sites = SiteCache()
    problems: list[Problem] = []
    questionnaires: dict[str, Questionnaire] = {}
    for path in yaml_files(paths):
        questionnaire, found = _read_file(path, sites)
        problems.extend(found)
        if questionnaire is None:
            continue
        if questionnaire.id in questionnaires:
            first = questionnaires[questionnaire.id].path
            message = f"the id '{questionnaire.id}' is already used by {first}; ids must be unique"
            problems.append(Problem(path, 1, "error", message))
            continue
        questionnaires[questionnaire.id] = questionnaire
    return questionnaires, unique_sorted(problems)


def check_files(paths: Iterable[str | os.PathLike[str]], strict: bool = False) -> list[Problem]:
    """Every problem in the given files and folders, sorted by file and line.

    With ``strict``, warnings (such as missing translations) count as errors.
    """
    problems = read_files(paths)[1]
    if strict:
        problems = [Problem(p.path, p.line, "error", p.message) for p in problems]
    return problems


def _read_file(path: str, sites: SiteCache) -> tuple[Questionnaire | None, list[Problem]]:
    """A questionnaire file (or a site file, giving None) and its problems."""
    report = Report()
    if path.endswith((".xlsx", ".xls")):
        report.error(
            Where(path, 1),
            f"this is a spreadsheet; convert it with 'ankommen questionnaire import {path}'",
        )
        return None, report.problems
    data = _read_bytes(path, report)
    root = parse_yaml(data, path, report) if data is not None else None
    if root is None or data is None:
        return None, report.problems
    if is_site_file(path, root):
        return None, sites.read(path)[1]
    return _questionnaire_from_tree(root, data, path, report, sites)
