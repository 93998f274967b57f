"""Messages about publishing an upload: code → (German msgid, English)."""

from __future__ import annotations

from survey_app.questionnaire.message_texts.mark import N_

MESSAGES = {
    "media_replaced": (
        N_(
            "%(path)s gibt es schon; die neue Datei ersetzt sie für jeden Fragebogen, der sie verwendet. Geben Sie der neuen Datei einen anderen Namen, um beide zu behalten"
        ),
        "%(path)s exists already and is replaced for every questionnaire that uses it; give the new file another name to keep both",
    ),
    "version_unchanged": (
        N_(
            "Die Version ist noch „%(version)s“ wie in der veröffentlichten Datei; geben Sie eine neue Version an („version:“), damit Exporte die Antworten beider auseinanderhalten"
        ),
        "the version is still '%(version)s', as in the published file; set a new version ('version:') so that exports tell the answers of both apart",
    ),
}

#: The same problems worded for a workbook.
WORKBOOK = {
    "version_unchanged": (
        N_(
            "Die Version ist noch „%(version)s“ wie in der veröffentlichten Datei; tragen Sie auf dem Blatt settings in der Spalte version eine neue Version ein, damit Exporte die Antworten beider auseinanderhalten"
        ),
        "the version is still '%(version)s', as in the published file; enter a new version in the settings sheet, column version, so that exports tell the answers of both apart",
    ),
}
