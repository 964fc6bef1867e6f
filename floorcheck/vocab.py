"""The one table of floorcheck's vocabulary: zone types, window kinds, hall levels.

Every other module (reader, rules, reports, renderer, docs) looks names up here; nothing
retypes a Chinese name or a threshold of the guide.
"""

from __future__ import annotations

import difflib
import fnmatch
import re
from dataclasses import dataclass

from .errors import with_zh
from .terms import Term

__all__ = [
    "UnknownName",
    "MAIN_ENTRANCE",
    "CAMERA_KINDS",
    "camera_kind_id",
    "level_id",
    "window_kind_id",
    "zone_type_id",
    "ZoneType",
    "ZONE_TYPES",
    "WindowKind",
    "WINDOW_KINDS",
    "Level",
    "LEVELS",
    "PRIVATE_ZONE_TYPES",
    "zone_type",
    "match_zone_type",
    "match_window_kind",
    "normalise_label",
    "fold_label",
    "match_mapped",
]

# A door label (or its block's attributes) naming the main entrance: 主入口, MAIN ENTRANCE, 大门 …
MAIN_ENTRANCE = re.compile(
    r"主入口|主出入口|^入口|出入口|MAIN\s*ENTRANCE|^ENTRANCE|大门", re.IGNORECASE
)


@dataclass(frozen=True)
class ZoneType:
    id: str
    zh: str
    en: str  # a short label (legends)
    public: bool
    synonyms: tuple[str, ...] = ()
    extra: bool = False  # an encouraged extra zone of §七(一)1

    @property
    def term(self) -> Term:
        """The zone type's name as texts write it: "waiting area" / "休息等候区"."""
        return Term(_ZONE_NOUNS.get(self.id, self.en.lower()), self.zh)


