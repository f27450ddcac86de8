# a process pool: jobs run in parallel processes; results come back in submission order
import asyncio
from concurrent.futures import ProcessPoolExecutor


def square_sum(n):
    return sum(i * i for i in range(n))


async def main():
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor(max_workers=2) as pool:
        results = await asyncio.gather(*(loop.run_in_executor(pool, square_sum, n) for n in (10, 100, 1000)))
    print(results)


asyncio.run(main())
