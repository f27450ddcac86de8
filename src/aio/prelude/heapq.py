"""The binary min-heap PriorityQueue keeps its items in (heapq's algorithm: equal
priorities come out in the order heapq gives them)."""

__all__ = ("heappush", "heappop")


def heappush(heap, item):
    heap.append(item)
    _sift_toward_root(heap, 0, len(heap) - 1)


def heappop(heap):
    last = heap.pop()
    if not heap:
        return last
    smallest = heap[0]
    heap[0] = last
    _sift_toward_leaves(heap, 0)
    return smallest


def _sift_toward_root(heap, top, pos):
    # Move heap[pos] up until its parent is not greater.
    item = heap[pos]
    while pos > top:
        parent = (pos - 1) >> 1
        if item < heap[parent]:
            heap[pos] = heap[parent]
            pos = parent
        else:
            break
    heap[pos] = item


def _sift_toward_leaves(heap, pos):
    # Walk the hole at pos down to a leaf along the smaller children, then let the
    # item it held bubble back up (fewer comparisons than stopping early, and the
    # order heapq produces for ties).
    end = len(heap)
    start = pos
    item = heap[pos]
    child = 2 * pos + 1
    while child < end:
        right = child + 1
        if right < end and not heap[child] < heap[right]:
            child = right
        heap[pos] = heap[child]
        pos = child
        child = 2 * pos + 1
    heap[pos] = item
    _sift_toward_root(heap, start, pos)
