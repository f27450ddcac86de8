"""Simulated database and cache servers: canned answers after a latency the lesson sets.

A database query answers with the rows `aiotutor.database(...)` declared for the
longest matching SQL prefix (whitespace and case do not matter), else with no rows,
after its latency: the network round trip plus the server's own work. The client's
side decides what the wait does to the program: a blocking driver (psycopg2, redis)
holds the calling thread for that time; an async one (asyncpg, redis.asyncio) waits
on the event loop, which serves other tasks meanwhile.

The cache is a real key-value store (in the program's memory) with a latency per
command, so `set` then `get` gives the value back.
"""

import asyncio
import _sim
import _cost

DEFAULT_QUERY_LATENCY = 0.01
DEFAULT_CONNECT_LATENCY = 0.005
DEFAULT_CACHE_LATENCY = 0.0005

_answers = []
_settings = {"connect": DEFAULT_CONNECT_LATENCY, "cache": DEFAULT_CACHE_LATENCY}
_store = {}


def _normal(sql):
    return " ".join(str(sql).split()).lower()


def database(query="", rows=None, latency=None, connect_latency=None):
    """Declare the answer to queries starting with `query` (all queries by default):
    `rows` (a list of dicts, column -> value) after `latency` seconds."""
    if connect_latency is not None:
        _settings["connect"] = float(connect_latency)
    _answers.append((_normal(query), list(rows or []),
                     DEFAULT_QUERY_LATENCY if latency is None else float(latency)))


def cache(latency=None, data=None):
    """Set the cache's latency per command, and optionally its contents."""
    if latency is not None:
        _settings["cache"] = float(latency)
    if data:
        for k, v in data.items():
            _store[str(k)] = str(v)


def answer(sql):
    """(rows, latency) for `sql`: the longest declared prefix wins."""
    q = _normal(sql)
    best = None
    for prefix, rows, latency in _answers:
        if q.startswith(prefix) and (best is None or len(prefix) > len(best[0])):
            best = (prefix, rows, latency)
    if best is None:
        return [], DEFAULT_QUERY_LATENCY
    return [dict(r) for r in best[1]], best[2]


def connect_latency():
    return _settings["connect"]


def cache_latency():
    return _settings["cache"]


def store():
    return _store


# -- waiting, both ways -------------------------------------------------------------------
def block(latency, reason):
    """A blocking driver's wait: the thread is held (on a loop's thread, the loop)."""
    _sim.burn(_cost.DB_CLIENT)
    _sim.block(latency, reason)


def _settle(fut):
    if not fut.done():
        fut.set_result(None)


async def wait(latency):
    """An async driver's wait: the socket is in the loop's selector until the answer."""
    _sim.burn(_cost.DB_CLIENT)
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_later(latency, _settle, fut)
    await fut
