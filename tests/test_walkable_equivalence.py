"""The walkable floor built locally and lazily (issue 19) gives the FC5xx results the plan-wide,
eager floor gave: the same zones reached, the same pinch points, routes, widths and turning
circles, on the samples and on random plans. The plan-wide floor lives in
tests/walkable_reference.py, as it was."""

from __future__ import annotations

import math
import random
import re
from pathlib import Path

import pytest
import shapely
import walkable_reference
from conftest import SAMPLES
from shapely.geometry import LineString, Polygon, box

import floorcheck
from floorcheck import Config, Door, Obstacle, Plan, Zone
from floorcheck.geometry import analysis, walkable
from floorcheck.geometry.repair import repaired
from floorcheck.model import Metadata


class _PlanWide(walkable_reference.Walkable):
    """The reference, with FC503's query answered as before: the plan-wide union of every
    wall and obstacle (the rule subtracts it from the toilet)."""

    def blocked_near(self, geom):  # the plan-wide union, whatever is asked
        return self.blocked


def _fc5(plan: Plan, monkeypatch: pytest.MonkeyPatch, reference: bool, **options):
    with monkeypatch.context() as m:
        if reference:
            m.setattr(analysis, "Walkable", _PlanWide)
        geometry = options.pop("geometry", None)
        report = floorcheck.check(
            plan, level="county", config=Config(select=("FC5",), geometry=geometry), **options
        )
    return report


# Results agree to a micrometre, the grid floorcheck snaps coordinates to (geometry/repair.py):
# the two floors hold the same points, but a nearest point computed from rings in another order
# can differ in the last bits.
_UM = 1e-6


_NUMBER = re.compile(r"-?\d+\.?\d*")


def _key(f):
    return (f.rule, f.zones, _NUMBER.sub("#", f.message))


def _numbers(message: str) -> list[float]:
    return [float(n) for n in _NUMBER.findall(message)]


def _is_pinch(f) -> bool:
    return f.rule in ("FC501", "FC504") and "narrows to" in f.message


def _same_pinch_gap(plan: Plan, old_finding, new_finding, **options) -> bool:
    """Where the narrowest place runs along a gap of even width (two eroded parts of the floor
    facing each other along a wall), every point of it is an equally narrow place, and GEOS
    names the first it meets in the order of the rings, which the plan-wide union and the
    local one set differently. The new pinch then still joins the same two parts of the
    reference's floor, as close together as the reference's pinch does."""
    ref = _PlanWide(repaired(plan), **options)
    door = plan.main_entrance
    zone = next(z for z in ref.public_zones if z.id == old_finding.zones[0])
    width = 1.8 if plan.metadata.crowded else 1.2
    blocked_disc = round(old_finding.measured / 0.02 + 1) * 0.02
    start = ref.start_component(door, width, blocked_disc)
    eroded = ref.eroded(width, blocked_disc, door)
    target = shapely.union_all(
        [p for p in shapely.get_parts(eroded) if p.intersects(zone.geometry)]
    )
    gap = start.distance(target)
    line = new_finding.geometry
    a, b = shapely.get_point(line, 0), shapely.get_point(line, -1)
    return (
        abs(line.length - gap) < _UM
        and abs(old_finding.geometry.length - gap) < _UM
        and start.distance(a) < _UM
        and target.distance(b) < _UM
    )


def assert_same_fc5(plan: Plan, monkeypatch: pytest.MonkeyPatch, **options) -> int:
    """Check ``plan``'s FC5xx with both floors; every finding must agree (a pinch on a gap of
    even width may name another point of the same gap). Returns how many findings."""
    old = _fc5(plan, monkeypatch, True, **dict(options))
    new = _fc5(plan, monkeypatch, False, **dict(options))
    assert sorted(old.passed) == sorted(new.passed)
    assert old.skipped == new.skipped
    a, b = sorted(old.findings, key=_key), sorted(new.findings, key=_key)
    assert [_key(f) for f in a] == [_key(f) for f in b]
    for fa, fb in zip(a, b, strict=True):
        assert fa.measured == pytest.approx(fb.measured, abs=_UM), fa.message
        assert fa.required == fb.required
        if _is_pinch(fa) and fa.location != pytest.approx(fb.location, abs=_UM):
            geometry = options.get("geometry") or {}
            tol = {"wall_tolerance_m": geometry["wall_tolerance_m"]} if geometry else {}
            crowded = plan.with_(metadata=plan.metadata.merged(crowded=options.get("crowded")))
            assert _same_pinch_gap(crowded, fa, fb, **tol), fa.message
            continue
        # the printed figures: a value a hair either side of x.xx5 may print one digit apart
        assert _numbers(fa.message) == pytest.approx(_numbers(fb.message), abs=0.0101)
        if fa.location is None:
            assert fb.location is None
        else:
            assert fa.location == pytest.approx(fb.location, abs=_UM), fa.message
        ga, gb = fa.geometry, fb.geometry
        assert (ga is None) == (gb is None)
        if ga is not None:
            assert shapely.equals_exact(
                shapely.normalize(ga), shapely.normalize(gb), tolerance=_UM
            ), fa.message
    return len(a)


