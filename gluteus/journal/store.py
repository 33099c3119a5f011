"""The journal: programs, their versions and the sessions logged, in a real database.

SQLite by default (a file under the user's data directory), PostgreSQL for a
clinic or a service, through SQLAlchemy 2 Core with no dialect handled by hand.
Every command is one transaction: a failure or a crash part-way leaves the
database as it was. The schema is kept by Alembic migrations shipped in the
package and run when a journal is opened.

Concurrency: on SQLite the database runs in WAL mode with a busy timeout, and a
transaction that writes takes the write lock when it begins (``BEGIN
IMMEDIATE``), so two processes logging at once wait for each other instead of
failing or losing an entry. On PostgreSQL a writing transaction locks its
program's row first (``SELECT ... FOR UPDATE``), which orders concurrent logs of
one program the same way.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from attrs import frozen

from gluteus.engine.adaptation import Entry, ExerciseResult, PainRating
from gluteus.engine.errors import GluteusError, ProfileError

from . import schema

if TYPE_CHECKING:
    import pluggy

    from gluteus.engine.adapt import Adaptation
    from gluteus.engine.program import Program

ENV = "GLUTEUS_DB"
BUSY_TIMEOUT_S = 60
"""How long a SQLite writer waits for another to finish before giving up."""
MIGRATION_LOCK = 0x676C7574  # "glut": PostgreSQL advisory lock held while migrating
EXPORT_FORMAT = "gluteus.journal/1"


class JournalError(GluteusError):
    """The journal cannot be opened or used (a bad URL, an unreachable server). Exit 2."""

    exit_code = 2


def default_path() -> Path:
    """Where the journal lives when no URL is given: the user's data directory
    (``$XDG_DATA_HOME/gluteus/journal.db`` on Linux)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("gluteus", appauthor=False)) / "journal.db"


def resolve_url(url: str | os.PathLike[str] | None = None) -> str:
    """The database URL: ``url``, else ``$GLUTEUS_DB``, else the default SQLite file.

    A plain path means a SQLite file; ``postgresql://`` URLs use psycopg 3.
    """
    raw = os.fspath(url) if url is not None else os.environ.get(ENV) or ""
    if not raw:
        path = default_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    if "://" not in raw:
        return f"sqlite:///{Path(raw).expanduser().resolve()}"
    if raw.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + raw.split("://", 1)[1]
    return raw


@frozen
class ProgramInfo:
    """One stored program, for ``gluteus programs``."""

    id: int
    name: str | None
    weeks: int
    sessions: int
    versions: int
    done: int
    skipped: int
    created: dt.datetime
    next: tuple[int, int] | None

    def to_dict(self) -> dict[str, Any]:
        """As JSON data."""
        return {
            "id": self.id,
            "name": self.name,
            "weeks": self.weeks,
            "sessions": self.sessions,
            "versions": self.versions,
            "done": self.done,
            "skipped": self.skipped,
            "created": _iso(self.created),
            "next": list(self.next) if self.next else None,
        }


@frozen
class Version:
    """One stored version of a program, with the decisions that made it."""

    number: int
    kind: str
    created: dt.datetime
    document: dict[str, Any]
    through: tuple[int, int] | None
    changes: tuple[dict[str, Any], ...]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


