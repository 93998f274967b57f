"""Messages about recorded audio and pictures' alt text: code → (German msgid, English)."""

from __future__ import annotations

from survey_app.questionnaire.message_texts.mark import N_

MESSAGES = {
    "audio_language_undeclared": (
        N_("%(what)s: die Sprache „%(lang)s“ steht nicht in languages; entfernen Sie sie"),
        "%(what)s: the language '%(lang)s' is not declared; remove it",
    ),
    "audio_not_a_file": (
        N_("%(what)s muss ein Dateiname sein oder „Sprache: Datei“"),
        "%(what)s must be a file name or 'language: file'",
    ),
    "audio_has_folder": (
        N_("Die Aufnahme „%(name)s“ muss ein Dateiname in audio/ sein, ohne Ordner"),
        "audio '%(name)s' must be a file name in audio/, without folders",
    ),
    "audio_not_sound": (
        N_("Die Aufnahme „%(name)s“ muss eine Tondatei sein (%(suffixes)s)"),
        "audio '%(name)s' must be a sound file (%(suffixes)s)",
    ),
    "audio_missing": (
        N_(
            "Die Aufnahme „%(name)s“ liegt nicht in audio/; legen Sie die Datei dort ab oder berichtigen Sie den Namen"
        ),
        "audio '%(name)s' is not in audio/; add the file or fix the name",
    ),
    "image_without_alt": (
        N_(
            "%(what)s: das Bild „%(image)s“ hat keinen Alternativtext (image_alt); beschreiben Sie es in wenigen Worten, z. B. „image_alt: {de: Kinder auf einer Rutsche}“"
        ),
        "%(what)s: the image '%(image)s' has no image_alt; describe the picture in a few words, e.g. 'image_alt: {de: Kinder auf einer Rutsche}'",
    ),
}

#: The same problems worded for a workbook.
WORKBOOK = {
    "image_without_alt": (
        N_(
            "%(what)s: das Bild „%(image)s“ hat keinen Alternativtext; füllen Sie in dieser Zeile die Spalte „ankommen_image_alt_de“ aus (je Sprache eine, z. B. „Kinder auf einer Rutsche“)"
        ),
        "%(what)s: the image '%(image)s' has no alt text; fill in the column 'ankommen_image_alt_de' in this row (one per language, e.g. 'children on a slide')",
    ),
}
