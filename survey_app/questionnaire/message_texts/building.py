"""Messages about building a questionnaire or site: code → (German msgid, English)."""

from __future__ import annotations

from survey_app.questionnaire.message_texts.mark import N_

MESSAGES = {
    # --- building a questionnaire (build_questionnaire.py, build_site.py) ---
    "default_not_in_languages": (
        N_(
            "default_language „%(default)s“ steht nicht in languages (%(languages)s); ergänzen Sie es dort"
        ),
        "default_language '%(default)s' is not in languages (%(languages)s); add it there",
    ),
    "site_languages_missing": (
        N_(
            "Die Ortsdatei nennt %(languages)s nicht, daher fehlen die Namen der Angebote, Sozialräume und Lebensphasen in diesen Sprachen; ergänzen Sie sie in der Ortsdatei"
        ),
        "the site file does not declare %(languages)s, so offer, district and life phase names are missing in these languages; add them to the site file",
    ),
    "reserved_list_name": (
        N_(
            "Der Listenname „%(name)s“ ist für die %(name)s der Ortsdatei reserviert; wählen Sie einen anderen Namen"
        ),
        "the list name '%(name)s' is reserved for the site file's %(name)s; choose another name",
    ),
    "bad_list_name": (
        N_("Der Listenname „%(name)s“ darf nur Buchstaben, Ziffern und _ enthalten"),
        "the list name '%(name)s' may only contain letters, digits and _",
    ),
    "no_choices": (
        N_("%(what)s hat keine Antworten; ergänzen Sie mindestens eine „- value: ...“"),
        "%(what)s has no choices; add at least one '- value: ...'",
    ),
    "image_has_folder": (
        N_("Das Bild „%(name)s“ muss ein Dateiname in pictograms/ sein, ohne Ordner"),
        "image '%(name)s' must be a file name in pictograms/, without folders",
    ),
    "image_missing": (
        N_(
            "Das Bild „%(name)s“ liegt nicht in pictograms/; legen Sie die Datei dort ab oder berichtigen Sie den Namen"
        ),
        "image '%(name)s' is not in pictograms/; add the file or fix the name",
    ),
    "bad_attribute": (
        N_(
            "Das Merkmal „%(key)s“ der Antwort „%(value)s“: verwenden Sie Buchstaben, Ziffern und _ (nicht %(reserved)s oder ankommen...)"
        ),
        "attribute '%(key)s' of choice '%(value)s': use letters, digits and _ (not %(reserved)s or ankommen...)",
    ),
    "pages_empty": (
        N_("pages ist leer; ergänzen Sie mindestens eine Seite mit Fragen"),
        "pages is empty; add at least one page with questions",
    ),
    "page_no_questions": (
        N_("Die Seite „%(id)s“ hat keine Fragen; ergänzen Sie welche oder entfernen Sie sie"),
        "page '%(id)s' has no questions; add some or remove it",
    ),
    "duplicate_question": (
        N_(
            "Die Frage-id „%(id)s“ kommt doppelt vor (zuerst in Zeile %(first)s); Frage-ids müssen eindeutig sein"
        ),
        "duplicate question id '%(id)s' (first on line %(first)s); question ids must be unique",
    ),
    "unknown_type": (
        N_("Unbekannter Fragetyp „%(kind)s“%(hint)s%(near)s; Typen: %(types)s"),
        "unknown question type '%(kind)s'%(hint)s%(near)s; types: %(types)s",
    ),
    "key_not_for_type": (
        N_(
            "„%(key)s“ wird von Fragen des Typs %(kind)s nicht verwendet (%(name)s); entfernen Sie es"
        ),
        "'%(key)s' is not used by %(kind)s questions (%(name)s); remove it",
    ),
    "type_needs_key": (
        N_("%(name)s vom Typ %(kind)s braucht „%(key)s“; ergänzen Sie es"),
        "%(name)s of type %(kind)s needs '%(key)s'; add it",
    ),
    "no_such_list": (
        N_(
            "%(key)s: Es gibt keine Antwortliste „%(list)s“%(near)s; legen Sie sie unter „choice_lists“ an oder schreiben Sie die Antworten direkt dazu"
        ),
        "%(key)s: there is no choice list '%(list)s'%(near)s; define it under 'choice_lists' or write the choices in place",
    ),
    "site_list_without_site": (
        N_("„%(name)s“ kommen aus der Ortsdatei; ergänzen Sie „site: site.yaml“ im Fragebogen"),
        "'%(name)s' come from the site file; add 'site: site.yaml' to the questionnaire",
    ),
    "max_below_min": (
        N_("%(name)s: max (%(high)s) ist kleiner als min (%(low)s); tauschen Sie die Werte"),
        "%(name)s: max (%(high)s) is less than min (%(low)s); swap them",
    ),
    "rating_points": (
        N_("%(name)s: eine Bewertung hat 2 bis 11 Punkte, nicht %(points)s"),
        "%(name)s: a rating has 2 to 11 points, not %(points)s",
    ),
    "smiley_points": (
        N_("%(name)s: eine Smiley-Skala hat 3 oder 5 Gesichter, nicht %(points)s"),
        "%(name)s: a smiley scale has 3 or 5 faces, not %(points)s",
    ),
    "smiley_choices": (
        N_(
            "%(name)s: points ist %(points)s, aber es gibt %(count)s Antworten; geben Sie eine Antwort je Gesicht an"
        ),
        "%(name)s: points is %(points)s but there are %(count)s choices; give one choice per face",
    ),
    "dot_vote_points": (
        N_("%(name)s: Es müssen mindestens 1 Punkt zu verteilen sein"),
        "%(name)s: points to spread must be at least 1",
    ),
    "equity_no_members": (
        N_(
            "equity_group von %(name)s hat keine members; nennen Sie die Antworten, die die Gruppe bilden"
        ),
        "equity_group of %(name)s has no members; list the answers that form the group",
    ),
    "score_no_items": (
        N_("Die Skala „%(id)s“ hat keine items; nennen Sie Frage-ids"),
        "score '%(id)s' has no items; list question ids",
    ),
    "reverse_not_in_items": (
        N_(
            "Skala „%(id)s“: das umgepolte Item „%(item)s“ steht nicht in items; ergänzen Sie es dort"
        ),
        "score '%(id)s': reverse item '%(item)s' is not in items; add it there",
    ),
    "band_needs_below": (
        N_("Die Stufe „%(id)s“ braucht „below“ (nur die letzte Stufe darf es weglassen)"),
        "band '%(id)s' needs 'below' (only the last band may leave it out)",
    ),
    "band_below_order": (
        N_("Stufe „%(id)s“: below muss von Stufe zu Stufe wachsen (%(below)s nach %(previous)s)"),
        "band '%(id)s': below must grow from band to band (%(below)s after %(previous)s)",
    ),
    "duplicate_band": (
        N_("Die Stufen-id „%(id)s“ kommt in der Skala „%(score)s“ doppelt vor"),
        "duplicate band id '%(id)s' in score '%(score)s'",
    ),
    "unknown_category": (
        N_(
            "Angebot „%(id)s“: unbekannte Kategorie „%(category)s“%(near)s; ergänzen Sie sie unter „categories“"
        ),
        "offer '%(id)s': unknown category '%(category)s'%(near)s; add it under 'categories'",
    ),
    "to_age_without_from_age": (
        N_("Die Lebensphase „%(id)s“ hat to_age, aber kein from_age; ergänzen Sie from_age"),
        "life phase '%(id)s' has to_age but no from_age; add from_age",
    ),
    "to_age_not_greater": (
        N_("to_age (%(to_age)s) muss größer als from_age (%(from_age)s) sein in „%(id)s“"),
        "to_age (%(to_age)s) must be greater than from_age (%(from_age)s) in '%(id)s'",
    ),
    "offer_unknown_reference": (
        N_(
            "Angebot „%(id)s“: unbekannter Eintrag „%(value)s“ in %(key)s%(near)s; ergänzen Sie ihn unter „%(key)s“"
        ),
        "offer '%(id)s': unknown %(key)s entry '%(value)s'%(near)s; add it under '%(key)s'",
    ),
    "offer_reference_twice": (
        N_("„%(value)s“ steht zweimal in %(key)s des Angebots „%(id)s“"),
        "'%(value)s' is listed twice in %(key)s of offer '%(id)s'",
    ),
}
