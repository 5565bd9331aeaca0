#!/usr/bin/python3
"""Bulk-load (or remove) test images straight into the local glance's sqlite database.

Why: creating images through the API runs at ~40 images/s, so pagination tests with
thousands of images would spend a minute on set-up; rows inserted here (2,000 in a few
hundredths of a second) are visible to the running glance-api at once (no metadata cache;
the db is in WAL mode, so this writer does not block glance's readers).

  load_images.py --db PATH --owner PROJECT_ID --count N --tag TAG
                 [--visibility private|shared|community|public] [--member PROJECT_ID[:STATUS] ...]
                 [--name-prefix PREFIX] [--status queued|active] [--property KEY=VALUE ...]
      -> {"count": N, "tag": TAG, "ids": [...]}     (ids in name order: PREFIX-00001 first)
  load_images.py --db PATH --delete-tag TAG
      -> {"deleted": N, "tag": TAG}

Instead of --db PATH, --region NAME picks that region's database from the running stack's
stack.json (each region's glance has its own db and image store): RegionOne or RegionTwo,
in $STACK_DIR (default <repo>/.stack) or --stack-dir DIR.

Images are named PREFIX-00001 ... (PREFIX defaults to the tag), disk_format raw,
container_format bare, one second apart in created_at (00001 oldest, the newest ends
one second before now), so glance's default order (created_at desc) is deterministic:
PREFIX-N first. visibility defaults to shared, glance's own default. status active gives each
image a zero-byte file in the store (size 0, md5/sha512 of empty data) so even a download
works like for a real empty upload; queued images have no data, as after a bare POST.
Members get the given status (default pending). Nothing else in the db is touched.

Stdlib only; run with /usr/bin/python3.
"""
import argparse
import datetime
import hashlib
import json
import os
import sqlite3
import sys
import uuid
from urllib.parse import urlparse

MEMBER_STATUSES = ("pending", "accepted", "rejected")
EMPTY_MD5 = hashlib.md5(b"").hexdigest()
EMPTY_SHA512 = hashlib.sha512(b"").hexdigest()


def region_db(stack_dir, region):
    path = os.path.join(stack_dir, "stack.json")
    try:
        with open(path) as f:
            regions = json.load(f).get("regions", {})
    except (OSError, ValueError):
        raise SystemExit("load_images: no readable %s (is the stack up? npm run stack:up)" % path)
    if region not in regions:
        raise SystemExit("load_images: region %r is not in %s; it has: %s" % (region, path, ", ".join(sorted(regions)) or "none"))
    return regions[region]["glanceDb"]


def ts(dt):
    # the format glance/SQLAlchemy itself writes into sqlite
    return dt.strftime("%Y-%m-%d %H:%M:%S.%f")


def connect(path):
    if not os.path.exists(path):
        raise SystemExit("load_images: no database at %s (is the stack up?)" % path)
    db = sqlite3.connect(path, timeout=30, isolation_level=None)
    db.execute("PRAGMA foreign_keys = ON")
    return db


def store_dir(db_path):
    # layout written by up.sh: <stack>/glance/glance.db and <stack>/images/ (the fs store)
    return os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(db_path))), "images")


