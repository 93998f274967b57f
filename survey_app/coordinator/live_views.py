"""The live overview: started and completed questionnaires, refreshed every few seconds.

The page renders the counts; ``admin-live.js`` fetches the fragment every
:data:`REFRESH_SECONDS` and swaps it in.  Without JavaScript the page shows the counts
of its last load.  Planners do not see this page: its counts are operational data
that includes groups below the minimum size.
"""

from __future__ import annotations

from flask import current_app, render_template

from survey_app.coordinator import bp
from survey_app.coordinator.access import requires
from survey_app.coordinator.live import LiveOverview, live_overview
from survey_app.library import get_library
from survey_app.respondent.offline import reported_waiting
from survey_app.storage.db import get_engine
from survey_app.storage.event_store import list_events
from survey_app.storage.user_store import COORDINATOR

REFRESH_SECONDS = 5


def _context() -> dict[str, object]:
    with get_engine().connect() as conn:
        overview: LiveOverview = live_overview(conn)
        event_names = {event.code: event.name for event in list_events(conn)}
    return {
        "overview": overview,
        "event_names": event_names,
        "questionnaires": {q.id: q for q in get_library().all()},
        "min_group_size": current_app.config["MIN_GROUP_SIZE"],
        "refresh_seconds": REFRESH_SECONDS,
        "offline_waiting": reported_waiting,
    }


@bp.get("/live")
@requires(COORDINATOR)
def live() -> str:
    """Responses per questionnaire, event, language and day."""
    return render_template("coordinator/live.html", **_context())


@bp.get("/live/fragment")
@requires(COORDINATOR)
def live_fragment() -> str:
    """Only the tables of the live overview, for the page's script to swap in."""
    return render_template("coordinator/_live_tables.html", **_context())
