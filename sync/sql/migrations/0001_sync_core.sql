-- Office-server schema version 1: record sync.
-- Run by the workbench when it connects as the owner role, or by a DBA as that role:
--   psql -v ON_ERROR_STOP=1 -1 -h HOST -U scw_owner -d scw -f 0001_sync_core.sql
-- Needs the group role scw_desk (setup/roles.sql). Plain SQL accepted by PostgreSQL and the
-- PG-compatible servers: no PL/pgSQL, no extensions, JSON kept as text (the server never
-- interprets it; text also keeps the exact bytes a desk's hash chain was computed over).

CREATE SCHEMA scw;

-- One row per applied migration; the app refuses a server whose highest version it does not know.
CREATE TABLE scw.schema_version (
  version    integer PRIMARY KEY,
  name       varchar(100) NOT NULL,
  applied_at timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
  applied_by varchar(128) NOT NULL DEFAULT CURRENT_USER
);

-- The server sequence. Pushes take it only while holding the push lock (an advisory lock), so
-- sequence order is commit order and a pull cursor never passes a row that commits later.
CREATE SEQUENCE scw.seq;

-- Append-only change log: one row per change-log entry a desk pushed.
CREATE TABLE scw.changes (
  change_id  varchar(64) PRIMARY KEY,
  seq        bigint NOT NULL,
  entity     varchar(64) NOT NULL,
  record_id  varchar(64) NOT NULL,
  desk       varchar(100) NOT NULL,
  pushed_by  varchar(128) NOT NULL DEFAULT CURRENT_USER,
  pushed_at  timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
  entry      text NOT NULL
);
CREATE UNIQUE INDEX changes_seq ON scw.changes (seq);
CREATE INDEX changes_record ON scw.changes (entity, record_id, seq);

-- Current state: one row per record, its head = the id of the change that produced it.
CREATE TABLE scw.records (
  entity     varchar(64) NOT NULL,
  id         varchar(64) NOT NULL,
  head       varchar(64) NOT NULL,
  deleted    smallint NOT NULL CHECK (deleted IN (0, 1)),
  seq        bigint NOT NULL,
  updated_at timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
  desk       varchar(100) NOT NULL,
  record     text NOT NULL,
  PRIMARY KEY (entity, id)
);
CREATE UNIQUE INDEX records_seq ON scw.records (seq);

-- Office-wide settings (per-desk settings never leave the desk); version is compare-and-set.
CREATE TABLE scw.office_settings (
  key        varchar(200) PRIMARY KEY,
  version    varchar(64) NOT NULL,
  value      text NOT NULL,
  seq        bigint NOT NULL,
  updated_at timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
  desk       varchar(100) NOT NULL
);

-- The desk role reads and writes the sync tables and nothing else: the change log is
-- append-only for it (no UPDATE or DELETE), records are never deleted (tombstones).
GRANT USAGE ON SCHEMA scw TO scw_desk;
GRANT SELECT ON scw.schema_version TO scw_desk;
GRANT USAGE, SELECT ON SEQUENCE scw.seq TO scw_desk;
GRANT SELECT, INSERT ON scw.changes TO scw_desk;
GRANT SELECT, INSERT, UPDATE ON scw.records TO scw_desk;
GRANT SELECT, INSERT, UPDATE ON scw.office_settings TO scw_desk;

INSERT INTO scw.schema_version (version, name) VALUES (1, 'sync core');
