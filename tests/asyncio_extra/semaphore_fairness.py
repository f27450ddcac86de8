# Semaphore: waiters are served FIFO, a cancelled waiter gives its slot on, locked() counts queued waiters
import asyncio


async def worker(name, sem, hold, log):
    try:
        async with sem:
            log.append(f"{name}+")
            await asyncio.sleep(hold)
            log.append(f"{name}-")
    except asyncio.CancelledError:
        log.append(f"{name} cancelled")
        raise


async def main():
    sem = asyncio.Semaphore(2)
    log = []
    tasks = [asyncio.create_task(worker(n, sem, h, log)) for n, h in (("a", 0.3), ("b", 0.1), ("c", 0.2), ("d", 0.1), ("e", 0.1))]
    await asyncio.sleep(0.05)
    print("locked with two holders:", sem.locked())
    tasks[2].cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    print(log)
    print("value back to 2:", not sem.locked(), repr(sem).split("[")[1])
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        print("ValueError:", e)
    b = asyncio.BoundedSemaphore(2)
    await b.acquire()
    b.release()
    try:
        b.release()
    except ValueError as e:
        print("ValueError:", e)


asyncio.run(main())
