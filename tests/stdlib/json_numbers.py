# Numbers: float repr, big ints, special floats.
import json

floats = [0.1, 0.2 + 0.1, 1.0, -0.0, 0.0, 1e16, 1e15, 123456789012345678.0, 1.5e-7,
          0.0001, 0.00001, 1e-320, 5e-324, 1.7976931348623157e308, 2.5, -3.75, 1/3, 100.0,
          1e22, 12345.678]
print(json.dumps(floats))
print(json.dumps([2**63, -2**63, 2**64 + 1, 10**40, -(10**30), 0, -1]))
print(json.dumps(10**200))
print(json.dumps([float("nan"), float("inf"), float("-inf")]))
print(json.dumps({"nan": float("nan")}, indent=1))
for v in [float("nan"), float("inf"), float("-inf"), [1.5, float("inf")], {"x": float("nan")}]:
    for ind in (None, 2):
        try:
            print(json.dumps(v, allow_nan=False, indent=ind))
        except Exception as e:
            print(type(e).__name__, e)
print(json.dumps(1.5, allow_nan=False))
print(json.dumps([True, 1, 1.0]))
