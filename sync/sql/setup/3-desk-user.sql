-- Office server, step 3 of 3, once per desk user, as a superuser or a role with CREATEROLE:
--   psql -v ON_ERROR_STOP=1 -h HOST -U postgres -d postgres \
--        -v desk_user=desk_caiwu -v desk_password='…' -f 3-desk-user.sql
-- (Or leave the password out here and set it with psql's \password desk_caiwu.)
CREATE ROLE :"desk_user" LOGIN PASSWORD :'desk_password' IN ROLE scw_desk;
