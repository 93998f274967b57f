"""The questionnaire pipeline: read → build → check, with no file IO.

``convert(source) → (model, problems)`` (model: pyxform's IO-free ``convert()``):

1. **read** — YAML bytes (or a workbook's sheets) to a tree with places (:func:`read`);
2. **build** — tree to the parts of a questionnaire, each entry's shape checked
   (:func:`~survey_app.questionnaire.build_questionnaire.build_questionnaire`);
3. **check** — how the parts fit (:func:`check`); the model is kept only without errors.

The loader (:mod:`survey_app.questionnaire.loader`) is the one step before that opens
files: it fills the :class:`~survey_app.questionnaire.source.Source` with the bytes, the
site file the questionnaire names and the listings of its media folders.
"""

from __future__ import annotations

import functools
from pathlib import Path

from survey_app.questionnaire.build_questionnaire import Built, build_questionnaire
from survey_app.questionnaire.build_site import build_site
from survey_app.questionnaire.checks import Parts, check_all, check_translations, site_language_gaps
from survey_app.questionnaire.model import Questionnaire
from survey_app.questionnaire.nodes import Node, parse_yaml
from survey_app.questionnaire.problems import Problem, Report
from survey_app.questionnaire.site import Site
from survey_app.questionnaire.source import Source


def convert(source: Source) -> tuple[Questionnaire | None, list[Problem]]:
    """The questionnaire in ``source`` (None if it has errors) and every problem found.

    A workbook is converted as its import does (problems sorted, by sheet and row).
    """
    if source.is_workbook:
        from survey_app.questionnaire.xlsform_import import convert_workbook

        result = convert_workbook(source)
        return result.questionnaire, result.problems
    report = Report()
    root = read(source, report)
    if root is None:
        return None, report.problems
    questionnaire = check(build_questionnaire(root, source, report), report)
    if questionnaire is not None and Path(source.path).stem != questionnaire.id:
        report.warning(
            root.where_of("id"),
            "file_name_mismatch",
            name=Path(source.path).name,
            id=questionnaire.id,
        )
    return questionnaire, report.problems


def read(source: Source, report: Report) -> Node | None:
    """Step 1 for YAML: the bytes as a tree (None, reported, when unreadable)."""
    root, problems = _parsed(source.data, source.path)
    report.extend(problems)
    return root


@functools.lru_cache(maxsize=16)
def _parsed(data: bytes, name: str) -> tuple[Node | None, tuple[Problem, ...]]:
    """Parsed trees of the last files (the loader reads the ``site:`` key first)."""
    report = Report()
    root = parse_yaml(data, name, report)
    return root, tuple(report.problems)


def check(built: Built, report: Report) -> Questionnaire | None:
    """Step 3: how the built parts fit; the questionnaire, or None when any error was found."""
    check_all(Parts(built.pages, built.scores, built.locations, built.question_ids, report))
    check_translations(built.texts, built.languages, report)
    if built.site is not None and (gaps := site_language_gaps(built.site, built.languages)):
        report.warning(built.root.where_of("site"), "site_languages_missing", languages=gaps)
    if report.has_errors:
        return None
    return built.questionnaire


def site_named(source: Source) -> str | None:
    """The site file a questionnaire names (``site:``), as the builder will read it; the
    loader reads that file before :func:`convert`."""
    if source.is_workbook:
        from survey_app.questionnaire.xlsform_import import workbook_tree

        root = workbook_tree(source)
    else:
        root = read(source, Report())
    node = root.get("site") if root is not None and root.kind == "map" else None
    if node is None or node.kind != "scalar" or node.value is None or not node.text.strip():
        return None
    return node.text.strip()


def convert_site(path: str, data: bytes) -> tuple[Site | None, list[Problem]]:
    """The site file ``data`` named ``path`` (None if it has errors) and its problems."""
    report = Report()
    root = parse_yaml(data, path, report)
    if root is None:
        return None, report.problems
    return site_from_tree(root, path, report)


def site_from_tree(root: Node, path: str, report: Report) -> tuple[Site | None, list[Problem]]:
    """Build a site from a parsed tree; returns it (None on errors) and all problems."""
    site, reader = build_site(root, path, report)
    check_translations(reader.texts, reader.languages or [], report)
    return (None if report.has_errors else site), report.problems
