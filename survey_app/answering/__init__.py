"""Answering a questionnaire without HTTP: the screens, the route, the run.

Nothing here imports Flask, Werkzeug, Flask-Babel or WTForms
(``tests/test_boundary_answering.py`` checks it); the web views adapt it.
"""

from __future__ import annotations

from survey_app.answering.run import ENTRY_CODES, AnsweringRun, DraftState, Step, is_entry_problem
from survey_app.answering.screens import Progress, Route, Screen, plan_screens

__all__ = [
    "ENTRY_CODES",
    "AnsweringRun",
    "DraftState",
    "Progress",
    "Route",
    "Screen",
    "Step",
    "is_entry_problem",
    "plan_screens",
]
