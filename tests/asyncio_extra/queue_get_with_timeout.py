# wait_for(q.get(), timeout): an idle consumer times out without losing items; timeout() around a Lock acquisition
import asyncio


async def consumer(q, log):
    while True:
        try:
            item = await asyncio.wait_for(q.get(), timeout=0.15)
        except TimeoutError:
            log.append("idle")
            if len(log) > 6:
                return
            continue
        log.append(f"item {item}")


async def producer(q):
    for i, gap in enumerate((0.1, 0.2, 0.4)):
        await asyncio.sleep(gap)
        q.put_nowait(i)


async def main():
    q = asyncio.Queue()
    log = []
    await asyncio.gather(consumer(q, log), producer(q))
    print(log, "left in queue:", q.qsize())
    lock = asyncio.Lock()
    await lock.acquire()
    try:
        async with asyncio.timeout(0.1):
            await lock.acquire()
    except TimeoutError:
        print("lock wait timed out; still locked by us:", lock.locked(), repr(lock).split("[")[1])
    lock.release()
    async with asyncio.timeout(0.1):
        async with lock:
            print("free lock taken inside a timeout")


asyncio.run(main())
