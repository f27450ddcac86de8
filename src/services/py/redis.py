"""redis, simulated: `redis.Redis` (blocking, as redis-py) and `redis.asyncio.Redis`
(awaitable, as redis.asyncio) on one simulated server: a real key-value store with a
latency per command (`aiotutor.cache(latency=...)`). The blocking client holds the
calling thread for each command; the async one waits on the event loop.

Values come back as `str` (as with `decode_responses=True`: the sandbox has no bytes).
"""

import _sim
import _db

__all__ = ("Redis", "StrictRedis", "from_url", "RedisError", "ConnectionError")

SUBMODULES = {"asyncio": {"Redis": "_AsyncRedis", "StrictRedis": "_AsyncRedis", "from_url": "_async_from_url"}}


class RedisError(Exception):
    pass


class ConnectionError(RedisError):
    pass


def _live(key):
    """The stored (value, expires_at) of `key`, dropping it if expired."""
    st = _db.store()
    got = st.get(key)
    if got is None:
        return None
    value, expires = got if isinstance(got, tuple) else (got, None)
    if expires is not None and _sim.now() >= expires:
        del st[key]
        return None
    return value, expires


def _get(key):
    got = _live(str(key))
    return None if got is None else got[0]


def _set(key, value, ex=None, px=None, nx=False):
    key = str(key)
    if nx and _live(key) is not None:
        return None
    expires = None
    if ex is not None:
        expires = _sim.now() + ex
    elif px is not None:
        expires = _sim.now() + px / 1000
    _db.store()[key] = (str(value), expires)
    return True


def _delete(*keys):
    n = 0
    for k in keys:
        if _live(str(k)) is not None:
            del _db.store()[str(k)]
            n += 1
    return n


def _incr(key, amount=1):
    got = _live(str(key))
    value = int(got[0]) + amount if got else amount
    _db.store()[str(key)] = (str(value), got[1] if got else None)
    return value


def _exists(*keys):
    return sum(1 for k in keys if _live(str(k)) is not None)


def _expire(key, seconds):
    got = _live(str(key))
    if got is None:
        return False
    _db.store()[str(key)] = (got[0], _sim.now() + seconds)
    return True


class Redis:
    def __init__(self, host="localhost", port=6379, db=0, decode_responses=False, **kwargs):
        self.host = host
        self.port = port
        self.db = db

    def _call(self, name):
        _db.block(_db.cache_latency(), f"redis {name}")

    def ping(self):
        self._call("PING")
        return True

    def get(self, name):
        self._call("GET")
        return _get(name)

    def set(self, name, value, ex=None, px=None, nx=False):
        self._call("SET")
        return _set(name, value, ex, px, nx)

    def delete(self, *names):
        self._call("DEL")
        return _delete(*names)

    def incr(self, name, amount=1):
        self._call("INCR")
        return _incr(name, amount)

    def exists(self, *names):
        self._call("EXISTS")
        return _exists(*names)

    def expire(self, name, time):
        self._call("EXPIRE")
        return _expire(name, time)

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


StrictRedis = Redis


def from_url(url, **kwargs):
    return Redis(**kwargs)


class _AsyncRedis:
    def __init__(self, host="localhost", port=6379, db=0, decode_responses=False, **kwargs):
        self.host = host
        self.port = port
        self.db = db

    async def _call(self):
        await _db.wait(_db.cache_latency())

    async def ping(self):
        await self._call()
        return True

    async def get(self, name):
        await self._call()
        return _get(name)

    async def set(self, name, value, ex=None, px=None, nx=False):
        await self._call()
        return _set(name, value, ex, px, nx)

    async def delete(self, *names):
        await self._call()
        return _delete(*names)

    async def incr(self, name, amount=1):
        await self._call()
        return _incr(name, amount)

    async def exists(self, *names):
        await self._call()
        return _exists(*names)

    async def expire(self, name, time):
        await self._call()
        return _expire(name, time)

    async def aclose(self):
        pass

    async def close(self):
        pass

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return False


def _async_from_url(url, **kwargs):
    return _AsyncRedis(**kwargs)
