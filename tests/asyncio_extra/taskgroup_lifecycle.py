# TaskGroup misuse: create_task before entering, after it finished, while it shuts down; entering twice
import asyncio


async def child(n):
    await asyncio.sleep(0.1 * n)
    return n


async def failing():
    await asyncio.sleep(0.05)
    raise OSError("child failed")


async def main():
    tg = asyncio.TaskGroup()
    coro = child(1)
    try:
        tg.create_task(coro)
    except RuntimeError as e:
        print("RuntimeError:", str(e).replace(repr(tg), "TG"))
    coro.close()
    async with tg:
        t = tg.create_task(child(1))
    print("result", t.result())
    coro = child(2)
    try:
        tg.create_task(coro)
    except RuntimeError as e:
        print("RuntimeError:", str(e).split()[-1])
    coro.close()
    try:
        async with tg:
            pass
    except RuntimeError as e:
        print("RuntimeError:", str(e).split(" has ")[1])
    try:
        async with asyncio.TaskGroup() as g2:
            g2.create_task(failing())
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                coro = child(3)
                try:
                    g2.create_task(coro)
                except RuntimeError as e:
                    print("RuntimeError:", str(e).split()[-1])
                coro.close()
                raise
    except* OSError as eg:
        print("group error:", eg.exceptions)


asyncio.run(main())
