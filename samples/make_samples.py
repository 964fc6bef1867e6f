"""Write the sample plans in samples/ — drawn the way Chinese design offices draw.

Millimetre units ($INSUNITS = 4), zones as closed LWPOLYLINEs on A-AREA with MTEXT labels
(with formatting codes and area text), the hall outline on A-AREA-GROS, walls on A-WALL with
gaps at the doors, door blocks named by their Chinese door tags (M1021, ZM2024) on A-DOOR,
counter blocks with a TYPE attribute on A-FURN-COUNTER, cameras (枪机/球机) on E-CCTV,
self-service terminals, seat rows with a SEATS attribute and exit signs.

Run ``python samples/make_samples.py`` to rewrite them; the tests compare nothing against
fixed files, they read what this script writes.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import ezdxf
from ezdxf.document import Drawing

HERE = Path(__file__).resolve().parent
MM = 1000.0

Rect = tuple[float, float, float, float]
XY = tuple[float, float]


@dataclass
class Layout:
    """A hall in metres. Walls are segments; doors cut gaps into the walls they sit on."""

    title: str
    outline: Rect | None
    zones: list[tuple[str, Rect]]
    walls: list[tuple[XY, XY]] = field(default_factory=list)
    # (x, y, width m, angle deg, block tag, label or "")
    doors: list[tuple[float, float, float, float, str, str]] = field(default_factory=list)
    # (x, y, facing deg, TYPE attribute)
    windows: list[tuple[float, float, float, str]] = field(default_factory=list)
    # (x, y, direction deg, block name)
    cameras: list[tuple[float, float, float, str]] = field(default_factory=list)
    terminals: list[tuple[float, float, bool]] = field(default_factory=list)
    seats: list[tuple[float, float, int]] = field(default_factory=list)
    signs: list[tuple[float, float, str]] = field(default_factory=list)
    obstacles: list[Rect] = field(default_factory=list)  # fixed furniture on A-FURN
    columns: list[Rect] = field(default_factory=list)
    header: dict[str, str] = field(default_factory=dict)

    def without_zone(self, label: str) -> Layout:
        return replace(self, zones=[z for z in self.zones if z[0] != label])


def _rect_walls(r: Rect) -> list[tuple[XY, XY]]:
    x0, y0, x1, y1 = r
    return [((x0, y0), (x1, y0)), ((x1, y0), (x1, y1)), ((x1, y1), (x0, y1)), ((x0, y1), (x0, y0))]


def county_ok() -> Layout:
    """A county-level 政务服务中心, 40 m × 30 m, that meets every rule of the guide."""
    outline = (0.0, 0.0, 40.0, 30.0)
    zones = [
        ("24小时自助服务区", (0, 0, 8, 8)),
        ("宣传展示区", (8, 0, 16, 8)),
        ("门厅", (16, 0, 24, 8)),
        ("咨询导服区", (24, 0, 30, 8)),
        ("自助申报区", (30, 0, 40, 8)),
        ("母婴室", (0, 13, 4, 18)),
        ("无障碍卫生间", (0, 10, 4, 13)),
        ("卫生间", (0, 8, 4, 10)),
        ("走廊", (4, 8, 7, 18)),
        ("休息等候区", (7, 8, 26, 18)),
        ("制证出证区", (26, 8, 32, 18)),
        ("休息阅读区", (32, 8, 40, 18)),
        ("综合受理区", (4, 18, 32, 24)),
        ("项目洽谈区", (32, 18, 40, 24)),
        ("设备间", (0, 18, 4, 30)),
        ("后台协同区", (4, 24, 20, 30)),
        ("男更衣室", (20, 24, 23, 30)),
        ("女更衣室", (23, 24, 26, 30)),
        ("物料流转区", (26, 24, 32, 30)),
        ("项目帮办区", (32, 24, 40, 30)),
    ]
    walls = _rect_walls(outline)
    walls += [
        ((8, 0), (8, 8)),
        ((0, 8), (8, 8)),  # 24h self-service room
        ((0, 10), (4, 10)),
        ((0, 13), (4, 13)),
        ((4, 8), (4, 18)),
        ((7, 8), (7, 18)),
        ((4, 18), (7, 18)),  # toilet suite: reached only through its door from the waiting area
        ((0, 18), (4, 18)),
        ((4, 18), (4, 30)),  # equipment room
        ((4, 24), (32, 24)),
        ((20, 24), (20, 30)),
        ((23, 24), (23, 30)),
        ((26, 24), (26, 30)),
        ((32, 24), (32, 30)),
        ((32, 24), (40, 24)),
    ]
    doors = [
        (20.0, 0.0, 2.0, 0.0, "ZM2024", "主入口"),
        (4.0, 0.0, 1.0, 0.0, "M1021", "24h自助入口"),
        (8.0, 4.0, 1.0, 90.0, "M1021", ""),
        (7.0, 17.0, 1.2, 90.0, "M1221", ""),  # toilet suite from the waiting area
        (4.0, 9.0, 1.0, 90.0, "M1021", ""),
        (4.0, 11.5, 1.0, 90.0, "M1021", ""),
        (4.0, 16.0, 1.0, 90.0, "M1021", ""),
        (12.0, 24.0, 1.0, 0.0, "M1021", "员工专用"),
        (29.0, 24.0, 1.0, 0.0, "M1021", "员工"),
        (20.0, 27.0, 1.0, 90.0, "M1021", "员工"),
        (26.0, 27.0, 1.0, 90.0, "M1021", "员工"),
        (4.0, 27.0, 1.0, 90.0, "M1021", "员工"),
        (36.0, 24.0, 1.2, 0.0, "M1221", ""),
        (40.0, 12.0, 1.5, 90.0, "M1521", "安全出口"),
    ]
    windows = [(x, 22.0, -90.0, "无差别") for x in (6, 9, 12, 15, 18, 30)]
    windows += [
        (21, 22.0, -90.0, "分类"),
        (24, 22.0, -90.0, "帮办代办"),
        (27, 22.0, -90.0, "跨省通办"),
    ]
    windows += [(27.0, 6.0, -90.0, "办不成事")]
    # one fixed camera in front of each comprehensive window (§九), PTZ cameras for the rest
    cameras = [(x, 19.5, 90.0, "枪机") for x in (6, 9, 12, 15, 18, 21, 30)]
    cameras += [
        (14.0, 12.5, 0.0, "球机"),
        (28.0, 4.0, 0.0, "球机"),
        (36.0, 21.0, 0.0, "球机"),
        (36.0, 27.0, 0.0, "球机"),
        (4.0, 4.0, 0.0, "球机"),  # inside the 24h room, which opens while the hall is shut
        (4.01, 8.01, 45.0, "枪机"),  # the toilet corridor, looking away from the toilet doors
        (4.01, 23.99, -45.0, "枪机"),  # the corner of the counters behind the toilet suite
    ]
    return Layout(
        title="county_ok",
        outline=outline,
        zones=zones,
        walls=walls,
        doors=doors,
        windows=windows,
        cameras=cameras,
        terminals=[(33.0, 4.0, True), (35.0, 4.0, False), (2.0, 4.0, False)],
        seats=[(10.0 + 3 * i, 12.0, 8) for i in range(5)],
        signs=[
            (20.0, 1.0, "紧急出口"),
            (4.0, 1.0, "紧急出口"),
            (39.0, 12.0, "紧急出口"),
            (18.0, 2.0, "楼层指示牌"),
        ],
        obstacles=[(31.0, 5.5, 39.0, 6.5)],
        columns=[(15.8, 7.8, 16.2, 8.2)],
        header={
            "FC_LEVEL": "county",
            "FC_FLOOR": "1",
            "FC_STOREYS": "2",
            "FC_STAFF": "18",
            "FC_PEAK_VISITORS": "40",
        },
    )


def street_ok() -> Layout:
    """A street 便民服务中心, 16 m × 12 m (192 m²), with the zones of set B.

    The toilet and the mother-and-baby room open behind a screen wall, so that no camera in the
    hall looks through their doors (FC704).
    """
    outline = (0.0, 0.0, 16.0, 12.0)
    zones = [
        ("门厅", (6, 0, 10, 4)),
        ("咨询导服区", (10, 0, 13, 4)),
        ("自助申报区", (13, 0, 16, 4)),
        ("宣传展示区", (0, 0, 6, 4)),
        ("休息等候区", (2, 4, 12, 8)),
        ("制证出证区", (12, 4, 16, 8)),
        ("母婴室", (0, 4, 2, 6)),
        ("无障碍卫生间", (0, 6, 2, 8.5)),
        ("综合受理区", (2, 8, 16, 10.5)),
        ("后台协同区", (2, 10.5, 12, 12)),
        ("物料流转区", (12, 10.5, 16, 12)),
        ("设备间", (0, 8.5, 2, 12)),
    ]
    walls = _rect_walls(outline) + [
        ((0, 4), (2, 4)),
        ((2, 4), (2, 12)),
        ((0, 6), (2, 6)),
        ((0, 8.5), (2, 8.5)),
        ((2, 10.5), (16, 10.5)),
        ((12, 10.5), (12, 12)),
        ((3.4, 4.0), (3.4, 7.6)),  # screen wall in front of the toilet doors
    ]
    doors = [
        (8.0, 0.0, 1.8, 0.0, "ZM1824", "主入口"),
        (2.0, 5.0, 1.0, 90.0, "M1021", ""),
        (2.0, 7.2, 1.0, 90.0, "M1021", ""),
        (6.0, 10.5, 1.0, 0.0, "M1021", "员工"),
        (12.0, 11.2, 1.0, 90.0, "M1021", "员工"),
        (2.0, 11.2, 1.0, 90.0, "M1021", "员工"),
        (16.0, 6.0, 1.2, 90.0, "M1221", "安全出口"),
    ]
    windows = [
        (4.5, 9.9, -90.0, "无差别"),
        (7.5, 9.9, -90.0, "无差别"),
        (10.5, 9.9, -90.0, "帮办代办"),
        (13.5, 9.9, -90.0, "跨省通办"),
        (11.5, 2.0, -90.0, "办不成事"),
    ]
    cameras = [
        (4.5, 8.3, 90.0, "枪机"),
        (7.5, 8.3, 90.0, "枪机"),
        (8.0, 6.0, 0.0, "球机"),
        (0.01, 0.01, 45.0, "枪机"),
        (2.01, 4.01, 45.0, "枪机"),
    ]
    return Layout(
        title="street_ok",
        outline=outline,
        zones=zones,
        walls=walls,
        doors=doors,
        windows=windows,
        cameras=cameras,
        terminals=[(14.5, 2.0, True)],
        signs=[(8.0, 0.8, "紧急出口"), (15.5, 6.0, "紧急出口")],
        header={"FC_LEVEL": "street", "FC_STAFF": "8"},
    )


def village_ok() -> Layout:
    """A village 便民服务站, 10 m × 8 m, with the four zones of set C."""
    outline = (0.0, 0.0, 10.0, 8.0)
    zones = [
        ("母婴室", (0, 0, 2.4, 2.0)),
        ("无障碍卫生间", (0, 2.0, 2.4, 4.0)),
        ("休息等候区", (2.4, 0, 6, 4)),
        ("自助申报区", (6, 0, 10, 4)),
        ("综合受理区", (0, 4, 7, 6.3)),
        ("物料流转区", (7, 4, 10, 8)),
        ("后台协同区", (0, 6.3, 7, 8)),
    ]
    walls = _rect_walls(outline) + [
        ((0, 2.0), (2.4, 2.0)),
        ((2.4, 0), (2.4, 4)),
        ((0, 4), (2.4, 4)),
        ((0, 6.3), (7, 6.3)),
        ((7, 4), (7, 8)),
        ((7, 4), (10, 4)),
    ]
    doors = [
        (9.0, 0.0, 1.5, 0.0, "M1521", "入口"),
        (2.4, 1.0, 1.0, 90.0, "M1021", ""),
        (2.4, 3.0, 1.0, 90.0, "M1021", ""),
        (3.5, 6.3, 1.0, 0.0, "M1021", "员工"),
        (7.0, 7.2, 1.0, 90.0, "M1021", "员工"),
    ]
    return Layout(
        title="village_ok",
        outline=outline,
        zones=zones,
        walls=walls,
        doors=doors,
        windows=[
            (3.0, 5.6, -90.0, "无差别"),
            (5.5, 5.6, -90.0, "帮办代办"),
            (1.2, 5.6, -90.0, "跨省通办"),
            (8.0, 3.0, -90.0, "办不成事"),
        ],
        cameras=[(2.41, 0.01, 45.0, "枪机"), (0.01, 4.01, 45.0, "枪机")],
        terminals=[(9.3, 3.6, True)],
        signs=[(9.0, 0.8, "紧急出口")],
        header={"FC_LEVEL": "village", "FC_STAFF": "6"},
    )


def _breaks() -> dict[str, Callable[[], Layout]]:
    """Plans that break one rule family each, derived from the compliant county hall."""

    def small_area() -> Layout:
        lay = county_ok()
        return replace(lay, title="county_small_area", header={**lay.header, "FC_LEVEL": "city"})

    def missing_zones() -> Layout:
        return (
            county_ok()
            .without_zone("物料流转区")
            .without_zone("母婴室")
            .without_zone("无障碍卫生间")
        )

    def few_windows() -> Layout:
        lay = county_ok()
        kept = [w for w in lay.windows if w[3] not in ("跨省通办", "帮办代办")][:4]
        return replace(lay, windows=kept)

    def placement() -> Layout:
        lay = county_ok()
        # The back office opens straight onto the counters, the waiting area sits by the door.
        walls = [w for w in lay.walls if w != ((4, 24), (32, 24))] + [((20, 24), (32, 24))]
        zones = [z for z in lay.zones if z[0] not in ("休息等候区", "宣传展示区")]
        zones += [("休息等候区", (8, 0, 16, 8)), ("宣传展示区", (7, 8, 26, 18))]
        return replace(lay, walls=walls, zones=zones)

    def layout() -> Layout:
        """Breaks FC401, FC403, FC406, FC407, FC408, FC409: the consultation desk at the back,
        waiting seats in the entrance hall, a second back office open to the counters, the
        certificate counter away from them and the 24h room without its own door."""
        lay = county_ok()
        relabel = {
            "咨询导服区": "项目帮办区",
            "项目帮办区": "咨询导服区",
            "门厅": "休息等候区",
            "制证出证区": "后台协同区",
            "休息阅读区": "制证出证区",
        }
        zones = [(relabel.get(label, label), r) for label, r in lay.zones]
        doors = [d for d in lay.doors if d[:2] != (4.0, 0.0)]
        windows = [
            w if w[3] != "办不成事" else (36.0, 27.0, -90.0, "办不成事") for w in lay.windows
        ]
        return replace(
            lay, zones=zones, doors=doors, windows=windows, walls=lay.walls + [((32, 18), (40, 18))]
        )

    def access() -> Layout:
        lay = county_ok()
        doors = [
            d if d[:2] != (7.0, 17.0) else (7.0, 17.0, 0.8, 90.0, "M0821", "") for d in lay.doors
        ]
        # A display case narrows the passage to the toilet suite; the accessible toilet is 1.4 m wide.
        zones = [
            z if z[0] != "无障碍卫生间" else ("无障碍卫生间", (0, 10, 4, 13)) for z in lay.zones
        ]
        return replace(
            lay,
            doors=doors,
            zones=zones,
            obstacles=lay.obstacles + [(8.0, 16.0, 9.5, 18.0), (1.4, 10.0, 4.0, 13.0)],
        )

    def cameras() -> Layout:
        lay = county_ok()
        return replace(lay, cameras=[c for c in lay.cameras if c[3] != "球机"][:3])

    def lockers() -> Layout:
        lay = county_ok()
        return replace(lay, header={**lay.header, "FC_STAFF": "80"})

    return {
        "county_small_area": small_area,
        "county_missing_zones": missing_zones,
        "county_few_windows": few_windows,
        "county_bad_placement": placement,
        "county_bad_layout": layout,
        "county_bad_access": access,
        "county_bad_cameras": cameras,
        "county_small_lockers": lockers,
    }


# -- writing DXF ---------------------------------------------------------------------------------


def _door_block(doc: Drawing, tag: str, width_m: float) -> str:
    if tag not in doc.blocks:
        w = width_m * MM
        blk = doc.blocks.new(tag)
        blk.add_line((0, 0), (0, w))
        blk.add_arc((0, 0), w, 0, 90)
    return tag


def _blocks(doc: Drawing) -> None:
    counter = doc.blocks.new("COUNTER")
    counter.add_lwpolyline([(-800, -400), (800, -400), (800, 400), (-800, 400)], close=True)
    counter.add_attdef("TYPE", (0, 0), dxfattribs={"height": 150})
    for name in ("枪机", "球机"):
        cam = doc.blocks.new(name)
        cam.add_circle((0, 0), 120)
        cam.add_line((0, 0), (250, 0))
    kiosk = doc.blocks.new("自助终端")
    kiosk.add_lwpolyline([(-300, -250), (300, -250), (300, 250), (-300, 250)], close=True)
    kiosk.add_attdef("NOTE", (0, 0), dxfattribs={"height": 100})
    seats = doc.blocks.new("排椅")
    seats.add_lwpolyline([(-1200, -300), (1200, -300), (1200, 300), (-1200, 300)], close=True)
    seats.add_attdef("SEATS", (0, 0), dxfattribs={"height": 100})
    for name in ("紧急出口", "楼层指示牌"):
        sign = doc.blocks.new(name)
        sign.add_lwpolyline([(-200, -50), (200, -50), (200, 50), (-200, 50)], close=True)


def _cut(walls: list[tuple[XY, XY]], doors) -> list[tuple[XY, XY]]:
    """Cut a gap into every wall a door sits on."""
    out = []
    for a, b in walls:
        pieces = [(a, b)]
        for x, y, w, *_ in doors:
            nxt = []
            for p, q in pieces:
                dx, dy = q[0] - p[0], q[1] - p[1]
                length = math.hypot(dx, dy)
                if length == 0:
                    continue
                ux, uy = dx / length, dy / length
                t = (x - p[0]) * ux + (y - p[1]) * uy
                off = abs((x - p[0]) * uy - (y - p[1]) * ux)
                if off > 0.01 or t < -w / 2 or t > length + w / 2:
                    nxt.append((p, q))
                    continue
                t0, t1 = max(0.0, t - w / 2), min(length, t + w / 2)
                if t0 > 1e-6:
                    nxt.append((p, (p[0] + ux * t0, p[1] + uy * t0)))
                if t1 < length - 1e-6:
                    nxt.append(((p[0] + ux * t1, p[1] + uy * t1), q))
            pieces = nxt
        out.extend(pieces)
    return out


def new_document(version: str = "R2010") -> Drawing:
    """An empty drawing (R2010 unless asked) in millimetres with the samples' layers and blocks."""
    doc = ezdxf.new(version, setup=True)
    doc.header["$INSUNITS"] = 4
    for name, color in (
        ("A-AREA", 3),
        ("A-AREA-GROS", 1),
        ("A-WALL", 7),
        ("A-DOOR", 4),
        ("A-FURN", 8),
        ("A-FURN-COUNTER", 5),
        ("E-CCTV", 6),
        ("A-SIGN", 2),
        ("A-ANNO-TEXT", 7),
        ("S-COLU", 7),
    ):
        doc.layers.add(name, color=color)
    _blocks(doc)
    return doc


