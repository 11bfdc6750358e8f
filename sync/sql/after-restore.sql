-- Run once after restoring the office database from a backup (pg_restore, or a point-in-time
-- recovery), as scw_owner, before desks reconnect:
--   psql -v ON_ERROR_STOP=1 -h HOST -U scw_owner -d scw -f after-restore.sql
-- The restored server is older than what desks have pulled; a new epoch makes each desk's next pull
-- start again from the beginning (nothing is lost: a desk re-sends what the restored server lacks).
UPDATE scw.server_epoch SET epoch = md5(random()::text || clock_timestamp()::text);
