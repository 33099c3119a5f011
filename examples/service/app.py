"""A web service around gluteus (FastAPI): ``POST /programs`` turns a profile into a program.

    pip install gluteus fastapi uvicorn
    uvicorn examples.service.app:app        # or: python examples/service/app.py
    # then open http://127.0.0.1:8000/docs: the profile and the program, documented

The body is a profile in JSON, YAML or TOML (by ``Content-Type``), read by
:func:`gluteus.Engine.parse_profile` with every check a profile file gets. Errors
are mapped to HTTP in one place, :func:`error_response`, from each error's own
``to_dict()`` and exit code: bad input is never a 500.

One :class:`gluteus.Engine` is built at start-up and shared: it is immutable, keeps
no state between calls, and plans in a worker thread (``agenerate``) so the event
loop keeps serving while it does.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any

import pluggy
from fastapi import FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response

import gluteus

LIMIT = 1024 * 1024
"""parse_profile refuses a profile over 1 MiB; the service reads no more than that."""

PROFILE_MEDIA_TYPES: dict[str, str] = {
    "application/json": "json",
    "application/yaml": "yaml",
    "application/x-yaml": "yaml",
    "text/yaml": "yaml",
    "application/toml": "toml",
}

HTTP_STATUS: dict[int, int] = {
    2: 422,  # bad input: the profile, an id, the format asked for
    3: 409,  # a red flag: no program, the referral instead
    4: 422,  # well formed, but the constraints cannot all be met: change the profile
}
"""The HTTP status for each exit code; anything else (1: a bug in gluteus or a plugin)
is a 500."""


def error_response(error: gluteus.GluteusError, status: int | None = None) -> JSONResponse:
    """The one place errors become responses: the error's own JSON data, with the HTTP
    status its exit code maps to."""
    code = status if status is not None else HTTP_STATUS.get(error.exit_code, 500)
    return JSONResponse(error.to_dict(), status_code=code)


async def read_body(request: Request) -> bytes:
    """The request body, read up to one byte past the limit (so that parse_profile
    refuses it, saying why) and no further."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > LIMIT:
            break
    return bytes(body)


def profile_format(request: Request) -> str:
    """yaml, toml or json, from the Content-Type (JSON when none is given)."""
    media_type = request.headers.get("content-type", "application/json")
    media_type = media_type.split(";", 1)[0].strip().lower()
    kind = PROFILE_MEDIA_TYPES.get(media_type)
    if kind is None:
        raise UnsupportedMediaType(media_type)
    return kind


class UnsupportedMediaType(gluteus.ProfileError):
    """A body in a format the service does not read: answered with 415."""

    def __init__(self, media_type: str) -> None:
        super().__init__(
            f"cannot read a profile sent as {media_type!r}",
            path="Content-Type",
            expected=", ".join(PROFILE_MEDIA_TYPES),
            found=media_type,
        )


def catalogue(engine: gluteus.Engine) -> dict[str, list[dict[str, Any]]]:
    """What a form needs to ask for a profile: the ids the plugins declare, with their
    questions and names."""
    return {
        "issues": [{"id": i.id, "name": i.name} for i in engine.issues().values()],
        "signs": [
            {"id": s.id, "issue": s.issue, "question": s.question} for s in engine.signs().values()
        ],
        "red_flags": [
            {"id": f.id, "question": f.question, "urgency": f.urgency}
            for f in engine.red_flags().values()
        ],
        "precautions": [
            {"id": p.id, "name": p.label, "question": p.question, "needs": list(p.required_keys)}
            for p in engine.precautions().values()
        ],
        "equipment": [{"id": e.id, "name": e.name} for e in engine.equipment().values()],
        "tests": [
            {
                "id": t.id,
                "name": t.name,
                "kind": t.kind,
                "sided": t.sided,
                "low": t.low,
                "high": t.high,
                "instructions": t.instructions,
            }
            for t in engine.tests().values()
        ],
        "pain_regions": [{"id": r.id, "name": r.name} for r in engine.pain_regions().values()],
        "formats": [
            {"format": f.format, "description": f.description, "media_type": f.media_type}
            for f in engine.formats().values()
        ],
    }


