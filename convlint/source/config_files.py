"""Source stage: the configuration files a script loads (`yaml.safe_load(open("config.yaml"))`,
`json.load(f)`), read as data: JSON with the standard library, YAML with a parser of the subset
configuration files use (block mappings and sequences by indentation, one-line flow lists and
dicts, scalars, comments). A file with anything outside that subset (anchors, tags, block
scalars, several documents) is not read at all: a value half understood would be a wrong size.
Nothing is imported or run; each line a value comes from is kept, for messages."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

MAX_CONFIG_BYTES = 1_000_000
YAML_SUFFIXES = (".yaml", ".yml")
JSON_SUFFIXES = (".json",)
# the loaders of configuration files, by what they parse: their data is read, never run
CONFIG_LOADERS = {"yaml.safe_load": "yaml", "yaml.load": "yaml", "yaml.full_load": "yaml", "yaml.unsafe_load": "yaml",
                  "json.load": "json", "json.loads": "json"}

_LOADED: dict[tuple, "Loaded | str"] = {}  # (path, mtime, size) -> the file's data, or why it is not read


class Unsupported(ValueError):
    """YAML outside the subset read here (or not YAML at all)."""


@dataclass(eq=False, slots=True)
class Loaded:
    """A configuration file's data: `value` as the loader returns it (dicts, lists, scalars), the
    line of each entry by its path of keys and indices, and the file's name for messages."""

    value: object
    lines: dict
    name: str

    def where(self, keys: tuple) -> str:
        line = self.lines.get(tuple(keys))
        return f"{self.name}:{line}" if line is not None else self.name


def load_config(path: Path, name: str | None = None) -> Loaded | str:
    """The data of the YAML or JSON file at `path`, or why it is not read (missing, too large, not
    text, not understood whole); read once per version of the file."""
    name = name or path.name
    try:
        info = path.stat()
    except OSError:
        return f"{name} is not there"
    stamp = (path, info.st_mtime_ns, info.st_size)
    if stamp not in _LOADED:
        _LOADED[stamp] = _read(path, name) if info.st_size <= MAX_CONFIG_BYTES else f"{name} is too large to read"
    return _LOADED[stamp]


def _read(path: Path, name: str) -> Loaded | str:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return f"{name} is not UTF-8 text"
    try:
        if path.suffix.lower() in JSON_SUFFIXES:
            return Loaded(json.loads(text), json_lines(text), name)
        value, lines = parse_yaml(text)
        return Loaded(value, lines, name)
    except Unsupported as error:
        return f"{name} holds YAML not read here ({error})"
    except (ValueError, RecursionError):
        return f"{name} is not valid {'JSON' if path.suffix.lower() in JSON_SUFFIXES else 'YAML'}"


def json_lines(text: str) -> dict:
    """Each entry's line in a JSON text: what json.loads builds, with positions (a small
    decoder of its own would duplicate the standard one; this walks its tokens instead)."""
    lines: dict = {}
    decoder = json.JSONDecoder()
    starts = [0]
    starts += [m.end() for m in re.finditer("\n", text)]

    def line_at(index: int) -> int:
        low, high = 0, len(starts) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if starts[middle] <= index:
                low = middle
            else:
                high = middle - 1
        return low + 1

    def skip(index: int) -> int:
        while index < len(text) and text[index] in " \t\r\n":
            index += 1
        return index

    def walk(index: int, path: tuple) -> int:
        index = skip(index)
        lines[path] = line_at(index)
        if text[index] == "{":
            index = skip(index + 1)
            if text[index] == "}":
                return index + 1
            while True:
                key, index = decoder.raw_decode(text, skip(index))
                index = skip(index)
                if text[index] != ":":
                    raise ValueError("bad JSON")
                index = walk(index + 1, (*path, key))
                index = skip(index)
                if text[index] == "}":
                    return index + 1
                index += 1  # ","
        if text[index] == "[":
            index = skip(index + 1)
            if text[index] == "]":
                return index + 1
            position = 0
            while True:
                index = skip(walk(index, (*path, position)))
                position += 1
                if text[index] == "]":
                    return index + 1
                index += 1
        _, end = decoder.raw_decode(text, index)
        return end

    try:
        walk(0, ())
    except (ValueError, IndexError):
        return {}
    return lines


