"""Manim's Cairo camera, with fast paths for images that are only moved and scaled,
and for shapes drawn again where they were.

Manim draws every ``ImageMobject`` with a full perspective warp into a
frame-sized canvas, then composites that whole canvas: at 1080p a full-screen
fog layer cost about 60 ms a frame, most of a scene's render time. An image that
is neither rotated nor skewed needs only a resize and a composite of the pixels
it covers, which gives the same picture for a fraction of the work. Anything
else goes through manim's own code.

An image that stands still while something else moves is resized once: the
camera keeps the last few resized images, by their exact source pixels. An image
in one colour (fog, silhouettes) has only its opacity resized.

Every frame of an animation redraws each of its mobjects, and manim builds each
shape's Cairo path again in Python, curve by curve: a formula's glyphs are
hundreds of shapes, most of them standing still while a neighbour moves or only
their colour fades. The camera keeps the paths it built, by the exact points
they came from, and replays a kept path in one Cairo call: the same path, so the
same pixels.

A shape drawn a third time where it was (a glyph of a formula beside something
that moves) is not filled or stroked again: from its second drawing the camera keeps
the coverage of its fill and of each stroke, small one-byte-per-pixel masks at the
same sub-pixel offset, and paints each one-colour layer through its mask. Cairo's
fill spends nearly all its time finding that coverage, so a glyph draws ten times
faster. A translucent colour gives the fill's very bytes; an opaque one may differ
by one level on a few edge pixels, where Cairo's fill rounds its blend differently.

Each frame is drawn into an array nothing else holds, so the renderer can hand the
last one to the encoder without copying it. The camera notes which rows each
frame was drawn on (:mod:`scenes.kit.drawn_frames`): the encoder compares only
those, and an array the encoder has let go of is used again with only those
rows restored.

Before drawing, manim lists every mobject to draw by walking each family through
nested generators, and sorts each into a drawing function by testing its class
against a table it builds again for every mobject: a tenth of the drawing time of
a busy scene. The camera lists the same mobjects in the same order with a plain
walk, and remembers each class's drawing function.
"""

from __future__ import annotations

import math
import sys

import cairo
import numpy as np
from manim import Camera
from manim.camera.camera import CAP_STYLE_MAP, LINE_JOIN_MAP
from PIL import Image

from scenes.kit.drawn_frames import DrawnFrame, FramePool

__all__ = ["ExplainerCamera", "picture_of"]


# Paths kept per camera; past this many, the camera starts a new collection (a scene's
# standing shapes come back within frames, so an old entry is rarely worth more).
KEPT_PATHS = 10_000  # about 30 MB at most
# Resized images kept per camera: a scene shows a few at once (fog, silhouettes).
KEPT_PICTURES = 8
# Coverage masks kept per camera, in bytes, and the largest kept (in pixels): a glyph
# takes a kilobyte or two; a large shape fills about as fast as it composites.
KEPT_MASK_BYTES = 32 * 2**20
MASK_MAX_PIXELS = 256 * 256