def shifted(layout: Layout, dx: float, dy: float) -> Layout:
    """The same hall moved by (dx, dy) metres (the benchmarks tile many halls in one drawing)."""

    def mv(x: float, y: float) -> tuple[float, float]:
        return (x + dx, y + dy)

    def rect(r: Rect) -> Rect:
        return (r[0] + dx, r[1] + dy, r[2] + dx, r[3] + dy)

    return replace(
        layout,
        outline=rect(layout.outline) if layout.outline else None,
        zones=[(label, rect(r)) for label, r in layout.zones],
        walls=[(mv(*a), mv(*b)) for a, b in layout.walls],
        doors=[(*mv(x, y), *rest) for x, y, *rest in layout.doors],
        windows=[(*mv(x, y), *rest) for x, y, *rest in layout.windows],
        cameras=[(*mv(x, y), *rest) for x, y, *rest in layout.cameras],
        terminals=[(*mv(x, y), *rest) for x, y, *rest in layout.terminals],
        seats=[(*mv(x, y), *rest) for x, y, *rest in layout.seats],
        signs=[(*mv(x, y), *rest) for x, y, *rest in layout.signs],
        obstacles=[rect(r) for r in layout.obstacles],
        columns=[rect(r) for r in layout.columns],
    )


def write(layout: Layout, path: Path) -> None:
    doc = new_document()
    draw(doc, layout)
    doc.saveas(path)


