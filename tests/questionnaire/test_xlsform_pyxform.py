"""Every XLSForm export converts with pyxform (ODK's converter, which KoboToolbox also runs)
and the XForm carries every question, choice, language, rule and image.

pyxform runs in-process without ODK Validate (no Java). The checks read the XForm XML
itself: itext translations, binds, body controls and the secondary instances of choices.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import openpyxl
import pytest
from pyxform.xls2xform import convert

from survey_app.questionnaire import Questionnaire, load_questionnaire, loads_questionnaire
from survey_app.questionnaire.expressions import Expression
from survey_app.questionnaire.languages import EASY_GERMAN, english_name
from survey_app.questionnaire.model import QUESTION_TYPES, Choice, Question
from survey_app.questionnaire.text import Text
from survey_app.questionnaire.xlsform_export import export_xlsform
from survey_app.questionnaire.xlsform_import import import_xlsform
from tests.questionnaire.conftest import write
from tests.questionnaire.test_xlsform import SHIPPED, workbook

NS = {"x": "http://www.w3.org/2002/xforms", "h": "http://www.w3.org/1999/xhtml"}
#: The one warning pyxform gives for ankommen's exports (see questionnaires/README.md).
EASY_GERMAN_WARNING = (
    "The following language declarations do not contain valid machine-readable codes: "
    "Easy German (de-x-ls)."
)
#: pyxform writes typographic quotes as plain ones („Schwangerschaft“ → „Schwangerschaft").
SMART_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
BIND_TYPES = {"integer": "int", "rating": "int", "decimal": "decimal", "date": "date"}
CONTROLS = {"multiple_choice": "select", "dot_vote": "select"}

EVERY_TYPE_YAML = """\
id: alle-typen
version: "3"
audience: children
languages: [de, en, ar, de-x-ls]
default_language: de
title: {de: Alle Typen, en: Every type, ar: كل الأنواع, de-x-ls: Alle Arten}
choice_lists:
  oft:
    - value: nie
      label: {de: nie, en: never, ar: أبدا, de-x-ls: nie}
    - value: oft
      label: {de: oft, en: often, ar: غالبا, de-x-ls: oft}
