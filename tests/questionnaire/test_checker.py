"""The checker: each class of problem, on a small broken file written here, with file:line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from survey_app.questionnaire import (
    Problem,
    QuestionnaireError,
    check_files,
    load_questionnaire,
    load_site,
)
from survey_app.questionnaire.messages import term
from tests.questionnaire.conftest import SITE_YAML, write

HEADER = """\
id: q
version: "1"
site: site.yaml
audience: parents
languages: [de, en]
title: {de: Titel, en: Title}
"""

PAGE = """\
pages:
  - id: seite
    questions:
      - id: farbe
        type: single_choice
        label: {de: Farbe, en: Colour}
        choices:
          - value: rot
            label: {de: rot, en: red}
          - value: blau
            label: {de: blau, en: blue}
"""


def check(folder: Path, text: str, name: str = "q.yaml", strict: bool = False) -> list[Problem]:
    write(folder, "site.yaml", SITE_YAML)
    write(folder, name, text)
    return check_files([folder / name], strict=strict)


def lines(problems: list[Problem], severity: str = "error") -> list[tuple[int, str]]:
    return [(p.line, p.code) for p in problems if p.severity == severity]


def assert_reported(
    problems: list[Problem], line: int, code: str, severity: str = "error", **values: Any
) -> Problem:
    """The problem with ``code`` at ``line`` (and these values); fails listing all."""
    for problem in problems:
        params = dict(problem.params)
        if (
            problem.line == line
            and problem.code == code
            and problem.severity == severity
            and all(params.get(key) == value for key, value in values.items())
        ):
            return problem
    raise AssertionError(
        f"no {severity} {code} {values} on line {line}; got:\n"
        + "\n".join(f"{p.line} {p.code} {dict(p.params)}" for p in problems)
    )


def test_valid_file__no_problems(tmp_path: Path) -> None:
    assert check(tmp_path, HEADER + PAGE) == []


def test_problem__prints_as_path_line_severity_message(tmp_path: Path) -> None:
    problems = check(tmp_path, HEADER + "pages: []\n")
    assert (
        str(problems[0])
        == f"{tmp_path / 'q.yaml'}:7: error: pages is empty; add at least one page with questions"
    )


# --- files that are not YAML ----------------------------------------------------------


def test_yaml_syntax_error__reports_line(tmp_path: Path) -> None:
    problems = check(tmp_path, HEADER + "pages:\n  - id: seite\n   questions: [\n")
    assert_reported(problems, 9, "yaml_syntax")


def test_yaml_syntax_error__unquoted_question_mark_gets_a_hint(tmp_path: Path) -> None:
    problems = check(tmp_path, 'id: q\ntitle: {de: Wie alt?, en: "How old?"}\n')
    assert_reported(problems, 2, "yaml_syntax_flow")


def test_yaml_syntax_error__unclosed_quote(tmp_path: Path) -> None:
    problems = check(tmp_path, 'id: q\ntitle: "Titel\n')
    assert [p.code for p in problems] == ["yaml_syntax"]


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "file_empty"),
        (b"   \n\n", "file_empty"),
        (b"# only a comment\n", "no_data"),
        ("id: caf\u00e9\n".encode("latin-1"), "not_utf8"),
        ("id: q\n".encode("utf-16"), "not_utf8"),
        (bytes(range(256)), "not_utf8"),
        (b"\x00\x01\x02binary\x00", "not_yaml"),
        (b"PK\x03\x04\x14\x00\x06\x00", "not_yaml"),
        (b"- just\n- a list\n", "not_mapping"),
        (b"just a sentence", "not_mapping"),
        (b"a: &x [*x]\n", "yaml_nested_alias"),
        (b"[" * 2000, "yaml_nested"),
    ],
)
def test_junk_file__reported_not_raised(tmp_path: Path, content: bytes, code: str) -> None:
    (tmp_path / "junk.yaml").write_bytes(content)
    problems = check_files([tmp_path / "junk.yaml"])
    assert any(p.code == code and p.severity == "error" for p in problems), problems


def test_missing_file_and_spreadsheet(tmp_path: Path) -> None:
    (tmp_path / "form.xlsx").write_bytes(b"PK")
    problems = check_files([tmp_path / "missing.yaml", tmp_path / "form.xlsx"])
    assert [(p.code, p.severity) for p in problems] == [
        ("not_workbook", "error"),
        ("workbook_in_folder", "warning"),
        ("no_such_file", "error"),
    ]


# --- keys -----------------------------------------------------------------------------


def test_unknown_keys__did_you_mean(tmp_path: Path) -> None:
    text = HEADER.replace("title:", "titel:") + PAGE.replace(
        "label: {de: Farbe", "lable: {de: Farbe"
    )
    problems = check(tmp_path, text)
    assert_reported(problems, 6, "unknown_key", key="titel", near="title")
    assert_reported(problems, 1, "missing_key", key="title")
    assert_reported(problems, 12, "unknown_key", key="lable", near="label")


def test_missing_required_keys(tmp_path: Path) -> None:
    text = "id: q\nlanguages: [de]\npages:\n  - questions:\n      - id: a\n        label: A\n"
    problems = check(tmp_path, text)
    for key in ("version", "audience", "title"):
        assert_reported(problems, 1, "missing_key", key=key)
    assert_reported(problems, 4, "missing_key", key="id")
    assert_reported(problems, 5, "missing_key", key="type")


def test_key_not_used_by_the_type(tmp_path: Path) -> None:
    text = HEADER + PAGE.replace("        choices:\n", "        points: 5\n        choices:\n")
    assert_reported(
        check(tmp_path, text), 13, "key_not_for_type", key="points", kind="single_choice"
    )


def test_duplicate_key_in_a_mapping(tmp_path: Path) -> None:
    text = HEADER + "version: '2'\n" + PAGE
    assert_reported(check(tmp_path, text), 7, "duplicate_key", key="version")


# --- types ----------------------------------------------------------------------------


def test_unknown_question_type__did_you_mean(tmp_path: Path) -> None:
    problems = check(tmp_path, HEADER + PAGE.replace("type: single_choice", "type: singel_choice"))
    assert_reported(problems, 11, "unknown_type", kind="singel_choice", near="single_choice")


def test_xlsform_type_name__suggests_ours(tmp_path: Path) -> None:
    problems = check(tmp_path, HEADER + PAGE.replace("type: single_choice", "type: select_one"))
    assert_reported(problems, 11, "unknown_type", kind="select_one")


def test_wrong_value_types(tmp_path: Path) -> None:
    extra = """\
      - id: zahl
        type: integer
        label: {de: Zahl, en: Number}
        required: ja
        min: "0"
        max: 1.5
