"""Read and parse one file with libcst; every way a file can be unreadable is a FileProblem."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from convlint.diagnostics import Span


@dataclass(frozen=True, slots=True)
class FileProblem:
    """Why a file could not be analysed at all: a CL0xx code, a message, where."""

    code: str
    message: str
    span: Span = Span(1, 1, 1, 1)


DEFINITION = re.compile(r"\s*(?:async\s+)?(class|def)\s+(\w+)")


@dataclass(slots=True)
class ParsedFile:
    path: str
    text: str
    module: cst.Module
    positions: object = None  # Mapping[CSTNode, CodeRange], computed on first use (see LazySpan)
    lines: list[str] = field(default_factory=list)
    file: str = ""  # set on files parsed because another file imports them: spans name them
    definitions: dict | None = None  # ("class"|"def", name) -> first line, built on first use

    def definition_line(self, keyword: str, name: str) -> int | None:
        """The first line of `class Name` / `def name`, found in the text: asking libcst for
        positions would cost a code generation of the whole file. One scan per file."""
        if self.definitions is None:
            self.definitions = {}
            for number, line in enumerate(self.lines, start=1):
                if (found := DEFINITION.match(line)) is not None:
                    self.definitions.setdefault((found.group(1), found.group(2)), number)
        return self.definitions.get((keyword, name))

    def span_of(self, node: cst.CSTNode) -> "LazySpan":
        return LazySpan(self, node)

    def resolve(self, node: cst.CSTNode) -> Span:
        if self.positions is None:
            self.positions = _on_large_stack(self._positions) or {}
        where = self.positions.get(node)
        if where is None:
            return Span(1, 1, 1, 1, self.file)
        return Span(where.start.line, where.start.column + 1, where.end.line, where.end.column + 1, self.file)

    def _positions(self) -> object:
        try:
            return MetadataWrapper(self.module, unsafe_skip_copy=True).resolve(PositionProvider)
        except RecursionError:
            return {}

    def code_for(self, node: cst.CSTNode) -> str:
        return self.module.code_for_node(node)


class LazySpan:
    """Where a node is, computed only when asked: positions cost a full code generation of the
    file (several times the parse), and a clean file in text mode never needs one."""

    __slots__ = ("parsed", "node", "_span")

    def __init__(self, parsed: ParsedFile, node: cst.CSTNode) -> None:
        self.parsed, self.node, self._span = parsed, node, None

    def resolve(self) -> Span:
        if self._span is None:
            self._span = self.parsed.resolve(self.node)
        return self._span

    line = property(lambda self: self.resolve().line)
    column = property(lambda self: self.resolve().column)
    end_line = property(lambda self: self.resolve().end_line)
    end_column = property(lambda self: self.resolve().end_column)
    file = property(lambda self: self.parsed.file)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazySpan):
            return self.node is other.node and self.parsed is other.parsed
        return self.resolve() == other

    def __hash__(self) -> int:
        return hash(id(self.node))

    def __repr__(self) -> str:
        return repr(self.resolve())

    def __reduce__(self):
        # What crosses to another process (-j) is the place, not the syntax tree.
        span = self.resolve()
        return Span, (span.line, span.column, span.end_line, span.end_column, span.file)


_BINARY_CONTROL = bytes(sorted(set(range(0, 32)) - {9, 10, 12, 13}))


def dotted_name(node: cst.BaseExpression) -> str:
    """`torch.nn.Conv2d` of an attribute chain over a name; "" for anything else at its root."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{dotted_name(node.value)}.{node.attr.value}"
    return ""


def bound_names(target: cst.CSTNode) -> list[str]:
    """The plain names a binding target binds (`a`, `a, (b, *c)`); none for `self.x` or `x[i]`."""
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [name for element in target.elements for name in bound_names(element.value)]
    if isinstance(target, cst.StarredElement):
        return bound_names(target.value)
    return []


