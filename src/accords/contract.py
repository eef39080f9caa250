"""The JSON Schema of the output contract (the records of `accords extract --format jsonl`,
printed by `accords schema`), generated from the dataclasses of accords.model: their
fields, less model.INTERNAL, are the one definition of what an extraction holds."""

from __future__ import annotations

import ast
import enum
import functools
import types
import typing
from datetime import date
from pathlib import Path
from typing import Any

from accords import model
from accords.model import OPTIONAL, output_fields

_CODE = {"type": "string", "pattern": "^[A-Z]{3}$"}  # ISO 3166-1 alpha-3
# what a field holds beyond its Python type, by name: the codes and lists of SCHEMA.md
_BY_NAME: dict[str, dict[str, Any]] = {
    "countries": _CODE,
    "by": _CODE,
    "to": _CODE,
    "country": _CODE,
    "domains": {"type": "string", "enum": list(model.DOMAINS)},
    "date": {"type": "string", "pattern": r"^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}-\d{2})$"},
    "published": {"type": "string", "format": "date"},
}
_PLAIN: dict[Any, dict[str, Any]] = {
    int: {"type": "integer"},
    float: {"type": "number"},
    date: {"type": "string", "format": "date"},
}


def json_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of one line of `accords extract --format jsonl`."""
    definitions: dict[str, Any] = {}

    def of(hint: Any, name: str) -> dict[str, Any]:
        origin, arguments = typing.get_origin(hint), typing.get_args(hint)
        if origin in (typing.Union, types.UnionType):
            (inner,) = (a for a in arguments if a is not type(None))
            return {"anyOf": [of(inner, name), {"type": "null"}]}
        if origin in (list, tuple):
            return {"type": "array", "items": of(arguments[0], name)}
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            return {"type": "string", "enum": [member.value for member in hint]}
        if hint is str:
            return _BY_NAME.get(name, {"type": "string"})
        if hint in _PLAIN:
            return _PLAIN[hint]
        if hint.__name__ not in definitions:
            definitions[hint.__name__] = {}  # taken before its fields, for a record in itself
            definitions[hint.__name__] = obj(hint)
        return {"$ref": f"#/$defs/{hint.__name__}"}

    def obj(record: type) -> dict[str, Any]:
        about, hints = declared()[record.__name__]
        fields = output_fields(record)
        about = " ".join(about.split("\n\n")[0].split())
        described = {"description": about} if about else {}
        return {
            "type": "object",
            **described,
            "properties": {name: of(hints[name], name) for name in fields},
            "required": [name for name in fields if name not in OPTIONAL],
            "additionalProperties": False,
        }

    top = obj(model.Extraction)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "accords extraction",
        **top,
        "$defs": definitions,
    }


@functools.cache
def declared() -> dict[str, tuple[str, dict[str, Any]]]:
    """Each class of accords.model by name: its docstring and type hints, as model.py
    writes them. Read from the source, not the classes: the compiled build (setup.py)
    keeps no docstrings and only the outer class of a hint (`list[Actor]` reads `list`,
    `str | None` reads `type`), and it installs model.py beside the compiled module."""
    tree = ast.parse(Path(model.__file__).with_name("model.py").read_text(encoding="utf-8"))
    found: dict[str, tuple[str, dict[str, Any]]] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            written = {
                line.target.id: ast.unparse(line.annotation)
                for line in node.body
                if isinstance(line, ast.AnnAssign) and isinstance(line.target, ast.Name)
            }
            shell = type(node.name, (), {"__annotations__": written})
            hints = typing.get_type_hints(shell, vars(model))
            found[node.name] = (ast.get_docstring(node) or "", hints)
    return found
