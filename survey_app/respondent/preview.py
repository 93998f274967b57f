"""Preview: a questionnaire exactly as respondents see it, storing nothing.

The coordinator area checks the login, calls :func:`start_preview` and redirects to the
URL it returns.  A preview draft runs through the very same pages; it is flagged so
that no start is counted, nothing is stored on the final POST, and every page shows
the banner "Vorschau — es wird nichts gespeichert".
"""

from __future__ import annotations

from flask import session, url_for

from survey_app.drafts import Draft
from survey_app.i18n import set_language
from survey_app.library import get_library
from survey_app.respondent.flow import ENTRY_KEY, discard_draft, is_child_mode, new_draft


class PreviewError(LookupError):
    """The questionnaire or language to preview does not exist."""


def start_preview(
    questionnaire_id: str,
    language: str,
    child_mode: bool | None = None,
    *,
    kiosk: bool = False,
) -> str:
    """Start a preview in this browser session and return the URL of its first page.

    ``child_mode`` None follows the questionnaire's audience; True/False forces it.
    ``kiosk`` previews kiosk mode (idle warning included).  Needs a request context;
    raises :class:`PreviewError` for an unknown questionnaire or language.
    """
    questionnaire = get_library().get(questionnaire_id)
    if questionnaire is None:
        raise PreviewError(f"There is no questionnaire {questionnaire_id!r}.")
    if language not in questionnaire.languages:
        raise PreviewError(
            f"{questionnaire_id} is not offered in {language!r}; use one of {', '.join(questionnaire.languages)}."
        )
    discard_draft()
    session.pop(ENTRY_KEY, None)
    new_draft(
        questionnaire_id=questionnaire_id,
        language=language,
        mode="kiosk" if kiosk else "web",
        child_mode=is_child_mode(questionnaire) if child_mode is None else child_mode,
        preview=True,
    )
    set_language(language)
    return url_for("respondent.consent", questionnaire_id=questionnaire_id)


def restart_preview(draft: Draft) -> str:
    """Start the same preview afresh (after "start over" or the kiosk timer)."""
    return start_preview(
        draft.questionnaire_id, draft.language, draft.child_mode, kiosk=draft.mode == "kiosk"
    )
