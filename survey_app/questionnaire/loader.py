"""Reading questionnaire and site files, and checking many files in one run."""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from survey_app.questionnaire.build_questionnaire import QuestionnaireBuilder
from survey_app.questionnaire.build_site import build_site
from survey_app.questionnaire.checks import check_translations
from survey_app.questionnaire.limits import MAX_YAML_BYTES
from survey_app.questionnaire.model import Questionnaire
from survey_app.questionnaire.nodes import Node, parse_yaml
from survey_app.questionnaire.problems import (
    Problem,
    QuestionnaireError,
    Report,
    Where,
    make_problem,
    unique_sorted,
)
from survey_app.questionnaire.site import Site

#: The largest file read (a questionnaire is a few dozen kilobytes).
MAX_FILE_BYTES = MAX_YAML_BYTES
SITE_FILE_NAME = "site.yaml"
YAML_SUFFIXES = (".yaml", ".yml")
WORKBOOK_SUFFIXES = (".xlsx", ".xls")


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
            report.error(where, "file_too_large", limit=MAX_FILE_BYTES // 1024 // 1024)
            return None
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        report.error(where, "no_such_file")
    except IsADirectoryError:
        report.error(where, "is_folder")
    except OSError as error:
        report.error(where, "cannot_read", reason=error.strerror or str(error))
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
    fallback_dir: Path | None = None,
) -> Questionnaire | None:
    """Build a questionnaire from a tree (from YAML or a spreadsheet); None on errors.

    ``base_dir`` is where ``site:`` and ``pictograms/`` are looked up, then
    ``fallback_dir`` (the questionnaire folder, for files kept elsewhere).
    """
    sites = sites or SiteCache()

    def load_site_for(site_file: str, where: Where) -> Site | None:
        candidates = [
            folder / site_file
            for folder in (base_dir or Path("."), fallback_dir)
            if folder is not None
        ]
        site_path = next((path for path in candidates if path.is_file()), None)
        if site_path is None:
            looked = ", ".join(dict.fromkeys(str(path) for path in candidates))
            report.error(where, "site_not_found", file=site_file, looked=looked)
            return None
        site, problems = sites.read(site_path)
        report.extend(problems)
        if site is None:
            report.error(where, "site_has_errors", file=site_file)
        return site

    builder = QuestionnaireBuilder(root, report, load_site_for, base_dir, fallback_dir)
    return builder.build(path, content_hash)


def parse_questionnaire(
    data: bytes | str,
    path: str | os.PathLike[str],
    sites: SiteCache | None = None,
    fallback_dir: Path | None = None,
) -> tuple[Questionnaire | None, list[Problem]]:
    """A questionnaire from file content (``path`` names it and locates its site file;
    ``fallback_dir`` is searched for the site file and pictograms when not beside it)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    name = str(path)
    report = Report()
    root = parse_yaml(raw, name, report)
    if root is None:
        return None, report.problems
    return _questionnaire_from_tree(root, raw, name, report, sites, fallback_dir)


def _questionnaire_from_tree(
    root: Node,
    raw: bytes,
    name: str,
    report: Report,
    sites: SiteCache | None,
    fallback_dir: Path | None = None,
) -> tuple[Questionnaire | None, list[Problem]]:
    content_hash = hashlib.sha256(raw).hexdigest()
    questionnaire = build_questionnaire(
        root, name, content_hash, Path(name).parent, report, sites, fallback_dir
    )
    if questionnaire is not None and Path(name).stem != questionnaire.id:
        report.warning(
            root.where_of("id"), "file_name_mismatch", name=Path(name).name, id=questionnaire.id
        )
    return questionnaire, report.problems


def read_questionnaire(
    path: str | os.PathLike[str],
    sites: SiteCache | None = None,
    fallback_dir: Path | None = None,
) -> tuple[Questionnaire | None, list[Problem]]:
    """The questionnaire at ``path`` (None if it has errors) and every problem found."""
    report = Report()
    data = _read_bytes(str(path), report)
    if data is None:
        return None, report.problems
    return parse_questionnaire(data, path, sites, fallback_dir)


def load_questionnaire(
    path: str | os.PathLike[str], fallback_dir: Path | None = None
) -> Questionnaire:
    """Load a questionnaire; raises :class:`QuestionnaireError` listing all problems on errors."""
    questionnaire, problems = read_questionnaire(path, fallback_dir=fallback_dir)
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
    """The files to check: each file given, and every ``*.yaml`` (and, to say what to do
    with it, every ``*.xlsx``) in each folder given."""
    files: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            names = sorted(
                name
                for name in os.listdir(path)
                if name.endswith((*YAML_SUFFIXES, *WORKBOOK_SUFFIXES)) and not name.startswith("~$")
            )
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
    paths: Iterable[str | os.PathLike[str]], fallback_dir: Path | None = None
) -> tuple[dict[str, Questionnaire], list[Problem]]:
    """The valid questionnaires (by id; the first file wins) and every problem, sorted.

    A workbook is checked as its import would be, and reported as not offered.
    """
    sites = SiteCache()
    problems: list[Problem] = []
    questionnaires: dict[str, Questionnaire] = {}
    for path in yaml_files(paths):
        questionnaire, found = _read_file(path, sites, fallback_dir)
        problems.extend(found)
        if questionnaire is None:
            continue
        if questionnaire.id in questionnaires:
            first = questionnaires[questionnaire.id].path
            problems.append(
                make_problem(
                    Where(path, 1),
                    "error",
                    "id_used_twice",
                    {"id": questionnaire.id, "first": first},
                )
            )
            continue
        questionnaires[questionnaire.id] = questionnaire
    return questionnaires, unique_sorted(problems)


def check_files(
    paths: Iterable[str | os.PathLike[str]],
    strict: bool = False,
    fallback_dir: Path | None = None,
) -> list[Problem]:
    """Every problem in the given files and folders, sorted by file and line.

    With ``strict``, warnings (such as missing translations) count as errors; site files
    and pictograms not beside a file are looked for in ``fallback_dir``.
    """
    problems = read_files(paths, fallback_dir)[1]
    if strict:
        problems = [dataclasses.replace(p, severity="error") for p in problems]
    return problems


def _read_file(
    path: str, sites: SiteCache, fallback_dir: Path | None = None
) -> tuple[Questionnaire | None, list[Problem]]:
    """A questionnaire file (or a site file, giving None) and its problems."""
    report = Report()
    if path.lower().endswith(WORKBOOK_SUFFIXES):
        return None, _workbook_problems(path, fallback_dir)
    data = _read_bytes(path, report)
    root = parse_yaml(data, path, report) if data is not None else None
    if root is None or data is None:
        return None, report.problems
    if is_site_file(path, root):
        return None, sites.read(path)[1]
    return _questionnaire_from_tree(root, data, path, report, sites, fallback_dir)


def _workbook_problems(path: str, fallback_dir: Path | None) -> list[Problem]:
    """A workbook's problems as its import finds them, and what to do with it."""
    from survey_app.questionnaire.xlsform_import import import_xlsform

    problems = list(import_xlsform(path, fallback_dir=fallback_dir).problems)
    target = str(Path(path).with_suffix(".yaml"))
    problems.append(
        make_problem(
            Where(path, 1), "warning", "workbook_in_folder", {"path": path, "target": target}
        )
    )
    return problems
