"""`ankommen demo setup` (what `make demo` runs) is complete and idempotent."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from survey_app import storage
from survey_app.storage import user_store as users
from survey_app.storage.db import get_engine


def _count(app) -> int:
    with app.app_context(), get_engine().connect() as conn:
        return conn.execute(select(func.count()).select_from(storage.responses)).scalar()


def test_demo_setup__twice__same_logins_same_responses_and_a_brief(app, runner) -> None:
    first = runner.invoke(args=["demo", "setup", "--responses", "120"])
    assert first.exit_code == 0, first.output
    instance = Path(app.instance_path)
    accounts = (instance / "demo-accounts.txt").read_text()
    assert "demo (coordinator)" in accounts and "planung (planner)" in accounts
    assert _count(app) == 120
    brief = instance / "demo-brief.pdf"
    assert brief.read_bytes().startswith(b"%PDF")
    password = accounts.split("demo (coordinator): ")[1].split("\n")[0]
    with app.app_context(), get_engine().begin() as conn:
        user = users.authenticate(conn, "demo", password)
    assert user is not None and user.role == users.COORDINATOR
    second = runner.invoke(args=["demo", "setup", "--responses", "120"])
    assert second.exit_code == 0, second.output
    assert (instance / "demo-accounts.txt").read_text() == accounts
    assert _count(app) == 120
