import asyncio

async def main():
    reader, writer = await asyncio.open_connection('example.com', 80)

asyncio.run(main())
