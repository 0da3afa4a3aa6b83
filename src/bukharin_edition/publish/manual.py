"""The encoding manual, edition/encoding-manual.html (as `edition manual` writes it): the facts
that bukharin_edition.manual reads from the ODD, the grammar and the rules, made a page by
xslt/manual.xsl."""
from __future__ import annotations

from pathlib import Path

from .base import Builder, compile_stylesheet, schema_folder
from .pages import write_pages


class ManualBuilder(Builder):
    """edition/encoding-manual.html, so that the header's link works (as `edition manual`)."""

    name = "manual"

    def finish_inputs(self) -> list[str]:
        """The schema's documentation, with examples from the first files of tei/."""
        from ..manual import EXAMPLE_FILES

        names = sorted([s.path.name for s in self.context.sources if not s.held]
                       + [p.name for p in self.context.shared])[:EXAMPLE_FILES]
        files = [f"shared:{Path(n).stem}" if Path(n).stem in ("edition", "persons") else f"tei:{Path(n).stem}"
                 for n in names]
        return [*files, "tree:schema", "xslt"]

    def finish_outputs(self) -> list[Path]:
        return [self.context.out_dir / "encoding-manual.html"]

    def prepare(self) -> None:
        compile_stylesheet(self.context, "manual")

    def finish(self) -> None:
        schema = schema_folder(self.context)
        if not (schema / "bukharin.rng").is_file():
            return
        from ..manual import ODD, RNG, SCH, Odd, _corpus, load_model, load_rules, manual_facts
        try:
            facts = manual_facts(load_model(schema / RNG), _corpus(self.context.tei_dir),
                                 load_rules(schema / SCH), Odd(schema / ODD))
        except Exception as exc:
            self.context.problems.append(f"manual: cannot be written: {exc}")
            return
        write_pages(self, "manual", facts)
