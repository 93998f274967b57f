"""Retention: raw responses are deleted after a number of months.

Only the ``responses`` table (and the quote decisions that refer to deleted responses)
is touched.  The daily start counts hold no answers and stay; briefs made before are
files of aggregated numbers and are not affected.  No Flask here: the
``ankommen responses purge`` command and the coordinator page share it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from survey_app.storage import Connection, log_action
from survey_app.storage.submissions import delete_responses
from survey_app.storage.tallies import count_responses

#: The longest retention period a purge can be asked for (50 years).
MAX_MONTHS = 600


def parse_months(text: object) -> int | None:
    """``text`` as a number of months from 1 to :data:`MAX_MONTHS`, or None.

    Only ASCII digits count: ``str.isdigit`` also accepts ``²`` or ``①``, which
    ``int()`` refuses.
    """
    if not isinstance(text, str) or not re.fullmatch(r"[0-9]{1,4}", text):
        return None
    months = int(text)
    return months if 1 <= months <= MAX_MONTHS else None


@dataclass(frozen=True)
class PurgeResult:
    """What a purge did: responses submitted before ``cutoff`` were deleted."""

    months: int
    cutoff: date
    deleted: int


def cutoff_date(months: int, today: date | None = None) -> date:
    """The day ``months`` calendar months before ``today`` (the 31st becomes the
    month's last day); responses submitted before it are older than ``months``."""
    if not 0 <= months <= MAX_MONTHS:
        raise ValueError(f"The number of months must be between 0 and {MAX_MONTHS}.")
    today = today or date.today()
    month_index = today.year * 12 + (today.month - 1) - months
    year, month = divmod(month_index, 12)
    month += 1
    day = min(today.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def count_older_than(conn: Connection, cutoff: date) -> int:
    """How many responses were submitted before ``cutoff``."""
    return count_responses(conn, before=cutoff)


def purge_responses(
    conn: Connection, months: int, user_name: str, today: date | None = None
) -> PurgeResult:
    """Delete responses older than ``months`` months and write it to the audit log.

    Call inside a transaction: the deletion and its log entry are committed together.
    """
    cutoff = cutoff_date(months, today)
    deleted = delete_responses(conn, before=cutoff)
    log_action(
        conn,
        user_name,
        "purge",
        f"responses older than {months} months (submitted before {cutoff.isoformat()}): "
        f"{deleted} deleted",
    )
    return PurgeResult(months, cutoff, deleted)
