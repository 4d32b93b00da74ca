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
    """parse_args()'s result, or a project's options object bound to a model's `args` parameter:
    each option's value, with how it was set (said when the analysis takes it)."""

    attrs: dict[str, Any]
    origins: dict[str, str]  # option -> "the default of --n_feats (line 40)", "set on line 98"
    exact: bool
    missed: set[str] = field(default_factory=set)  # attributes read that it does not have
    reads: int = 0  # attributes read: an object only handed on is no options object of the model


def parser_with_parents(parents: Any) -> ArgumentParser:
    """`ArgumentParser(parents=[base_parser()])`: a parser that starts with its parents' options;
    a parent not understood leaves what it declares unknown."""
    parser = ArgumentParser()
    if not isinstance(parents, (list, tuple)):
        parser.exact = False
        return parser
    for parent in parents:
        if not isinstance(parent, ArgumentParser):
            parser.exact = False
            parser.defaults.clear()
            return parser
        parser.defaults.update(parent.defaults)
        parser.exact = parser.exact and parent.exact
    return parser


def namespace_of(parser: ArgumentParser) -> Namespace:
    attrs = {dest: value for dest, (value, _, _) in parser.defaults.items()}
    origins = {dest: f"the default of {flag}" + (f" (line {where.line})" if where is not None else "")
               for dest, (_, where, flag) in parser.defaults.items()}
    return Namespace(attrs, origins, parser.exact)


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
        given = list(args) + [v for k, v in kwargs.items() if k == "args"]
        if len(args) > 1 or set(kwargs) - {"args"} or any(not _no_arguments(v) for v in given):
            return Unknown("arguments parsed from a given list")
        namespace = namespace_of(parser)
        return namespace if name == "parse_args" else (namespace, [])
    if name in ("add_subparsers", "parse_intermixed_args"):
        parser.exact = False
    return Unknown(f"ArgumentParser.{name}")


def _no_arguments(value: Any) -> bool:
    """`parse_args([])`, `parse_args(args=[])`: an empty list parses to the declared defaults, as a
    run with no options does."""
    return type(value) in (list, tuple) and len(value) == 0


def namespace_attribute(namespace: Namespace, name: str) -> tuple[Any, str | None]:
    """The option's value and, when taken from a default, the assumption to report."""
    namespace.reads += 1
    if name not in namespace.attrs:
        namespace.missed.add(name)
        return Unknown(f"option {name} is not declared where convlint can see it"), None
    value = namespace.attrs[name]
    if isinstance(value, Unknown):
        return value, None
    return value, f"{name} = {value!r}: {namespace.origins.get(name, 'set in the code')}, as when run with no arguments"


def spoil(namespace: Namespace, why: str) -> None:
    """Changed by code not followed: every option unknown, an undeclared one perhaps set."""
    namespace.attrs = {key: Unknown(why) for key in namespace.attrs}
    namespace.exact = False


def set_option(namespace: Namespace, name: str, value: Any, where: Span | None) -> None:
    """`args.scale = list(map(int, args.scale.split('+')))` after parsing, or in a function given args."""
    namespace.attrs[name] = value
    place = f" of {where.file}" if where is not None and where.file else ""
    namespace.origins[name] = f"set on line {where.line}{place}" if where is not None else "set in the code"


class OptionsView(dict):
    """vars(args): a dict of the namespace's options; the interpreter writes an item set on it
    (`vars(args)[arg] = True`) through to the namespace."""

    def __init__(self, namespace: Namespace, where: Span | None) -> None:
        super().__init__(namespace.attrs)
        self.namespace, self.where = namespace, where
