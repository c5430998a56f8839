"""SIGKILL skerryd at random points of a concurrent write load; after each restart every
acknowledged write is intact and nothing is corrupt (DESIGN §4 durability contract)."""
import hashlib
import os
import random
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import skerry  # noqa: E402

ROUNDS = int(os.environ.get("SKERRY_CRASH_ROUNDS", "6"))
WRITERS = 8
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
        acked = {}  # item id -> (folder id, sha256, size)
        lock = threading.Lock()
        try:
            s.start()
            mbx = s.create_mailbox(s.create_org())
            folders = [s.folder_id(mbx, "Inbox")] + [s.create_folder(mbx, f"f{i}") for i in range(3)]
            for round_no in range(ROUNDS):
                stop = threading.Event()

                def writer(seed):
                    wrng = random.Random(seed)
                    while not stop.is_set():
                        size = wrng.choice([200, 5000, 70000, 300000])
                        body = os.urandom(size // 2).hex().encode()
                        msg = b"Subject: crash test\r\n\r\n" + body
                        folder = wrng.choice(folders)
                        try:
                            r = s.append(mbx, folder, msg)
                        except Exception:
                            return  # the server died under us: unacknowledged, may or may not exist
                        with lock:
                            acked[r["itemId"]] = (folder, hashlib.sha256(msg).hexdigest(), len(msg))

                threads = [threading.Thread(target=writer, args=(rng.random(),)) for _ in range(WRITERS)]
                for t in threads:
                    t.start()
                time.sleep(rng.uniform(0.3, 2.0))
                largest_wal = max(largest_wal, os.path.getsize(wal))
                s.kill()
                stop.set()
                for t in threads:
                    t.join(timeout=60)
                s.start()
                self.verify(s, mbx, folders, acked)
            self.assertGreater(len(acked), ROUNDS * 5, "the load wrote too little to mean anything")
            # Twice wal_pages at most, plus the batch that crossed it: the WAL started over.
            self.assertLess(largest_wal, (3 * WAL_PAGES) * WAL_FRAME, "the WAL did not start over")
            print(f"crash test: {len(acked)} acknowledged appends, largest WAL {largest_wal} bytes",
                  file=sys.stderr)
        finally:
            s.close()

    def verify(self, s, mbx, folders, acked):
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
        # Every item the store lists, acknowledged or not, reads back whole: nothing corrupt.
        for item_id, item in listed.items():
            data = s.fetch(mbx, item_id)
            self.assertEqual(len(data), item["size"])
            if item_id in acked:
                self.assertEqual(hashlib.sha256(data).hexdigest(), acked[item_id][1])
        # The change log: every modseq from 1 on, once, in order (folds lose and double nothing),
        # and an "item created" entry (kind 4) for every acknowledged append.
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
        for item_id in acked:
            self.assertIn(item_id, created, "an acknowledged append is missing from the change log")


if __name__ == "__main__":
    unittest.main()
