# Strings: escapes, ensure_ascii on and off, non-ASCII text and emoji.
import json

samples = [
    "",
    "plain",
    'quote " and backslash \\ and slash /',
    "newline\n tab\t return\r backspace\b formfeed\f",
    "control \x00 \x01 \x1f \x7f",
    "café",
    "naïve façade",
    "日本語",
    "emoji 😀 and 🐍",
    "\u2028\u2029",
    "mixed: é\n😀\t\"",
    "\uffff \U0010ffff",
]
for s in samples:
    print(json.dumps(s))
    print(json.dumps(s, ensure_ascii=False))
print(json.dumps({"clé": "valeur", "😀": ["🐍"]}))
print(json.dumps({"clé": "valeur", "😀": ["🐍"]}, ensure_ascii=False))
print(json.dumps({"clé": "valeur"}, ensure_ascii=False, indent=2))
print(json.dumps(["a\u00e9"], ensure_ascii=0))
print(len(json.dumps("😀")), len(json.dumps("😀", ensure_ascii=False)))
