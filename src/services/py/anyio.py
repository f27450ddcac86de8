"""anyio, simulated: the two pieces FastAPI's `def` endpoints go through.

`to_thread.run_sync(func, *args)` runs `func` in a worker thread while the calling task
waits; at most `CapacityLimiter.total_tokens` calls run at once per event loop. The
default limiter has 40 tokens: one limiter per event loop, so one per uvicorn worker
process. Waiting callers queue in FIFO order.
"""

import asyncio
import _sim
from concurrent.futures import ThreadPoolExecutor

__all__ = ("CapacityLimiter", "sleep", "run")

DEFAULT_THREAD_TOKENS = 40


class CapacityLimiter:
    def __init__(self, total_tokens):
        self._total_tokens = total_tokens
        self._borrowers = []
        self._waiters = []

    @property
    def total_tokens(self):
        return self._total_tokens

    @total_tokens.setter
    def total_tokens(self, value):
        self._total_tokens = value
        self._wake()

    @property
    def borrowed_tokens(self):
        return len(self._borrowers)

    @property
    def available_tokens(self):
        return self._total_tokens - len(self._borrowers)

    def _wake(self):
        while self._waiters and len(self._borrowers) < self._total_tokens:
            borrower, fut = self._waiters.pop(0)
            if not fut.done():
                self._borrowers.append(borrower)
                fut.set_result(None)
        self._changed()

    def _changed(self):
        # The trace shows each server loop's tokens in use and its queue.
        _sim.thread_limiter(len(self._borrowers), self._total_tokens, len(self._waiters))

    async def acquire_on_behalf_of(self, borrower):
        if not self._waiters and len(self._borrowers) < self._total_tokens:
            self._borrowers.append(borrower)
            self._changed()
            # anyio: cancel_shielded_checkpoint() — the task yields once.
            await asyncio.sleep(0)
            return
        fut = asyncio.get_running_loop().create_future()
        self._waiters.append((borrower, fut))
        self._changed()
        try:
            await fut
        except BaseException:
            if fut.done() and not fut.cancelled() and borrower in self._borrowers:
                self.release_on_behalf_of(borrower)
            raise

    async def acquire(self):
        await self.acquire_on_behalf_of(asyncio.current_task())

    def release_on_behalf_of(self, borrower):
        self._borrowers.remove(borrower)
        self._wake()

    def release(self):
        self.release_on_behalf_of(asyncio.current_task())

    async def __aenter__(self):
        await self.acquire()

    async def __aexit__(self, *exc):
        self.release()
        return False

    def __repr__(self):
        return f"<CapacityLimiter borrowed={len(self._borrowers)}/{self._total_tokens}>"


_per_loop = {}


def _state():
    loop = asyncio.get_running_loop()
    key = id(loop)
    st = _per_loop.get(key)
    if st is None or st[0] is not loop:
        pool = ThreadPoolExecutor(max_workers=10000, thread_name_prefix="AnyIO worker thread")
        st = (loop, CapacityLimiter(DEFAULT_THREAD_TOKENS), pool)
        _per_loop[key] = st
    return st


def current_default_thread_limiter():
    return _state()[1]


async def run_sync(func, *args, abandon_on_cancel=False, cancellable=None, limiter=None):
    loop, default, pool = _state()
    async with (limiter or default):
        return await loop.run_in_executor(pool, func, *args)


# Submodules the loader derives from this one: `import anyio.to_thread` (the loader
# sets `anyio.to_thread` to that submodule).
SUBMODULES = {"to_thread": ("current_default_thread_limiter", "run_sync")}


async def sleep(delay):
    await asyncio.sleep(delay)


def run(func, *args):
    return asyncio.run(func(*args))
