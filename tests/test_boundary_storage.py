"""The storage boundary: only ``survey_app/storage/`` talks to the database.

Every table and every SQL statement lives in the storage package; the rest of the
code calls its named functions.  So no module outside it imports SQLAlchemy (or
Alembic, whose migrations are storage too).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STORAGE = ROOT / "survey_app" / "storage"
DATABASE_LIBRARIES = {"sqlalchemy", "alembic"}


def _imported_modules(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _database_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return sorted(
        name for name in _imported_modules(tree) if name.split(".")[0] in DATABASE_LIBRARIES
    )


def test_storage_package_exists() -> None:
    assert (STORAGE / "__init__.py").is_file()


def test_no_database_library_outside_storage() -> None:
    offenders = []
    for folder in ("survey_app", "analysis"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path.is_relative_to(STORAGE):
                continue
            found = _database_imports(path)
            if found:
                offenders.append(f"{path.relative_to(ROOT)}: {', '.join(found)}")
    assert offenders == [], "SQLAlchemy/Alembic imported outside survey_app/storage/:\n" + (
        "\n".join(offenders)
    )


def test_the_check_sees_an_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from sqlalchemy import select\n    import alembic.op\n")
    assert _database_imports(module) == ["alembic.op", "sqlalchemy"]
