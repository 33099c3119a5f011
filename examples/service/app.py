"""A small web service around gluteus: ``POST /programs`` turns a profile into a program.

    pip install starlette uvicorn
    uvicorn examples.service.app:app        # or: python examples/service/app.py

Status codes (the CLI's exit codes, as HTTP):

======  ===========================  ==================================================
200     program generated            the program JSON (SPEC §2)
422     bad profile (exit 2)         ``{"error": "invalid_profile", "message", "path",
                                     "expected", "found", "suggestion"}``; ``message``
                                     is exactly what the CLI prints after ``Error:``
409     red flag (exit 3)            the ``status: referral`` document, as
                                     ``gluteus generate --format json`` writes it
422     infeasible (exit 4)          ``{"error": "infeasible", "message", "conflicts",
                                     "suggestions"}``: the request is well formed but
                                     cannot be met; the client changes the profile
500     plugin bug (exit 1)          ``{"error": "plugin", "plugin", "message"}``
======  ===========================  ==================================================

One plugin manager is built at start-up and shared: gluteus keeps no global state
and is safe to call from the worker threads that run each request.
"""

from __future__ import annotations

import json
from typing import Any

import pluggy
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

import gluteus


def create_app(plugins: pluggy.PluginManager | None = None) -> Starlette:
    """The service, using ``plugins`` (default: built-ins and installed plugins)."""
    pm = plugins if plugins is not None else gluteus.make_plugin_manager()

    def build(data: Any) -> dict[str, Any]:
        profile = gluteus.Profile.from_dict(data)
        return gluteus.generate(profile, plugins=pm).to_dict()

    async def programs(request: Request) -> JSONResponse:
        try:
            data = json.loads(await request.body())
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            return _error(422, "invalid_profile", f"the request body is not JSON: {exc}")
        try:
            # Generation is CPU-bound: run it off the event loop.
            return JSONResponse(await run_in_threadpool(build, data))
        except gluteus.ProfileError as exc:
            return _error(
                422,
                "invalid_profile",
                str(exc),
                path=exc.path,
                expected=exc.expected,
                found=exc.found,
                suggestion=exc.suggestion,
            )
        except gluteus.ReferralRequired as exc:
            if exc.result is not None:
                return JSONResponse(exc.result.to_dict(), status_code=409)
            referrals = [r.to_dict() for r in exc.referrals]
            return JSONResponse({"status": "referral", "referrals": referrals}, status_code=409)
        except gluteus.Infeasible as exc:
            return _error(
                422,
                "infeasible",
                str(exc),
                conflicts=list(exc.conflicts),
                suggestions=list(exc.suggestions),
            )
        except gluteus.PluginError as exc:
            return _error(500, "plugin", str(exc), plugin=exc.plugin)

    return Starlette(routes=[Route("/programs", programs, methods=["POST"])])


def _error(status: int, kind: str, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": kind, "message": message, **extra}, status_code=status)


app = create_app()

if __name__ == "__main__":
    import uvicorn  # not a gluteus dependency: pip install uvicorn

    uvicorn.run(app, host="127.0.0.1", port=8000)
