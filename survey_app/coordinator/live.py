"""Live counts for the coordinator's overview: started and completed questionnaires.

Completed responses come from ``responses``, started ones from the daily ``starts``
counts.  Both are counted per questionnaire, event, language and day, then summed up
along each of these four dimensions.  No Flask here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from survey_app.storage import Connection
from survey_app.storage.tallies import completed_per_group, started_per_group

#: The dimensions of the overview, in the order the page shows them.
DIMENSIONS = ("questionnaire", "event", "language", "day")
#: Days listed one by one (the newest with data); older days are summed in one row.
RECENT_DAYS = 14
#: The key of that row.
EARLIER = "earlier"


@dataclass
class LiveCount:
    """Started and completed questionnaires of one group (e.g. one language)."""

    key: str | date
    started: int = 0
    completed: int = 0

    @property
    def completion_rate(self) -> float | None:
        """Completed out of started, or None when that is no share (nothing started,
        or more completed than counted as started, e.g. across midnight)."""
        if self.started <= 0 or self.completed > self.started:
            return None
        return self.completed / self.started

    def is_small(self, min_group_size: int) -> bool:
        """True when the group has answers but fewer than ``min_group_size``."""
        return 0 < self.completed < min_group_size


@dataclass
class LiveOverview:
    """The counts along each dimension plus the total."""

    total: LiveCount
    groups: dict[str, list[LiveCount]] = field(default_factory=dict)


def live_overview(conn: Connection) -> LiveOverview:
    """Started and completed per questionnaire, event (``""`` = none), language and
    day (the :data:`RECENT_DAYS` newest, then :data:`EARLIER`; the others by key)."""
    completed = completed_per_group(conn)
    started = started_per_group(conn)
    total = LiveCount("total")
    tables: dict[str, dict[str | date, LiveCount]] = {name: {} for name in DIMENSIONS}
    for key in set(completed) | set(started):
        done, begun = completed.get(key, 0), started.get(key, 0)
        total.completed += done
        total.started += begun
        for dimension, value in zip(DIMENSIONS, key, strict=True):
            count = tables[dimension].setdefault(value, LiveCount(value))
            count.completed += done
            count.started += begun
    groups = {
        dimension: sorted(table.values(), key=lambda count: count.key, reverse=dimension == "day")
        for dimension, table in tables.items()
    }
    groups["day"] = _recent_days(groups["day"])
    return LiveOverview(total=total, groups=groups)


def _recent_days(days: list[LiveCount]) -> list[LiveCount]:
    if len(days) <= RECENT_DAYS:
        return days
    earlier = LiveCount(EARLIER)
    for count in days[RECENT_DAYS:]:
        earlier.started += count.started
        earlier.completed += count.completed
    return [*days[:RECENT_DAYS], earlier]
