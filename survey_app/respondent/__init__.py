"""The pages families and children see: start page, questionnaires, kiosk mode."""

from __future__ import annotations

from flask import Blueprint
from flask.blueprints import BlueprintSetupState

from survey_app.storage import draft_store as drafts

bp = Blueprint("respondent", __name__)


@bp.record_once
def _attach_draft_store(state: BlueprintSetupState) -> None:
    drafts.init_app(state.app)


from survey_app.respondent import answer_views, recordings, views  # noqa: E402, F401  (registers the routes)
