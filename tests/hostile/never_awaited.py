import asyncio

async def work():
    pass

async def main():
    work()
    await asyncio.sleep(0)

asyncio.run(main())
