"""The questionnaire model: questionnaires and the site file as checked, plain data.

Boundary rule: nothing in this package imports Flask (the analysis uses it too).
The format is described in ``questionnaires/README.md``. The pipeline:
``load_source(path)`` reads the files, ``convert(source)`` gives ``(model, problems)``.
"""

from survey_app.questionnaire.library import QuestionnaireLibrary
from survey_app.questionnaire.loader import (
    check_files,
    load_questionnaire,
    load_site,
    load_source,
    loads_questionnaire,
    read_questionnaire,
    read_site,
)
from survey_app.questionnaire.model import (
    Band,
    Choice,
    EquityGroup,
    Page,
    Question,
    Questionnaire,
    Score,
)
from survey_app.questionnaire.pipeline import convert
from survey_app.questionnaire.problems import AnswerProblem, Problem, QuestionnaireError
from survey_app.questionnaire.site import Category, District, LifePhase, Offer, Site
from survey_app.questionnaire.text import Text

__all__ = [
    "AnswerProblem",
    "Band",
    "Category",
    "Choice",
    "District",
    "EquityGroup",
    "LifePhase",
    "Offer",
    "Page",
    "Problem",
    "Question",
    "Questionnaire",
    "QuestionnaireError",
    "QuestionnaireLibrary",
    "Score",
    "Site",
    "Text",
    "check_files",
    "convert",
    "load_questionnaire",
    "load_site",
    "load_source",
    "loads_questionnaire",
    "read_questionnaire",
    "read_site",
]
