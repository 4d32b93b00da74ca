"""The configuration files a script loads, read statically: the YAML subset parser (against PyYAML
where it is installed) and JSON with each value's line."""

import math

import pytest

from convlint.source.config_files import Unsupported, json_lines, parse_yaml

YAML_CONFIG = """# training settings
model:
  classes: 10
  widths: [200, 400, 800]
data:
  image_size: {size}   # what the loader makes
  batch_size: 8
"""
JSON_CONFIG = '{{\n  "model": {{"classes": 10, "widths": [200, 400, 800]}},\n  "data": {{"image_size": {size}, "batch_size": 8}}\n}}\n'

PARSED = {
    "nested": ("a:\n  b:\n    c:\n      - 1\n      - 2\n  d: 3\n", {"a": {"b": {"c": [1, 2]}, "d": 3}}),
    "scalars": ("i: 12\nf: 0.001\ng: 1.0e-3\nn: -3\nh: 0x1F\no: 012\nu: 1_000\nt: True\ny: yes\nz: off\n"
                "nul: ~\nnone:\ns: text here\nq: '0.1'\nd: \"a\\tb\"\nsq: 'it''s'\nurl: http://x.org/a\n"
                "e: 1e-3\ninf: -.inf\n",
                {"i": 12, "f": 0.001, "g": 0.001, "n": -3, "h": 31, "o": 10, "u": 1000, "t": True, "y": True,
                 "z": False, "nul": None, "none": None, "s": "text here", "q": "0.1", "d": "a\tb", "sq": "it's",
                 "url": "http://x.org/a", "e": "1e-3", "inf": -math.inf}),
    "flow": ("a: [1, [2, 3], {x: 1, 'y z': [4]}]\nb: {}\nc: []\nd: [a, 'b', \"c\"]\n",
             {"a": [1, [2, 3], {"x": 1, "y z": [4]}], "b": {}, "c": [], "d": ["a", "b", "c"]}),
    "sequences": ("- a\n- b:\n    c: 1\n  d: 2\n-\n  - 5\n- - 6\n  - 7\n",
                  ["a", {"b": {"c": 1}, "d": 2}, [5], [6, 7]]),
    "unindented-list": ("layers:\n- 64\n- 128\nname: x\n", {"layers": [64, 128], "name": "x"}),
    "comments-and-start": ("---\n# top\nkey: 'a # not a comment'  # a comment\n\nother: 2 #x\n",
                           {"key": "a # not a comment", "other": 2}),
    "keys": ("1: one\n'two words': 2\n\"q\": 3\n", {1: "one", "two words": 2, "q": 3}),
}
UNSUPPORTED = {
    "anchor": "a: &x 1\nb: *x\n",
    "block-scalar": "a: |\n  text\n",
    "folded": "a: >\n  text\n",
    "tag": "a: !!int 3\n",
    "two-documents": "a: 1\n---\nb: 2\n",
    "multi-line-flow": "a: [1,\n  2]\n",
    "multi-line-plain": "a: one\n  two\n",
    "value-with-colon": "a: b: c\n",
    "tab-indent": "a:\n\tb: 1\n",
    "timestamp": "a: 2020-01-01\n",
    "sexagesimal": "a: 12:30\n",
    "complex-key": "? a\n: 1\n",
    "misaligned": "a:\n    b: 1\n  c: 2\n",
}


@pytest.mark.parametrize(("text", "expected"), PARSED.values(), ids=PARSED.keys())
def test_the_yaml_subset_parses_as_pyyaml_does(text, expected):
    assert parse_yaml(text)[0] == expected
    try:
        import yaml
    except ImportError:
        return
    assert parse_yaml(text)[0] == yaml.safe_load(text)


@pytest.mark.parametrize("text", UNSUPPORTED.values(), ids=UNSUPPORTED.keys())
def test_yaml_outside_the_subset_is_not_read(text):
    with pytest.raises(Unsupported):
        parse_yaml(text)


def test_each_value_keeps_its_line():
    _, lines = parse_yaml(YAML_CONFIG.format(size=64))
    assert lines[("model", "widths")] == 4 and lines[("data", "image_size")] == 6
    _, lines = parse_yaml("- a\n- b:\n    c: 1\n")
    assert lines[(1, "b", "c")] == 3
    lines = json_lines(JSON_CONFIG.format(size=64))
    assert lines[("data", "image_size")] == 3 and lines[("model", "widths", 2)] == 2
