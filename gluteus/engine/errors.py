"""The exceptions of gluteus; each maps to one exit code of the command line.

Every one pickles and compares by value (``pickle.loads(pickle.dumps(e)) == e``):
an embedding app that plans in worker processes gets the same error back, and a
pool is not broken by an exception it cannot rebuild. Every one also says itself as
plain data (:meth:`GluteusError.to_dict`), which is what a web service returns.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # For type checkers only: the model and the program import this module.
    from .model import Referral
    from .program import Program


def _rebuild(cls: type[GluteusError], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    # Module-level so pickle finds it by name: exceptions whose constructors take
    # keyword-only or structured arguments cannot be rebuilt from ``self.args``.
    return cls(*args, **kwargs)


class GluteusError(Exception):
    """Base class of every error gluteus raises on purpose.

    ``exit_code`` is the command line's exit code for it; :meth:`to_dict` gives the
    error as JSON data.
    """

    exit_code: int = 1

    def to_dict(self) -> dict[str, Any]:
        """The error as JSON data, what an HTTP API returns: ``type`` (the class name),
        ``message`` (what the command line prints after ``Error:``), ``exit_code``,
        and the details of its kind (see each class)."""
        return {"type": type(self).__name__, "message": str(self), "exit_code": self.exit_code}

    def _arguments(self) -> tuple[tuple[Any, ...], dict[str, Any]]:
        """The constructor arguments that rebuild this error (positional, keyword)."""
        return self.args, {}

    def __reduce__(self) -> tuple[Any, ...]:
        args, kwargs = self._arguments()
        # The instance dict goes along too, so notes added with add_note survive.
        return (_rebuild, (type(self), args, kwargs), dict(self.__dict__))

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, GluteusError)
        return self._arguments() == other._arguments()

    def __hash__(self) -> int:
        return hash((type(self), str(self)))


class ProfileError(GluteusError, ValueError):
    """The profile (or another input) is invalid. Exit code 2.

    Also a :class:`ValueError`, so an embedding app that validates its own
    arguments the usual way catches it too.

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
        return error

    def __str__(self) -> str:
        if self.problems:
            return "\n".join(p.format() for p in self.problems)
        return self.format()

    def __eq__(self, other: object) -> bool:
        same = super().__eq__(other)
        if same is NotImplemented or not same:
            return same
        assert isinstance(other, ProfileError)
        return self.problems == other.problems

    def __hash__(self) -> int:
        return hash((type(self), str(self)))

    def _arguments(self) -> tuple[tuple[Any, ...], dict[str, Any]]:
        keys = ("file", "path", "line", "expected", "found", "suggestion")
        return (self.message,), {key: getattr(self, key) for key in keys}

    def to_dict(self) -> dict[str, Any]:
        """:meth:`GluteusError.to_dict` and ``problems``: one entry per problem (one at
        least), each with ``message``, ``file``, ``path``, ``line``, ``expected``,
        ``found`` and ``suggestion`` (null where unknown)."""
        keys = ("message", "file", "path", "line", "expected", "found", "suggestion")
        problems = [{key: getattr(p, key) for key in keys} for p in self.problems or (self,)]
        return {**super().to_dict(), "problems": problems}

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

    ``referrals`` holds one :class:`~gluteus.Referral` per flag; ``result`` is the
    ``status: referral`` :class:`~gluteus.Program` when one was built (what
    ``gluteus generate --format json`` writes).
    """

    exit_code = 3

    def __init__(self, referrals: Sequence[Referral], result: Program | None = None) -> None:
        self.referrals: tuple[Referral, ...] = tuple(referrals)
        self.result: Program | None = result
        flags = ", ".join(r.flag for r in self.referrals)
        super().__init__(f"red flag present ({flags}): see a clinician before training")

    def _arguments(self) -> tuple[tuple[Any, ...], dict[str, Any]]:
        return (self.referrals, self.result), {}

    def to_dict(self) -> dict[str, Any]:
        """:meth:`GluteusError.to_dict`, ``referrals`` (each with ``flag``, ``message``,
        ``urgency`` and whom to ``see``) and ``program``: the ``status: referral`` program JSON, or
        null when none was built."""
        program = self.result.to_dict() if self.result is not None else None
        referrals = [r.to_dict() for r in self.referrals]
        return {**super().to_dict(), "referrals": referrals, "program": program}


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

    def _arguments(self) -> tuple[tuple[Any, ...], dict[str, Any]]:
        return (self.conflicts, self.suggestions), {}

    def to_dict(self) -> dict[str, Any]:
        """:meth:`GluteusError.to_dict`, ``conflicts`` and ``suggestions`` (lists of
        sentences)."""
        return {
            **super().to_dict(),
            "conflicts": list(self.conflicts),
            "suggestions": list(self.suggestions),
        }


class PluginError(GluteusError):
    """A plugin failed to load, raised, or returned malformed data. Exit code 1.

    ``plugin`` names the plugin; the original exception is chained.
    """

    exit_code = 1

    def __init__(self, plugin: str, message: str) -> None:
        self.plugin = plugin
        self.message = message
        super().__init__(f"plugin {plugin!r}: {message}")

    def _arguments(self) -> tuple[tuple[Any, ...], dict[str, Any]]:
        return (self.plugin, self.message), {}

    def to_dict(self) -> dict[str, Any]:
        """:meth:`GluteusError.to_dict` and ``plugin``, the plugin's name."""
        return {**super().to_dict(), "plugin": self.plugin}


class OutputError(GluteusError):
    """The output cannot be written where it was asked to go. Exit code 2.

    A missing or read-only folder, a folder given as the file, the input file
    itself, a full disk or a closed standard output: bad input or an I/O failure,
    said in one line naming the place (``file``).
    """

    exit_code = 2

    def __init__(self, message: str, *, file: str | None = None) -> None:
        self.message = message
        self.file = file
        super().__init__(f"cannot write {file!r}: {message}" if file is not None else message)

    def _arguments(self) -> tuple[tuple[Any, ...], dict[str, Any]]:
        return (self.message,), {"file": self.file}

    def to_dict(self) -> dict[str, Any]:
        """:meth:`GluteusError.to_dict` and ``file``, where the output was to go."""
        return {**super().to_dict(), "file": self.file}


class Cancelled(GluteusError):
    """The app cancelled the call (``cancel`` was set) before it finished. Exit code
    130, as for a command stopped with Ctrl-C.

    ``stage`` is the step that was about to run (``"plan"``, ``"verify"``, ...).
    """

    exit_code = 130

    def __init__(self, stage: str) -> None:
        self.stage = stage
        super().__init__(f"cancelled before {stage} was done")

    def _arguments(self) -> tuple[tuple[Any, ...], dict[str, Any]]:
        return (self.stage,), {}

    def to_dict(self) -> dict[str, Any]:
        """:meth:`GluteusError.to_dict` and ``stage``."""
        return {**super().to_dict(), "stage": self.stage}
