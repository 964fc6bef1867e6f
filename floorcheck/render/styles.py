"""How each kind of thing on the plan looks, which layer it is on and what the legend calls it.

One table for every backend (matplotlib, SVG). A new kind of thing (a proposed camera, say) is one
entry here and one ``scene.add_shape``/``add_marker`` call with its role; the legend, the layer
toggles and both backends follow.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "Style",
    "STYLES",
    "LAYERS",
    "OPTIONAL_LAYERS",
    "LAYER_NAMES",
    "ZONE_COLOURS",
    "EXTRA_COLOUR",
    "SEVERITY_COLOURS",
    "FAIL_COLOUR",
    "PASS_COLOUR",
    "style",
]

# One palette for zone types, used by every picture floorcheck makes.
ZONE_COLOURS: dict[str, str] = {
    "consultation": "#8dd3c7",
    "acceptance": "#80b1d3",
    "waiting": "#ffffb3",
    "back_office": "#bebada",
    "self_declaration": "#b3de69",
    "self_service": "#ccebc5",
    "self_service_24h": "#a6d854",
    "material_circulation": "#d9d9d9",
    "certificate_issue": "#fdb462",
    "exhibition": "#fccde5",
    "mother_baby": "#f4a6c6",
    "accessible_toilet": "#9ecae1",
    "toilet": "#c6dbef",
    "entrance_hall": "#fff2ae",
    "corridor": "#f2f2f2",
    "staff_corridor": "#e0e0e0",
    "locker_male": "#b3cde3",
    "locker_female": "#decbe4",
    "locker": "#cbd5e8",
    "equipment": "#bdbdbd",
    "unknown": "#ffffff",
}
EXTRA_COLOUR = "#e6f5c9"
SEVERITY_COLOURS = {"error": "#d62728", "warning": "#e6730b", "info": "#1f77b4"}
FAIL_COLOUR = SEVERITY_COLOURS["error"]
PASS_COLOUR = "#2ca02c"

# Layers a reader may switch off (--layers, the HTML report's toggles), in the order offered.
OPTIONAL_LAYERS = (
    "camera-views",
    "blind-spots",
    "routes",
    "pinch-points",
    "labels",
    "suggestions",
)
# Always drawn: the plan itself and the findings' own geometry and numbers.
LAYERS = ("plan", *OPTIONAL_LAYERS, "findings")
LAYER_NAMES: dict[str, tuple[str, str]] = {
    "plan": ("Plan", "平面"),
    "camera-views": ("Camera views", "摄像头视野"),
    "blind-spots": ("Blind spots", "监控盲区"),
    "routes": ("Routes", "无障碍路线"),
    "pinch-points": ("Pinch points", "通道狭窄处"),
    "labels": ("Zone names", "分区名称"),
    "suggestions": ("Proposed cameras", "建议增设的摄像头"),
    "findings": ("Findings", "问题"),
}


@dataclass(frozen=True)
class Style:
    """The look of one kind of thing. Widths are in points; ``z`` orders drawing (low first).

    ``kind`` says how the legend shows it: ``patch`` (a filled swatch), ``line``, ``marker``
    (``symbol`` as in matplotlib: o ^ s D) or ``text``. ``legend`` is (English, Chinese); only
    ``zone`` has none, as the legend lists zones by type (a test holds every drawn kind to it).
    """

    layer: str
    kind: str
    z: int
    legend: tuple[str, str] | None
    face: str | None = None
    edge: str = "#000000"
    width: float = 0.5
    alpha: float = 1.0
    dashed: bool = False
    hatch: str = ""
    symbol: str = ""
    edge_alpha: float = 1.0


STYLES: dict[str, Style] = {
    "hall": Style("plan", "line", 0, ("hall outline", "大厅轮廓"), edge="#555555", width=1.2),
    "zone": Style("plan", "patch", 1, None, edge="#777777", width=0.4, alpha=0.9),
    # a room whose name is no zone type of the guide: grey, with the drawing's name on it
    "unknown-zone": Style(
        "plan",
        "patch",
        1,
        ("room whose name is no zone type of the guide", "名称非指南功能区的房间"),
        face="#d9d9d9",
        edge="#8c8c8c",
        width=0.4,
        alpha=0.9,
    ),
    # what the reader read but could not make a zone of: closed spaces no text names, the
    # lines of windows and doors that closed rooms, texts that named no zone
    "open-room": Style(
        "plan",
        "patch",
        1,
        ("closed space no text names", "无名称的封闭空间"),
        face=None,
        edge="#8c8c8c",
        width=0.7,
        hatch="..",
    ),
    "linework": Style(
        "plan", "line", 4, ("window and door lines", "门窗线"), edge="#a6a6a6", width=0.4
    ),
    "unread-label": Style(
        "labels", "text", 12, ("text that named no zone", "未成为分区名称的文字")
    ),
    "failing-zone": Style(
        "findings",
        "patch",
        9,
        ("zone with an error or warning", "有问题的分区"),
        edge=FAIL_COLOUR,
        width=1.6,
        hatch="//",
    ),
    "camera-view": Style(
        "camera-views",
        "patch",
        2,
        ("camera view", "摄像头视野"),
        face="#6a3d9a",
        edge="#6a3d9a",
        width=0.3,
        alpha=0.05,
        edge_alpha=0.35,
    ),
    "blind-spot": Style(
        "blind-spots",
        "patch",
        6,
        ("blind spot: no camera sees it", "监控盲区"),
        face=None,
        edge="#a50f15",
        width=0.8,
        hatch="..",
    ),
    "obstacle": Style(
        "plan",
        "patch",
        3,
        ("counter, desk, fixed furniture", "柜台、家具"),
        face="#9e9e9e",
        edge="#616161",
        width=0.3,
        alpha=0.8,
    ),
    "wall": Style("plan", "line", 4, ("wall", "墙"), edge="#222222", width=0.9),
    "door": Style("plan", "line", 5, ("door", "门"), edge="#2ca02c", width=2.5),
    "staff-door": Style(
        "plan", "line", 5, ("staff-only door", "员工专用门"), edge="#8c564b", width=2.5
    ),
    "route": Style(
        "routes",
        "line",
        7,
        ("accessible route from the main entrance", "主入口起的无障碍路线"),
        edge="#1f77b4",
        width=0.9,
        dashed=True,
    ),
    "pinch": Style(
        "pinch-points",
        "patch",
        8,
        ("pinch point: the route is too narrow", "通道狭窄处"),
        face="#d62728",
        edge="#7f0000",
        width=1.0,
        alpha=0.55,
    ),
    "finding": Style(
        "findings",
        "line",
        10,
        ("where a finding lies", "问题所在位置"),
        edge=FAIL_COLOUR,
        width=1.4,
    ),
    "main-entrance": Style(
        "plan", "marker", 11, ("main entrance", "主入口"), face="#2ca02c", symbol="^"
    ),
    "window": Style(
        "plan", "marker", 11, ("service window", "服务窗口"), face="#1f4e79", symbol="s"
    ),
    "camera-fixed": Style(
        "plan", "marker", 11, ("fixed camera", "固定摄像头"), face="#6a3d9a", symbol="D"
    ),
    "camera-ptz": Style(
        "plan", "marker", 11, ("PTZ camera (动点)", "动点摄像头"), face="#6a3d9a", symbol="o"
    ),
    "zone-label": Style("labels", "text", 12, ("zone name and area", "分区名称与面积")),
    # floorcheck suggest cameras: what to add, with the view each would have
    "camera-proposed-view": Style(
        "suggestions",
        "line",
        2,
        ("view of a proposed camera", "建议摄像头的视野"),
        edge="#e7298a",
        width=0.6,
        dashed=True,
    ),
    "camera-proposed-fixed": Style(
        "suggestions",
        "marker",
        11,
        ("proposed fixed camera", "建议增设的定点摄像头"),
        face="#e7298a",
        symbol="*",
    ),
    "camera-proposed-ptz": Style(
        "suggestions",
        "marker",
        11,
        ("proposed PTZ camera", "建议增设的动点摄像头"),
        face="#e7298a",
        symbol="P",
    ),
    "camera-proposed-label": Style(
        "suggestions", "text", 12, ("number of a proposed camera", "建议摄像头编号")
    ),
    "leader": Style(
        "findings", "line", 13, ("leader to the spot a number refers to", "编号指引线"), width=0.6
    ),
    "finding-marker": Style(
        "findings",
        "marker",
        14,
        ("finding number: error, warning, route", "问题编号：错误、警告、路线"),
        face=FAIL_COLOUR,
        symbol="o",
    ),
}


def style(role: str) -> Style:
    """The style of a role; an unknown role is a programming error, named."""
    try:
        return STYLES[role]
    except KeyError:
        raise KeyError(
            f"no style for {role!r}: add it to floorcheck.render.styles.STYLES"
        ) from None
