"""What the reader may spend (:class:`ReadLimits`) and how it recognises a plan (:class:`ReadOptions`).

Both are frozen: pass your own to :func:`floorcheck.dxf.load` to change a value::

    from floorcheck.dxf import ReadOptions, load
    plan = load("hall.dxf", options=ReadOptions(doorway_max_m=3.0))
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ReadLimits", "ReadOptions"]


@dataclass(frozen=True)
class ReadLimits:
    """Guards against drawings that would never finish (nested 10,000 deep, cycles, floods).

    Each is checked *before* the work it guards: a block insert (a MINSERT array: rows ×
    columns copies) is counted with everything its block holds, nested blocks included, before
    a single copy is made; a curve's vertices are counted before it is flattened.
    """

    # Blocks nested deeper than this are refused (real drawings nest 3–5 deep).
    max_depth: int = 32
    # Entities, every block insert expanded (a block of 10 lines inserted 100 times is 1,000).
    max_entities: int = 3_000_000
    # Vertices of the curves floorcheck keeps (walls, zone boundaries, columns, furniture).
    max_vertices: int = 2_000_000
    # Inserts that are one thing each (doors, counters, cameras, seats, desks …), every copy
    # counted: the largest centre benchmarked holds 200,000 desks.
    max_things: int = 500_000
    # Cameras: the view of each one is computed against the walls around it (≈ 20 ms each); a
    # hall has tens, the largest centres some hundreds.
    max_cameras: int = 5_000
    # A curve (wall, zone boundary, column …) with more vertices than this — a traced or
    # scanned outline — is thinned to at most this many, by the finest grid that does it (an
    # FC009 finding says how far it moved), so that no rule spends its time on one outline:
    # overlaying and buffering such outlines grows faster than their vertices. Real boundaries
    # have tens to a few hundred vertices (an arc is drawn with ~70 per turn).
    max_curve_vertices: int = 5_000


@dataclass(frozen=True)
class ReadOptions:
    """The tolerances and search distances the reader recognises a plan with (metres, after
    the drawing's unit is known). The defaults fit plans as design offices draw them (DXF.md);
    a field says what it decides and why it has its value.
    """

    # -- zone boundaries ---------------------------------------------------------------------
    # An open polyline whose ends lie this close is a closed boundary (DXF.md: 10 mm snap).
    snap_m: float = 0.01
    # Two boundaries are one drawn twice (a HATCH over its own polyline) when their areas differ
    # by at most this share and they overlap by at least `duplicate_overlap` of the larger.
    duplicate_area_share: float = 0.01
    duplicate_overlap: float = 0.99

    # -- rooms closed from walls -------------------------------------------------------------
    # The widest gap between wall ends read as a doorway or window: wider than any ordinary door
    # leaf pair, narrower than a corridor opening.
    doorway_max_m: float = 2.4
    # A drawn door wider than that widens the bridged gap to this multiple of its width.
    doorway_per_door_width: float = 1.1
    # Wall lines are snapped to this grid before noding, so that ends drawn a hair apart meet.
    node_grid_m: float = 0.001
    # A door's jambs are wall vertices up to this far across the opening from its ends (half a
    # thick wall) …
    jamb_search_m: float = 0.5
    # … and at most this far along it (the slack of a drawn wall face square to the opening).
    jamb_inline_m: float = 0.03
    # Two wall ends continue each other (a gap to bridge) when they point at each other within
    # this angle …
    gap_angle_deg: float = 3.0
    # … and lie at most this far off each other's line. A line shorter than `bridge_stub_m`
    # (a jamb drawn across a wall's end) bridges no gap wider than `stub_gap_m` (a door leaf):
    # the jambs of two doors facing each other across a room are not a wall.
    gap_lateral_m: float = 0.03
    bridge_stub_m: float = 0.25
    stub_gap_m: float = 1.2
    # Two wall ends that touch nothing, each the other's nearest, up to this far apart, are the
    # jambs of a door set in a corner (between a wall and a partition meeting it at an angle).
    corner_gap_m: float = 1.5
    # A wall end this close to another wall line touches it: it is not an open end.
    wall_touch_m: float = 0.002
    # A face of the wall graph is a room when its area is in this range: smaller ones are wall
    # bodies and shafts, larger ones the outside of the building. (Rooms of some zone types
    # are smaller still: floorcheck.dxf.rooms.ROOM_MAX_M2.)
    room_min_m2: float = 1.0
    room_max_m2: float = 5000.0
    # A face is the outside of the building when it surrounds at least this much drawing (m²) …
    outside_hole_m2: float = 50.0
    # … and that is at least this share of the area inside its outer edge (a hall round a small
    # island room is still a room).
    outside_hole_share: float = 0.25
    # A named face larger than this many times the typical named room of the plan, and than
    # `room_large_m2`, is a yard or a wing the walls leak into, not a room …
    room_size_factor: float = 12.0
    room_large_m2: float = 300.0
    # … judged only when the plan names at least this many rooms. A face only this many times
    # the typical room, and larger than `edge_large_m2`, whose name stands outside its core
    # (the face shrunk by this share of the square root of its area), is the room the name
    # names leaking into the space beyond (a balcony into the strip outside a façade).
    typical_rooms_min: int = 3
    edge_size_factor: float = 6.0
    edge_large_m2: float = 60.0
    edge_core_share: float = 0.2
    # Closed polylines on a layer that means nothing to floorcheck are room outlines when two of
    # them hold a room name, or this share of the layer's room-sized ones does.
    outline_share: float = 0.25
    # A room closed from the walls with walls inside it that end in the open, longer than this
    # (m) and than this share of the square root of its area, may be several rooms whose doors
    # were left open: it is split where its walls allow, else reported (FC006).
    partition_min_m: float = 4.0
    partition_share: float = 0.5
    # A closed space no text names is drawn as a room when a person fits in it: this wide.
    room_min_width_m: float = 0.6
    # An open wall end this close to a refused face's outline is where it leaks.
    leak_on_edge_m: float = 0.05
    # A face more than this share covered by drawn zones is theirs, not a new room.
    room_taken_share: float = 0.5
    # A label in no room names the nearest open wall end (where its room leaks) up to this far.
    open_end_report_m: float = 30.0

    # -- doors -------------------------------------------------------------------------------
    # Door tags (M1021) and "automatic" are read from this many nearest labels within this
    # distance of the opening: a tag is written beside its door.
    door_label_m: float = 1.5
    door_labels: int = 3
    # Entrance, staff-only and exit names are read from this many labels within this distance:
    # they are written in front of the door, a little further off.
    entrance_label_m: float = 3.0
    entrance_labels: int = 4
    # The hall's outline is closed over gaps up to twice this (buffered out and back in), so
    # that door openings in the outer wall do not break it.
    outline_close_m: float = 0.3
    # A door is on the outline (an entrance) when both ends of its opening lie this close to it.
    outline_tol_m: float = 0.5
    # A WIDTH attribute above this is in millimetres (no door is 20 m wide, none 20 mm).
    width_mm_above: float = 20.0

    # -- service windows, terminals ----------------------------------------------------------
    # A counter's window kind is read from this many nearest labels within this distance.
    window_label_m: float = 1.2
    window_labels: int = 2
    # A window text this close to a counter block or a terminal labels that, not a new window.
    window_text_taken_m: float = 2.0
    # Width of a counter block whose geometry gives none: a standard counter position.
    counter_width_m: float = 1.6
    # A label saying 跨省通办 this close to a self-service terminal makes it the 跨省通办 one.
    terminal_label_m: float = 1.5
