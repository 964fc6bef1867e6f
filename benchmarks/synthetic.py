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
    for r in range(rows):
        for c in range(cols):
            for vertical, nb in ((True, (r, c + 1)), (False, (r + 1, c))):
                if nb in kinds:
                    _grid_wall(rnd, kinds, (r, c), nb, vertical, room_m, walls, doors)
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


WALLED_LABELS = [
    ("休息等候区", 10),
    ("综合受理区", 10),
    ("咨询导服区", 6),
    ("自助申报区", 6),
    ("宣传展示区", 4),
    ("制证出证区", 4),
    ("休息阅读区", 4),
    ("项目洽谈区", 4),
    ("无障碍卫生间", 8),
    ("母婴室", 3),
    ("卫生间", 6),
    ("后台协同区", 12),
    ("物料流转区", 6),
    ("设备间", 4),
]


class _WalledDrawer:
    """Draws the rooms of :func:`walled_rooms_dxf` into one modelspace (millimetres)."""

    ROOM_W, ROOM_H, WALL, CORRIDOR = 6.0, 5.0, 0.2, 2.0

    def __init__(self, seed: int) -> None:
        from samples.make_samples import _door_block, new_document

        self.rnd = random.Random(seed)
        self.doc = new_document()
        for name, color in (("A-AREA-PATT", 254), ("A-DIMS", 2)):
            self.doc.layers.add(name, color=color)
        desk = self.doc.blocks.new("DESK")
        desk.add_lwpolyline([(0, 0), (1400, 0), (1400, 700), (0, 700)], close=True)
        desk.add_line((0, 0), (1400, 700))
        desk.add_circle((700, 1000), 250)
        self.door_block = _door_block(self.doc, "M1021", 1.0)
        self.main_block = _door_block(self.doc, "ZM2024", 2.0)
        self.msp = self.doc.modelspace()
        self.labels = [lab for lab, n in WALLED_LABELS for _ in range(n)]
        self.drawn = {"zones": 0, "desks": 0, "doors": 0}

    @staticmethod
    def mm(pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
        return [(x * 1000.0, y * 1000.0) for x, y in pts]

    @staticmethod
    def rect(x0: float, y0: float, x1: float, y1: float) -> list[tuple[float, float]]:
        return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]

    def zone(self, label: str, x0: float, y0: float, x1: float, y1: float) -> None:
        """The zone polyline, its solid hatch and its name with the area."""
        ring = self.mm(self.rect(x0, y0, x1, y1))
        self.msp.add_lwpolyline(ring, close=True, dxfattribs={"layer": "A-AREA"})
        hatch = self.msp.add_hatch(color=254, dxfattribs={"layer": "A-AREA-PATT"})
        hatch.paths.add_polyline_path(ring, is_closed=True)
        text = f"{{\\fSimSun|b0|i0;{label}}}\\P{(x1 - x0) * (y1 - y0):.1f}㎡"
        style = {"char_height": 350, "attachment_point": 5, "layer": "A-AREA"}
        self.msp.add_mtext(text, dxfattribs=style).set_location(
            ((x0 + x1) / 2 * 1000, (y0 + y1) / 2 * 1000)
        )
        self.drawn["zones"] += 1

    def room(self, x0: float, y0: float, upper: bool, camera: bool) -> None:
        """One room: zone, wall ring open at its door (south in a lower row, north in an upper
        one), the door block, furniture and two dimensions."""
        x1, y1 = x0 + self.ROOM_W, y0 + self.ROOM_H
        label = self.rnd.choice(self.labels)
        self.zone(label, x0, y0, x1, y1)
        dx = x0 + self.rnd.uniform(1.0, self.ROOM_W - 1.0)
        dy = y1 if upper else y0
        ring = (
            [(dx + 0.5, y1), (x1, y1), (x1, y0), (x0, y0), (x0, y1), (dx - 0.5, y1)]
            if upper
            else [(dx - 0.5, y0), (x0, y0), (x0, y1), (x1, y1), (x1, y0), (dx + 0.5, y0)]
        )
        self.msp.add_lwpolyline(self.mm(ring), dxfattribs={"layer": "A-WALL"})
        self.msp.add_blockref(
            self.door_block, ((dx - 0.5) * 1000, dy * 1000), dxfattribs={"layer": "A-DOOR"}
        )
        self.drawn["doors"] += 1
        self.furniture(label, x0, y0, upper)
        if camera:
            self.msp.add_blockref(
                "球机", ((x0 + 0.3) * 1000, (y0 + 0.3) * 1000), dxfattribs={"layer": "E-CCTV"}
            )
        for base, p1, p2, angle in (
            ((x0, y1 - 0.5), (x0, y1), (x1, y1), 0),
            ((x1 - 0.5, y0), (x1, y0), (x1, y1), 90),
        ):
            self.msp.add_linear_dim(
                base=self.mm([base])[0],
                p1=self.mm([p1])[0],
                p2=self.mm([p2])[0],
                angle=angle,
                dxfattribs={"layer": "A-DIMS"},
            ).render()

    def furniture(self, label: str, x0: float, y0: float, upper: bool) -> None:
        """Desks in two rows clear of the door side; a basin in an accessible toilet; a
        counter, a terminal or a seat row where the room's kind has one."""
        n = 0 if "卫生间" in label or label == "母婴室" else self.rnd.randint(4, 10)
        for k in range(n):
            px = x0 + 0.4 + (k % 4) * 1.4 + self.rnd.uniform(0, 0.1)
            py = (y0 + 0.6 if upper else y0 + 2.0) + (k // 4) * 1.3
            self.msp.add_blockref("DESK", (px * 1000, py * 1000), dxfattribs={"layer": "A-FURN"})
        self.drawn["desks"] += n
        if "无障碍" in label:
            x1, y1 = x0 + self.ROOM_W, y0 + self.ROOM_H
            by = y0 + 0.1 if upper else y1 - 0.7
            basin = self.mm(self.rect(x1 - 0.7, by, x1 - 0.1, by + 0.6))
            self.msp.add_lwpolyline(basin, close=True, dxfattribs={"layer": "A-FURN"})
        block, layer, attribs, at = {
            "综合受理区": ("COUNTER", "A-FURN-COUNTER", {"TYPE": "无差别"}, (3.0, 2.5)),
            "自助申报区": ("自助终端", "A-FURN", {"NOTE": "综合自助"}, (5.3, 2.5)),
            "休息等候区": ("排椅", "A-FURN", {"SEATS": "6"}, (3.0, 0.7 if upper else 4.3)),
        }.get(label, (None, "", {}, (0.0, 0.0)))
        if block is not None:
            ref = self.msp.add_blockref(
                block,
                ((x0 + at[0]) * 1000, (y0 + at[1]) * 1000),
                dxfattribs={"layer": layer, "rotation": 180 if upper else 0},
            )
            ref.add_auto_attribs(attribs)

    def lobby(self, x1: float) -> None:
        """The 门厅 south of the first row's rooms from 0 to ``x1``, open to them, with the
        main entrance in its south wall."""
        import ezdxf

        w = self.WALL
        self.zone("门厅", 0.0, -6.0, x1, -w)
        for pts in (
            [(0.0, -w), (0.0, -6.0), (x1 / 2 - 1.0, -6.0)],
            [(x1 / 2 + 1.0, -6.0), (x1, -6.0), (x1, -w)],
        ):
            self.msp.add_lwpolyline(self.mm(pts), dxfattribs={"layer": "A-WALL"})
        self.msp.add_blockref(
            self.main_block, ((x1 / 2 - 1.0) * 1000, -6000.0), dxfattribs={"layer": "A-DOOR"}
        )
        self.msp.add_text("主入口", height=300, dxfattribs={"layer": "A-ANNO-TEXT"}).set_placement(
            (x1 / 2 * 1000, -6600.0), align=ezdxf.enums.TextEntityAlignment.MIDDLE_CENTER
        )


def walled_rooms_dxf(path, side: int, seed: int = 5) -> dict[str, int]:
    """A grid of ``side × side`` walled rooms, drawn as offices draw cellular plans: each room's
    inner wall face is its own LWPOLYLINE ring on A-WALL, open at its one door (an M1021 block),
    the two faces of a party wall 0.2 m apart; the room itself a closed LWPOLYLINE on A-AREA with
    its MTEXT name and a solid HATCH; desks (INSERTs on A-FURN) inside, two dimensions on each
    room. Rooms stand back to back in pairs of rows with a 2 m corridor between pairs that no
    zone covers (the routes stop there, as in a plan whose corridors are not drawn as zones); a
    门厅 along the south of the first quarter of the columns holds the main entrance, and the
    rooms of the first row open onto it. Counters in the 综合受理区, a PTZ camera in every fourth
    room, terminals and seat rows where they belong. Returns what was drawn."""
    d = _WalledDrawer(seed)
    pitch_x = d.ROOM_W + d.WALL
    pair_h = 2 * d.ROOM_H + d.WALL + d.CORRIDOR
    for r in range(side):
        pair, upper = divmod(r, 2)
        y0 = pair * pair_h + (d.ROOM_H + d.WALL if upper else 0.0)
        for c in range(side):
            d.room(c * pitch_x, y0, bool(upper), camera=(r * side + c) % 4 == 0)
    d.lobby(max(1, side // 4) * pitch_x - d.WALL)
    d.doc.header.custom_vars.append("FC_LEVEL", "county")
    d.doc.saveas(path)
    return {**d.drawn, "entities": len(d.msp)}


def _grid_wall(rnd, kinds, here, nb, vertical: bool, room_m: float, walls, doors) -> None:
    """The wall between room ``here`` and its neighbour ``nb`` of :func:`grid_hall`, with its
    doors (none where two public rooms are left open to each other)."""
    both_public = kinds[here] in PUBLIC and kinds[nb] in PUBLIC
    if both_public and rnd.random() < 0.2:
        return  # open boundary: no wall
    staff = kinds[here] in STAFF or kinds[nb] in STAFF
    x, y = here[1] * room_m, here[0] * room_m
    # one door in the wall, two in most (4,000 doors for 2,000 rooms)
    spots = (0.25, 0.75) if rnd.random() < 0.18 else (0.5,)
    cuts = [0.0]
    for t in spots:
        cuts += [t * room_m - 0.45, t * room_m + 0.45]
        pos = (x + room_m, y + t * room_m) if vertical else (x + t * room_m, y + room_m)
        angle = 90.0 if vertical else 0.0
        doors.append(Door(f"D{len(doors) + 1}", pos, 0.9, angle, staff_only=staff))
    cuts.append(room_m)
    for a, b in zip(cuts[::2], cuts[1::2], strict=True):
        if vertical:
            walls.append(LineString([(x + room_m, y + a), (x + room_m, y + b)]))
        else:
            walls.append(LineString([(x + a, y + room_m), (x + b, y + room_m)]))


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