class ExplainerCamera(Camera):
    """A Cairo camera that resizes, rather than warps, axis-aligned images, and replays
    the Cairo path of a shape whose points have not changed."""

    def __init__(self, *args, **kwargs) -> None:
        self._frames = FramePool()  # before manim's __init__, which resets the frame
        super().__init__(*args, **kwargs)
        # (tolerance, points) -> the shape's Cairo path and its coverage masks
        self._shapes: dict[tuple[float, bytes], _KeptShape] = {}
        self._mask_bytes = 0
        # (form, source pixels, resized picture) of images drawn lately, oldest first
        self._pictures: list[tuple[tuple, np.ndarray, Image.Image]] = []
        self._kinds: dict[type, type] = {}  # class -> the type manim draws it as

    def type_or_raise(self, mobject):
        kind = self._kinds.get(type(mobject))
        if kind is None:  # manim's answer (it also sets display_funcs, or raises)
            kind = self._kinds[type(mobject)] = super().type_or_raise(mobject)
        return kind

    def get_mobjects_to_display(
        self, mobjects, include_submobjects: bool = True, excluded_mobjects=None
    ):
        if not include_submobjects or excluded_mobjects:
            return super().get_mobjects_to_display(mobjects, include_submobjects, excluded_mobjects)
        # manim's extract_mobject_family_members: each family in order (a mobject that
        # contains itself is not entered again), the last of any repeats kept, those
        # with points, by z_index.
        members: list = []
        for mobject in mobjects:
            _walk_family(mobject, set(), members)
        seen: set[int] = set()
        kept = []
        for mobject in reversed(members):
            if id(mobject) not in seen:
                seen.add(id(mobject))
                if mobject.get_num_points() > 0:
                    kept.append(mobject)
        kept.reverse()
        if self.use_z_index:
            kept.sort(key=lambda m: m.z_index)
        return kept

    def set_pixel_array(self, pixel_array, convert_from_floats: bool = False) -> None:
        # Always into a new array, where manim copies into the old one: a frame the
        # renderer has handed to the encoder as it is (ExplainerRenderer.get_frame)
        # is then never drawn on again.
        converted = (
            self.convert_pixel_array(pixel_array)
            if convert_from_floats
            else np.asarray(pixel_array)
        )
        old = getattr(self, "pixel_array", None)
        if old is not None and old.shape == converted.shape:
            self.pixel_array = converted.astype(old.dtype, copy=True)
        else:
            self.pixel_array = converted.copy()

    def reset(self) -> ExplainerCamera:
        # A background in one colour is filled in, not copied: half the memory traffic.
        word = self._background_word()
        if word is None:
            return super().reset()
        self.pixel_array = self._frames.frame(self.background, word)
        return self

    def set_frame_to_background(self, background) -> None:
        # manim's static picture of what does not move, the same array all animation long
        old = getattr(self, "pixel_array", None)
        if (
            isinstance(background, np.ndarray)
            and old is not None
            and background.shape == old.shape
            and background.dtype == old.dtype
        ):
            self.pixel_array = self._frames.frame(background)
        else:
            super().set_frame_to_background(background)

    def _background_word(self) -> np.uint32 | None:
        """The background's one pixel as a 32-bit word, if it is in one colour throughout
        (manim's background colour); ``None`` for an image. Kept per background array:
        manim replaces the array, never changes it in place."""
        background = self.background
        # Found on first use: manim's __init__ resets the frame before ours has run.
        if getattr(self, "_word_of", (None,))[0] is not background:
            word = None
            if (
                background.dtype == np.uint8
                and background.ndim == 3
                and background.shape[2] == 4
                and background.flags.c_contiguous
            ):
                words = background.view(np.uint32)
                word = words.flat[0] if (words == words.flat[0]).all() else None
            self._word_of = (background, word)
        return self._word_of[1]

    def cache_cairo_context(self, pixel_array, ctx: cairo.Context) -> None:
        # Only the array being drawn: each frame's array would otherwise stay alive here.
        self.pixel_array_to_cairo_context = {id(pixel_array): ctx}

    def set_cairo_context_path(self, ctx: cairo.Context, vmobject) -> ExplainerCamera:
        points = vmobject.points
        if len(points) == 0:  # manim leaves the context's path alone: so do we
            return super().set_cairo_context_path(ctx, vmobject)
        key = _shape_key(vmobject)
        kept = self._shapes.get(key)
        if kept is not None:
            ctx.new_path()
            ctx.append_path(kept.path)
            return self
        super().set_cairo_context_path(ctx, vmobject)
        if len(self._shapes) >= KEPT_PATHS or self._mask_bytes > KEPT_MASK_BYTES:
            self._shapes.clear()
            self._mask_bytes = 0
        self._shapes[key] = _KeptShape(ctx.copy_path())
        return self

    def display_vectorized(self, vmobject, ctx: cairo.Context) -> ExplainerCamera:
        if not self._painted_through_masks(vmobject, ctx):
            super().display_vectorized(vmobject, ctx)
            if isinstance(self.pixel_array, DrawnFrame):
                self._mark_path(vmobject, ctx)
        return self

    def _mark_path(self, vmobject, ctx: cairo.Context) -> None:
        """Mark the rows the shape manim just drew can reach: its path's box (manim
        leaves the path set), widened by as far as a corner of its widest line can
        reach (a mitred one: up to the miter limit in half-widths), and two pixels of
        smoothing."""
        x0, y0, x1, y1 = ctx.path_extents()
        m = ctx.get_matrix()
        rows = [m.yx * x + m.yy * y + m.y0 for x in (x0, x1) for y in (y0, y1)]
        width = max(vmobject.get_stroke_width(), vmobject.get_stroke_width(background=True))
        reach = (
            width * self.cairo_line_width_multiple * (abs(m.yx) + abs(m.yy))
            * max(ctx.get_miter_limit(), 1.0) / 2
            + 2
        )  # fmt: skip
        self.pixel_array.mark(min(rows) - reach, max(rows) + reach)

    def display_multiple_non_background_colored_vmobjects(self, vmobjects, pixel_array) -> None:
        if pixel_array is not self.pixel_array:
            _mark_all(pixel_array)  # the marks go to the camera's own frame
        super().display_multiple_non_background_colored_vmobjects(vmobjects, pixel_array)

    def display_multiple_background_colored_vmobjects(self, cvmobjects, pixel_array):
        _mark_all(pixel_array)  # composited over the whole frame
        return super().display_multiple_background_colored_vmobjects(cvmobjects, pixel_array)

    def display_multiple_point_cloud_mobjects(self, pmobjects, pixel_array) -> None:
        _mark_all(pixel_array)  # manim draws them pixel by pixel, unbounded here
        super().display_multiple_point_cloud_mobjects(pmobjects, pixel_array)

    def _painted_through_masks(self, vmobject, ctx: cairo.Context) -> bool:
        """Paint a shape drawn before, unchanged, through the kept coverage masks of its
        background stroke, fill and stroke (manim's order), each in its one colour.
        ``False`` when it cannot be (first sight, a gradient, a mask too large): then
        it is drawn as manim draws it."""
        # Only a shape drawn before (so likely to stand still) earns masks; a shape
        # without points is never kept.
        shape = self._shapes.get(_shape_key(vmobject))
        if shape is None:
            return False
        matrix = tuple(ctx.get_matrix())
        layers = []
        for layer in _LAYERS:
            if layer is _FILL:
                rgbas, stroke = vmobject.get_fill_rgbas(), None
            else:
                width = vmobject.get_stroke_width(background=layer is _BACKGROUND_STROKE)
                if not width:
                    continue
                rgbas = vmobject.get_stroke_rgbas(background=layer is _BACKGROUND_STROKE)
                stroke = (
                    width * self.cairo_line_width_multiple,
                    vmobject.joint_type,
                    vmobject.cap_style,
                )
            if len(rgbas) != 1:
                return False  # a gradient
            if rgbas[0][3] == 0:
                continue  # Cairo paints nothing for it either
            mask_key = (matrix, stroke)
            if mask_key in shape.masks:
                mask = shape.masks[mask_key]
            else:
                mask = shape.masks[mask_key] = self._mask(shape.path, stroke, ctx)
            if mask is None:
                return False
            layers.append((mask, rgbas[0]))
        frame = self.pixel_array if isinstance(self.pixel_array, DrawnFrame) else None
        ctx.save()
        ctx.identity_matrix()
        for (surface, x, y), (r, g, b, a) in layers:
            ctx.set_source_rgba(b, g, r, a)  # Cairo's byte order, as manim sets it
            ctx.mask_surface(surface, x, y)
            if frame is not None:
                frame.mark(y, y + surface.get_height())
        ctx.restore()
        return True

    def _mask(self, path: cairo.Path, stroke, ctx: cairo.Context):
        """The coverage of ``path`` filled (or stroked: width, joint, cap) on ``ctx``, as
        an A8 surface over the pixels it touches at the same sub-pixel offset (the
        matrix moved by whole pixels), with its place; ``None`` if it is too large, or
        the masks kept are over budget (until a new path starts a new collection)."""
        if self._mask_bytes > KEPT_MASK_BYTES:
            return None
        ctx.save()
        ctx.new_path()
        ctx.append_path(path)
        if stroke is None:
            x0, y0, x1, y1 = ctx.fill_extents()
        else:
            _set_line(ctx, stroke)
            x0, y0, x1, y1 = ctx.stroke_extents()
        ctx.new_path()
        ctx.restore()
        (ax, ay), (bx, by) = ctx.user_to_device(x0, y0), ctx.user_to_device(x1, y1)
        left, top = math.floor(min(ax, bx)), math.floor(min(ay, by))
        width = math.ceil(max(ax, bx)) - left
        height = math.ceil(max(ay, by)) - top
        mask = None
        if 0 < width * height <= MASK_MAX_PIXELS:
            surface = cairo.ImageSurface(cairo.FORMAT_A8, width, height)
            painter = cairo.Context(surface)
            m = ctx.get_matrix()
            painter.set_matrix(cairo.Matrix(m.xx, m.yx, m.xy, m.yy, m.x0 - left, m.y0 - top))
            painter.append_path(path)
            if stroke is None:
                painter.fill()
            else:
                _set_line(painter, stroke)
                painter.stroke()
            surface.flush()
            mask = (surface, left, top)
            self._mask_bytes += surface.get_stride() * height
        return mask

    def display_image_mobject(self, image_mobject, pixel_array: np.ndarray) -> None:
        # Corners in pixel coordinates, in manim's order: UL, UR, DL, DR.
        ul, ur, dl, dr = self.points_to_subpixel_coords(image_mobject, image_mobject.points)
        aligned = (
            abs(ul[1] - ur[1]) < 0.5
            and abs(ul[0] - dl[0]) < 0.5
            and ur[0] > ul[0]
            and dl[1] > ul[1]
        )
        if not aligned:
            _mark_all(pixel_array)  # warped over a frame-sized canvas
            super().display_image_mobject(image_mobject, pixel_array)
            return
        # The same integer placement manim uses: truncated corners, then their box.
        corners = np.array([ul, ur, dl, dr]).astype(np.int64)
        left, top = corners.min(axis=0)
        right, bottom = corners.max(axis=0)
        width, height = right - left, bottom - top
        if width < 1 or height < 1:
            return
        # Only the part inside the frame is drawn.
        x0, y0 = max(left, 0), max(top, 0)
        x1, y1 = min(right, self.pixel_width), min(bottom, self.pixel_height)
        if x0 >= x1 or y0 >= y1:
            return
        picture = self._placed_picture(
            image_mobject, (int(width), int(height)), (x0 - left, y0 - top, x1 - left, y1 - top)
        )
        region = Image.fromarray(np.ascontiguousarray(pixel_array[y0:y1, x0:x1]), mode="RGBA")
        pixel_array[y0:y1, x0:x1] = np.asarray(Image.alpha_composite(region, picture))
        if isinstance(pixel_array, DrawnFrame):
            pixel_array.mark(y0, y1)

    def _placed_picture(self, image_mobject, size: tuple[int, int], crop: tuple) -> Image.Image:
        """The image resized to ``size`` and cropped to ``crop``; kept with a copy of the
        source pixels, for a still image redrawn while something else moves: comparing
        the source with the copy costs a tenth of a millisecond, resizing it to a
        screenful ten times that. (A hash of the source cost as much as the compare
        and the resize of a small image together.)"""
        source = image_mobject.get_pixel_array()
        form = (source.shape, source.dtype.str, size, crop, image_mobject.resampling_algorithm)
        for kept_form, kept_source, picture in self._pictures:
            if kept_form == form and _same_pixels(kept_source, source):
                return picture
        source = np.ascontiguousarray(source)
        picture = _resized(source, size, form[-1]).crop(crop)
        if len(self._pictures) >= KEPT_PICTURES:
            self._pictures.pop(0)  # the oldest
        self._pictures.append((form, source.copy(), picture))
        return picture


