"""The one exception a deploy raises for anything the user has to act on, and the shape
of its message: sitekit.german.report, the renderer of every problem a volunteer reads."""

from sitekit.german import ERROR, report

NOTHING = "Es wurde nichts hochgeladen."


class DeployError(Exception):
    """Deploy stopped; the message (German) says what went wrong and what to do."""

    exitcode = 1


def failure(message, fix, state=NOTHING, **details):
    """A deploy problem as the volunteer reads it: what happened, then what that means for
    the website (state: nothing uploaded, or how far the deploy got), then what to do.
    details are report()'s cause= and notes=."""
    return report(ERROR, f"{message} {state}", fix, **details)
