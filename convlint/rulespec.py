"""rules/*.toml -> RuleSpec: the single source of each rule's code, name, severity and words."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@dataclass(frozen=True, slots=True)
class RuleSpec:
    code: str
    name: str
    severity: str
    summary: str
    message: str
    why: str = ""
    fix: str | None = None
    messages: dict = field(default_factory=dict)  # variants of `message`, by name
    fixes: dict = field(default_factory=dict)
    example: str = ""
    use_instead: str = ""
    invalid: tuple = ()
    valid: tuple = ()
    path: str = ""

    def render(self, values: dict, variant: str | None = None) -> tuple[str, str | None]:
        template = self.messages.get(variant, self.message) if variant else self.message
        fix = self.fixes.get(variant, self.fix) if variant else self.fix
        return template.format(**values), (fix.format(**values) if fix else None)


def rules_dir() -> Path:
    """Installed wheels carry the rules as convlint/_rules; a source checkout has ./rules."""
    packaged = Path(__file__).with_name("_rules")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"


@lru_cache(maxsize=1)
def load_rules() -> dict[str, RuleSpec]:
    specs: dict[str, RuleSpec] = {}
    for path in sorted(rules_dir().glob("CL*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        specs[data["code"]] = RuleSpec(
            code=data["code"], name=data["name"], severity=data["severity"], summary=data["summary"],
            message=data.get("message", "{message}"), why=data.get("why", ""), fix=data.get("fix"),
            messages=data.get("messages", {}), fixes=data.get("fixes", {}), example=data.get("example", ""),
            use_instead=data.get("use-instead", ""), invalid=tuple(data.get("invalid", ())),
            valid=tuple(data.get("valid", ())), path=str(path),
        )
    return specs


def rule_by_code_or_name(key: str) -> RuleSpec | None:
    rules = load_rules()
    if key.upper() in rules:
        return rules[key.upper()]
    return next((r for r in rules.values() if r.name == key), None)


def rules_table_markdown() -> str:
    """The README's rules table, generated so it cannot go stale (a test compares them)."""
    rows = ["| code | name | severity | what it catches |", "|---|---|---|---|"]
    for spec in load_rules().values():
        rows.append(f"| {spec.code} | `{spec.name}` | {spec.severity} | {spec.summary} |")
    return "\n".join(rows)
