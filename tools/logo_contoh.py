"""Draw the demonstration office's placeholder emblem, dip/logo-contoh.png.

A neutral shape made for the demonstration (a shield with three rising bars and a ring:
information counted and published), not the emblem of any real body. Offices put their own
PNG in dip/ and name it in `logo:` of badan-publik.yml.

    python tools/logo_contoh.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 600
NAVY, GOLD, WHITE = (31, 58, 104, 255), (201, 162, 39, 255), (255, 255, 255, 255)


def draw(out: Path) -> None:
    """Write the emblem as a PNG with a transparent background, cropped to its shape."""
    img = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    centre = SIZE / 2
    d.polygon([(60, 50), (SIZE - 60, 50), (SIZE - 60, 330), (centre, SIZE - 30), (60, 330)], GOLD)
    d.polygon([(85, 75), (SIZE - 85, 75), (SIZE - 85, 320), (centre, SIZE - 65), (85, 320)], NAVY)
    for i, height in enumerate((110, 170, 230)):
        x = 170 + i * 95
        d.rectangle([x, 400 - height, x + 60, 400], fill=WHITE)
    d.ellipse([centre - 45, 100, centre + 45, 190], outline=GOLD, width=16)
    box = img.getbbox()
    (img.crop(box) if box else img).save(out, optimize=True)


if __name__ == "__main__":
    draw(Path(__file__).resolve().parent.parent / "dip" / "logo-contoh.png")
