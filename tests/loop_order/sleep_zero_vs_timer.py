# sleep(0) yields one pass; a due timer joins the ready queue behind already-ready handles
import asyncio


async def spinner(n):
    for i in range(n):
        print("spin", i)
        await asyncio.sleep(0)


async def sleeper():
    await asyncio.sleep(0)
    print("sleeper awake")


async def main():
    await asyncio.gather(spinner(3), sleeper(), asyncio.sleep(0, "x"))


asyncio.run(main())
