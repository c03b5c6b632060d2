#!/usr/bin/env python3
"""Decodes every image named on the command line with zxing-cpp, an independent QR Code decoder,
and prints one JSON line per image: {"file", "codes": [{"text", "ec_level", "extra"}]}.
Run by QRDecoderTests; exits 3 with the install line if zxing-cpp or Pillow is missing."""
import json
import sys

try:
    import zxingcpp
    from PIL import Image
except ImportError as missing:
    print(f"{missing}: install the decoder with `bash scripts/install-test-deps` "
          "(or `python3 -m pip install zxing-cpp pillow`)", file=sys.stderr)
    sys.exit(3)

for path in sys.argv[1:]:
    with Image.open(path) as image:
        found = zxingcpp.read_barcodes(image.convert("L"), formats=zxingcpp.BarcodeFormat.QRCode,
                                       text_mode=zxingcpp.TextMode.Plain)
    codes = [{"text": code.text, "ec_level": code.ec_level, "extra": code.extra} for code in found]
    print(json.dumps({"file": path, "codes": codes}, ensure_ascii=False))
