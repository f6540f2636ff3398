"""One deploy from start to end: check output/, plan, guard, transfer, report."""

import os
import time
from pathlib import Path

from sitetools.manifest import ManifestError, read_site_url, verify_manifest

from .config import load_config, read_environment
from .errors import DeployError
from .plan import Report, check_deletions, dry_run_lines
from .probe import expected_headers, page_report, prove
from .rsync import RsyncBackend
from .sftp import SftpBackend
from .ssh import credentials

BACKENDS = {"rsync": RsyncBackend, "sftp": SftpBackend}
# What on_step hears, in this order; relpath is the file concerned (None for "assets in place").
STEPS = {
    "uploaded": "a file is on the server, still under its temporary name",
    "renamed": "SFTP: a file has replaced its old version",
    "assets in place": "rsync: pass 1 has renamed every new asset into place",
    "deleted": "an old file is gone",
}
NO_ENV_FILE = (
    "Es gibt noch keine .env: cp .env.example .env und ausfüllen (siehe README, „Veröffentlichen“)."
)


def deploy(config, output_dir, *, dry_run=False, force=False, say=print, on_step=None):
    """Publish output_dir to config's server; returns a Report. DeployError on any problem.

    Nothing is contacted before output_dir matches its build manifest, and nothing
    visible is changed on the server before the plan has passed the deletion guard and
    the new .htaccess has worked in a probe folder on the real host (probe.py).

    on_step(step, relpath) is told each step of the transfer as it happens (STEPS); the
    tests use it to interrupt a deploy at an exact moment.
    """
    started = time.monotonic()
    output_dir = Path(output_dir)
    try:
        manifest = verify_manifest(output_dir)
    except ManifestError as error:
        raise DeployError(str(error)) from None
    mode = " (Probelauf: es wird nichts geändert)" if dry_run else ""
    say(f"Veröffentlichen nach {config.target} mit {config.method}{mode} …")
    base = config.check_url or read_site_url(output_dir)
    htaccess_file = output_dir / ".htaccess"
    htaccess = htaccess_file.read_bytes() if htaccess_file.is_file() else None
    with (
        credentials(config) as creds,
        BACKENDS[config.method](config, creds, output_dir, manifest) as backend,
    ):
        backend.say = say
        backend.step = on_step or ignore_step
        plan = backend.plan()
        if dry_run:
            for line in dry_run_lines(plan, config, force):
                say(line)
        else:
            check_deletions(plan, config, force)
        proven = prove(
            backend,
            htaccess,
            base,
            force=force,
            allow_unreachable=config.allow_unreachable,
            dry_run=dry_run,
            say=say,
        )
        if dry_run:
            report = Report(
                len(plan.uploads),
                0,
                len(plan.deletions),
                time.monotonic() - started,
                dry_run=True,
                plan=plan,
            )
            say(report.summary())
            return report
        if plan.leftovers:
            say(
                f"Ein früherer Lauf wurde abgebrochen; seine {len(plan.leftovers)} "
                "Zwischendateien werden aufgeräumt."
            )
        uploaded, sent, deleted = backend.apply(plan)
    problem = None
    if base:
        # The headers only where the probe proved them (FORCE=1 may go on without).
        expected = (
            expected_headers(htaccess.decode("utf-8", "replace")) if htaccess and proven else {}
        )
        line, problem = page_report(base, plan.uploads, expected)
        say(line)
    report = Report(uploaded, sent, deleted, time.monotonic() - started, plan=plan)
    say(report.summary())
    if problem:
        raise problem
    return report


def ignore_step(step, relpath):
    pass


def deploy_from_env(output_dir, env_file, dry_run=False, force=False, say=print, on_step=None):
    """`make deploy`: settings from the environment and env_file (.env); see deploy()."""
    try:
        values = read_environment(env_file)
        has_env = values or os.environ.get("CI") or (env_file and Path(env_file).is_file())
        config = load_config(values, notes=() if has_env else (NO_ENV_FILE,))
        return deploy(config, output_dir, dry_run=dry_run, force=force, say=say, on_step=on_step)
    except DeployError:
        raise
    except KeyboardInterrupt:
        raise DeployError(
            "Abgebrochen (Strg+C). Besucher sehen entweder noch die bisherige oder schon die "
            "neue Fassung der Website, nie eine kaputte Mischung aus halben Dateien.\n"
            "    So geht es weiter: „make deploy“ erneut ausführen; es macht dort weiter und "
            "räumt Zwischendateien auf."
        ) from None
    except Exception as error:  # a bug: one German line, the traceback only on request
        if os.environ.get("DEBUG"):
            raise
        raise DeployError(
            f"Interner Fehler beim Veröffentlichen: {type(error).__name__}: {error}\n"
            "    Das liegt am Programm, nicht an Ihren Einstellungen. Bitte diese Meldung an "
            "die IT-Gruppe schicken. Mit allen Details: DEBUG=1 make deploy"
        ) from None
