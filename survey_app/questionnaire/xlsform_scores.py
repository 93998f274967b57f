"""The ``scores`` and ``bands`` sheets of an XLSForm workbook (ankommen's own sheets)."""

from __future__ import annotations

from typing import Any

from survey_app.questionnaire.nodes import Node, from_plain
from survey_app.questionnaire.xlsform_columns import place_columns
from survey_app.questionnaire.xlsform_sheets import Row, WorkbookReader


class ScoresReader(WorkbookReader):
    """Reads score rows and their band rows into ``scores`` nodes."""

    def _scores(self, score_rows: list[Row], band_rows: list[Row]) -> Node | None:
        if not score_rows:
            for row in band_rows:
                self.report.error(row.where, "band_without_scores")
            return None
        scores = []
        bands: dict[str, list[Node]] = {}
        for row in band_rows:
            self._unsupported_columns(row)
            band: dict[str, Any] = {"id": row.text("id"), "label": row.translated("label") or {}}
            if row.text("below"):
                band["below"] = self._number(row, "below")
            band_node = from_plain(band, row.where)
            place_columns(band_node, row, {})
            bands.setdefault(row.text("score"), []).append(band_node)
        for row in score_rows:
            self._unsupported_columns(row)
            score: dict[str, Any] = {
                "id": row.text("id"),
                "label": row.translated("label") or {},
                "items": row.text("items").split(),
            }
            if row.text("method"):
                score["method"] = row.text("method")
            if row.text("reverse"):
                score["reverse"] = row.text("reverse").split()
            if row.text("factor"):
                score["factor"] = self._number(row, "factor")
            node = from_plain(score, row.where)
            place_columns(node, row, {})
            if row.text("id") in bands:
                band_nodes = bands.pop(row.text("id"))
                node.entries["bands"] = Node("seq", band_nodes[0].where, elements=band_nodes)
                node.key_where["bands"] = band_nodes[0].where
            scores.append(node)
        for score_id, nodes in bands.items():
            for node in nodes:
                self.report.error(node.where, "band_unknown_score", id=score_id)
        return Node("seq", scores[0].where, elements=scores)
