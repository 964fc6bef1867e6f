"""Large synthetic service halls for the benchmarks, built as Plans (and DXF when asked).

A grid of rooms, each a zone of a type drawn in turn from the guide's set, walls on the grid
lines with door gaps, open boundaries between some public rooms, counters, cameras and
obstacles. Seeded, so every run measures the same plan.
"""

from __future__ import annotations

import math
import random

from shapely.geometry import LineString, box

from floorcheck import Camera, Door, Obstacle, Plan, Window, Zone
from floorcheck.model import Metadata

PUBLIC = [
    "waiting",
    "acceptance",
    "consultation",
    "self_declaration",
    "exhibition",
    "certificate_issue",
    "corridor",
    "reading",
]
STAFF = ["back_office", "material_circulation", "equipment"]


def grid_hall(
    cols: int,
    rows: int,
    room_m: float = 4.0,
    seed: int = 1,
    windows: int = 40,
    cameras: int = 0,
    obstacles: int = 0,
) -> Plan:
    """``cols × rows`` rooms; about two doors per room; one in three public walls left open."""
    rnd = random.Random(seed)
    zones, walls, doors = [], [], []
    kinds = {}
    for r in range(rows):
        for c in range(cols):
            t = rnd.choice(STAFF) if rnd.random() < 0.2 else rnd.choice(PUBLIC)
            kinds[(r, c)] = t
            zones.append(
                Zone(
                    f"Z{len(zones) + 1}",
                    t,
                    box(c * room_m, r * room_m, (c + 1) * room_m, (r + 1) * room_m),
                )
            )
    did = 0
    for r in range(rows):
        for c in range(cols):
            x, y = c * room_m, r * room_m
            for vertical, nb in ((True, (r, c + 1)), (False, (r + 1, c))):
                if nb not in kinds:
                    continue
                both_public = kinds[(r, c)] in PUBLIC and kinds[nb] in PUBLIC
                if both_public and rnd.random() < 0.2:
                    continue  # open boundary: no wall
                staff = kinds[(r, c)] in STAFF or kinds[nb] in STAFF
                # one door in the wall, two in most (4,000 doors for 2,000 rooms)
                spots = (0.25, 0.75) if rnd.random() < 0.18 else (0.5,)
                cuts = [0.0]
                for t in spots:
                    cuts += [t * room_m - 0.45, t * room_m + 0.45]
                    did += 1
                    pos = (x + room_m, y + t * room_m) if vertical else (x + t * room_m, y + room_m)
                    doors.append(
                        Door(f"D{did}", pos, 0.9, 90.0 if vertical else 0.0, staff_only=staff)
                    )
                cuts.append(room_m)
                for a, b in zip(cuts[::2], cuts[1::2], strict=True):
                    if vertical:
                        walls.append(LineString([(x + room_m, y + a), (x + room_m, y + b)]))
                    else:
                        walls.append(LineString([(x + a, y + room_m), (x + b, y + room_m)]))
    w, h = cols * room_m, rows * room_m
    walls += [
        LineString([(0, 0), (w / 2 - 1, 0)]),
        LineString([(w / 2 + 1, 0), (w, 0)]),
        LineString([(w, 0), (w, h)]),
        LineString([(w, h), (0, h)]),
        LineString([(0, h), (0, 0)]),
    ]
    doors.append(Door("D0", (w / 2, 0), 2.0, 0.0, entrance=True, main=True, exit=True))
    acc = [z for z in zones if z.type == "acceptance"]
    wins = []
    for i in range(min(windows, len(acc))):
        zx0, zy0, zx1, zy1 = acc[i].geometry.bounds
        wins.append(Window(f"W{i + 1}", "undifferentiated", ((zx0 + zx1) / 2, zy1 - 0.6), -90.0))
    cams = []
    for i in range(cameras):
        cams.append(
            Camera(
                f"C{i + 1}",
                "ptz" if i % 3 == 0 else "fixed",
                (rnd.uniform(0.5, w - 0.5), rnd.uniform(0.5, h - 0.5)),
                rnd.uniform(0, 360),
            )
        )
    obs = []
    for _ in range(obstacles):
        ox, oy = rnd.uniform(0.5, w - 1.0), rnd.uniform(0.5, h - 1.0)
        obs.append(Obstacle(box(ox, oy, ox + 0.5, oy + 0.5), "column"))
    return Plan(
        zones=tuple(zones),
        walls=tuple(walls),
        doors=tuple(doors),
        windows=tuple(wins),
        cameras=tuple(cams),
        obstacles=tuple(obs),
        metadata=Metadata(level="county"),
    )


def open_hall(
    area_m2: float = 3000.0,
    obstacles: int = 1000,
    cameras: int = 60,
    wall_segments: int = 2000,
    seed: int = 2,
) -> Plan:
    """One open hall of ``area_m2`` split into 12 public zones, with scattered obstacles and
    short partition walls (2,000 segments), for the access and camera benchmarks."""
    rnd = random.Random(seed)
    side = math.sqrt(area_m2)
    zones = []
    n = 4
    step = side / n
    types = [
        "entrance_hall",
        "waiting",
        "acceptance",
        "consultation",
        "self_declaration",
        "exhibition",
        "reading",
        "certificate_issue",
        "negotiation",
        "catering",
        "experience",
        "corridor",
    ]
    for i in range(n):
        for j in range(3):
            zones.append(
                Zone(
                    f"Z{len(zones) + 1}",
                    types[len(zones)],
                    box(i * step, j * side / 3, (i + 1) * step, (j + 1) * side / 3),
                )
            )
    walls = [
        LineString([(0, 0), (side / 2 - 1, 0)]),
        LineString([(side / 2 + 1, 0), (side, 0)]),
        LineString([(side, 0), (side, side)]),
        LineString([(side, side), (0, side)]),
        LineString([(0, side), (0, 0)]),
    ]
    while len(walls) < wall_segments:
        x, y = rnd.uniform(2, side - 2), rnd.uniform(2, side - 2)
        a = rnd.uniform(0, math.pi)
        walls.append(LineString([(x, y), (x + 0.8 * math.cos(a), y + 0.8 * math.sin(a))]))
    obs = []
    while len(obs) < obstacles:
        x, y = rnd.uniform(1, side - 1.5), rnd.uniform(2.5, side - 1.5)
        obs.append(Obstacle(box(x, y, x + 0.4, y + 0.4), "furniture"))
    cams = [
        Camera(
            f"C{i + 1}",
            "ptz" if i % 4 == 0 else "fixed",
            (rnd.uniform(1, side - 1), rnd.uniform(1, side - 1)),
            rnd.uniform(0, 360),
        )
        for i in range(cameras)
    ]
    doors = [Door("D1", (side / 2, 0), 2.0, 0.0, entrance=True, main=True, exit=True)]
    return Plan(
        zones=tuple(zones),
        walls=tuple(walls),
        obstacles=tuple(obs),
        cameras=tuple(cams),
        doors=tuple(doors),
        metadata=Metadata(level="county"),
    )
