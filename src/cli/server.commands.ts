import fs from 'node:fs';
import type { Command } from 'commander';
import { createToken, createUser, findUserByEmail, setPassword } from '../app/accounts/accounts.use-cases.ts';
import { isRole, SYSTEM_ACTOR, type Role } from '../app/actor.ts';
import { exportAll } from '../app/export/export.use-cases.ts';
import { importSlaYaml } from '../app/slas/sla-import.ts';
import { importTicketsCsv } from '../app/tickets/import.use-cases.ts';
import type { ConfigOverrides } from '../config/config.ts';
import { DomainError } from '../domain/shared/errors.ts';
import { parseInstant } from '../domain/shared/time.ts';
import type { CliIO } from './program.ts';
import type { CliRuntime } from './runtime.ts';

interface DbFlags {
  readonly dataDir?: string;
  readonly databaseUrl?: string;
}

const overridesOf = (flags: DbFlags & { port?: string; host?: string; services?: string }): ConfigOverrides => ({
  ...(flags.dataDir ? { dataDir: flags.dataDir } : {}),
  ...(flags.databaseUrl ? { databaseUrl: flags.databaseUrl } : {}),
  ...(flags.port ? { port: flags.port } : {}),
  ...(flags.host ? { host: flags.host } : {}),
  ...(flags.services ? { services: flags.services } : {}),
});

function dbOptions(cmd: Command): Command {
  return cmd
    .option('--data-dir <dir>', 'where the SQLite file lives (default ./data, or PLEDGE_DATA_DIR)')
    .option('--database-url <url>', 'postgres://… to use PostgreSQL instead of SQLite (or DATABASE_URL)');
}

async function readStdin(io: CliIO): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

function role(value: string): Role {
  if (!isRole(value)) throw new DomainError('USER_INVALID_ROLE', 'role must be admin, manager, agent or customer');
  return value;
}

