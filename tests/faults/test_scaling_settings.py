"""What runs the archive past one machine, as settings: a read replica and S3 storage."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DEFAULT_DB_ALIAS, connections, router
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from config.db_routers import PIN_COOKIE, REPLICA
from config.roles import OFFICIALS, SECRETARIES
from minutes.models import Meeting, SourceDocument
from minutes.services import minutes_ingest, minutes_reparse
from tests.config.users import user_with_role
from tests.faults.conftest import SAMPLES, stored_files
from tests.jobs import jobs_run

# Tests that use the replica open both aliases; the `replica` fixture makes the second.
uses_replica = pytest.mark.django_db(transaction=True, databases=[DEFAULT_DB_ALIAS, REPLICA])


@pytest.fixture(scope="module")
def replica(django_db_setup) -> Iterator[None]:
    """A `replica` alias on the test database, as DATABASE_REPLICA_URL with its TEST MIRROR
    gives in a test run: a second connection that sees what is committed on `default`.

    Only for this module's tests (module scope, so that it exists before pytest-django
    checks the test's databases); the rest of the suite runs without a replica."""
    default = connections[DEFAULT_DB_ALIAS].settings_dict
    connections.settings[REPLICA] = {
        **default, "TEST": {**default["TEST"], "MIRROR": DEFAULT_DB_ALIAS}
    }
    try:
        with override_settings(DATABASE_ROUTERS=["config.db_routers.PrimaryReplicaRouter"]):
            yield
    finally:
        connections[REPLICA].close()
        del connections[REPLICA]
        del connections.settings[REPLICA]


def archived_meeting() -> Meeting:
    sample = sorted(SAMPLES.glob("*.txt"))[0]
    return minutes_ingest(data=sample.read_bytes(), filename=sample.name).meeting


def tables_read(queries: CaptureQueriesContext) -> str:
    return "\n".join(query["sql"] for query in queries.captured_queries)


def signed_in(role: str) -> Client:
    client = Client()
    client.force_login(user_with_role(role))
    return client


@uses_replica
def test_archive_pages_read_from_the_replica_and_the_session_from_default(
    media_root, replica
):
    meeting = archived_meeting()
    reader = signed_in(OFFICIALS)

    with CaptureQueriesContext(connections[REPLICA]) as on_replica, CaptureQueriesContext(
        connections[DEFAULT_DB_ALIAS]
    ) as on_default:
        response = reader.get("/moten/")

    assert response.status_code == 200
    assert meeting.title in response.content.decode()
    assert '"minutes_meeting"' in tables_read(on_replica)
    # Who is signed in never depends on replication lag.
    assert '"django_session"' in tables_read(on_default)
    assert '"django_session"' not in tables_read(on_replica)
    assert '"minutes_meeting"' not in tables_read(on_default)


@uses_replica
def test_an_upload_writes_default_and_its_pages_then_read_default(media_root, replica):
    secretary = signed_in(SECRETARIES)
    sample = sorted(SAMPLES.glob("*.txt"))[0]

    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        response = secretary.post(
            "/upload/", {"file": SimpleUploadedFile(sample.name, sample.read_bytes())}
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        assert response["Location"] == reverse("minutes:import-list")
        assert PIN_COOKIE in response.cookies
        listing = secretary.get(response["Location"])
        jobs_run()  # the queue's worker reads it, writing default too (tests/jobs.py)
        source = SourceDocument.objects.get()
        detail = secretary.get(reverse("minutes:import-detail", args=[source.pk]))

    assert listing.status_code == 200
    assert sample.name in listing.content.decode()
    assert source.status == SourceDocument.Status.PENDING, source.error
    assert detail.status_code == 200
    assert sample.name in detail.content.decode()
    # The upload and the pages right after it: nothing read from the replica.
    assert on_replica.captured_queries == []

    # Once the pin has lapsed, the same pages read from the replica again.
    secretary.cookies.pop(PIN_COOKIE)
    with CaptureQueriesContext(connections[REPLICA]) as later:
        assert secretary.get(response["Location"]).status_code == 200
        assert secretary.get(detail.wsgi_request.path).status_code == 200
    assert '"minutes_sourcedocument"' in tables_read(later)


@uses_replica
def test_writes_migrations_and_commands_stay_on_default(media_root, replica):
    assert router.db_for_write(Meeting) == DEFAULT_DB_ALIAS
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "minutes", model_name="meeting")
    assert not router.allow_migrate(REPLICA, "minutes", model_name="meeting")
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        meeting = archived_meeting()
        minutes_reparse(source=meeting.source)
        assert Meeting.objects.count() == 1
    # Outside a web request (ingest, the shell, re-parsing) nothing reads the replica.
    assert on_replica.captured_queries == []


@uses_replica
def test_originals_are_read_through_the_storage_api_not_file_paths(
    settings, media_root, signed_in_client, replica
):
    """With a storage that has no files on disk (as S3 has none), everything that reads
    originals still works: download, re-parse, the upload's preview."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    sample, other = sorted(SAMPLES.glob("*.txt"))[:2]
    meeting = archived_meeting()

    download = signed_in_client(OFFICIALS).get(f"/moten/{meeting.pk}/original/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == sample.read_bytes()
    assert minutes_reparse(source=meeting.source).pk == meeting.pk
    upload = signed_in_client(SECRETARIES).post(
        "/upload/", {"file": SimpleUploadedFile(other.name, other.read_bytes())}
    )
    assert upload.status_code == 302
    jobs_run()  # the queue's worker reads the original through the storage too
    assert SourceDocument.objects.get(original_name=other.name).status == "pending"
    assert stored_files(Path(settings.MEDIA_ROOT)) == []


S3_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.prod",
    "DJANGO_SECRET_KEY": "scaling-test-secret-key-not-for-any-real-site-0123456789",
    "DJANGO_ALLOWED_HOSTS": "archive.example.org",
    "STORAGE_BACKEND": "s3",
    "S3_BUCKET": "protokoll-original",
    "S3_ENDPOINT_URL": "http://127.0.0.1:9",
    "S3_REGION": "eu-north-1",
    "DATABASE_URL": "postgres://minutes@db.invalid:5432/minutes",
    "DATABASE_REPLICA_URL": "postgres://reader@replica.invalid:5432/minutes",
}
SHOW_SETTINGS = """
from django.conf import settings
from django.core.files.storage import storages
storage = storages["default"]
print(type(storage).__module__, type(storage).__name__)
print(storage.bucket_name, storage.endpoint_url, storage.region_name)
print(settings.DATABASES["replica"]["HOST"], settings.DATABASES["replica"]["CONN_MAX_AGE"])
print(settings.DATABASE_ROUTERS)
"""


def test_s3_storage_and_a_replica_are_chosen_by_the_environment(run_manage):
    # No network: django-storages connects only when a file is read or written.
    shown = run_manage("shell", "-v", "0", "-c", SHOW_SETTINGS, env=S3_ENV)

    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines() == [
        "storages.backends.s3 S3Storage",
        "protokoll-original http://127.0.0.1:9 eu-north-1",
        "replica.invalid 60",
        "['config.db_routers.PrimaryReplicaRouter']",
    ]


def test_s3_storage_without_a_bucket_refuses_to_start(run_manage):
    env = {key: value for key, value in S3_ENV.items() if key != "S3_BUCKET"}

    shown = run_manage("shell", "-v", "0", "-c", SHOW_SETTINGS, env=env)

    assert shown.returncode != 0
    assert "Set the environment variable S3_BUCKET." in shown.stderr