pages:
  - id: start
    title: {de: "Los geht's", en: "Let's start", ar: لنبدأ, de-x-ls: Los}
    questions:
      - id: hallo
        type: note
        label: {de: Hallo!, en: Hello!, ar: مرحبا!, de-x-ls: Hallo!}
      - id: alter
        type: integer
        label: {de: "Wie alt bist du?", en: "How old are you?", ar: "كم عمرك؟", de-x-ls: "Wie alt?"}
        hint: {de: in Jahren, en: in years, ar: بالسنوات, de-x-ls: in Jahren}
        required: true
        required_message: {de: Bitte antworten, en: Please answer, ar: أجب, de-x-ls: Bitte}
        min: 6
        max: 16
        constraint: . >= 6 and . <= 16
        constraint_message: {de: 6 bis 16, en: 6 to 16, ar: من 6 إلى 16, de-x-ls: 6 bis 16}
      - id: groesse
        type: decimal
        label: {de: Größe in m, en: Height in m, ar: الطول بالمتر, de-x-ls: Wie groß bist du}
        relevant: ${alter} >= 10
      - id: heute
        type: date
        label: {de: Datum, en: Date, ar: التاريخ, de-x-ls: Welcher Tag ist heute}
      - id: geschwister
        type: yes_no
        label: {de: Geschwister, en: Siblings, ar: إخوة, de-x-ls: Hast du Geschwister}
        default: "no"
  - id: alltag
    relevant: ${alter} > 7
    questions:
      - id: gefuehl
        type: smiley
        points: 3
        label: {de: "Wie geht es dir?", en: "How are you?", ar: "كيف حالك؟", de-x-ls: "Wie geht es dir?"}
        choices:
          - value: "1"
            label: {de: schlecht, en: bad, ar: سيء, de-x-ls: schlecht}
            image: sad.svg
            image_alt: {de: trauriges Gesicht, en: sad face, ar: وجه حزين, de-x-ls: trauriges Gesicht}
          - value: "2"
            label: {de: mittel, en: okay, ar: متوسط, de-x-ls: mittel}
            image: ok.svg
            image_alt: {de: neutrales Gesicht, en: neutral face, ar: وجه محايد, de-x-ls: normales Gesicht}
          - value: "3"
            label: {de: gut, en: good, ar: جيد, de-x-ls: gut}
            image: happy.svg
            image_alt: {de: lachendes Gesicht, en: smiling face, ar: وجه مبتسم, de-x-ls: lachendes Gesicht}
      - id: wege
        type: multiple_choice
        label: {de: Schulweg, en: Way to school, ar: الطريق إلى المدرسة, de-x-ls: Dein Schul-Weg}
        choices:
          - value: bus
            label: {de: Bus, en: Bus, ar: حافلة, de-x-ls: Bus}
            image: bus.svg
            image_alt: {de: ein Bus, en: a bus, ar: حافلة, de-x-ls: ein Bus}
            attributes: {weit: ja}
          - value: fuss
            label: {de: zu Fuß, en: on foot, ar: مشيا, de-x-ls: zu Fuß}
            attributes: {weit: nein}
        choice_filter: ${alter} >= 10 or weit = 'nein'
        constraint: count-selected(.) <= 2
        constraint_message: {de: Höchstens zwei, en: At most two, ar: اثنان على الأكثر, de-x-ls: Höchstens 2}
      - id: lieblingsweg
        type: single_choice
        label: {de: Am liebsten, en: Favourite, ar: المفضل, de-x-ls: Am liebsten}
        choices:
          - value: bus
            label: {de: Bus, en: Bus, ar: حافلة, de-x-ls: Bus}
          - value: fuss
            label: {de: zu Fuß, en: on foot, ar: مشيا, de-x-ls: zu Fuß}
        choice_filter: selected(${wege}, name)
        relevant: count-selected(${wege}) > 1
        appearance: minimal
      - id: orte
        type: matrix
        label: {de: Wie oft dort, en: How often there, ar: كم مرة هناك, de-x-ls: Wie oft bist du dort}
        rows:
          - value: park
            label: {de: im Park, en: in the park, ar: في الحديقة, de-x-ls: im Park}
            image: park.svg
            image_alt: {de: Bäume, en: trees, ar: أشجار, de-x-ls: Bäume}
          - value: verein
            label: {de: im Verein, en: at a club, ar: في النادي, de-x-ls: im Verein}
        choices: oft
        choice_filter: name != 'verein' or ${alter} >= 10
        required: true
  - id: schluss
    questions:
      - id: zufrieden
        type: rating
        points: 5
        label: {de: Zufrieden, en: Happy, ar: راضٍ, de-x-ls: Bist du zufrieden}
        low_label: {de: gar nicht, en: not at all, ar: إطلاقا, de-x-ls: gar nicht}
        high_label: {de: sehr, en: very, ar: جدا, de-x-ls: sehr}
      - id: punkte
        type: dot_vote
        points: 3
        label: {de: Wichtig, en: Important, ar: مهم, de-x-ls: Was ist dir wichtig}
        choices: oft
      - id: wunsch
        type: text
        label: {de: Ein Wunsch, en: A wish, ar: أمنية, de-x-ls: Dein Wunsch}
      - id: mehr
        type: long_text
        relevant: string-length(${wunsch}) > 0
        label: {de: Erzähl mehr, en: Tell us more, ar: أخبرنا المزيد, de-x-ls: Erzähl mehr}
