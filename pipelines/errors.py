"""One error type for everything wrong with the input, so every message names where and what."""

from __future__ import annotations


class PlanDataError(Exception):
    """Bad input: names the file or document, the table, the row, the source line, and a fix."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        document_id: str | None = None,
        table: str | None = None,
        row: str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.document_id = document_id
        self.table = table
        self.row = row
        self.line = line
        self.hint = hint
        super().__init__(str(self))

    def __reduce__(self):  # raised in a worker process and sent back whole (pipelines.parallel)
        fields = ("file", "document_id", "table", "row", "line", "hint")
        return _rebuild, (type(self), self.message, {k: getattr(self, k) for k in fields})

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(f"file {self.file}" + (f", line {self.line}" if self.line else ""))
        elif self.line:
            where.append(f"line {self.line}")
        if self.document_id:
            where.append(f"document {self.document_id}")
        if self.table:
            where.append(f"table {self.table}")
        if self.row:
            where.append(f"row {self.row}")
        text = f"[{'; '.join(where)}] {self.message}" if where else self.message
        if self.hint:
            text += f" — {self.hint}"
        return text


def _rebuild(cls: type[PlanDataError], message: str, fields: dict) -> PlanDataError:
    return cls(message, **fields)
