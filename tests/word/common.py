"""What the Word layout tests share: loading a layout module, the imported YAML as plain
data, and a field of it by path ('faser[1].milepæle[0].dato')."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import Any


def load(name: str) -> Any:
    """tests/word/<name>.py as a module (its LAYOUTS build Word documents)."""
    spec = importlib.util.spec_from_file_location(f"word_{name}", Path(__file__).parent / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def plain_yaml(text: str) -> Any:
    """The YAML as plain data (ruamel's safe loader: the stack's own, no PyYAML)."""
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).load(text)


def field(model: Any, path: str) -> Any:
    """The value at 'dagsorden[1].minutter' (None when it is not there)."""
    value = model
    for name, index in re.findall(r"([^.\[\]]+)(?:\[(\d+)\])?", path):
        if not isinstance(value, dict) or name not in value:
            return None
        value = value[name]
        if index:
            if not isinstance(value, list) or int(index) >= len(value):
                return None
            value = value[int(index)]
    return value