def _draw_counters_and_cameras(msp, layout: Layout) -> None:
    """Counter blocks with their TYPE attribute, and camera blocks."""
    for x, y, facing, kind in layout.windows:
        ref = msp.add_blockref(
            "COUNTER",
            (x * MM, y * MM),
            dxfattribs={"layer": "A-FURN-COUNTER", "rotation": facing - 90},
        )
        ref.add_auto_attribs({"TYPE": kind})
    for x, y, direction, name in layout.cameras:
        msp.add_blockref(
            name, (x * MM, y * MM), dxfattribs={"layer": "E-CCTV", "rotation": direction}
        )


def _draw_doors(doc: Drawing, msp, layout: Layout) -> None:
    """Door blocks at their hinges, and the label of a labelled door beside it."""
    for x, y, w, angle, tag, label in layout.doors:
        name = _door_block(doc, tag, w)
        rad = math.radians(angle)
        hinge = ((x - w / 2 * math.cos(rad)) * MM, (y - w / 2 * math.sin(rad)) * MM)
        msp.add_blockref(name, hinge, dxfattribs={"layer": "A-DOOR", "rotation": angle})
        if label:
            off = 0.6
            msp.add_text(label, height=300, dxfattribs={"layer": "A-ANNO-TEXT"}).set_placement(
                ((x - off * math.sin(rad)) * MM, (y + off * math.cos(rad)) * MM),
                align=ezdxf.enums.TextEntityAlignment.MIDDLE_CENTER,
            )


