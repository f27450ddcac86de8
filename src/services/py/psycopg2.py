"""psycopg2, simulated: the blocking PostgreSQL driver. `connect()` and every
`cursor.execute()` hold the calling thread until the (simulated) server answers. In a
`def` endpoint that is one of anyio's worker threads; inside `async def` it is the
event loop's own thread, and every other request of that worker waits too.

The server answers from `aiotutor.database(...)`. Rows come back as tuples.
"""

import _db

__all__ = ("connect", "Error", "DatabaseError", "OperationalError", "InterfaceError", "extensions")

apilevel = "2.0"
paramstyle = "pyformat"


class Error(Exception):
    pass


class InterfaceError(Error):
    pass


class DatabaseError(Error):
    pass


class OperationalError(DatabaseError):
    pass


class _Extensions:
    pass


extensions = _Extensions()


class Cursor:
    def __init__(self, conn):
        self.connection = conn
        self._rows = []
        self.rowcount = -1
        self.description = None
        self.closed = False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def execute(self, query, vars=None):
        if self.closed or self.connection.closed:
            raise InterfaceError("cursor already closed")
        rows, latency = _db.answer(query)
        _db.block(latency, f"psycopg2 cursor.execute({_short(query)!r})")
        columns = list(rows[0].keys()) if rows else []
        self.description = [(c,) for c in columns] if columns else None
        self._rows = [tuple(r[c] for c in columns) for r in rows]
        self.rowcount = len(self._rows)

    def fetchone(self):
        if not self._rows:
            return None
        return self._rows.pop(0)

    def fetchmany(self, size=1):
        out = self._rows[:size]
        self._rows = self._rows[size:]
        return out

    def fetchall(self):
        out = self._rows
        self._rows = []
        return out

    def __iter__(self):
        return iter(self.fetchall())

    def close(self):
        self.closed = True


class Connection:
    def __init__(self, dsn):
        self.dsn = dsn
        self.closed = 0
        self.autocommit = False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        # psycopg2: leaving the block commits (or rolls back); it does not close.
        return False

    def cursor(self, *args, **kwargs):
        if self.closed:
            raise InterfaceError("connection already closed")
        return Cursor(self)

    def commit(self):
        pass

    def rollback(self):
        pass

    def close(self):
        self.closed = 1


def _short(sql):
    text = " ".join(str(sql).split())
    return text if len(text) <= 40 else text[:37] + "..."


def connect(dsn=None, **kwargs):
    """Open a connection: a TCP handshake and authentication, blocking."""
    _db.block(_db.connect_latency(), "psycopg2.connect()")
    return Connection(dsn)
