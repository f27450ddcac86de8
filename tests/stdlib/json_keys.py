# Dict keys: str, int, float, bool and None become strings; other keys are refused.
import json

print(json.dumps({1: "int", 2.5: "float", True: "bool", None: "none", "s": "str"}))
print(json.dumps({False: 0, -3: 1, 1e16: 2, 10**30: 3}))
print(json.dumps({float("nan"): 1, float("inf"): 2, float("-inf"): 3}))
print(json.dumps({1.0: "a"}))
print(json.dumps({"é": 1}), json.dumps({"é": 1}, ensure_ascii=False))
for bad in [{(1, 2): "tuple"}, {frozenset(): 1}, {"ok": 1, (3,): 2}]:
    for ind in (None, 2):
        try:
            print(json.dumps(bad, indent=ind))
        except Exception as e:
            print(type(e).__name__, e)
print(json.dumps({(1, 2): "tuple", "kept": 1}, skipkeys=True))
print(json.dumps({(1, 2): "tuple"}, skipkeys=True))
print(json.dumps({(1, 2): "tuple"}, skipkeys=True, indent=2))
print(json.dumps({(1, 2): "tuple", "a": 1, "b": 2}, skipkeys=True, indent=2))
for ind in (None, 2):
    try:
        print(json.dumps({1: "a", "b": 2}, sort_keys=True, indent=ind))
    except Exception as e:
        print(type(e).__name__, e)
print(json.dumps({2: "b", 1: "a", 10: "c"}, sort_keys=True))
print(json.dumps({"b": 1, "a": 2, "B": 3, "é": 4, "_": 5}, sort_keys=True))
d = {}
d[1] = "first"
d["1"] = "second"
print(json.dumps(d))
print(json.loads(json.dumps(d)))
