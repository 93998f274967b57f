"""Uploaded questionnaires: staging, media archives, and the check before publishing.

An upload (an XLSForm ``.xlsx`` or a YAML file, plus pictures and audio as files or
one ``.zip``) is *staged* in ``INSTANCE/staging/TOKEN/``: nothing is served until it
is published (``survey_app/publishing.py``).  A staged upload is checked exactly as
the questionnaire folder would read it: in a temporary copy of the folder's site
files and pictograms with the new media files added, so the check sees the pictures
that come with the upload and problems name the uploaded file, not a temporary path.

Archives are read with bounds before anything is unpacked: number of members, total
size, compression ratio, and member names (no ``..``, no absolute paths).

No Flask here.
"""

from __future__ import annotations

import io
import json
import os
import re
import secrets
import shutil
import tempfile
import time
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from survey_app.questionnaire import Problem, Questionnaire
from survey_app.questionnaire.loader import load_source, yaml_files
from survey_app.questionnaire.media import AUDIO_FOLDER, media_folder
from survey_app.questionnaire.pipeline import convert as convert_source
from survey_app.questionnaire.problems import Where, make_problem
from survey_app.questionnaire.xlsform_import import import_xlsform

#: File types accepted as pictures and audio.
MEDIA_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".mp3", ".ogg", ".m4a", ".wav")
QUESTIONNAIRE_SUFFIXES = (".xlsx", ".yaml", ".yml")
#: Bounds for the media of one upload (after unpacking).
MAX_MEDIA_FILES = 200
MAX_MEDIA_BYTES = 20 * 1024 * 1024
#: The most an archive member may be compressed (a zip bomb is far above this).
MAX_COMPRESSION_RATIO = 100
#: Staged uploads older than this are removed when the next one is staged.
STAGING_HOURS = 24
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")
_MEDIA_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


class UploadError(ValueError):
    """An upload refused before anything was stored; ``code`` names the reason.

    Codes: ``type`` (not .xlsx/.yaml), ``media_type``, ``media_name``, ``zip_bad``,
    ``zip_name`` (``..`` or an absolute path), ``zip_bomb``, ``too_many``, ``too_big``.
    """

    def __init__(self, code: str, name: str = "") -> None:
        super().__init__(f"{code}: {name}")
        self.code = code
        self.name = name


def safe_media_name(name: str) -> str:
    """``name`` if it is a plain media file name (no folders), else :class:`UploadError`."""
    if not _MEDIA_NAME.fullmatch(name) or ".." in name:
        raise UploadError("media_name", name)
    if not name.lower().endswith(MEDIA_SUFFIXES):
        raise UploadError("media_type", name)
    return name


def unpack_media(files: Mapping[str, bytes]) -> dict[str, bytes]:
    """Media files by name; a ``.zip`` among them is unpacked (bounded), others checked."""
    media: dict[str, bytes] = {}
    for name, content in files.items():
        if name.lower().endswith(".zip"):
            media.update(_unzip(content))
        else:
            media[safe_media_name(name)] = content
    if len(media) > MAX_MEDIA_FILES:
        raise UploadError("too_many", str(len(media)))
    if sum(len(content) for content in media.values()) > MAX_MEDIA_BYTES:
        raise UploadError("too_big")
    return media