def _mark_all(pixel_array) -> None:
    if isinstance(pixel_array, DrawnFrame):
        pixel_array.mark_all()


def _shape_key(vmobject) -> tuple[float, bytes]:
    """The points, exactly, and the tolerance that decides where subpaths split."""
    return vmobject.tolerance_for_point_equality, vmobject.points.tobytes()


class _KeptShape:
    """A shape's Cairo path, and the coverage of its fill and strokes by (matrix, line):
    an A8 surface and its place in device pixels, or ``None`` if too large to keep."""

    __slots__ = ("masks", "path")

    def __init__(self, path: cairo.Path):
        self.path = path
        self.masks: dict[tuple, tuple[cairo.ImageSurface, int, int] | None] = {}


# What manim paints of a shape, in its order (Camera.display_vectorized).
_BACKGROUND_STROKE, _FILL, _STROKE = "background stroke", "fill", "stroke"
_LAYERS = (_BACKGROUND_STROKE, _FILL, _STROKE)


def _set_line(ctx: cairo.Context, stroke: tuple) -> None:
    """Manim's line settings (Camera.apply_stroke): width in frame units, joint, cap."""
    width, joint, cap = stroke
    ctx.set_line_width(width)
    ctx.set_line_join(LINE_JOIN_MAP[joint])
    ctx.set_line_cap(CAP_STYLE_MAP[cap])


