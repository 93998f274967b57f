"""The loader: the one step that opens files (a questionnaire or workbook, the site
file it names, the listings of its media folders); then :func:`pipeline.convert`."""

from __future__ import annotations

import dataclasses
import errno
import os
from collections.abc import Iterable
from pathlib import Path

from survey_app.questionnaire.limits import MAX_WORKBOOK_BYTES, MAX_YAML_BYTES
from survey_app.questionnaire.media import AUDIO_FOLDER
from survey_app.questionnaire.model import Questionnaire
from survey_app.questionnaire.nodes import Node
from survey_app.questionnaire.pipeline import convert, convert_site, read, site_named
from survey_app.questionnaire.problems import (
    Problem,
    QuestionnaireError,
    Report,
    Where,
    make_problem,
    unique_sorted,
)
from survey_app.questionnaire.site import Site
from survey_app.questionnaire.source import WORKBOOK_SUFFIXES, SiteFile, Source

#: The largest file read (a questionnaire is a few dozen kilobytes).
MAX_FILE_BYTES = MAX_YAML_BYTES
SITE_FILE_NAME = "site.yaml"
YAML_SUFFIXES = (".yaml", ".yml")
PICTURE_FOLDER = "pictograms"


class SiteCache:
    """Site files read so far, so that a folder's questionnaires read their site once."""

    def __init__(self) -> None:
        self._sites: dict[str, tuple[Site | None, list[Problem]]] = {}

    def read(self, path: str | os.PathLike[str]) -> tuple[Site | None, list[Problem]]:
        """The site at ``path`` and its problems (from the cache when read before)."""
        key = os.path.abspath(path)
        if key not in self._sites:
            self._sites[key] = read_site(path)
        return self._sites[key]


def _read_bytes(path: str, report: Report, limit: int = MAX_FILE_BYTES) -> bytes | None:
    where = Where(path, 1)
    try:
        size = os.path.getsize(path)
        if size > limit:
            report.error(where, "file_too_large", limit=limit // 1024 // 1024)
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


def _read_workbook_bytes(path: str, report: Report) -> bytes | None:
    """A workbook's bytes (an ``.xls`` gives none: the read step refuses it by name)."""
    if path.lower().endswith(".xls"):
        return b""
    if os.path.isdir(path):  # worded as opening it would say
        error = IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), path)
        report.error(Where(path, 1), "not_workbook", detail=str(error))
        return None
    return _read_bytes(path, report, MAX_WORKBOOK_BYTES)


def load_source(
    path: str | os.PathLike[str],
    data: bytes | str | None = None,
    base_dir: str | os.PathLike[str] | None = None,
    fallback_dir: str | os.PathLike[str] | None = None,
    sites: SiteCache | None = None,
    default_language: str = "de",
    workbook: bool = False,
) -> tuple[Source | None, list[Problem]]:
    """Everything :func:`convert` reads for the file at ``path``, and the problems reading
    it (None when it cannot be read).

    ``data`` is the content when it is not (yet) in the file; ``site`` files, pictograms
    and recordings are looked for in ``base_dir`` (the file's folder by default), then in
    ``fallback_dir`` (the questionnaire folder, for files kept elsewhere); ``workbook``
    reads the file as a workbook whatever its name.
    """
    name = str(path)
    report = Report()
    if isinstance(data, str):
        data = data.encode("utf-8")
    workbook = workbook or name.lower().endswith(WORKBOOK_SUFFIXES)
    if data is None:
        data = (_read_workbook_bytes if workbook else _read_bytes)(name, report)
        if data is None:
            return None, report.problems
    base = Path(base_dir) if base_dir is not None else Path(name).parent
    folders = [base, *([Path(fallback_dir)] if fallback_dir is not None else [])]
    source = Source(name, data, default_language=default_language, workbook=workbook)
    site_file = site_named(source)
    found = {site_file: _find_site(site_file, folders, sites)} if site_file else {}
    source = dataclasses.replace(
        source,
        sites=found,
        pictures=_listing(folders, PICTURE_FOLDER),
        recordings=_listing(folders, AUDIO_FOLDER),
    )
    return source, report.problems


def _find_site(name: str, folders: list[Path], sites: SiteCache | None) -> SiteFile:
    """The site file ``name`` from the first folder that has it."""
    candidates = [folder / name for folder in folders]
    path = next((path for path in candidates if path.is_file()), None)
    if path is None:
        looked = ", ".join(dict.fromkeys(str(path) for path in candidates))
        return SiteFile(None, found=False, looked=looked)
    site, problems = (sites or SiteCache()).read(path)
    return SiteFile(site, tuple(problems))


def _listing(folders: list[Path], subfolder: str) -> frozenset[str]:
    """The names of the files in ``subfolder`` of each folder."""
    names: set[str] = set()
    for folder in folders:
        try:
            with os.scandir(folder / subfolder) as entries:
                names.update(entry.name for entry in entries if entry.is_file())
        except OSError:
            continue
    return frozenset(names)


def read_site(path: str | os.PathLike[str]) -> tuple[Site | None, list[Problem]]:
    """The site file at ``path`` (None if it has errors) and every problem found."""
    report = Report()
    data = _read_bytes(str(path), report)
    if data is None:
        return None, report.problems
    return convert_site(str(path), data)


def load_site(path: str | os.PathLike[str]) -> Site:
    """Load a site file; raises :class:`QuestionnaireError` listing all problems on errors."""
    site, problems = read_site(path)
    if site is None:
        raise QuestionnaireError(problems)
    return site


def parse_questionnaire(
    data: bytes | str,
    path: str | os.PathLike[str],
    sites: SiteCache | None = None,
    fallback_dir: Path | None = None,
) -> tuple[Questionnaire | None, list[Problem]]:
    """A questionnaire from file content (``path`` names it and locates its site file;
    ``fallback_dir`` is searched for the site file and pictograms when not beside it)."""
    source, problems = load_source(path, data, fallback_dir=fallback_dir, sites=sites)
    return convert(source) if source is not None else (None, problems)


def read_questionnaire(
    path: str | os.PathLike[str],
    sites: SiteCache | None = None,
    fallback_dir: Path | None = None,
) -> tuple[Questionnaire | None, list[Problem]]:
    """The questionnaire at ``path`` (None if it has errors) and every problem found."""
    source, problems = load_source(path, fallback_dir=fallback_dir, sites=sites)
    return convert(source) if source is not None else (None, problems)


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
    if path.lower().endswith(WORKBOOK_SUFFIXES):
        return None, _workbook_problems(path, fallback_dir)
    source, problems = load_source(path, fallback_dir=fallback_dir, sites=sites)
    if source is None:
        return None, problems
    root = read(source, Report())
    if root is not None and is_site_file(path, root):
        return None, sites.read(path)[1]
    return convert(source)


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