ZONE_TYPES: dict[str, ZoneType] = {
    z.id: z
    for z in [
        ZoneType(
            "consultation",
            "咨询导服区",
            "Consultation",
            True,
            (
                "咨询引导区",
                "咨询区",
                "导服区",
                "咨询台",
                "咨询服务台",
                "导办区",
                "consultation",
                "information desk",
                "reception",
            ),
        ),
        ZoneType(
            "acceptance",
            "综合受理区",
            "Acceptance",
            True,
            (
                "受理区",
                "综合窗口区",
                "窗口区",
                "综合服务区",
                "acceptance",
                "service counters",
                "counter area",
            ),
        ),
        ZoneType(
            "waiting",
            "休息等候区",
            "Waiting",
            True,
            ("等候区", "候办区", "休息区", "等候", "waiting", "waiting area", "lounge"),
        ),
        ZoneType(
            "back_office",
            "后台协同区",
            "Back office",
            False,
            (
                "后台办公区",
                "后台",
                "后台区",
                "协同区",
                "后台审批区",
                "back office",
                "backoffice",
                "back-office",
            ),
        ),
        ZoneType(
            "self_declaration",
            "自助申报区",
            "Self-declaration",
            True,
            ("申报区", "网上申报区", "self declaration", "self-declaration", "e-filing"),
        ),
        ZoneType(
            "self_service_24h",
            "24小时自助服务区",
            "24h self-service",
            True,
            (
                "24h自助服务区",
                "24小时自助区",
                "24h自助区",
                "二十四小时自助服务区",
                "24h self-service",
                "24h self service",
            ),
        ),
        ZoneType(
            "self_service",
            "自助服务区",
            "Self-service",
            True,
            ("自助区", "自助终端区", "self-service", "self service", "kiosks"),
        ),
        ZoneType(
            "material_circulation",
            "物料流转区",
            "Material circulation",
            False,
            ("物料区", "流转区", "材料流转区", "material circulation", "mail room"),
        ),
        ZoneType(
            "certificate_issue",
            "制证出证区",
            "Certificate issue",
            True,
            ("出证区", "制证区", "发证区", "证照发放区", "certificate issue", "certificates"),
        ),
        ZoneType(
            "exhibition",
            "宣传展示区",
            "Exhibition",
            True,
            ("展示区", "宣传区", "exhibition", "display"),
        ),
        ZoneType(
            "mother_baby",
            "母婴室",
            "Mother-and-baby room",
            True,
            ("母婴间", "哺乳室", "mother and baby", "mother-and-baby", "nursing room"),
        ),
        ZoneType(
            "accessible_toilet",
            "无障碍卫生间",
            "Accessible toilet",
            True,
            (
                "无障碍厕所",
                "第三卫生间",
                "残疾人卫生间",
                "accessible toilet",
                "accessible wc",
                "disabled toilet",
            ),
        ),
        ZoneType(
            "toilet",
            "卫生间",
            "Toilet",
            True,
            (
                "厕所",
                "男厕",
                "女厕",
                "男卫",
                "女卫",
                "公共卫生间",
                "toilet",
                "wc",
                "w.c",
                "restroom",
            ),
        ),
        ZoneType(
            "entrance_hall",
            "门厅",
            "Entrance hall",
            True,
            ("入口门厅", "大门厅", "前厅", "entrance hall", "lobby", "vestibule", "foyer"),
        ),
        ZoneType(
            "corridor",
            "走廊",
            "Corridor",
            True,
            ("通道", "过道", "走道", "公共走廊", "corridor", "passage", "hallway"),
        ),
        ZoneType(
            "staff_corridor",
            "内部通道",
            "Staff corridor",
            False,
            ("员工通道", "内部走廊", "staff corridor"),
        ),
        ZoneType(
            "locker_male",
            "男更衣室",
            "Locker room (men)",
            False,
            ("更衣室(男)", "更衣室（男）", "男更衣", "locker room men", "men's locker"),
        ),
        ZoneType(
            "locker_female",
            "女更衣室",
            "Locker room (women)",
            False,
            ("更衣室(女)", "更衣室（女）", "女更衣", "locker room women", "women's locker"),
        ),
        ZoneType("locker", "更衣室", "Locker room", False, ("更衣间", "locker room", "lockers")),
        ZoneType(
            "equipment",
            "设备间",
            "Equipment room",
            False,
            (
                "机房",
                "弱电间",
                "配电间",
                "网络机房",
                "设备用房",
                "equipment",
                "server room",
                "plant room",
            ),
        ),
        ZoneType(
            "hall",
            "办事大厅",
            "Hall outline",
            True,
            # only the service hall itself: a plain 大厅 or an English HALL is a lobby, an
            # ordinary room (the hall outline also comes from a hall layer)
            ("大厅使用面积", "办事大厅使用面积", "服务大厅", "service hall"),
        ),
        ZoneType(
            "self_storage",
            "自助储物区",
            "Self storage",
            True,
            ("自助储物", "储物区", "self storage"),
            True,
        ),
        ZoneType(
            "catering",
            "餐饮贩卖区",
            "Catering",
            True,
            ("餐饮贩卖", "餐饮区", "售卖区", "catering"),
            True,
        ),
        ZoneType(
            "negotiation",
            "项目洽谈区",
            "Project negotiation",
            True,
            ("项目洽谈", "洽谈区", "negotiation"),
            True,
        ),
        ZoneType("reading", "休息阅读区", "Reading", True, ("休息阅读", "阅读区", "reading"), True),
        ZoneType(
            "experience",
            "办事体验区",
            "Service experience",
            True,
            ("办事体验", "体验区", "experience"),
            True,
        ),
        ZoneType(
            "project_assist",
            "项目帮办区",
            "Project assistance",
            True,
            ("项目帮办", "帮办区", "project assistance"),
            True,
        ),
        ZoneType("unknown", "未识别", "Unknown", True, ()),
    ]
}

# Rooms where no camera may look (FC704) and no coverage is demanded (FC703).
PRIVATE_ZONE_TYPES = frozenset(
    {"toilet", "accessible_toilet", "mother_baby", "locker", "locker_male", "locker_female"}
)
LOCKER_TYPES = frozenset({"locker", "locker_male", "locker_female"})
EXTRA_ZONE_TYPES = tuple(z.id for z in ZONE_TYPES.values() if z.extra)


def zone_type(type_id: str) -> ZoneType:
    """The ZoneType for an id; unknown ids give the ``unknown`` type."""
    return ZONE_TYPES.get(type_id, ZONE_TYPES["unknown"])


@dataclass(frozen=True)
class WindowKind:
    id: str
    zh: str
    en: str
    synonyms: tuple[str, ...]
    comprehensive: bool  # a 综合窗口 in the sense of §六 and §九

    @property
    def term(self) -> Term:
        """The kind's name as texts write it: "assisted-service window" / "帮办代办窗口"."""
        return Term(_WINDOW_NOUNS[self.id], self.zh)


