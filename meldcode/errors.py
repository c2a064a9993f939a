"""The one small exception hierarchy: every error a user can cause is a MeldcodeError."""

from __future__ import annotations

import dataclasses
from pathlib import Path


@dataclasses.dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, shown to board staff as a single Dutch line."""

    file: str
    line: int | None
    field: str | None
    message: str
    # The slug of the school this problem keeps from being built; None when it concerns
    # every school (the stichting file itself, a missing folder).
    school: str | None = dataclasses.field(default=None, compare=False)

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class MeldcodeError(Exception):
    """A user error: reported without a traceback, exit status 1."""


class ConfigError(MeldcodeError):
    """One or more problems in the configuration files.

    `aandachtspunten` (meldcode.checks.Aandachtspunt) are reported after the problems;
    `strict` says they are the reason for the error (--strict).
    """

    def __init__(self, problems: list[Problem], aandachtspunten: list | None = None, strict: bool = False):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.field or "", p.message))
        self.aandachtspunten = list(aandachtspunten or [])
        self.strict = strict
        lines = [str(p) for p in self.problems]
        if strict:
            lines += [str(a.as_problem()) for a in self.aandachtspunten if a.open]
        super().__init__("\n".join(lines))


class UsageError(MeldcodeError):
    """The command names something that does not exist (an unknown --school)."""


class BuildError(MeldcodeError):
    """Rendering a school failed after its configuration was valid.

    `file` is the user's file that caused it (a logo), when known; `detail` is the
    message without that file's name, for callers that show the file apart.
    """

    def __init__(self, message: str, file: Path | None = None) -> None:
        self.file, self.detail = file, message
        super().__init__(f"{file.name}: {message}" if file else message)
