"""aiotutor: what a lesson says about the world outside the program. Nothing here
reaches the real machine: external URLs, databases and caches are simulated.

- `web(url_prefix, json=..., text=..., status=200, latency=0.1, method=None)`: how an
  external HTTP service (anything not on 127.0.0.1) answers;
- `database(query_prefix="", rows=[{...}], latency=0.01, connect_latency=None)`: how
  the PostgreSQL server answers queries (psycopg2 and asyncpg);
- `cache(latency=0.0005, data={...})`: the Redis server's latency and contents;
- `pid()`: the simulated process running this code (inside a request handler, the
  uvicorn worker serving it), where real code would call `os.getpid()`, which the
  sandbox refuses; `cpu_count()`: the simulated machine's cores.
"""

import _canned
import _db
import _sim

__all__ = ("web", "database", "cache", "pid", "cpu_count")

web = _canned.web
database = _db.database
cache = _db.cache


def pid():
    return _sim.pid()


def cpu_count():
    return _sim.cpu_count()
