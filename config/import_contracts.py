"""A custom import-linter contract: some modules may use a library, but not certain parts of it.

import-linter's own `forbidden` contract can forbid only whole external packages (`django`, not
`django.db`). The routing decision may use Django's translation functions, but no ORM, request,
template or mail code: this contract checks the import statements of the source modules (and
their submodules) against a list of forbidden external submodules. Imports of project modules are
covered by the ordinary contracts.
"""

from __future__ import annotations

import re

from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck

FROM_IMPORT = re.compile(r"^\s*from\s+([\w.]+)\s+import\s+\(?\s*([\w\s,]*)")
PLAIN_IMPORT = re.compile(r"^\s*import\s+([\w.,\s]+)")


def imported_names(line: str) -> list[str]:
    """The dotted names an import statement can bring in: 'from django import db' -> django, django.db."""
    if match := FROM_IMPORT.match(line):
        module, names = match.group(1), [n.split()[0] for n in match.group(2).split(",") if n.strip()]
        return [module] + [f"{module}.{name}" for name in names]
    if match := PLAIN_IMPORT.match(line):
        return [name.split()[0] for name in match.group(1).split(",") if name.strip()]
    return []


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


class ForbiddenSubmodulesContract(Contract):
    """Source modules must not import any of `forbidden_modules` (dotted parts of external packages)."""

    type_name = "forbidden_submodules"

    source_modules = fields.ListField(subfield=fields.StringField())
    forbidden_modules = fields.ListField(subfield=fields.StringField())

    def check(self, graph, verbose: bool) -> ContractCheck:
        violations = []
        for source in self.source_modules:
            modules = {source} | graph.find_descendants(source)
            for module in sorted(modules):
                for imported in sorted(graph.find_modules_directly_imported_by(module)):
                    for detail in graph.get_import_details(importer=module, imported=imported):
                        names = imported_names(detail["line_contents"])
                        hit = next((f for f in self.forbidden_modules for n in names if _within(n, f)), None)
                        if hit:
                            violations.append((module, hit, detail["line_number"], detail["line_contents"]))
        return ContractCheck(kept=not violations, metadata={"violations": violations})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for module, forbidden, line_number, line in check.metadata["violations"]:
            output.print_error(f"{module} imports {forbidden} (line {line_number}: {line.strip()})", bold=False)
            output.new_line()
