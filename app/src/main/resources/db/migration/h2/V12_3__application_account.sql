-- The account the running application connects as: not an administrator, so it cannot drop the triggers that
-- refuse rewrites, and (granted in AppAccountGrants after every migration) only SELECT and INSERT on the event,
-- chain, tree, checkpoint and key tables, so it cannot TRUNCATE them either. Migrations run as the administrator.
create user if not exists ${appuser} password '${apppassword}';

-- Each commit written to the file at once, so an acknowledged write survives a crash. A persistent setting that
-- only an administrator may make: it was a URL setting while the application connected as the administrator.
set write_delay 0;
