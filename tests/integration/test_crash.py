"""SIGKILL skerryd at random points of a concurrent write load (appends and deletes); after each
restart every acknowledged write is intact, every acknowledged delete stays done, and nothing is
corrupt: not the items, the change log, the blob reference counts nor the database's B-trees
(DESIGN §4 durability contract)."""
import hashlib
import os
import random
import sqlite3
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import skerry  # noqa: E402

ROUNDS = int(os.environ.get("SKERRY_CRASH_ROUNDS", "6"))
WRITERS = 12
DELETE_SHARE = 0.15  # of a writer's operations, a delete of one of its own acknowledged appends
# The smallest WAL skerryd accepts: the load then crosses it many times a round, so the kills
# land among background checkpoints, the writer's own copies and WAL restarts, not only between
# appends (docs/formats/schema.md, "Checkpoints").
WAL_PAGES = 1000
WAL_FRAME = 4096 + 24
# The smallest change-log tail too, so that kills also land in and around folds of the log.
CHANGE_TAIL_ROWS = 16


class CrashUnderLoad(unittest.TestCase):
    def test_acknowledged_writes_survive_sigkill(self):
        rng = random.Random(int(os.environ.get("SKERRY_CRASH_SEED", str(int(time.time())))))
        s = skerry.Server(config_text=f"[store]\nwal_pages = {WAL_PAGES}\n"
                                      f"change_tail_rows = {CHANGE_TAIL_ROWS}\n")
        wal = os.path.join(s.data_dir, "store", "skerry.db-wal")
        largest_wal = 0
        acked = {}    # item id -> (folder id, sha256, size): acknowledged appends, not deleted
        doubt = {}    # the same for items whose delete was in flight at the kill
        deleted = set()  # acknowledged deletes
        failures = []  # errors the server gave while it was alive: each one fails the test
        lock = threading.Lock()
        try:
            s.start()
            mbx = s.create_mailbox(s.create_org())
            folders = [s.folder_id(mbx, "Inbox")] + [s.create_folder(mbx, f"f{i}") for i in range(3)]
            deletes = 0
            for round_no in range(ROUNDS):
                stop = threading.Event()
                killed = threading.Event()

                def writer(seed):
                    try:
                        write(seed)
                    except BaseException as e:  # noqa: BLE001 - a bug in the client must not pass quietly
                        failures.append(f"client: {e!r}")

                def write(seed):
                    nonlocal deletes
                    wrng = random.Random(seed)
                    mine = []
                    while not stop.is_set():
                        if mine and wrng.random() < DELETE_SHARE:
                            item_id = mine.pop(wrng.randrange(len(mine)))
                            with lock:
                                doubt[item_id] = acked.pop(item_id)
                            try:
                                s.request("DELETE", f"/skerry/v1/mailboxes/{mbx}/items/{item_id}")
                            except Exception as e:  # noqa: BLE001
                                if not killed.is_set():
                                    failures.append(f"delete {item_id}: {e}")
                                return  # in doubt: may or may not be deleted
                            with lock:
                                del doubt[item_id]
                                deleted.add(item_id)
                                deletes += 1
                            continue
                        size = wrng.choice([200, 5000, 70000, 300000])
                        body = os.urandom(size // 2).hex().encode()
                        msg = b"Subject: crash test\r\n\r\n" + body
                        folder = wrng.choice(folders)
                        try:
                            r = s.append(mbx, folder, msg)
                        except Exception as e:  # noqa: BLE001
                            if not killed.is_set():
                                failures.append(f"append: {e}")
                            return  # the server died under us: unacknowledged, may or may not exist
                        with lock:
                            acked[r["itemId"]] = (folder, hashlib.sha256(msg).hexdigest(), len(msg))
                        mine.append(r["itemId"])

                threads = [threading.Thread(target=writer, args=(rng.random(),)) for _ in range(WRITERS)]
                for t in threads:
                    t.start()
                time.sleep(rng.uniform(0.3, 2.0))
                largest_wal = max(largest_wal, os.path.getsize(wal))
                killed.set()  # from here on an error is the kill's doing
                s.kill()
                stop.set()
                for t in threads:
                    t.join(timeout=60)
                    self.assertFalse(t.is_alive(), "a client still waits 60 s after the kill")
                self.assertEqual(failures, [], "the server failed writes before it was killed")
                s.start()
                self.verify(s, mbx, folders, acked, doubt, deleted)
                self.check_database(s)
            self.assertGreater(len(acked) + len(deleted), ROUNDS * 5, "the load wrote too little to mean anything")
            if ROUNDS >= 3:  # fewer, short rounds may end before a client's first delete
                self.assertGreater(deletes, 0, "the load deleted nothing")
            # Twice wal_pages at most, plus the batch that crossed it: the WAL started over.
            self.assertLess(largest_wal, (3 * WAL_PAGES) * WAL_FRAME, "the WAL did not start over")
            print(f"crash test: {len(acked) + len(deleted)} acknowledged appends, {deletes} deletes, "
                  f"largest WAL {largest_wal} bytes", file=sys.stderr)
        finally:
            s.close()

    def check_database(self, s):
        """The store's own structure, read beside the running server (WAL mode allows a reader):
        every B-tree whole, every blob's reference count equal to the items that use it."""
        db = sqlite3.connect(f"file:{os.path.join(s.data_dir, 'store', 'skerry.db')}?mode=ro", uri=True)
        try:
            self.assertEqual(db.execute("PRAGMA integrity_check").fetchall(), [("ok",)])
            self.assertEqual(db.execute("PRAGMA foreign_key_check").fetchall(), [])
            wrong = db.execute("SELECT b.id, b.refcount, (SELECT count(*) FROM items i WHERE i.blob_id = b.id)"
                               " FROM blobs b WHERE b.refcount != (SELECT count(*) FROM items i"
                               " WHERE i.blob_id = b.id)").fetchall()
            self.assertEqual(wrong, [], "blob reference counts disagree with the items")
            unrecorded = db.execute("SELECT count(*) FROM items i WHERE NOT EXISTS"
                                    " (SELECT 1 FROM blobs b WHERE b.id = i.blob_id)").fetchone()[0]
            self.assertEqual(unrecorded, 0, "an item's blob has no reference count")
        finally:
            db.close()

    def verify(self, s, mbx, folders, acked, doubt, deleted):
        listed = {}
        for folder in folders:
            after = 0
            uids = []
            while True:
                page = s.items(mbx, folder, after_uid=after, limit=500)
                if not page:
                    break
                for item in page:
                    listed[item["itemId"]] = item
                    uids.append(item["uid"])
                after = page[-1]["uid"]
            self.assertEqual(uids, sorted(set(uids)), "UIDs must be unique and ascending")
        for item_id, (folder, digest, size) in acked.items():
            self.assertIn(item_id, listed, "an acknowledged write is missing after SIGKILL")
            self.assertEqual(listed[item_id]["folderId"], folder)
            self.assertEqual(listed[item_id]["size"], size)
        for item_id in deleted:
            self.assertNotIn(item_id, listed, "an acknowledged delete came undone after SIGKILL")
            with self.assertRaises(skerry.ApiError) as e:
                s.fetch(mbx, item_id)
            self.assertEqual(e.exception.status, 404)
        # Every item the store lists, acknowledged or not, reads back whole: nothing corrupt.
        known = {**acked, **doubt}
        for item_id, item in listed.items():
            data = s.fetch(mbx, item_id)
            self.assertEqual(len(data), item["size"])
            if item_id in known:
                self.assertEqual(hashlib.sha256(data).hexdigest(), known[item_id][1])
        # A delete the kill interrupted either happened or did not; from now on it is known.
        for item_id in list(doubt):
            if item_id in listed:
                acked[item_id] = doubt.pop(item_id)
            else:
                doubt.pop(item_id)
                deleted.add(item_id)
        # The change log: every modseq from 1 on, once, in order (folds lose and double nothing),
        # an "item created" entry (kind 4) for every acknowledged append and an "item deleted"
        # one (kind 6) for every acknowledged delete.
        changes = []
        while True:
            page = s.changes(mbx, since=changes[-1]["modseq"] if changes else 0)
            if not page:
                break
            changes += page
        modseqs = [c["modseq"] for c in changes]
        self.assertEqual(modseqs, list(range(1, len(changes) + 1)),
                         "the change log must hold every modseq once, in order")
        created = {c["objectId"] for c in changes if c["kind"] == 4}
        for item_id in list(acked) + list(deleted):
            self.assertIn(item_id, created, "an acknowledged append is missing from the change log")
        gone = {c["objectId"] for c in changes if c["kind"] == 6}
        for item_id in deleted:
            self.assertIn(item_id, gone, "an acknowledged delete is missing from the change log")


if __name__ == "__main__":
    unittest.main()
