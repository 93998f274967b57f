"""The texts of the check messages: German msgids (marked with ``N_``) and English.

``MESSAGES`` maps a code to its text; ``WORKBOOK`` holds the wording for a problem in
a workbook where it differs (sheets, rows and columns instead of YAML keys);
``TERMS`` are phrases used inside messages. ``%(near)s`` is " (did you mean 'x'?)"
or nothing. Every German text has its English beside it, used for ``str(problem)``.
"""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark only"
    """Mark ``message`` for extraction."""
    return message


_MESSAGES = {
    # --- reading files (nodes.py, loader.py, library.py) ---
    "file_empty": (
        N_(
            "Die Datei ist leer; ein Fragebogen beginnt mit „id:“, eine Ortsdatei mit „municipality:“"
        ),
        "the file is empty; a questionnaire starts with 'id:', a site file with 'municipality:'",
    ),
    "not_utf8": (
        N_(
            "Die Datei ist kein UTF-8-Text (Byte 0x%(byte)s); speichern Sie sie als UTF-8 (in den meisten Editoren: „Speichern unter“ → Kodierung UTF-8)"
        ),
        "the file is not UTF-8 text (byte 0x%(byte)s); save it as UTF-8 (in most editors: 'Save as' → encoding UTF-8)",
    ),
    "yaml_syntax": (
        N_(
            "YAML-Syntaxfehler: %(detail)s; prüfen Sie Einrückung, Doppelpunkte und Anführungszeichen"
        ),
        "YAML syntax error: %(detail)s; check indentation, colons and quotes",
    ),
    "yaml_syntax_flow": (
        N_(
            'YAML-Syntaxfehler: %(detail)s; setzen Sie in {...} oder [...] Texte mit ? : , oder # in Anführungszeichen, z. B. {de: "Wie alt?"}'
        ),
        'YAML syntax error: %(detail)s; inside {...} or [...], put texts with ? : , or # in quotes, e.g. {de: "Wie alt?"}',
    ),
    "not_yaml": (
        N_("Das ist keine YAML-Textdatei (%(detail)s); ist es die richtige Datei?"),
        "this is not a YAML text file (%(detail)s); is it the right file?",
    ),
    "yaml_nested": (
        N_("Das YAML ist zu tief verschachtelt"),
        "the YAML is nested too deeply",
    ),
    "no_data": (
        N_("Die Datei enthält keine Daten (nur Kommentare?)"),
        "the file holds no data (only comments?)",
    ),
    "yaml_too_large": (
        N_(
            "Die Datei ist zu groß: mehr als %(limit)s Einträge (oder Anker und Aliase wie *name werden zu oft eingesetzt); ist es die richtige Datei?"
        ),
        "the file is too large: more than %(limit)s entries (or anchors and aliases like *name expand too often); is it the right file?",
    ),
    "yaml_nested_alias": (
        N_("Das YAML ist zu tief verschachtelt (oder ein Alias verweist auf sich selbst)"),
        "the YAML is nested too deeply (or an alias refers to itself)",
    ),
    "key_not_plain": (
        N_("Ein Schlüssel muss ein einfaches Wort sein, keine Liste oder Zuordnung"),
        "a key must be a plain word, not a list or mapping",
    ),
    "merge_key": (
        N_("YAML-Merge-Schlüssel („<<“) werden nicht unterstützt; schreiben Sie die Schlüssel aus"),
        "YAML merge keys ('<<') are not supported; write the keys out",
    ),
    "duplicate_key": (
        N_(
            "„%(key)s“ steht zweimal in dieser Zuordnung (zuerst in Zeile %(first)s); behalten Sie einen Eintrag"
        ),
        "'%(key)s' appears twice in this mapping (first on line %(first)s); keep one",
    ),
    "yaml_tag": (
        N_("Das YAML-Tag %(tag)s wird nicht unterstützt; entfernen Sie es"),
        "the YAML tag %(tag)s is not supported; remove it",
    ),
    "no_such_file": (
        N_("Diese Datei gibt es nicht; prüfen Sie den Pfad"),
        "no such file; check the path",
    ),
    "is_folder": (N_("Das ist ein Ordner, keine Datei"), "this is a folder, not a file"),
    "cannot_read": (
        N_("Die Datei kann nicht gelesen werden: %(reason)s"),
        "cannot read the file: %(reason)s",
    ),
    "file_too_large": (
        N_("Die Datei ist größer als %(limit)s MB; ist es die richtige Datei?"),
        "the file is larger than %(limit)s MB; is it the right file?",
    ),
    "folder_missing": (
        N_("Den Fragebogen-Ordner gibt es nicht"),
        "the questionnaire folder does not exist",
    ),
    "workbook_in_folder": (
        N_(
            "Das ist eine Excel-Arbeitsmappe; der Fragebogen-Ordner liest nur YAML-Dateien. Wandeln Sie sie um mit „ankommen questionnaire import %(path)s -o %(target)s“"
        ),
        "this is a workbook; the questionnaire folder reads only YAML files. Convert it with 'ankommen questionnaire import %(path)s -o %(target)s'",
    ),
    "file_name_mismatch": (
        N_(
            "Der Dateiname „%(name)s“ passt nicht zur id „%(id)s“; benennen Sie die Datei um in %(id)s.yaml"
        ),
        "the file name '%(name)s' does not match the id '%(id)s'; rename the file to %(id)s.yaml",
    ),
    "id_used_twice": (
        N_("Die id „%(id)s“ wird schon von %(first)s benutzt; ids müssen eindeutig sein"),
        "the id '%(id)s' is already used by %(first)s; ids must be unique",
    ),
    "site_not_found": (
        N_(
            "Die Ortsdatei „%(file)s“ wurde nicht gefunden (gesucht: %(looked)s); berichtigen Sie den Namen"
        ),
        "site file '%(file)s' not found (looked for %(looked)s); fix the path",
    ),
    "site_has_errors": (
        N_("Die Ortsdatei „%(file)s“ hat Fehler; beheben Sie diese zuerst"),
        "the site file '%(file)s' has errors; fix them first",
    ),
    # --- hostile files (limits.py) ---
    "workbook_too_large_unpacked": (
        N_("Die Arbeitsmappe wäre entpackt größer als %(limit)s MB; ist es die richtige Datei?"),
        "the workbook would unpack to more than %(limit)s MB; is it the right file?",
    ),
    "workbook_packed_too_densely": (
        N_(
            "Die Arbeitsmappe ist ungewöhnlich stark gepackt (Teil %(part)s, %(ratio)s-fach); sie wird aus Sicherheitsgründen nicht gelesen"
        ),
        "the workbook is packed unusually densely (part %(part)s, %(ratio)s times); it is not read, for safety",
    ),
    "workbook_too_many_parts": (
        N_("Die Arbeitsmappe hat mehr als %(limit)s Teile; ist es die richtige Datei?"),
        "the workbook has more than %(limit)s parts; is it the right file?",
    ),
    "workbook_xml_entities": (
        N_(
            "Die Arbeitsmappe enthält eine DTD oder XML-Entitäten (in %(part)s); sie wird aus Sicherheitsgründen nicht gelesen. Speichern Sie sie in Excel oder LibreOffice neu als .xlsx"
        ),
        "the workbook contains a DTD or XML entities (in %(part)s); it is not read, for safety. Save it again as .xlsx in Excel or LibreOffice",
    ),
    "old_xls": (
        N_(
            "Alte .xls-Arbeitsmappen werden nicht unterstützt; speichern Sie die Datei als .xlsx (Excel-Arbeitsmappe)"
        ),
        "old .xls workbooks are not supported; save the file as .xlsx (Excel Workbook)",
    ),
    "not_workbook": (
        N_("Das ist keine lesbare Excel-Arbeitsmappe (.xlsx): %(detail)s"),
        "this is not an Excel workbook (.xlsx) that can be read: %(detail)s",
    ),
    # --- reading values (reader.py) ---
    "not_mapping": (
        N_("%(what)s muss eine Zuordnung aus Zeilen „Schlüssel: Wert“ sein, nicht %(kind)s"),
        "%(what)s must be a mapping of 'key: value' lines, not %(kind)s",
    ),
    "not_list": (
        N_("%(what)s muss eine Liste sein (Zeilen, die mit „- “ beginnen), nicht %(kind)s"),
        "%(what)s must be a list (lines starting with '- '), not %(kind)s",
    ),
    "unknown_key": (
        N_("Unbekannter Schlüssel „%(key)s“ in %(what)s%(near)s; bekannte Schlüssel: %(known)s"),
        "unknown key '%(key)s' in %(what)s%(near)s; known keys: %(known)s",
    ),
    "missing_key": (
        N_("%(what)s hat kein „%(key)s“; ergänzen Sie es"),
        "%(what)s has no '%(key)s'; add it",
    ),
    "missing_key_example": (
        N_("%(what)s hat kein „%(key)s“; ergänzen Sie es, z. B. „%(key)s: %(example)s“"),
        "%(what)s has no '%(key)s'; add it, e.g. '%(key)s: %(example)s'",
    ),
    "duplicate_choice": (
        N_(
            "Der Antwortwert „%(key)s“ in %(list)s kommt doppelt vor (zuerst in Zeile %(first)s); jeder darf nur einmal vorkommen"
        ),
        "duplicate choice value '%(key)s' in %(list)s (first on line %(first)s); each may appear only once",
    ),
    "duplicate_page": (
        N_(
            "Die Seiten-id „%(key)s“ kommt doppelt vor (zuerst in Zeile %(first)s); jede darf nur einmal vorkommen"
        ),
        "duplicate page id '%(key)s' (first on line %(first)s); each may appear only once",
    ),
    "duplicate_score": (
        N_(
            "Die Skalen-id „%(key)s“ kommt doppelt vor (zuerst in Zeile %(first)s); jede darf nur einmal vorkommen"
        ),
        "duplicate score id '%(key)s' (first on line %(first)s); each may appear only once",
    ),
    "duplicate_site_id": (
        N_(
            "Die id „%(key)s“ in %(list)s kommt doppelt vor (zuerst in Zeile %(first)s); ids müssen eindeutig sein"
        ),
        "duplicate id '%(key)s' in %(list)s (first on line %(first)s); ids must be unique",
    ),
    "empty_value": (
        N_("%(what)s ist leer; geben Sie einen Wert an oder entfernen Sie den Schlüssel"),
        "%(what)s is empty; give a value or remove the key",
    ),
    "not_single": (
        N_("%(what)s muss ein einzelner Wert sein, nicht %(kind)s"),
        "%(what)s must be a single value, not %(kind)s",
    ),
    "bad_identifier": (
        N_("%(what)s „%(text)s“ darf nur %(rule)s enthalten; z. B. „%(suggestion)s“"),
        "%(what)s '%(text)s' may only contain %(rule)s; e.g. '%(suggestion)s'",
    ),
    "not_whole_number": (
        N_("%(what)s muss eine ganze Zahl sein, nicht „%(text)s“"),
        "%(what)s must be a whole number, not '%(text)s'",
    ),
    "not_number": (
        N_("%(what)s muss eine Zahl sein, nicht „%(text)s“"),
        "%(what)s must be a number, not '%(text)s'",
    ),
    "not_boolean": (
        N_("%(what)s muss true oder false sein, nicht „%(text)s“"),
        "%(what)s must be true or false, not '%(text)s'",
    ),
    "not_one_of": (
        N_("%(what)s „%(text)s“ ist keiner von %(allowed)s%(near)s"),
        "%(what)s '%(text)s' is not one of %(allowed)s%(near)s",
    ),
    "listed_twice": (
        N_("„%(text)s“ steht zweimal in %(what)s; entfernen Sie einen Eintrag"),
        "'%(text)s' is listed twice in %(what)s; remove one",
    ),
    "not_language_tag": (
        N_(
            "%(what)s „%(text)s“ ist kein BCP-47-Sprachkürzel; schreiben Sie z. B. de, en, tr, ar, uk, pt-BR oder de-x-ls für Leichte Sprache"
        ),
        "%(what)s '%(text)s' is not a BCP-47 language tag; write e.g. de, en, tr, ar, uk, pt-BR, or de-x-ls for Leichte Sprache",
    ),
    "key_not_language_tag": (
        N_(
            "„%(lang)s“ in %(what)s ist kein BCP-47-Sprachkürzel; schreiben Sie z. B. de, en, tr, ar, uk, pt-BR oder de-x-ls für Leichte Sprache"
        ),
        "'%(lang)s' in %(what)s is not a BCP-47 language tag; write e.g. de, en, tr, ar, uk, pt-BR, or de-x-ls for Leichte Sprache",
    ),
    "language_listed_twice": (
        N_("„%(tag)s“ steht zweimal in languages; entfernen Sie einen Eintrag"),
        "'%(tag)s' is listed twice in languages; remove one",
    ),
    "languages_empty": (
        N_("languages ist leer; nennen Sie mindestens eine Sprache, z. B. [de]"),
        "languages is empty; list at least one, e.g. [de]",
    ),
    "text_empty": (
        N_("%(what)s hat keinen Text; schreiben Sie z. B. „de: ...“"),
        "%(what)s has no text; write e.g. 'de: ...'",
    ),
    "text_is_list": (
        N_("%(what)s muss ein Text oder eine Zuordnung „Sprache: Text“ sein, keine Liste"),
        "%(what)s must be a text or a mapping 'language: text', not a list",
    ),
    "language_not_declared": (
        N_(
            "Die Sprache „%(lang)s“ in %(what)s ist nicht angegeben%(near)s; ergänzen Sie sie unter „languages“ (%(languages)s) oder entfernen Sie diesen Text"
        ),
        "language '%(lang)s' in %(what)s is not declared%(near)s; add it to 'languages' (%(languages)s) or remove this text",
    ),
    "expression_unreadable": (
        N_("%(what)s: der Ausdruck ist ab Spalte %(column)s nicht lesbar: %(reason)s"),
        "%(what)s: cannot read the expression at column %(column)s: %(reason)s",
    ),
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
        N_("Die Spalte „%(key)s“ wird von ankommen nicht unterstützt (nur image); leeren Sie sie"),
        "the column '%(key)s' is not supported by ankommen (only image); clear it",
    ),
    "one_image": (
        N_(
            "ankommen zeigt ein Bild in allen Sprachen; verwendet wird „%(image)s“, nicht %(others)s"
        ),
        "ankommen shows one image in every language; '%(image)s' is used, not %(others)s",
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

#: Wordings for a problem in a workbook: sheets, rows and column headers, never YAML keys.
_WORKBOOK = {
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
TERMS = {
    "did_you_mean": N_(" (meinten Sie „%(near)s“?)"),
    "kind_map": N_("eine Zuordnung"),
    "kind_seq": N_("eine Liste"),
    "rule_identifier": N_("Buchstaben, Ziffern und _, nicht mit einer Ziffer am Anfang"),
    "rule_value": N_("Buchstaben, Ziffern, - und _"),
    "questionnaire_file": N_("eine Fragebogen-Datei"),
    "the_questionnaire": N_("der Fragebogen"),
    "the_site_file": N_("die Ortsdatei"),
    "a_page": N_("eine Seite"),
    "a_question": N_("eine Frage"),
    "a_score": N_("eine Skala"),
    "a_band": N_("eine Stufe"),
    "the_language": N_("die Sprache"),
    "choice_list": N_("Antwortliste „%(name)s“"),
    "a_choice_of": N_("eine Antwort von %(what)s"),
    "choice_value_in": N_("ein Antwortwert in %(what)s"),
    "entry_of": N_("ein Eintrag von %(what)s"),
    "question": N_("Frage „%(id)s“"),
    "page": N_("Seite „%(id)s“"),
    "key_of_question": N_("%(key)s der Frage „%(id)s“"),
    "key_of_page": N_("%(key)s der Seite „%(id)s“"),
    "key_of_choice": N_("%(key)s der Antwort „%(id)s“"),
    "key_of_score": N_("%(key)s der Skala „%(id)s“"),
    "key_of_band": N_("%(key)s der Stufe „%(id)s“"),
    "key_of_offer": N_("%(key)s des Angebots „%(id)s“"),
    "key_of_entry": N_("%(key)s von „%(id)s“ in %(list)s"),
    "band_of_score": N_("eine Stufe der Skala „%(id)s“"),
    "text_in": N_("der Text in %(lang)s von %(what)s"),
    "attribute_of_choice": N_("Merkmal „%(key)s“ der Antwort „%(id)s“"),
    "the_question_itself": N_("die Frage selbst"),
    "a_later_question": N_("eine Frage, die später kommt"),
    "fix_use_dot": N_("verwenden Sie „.“ für die Antwort selbst"),
    "fix_move": N_("verschieben Sie die Frage oder die Bedingung"),
    "hint_reference": N_("; meinten Sie ${%(name)s}?"),
    "hint_quote": N_("; setzen Sie Text in Anführungszeichen: 'Text'"),
    "hint_use_type": N_(" (verwenden Sie „%(type)s“)"),
    "role_needs_integer": N_("diese Rolle braucht eine Frage vom Typ integer (Alter in Jahren)"),
    "role_needs_life_phases": N_(
        "diese Rolle braucht eine single_choice mit „choices: life_phases“"
    ),
    "role_needs_districts": N_("diese Rolle braucht eine single_choice mit „choices: districts“"),
    "role_needs_option": N_(
        "diese Rolle braucht eine Frage vom Typ single_choice, multiple_choice oder yes_no"
    ),
    "role_needs_offers_multiple": N_(
        "diese Rolle braucht eine multiple_choice mit „choices: offers“"
    ),
    "role_needs_offers_matrix": N_("diese Rolle braucht eine Matrix mit „rows: offers“"),
    "role_needs_barrier": N_(
        "diese Rolle braucht eine Matrix mit „rows: offers“ oder eine multiple_choice mit Gründen"
    ),
    "role_needs_score": N_(
        "sie ist kein Item einer Skala; ergänzen Sie sie in den items einer Skala"
    ),
    "role_needs_dot_vote": N_("diese Rolle braucht eine Frage vom Typ dot_vote"),
    "role_needs_text": N_("diese Rolle braucht eine Frage vom Typ text oder long_text"),
    "role_needs_equity_group": N_(
        "sie hat keine „equity_group: {label: ..., members: [...]}“; ergänzen Sie eine"
    ),
    "unsupported_metadata": N_(
        "Geräte- und Zeitangaben werden nicht erhoben (Datenschutz); löschen Sie die Zeile"
    ),
    "unsupported_calculate": N_(
        "Berechnungen werden nicht unterstützt; berechnen Sie den Wert stattdessen in der Auswertung"
    ),
    "unsupported_time": N_("Uhrzeiten werden nicht gespeichert (Datenschutz); verwenden Sie date"),
    "unsupported_range": N_("verwenden Sie stattdessen integer mit ankommen_type rating"),
    "unsupported_acknowledge": N_("verwenden Sie stattdessen select_one mit ankommen_type yes_no"),
    "unsupported_hidden": N_("versteckte Felder werden nicht unterstützt; löschen Sie die Zeile"),
    "unsupported_location": N_(
        "Standorte werden nicht erhoben; fragen Sie stattdessen nach dem Sozialraum"
    ),
    "unsupported_file": N_(
        "Dateien, Fotos und Aufnahmen werden nicht erhoben; löschen Sie die Zeile"
    ),
    "unsupported_barcode": N_("Barcodes werden nicht unterstützt; löschen Sie die Zeile"),
    "unsupported_external": N_("externe Daten werden nicht unterstützt; löschen Sie die Zeile"),
    "unsupported_repeat": N_(
        "Wiederholungen werden nicht unterstützt; fragen Sie nach einem Kind oder kopieren Sie die Fragen"
    ),
    "unsupported_loop": N_("Schleifen werden nicht unterstützt; kopieren Sie die Fragen"),
    "expr_text_not_closed": N_("der Text, der mit %(char)s beginnt, wird nicht geschlossen"),
    "expr_dotdot": N_(
        "„..“ wird nicht unterstützt; verwenden Sie ${name}, um auf eine Frage zu verweisen"
    ),
    "expr_unexpected_char": N_("unerwartetes Zeichen %(char)s"),
    "expr_double_equals": N_("„==“ ist kein Operator; schreiben Sie ein einzelnes „=“"),
    "expr_dollar": N_("„$“ muss einen Verweis wie ${name} beginnen"),
    "expr_ref_not_closed": N_("der Verweis ${ wird nicht mit } geschlossen"),
    "expr_bad_ref_name": N_("„%(name)s“ ist kein Fragename (Buchstaben, Ziffern und _)"),
    "expr_expected": N_("erwartet wurde %(expected)s, gefunden %(found)s"),
    "expr_empty": N_("der Ausdruck ist leer"),
    "expr_unexpected": N_("unerwartet: %(found)s; fehlt ein Operator oder eine „)“?"),
    "expr_expected_value": N_("erwartet wurde ein Wert, gefunden %(found)s"),
    "expr_unknown_function": N_("unbekannte Funktion „%(name)s()“; ankommen kennt %(known)s"),
    "expr_arguments": N_("%(name)s() braucht %(wanted)s Argumente, nicht %(got)s"),
    "expr_argument_one": N_("%(name)s() braucht 1 Argument, nicht %(got)s"),
    "expr_nested": N_("der Ausdruck ist zu tief verschachtelt"),
    "expr_too_long": N_("der Ausdruck ist zu lang oder zu tief verschachtelt"),
    "expr_not_text": N_("ein Ausdruck muss Text sein"),
    "expr_longer": N_("der Ausdruck ist länger als %(limit)s Zeichen"),
    "token_end": N_("das Ende des Ausdrucks"),
    "token_text": N_("der Text „%(text)s“"),
}

_TERMS_ENGLISH = {
    "did_you_mean": " (did you mean '%(near)s'?)",
    "kind_map": "a mapping",
    "kind_seq": "a list",
    "rule_identifier": "letters, digits and _, not starting with a digit",
    "rule_value": "letters, digits, - and _",
    "questionnaire_file": "a questionnaire file",
    "the_questionnaire": "the questionnaire",
    "the_site_file": "the site file",
    "a_page": "a page",
    "a_question": "a question",
    "a_score": "a score",
    "a_band": "a band",
    "the_language": "the language",
    "choice_list": "choice list '%(name)s'",
    "a_choice_of": "a choice of %(what)s",
    "choice_value_in": "a choice value in %(what)s",
    "entry_of": "an entry of %(what)s",
    "question": "question '%(id)s'",
    "page": "page '%(id)s'",
    "key_of_question": "%(key)s of question '%(id)s'",
    "key_of_page": "%(key)s of page '%(id)s'",
    "key_of_choice": "%(key)s of choice '%(id)s'",
    "key_of_score": "%(key)s of score '%(id)s'",
    "key_of_band": "%(key)s of band '%(id)s'",
    "key_of_offer": "%(key)s of offer '%(id)s'",
    "key_of_entry": "%(key)s of '%(id)s' in %(list)s",
    "band_of_score": "a band of score '%(id)s'",
    "text_in": "the %(lang)s text of %(what)s",
    "attribute_of_choice": "attribute '%(key)s' of choice '%(id)s'",
    "the_question_itself": "the question itself",
    "a_later_question": "a question that comes later",
    "fix_use_dot": "use '.' for the answer itself",
    "fix_move": "move the question or the condition",
    "hint_reference": "; did you mean ${%(name)s}?",
    "hint_quote": "; quote text as 'text'",
    "hint_use_type": " (use '%(type)s')",
    "role_needs_integer": "that role needs an integer question (age in years)",
    "role_needs_life_phases": "that role needs a single_choice with 'choices: life_phases'",
    "role_needs_districts": "that role needs a single_choice with 'choices: districts'",
    "role_needs_option": "that role needs a single_choice, multiple_choice or yes_no question",
    "role_needs_offers_multiple": "that role needs a multiple_choice with 'choices: offers'",
    "role_needs_offers_matrix": "that role needs a matrix with 'rows: offers'",
    "role_needs_barrier": "that role needs a matrix with 'rows: offers' or a multiple_choice of reasons",
    "role_needs_score": "it is not an item of any score; add it to a score's items",
    "role_needs_dot_vote": "that role needs a dot_vote question",
    "role_needs_text": "that role needs a text or long_text question",
    "role_needs_equity_group": "it has no 'equity_group: {label: ..., members: [...]}'; add one",
    "unsupported_metadata": "device and time metadata are not collected (privacy); delete the row",
    "unsupported_calculate": "calculations are not supported; compute the value in the analysis instead",
    "unsupported_time": "times of day are not stored (privacy); use date",
    "unsupported_range": "use an integer with ankommen_type rating instead",
    "unsupported_acknowledge": "use select_one with ankommen_type yes_no instead",
    "unsupported_hidden": "hidden fields are not supported; delete the row",
    "unsupported_location": "locations are not collected; ask for the district instead",
    "unsupported_file": "files, photos and recordings are not collected; delete the row",
    "unsupported_barcode": "barcodes are not supported; delete the row",
    "unsupported_external": "external data is not supported; delete the row",
    "unsupported_repeat": "repeats are not supported; ask about one child, or copy the questions",
    "unsupported_loop": "loops are not supported; copy the questions",
    "expr_text_not_closed": "the text starting with %(char)s is not closed",
    "expr_dotdot": "'..' is not supported; use ${name} to refer to a question",
    "expr_unexpected_char": "unexpected character %(char)s",
    "expr_double_equals": "'==' is not an operator; write a single '='",
    "expr_dollar": "'$' must start a reference like ${name}",
    "expr_ref_not_closed": "the reference ${ is not closed with }",
    "expr_bad_ref_name": "'%(name)s' is not a question id (letters, digits and _)",
    "expr_expected": "expected %(expected)s, found %(found)s",
    "expr_empty": "the expression is empty",
    "expr_unexpected": "unexpected %(found)s; is an operator or a ')' missing?",
    "expr_expected_value": "expected a value, found %(found)s",
    "expr_unknown_function": "unknown function '%(name)s()'; ankommen knows %(known)s",
    "expr_arguments": "%(name)s() takes %(wanted)s arguments, not %(got)s",
    "expr_argument_one": "%(name)s() takes 1 argument, not %(got)s",
    "expr_nested": "the expression is nested too deeply",
    "expr_too_long": "the expression is too long or nested too deeply",
    "expr_not_text": "an expression must be text",
    "expr_longer": "the expression is longer than %(limit)s characters",
    "token_end": "the end of the expression",
    "token_text": "the text '%(text)s'",
}

#: How a place in a workbook is named, and the words for error and warning.
_PLACES = {
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

MESSAGES: dict[str, str] = {code: de for code, (de, _en) in _MESSAGES.items()}
WORKBOOK: dict[str, str] = {code: de for code, (de, _en) in _WORKBOOK.items()}
PLACES: dict[str, str] = {key: de for key, (de, _en) in _PLACES.items()}
#: German msgid → English, for ``str(problem)`` and the CLI's default language.
ENGLISH: dict[str, str] = {
    **{de: en for de, en in _MESSAGES.values()},
    **{de: en for de, en in _WORKBOOK.values()},
    **{de: en for de, en in _PLACES.values()},
    **{TERMS[code]: en for code, en in _TERMS_ENGLISH.items()},
}