WINDOW_KINDS: dict[str, WindowKind] = {
    w.id: w
    for w in [
        WindowKind(
            "assisted",
            "帮办代办窗口",
            "Assisted service",
            ("帮办代办", "帮办", "代办", "assisted"),
            False,
        ),
        WindowKind(
            "cross_province",
            "跨省通办窗口",
            "Cross-province",
            ("跨省通办", "跨省", "cross province", "cross-province"),
            False,
        ),
        WindowKind(
            "complaint",
            "办不成事反映窗口",
            "Complaints",
            ("办不成事", "反映窗口", "complaint", "complaints"),
            False,
        ),
        WindowKind(
            "categorized",
            "分类综合受理窗口",
            "Categorized",
            ("分类综合", "分类受理", "分类", "categorized", "categorised"),
            True,
        ),
        WindowKind(
            "undifferentiated",
            "无差别综合受理窗口",
            "Undifferentiated",
            ("无差别", "综合窗口", "综合受理", "窗口", "undifferentiated", "counter", "window"),
            True,
        ),
    ]
}


@dataclass(frozen=True)
class Level:
    id: str
    zh: str
    en: str
    kind_zh: str
    min_area_m2: float | None
    min_area_populous_m2: float | None  # when resident population > POPULOUS
    area_is_guideline: bool  # 原则上 → warning
    min_undifferentiated_windows: int
    required_zones: tuple[str, ...]

    @property
    def county_or_above(self) -> bool:
        return self.id in ("city", "county")

    @property
    def term(self) -> Term:
        return Term(self.en, self.zh)


SET_A = (
    "consultation",
    "acceptance",
    "waiting",
    "back_office",
    "self_declaration",
    "self_service",
    "material_circulation",
    "certificate_issue",
    "exhibition",
)
SET_B = tuple(z for z in SET_A if z != "self_service")
SET_C = ("acceptance", "waiting", "self_declaration", "material_circulation")
POPULOUS = 30_000

LEVELS: dict[str, Level] = {
    lv.id: lv
    for lv in [
        Level(
            "city",
            "市级政务服务中心",
            "city-level government service centre",
            "政务服务中心",
            2000.0,
            None,
            False,
            5,
            SET_A,
        ),
        Level(
            "county",
            "县(市)区、开发区政务服务中心",
            "county-level government service centre",
            "政务服务中心",
            1000.0,
            None,
            False,
            5,
            SET_A,
        ),
        Level(
            "street",
            "街道便民服务中心",
            "street convenience service centre",
            "便民服务中心",
            150.0,
            200.0,
            False,
            2,
            SET_B,
        ),
        Level(
            "township",
            "乡镇便民服务中心",
            "township convenience service centre",
            "便民服务中心",
            100.0,
            None,
            True,
            2,
            SET_B,
        ),
        Level(
            "community",
            "社区便民服务站",
            "community convenience service station",
            "便民服务站",
            None,
            None,
            False,
            2,
            SET_C,
        ),
        Level(
            "village",
            "村便民服务站",
            "village convenience service station",
            "便民服务站",
            None,
            None,
            False,
            1,
            SET_C,
        ),
    ]
}

_CODE_PREFIX = re.compile(r"^[A-Za-z]{0,3}[-_ ]?\d{1,3}[-_.、 ]+")
_AREA_SUFFIX = re.compile(
    r"[\s(（]*\d+(?:\.\d+)?\s*(?:m²|m2|㎡|平方米|平米)[)）]?\s*$", re.IGNORECASE
)
_PUNCT = re.compile(r"[\s\"'“”‘’「」《》:：]+")


def normalise_label(text: str) -> str:
    """Fold a label for matching: lower case, no code prefix, no area suffix, no blanks.

    >>> normalise_label("A-03 休息等候区 85.3㎡")
    '休息等候区'
    >>> normalise_label("  Waiting Area ")
    'waitingarea'
    """
    text = text.strip()
    text = _AREA_SUFFIX.sub("", text)
    text = _CODE_PREFIX.sub("", text)
    return _PUNCT.sub("", text).lower()


def fold_label(text: str) -> str:
    """Fold a label as :func:`normalise_label` does, but keep its code prefix: the whole name
    as written ("A01-02" stays "a01-02").

    >>> fold_label(" 2 CAR GARAGE "), normalise_label("2 CAR GARAGE")
    ('2cargarage', 'cargarage')
    """
    return _PUNCT.sub("", _AREA_SUFFIX.sub("", text.strip())).lower()


