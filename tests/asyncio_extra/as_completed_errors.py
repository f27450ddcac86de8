# as_completed over tasks that fail and a plain future: results and exceptions arrive in completion order
import asyncio


async def work(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise LookupError(name)
    return name


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    f = loop.create_future()
    loop.call_later(0.4, f.set_result, "plain future")
    aws = [asyncio.create_task(c) for c in (work("a", 0.3), work("b", 0.1, fail=True), work("c", 0.2))] + [f]
    for i, nxt in enumerate(asyncio.as_completed(aws)):
        try:
            print(i, await nxt, round(loop.time() - t0, 1))
        except LookupError as e:
            print(i, "failed:", repr(e), round(loop.time() - t0, 1))
    it = asyncio.as_completed([asyncio.create_task(work("x", 0.1))])
    print(type(it).__name__)
    print("x:", await next(it))


asyncio.run(main())
