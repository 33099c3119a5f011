"""The built-in ``basics`` plugin: the vocabulary every issue module shares.

Equipment a profile may list, the body regions it may rate pain for, and the
objective tests of the original profile format (single-leg stance, side plank,
single-leg squat knee valgus, Trendelenburg, bridge hold). They live in their own
plugin, not in an issue module, so an app may run any subset of the issue modules;
a third-party plugin declares its own equipment, regions and tests the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gluteus.engine.hookspecs import hookimpl

if TYPE_CHECKING:
    from gluteus.engine.model import Equipment, ObjectiveTest, PainRegion, Source

# The data (:mod:`.content`) is imported by the hooks that hand it over, so loading
# the plugin, as `gluteus --help` does, builds none of it.


@hookimpl
def register_equipment() -> list[Equipment]:
    from . import content

    return list(content.EQUIPMENT)


@hookimpl
def register_pain_regions() -> list[PainRegion]:
    from . import content

    return list(content.PAIN_REGIONS)


@hookimpl
def register_tests() -> list[ObjectiveTest]:
    from . import content

    return list(content.TESTS)


@hookimpl
def register_sources() -> list[Source]:
    from . import content

    return list(content.SOURCES)
