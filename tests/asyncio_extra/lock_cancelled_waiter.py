# Lock: a cancelled waiter leaves the queue, and one woken-then-cancelled passes the lock on; release() is not re-entrant
import asyncio


async def user(name, lock, hold, log):
    try:
        async with lock:
            log.append(f"{name} in")
            await asyncio.sleep(hold)
            log.append(f"{name} out")
    except asyncio.CancelledError:
        log.append(f"{name} cancelled")
        raise


async def main():
    lock = asyncio.Lock()
    log = []
    a = asyncio.create_task(user("a", lock, 0.2, log))
    b = asyncio.create_task(user("b", lock, 0.1, log))
    c = asyncio.create_task(user("c", lock, 0.1, log))
    await asyncio.sleep(0.1)
    b.cancel()
    await asyncio.gather(a, b, c, return_exceptions=True)
    print(log)
    log.clear()
    d = asyncio.create_task(user("d", lock, 0.1, log))
    e = asyncio.create_task(user("e", lock, 0.1, log))
    await asyncio.sleep(0.15)
    # d released at 0.1 and e holds the lock now; f queues behind it
    print("locked:", lock.locked())
    f = asyncio.create_task(user("f", lock, 0.1, log))
    await asyncio.sleep(0.01)
    await asyncio.gather(d, e, f, return_exceptions=True)
    print(log)
    try:
        lock.release()
    except RuntimeError as err:
        print("RuntimeError:", err)
    print(repr(lock).split()[-1])


asyncio.run(main())
