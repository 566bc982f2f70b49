"""Charts drawn on the server as SVG: no script and no library from another host. Each chart
carries its title, a description and its data as a table, which the template shows beside it
as the accessible alternative (the SVG itself is one labelled image)."""

from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
MARGIN = 8
LEGEND_HEIGHT = 28
AXIS_HEIGHT = 22
GROUP_LABEL_HEIGHT = 20
BAR_HEIGHT = 14
BAR_GAP = 4
GROUP_GAP = 14
VALUE_ROOM = 44
# Series colours with at least 3:1 contrast against white (WCAG 1.4.11), told apart by the
# legend and the table too, never by colour alone.
NO_VALUE = "\N{EN DASH}"
PALETTE = ("#1d5b87", "#b8461f", "#3f7d20", "#6b4c8a")


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    svg: SafeString
    header: list[str]
    rows: list[tuple[str, list[str]]]


def _number(value: float | None) -> str:
    if value is None:
        return NO_VALUE
    return f"{value:.1f}".rstrip("0").rstrip(".") if value % 1 else str(int(value))


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    categories: list[str],
    series: list[tuple[str, list[float | None]]],
    scale: list[str],
    category_header: str,
) -> Chart:
    """Horizontal bars grouped by category (a focus area), one bar per series (a year, or a city
    and the median), on the scale 0…len(scale) whose steps are named by ``scale``."""
    steps = len(scale)
    plot_left, plot_right = MARGIN, WIDTH - MARGIN - VALUE_ROOM
    plot_width = plot_right - plot_left
    group_height = GROUP_LABEL_HEIGHT + len(series) * (BAR_HEIGHT + BAR_GAP) + GROUP_GAP
    height = LEGEND_HEIGHT + AXIS_HEIGHT + len(categories) * group_height

    def x(value: float) -> float:
        return plot_left + plot_width * value / steps

    parts = []
    for index, (label, _values) in enumerate(series):
        left = MARGIN + index * 150
        parts.append(
            format_html(
                '<rect x="{}" y="6" width="14" height="14" fill="{}"/>'
                '<text x="{}" y="18" class="chart__legend">{}</text>',
                left,
                PALETTE[index % len(PALETTE)],
                left + 20,
                label,
            )
        )
    axis_y = LEGEND_HEIGHT + AXIS_HEIGHT
    for step, name in enumerate(scale, start=1):
        parts.append(
            format_html(
                '<line x1="{x}" y1="{top}" x2="{x}" y2="{bottom}" class="chart__grid"/>'
                '<text x="{x}" y="{label_y}" text-anchor="end" class="chart__axis">{name}</text>',
                x=f"{x(step):.1f}",
                top=axis_y - 4,
                bottom=height,
                label_y=axis_y - 8,
                name=name,
            )
        )
    for group, category in enumerate(categories):
        top = axis_y + group * group_height
        parts.append(
            format_html(
                '<text x="{}" y="{}" class="chart__category">{}</text>',
                plot_left,
                top + GROUP_LABEL_HEIGHT - 6,
                category,
            )
        )
        for index, (_label, values) in enumerate(series):
            value = values[group]
            bar_top = top + GROUP_LABEL_HEIGHT + index * (BAR_HEIGHT + BAR_GAP)
            width = x(value) - plot_left if value else 0
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
                    '<text x="{}" y="{}" class="chart__value">{}</text>',
                    plot_left,
                    bar_top,
                    f"{width:.1f}",
                    BAR_HEIGHT,
                    PALETTE[index % len(PALETTE)],
                    f"{plot_left + width + 4:.1f}",
                    bar_top + BAR_HEIGHT - 2,
                    _number(value),
                )
            )
    svg = format_html(
        '<svg class="chart__svg" viewBox="0 0 {width} {height}" role="img" '
        'aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{description}</desc>'
        "{body}</svg>",
        width=WIDTH,
        height=height,
        id=chart_id,
        title=title,
        description=description,
        body=mark_safe("".join(parts)),  # each part was built with format_html
    )
    rows = [
        (category, [_number(values[group]) for _label, values in series])
        for group, category in enumerate(categories)
    ]
    return Chart(
        id=chart_id,
        title=title,
        description=description,
        svg=svg,
        header=[category_header, *(label for label, _values in series)],
        rows=rows,
    )
