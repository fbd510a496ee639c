"""The benchmark's own databases: created when missing, on the server the settings name."""

from __future__ import annotations

import psycopg
from django.db import connection
from psycopg import sql


def _admin_params() -> dict:
    """Connection parameters for the server's maintenance database."""
    params = dict(connection.get_connection_params())
    params.pop("cursor_factory", None)
    params.pop("context", None)
    params.pop("prepare_threshold", None)
    params["dbname"] = "postgres"
    return params


def database_ensure(name: str | None = None) -> bool:
    """Create the database (default: the settings' own) unless it exists; True if created."""
    name = name or connection.settings_dict["NAME"]
    with psycopg.connect(**_admin_params(), autocommit=True) as admin:
        found = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if found:
            return False
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return True


def database_recreate(name: str) -> None:
    """Drop (if it exists) and create an empty database `name`, e.g. for a clean ingest."""
    with psycopg.connect(**_admin_params(), autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
            sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def meetings_in(name: str) -> int:
    """How many meetings the database `name` (on the same server) holds."""
    with psycopg.connect(**{**_admin_params(), "dbname": name}) as database:
        return database.execute("SELECT count(*) FROM minutes_meeting").fetchone()[0]
