# Round trips: loads(dumps(x)) == x for JSON-shaped data, and dumps(loads(s)) == s.
import json

values = [
    None, True, False, 0, -1, 2**70, 0.5, -1e-300, 1e300, "", "text", "é😀\n\"\\",
    [], {}, [1, [2, [3]]], {"a": {"b": {"c": [None, True, 1.25]}}},
    {"unicode": "日本", "emoji": ["😀", "🐍"], "esc": "\t\u0001"},
    [{"id": i, "square": i * i, "even": i % 2 == 0} for i in range(5)],
]
for v in values:
    for kwargs in [{}, {"indent": 2}, {"ensure_ascii": False}, {"sort_keys": True, "separators": (",", ":")}]:
        text = json.dumps(v, **kwargs)
        back = json.loads(text)
        assert back == v, (v, kwargs, text, back)
        assert json.dumps(back, **kwargs) == text
print("round trips ok:", len(values))
print(json.loads(json.dumps((1, (2, 3)))))
print(json.loads(json.dumps({1: "a", True: "b", None: "c", 2.5: "d"})))
texts = [
    '{"a": [1, 2.5, "x", null, true, false, {}], "b": {"c": -0.0}}',
    '[1e+16, 1.5e-07, 1e-05, 0.0001, 123456789012345680000, 1e+22]',
]
for t in texts:
    print(json.dumps(json.loads(t)))
big = {"items": [{"n": i, "name": "item%d" % i, "tags": ["t%d" % j for j in range(i % 4)]} for i in range(50)]}
text = json.dumps(big, indent=2, sort_keys=True)
print(len(text), text.count("\n"), json.loads(text) == big)
print(text[:200])
nan_back = json.loads(json.dumps([float("nan")]))
print(nan_back, nan_back[0] != nan_back[0])
