"""The loop binding of the synchronisation primitives (asyncio/mixins.py): a lock or
queue belongs to the loop that first makes it wait."""

from asyncio import get_running_loop

__all__ = ()


class _LoopBoundMixin:
    _loop = None

    def _get_loop(self):
        loop = get_running_loop()
        if self._loop is None:
            self._loop = loop
        if loop is not self._loop:
            raise RuntimeError(f"{self!r} is bound to a different event loop")
        return loop
