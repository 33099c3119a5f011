"""Typed use of the public API that mypy --strict must refuse, each on a line marked
``# wrong``: tests/test_api_types.py checks that exactly those lines fail."""

from __future__ import annotations

import gluteus


def misuse(program: gluteus.Program, fmt: str) -> None:
    page: bytes = gluteus.render(program, "html")  # wrong
    pdf: str = gluteus.render(program, "pdf")  # wrong
    sheet: str = gluteus.Engine().render(program, "cheatsheet")  # wrong
    other: str = gluteus.render(program, fmt)  # wrong
    error = gluteus.ReferralRequired([])
    document: gluteus.Program = error.result  # wrong
    flags: list[int] = [r.flag for r in error.referrals]  # wrong
    gluteus.parse_profile({"age": 38}, "json")  # wrong
    gluteus.genrate(program)  # type: ignore[attr-defined]
    del page, pdf, sheet, other, document, flags