def draw(doc: Drawing, layout: Layout) -> None:
    """Add one hall to ``doc``'s modelspace."""
    msp = doc.modelspace()
    for key, value in layout.header.items():
        doc.header.custom_vars.append(key, value)
    style = {"char_height": 350, "attachment_point": 5, "layer": "A-AREA"}
    if layout.outline:
        x0, y0, x1, y1 = (v * MM for v in layout.outline)
        msp.add_lwpolyline(
            [(x0, y0), (x1, y0), (x1, y1), (x0, y1)],
            close=True,
            dxfattribs={"layer": "A-AREA-GROS"},
        )
    for label, (x0, y0, x1, y1) in layout.zones:
        pts = [(x0 * MM, y0 * MM), (x1 * MM, y0 * MM), (x1 * MM, y1 * MM), (x0 * MM, y1 * MM)]
        msp.add_lwpolyline(pts, close=True, dxfattribs={"layer": "A-AREA"})
        area = (x1 - x0) * (y1 - y0)
        text = f"{{\\fSimSun|b0|i0;{label}}}\\P{area:.1f}㎡"
        msp.add_mtext(text, dxfattribs=style).set_location(((x0 + x1) / 2 * MM, (y0 + y1) / 2 * MM))
    for a, b in _cut(layout.walls, layout.doors):
        msp.add_line((a[0] * MM, a[1] * MM), (b[0] * MM, b[1] * MM), dxfattribs={"layer": "A-WALL"})
    _draw_doors(doc, msp, layout)
    _draw_counters_and_cameras(msp, layout)
    for x, y, cross in layout.terminals:
        ref = msp.add_blockref("自助终端", (x * MM, y * MM), dxfattribs={"layer": "A-FURN"})
        ref.add_auto_attribs({"NOTE": "跨省通办" if cross else "综合自助"})
    for x, y, count in layout.seats:
        ref = msp.add_blockref("排椅", (x * MM, y * MM), dxfattribs={"layer": "A-FURN"})
        ref.add_auto_attribs({"SEATS": str(count)})
    for x, y, kind in layout.signs:
        msp.add_blockref(kind, (x * MM, y * MM), dxfattribs={"layer": "A-SIGN"})
    for layer, rects in (("A-FURN", layout.obstacles), ("S-COLU", layout.columns)):
        for x0, y0, x1, y1 in rects:
            msp.add_lwpolyline(
                [(x0 * MM, y0 * MM), (x1 * MM, y0 * MM), (x1 * MM, y1 * MM), (x0 * MM, y1 * MM)],
                close=True,
                dxfattribs={"layer": layer},
            )
    x0 = (layout.outline[0] if layout.outline else 0.0) * MM
    y0 = (layout.outline[1] if layout.outline else 0.0) * MM
    msp.add_text(layout.title, height=600, dxfattribs={"layer": "A-ANNO-TEXT"}).set_placement(
        (x0, y0 - 2000)
    )


