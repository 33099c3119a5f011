"""The exceptions of gluteus; each maps to one exit code of the command line (SPEC §3)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class GluteusError(Exception):
    """Base class of every error gluteus raises on purpose."""

    exit_code = 1


class ProfileError(GluteusError):
    """The profile (or another input) is invalid. Exit code 2.

    Carries where the problem is (``file``, ``path`` such as ``schedule.weeks``,
    ``line`` when the parser knows it), what was ``expected``, what was ``found``
    and, for a typo, the closest valid value (``suggestion``). When an input has
    several problems, ``problems`` holds each (the first is also this error's own),
    and the message has one line per problem.
    """

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        path: str | None = None,
        line: int | None = None,
        expected: str | None = None,
        found: str | None = None,
        suggestion: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.path = path
        self.line = line
        self.expected = expected
        self.found = found
        self.suggestion = suggestion
        self.problems: tuple[ProfileError, ...] = ()
        super().__init__(self.format())

    @classmethod
    def many(cls, problems: Sequence[ProfileError]) -> ProfileError:
        """One error for several problems: the first's details, every problem listed."""
        if not problems:
            raise ValueError("ProfileError.many needs at least one problem")
        if len(problems) == 1:
            return problems[0]
        first = problems[0]
        error = cls(
            first.message,
            file=first.file,
            path=first.path,
            line=first.line,
            expected=first.expected,
            found=first.found,
            suggestion=first.suggestion,
        )
        error.problems = tuple(problems)
        error.args = ("\n".join(p.format() for p in problems),)
        return error

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else self.format()

    def format(self) -> str:
        """One line: ``file:line: path: message (did you mean 'x'?)``."""
        where = []
        if self.file:
            where.append(self.file + (f":{self.line}" if self.line else ""))
        if self.path:
            where.append(self.path)
        text = ": ".join([*where, self.message])
        if self.suggestion:
            text += f" (did you mean {self.suggestion!r}?)"
        return text


class ReferralRequired(GluteusError):
    """A red flag is present: no program, a referral instead. Exit code 3.

    ``referrals`` holds one :class:`gluteus.engine.model.Referral` per flag;
    ``result`` is the ``status: referral`` program document when one was built.
    """

    exit_code = 3

    def __init__(self, referrals: Sequence[Any], result: Any = None) -> None:
        self.referrals = tuple(referrals)
        self.result = result
        flags = ", ".join(r.flag for r in self.referrals)
        super().__init__(f"red flag present ({flags}): see a clinician before training")


class Infeasible(GluteusError):
    """The hard constraints cannot all hold. Exit code 4.

    ``conflicts`` lists the constraints that conflict, in plain words;
    ``suggestions`` says what the person could change.
    """

    exit_code = 4

    def __init__(self, conflicts: Sequence[str], suggestions: Sequence[str] = ()) -> None:
        self.conflicts = tuple(conflicts)
        self.suggestions = tuple(suggestions)
        text = "the program's constraints cannot all be met:\n" + "\n".join(
            f"  - {c}" for c in self.conflicts
        )
        if self.suggestions:
            text += "\nwhat you could change:\n" + "\n".join(f"  - {s}" for s in self.suggestions)
        super().__init__(text)


class PluginError(GluteusError):
    """A plugin failed to load, raised, or returned malformed data. Exit code 1.

    ``plugin`` names the plugin; the original exception is chained.
    """

    exit_code = 1

    def __init__(self, plugin: str, message: str) -> None:
        self.plugin = plugin
        super().__init__(f"plugin {plugin!r}: {message}")
