# Event.set() wakes every current waiter even if clear() follows at once; later waiters block again
import asyncio


async def waiter(name, ev, log):
    await ev.wait()
    log.append(f"{name} woke (flag now {ev.is_set()})")


async def main():
    ev = asyncio.Event()
    log = []
    ws = [asyncio.create_task(waiter(f"w{i}", ev, log)) for i in range(3)]
    await asyncio.sleep(0)
    ev.set()
    ev.clear()
    print("set then clear; is_set:", ev.is_set())
    await asyncio.gather(*ws)
    print(log)
    late = asyncio.create_task(waiter("late", ev, log))
    await asyncio.sleep(0.1)
    print("late still waiting:", not late.done(), repr(ev).split("[")[1])
    ev.set()
    ev.set()
    await late
    print(log[-1])
    w = asyncio.create_task(ev.wait())
    await asyncio.sleep(0)
    print("wait() on a set event finished in one step:", w.result())


asyncio.run(main())
