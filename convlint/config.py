"""[tool.convlint] in pyproject.toml + command-line flags -> one frozen Settings per file.

Precedence: defaults < the nearest pyproject.toml with [tool.convlint] (or --config) < flags.
An unknown key, rule code, severity or malformed shape is a ConfigError naming file and key."""

from __future__ import annotations

import fnmatch
import re
import sys
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path, PurePosixPath

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".venv", "venv", "__pycache__", "build", "dist", "node_modules",
                   ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".convlint_cache", ".eggs", "*.egg-info")
KEYS = {"select", "ignore", "extend-select", "per-file-ignores", "severity", "exclude", "extend-exclude",
        "input-shapes", "model-args"}
SEVERITIES = ("error", "warning", "info")


class ConfigError(Exception):
    """A configuration mistake; the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class Settings:
    input_shapes: dict = field(default_factory=dict)  # from --input-shape: model name ("" for all) -> dims
    config_shapes: dict = field(default_factory=dict)  # from input-shapes of the config, for this file
    select: frozenset | None = None  # codes or prefixes; None: every rule
    ignore: frozenset = frozenset()
    severity: dict = field(default_factory=dict)  # code -> severity override
    model: str | None = None
    exclude: tuple = DEFAULT_EXCLUDE
    warn_unused_ignores: bool = False
    root: Path | None = None  # the directory of the config file, for relative patterns
    model_args: dict = field(default_factory=dict)  # model -> (args, kwargs): how to build it, as given

    def selects(self, code: str) -> bool:
        if self.select is not None and not any(_matches(code, s) for s in self.select):
            return False
        return not any(_matches(code, i) for i in self.ignore)


@dataclass(frozen=True, slots=True)
class Overrides:
    """What the command line says; None means "not given" so the config decides."""

    input_shapes: dict = field(default_factory=dict)
    select: frozenset | None = None
    extend_select: frozenset = frozenset()
    ignore: frozenset = frozenset()
    model: str | None = None
    config: Path | None = None
    warn_unused_ignores: bool = False
    model_args: dict = field(default_factory=dict)


def _matches(code: str, selector: str) -> bool:
    return selector == "ALL" or code.startswith(selector)


def normalise_codes(values, where: str) -> frozenset:
    """Codes, prefixes (`CL1`), `ALL` or rule names (`linear-in-features`) -> codes/prefixes."""
    from convlint.rulespec import load_rules

    rules = load_rules()
    by_name = {spec.name: code for code, spec in rules.items()}
    out = set()
    for value in values:
        key = str(value).strip()
        if not key:
            continue
        if key in by_name:
            out.add(by_name[key])
        elif key.upper() == "ALL" or any(code.startswith(key.upper()) for code in rules):
            out.add(key.upper())
        else:
            raise ConfigError(f"{where}: unknown rule code or name {key!r}")
    return frozenset(out)


SHAPE = re.compile(r"^\d+$")


def parse_shape(value, where: str) -> tuple:
    """`[1, 3, 224, 224]` (or "1,3,224,224"); a forward taking several inputs: a list of them,
    `[[2, 3, 64, 64], [2, 3, 64, 64]]` (or "2,3,64,64;2,3,64,64")."""
    if isinstance(value, str) and ";" in value:
        return tuple(parse_shape(item, where) for item in value.split(";"))
    if isinstance(value, list) and len(value) > 1 and all(isinstance(item, (list, str)) for item in value) \
            and any(isinstance(item, list) or "," in item or "x" in item for item in value):
        return tuple(parse_shape(item, where) for item in value)
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], list):
        value = value[0]
    if isinstance(value, str):
        value = [p for p in re.split(r"[,x\s()\[\]]+", value) if p]
    if not isinstance(value, (list, tuple)) or not value:
        raise ConfigError(f"{where}: an input shape is a list of positive ints like [1, 3, 224, 224]")
    dims = []
    for item in value:
        if isinstance(item, str) and SHAPE.match(item):
            item = int(item)
        if isinstance(item, bool) or not isinstance(item, int) or item < 1:
            raise ConfigError(f"{where}: {item!r} is not a positive int in the input shape {value!r}")
        dims.append(item)
    return tuple(dims)


def find_config(start: Path) -> Path | None:
    """The nearest pyproject.toml with a [tool.convlint] table, searching upward."""
    directory = start if start.is_dir() else start.parent
    return _find_config(directory.resolve())


@lru_cache(maxsize=256)
def _find_config(directory: Path) -> Path | None:
    candidate = directory / "pyproject.toml"
    if candidate.is_file():
        try:
            text = candidate.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
        if "convlint" in text:
            try:
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError:
                return candidate  # broken, but meant for us: load_config reports it
            if "convlint" in data.get("tool", {}):
                return candidate
    return None if directory.parent == directory else _find_config(directory.parent)


@dataclass(frozen=True, slots=True)
class FileConfig:
    path: Path
    select: frozenset | None = None
    extend_select: frozenset = frozenset()
    ignore: frozenset = frozenset()
    per_file_ignores: tuple = ()
    severity: dict = field(default_factory=dict)
    exclude: tuple = DEFAULT_EXCLUDE
    input_shapes: tuple = ()  # ((file pattern or None, model), dims)
    model_args: tuple = ()  # (model, (args, kwargs))


@lru_cache(maxsize=64)
def load_config(path: Path) -> FileConfig:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot be read: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    table = data.get("tool", {}).get("convlint", {}) if path.name == "pyproject.toml" else \
        data.get("tool", {}).get("convlint", data)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.convlint] must be a table")
    where = f"{path}: [tool.convlint]"
    unknown = sorted(set(table) - KEYS)
    if unknown:
        raise ConfigError(f"{where} unknown key {unknown[0]!r} (known: {', '.join(sorted(KEYS))})")

    def codes(key: str) -> frozenset:
        value = table.get(key, [])
        if not isinstance(value, list):
            raise ConfigError(f"{where} {key} must be a list of rule codes")
        return normalise_codes(value, f"{where} {key}")

    def patterns(key: str) -> tuple:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where} {key} must be a list of glob patterns")
        return tuple(value)

    per_file = table.get("per-file-ignores", {})
    severity = table.get("severity", {})
    shapes = table.get("input-shapes", {})
    for key, value in (("per-file-ignores", per_file), ("severity", severity), ("input-shapes", shapes)):
        if not isinstance(value, dict):
            raise ConfigError(f"{where} {key} must be a table")
    severities = {}
    for code, level in severity.items():
        (normalised,) = normalise_codes([code], f"{where} severity") or (code,)
        if level not in SEVERITIES:
            raise ConfigError(f"{where} severity.{code} must be one of {', '.join(SEVERITIES)}, not {level!r}")
        severities[normalised] = level
    shape_entries = []
    for key, value in shapes.items():
        file_part, _, model = key.rpartition("::")
        shape_entries.append(((file_part or None, model), parse_shape(value, f"{where} input-shapes.{key!r}")))
    return FileConfig(
        path=path,
        select=codes("select") if "select" in table else None,
        extend_select=codes("extend-select"),
        ignore=codes("ignore"),
        per_file_ignores=tuple((pattern, normalise_codes(value if isinstance(value, list) else [value],
                                                           f"{where} per-file-ignores.{pattern!r}"))
                               for pattern, value in per_file.items()),
        severity=severities,
        exclude=(patterns("exclude") if "exclude" in table else DEFAULT_EXCLUDE) + patterns("extend-exclude"),
        input_shapes=tuple(shape_entries),
        model_args=tuple(_model_args_entries(table.get("model-args", []), where)),
    )


def _model_args_entries(value, where: str) -> list:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} model-args must be a list of calls such as 'VGG(\"VGG19\")'")
    out = []
    for text in value:
        try:
            out.append(parse_model_args(text))
        except ValueError as error:
            raise ConfigError(f"{where} model-args: {error}") from None
    return out


# nn.Module methods that return the module itself (torch/nn/modules/module.py)
MODULE_METHODS_RETURNING_SELF = frozenset(
    "eval train to cuda cpu xpu ipu mtia float double half bfloat16 type to_empty requires_grad_ share_memory "
    "apply".split())


def parse_model_args(text: str) -> tuple[str, tuple]:
    """`VGG("VGG19")`, `UNet(n_channels=3, n_classes=2)`, `ResNet(BasicBlock, [2, 2, 2, 2])` ->
    (model, (args, kwargs)), `Net.from_name("b0")` -> (model, (args, kwargs, "from_name")): literals; bare names for classes or functions of the file; any other
    expression (`list(zip([64, 128], [256, 64]))`) as its source, evaluated statically in the file."""
    import ast

    try:
        call = ast.parse(text.strip(), mode="eval").body
    except SyntaxError:
        call = None
    # `PSMNet(192).eval()`, `Net(3).to(device)`, `Net().cuda()`: nn.Module's methods that return the
    # module itself, as a script builds it; the model is the call they are chained on
    while isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) \
            and call.func.attr in MODULE_METHODS_RETURNING_SELF and isinstance(call.func.value, ast.Call):
        call = call.func.value
    # `EfficientNet.from_name('efficientnet-b0')`: the model built by a classmethod of its class
    # (`net.Net(1)`, a class of a module, is none: a method named as a class is not taken for one)
    factory = call.func.attr if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) \
        and isinstance(call.func.value, ast.Name) and not call.func.attr[:1].isupper() else None
    if not isinstance(call, ast.Call) or not (isinstance(call.func, ast.Name) or factory is not None) \
            or any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        raise ValueError(f"{text!r} is not a call such as VGG(\"VGG19\"), UNet(n_channels=3) or "
                         "EfficientNet.from_name(\"efficientnet-b0\")")

    def value(node):
        if isinstance(node, ast.Name):
            return ("$name", node.id)
        try:
            return ast.literal_eval(node)
        except ValueError:
            return ("$expr", ast.unparse(node))

    arguments = (tuple(value(a) for a in call.args), tuple((k.arg, value(k.value)) for k in call.keywords))
    if factory is not None:
        return call.func.value.id, (*arguments, factory)
    return call.func.id, arguments


def is_excluded(path: Path, settings: Settings) -> bool:
    """A path is excluded when one of its parts, or its path relative to the config, matches."""
    parts = path.parts
    relative = _relative(path, settings.root)
    for pattern in settings.exclude:
        if any(fnmatch.fnmatch(part, pattern) for part in parts):
            return True
        if relative is not None and (fnmatch.fnmatch(relative, pattern) or
                                     fnmatch.fnmatch(relative, pattern.rstrip("/") + "/*")):
            return True
    return False


def _relative(path: Path, root: Path | None) -> str | None:
    if root is None:
        return None
    try:
        return PurePosixPath(path.resolve().relative_to(root)).as_posix()
    except ValueError:
        return None


def clear_caches() -> None:
    """Forget configuration read before: each run reads the files as they are now."""
    _find_config.cache_clear()
    load_config.cache_clear()


def settings_for(path: Path | None, overrides: Overrides) -> Settings:
    """The settings of one file: its config (if any) with the command line on top."""
    config_path = overrides.config or (find_config(path) if path is not None else find_config(Path.cwd()))
    base = Settings(input_shapes=overrides.input_shapes, select=overrides.select, ignore=overrides.ignore,
                    model=overrides.model, warn_unused_ignores=overrides.warn_unused_ignores,
                    model_args=overrides.model_args)
    if config_path is None:
        if overrides.extend_select and base.select is not None:
            base = replace(base, select=base.select | overrides.extend_select)
        return base
    config = load_config(config_path)
    root = config_path.parent.resolve()
    relative = _relative(path, root) if path is not None else None
    select = overrides.select if overrides.select is not None else config.select
    extend = config.extend_select | overrides.extend_select
    if extend:
        select = (select if select is not None else frozenset({"ALL"})) | extend
    ignore = config.ignore | overrides.ignore
    for pattern, codes in config.per_file_ignores:
        if relative is not None and (fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(path.name, pattern)):
            ignore |= codes
    shapes = {}
    for (file_pattern, model), dims in config.input_shapes:
        if file_pattern is None or (relative is not None and fnmatch.fnmatch(relative, file_pattern)):
            shapes[model] = dims
    return replace(base, select=select, ignore=ignore, severity=config.severity, exclude=config.exclude,
                   config_shapes=shapes, root=root, model_args={**dict(config.model_args), **overrides.model_args})
