# default=, cls=JSONEncoder subclasses, unserializable objects, circular references.
import json


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


def encode_point(o):
    if isinstance(o, Point):
        return {"x": o.x, "y": o.y}
    if isinstance(o, set):
        return sorted(o)
    raise TypeError(f"cannot encode {type(o).__name__}")


print(json.dumps([Point(1, 2), {3, 1, 2}], default=encode_point))
print(json.dumps({"p": Point(0, -1)}, default=encode_point, indent=2))
print(json.dumps({"s": {1}}, default=list))
print(json.dumps(Point(5, 6), default=lambda o: o.__dict__))
print(json.dumps([1, Point(1, 1)], default=lambda o: "<point>"))


class PointEncoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, Point):
            return [o.x, o.y]
        return super().default(o)


print(json.dumps({"p": Point(3, 4)}, cls=PointEncoder))
print(json.dumps({"p": Point(3, 4)}, cls=PointEncoder, indent=2, sort_keys=True))
print(PointEncoder().encode([Point(7, 8)]))
print(PointEncoder(separators=(",", ":")).encode({"a": [Point(1, 2)]}))
print("".join(json.JSONEncoder(indent=1).iterencode([1, 2])))
enc = json.JSONEncoder(sort_keys=True, indent=2)
print(enc.sort_keys, enc.indent, repr(enc.item_separator), repr(enc.key_separator))
print(json.JSONEncoder().encode("é"), json.JSONEncoder(ensure_ascii=False).encode("é"))
print(isinstance(PointEncoder(), json.JSONEncoder))

tests = [
    lambda: json.dumps({1, 2}),
    lambda: json.dumps({"a": [1, {2}]}, indent=2),
    lambda: json.dumps(Point(1, 2)),
    lambda: json.dumps(len),
    lambda: json.dumps({"p": Point(3, 4), "q": {5}}, cls=PointEncoder),
    lambda: json.dumps(object(), default=encode_point),
    lambda: json.dumps({1}, default=lambda o: o),
    lambda: json.dumps(1, bogus=True),
    lambda: json.dumps(1, 2),
    lambda: json.dumps(),
    lambda: json.JSONEncoder(1),
    lambda: json.dumps([1], separators=(",",)),
    lambda: json.dumps([1], separators=(",", ":", ";")),
]
for t in tests:
    try:
        print(t())
    except Exception as e:
        print(type(e).__name__, e)

a = [1]
a.append(a)
d = {"k": 1}
d["self"] = d
for obj in [a, d, [d], {"x": [a]}]:
    for ind in (None, 2):
        try:
            print(json.dumps(obj, indent=ind))
        except Exception as e:
            print(type(e).__name__, e)
try:
    json.dumps(a, check_circular=False)
except RecursionError as e:
    print(type(e).__name__, e)
shared = [1, 2]
print(json.dumps({"a": shared, "b": shared, "c": [shared, shared]}))
print(json.dumps([[[[[[[[[[[["deep"]]]]]]]]]]]]))
deep = []
cur = deep
for _ in range(300):
    nxt = []
    cur.append(nxt)
    cur = nxt
print(len(json.dumps(deep)), json.loads(json.dumps(deep)) == deep)