def create_app(plugins: pluggy.PluginManager | None = None) -> FastAPI:
    """The service, using ``plugins`` (default: the built-in and installed plugins)."""
    engine = gluteus.Engine(plugins)
    app = FastAPI(
        title="gluteus",
        version=gluteus.__version__,
        summary="A safe, multi-week glute training program from what a person notices.",
    )

    @app.exception_handler(gluteus.GluteusError)
    async def gluteus_error(request: Request, error: gluteus.GluteusError) -> JSONResponse:
        if isinstance(error, UnsupportedMediaType):
            return error_response(error, 415)
        return error_response(error)

    @app.post(
        "/programs",
        summary="Generate a program",
        openapi_extra=_programs_openapi(engine),
        response_class=Response,
    )
    async def programs(request: Request, format: str = "json") -> Response:
        """Send a profile (JSON, YAML or TOML); get the program in ``format`` (the
        program JSON by default; any format of ``GET /catalogue``)."""
        body = await read_body(request)
        profile = engine.parse_profile(body, profile_format(request), name="request body")
        program = await engine.agenerate(profile)
        # PDF pages take a moment too: render off the event loop as well.
        rendered = await asyncio.to_thread(engine.render, program, format)
        return Response(rendered, media_type=engine.formats()[format].media_type)

    @app.get("/catalogue", summary="What a profile may name")
    async def get_catalogue() -> dict[str, list[dict[str, Any]]]:
        """Signs, red flags, precautions, equipment, tests, pain regions and output
        formats, as the loaded plugins declare them: what a form offers."""
        return catalogue(engine)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title, version=app.version, summary=app.summary, routes=app.routes
            )
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            components.update(_schemas(engine))
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


# --- The OpenAPI page: the profile and program schemas gluteus ships ---------------------

_REF = re.compile(r"^#/\$defs/")


def _schemas(engine: gluteus.Engine) -> dict[str, Any]:
    """The shipped profile and program JSON Schemas as OpenAPI components (the program's
    ``$defs`` become ``program_<name>`` components), and the error's shape."""

    def moved(node: Any) -> Any:
        if isinstance(node, dict):
            return {
                k: _REF.sub("#/components/schemas/program_", v) if k == "$ref" else moved(v)
                for k, v in node.items()
            }
        if isinstance(node, list):
            return [moved(v) for v in node]
        return node

    program = {k: v for k, v in engine.program_schema().items() if k not in ("$schema", "$id")}
    defs = program.pop("$defs", {})
    out = {
        "Profile": {
            k: v for k, v in engine.profile_schema().items() if k not in ("$schema", "$id")
        },
        "Program": moved(program),
        "Error": ERROR_SCHEMA,
    }
    out.update({f"program_{name}": moved(schema) for name, schema in defs.items()})
    return out


ERROR_SCHEMA: dict[str, Any] = {
    "title": "gluteus error",
    "description": (
        "An error's to_dict(): its type, the command line's message and exit code, and "
        "the details of its kind: problems (ProfileError), referrals and program "
        "(ReferralRequired), conflicts and suggestions (Infeasible), plugin (PluginError)."
    ),
    "type": "object",
    "required": ["type", "message", "exit_code"],
    "properties": {
        "type": {"type": "string"},
        "message": {"type": "string"},
        "exit_code": {"type": "integer"},
        "problems": {"type": "array", "items": {"type": "object"}},
        "referrals": {"type": "array", "items": {"type": "object"}},
        "program": {"anyOf": [{"$ref": "#/components/schemas/Program"}, {"type": "null"}]},
        "conflicts": {"type": "array", "items": {"type": "string"}},
        "suggestions": {"type": "array", "items": {"type": "string"}},
        "plugin": {"type": "string"},
    },
}


def _programs_openapi(engine: gluteus.Engine) -> dict[str, Any]:
    profile = {"$ref": "#/components/schemas/Profile"}
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    formats = {
        f.media_type: {"schema": {"type": "string", "format": "binary" if f.binary else "text"}}
        for f in engine.formats().values()
        if f.format != "json"
    }
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": profile,
                    "example": {
                        "age": 38,
                        "signs": ["barely_feel_glutes", "knees_cave_in"],
                        "equipment": ["mat", "mini_band"],
                        "schedule": {"weeks": 8, "sessions_per_week": 3},
                    },
                },
                "application/yaml": {"schema": profile},
                "application/toml": {"schema": profile},
            },
        },
        "responses": {
            "200": {
                "description": "The program, in the format asked for",
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Program"}},
                    **formats,
                },
            },
            "409": {"description": "A red flag: the referral, no program", "content": error},
            "415": {"description": "A body that is not JSON, YAML or TOML", "content": error},
            "422": {
                "description": "A bad profile or format (problems), or constraints that "
                "cannot all be met (conflicts and suggestions)",
                "content": error,
            },
            "500": {"description": "A bug in gluteus or a plugin", "content": error},
        },
    }


app = create_app()

if __name__ == "__main__":
    import uvicorn  # not a gluteus dependency: pip install uvicorn

    uvicorn.run(app, host="127.0.0.1", port=8000)