def _is_pattern(name: str) -> bool:
    return any(ch in name for ch in "*?[")


def match_mapped(text: str, table: dict[str, list[str]]) -> str | None:
    """The zone type a mapping's ``[labels]`` table gives a label, or None. Entries are folded
    exactly like the drawing's text: an entry written with its code ("A01-02") matches that
    code; one without ("休息等候区") matches the name under any code; entries may be glob
    patterns ("Office *", "WC-*"). Whole names win over patterns, patterns over the Chinese
    names found inside a longer label.

    >>> table = {"back_office": ["A01-02", "Office *"], "waiting": ["2 CAR GARAGE", "WC-*"]}
    >>> [match_mapped(t, table) for t in ("A01-02", "2 CAR GARAGE", "Office C", "WC-3", "B01-02")]
    ['back_office', 'waiting', 'back_office', 'waiting', None]
    """
    full, core = fold_label(text), normalise_label(text)
    if not full:
        return None
    entries = [(fold_label(n), normalise_label(n), t) for t, names in table.items() for n in names]
    for nf, nc, type_id in entries:
        if not _is_pattern(nf) and (nf == full or (nf == nc and nc == core)):
            return type_id
    for nf, nc, type_id in entries:
        if _is_pattern(nf) and (fnmatch.fnmatchcase(full, nf) or fnmatch.fnmatchcase(core, nc)):
            return type_id
    for nf, _, type_id in sorted(entries, key=lambda e: -len(e[0])):
        if not _is_pattern(nf) and not nf.isascii() and len(nf) >= 2 and nf in core:
            if len(core) <= len(nf) + 8:
                return type_id
    return None


def _build_index(table: dict[str, tuple[str, ...]]) -> list[tuple[str, str]]:
    pairs = []
    for type_id, names in table.items():
        for name in names:
            pairs.append((_PUNCT.sub("", name).lower(), type_id))
    # Longest names first: "24小时自助服务区" must win over "自助服务区", "男更衣室" over "更衣室".
    pairs.sort(key=lambda p: -len(p[0]))
    return pairs


_ZONE_NAMES = {z.id: (z.zh, z.en, *z.synonyms) for z in ZONE_TYPES.values() if z.id != "unknown"}
_ZONE_INDEX = _build_index(_ZONE_NAMES)
_WINDOW_INDEX = _build_index({w.id: (w.zh, w.en, *w.synonyms) for w in WINDOW_KINDS.values()})


def match_zone_type(text: str, extra_synonyms: dict[str, list[str]] | None = None) -> str | None:
    """The zone type id a label names, or None.

    A label matches when, after :func:`normalise_label`, it equals a known name or contains
    one of at least two characters (Chinese names are compact: "一层休息等候区" is still waiting).
    ASCII names must match whole.

    >>> match_zone_type("候办区")
    'waiting'
    >>> match_zone_type("更衣室（女）")
    'locker_female'
    >>> match_zone_type("Back office")
    'back_office'
    >>> match_zone_type("3.600") is None
    True
    """
    key = normalise_label(text)
    if not key:
        return None
    if extra_synonyms:
        mapped = match_mapped(text, extra_synonyms)
        if mapped is not None:
            return mapped
    index = _ZONE_INDEX
    for name, type_id in index:
        if key == name:
            return type_id
    for name, type_id in index:
        if name.isascii():
            continue
        if len(name) >= 2 and name in key and len(key) <= len(name) + 8:
            return type_id
    return None


def match_window_kind(text: str) -> str | None:
    """The window kind a label or attribute names, or None.

    >>> match_window_kind("跨省通办窗口")
    'cross_province'
    >>> match_window_kind("3号窗口")
    'undifferentiated'
    """
    key = normalise_label(text)
    if not key:
        return None
    for name, kind in _WINDOW_INDEX:
        if name == key or (not name.isascii() and name in key):
            return kind
        if name.isascii() and re.search(rf"\b{re.escape(name)}\b", key):
            return kind
    return None


# -- names as texts write them ------------------------------------------------------------------

