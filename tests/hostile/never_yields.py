import asyncio

async def spin():
    while True:
        pass

asyncio.run(spin())
