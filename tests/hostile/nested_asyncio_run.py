import asyncio

async def inner():
    pass

async def outer():
    asyncio.run(inner())

asyncio.run(outer())
