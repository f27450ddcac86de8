"""asyncpg, simulated: the async PostgreSQL driver. `await conn.fetch(...)` sends the
query and waits on the event loop until the (simulated) server answers, so the loop
runs other requests meanwhile. A pool (`create_pool`) holds at most `max_size`
connections: beyond that, `acquire()` waits for one to be released.

The server answers from `aiotutor.database(...)`. Rows come back as `Record`s:
`row["name"]`, `row[0]`, `dict(row)`.
"""

import asyncio
import _db

__all__ = ("connect", "create_pool", "Record", "Connection", "Pool", "PostgresError",
           "InterfaceError")


class PostgresError(Exception):
    pass


class InterfaceError(Exception):
    pass


class Record:
    def __init__(self, row):
        self._keys = list(row.keys())
        self._row = row

    def __getitem__(self, key):
        if isinstance(key, int):
            return self._row[self._keys[key]]
        return self._row[key]

    def get(self, key, default=None):
        return self._row.get(key, default)

    def keys(self):
        return iter(self._keys)

    def values(self):
        return iter([self._row[k] for k in self._keys])

    def items(self):
        return iter([(k, self._row[k]) for k in self._keys])

    def __iter__(self):
        return self.values()

    def __len__(self):
        return len(self._keys)

    def __eq__(self, other):
        return isinstance(other, Record) and self._row == other._row

    def __repr__(self):
        return "<Record " + " ".join(f"{k}={self._row[k]!r}" for k in self._keys) + ">"


def _status(sql, n):
    verb = (str(sql).split() or ["SELECT"])[0].upper()
    if verb == "INSERT":
        return f"INSERT 0 {n or 1}"
    if verb in ("UPDATE", "DELETE", "SELECT"):
        return f"{verb} {n}"
    return verb


class Connection:
    def __init__(self, dsn, pool=None):
        self.dsn = dsn
        self._pool = pool
        self._closed = False

    def is_closed(self):
        return self._closed

    async def _query(self, sql):
        if self._closed:
            raise InterfaceError("connection is closed")
        rows, latency = _db.answer(sql)
        await _db.wait(latency)
        return rows

    async def fetch(self, query, *args, timeout=None):
        return [Record(r) for r in await self._query(query)]

    async def fetchrow(self, query, *args, timeout=None):
        rows = await self._query(query)
        return Record(rows[0]) if rows else None

    async def fetchval(self, query, *args, column=0, timeout=None):
        row = await self.fetchrow(query)
        return None if row is None else row[column]

    async def execute(self, query, *args, timeout=None):
        return _status(query, len(await self._query(query)))

    async def close(self, *, timeout=None):
        self._closed = True


async def connect(dsn=None, **kwargs):
    """Open a connection: the handshake waits on the event loop."""
    await _db.wait(_db.connect_latency())
    return Connection(dsn)


class _Acquire:
    def __init__(self, pool):
        self.pool = pool
        self.conn = None

    def __await__(self):
        return self.pool._acquire().__await__()

    async def __aenter__(self):
        self.conn = await self.pool._acquire()
        return self.conn

    async def __aexit__(self, *exc):
        await self.pool.release(self.conn)
        return False


class Pool:
    def __init__(self, dsn, min_size, max_size):
        self.dsn = dsn
        self._min_size = min_size
        self._max_size = max_size
        self._idle = []
        self._size = 0
        self._free = asyncio.Semaphore(max_size)

    async def _open(self):
        # asyncpg opens the first min_size connections at the same time.
        conns = await asyncio.gather(*[connect(self.dsn) for _ in range(self._min_size)])
        self._idle.extend(conns)
        self._size += len(conns)
        return self

    def __await__(self):
        return self._open().__await__()

    async def __aenter__(self):
        return await self._open()

    async def __aexit__(self, *exc):
        await self.close()
        return False

    def acquire(self, *, timeout=None):
        return _Acquire(self)

    async def _acquire(self):
        await self._free.acquire()
        if self._idle:
            return self._idle.pop()
        self._size += 1
        return await connect(self.dsn)

    async def release(self, conn, *, timeout=None):
        self._idle.append(conn)
        self._free.release()

    def get_size(self):
        return self._size

    def get_max_size(self):
        return self._max_size

    async def fetch(self, query, *args, timeout=None):
        async with self.acquire() as conn:
            return await conn.fetch(query, *args)

    async def fetchrow(self, query, *args, timeout=None):
        async with self.acquire() as conn:
            return await conn.fetchrow(query, *args)

    async def fetchval(self, query, *args, column=0, timeout=None):
        async with self.acquire() as conn:
            return await conn.fetchval(query, *args, column=column)

    async def execute(self, query, *args, timeout=None):
        async with self.acquire() as conn:
            return await conn.execute(query, *args)

    async def close(self):
        for conn in self._idle:
            await conn.close()
        self._idle = []


def create_pool(dsn=None, *, min_size=10, max_size=10, **kwargs):
    """`await asyncpg.create_pool(...)` or `async with asyncpg.create_pool(...) as pool`."""
    if max_size <= 0:
        raise ValueError("max_size is expected to be greater than zero")
    if min_size > max_size:
        raise ValueError("min_size is greater than max_size")
    return Pool(dsn, min_size, max_size)
