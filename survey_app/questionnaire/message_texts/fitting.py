"""Messages about how the parts fit and about workbooks: code → (German msgid, English)."""

from __future__ import annotations

from survey_app.questionnaire.message_texts.mark import N_

MESSAGES = {
    # --- how the parts fit (checks.py) ---
    "dot_outside_constraint": (
        N_("%(what)s: „.“ (die Antwort selbst) geht nur in einer constraint; verwenden Sie ${id}"),
        "%(what)s: '.' (the answer itself) only works in a constraint; use ${id}",
    ),
    "ref_not_question": (
        N_(
            "%(what)s: ${%(name)s} (Spalte %(column)s) ist keine Frage%(near)s; berichtigen Sie die id"
        ),
        "%(what)s: ${%(name)s} (column %(column)s) is not a question%(near)s; fix the id",
    ),
    "ref_later": (
        N_(
            "%(what)s: ${%(name)s} ist %(reason)s; ein Ausdruck darf nur Antworten verwenden, die vorher gegeben wurden (%(fix)s)"
        ),
        "%(what)s: ${%(name)s} is %(reason)s; an expression may only use answers given before it (%(fix)s)",
    ),
    "ref_no_value": (
        N_("%(what)s: ${%(name)s} ist eine Frage vom Typ %(type)s, die keinen einzelnen Wert hat"),
        "%(what)s: ${%(name)s} is a %(type)s question, which has no single value to use",
    ),
    "bare_name": (
        N_("%(what)s: der blanke Name „%(name)s“ geht nur in choice_filter%(hint)s"),
        "%(what)s: the bare name '%(name)s' only works in choice_filter%(hint)s",
    ),
    "no_attribute": (
        N_(
            "%(what)s: keine Antwort hat das Merkmal „%(name)s“%(near)s; ergänzen Sie „attributes: {%(name)s: ...}“ bei den Antworten oder verwenden Sie „name“ für den Wert der Antwort"
        ),
        "%(what)s: no choice has the attribute '%(name)s'%(near)s; add 'attributes: {%(name)s: ...}' to the choices or use 'name' for the choice's value",
    ),
    "compared_value": (
        N_(
            "%(what)s: ${%(name)s} wird mit „%(value)s“ verglichen, aber das ist keine seiner Antworten (%(values)s)%(near)s; verwenden Sie einen dieser Werte"
        ),
        "%(what)s: ${%(name)s} is compared with '%(value)s', which is not one of its choices (%(values)s)%(near)s; use one of these values",
    ),
    "multiple_compare": (
        N_(
            "%(what)s: ${%(name)s} erlaubt mehrere Antworten; schreiben Sie selected(${%(name)s}, '%(value)s') statt %(operator)s '%(value)s'"
        ),
        "%(what)s: ${%(name)s} allows several answers; write selected(${%(name)s}, '%(value)s') instead of %(operator)s '%(value)s'",
    ),
    "equity_role_missing": (
        N_(
            "Die Frage „%(id)s“ hat eine equity_group, aber nicht die Rolle „equity_group“; ergänzen Sie „role: equity_group“"
        ),
        "question '%(id)s' has an equity_group but its role is not 'equity_group'; add 'role: equity_group'",
    ),
    "unknown_role": (
        N_("Unbekannte Rolle „%(role)s“%(near)s; Rollen: %(roles)s"),
        "unknown role '%(role)s'%(near)s; roles: %(roles)s",
    ),
    "role_twice": (
        N_(
            "Die Rolle „%(role)s“ wird zweimal vergeben (zuerst an die Frage „%(first)s“); die Auswertung liest sie nur aus einer Frage"
        ),
        "role '%(role)s' is used twice (first by question '%(first)s'); the analysis reads it from one question only",
    ),
    "role_mismatch": (
        N_("Die Frage „%(id)s“ hat die Rolle „%(role)s“, aber %(problem)s"),
        "question '%(id)s' has role '%(role)s', but %(problem)s",
    ),
    "score_item_not_question": (
        N_("Skala „%(id)s“: das Item „%(item)s“ ist keine Frage%(near)s"),
        "score '%(id)s': item '%(item)s' is not a question%(near)s",
    ),
    "score_item_not_numeric": (
        N_(
            "Skala „%(id)s“: das Item „%(item)s“ ist eine Frage vom Typ %(type)s ohne Zahlen als Antworten; verwenden Sie rating, integer, decimal oder Antworten mit Zahlenwerten"
        ),
        "score '%(id)s': item '%(item)s' is a %(type)s question without numeric answers; use rating, integer, decimal or choices with numeric values",
    ),
    "reverse_needs_range": (
        N_(
            "Skala „%(id)s“: um „%(item)s“ umzupolen, braucht es den kleinsten und größten Wert; geben Sie der Frage min und max"
        ),
        "score '%(id)s': reverse-coding '%(item)s' needs its lowest and highest value; give the question min and max",
    ),
    "default_not_choice": (
        N_(
            "Der default der Frage „%(id)s“ ist keiner ihrer Antwortwerte; berichtigen oder entfernen Sie ihn"
        ),
        "default of question '%(id)s' is not one of its choice values; fix or remove it",
    ),
    "default_not_number": (
        N_("Der default der Frage „%(id)s“ muss eine Zahl sein"),
        "default of question '%(id)s' must be a number",
    ),
    "equity_not_choices": (
        N_(
            "equity_group %(what)s der Frage „%(id)s“ sind keine ihrer Antworten: %(unknown)s; nennen Sie Antwortwerte"
        ),
        "equity_group %(what)s of question '%(id)s' are not among its choices: %(unknown)s; list choice values",
    ),
    "translation_missing": (
        N_("%(what)s hat keine Übersetzung für %(languages)s; ergänzen Sie %(add)s"),
        "%(what)s has no translation for %(languages)s; add %(add)s",
    ),
    # --- workbooks (xlsform_import.py) ---
    "header_language": (
        N_(
            "Spalte „%(header)s“: unklar, welche Sprache gemeint ist; schreiben Sie die Überschrift als „%(name)s::Name (Kürzel)“, z. B. „%(name)s::German (de)“"
        ),
        "column '%(header)s': cannot tell which language is meant; write the header as '%(name)s::Name (code)', e.g. '%(name)s::German (de)'",
    ),
    "no_survey_sheet": (
        N_("Die Arbeitsmappe hat kein Blatt „survey“; ist es ein XLSForm?"),
        "the workbook has no 'survey' sheet; is it an XLSForm?",
    ),
    "sheet_not_read": (
        N_(
            "Das Blatt „%(name)s“ wird von ankommen nicht gelesen (gelesen werden survey, choices, settings)"
        ),
        "the sheet '%(name)s' is not read by ankommen (it reads survey, choices, settings)",
    ),
    "setting_not_used": (
        N_("Die Einstellung „%(key)s“ wird von ankommen nicht verwendet"),
        "the setting '%(key)s' is not used by ankommen",
    ),
    "bad_default_language": (
        N_(
            "default_language „%(spec)s“ ist keine Sprache; schreiben Sie z. B. „German (de)“ oder „de“"
        ),
        "default_language '%(spec)s' is not a language; write e.g. 'German (de)' or 'de'",
    ),
    "no_form_id": (
        N_("Keine form_id in den Einstellungen; die id ist „%(id)s“"),
        "no form_id in the settings; the id is '%(id)s'",
    ),
    "no_audience": (
        N_(
            "Kein ankommen_audience in den Einstellungen; angenommen wird „parents“ (children oder youth für junge Befragte)"
        ),
        "no ankommen_audience in the settings; assumed 'parents' (use children or youth for young respondents)",
    ),
    "no_form_title": (
        N_("Kein form_title in den Einstellungen; der Titel ist „%(id)s“"),
        "no form_title in the settings; the title is '%(id)s'",
    ),
    "choice_no_list_name": (
        N_("Diese Antwort hat keinen list_name; füllen Sie ihn aus oder löschen Sie die Zeile"),
        "this choice has no list_name; fill it in or delete the row",
    ),
    "choice_no_name": (
        N_("Diese Antwort der Liste „%(list)s“ hat keinen name (ihren Wert); füllen Sie ihn aus"),
        "this choice of list '%(list)s' has no name (its value); fill it in",
    ),
    "media_column": (
        N_(
            "Die Spalte „%(key)s“ wird von ankommen nicht unterstützt (nur image und audio); leeren Sie sie"
        ),
        "the column '%(key)s' is not supported by ankommen (only image and audio); clear it",
    ),
    "site_list_differs": (
        N_(
            "„%(name)s“ kommen aus der Ortsdatei; diese Zeile weicht davon ab und wird nicht übernommen (ändern Sie stattdessen die Ortsdatei)"
        ),
        "'%(name)s' come from the site file; this row differs from it and is not imported (edit the site file instead)",
    ),
    "nested_groups": (
        N_("Gruppen in Gruppen werden nicht unterstützt; beenden Sie zuerst die äußere Gruppe"),
        "groups inside groups are not supported; end the outer group first",
    ),
    "end_group_alone": (
        N_("„end group“ ohne „begin group“; löschen Sie die Zeile oder ergänzen Sie die Gruppe"),
        "'end group' without 'begin group'; delete the row or add the group",
    ),
    "group_not_closed": (
        N_("Die Gruppe „%(id)s“ wird nie geschlossen; ergänzen Sie „end group“"),
        "the group '%(id)s' is never closed; add 'end group'",
    ),
    "unsupported_column": (
        N_(
            "Die Spalte „%(column)s“ („%(value)s“) wird von ankommen nicht unterstützt; leeren Sie die Zelle"
        ),
        "the column '%(column)s' ('%(value)s') is not supported by ankommen; clear the cell",
    ),
    "group_appearance": (
        N_("Die appearance „%(appearance)s“ einer Gruppe wird von ankommen nicht verwendet"),
        "the group appearance '%(appearance)s' is not used by ankommen",
    ),
    "group_key": (
        N_("Eine Gruppe kann kein „%(key)s“ haben; verschieben Sie es zu den Fragen"),
        "a group cannot have '%(key)s'; move it to the questions",
    ),
    "row_no_type": (
        N_("Diese Zeile hat keinen type; füllen Sie ihn aus oder löschen Sie die Zeile"),
        "this row has no type; fill it in or delete the row",
    ),
    "or_other": (
        N_(
            "„or other“-Antworten werden nicht unterstützt; ergänzen Sie eine Antwort „other“ und eine Textfrage"
        ),
        "'or other' choices are not supported; add an 'other' choice and a text question",
    ),
    "unsupported_type": (
        N_("Der Typ „%(kind)s“ wird nicht unterstützt: %(reason)s"),
        "type '%(kind)s' is not supported: %(reason)s",
    ),
    "type_from_file": (
        N_(
            "Der Typ „%(kind)s“ wird nicht unterstützt; schreiben Sie die Antworten auf das Blatt choices"
        ),
        "type '%(kind)s' is not supported; put the choices on the choices sheet",
    ),
    "unknown_xls_type": (
        N_("Unbekannter Typ „%(kind)s“%(near)s; ankommen liest: %(known)s"),
        "unknown type '%(kind)s'%(near)s; ankommen reads: %(known)s",
    ),
    "unknown_ankommen_type": (
        N_("ankommen_type „%(special)s“ ist unbekannt%(near)s; möglich sind %(types)s"),
        "ankommen_type '%(special)s' is unknown%(near)s; it is one of %(types)s",
    ),
    "ankommen_type_needs": (
        N_("ankommen_type „%(special)s“ braucht den Typ %(needs)s, nicht „%(kind)s“"),
        "ankommen_type '%(special)s' needs the type %(needs)s, not '%(kind)s'",
    ),
    "required_unsupported": (
        N_(
            "required „%(text)s“ wird nicht unterstützt; schreiben Sie yes oder no (Bedingungen werden nicht unterstützt)"
        ),
        "required '%(text)s' is not supported; write yes or no (conditions are not supported)",
    ),
    "row_filter_not_matrix": (
        N_("ankommen_row_filter ist für Matrix-Fragen; verwenden Sie choice_filter"),
        "ankommen_row_filter is for matrix questions; use choice_filter",
    ),
    "band_without_scores": (
        N_("Eine Stufe ohne Skalen; ergänzen Sie die Skala auf dem Blatt ankommen_scores"),
        "a band without scores; add the score to the ankommen_scores sheet",
    ),
    "band_unknown_score": (
        N_("Stufe für die unbekannte Skala „%(id)s“; berichtigen Sie die Spalte score"),
        "band for unknown score '%(id)s'; fix the score column",
    ),
}
