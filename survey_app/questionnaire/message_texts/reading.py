"""Messages about reading files and values: code → (German msgid, English)."""

from __future__ import annotations

from survey_app.questionnaire.message_texts.mark import N_

MESSAGES = {
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
}
