"""The re module on strings known statically: model configurations written as strings and taken
apart with regular expressions (EfficientNet's `re.split(r'(\\d.*)', 'k3')` -> ['k', '3', ''])."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from convlint.values import Unknown

# patterns and strings of a configuration are short: longer ones are not worth the time a
# backtracking pattern may take on them
MAX_PATTERN = 300
MAX_TEXT = 500
# a repeated group that repeats inside (`(a+)+`, `(\w*)*`) may backtrack for ever on a string it misses
_NESTED_REPEAT = re.compile(r"\((?:[^()\\]|\\.)*[*+}](?:[^()\\]|\\.)*\)[*+{]")
_FUNCTIONS = frozenset({"split", "sub", "subn", "findall", "match", "search", "fullmatch", "escape"})


@dataclass(frozen=True, slots=True)
class RegexMatch:
    """What re.match/search/fullmatch found: true in a condition; its groups are not modelled."""

    groups: tuple


def handles(qualified: str) -> bool:
    module, _, name = qualified.rpartition(".")
    return module == "re" and name in _FUNCTIONS


def _flags(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 1024 else None


def call(qualified: str, args: list, kwargs: dict) -> Any:
    """re.<name>(...) as Python computes it, on a pattern and strings known statically; Unknown
    for anything else (a replacement function, a compiled pattern, values not known)."""
    name = qualified.rpartition(".")[2]
    if name == "escape":
        text = args[0] if len(args) == 1 and not kwargs else None
        return re.escape(text) if isinstance(text, str) and len(text) <= MAX_TEXT else Unknown("re.escape of this")
    parameters = {"split": ("pattern", "string", "maxsplit", "flags"), "sub": ("pattern", "repl", "string", "count", "flags"),
                  "subn": ("pattern", "repl", "string", "count", "flags")}.get(name, ("pattern", "string", "flags"))
    if len(args) > len(parameters) or set(kwargs) - set(parameters) or set(parameters[:len(args)]) & set(kwargs):
        return Unknown(f"{qualified} of arguments it does not take")
    bound = {**dict(zip(parameters, args)), **kwargs}
    pattern, text = bound.get("pattern"), bound.get("string")
    flags = _flags(bound.get("flags", 0))
    counts = [bound.get(key, 0) for key in ("maxsplit", "count")]
    if not (isinstance(pattern, str) and isinstance(text, str) and len(pattern) <= MAX_PATTERN
            and len(text) <= MAX_TEXT and flags is not None and not _NESTED_REPEAT.search(pattern)
            and all(isinstance(c, int) and not isinstance(c, bool) for c in counts)
            and (name not in ("sub", "subn") or isinstance(bound.get("repl"), str))):
        return Unknown(f"{qualified} of values not known statically")
    try:
        if name == "split":
            return re.split(pattern, text, maxsplit=bound.get("maxsplit", 0), flags=flags)
        if name in ("sub", "subn"):
            function = re.sub if name == "sub" else re.subn
            return function(pattern, bound["repl"], text, count=bound.get("count", 0), flags=flags)
        if name == "findall":
            return re.findall(pattern, text, flags=flags)
        found = getattr(re, name)(pattern, text, flags=flags)
    except (re.error, IndexError, ValueError, RecursionError) as error:  # Python raises: nothing is returned
        return Unknown(f"{qualified} raises here ({error})")
    return None if found is None else RegexMatch(found.groups())