# -- drawn the way design offices draw --------------------------------------------------------
# The samples above carry a zone polygon per room. Real plans rarely do; these four show the
# village hall as 天正 (TArch) and AutoCAD users hand it in. tests/test_real_style.py checks
# that the reader recovers every room with its true interior area.

WALL_M = 0.2  # wall thickness of the double-line samples


def wall_bodies(layout: Layout):
    """The walls as solid bodies (square-capped, mitred), door openings cut out: what a
    double-line wall drawing encloses. Returns (bodies without openings, bodies with them)."""
    from shapely import box, unary_union
    from shapely.geometry import LineString

    half = WALL_M / 2
    solid = unary_union(
        [
            LineString([a, b]).buffer(half, cap_style="square", join_style="mitre")
            for a, b in layout.walls
        ]
    )
    holes = []
    for x, y, w, angle, *_ in layout.doors:
        rad = math.radians(angle)
        ux, uy = math.cos(rad), math.sin(rad)
        c = LineString([(x - ux * w / 2, y - uy * w / 2), (x + ux * w / 2, y + uy * w / 2)])
        holes.append(c.buffer(half + 0.01, cap_style="flat"))
    cut = solid.difference(unary_union(holes)) if holes else solid
    return solid, cut if not cut.is_empty else box(0, 0, 0, 0)


