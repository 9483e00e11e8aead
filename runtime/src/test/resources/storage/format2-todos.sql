-- A storage-format-2 file, as the format-2 runtime (commit 429bf32) left the format-1 fixture
-- (format1-todos.sql) after opening it: the log copied with 16-byte ids, the pending index dropped
-- and the outbox's low-water mark set. Its log's CHECK constraints use IN lists (format 3 does not).
-- Dumped row by row (sqlite_stat tables left out); statements end with ';' at the end of a line.
CREATE TABLE "_events" ("local_seq" INTEGER PRIMARY KEY, "event_id" BLOB NOT NULL UNIQUE, "collection_id" TEXT NOT NULL, "type" TEXT NOT NULL CHECK ("type" IN ('insert', 'update', 'delete')), "key" TEXT NOT NULL, "payload" TEXT NOT NULL, "fields" TEXT, "timestamp" INTEGER NOT NULL, "origin" TEXT NOT NULL CHECK ("origin" IN ('local', 'remote')), "global_seq" INTEGER, "sync_status" TEXT NOT NULL CHECK ("sync_status" IN ('pending', 'synced', 'rejected')), "schema_version" INTEGER NOT NULL, "client_id" TEXT, "error" TEXT);
CREATE TABLE "_meta" ("key" TEXT NOT NULL PRIMARY KEY, "value" TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE "todos" ("id" TEXT NOT NULL PRIMARY KEY, "title" TEXT, "status" TEXT, "created_at" INTEGER NOT NULL, "priority" INTEGER, "_origin" TEXT NOT NULL DEFAULT 'local', "_pending" INTEGER NOT NULL DEFAULT 0);
CREATE UNIQUE INDEX "_events_global_seq" ON "_events" ("global_seq") WHERE "global_seq" IS NOT NULL;
CREATE INDEX "_events_row" ON "_events" ("collection_id", "key");
CREATE INDEX "todos_status_created_at_idx" ON "todos" ("status", "created_at");
INSERT INTO "_events" VALUES (1, X'01A231087959765080D1925183A2C40E', 'todos', 'insert', 'c', '{"id":"c","title":"eggs","status":"PENDING","createdAt":3,"priority":null}', NULL, 1796118968665, 'local', 3, 'synced', 1, NULL, NULL);
INSERT INTO "_events" VALUES (2, X'01A2310877077924AD3ECDC3E96F572C', 'todos', 'insert', 'a', '{"id":"a","title":"milk","status":"PENDING","createdAt":1,"priority":null}', NULL, 1796118968071, 'remote', 1, 'synced', 1, '86fe76e6-ee96-4657-9595-44b279191ece', NULL);
INSERT INTO "_events" VALUES (3, X'01A23108773C7E1F981EB6CC8D2C0B27', 'todos', 'insert', 'b', '{"id":"b","title":"bread","status":"COMPLETE","createdAt":2,"priority":5}', NULL, 1796118968124, 'remote', 2, 'synced', 1, '86fe76e6-ee96-4657-9595-44b279191ece', NULL);
INSERT INTO "_events" VALUES (4, X'01A2310879D2728BBCE83BEECD87B0F5', 'todos', 'insert', 'd', '{"id":"d","title":"tea","status":"PENDING","createdAt":4,"priority":1}', NULL, 1796118968786, 'local', NULL, 'pending', 1, NULL, NULL);
INSERT INTO "_events" VALUES (5, X'01A2310879D671D5B777F46034C191A3', 'todos', 'update', 'a', '{"id":"a","title":"oat milk","status":"PENDING","createdAt":1,"priority":null}', '["title"]', 1796118968790, 'local', NULL, 'pending', 1, NULL, NULL);
INSERT INTO "_events" VALUES (6, X'01A2310879E17A5C9BE0CFB4BBA323A6', 'todos', 'delete', 'b', '{"id":"b","title":"bread","status":"COMPLETE","createdAt":2,"priority":5}', NULL, 1796118968801, 'local', NULL, 'pending', 1, NULL, NULL);
INSERT INTO "_meta" VALUES ('client_id', '89531b9f-f3a7-4939-bc88-6830b68f8893');
INSERT INTO "_meta" VALUES ('columns:todos', '{"table":"todos","columns":[{"component":"id","column":"id","type":"STRING","nullable":false,"key":true},{"component":"title","column":"title","type":"STRING","nullable":true,"key":false},{"component":"status","column":"status","type":"ENUM","nullable":true,"key":false},{"component":"createdAt","column":"created_at","type":"INTEGER","nullable":false,"key":false},{"component":"priority","column":"priority","type":"INTEGER","nullable":true,"key":false}]}');
INSERT INTO "_meta" VALUES ('components:todos', 'id STRING key
title STRING
status ENUM
createdAt INTEGER
priority INTEGER');
INSERT INTO "_meta" VALUES ('fingerprint:todos', 'fp-1');
INSERT INTO "_meta" VALUES ('format_version', '2');
INSERT INTO "_meta" VALUES ('indexes:todos', 'CREATE INDEX IF NOT EXISTS "todos_status_created_at_idx" ON "todos" ("status", "created_at")');
INSERT INTO "_meta" VALUES ('pending_from', '4');
INSERT INTO "_meta" VALUES ('pull_cursor', '3');
INSERT INTO "_meta" VALUES ('schema_version:todos', '1');
INSERT INTO "todos" VALUES ('a', 'oat milk', 'PENDING', 1, NULL, 'local', 1);
INSERT INTO "todos" VALUES ('c', 'eggs', 'PENDING', 3, NULL, 'local', 0);
INSERT INTO "todos" VALUES ('d', 'tea', 'PENDING', 4, 1, 'local', 1);
