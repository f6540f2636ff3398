"""The one exception a deploy raises for anything the user has to act on."""


class DeployError(Exception):
    """Deploy stopped; the message (German) says what went wrong and what to do."""

    exitcode = 1
