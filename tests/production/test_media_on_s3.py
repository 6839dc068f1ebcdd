"""The production stack with uploads on S3-compatible storage, as several web machines share them.

The wheel with its `s3` extra, a loopback S3 (moto's server) holding a public-read bucket, a fresh
database with the demo's pages and pictures uploaded into the bucket, and gunicorn serving pages
whose images browsers load from the bucket under the site's Content-Security-Policy.
"""

import json
import re
import urllib.request

import psycopg
import pytest

from tests.ports import free_port

from .stack import CONSTRAINTS, Visitor

pytestmark = pytest.mark.production_smoke

BUCKET = "stempd-media"


@pytest.fixture
def s3():
    """A loopback S3 with one bucket anyone may read (as a site's public media bucket is)."""
    import boto3
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="smoke",
        aws_secret_access_key="smoke",  # the loopback server accepts any
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=BUCKET)
    public_read = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{BUCKET}/*",
            }
        ],
    }
    client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(public_read))
    yield endpoint, client
    server.stop()


def test_with_media_on_s3_uploaded_images_render_on_the_public_pages(
    stack, built, released, database, s3
):
    endpoint, client = s3
    server, name = database.rsplit("/", 1)
    environ = {
        "DATABASE_URL": f"{server}/{name}_s3",
        "VAR_DIR": str(stack.workdir / "s3-var"),
        "STATIC_ROOT": str(stack.site / "var" / "static"),
        "REDIS_URL": "redis://127.0.0.1:6379/10",
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "smoke",
        "AWS_SECRET_ACCESS_KEY": "smoke",
    }
    stempd = str(stack.venv / "bin" / "stempd")
    pip = str(stack.venv / "bin" / "pip")
    stack.run([pip, "install", "--quiet", "-c", str(CONSTRAINTS), f"{built[1]}[s3]"])
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}_s3"')
    web = None
    try:
        stack.run([stempd, "migrate", "--no-input"], cwd=stack.site, **environ)
        # The demo's pages and pictures (its home and network steps) are what this test needs;
        # the full demo, translations included, is loaded by the main stack's fixture.
        stack.run(
            [stempd, "load_demo_content", "--allow-production", "--only", "home,network"],
            cwd=stack.site,
            **environ,
            INSTALL_DEMO="true",
        )
        originals = client.list_objects_v2(Bucket=BUCKET, Prefix="original_images/")
        assert originals.get("KeyCount", 0) > 0, "the demo's uploads did not reach the bucket"

        stack.run(["redis-cli", "-u", environ["REDIS_URL"], "flushdb"])
        bind = f"127.0.0.1:{free_port()}"
        web = stack.start(
            "s3-web", "gunicorn", "--config", "gunicorn.conf.py", "--bind", bind, **environ
        )
        site = Visitor(f"http://{bind}")
        site.wait_until_up(web, "the site with media on S3 did not start")
        status, headers, body = site.get("/en/")
        assert status == 200
        images = re.findall(rf'<img[^>]+src="({re.escape(endpoint)}/{BUCKET}/[^"]+)"', body)
        assert images, "no image on the home page comes from the bucket"
        assert endpoint in headers["Content-Security-Policy"].split("img-src", 1)[1].split(";")[0]
        with urllib.request.urlopen(images[0], timeout=30) as response:  # noqa: S310 - loopback
            assert response.status == 200
            assert response.headers["Content-Type"].startswith("image/")
    finally:
        if web is not None:
            web.terminate()
            web.wait(30)
        stack.run(["redis-cli", "-u", environ["REDIS_URL"], "flushdb"])
        with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}_s3" WITH (FORCE)')