SAMPLE_FILES = sorted(p.name for p in SAMPLES.glob("*.dxf"))


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_samples_give_the_same_fc5_results(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = floorcheck.load(SAMPLES / name)
    assert_same_fc5(plan, monkeypatch)
    if name in ("county_ok.dxf", "county_bad_access.dxf", "village_walls_only.dxf"):
        assert_same_fc5(plan, monkeypatch, crowded=True)


_PUBLIC = [
    "waiting",
    "acceptance",
    "corridor",
    "reading",
    "exhibition",
    "consultation",
    "accessible_toilet",
    "mother_baby",
    "toilet",
]
_STAFF = ["back_office", "equipment"]


class _RandomPlan:
    """The parts of :func:`random_plan`, drawn from one seeded generator in a fixed order."""

    def __init__(self, seed: int) -> None:
        self.rnd = rnd = random.Random(seed)
        self.cols, self.rows = rnd.randint(2, 6), rnd.randint(2, 5)
        self.xs = [0.0]
        for _ in range(self.cols):
            self.xs.append(self.xs[-1] + rnd.choice([2.0, 2.4, 3.0, 4.5, 6.0, 7.2]))
        self.ys = [0.0]
        for _ in range(self.rows):
            self.ys.append(self.ys[-1] + rnd.choice([1.2, 1.5, 2.5, 4.0, 6.0]))
        self.zones: list[Zone] = []
        self.walls: list[LineString] = []
        self.doors: list[Door] = []

    def rooms(self) -> None:
        xs, ys, rnd = self.xs, self.ys, self.rnd
        for r in range(self.rows):
            for c in range(self.cols):
                gap = rnd.choice([0.0, 0.0, 0.0, 0.1, 0.25, 0.6])
                t = rnd.choice(_STAFF) if rnd.random() < 0.15 else rnd.choice(_PUBLIC)
                g = box(xs[c] + gap / 2, ys[r] + gap / 2, xs[c + 1] - gap / 2, ys[r + 1] - gap / 2)
                self.zones.append(Zone(f"Z{len(self.zones) + 1}", t, g))

    def wall_with_door(self, a, b, vertical: bool) -> None:
        rnd = self.rnd
        if rnd.random() < 0.2:
            return  # open boundary
        length = math.dist(a, b)
        double = rnd.random() < 0.2
        pieces = [(a, b)]
        if not (rnd.random() < 0.2 or length < 1.0):
            w = min(rnd.choice([0.7, 0.8, 0.9, 1.0, 1.2, 1.5]), length - 0.2)
            t = rnd.uniform(w / 2 + 0.05, length - w / 2 - 0.05)
            ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
            angle = 90.0 if vertical else 0.0
            at = (a[0] + ux * t, a[1] + uy * t)
            staff = rnd.random() < 0.1
            self.doors.append(Door(f"D{len(self.doors) + 1}", at, w, angle, staff_only=staff))
            p = (a[0] + ux * (t - w / 2), a[1] + uy * (t - w / 2))
            q = (a[0] + ux * (t + w / 2), a[1] + uy * (t + w / 2))
            pieces = [(a, p), (q, b)]
        off = (0.2, 0.0) if vertical else (0.0, 0.2)
        for p, q in pieces:
            self.walls.append(LineString([p, q]))
            if double:
                moved = [(p[0] + off[0], p[1] + off[1]), (q[0] + off[0], q[1] + off[1])]
                self.walls.append(LineString(moved))

    def obstacles(self) -> list[Obstacle]:
        rnd, w, h = self.rnd, self.xs[-1], self.ys[-1]
        out = []
        for _ in range(rnd.randint(0, 4 * self.cols * self.rows)):
            x0, y0 = rnd.uniform(0, w - 0.3), rnd.uniform(0, h - 0.3)
            kind = rnd.choice(["column", "furniture", "fixture", "counter"])
            sx, sy = rnd.choice([(0.4, 0.4), (1.4, 0.7), (0.6, 0.5), (2.4, 0.6)])
            geom: Polygon = box(x0, y0, x0 + sx, y0 + sy)
            if rnd.random() < 0.2:
                geom = shapely.affinity.rotate(geom, rnd.uniform(0, 90))
            out.append(Obstacle(geom, kind))
        return out


def random_plan(seed: int) -> Plan:
    """A few rows of rooms of random sizes: walls on the grid lines (some doubled 0.2 m apart,
    some missing), doors of random widths, a gap between some zones narrower or wider than the
    wall tolerance, columns, desks and fixtures (some touching walls or each other, some
    turned), now and then a diagonal wall; the main entrance in the south wall."""
    d = _RandomPlan(seed)
    d.rooms()
    xs, ys, rnd = d.xs, d.ys, d.rnd
    for c in range(1, d.cols):
        for r in range(d.rows):
            d.wall_with_door((xs[c], ys[r]), (xs[c], ys[r + 1]), True)
    for r in range(1, d.rows):
        for c in range(d.cols):
            d.wall_with_door((xs[c], ys[r]), (xs[c + 1], ys[r]), False)
    w, h = xs[-1], ys[-1]
    ex = rnd.uniform(1.2, w - 1.2)
    d.walls += [
        LineString([(0, 0), (ex - 1.0, 0)]),
        LineString([(ex + 1.0, 0), (w, 0)]),
        LineString([(w, 0), (w, h), (0, h), (0, 0)]),
    ]
    d.doors.append(Door("D0", (ex, 0.0), 2.0, 0.0, entrance=True, main=True, exit=True))
    if rnd.random() < 0.3:
        x0, y0 = rnd.uniform(0, w), rnd.uniform(0, h)
        d.walls.append(LineString([(x0, y0), (x0 + rnd.uniform(-3, 3), y0 + rnd.uniform(-3, 3))]))
    return Plan(
        zones=tuple(d.zones),
        walls=tuple(d.walls),
        doors=tuple(d.doors),
        obstacles=tuple(d.obstacles()),
        metadata=Metadata(level="county"),
    )


@pytest.mark.parametrize("seed", range(32))
def test_random_plans_give_the_same_fc5_results(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = random_plan(seed)
    assert_same_fc5(plan, monkeypatch)
    if seed % 4 == 0:
        assert_same_fc5(plan, monkeypatch, crowded=True)
    if seed % 4 == 1:
        assert_same_fc5(plan, monkeypatch, geometry={"wall_tolerance_m": 0.8})


def test_the_door_floor_is_not_built_where_the_entrance_cannot_reach() -> None:
    """Two halls far apart, the far one full of desks; the main entrance opens onto the near
    one. Nothing near the far hall is built, and the door's floor is the near hall's."""
    hall = [
        Zone("Z1", "entrance_hall", box(0, 0, 12, 8)),
        Zone("Z2", "waiting", box(12, 0, 24, 8)),
        Zone("Z3", "waiting", box(200, 0, 260, 40)),
    ]
    desks = tuple(
        Obstacle(box(201 + 3 * i, 1 + 2 * j, 202.4 + 3 * i, 1.7 + 2 * j))
        for i in range(19)
        for j in range(19)
    )
    plan = Plan(
        zones=tuple(hall),
        doors=(Door("D1", (6, 0), 2.0, 0.0, entrance=True, main=True),),
        walls=(LineString([(200, 0), (260, 0), (260, 40), (200, 40), (200, 0)]),),
        obstacles=desks,
    )
    w = walkable.Walkable(plan)
    built = []
    real = w._floor_within

    def spy(width, zi, bi, pi, bounds):
        built.append(bounds)
        return real(width, zi, bi, pi, bounds)

    w._floor_within = spy
    floor = w.door_floor(1.2, plan.doors[0])
    # the two halls and the half of the entrance's passage outside them (2.1 m × 0.5 m)
    assert floor.area == pytest.approx(24 * 8 + 2.1 * 0.5)
    assert floor.bounds[2] <= 24 + 1e-9
    assert built and max(b[2] for b in built) < 100  # nothing built near the far hall
    assert not w.reaches(plan.doors[0], hall[2], 1.2)


def test_fc5_sees_the_same_on_a_small_walled_room_grid(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The benchmark's plan shape at 6 × 6 rooms: rooms closed by their own wall rings."""
    import sys

    sys.path.insert(0, str(SAMPLES.parent / "benchmarks"))
    sys.path.insert(0, str(SAMPLES.parent))
    from synthetic import walled_rooms_dxf

    path = tmp_path / "walled.dxf"
    walled_rooms_dxf(path, 6)
    plan = floorcheck.load(path)
    assert assert_same_fc5(plan, monkeypatch) > 20


def test_tiles_follow_what_is_drawn_not_the_area() -> None:
    """A zone of a square kilometre with nothing in it: its floor is a few tiles, not the
    ten thousand tiles of ten metres it would take at the density of a hall."""
    plan = Plan(
        zones=(
            Zone("Z1", "waiting", box(0, 0, 1000, 1000)),
            Zone("Z2", "entrance_hall", box(1000, 0, 1010, 10)),
        ),
        doors=(Door("D1", (1005, 0), 2.0, 0.0, entrance=True, main=True),),
    )
    w = walkable.Walkable(plan)
    calls = []
    real = w._floor_within

    def spy(*args):
        calls.append(args[-1])
        return real(*args)

    w._floor_within = spy
    floor = w.door_floor(1.2, plan.doors[0])
    assert floor.area == pytest.approx(1000 * 1000 + 10 * 10 + 2.1 * 0.5)
    assert len(calls) <= 10
