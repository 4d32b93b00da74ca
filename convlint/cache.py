"""Per-file results kept between runs. A leaf: imports no pipeline stage, neither libcst nor torch.

A result is reused only while everything it was computed from is unchanged: the file's bytes,
its path as shown, the settings that apply to it, the report it was made for (JSON lists
models), convlint's own code and rules, the bytes of every project file its analysis
imported or read for input sizes, and which Python files the folders searched for those hold
(checked on each reuse). Anything else is a miss, never a stale finding."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import stat
import tempfile
from pathlib import Path

from convlint import __version__

CACHE_DIR_NAME = ".convlint_cache"
MAX_CACHED_BYTES = 10_000_000  # larger files are refused by the parser anyway


def default_directory() -> Path:
    return Path(os.environ.get("CONVLINT_CACHE_DIR") or CACHE_DIR_NAME)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_regular(path: Path) -> bytes | None:
    """The bytes of a regular file of reasonable size; None for anything else (a FIFO would block)."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_CACHED_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


LISTING = "*.py"  # an entry `folder/*.py`: the names of the Python files (and notebooks) the folder holds


def _fingerprint(name: str) -> bytes | None:
    """What a result depends on in a file: its bytes; in a folder (`folder/*.py`, listed by the
    search for other files that feed a model its input): which Python files and notebooks it holds."""
    path = Path(name)
    if path.name != LISTING:
        return _read_regular(path)
    try:
        return "\n".join(sorted(n for n in os.listdir(path.parent) if n.endswith((".py", ".ipynb")))).encode()
    except OSError:
        return None


def _code_stamp() -> str:
    """convlint's own sources and rules, by name, size and modification time: an edited rule or
    check in a development install invalidates what it computed."""
    package = Path(__file__).parent
    rules = package / "_rules" if (package / "_rules").is_dir() else package.parent / "rules"
    parts = [__version__]
    for path in sorted([*package.rglob("*.py"), *rules.glob("*.toml")]):
        try:
            info = path.stat()
        except OSError:
            continue
        parts.append(f"{path.relative_to(package.parent)}:{info.st_size}:{info.st_mtime_ns}")
    return _digest("\n".join(parts).encode())


def settings_fingerprint(settings) -> str:
    """The settings as canonical text: sets sorted, so the key does not depend on hash seeds."""

    def plain(value):
        if isinstance(value, (set, frozenset)):
            return sorted(plain(v) for v in value)
        if isinstance(value, dict):
            return sorted((str(k), plain(v)) for k, v in value.items())
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        return value if isinstance(value, (int, float, str, bool, type(None))) else str(value)

    fields = getattr(type(settings), "__dataclass_fields__", {})
    return json.dumps({name: plain(getattr(settings, name)) for name in sorted(fields)})


class ResultCache:
    """Pickled per-file results under `directory/v<version>/`, one file per key."""

    def __init__(self, directory: Path) -> None:
        self.root = directory
        self.directory = directory / f"v{__version__}"
        self.stamp = _code_stamp()
        self.hits = 0
        self.misses = 0

    def key(self, path: Path, display: str, settings, with_models: bool) -> str | None:
        data = _read_regular(path)
        if data is None:
            return None
        head = "\0".join([self.stamp, display, settings_fingerprint(settings), str(with_models)])
        return _digest(head.encode() + b"\0" + data)

    def get(self, key: str):
        try:
            with open(self._path(key), "rb") as handle:
                entry = pickle.load(handle)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            self.misses += 1
            return None
        for imported, digest in entry["imports"].items():
            data = _fingerprint(imported)
            if (data is None and digest is not None) or (data is not None and _digest(data) != digest):
                self.misses += 1
                return None
        self.hits += 1
        return entry["result"]

    def put(self, key: str, result, imported: list[str]) -> None:
        imports = {}
        for name in imported:
            data = _fingerprint(name)
            imports[name] = None if data is None else _digest(data)
        try:
            target = self._path(key)
            target.parent.mkdir(parents=True, exist_ok=True)
            self._mark_root()
            handle, scratch = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            with os.fdopen(handle, "wb") as out:
                pickle.dump({"imports": imports, "result": result}, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(scratch, target)  # atomic: parallel runs (pre-commit) never read half an entry
        except OSError:
            pass  # a read-only tree still lints; it just does not cache

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / key[2:]

    def _mark_root(self) -> None:
        """Like other tools' caches: ignored by git, and tagged for backup tools."""
        ignore = self.root / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# created by convlint\n*\n")
            (self.root / "CACHEDIR.TAG").write_text(
                "Signature: 8a477f597d28d172789f06886806bc55\n# created by convlint: https://bford.info/cachedir/\n")
