# Queue.join() waits for task_done() of every item; several joiners wake together, in the order they joined
import asyncio


async def worker(name, q):
    while True:
        item = await q.get()
        await asyncio.sleep(item)
        print(f"{name} finished {item}")
        q.task_done()


async def joiner(name, q):
    await q.join()
    print(f"{name} saw the queue drained")


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    q = asyncio.Queue(maxsize=2)
    w = asyncio.create_task(worker("w", q))
    js = [asyncio.create_task(joiner(f"j{i}", q)) for i in range(2)]
    for item in (0.1, 0.3, 0.2):
        await q.put(item)
        print("put", item, "size", q.qsize())
    await asyncio.gather(*js)
    print("joined at", round(loop.time() - t0, 1), "empty:", q.empty())
    await q.join()
    print("join on a drained queue returns at once")
    w.cancel()
    await asyncio.sleep(0)
    print("worker cancelled:", w.cancelled())


asyncio.run(main())
