"""Preview: a questionnaire exactly as respondents see it, storing nothing.

The coordinator area checks the login, calls :func:`start_preview` and redirects to the
URL it returns.  A preview draft runs through the very same pages; it is flagged so
that no start is counted, nothing is stored on the final POST, and every page shows
the banner "Vorschau — es wird nichts gespeichert".
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from flask import current_app, session, url_for

from survey_app.i18n import set_language
from survey_app.library import get_library
from survey_app.questionnaire import Questionnaire
from survey_app.respondent.flow import (
    DRAFT_KEY,
    ENTRY_KEY,
    discard_draft,
    is_child_mode,
    new_draft,
)
from survey_app.storage.draft_store import Draft
from survey_app.uploads import convert, load_staged, staged_media

#: The session's marker of a preview of a staged (not yet published) upload.
STAGED_KEY = "staged_preview"
#: Staged questionnaires kept converted per process (a cache only).
_CACHED_STAGED = 8


class PreviewError(LookupError):
    """The questionnaire or language to preview does not exist."""


def start_preview(
    questionnaire_id: str,
    language: str,
    child_mode: bool | None = None,
    *,
    kiosk: bool = False,
    staged: str | None = None,
) -> str:
    """Start a preview in this browser session and return the URL of its first page.

    ``child_mode`` None follows the questionnaire's audience; True/False forces it.
    ``kiosk`` previews kiosk mode (idle warning included); ``staged`` names a staged
    upload (``survey_app/uploads.py``) to preview instead of the published file.  Needs a request context;
    raises :class:`PreviewError` for an unknown questionnaire or language.
    """
    questionnaire = get_library().get(questionnaire_id)
    if staged is not None:
        questionnaire = staged_upload(staged)
    if questionnaire is None or questionnaire.id != questionnaire_id:
        raise PreviewError(f"There is no questionnaire {questionnaire_id!r}.")
    if language not in questionnaire.languages:
        raise PreviewError(
            f"{questionnaire_id} is not offered in {language!r}; use one of {', '.join(questionnaire.languages)}."
        )
    discard_draft()
    session.pop(ENTRY_KEY, None)
    draft = new_draft(
        questionnaire_id=questionnaire_id,
        language=language,
        mode="kiosk" if kiosk else "web",
        child_mode=is_child_mode(questionnaire) if child_mode is None else child_mode,
        preview=True,
    )
    session.pop(STAGED_KEY, None)
    if staged is not None:
        session[STAGED_KEY] = {"draft": draft.id, "token": staged}
    set_language(language)
    return url_for("respondent.consent", questionnaire_id=questionnaire_id)


def restart_preview(draft: Draft) -> str:
    """Start the same preview afresh (after "start over" or the kiosk timer)."""
    marker = session.get(STAGED_KEY)
    staged = marker.get("token") if isinstance(marker, dict) else None
    return start_preview(
        draft.questionnaire_id,
        draft.language,
        draft.child_mode,
        kiosk=draft.mode == "kiosk",
        staged=staged if isinstance(staged, str) else None,
    )


def staging_folder() -> Path:
    """Where uploads wait until they are published (in the instance folder)."""
    return Path(current_app.instance_path) / "staging"


def staged_upload(token: str) -> Questionnaire | None:
    """The staged upload ``token`` as a questionnaire (None if gone or with errors)."""
    cache: OrderedDict[str, Questionnaire | None] = current_app.extensions.setdefault(
        "ankommen_staged", OrderedDict()
    )
    if token not in cache:
        staged = load_staged(staging_folder(), token)
        folder = Path(current_app.config["QUESTIONNAIRE_DIR"])
        converted = convert(folder, staged.name, staged.content, staged.media) if staged else None
        errors = converted is None or any(p.is_error for p in converted.problems)
        cache[token] = None if errors else converted.questionnaire  # type: ignore[union-attr]
        while len(cache) > _CACHED_STAGED:
            cache.popitem(last=False)
    return cache[token]


def _staged_token() -> str | None:
    """The token of the staged upload this session's current draft previews, or None."""
    marker = session.get(STAGED_KEY)
    if not isinstance(marker, dict) or marker.get("draft") != session.get(DRAFT_KEY):
        return None
    token = marker.get("token")
    return token if isinstance(token, str) else None


def staged_media_folder() -> Path | None:
    """The pictures and audio of the staged upload this session previews, or None."""
    token = _staged_token()
    return staged_media(staging_folder(), token) if token is not None else None


def previewed_staged(questionnaire_id: str) -> Questionnaire | None:
    """The staged questionnaire this session previews under ``questionnaire_id``, or None."""
    token = _staged_token()
    found = staged_upload(token) if token is not None else None
    return found if found is not None and found.id == questionnaire_id else None
