-- Office-server schema version 2: stored files, the desk register, the server epoch.
--   psql -v ON_ERROR_STOP=1 -1 -h HOST -U scw_owner -d scw -f 0002_files_desks.sql

-- Files by content: the SHA-256 of the bytes is the key, so a file is uploaded once however many
-- records refer to it. Bytes in chunks of at most 1 MiB (bytea values stay small for the driver,
-- replication and pg_dump); the file row and its chunks are written in one transaction.
CREATE TABLE scw.files (
  sha256     char(64) PRIMARY KEY,
  size       bigint NOT NULL CHECK (size >= 0),
  chunks     integer NOT NULL CHECK (chunks >= 0),
  created_at timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
  desk       varchar(100) NOT NULL
);
CREATE TABLE scw.file_chunks (
  sha256 char(64) NOT NULL REFERENCES scw.files (sha256),
  idx    integer NOT NULL CHECK (idx >= 0),
  data   bytea NOT NULL,
  PRIMARY KEY (sha256, idx)
);

-- Desks of the office: name, the database user it connects as, and (later) the public key its
-- change-log entries are signed with.
CREATE TABLE scw.desks (
  name          varchar(100) PRIMARY KEY,
  public_key    text,
  db_user       varchar(128) NOT NULL DEFAULT CURRENT_USER,
  first_seen_at timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
  last_seen_at  timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Which life of this database a desk's pull cursor belongs to. Restoring a backup takes the
-- server back in time (its sequence too), so IT gives it a new epoch afterwards
-- (sync/sql/after-restore.sql) and every desk's next pull starts again from the beginning.
CREATE TABLE scw.server_epoch (
  epoch varchar(64) NOT NULL
);
INSERT INTO scw.server_epoch (epoch) VALUES (md5(random()::text || clock_timestamp()::text));

GRANT SELECT ON scw.server_epoch TO scw_desk;
GRANT SELECT, INSERT ON scw.files TO scw_desk;
GRANT SELECT, INSERT ON scw.file_chunks TO scw_desk;
GRANT SELECT, INSERT ON scw.desks TO scw_desk;
GRANT UPDATE (public_key, db_user, last_seen_at) ON scw.desks TO scw_desk;

INSERT INTO scw.schema_version (version, name) VALUES (2, 'files and desks');
