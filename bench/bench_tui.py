"""Benchmark of ``tqkit review`` on a generated 20,000-word article.

* first paint: from building the app (reading the file included) to the first screen refresh;
  target < 1 s. The checks run in a worker afterwards; their time is reported too.
* scrolling: the time per scroll step (one line and one page), driven by keys, and the cost of
  rendering one full screen of lines.

Run: ``python bench/bench_tui.py [--words N] [--size 120x40]``; exit 1 when the first paint
misses the target.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpora" / "silent-front.en.txt"
TARGET_FIRST_PAINT = 1.0


def make_article(words: int) -> str:
    seed = SEED.read_text(encoding="utf-8")
    paras = [p for p in seed.split("\n\n") if p.strip()]
    out: list[str] = []
    count = 0
    i = 0
    while count < words:
        p = paras[i % len(paras)]
        out.append(p)
        count += len(p.split())
        i += 1
    return "\n\n".join(out) + "\n"


async def run(words: int, width: int, height: int) -> dict[str, float]:
    from tqkit.tui.app import make_app
    from tqkit.tui.widgets import DocumentView

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.en.txt"
        path.write_text(make_article(words), encoding="utf-8")
        t0 = time.perf_counter()
        app = make_app(path, poll_seconds=0)
        async with app.run_test(size=(width, height)) as pilot:
            while app.first_paint_at is None:
                await asyncio.sleep(0.001)
            first_paint = app.first_paint_at - t0
            await app.wait_for_checks()
            checks = (app.checks_done_at or time.perf_counter()) - t0
            findings = len(app.session.items)
            view = app.query_one(DocumentView)
            view.focus()
            await pilot.pause()
            line_steps = []
            for _ in range(60):
                s = time.perf_counter()
                await pilot.press("down")
                await pilot.pause()
                line_steps.append(time.perf_counter() - s)
            page_steps = []
            for _ in range(30):
                s = time.perf_counter()
                await pilot.press("pagedown")
                await pilot.pause()
                page_steps.append(time.perf_counter() - s)
            idle_steps = []
            for _ in range(30):
                s = time.perf_counter()
                await pilot.press("z")  # unbound: the cost of a key press and repaint alone
                await pilot.pause()
                idle_steps.append(time.perf_counter() - s)
            direct = []
            for k in range(60):
                s = time.perf_counter()
                view.scroll_to(y=k * 7, animate=False, immediate=True)
                for y in range(view.size.height):
                    view.render_line(y)
                direct.append(time.perf_counter() - s)
            s = time.perf_counter()
            reps = 50
            for _ in range(reps):
                view._wrapped_for = view._wrapped_for  # same wrap; render only
                for y in range(view.size.height):
                    view.render_line(y)
            render_screen = (time.perf_counter() - s) / reps
            lines = view.line_count
    return {
        "words": float(words),
        "lines": float(lines),
        "findings": float(findings),
        "first_paint_s": first_paint,
        "checks_ready_s": checks,
        "scroll_line_ms": statistics.median(line_steps) * 1000,
        "scroll_page_ms": statistics.median(page_steps) * 1000,
        "render_screen_ms": render_screen * 1000,
        "idle_key_ms": statistics.median(idle_steps) * 1000,
        "scroll_direct_ms": statistics.median(direct) * 1000,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=20_000)
    ap.add_argument("--size", default="120x40")
    args = ap.parse_args(argv)
    width, height = (int(x) for x in args.size.lower().split("x"))
    r = asyncio.run(run(args.words, width, height))
    print(
        f"review TUI, {int(r['words']):,} words ({int(r['lines']):,} display lines, "
        f"{int(r['findings'])} findings) at {width}x{height}"
    )
    print(f"  first paint        {r['first_paint_s'] * 1000:8.0f} ms   (target < {TARGET_FIRST_PAINT * 1000:.0f} ms)")
    print(f"  findings ready     {r['checks_ready_s'] * 1000:8.0f} ms   (checks run in a worker)")
    print(f"  scroll one line    {r['scroll_line_ms']:8.1f} ms   median per key press, incl. repaint")
    print(f"  scroll one page    {r['scroll_page_ms']:8.1f} ms   (animated)")
    print(f"  unbound key        {r['idle_key_ms']:8.1f} ms   (the test harness's own cost per key)")
    print(f"  scroll + render    {r['scroll_direct_ms']:8.2f} ms   one step without the harness")
    print(f"  render one screen  {r['render_screen_ms']:8.2f} ms")
    ok = r["first_paint_s"] < TARGET_FIRST_PAINT
    if not ok:
        print("FAIL: first paint missed the target", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
