"""`make deploy`: publish output/ of `make publish-build` to the web host over SSH.

Modules, one job each:
- config.py: DEPLOY_* variables from the environment and .env, validated at once
- ssh.py: credentials in 0600 temp files, host key check, OpenSSH options, paramiko
- plan.py: the plan (uploads, deletions), the deletion guard, German report lines
- probe.py: the new .htaccess tried in a probe folder on the real host before the switch,
  and the pages checked after it
- rsync.py: the default backend (rsync --delay-updates over OpenSSH)
- sftp.py: the backend for hosts without rsync (paramiko, temp names + posix-rename)
- run.py: one deploy from start to end

Both backends verify the server's host key against configured known_hosts lines
only, refuse output/ that does not match its build manifest, plan before they
change anything, never delete dot paths (.ssh/, .well-known/ …) or DEPLOY_KEEP, and
stop before changing anything when the deletion guard trips (plan.py; unless forced) or
the new .htaccess fails on the real host (probe.py).
"""

from .config import DeployConfig, load_config, read_environment
from .errors import DeployError
from .plan import Plan, Report
from .run import deploy, deploy_from_env

__all__ = [
    "DeployConfig",
    "DeployError",
    "Plan",
    "Report",
    "deploy",
    "deploy_from_env",
    "load_config",
    "read_environment",
]
