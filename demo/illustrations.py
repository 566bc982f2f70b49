"""The demo's images (demo/data/illustrations.yaml), drawn with Pillow and stored with the
renditions the public pages ask for, made at once as an upload makes them."""

import math
import random
from io import BytesIO

from PIL import Image as PillowImage
from PIL import ImageDraw

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

from core.services import image_renditions_create


def illustration(key: str, data: dict):
    """The image titled ``data["title"]``, drawn the first time, with its renditions (made here,
    not left to the worker that an upload hands them to, so a seeded site is whole at once)."""
    image_model = get_image_model()
    image = image_model.objects.filter(title=data["title"]).first()
    if image is None:
        buffer = BytesIO()
        _draw(key, data["colours"]).save(buffer, "PNG", optimize=True)
        image = image_model(title=data["title"], file=ImageFile(buffer, name=f"{key}.png"))
        image.save()
    image_renditions_create(image=image)
    return image


def _draw(key: str, colours: list[str]) -> PillowImage.Image:
    """A simple flat illustration of what the image's alternative text describes."""
    dark, bright, light = colours
    width, height = 1600, 900
    image = PillowImage.new("RGB", (width, height), dark)
    draw = ImageDraw.Draw(image)
    rng = random.Random(key)
    if key == "safe-urban-space":
        for left in range(60, width - 160, 180):
            top = rng.randint(250, 520)
            draw.rectangle((left, top, left + 150, height), fill=light)
            for row in range(top + 30, height - 40, 70):
                for column in range(left + 20, left + 130, 45):
                    if rng.random() < 0.6:
                        draw.rectangle((column, row, column + 25, row + 35), fill=bright)
        for left in range(140, width, 360):
            draw.rectangle((left, 560, left + 10, height), fill=bright)
            draw.ellipse((left - 25, 530, left + 35, 590), fill=bright)
    elif key == "safe-online-sphere":
        for _number in range(9):
            left, top = rng.randint(60, width - 560), rng.randint(60, height - 300)
            draw.rounded_rectangle((left, top, left + 480, top + 200), 40, fill=bright)
            draw.polygon(
                [(left + 60, top + 190), (left + 140, top + 190), (left + 50, top + 260)],
                fill=bright,
            )
            for line in range(3):
                draw.rectangle(
                    (left + 50, top + 45 + line * 45, left + 400 - line * 90, top + 65 + line * 45),
                    fill=light,
                )
    elif key in {"strong-families", "strong-youth-engagement"}:
        draw.rectangle((0, 0, width, height), fill=light)
        sizes = [150, 120, 90, 70] if key == "strong-families" else [80] * 8
        left = 200
        for size in sizes:
            colour = dark if key == "strong-families" else rng.choice([dark, bright, "#0b3d5c"])
            draw.ellipse((left, 300 - size, left + size * 1.4, 300 + size * 0.4), fill=colour)
            draw.rounded_rectangle((left, 330, left + size * 1.4, 330 + size * 3), 30, fill=colour)
            left += int(size * 1.4) + (60 if key == "strong-families" else 50)
    elif key == "safe-public-institutions":
        draw.rectangle((0, 0, width, height), fill=light)
        draw.polygon([(400, 300), (800, 120), (1200, 300)], fill=dark)
        for left in range(430, 1200, 120):
            draw.rectangle((left, 320, left + 50, 760), fill=dark)
        draw.rectangle((380, 760, 1220, 820), fill=dark)
        draw.rectangle((760, 560, 840, 760), fill=bright)
    elif key == "safe-communities":
        draw.rectangle((0, 0, width, 620), fill=light)
        draw.rectangle((0, 620, width, height), fill=bright)
        for left in range(80, width - 200, 300):
            draw.rectangle((left, 380, left + 220, 620), fill=dark)
            draw.polygon([(left - 20, 380), (left + 110, 260), (left + 240, 380)], fill=dark)
            draw.rectangle((left + 85, 520, left + 135, 620), fill=bright)
    else:
        dots = 12 if key == "allin-cover" else 6
        for number in range(dots):
            angle = number / dots * 2 * math.pi
            x, y = 800 + 220 * math.cos(angle), 450 + 220 * math.sin(angle)
            draw.ellipse((x - 45, y - 45, x + 45, y + 45), fill=bright if number % 2 else light)
    return image
