import { parseArgs } from 'node:util';
import { assertAcceptablePassword, hashPassword } from '@carparts/auth';
import { closeDb, databaseUrlFromEnv, isUniqueViolation, openDb, users } from '@carparts/db';
import { displayName, email, password, username } from '@carparts/domain';
import { z } from 'zod';

/**
 * Creates an operator account: the only way besides an existing operator's console.setUserRole.
 *   pnpm create-operator -- --username ops --email ops@example.com [--name "Ops Team"]
 * The password is read from OPERATOR_PASSWORD or, when unset, from standard input (never from argv, which other
 * users of the machine can read).
 */
const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { username: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' } },
});

async function readPassword(): Promise<string> {
  if (process.env.OPERATOR_PASSWORD) return process.env.OPERATOR_PASSWORD;
  process.stdout.write('Password for the new operator (at least 8 characters): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (String(chunk).includes('\n')) break;
  }
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n.*$/s, '');
}

const input = z
  .strictObject({ username, email, displayName, password })
  .safeParse({ username: values.username, email: values.email, displayName: values.name ?? values.username, password: await readPassword() });
if (!input.success) {
  for (const issue of input.error.issues) console.error(`${issue.path.join('.')}: ${issue.message}`);
  console.error('Usage: pnpm create-operator -- --username NAME --email ADDRESS [--name "Display name"]');
  process.exit(1);
}
try {
  assertAcceptablePassword(input.data.password);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const db = await openDb(databaseUrlFromEnv());
try {
  await db.insert(users).values({
    username: input.data.username,
    email: input.data.email,
    displayName: input.data.displayName,
    passwordHash: await hashPassword(input.data.password),
    role: 'operator',
    // given by whoever runs this command on the server, for an operator they know
    emailConfirmedAt: new Date(),
  });
  console.log(`Operator ${input.data.username} created.`);
} catch (error) {
  if (isUniqueViolation(error)) {
    console.error('An account with that username or email already exists.');
    process.exit(1);
  }
  throw error;
} finally {
  closeDb(db);
}
