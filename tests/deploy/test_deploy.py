"""Production settings (RELEASE_LEDGER_ENV=production), read in a fresh process as a server
would: they refuse to start half-configured, `check --deploy` has nothing to say, and the static
files are served hashed and cached for a year (docs/deploy.md).

Each case runs `manage.py` in a subprocess: settings are read once per process, so the only way
to see what production makes of an environment is to start one.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

ROOT = Path(__file__).resolve().parents[2]
# What the settings read: dropped from the inherited environment so that the developer's or
# CI's own DATABASE_URL, DJANGO_DEBUG... cannot make a case pass.
READ_PREFIXES = ("DJANGO_", "RELEASE_LEDGER_", "DATABASE_", "PAGE_CACHE_", "CACHE_", "SITE_")


def production_env(tmp_path, **overrides):
    env = {
        "RELEASE_LEDGER_ENV": "production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "ledger.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "SITE_BASE_URL": "https://ledger.example.org",
    }
    env.update(overrides)
    return {name: value for name, value in env.items() if value is not None}


def run(args, env):
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(READ_PREFIXES)}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**inherited, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def read_settings(env, *names):
    """The values production makes of `env`, as JSON from a fresh process."""
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    result = run(["-c", code], {**env, "DJANGO_SETTINGS_MODULE": "config.settings"})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_check_deploy_has_no_warnings_in_production(tmp_path):
    """On a new, empty database too: the check comes before the first migrate (docs/deploy.md)."""
    result = run(["manage.py", "check", "--deploy"], production_env(tmp_path))

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output
    assert "System check identified no issues" in output


@pytest.mark.parametrize(
    "overrides, complaint",
    [
        ({"DJANGO_SECRET_KEY": None}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": ""}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "development-only-key-not-for-production"}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "short-but-secret"}, "at least 50 characters"),
        ({"DJANGO_SECRET_KEY": "a" * 60}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "django-insecure-" + secrets.token_urlsafe(50)}, "SECRET_KEY"),
        ({"DJANGO_ALLOWED_HOSTS": None}, "DJANGO_ALLOWED_HOSTS"),
        ({"DJANGO_ALLOWED_HOSTS": " , "}, "DJANGO_ALLOWED_HOSTS"),
        ({"DATABASE_URL": None}, "DATABASE_URL"),
        ({"DATABASE_URL": ""}, "DATABASE_URL"),
        ({"SITE_BASE_URL": None}, "SITE_BASE_URL"),
        ({"SITE_BASE_URL": " "}, "SITE_BASE_URL"),
        ({"SITE_BASE_URL": "ledger.example.org"}, "SITE_BASE_URL"),
    ],
)
def test_production_refuses_to_start_half_configured(tmp_path, overrides, complaint):
    result = run(["manage.py", "check"], production_env(tmp_path, **overrides))

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert complaint in result.stderr


def test_development_starts_with_no_environment(tmp_path):
    result = run(["manage.py", "check"], {"DATABASE_URL": f"sqlite:///{tmp_path / 'dev.db'}"})

    assert result.returncode == 0, result.stderr


def test_production_security_settings_and_their_switches(tmp_path):
    names = [
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_HTTPONLY",
        "SECURE_PROXY_SSL_HEADER",
        "CSRF_TRUSTED_ORIGINS",
        "DEBUG",
    ]
    defaults = read_settings(production_env(tmp_path), *names)
    assert defaults == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "SECURE_PROXY_SSL_HEADER": None,
        "CSRF_TRUSTED_ORIGINS": [],
        "DEBUG": False,
    }

    behind_proxy = read_settings(
        production_env(
            tmp_path,
            DJANGO_TRUSTED_PROXY_SSL_HEADER="1",
            DJANGO_CSRF_TRUSTED_ORIGINS="https://ledger.example.org",
            DJANGO_HSTS_SECONDS="3600",
            DJANGO_HSTS_PRELOAD="0",
        ),
        "SECURE_PROXY_SSL_HEADER",
        "CSRF_TRUSTED_ORIGINS",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_PRELOAD",
    )
    assert behind_proxy == {
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "CSRF_TRUSTED_ORIGINS": ["https://ledger.example.org"],
        "SECURE_HSTS_SECONDS": 3600,
        "SECURE_HSTS_PRELOAD": False,
    }

    # Plain HTTP on loopback (make serve, bench, loadtest) turns both off by name.
    loopback = read_settings(
        production_env(tmp_path, DJANGO_SECURE_SSL_REDIRECT="0", DJANGO_SECURE_COOKIES="0"),
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
    )
    assert loopback == {
        "SECURE_SSL_REDIRECT": False,
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
    }


def test_postgresql_connections_are_persistent_checked_and_time_out(tmp_path):
    env = production_env(tmp_path, DATABASE_URL="postgres://ledger@db.example.org:5432/ledger")
    database = read_settings(env, "DATABASES")["DATABASES"]["default"]

    assert database["CONN_MAX_AGE"] == 60
    assert database["CONN_HEALTH_CHECKS"] is True
    assert database["OPTIONS"]["connect_timeout"] == 5
    assert "pool" not in database["OPTIONS"]


# -- static files --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """The production static files, collected once into a directory of their own."""
    root = tmp_path_factory.mktemp("staticfiles")
    env = production_env(tmp_path_factory.mktemp("db"), DJANGO_STATIC_ROOT=str(root))
    result = run(["manage.py", "collectstatic", "--noinput", "-v0"], env)
    assert result.returncode == 0, result.stderr
    return root


def production_storage(settings, static_root):
    settings.STATIC_ROOT = str(static_root)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }


def test_hashed_static_files_are_cached_for_a_year(collected, settings, rf):
    from whitenoise.middleware import WhiteNoiseMiddleware

    production_storage(settings, collected)
    settings.DEBUG = False
    manifest = json.loads((collected / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/ledger.css"]
    assert hashed != "css/ledger.css"

    middleware = WhiteNoiseMiddleware(lambda request: pytest.fail("not served as a static file"))
    response = middleware(rf.get(f"/static/{hashed}"))

    assert response.status_code == 200
    directives = {part.strip() for part in response.headers["Cache-Control"].split(",")}
    max_age = next(int(d.split("=")[1]) for d in directives if d.startswith("max-age="))
    assert max_age >= 365 * 24 * 60 * 60
    assert {"public", "immutable"} <= directives


def test_a_server_refuses_to_start_before_collectstatic(tmp_path, settings):
    from config.static_files import require_collected_static

    production_storage(settings, tmp_path / "never-collected")
    with pytest.raises(ImproperlyConfigured, match="collectstatic"):
        require_collected_static()


def test_a_server_starts_after_collectstatic(collected, settings):
    from config.static_files import require_collected_static

    production_storage(settings, collected)
    require_collected_static()  # raises if the manifest is missing


def test_the_wsgi_application_checks_the_static_files_at_import(tmp_path):
    env = production_env(tmp_path, DJANGO_STATIC_ROOT=str(tmp_path / "empty"))
    result = run(["-c", "import config.wsgi"], env)

    assert result.returncode != 0
    assert "collectstatic" in result.stderr
