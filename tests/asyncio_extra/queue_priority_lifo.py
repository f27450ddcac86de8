# PriorityQueue orders by priority (ties by the rest of the tuple), LifoQueue is a stack; waiting getters are served FIFO
import asyncio


async def getter(name, q, log):
    item = await q.get()
    log.append((name, item))


async def main():
    pq = asyncio.PriorityQueue()
    for item in [(3, "c"), (1, "z"), (2, "b"), (1, "a"), (5, "e"), (2, "a")]:
        pq.put_nowait(item)
    print([pq.get_nowait() for _ in range(pq.qsize())])
    lq = asyncio.LifoQueue(maxsize=3)
    for i in range(3):
        await lq.put(i)
    print("full:", lq.full(), [lq.get_nowait() for _ in range(3)], lq.empty())
    log = []
    q = asyncio.Queue()
    gs = [asyncio.create_task(getter(f"g{i}", q, log)) for i in range(3)]
    await asyncio.sleep(0)
    for item in "xyz":
        q.put_nowait(item)
    await asyncio.gather(*gs)
    print(log)
    print(str(q), str(asyncio.Queue(4)))


asyncio.run(main())