def load(args):
    members = []
    for spec in args.member:
        project, _, status = spec.partition(":")
        status = status or "pending"
        if not project or status not in MEMBER_STATUSES:
            raise SystemExit("load_images: --member wants PROJECT_ID[:%s], got %r" % ("|".join(MEMBER_STATUSES), spec))
        members.append((project, status))
    props = []
    for spec in args.property:
        key, sep, value = spec.partition("=")
        if not sep or not key:
            raise SystemExit("load_images: --property wants KEY=VALUE, got %r" % spec)
        props.append((key, value))
    prefix = args.name_prefix or args.tag
    width = max(5, len(str(args.count)))
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0, tzinfo=None)
    base = now - datetime.timedelta(seconds=args.count)
    active = args.status == "active"
    store = store_dir(args.db)
    if active and not os.path.isdir(store):
        raise SystemExit("load_images: --status active needs the image store at %s" % store)

    ids, images, tags, mems, properties, locations = [], [], [], [], [], []
    for i in range(args.count):
        image_id = str(uuid.uuid4())
        created = ts(base + datetime.timedelta(seconds=i))
        ids.append(image_id)
        images.append((image_id, "%s-%0*d" % (prefix, width, i + 1), 0 if active else None, args.status,
                       created, created, None, 0, "raw", "bare", EMPTY_MD5 if active else None, args.owner,
                       0, 0, 0, None, args.visibility, 0,
                       "sha512" if active else None, EMPTY_SHA512 if active else None))
        tags.append((image_id, args.tag, created, created, None, 0))
        for project, status in members:
            mems.append((image_id, project, 0, created, created, None, 0, status))
        for key, value in props:
            properties.append((image_id, key, value, created, created, None, 0))
        if active:
            locations.append((image_id, "file://%s/%s" % (store, image_id), created, created, None, 0,
                              '{"store": "fs"}', "active"))

    db = connect(args.db)
    db.execute("BEGIN IMMEDIATE")
    try:
        db.executemany(
            "INSERT INTO images (id, name, size, status, created_at, updated_at, deleted_at, deleted,"
            " disk_format, container_format, checksum, owner, min_disk, min_ram, protected, virtual_size,"
            " visibility, os_hidden, os_hash_algo, os_hash_value)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", images)
        db.executemany("INSERT INTO image_tags (image_id, value, created_at, updated_at, deleted_at, deleted)"
                       " VALUES (?,?,?,?,?,?)", tags)
        db.executemany("INSERT INTO image_members (image_id, member, can_share, created_at, updated_at,"
                       " deleted_at, deleted, status) VALUES (?,?,?,?,?,?,?,?)", mems)
        db.executemany("INSERT INTO image_properties (image_id, name, value, created_at, updated_at,"
                       " deleted_at, deleted) VALUES (?,?,?,?,?,?,?)", properties)
        db.executemany("INSERT INTO image_locations (image_id, value, created_at, updated_at, deleted_at,"
                       " deleted, meta_data, status) VALUES (?,?,?,?,?,?,?,?)", locations)
        for image_id in ids if active else ():
            open(os.path.join(store, image_id), "wb").close()
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        for image_id in ids if active else ():
            try:
                os.unlink(os.path.join(store, image_id))
            except OSError:
                pass
        raise
    return {"count": len(ids), "tag": args.tag, "ids": ids}


def delete_tag(args):
    """Hard delete: the rows vanish as if never created (glance's own delete only marks them)."""
    db = connect(args.db)
    db.execute("BEGIN IMMEDIATE")
    try:
        db.execute("CREATE TEMP TABLE doomed AS SELECT DISTINCT image_id AS id FROM image_tags WHERE value = ?",
                   (args.delete_tag,))
        store = os.path.realpath(store_dir(args.db))
        files = []
        for (value,) in db.execute("SELECT value FROM image_locations WHERE image_id IN (SELECT id FROM doomed)"):
            path = urlparse(value).path if value.startswith("file://") else None
            # only data files inside this stack's own store
            if path and os.path.dirname(os.path.realpath(path)) == store:
                files.append(path)
        for table in ("image_members", "image_tags", "image_properties", "image_locations"):
            db.execute("DELETE FROM %s WHERE image_id IN (SELECT id FROM doomed)" % table)
        count = db.execute("DELETE FROM images WHERE id IN (SELECT id FROM doomed)").rowcount
        db.execute("DROP TABLE doomed")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    for path in files:
        try:
            os.unlink(path)
        except OSError:
            pass
    return {"deleted": count, "tag": args.delete_tag}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--db", help="glance.db (stack.json: regions.<NAME>.glanceDb)")
    where.add_argument("--region", help="the region whose database to use, e.g. RegionTwo (read from stack.json)")
    ap.add_argument("--stack-dir", default=os.environ.get("STACK_DIR") or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", ".stack"), help="with --region (default: $STACK_DIR or <repo>/.stack)")
    ap.add_argument("--delete-tag", metavar="TAG", help="remove every image carrying TAG, then exit")
    ap.add_argument("--owner", help="owner project id")
    ap.add_argument("--count", type=int)
    ap.add_argument("--tag")
    ap.add_argument("--visibility", choices=("private", "shared", "community", "public"), default="shared")
    ap.add_argument("--member", action="append", default=[], metavar="PROJECT_ID[:STATUS]")
    ap.add_argument("--name-prefix")
    ap.add_argument("--status", choices=("queued", "active"), default="queued")
    ap.add_argument("--property", action="append", default=[], metavar="KEY=VALUE")
    args = ap.parse_args()
    if args.region:
        args.db = region_db(os.path.normpath(os.path.abspath(args.stack_dir)), args.region)
    if args.delete_tag is not None:
        result = delete_tag(args)
    else:
        if not args.owner or args.count is None or not args.tag:
            ap.error("--owner, --count and --tag are required (or --delete-tag)")
        if args.count < 0:
            ap.error("--count must be >= 0")
        result = load(args)
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
