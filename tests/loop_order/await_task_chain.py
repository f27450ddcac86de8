# a task awaiting a task awaiting a task: wakeups travel through done-callbacks
import asyncio


async def leaf():
    await asyncio.sleep(0.1)
    return "leaf"


async def mid():
    t = asyncio.create_task(leaf())
    return "mid+" + await t


async def main():
    t = asyncio.create_task(mid())
    print(await t)
    done = asyncio.get_running_loop().create_future()
    done.set_result("ready")
    print(await done)


asyncio.run(main())