def _rings(geom):
    from shapely import get_parts

    for poly in get_parts(geom):
        yield list(poly.exterior.coords)
        for hole in poly.interiors:
            yield list(hole.coords)


def _tarch_document(version: str = "R2010") -> Drawing:
    doc = ezdxf.new(version, setup=True)
    doc.header["$INSUNITS"] = 4
    for name in ("WALL", "WINDOW", "PUB_TEXT", "COLUMN", "AXIS", "A-FURN-COUNTER", "E-CCTV"):
        doc.layers.add(name)
    _blocks(doc)
    return doc


def _tarch_furniture(doc: Drawing, layout: Layout) -> None:
    """Doors as TArch door blocks on WINDOW, room names as TEXT on PUB_TEXT, counters, cameras."""
    msp = doc.modelspace()
    for x, y, w, angle, tag, label in layout.doors:
        name = f"$DorLib2D${tag}"
        if name not in doc.blocks:
            blk = doc.blocks.new(name)
            blk.add_line((0, 0), (0, w * MM))
            blk.add_arc((0, 0), w * MM, 0, 90)
        rad = math.radians(angle)
        hinge = ((x - w / 2 * math.cos(rad)) * MM, (y - w / 2 * math.sin(rad)) * MM)
        msp.add_blockref(name, hinge, dxfattribs={"layer": "WINDOW", "rotation": angle})
        msp.add_text(tag, height=250, dxfattribs={"layer": "WINDOW"}).set_placement(
            ((x + 0.3 * math.sin(rad)) * MM, (y - 0.4 * math.cos(rad)) * MM),
            align=ezdxf.enums.TextEntityAlignment.MIDDLE_CENTER,
        )
        if label:
            off = 0.7
            msp.add_text(label, height=300, dxfattribs={"layer": "PUB_TEXT"}).set_placement(
                ((x - off * math.sin(rad)) * MM, (y + off * math.cos(rad)) * MM),
                align=ezdxf.enums.TextEntityAlignment.MIDDLE_CENTER,
            )
    for label, (x0, y0, x1, y1) in layout.zones:
        msp.add_text(label, height=300, dxfattribs={"layer": "PUB_TEXT"}).set_placement(
            ((x0 + x1) / 2 * MM, (y0 + y1) / 2 * MM),
            align=ezdxf.enums.TextEntityAlignment.MIDDLE_CENTER,
        )
    _draw_counters_and_cameras(msp, layout)
    for key, value in layout.header.items():
        doc.header.custom_vars.append(key, value)


