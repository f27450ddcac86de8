"""functools.partial, as asyncio uses it: a done-callback that carries its first
arguments (the loop names such a callback `partial(...)`)."""

__all__ = ("partial",)


class partial:
    def __init__(self, func, *args):
        self.func = func
        self.args = args

    def __call__(self, *more):
        return self.func(*self.args, *more)

    def __repr__(self):
        parts = [repr(self.func)] + [repr(a) for a in self.args]
        return f"functools.partial({', '.join(parts)})"
