"""The HTML of one status-report cell, built in Python: a report page has hundreds of cells, and
rendering a template for each would dominate the page's cost."""

from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from translation.matrix import MISSING, OUTDATED, STATUS_LABELS, TRANSLATED, Cell


def _date(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _line(text: str, data: str = "", value=None) -> SafeString:
    """One line of a cell, with a `data-` attribute tests and scripts read if `data` is given."""
    if data:
        return format_html('<div class="w-text-14" data-{}="{}">{}</div>', data, value, text)
    return format_html('<div class="w-text-14">{}</div>', text)


def render_cell(cell: Cell | None) -> SafeString:
    """`<td>` with the state, progress, what changed, the last sync and the next action."""
    if cell is None:
        return mark_safe("<td></td>")
    parts = [
        format_html(
            '<span class="w-status{}" data-state="{}">{}</span>',
            " w-status--primary" if cell.status == TRANSLATED else "",
            cell.status,
            STATUS_LABELS[cell.status],
        )
    ]
    if cell.progress:
        text = _("%(done)s/%(total)s strings (%(percent)s%%)") % {
            "done": cell.progress.translated,
            "total": cell.progress.total,
            "percent": cell.percent,
        }
        parts.append(_line(text, "progress", cell.percent))
    if cell.changed:
        text = ngettext(
            "%(count)s sentence changed in the original",
            "%(count)s sentences changed in the original",
            cell.changed,
        ) % {"count": cell.changed}
        parts.append(_line(text, "changed", cell.changed))
    if cell.status == OUTDATED and cell.source_changed_at:
        if cell.snapshot_refreshed:
            text = _("Source text refreshed %(date)s, not yet synced")
        else:
            text = _("Source published %(date)s, after the last sync")
        parts.append(_line(text % {"date": _date(cell.source_changed_at)}))
    if cell.last_sync:
        parts.append(_line(_("Synced %(date)s") % {"date": _date(cell.last_sync)}))
    links = []
    if cell.action_url:
        label = _("Translate") if cell.status == MISSING else _("Edit")
        links.append((cell.action_url, label))
    if cell.sync_url:
        links.append((cell.sync_url, _("Sync")))
    if links:
        parts.append(format_html_join(" · ", '<a href="{}">{}</a>', links))
    return format_html("<td>{}</td>", mark_safe("".join(parts)))  # noqa: S308  (escaped above)