def walled_village() -> Layout:
    """The village hall with every zone walled: in a drawing with walls only, zones of an open
    hall cannot be told apart, so these two partitions (each with a doorway) are added."""
    layout = village_ok()
    return replace(
        layout,
        walls=[*layout.walls, ((6, 0), (6, 4)), ((2.4, 4), (7, 4))],
        doors=[
            *layout.doors,
            (6.0, 2.0, 1.0, 90.0, "M1021", ""),
            (4.5, 4.0, 1.5, 0.0, "M1521", ""),
        ],
    )


def write_walls_only(path: Path) -> None:
    """Rooms implied by double-line walls only (LINEs on WALL, jambs at every opening), names as
    TEXT, doors as TArch door blocks: no zone boundary anywhere."""
    layout = walled_village()
    doc = _tarch_document()
    msp = doc.modelspace()
    _, bodies = wall_bodies(layout)
    for ring in _rings(bodies):
        for a, b in zip(ring, ring[1:], strict=False):
            msp.add_line(
                (a[0] * MM, a[1] * MM), (b[0] * MM, b[1] * MM), dxfattribs={"layer": "WALL"}
            )
    _tarch_furniture(doc, layout)
    doc.saveas(path)


def write_gbk_r2000(path: Path) -> None:
    """The village hall as an R2000 drawing in GBK (ANSI_936), as older Chinese CAD saves it."""
    doc = new_document("R2000")
    doc.encoding = "gbk"  # also sets $DWGCODEPAGE to ANSI_936
    draw(doc, replace(village_ok(), title="village_gbk_r2000"))
    doc.saveas(path)