"""
    problems = check(tmp_path, HEADER + PAGE + extra)
    assert_reported(problems, 21, "not_boolean", what="required")
    assert_reported(problems, 22, "not_whole_number", what="min")
    assert_reported(problems, 23, "not_whole_number", what="max")


# --- duplicate ids --------------------------------------------------------------------


def test_duplicate_ids__questions_pages_choices(tmp_path: Path) -> None:
    text = (
        HEADER
        + PAGE.replace("value: blau", "value: rot")
        + """\
  - id: seite
    questions:
      - id: farbe
        type: text
        label: {de: Text, en: Text}
"""
    )
    problems = check(tmp_path, text)
    assert_reported(problems, 16, "duplicate_choice", key="rot", first=14)
    assert_reported(problems, 18, "duplicate_page", key="seite")
    assert_reported(problems, 20, "duplicate_question", id="farbe", first=10)


def test_duplicate_ids__in_the_site_file(tmp_path: Path) -> None:
    site = SITE_YAML.replace("  - id: nord\n", "  - id: altstadt\n")
    write(tmp_path, "site.yaml", site)
    problems = check_files([tmp_path / "site.yaml"])
    assert_reported(problems, 8, "duplicate_site_id", key="altstadt", list="districts")


def test_duplicate_questionnaire_ids_across_files(tmp_path: Path) -> None:
    check(tmp_path, HEADER + PAGE)
    write(tmp_path, "other.yaml", HEADER + PAGE)
    problems = check_files([tmp_path])
    assert_reported(problems, 1, "id_used_twice")


# --- lists ----------------------------------------------------------------------------


def test_missing_choice_list__did_you_mean(tmp_path: Path) -> None:
    text = (
        HEADER
        + "choice_lists:\n  farben:\n    - value: rot\n      label: {de: rot, en: red}\n"
        + PAGE.replace(
            "        choices:\n          - value: rot\n            label: {de: rot, en: red}\n"
            "          - value: blau\n            label: {de: blau, en: blue}\n",
            "        choices: farbn\n",
        )
    )
    assert_reported(check(tmp_path, text), 17, "no_such_list", list="farbn", near="farben")


def test_site_lists_need_a_site_file(tmp_path: Path) -> None:
    text = HEADER.replace("site: site.yaml\n", "") + PAGE.replace(
        "        choices:\n          - value: rot",
        "        choices: offers\n        x:\n          - value: rot",
    )
    problems = check(tmp_path, text)
    assert_reported(problems, 12, "site_list_without_site", name="offers")


def test_missing_site_file(tmp_path: Path) -> None:
    problems = check(tmp_path, HEADER.replace("site: site.yaml", "site: sitee.yaml") + PAGE)
    assert_reported(problems, 3, "site_not_found", file="sitee.yaml")


def test_missing_offer_category_and_district_in_the_site(tmp_path: Path) -> None:
    site = SITE_YAML.replace(
        'category: familienbildung\n    life_phases: ["0-3"]',
        'category: fruehe-hilfe\n    life_phases: ["0-3"]',
    )
    site = site.replace("districts: [nord]", "districts: [nordd]")
    write(tmp_path, "site.yaml", site)
    problems = check_files([tmp_path / "site.yaml"])
    assert_reported(problems, 32, "unknown_category", category="fruehe-hilfe")
    district = next(p for p in problems if p.code == "offer_unknown_reference")
    assert district.line == 34 and dict(district.params)["near"] == "nord"


def test_reserved_list_name(tmp_path: Path) -> None:
    text = HEADER + "choice_lists:\n  offers:\n    - value: a\n      label: {de: a, en: a}\n" + PAGE
    assert_reported(check(tmp_path, text), 8, "reserved_list_name", name="offers")


def test_missing_pictogram(tmp_path: Path) -> None:
    (tmp_path / "pictograms").mkdir()
    (tmp_path / "pictograms" / "red.svg").write_text("<svg/>")
    text = HEADER + PAGE.replace(
        "value: rot\n", "value: rot\n            image: red.svg\n"
    ).replace("value: blau\n", "value: blau\n            image: blue.svg\n")
    problems = check(tmp_path, text)
    # Every picture also needs a text for people who cannot see it.
    assert lines(problems) == [
        (14, "image_without_alt"),
        (17, "image_without_alt"),
        (18, "image_missing"),
    ]


# --- expressions ----------------------------------------------------------------------

QUESTIONS = """\
      - id: alter
        type: integer
        label: {de: Alter, en: Age}
      - id: grund
        type: text
        label: {de: Grund, en: Reason}
