"""Fresh, empty databases for one benchmark run, removed afterwards."""

import contextlib
import tempfile
import uuid
from collections.abc import Iterator

POSTGRES = "postgres://postgres@127.0.0.1:5432/"


@contextlib.contextmanager
def fresh_database(postgres: bool, prefix: str = "stempd_bench") -> Iterator[str]:
    """The URL of an empty database: a SQLite file, or a PostgreSQL database at `POSTGRES`
    (user postgres) made here and dropped afterwards, even with connections still open."""
    if not postgres:
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/bench.sqlite3"
        return
    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(POSTGRES + "postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield POSTGRES + name
    finally:
        with psycopg.connect(POSTGRES + "postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
