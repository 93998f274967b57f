"""Workbook wordings (sheets, rows, columns instead of YAML keys) and the places."""

from __future__ import annotations

from survey_app.questionnaire.message_texts.mark import N_

WORKBOOK = {
    "missing_key": (
        N_("%(what)s: die Spalte „%(xls_column)s“ ist leer; füllen Sie sie in dieser Zeile aus"),
        "%(what)s: the column '%(xls_column)s' is empty; fill it in in this row",
    ),
    "missing_key_example": (
        N_(
            "%(what)s: die Spalte „%(xls_column)s“ ist leer; füllen Sie sie aus, z. B. mit „%(example)s“"
        ),
        "%(what)s: the column '%(xls_column)s' is empty; fill it in, e.g. with '%(example)s'",
    ),
    "duplicate_choice": (
        N_(
            "Der Antwortwert „%(key)s“ steht zweimal in der Spalte name der Liste (zuerst in Zeile %(first)s); jeder darf nur einmal vorkommen"
        ),
        "the choice value '%(key)s' appears twice in the list's name column (first in row %(first)s); each may appear only once",
    ),
    "duplicate_page": (
        N_(
            "Der Gruppenname „%(key)s“ kommt doppelt vor (zuerst in Zeile %(first)s); jeder darf nur einmal vorkommen"
        ),
        "the group name '%(key)s' appears twice (first in row %(first)s); each may appear only once",
    ),
    "duplicate_question": (
        N_(
            "Der Fragename „%(id)s“ steht zweimal in der Spalte name (zuerst in Zeile %(first)s); jeder Name darf nur einmal vorkommen"
        ),
        "the question name '%(id)s' appears twice in the column name (first in row %(first)s); each name may appear only once",
    ),
    "empty_value": (
        N_("%(what)s ist leer; füllen Sie die Zelle aus"),
        "%(what)s is empty; fill in the cell",
    ),
    "language_not_declared": (
        N_(
            "Die Sprache „%(lang)s“ in %(what)s fehlt in ankommen_languages auf dem Blatt settings (%(languages)s)%(near)s; ergänzen Sie sie dort oder leeren Sie diese Spalte"
        ),
        "the language '%(lang)s' in %(what)s is missing from ankommen_languages on the settings sheet (%(languages)s)%(near)s; add it there or clear this column",
    ),
    "expression_unreadable": (
        N_("%(what)s: der Ausdruck ist bei „%(excerpt)s“ nicht lesbar: %(reason)s"),
        "%(what)s: cannot read the expression at '%(excerpt)s': %(reason)s",
    ),
    "no_such_list": (
        N_(
            "Die Antwortliste „%(list)s“ hat keine Zeilen auf dem Blatt choices%(near)s; ergänzen Sie dort Zeilen mit list_name „%(list)s“ oder berichtigen Sie den Namen in der Spalte type"
        ),
        "the choice list '%(list)s' has no rows on the choices sheet%(near)s; add rows with list_name '%(list)s' there or fix the name in the column type",
    ),
    "site_list_without_site": (
        N_(
            "„%(name)s“ kommen aus der Ortsdatei; tragen Sie auf dem Blatt settings in der Spalte ankommen_site die Ortsdatei ein (z. B. site.yaml)"
        ),
        "'%(name)s' come from the site file; name it in the column ankommen_site on the settings sheet (e.g. site.yaml)",
    ),
    "site_not_found": (
        N_(
            "Die Ortsdatei „%(file)s“ aus der Spalte ankommen_site (Blatt settings) wurde nicht gefunden (gesucht: %(looked)s); berichtigen Sie den Namen"
        ),
        "the site file '%(file)s' named in the column ankommen_site (settings sheet) was not found (looked for %(looked)s); fix the name",
    ),
    "type_needs_key": (
        N_("%(name)s vom Typ %(kind)s braucht die Spalte „%(xls_column)s“; füllen Sie sie aus"),
        "%(name)s of type %(kind)s needs the column '%(xls_column)s'; fill it in",
    ),
    "ref_not_question": (
        N_(
            "%(what)s: ${%(name)s} ist keine Frage%(near)s; berichtigen Sie den Namen in dieser Zelle (die Namen stehen in der Spalte name)"
        ),
        "%(what)s: ${%(name)s} is not a question%(near)s; fix the name in this cell (the names are in the column name)",
    ),
    "no_attribute": (
        N_(
            "%(what)s: keine Antwort hat das Merkmal „%(name)s“%(near)s; ergänzen Sie auf dem Blatt choices eine Spalte „%(name)s“ oder verwenden Sie „name“ für den Wert der Antwort"
        ),
        "%(what)s: no choice has the attribute '%(name)s'%(near)s; add a column '%(name)s' to the choices sheet or use 'name' for the choice's value",
    ),
    "equity_role_missing": (
        N_(
            "Die Frage „%(id)s“ hat eine equity_group, aber nicht die Rolle „equity_group“; tragen Sie equity_group in der Spalte ankommen_role ein"
        ),
        "question '%(id)s' has an equity_group but its role is not 'equity_group'; write equity_group in the column ankommen_role",
    ),
    "translation_missing": (
        N_(
            "%(what)s hat keinen Text in %(languages)s; füllen Sie in dieser Zeile die Spalte „%(example)s“ aus (gibt es sie nicht, fügen Sie sie hinzu)"
        ),
        "%(what)s has no text in %(languages)s; fill in the column '%(example)s' in this row (add the column if there is none)",
    ),
    "image_missing": (
        N_(
            "Das Bild „%(name)s“ liegt nicht im Ordner pictograms/ neben dem Fragebogen; legen Sie die Datei dort ab oder berichtigen Sie den Namen in der Spalte image"
        ),
        "image '%(name)s' is not in the folder pictograms/ beside the questionnaire; add the file or fix the name in the column image",
    ),
}

#: Phrases used inside messages.

PLACES = {
    "sheet": (N_("Blatt „%(sheet)s“"), "sheet '%(sheet)s'"),
    "sheet_row": (N_("Blatt „%(sheet)s“, Zeile %(row)s"), "sheet '%(sheet)s', row %(row)s"),
    "sheet_row_column": (
        N_("Blatt „%(sheet)s“, Zeile %(row)s, Spalte „%(column)s“"),
        "sheet '%(sheet)s', row %(row)s, column '%(column)s'",
    ),
    "error": (N_("Fehler"), "error"),
    "warning": (N_("Warnung"), "warning"),
    "summary": (
        N_("%(errors)s Fehler, %(warnings)s Warnung(en)"),
        "%(errors)s error(s), %(warnings)s warning(s)",
    ),
    "nothing_written": (
        N_("Es wurde nichts geschrieben; beheben Sie die Fehler oben und importieren Sie erneut."),
        "Nothing was written; fix the errors above and import again.",
    ),
    "wrote": (N_("%(path)s geschrieben"), "Wrote %(path)s"),
}
