"""Where ankommen finds the files it ships: UI catalogs, example questionnaires, fonts.

Two layouts, one answer each (no Flask here, so the analysis can use it too):

- **a checkout** (``setup.cfg`` beside the package): ``translations/`` and
  ``questionnaires/`` at the top of the checkout; catalogs are compiled there by
  ``make compile-translations`` or by :func:`compile_catalogs`;
- **an installed wheel**: the build copies the compiled catalogs and the example
  questionnaires into the package (``survey_app/bundled/``, see ``setup.py``), so an
  installation needs nothing from the source tree.

The brief's fonts are package data of :mod:`analysis` in both layouts
(``analysis/fonts/``).
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
CHECKOUT_ROOT = PACKAGE_DIR.parent
#: Filled by the wheel build (``setup.py``); absent in a checkout.
BUNDLED_DIR = PACKAGE_DIR / "bundled"
FONTS_DIR = CHECKOUT_ROOT / "analysis" / "fonts"

#: The UI languages with a catalog of their own: (Babel locale, gettext domain).
#: German is the source language and needs no catalog.
UI_CATALOGS: dict[str, tuple[str, str]] = {
    "de-x-ls": ("de", "leichte_sprache"),
    **{tag: (tag, "messages") for tag in ("en", "tr", "ar", "uk", "ru")},
}


def is_checkout() -> bool:
    """True when the package runs from a source checkout (not an installed wheel)."""
    return (CHECKOUT_ROOT / "setup.cfg").is_file() and (
        CHECKOUT_ROOT / "translations" / "messages.pot"
    ).is_file()


def translations_dir() -> Path:
    """The folder of the UI catalogs: the checkout's ``translations/`` or the bundled one."""
    if is_checkout():
        return CHECKOUT_ROOT / "translations"
    return BUNDLED_DIR / "translations"


def examples_dir() -> Path:
    """The shipped example questionnaires, site file and pictograms."""
    if is_checkout():
        return CHECKOUT_ROOT / "questionnaires"
    return BUNDLED_DIR / "questionnaires"


def font_dir() -> Path:
    """The OFL fonts the brief and the poster use (Noto Sans, Noto Sans Arabic)."""
    return FONTS_DIR


def _catalog_paths(directory: Path, tag: str) -> tuple[Path, Path]:
    locale, domain = UI_CATALOGS[tag]
    folder = directory / locale / "LC_MESSAGES"
    return folder / f"{domain}.po", folder / f"{domain}.mo"


def missing_catalogs(directory: str | os.PathLike[str]) -> list[str]:
    """The UI languages whose compiled catalog (``.mo``) is missing in ``directory``."""
    folder = Path(directory)
    return [tag for tag in UI_CATALOGS if not _catalog_paths(folder, tag)[1].is_file()]


def stale_catalogs(directory: str | os.PathLike[str]) -> list[str]:
    """UI languages whose ``.mo`` is missing or older than its ``.po`` (checkout only)."""
    folder = Path(directory)
    stale = []
    for tag in UI_CATALOGS:
        po, mo = _catalog_paths(folder, tag)
        if po.is_file() and (not mo.is_file() or mo.stat().st_mtime < po.stat().st_mtime):
            stale.append(tag)
    return stale


def compile_catalog(po: Path, mo: Path) -> None:
    """Compile one ``.po`` file into ``.mo`` (fuzzy entries left out, like pybabel)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle)
    mo.parent.mkdir(parents=True, exist_ok=True)
    partial = mo.with_suffix(".mo.partial")
    with partial.open("wb") as handle:
        write_mo(handle, catalog, use_fuzzy=False)
    partial.replace(mo)


def compile_catalogs(source: Path, target: Path | None = None) -> list[str]:
    """Compile every UI catalog under ``source`` into ``target`` (default: in place).

    Returns the languages compiled. Used by the wheel build and by the CLI in a
    checkout whose catalogs are missing or older than their ``.po`` files.
    """
    target = target or source
    compiled = []
    for tag in UI_CATALOGS:
        po, _ = _catalog_paths(source, tag)
        if po.is_file():
            compile_catalog(po, _catalog_paths(target, tag)[1])
            compiled.append(tag)
    return compiled


class MissingCatalogs(RuntimeError):
    """The app was asked to serve UI languages it has no compiled catalog for."""

    def __init__(self, directory: str, languages: tuple[str, ...]) -> None:
        super().__init__(directory, languages)
        self.directory = directory
        self.languages = languages

    def __str__(self) -> str:
        hint = (
            "run `make compile-translations` in the checkout (any `ankommen` command "
            "also compiles them)"
            if is_checkout()
            else "reinstall ankommen from a complete wheel"
        )
        return (
            f"No compiled UI translations for {', '.join(self.languages)} in "
            f"{self.directory}: pages in these languages would show German buttons. "
            f"To fix it, {hint}."
        )


def require_catalogs(directory: str | os.PathLike[str]) -> None:
    """Raise :class:`MissingCatalogs` unless every UI language has its compiled catalog."""
    missing = missing_catalogs(directory)
    if missing:
        raise MissingCatalogs(str(directory), tuple(missing))
