"""The texts of the check messages: German msgids (marked with ``N_``) and English.

``MESSAGES`` maps a code to its text; ``WORKBOOK`` holds the wording for a problem in
a workbook where it differs (sheets, rows and columns instead of YAML keys);
``TERMS`` are phrases used inside messages; ``PLACES`` name a place in a workbook and
the words the CLI prints. ``%(near)s`` is " (did you mean 'x'?)" or nothing. Every
German text has its English beside it (``ENGLISH``), used for ``str(problem)``.
The texts are kept in small modules by topic.
"""

from __future__ import annotations

from survey_app.questionnaire.message_texts import (
    building,
    fitting,
    media,
    publishing,
    reading,
    terms,
    workbook,
)

_MESSAGES = {**reading.MESSAGES, **building.MESSAGES, **fitting.MESSAGES, **media.MESSAGES}
_MESSAGES.update(publishing.MESSAGES)
_WORKBOOK = {**workbook.WORKBOOK, **media.WORKBOOK, **publishing.WORKBOOK}

MESSAGES: dict[str, str] = {code: de for code, (de, _en) in _MESSAGES.items()}
WORKBOOK: dict[str, str] = {code: de for code, (de, _en) in _WORKBOOK.items()}
PLACES: dict[str, str] = {key: de for key, (de, _en) in workbook.PLACES.items()}
TERMS: dict[str, str] = dict(terms.TERMS)
#: German msgid → English, for ``str(problem)`` and the CLI's default language.
ENGLISH: dict[str, str] = {
    **{de: en for de, en in _MESSAGES.values()},
    **{de: en for de, en in _WORKBOOK.values()},
    **{de: en for de, en in workbook.PLACES.values()},
    **{TERMS[code]: en for code, en in terms.ENGLISH.items()},
}
