"""The coordinator and planner area under ``/admin``, behind a login.

Coordinators run the survey work (questionnaires, events, live counts, exports,
retention); planners read results only.  Which role may open which page is decided per
view with :func:`survey_app.coordinator.access.requires`.
"""

from __future__ import annotations

from flask import Blueprint
from flask.blueprints import BlueprintSetupState

from survey_app.coordinator import access

bp = Blueprint("coordinator", __name__)


@bp.record_once
def _use_secure_cookie_sessions(state: BlueprintSetupState) -> None:
    state.app.session_interface = access.AdminSessionInterface()


bp.before_request(access.load_user)

from survey_app.coordinator import (  # noqa: E402, F401  (register the routes)
    account_views,
    data_views,
    event_views,
    live_views,
    page_context,
    questionnaire_views,
    quote_views,
    result_views,
    site_views,
    translation_views,
    upload_views,
)
