#!/usr/bin/env python3
"""Writes the site-photo test fixtures with Pillow, an encoder independent of the code under test.

Run from this folder: python3 make_fixtures.py
Every random choice comes from a seeded generator, so the same Pillow/libjpeg gives the same bytes.
The scenes are synthetic but photo-like (gradients, lit shapes, textures, sensor noise) so that the
perceptual hash sees the kind of low-frequency structure a real photo has.
"""
import io
import os

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageOps

WIDTH, HEIGHT = 640, 480
HERE = os.path.dirname(os.path.abspath(__file__))


def gradient(top, bottom, horizontal=False):
    t = np.linspace(0.0, 1.0, WIDTH if horizontal else HEIGHT)[:, None]
    colours = np.array(top, float) * (1 - t) + np.array(bottom, float) * t
    if horizontal:
        return np.broadcast_to(colours[None, :, :], (HEIGHT, WIDTH, 3)).copy()
    return np.broadcast_to(colours[:, None, :], (HEIGHT, WIDTH, 3)).copy()


def texture(rng, scale, strength):
    """Smooth blotches: noise blurred at `scale` pixels, like stains or uneven paint."""
    small = rng.normal(0, 1, (HEIGHT // scale + 2, WIDTH // scale + 2))
    img = Image.fromarray(np.uint8(np.clip(128 + 40 * small, 0, 255)), "L")
    img = img.resize((WIDTH, HEIGHT), Image.BICUBIC).filter(ImageFilter.GaussianBlur(scale / 3))
    return (np.asarray(img, float) - 128) / 40 * strength


def finish(rng, pixels, noise=6.0):
    """Adds sensor noise and a slight lens blur, as a phone photo has."""
    pixels = pixels + rng.normal(0, noise, pixels.shape)
    img = Image.fromarray(np.uint8(np.clip(pixels, 0, 255)), "RGB")
    return img.filter(ImageFilter.GaussianBlur(0.8))


def machine_room(rng):
    """Scene A: traction machine on a concrete floor under a pale wall, lit from the left."""
    p = gradient((190, 185, 170), (120, 118, 110), horizontal=True)
    p[300:] = gradient((90, 90, 95), (60, 60, 64))[300:]
    p += texture(rng, 24, 14)[:, :, None]
    img = Image.fromarray(np.uint8(np.clip(p, 0, 255)))
    d = ImageDraw.Draw(img)
    d.ellipse((150, 170, 380, 400), fill=(40, 70, 50))           # motor housing
    d.ellipse((190, 210, 340, 360), fill=(70, 110, 80))
    d.rectangle((380, 250, 560, 330), fill=(150, 40, 35))          # brake
    d.rectangle((470, 60, 600, 290), fill=(210, 205, 195))         # control cabinet
    d.line((470, 120, 600, 120), fill=(90, 90, 90), width=4)
    for x in range(200, 340, 18):                                   # ropes
        d.line((x, 0, x + 10, 200), fill=(30, 30, 30), width=5)
    return finish(rng, np.asarray(img, float))


def car_interior(rng):
    """Scene B: brushed steel doors with a dark centre gap and a button panel on the right."""
    streaks = rng.normal(0, 1, (1, WIDTH)).repeat(HEIGHT, 0) * 10
    p = np.full((HEIGHT, WIDTH, 3), 165.0) + streaks[:, :, None]
    p += texture(rng, 48, 10)[:, :, None]
    img = Image.fromarray(np.uint8(np.clip(p, 0, 255)))
    d = ImageDraw.Draw(img)
    d.rectangle((0, 0, WIDTH, 50), fill=(240, 240, 225))              # ceiling light
    d.rectangle((312, 50, 328, HEIGHT), fill=(20, 20, 20))             # door gap
    d.rectangle((520, 160, 600, 380), fill=(50, 50, 55))               # panel
    for row in range(5):
        for col in range(2):
            x, y = 535 + col * 35, 180 + row * 38
            d.ellipse((x, y, x + 20, y + 20), fill=(230, 180, 60))
    d.polygon([(0, 400), (WIDTH, 400), (WIDTH, HEIGHT), (0, HEIGHT)], fill=(80, 60, 45))
    return finish(rng, np.asarray(img, float), noise=5.0)


def shaft(rng):
    """Scene C: looking up a dark shaft at guide rails converging on a bright opening."""
    y, x = np.mgrid[0:HEIGHT, 0:WIDTH]
    r = np.hypot(x - 420, y - 120)
    p = (np.clip(230 - r * 0.6, 15, 255))[:, :, None] * np.array([1.0, 0.95, 0.8])
    p += texture(rng, 16, 12)[:, :, None]
    img = Image.fromarray(np.uint8(np.clip(p, 0, 255)))
    d = ImageDraw.Draw(img)
    for sx in (40, 120, 620):
        d.line((sx, HEIGHT, 420, 120), fill=(110, 100, 90), width=14)
    d.rectangle((380, 90, 460, 150), fill=(250, 250, 240))
    return finish(rng, np.asarray(img, float), noise=9.0)


def building(rng):
    """Scene D: a residential block against a blue sky, seen from the courtyard."""
    p = gradient((70, 120, 200), (170, 200, 230))
    p += texture(rng, 64, 8)[:, :, None]
    img = Image.fromarray(np.uint8(np.clip(p, 0, 255)))
    d = ImageDraw.Draw(img)
    d.rectangle((60, 140, 300, HEIGHT), fill=(200, 170, 140))
    d.rectangle((330, 60, 520, HEIGHT), fill=(180, 180, 175))
    for bx, by0, bx1 in ((80, 160, 280), (350, 80, 500)):
        for wy in range(by0, HEIGHT - 30, 45):
            for wx in range(bx, bx1, 50):
                d.rectangle((wx, wy, wx + 28, wy + 25), fill=(60, 80, 100))
    d.rectangle((0, 430, WIDTH, HEIGHT), fill=(70, 90, 60))
    return finish(rng, np.asarray(img, float), noise=4.0)


def rusty_plate(rng):
    """Scene E: close-up of a rusty buffer plate with bolts, strongly textured."""
    base = np.array([120, 70, 40], float)
    p = np.ones((HEIGHT, WIDTH, 3)) * base
    p += texture(rng, 10, 25)[:, :, None] * np.array([1.0, 0.7, 0.4])
    p += texture(rng, 80, 30)[:, :, None]
    img = Image.fromarray(np.uint8(np.clip(p, 0, 255)))
    d = ImageDraw.Draw(img)
    for bx, by in ((80, 70), (560, 70), (80, 410), (560, 410)):
        d.ellipse((bx - 30, by - 30, bx + 30, by + 30), fill=(60, 60, 65))
        d.ellipse((bx - 12, by - 12, bx + 12, by + 12), fill=(150, 150, 150))
    d.line((0, 240, WIDTH, 300), fill=(30, 20, 15), width=8)       # weld seam
    return finish(rng, np.asarray(img, float), noise=8.0)


def pit(rng):
    """Scene F: the pit floor from above: a yellow-black warning stripe across dark concrete."""
    p = np.full((HEIGHT, WIDTH, 3), 55.0) + texture(rng, 20, 10)[:, :, None]
    img = Image.fromarray(np.uint8(np.clip(p, 0, 255)))
    d = ImageDraw.Draw(img)
    for i in range(-4, 14):
        x = i * 60
        colour = (220, 190, 30) if i % 2 == 0 else (25, 25, 25)
        d.polygon([(x, 0), (x + 60, 0), (x - 120, 150), (x - 180, 150)], fill=colour)
    d.ellipse((380, 260, 560, 420), fill=(150, 150, 140))           # spring buffer
    d.ellipse((420, 300, 520, 380), fill=(90, 90, 85))
    return finish(rng, np.asarray(img, float), noise=7.0)


def jpeg(img, **options):
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", **options)
    return buffer.getvalue()


def with_orientation(img, orientation):
    """Pixels stored so that a viewer honouring `orientation` shows `img`."""
    stored_from_shown = {
        2: Image.Transpose.FLIP_LEFT_RIGHT,
        3: Image.Transpose.ROTATE_180,
        4: Image.Transpose.FLIP_TOP_BOTTOM,
        5: Image.Transpose.TRANSPOSE,
        6: Image.Transpose.ROTATE_90,       # anticlockwise; the viewer turns it back clockwise
        7: Image.Transpose.TRANSVERSE,
        8: Image.Transpose.ROTATE_270,
    }
    return img.transpose(stored_from_shown[orientation])


def exif_jpeg(img, orientation, **options):
    stored = with_orientation(img, orientation)
    exif = Image.Exif()
    exif[0x0112] = orientation
    data = jpeg(stored, exif=exif, **options)
    # Pillow's own reading of the orientation must show the original picture.
    shown = ImageOps.exif_transpose(Image.open(io.BytesIO(data)))
    difference = np.abs(np.asarray(shown, float) - np.asarray(img, float)).mean()
    assert shown.size == img.size and difference < 6, (orientation, shown.size, difference)
    return data


def with_declared_size(data, width, height):
    """The same file with the frame header (SOF0/SOF2) claiming another size: a decompression bomb."""
    data = bytearray(data)
    i = 2
    while True:
        assert data[i] == 0xFF
        marker, length = data[i + 1], int.from_bytes(data[i + 2:i + 4], "big")
        if marker in (0xC0, 0xC2):
            data[i + 5:i + 7] = height.to_bytes(2, "big")
            data[i + 7:i + 9] = width.to_bytes(2, "big")
            return bytes(data)
        i += 2 + length


def main():
    scenes = {
        "a": machine_room, "b": car_interior, "c": shaft,
        "d": building, "e": rusty_plate, "f": pit,
    }
    images = {name: make(np.random.default_rng(1000 + i)) for i, (name, make) in enumerate(scenes.items())}
    a = images["a"]
    files = {f"scene_{name}.jpg": jpeg(img, quality=85) for name, img in images.items()}

    small = a.resize((320, 240), Image.LANCZOS)
    files["scene_a_320_q60.jpg"] = jpeg(small, quality=60)
    files["scene_a_exif6.jpg"] = exif_jpeg(a, 6, quality=85)
    for orientation in range(2, 9):
        files[f"scene_a_320_orientation{orientation}.jpg"] = exif_jpeg(small, orientation, quality=85)
    files["scene_a_progressive.jpg"] = jpeg(a, quality=85, progressive=True)
    files["scene_a_gray.jpg"] = jpeg(a.convert("L"), quality=85)
    files["scene_a_cmyk.jpg"] = jpeg(small.convert("CMYK"), quality=85)
    files["scene_a_truncated.jpg"] = files["scene_a.jpg"][: len(files["scene_a.jpg"]) // 2]
    png = io.BytesIO()
    a.resize((160, 120), Image.LANCZOS).save(png, "PNG")
    files["scene_a.png"] = png.getvalue()

    tiny = a.resize((64, 48), Image.LANCZOS)
    # 400 megapixels declared by a file of a few kilobytes.
    files["declares_20000x20000.jpg"] = with_declared_size(jpeg(tiny, quality=85), 20000, 20000)
    # Under the pixel limit, but a progressive 4:4:4 frame keeps 3 × 2 bytes per pixel of coefficients:
    # about 294 MB, over the decoder's working-memory bound.
    files["progressive_444_declares_7000x7000.jpg"] = with_declared_size(
        jpeg(tiny, quality=85, progressive=True, subsampling=0), 7000, 7000)

    for name, data in sorted(files.items()):
        assert len(data) < 100 * 1024, (name, len(data))
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