"""


@pytest.fixture
def every_type(tmp_path: Path) -> Questionnaire:
    """A questionnaire with every question type, images, filters and four languages."""
    (tmp_path / "pictograms").mkdir()
    for name in ("sad", "ok", "happy", "bus", "park"):
        (tmp_path / "pictograms" / f"{name}.svg").write_text("<svg/>")
    return load_questionnaire(write(tmp_path, "alle-typen.yaml", EVERY_TYPE_YAML))


def to_xform(questionnaire: Questionnaire, folder: Path) -> tuple[Path, ET.Element, list[str]]:
    """Export ``questionnaire``, convert it with pyxform; the workbook, XForm root, warnings."""
    path = folder / f"{questionnaire.id}.xlsx"
    export_xlsform(questionnaire, path)
    result = convert(str(path))
    return path, ET.fromstring(result.xform), result.warnings


class XForm:
    """Lookups into an XForm as pyxform writes it (itext, binds, controls, instances)."""

    def __init__(self, root: ET.Element) -> None:
        self.model = root.find("h:head/x:model", NS)
        self.body = root.find("h:body", NS)
        self.title = root.findtext("h:head/h:title", namespaces=NS)
        self.translations = {
            t.get("lang"): {
                text.get("id"): {value.get("form"): value.text for value in text}
                for text in t.findall("x:text", NS)
            }
            for t in self.model.findall("x:itext/x:translation", NS)
        }
        self.binds = {b.get("nodeset"): b for b in self.model.findall("x:bind", NS)}
        self.controls = {c.get("ref"): c for c in self.body.iter() if c.get("ref")}

    def instance_items(self, list_name: str) -> list[ET.Element]:
        instance = self.model.find(f"x:instance[@id='{list_name}']", NS)
        assert instance is not None, f"no instance for the choice list '{list_name}'"
        return instance.findall("x:root/x:item", NS)


def lang_of(tag: str) -> str:
    return f"{english_name(tag)} ({tag})"


def xpath(expression: Expression, paths: dict[str, str]) -> str:
    """The expression as pyxform writes it: ``${q}`` becomes `` /data/page/q ``."""
    return re.sub(r"\$\{([^}]+)\}", lambda m: f" {paths[m.group(1)]} ", expression.source)


def assert_texts(xform: XForm, text_id: str, text: Text | None, form: str | None = None) -> None:
    """The itext entry ``text_id`` holds ``text`` in every language it is given in."""
    if text is None:
        assert all(text_id not in texts for texts in xform.translations.values()), text_id
        return
    for tag, value in text.values.items():
        expected = value.translate(SMART_QUOTES)
        assert xform.translations[lang_of(tag)][text_id][form] == expected, (text_id, tag)


def assert_choices(
    xform: XForm, list_name: str, choices: list[Choice], languages: list[str]
) -> None:
    """The list's instance holds every choice, labelled and pictured in every language."""
    items = xform.instance_items(list_name)
    assert [item.findtext("x:name", namespaces=NS) for item in items] == [
        choice.value for choice in choices
    ]
    for item, choice in zip(items, choices, strict=True):
        text_id = item.findtext("x:itextId", namespaces=NS)
        assert_texts(xform, text_id, choice.label)
        for key, value in choice.attributes.items():
            assert item.findtext(f"x:{key}", namespaces=NS) == value
        for tag in languages:
            image = xform.translations[lang_of(tag)][text_id].get("image")
            assert image == (f"jr://images/{choice.image}" if choice.image else None)


def check_xform(questionnaire: Questionnaire, root: ET.Element, workbook: Path) -> None:
    """Everything a respondent sees and every rule is in the XForm."""
    xform = XForm(root)
    languages = questionnaire.languages
    assert set(xform.translations) == {lang_of(tag) for tag in languages}
    default = xform.model.find("x:itext/x:translation[@default='true()']", NS)
    assert default.get("lang") == lang_of(questionnaire.default_language)
    assert xform.title == questionnaire.title.get(questionnaire.default_language)
    data = xform.model.find("x:instance/x:data", NS)
    assert (data.get("id"), data.get("version")) == (questionnaire.id, questionnaire.version)
    paths = {
        question.id: f"/data/{page.id}/{question.id}"
        for page in questionnaire.pages
        for question in page.questions
    }
    question_binds = [n for n in xform.binds if n.count("/") == 3 and "/meta/" not in n]
    assert question_binds == list(paths.values())
    for page in questionnaire.pages:
        assert xform.controls[f"/data/{page.id}"].tag == f"{{{NS['x']}}}group"
        assert_texts(xform, f"/data/{page.id}:label", page.title)
        bind = xform.binds.get(f"/data/{page.id}")
        relevant = bind.get("relevant") if bind is not None else None
        assert relevant == (xpath(page.relevant, paths) if page.relevant else None)
    rows = _row_lists(workbook)
    for question in questionnaire.questions():
        check_question(xform, question, paths, languages)
        if question.type == "matrix":
            assert_choices(xform, rows[question.id], question.rows, languages)


def check_question(
    xform: XForm, question: Question, paths: dict[str, str], languages: list[str]
) -> None:
    path = paths[question.id]
    bind = xform.binds[path]
    control = xform.controls[path]
    expected_control = CONTROLS.get(question.type) or (
        "select1" if question.is_choice_type else "input"
    )
    assert control.tag == f"{{{NS['x']}}}{expected_control}", question.id
    assert bind.get("type") == BIND_TYPES.get(question.type, "string"), question.id
    assert bind.get("readonly") == ("true()" if question.type == "note" else None)
    assert bind.get("required") == ("true()" if question.required else None), question.id
    for key in ("relevant", "constraint"):
        expression = getattr(question, key)
        assert bind.get(key) == (xpath(expression, paths) if expression else None), (
            question.id,
            key,
        )
    assert_texts(xform, f"{path}:label", question.label)
    assert_texts(xform, f"{path}:hint", question.hint)
    assert_texts(xform, f"{path}:jr:constraintMsg", question.constraint_message)
    assert_texts(xform, f"{path}:jr:requiredMsg", question.required_message)
    default = xform.model.find("x:instance/x:data" + path[len("/data") :].replace("/", "/x:"), NS)
    assert (default.text or None) == question.default, question.id
    if not question.is_choice_type:
        return
    nodeset = control.find("x:itemset", NS).get("nodeset")
    list_name = re.match(r"instance\('([^']+)'\)/root/item", nodeset).group(1)
    expected = f"instance('{list_name}')/root/item"
    if question.choice_filter is not None and question.type != "matrix":
        expected += f"[{xpath(question.choice_filter, {k: v for k, v in paths.items()})}]"
    assert nodeset == expected, question.id
    assert_choices(xform, list_name, question.choices, languages)


