#!/usr/bin/env bash
# Rebuild tests/production/fixtures/release-<N>.dump and -media.tar.gz: the database and media of a
# release after its own `migrate` and `load_demo_content`, for the upgrade test.
# Usage: scripts/build_release_fixture.sh <release number> <commit>   (needs PostgreSQL, as CI has)
set -euo pipefail
release="$1" commit="$2"
root="$(cd "$(dirname "$0")/.." && pwd)"
fixtures="$root/tests/production/fixtures"
work="$(mktemp -d)"
database="stempd_release_${release}_fixture"
server="postgres://postgres@127.0.0.1:5432"
trap 'git -C "$root" worktree remove --force "$work/checkout"; psql "$server/postgres" -qc "DROP DATABASE IF EXISTS $database"; rm -rf "$work"' EXIT

git -C "$root" worktree add --detach "$work/checkout" "$commit"
cd "$work/checkout"
make install translations
psql "$server/postgres" -qc "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database"
export DATABASE_URL="$server/$database"
.venv/bin/python manage.py migrate --no-input
.venv/bin/python manage.py load_demo_content
mkdir -p "$fixtures"
pg_dump --format=custom --no-owner --no-privileges --file="$fixtures/release-$release.dump" "$DATABASE_URL"
tar --create --gzip --file="$fixtures/release-$release-media.tar.gz" --directory=var media
echo "Wrote $fixtures/release-$release.dump and release-$release-media.tar.gz from $commit."
