"""Errors and warnings as data: every step returns them, the CLI and the plugin report them."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path

# Messages quote what editors wrote (an unknown value, a key, a slug); a personal number among it
# must not reach the terminal, the CI log or the JSON report.
from .characters import visible
from .personal_numbers import mask_personal_numbers
from .swedish import plural

ERROR = "error"
WARNING = "warning"
_SWEDISH = {ERROR: "fel", WARNING: "varning"}


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    severity: str
    key: str
    message: str
    column: int | None = None  # 1-based, where the step that found the problem knows it

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def format(self) -> str:
        where = f"{self.line}:{self.column}" if self.column else f"{self.line}"
        return f"{self.path}:{where}: {_SWEDISH[self.severity]}: {self.message}"


def error(path: Path | str, line: int, key: str, message: str, column: int | None = None) -> Diagnostic:
    return Diagnostic(str(path), line, ERROR, _shown(key), _shown(message), column)


def warning(path: Path | str, line: int, key: str, message: str, column: int | None = None) -> Diagnostic:
    return Diagnostic(str(path), line, WARNING, _shown(key), _shown(message), column)


def _shown(text: str) -> str:
    # A right-to-left override quoted from a value would reorder the message in the terminal and
    # the CI log too, and a zero-width space would hide why two words differ: write them as [U+202E].
    return visible(mask_personal_numbers(text))


def summary(diagnostics: list[Diagnostic], file_count: int) -> str:
    """One Swedish line: '2 fel och 1 varning i 48 filer'."""
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    files = plural(file_count, "fil", "filer")
    if not diagnostics:
        return f"Inga fel i {files}."
    return f"{errors} fel och {plural(warnings, 'varning', 'varningar')} i {files}"


def to_json(diagnostics: list[Diagnostic], file_count: int) -> str:
    errors = sum(d.is_error for d in diagnostics)
    payload = {
        "files": file_count,
        "errors": errors,
        "warnings": len(diagnostics) - errors,
        "summary": summary(diagnostics, file_count),
        "diagnostics": [
            {**asdict(d), "level": _SWEDISH[d.severity]} for d in diagnostics
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def sort_key(d: Diagnostic) -> tuple:
    return (d.path, d.line, d.column or 0, d.severity != ERROR, d.key, d.message)


def absolute(path: Path) -> Path:
    """The path of the file itself: a symlink is reported where it lies, not where it points."""
    return path.parent.resolve() / path.name


def relative_to_cwd(d: Diagnostic) -> Diagnostic:
    """Paths as editors type them: relative to the working folder when the file is inside it."""
    return relative_to(d, Path.cwd())


def relative_to(d: Diagnostic, base: Path) -> Diagnostic:
    """The diagnostic with its path relative to base, when the file is inside it."""
    return replace(d, path=relative_path(d.path, base))


def relative_path(path: Path | str, base: Path) -> str:
    try:
        return absolute(Path(path)).relative_to(base.resolve()).as_posix()
    except ValueError:
        return str(path)
