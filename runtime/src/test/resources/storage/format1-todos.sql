-- A storage-format-1 file, as the runtime before format 2 wrote it (commit 249dceb, test fixture
-- TodoRepository, MemoryBackend): two events pulled from another device, one of its own pushed
-- and confirmed (pull cursor 3), then three pending (insert d, update a, delete b). Dumped row
-- by row; statements end with ';' at the end of a line.
CREATE TABLE "_meta" ("key" TEXT NOT NULL PRIMARY KEY, "value" TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE "_events" ("local_seq" INTEGER PRIMARY KEY, "event_id" TEXT NOT NULL UNIQUE, "collection_id" TEXT NOT NULL, "type" TEXT NOT NULL CHECK ("type" IN ('insert', 'update', 'delete')), "key" TEXT NOT NULL, "payload" TEXT NOT NULL, "fields" TEXT, "timestamp" INTEGER NOT NULL, "origin" TEXT NOT NULL CHECK ("origin" IN ('local', 'remote')), "global_seq" INTEGER, "sync_status" TEXT NOT NULL CHECK ("sync_status" IN ('pending', 'synced', 'rejected')), "schema_version" INTEGER NOT NULL, "client_id" TEXT, "error" TEXT);
CREATE TABLE "todos" ("id" TEXT NOT NULL PRIMARY KEY, "title" TEXT, "status" TEXT, "created_at" INTEGER NOT NULL, "priority" INTEGER, "_origin" TEXT NOT NULL DEFAULT 'local', "_pending" INTEGER NOT NULL DEFAULT 0);
CREATE UNIQUE INDEX "_events_global_seq" ON "_events" ("global_seq") WHERE "global_seq" IS NOT NULL;
CREATE INDEX "_events_pending" ON "_events" ("local_seq") WHERE "sync_status" = 'pending';
CREATE INDEX "_events_row" ON "_events" ("collection_id", "key");
CREATE INDEX "todos_status_created_at_idx" ON "todos" ("status", "created_at");
INSERT INTO "_meta" VALUES ('client_id', '89531b9f-f3a7-4939-bc88-6830b68f8893');
INSERT INTO "_meta" VALUES ('components:todos', 'id STRING key
title STRING
status ENUM
createdAt INTEGER
priority INTEGER');
INSERT INTO "_meta" VALUES ('fingerprint:todos', 'fp-1');
INSERT INTO "_meta" VALUES ('format_version', '1');
INSERT INTO "_meta" VALUES ('indexes:todos', 'CREATE INDEX IF NOT EXISTS "todos_status_created_at_idx" ON "todos" ("status", "created_at")');
INSERT INTO "_meta" VALUES ('pull_cursor', '3');
INSERT INTO "_meta" VALUES ('schema_version:todos', '1');
INSERT INTO "_events" VALUES (1, '01a23108-7959-7650-80d1-925183a2c40e', 'todos', 'insert', 'c', '{"id":"c","title":"eggs","status":"PENDING","createdAt":3,"priority":null}', NULL, 1796118968665, 'local', 3, 'synced', 1, NULL, NULL);
INSERT INTO "_events" VALUES (2, '01a23108-7707-7924-ad3e-cdc3e96f572c', 'todos', 'insert', 'a', '{"id":"a","title":"milk","status":"PENDING","createdAt":1,"priority":null}', NULL, 1796118968071, 'remote', 1, 'synced', 1, '86fe76e6-ee96-4657-9595-44b279191ece', NULL);
INSERT INTO "_events" VALUES (3, '01a23108-773c-7e1f-981e-b6cc8d2c0b27', 'todos', 'insert', 'b', '{"id":"b","title":"bread","status":"COMPLETE","createdAt":2,"priority":5}', NULL, 1796118968124, 'remote', 2, 'synced', 1, '86fe76e6-ee96-4657-9595-44b279191ece', NULL);
INSERT INTO "_events" VALUES (4, '01a23108-79d2-728b-bce8-3beecd87b0f5', 'todos', 'insert', 'd', '{"id":"d","title":"tea","status":"PENDING","createdAt":4,"priority":1}', NULL, 1796118968786, 'local', NULL, 'pending', 1, NULL, NULL);
INSERT INTO "_events" VALUES (5, '01a23108-79d6-71d5-b777-f46034c191a3', 'todos', 'update', 'a', '{"id":"a","title":"oat milk","status":"PENDING","createdAt":1,"priority":null}', '["title"]', 1796118968790, 'local', NULL, 'pending', 1, NULL, NULL);
INSERT INTO "_events" VALUES (6, '01a23108-79e1-7a5c-9be0-cfb4bba323a6', 'todos', 'delete', 'b', '{"id":"b","title":"bread","status":"COMPLETE","createdAt":2,"priority":5}', NULL, 1796118968801, 'local', NULL, 'pending', 1, NULL, NULL);
INSERT INTO "todos" VALUES ('c', 'eggs', 'PENDING', 3, NULL, 'local', 0);
INSERT INTO "todos" VALUES ('a', 'oat milk', 'PENDING', 1, NULL, 'local', 1);
INSERT INTO "todos" VALUES ('d', 'tea', 'PENDING', 4, 1, 'local', 1);
