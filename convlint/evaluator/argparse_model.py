"""argparse as model scripts use it: `opt = parser.parse_args()` read at module level.

Nothing is parsed: run with no arguments, a parser gives the defaults it declares, and that
is what the analysis takes (saying so). Anything else (a required option, a positional, a
default computed from what is not known) stays Unknown."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from convlint.diagnostics import Span
from convlint.values import Unknown

_CONVERTERS = {"int": int, "float": float, "str": str}


@dataclass(eq=False, slots=True)
class ArgumentParser:
    defaults: dict[str, tuple[Any, Span | None, str]] = field(default_factory=dict)  # dest -> (value, where, flag)
    exact: bool = True  # every add_argument understood: an undeclared attribute is no attribute


@dataclass(eq=False, slots=True)
class Namespace:
    """parse_args()'s result: each option's default, with where it was declared."""

    values: dict[str, tuple[Any, Span | None, str]]
    exact: bool


def add_argument(parser: ArgumentParser, args: list, kwargs: dict, where: Span | None) -> None:
    flags = [a for a in args if isinstance(a, str)]
    if len(flags) != len(args) or not flags:
        parser.exact = False
        return
    long_flags = [f for f in flags if f.startswith("--")]
    dest = kwargs.get("dest")
    if not isinstance(dest, str):
        name = (long_flags[0] if long_flags else flags[0]).lstrip("-")
        dest = name.replace("-", "_")
    action = kwargs.get("action")
    if not flags[0].startswith("-") or kwargs.get("required") is True:
        value: Any = Unknown(f"{dest} is given on the command line")
    elif action == "store_true":
        value = kwargs.get("default", False)
    elif action == "store_false":
        value = kwargs.get("default", True)
    elif action not in (None, "store"):
        value = Unknown(f"{dest} has action {action!r}")
    else:
        value = kwargs.get("default")
        kind = kwargs.get("type")
        converter = _CONVERTERS.get(getattr(kind, "name", ""))
        if isinstance(value, str) and converter is not None:  # argparse converts a string default
            try:
                value = converter(value)
            except ValueError:
                value = Unknown(f"the default of {dest}")
        if "nargs" in kwargs and not isinstance(value, (list, tuple)) and value is not None:
            value = Unknown(f"{dest} takes several values")
    parser.defaults[dest] = (value, where, long_flags[0] if long_flags else flags[0])


def parser_method(parser: ArgumentParser, name: str, args: list, kwargs: dict, where: Span | None) -> Any:
    if name == "add_argument":
        add_argument(parser, args, kwargs, where)
        return None
    if name in ("add_argument_group", "add_mutually_exclusive_group"):
        return parser  # a group adds to the parser's own namespace
    if name == "set_defaults":
        for dest, value in kwargs.items():
            parser.defaults[dest] = (value, where, f"set_defaults({dest}=...)")
        return None
    if name in ("parse_args", "parse_known_args"):
        if args or kwargs:
            return Unknown("arguments parsed from a given list")
        namespace = Namespace(dict(parser.defaults), parser.exact)
        return namespace if name == "parse_args" else (namespace, [])
    if name in ("add_subparsers", "parse_intermixed_args"):
        parser.exact = False
    return Unknown(f"ArgumentParser.{name}")


def namespace_attribute(namespace: Namespace, name: str) -> tuple[Any, str | None]:
    """The option's value and, when taken from a default, the assumption to report."""
    if name not in namespace.values:
        return Unknown(f"option {name} is not declared where convlint can see it"), None
    value, where, flag = namespace.values[name]
    if isinstance(value, Unknown):
        return value, None
    line = f" (line {where.line})" if where is not None else ""
    return value, f"{name} = {value!r}: the default of {flag}{line}, as when run with no arguments"