def sheet_rows(path: Path, name: str) -> list[tuple]:
    """The rows of one sheet of the workbook at ``path``, as values."""
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return list(book[name].iter_rows(values_only=True))
    finally:
        book.close()


def _row_lists(workbook: Path) -> dict[str, str]:
    """question id → the choice list of its matrix rows (the ``ankommen_rows`` column)."""
    rows = sheet_rows(workbook, "survey")
    header = rows[0]
    if "ankommen_rows" not in header:
        return {}
    column = header.index("ankommen_rows")
    return {row[1]: row[column] for row in rows[1:] if row[column]}


def expected_warnings(questionnaire: Questionnaire) -> list[str]:
    return [EASY_GERMAN_WARNING] if EASY_GERMAN in questionnaire.languages else []


@pytest.mark.parametrize("path", SHIPPED, ids=[path.name for path in SHIPPED])
def test_pyxform__shipped_questionnaires_convert_with_everything(
    path: Path, tmp_path: Path
) -> None:
    questionnaire = load_questionnaire(path)
    workbook, root, warnings = to_xform(questionnaire, tmp_path)
    assert [w.split(" Learn more")[0] for w in warnings] == expected_warnings(questionnaire)
    check_xform(questionnaire, root, workbook)


def test_pyxform__every_question_type_converts_with_everything(
    every_type: Questionnaire, tmp_path: Path
) -> None:
    assert {q.type for q in every_type.questions()} == set(QUESTION_TYPES)
    workbook, root, warnings = to_xform(every_type, tmp_path)
    assert [w.split(" Learn more")[0] for w in warnings] == [EASY_GERMAN_WARNING]
    check_xform(every_type, root, workbook)
    images = re.findall(r"jr://images/([\w.-]+)", ET.tostring(root, encoding="unicode"))
    assert sorted(set(images)) == ["bus.svg", "happy.svg", "ok.svg", "park.svg", "sad.svg"]


# --- the columns pyxform reads, and the round trip through them ----------------------


def test_export__media_and_ankommen_columns_pyxform_accepts(
    every_type: Questionnaire, tmp_path: Path
) -> None:
    path, _, _ = to_xform(every_type, tmp_path)
    choices = sheet_rows(path, "choices")
    header = choices[0]
    assert [h for h in header if h.startswith("media::")] == [
        "media::image::German (de)",
        "media::image::English (en)",
        "media::image::Arabic (ar)",
        "media::image::Easy German (de-x-ls)",
    ]
    assert [h for h in header if h.startswith("ankommen_")] == [
        "ankommen_image_alt_de",
        "ankommen_image_alt_en",
        "ankommen_image_alt_ar",
        "ankommen_image_alt_de-x-ls",
    ]
    assert "image" not in header and not any("::" in h for h in header if "ankommen" in h)
    survey = sheet_rows(path, "survey")
    matrix = dict(zip(survey[0], next(row for row in survey if row[1] == "orte"), strict=True))
    assert matrix["choice_filter"] is None
    assert matrix["ankommen_row_filter"] == "name != 'verein' or ${alter} >= 10"
    settings = dict(zip(*sheet_rows(path, "settings"), strict=True))
    assert settings["default_language"] == "German (de)"


def test_round_trip__every_question_type_through_the_new_columns(
    every_type: Questionnaire, tmp_path: Path
) -> None:
    path, _, _ = to_xform(every_type, tmp_path)
    result = import_xlsform(path, base_dir=Path(every_type.path).parent)
    assert result.ok, [str(p) for p in result.problems]
    assert result.problems == []
    assert result.questionnaire == every_type
    assert loads_questionnaire(result.yaml_text, every_type.path) == every_type


