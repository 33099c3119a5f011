"""Render a bundled profile's program as HTML and screenshot it for the README.

    python docs/screenshot.py [PROFILE] [-o docs/program.png]

Generates the program of PROFILE (default ``profiles/dana.yaml``), renders it with
the ``html`` format, opens it in headless Chromium (Debian's ``chromium``, driven
by ``tests/chromium.py`` over the DevTools pipe) and saves one PNG: the top of the
page above the chart and the first week. Fails if the page logs a console error
or asks for anything over the network.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the Chromium driver the browser test uses

WIDTH = 1000


def main(argv: list[str] | None = None) -> int:
    import chromium
    from PIL import Image

    import gluteus

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profile", nargs="?", default=str(ROOT / "profiles" / "dana.yaml"))
    parser.add_argument("-o", "--output", default=str(ROOT / "docs" / "program.png"))
    args = parser.parse_args(argv)

    program = gluteus.generate(gluteus.load_profile(args.profile))
    html = gluteus.render(program, "html")
    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "program.html"
        page_path.write_text(str(html), encoding="utf-8")
        url = chromium.file_url(page_path)
        with chromium.browser() as browser, browser.page(url, width=WIDTH, height=1400) as page:
            top = page.evaluate(
                "(() => { const p = document.querySelectorAll('#findings article')[0]"
                ".querySelectorAll('p')[1].getBoundingClientRect();"
                " return Math.ceil(p.bottom + window.scrollY) + 4; })()"
            )
            chart = page.evaluate("document.getElementById('chart').offsetTop") - 10
            week = page.evaluate("document.getElementById('w01-s2').offsetTop") - 10
            shots = [page.screenshot()]
            page.evaluate(f"window.scrollTo(0, {chart})")
            shots.append(page.screenshot())
            if page.console_errors or page.requests != [url]:
                print(f"page problems: {page.console_errors} {page.requests}", file=sys.stderr)
                return 1
    head = Image.open(io.BytesIO(shots[0])).crop((0, 0, WIDTH, top))
    body = Image.open(io.BytesIO(shots[1])).crop((0, 0, WIDTH, week - chart))
    out = Image.new("RGB", (WIDTH, head.height + 6 + body.height), (217, 222, 226))
    out.paste(head, (0, 0))
    out.paste(body, (0, head.height + 6))
    out = out.quantize(colors=256, method=Image.Quantize.MEDIANCUT)  # a third of the bytes
    out.save(args.output, optimize=True)
    print(f"wrote {args.output} ({out.width}x{out.height})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