class Journal:
    """A journal database. ``Journal()`` opens the default SQLite file; ``Journal(url)``
    any SQLAlchemy URL (``sqlite:///path``, ``postgresql://user@host/db``) or a path.

    Opening runs any pending migration. Use it as a context manager, or call
    :meth:`close`. Safe to use from several processes at once.
    """

    def __init__(self, url: str | os.PathLike[str] | None = None) -> None:
        self.url = resolve_url(url)
        try:
            self.engine = _engine(self.url)
            migrate(self.engine)
        except sa.exc.ArgumentError as exc:
            raise JournalError(f"cannot use the journal database {self.url!r}: {exc}") from exc
        except sa.exc.OperationalError as exc:
            reason = " ".join(str(exc.orig).split()) if exc.orig else str(exc)
            raise JournalError(
                f"cannot open the journal database {_safe(self.url)}: {reason}"
            ) from exc
        except ModuleNotFoundError as exc:
            raise JournalError(
                f"cannot open {_safe(self.url)}: the driver {exc.name!r} is not installed "
                "(for PostgreSQL: pip install 'gluteus[postgres]')"
            ) from exc

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return str(self.engine.dialect.name)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- transactions ------------------------------------------------------------------

    @contextlib.contextmanager
    def _write(self, program_id: int | None = None) -> Iterator[sa.Connection]:
        """One writing transaction; with ``program_id``, that program's row is locked and
        must exist."""
        with self.engine.connect() as conn:
            conn.info["write"] = True
            with conn.begin():
                if program_id is not None:
                    row = conn.execute(
                        sa.select(schema.programs.c.id)
                        .where(schema.programs.c.id == program_id)
                        .with_for_update()
                    ).first()
                    if row is None:
                        raise _no_program(conn, program_id)
                yield conn

    @contextlib.contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    # --- programs ------------------------------------------------------------------------

    def save_program(self, program: Program | Mapping[str, Any]) -> int:
        """Store a generated program (its profile travels inside it); returns its id."""
        document = program if isinstance(program, Mapping) else program.to_dict()
        if document.get("status") != "ok":
            raise ProfileError("a referral is not a program: there is nothing to follow")
        with self._write() as conn:
            return self._insert_program(conn, [(1, "generated", _now(), document, None, [])])

    def _insert_program(
        self,
        conn: sa.Connection,
        versions: Sequence[tuple[int, str, dt.datetime, Mapping[str, Any], Any, Any]],
        created: dt.datetime | None = None,
    ) -> int:
        program_id = int(
            conn.execute(
                sa.insert(schema.programs).values(created_at=created or _now())
            ).inserted_primary_key[0]  # type: ignore[index]
        )
        conn.execute(
            sa.insert(schema.versions),
            [
                {
                    "program_id": program_id,
                    "number": number,
                    "kind": kind,
                    "created_at": when,
                    "document": _dumps(document),
                    "through_week": through[0] if through else None,
                    "through_session": through[1] if through else None,
                    "changes": _dumps(list(changes)),
                }
                for number, kind, when, document, through, changes in versions
            ],
        )
        return program_id

    def programs(self) -> list[ProgramInfo]:
        """Every stored program, oldest first."""
        out: list[ProgramInfo] = []
        with self._read() as conn:
            ids = conn.execute(
                sa.select(schema.programs.c.id, schema.programs.c.created_at).order_by(
                    schema.programs.c.id
                )
            ).all()
            for program_id, created in ids:
                latest = self._latest(conn, program_id)
                count = conn.execute(
                    sa.select(sa.func.count()).where(schema.versions.c.program_id == program_id)
                ).scalar_one()
                rows = conn.execute(
                    sa.select(
                        schema.entries.c.week, schema.entries.c.session, schema.entries.c.status
                    ).where(schema.entries.c.program_id == program_id)
                ).all()
                doc = latest.document
                weeks = doc["weeks"]
                slots = [(r.week, r.session) for r in rows]
                out.append(
                    ProgramInfo(
                        id=program_id,
                        name=doc["profile"].get("name"),
                        weeks=len(weeks),
                        sessions=sum(len(w["sessions"]) for w in weeks),
                        versions=int(count),
                        done=sum(1 for r in rows if r.status == "done"),
                        skipped=sum(1 for r in rows if r.status == "skipped"),
                        created=created,
                        next=next_slot(doc, max(slots) if slots else None),
                    )
                )
        return out

    def _latest(self, conn: sa.Connection, program_id: int) -> Version:
        row = conn.execute(
            sa.select(schema.versions)
            .where(schema.versions.c.program_id == program_id)
            .order_by(schema.versions.c.number.desc())
            .limit(1)
        ).first()
        if row is None:
            raise _no_program(conn, program_id)
        return _version(row)

    def program(self, program_id: int) -> dict[str, Any]:
        """The latest version of a program, as its JSON data."""
        with self._read() as conn:
            return self._latest(conn, program_id).document

    def versions(self, program_id: int) -> list[Version]:
        """Every version of a program, first (generated) to latest."""
        with self._read() as conn:
            rows = conn.execute(
                sa.select(schema.versions)
                .where(schema.versions.c.program_id == program_id)
                .order_by(schema.versions.c.number)
            ).all()
            if not rows:
                raise _no_program(conn, program_id)
            return [_version(r) for r in rows]

    # --- entries -------------------------------------------------------------------------------

    def entries(self, program_id: int) -> list[Entry]:
        """Every session logged for a program, in calendar order."""
        with self._read() as conn:
            self._latest(conn, program_id)
            return _entries(conn, program_id)

    def log(
        self,
        program_id: int,
        entries: Iterable[Entry | Mapping[str, Any]],
        *,
        replace: bool = False,
        source: str | None = None,
        path: Sequence[str | int] | None = ("entries",),
    ) -> list[Entry]:
        """Record sessions, all or none, checked against the program's latest version.

        A session already logged is an error unless ``replace`` (then the new entry
        replaces it whole). Raises :class:`~gluteus.ProfileError` naming the entry.
        """
        from gluteus.engine.adapt import check_entries
        from gluteus.engine.replan import as_program

        with self._write(program_id) as conn:
            program = as_program(self._latest(conn, program_id).document)
            checked = check_entries(program, entries, source=source, path=path)
            taken = {
                (r.week, r.session)
                for r in conn.execute(
                    sa.select(schema.entries.c.week, schema.entries.c.session).where(
                        schema.entries.c.program_id == program_id
                    )
                )
            }
            for entry in checked:
                if entry.slot in taken:
                    if not replace:
                        raise ProfileError(
                            f"week {entry.week}, session {entry.session} is already logged "
                            "(log it with --replace to correct it)",
                            file=source,
                        )
                    conn.execute(
                        sa.delete(schema.entries).where(
                            schema.entries.c.program_id == program_id,
                            schema.entries.c.week == entry.week,
                            schema.entries.c.session == entry.session,
                        )
                    )
            _insert_entries(conn, program_id, checked, _now())
            return checked

    def log_next(
        self, program_id: int, make: Callable[[Mapping[str, Any], tuple[int, int]], Entry]
    ) -> Entry:
        """Record the next session due, built by ``make(program, slot)`` inside the same
        transaction, so two processes logging at once get consecutive sessions."""
        from gluteus.engine.adapt import check_entries
        from gluteus.engine.replan import as_program

        with self._write(program_id) as conn:
            document = self._latest(conn, program_id).document
            slot = next_slot(document, _last_slot(conn, program_id))
            if slot is None:
                raise ProfileError(
                    f"program {program_id} is finished: every session is logged "
                    "(see gluteus progress)"
                )
            entry = make(document, slot)
            checked = check_entries(as_program(document), [entry], path=None)
            _insert_entries(conn, program_id, checked, _now())
            return checked[0]

    # --- adaptation -----------------------------------------------------------------------

    def adapt(
        self, program_id: int, *, plugins: pluggy.PluginManager | None = None
    ) -> tuple[Adaptation, int | None]:
        """Adapt the latest version to every entry and store the result as a new version
        (only when something changed). Returns the adaptation and the new version's
        number (None when nothing changed)."""
        from gluteus.engine.adapt import adaptation

        with self._write(program_id) as conn:
            latest = self._latest(conn, program_id)
            result = adaptation(latest.document, _entries(conn, program_id), plugins=plugins)
            if not result.changed:
                return result, None
            number = latest.number + 1
            conn.execute(
                sa.insert(schema.versions).values(
                    program_id=program_id,
                    number=number,
                    kind="adapted",
                    created_at=_now(),
                    document=_dumps(result.program.to_dict()),
                    through_week=result.through[0] if result.through else None,
                    through_session=result.through[1] if result.through else None,
                    changes=_dumps([c.to_dict() for c in result.changes]),
                )
            )
            return result, number

    # --- export and import ------------------------------------------------------------------

    def export(self, program_ids: Iterable[int] | None = None) -> dict[str, Any]:
        """A person's data as JSON data: programs with every version and every entry."""
        with self._read() as conn:
            ids = (
                list(program_ids)
                if program_ids is not None
                else [
                    r[0]
                    for r in conn.execute(
                        sa.select(schema.programs.c.id).order_by(schema.programs.c.id)
                    )
                ]
            )
            out = []
            for program_id in ids:
                created = conn.execute(
                    sa.select(schema.programs.c.created_at).where(
                        schema.programs.c.id == program_id
                    )
                ).scalar_one_or_none()
                if created is None:
                    raise _no_program(conn, program_id)
                versions = [
                    _version(r)
                    for r in conn.execute(
                        sa.select(schema.versions)
                        .where(schema.versions.c.program_id == program_id)
                        .order_by(schema.versions.c.number)
                    )
                ]
                out.append(
                    {
                        "id": program_id,
                        "created": _iso(created),
                        "versions": [
                            {
                                "number": v.number,
                                "kind": v.kind,
                                "created": _iso(v.created),
                                "through": list(v.through) if v.through else None,
                                "changes": list(v.changes),
                                "program": v.document,
                            }
                            for v in versions
                        ],
                        "entries": [e.to_dict() for e in _entries(conn, program_id)],
                    }
                )
        return {"format": EXPORT_FORMAT, "programs": out}

    def import_(self, data: Any, *, source: str | None = None) -> list[int]:
        """Store exported data as new programs (new ids), all or nothing; returns the ids."""
        from gluteus.engine.adapt import check_entries
        from gluteus.engine.replan import as_program

        programs = _check_export(data, source)
        with self._write() as conn:
            ids = []
            for i, item in enumerate(programs):
                versions = [
                    (
                        v["number"],
                        v["kind"],
                        _parse_time(v.get("created")),
                        v["program"],
                        v.get("through"),
                        v.get("changes") or [],
                    )
                    for v in item["versions"]
                ]
                latest = as_program(versions[-1][3])
                checked = check_entries(
                    latest,
                    item.get("entries") or [],
                    source=source,
                    path=("programs", i, "entries"),
                )
                program_id = self._insert_program(conn, versions, _parse_time(item.get("created")))
                _insert_entries(conn, program_id, checked, _now())
                ids.append(program_id)
            return ids


