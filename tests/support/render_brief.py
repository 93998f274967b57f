"""Render a brief in a process of its own: ``python -m tests.support.render_brief DB ID OUT``.

The font test runs it twice — with the machine's fonts and with a fontconfig that knows
no font at all — and compares the two PDFs.
"""

from __future__ import annotations

import sys
from pathlib import Path

from analysis.brief import build_brief_pdf
from analysis.results import analyse_stored
from survey_app.questionnaire import QuestionnaireLibrary
from survey_app.storage import make_engine

SHIPPED = Path(__file__).resolve().parents[2] / "questionnaires"


def main(database: str, questionnaire_id: str, output: str) -> None:
    """Write the German brief for ``questionnaire_id`` in ``database`` to ``output``."""
    engine = make_engine(f"sqlite:///{database}")
    questionnaire = QuestionnaireLibrary(SHIPPED).get(questionnaire_id)
    assert questionnaire is not None
    Path(output).write_bytes(build_brief_pdf(analyse_stored(engine, questionnaire), "de"))
    engine.dispose()


if __name__ == "__main__":
    main(*sys.argv[1:4])
