match x:
    case [1, *rest] if rest:
        pass
class A(metaclass=type):
    pass
type X = int
async def g():
    async with a as b, c as d:
        async for i in b:
            yield i
    return [i async for i in g()]
x := 1
del x[1:2, ...]
print(*[], **{}, sep='')
global q
nonlocal z
@a.b(c)
def h[T](x: T) -> T: ...
try:
    pass
except* ValueError:
    pass
