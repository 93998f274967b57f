"""The aggregated, already protected tables of an analysis, for download.

``ankommen analyse … --format json|csv|xlsx`` writes them. One tidy table per topic
(reach, equity gaps, barriers, scores, children's voice, scope, every question), a
row per cell, with ids *and* names. A hidden cell keeps its row, but its count, percentage, interval or
mean are empty and ``suppressed`` is true; a hidden base empties ``n`` too. Nothing
here is a raw response.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from analysis.groups import ALL, ALL_OFFERS, NONE_TICKED
from survey_app.exports import neutralise_formulas

if TYPE_CHECKING:
    from analysis.cells import Mean, Portion, Share
    from analysis.labels import Labels
    from analysis.report import Report
    from analysis.results import Analysis

FORMATS = ("json", "csv", "xlsx")
MEDIA_TYPES = {
    "json": "application/json",
    "zip": "application/zip",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class TableFile:
    """A written export: its file name, bytes and media type."""

    name: str
    content: bytes
    media_type: str


def _share(share: Share | None) -> dict[str, Any]:
    """The columns of one share; hidden parts are None."""
    if share is None:
        return {
            "n": None,
            "count": None,
            "percent": None,
            "ci_low": None,
            "ci_high": None,
            "suppressed": None,
        }
    shown = share.shown
    interval = share.interval if shown else None
    return {
        "n": None if share.base_hidden else share.n,
        "count": share.count if shown else None,
        "percent": round(100 * share.proportion, 1)
        if shown and share.proportion is not None
        else None,
        "ci_low": round(100 * interval.low, 1) if interval else None,
        "ci_high": round(100 * interval.high, 1) if interval else None,
        "suppressed": share.hidden,
    }


def _mean(mean: Mean) -> dict[str, Any]:
    shown = mean.shown
    return {
        "n": None if mean.base_hidden else mean.n,
        "mean": round(mean.value, 2) if shown and mean.value is not None else None,
        "sd": round(mean.sd, 2) if shown and mean.sd is not None else None,
        "suppressed": mean.hidden,
    }


def _portion(portion: Portion) -> dict[str, Any]:
    shown = portion.shown
    return {
        "points_percent": round(100 * portion.proportion, 1)
        if shown and portion.proportion is not None
        else None,
        "points_suppressed": portion.hidden,
    }


def aggregated_tables(report: Report) -> dict[str, pd.DataFrame]:
    """Every published table of ``report`` as a DataFrame, keyed by table name."""
    analysis, labels = report.analysis, report.labels
    tables = {
        "scope": _scope(analysis, labels),
        "reach": _reach(analysis, labels),
        "equity_gaps": _gaps(report),
        "barriers": _barriers(analysis, labels),
        "scores": _scores(analysis, labels),
        "smileys": _smileys(analysis, labels),
        "priorities": _priorities(analysis, labels),
        "questions": _questions(analysis, labels),
        "findings": pd.DataFrame(
            [{"kind": f.kind, "section": f.ref, "text": f.text} for f in report.findings],
            columns=["kind", "section", "text"],
        ),
    }
    return tables


#: Counts of people: integers in every format (empty where hidden), never ``357.0``.
COUNT_COLUMNS = ("n", "count", "member_n", "rest_n", "voters")


def _frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    for column in COUNT_COLUMNS:
        if column in frame:
            frame[column] = frame[column].astype("Int64")
    return frame


SHARE_COLUMNS = ["n", "count", "percent", "ci_low", "ci_high", "suppressed"]


def _scope(analysis: Analysis, labels: Labels) -> pd.DataFrame:
    scope = analysis.scope
    rows = [
        {"kind": "total", "id": ALL, "name": labels.tr.gettext("alle Antworten"), **_share(scope.n)}
    ]
    for tag, share in scope.languages.items():
        rows.append({"kind": "language", "id": tag, "name": labels.language(tag), **_share(share)})
    for code, share in scope.events.items():
        event = scope.event_details.get(code)
        rows.append(
            {"kind": "event", "id": code, "name": event.name if event else code, **_share(share)}
        )
    return _frame(rows, ["kind", "id", "name", *SHARE_COLUMNS])


def _reach(analysis: Analysis, labels: Labels) -> pd.DataFrame:
    rows = []
    for (offer, dimension, group), cell in analysis.reach.cells.items():
        for measure in ("known", "used", "used_of_known", "helpful", "helped"):
            share = getattr(cell, measure)
            if share is None:
                continue
            rows.append(
                {
                    "offer": offer,
                    "offer_name": labels.offer(offer),
                    "dimension": dimension,
                    "group": group,
                    "group_name": labels.group(dimension, group),
                    "measure": measure,
                    **_share(share),
                }
            )
    columns = ["offer", "offer_name", "dimension", "group", "group_name", "measure", *SHARE_COLUMNS]
    return _frame(rows, columns)


def _gaps(report: Report) -> pd.DataFrame:
    labels = report.labels
    rows = []
    for gap in report.analysis.gaps:
        holds = report.holds(gap)
        shown = gap.shown
        interval = gap.interval if shown else None
        rows.append(
            {
                "offer": gap.offer,
                "offer_name": labels.offer(gap.offer),
                "group_question": gap.question_id,
                "group_name": labels.equity_group(gap.question_id),
                "measure": gap.measure,
                "member_n": None if gap.member.base_hidden else gap.member.n,
                "member_percent": _share(gap.member)["percent"],
                "rest_n": None if gap.rest.base_hidden else gap.rest.n,
                "rest_percent": _share(gap.rest)["percent"],
                "difference_points": round(100 * gap.difference, 1) if shown else None,
                "ci_low": round(100 * interval.low, 1) if interval else None,
                "ci_high": round(100 * interval.high, 1) if interval else None,
                "significant": holds if shown else None,
                "suppressed": not shown,
            }
        )
    columns = [
        "offer", "offer_name", "group_question", "group_name", "measure", "member_n", "member_percent",
        "rest_n", "rest_percent", "difference_points", "ci_low", "ci_high", "significant", "suppressed",
    ]  # fmt: skip
    return _frame(rows, columns)


def _barriers(analysis: Analysis, labels: Labels) -> pd.DataFrame:
    rows = []
    for barriers in analysis.barriers:
        if barriers.offer == ALL_OFFERS:
            offer, name = ALL_OFFERS, labels.tr.gettext("alle Angebote (Nennungen)")
        elif barriers.offer is None:
            offer, name = "", ""
        else:
            offer, name = barriers.offer, labels.offer(barriers.offer)
        for reason, share in barriers.reasons.items():
            rows.append(
                {
                    "offer": offer,
                    "offer_name": name,
                    "reason": reason,
                    "reason_name": labels.reason(reason),
                    **_share(share),
                }
            )
    return _frame(rows, ["offer", "offer_name", "reason", "reason_name", *SHARE_COLUMNS])


def _scores(analysis: Analysis, labels: Labels) -> pd.DataFrame:
    rows = []
    for summary in analysis.scores:
        score = summary.score
        for (dimension, group), cell in summary.cells.items():
            base = {
                "score": score.id,
                "score_name": labels.text(score.label),
                "dimension": dimension,
                "group": group,
                "group_name": labels.group(dimension, group),
            }
            mean = _mean(cell.mean)
            rows.append({**base, "measure": "mean", "n": mean["n"], "mean": mean["mean"], "sd": mean["sd"],
                         "suppressed": mean["suppressed"]})  # fmt: skip
            for band in score.bands:
                share = _share(cell.bands[band.id])
                rows.append(
                    {
                        **base,
                        "measure": f"band:{band.id}",
                        "band_name": labels.text(band.label),
                        **share,
                    }
                )
    columns = [
        "score", "score_name", "dimension", "group", "group_name", "measure", "band_name", "n", "mean", "sd",
        "count", "percent", "ci_low", "ci_high", "suppressed",
    ]  # fmt: skip
    return _frame(rows, columns)


def _smileys(analysis: Analysis, labels: Labels) -> pd.DataFrame:
    rows = []
    for distribution in analysis.smileys:
        question = distribution.question
        for choice, share in distribution.shares.items():
            rows.append(
                {
                    "question": question.id,
                    "question_text": labels.text(question.label),
                    "answer": choice,
                    "answer_name": labels.choice(question, choice),
                    **_share(share),
                }
            )
    return _frame(rows, ["question", "question_text", "answer", "answer_name", *SHARE_COLUMNS])


def _priorities(analysis: Analysis, labels: Labels) -> pd.DataFrame:
    rows = []
    for priority in analysis.priorities:
        question = priority.question
        for item in priority.items:
            voters = _share(item.voters)
            rows.append(
                {
                    "question": question.id,
                    "question_text": labels.text(question.label),
                    "choice": item.choice,
                    "choice_name": labels.choice(question, item.choice),
                    "n": voters["n"],
                    "voters": voters["count"],
                    "voters_percent": voters["percent"],
                    "suppressed": voters["suppressed"],
                    **_portion(item.points),
                }
            )
    columns = [
        "question", "question_text", "choice", "choice_name", "n", "voters", "voters_percent", "suppressed",
        "points_percent", "points_suppressed",
    ]  # fmt: skip
    return _frame(rows, columns)


def _questions(analysis: Analysis, labels: Labels) -> pd.DataFrame:
    """Every question's summary: a row for who answered, then one per answer (and
    matrix row × answer); dot votes add the points' share, numbers the quartiles."""
    rows = []
    for summary in analysis.summaries:
        question = summary.question
        base = {"question": question.id, "question_text": labels.text(question.label),
                "kind": summary.kind}  # fmt: skip
        answered = _share(summary.answered)  # answered (count) out of all responses (n)
        if summary.quartiles is not None and summary.shown:
            q = summary.quartiles
            answered.update(q25=q.low, median=q.median, q75=q.high)
        rows.append({**base, "answer": "*", **answered})
        for value, share in summary.shares:
            name = labels.tr.gettext("nichts angekreuzt") if value == NONE_TICKED else None
            name = name or labels.choice(question, value)
            rows.append({**base, "answer": value, "answer_name": name, **_share(share)})
        for row in summary.rows:
            for value, share in row.shares.items():
                rows.append({**base, "row": row.row, "answer": value,
                             "answer_name": labels.choice(question, value), **_share(share)})  # fmt: skip
        for item in summary.votes.items if summary.votes else []:
            rows.append({**base, "answer": item.choice, **_share(item.voters),
                         "answer_name": labels.choice(question, item.choice), **_portion(item.points)})  # fmt: skip
    columns = [
        "question", "question_text", "kind", "row", "answer", "answer_name", *SHARE_COLUMNS,
        "q25", "median", "q75", "points_percent", "points_suppressed",
    ]  # fmt: skip
    return _frame(rows, columns)