_ZONE_NOUNS = {
    "consultation": "consultation and guidance area",
    "acceptance": "comprehensive acceptance area",
    "waiting": "waiting area",
    "back_office": "back office",
    "self_declaration": "self-declaration area",
    "self_service_24h": "24-hour self-service area",
    "self_service": "self-service area",
    "material_circulation": "material circulation area",
    "certificate_issue": "certificate issuing area",
    "exhibition": "exhibition area",
    "mother_baby": "mother-and-baby room",
    "accessible_toilet": "accessible toilet",
    "toilet": "toilet",
    "entrance_hall": "entrance hall",
    "corridor": "corridor",
    "staff_corridor": "staff corridor",
    "locker_male": "men's locker room",
    "locker_female": "women's locker room",
    "locker": "locker room",
    "equipment": "equipment room",
    "hall": "hall outline",
    "self_storage": "self-storage area",
    "catering": "catering area",
    "negotiation": "project negotiation area",
    "reading": "reading area",
    "experience": "service experience area",
    "project_assist": "project assistance area",
    "unknown": "unrecognised zone",
}
_WINDOW_NOUNS = {
    "assisted": "assisted-service window",
    "cross_province": "cross-province window",
    "complaint": "complaints window",
    "categorized": "categorized comprehensive window",
    "undifferentiated": "undifferentiated comprehensive window",
}


@dataclass(frozen=True)
class CameraKind:
    id: str
    zh: str
    en: str
    synonyms: tuple[str, ...]

    @property
    def term(self) -> Term:
        return Term(self.en, self.zh)


CAMERA_KINDS: dict[str, CameraKind] = {
    "fixed": CameraKind(
        "fixed", "定点摄像头", "fixed camera", ("定点", "枪机", "固定", "fixed camera", "bullet")
    ),
    "ptz": CameraKind(
        "ptz",
        "动点摄像头",
        "PTZ camera",
        ("动点", "球机", "云台", "ptz camera", "dome", "speed dome"),
    ),
}

# What --level, `level =` and FC_LEVEL accept besides the ids and the full names of LEVELS.
LEVEL_NAMES: dict[str, str] = {
    "市级": "city",
    "市": "city",
    "市本级": "city",
    "市级政务服务中心": "city",
    "县级": "county",
    "县": "county",
    "区级": "county",
    "县区": "county",
    "县(市)区": "county",
    "开发区": "county",
    "县级政务服务中心": "county",
    "街道": "street",
    "街道便民服务中心": "street",
    "乡镇": "township",
    "乡": "township",
    "镇": "township",
    "乡镇便民服务中心": "township",
    "社区": "community",
    "社区便民服务站": "community",
    "村": "village",
    "村便民服务站": "village",
}
# Names of the guide that cover two levels with different requirements: asked back, not guessed.
AMBIGUOUS_LEVELS: dict[str, tuple[str, ...]] = {
    "乡镇(街道)": ("street", "township"),
    "乡镇(街道)便民服务中心": ("street", "township"),
    "便民服务中心": ("street", "township"),
    "村(社区)": ("community", "village"),
    "村(社区)便民服务站": ("community", "village"),
    "便民服务站": ("community", "village"),
    "政务服务中心": ("city", "county"),
    "县级以上": ("city", "county"),
}


class UnknownName(ValueError):
    """A zone type, window kind, camera kind or level that no table knows; the message says
    what was meant when a known name is close."""


def _fold(text: str) -> str:
    """Case, blanks and bracket width folded: "县（市）区" and "县(市)区" are one name."""
    return re.sub(r"\s+", "", text).replace("（", "(").replace("）", ")").lower()


def _did_you_mean(given: str, names: dict[str, str], lang: str = "en") -> str:
    close = difflib.get_close_matches(_fold(given), list(names), n=1, cutoff=0.6)
    if not close:
        return ""
    return (
        f"；是否应为 {names[close[0]]!r}？"
        if lang == "zh"
        else f"; did you mean {names[close[0]]!r}?"
    )


# What each table names, in Chinese (for the errors).
_WHAT_ZH = {"zone type": "功能区类型", "window kind": "窗口类型", "camera kind": "摄像头类型"}
_WHAT_ZH["level"] = "大厅级别"


def _resolve(given: object, what: str, table: dict[str, str], exact_only: bool = False) -> str:
    what_zh = _WHAT_ZH.get(what, what)
    if not isinstance(given, str) or not given.strip():
        raise with_zh(
            UnknownName(f"{what} must be a name, not {given!r}"),
            f"{what_zh}应为名称，而不是 {given!r}",
        )
    key = _fold(given)
    if key in table:
        return table[key]
    raise with_zh(
        UnknownName(
            f"unknown {what} {given.strip()!r}{_did_you_mean(given, table)} "
            "(the names are listed in docs/reference.md)"
        ),
        f"未知的{what_zh} {given.strip()!r}{_did_you_mean(given, table, 'zh')}"
        "（名称列表见 docs/reference.md）",
    )


