"""The one marker for a test that commits for real: `@COMMITS`.

A test that runs a task worker in its own process (or in-process: `db_worker` closes its
connection when it stops, which ends the test's transaction on PostgreSQL) needs committed
data, so it is transactional, and Django empties the database after it.

Every such test also restores what the migrations created (locales, the root page, content
types, groups) when it starts: `serialized_rollback`. Django skips post_migrate when it empties
the database after a serialized test, so a transactional test without it, run after one with
it, would start on a database without content types (and the other way round, a serialized
test's restore collides with what post_migrate recreated). `tests/conftest.py` refuses a
transactional test without it.
"""

import pytest

COMMITS = pytest.mark.django_db(transaction=True, serialized_rollback=True)