"""


def test_unparseable_expression__reports_column(tmp_path: Path) -> None:
    text = HEADER + PAGE + QUESTIONS + "        relevant: ${alter} > 3 and (${farbe} = 'rot'\n"
    what = term("key_of_question", key="relevant", id="grund")
    problem = assert_reported(
        check(tmp_path, text), 24, "expression_unreadable", column=35, what=what
    )
    assert dict(problem.params)["reason"].code == "expr_expected"


def test_unknown_reference__did_you_mean(tmp_path: Path) -> None:
    text = HEADER + PAGE + QUESTIONS + "        relevant: ${altr} > 3\n"
    assert_reported(check(tmp_path, text), 24, "ref_not_question", name="altr", near="alter")


def test_reference_to_a_later_question(tmp_path: Path) -> None:
    text = (
        HEADER
        + PAGE.replace("        choices:\n", "        relevant: ${alter} > 3\n        choices:\n")
        + QUESTIONS
    )
    assert_reported(check(tmp_path, text), 13, "ref_later", name="alter")


def test_page_relevant_referring_to_its_own_question(tmp_path: Path) -> None:
    text = HEADER + PAGE.replace(
        "  - id: seite\n", "  - id: seite\n    relevant: ${farbe} = 'rot'\n"
    )
    assert_reported(check(tmp_path, text), 9, "ref_later")


def test_constraint_may_use_itself_but_not_later(tmp_path: Path) -> None:
    ok = (
        HEADER
        + PAGE
        + QUESTIONS.replace(
            "Alter, en: Age}\n", "Alter, en: Age}\n        constraint: . < 120 and ${alter} >= 0\n"
        )
    )
    assert check(tmp_path, ok) == []
    bad = ok.replace("${alter} >= 0", "${grund} != ''")
    assert_reported(check(tmp_path, bad), 21, "ref_later", name="grund")


def test_comparing_a_choice_question_with_an_unknown_value(tmp_path: Path) -> None:
    text = (
        HEADER
        + PAGE
        + QUESTIONS
        + "        relevant: ${farbe} = 'gruen' or selected(${farbe}, 'blaue')\n"
    )
    problems = check(tmp_path, text)
    assert_reported(problems, 24, "compared_value", name="farbe", value="gruen")
    assert_reported(problems, 24, "compared_value", value="blaue", near="blau")


def test_comparing_a_yes_no_question_uses_yes_and_no(tmp_path: Path) -> None:
    text = (
        HEADER
        + PAGE.replace("type: single_choice", "type: yes_no").replace(
            "        choices:\n          - value: rot\n            label: {de: rot, en: red}\n"
            "          - value: blau\n            label: {de: blau, en: blue}\n",
            "",
        )
        + QUESTIONS
        + "        relevant: ${farbe} = 'ja'\n"
    )
    assert_reported(check(tmp_path, text), 19, "compared_value", value="ja", values="yes, no")


def test_current_and_bare_names_in_the_wrong_place(tmp_path: Path) -> None:
    text = HEADER + PAGE + QUESTIONS + "        relevant: . > 1 or alter > 2\n"
    problems = check(tmp_path, text)
    assert_reported(problems, 24, "dot_outside_constraint")
    assert_reported(problems, 24, "bare_name", name="alter")


def test_choice_filter_attribute_must_exist(tmp_path: Path) -> None:
    text = HEADER + PAGE.replace(
        "        choices:\n", "        choice_filter: farbe_gruppe = 'x'\n        choices:\n"
    )
    assert_reported(check(tmp_path, text), 13, "no_attribute", name="farbe_gruppe")


def test_expressions_cannot_use_matrix_answers(tmp_path: Path) -> None:
    text = (
        HEADER
        + PAGE.replace("type: single_choice", "type: matrix").replace(
            "        choices:\n",
            "        rows:\n          - value: r1\n            label: {de: R, en: R}\n        choices:\n",
        )
        + QUESTIONS
        + "        relevant: ${farbe} = 'rot'\n"
    )
    assert_reported(check(tmp_path, text), 27, "ref_no_value", name="farbe", type="matrix")


# --- scores ---------------------------------------------------------------------------


def test_score_items_must_exist_and_be_numeric(tmp_path: Path) -> None:
    scores = """\
