"""The lines of a Markdown text that are prose: code blocks and `inline code` blanked out.

A [[placeholder]], a heading or a link shown as code is an example, not content; content_check,
link_check and `make links` read the same lines (one rule for "where is this written")."""

import functools
import re

FENCE = re.compile(r"^\s{0,3}(```|~~~)")
INLINE_CODE = re.compile(r"`[^`]*`")


@functools.lru_cache(maxsize=16)
def prose_lines(text, body_from=1):
    """(line number, line) of text, with code blanked out: fenced and indented code blocks
    (from line body_from on, after the metadata) and `inline code`. A [[x]] or a link
    shown as code is an example, not content. Remembered for the last few texts: several
    checks read the same text one after the other."""
    return tuple(_prose_lines(text, body_from))


def _prose_lines(text, body_from):
    in_fence = in_indented = False
    previous_blank = True
    for number, line in enumerate(text.splitlines(), start=1):
        body = number >= body_from
        if body and FENCE.match(line):
            in_fence = not in_fence
            yield number, ""
            continue
        indented = line.startswith(("    ", "\t"))
        if in_fence or (body and indented and (previous_blank or in_indented)):
            in_indented = not in_fence
            yield number, ""
            continue
        if line.strip():
            in_indented = False
        previous_blank = not line.strip()
        yield number, INLINE_CODE.sub("", line)
