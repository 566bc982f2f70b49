"""The test database as it stands once the public shell is built (``tests/conftest.py``), kept in
memory and written back after a transactional test has emptied the database.

Building the shell through the services (six language trees, their translations, the search
and reference indexes) takes a few seconds and some four thousand queries; writing the same rows
back takes a fraction of a second. Writing them back also returns what the migrations' own data
migrations made (the rows a flush takes and ``post_migrate`` does not make again, such as
wagtail-localize's "submit translation" permission), and with the same primary keys as before, so
nothing a process keeps by id goes stale.

The sequences need no reset: a flush leaves them where they were, above every id kept here.

Two costs of the flush itself go (``flush_made_cheap``), on the condition that the snapshot is
written back after it: ``post_migrate``, which would make the content types, permissions, roles
and focus areas again only for the snapshot to replace them (about 1.4 s on PostgreSQL); and, on
PostgreSQL, the ``TRUNCATE`` of the portal's 120-odd tables (over a second, as it gives each table
a new file), where deleting the few rows a test leaves takes a twentieth of that.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management.commands import flush
from django.db import connection, transaction
from django.db.backends.postgresql.operations import DatabaseOperations

Snapshot = list[tuple[str, object]]

# The snapshot of this process's test database (one per pytest-xdist worker).
_kept: Snapshot = []


def _tables() -> list[str]:
    # The tables a flush empties.
    return sorted(
        connection.introspection.django_table_names(only_existing=True, include_views=False)
    )


def kept() -> bool:
    return bool(_kept)


def keep() -> None:
    """Keep every row of every table the flush empties: PostgreSQL's ``COPY`` data, or SQLite's
    rows with their column names."""
    _kept[:] = _take()


def forget() -> None:
    _kept.clear()


def _take() -> Snapshot:
    snapshot = []
    with connection.cursor() as cursor:
        for table in _tables():
            name = connection.ops.quote_name(table)
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {name} TO STDOUT") as copy:
                    data = b"".join(bytes(block) for block in copy)
                if data:
                    snapshot.append((table, data))
            else:
                cursor.execute(f"SELECT * FROM {name}")
                rows = cursor.fetchall()
                if rows:
                    columns = [column[0] for column in cursor.description]
                    snapshot.append((table, (columns, rows)))
    return snapshot


@transaction.atomic
def restore() -> None:
    """Empty the flushed tables and write the snapshot back (the foreign keys are checked at the
    commit, as Django declares them deferrable)."""
    with connection.cursor() as cursor:
        names = [connection.ops.quote_name(table) for table in _tables()]
        for statement in _deletes(names):
            cursor.execute(statement)
        for table, data in _kept:
            name = connection.ops.quote_name(table)
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {name} FROM STDIN") as copy:
                    copy.write(data)
            else:
                columns, rows = data
                cursor.executemany(
                    f"INSERT INTO {name} ({', '.join(map(connection.ops.quote_name, columns))})"
                    f" VALUES ({', '.join(['%s'] * len(columns))})",
                    rows,
                )
    # The content types this process remembers may be ones a post_migrate made meanwhile.
    ContentType.objects.clear_cache()
    cache.clear()


def _deletes(names: list[str]) -> list[str]:
    deferred = ["SET CONSTRAINTS ALL DEFERRED"] if connection.vendor == "postgresql" else []
    return deferred + [f"DELETE FROM {name}" for name in names]


def flush_made_cheap() -> None:
    """While a snapshot is kept, the flush at the end of a transactional test skips
    ``post_migrate`` (the snapshot brings back all it would make) and, on PostgreSQL, deletes the
    rows instead of truncating the tables (when a test asks for its sequences reset, it truncates
    them as Django does)."""
    truncate = DatabaseOperations.sql_flush
    emit_post_migrate = flush.emit_post_migrate_signal

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if not _kept or reset_sequences or allow_cascade or not tables:
            return truncate(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return _deletes([self.quote_name(table) for table in tables])

    def emit_post_migrate_signal(*args, **kwargs):
        if not _kept:
            emit_post_migrate(*args, **kwargs)

    DatabaseOperations.sql_flush = sql_flush
    flush.emit_post_migrate_signal = emit_post_migrate_signal
