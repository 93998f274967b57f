"""The ``settings`` sheet of an XLSForm workbook: id, title, languages, audience."""

from __future__ import annotations

import re
from pathlib import Path

from survey_app.questionnaire.reader import SLUG
from survey_app.questionnaire.xlsform_format import language_of
from survey_app.questionnaire.xlsform_sheets import Sheet, WorkbookReader


class SettingsReader(WorkbookReader):
    """Reads the settings row (``self.settings``) into the questionnaire's top keys."""

    def _default_language(self) -> str:
        assert self.settings is not None
        spec = self.settings.text("default_language")
        if not spec or spec.lower() == "default":
            return self.default_language
        tag = language_of(spec)
        if tag is None:
            self.report.error(
                self.settings.at("default_language"), "bad_default_language", spec=spec
            )
            return self.default_language
        return tag

    def _languages(self, default: str, sheets: tuple[Sheet, ...]) -> list[str]:
        assert self.settings is not None
        declared = self.settings.text("ankommen_languages")
        if declared:
            return declared.split()
        seen: list[str] = []
        if any(sheet.plain_text_columns for sheet in sheets) or not any(
            sheet.languages for sheet in sheets
        ):
            seen.append(default)
        for sheet in sheets:
            seen.extend(lang for lang in sheet.languages if lang not in seen)
        return seen

    def _form_id(self) -> str:
        stem = (
            re.sub(r"[^A-Za-z0-9_-]+", "-", Path(self.source).stem).strip("-_") or "questionnaire"
        )
        if not SLUG.fullmatch(stem):
            stem = f"q-{stem}"
        return self._setting("form_id", stem, "no_form_id", id=stem)

    def _audience(self) -> str:
        return self._setting("ankommen_audience", "parents", "no_audience")

    def _setting(self, column: str, fallback: str, code: str, **params: str) -> str:
        """The setting in ``column``; else ``fallback`` with a warning ``code``."""
        assert self.settings is not None
        value = self.settings.text(column)
        if value:
            return value
        self.report.warning(self.settings.where, code, **params)
        return fallback

    def _title(self, default: str) -> dict[str, str]:
        assert self.settings is not None
        title = dict(self.settings.translated("ankommen_title") or {})
        form_title = self.settings.text("form_title")
        if form_title:
            title.setdefault(default, form_title)
        if not title:
            form_id = self._form_id_quiet()
            self.report.warning(self.settings.where, "no_form_title", id=form_id)
            title = {default: form_id}
        return title

    def _form_id_quiet(self) -> str:
        assert self.settings is not None
        return self.settings.text("form_id") or Path(self.source).stem
