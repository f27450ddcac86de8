# Queue: a getter cancelled after being woken passes the item on; a cancelled putter frees its place
import asyncio


async def getter(name, q, log):
    try:
        item = await q.get()
        log.append(f"{name} got {item}")
    except asyncio.CancelledError:
        log.append(f"{name} cancelled")
        raise


async def putter(name, q, item, log):
    try:
        await q.put(item)
        log.append(f"{name} put {item}")
    except asyncio.CancelledError:
        log.append(f"{name} cancelled")
        raise


async def main():
    log = []
    q = asyncio.Queue()
    g1 = asyncio.create_task(getter("g1", q, log))
    g2 = asyncio.create_task(getter("g2", q, log))
    await asyncio.sleep(0)
    q.put_nowait("item")
    g1.cancel()
    await asyncio.gather(g1, g2, return_exceptions=True)
    print(log)
    log.clear()
    full = asyncio.Queue(1)
    full.put_nowait("first")
    p1 = asyncio.create_task(putter("p1", full, "second", log))
    p2 = asyncio.create_task(putter("p2", full, "third", log))
    await asyncio.sleep(0)
    p1.cancel()
    await asyncio.sleep(0)
    print("got", full.get_nowait())
    await asyncio.gather(p1, p2, return_exceptions=True)
    print(log, full.qsize(), full.get_nowait())
    try:
        full.task_done()
        full.task_done()
        full.task_done()
        full.task_done()
    except ValueError as e:
        print("ValueError:", e)


asyncio.run(main())
