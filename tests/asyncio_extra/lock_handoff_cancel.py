# the lock is handed to the first waiter; if that waiter is cancelled before it runs, the next waiter gets it
import asyncio


async def waiter(name, lock, log):
    try:
        await lock.acquire()
    except asyncio.CancelledError:
        log.append(f"{name} cancelled while waiting")
        raise
    log.append(f"{name} acquired")
    lock.release()


async def main():
    lock = asyncio.Lock()
    log = []
    await lock.acquire()
    w1 = asyncio.create_task(waiter("w1", lock, log))
    w2 = asyncio.create_task(waiter("w2", lock, log))
    await asyncio.sleep(0)
    lock.release()
    w1.cancel()
    print("released and cancelled w1; locked:", lock.locked())
    await asyncio.gather(w1, w2, return_exceptions=True)
    print(log)
    print("w1 cancelled:", w1.cancelled(), "locked:", lock.locked())
    await lock.acquire()
    late = asyncio.create_task(waiter("late", lock, log))
    await asyncio.sleep(0)
    lock.release()
    print("fast re-acquire while a waiter is queued must wait")
    grabbed = asyncio.create_task(waiter("grabber", lock, log))
    await asyncio.gather(late, grabbed)
    print(log[-2:])


asyncio.run(main())
