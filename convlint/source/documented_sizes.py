"""Source stage: the input size a model's docstring states (`Input - 1x32x32` of the widely
copied LeNet-5, `Input: (N, 3, 224, 224)`, `input size 3 x 64 x 64`). A leaf: pure functions over
the docstring's text; nothing is parsed or run.

Only a line that names the input and writes its sizes as numbers joined by `x` (or a tuple or
list, a leading batch letter allowed): a layer's description (`C1 - 6@28x28`), an output or a
size in prose is no input. The caller checks the channels against the model's first layer."""

from __future__ import annotations

import re

_NUMBER = r"\d{1,5}"
_JOINED = rf"{_NUMBER}(?:\s*[x×\*]\s*{_NUMBER}){{1,3}}"  # 3x32x32, 32 x 32, 1*28*28
_LISTED = rf"[\(\[]\s*(?:[A-Za-z_]\w*\s*,\s*)?{_NUMBER}(?:\s*,\s*{_NUMBER}){{1,3}}\s*,?\s*[\)\]]"  # (N, 3, 32, 32)
_STATED = re.compile(
    rf"^\s*(?:[-*#]\s*)?(?:the\s+)?input(?:\s+(?:image|images|tensor|size|shape|resolution|dims?))*"
    rf"\s*(?:is\s+|of\s+)?[-:=]?\s*(?:[A-Za-z_]+\s*[x×\*]\s*)?(?P<sizes>{_JOINED}|{_LISTED})\s*$",
    re.IGNORECASE | re.MULTILINE)


def documented_input(docstring: str) -> tuple[tuple[int, ...], str] | None:
    """(the sizes one line states, without a batch, the line as written) where exactly one line
    states the input's sizes; None for none or two that disagree."""
    found = {}
    for match in _STATED.finditer(docstring):
        sizes = tuple(int(n) for n in re.findall(_NUMBER, match.group("sizes")))
        if all(0 < size <= 65536 for size in sizes):
            found.setdefault(sizes, match.group(0).strip())
    if len(found) != 1:
        return None
    (sizes, line), = found.items()
    return sizes, line