def _unzip(content: bytes) -> dict[str, bytes]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UploadError("zip_bad") from None
    if len(members) > MAX_MEDIA_FILES:
        raise UploadError("too_many", str(len(members)))
    total = 0
    for info in members:
        path = PurePosixPath(info.filename.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts or re.match(r"[A-Za-z]:", info.filename):
            raise UploadError("zip_name", info.filename)
        total += info.file_size
        if total > MAX_MEDIA_BYTES:
            raise UploadError("too_big")
        if info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
            raise UploadError("zip_bomb", info.filename)
    media: dict[str, bytes] = {}
    for info in members:
        name = PurePosixPath(info.filename.replace("\\", "/")).name
        if name.startswith(".") or name.startswith("__MACOSX"):
            continue
        try:
            # ZipExtFile reads at most the declared size (checked above) and checks the CRC.
            media[safe_media_name(name)] = archive.read(info)
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
            raise UploadError("zip_bad", info.filename) from None
    return media


# --- checking ---------------------------------------------------------------------------


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _check_folder(folder: Path, media: Mapping[str, bytes], work: Path) -> None:
    """Fill ``work`` with the folder's YAML files, pictograms and recordings plus the new
    media (pictures in ``pictograms/``, sound files in ``audio/``)."""
    for path in yaml_files([folder]) if folder.is_dir() else []:
        shutil.copyfile(path, work / Path(path).name)
    for subfolder in ("pictograms", AUDIO_FOLDER):
        (work / subfolder).mkdir()
        existing = folder / subfolder
        if existing.is_dir():
            for path in existing.iterdir():
                if path.is_file() and path.name not in media:
                    _link_or_copy(path, work / subfolder / path.name)
    for name, content in media.items():
        (work / media_folder(name) / safe_media_name(name)).write_bytes(content)


def _relative(problems: list[Problem], work: Path) -> list[Problem]:
    """Problems naming files by their name, not the temporary folder."""
    prefix = str(work) + os.sep
    return [p.without_prefix(prefix) for p in problems]


def check_yaml(
    folder: Path, file_name: str, source: str, media: Mapping[str, bytes]
) -> tuple[Questionnaire | None, list[Problem]]:
    """The questionnaire ``source`` as it would be read from ``folder`` with ``media``.

    The questionnaire's ``path`` is where it would be in ``folder``.
    """
    with tempfile.TemporaryDirectory(prefix="ankommen-check-") as temporary:
        work = Path(temporary)
        _check_folder(folder, media, work)
        loaded, problems = load_source(work / file_name, source)
        questionnaire, problems = convert_source(loaded) if loaded else (None, problems)
    if questionnaire is not None:
        from dataclasses import replace

        questionnaire = replace(questionnaire, path=str(folder / file_name))
    return questionnaire, _relative(problems, work)


@dataclass
class Converted:
    """An uploaded file as questionnaire YAML (None on errors) with every problem."""

    yaml_text: str | None
    file_name: str
    questionnaire: Questionnaire | None
    problems: list[Problem]


def convert(folder: Path, name: str, content: bytes, media: Mapping[str, bytes]) -> Converted:
    """An uploaded ``.xlsx`` or ``.yaml`` checked as the folder would read it."""
    if name.lower().endswith(".xlsx"):
        with tempfile.TemporaryDirectory(prefix="ankommen-import-") as temporary:
            work = Path(temporary)
            _check_folder(folder, media, work)
            workbook = work / Path(name).name
            workbook.write_bytes(content)
            result = import_xlsform(workbook, base_dir=work)
            problems = _relative(result.problems, work)
        if result.yaml_text is None or result.questionnaire is None:
            return Converted(None, name, None, problems)
        file_name = f"{result.questionnaire.id}.yaml"
        text = result.yaml_text
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("utf-8", errors="replace")
        file_name, problems = Path(name).name, []
    questionnaire, found = check_yaml(folder, file_name, text, media)
    if questionnaire is not None and file_name != f"{questionnaire.id}.yaml":
        file_name = f"{questionnaire.id}.yaml"
        questionnaire, found = check_yaml(folder, file_name, text, media)
    if name.lower().endswith(".xlsx"):
        found = [p for p in found if p.is_error]  # its warnings were reported per sheet and row
    return Converted(text, file_name, questionnaire, problems + found + _replaced(folder, media))


def _replaced(folder: Path, media: Mapping[str, bytes]) -> list[Problem]:
    """A warning for each picture or sound that would replace a different file."""
    problems = []
    for name, content in sorted(media.items()):
        path = f"{media_folder(name)}/{name}"
        existing = folder / path
        if existing.is_file() and existing.read_bytes() != content:
            problems.append(
                make_problem(Where(path, 1), "warning", "media_replaced", {"path": path})
            )
    return problems


# --- staging ----------------------------------------------------------------------------


@dataclass
class Staged:
    """An upload waiting in the staging folder."""

    token: str
    name: str
    content: bytes
    media: dict[str, bytes]
    user_name: str


def stage(
    staging: Path, name: str, content: bytes, media: Mapping[str, bytes], user_name: str
) -> str:
    """Keep an upload (not served) and return its token; old uploads are removed."""
    if not name.lower().endswith(QUESTIONNAIRE_SUFFIXES):
        raise UploadError("type", name)
    media = unpack_media(media)
    _remove_old(staging)
    token = secrets.token_urlsafe(18)
    folder = staging / token
    (folder / "media").mkdir(parents=True)
    suffix = Path(name).suffix.lower()
    (folder / f"upload{suffix}").write_bytes(content)
    for media_name, data in media.items():
        (folder / "media" / media_name).write_bytes(data)
    meta = {"name": Path(name.replace("\\", "/")).name, "user": user_name}
    (folder / "upload.json").write_text(json.dumps(meta), encoding="utf-8")
    return token


def load_staged(staging: Path, token: str) -> Staged | None:
    """The staged upload ``token``, or None (unknown, malformed or removed)."""
    if not _TOKEN.fullmatch(token):
        return None
    folder = staging / token
    try:
        meta = json.loads((folder / "upload.json").read_text(encoding="utf-8"))
        upload = next(folder.glob("upload.*[!n]"))  # upload.xlsx/.yaml/.yml, not .json
        media = {path.name: path.read_bytes() for path in sorted((folder / "media").iterdir())}
        return Staged(token, str(meta["name"]), upload.read_bytes(), media, str(meta["user"]))
    except (OSError, ValueError, KeyError, StopIteration):
        return None


def staged_media(staging: Path, token: str) -> Path | None:
    """The folder of a staged upload's pictures and audio, or None."""
    folder = staging / token / "media"
    return folder if _TOKEN.fullmatch(token) and folder.is_dir() else None


def discard_staged(staging: Path, token: str) -> None:
    """Remove a staged upload (after publishing)."""
    if _TOKEN.fullmatch(token):
        shutil.rmtree(staging / token, ignore_errors=True)


def _remove_old(staging: Path) -> None:
    if not staging.is_dir():
        return
    limit = time.time() - STAGING_HOURS * 3600
    for folder in staging.iterdir():
        try:
            if folder.is_dir() and folder.stat().st_mtime < limit:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue
