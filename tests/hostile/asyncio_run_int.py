import asyncio
asyncio.run(1)
