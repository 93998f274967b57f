"""Accounts: hashing, rules, and the ``ankommen user`` commands."""

from __future__ import annotations

import pytest

from survey_app.storage import users as users_table
from survey_app.storage.db import get_engine
from survey_app.storage.user_store import UserError, add_user, authenticate, list_users
from tests.coordinator.conftest import user_named


def _stored_hash(app, name: str) -> str:
    with app.app_context(), get_engine().connect() as conn:
        return (
            conn.execute(users_table.select().where(users_table.c.name == name)).one().password_hash
        )


def test_add_user__password_hashed_with_scrypt_and_salted(app) -> None:
    with app.app_context(), get_engine().begin() as conn:
        add_user(conn, "a", "planner", "gleiches-passwort")
        add_user(conn, "b", "planner", "gleiches-passwort")
    first, second = _stored_hash(app, "a"), _stored_hash(app, "b")
    assert first.startswith("scrypt:") and "gleiches-passwort" not in first
    assert first != second  # a salt per account


@pytest.mark.parametrize(
    ("name", "role", "password", "message"),
    [
        ("neu", "admin", "lang-genug-123", "Unknown role"),
        ("neu", "planner", "kurz", "at least 10"),
        ("mit leerzeichen", "planner", "lang-genug-123", "spaces"),
        ("koordination", "planner", "lang-genug-123", "exists already"),
    ],
)
def test_add_user__refuses_bad_input(app, accounts, name, role, password, message) -> None:
    with app.app_context(), get_engine().begin() as conn, pytest.raises(UserError, match=message):
        add_user(conn, name, role, password)


def test_authenticate__unknown_name_and_wrong_password_both_none(app, accounts) -> None:
    with app.app_context(), get_engine().begin() as conn:
        assert authenticate(conn, "niemand", "ein-langes-passwort") is None
        assert authenticate(conn, "koordination", "falsch-falsch") is None
        assert authenticate(conn, "koordination", "ein-langes-passwort").role == "coordinator"


def test_cli_user_add__password_from_stdin(app, runner) -> None:
    result = runner.invoke(
        args=["user", "add", "kim", "--role", "coordinator", "--password-stdin"],
        input="sehr-geheimes-wort\n",
    )
    assert result.exit_code == 0, result.output
    assert "Added coordinator kim" in result.output
    with app.app_context(), get_engine().begin() as conn:
        assert authenticate(conn, "kim", "sehr-geheimes-wort").name == "kim"


def test_cli_user_add__asks_twice_on_the_terminal(app, runner) -> None:
    mismatch = runner.invoke(
        args=["user", "add", "kim", "--role", "planner"],
        input="erstes-passwort\nanderes-passwort\n",
    )
    assert mismatch.exit_code == 1 and "do not match" in mismatch.output
    assert user_named(app, "kim") is None
    result = runner.invoke(
        args=["user", "add", "kim", "--role", "planner"], input="erstes-passwort\nerstes-passwort\n"
    )
    assert result.exit_code == 0, result.output
    assert "erstes-passwort" not in result.output  # hidden input is not echoed
    assert user_named(app, "kim").role == "planner"


def test_cli_user_add__short_password_is_an_error(app, runner) -> None:
    result = runner.invoke(
        args=["user", "add", "kim", "--role", "planner", "--password-stdin"], input="kurz\n"
    )
    assert result.exit_code == 1 and "at least 10" in result.output
    assert user_named(app, "kim") is None


def test_cli_user_list_set_password_remove(app, runner, accounts) -> None:
    listing = runner.invoke(args=["user", "list"])
    assert listing.output.splitlines() == ["koordination\tcoordinator", "planung\tplanner"]
    changed = runner.invoke(
        args=["user", "set-password", "planung", "--password-stdin"], input="neues-passwort-1\n"
    )
    assert changed.exit_code == 0, changed.output
    with app.app_context(), get_engine().begin() as conn:
        assert authenticate(conn, "planung", "neues-passwort-1") is not None
    assert runner.invoke(args=["user", "remove", "planung"]).exit_code == 0
    with app.app_context(), get_engine().connect() as conn:
        assert [user.name for user in list_users(conn)] == ["koordination"]
    missing = runner.invoke(args=["user", "remove", "planung"])
    assert missing.exit_code == 1 and "There is no user planung" in missing.output