def old_style(path: Path) -> Path:
    """Rewrite an export as the export before pyxform support wrote it: one plain ``image``
    column, ``ankommen_image_alt::German (de)``, a matrix's filter in ``choice_filter``."""
    book = openpyxl.load_workbook(path)
    choices = book["choices"]
    header = [cell.value for cell in choices[1]]
    for column, name in enumerate(header, start=1):
        if name == "media::image::German (de)":
            choices.cell(1, column).value = "image"
        elif name.startswith("ankommen_image_alt_"):
            tag = name[len("ankommen_image_alt_") :]
            choices.cell(1, column).value = f"ankommen_image_alt::{lang_of(tag)}"
    for column in reversed(range(1, len(header) + 1)):
        if choices.cell(1, column).value.startswith("media::image::"):
            choices.delete_cols(column)
    survey = book["survey"]
    header = [cell.value for cell in survey[1]]
    filter_column = header.index("choice_filter") + 1
    row_filter_column = header.index("ankommen_row_filter") + 1
    for row in range(2, survey.max_row + 1):
        moved = survey.cell(row, row_filter_column).value
        if moved:
            survey.cell(row, filter_column).value = moved
    survey.delete_cols(row_filter_column)
    settings = book["settings"]
    for cell in settings[1]:
        if cell.value == "default_language":
            settings.cell(2, cell.column).value = "de"
    book.save(path)
    return path


def test_import__workbooks_of_the_old_export_read_the_same(
    every_type: Questionnaire, tmp_path: Path
) -> None:
    path = tmp_path / "old.xlsx"
    export_xlsform(every_type, path)
    old_style(path)
    header = sheet_rows(path, "choices")[0]
    assert "image" in header and not any(h.startswith("media::") for h in header)
    result = import_xlsform(path, base_dir=Path(every_type.path).parent)
    assert result.ok, [str(p) for p in result.problems]
    assert result.questionnaire == every_type


def media_form(path: Path, image_columns: list[str], images: list[str]) -> Path:
    return workbook(
        path,
        survey=[
            ["type", "name", "label::English (en)", "label::French (fr)"],
            ["select_one tiere", "tier", "Animal?", "Animal ?"],
        ],
        choices=[
            ["list_name", "name", "label::English (en)", "label::French (fr)", *image_columns],
            ["tiere", "hund", "Dog", "Chien", *images],
            ["tiere", "katze", "Cat", "Chat"],
        ],
        settings=[["form_id", "default_language"], ["tiere", "English (en)"]],
    )


def test_import__third_party_image_columns(tmp_path: Path) -> None:
    (tmp_path / "pictograms").mkdir()
    for name in ("dog.png", "chien.png"):
        (tmp_path / "pictograms" / name).write_bytes(b"png")
    alt = ["ankommen_image_alt_en", "ankommen_image_alt_fr"]
    plain = import_xlsform(
        media_form(tmp_path / "plain.xlsx", ["image", *alt], ["dog.png", "A dog", "Un chien"])
    )
    translated = import_xlsform(
        media_form(
            tmp_path / "translated.xlsx",
            ["media::image::English (en)", "image::French (fr)", *alt],
            ["dog.png", "chien.png", "A dog", "Un chien"],
        )
    )
    for result in (plain, translated):
        assert result.questionnaire is not None, [str(p) for p in result.problems]
        assert result.questionnaire.languages == ["en", "fr"]
        dog = result.questionnaire.question("tier").choices[0]
        assert dog.image == "dog.png"
    # Different files per language: one picture per language (French sees its own).
    assert plain.questionnaire.question("tier").choices[0].images is None
    pictures = translated.questionnaire.question("tier").choices[0].images
    assert pictures is not None and pictures.values == {"en": "dog.png", "fr": "chien.png"}


def test_import__audio_on_choices_is_checked_against_the_audio_folder(tmp_path: Path) -> None:
    path = media_form(tmp_path / "audio.xlsx", ["media::audio::English (en)"], ["dog.mp3"])
    result = import_xlsform(path)
    assert not result.ok
    assert [
        (p.path.rsplit(":", 1)[-1], p.line, p.code, dict(p.params)["name"])
        for p in result.problems
        if p.is_error
    ] == [("choices", 2, "audio_missing", "dog.mp3")], [str(p) for p in result.problems]
    (tmp_path / "audio").mkdir()
    (tmp_path / "audio" / "dog.mp3").write_bytes(b"ID3")
    result = import_xlsform(path)
    assert result.ok, [str(p) for p in result.problems]
    assert result.questionnaire.question("tier").choices[0].audio.values == {"en": "dog.mp3"}