# --- helpers ----------------------------------------------------------------------------------


def _safe(url: str) -> str:
    """The URL with any password hidden."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return url


def _iso(value: dt.datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.isoformat()


def _parse_time(value: Any) -> dt.datetime:
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            return dt.datetime.fromisoformat(value)
    return _now()


def _no_program(conn: sa.Connection, program_id: int) -> ProfileError:
    ids = [
        r[0] for r in conn.execute(sa.select(schema.programs.c.id).order_by(schema.programs.c.id))
    ]
    known = ", ".join(map(str, ids[-10:])) if ids else "none yet (gluteus generate PROFILE --save)"
    return ProfileError(
        f"no program with id {program_id} in this journal; stored programs: {known}",
        expected="a stored program id",
        found=str(program_id),
    )


def _version(row: Any) -> Version:
    through = (row.through_week, row.through_session) if row.through_week is not None else None
    return Version(
        number=row.number,
        kind=row.kind,
        created=row.created_at,
        document=json.loads(row.document),
        through=through,
        changes=tuple(json.loads(row.changes)) if row.changes else (),
    )


def next_slot(document: Mapping[str, Any], last: tuple[int, int] | None) -> tuple[int, int] | None:
    """The session due after ``last`` (the first when None; None when finished)."""
    weeks = document["weeks"]
    if last is None:
        return (1, 1) if weeks else None
    week, session = last
    if session < len(weeks[week - 1]["sessions"]):
        return (week, session + 1)
    return (week + 1, 1) if week < len(weeks) else None


def _last_slot(conn: sa.Connection, program_id: int) -> tuple[int, int] | None:
    row = conn.execute(
        sa.select(schema.entries.c.week, schema.entries.c.session)
        .where(schema.entries.c.program_id == program_id)
        .order_by(schema.entries.c.week.desc(), schema.entries.c.session.desc())
        .limit(1)
    ).first()
    return (row.week, row.session) if row is not None else None


def _insert_entries(
    conn: sa.Connection, program_id: int, entries: Sequence[Entry], when: dt.datetime
) -> None:
    for entry in entries:
        entry_id = conn.execute(
            sa.insert(schema.entries).values(
                program_id=program_id,
                week=entry.week,
                session=entry.session,
                status=entry.status,
                date=entry.date,
                effort=entry.effort,
                note=entry.note,
                logged_at=when,
            )
        ).inserted_primary_key[0]  # type: ignore[index]
        if entry.pain:
            conn.execute(
                sa.insert(schema.entry_pain),
                [
                    {
                        "entry_id": entry_id,
                        "region": p.region,
                        "during": p.during,
                        "after": p.after,
                        "next_morning": p.next_morning,
                    }
                    for p in entry.pain
                ],
            )
        if entry.exercises:
            conn.execute(
                sa.insert(schema.entry_results),
                [
                    {
                        "entry_id": entry_id,
                        "exercise": r.exercise,
                        "sets": r.sets,
                        "reps": r.reps,
                        "hold_s": r.hold_s,
                        "effort": r.effort,
                        "pain": r.pain,
                    }
                    for r in entry.exercises
                ],
            )
        if entry.tests:
            conn.execute(
                sa.insert(schema.entry_tests),
                [
                    {"entry_id": entry_id, "test": name, "value": _dumps(value)}
                    for name, value in entry.tests
                ],
            )


def _entries(conn: sa.Connection, program_id: int) -> list[Entry]:
    e, p, r, t = schema.entries, schema.entry_pain, schema.entry_results, schema.entry_tests
    rows = conn.execute(
        sa.select(e).where(e.c.program_id == program_id).order_by(e.c.week, e.c.session)
    ).all()
    if not rows:
        return []
    ids = [row.id for row in rows]
    pain: dict[int, list[PainRating]] = {}
    for row in conn.execute(
        sa.select(p).where(p.c.entry_id.in_(ids)).order_by(p.c.entry_id, p.c.region)
    ):
        pain.setdefault(row.entry_id, []).append(
            PainRating(row.region, row.during, row.after, row.next_morning)
        )
    results: dict[int, list[ExerciseResult]] = {}
    for row in conn.execute(
        sa.select(r).where(r.c.entry_id.in_(ids)).order_by(r.c.entry_id, r.c.exercise)
    ):
        results.setdefault(row.entry_id, []).append(
            ExerciseResult(row.exercise, row.sets, row.reps, row.hold_s, row.effort, row.pain)
        )
    tests: dict[int, list[tuple[str, Any]]] = {}
    for row in conn.execute(
        sa.select(t).where(t.c.entry_id.in_(ids)).order_by(t.c.entry_id, t.c.test)
    ):
        tests.setdefault(row.entry_id, []).append((row.test, json.loads(row.value)))
    from gluteus.engine.model import PAIN_REGIONS

    return [
        Entry(
            week=row.week,
            session=row.session,
            status=row.status,
            date=row.date,
            effort=row.effort,
            pain=sorted(pain.get(row.id, []), key=lambda x: PAIN_REGIONS.index(x.region)),
            exercises=results.get(row.id, []),
            tests=tests.get(row.id, []),
            note=row.note,
        )
        for row in rows
    ]


def _check_export(data: Any, source: str | None) -> list[Mapping[str, Any]]:
    """The programs of an export, shape-checked; a problem is one ProfileError."""
    from gluteus.engine.verify import schema_violations

    def fail(path: str, message: str) -> Any:
        raise ProfileError(message, file=source, path=path or None)

    if not isinstance(data, Mapping) or data.get("format") != EXPORT_FORMAT:
        fail("format", f"expected a gluteus journal export (format {EXPORT_FORMAT!r})")
    programs = data.get("programs")
    if not isinstance(programs, list):
        fail("programs", "expected a list of programs")
    for i, item in enumerate(programs):
        if not isinstance(item, Mapping) or not isinstance(item.get("versions"), list):
            fail(f"programs[{i}]", "expected a program with its versions")
        if not item["versions"]:
            fail(f"programs[{i}].versions", "expected at least one version")
        for j, version in enumerate(item["versions"]):
            where = f"programs[{i}].versions[{j}]"
            if not isinstance(version, Mapping):
                fail(where, "expected a version")
            if version.get("number") != j + 1:
                fail(f"{where}.number", f"expected {j + 1}, found {version.get('number')!r}")
            if version.get("kind") not in ("generated", "adapted", "imported"):
                fail(f"{where}.kind", "expected generated or adapted")
            problems = schema_violations(version.get("program"))
            if problems:
                fail(f"{where}.program", f"not a program: {problems[0]}")
            if version["program"].get("status") != "ok":
                fail(f"{where}.program.status", "expected ok (a referral is not a program)")
        if not isinstance(item.get("entries", []), list):
            fail(f"programs[{i}].entries", "expected a list of entries")
    return list(programs)


# --- engines and migrations ------------------------------------------------------------------


def _engine(url: str) -> sa.Engine:
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})

        @sa.event.listens_for(engine, "connect")
        def _connect(dbapi: Any, record: Any) -> None:
            # Transactions are begun by hand (below), so the driver must not.
            dbapi.isolation_level = None
            cursor = dbapi.cursor()
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.close()

        @sa.event.listens_for(engine, "begin")
        def _begin(conn: sa.Connection) -> None:
            # A writer takes the write lock at once: a transaction that began reading
            # and later wants to write could otherwise fail with "database is locked".
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("write") else "BEGIN")

        return engine
    return sa.create_engine(url, pool_pre_ping=True)


def current_revision(conn: sa.Connection) -> str | None:
    """The schema revision of the database (None for an empty one)."""
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: sa.Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (the newest by default), in one transaction
    that holds the database's write lock, so concurrent openers migrate once."""
    with engine.connect() as conn, conn.begin():
        if revision == "head" and current_revision(conn) == schema.HEAD:
            return
    from alembic import command
    from alembic.config import Config

    with engine.connect() as conn:
        conn.info["write"] = True
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            if revision == "head" and current_revision(conn) == schema.HEAD:
                return
            config = Config()
            config.set_main_option("script_location", "gluteus.journal:migrations")
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