# --- writing --------------------------------------------------------------------------


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    cleaned = frame.astype(object).where(frame.notna(), None)
    return cleaned.to_dict(orient="records")


def tables_file(
    tables: dict[str, pd.DataFrame], fmt: str, stem: str, meta: dict[str, Any] | None = None
) -> TableFile:
    """The tables as one file: JSON, a ZIP of CSV files, or an XLSX workbook."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
    if fmt == "json":
        payload = {"meta": meta or {}, **{name: _records(frame) for name, frame in tables.items()}}
        content = json.dumps(payload, ensure_ascii=False, indent=1, default=str).encode("utf-8")
        return TableFile(f"{stem}.json", content, MEDIA_TYPES["json"])
    if fmt == "csv":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, frame in tables.items():
                text = neutralise_formulas(frame).to_csv(index=False, lineterminator="\r\n")
                archive.writestr(f"{stem}-{name}.csv", text.encode("utf-8"))
        return TableFile(f"{stem}-csv.zip", buffer.getvalue(), MEDIA_TYPES["zip"])
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in tables.items():
            neutralise_formulas(frame).to_excel(writer, sheet_name=name[:31], index=False)
            writer.sheets[name[:31]].freeze_panes = "A2"
    return TableFile(f"{stem}.xlsx", buffer.getvalue(), MEDIA_TYPES["xlsx"])


def write_tables(
    tables: dict[str, pd.DataFrame], fmt: str, path: str | Path, meta: dict[str, Any] | None = None
) -> list[Path]:
    """Write the tables to ``path``; for CSV a directory of files (or a ``.zip``).

    Returns the files written.
    """
    path = Path(path)
    if fmt == "csv" and path.suffix.lower() != ".zip":
        path.mkdir(parents=True, exist_ok=True)
        written = []
        for name, frame in tables.items():
            target = path / f"{name}.csv"
            target.write_text(
                neutralise_formulas(frame).to_csv(index=False, lineterminator="\r\n"),
                encoding="utf-8",
            )
            written.append(target)
        return written
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(tables_file(tables, fmt, path.stem, meta).content)
    return [path]