def write_hatch_only(path: Path) -> None:
    """Zones as solid HATCHes only (no polylines), as area plans exported from some tools: edge
    paths with edges out of order and reversed, one corner a few millimetres open."""
    import random

    layout = village_ok()
    doc = new_document()
    msp = doc.modelspace()
    rnd = random.Random(7)
    style = {"char_height": 350, "attachment_point": 5, "layer": "A-AREA"}
    for k, (label, (x0, y0, x1, y1)) in enumerate(layout.zones):
        pts = [(x0 * MM, y0 * MM), (x1 * MM, y0 * MM), (x1 * MM, y1 * MM), (x0 * MM, y1 * MM)]
        hatch = msp.add_hatch(color=3, dxfattribs={"layer": "A-AREA"})
        if k % 2 == 0:
            hatch.paths.add_polyline_path(pts, is_closed=True)
        else:
            edges = [(pts[i], pts[(i + 1) % 4]) for i in range(4)]
            rnd.shuffle(edges)
            edge_path = hatch.paths.add_edge_path()
            for j, (a, b) in enumerate(edges):
                if j % 2:
                    a, b = b, a  # stored backwards
                if k == 3 and j == 0:
                    b = (b[0] + 4.0, b[1] + 3.0)  # ends 5 mm short of the next edge
                edge_path.add_line(a, b)
        msp.add_mtext(label, dxfattribs=style).set_location(
            ((x0 + x1) / 2 * MM, (y0 + y1) / 2 * MM)
        )
    bare = replace(layout, zones=[], outline=None, title="village_hatch_only")
    draw(doc, bare)
    doc.saveas(path)


def _proxy_graphic(rings: list[list[tuple[float, float]]]) -> bytes:
    """Proxy graphics (the picture CAD keeps of a custom object) holding closed polygons."""
    import struct

    body = b""
    for ring in rings:
        payload = struct.pack("<L", len(ring)) + b"".join(
            struct.pack("<3d", x, y, 0.0) for x, y in ring
        )
        body += struct.pack("<2L", 8 + len(payload), 7) + payload  # 7 = POLYGON
    return struct.pack("<2L", 8 + len(body), len(rings)) + body


def _proxy_entity(handle: int, layer: str, graphic: bytes | None) -> str:
    tags = [
        "0",
        "ACAD_PROXY_ENTITY",
        "5",
        f"{handle:X}",
        "330",
        "1F",
        "100",
        "AcDbEntity",
        "8",
        layer,
    ]
    if graphic:
        tags += ["92", str(len(graphic))]
        hexed = graphic.hex().upper()
        tags += [t for i in range(0, len(hexed), 254) for t in ("310", hexed[i : i + 254])]
    tags += ["100", "AcDbProxyEntity", "90", "498", "91", "500", "95", "0", "70", "1", "93", "0"]
    return "".join(f"{code}\n{value}\n" for code, value in zip(tags[::2], tags[1::2], strict=True))


def write_tarch_proxy(path: Path) -> None:
    """Walls as 天正 custom objects (ACAD_PROXY_ENTITY) that carry proxy graphics, as a drawing
    saved from TArch without 图形导出 shows; plus one object without graphics."""
    layout = walled_village()
    doc = _tarch_document()
    _tarch_furniture(doc, layout)
    doc.saveas(path)
    _, bodies = wall_bodies(layout)
    from shapely import get_parts

    proxies = [
        _proxy_entity(
            0xF000 + i,
            "WALL",
            _proxy_graphic([[(x * MM, y * MM) for x, y in ring] for ring in _rings(body)]),
        )
        for i, body in enumerate(get_parts(bodies))
    ]
    proxies.append(_proxy_entity(0xFF00, "0", None))  # a custom object saved without graphics
    text = path.read_text(encoding="utf-8")
    start = text.index("\nENTITIES\n")
    end = text.index("\n  0\nENDSEC\n", start)
    path.write_text(text[: end + 1] + "".join(proxies) + text[end + 1 :], encoding="utf-8")


REAL_STYLE: dict[str, Callable[[Path], None]] = {
    "village_walls_only": write_walls_only,
    "village_gbk_r2000": write_gbk_r2000,
    "village_hatch_only": write_hatch_only,
    "village_tarch_proxy": write_tarch_proxy,
}


def all_layouts() -> dict[str, Layout]:
    layouts = {"county_ok": county_ok(), "street_ok": street_ok(), "village_ok": village_ok()}
    for name, make in _breaks().items():
        layouts[name] = replace(make(), title=name)
    return layouts


def main() -> None:
    for name, layout in all_layouts().items():
        write(layout, HERE / f"{name}.dxf")
        print(f"wrote samples/{name}.dxf")
    for name, writer in REAL_STYLE.items():
        writer(HERE / f"{name}.dxf")
        print(f"wrote samples/{name}.dxf")


if __name__ == "__main__":
    main()
