"""Spreadsheet exports that a spreadsheet cannot turn into formulas.

Every CSV export in the admin (the member directory, partners, Wagtail's own reports and form
submissions) is written by Wagtail's ``SpreadsheetExportMixin``, which leaves a cell such as
``=HYPERLINK(...)`` as it is: Wagtail holds that escaping is the reader's job. Coordinators edit
some exported fields (contact person, website, page titles), so the portal escapes here, once,
for every export. XLSX needs nothing: Wagtail already writes formula-like cells as text there.
"""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

# What Excel, LibreOffice and Google Sheets read as the start of a formula (OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """``value`` as a CSV cell: text that a spreadsheet would evaluate gets a leading ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def xlsx_cell(sheet, value):
    """``value`` as a cell of a write-only openpyxl sheet: text stays text (openpyxl would store
    "=…" as a formula)."""
    from openpyxl.cell import WriteOnlyCell

    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def table_download(rows: list[list], *, kind: str, filename: str, sheet: str):
    """A table (its first row the header) as a CSV or XLSX download (``kind``), every cell safe
    from being read as a formula."""
    import csv
    import io

    from openpyxl import Workbook

    from django.http import HttpResponse

    if kind == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for row in rows:
            writer.writerow([csv_cell(value) for value in row])
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        workbook = Workbook(write_only=True)
        worksheet = workbook.create_sheet(sheet)
        for row in rows:
            worksheet.append([xlsx_cell(worksheet, value) for value in row])
        data = io.BytesIO()
        workbook.save(data)
        response = HttpResponse(
            data.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{kind}"'
    return response


def _write_csv_row(self, writer, row_dict):
    return writer.writerow(
        {
            field: csv_cell(self.preprocess_field_value(field, value, self.FORMAT_CSV))
            for field, value in row_dict.items()
        }
    )


def escape_formulas_in_csv_exports() -> None:
    """Called once from ``CoreConfig.ready``."""
    SpreadsheetExportMixin.write_csv_row = _write_csv_row