def _same_pixels(kept: np.ndarray, source: np.ndarray) -> bool:
    """Whether ``source`` holds exactly the pixels of ``kept`` (contiguous, same shape),
    compared eight bytes at a time where the sizes allow."""
    if kept.nbytes % 8 == 0 and source.flags.c_contiguous:
        return bool(
            np.array_equal(kept.reshape(-1).view(np.uint64), source.reshape(-1).view(np.uint64))
        )
    return bool(np.array_equal(kept, source))


def _walk_family(mobject, path: set[int], out: list) -> None:
    """``mobject`` and its submobjects, depth first, into ``out``; ``path``: the ids of
    the mobjects being entered (a cycle stops, as in ``Mobject._iter_family``)."""
    if id(mobject) in path:
        return
    path.add(id(mobject))
    out.append(mobject)
    for submobject in mobject.submobjects:
        _walk_family(submobject, path, out)
    path.discard(id(mobject))


def _resized(source: np.ndarray, size: tuple[int, int], algorithm) -> Image.Image:
    """``source`` (RGBA) resized to ``size``.

    Pillow resizes RGBA through premultiplied colour, four bands. A picture in one
    colour throughout (fog, silhouettes) resizes to that colour with its opacity
    resized, so only the opacity band is resized: a quarter of the work, and the
    colour stays exact where the picture is faint.
    """
    colour = source[0, 0, :3]
    # Each pixel as one number with its opacity byte masked off: one fast comparison.
    rgb = source.view(np.uint32) & np.uint32(int.from_bytes(b"\xff\xff\xff\x00", sys.byteorder))
    if not (rgb == rgb.flat[0]).all():
        return Image.fromarray(source, mode="RGBA").resize(size, resample=algorithm)
    alpha = Image.fromarray(np.ascontiguousarray(source[..., 3]), mode="L")
    picture = Image.new("RGBA", size, (*(int(c) for c in colour), 0))
    picture.putalpha(alpha.resize(size, resample=algorithm))
    return picture


def picture_of(mob, *, pixels_per_unit: float, pad: float = 0.3) -> Image.Image:
    """``mob`` drawn alone on the theme's background, cropped to it with ``pad`` units around.

    For pictures outside a scene: the guide's component pictures, the lecture
    kit's formula images.
    """
    from scenes.theme import current_theme

    mob.move_to(np.zeros(3))
    width, height = mob.width + 2 * pad, mob.height + 2 * pad
    camera = ExplainerCamera(
        pixel_width=round(width * pixels_per_unit),
        pixel_height=round(height * pixels_per_unit),
        frame_width=width,
        frame_height=height,
        background_color=current_theme().color.background,
        background_opacity=1,
    )
    camera.capture_mobjects([mob])
    return camera.get_image().convert("RGB")
