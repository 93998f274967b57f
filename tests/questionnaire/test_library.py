"""The questionnaire library: valid questionnaires by id, problems, reload on change."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from survey_app.questionnaire import QuestionnaireLibrary
from tests.questionnaire.conftest import QUESTIONNAIRE_YAML, write


def touch_later(path: Path) -> None:
    """Move the file's time forward so the change is seen even on coarse clocks."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_library__lists_valid_questionnaires_sorted(folder: Path) -> None:
    write(folder, "aaa.yaml", QUESTIONNAIRE_YAML.replace("id: eltern", "id: aaa"))
    write(folder, "broken.yaml", "id: broken\n")
    library = QuestionnaireLibrary(folder)
    assert [q.id for q in library.all()] == ["aaa", "eltern"]
    assert library.get("eltern") is not None and library.get("broken") is None
    assert any(p.path.endswith("broken.yaml") and p.is_error for p in library.problems)


def test_library__refresh_is_cheap_when_nothing_changed(folder: Path) -> None:
    library = QuestionnaireLibrary(folder)
    first = library.get("eltern")
    assert library.refresh() is False
    assert library.get("eltern") is first


def test_library__reloads_changed_added_and_removed_files(folder: Path) -> None:
    library = QuestionnaireLibrary(folder)
    path = folder / "eltern.yaml"
    path.write_text(QUESTIONNAIRE_YAML.replace('version: "2"', 'version: "3"'))
    touch_later(path)
    assert library.refresh() is True
    assert library.get("eltern").version == "3"
    write(folder, "neu.yaml", QUESTIONNAIRE_YAML.replace("id: eltern", "id: neu"))
    assert library.refresh() is True and library.get("neu") is not None
    (folder / "neu.yaml").unlink()
    assert library.refresh() is True and library.get("neu") is None


def test_library__reloads_when_the_site_file_changes(folder: Path) -> None:
    library = QuestionnaireLibrary(folder)
    site = folder / "site.yaml"
    site.write_text(site.read_text().replace("Babybesuch", "Willkommensbesuch"))
    touch_later(site)
    assert library.refresh() is True
    offers = library.get("eltern").question("bekannt").choices
    assert offers[1].label.get("de") == "Willkommensbesuch"


def test_library__a_broken_site_file_makes_its_questionnaires_invalid(folder: Path) -> None:
    write(folder, "site.yaml", "municipality: [\n")
    library = QuestionnaireLibrary(folder)
    assert library.all() == []
    assert any(
        p.path.endswith("site.yaml") and p.code.startswith("yaml_syntax") for p in library.problems
    )


def test_library__duplicate_ids_keep_the_first_file(folder: Path) -> None:
    write(folder, "zzz.yaml", QUESTIONNAIRE_YAML)
    library = QuestionnaireLibrary(folder)
    assert library.get("eltern").path.endswith("eltern.yaml")
    assert any(p.code == "id_used_twice" and p.path.endswith("zzz.yaml") for p in library.problems)


def test_library__missing_folder_is_a_problem(tmp_path: Path) -> None:
    library = QuestionnaireLibrary(tmp_path / "nope")
    assert library.all() == []
    assert library.problems[0].code == "folder_missing"


def test_library__refresh_from_many_threads(folder: Path) -> None:
    library = QuestionnaireLibrary(folder)
    path = folder / "eltern.yaml"
    path.write_text(QUESTIONNAIRE_YAML.replace('version: "2"', 'version: "9"'))
    touch_later(path)
    results: list[bool] = []
    threads = [threading.Thread(target=lambda: results.append(library.refresh())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count(True) == 1
    assert library.get("eltern").version == "9"