/** `pledge serve`, `migrate`, `user`, `token` and `backup`: the commands that need the database. */
export function registerServerCommands(program: Command, io: CliIO, runtime: CliRuntime, setExit: (code: number) => void): void {
  const out = (line: string): void => {
    io.stdout.write(`${line}\n`);
  };

  dbOptions(
    program
      .command('serve')
      .description('start the Pledge server (API and web UI) and its worker (monitor checks); runs pending migrations first')
      .option('-p, --port <port>', 'port to listen on (default 3000, or PORT)')
      .option('--host <host>', 'address to bind (default localhost, or HOST; 0.0.0.0 for all)')
      .option('--services <roles>', 'roles of this process: web,worker (default both); split them over processes on PostgreSQL'),
  )
    .addHelpText('after', '\nExamples:\n  pledge serve\n  pledge serve --port 8080 --host 0.0.0.0\n  DATABASE_URL=postgres://pledge@db/pledge pledge serve --services web\n  DATABASE_URL=postgres://pledge@db/pledge pledge serve --services worker')
    .action(async (flags: DbFlags & { port?: string; host?: string; services?: string }) => {
      const server = await runtime.serve(overridesOf(flags), out);
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          out('Stopping…');
          void server.close().then(resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });

  dbOptions(program.command('migrate').description('apply pending database migrations (serve does this too)')).action(async (flags: DbFlags) => {
    const { applied, location } = await runtime.migrate(overridesOf(flags));
    out(applied.length ? `Applied ${applied.length} migration(s) to ${location}: ${applied.join(', ')}` : `Database ${location} is up to date.`);
  });

  const user = program.command('user').description('manage user accounts from the shell');
  dbOptions(
    user
      .command('add')
      .description('create a user; prints a generated password unless --password-stdin is given')
      .requiredOption('--email <email>', 'the sign-in email')
      .option('--name <name>', 'display name')
      .option('--role <role>', 'admin, manager, agent or customer', 'agent')
      .option('--customer <id>', 'for role customer: the customer this viewer belongs to')
      .option('--password-stdin', 'read the password from standard input'),
  )
    .addHelpText('after', '\nExamples:\n  pledge user add --email lead@example.com --role admin\n  echo "$PASSWORD" | pledge user add --email agent@example.com --role agent --password-stdin')
    .action(async (flags: DbFlags & { email: string; name?: string; role: string; customer?: string; passwordStdin?: boolean }) => {
      const opened = await runtime.open(overridesOf(flags));
      try {
        const password = flags.passwordStdin ? await readStdin(io) : opened.ctx.secrets.randomToken(15);
        const created = await createUser(opened.ctx, SYSTEM_ACTOR, {
          email: flags.email,
          role: role(flags.role),
          password,
          ...(flags.name ? { name: flags.name } : {}),
          ...(flags.customer ? { customerId: flags.customer } : {}),
        });
        out(`Created ${created.role} ${created.email} (id ${created.id}).`);
        if (!flags.passwordStdin) out(`Password (shown once): ${password}`);
      } finally {
        await opened.close();
      }
    });
  dbOptions(
    user
      .command('reset-password')
      .description('set a new password for a user and sign them out everywhere')
      .requiredOption('--email <email>', 'the user')
      .option('--password-stdin', 'read the new password from standard input (otherwise one is generated and printed)'),
  ).action(async (flags: DbFlags & { email: string; passwordStdin?: boolean }) => {
    const opened = await runtime.open(overridesOf(flags));
    try {
      const found = await findUserByEmail(opened.ctx, flags.email);
      if (!found) throw new DomainError('USER_NOT_FOUND', `no user with the email ${flags.email}`);
      const password = flags.passwordStdin ? await readStdin(io) : opened.ctx.secrets.randomToken(15);
      await setPassword(opened.ctx, SYSTEM_ACTOR, found.id, password);
      out(`New password set for ${found.email}.`);
      if (!flags.passwordStdin) out(`Password (shown once): ${password}`);
    } finally {
      await opened.close();
    }
  });

  const token = program.command('token').description('manage API tokens from the shell');
  dbOptions(
    token
      .command('create')
      .description('create an API token for a user and print it (shown once)')
      .requiredOption('--email <email>', 'the user the token acts as')
      .requiredOption('--name <name>', 'what the token is for, e.g. "monitoring script"')
      .option('--role <role>', 'limit the token to a lower role than its user')
      .option('--customer <id>', 'limit the token to one customer')
      .option('--expires <instant>', 'expiry, e.g. 2027-01-01T00:00:00Z'),
  )
    .addHelpText('after', '\nExample:\n  pledge token create --email lead@example.com --name "helpdesk sync"\n  curl -H "Authorization: Bearer plg_…" http://localhost:3000/api/v1/tickets')
    .action(async (flags: DbFlags & { email: string; name: string; role?: string; customer?: string; expires?: string }) => {
      const opened = await runtime.open(overridesOf(flags));
      try {
        const found = await findUserByEmail(opened.ctx, flags.email);
        if (!found) throw new DomainError('USER_NOT_FOUND', `no user with the email ${flags.email}`);
        const created = await createToken(opened.ctx, { ...SYSTEM_ACTOR, userId: found.id }, {
          name: flags.name,
          userId: found.id,
          ...(flags.role ? { role: role(flags.role) } : {}),
          ...(flags.customer ? { customerId: flags.customer } : {}),
          ...(flags.expires ? { expiresAt: parseInstant(flags.expires, '--expires') } : {}),
        });
        out(created.token);
        io.stderr.write(`Token "${created.record.name}" for ${found.email} with role ${created.record.role}; store it now, it is not shown again.\n`);
      } finally {
        await opened.close();
      }
    });

  const importCmd = program.command('import').description('bring SLA definitions (YAML) and ticket history (CSV) in');
  dbOptions(
    importCmd
      .command('sla')
      .description('SLA as code: create or update SLAs from a YAML file (a new draft version when the terms changed)')
      .argument('<file>', 'the YAML file, or - for stdin'),
  )
    .addHelpText('after', '\nExample:\n  pledge import sla examples/sla-managed-workplace.yaml\nThe file format is described in docs/slas.md.')
    .action(async (file: string, flags: DbFlags) => {
      const text = file === '-' ? await readStdin(io) : fs.readFileSync(file, 'utf8');
      const opened = await runtime.open(overridesOf(flags));
      try {
        const result = await importSlaYaml(opened.ctx, SYSTEM_ACTOR, text);
        for (const item of result.items) {
          out(`${item.name}: ${item.action.replace(/_/g, ' ')} (version ${item.version}, id ${item.slaId})`);
          for (const change of item.changes) out(`  ${JSON.stringify(change)}`);
        }
      } finally {
        await opened.close();
      }
    });
  dbOptions(
    importCmd
      .command('tickets')
      .description('import tickets with their history from a CSV file (one row per event); clocks are computed retroactively')
      .argument('<file>', 'the CSV file, or - for stdin'),
  )
    .addHelpText('after', '\nExample:\n  pledge import tickets examples/tickets-import.csv\nColumns: external_ref,at,type,customer,service,ticket_type,title,priority,status,author,public (docs/tickets.md).')
    .action(async (file: string, flags: DbFlags) => {
      const text = file === '-' ? await readStdin(io) : fs.readFileSync(file, 'utf8');
      const opened = await runtime.open(overridesOf(flags));
      try {
        const result = await importTicketsCsv(opened.ctx, SYSTEM_ACTOR, text);
        out(`Imported: ${result.created} new ticket(s), ${result.updated} updated, ${result.events} event(s).`);
        for (const e of result.errors) io.stderr.write(`line ${e.line}: ${e.message} [${e.code}]\n`);
        if (result.errors.length > 0) setExit(1);
      } finally {
        await opened.close();
      }
    });

  dbOptions(
    program
      .command('export')
      .description('write customers, services, calendars, SLAs and tickets with their events as one JSON document')
      .option('-o, --out <file>', 'write to this file instead of stdout'),
  )
    .addHelpText('after', '\nExample:\n  pledge export --out pledge-export.json\nUsers, tokens and the audit log are not exported.')
    .action(async (flags: DbFlags & { out?: string }) => {
      const opened = await runtime.open(overridesOf(flags));
      try {
        const json = `${JSON.stringify(await exportAll(opened.ctx, SYSTEM_ACTOR), null, 2)}\n`;
        if (flags.out) {
          fs.writeFileSync(flags.out, json);
          io.stderr.write(`Export written to ${flags.out}\n`);
        } else io.stdout.write(json);
      } finally {
        await opened.close();
      }
    });

  dbOptions(
    program
      .command('backup')
      .description('online backup of the SQLite database to a file (safe while the server runs)')
      .argument('[file]', 'target file (default data/backups/pledge-<time>.sqlite)'),
  ).action(async (file: string | undefined, flags: DbFlags) => {
    const written = await runtime.backup(overridesOf(flags), file);
    out(`Backup written to ${written}`);
  });
}
