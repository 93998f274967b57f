"""Files the admin area hands out: one place for their download headers."""

from __future__ import annotations

from werkzeug.wrappers import Response


def file_download(
    content: bytes | str, media_type: str, filename: str, *, inline: bool = False
) -> Response:
    """``content`` as the file ``filename``: saved (or shown, ``inline``), never cached."""
    response = Response(content, mimetype=media_type)
    disposition = "inline" if inline else "attachment"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response
