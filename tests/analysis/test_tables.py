"""The aggregated export: protected tables as JSON, CSV or XLSX."""

from __future__ import annotations

import io
import json
import zipfile

import openpyxl
import pytest

from analysis.i18n import translator
from analysis.report import build_report
from analysis.results import analyse
from analysis.tables import aggregated_tables, tables_file, write_tables
from survey_app.questionnaire import load_questionnaire
from tests.analysis.conftest import PARENTS, SITE
from tests.analysis.handmade import PARENT_ROWS


@pytest.fixture
def tables(parents, frame_of):
    analysis = analyse(frame_of(parents, PARENT_ROWS * 3), min_group_size=5)
    return aggregated_tables(build_report(analysis, translator("de")))


def test_tables__reach_rows__hidden_values_empty_with_flag(tables):
    reach = tables["reach"]
    row = reach[
        (reach.offer == "treff") & (reach.dimension == "all") & (reach.measure == "known")
    ].iloc[0]
    assert (row["n"], row["count"], row["percent"]) == (21, 12, pytest.approx(57.1))
    assert not row["suppressed"]
    small = reach[
        (reach.offer == "kita") & (reach.dimension == "all") & (reach.measure == "helpful")
    ].iloc[0]
    assert bool(small["suppressed"]) and small[["count", "percent", "ci_low"]].isna().all()


def test_tables__json__one_list_per_table_with_meta(tables):
    file = tables_file(tables, "json", "mini", {"questionnaire": "mini"})
    payload = json.loads(file.content)
    assert payload["meta"] == {"questionnaire": "mini"}
    assert {"reach", "equity_gaps", "barriers", "scores", "scope", "findings"} <= set(payload)
    assert all(record["count"] is None for record in payload["reach"] if record["suppressed"])


def test_tables__csv_zip_and_folder__and_xlsx(tmp_path, tables):
    archive = zipfile.ZipFile(io.BytesIO(tables_file(tables, "csv", "mini").content))
    assert "mini-reach.csv" in archive.namelist()
    written = write_tables(tables, "csv", tmp_path / "out")
    assert (tmp_path / "out" / "reach.csv") in written
    [path] = write_tables(tables, "xlsx", tmp_path / "t.xlsx")
    workbook = openpyxl.load_workbook(path)
    assert "reach" in workbook.sheetnames and workbook["reach"]["A1"].value == "offer"


def test_tables__formula_like_labels__neutralised(frame_of, tmp_path):
    (tmp_path / "site.yaml").write_text(
        SITE.replace("Elterntreff", '"=HYPERLINK(1)"'), encoding="utf-8"
    )
    (tmp_path / "q.yaml").write_text(PARENTS, encoding="utf-8")
    questionnaire = load_questionnaire(tmp_path / "q.yaml")
    analysis = analyse(frame_of(questionnaire, PARENT_ROWS), min_group_size=1)
    tables = aggregated_tables(build_report(analysis, translator("de")))
    [path] = write_tables(tables, "xlsx", tmp_path / "f.xlsx")
    cells = [c.value for row in openpyxl.load_workbook(path)["reach"].iter_rows() for c in row]
    assert "'=HYPERLINK(1)" in cells and "=HYPERLINK(1)" not in cells
