"""The checker: each class of problem, on a small broken file written here, with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from survey_app.questionnaire import (
    Problem,
    QuestionnaireError,
    check_files,
    load_questionnaire,
    load_site,
)
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
    return [(p.line, p.message) for p in problems if p.severity == severity]


def assert_reported(
    problems: list[Problem], line: int, *fragments: str, severity: str = "error"
) -> Problem:
    for problem in problems:
        if (
            problem.line == line
            and problem.severity == severity
            and all(f in problem.message for f in fragments)
        ):
            return problem
    raise AssertionError(
        f"no {severity} on line {line} with {fragments}; got:\n" + "\n".join(map(str, problems))
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
    assert_reported(problems, 9, "YAML syntax error")


def test_yaml_syntax_error__unquoted_question_mark_gets_a_hint(tmp_path: Path) -> None:
    problems = check(tmp_path, 'id: q\ntitle: {de: Wie alt?, en: "How old?"}\n')
    assert_reported(
        problems,
        2,
        "YAML syntax error",
        'put texts with ? : , or # in quotes, e.g. {de: "Wie alt?"}',
    )


def test_yaml_syntax_error__unclosed_quote(tmp_path: Path) -> None:
    problems = check(tmp_path, 'id: q\ntitle: "Titel\n')
    assert len(problems) == 1 and "YAML syntax error" in problems[0].message


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "the file is empty"),
        (b"   \n\n", "the file is empty"),
        (b"# only a comment\n", "holds no data"),
        ("id: caf\u00e9\n".encode("latin-1"), "not UTF-8"),
        ("id: q\n".encode("utf-16"), "not UTF-8"),
        (bytes(range(256)), "not UTF-8"),
        (b"\x00\x01\x02binary\x00", "not a YAML text file"),
        (b"PK\x03\x04\x14\x00\x06\x00", "not a YAML text file"),
        (b"- just\n- a list\n", "must be a mapping"),
        (b"just a sentence", "must be a mapping"),
        (b"a: &x [*x]\n", "alias"),
        (b"[" * 2000, "nested too deeply"),
    ],
)
def test_junk_file__reported_not_raised(tmp_path: Path, content: bytes, fragment: str) -> None:
    (tmp_path / "junk.yaml").write_bytes(content)
    problems = check_files([tmp_path / "junk.yaml"])
    assert any(fragment in p.message and p.severity == "error" for p in problems), problems


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
    assert_reported(problems, 6, "unknown key 'titel'", "did you mean 'title'?")
    assert_reported(problems, 1, "has no 'title'")
    assert_reported(problems, 12, "unknown key 'lable'", "did you mean 'label'?")


def test_missing_required_keys(tmp_path: Path) -> None:
    text = "id: q\nlanguages: [de]\npages:\n  - questions:\n      - id: a\n        label: A\n"
    problems = check(tmp_path, text)
    for key in ("version", "audience", "title"):
        assert_reported(problems, 1, f"has no '{key}'")
    assert_reported(problems, 4, "a page has no 'id'")
    assert_reported(problems, 5, "a question has no 'type'")


def test_key_not_used_by_the_type(tmp_path: Path) -> None:
    text = HEADER + PAGE.replace("        choices:\n", "        points: 5\n        choices:\n")
    assert_reported(check(tmp_path, text), 13, "'points' is not used by single_choice")


def test_duplicate_key_in_a_mapping(tmp_path: Path) -> None:
    text = HEADER + "version: '2'\n" + PAGE
    assert_reported(check(tmp_path, text), 7, "'version' appears twice", "line 2")


# --- types ----------------------------------------------------------------------------


def test_unknown_question_type__did_you_mean(tmp_path: Path) -> None:
    problems = check(tmp_path, HEADER + PAGE.replace("type: single_choice", "type: singel_choice"))
    assert_reported(
        problems, 11, "unknown question type 'singel_choice'", "did you mean 'single_choice'?"
    )


def test_xlsform_type_name__suggests_ours(tmp_path: Path) -> None:
    problems = check(tmp_path, HEADER + PAGE.replace("type: single_choice", "type: select_one"))
    assert_reported(problems, 11, "unknown question type 'select_one'", "use 'single_choice'")


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
    assert_reported(problems, 21, "required must be true or false")
    assert_reported(problems, 22, "min must be a whole number")
    assert_reported(problems, 23, "max must be a whole number")


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
    assert_reported(problems, 16, "duplicate choice value 'rot'", "first on line 14")
    assert_reported(problems, 18, "duplicate page id 'seite'", "first on line 8")
    assert_reported(problems, 20, "duplicate question id 'farbe'", "first on line 10")


def test_duplicate_ids__in_the_site_file(tmp_path: Path) -> None:
    site = SITE_YAML.replace("  - id: nord\n", "  - id: altstadt\n")
    write(tmp_path, "site.yaml", site)
    problems = check_files([tmp_path / "site.yaml"])
    assert_reported(problems, 8, "duplicate id 'altstadt' in districts")


def test_duplicate_questionnaire_ids_across_files(tmp_path: Path) -> None:
    check(tmp_path, HEADER + PAGE)
    write(tmp_path, "other.yaml", HEADER + PAGE)
    problems = check_files([tmp_path])
    assert_reported(problems, 1, "the id 'q' is already used")


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
    assert_reported(check(tmp_path, text), 17, "no choice list 'farbn'", "did you mean 'farben'?")


def test_site_lists_need_a_site_file(tmp_path: Path) -> None:
    text = HEADER.replace("site: site.yaml\n", "") + PAGE.replace(
        "        choices:\n          - value: rot",
        "        choices: offers\n        x:\n          - value: rot",
    )
    problems = check(tmp_path, text)
    assert_reported(problems, 12, "'offers' come from the site file", "add 'site: site.yaml'")


def test_missing_site_file(tmp_path: Path) -> None:
    problems = check(tmp_path, HEADER.replace("site: site.yaml", "site: sitee.yaml") + PAGE)
    assert_reported(problems, 3, "site file 'sitee.yaml' not found")


def test_missing_offer_category_and_district_in_the_site(tmp_path: Path) -> None:
    site = SITE_YAML.replace(
        'category: familienbildung\n    life_phases: ["0-3"]',
        'category: fruehe-hilfe\n    life_phases: ["0-3"]',
    )
    site = site.replace("districts: [nord]", "districts: [nordd]")
    write(tmp_path, "site.yaml", site)
    problems = check_files([tmp_path / "site.yaml"])
    assert_reported(problems, 32, "unknown category 'fruehe-hilfe'", "add it under 'categories'")
    district = next(p for p in problems if p.code == "offer_unknown_reference")
    assert district.line == 34 and dict(district.params)["near"] == "nord"


def test_reserved_list_name(tmp_path: Path) -> None:
    text = HEADER + "choice_lists:\n  offers:\n    - value: a\n      label: {de: a, en: a}\n" + PAGE
    assert_reported(check(tmp_path, text), 8, "'offers' is reserved")


def test_missing_pictogram(tmp_path: Path) -> None:
    (tmp_path / "pictograms").mkdir()
    (tmp_path / "pictograms" / "red.svg").write_text("<svg/>")
    text = HEADER + PAGE.replace(
        "value: rot\n", "value: rot\n            image: red.svg\n"
    ).replace("value: blau\n", "value: blau\n            image: blue.svg\n")
    problems = check(tmp_path, text)
    # Every picture also needs a text for people who cannot see it.
    assert [(line, message.split(";")[0]) for line, message in lines(problems)] == [
        (14, "choice 'rot': the image 'red.svg' has no image_alt"),
        (17, "choice 'blau': the image 'blue.svg' has no image_alt"),
        (18, "image 'blue.svg' is not in pictograms/"),
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
    problem = assert_reported(
        check(tmp_path, text), 24, "relevant of question 'grund'", "column 35", "expected ')'"
    )
    assert "cannot read the expression" in problem.message


def test_unknown_reference__did_you_mean(tmp_path: Path) -> None:
    text = HEADER + PAGE + QUESTIONS + "        relevant: ${altr} > 3\n"
    assert_reported(
        check(tmp_path, text), 24, "${altr}", "is not a question", "did you mean 'alter'?"
    )


def test_reference_to_a_later_question(tmp_path: Path) -> None:
    text = (
        HEADER
        + PAGE.replace("        choices:\n", "        relevant: ${alter} > 3\n        choices:\n")
        + QUESTIONS
    )
    assert_reported(check(tmp_path, text), 13, "${alter} is a question that comes later")


def test_page_relevant_referring_to_its_own_question(tmp_path: Path) -> None:
    text = HEADER + PAGE.replace(
        "  - id: seite\n", "  - id: seite\n    relevant: ${farbe} = 'rot'\n"
    )
    assert_reported(check(tmp_path, text), 9, "relevant of page 'seite'", "comes later")


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
    assert_reported(check(tmp_path, bad), 21, "${grund} is a question that comes later")


def test_comparing_a_choice_question_with_an_unknown_value(tmp_path: Path) -> None:
    text = (
        HEADER
        + PAGE
        + QUESTIONS
        + "        relevant: ${farbe} = 'gruen' or selected(${farbe}, 'blaue')\n"
    )
    problems = check(tmp_path, text)
    assert_reported(problems, 24, "${farbe} is compared with 'gruen'", "(rot, blau)")
    assert_reported(problems, 24, "compared with 'blaue'", "did you mean 'blau'?")


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
    assert_reported(check(tmp_path, text), 19, "compared with 'ja'", "(yes, no)")


def test_current_and_bare_names_in_the_wrong_place(tmp_path: Path) -> None:
    text = HEADER + PAGE + QUESTIONS + "        relevant: . > 1 or alter > 2\n"
    problems = check(tmp_path, text)
    assert_reported(problems, 24, "'.' (the answer itself) only works in a constraint")
    assert_reported(
        problems, 24, "bare name 'alter' only works in choice_filter", "did you mean ${alter}?"
    )


def test_choice_filter_attribute_must_exist(tmp_path: Path) -> None:
    text = HEADER + PAGE.replace(
        "        choices:\n", "        choice_filter: farbe_gruppe = 'x'\n        choices:\n"
    )
    assert_reported(check(tmp_path, text), 13, "no choice has the attribute 'farbe_gruppe'")


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
    assert_reported(check(tmp_path, text), 27, "${farbe} is a matrix question")


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
    assert_reported(problems, 10, "item 'grund' is a text question without numeric answers")
    assert_reported(
        problems, 10, "item 'farbe' is a single_choice question without numeric answers"
    )
    assert_reported(problems, 10, "item 'nichts' is not a question")
    assert_reported(problems, 11, "reverse-coding 'alter' needs its lowest and highest value")


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
    assert_reported(problems, 11, "method 'median' is not one of sum, mean")
    assert_reported(problems, 14, "below must grow")


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
    assert_reported(
        problems, 13, "role 'offer_awareness'", "multiple_choice with 'choices: offers'"
    )
    assert_reported(problems, 26, "role 'child_age' is used twice", "first by question 'alter'")
    assert_reported(problems, 30, "has no 'equity_group: {label: ..., members: [...]}'")
    assert_reported(problems, 35, "equity_group of question 'gruppe2' has no members")
    assert_reported(problems, 39, "unknown role 'wunsch'", "did you mean 'wish'?")
    assert_reported(problems, 43, "members of question 'gruppe3' are not among its choices: ja")


def test_equity_group_without_the_role(tmp_path: Path) -> None:
    text = HEADER + PAGE.replace(
        "        choices:\n",
        "        equity_group: {label: {de: R, en: R}, members: [rot]}\n        choices:\n",
    )
    assert_reported(
        check(tmp_path, text), 13, "has an equity_group but its role is not 'equity_group'"
    )


# --- languages ------------------------------------------------------------------------


def test_undeclared_language(tmp_path: Path) -> None:
    problems = check(tmp_path, HEADER.replace("en: Title}", "en: Title, fr: Titre}") + PAGE)
    assert_reported(
        problems, 6, "language 'fr' in title is not declared", "add it to 'languages' (de, en)"
    )


@pytest.mark.parametrize(
    "tag", ["EN_us", "ger man", "x", "de-x-", "123", "de--at", "de-x-toolongsubtag"]
)
def test_invalid_bcp47_tags(tmp_path: Path, tag: str) -> None:
    problems = check(tmp_path, HEADER.replace("[de, en]", f"[de, en, '{tag}']") + PAGE)
    assert_reported(problems, 5, f"'{tag}' is not a BCP-47 language tag", "de-x-ls")


@pytest.mark.parametrize(
    "tag", ["de-x-ls", "pt-BR", "zh-Hant-TW", "sr-Latn", "es-419", "de-CH-1996", "x-private"]
)
def test_valid_bcp47_tags(tag: str) -> None:
    from survey_app.questionnaire.languages import is_language_tag

    assert is_language_tag(tag)


def test_missing_translations__warning_or_error_with_strict(tmp_path: Path) -> None:
    text = HEADER.replace("[de, en]", "[de, en, de-x-ls]") + PAGE
    problems = check(tmp_path, text)
    problem = assert_reported(
        problems, 6, "title has no translation for de-x-ls", severity="warning"
    )
    assert "add 'de-x-ls: ...'" in problem.message
    assert not any(p.is_error for p in problems if "site file" not in p.message)
    strict = check(tmp_path, text, strict=True)
    assert_reported(strict, 6, "title has no translation for de-x-ls")
    assert all(p.is_error for p in strict)


def test_site_file_detected_by_municipality_key(tmp_path: Path) -> None:
    write(
        tmp_path, "stadt.yaml", SITE_YAML.replace("languages: [de, en]", "languages: [de, en, tr]")
    )
    problems = check_files([tmp_path / "stadt.yaml"])
    assert problems and all("no translation for tr" in p.message for p in problems)


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
    assert_reported(
        problems, 1, "does not match the id 'q'", "rename the file to q.yaml", severity="warning"
    )