# --- YAML: the scalars as PyYAML's (YAML 1.1) resolver types them
_BOOL = re.compile(r"^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_INT = re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$")
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
_FLOAT = re.compile(r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
                    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")
_TIMESTAMP = re.compile(r"^[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?")
_INDICATORS = set("&*!|>%@`{[]},#'\"")  # a plain scalar may not start with these (some need YAML not read here)
_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", '"': '"', "/": "/", "0": "\0", "r": "\r", " ": " "}


def plain_scalar(text: str) -> object:
    """An unquoted scalar as PyYAML types it: bool (yes/no/on/off too), None, int, float or str."""
    if _BOOL.match(text):
        return text.lower() in ("yes", "true", "on")
    if _NULL.match(text):
        return None
    if _SEXAGESIMAL.match(text) or _TIMESTAMP.match(text) or text in ("=", "<<"):
        raise Unsupported(f"a scalar of a kind not read: {text}")
    if _INT.match(text):
        digits = text.replace("_", "")
        sign = -1 if digits.startswith("-") else 1
        digits = digits.lstrip("+-")
        if digits.startswith("0b"):
            return sign * int(digits[2:], 2)
        if digits.startswith("0x"):
            return sign * int(digits[2:], 16)
        if digits != "0" and digits.startswith("0"):
            return sign * int(digits, 8)
        return sign * int(digits)
    if _FLOAT.match(text):
        lowered = text.replace("_", "").lower()
        if lowered.endswith(".inf"):
            return -math.inf if lowered.startswith("-") else math.inf
        if lowered.endswith(".nan"):
            return math.nan
        return float(lowered)
    return text


@dataclass(slots=True)
class _Line:
    number: int  # 1-based
    indent: int
    text: str  # without indentation and comment


def parse_yaml(text: str) -> tuple[object, dict]:
    """(the value, {path of keys and indices: line}) of one YAML document in the subset read
    here; Unsupported for anything else."""
    lines = _lines(text)
    found: dict = {}
    if not lines:
        return None, found
    value, index = _block(lines, 0, lines[0].indent, (), found)
    if index != len(lines):
        raise Unsupported("text after the document")
    return value, found


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    started = False
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = _without_comment(raw).rstrip()
        if not stripped.strip():
            continue
        body = stripped.lstrip(" ")
        if body.startswith("\t") or stripped.startswith("\t"):
            raise Unsupported("a tab in the indentation")
        indent = len(stripped) - len(body)
        if indent == 0 and body.startswith("%"):
            raise Unsupported("a directive")
        if indent == 0 and (body == "---" or body.startswith("--- ")):
            if started or body != "---":
                raise Unsupported("several documents, or content after ---")
            started = True
            continue
        if indent == 0 and body == "...":
            raise Unsupported("a document end marker")
        started = True
        out.append(_Line(number, indent, body))
    return out


def _without_comment(raw: str) -> str:
    """The line before its comment: a `#` at its start or after a space, outside quotes."""
    quote = None
    index = 0
    while index < len(raw):
        char = raw[index]
        if quote is not None:
            if char == "\\" and quote == '"':
                index += 2
                continue
            if char == quote:
                if quote == "'" and raw[index + 1:index + 2] == "'":
                    index += 2
                    continue
                quote = None
        elif char in "'\"" and (index == 0 or raw[index - 1] in " \t:-[{,"):
            quote = char
        elif char == "#" and (index == 0 or raw[index - 1] in " \t"):
            return raw[:index]
        index += 1
    if quote is not None:
        raise Unsupported("a quoted scalar over several lines")
    return raw


def _is_item(body: str) -> bool:
    return body == "-" or body.startswith("- ")


def _block(lines: list[_Line], index: int, indent: int, path: tuple, found: dict) -> tuple[object, int]:
    """The block mapping or sequence whose lines start at `index`, indented by `indent`."""
    if _is_item(lines[index].text):
        return _sequence(lines, index, indent, path, found)
    return _mapping(lines, index, indent, path, found)


def _sequence(lines, index, indent, path, found) -> tuple[list, int]:
    items: list = []
    while index < len(lines) and lines[index].indent == indent and _is_item(lines[index].text):
        line = lines[index]
        here = (*path, len(items))
        found[here] = line.number
        rest = line.text[1:].lstrip(" ")
        if not rest:  # `-` alone: the item is the block below it
            index += 1
            if index < len(lines) and lines[index].indent > indent:
                value, index = _block(lines, index, lines[index].indent, here, found)
            else:
                value = None
        elif _is_item(rest) or _key_split(rest) is not None:
            # `- name: a` (a mapping whose first key shares the dash's line), `- - 1`
            inner = indent + (len(line.text) - len(rest))
            shifted = [_Line(line.number, inner, rest)]
            follow = index + 1
            while follow < len(lines) and lines[follow].indent > indent:
                shifted.append(lines[follow])
                follow += 1
            value, used = _block(shifted, 0, inner, here, found)
            if used != len(shifted):
                raise Unsupported("an item's lines misaligned")
            index = follow
        else:
            value = _inline(rest, line.number)
            index += 1
            _no_continuation(lines, index, indent)
        items.append(value)
    if index < len(lines) and lines[index].indent > indent:
        raise Unsupported("a line indented under a sequence item")
    return items, index


def _mapping(lines, index, indent, path, found) -> tuple[dict, int]:
    entries: dict = {}
    while index < len(lines) and lines[index].indent == indent:
        line = lines[index]
        split = _key_split(line.text)
        if split is None:
            raise Unsupported(f"line {line.number}: not a key and value")
        key_text, rest = split
        key = _key(key_text, line.number)
        here = (*path, key)
        found[here] = line.number
        index += 1
        if rest:
            value = _inline(rest, line.number)
            _no_continuation(lines, index, indent)
        elif index < len(lines) and lines[index].indent > indent:
            value, index = _block(lines, index, lines[index].indent, here, found)
        elif index < len(lines) and lines[index].indent == indent and _is_item(lines[index].text):
            value, index = _sequence(lines, index, indent, here, found)  # `key:` then `- a` unindented
        else:
            value = None
        entries[key] = value
    if index < len(lines) and lines[index].indent > indent:
        raise Unsupported(f"line {lines[index].number}: indented under no key")
    return entries, index


def _no_continuation(lines, index, indent) -> None:
    """A scalar on a key's line is the whole value: a more indented line after it would continue
    a plain scalar over lines, not read here."""
    if index < len(lines) and lines[index].indent > indent:
        raise Unsupported(f"line {lines[index].number}: a value over several lines")


def _key_split(body: str) -> tuple[str, str] | None:
    """`key: value` -> (key, value), the key maybe quoted; None where the line is no such entry."""
    if body.startswith(("'", '"')):
        end = _quoted_end(body, 0)
        if end is None:
            return None
        after = body[end:]
        if after == ":" or after.startswith(": "):
            return body[:end], after[1:].strip()
        return None
    if body[:1] in _INDICATORS or body.startswith("? "):
        if body.startswith("? "):
            raise Unsupported("a complex key")
        return None
    match = re.search(r":(?: |$)", body)
    if match is None:
        return None
    return body[:match.start()].rstrip(), body[match.end():].strip()


def _key(text: str, number: int) -> object:
    if text.startswith(("'", '"')):
        return _quoted(text, number)
    if not text:
        raise Unsupported(f"line {number}: an empty key")
    return plain_scalar(text)


def _quoted_end(text: str, start: int) -> int | None:
    quote = text[start]
    index = start + 1
    while index < len(text):
        if quote == '"' and text[index] == "\\":
            index += 2
            continue
        if text[index] == quote:
            if quote == "'" and text[index + 1:index + 2] == "'":
                index += 2
                continue
            return index + 1
        index += 1
    return None


def _quoted(text: str, number: int) -> str:
    if text[0] == "'":
        return text[1:-1].replace("''", "'")
    out = []
    index = 1
    while index < len(text) - 1:
        char = text[index]
        if char == "\\":
            escape = text[index + 1]
            if escape not in _ESCAPES:
                raise Unsupported(f"line {number}: an escape not read: \\{escape}")
            out.append(_ESCAPES[escape])
            index += 2
            continue
        out.append(char)
        index += 1
    return "".join(out)


def _inline(text: str, number: int) -> object:
    """A value on one line: a quoted or plain scalar, or a flow list or dict closed on the line."""
    if text[0] in "[{":
        value, end = _flow(text, 0, number)
        if text[end:].strip():
            raise Unsupported(f"line {number}: text after a flow collection")
        return value
    if text[0] in "'\"":
        end = _quoted_end(text, 0)
        if end is None or text[end:].strip():
            raise Unsupported(f"line {number}: text after a quoted scalar")
        return _quoted(text, number)
    if text[0] in _INDICATORS or text.startswith(("- ", "? ")) or ": " in text or text.endswith(":") \
            or " #" in text:
        raise Unsupported(f"line {number}: a value not read: {text}")
    return plain_scalar(text)


def _flow(text: str, index: int, number: int) -> tuple[object, int]:
    """A flow list `[1, 2]` or dict `{a: 1}` starting at `index`: (its value, the index after it)."""
    closing = "]" if text[index] == "[" else "}"
    is_list = closing == "]"
    out_list: list = []
    out_dict: dict = {}
    index += 1
    while True:
        index = _skip_spaces(text, index)
        if index >= len(text):
            raise Unsupported(f"line {number}: a flow collection over several lines")
        if text[index] == closing:
            return (out_list if is_list else out_dict), index + 1
        if is_list:
            value, index = _flow_value(text, index, number)
            index = _skip_spaces(text, index)
            if index < len(text) and text[index] == ":":
                raise Unsupported(f"line {number}: a mapping inside a flow list")
            out_list.append(value)
        else:
            key, index = _flow_value(text, index, number, key=True)
            index = _skip_spaces(text, index)
            if index < len(text) and text[index] == ":":
                value, index = _flow_value(text, _skip_spaces(text, index + 1), number)
            else:
                value = None
            out_dict[key] = value
        index = _skip_spaces(text, index)
        if index < len(text) and text[index] == ",":
            index += 1
        elif index >= len(text) or text[index] != closing:
            raise Unsupported(f"line {number}: a flow collection not read")


def _flow_value(text: str, index: int, number: int, key: bool = False) -> tuple[object, int]:
    if index >= len(text):
        raise Unsupported(f"line {number}: a flow collection over several lines")
    char = text[index]
    if char in "[{":
        if key:
            raise Unsupported(f"line {number}: a collection as a key")
        return _flow(text, index, number)
    if char in "'\"":
        end = _quoted_end(text, index)
        if end is None:
            raise Unsupported(f"line {number}: a quoted scalar not closed")
        return _quoted(text[index:end], number), end
    if char in _INDICATORS:
        raise Unsupported(f"line {number}: a value not read in a flow collection")
    end = index
    while end < len(text) and text[end] not in ",[]{}" and not (
            text[end] == ":" and (end + 1 == len(text) or text[end + 1] in " ,]}")):
        end += 1
    word = text[index:end].strip()
    if not word:
        raise Unsupported(f"line {number}: an empty entry in a flow collection")
    return plain_scalar(word), end


def _skip_spaces(text: str, index: int) -> int:
    while index < len(text) and text[index] == " ":
        index += 1
    return index
