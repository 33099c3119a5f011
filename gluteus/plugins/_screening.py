"""Grading helpers and screening citations shared by the built-in issue plugins.

Every issue plugin grades its issue the same transparent way, so a person can see
why a finding has the severity it has:

- each of the issue's signs that the person reports counts **1 point**;
- pain in the issue's region(s) counts **1 point** at 1–3/10 and **2 points** at
  4/10 or more (:func:`pain_points`);
- each test result that falls outside its threshold counts **1 point**;
- severity is the total, capped at 3.

The point scheme itself is a convention (``screening_convention``): no study
grades these issues, so the scale only orders what the person reported. The
thresholds each test uses are documented where they are defined, with their
source key. Everything here is pure: same profile in, same finding out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction

import attrs
from attrs import frozen

from gluteus.engine.model import Finding, ObjectiveTest, Source
from gluteus.engine.profile import Profile, Sides

# --- Citations used by screening (not already in _sources.py) -----------------------

SCREENING_CONVENTION = Source(
    "screening_convention",
    "gluteus screening scale: 1 point per sign reported, 1-2 points for pain in the issue's "
    "region, 1 point per test result outside its threshold; severity = points, capped at 3. "
    "A convention that orders what the person reports; no study grades these issues.",
    "convention",
)
PAIN_BANDS = Source(
    "pain_bands_convention",
    "Pain bands for screening borrowed from the pain-monitoring model of Silbernagel 2007 "
    "(0-3/10 'safe', 4-5 'acceptable', >5 'too much'), which rates pain during exercise; "
    "using its 4/10 boundary for typical pain now is a convention.",
    "convention",
)
MCGILL1999 = Source(
    "mcgill1999",
    "McGill SM, Childs A, Liebenson C. Endurance times for low back stabilization exercises: "
    "clinical targets for testing and training from a normal database. Arch Phys Med Rehabil "
    "1999;80(8):941-944 (side plank men ~95 s, women ~75 s [R]; left/right ratio ~1:1; "
    "side plank/extensor < 0.75).",
    "verified",
)
SCHELLENBERG2007 = Source(
    "schellenberg2007",
    "Schellenberg KL, Lang JM, Chan KM, Burnham RS. A clinical tool for office assessment of "
    "lumbar spine stabilization endurance: prone and supine bridge maneuvers. Am J Phys Med "
    "Rehabil 2007;86(5):380-386 (supine bridge 170.4 +/- 42.5 s in 43 people without back pain "
    "vs 76.7 +/- 48.9 s in 32 with chronic low-back pain; the groups overlap widely).",
    "weak",
    "https://pubmed.ncbi.nlm.nih.gov/17303961/",
)
ARAUJO2022 = Source(
    "araujo2022",
    "Araujo CG et al. Successful 10-second one-legged stance performance predicts survival in "
    "middle-aged and older individuals. Br J Sports Med 2022;56(17):975-980 (ages 51-75: "
    "failing the 10 s stand ~ twice the mortality; via a secondary page).",
    "verified",
)
LIMB_SYMMETRY = Source(
    "limb_symmetry_convention",
    "Left/right asymmetry counted when the weaker side is below 90% of the stronger: the common "
    "hop-test limb symmetry cut-off (>90%, a BJSM table) applied to side-plank holds by "
    "analogy, and McGill 1999's ~1:1 side-plank ratio. A convention for this test.",
    "convention",
)
GOLDBERG2011 = Source(
    "goldberg2011",
    "Goldberg A, Casby A, Wasielewski M. Minimum detectable change for single-leg-stance-time "
    "in older adults. Gait Posture 2011;33(4):737-739 (25 adults aged 60-89: standard error "
    "of measurement 8.7 s, minimum detectable change 24.1 s at 95% confidence; measurement "
    "error 40.8% of the mean). Numbers seen in the abstract as summarised on a secondary "
    "page; the authors' names are recalled.",
    "verified",
)
MCCURDY2006 = Source(
    "mccurdy2006",
    "McCurdy K, Langford G. The relationship between maximum unilateral squat strength and "
    "balance in young adult men and women. J Sports Sci Med 2006;5:282-288 (stork stand, "
    "dominant vs non-dominant leg: men 26.4 vs 26.0 s, women 24.1 vs 21.3 s, not "
    "significantly different: healthy legs differ by about 10%).",
    "verified",
)
STANCE_SIDE = Source(
    "stance_side_convention",
    "Single-leg stance names a weaker side only when the shorter time is at most 80% of the "
    "longer (a difference of 20% or more: healthy legs differ by about 10%, McCurdy 2006) "
    "and the two differ by more than 8.7 s, the standard error of measurement of the test "
    "(Goldberg 2011, older adults). Both parts together are a convention; a difference "
    "within them is read as measurement error.",
    "convention",
)
SLS_QUALITY = Source(
    "single_leg_squat_rating",
    "Single-leg squat quality: good/poor 5-criteria rating (Rehabil Res Pract 2012) and the "
    "0-4 multi-segment score (BMC Sports Sci Med Rehabil 2021); the knee moving inside the foot "
    "(dynamic valgus) is one of the criteria.",
    "verified",
)
TRENDELENBURG = Source(
    "trendelenburg_sign",
    "Trendelenburg sign: the pelvis drops on the side of the lifted leg in single-leg stance, "
    "read as weakness of the stance-side hip abductors. No diagnostic accuracy data were "
    "gathered for this program.",
    "weak",
)
BRUNO2014 = Source(
    "bruno2014",
    "Bruno PA, Millar DP, Goertzen DA. Inter-rater agreement, sensitivity, and specificity of "
    "the prone hip extension test and active straight leg raise test. Chiropr Man Therap "
    "2014;22:23 (prone hip extension: sensitivity 0.18-0.27, specificity 0.63-0.78). Glute "
    "max also fires late on prone hip extension in healthy people (a systematic review).",
    "verified",
)

SOURCES: tuple[Source, ...] = (
    SCREENING_CONVENTION,
    PAIN_BANDS,
    MCGILL1999,
    SCHELLENBERG2007,
    ARAUJO2022,
    LIMB_SYMMETRY,
    GOLDBERG2011,
    MCCURDY2006,
    STANCE_SIDE,
    SLS_QUALITY,
    TRENDELENBURG,
    BRUNO2014,
)
"""Every screening citation; each issue plugin declares them all (identical duplicates)."""

# --- Thresholds shared by several plugins -------------------------------------------

MAX_SEVERITY = 3
"""Severity scale 0-3 (``screening_convention``)."""

PAIN_MODERATE = 4
"""Pain at or above this counts 2 points, below it (from 1) 1 point
(``pain_bands_convention``: the 'acceptable'/amber band of Silbernagel 2007 starts at 4/10)."""

SYMMETRY_MIN = Fraction(9, 10)
"""Weaker side below 90% of the stronger (asymmetry > 10%) counts as a meaningful
left/right difference in side-plank holds (``limb_symmetry_convention``)."""

# --- Building a finding -------------------------------------------------------------


@frozen
class Evidence:
    """What counted towards one finding: points, and their description in words.

    ``sides`` collects which side each one-sided test result points to; the
    finding names a weaker side only when they agree.
    """

    points: int = 0
    pain: int = 0
    signs: tuple[str, ...] = ()
    tests: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    sides: tuple[str, ...] = ()

    def add(
        self,
        points: int = 0,
        *,
        pain: int = 0,
        signs: Iterable[str] = (),
        test: str | None = None,
        note: str | None = None,
        side: str | None = None,
    ) -> Evidence:
        """A copy with ``points`` (and ``pain`` points) more and the given sign ids,
        test text, note and side."""
        return attrs.evolve(
            self,
            points=self.points + points + pain,
            pain=self.pain + pain,
            signs=self.signs + tuple(signs),
            tests=self.tests + ((test,) if test else ()),
            notes=self.notes + ((note,) if note else ()),
            sides=self.sides + ((side,) if side else ()),
        )


def count_signs(profile: Profile, sign_ids: Sequence[str], evidence: Evidence) -> Evidence:
    """Add 1 point per sign of ``sign_ids`` the person reports (in declaration order)."""
    present = tuple(s for s in sign_ids if s in profile.signs)
    return evidence.add(len(present), signs=present)


def count_tests(
    profile: Profile, tests: Mapping[str, ObjectiveTest], issue: str, evidence: Evidence
) -> Evidence:
    """Add 1 point per declared test whose result is beyond its cut-off for ``issue``
    (:meth:`~gluteus.engine.model.ObjectiveTest.beyond`), whichever plugin declares the
    test, naming it in ``tests`` (in test id order)."""
    for test_id, test in sorted(tests.items()):
        result = profile.tests.get(test_id)
        words = None if result is None else test.beyond(issue, result, profile.age)
        if words is not None:
            evidence = evidence.add(1, test=words)
    return evidence


def pain_points(level: int) -> int:
    """Points for typical pain ``level`` 0–10: 0 at 0, 1 at 1–3, 2 from 4
    (:data:`PAIN_MODERATE`, ``pain_bands_convention``)."""
    if level <= 0:
        return 0
    return 2 if level >= PAIN_MODERATE else 1


def count_pain(profile: Profile, regions: Sequence[str], evidence: Evidence) -> Evidence:
    """Add points for the worst pain among ``regions``, naming it in the notes."""
    levels = {region: profile.pain.get(region) for region in regions}
    region, level = max(levels.items(), key=lambda kv: kv[1])
    points = pain_points(level)
    if not points:
        return evidence
    band = "4/10 or more" if points == 2 else "1-3/10"
    words = region.replace("_", " ")
    return evidence.add(
        pain=points,
        note=f"{words.capitalize()} pain {level}/10 counts {points} point{'s' * (points > 1)} "
        f"({band}; bands borrowed from Silbernagel 2007's pain monitoring, a convention here).",
    )


def weaker_of(sides: Sides) -> tuple[str | None, float]:
    """For a pair of times: the weaker (shorter) side when the shorter is below
    :data:`SYMMETRY_MIN` of the longer, and the ratio shorter/longer (1.0 when equal
    or both zero)."""
    left, right = float(sides.left), float(sides.right)
    longer = max(left, right)
    ratio = 1.0 if longer == 0 else min(left, right) / longer
    # Compared exactly (Fraction), so 45 s vs 50 s sits at the boundary, not below it.
    if Fraction(min(left, right)) >= SYMMETRY_MIN * Fraction(longer):
        return None, ratio
    return ("left" if left < right else "right"), ratio


def _exact(value: float) -> Fraction:
    # Through the decimal text, so 20.7 - 12 is exactly 8.7, as a person reads it.
    return Fraction(str(value))


def weaker_beyond_error(sides: Sides, most: Fraction, margin: Fraction) -> tuple[str | None, float]:
    """For a pair of times: the weaker (shorter) side when the shorter is at most
    ``most`` of the longer *and* the two differ by more than ``margin`` seconds (a
    test's measurement error), and the ratio shorter/longer (1.0 when equal or both
    zero). Either part alone names no side: a large ratio between two short times,
    or a few seconds between two long ones, is within what the test repeats to."""
    left, right = _exact(sides.left), _exact(sides.right)
    longer, shorter = max(left, right), min(left, right)
    ratio = 1.0 if longer == 0 else float(shorter / longer)
    if shorter > most * longer or longer - shorter <= margin:
        return None, ratio
    return ("left" if left < right else "right"), ratio


def asymmetry(name: str, sides: Sides, evidence: Evidence, *, source: str) -> Evidence:
    """Add 1 point and a weaker side when a timed test differs by more than 10% L/R."""
    side, ratio = weaker_of(sides)
    if side is None:
        return evidence
    return evidence.add(
        1,
        test=f"{name} {seconds(sides.left)} s left vs {seconds(sides.right)} s right: the {side} side "
        f"holds {ratio:.0%} of the other (below 90%, asymmetry counted)",
        note=f"Asymmetry is counted when the weaker side is below 90% of the stronger: a "
        f"convention ({LIMB_SYMMETRY.key}; healthy ratio ~1:1, {source}).",
        side=side,
    )


def one_sided(
    name: str, sides: Sides, what: str, evidence: Evidence, note: str | None = None
) -> Evidence:
    """Add 1 point when a yes/no test is positive on either side; a side when only one
    is. ``what`` may hold ``{where}`` for the positive side(s); ``note`` is added too."""
    positive = [side for side in ("left", "right") if getattr(sides, side)]
    if not positive:
        return evidence
    where = " and ".join(positive)
    return evidence.add(
        1,
        test=f"{name}: {what.format(where=where)}",
        note=note,
        side=positive[0] if len(positive) == 1 else None,
    )


def trendelenburg(sides: Sides, evidence: Evidence) -> Evidence:
    """Add 1 point for a positive Trendelenburg sign (``trendelenburg_sign``; no accuracy
    data ⚠). A side is positive when, standing on that leg, the pelvis drops on the
    other side: the standing side's hip abductors are the weak ones."""
    return one_sided(
        "Trendelenburg",
        sides,
        "positive standing on the {where} leg (the pelvis drops on the other side)",
        evidence,
        note="The Trendelenburg sign counts, but no data on its accuracy were gathered "
        f"(weak, {TRENDELENBURG.key}).",
    )