def decode_source(data: bytes) -> str | FileProblem:
    """UTF-8 text (a BOM allowed), or the problem: binary content, another encoding."""
    head = data[:8192]
    controls = len(head) - len(head.translate(None, _BINARY_CONTROL))  # counted in C, not per byte
    if b"\x00" in head or (head and controls > len(head) // 10):
        return FileProblem("CL002", "this is a binary file, not Python source")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        return FileProblem(
            "CL002",
            f"the file is not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "convlint reads Python source as UTF-8",
            Span(line, column, line, column + 1),
        )


PARSER_STACK_BYTES = 512 * 1024 * 1024  # reserved, not used: deep nesting must not overflow it


def parse_source(path: str, text: str) -> ParsedFile | FileProblem:
    """Parse on a thread with a large stack: libcst's native parser would otherwise overflow
    the C stack (a crash, not an exception) on deeply nested expressions."""
    parsed = _on_large_stack(lambda: _parse_source(path, text))
    return parsed if parsed is not None else FileProblem("CL001", "the source could not be parsed")


def _on_large_stack(function):
    """Run `function` on a thread with a large stack; its result, or None if it died."""
    outcome: list = []
    worker = threading.Thread(target=lambda: outcome.append(function()), daemon=True)
    previous = threading.stack_size(PARSER_STACK_BYTES)
    try:
        worker.start()
    finally:
        threading.stack_size(previous)
    worker.join()
    return outcome[0] if outcome else None


def _parse_source(path: str, text: str) -> ParsedFile | FileProblem:
    if not text.strip():
        return FileProblem("CL003", "the file is empty: there is nothing to check")
    lines = text.splitlines()
    if max(map(len, lines), default=0) > LONG_LINE:
        # Python's own parser refuses pathological nesting at once; libcst's can take minutes
        import ast

        try:
            ast.parse(text)
        except (SyntaxError, MemoryError, RecursionError, ValueError) as error:
            reason = getattr(error, "msg", None) or "the expression nests too deeply"
            return FileProblem("CL001", f"syntax error: {reason}")
    try:
        module = cst.parse_module(text)
    except cst.ParserSyntaxError as error:
        expanded = _tabs_expanded(text)
        if expanded is None:
            return _syntax_problem(text, error)
        text, lines = expanded, expanded.splitlines()
        try:
            module = cst.parse_module(text)
        except cst.ParserSyntaxError:
            return _syntax_problem(text, error)
    except RecursionError:
        return FileProblem("CL001", "the source nests too deeply to parse")
    except Exception as error:  # libcst raises a few other types on odd input
        return FileProblem("CL001", f"could not parse the file: {error}".strip())
    return ParsedFile(path, text, module, None, lines)


def _tabs_expanded(text: str) -> str | None:
    """The text with tabs in its indentation expanded to Python's tab stops (every 8 columns),
    when Python itself accepts it: libcst's tokenizer refuses some indentation mixing tabs and
    spaces that Python reads (`8 spaces + tab` after a block indented by spaces). Only leading
    whitespace changes, so every line keeps its number."""
    if "\t" not in text:
        return None
    import ast

    try:
        ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        body = line.lstrip(" \t")
        if "\t" in line[: len(line) - len(body)]:
            lines[index] = line[: len(line) - len(body)].expandtabs(8) + body
    return "".join(lines)


def _syntax_problem(text: str, error: cst.ParserSyntaxError) -> FileProblem:
    """Python's own compiler words and places syntax errors better than libcst's parser does;
    ask it (compiling to an AST runs nothing)."""
    import ast

    try:
        ast.parse(text)
    except SyntaxError as python_error:
        line = python_error.lineno or 1
        column = python_error.offset or 1
        return FileProblem("CL001", f"syntax error: {python_error.msg}", Span(line, column, line, column + 1))
    except (ValueError, RecursionError, MemoryError):
        pass
    line, column = error.editor_line, error.editor_column
    reason = str(error.message).strip().rstrip(".")
    return FileProblem("CL001", f"syntax error: {reason}", Span(line, column, line, column + 1))


MAX_FILE_BYTES = 10_000_000  # model files are kilobytes; a 50 MB "model" is data, not code
LONG_LINE = 10_000  # a line this long may nest deeper than libcst's parser can take in time


def read_and_parse(path: Path, display: str) -> ParsedFile | FileProblem:
    import stat

    if path.suffix == ".ipynb":
        return FileProblem("CL006", "this is a Jupyter notebook, which convlint does not read yet: export it "
                                    "with `jupyter nbconvert --to script` and check the .py file")
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return FileProblem("CL004", "not a regular file (a directory, a device or a pipe)")
        if info.st_size > MAX_FILE_BYTES:
            return FileProblem("CL004", f"the file is {info.st_size / 1e6:.1f} MB, more than the "
                                        f"{MAX_FILE_BYTES / 1e6:.0f} MB convlint reads")
        data = path.read_bytes()
    except OSError as error:
        return FileProblem("CL004", f"could not read the file: {error.strerror or error}")
    text = decode_source(data)
    if isinstance(text, FileProblem):
        return text
    return parse_source(display, text)


_INPUT_SHAPE = re.compile(r"#\s*convlint:\s*input[-_]shape\s*=\s*[\(\[]?\s*([-\d,\s]*?)\s*[\)\]]?\s*$")
_INPUT_SHAPE_ANY = re.compile(r"#\s*convlint:\s*input[-_ ]?shapes?\b\s*(.*)$", re.IGNORECASE)


def _shape_in(line: str) -> tuple[int, ...] | None:
    comment = line[line.find("#"):] if "#" in line else ""
    match = _INPUT_SHAPE.search(comment)
    if match:
        dims = [p.strip() for p in match.group(1).split(",") if p.strip()]
        if dims and all(d.isdigit() and int(d) > 0 for d in dims):
            return tuple(int(d) for d in dims)
    return None


def _comment_lines_above(lines: list[str], class_line: int) -> list[int]:
    candidates = [class_line - 1]
    index = class_line - 2
    while index >= 0 and lines[index].lstrip().startswith(("#", "@")):
        candidates.append(index)
        index -= 1
    return [i for i in candidates if 0 <= i < len(lines)]


def input_shape_comment(lines: list[str], class_line: int) -> tuple[int, ...] | None:
    """`# convlint: input-shape=(1, 3, 224, 224)` on the class line or the comment lines above it."""
    found = input_shape_comment_at(lines, class_line)
    return found[0] if found is not None else None


def input_shape_comment_at(lines: list[str], class_line: int) -> tuple[tuple[int, ...], int] | None:
    """The same comment's shape and its line."""
    for index in _comment_lines_above(lines, class_line):
        shape = _shape_in(lines[index])
        if shape is not None:
            return shape, index + 1
    return None


def file_input_shape_comment(lines: list[str], class_lines: list[int]) -> tuple[tuple[int, ...], int] | None:
    """A `# convlint: input-shape=` comment on its own line, attached to no class: the input of
    every model of the file (that has none of its own). Returns the shape and its line."""
    attached = {i for line in class_lines for i in _comment_lines_above(lines, line)}
    for index, line in enumerate(lines):
        if index not in attached and line.lstrip().startswith("#"):
            shape = _shape_in(line)
            if shape is not None:
                return shape, index + 1
    return None


def unreadable_input_shape_comments(lines: list[str]) -> list[tuple[int, str]]:
    """(line, text) of `# convlint: input-shape...` comments that give no shape."""
    found = []
    for index, line in enumerate(lines):
        if "convlint" not in line or "#" not in line:
            continue
        comment = line[line.find("#"):]
        if _INPUT_SHAPE_ANY.search(comment) and _shape_in(line) is None:
            found.append((index + 1, comment.strip()))
    return found
