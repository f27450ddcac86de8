# Condition.wait: a cancelled waiter re-acquires the lock before CancelledError leaves wait(); notify(n) counts live waiters
import asyncio


async def waiter(name, cond, log):
    async with cond:
        try:
            await cond.wait()
            log.append(f"{name} notified, lock held: {cond.locked()}")
        except asyncio.CancelledError:
            log.append(f"{name} cancelled, lock held: {cond.locked()}")
            raise


async def main():
    cond = asyncio.Condition()
    log = []
    ws = [asyncio.create_task(waiter(f"w{i}", cond, log)) for i in range(4)]
    await asyncio.sleep(0.1)
    async with cond:
        ws[0].cancel()
        cond.notify(2)
        print("notify(2) with w0 cancelled; holding the lock a little longer")
        await asyncio.sleep(0.1)
    await asyncio.sleep(0.1)
    print(log)
    async with cond:
        cond.notify_all()
    await asyncio.gather(*ws, return_exceptions=True)
    print(log[2:])
    try:
        await cond.wait()
    except RuntimeError as e:
        print("RuntimeError:", e)
    lock = asyncio.Lock()
    c2 = asyncio.Condition(lock)
    async with c2:
        print("shared lock held:", lock.locked())
    print(await c2.acquire(), lock.locked())
    c2.release()


asyncio.run(main())
