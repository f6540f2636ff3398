"""association: the association's facts, layouts and calls.

- reads content/verein.toml once (VEREIN in templates, {{ verein.… }} in Markdown);
- turns each file's `Layout` into its template and category;
- hides calls past their `Ends` date from listings (their own page stays);
- `german_date` filter and captioned figures for titled images;
- links to Markdown files ("../pages/mitmachen.md") lead to the page's address;
- the menu and the footer from the pages' `Menu:` and `Footer:` (MENU, FOOTER);
- an interview ends with the published calls that link to it (`related_calls`).
"""

from pelican import signals

from .plugin import apply_layout, build_menus, configure, link_markdown_files, relate_calls


def register():
    signals.initialized.connect(configure)
    signals.article_generator_context.connect(apply_layout)
    signals.page_generator_context.connect(apply_layout)
    signals.content_object_init.connect(link_markdown_files)
    signals.all_generators_finalized.connect(build_menus)
    signals.all_generators_finalized.connect(relate_calls)
