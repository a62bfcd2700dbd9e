-- A read-only role for dashboards and the commands that only read a fleet's PostgreSQL database:
-- `runs list`, `runs show`, `diff`, `report`, `report --fleet`, `changes`, `export`,
-- `baseline list|show|export`. Every command that writes (run, gate, baseline set, prune, copy
-- into it, migrate) fails as this role with one line: "can be read but not written" (exit 3).
--
-- Run it once, as the database's owner or a superuser, with psql's variables naming the
-- database, the role that owns sandbox-bench's tables (the one the hosts write with) and the new
-- role:
--
--   psql -d sandbox_bench -v database=sandbox_bench -v owner=sandbox_bench \
--        -v reader=sandbox_bench_reader -f Deploy/postgresql/reader-role.sql
--
-- then give the role a password (\password sandbox_bench_reader) or a client certificate.
-- The grants cover the tables and views that exist and, through the default privileges, those
-- a later migration creates. Nothing here lets the role write: no INSERT, UPDATE, DELETE,
-- TRUNCATE, no CREATE in the schema, and every transaction it starts is read-only.

\set ON_ERROR_STOP on

CREATE ROLE :"reader" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
GRANT CONNECT ON DATABASE :"database" TO :"reader";
GRANT USAGE ON SCHEMA public TO :"reader";
REVOKE CREATE ON SCHEMA public FROM :"reader";
GRANT SELECT ON ALL TABLES IN SCHEMA public TO :"reader";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT SELECT ON TABLES TO :"reader";
ALTER ROLE :"reader" SET default_transaction_read_only = on;
