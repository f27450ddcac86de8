# json.dumps: every value kind, nesting, separators, indent, sort_keys.
import json

data = {
    "name": "aiotutor",
    "tasks": [1, 2, 3],
    "nested": {"a": [True, False, None], "b": {"c": []}, "d": {}},
    "tuple": (1, "two", 3.0),
    "empty": "",
}
print(json.dumps(data))
print(json.dumps([]), json.dumps({}), json.dumps(()), json.dumps([[]]), json.dumps([{}]))
print(json.dumps(None), json.dumps(True), json.dumps(False))
print(json.dumps("plain"), json.dumps(42), json.dumps(-7))
print(json.dumps(data, indent=2))
print(json.dumps(data, indent=4))
print(json.dumps(data, indent="\t"))
print(json.dumps(data, indent=0))
print(json.dumps(data, indent=""))
print(json.dumps([1, [2, [3, []]], {}], indent=1))
print(json.dumps({"a": 1, "b": [1, 2]}, separators=(",", ":")))
print(json.dumps({"a": 1, "b": [1, 2]}, separators=(" , ", " = ")))
print(json.dumps({"a": 1, "b": [1, 2]}, indent=2, separators=(",", ": ")))
print(json.dumps({"a": 1, "b": [1, 2]}, indent=2, separators=["; ", "=>"]))
print(json.dumps({"b": 1, "a": 2, "c": {"z": 1, "y": 2}}, sort_keys=True))
print(json.dumps({"b": 1, "a": 2, "c": {"z": 1, "y": 2}}, sort_keys=True, indent=3))
print(json.dumps({3: "c", 1: "a", 2: "b"}, sort_keys=True))
print(json.dumps({"b": 1, "a": 2}, sort_keys=False))
print(json.dumps([1, 2], indent=True))
print(json.dumps([1, 2], indent=-3))
print(json.dumps({"k": [{"x": [1, {"y": None}]}]}, indent=2, sort_keys=True))
lst = [1, 2]
print(json.dumps([lst, lst, {"again": lst}]))
print(json.dumps(data, skipkeys=False, ensure_ascii=True, check_circular=True,
                 allow_nan=True, cls=None, indent=None, separators=None,
                 default=None, sort_keys=False))
print(json.dumps(obj=[1]))