scores:
  - id: s
    label: {de: S, en: S}
    items: [alter, grund, farbe, nichts]
    reverse: [alter]
"""
    problems = check(tmp_path, HEADER + scores + PAGE + QUESTIONS)
    assert_reported(problems, 10, "score_item_not_numeric", item="grund", type="text")
    assert_reported(problems, 10, "score_item_not_numeric", item="farbe", type="single_choice")
    assert_reported(problems, 10, "score_item_not_question", item="nichts")
    assert_reported(problems, 11, "reverse_needs_range", item="alter")


def test_score_bands_must_grow(tmp_path: Path) -> None:
    scores = """\
scores:
  - id: s
    label: {de: S, en: S}
    items: [alter]
    method: median
    bands:
      - {id: hoch, label: {de: h, en: h}, below: 10}
      - {id: tief, label: {de: t, en: t}, below: 5}
      - {id: rest, label: {de: r, en: r}}
"""
    problems = check(tmp_path, HEADER + scores + PAGE + QUESTIONS)
    assert_reported(problems, 11, "not_one_of", what="method", text="median")
    assert_reported(problems, 14, "band_below_order")


# --- roles ----------------------------------------------------------------------------


def test_roles_used_inconsistently(tmp_path: Path) -> None:
    text = (
        HEADER
        + PAGE.replace("        choices:\n", "        role: offer_awareness\n        choices:\n")
        + """\
      - id: alter
        type: integer
        label: {de: Alter, en: Age}
        role: child_age
      - id: alter2
        type: integer
        label: {de: Alter, en: Age}
        role: child_age
      - id: gruppe
        type: yes_no
        label: {de: G, en: G}
        role: equity_group
      - id: gruppe2
        type: yes_no
        label: {de: G, en: G}
        role: equity_group
        equity_group: {label: {de: G, en: G}, members: []}
      - id: wunsch
        type: text
        label: {de: W, en: W}
        role: wunsch
      - id: gruppe3
        type: yes_no
        label: {de: G, en: G}
        equity_group: {label: {de: G, en: G}, members: ["ja"]}
        role: equity_group
