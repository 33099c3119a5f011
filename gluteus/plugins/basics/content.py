"""The data of the built-in ``basics`` plugin, handed over by its hooks (see the
package docstring)."""

from __future__ import annotations

from gluteus.engine.model import Equipment, ObjectiveTest, PainRegion, Source
from gluteus.plugins import _screening as sc
from gluteus.plugins import _sources as src

EQUIPMENT: tuple[Equipment, ...] = (
    Equipment("mat", "an exercise mat", "none"),
    Equipment("mini_band", "a mini band (a short loop band)", "band"),
    Equipment("long_band", "a long resistance band", "band"),
    Equipment("dumbbell", "dumbbells", "external"),
    Equipment("kettlebell", "a kettlebell", "external"),
    Equipment("barbell", "a barbell and plates", "external"),
    Equipment("bench", "a bench or a sturdy box", "none"),
    Equipment("step", "a step or a low stair", "none"),
    Equipment("cable", "a cable machine", "external"),
    Equipment("stability_ball", "a stability ball", "none"),
    Equipment("slider", "sliders (or a towel on a smooth floor)", "none"),
)

PAIN_REGIONS: tuple[PainRegion, ...] = (
    PainRegion("low_back", "low back"),
    PainRegion("knee", "knee"),
    PainRegion("hip", "outer hip"),
    PainRegion("buttock", "buttock"),
    # Groin pain apart from outer hip pain: the two are treated differently (adductor
    # strengthening, Hölmich 1999; compression kept off the gluteal tendons, Grimaldi &
    # Fearon 2015), and with one hip region a groin ache was read as the outer hip's.
    PainRegion("groin", "groin and front of the hip"),
)

STANCE_CAP_S = 60  # single-leg stance is timed up to 60 s
HOLD_MAX_S = 600  # plank-type holds: ten minutes is beyond any recorded norm

TESTS: tuple[ObjectiveTest, ...] = (
    ObjectiveTest(
        id="single_leg_stance_s",
        name="single-leg stance",
        kind="seconds",
        sided=True,
        high=STANCE_CAP_S,
        instructions="Stand on one leg, eyes open, arms crossed, near a wall or counter in "
        "case you wobble; time how long until the other foot touches down or you grab the "
        "support. Stop at 60 seconds. Do each leg.",
        source="springer2007",
        holds=("single_leg_stance", "hip_airplane", "wall_drive"),
        question="Single-leg stance on your {side} leg, eyes open, in seconds (up to 60)",
    ),
    ObjectiveTest(
        id="side_plank_s",
        name="side plank hold",
        kind="seconds",
        sided=True,
        high=HOLD_MAX_S,
        instructions="Side plank on your forearm and feet, body straight; time how long you "
        "hold before the hips drop. Do each side.",
        source="mcgill1999",
        holds=("side_plank",),
        question="Side plank on your {side} side, in seconds",
    ),
    ObjectiveTest(
        id="single_leg_squat_knee_valgus",
        name="single-leg squat: knee caves in",
        kind="positive",
        sided=True,
        instructions="Film a slow single-leg squat from the front: true when the knee moves "
        "inside the line of the foot. Do each leg.",
        source="single_leg_squat_rating",
        question="Squatting on your {side} leg, does the {side} knee cave inwards?",
    ),
    ObjectiveTest(
        id="trendelenburg",
        name="Trendelenburg sign",
        kind="positive",
        sided=True,
        instructions="Stand on one leg facing a mirror: true when the pelvis drops on the side "
        "of the lifted leg. The side given is the standing leg.",
        source="trendelenburg_sign",
        question="Standing on your {side} leg, does your pelvis drop on the other side?",
    ),
    ObjectiveTest(
        id="bridge_hold_s",
        name="bridge hold",
        kind="seconds",
        sided=False,
        high=HOLD_MAX_S,
        instructions="Lie on your back, knees bent, and lift your hips into a bridge; time "
        "how long you hold before the hips sag or the back or hamstrings take over.",
        source="schellenberg2007",
        holds=("bridge", "single_leg_bridge"),
        question="Glute bridge hold, in seconds",
    ),
)

SOURCES: tuple[Source, ...] = (*src.ALL, *sc.SOURCES)
