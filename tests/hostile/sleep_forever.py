import asyncio
asyncio.run(asyncio.sleep(float('inf')))