"""
    )
    problems = check(tmp_path, text)
    assert_reported(problems, 13, "role_mismatch", role="offer_awareness")
    assert_reported(problems, 26, "role_twice", role="child_age", first="alter")
    assert_reported(problems, 30, "role_mismatch", role="equity_group")
    assert_reported(problems, 35, "equity_no_members")
    assert_reported(problems, 39, "unknown_role", role="wunsch", near="wish")
    assert_reported(problems, 43, "equity_not_choices", what="members", id="gruppe3")


def test_equity_group_without_the_role(tmp_path: Path) -> None:
    text = HEADER + PAGE.replace(
        "        choices:\n",
        "        equity_group: {label: {de: R, en: R}, members: [rot]}\n        choices:\n",
    )
    assert_reported(check(tmp_path, text), 13, "equity_role_missing")


# --- languages ------------------------------------------------------------------------


def test_undeclared_language(tmp_path: Path) -> None:
    problems = check(tmp_path, HEADER.replace("en: Title}", "en: Title, fr: Titre}") + PAGE)
    assert_reported(problems, 6, "language_not_declared", lang="fr", what="title")


@pytest.mark.parametrize(
    "tag", ["EN_us", "ger man", "x", "de-x-", "123", "de--at", "de-x-toolongsubtag"]
)
def test_invalid_bcp47_tags(tmp_path: Path, tag: str) -> None:
    problems = check(tmp_path, HEADER.replace("[de, en]", f"[de, en, '{tag}']") + PAGE)
    assert_reported(problems, 5, "not_language_tag", text=tag)


@pytest.mark.parametrize(
    "tag", ["de-x-ls", "pt-BR", "zh-Hant-TW", "sr-Latn", "es-419", "de-CH-1996", "x-private"]
)
def test_valid_bcp47_tags(tag: str) -> None:
    from survey_app.questionnaire.languages import is_language_tag

    assert is_language_tag(tag)


def test_missing_translations__warning_or_error_with_strict(tmp_path: Path) -> None:
    text = HEADER.replace("[de, en]", "[de, en, de-x-ls]") + PAGE
    problems = check(tmp_path, text)
    problem = assert_reported(problems, 6, "translation_missing", what="title", severity="warning")
    assert dict(problem.params)["add"] == "'de-x-ls: ...'"
    assert not any(p.is_error for p in problems if p.code != "site_has_errors")
    strict = check(tmp_path, text, strict=True)
    assert_reported(strict, 6, "translation_missing", what="title")
    assert all(p.is_error for p in strict)


def test_site_file_detected_by_municipality_key(tmp_path: Path) -> None:
    write(
        tmp_path, "stadt.yaml", SITE_YAML.replace("languages: [de, en]", "languages: [de, en, tr]")
    )
    problems = check_files([tmp_path / "stadt.yaml"])
    assert problems and {p.code for p in problems} == {"translation_missing"}


def test_all_problems_in_one_run(tmp_path: Path) -> None:
    text = (
        HEADER.replace("audience: parents", "audience: kids")
        + PAGE.replace("type: single_choice", "type: choice")
        + QUESTIONS
        + ("        relevant: ${nope} = 1\n")
    )
    problems = check(tmp_path, text)
    assert len([p for p in problems if p.is_error]) == 3


# --- the loader's exception -----------------------------------------------------------


def test_load_questionnaire__raises_with_all_problems(tmp_path: Path) -> None:
    check(tmp_path, "id: q\n")
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(tmp_path / "q.yaml")
    assert len(caught.value.problems) == 5
    assert "q.yaml:1: error: the questionnaire has no 'version'" in str(caught.value)


def test_load_site__raises_on_errors(tmp_path: Path) -> None:
    write(tmp_path, "site.yaml", "municipality: X\n")
    with pytest.raises(QuestionnaireError, match="has no 'languages'"):
        load_site(tmp_path / "site.yaml")


def test_file_name_should_match_the_id(tmp_path: Path) -> None:
    problems = check(tmp_path, HEADER + PAGE, name="fragebogen.yaml")
    assert_reported(problems, 1, "file_name_mismatch", severity="warning")
