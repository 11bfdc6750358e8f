-- Office server, step 1 of 3 (once per PostgreSQL cluster), as a superuser:
--   psql -v ON_ERROR_STOP=1 -h HOST -U postgres -d postgres -v owner_password='…' -f 1-roles.sql
-- scw_owner owns the database and runs the schema migrations (the workbench runs them when it is
-- connected as scw_owner, or a DBA runs sync/sql/migrations/*.sql as scw_owner).
-- scw_desk is a group without login: desk users are its members (3-desk-user.sql) and get only
-- what the migrations grant it: read and write the sync tables, no DDL.
CREATE ROLE scw_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE scw_desk NOLOGIN;
