"""Answering a questionnaire without HTTP: the screens, the route, the run.

Nothing here imports Flask, Werkzeug, Flask-Babel or WTForms
(``tests/test_boundary_answering.py`` checks it); the web views adapt it.
"""

from __future__ import annotations

from survey_app.answering.run import AnsweringRun, DraftState, Step
from survey_app.answering.screens import Progress, Route, Screen, plan_screens

__all__ = ["AnsweringRun", "DraftState", "Progress", "Route", "Screen", "Step", "plan_screens"]