def finish(issue: str, evidence: Evidence, caveat: str | None) -> Finding:
    """The finding: severity from the points, the weaker side when all one-sided
    results agree, and notes that explain the grade and carry the evidence ``caveat``."""
    severity = min(MAX_SEVERITY, evidence.points)
    distinct = set(evidence.sides)
    weaker = evidence.sides[0] if len(distinct) == 1 else None
    notes = list(evidence.notes)
    if len(distinct) > 1:
        notes.append("The tests disagree on which side is weaker, so no side is named.")
    if severity:
        parts = []
        if evidence.signs:
            n = len(evidence.signs)
            parts.append(f"{n} sign{'s' * (n > 1)}")
        if evidence.tests:
            n = len(evidence.tests)
            parts.append(f"{n} test result{'s' * (n > 1)}")
        if evidence.pain:
            parts.append("pain")
        capped = " (capped at 3)" if evidence.points > MAX_SEVERITY else ""
        notes.insert(
            0,
            f"Severity {severity} of 3: {evidence.points} point"
            f"{'s' * (evidence.points > 1)}{capped} from {listing(parts)} "
            "(1 point per sign or test result, 1-2 for pain: a convention, "
            f"{SCREENING_CONVENTION.key}).",
        )
    else:
        notes.insert(0, "Nothing counted towards this issue.")
    if caveat:
        notes.append(caveat)
    return Finding(
        issue=issue,
        severity=severity,
        signs=evidence.signs,
        tests=evidence.tests,
        weaker_side=weaker,
        notes=tuple(notes),
    )


def listing(parts: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def seconds(value: float) -> str:
    """Seconds without a trailing .0."""
    return f"{value:g}"
