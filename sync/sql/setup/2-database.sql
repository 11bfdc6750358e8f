-- Office server, step 2 of 3, as a superuser (not inside a transaction: CREATE DATABASE):
--   psql -v ON_ERROR_STOP=1 -h HOST -U postgres -d postgres -v database=scw -f 2-database.sql
CREATE DATABASE :"database" OWNER scw_owner ENCODING 'UTF8' TEMPLATE template0;
-- Nobody but the owner and the desk group may connect; no temporary tables for desks.
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"database" TO scw_desk;
\connect :"database"
-- PostgreSQL 15 already withholds CREATE on schema public; older servers and some PG-compatible
-- ones grant it to everyone.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
