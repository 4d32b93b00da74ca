"""Source stage: a Jupyter notebook's code cells as one Python module, in order, the way the
kernel runs them. A leaf: pure functions over the notebook's JSON text (nbformat 3 and 4).

IPython's own syntax is not Python: a line magic or shell escape (`%matplotlib inline`,
`!pip install torchsummary`, `x = !ls`, `obj?`) becomes `pass`, so the block around it still
parses; a cell magic running Python (`%%time`) keeps its body, any other (`%%bash`,
`%%writefile`) is left out. A cell that does not parse on its own is left out too: the kernel
would have stopped there, and the cells around it still say what they say. Every cell keeps its
lines, so a line of the module maps back to its cell and its line there."""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass

PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug"})
_MAGIC_LINE = re.compile(r"^(?P<indent>[ \t]*)(?:[%!]|\w[\w.]*\s*=\s*[%!])")
_HELP_LINE = re.compile(r"^(?P<indent>[ \t]*)\??[\w.]+\?\??\s*$")


@dataclass(frozen=True, slots=True)
class NotebookSource:
    text: str  # the code cells joined, one line of text per line of a cell
    cell_starts: tuple[int, ...]  # the module line (1-based) each code cell's first line is on
    cell_numbers: tuple[int, ...]  # each code cell's number among all cells, markdown included

    def position(self, line: int) -> tuple[int, int]:
        """(cell, line in the cell), both 1-based; cells are numbered as ruff shows them, every
        cell counted, markdown included."""
        index = max((i for i, start in enumerate(self.cell_starts) if start <= line), default=0)
        return self.cell_numbers[index], line - self.cell_starts[index] + 1


def read_notebook(text: str) -> NotebookSource | None:
    """The notebook's code as one module; None for text that is not a notebook."""
    try:
        document = json.loads(text)
    except ValueError:
        return None
    if not isinstance(document, dict):
        return None
    cells = document.get("cells")
    if cells is None:  # nbformat 3: cells live in worksheets, their code under "input"
        worksheets = document.get("worksheets")
        if not isinstance(worksheets, list):
            return None
        cells = [cell for sheet in worksheets if isinstance(sheet, dict)
                 for cell in sheet.get("cells", []) if isinstance(cell, dict)]
    if not isinstance(cells, list):
        return None
    lines: list[str] = []
    starts: list[int] = []
    numbers: list[int] = []
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", cell.get("input", ""))
        if isinstance(source, list):
            source = "".join(part for part in source if isinstance(part, str))
        if not isinstance(source, str):
            continue
        starts.append(len(lines) + 1)
        numbers.append(number)
        lines += python_of_cell(source)
    return NotebookSource("\n".join(lines) + "\n", tuple(starts), tuple(numbers))


def python_of_cell(source: str) -> list[str]:
    """The cell's lines as Python, one for one: magics made `pass`, a cell that cannot run as
    Python made blank lines."""
    lines = source.splitlines() or [""]
    first = lines[0].strip()
    if first.startswith("%%"):
        if first[2:].split()[:1] and first[2:].split()[0] in PYTHON_CELL_MAGICS:
            lines = [""] + lines[1:]
        else:
            return [""] * len(lines)
    python = [_without_magic(line) for line in lines]
    try:
        compile("\n".join(python) + "\n", "<cell>", "exec", ast.PyCF_ONLY_AST)
    except (SyntaxError, ValueError):
        return [""] * len(lines)
    return python


def _without_magic(line: str) -> str:
    match = _MAGIC_LINE.match(line) or _HELP_LINE.match(line)
    return f"{match.group('indent')}pass" if match else line
