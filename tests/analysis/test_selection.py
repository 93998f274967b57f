"""The planner's selection: parsed the same from a query and from CLI options, bad values
named, filters that change the numbers as counted by hand, and no small differences."""

from __future__ import annotations

from datetime import date

import pytest

from analysis.i18n import translator
from analysis.loading import Filters, responses_from_records
from analysis.results import analyse
from analysis.selection import (
    SMALL_DIFFERENCE,
    TOO_SMALL,
    SelectionError,
    parse_selection,
    refusal,
    selection_args,
)
from tests.analysis.handmade import PARENT_ROWS


def test_parse__query_lists_and_cli_strings_give_the_same_filters(parents):
    query = {
        "district": ["nord"],
        "life_phase": [""],
        "event": ["fest22"],
        "language": ["en"],
        "since": ["2026-01-01"],
        "until": ["2026-06-30"],
        "answer": ["allein:yes", "sprache:andere"],
    }
    cli = {
        "district": "nord",
        "life_phase": None,
        "event": "fest22",
        "language": "en",
        "since": "2026-01-01",
        "until": "2026-06-30",
        "answer": ("allein=yes", "sprache=andere"),
    }
    expected = Filters(
        district="nord",
        event="FEST22",
        language="en",
        since=date(2026, 1, 1),
        until=date(2026, 6, 30),
        answers=(("allein", "yes"), ("sprache", "andere")),
    )
    assert parse_selection(parents, query) == expected
    assert parse_selection(parents, cli) == expected
    # Links keep the selection: the arguments parse back to the same filters.
    args: dict[str, list[str]] = {}
    for key, value in selection_args(expected):
        args.setdefault(key, []).append(value)
    assert parse_selection(parents, args) == expected
    assert parse_selection(parents, {}) == Filters() and not Filters().active


@pytest.mark.parametrize(
    ("args", "english"),
    [
        ({"district": "mars"}, "district"),
        ({"life_phase": "99"}, "life_phase"),
        ({"language": "xx"}, "language"),
        ({"event": "<script>"}, "event"),
        ({"since": "gestern"}, "since"),
        ({"until": "2026-02-30"}, "until"),
        ({"answer": "allein:vielleicht"}, "answer"),
        ({"answer": "alter:3"}, "answer"),  # a number, not a choice question
        ({"answer": "nichts"}, "answer"),
        ({"district": ["nord", "sued"]}, "district"),
        ({"since": "2026-05-01", "until": "2026-04-01"}, "begins after it ends"),
    ],
)
def test_parse__bad_values_give_a_message_naming_them(parents, args, english):
    with pytest.raises(SelectionError) as caught:
        parse_selection(parents, args)
    assert english in caught.value.message(translator("en"))
    assert caught.value.message(translator("de")) != caught.value.message(translator("en"))


def _data(parents):
    records = [
        {"id": f"r{i}", "language": "en" if i in (1, 8) else "de", "answers": row}
        for i, row in enumerate(PARENT_ROWS)
    ]
    return responses_from_records(records, parents)


def test_filters__change_the_numbers_as_counted_by_hand(parents):
    data = _data(parents)
    other_language = data.filtered(Filters(answers=(("sprache", "andere"),)))
    assert other_language.frame["response_id"].tolist() == ["r1", "r2", "r8"]
    # treff: answered awareness r1, r2, r8 (all 0-6, no excluded district); known: r2, r8.
    cell = analyse(other_language, min_group_size=1).reach.cell("treff")
    assert (cell.known.count, cell.known.n, cell.used.count) == (2, 3, 2)
    everyone = analyse(data, min_group_size=1).reach.cell("treff")
    assert (everyone.known.count, everyone.known.n) == (4, 7)  # r0 r2 r6 r8 (r4: no phase)

    assert data.filtered(Filters(answers=(("allein", "yes"),))).frame["response_id"].tolist() == [
        "r1"
    ]
    english = data.filtered(Filters(language="en"))
    assert english.frame["response_id"].tolist() == ["r1", "r8"]
    both = data.filtered(Filters(language="en", answers=(("sprache", "andere"),), district="sued"))
    assert both.frame["response_id"].tolist() == ["r1", "r8"]


def test_refusal__small_selections_and_small_differences(parents):
    data = _data(parents)
    assert refusal(data, Filters(), 5) is None
    assert refusal(data, Filters(answers=(("sprache", "andere"),)), 3) is None
    assert refusal(data, Filters(answers=(("sprache", "andere"),)), 4) == TOO_SMALL
    assert refusal(data, Filters(district="nowhere"), 1) == TOO_SMALL  # none is small too
    # Everyone but the two English answers: 7 of 9; comparing with all shows a group of 2.
    assert refusal(data, Filters(language="de"), 3) == SMALL_DIFFERENCE
    assert refusal(data, Filters(language="de"), 2) is None
