"""Simple illustrations drawn with Pillow at run time and stored as Wagtail images.

The project owns these pictures (no stock photos). They are drawn at twice the size and scaled
down for smooth edges. Re-runs reuse the image with the same title, and the file on disk if present.
"""

import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image

WIDTH, HEIGHT = 1200, 630
SCALE = 2

SKY = (232, 241, 246)
SUN = (247, 201, 120)
GRASS = (170, 206, 160)
WALL = (246, 224, 200)
ROOF = (214, 123, 98)
DOOR = (126, 94, 140)
WINDOW = (255, 246, 214)
SKIN = (240, 196, 164)
BLUE = (96, 140, 186)
TEAL = (92, 166, 160)
PLUM = (176, 104, 140)
LEAF = (108, 168, 112)
POT = (196, 128, 92)
TRUNK = (150, 110, 80)


def _canvas(sky=SKY, grass_top=470):
    image = PILImage.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE), sky)
    draw = ImageDraw.Draw(image)
    draw.ellipse(_s(-200, grass_top, WIDTH + 200, grass_top + 500), fill=GRASS)
    return image, draw


def _s(*coords):
    """Scale drawing coordinates to the oversized canvas."""
    return [value * SCALE for value in coords]


def _sun(draw, x, y, r=70):
    draw.ellipse(_s(x - r, y - r, x + r, y + r), fill=SUN)


def _house(draw, x, y, w=300, h=220, wall=WALL, roof=ROOF):
    """A house with its bottom-left corner at (x, y)."""
    draw.rectangle(_s(x, y - h, x + w, y), fill=wall)
    draw.polygon(_s(x - 30, y - h, x + w / 2, y - h - 150, x + w + 30, y - h), fill=roof)
    draw.rounded_rectangle(_s(x + w / 2 - 35, y - 120, x + w / 2 + 35, y), radius=14 * SCALE, fill=DOOR)
    draw.rounded_rectangle(_s(x + 30, y - h + 40, x + 100, y - h + 110), radius=8 * SCALE, fill=WINDOW)
    draw.rounded_rectangle(_s(x + w - 100, y - h + 40, x + w - 30, y - h + 110), radius=8 * SCALE, fill=WINDOW)


def _figure(draw, x, y, height, colour):
    """A person standing on (x, y): a round head and a soft body."""
    head = height * 0.18
    draw.rounded_rectangle(
        _s(x - height * 0.2, y - height * 0.72, x + height * 0.2, y), radius=height * 0.18 * SCALE, fill=colour
    )
    draw.ellipse(_s(x - head, y - height - head * 0.2, x + head, y - height + head * 1.8), fill=SKIN)


def _holding_hands(draw, x1, x2, arm_y):
    draw.line(_s(x1, arm_y, x2, arm_y), fill=SKIN, width=12 * SCALE)


def _tree(draw, x, y, size=120):
    draw.rectangle(_s(x - 12, y - size * 0.8, x + 12, y), fill=TRUNK)
    draw.ellipse(_s(x - size * 0.55, y - size * 1.6, x + size * 0.55, y - size * 0.6), fill=LEAF)


def draw_home():
    """A house in the sun, a grown-up and a child hand in hand."""
    image, draw = _canvas()
    _sun(draw, 1030, 130)
    _house(draw, 170, 520)
    _tree(draw, 560, 530)
    _figure(draw, 760, 560, 230, BLUE)
    _figure(draw, 900, 560, 140, PLUM)
    _holding_hands(draw, 790, 880, 490)
    return image


def draw_two_homes():
    """Two houses joined by a path: the family's own home and the host family."""
    image, draw = _canvas(sky=(240, 236, 248))
    _sun(draw, 600, 120, 60)
    _house(draw, 90, 500, w=260, h=190, wall=(250, 232, 214), roof=(150, 120, 180))
    _house(draw, 850, 500, w=260, h=190, wall=(236, 240, 222), roof=TEAL)
    draw.line(_s(360, 540, 600, 500, 840, 540), fill=(244, 228, 190), width=40 * SCALE, joint="curve")
    _figure(draw, 600, 490, 120, PLUM)
    return image


def draw_growth():
    """A young plant in a pot, reaching for the sun: the first 1000 days."""
    image, draw = _canvas(sky=(236, 246, 238), grass_top=520)
    _sun(draw, 220, 150, 90)
    draw.polygon(_s(520, 420, 680, 420, 655, 560, 545, 560), fill=POT)
    draw.line(_s(600, 420, 600, 230), fill=LEAF, width=14 * SCALE)
    for dx, dy in ((-90, 330), (90, 290), (-70, 240)):
        x0, x1 = sorted((600, 600 + dx))
        draw.ellipse(_s(x0, dy - 30, x1, dy + 30), fill=LEAF)
    for x in (900, 980, 1060):
        draw.ellipse(_s(x - 18, 540 - 18, x + 18, 540 + 18), fill=(246, 190, 200))
    return image


def draw_neighbourhood():
    """A street of houses with trees: support close to home."""
    image, draw = _canvas(sky=(234, 242, 250))
    _sun(draw, 1080, 110, 55)
    for i, (wall, roof) in enumerate(((WALL, ROOF), ((226, 236, 244), BLUE), ((244, 230, 236), PLUM))):
        _house(draw, 80 + i * 380, 520, w=240, h=180, wall=wall, roof=roof)
    for x in (370, 750):
        _tree(draw, x, 530, 100)
    _figure(draw, 1120, 560, 170, TEAL)
    return image


# key -> (title, file name, drawing function)
ILLUSTRATIONS = {
    "home": ("Illustratie: huis met ouder en kind", "demo-huis.png", draw_home),
    "two-homes": ("Illustratie: twee huizen verbonden door een pad", "demo-twee-huizen.png", draw_two_homes),
    "growth": ("Illustratie: jonge plant in de zon", "demo-groei.png", draw_growth),
    "neighbourhood": ("Illustratie: straat met huizen en bomen", "demo-buurt.png", draw_neighbourhood),
}


def _png_bytes(draw_function):
    picture = draw_function().resize((WIDTH, HEIGHT), PILImage.LANCZOS)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def ensure_image(key):
    """The Wagtail image for one illustration, created on first use."""
    title, filename, draw_function = ILLUSTRATIONS[key]
    image = Image.objects.filter(title=title).order_by("pk").first()
    if image is not None:
        return image
    data = _png_bytes(draw_function)
    image = Image(title=title, width=WIDTH, height=HEIGHT)
    storage = Image._meta.get_field("file").storage
    path = f"original_images/{filename}"
    if storage.exists(path) and storage.size(path) == len(data):
        image.file.name = path  # the same picture is already on disk (e.g. a fresh test database)
    else:
        image.file = ImageFile(io.BytesIO(data), name=filename)
    image.save()
    return image


def ensure_images():
    return {key: ensure_image(key) for key in ILLUSTRATIONS}