def _names(pairs: dict[str, tuple[str, ...]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for type_id, names in pairs.items():
        for name in (type_id, *names):
            out.setdefault(_fold(name), type_id)
            out.setdefault(_fold(name).replace(" ", "_"), type_id)
    return out


_ZONE_TABLE = _names(
    {z.id: (z.zh, z.en, _ZONE_NOUNS[z.id], *z.synonyms) for z in ZONE_TYPES.values()}
)
_WINDOW_TABLE = _names(
    {w.id: (w.zh, w.en, _WINDOW_NOUNS[w.id], *w.synonyms) for w in WINDOW_KINDS.values()}
)
_CAMERA_TABLE = _names({c.id: (c.zh, c.en, *c.synonyms) for c in CAMERA_KINDS.values()})
_LEVEL_TABLE = _names({lv.id: (lv.zh, lv.en) for lv in LEVELS.values()}) | {
    _fold(k): v for k, v in LEVEL_NAMES.items()
}


def zone_type_id(name: object) -> str:
    """The zone type id a name means: an id, a 中文 name, an English name or a synonym, in any
    case; a zone label as drawn ("一层休息等候区") too. Anything else raises :class:`UnknownName`.

    >>> zone_type_id("休息等候区"), zone_type_id("Waiting Area"), zone_type_id("WAITING")
    ('waiting', 'waiting', 'waiting')
    >>> zone_type_id("waitng")
    Traceback (most recent call last):
    ...
    floorcheck.vocab.UnknownName: unknown zone type 'waitng'; did you mean 'waiting'? (the names are listed in docs/reference.md)
    """
    if isinstance(name, str) and name in ZONE_TYPES:
        return name
    if isinstance(name, str) and _fold(name) not in _ZONE_TABLE:
        found = match_zone_type(name)
        if found is not None:
            return found
    return _resolve(name, "zone type", _ZONE_TABLE)


def window_kind_id(name: object) -> str:
    """The window kind a name means (ids, 中文 names, synonyms, any case), else
    :class:`UnknownName`.

    >>> window_kind_id("帮办代办"), window_kind_id("Complaints")
    ('assisted', 'complaint')
    """
    if isinstance(name, str) and name in WINDOW_KINDS:
        return name
    return _resolve(name, "window kind", _WINDOW_TABLE)


def camera_kind_id(name: object) -> str:
    """``fixed`` or ``ptz`` for a camera kind's id, 中文 name or synonym (球机, 枪机 …).

    >>> camera_kind_id("球机"), camera_kind_id("Fixed")
    ('ptz', 'fixed')
    """
    if isinstance(name, str) and name in CAMERA_KINDS:
        return name
    return _resolve(name, "camera kind", _CAMERA_TABLE)


def level_id(name: object) -> str:
    """The hall level a name means: an id in any case, the full 中文 name, or a short one
    (县级, 街道, 村 …). A name of the guide that covers two levels is asked back.

    >>> level_id("County"), level_id("县级"), level_id("乡镇")
    ('county', 'county', 'township')
    >>> level_id("乡镇（街道）")
    Traceback (most recent call last):
    ...
    floorcheck.vocab.UnknownName: '乡镇（街道）' may be street (街道便民服务中心) or township (乡镇便民服务中心), which the guide treats differently: name one
    """
    if isinstance(name, str) and name in LEVELS:
        return name
    if isinstance(name, str):
        both = {_fold(k): v for k, v in AMBIGUOUS_LEVELS.items()}.get(_fold(name))
        if both:
            options = " or ".join(f"{lv} ({LEVELS[lv].zh})" for lv in both)
            options_zh = "或".join(f"{LEVELS[lv].zh}（{lv!r}）" for lv in both)
            raise with_zh(
                UnknownName(
                    f"{name.strip()!r} may be {options}, which the guide treats differently: "
                    "name one"
                ),
                f"{name.strip()!r} 可能是{options_zh}，指南对二者的要求不同：请指明其一",
            )
    return _resolve(name, "level", _LEVEL_TABLE)
