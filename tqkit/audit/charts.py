"""The dashboard's charts: matplotlib figures rendered to inline SVG (no network, no files)."""

from __future__ import annotations

import io
import re
from typing import Any

COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#bcbd22", "#7f7f7f"]


def svg(fig: Any) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    text = buf.getvalue()
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text[text.find("<svg") :], flags=re.S)
    return text


def bar_chart(
    labels: list[str], values: list[float], title: str, ylabel: str, colour: str, horizontal: bool = False
) -> str:
    import matplotlib.pyplot as plt

    height = max(2.6, 0.32 * len(labels) + 1.2) if horizontal else 3.2
    fig, ax = plt.subplots(figsize=(8, height))
    if horizontal:
        ax.barh(range(len(labels)), values, color=colour)
        ax.set_yticks(range(len(labels)), labels)
        ax.invert_yaxis()
        ax.set_xlabel(ylabel)
    else:
        ax.bar(range(len(labels)), values, color=colour)
        ax.set_xticks(
            range(len(labels)),
            labels,
            rotation=45 if len(labels) > 8 else 0,
            ha="right" if len(labels) > 8 else "center",
        )
        ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    return svg(fig)


def line_chart(labels: list[str], series: dict[str, list[float]], title: str, colour: str) -> str:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 3.2))
    for i, (name, values) in enumerate(series.items()):
        ax.plot(
            range(len(labels)),
            values,
            marker="o",
            label=name,
            color=colour if i == 0 else COLOURS[(i + 3) % len(COLOURS)],
        )
    step = max(1, len(labels) // 12)
    ax.set_xticks(range(0, len(labels), step), labels[::step], rotation=45, ha="right")
    ax.set_ylabel("per 1,000 words")
    ax.set_ylim(bottom=0)
    ax.set_title(title)
    ax.legend(frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return svg(fig)
